"""The catalogue of counting mistakes, the diagnosis of a wrong total, and a
table of the catalogue for students.

Each :class:`Mistake` knows the total it gives for a net. Most mistakes give one
total; the connection mistakes (leaving one connection out, counting one
twice) give one total per connection. :func:`diagnose` names *every* mistake
that gives a number, so an answer that two mistakes explain is not pinned on
one of them.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Callable

from .count import layer_breakdown
from .spec import as_net

__all__ = ["Mistake", "MISTAKES", "diagnose", "explain", "connection_name",
           "mistake_table", "MistakeTable"]

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


@dataclass(frozen=True)
class Mistake:
    """One catalogued mistake.

    ``title`` and ``computes`` are for students (a table heading and the
    calculation in words); ``did`` completes "… is what you get if you …"
    (``{connection}`` in it is filled with :func:`connection_name`);
    ``formula(net)`` gives the total, or with ``per_connection`` set,
    ``formula(right, count, connections)`` gives the total when the mistake
    is made on a connection of *count* parameters in a net whose right count
    is *right* (None: does not apply).

    Examples
    --------
    >>> MISTAKES["forgot_biases"].totals("5-8-4-3")
    ((84, 'counted only the weights n × m and forgot the biases'),)
    >>> [total for total, _ in MISTAKES["left_out"].totals("5-8-4-3")]
    [51, 63, 84]
    """

    title: str
    computes: str
    did: str
    formula: Callable
    per_connection: bool = False
    #: For a connection mistake that many connections give: ``{k}`` of them.
    many: str = ""

    def totals(self, net, only=None) -> tuple:
        """``(total, what the student did)`` for each way this mistake applies
        (with *only*, just the ways that give that total)."""
        net = as_net(net)
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
        lambda net: _right(net) + net.layers[-1] * net.bias[-1]),
    "missing_output_bias": Mistake(
        "Left out the output biases", "the right count minus one bias per output unit",
        "left out the output layer's biases; output units have a bias too",
        lambda net: _right(net) - net.layers[-1] * net.bias[-1]),
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
    "ignored_nobias": Mistake(
        "Gave biases to a connection without them",
        "(n + 1) × m for every connection, those marked nobias included",
        "gave biases to the connections marked nobias; they have weights only, n × m",
        lambda net: sum((n + 1) * m for n, m in zip(net.layers, net.layers[1:]))),
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


#: More connections than this giving one number are not named one by one.
MANY = 5


def explain(net, total: int) -> tuple:
    """``(name, what the student did)`` for every catalogued way to get *total*.

    A mistake that gives the right count is never listed.

    Returns
    -------
    tuple of (str, str)
        One pair per way to get *total*: a connection mistake appears once for
        each connection that gives it, or once for all of them when more than
        ``MANY`` do.

    Examples
    --------
    >>> explain("5-8-4-3", 84)  # doctest: +NORMALIZE_WHITESPACE
    (('forgot_biases', 'counted only the weights n × m and forgot the biases'),
     ('left_out', 'left out 4 → 3 (the last connection)'))
    """
    net = as_net(net)
    right = _right(net)
    if total == right:
        return ()
    found = []
    for name, mistake in MISTAKES.items():
        ways = mistake.totals(net, only=total)
        if mistake.many and len(ways) > MANY:  # a deep net of equal layers
            ways = ((total, mistake.many.format(k=len(ways))),)
        found += [(name, did) for _, did in ways]
    return tuple(found)


def diagnose(net, total: int) -> tuple:
    """The names of all catalogued mistakes that give *total* for *net*.

    Returns
    -------
    tuple of str
        Names from :data:`MISTAKES` in catalogue order; empty when no mistake
        (or only the right count) gives *total*.

    Examples
    --------
    >>> diagnose("5-8-4-3", 104), diagnose("5-8-4-3", 100)
    (('input_bias',), ())
    >>> diagnose("4-16-8-4-2", 264)  # two mistakes give 264
    ('swapped_bias', 'output_bias')
    >>> diagnose("4-16-8-4-2", 252), diagnose("4-16-8-4-2", 398)
    (('left_out',), ('counted_twice',))
    """
    return tuple(dict.fromkeys(name for name, _ in explain(net, total)))


@dataclass(frozen=True)
class MistakeTable:
    """The catalogue for one net: rows of (mistake, what it computes, number).

    Shows as an HTML table in a notebook and as aligned text with ``str``;
    ``rows`` holds ``(title, what it computes, number as text)``.

    Examples
    --------
    >>> table = mistake_table("2-1")
    >>> table.rows[0]
    ('Forgot the biases', 'n × m for each connection, added up', '2')
    >>> "<td>Forgot the biases</td>" in table._repr_html_()
    True
    """

    net: object
    rows: tuple

    def that_apply(self) -> "MistakeTable":
        """The same table without the mistakes this net cannot have ("—").

        Examples
        --------
        >>> len(mistake_table("5-8-4-3").rows), len(mistake_table("5-8-4-3").that_apply().rows)
        (11, 10)
        """
        return MistakeTable(self.net, tuple(row for row in self.rows if row[2] != "—"))

    def __str__(self):
        width = max(len(title) for title, _, _ in self.rows)
        lines = [f"{title:<{width}}  {number:>9}  {computes}"
                 for title, computes, number in self.rows]
        head = f"{'mistake':<{width}}  {'gives':>9}  what it computes"
        return "\n".join([head] + lines)

    def _repr_html_(self):
        cells = "".join(f"<tr><td>{escape(t)}</td><td>{escape(c)}</td>"
                        f'<td style="text-align:right">{escape(g)}</td></tr>'
                        for t, c, g in self.rows)
        return (f'<table class="nnparams-mistakes"><caption>Common mistakes for '
                f"{escape(self.net.sizes)}</caption><thead><tr><th>mistake</th>"
                f"<th>what it computes</th><th>gives</th></tr></thead>"
                f"<tbody>{cells}</tbody></table>")


def mistake_table(net) -> MistakeTable:
    """Every catalogued mistake, what it computes and the number it gives for *net*.

    The connection mistakes (one left out, one counted twice) get one row each,
    worked for the last connection; "—" means the mistake cannot happen (a net
    with one connection cannot leave one out, a net whose connections all have
    biases cannot have them added).

    Examples
    --------
    >>> print(mistake_table("5-8-4-3"))  # doctest: +NORMALIZE_WHITESPACE
    mistake                             gives  what it computes
    Forgot the biases                      84  n × m for each connection, added up
    Put the +1 on the receiving layer     101  n × (m + 1) for each connection, added up
    Gave the input units biases           104  the right count plus one bias per input unit
    Counted the output biases twice       102  the right count plus one more bias per output unit
    Left out the output biases             96  the right count minus one bias per output unit
    One bias per layer, not per unit       87  n × m + 1 for each connection, added up
    Counted the nodes                      23  all units plus all the +1 nodes
    Added the layer sizes                  20  the layer sizes added up
    Gave biases to a connection without them   —  (n + 1) × m for every connection, those marked nobias included
    Left out a connection                  84  the right count without one connection's (n + 1) × m; here 4 → 3 (the last connection)
    Counted a connection twice            114  the right count plus one connection's (n + 1) × m again; here 4 → 3 (the last connection)
    >>> mistake_table("2-1")._repr_html_().startswith('<table class="nnparams-mistakes">')
    True
    """
    net = as_net(net)
    right = _right(net)
    rows = []
    for mistake in MISTAKES.values():
        computes, totals = mistake.computes, mistake.totals(net)
        if mistake.per_connection and totals:
            computes += f"; here {connection_name(net, net.connections - 1)}"
            totals = totals[-1:]
        gives = f"{totals[-1][0]:,}" if totals and totals[-1][0] != right else "—"
        rows.append((mistake.title, computes, gives))
    return MistakeTable(net, tuple(rows))
