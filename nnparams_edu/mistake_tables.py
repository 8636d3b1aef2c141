"""The catalogue of mistakes as a table for students: what each mistake
computes and, once the net is solved, the number it gives.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

from .mistakes import MISTAKES, _right, connection_name
from .spec import as_net

__all__ = ["mistake_table", "MistakeTable", "HIDDEN", "CANNOT"]


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
        (12, 11)
        """
        return MistakeTable(self.net, tuple(row for row in self.rows if row[2] != CANNOT),
                            self.solved)

    def by_number(self) -> "MistakeTable":
        """The same rows ordered by the number they give, smallest first, so
        that a number called out in a room is quick to find ("—" and "?" last).

        Examples
        --------
        >>> [number for _, _, number in mistake_table("5-8", answer=48).by_number().rows]
        ['13', '14', '14', '40', '40', '41', '45', '53', '56', '96', '—', '—']
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
    Added instead of multiplied            35  (n + 1) + m for each connection, added up
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
