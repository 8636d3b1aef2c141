"""Checking a student's count.

:func:`check_answer` does more than say "wrong": when the answer equals what a
known mistake gives (forgetting the biases, biases on the input units, n·(m+1)
instead of (n+1)·m, a connection left out, ...) the feedback names that
mistake, and every other catalogued mistake that gives the same number (the
catalogue is in :mod:`nnparams_edu.mistakes`). Answers are parsed from text;
nonsense gets a short sentence naming the rule, never an exception. No message
for a wrong or unreadable answer contains the right total or a connection's
count that the student did not type.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from html import escape

from .count import layer_breakdown
from .mistakes import MISTAKES, connection_name, diagnose, explain, mistake_table
from .spec import as_net, format_spec

__all__ = ["Feedback", "check_answer", "parse_answer", "diagnose", "solution", "Solution",
           "LESSON_NETS", "MISTAKES", "mistake_table"]

#: The nets of the lessons, in order.
LESSON_NETS = ("5-8-4-3", "4-16-8-4-2", "2-3-1", "3-4-4-2", "784-128-10")

#: Largest answer taken seriously.
MAX_ANSWER = 10**15

#: Longest text read as an answer (longer text is refused before any parsing).
MAX_TEXT = 100

_DIGITS = "type a whole number in digits"
# One number, optionally in groups of three digits with one kind of separator.
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:([,_ \u00a0\u202f])\d{3}(?:\1\d{3})*)?(?:\.\d+)?")
# Several whole numbers: separated by commas, spaces, semicolons or plus signs.
_LIST = re.compile(r"\d+(?:\s*[,;+\s]\s*\d+)+")
# "262 parameters": the unit typed after the number.
_UNIT_WORD = re.compile(r"\s*\b(?:parameters?|params?|weights? and biases)\.?\s*$", re.I)
# "264.970": a dot used to group thousands.
_DOTTED = re.compile(r"\d{1,3}(?:\.\d{3})+")
_NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty "
    "sixty seventy eighty ninety hundred thousand million billion".split())


@dataclass(frozen=True)
class Feedback:
    """The verdict on an answer.

    ``correct``; ``mistakes``, the names (from :data:`MISTAKES`) of every
    catalogued mistake that gives the answer; ``mistake``, the first of them or
    None (kept for code that expects one name); the ``message`` to show;
    ``partial``, right so far but not finished.

    Examples
    --------
    >>> check_answer("2-1", "3")
    Feedback(correct=True, mistake=None, message='Correct: 3.', mistakes=(), partial=False)
    >>> check_answer("4-16-8-4-2", "264").mistakes
    ('swapped_bias', 'output_bias')
    """

    correct: bool
    mistake: str | None
    message: str
    mistakes: tuple = ()
    #: Nothing wrong so far, but not finished (the connections typed are right
    #: and the total is still to come).
    partial: bool = False


def _quote(text: str, limit: int = 60) -> str:
    """*text* quoted, cut to about *limit* characters."""
    if len(repr(text)) <= limit:
        return repr(text)
    cut = limit
    while cut > 1 and len(repr(text[:cut])) > limit:
        cut -= 1
    while cut > 0 and text[cut - 1].isdigit() and text[cut].isdigit():
        cut -= 1  # never show part of a number as if it were typed
    return repr(text[:cut] + "…")


def parse_answer(answer, connections=None) -> int:
    """A whole, non-negative number from what a student typed.

    Digits may be grouped by threes with commas, spaces or underscores
    (``"1,234"``, ``"1 234 567"``); ``"262.0"`` is read as a whole number and
    a trailing word "parameters" is allowed.

    Parameters
    ----------
    answer : str or int
        What was typed. Text longer than :data:`MAX_TEXT` is refused unread.
    connections : int, optional
        How many connections the net has: several numbers typed are taken for
        the counts of each connection only when there are that many of them
        (otherwise, "2 62", they are a number with a stray space).

    Returns
    -------
    int

    Raises
    ------
    ValueError
        With a short sentence for the student that names the rule and quotes
        at most about 60 characters of the answer; it never suggests a number.

    Examples
    --------
    >>> [parse_answer(a) for a in ("7", " 7 ", "7.0", "1,234", "1 234", 99)]
    [7, 7, 7, 1234, 1234, 99]
    >>> parse_answer("abc")
    Traceback (most recent call last):
    ...
    ValueError: 'abc' is not a number; type a whole number in digits.
    >>> parse_answer("80, 136, 36, 10")
    Traceback (most recent call last):
    ...
    ValueError: '80, 136, 36, 10' looks like one number per connection: add them up for the total.
    >>> parse_answer("two hundred")
    Traceback (most recent call last):
    ...
    ValueError: 'two hundred' is written in words; type the number in digits.
    >>> parse_answer("2 62", connections=4)
    Traceback (most recent call last):
    ...
    ValueError: '2 62' is not one number: type one number with no space inside it.
    >>> parse_answer("7 parameters"), parse_answer("12.000")
    (7, 12)
    >>> parse_answer("264.970")
    Traceback (most recent call last):
    ...
    ValueError: '264.970' has a dot between groups of digits; write thousands with a comma (1,234) or nothing.
    """
    if isinstance(answer, bool) or answer is None:
        raise ValueError("Type your answer as a whole number, in digits.")
    text = str(answer).strip()
    if not text:
        raise ValueError("Type your answer first: the number of parameters, in digits.")
    quoted = _quote(text)
    if len(text) > MAX_TEXT:
        raise ValueError(f"{quoted} is too long for an answer; {_DIGITS}.")
    text = _UNIT_WORD.sub("", text) or text
    if _DOTTED.fullmatch(text) and text.rpartition(".")[2].strip("0"):
        raise ValueError(f"{quoted} has a dot between groups of digits; write thousands "
                         "with a comma (1,234) or nothing.")
    if _GROUPED.fullmatch(text):
        digits = re.sub(r"[,_ \u00a0\u202f]", "", text)
    elif _LIST.fullmatch(text):
        commas = re.fullmatch(r"[\d,]+", text)  # "1,2": a list, or a bad grouping
        one = ("inside one number, commas go only between groups of three digits"
               if "," in text else "type one number with no space inside it")
        values = len(re.findall(r"\d+", text))
        if connections is not None and values != connections or connections == 1:
            raise ValueError(f"{quoted} is not one number: {one}.")
        if commas or len(text.split()) == 2:  # "3 8": two counts, or a stray space
            raise ValueError(f"{quoted} looks like several numbers: if they are the counts "
                             f"of each connection, add them up for the total; {one}.")
        raise ValueError(f"{quoted} looks like one number per connection: add them "
                         "up for the total.")
    elif _in_words(text):
        raise ValueError(f"{quoted} is written in words; type the number in digits.")
    else:
        digits = text
    try:
        value = Decimal(digits)
    except InvalidOperation:
        raise ValueError(f"{quoted} is not a number; {_DIGITS}.") from None
    if not value.is_finite():
        raise ValueError(f"{quoted} is not a count; {_DIGITS}.")
    if value < 0:
        raise ValueError(f"{quoted} is negative, and a count of parameters cannot be.")
    if value > MAX_ANSWER:
        raise ValueError(f"{quoted} is far more parameters than any net here has.")
    if value != value.to_integral_value():
        raise ValueError(f"{quoted} is not a whole number; parameters are counted one "
                         "by one.")
    return int(value)


def _in_words(text: str) -> bool:
    """Whether *text* is a number written in English words."""
    words = [w for w in re.split(r"[\s,\-]+", text.lower()) if w]
    return (any(w in _NUMBER_WORDS for w in words)
            and all(w in _NUMBER_WORDS or w in ("and", "a") or w.isdigit() for w in words))


def _connection_hint(n, m, has_bias, value):
    if has_bias and value == n * m:
        return f"{value:,} is the weights alone; add one bias per receiving unit"
    if has_bias and value == n * (m + 1):
        return (f"{value:,} is {n:,} × ({m:,} + 1); the +1 goes with the sending layer, "
                "not the receiving one")
    if value == n + m:
        return f"{value:,} adds the two layer sizes; count the connections instead"
    if has_bias and value == n * m + 1:
        return (f"{value:,} has one bias for the whole layer; each of the {m:,} units has "
                "its own")
    return (f"{value:,} is not right; count (n + 1) × m for it" if has_bias
            else f"{value:,} is not right; it has no biases, so count n × m")


def _diagnosis(net, total: int, right: int) -> str:
    """The sentence for a wrong *total*: every mistake that gives it, or a nudge."""
    did = list(dict.fromkeys(text for _, text in explain(net, total)))
    if not did:
        rule = ("(n + 1) × m" if all(net.bias)
                else "(n + 1) × m, or n × m where it has no biases,")
        return (f"Not quite: {total:,} is not what any of the usual mistakes gives."
                f" Count each connection as {rule} and add them up again.")
    if len(did) == 1:
        return f"Not quite: {total:,} is what you get if you {did[0]}."
    return (f"Not quite: more than one mistake gives {total:,}. It is what you get if you "
            + " — or if you ".join(did) + ".")


def check_answer(net, answer, per_connection=None) -> Feedback:
    """Check a student's total (and optionally one answer per connection).

    Parameters
    ----------
    net : str, sequence of int, Net or networkx.DiGraph
    answer : str or int
        The total as typed: ``"262"``, ``" 262 "``, ``"1,234"``, ``"262.0"``.
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
    >>> check_answer("4-16-8-4-2", "262").correct
    True
    >>> check_answer("4-16-8-4-2", "232").mistake
    'forgot_biases'
    >>> print(check_answer("4-16-8-4-2", "232").message)
    Not quite: 232 is what you get if you counted only the weights n × m and forgot the biases.
    >>> print(check_answer("4-16-8-4-2", "252").message)
    Not quite: 252 is what you get if you left out 4 → 2 (the last connection).
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
    wrong = [f"{connection_name(net, k)}: "
             + _connection_hint(row.n_in, row.n_out, row.biases > 0, values[k])
             for k, row in enumerate(breakdown.rows) if k in values and values[k] != row.total]
    try:
        total = parse_answer(answer, connections=net.connections)
    except ValueError as error:
        if typed and not str(answer or "").strip():
            return Feedback(False, None, _boxes_only(counts, values, wrong), partial=not wrong)
        return Feedback(False, None, str(error))
    if wrong and len(values) == len(counts) and sorted(values.values()) == sorted(counts):
        return Feedback(False, None, "These are the right counts, but not all in the right "
                                     "boxes: each box is the connection written beside it.")
    if total == breakdown.total:
        if not wrong:
            parts = " + ".join(f"{count:,}" for count in counts)
            sum_text = f" = {parts}" if len(counts) > 1 else ""
            return Feedback(True, None, f"Correct: {total:,}{sum_text}.")
        return Feedback(False, None, f"Your total {total:,} is right, but check "
                                     + "; ".join(wrong) + ".")
    if len(values) == len(counts) and not wrong:
        return Feedback(False, None, "Your count for each connection is right: add them up "
                                     "again for the total.")
    if wrong:  # the boxes say where the count went wrong: no guess from the total
        return Feedback(False, None, f"Not quite: {total:,} is not the total. Check "
                                     + "; ".join(wrong) + ", then add them up again.")
    mistakes = diagnose(net, total)
    message = _diagnosis(net, total, breakdown.total)
    if net.connections > 1 and re.search(r"\d\s+\d", str(answer)):
        message += (f" ({_quote(str(answer).strip())} was read as one number, {total:,}; "
                    "if you meant several numbers, add them up.)")
    return Feedback(False, mistakes[0] if mistakes else None, message, mistakes)


def _boxes_only(counts, values, wrong) -> str:
    """What to say when the connection boxes are filled but the total is not."""
    if wrong:
        return "Check " + "; ".join(wrong) + ". Then type the total, the counts added up."
    return ("So far so good: the connections you counted are right. Now type the total, "
            "all connections added up.")


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
    >>> "Total: 80 + 136 + 36 + 10 = 262 parameters." in solution("4-16-8-4-2")._repr_html_()
    True
    """
    return Solution(as_net(net))
