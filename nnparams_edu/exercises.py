"""Checking a student's count.

:func:`check_answer` does more than say "wrong": when the answer equals what a
known mistake gives (forgetting the biases, biases on the input units, n·(m+1)
instead of (n+1)·m, ...) the feedback names that mistake. Answers are parsed
from text ("262", "1,234", "262.0"); nonsense gets a friendly sentence, never
an exception.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .count import count_parameters, layer_breakdown
from .spec import Net, as_net, format_spec

__all__ = ["Feedback", "check_answer", "parse_answer", "diagnose", "LESSON_NETS",
           "MISTAKES"]

#: The nets of the lessons, in order.
LESSON_NETS = ("5-8-4-3", "4-16-8-4-2", "2-3-1", "3-4-4-2", "784-128-10")

#: Largest answer taken seriously.
MAX_ANSWER = 10**15


@dataclass(frozen=True)
class Feedback:
    """The verdict on an answer: ``correct``, the ``mistake`` diagnosed (a
    short name from :data:`MISTAKES`, or None) and the ``message`` to show.

    Examples
    --------
    >>> check_answer("2-1", "3")
    Feedback(correct=True, mistake=None, message='Correct: 3.')
    """

    correct: bool
    mistake: str | None
    message: str


def parse_answer(answer) -> int:
    """A whole, non-negative number from what a student typed.

    Raises
    ------
    ValueError
        With a sentence meant for the student.

    Examples
    --------
    >>> [parse_answer(a) for a in ("262", " 262 ", "262.0", "1,234", "1 234", 99)]
    [262, 262, 262, 1234, 1234, 99]
    >>> parse_answer("abc")
    Traceback (most recent call last):
    ...
    ValueError: 'abc' is not a number; type a whole number such as 262.
    """
    if isinstance(answer, bool) or answer is None:
        raise ValueError("Type your answer as a whole number such as 262.")
    text = str(answer).strip()
    if not text:
        raise ValueError("Type your answer first: a whole number such as 262.")
    digits = text.replace("_", "").replace("\u202f", " ").replace("\u00a0", " ")
    if "," in digits or " " in digits:
        groups = digits.replace(",", " ").split()
        if not (groups[0].lstrip("+-").isdigit() and len(groups[0].lstrip("+-")) <= 3
                and all(g.isdigit() and len(g) == 3 for g in groups[1:])):
            raise ValueError(f"{text!r} is not a number; use commas or spaces only "
                             "between groups of three digits, as in 1,234.")
        digits = "".join(groups)
    try:
        value = Decimal(digits)
    except InvalidOperation:
        raise ValueError(f"{text!r} is not a number; type a whole number such as 262.") \
            from None
    if not value.is_finite():
        raise ValueError(f"{text!r} is not a count; type a whole number such as 262.")
    if value < 0:
        raise ValueError(f"{text} is negative; a count of parameters is 0 or more.")
    if value > MAX_ANSWER:
        raise ValueError(f"{text} is far more parameters than any net here has.")
    if value != value.to_integral_value():
        raise ValueError(f"{text} is not a whole number; parameters are counted one by one.")
    return int(value)


#: Known mistakes: name -> (what the student did, the total it gives).
MISTAKES = {
    "forgot_biases": ("counted only the weights n × m and forgot the biases",
                      lambda L, B: sum(n * m for n, m in zip(L, L[1:]))),
    "swapped_bias": ("counted n × (m + 1) instead of (n + 1) × m: the +1 belongs to the "
                     "layer that sends, one bias for each receiving unit",
                     lambda L, B: sum(n * (m + b) for n, m, b in zip(L, L[1:], B))),
    "input_bias": ("gave the input units biases; input units only hold the data, "
                   "biases belong to the units that receive connections",
                   lambda L, B: _right(L, B) + L[0]),
    "output_bias": ("counted the output layer's biases twice; they are already the +1 "
                    "in the last (n + 1) × m",
                    lambda L, B: _right(L, B) + L[-1] * B[-1]),
    "missing_output_bias": ("left out the output layer's biases; output units have a "
                            "bias too", lambda L, B: _right(L, B) - L[-1] * B[-1]),
    "bias_per_layer": ("counted one bias per layer instead of one per unit",
                       lambda L, B: sum(n * m + b for n, m, b in zip(L, L[1:], B))),
    "counted_units": ("counted the nodes (units and +1 nodes) instead of the "
                      "connections between them",
                      lambda L, B: sum(L) + sum(B)),
    "added_sizes": ("added the layer sizes instead of counting connections",
                    lambda L, B: sum(L)),
}


def _right(L, B):
    """The right count, for the formulas above."""
    return count_parameters(Net(tuple(L), tuple(B)))


def diagnose(net, total: int):
    """The name of the known mistake that gives *total* for *net*, or None.

    Examples
    --------
    >>> diagnose("5-8-4-3", 84), diagnose("5-8-4-3", 104), diagnose("5-8-4-3", 100)
    ('forgot_biases', 'input_bias', None)
    """
    net = as_net(net)
    right = count_parameters(net)
    for name, (_, formula) in MISTAKES.items():
        value = formula(net.layers, net.bias)
        if value == total and value != right:
            return name
    return None


def _connection_hint(n, m, has_bias, value):
    right = (n + has_bias) * m
    if has_bias and value == n * m:
        return f"{value} is the weights alone; add one bias per receiving unit"
    if has_bias and value == n * (m + 1):
        return f"{value} is {n} × ({m} + 1); the +1 goes with the sending layer: ({n} + 1) × {m}"
    if value == n + m:
        return f"{value} adds the two layer sizes; count the connections instead"
    if has_bias and value == n * m + 1:
        return f"{value} has one bias for the whole layer; each of the {m} units has its own"
    return f"{value} is {'too high' if value > right else 'too low'}"


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

    Examples
    --------
    >>> check_answer("4-16-8-4-2", "262").correct
    True
    >>> check_answer("4-16-8-4-2", "232").mistake
    'forgot_biases'
    >>> print(check_answer("4-16-8-4-2", "232").message)
    Not quite: 232 is what you get if you counted only the weights n × m and forgot the biases.
    >>> print(check_answer("5-8-4-3", "abc").message)
    'abc' is not a number; type a whole number such as 262.
    """
    net = as_net(net)
    breakdown = layer_breakdown(net)
    try:
        total = parse_answer(answer)
    except ValueError as error:
        return Feedback(False, None, str(error))
    wrong = []
    if per_connection is not None:
        if len(per_connection) != net.connections:
            return Feedback(False, None, f"Give one answer per connection: this net has "
                                         f"{net.connections}, you gave {len(per_connection)}.")
        for row, given in zip(breakdown.rows, per_connection):
            if given is None or str(given).strip() == "":
                continue
            try:
                value = parse_answer(given)
            except ValueError as error:
                return Feedback(False, None, f"Connection {row.connection}: {error}")
            if value != row.total:
                wrong.append(f"connection {row.connection} ({row.n_in} → {row.n_out}): "
                             + _connection_hint(row.n_in, row.n_out, row.biases > 0, value))
    if total == breakdown.total:
        if not wrong:
            parts = " + ".join(f"{row.total:,}" for row in breakdown.rows)
            sum_text = f" = {parts}" if len(breakdown.rows) > 1 else ""
            return Feedback(True, None, f"Correct: {total:,}{sum_text}.")
        return Feedback(False, None, f"Your total {total:,} is right, but check "
                                     + "; ".join(wrong) + ".")
    mistake = diagnose(net, total)
    if mistake:
        message = f"Not quite: {total:,} is what you get if you {MISTAKES[mistake][0]}."
    else:
        message = (f"Not quite: {total:,} is {'too high' if total > breakdown.total else 'too low'}."
                   " Count each connection as (n + 1) × m and add them up.")
    if wrong:
        message += " Check " + "; ".join(wrong) + "."
    return Feedback(False, mistake, message)
