"""Checking a student's count.

:func:`check_answer` does more than say "wrong": when the answer equals what a
known mistake gives (forgetting the biases, biases on the input units, n·(m+1)
instead of (n+1)·m, a connection left out, ...) the feedback says which
mistake would give that number, and every other catalogued mistake that gives
it too (the catalogue is in :mod:`nnparams_edu.mistakes`, the diagnosis in
:mod:`nnparams_edu.diagnosis`, the sentences in :mod:`nnparams_edu.feedback`).
Answers are read by :mod:`nnparams_edu.answers`; nonsense gets a short
sentence naming the rule, never an exception. No message for a wrong or
unreadable answer contains the right total or a connection's count that the
student did not type.

The examples here use nets the lessons work through (5-8-4-3) or never pose,
so that reading them gives no exercise away.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from .answers import parse_answer, quote_answer
from .count import layer_breakdown
from .diagnosis import coincidences, diagnose, explain
from .feedback import (boxes_only, boxes_to_check, coincidence_note, connection_hint,
                       wrong_total)
from .mistake_tables import mistake_table
from .mistakes import MISTAKES, connection_name
from .spec import as_net, format_spec

__all__ = ["Feedback", "check_answer", "parse_answer", "diagnose", "solution", "Solution",
           "real_attempt", "WORKED_NETS", "EXERCISE_NETS", "LESSON_NETS", "MISTAKES",
           "mistake_table"]

#: Nets the lessons and the README count in full, as worked examples.
WORKED_NETS = ("5-8-4-3", "784-128-10")
#: Nets the lessons ask a student to count (lessons 1 and 3), and the class
#: exercise of lesson 5's deck, a net of its own: no catalogued mistake gives
#: their right count.
EXERCISE_NETS = ("4-16-8-4-2", "6-3", "3-6-2", "6-10-7-4-2", "1024-256-10",
                 "8-6-4;nobias=2", "3-14-9-5-2")
#: Every net of the lessons.
LESSON_NETS = WORKED_NETS + EXERCISE_NETS

#: A right total is shown as the sum of its connections up to this many of them.
MAX_PARTS = 12

#: An answer further than this factor from the right count, and not what a
#: catalogued mistake gives, is not yet a real attempt (see :func:`real_attempt`).
ATTEMPT_FACTOR = 10


@dataclass(frozen=True)
class Feedback:
    """The verdict on an answer.

    ``correct``; ``mistakes``, the names (from :data:`MISTAKES`) of every
    catalogued mistake that gives the answer (for a right answer, the mistakes
    that happen to give the right count too); ``mistake``, the first of them
    for a wrong answer, else None (kept for code that expects one name); the
    ``message`` to show; ``partial``, right so far but not finished.

    Examples
    --------
    >>> check_answer("3-2", "8")
    Feedback(correct=True, mistake=None, message='Correct: 8.', mistakes=(), partial=False)
    >>> check_answer("6-5-4-3", "77").mistakes
    ('swapped_bias', 'output_bias')
    >>> check_answer("7-7", "56").mistakes  # right, and n × (m + 1) gives 56 too
    ('swapped_bias',)
    """

    correct: bool
    mistake: str | None
    message: str
    mistakes: tuple = ()
    #: Nothing wrong so far, but not finished (the connections typed are right
    #: and the total is still to come).
    partial: bool = False


def check_answer(net, answer, per_connection=None) -> Feedback:
    """Check a student's total (and optionally one answer per connection).

    Parameters
    ----------
    net : str, sequence of int, Net or networkx.DiGraph
    answer : str or int
        The total as typed: ``"99"``, ``" 99 "``, ``"1,234"``, ``"99.0"``.
    per_connection : sequence, optional
        One answer per connection, in order (blank entries are skipped).

    Returns
    -------
    Feedback
        A wrong answer's message names every catalogued mistake that gives it
        (several when they agree); wrong, empty or unreadable answers never
        get the right total or a count the student did not type.

    Examples
    --------
    >>> check_answer("5-8-4-3", "99").correct
    True
    >>> check_answer("5-8-4-3", "104").mistake
    'input_bias'
    >>> print(check_answer("5-8-4-3", "104").message)  # doctest: +NORMALIZE_WHITESPACE
    Not quite: 104 is what you would get if you gave the input units biases; input units
    only hold the data, biases belong to the units that receive connections. If that is
    not what you did, check your sums.
    >>> print(check_answer("7-7", "56").message)  # doctest: +NORMALIZE_WHITESPACE
    Correct: 56. But n × (m + 1) for each connection, added up, gives 56 here too:
    check that you counted (n + 1) × m.
    >>> print(check_answer("5-8-4-3", ",").message)
    ',' is not a number; type a whole number in digits.
    """
    net = as_net(net)
    breakdown = layer_breakdown(net)
    boxes = None if per_connection is None else list(per_connection)
    if boxes is not None and len(boxes) != net.connections:
        return Feedback(False, None, "Give one answer for each connection, in order "
                                     "(leave a box blank to skip it).")
    typed = [] if boxes is None else [
        (k, str(given).strip()) for k, given in enumerate(boxes)
        if given is not None and str(given).strip()]
    values = {}
    for k, text in typed:
        try:
            values[k] = parse_answer(text, connections=1)
        except ValueError as error:
            return Feedback(False, None, f"{connection_name(net, k)}: {error}")
    counts = [row.total for row in breakdown.rows]
    wrong = boxes_to_check(
        [(connection_name(net, k), connection_hint(row.n_in, row.n_out, row.biases > 0,
                                                   values[k]))
         for k, row in enumerate(breakdown.rows) if k in values and values[k] != row.total])
    try:
        total = parse_answer(answer, connections=net.connections)
    except ValueError as error:
        if typed and not str(answer or "").strip():
            return Feedback(False, None, boxes_only(counts, values, wrong), partial=not wrong)
        return Feedback(False, None, str(error))
    if wrong and len(values) == len(counts) and sorted(values.values()) == sorted(counts):
        return Feedback(False, None, "These are the right counts, but not all in the right "
                                     "boxes: each box is the connection written beside it.")
    if total == breakdown.total:
        if not wrong:
            parts = " + ".join(f"{count:,}" for count in counts)
            sum_text = f" = {parts}" if 1 < len(counts) <= MAX_PARTS else ""
            return Feedback(True, None, f"Correct: {total:,}{sum_text}."
                            + coincidence_note(net, total), coincidences(net))
        return Feedback(False, None, f"Your total {total:,} is right, but check "
                                     + "; ".join(wrong) + ".")
    if len(values) == len(counts) and not wrong:
        return Feedback(False, None, "Your count for each connection is right: add them up "
                                     "again for the total.")
    if wrong:  # the boxes say where the count went wrong: no guess from the total
        return Feedback(False, None, f"Not quite: {total:,} is not the total. Check "
                                     + "; ".join(wrong) + ", then add them up again.")
    mistakes = diagnose(net, total)
    message = wrong_total(net, total)
    if net.connections > 1 and re.search(r"\d\s+\d", str(answer)):
        message += (f" ({quote_answer(str(answer).strip())} was read as one number, {total:,}; "
                    "if you meant several numbers, add them up.)")
    return Feedback(False, mistakes[0] if mistakes else None, message, mistakes)


@dataclass(frozen=True)
class Solution:
    """The worked count of a net, folded away until the student opens it.

    In a notebook it shows as an HTML ``<details>`` block, closed, which
    JupyterLab, Voilà, nbviewer and GitHub all keep folded; its plain-text form
    names the net and nothing more. The lessons put one under each exercise, so
    the tests that compare executed outputs (nbval) check every solution too.

    Examples
    --------
    >>> s = solution("6-3")
    >>> s
    Solution to 6-3 (folded: open it once you have answered)
    >>> "<details>" in s._repr_html_() and "(6 + 1) × 3 = 21" in s._repr_html_()
    True
    """

    net: object

    def __repr__(self):
        return f"Solution to {format_spec(self.net)} (folded: open it once you have answered)"

    def _repr_html_(self):
        b = layer_breakdown(self.net)
        rows = "".join(f"<tr><td>{row.n_in:,} → {row.n_out:,}</td>"
                       f"<td>{escape(row.formula)}</td></tr>" for row in b.rows)
        parts = " + ".join(f"{row.total:,}" for row in b.rows)
        total = f"{parts} = {b.total:,}" if len(b.rows) > 1 else f"{b.total:,}"
        return (f"<details><summary><b>Solution</b> to {escape(format_spec(self.net))} "
                "(open it only after you have answered)</summary>"
                "<table><thead><tr><th>connection</th><th>parameters</th></tr></thead>"
                f"<tbody>{rows}</tbody></table><p>Total: {total} parameters.</p></details>")


def solution(net) -> Solution:
    """The folded worked solution of *net*, to show under an exercise.

    Examples
    --------
    >>> "Total: 35 + 24 + 15 = 74 parameters." in solution("6-5-4-3")._repr_html_()
    True
    """
    return Solution(as_net(net))


def real_attempt(net, answer, per_connection=None) -> bool:
    """Whether what was typed is a real try at *net*'s count, enough to earn
    the worked solution: a number that a catalogued mistake gives, or a
    positive number within a factor of :data:`ATTEMPT_FACTOR` of the right
    count (for the total, or for one connection in its box). "0", "-1", a
    row of 9s or words are not.

    Examples
    --------
    >>> [real_attempt("5-8-4-3", a) for a in ("104", "120", "0", "-1", "9" * 20, "abc")]
    [True, True, False, False, False, False]
    >>> real_attempt("5-8-4-3", "", ["40", "", ""])  # a box near its connection's 48
    True
    """
    net = as_net(net)
    breakdown = layer_breakdown(net)
    tries = [(answer, breakdown.total)] + list(zip(per_connection or (),
                                                   (row.total for row in breakdown.rows)))
    for text, right in tries:
        try:
            value = parse_answer(text, connections=1)
        except ValueError:
            continue
        if 0 < value and right <= value * ATTEMPT_FACTOR and value <= right * ATTEMPT_FACTOR:
            return True
        if right == breakdown.total and explain(net, value):
            return True
    return False
