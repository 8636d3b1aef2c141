"""The catalogue of counting mistakes, and a table of it for students.

Each :class:`Mistake` knows the total it gives for a net. Most mistakes give one
total; the connection mistakes (leaving one connection out, counting one
twice) give one total per connection. Telling which mistakes give a student's
number is :mod:`nnparams_edu.diagnosis`.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Callable

from .count import layer_breakdown
from .spec import as_net

__all__ = ["Mistake", "MISTAKES", "connection_name", "mistake_table", "MistakeTable"]

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


#: What the table shows for a number kept back until the net is solved.
HIDDEN = "?"
#: What the table shows for a mistake this net leaves no room for.
CANNOT = "—"


@dataclass(frozen=True)
class MistakeTable:
    """The catalogue for one net: rows of (mistake, what it computes, number).

    Shows as an HTML table in a notebook and as aligned text with ``str``;
    ``rows`` holds ``(title, what it computes, number as text)``. The numbers
    are there only for a net whose right count was given (``solved``): every
    row is the right count give or take something the student can work out,
    so the numbers of an unsolved net would give its answer away.

    Examples
    --------
    >>> table = mistake_table("2-1", answer=3)
    >>> table.rows[0]
    ('Forgot the biases', 'n × m for each connection, added up', '2')
    >>> "<td>Forgot the biases</td>" in table._repr_html_()
    True
    >>> mistake_table("2-1").rows[0]
    ('Forgot the biases', 'n × m for each connection, added up', '?')
    """

    net: object
    rows: tuple
    solved: bool = True

    def that_apply(self) -> "MistakeTable":
        """The same table without the mistakes this net cannot have ("—").

        Examples
        --------
        >>> len(mistake_table("5-8-4-3").rows), len(mistake_table("5-8-4-3").that_apply().rows)
        (11, 10)
        """
        return MistakeTable(self.net, tuple(row for row in self.rows if row[2] != CANNOT),
                            self.solved)

    def by_number(self) -> "MistakeTable":
        """The same rows ordered by the number they give, smallest first, so
        that a number called out in a room is quick to find ("—" and "?" last).

        Examples
        --------
        >>> [number for _, _, number in mistake_table("5-8", answer=48).by_number().rows]
        ['13', '14', '40', '40', '41', '45', '53', '56', '96', '—', '—']
        """
        def number(row):
            text = row[2].split()[0].replace(",", "")
            return (0, int(text)) if text.isdigit() else (1, 0)
        return MistakeTable(self.net, tuple(sorted(self.rows, key=number)), self.solved)

    def _note(self) -> str:
        return ("" if self.solved else
                f"The numbers show once you give the right count: "
                f"mistake_table({self.net.sizes!r}, answer=...)")

    def __str__(self):
        width = max(len(title) for title, _, _ in self.rows)
        lines = [f"{title:<{width}}  {number:>9}  {computes}"
                 for title, computes, number in self.rows]
        head = f"{'mistake':<{width}}  {'gives':>9}  what it computes"
        return "\n".join([head] + lines + ([self._note()] if self._note() else []))

    def _repr_html_(self):
        cells = "".join(f"<tr><td>{escape(t)}</td><td>{escape(c)}</td>"
                        f'<td style="text-align:right">{escape(g)}</td></tr>'
                        for t, c, g in self.rows)
        note = f"<p>{escape(self._note())}</p>" if self._note() else ""
        return (f'<table class="nnparams-mistakes"><caption>Common mistakes for '
                f"{escape(self.net.sizes)}</caption><thead><tr><th>mistake</th>"
                f"<th>what it computes</th><th>gives</th></tr></thead>"
                f"<tbody>{cells}</tbody></table>{note}")


def mistake_table(net, answer=None) -> MistakeTable:
    """Every catalogued mistake, what it computes and, once the net is solved,
    the number it gives for *net*.

    Parameters
    ----------
    net : str, sequence of int or Net
    answer : int or str, optional
        The right count of *net*, as proof that it is solved (a worked example,
        or the student's own right answer). Without it, or with a wrong one,
        the numbers are "?": each is the right count give or take something
        a student can work out, so they would give the answer away.

    Returns
    -------
    MistakeTable
        The connection mistakes (one left out, one counted twice) get one row
        each, worked for the last connection; "—" means the mistake cannot
        happen (a net with one connection cannot leave one out, a net whose
        connections all have biases cannot have them added). A mistake that
        happens to give the right count says so.

    Examples
    --------
    >>> print(mistake_table("5-8-4-3", answer=99))  # doctest: +NORMALIZE_WHITESPACE
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
    >>> mistake_table("3-3", answer=12).rows[1][2]  # 3 × (3 + 1) = (3 + 1) × 3
    '12 (the right count too)'
    >>> mistake_table("6-3").rows[0][2], mistake_table("6-3", answer="20").rows[0][2]
    ('?', '?')
    """
    net = as_net(net)
    right = _right(net)
    solved = _is_right(answer, right)
    rows = []
    for mistake in MISTAKES.values():
        computes, totals = mistake.computes, mistake.totals(net)
        if mistake.per_connection and totals:
            computes += f"; here {connection_name(net, net.connections - 1)}"
            totals = totals[-1:]
        if not totals:
            gives = CANNOT
        elif not solved:
            gives = HIDDEN
        else:
            gives = f"{totals[-1][0]:,}" + (" (the right count too)"
                                           if totals[-1][0] == right else "")
        rows.append((mistake.title, computes, gives))
    return MistakeTable(net, tuple(rows), solved)


def _is_right(answer, right: int) -> bool:
    """Whether *answer* (a number, or digits as typed) is the count *right*."""
    if answer is None or isinstance(answer, bool):
        return False
    text = str(answer).strip().replace(",", "").replace("_", "")
    return text.isdigit() and len(text) <= 30 and int(text) == right


def __getattr__(name):
    # diagnose and explain lived here before the diagnosis had a module of its own
    if name in ("diagnose", "explain"):
        from . import diagnosis
        return getattr(diagnosis, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
