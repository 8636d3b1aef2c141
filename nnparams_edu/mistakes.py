"""The catalogue of counting mistakes.

Each :class:`Mistake` knows the total it gives for a net. Most mistakes give one
total; the connection mistakes (leaving one connection out, counting one
twice) give one total per connection. Telling which mistakes give a student's
number is :mod:`nnparams_edu.diagnosis`; the catalogue as a table for students
is :mod:`nnparams_edu.mistake_tables`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .count import layer_breakdown
from .spec import as_net

__all__ = ["Mistake", "MISTAKES", "connection_name"]

_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh",
             "eighth", "ninth", "tenth", "eleventh", "twelfth")


def connection_name(net, k: int) -> str:
    """Connection *k* (0-based) as a student reads it: its layers and place.

    Parameters
    ----------
    net : str, sequence of int or Net
    k : int
        The connection, counting from 0.

    Returns
    -------
    str
        ``"n → m (the ... connection)"``; places are words, not digits, so
        they can never be mistaken for a count.

    Examples
    --------
    >>> connection_name("4-16-8-4-2", 1), connection_name("4-16-8-4-2", 3)
    ('16 → 8 (the second connection)', '4 → 2 (the last connection)')
    >>> connection_name("5-8", 0)
    '5 → 8 (the only connection)'
    """
    net = as_net(net)
    n, m = net.layers[k], net.layers[k + 1]
    if net.connections == 1:
        place = "the only connection"
    elif k == net.connections - 1:
        place = "the last connection"
    elif k < len(_ORDINALS):
        place = f"the {_ORDINALS[k]} connection"
    else:
        place = f"connection {k + 1}"
    return f"{n:,} → {m:,} ({place})"


def _counts(net):
    """(n + 1) × m, or n × m without biases, for each connection (the
    breakdown of a net is worked out once and kept)."""
    return [row.total for row in layer_breakdown(net).rows]


def _right(net):
    return layer_breakdown(net).total


def _output_biases(net) -> bool:
    """Whether the last connection has biases (to count twice or leave out)."""
    return bool(net.bias[-1])


@dataclass(frozen=True)
class Mistake:
    """One catalogued mistake.

    ``title`` and ``computes`` are for students (a table heading and the
    calculation in words); ``did`` completes "… is what you would get if you …"
    (``{connection}`` in it is filled with :func:`connection_name`);
    ``formula(net)`` gives the total, or with ``per_connection`` set,
    ``formula(right, count, connections)`` gives the total when the mistake
    is made on a connection of *count* parameters in a net whose right count
    is *right* (None: does not apply). ``applies(net)`` says whether the net
    leaves room for the mistake at all (no output biases to count twice, no
    connection marked nobias to give biases): where it does not, the mistake
    gives no total.

    Examples
    --------
    >>> MISTAKES["forgot_biases"].totals("5-8-4-3")
    ((84, 'counted only the weights n × m and forgot the biases'),)
    >>> [total for total, _ in MISTAKES["left_out"].totals("5-8-4-3")]
    [51, 63, 84]
    >>> MISTAKES["ignored_nobias"].totals("5-8-4-3")  # every connection has biases
    ()
    """

    title: str
    computes: str
    did: str
    formula: Callable
    per_connection: bool = False
    #: For a connection mistake that many connections give: ``{k}`` of them.
    many: str = ""
    applies: Callable = lambda net: True

    def totals(self, net, only=None) -> tuple:
        """``(total, what the student did)`` for each way this mistake applies
        (with *only*, just the ways that give that total)."""
        net = as_net(net)
        if not self.applies(net):
            return ()
        if not self.per_connection:
            total = self.formula(net)
            return ((total, self.did),) if only is None or total == only else ()
        right, n = _right(net), net.connections
        found = []
        for k, count in enumerate(_counts(net)):  # one pass, however deep the net
            total = self.formula(right, count, n)
            if total is not None and (only is None or total == only):
                found.append((total, self.did.format(connection=connection_name(net, k))))
        return tuple(found)


#: The catalogue: short name -> :class:`Mistake`, in the order feedback names them.
MISTAKES = {
    "forgot_biases": Mistake(
        "Forgot the biases", "n × m for each connection, added up",
        "counted only the weights n × m and forgot the biases",
        lambda net: sum(n * m for n, m in zip(net.layers, net.layers[1:]))),
    "swapped_bias": Mistake(
        "Put the +1 on the receiving layer", "n × (m + 1) for each connection, added up",
        "counted n × (m + 1) instead of (n + 1) × m: the +1 belongs to the layer that "
        "sends, one bias for each receiving unit",
        lambda net: sum(n * (m + b) for n, m, b in
                        zip(net.layers, net.layers[1:], net.bias))),
    "input_bias": Mistake(
        "Gave the input units biases", "the right count plus one bias per input unit",
        "gave the input units biases; input units only hold the data, biases belong to "
        "the units that receive connections",
        lambda net: _right(net) + net.layers[0]),
    "output_bias": Mistake(
        "Counted the output biases twice",
        "the right count plus one more bias per output unit",
        "counted the output layer's biases twice; they are already the +1 in the last "
        "(n + 1) × m",
        lambda net: _right(net) + net.layers[-1], applies=_output_biases),
    "missing_output_bias": Mistake(
        "Left out the output biases", "the right count minus one bias per output unit",
        "left out the output layer's biases; output units have a bias too",
        lambda net: _right(net) - net.layers[-1], applies=_output_biases),
    "bias_per_layer": Mistake(
        "One bias per layer, not per unit", "n × m + 1 for each connection, added up",
        "counted one bias per layer instead of one per unit",
        lambda net: sum(n * m + b for n, m, b in zip(net.layers, net.layers[1:], net.bias))),
    "counted_units": Mistake(
        "Counted the nodes", "all units plus all the +1 nodes",
        "counted the nodes (units and +1 nodes) instead of the connections between them",
        lambda net: sum(net.layers) + sum(net.bias)),
    "added_sizes": Mistake(
        "Added the layer sizes", "the layer sizes added up",
        "added the layer sizes instead of counting connections",
        lambda net: sum(net.layers)),
    "added_not_multiplied": Mistake(
        "Added instead of multiplied", "(n + 1) + m for each connection, added up",
        "added (n + 1) + m instead of multiplying: each of the n + 1 sending nodes has a "
        "weight to every one of the m receiving units",
        lambda net: sum(n + b + m for n, m, b in zip(net.layers, net.layers[1:], net.bias))),
    "ignored_nobias": Mistake(
        "Gave biases to a connection without them",
        "(n + 1) × m for every connection, those marked nobias included",
        "gave biases to the connections marked nobias; they have weights only, n × m",
        lambda net: sum((n + 1) * m for n, m in zip(net.layers, net.layers[1:])),
        applies=lambda net: not all(net.bias)),
    "left_out": Mistake(
        "Left out a connection", "the right count without one connection's (n + 1) × m",
        "left out {connection}",
        lambda right, count, connections: right - count if connections > 1 else None,
        per_connection=True,
        many="left out one connection (any of the {k:,} that would give this number)"),
    "counted_twice": Mistake(
        "Counted a connection twice",
        "the right count plus one connection's (n + 1) × m again",
        "counted {connection} twice",
        lambda right, count, connections: right + count, per_connection=True,
        many="counted one connection twice (any of the {k:,} that would give this number)"),
}


def __getattr__(name):
    # these lived here before the diagnosis and the table had modules of their own
    if name in ("diagnose", "explain"):
        from . import diagnosis
        return getattr(diagnosis, name)
    if name in ("mistake_table", "MistakeTable"):
        from . import mistake_tables
        return getattr(mistake_tables, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
