"""Checking a student's count of a net of typed layers.

:func:`check_model_answer` reads the total as typed (``"54,410"`` or
``"54410"``), and optionally one count per layer. A wrong total that a
catalogued slip gives (see :mod:`nnparams_edu.model_mistakes`) is worded as
what that slip *would* give, with every slip that gives it named; a right total
that a slip gives too is right, with a word that the method may not be. No
message for a wrong, empty or unreadable answer holds the right total or a
layer's count the student did not type.

The examples use nets the lessons count as worked examples, never exercises.
"""
from __future__ import annotations

import numbers
import re
from dataclasses import dataclass

from .exercises import parse_answer
from .layers.base import check_convention
from .limits import is_bool, quote
from .model_count import model_breakdown
from .model_mistakes import layer_name, model_slips, slips_giving

__all__ = ["ModelFeedback", "check_model_answer", "MAX_ANSWER_CHARS", "ATTEMPT_FACTOR"]

#: Longest text looked at as one answer: longer text is refused unread (the
#: reader has its own, shorter limit for what it parses).
MAX_ANSWER_CHARS = 1_000

#: An answer within this factor of the right count, or one a slip gives, is a
#: real attempt (it unlocks the solution).
ATTEMPT_FACTOR = 10

#: A right total is shown as the sum of its layers up to this many of them.
MAX_PARTS = 12


@dataclass(frozen=True)
class ModelFeedback:
    """The verdict on an answer for a typed net.

    ``status`` is ``"correct"``, ``"wrong"``, ``"partial"`` (the layers typed
    are right, the total is still to come) or ``"unreadable"``; ``message`` is
    the text to show; ``slips`` names the slips that give the answer (for a
    right answer, those that give the right total too); ``layers`` holds one
    ``(layer number, right, sentence)`` per layer count typed; ``attempt``
    says whether this was a real try (see :data:`ATTEMPT_FACTOR`).
    """

    status: str
    message: str
    slips: tuple = ()
    layers: tuple = ()
    attempt: bool = False

    @property
    def correct(self) -> bool:
        """True for a right total (with every layer typed right)."""
        return self.status == "correct"


def _read(value, one=False) -> int:
    """A count from what was typed (text or int), limits first."""
    if isinstance(value, numbers.Integral) and not is_bool(value):
        value = int(value)  # numpy integers too
        if value.bit_length() > 128:  # written out, longer than any answer is read
            raise ValueError(f"a number of {value.bit_length():,} bits is far more parameters "
                             "than any net here has.")
        value = str(value)
    elif isinstance(value, str):
        if len(value) > MAX_ANSWER_CHARS:
            raise ValueError(f"{quote(value)} is too long for an answer; type a whole number "
                             "in digits.")
    elif value is not None and not is_bool(value):  # None, bools: the reader says
        raise ValueError(f"{quote(value)} ({type(value).__name__}) is not an answer; type a "
                         "whole number in digits.")
    return parse_answer(value, connections=1 if one else None)


def _slips_words(found) -> str:
    """One slip as "“name” in where: hint"; several as "“name” in where or
    where (hint); or “name” in where (hint)", each slip's hint said once."""
    groups = {}
    for slip in found:
        groups.setdefault((slip.name, slip.hint), []).append(slip.where)
    if len(found) == 1:
        return f"“{found[0].name}” in {found[0].where}: {found[0].hint}"
    return "; or ".join(f"“{name}” in " + _either(wheres) + f" ({hint})"
                        for (name, hint), wheres in groups.items())


def _either(wheres) -> str:
    return wheres[0] if len(wheres) == 1 else ", ".join(wheres[:-1]) + " or " + wheres[-1]


def _wrong_total(total: int, found: tuple) -> str:
    """The sentence for a wrong *total*: every slip that would give it, or a nudge."""
    if not found:
        return (f"Not quite: {total:,} is not what any of the usual slips gives. Count each "
                "layer's parts with its formula and add them up again.")
    if len(found) == 1:
        return (f"Not quite: {total:,} is what you would get with one slip, "
                f"{_slips_words(found)}. If that is not what you did, check your sums.")
    return (f"Not quite: more than one slip gives {total:,}. It is what you would get with "
            f"{_slips_words(found)}. Perhaps one of these is what happened; if not, check "
            "your sums.")


def _which(found) -> str:
    return "one slip gives" if len(found) == 1 else "these slips give"


def _coincidence(total: int, found: tuple) -> str:
    """For a right total: the slips that give it too."""
    if not found:
        return ""
    return (f" But {_which(found)} {total:,} here too: {_slips_words(found)}. Check that "
            "your method was right, not only the number.")


def _layer_verdict(breakdown, slips, row, value, explained=()) -> tuple:
    """``(number, right, sentence)`` for *value* typed as *row*'s count; a
    slip whose name is in *explained* was explained for an earlier layer."""
    where = layer_name(breakdown.model, row.number)
    if value == row.total:
        return row.number, True, f"{where}: right."
    matching = [s for s in slips if s.layer == row.number and s.count == value]
    if matching:
        said = " — or ".join(f"“{s.name}”" + ("" if s.name in explained else f" ({s.hint})")
                             for s in matching)
        return (row.number, False,
                f"{where}: {value:,} is what the slip {said} would give")
    names = [part.name for part in row.layer.parts(row.shape_in, breakdown.convention)]
    if names:
        return (row.number, False, f"{where}: {value:,} is not right; count its "
                + " and ".join(dict.fromkeys(names)) + " again")
    article = "an" if row.layer.title[:1] in "aeiou" else "a"
    return (row.number, False, f"{where}: {value:,} is not right; {article} {row.layer.title} "
            "layer only passes values on, it has nothing to learn")


def _near(value: int, right: int) -> bool:
    return right // ATTEMPT_FACTOR <= value <= right * ATTEMPT_FACTOR


def _blank(value) -> bool:
    """Nothing typed (a long text is not looked into: it is not blank)."""
    return value is None or (isinstance(value, str) and len(value) <= MAX_ANSWER_CHARS
                             and not value.strip())


def _layer_answers(breakdown, slips, per_layer) -> tuple:
    """``(verdicts, attempt)`` for one answer per layer, blanks skipped; a
    ValueError names the first answer that cannot be read."""
    if isinstance(per_layer, (str, bytes)) or not hasattr(per_layer, "__len__"):
        raise TypeError(f"per_layer is {quote(per_layer)}; it must be a list of answers, "
                        "one per layer")
    rows = breakdown.rows
    if len(per_layer) != len(rows):
        raise ValueError(f"Give one answer for each of the {len(rows):,} layers, in order "
                         "(leave a box blank to skip it).")
    verdicts, attempt, explained = [], False, set()
    for row, given in zip(rows, per_layer):
        if _blank(given):
            continue
        try:
            value = _read(given, one=True)
        except ValueError as error:
            raise ValueError(f"{layer_name(breakdown.model, row.number)}: {error}") from None
        verdicts.append(_layer_verdict(breakdown, slips, row, value, explained))
        # a slip made again in a later layer is named there, its hint said once
        explained |= {s.name for s in slips if s.layer == row.number and s.count == value}
        attempt |= row.total > 0 and _near(value, row.total)
    return tuple(verdicts), attempt


def check_model_answer(model, answer, convention: str = "keras", per_layer=None
                       ) -> ModelFeedback:
    """Check a student's count of a typed net, and optionally one count per layer.

    Parameters
    ----------
    model : Model, str, sequence of int or Net
        The net: a typed model, its one-line text, or a dense net.
    answer : str or int
        The total as typed: ``"54,410"``, ``"54410"``, ``"54410 parameters"``.
    convention : {"keras", "pytorch"}
        Whose count is asked for (they differ for recurrent biases and
        BatchNorm statistics).
    per_layer : sequence, optional
        One answer per layer, in order, layers without parameters included
        (``None`` or blank entries are skipped).

    Returns
    -------
    ModelFeedback

    Raises
    ------
    ValueError
        For a net whose right count is too large to be typed as an answer, or
        a bad convention (a student's answer never raises).

    Examples
    --------
    >>> net = "in 28x28x1 | conv 32 k=3 | maxpool 2 | flatten | dense 10"
    >>> print(check_model_answer(net, "54,400").message)  # doctest: +NORMALIZE_WHITESPACE
    Not quite: 54,400 is what you would get with one slip, “forgotten bias” in layer 4
    (dense 10): each unit has its own bias, the +1 of (n + 1) × m. If that is not what
    you did, check your sums.
    >>> check_model_answer(net, "54410").status
    'correct'
    >>> print(check_model_answer(net, "lots").message)
    'lots' is not a number; type a whole number in digits.
    """
    convention = check_convention(convention)
    breakdown = model_breakdown(model, convention=convention)
    right = breakdown.total
    try:
        parse_answer(str(right))
    except ValueError:
        raise ValueError(f"{breakdown.model} has more parameters than an answer may have; "
                         "pose a smaller net") from None
    slips = model_slips(breakdown.model, convention, breakdown)
    rows = breakdown.rows
    verdicts, attempt = (), False
    if per_layer is not None:
        try:
            verdicts, attempt = _layer_answers(breakdown, slips, per_layer)
        except ValueError as error:
            return ModelFeedback("unreadable", str(error))
    wrong = [sentence for _, ok, sentence in verdicts if not ok]
    if verdicts and _blank(answer):
        if wrong:
            return ModelFeedback("wrong", "Check " + "; ".join(wrong)
                                 + ". Then type the total, every layer added up.",
                                 layers=verdicts, attempt=attempt)
        return ModelFeedback("partial", "So far so good: the layers you counted are right. "
                             "Now type the total, every layer added up.", layers=verdicts,
                             attempt=attempt)
    try:
        total = _read(answer)
    except ValueError as error:  # the reader was written for dense nets' connections
        return ModelFeedback("unreadable", str(error).replace("connection", "layer"),
                             layers=verdicts, attempt=attempt)
    if total == right:
        if wrong:
            return ModelFeedback("wrong", f"Your total {total:,} is right, but check "
                                 + "; ".join(wrong) + ".", layers=verdicts, attempt=True)
        shown = verdicts and len(verdicts) == len(rows)  # every layer right: the method shows
        also = () if shown else slips_giving(breakdown.model, total, convention, among=slips)
        names = tuple(dict.fromkeys(s.name for s in also))
        if also and per_layer is not None:  # the boxes can show the method: ask for them
            return ModelFeedback(
                "partial", f"{total:,} is the right total, but {_which(also)} it too: "
                f"{_slips_words(also)}. Type each layer's count in its box to show your "
                "method.", names, verdicts, True)
        counted = [row.total for row in rows if row.total]
        parts = (" = " + " + ".join(f"{c:,}" for c in counted)
                 if 1 < len(counted) <= MAX_PARTS else "")
        return ModelFeedback("correct", f"Correct: {total:,}{parts}." + _coincidence(total, also),
                             names, verdicts, True)
    if verdicts and len(verdicts) == len(rows) and not wrong:
        return ModelFeedback("wrong", "Your count for each layer is right: add them up again "
                             "for the total.", layers=verdicts, attempt=True)
    if wrong:  # the layers say where the count went wrong: no guess from the total
        return ModelFeedback("wrong", f"Not quite: {total:,} is not the total. Check "
                             + "; ".join(wrong) + ", then add them up again.",
                             layers=verdicts, attempt=attempt or _near(total, right))
    found = slips_giving(breakdown.model, total, convention, among=slips)
    message = _wrong_total(total, found)
    if isinstance(answer, str) and re.search(r"\d\s+\d", answer):
        message += (f" ({quote(answer.strip())} was read as one number, {total:,}; if you "
                    "meant one number per layer, add them up.)")
    return ModelFeedback("wrong", message,
                         tuple(dict.fromkeys(s.name for s in found)), verdicts,
                         attempt or bool(found) or _near(total, right))
