"""Reading a student's answer: one whole number from what was typed.

Digits may be grouped by threes; a unit word may follow; a list of counts, a
number in words or a dot between thousands each get a sentence that names the
rule. The largest answer read is the count of the largest net the package
accepts, so no right answer is ever refused as too big.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from .limits import MAX_LAYERS, MAX_UNITS

__all__ = ["parse_answer", "MAX_ANSWER", "MAX_TEXT"]

#: Largest answer taken seriously: the count of the largest net accepted,
#: MAX_LAYERS layers of MAX_UNITS units, (MAX_UNITS + 1) × MAX_UNITS per connection.
MAX_ANSWER = (MAX_LAYERS - 1) * (MAX_UNITS + 1) * MAX_UNITS

#: Longest text read as an answer (longer text is refused before any parsing).
MAX_TEXT = 100

_DIGITS = "type a whole number in digits"
# One number, optionally in groups of three digits with one kind of separator.
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:([,_ \u00a0\u202f])\d{3}(?:\1\d{3})*)?(?:\.\d+)?")
# Several whole numbers: separated by commas, spaces, semicolons or plus signs.
_LIST = re.compile(r"\d+(?:\s*[,;+\s]\s*\d+)+")
# "99 parameters": the unit typed after the number.
_UNIT_WORD = re.compile(r"\s*\b(?:parameters?|params?|weights? and biases)\.?\s*$", re.I)
# "264.970": a dot used to group thousands.
_DOTTED = re.compile(r"\d{1,3}(?:\.\d{3})+")
_NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty "
    "sixty seventy eighty ninety hundred thousand million billion".split())



def quote_answer(text: str, limit: int = 60) -> str:
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
    (``"1,234"``, ``"1 234 567"``); ``"99.0"`` is read as a whole number and
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
    quoted = quote_answer(text)
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


