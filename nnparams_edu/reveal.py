"""Pose, then reveal: how much of a net's count a picture or a text shows.

Every place that shows a net to someone who should count it first (an
exercise, the walkthrough, the presenter's posed question, the explorer with
its counts hidden) shows it *revealed up to k*: the first *k* connection counts
and their running sum, ``k = 0`` being the bare question and the last step the
total. :func:`revealed` checks *k*; :func:`count_words` and
:func:`describe_network` say it in words (titles, text alternatives of
pictures); :func:`~nnparams_edu.draw.draw_network` draws it.
"""
from __future__ import annotations

import numbers

from .count import layer_breakdown
from .spec import as_net

__all__ = ["revealed", "count_words", "describe_network"]


def revealed(reveal, connections: int) -> int:
    """How many connection counts a drawing shows: *reveal* checked against
    the number of *connections* (``None`` or ``True``: all; ``False``: none).

    Examples
    --------
    >>> revealed(None, 3), revealed(False, 3), revealed(2, 3)
    (3, 0, 2)
    >>> revealed(4, 3)
    Traceback (most recent call last):
    ...
    ValueError: reveal is 4; it must be from 0 (no counts) to 3 (every count)
    """
    if reveal is None or reveal is True:
        return connections
    if reveal is False:
        return 0
    if not isinstance(reveal, numbers.Integral) or not 0 <= reveal <= connections:
        raise ValueError(f"reveal is {reveal!r}; it must be from 0 (no counts) to "
                         f"{connections} (every count)")
    return int(reveal)


def describe_network(net, *, reveal=None) -> str:
    """The picture of *net* in words: its text alternative for screen readers.

    With fewer than every count revealed (see :func:`draw_network`), the
    description says only what the picture shows.

    Examples
    --------
    >>> describe_network("5-8-4-3")
    '5-8-4-3 net: 5 inputs, hidden layers of 8 and 4, 3 outputs; 99 parameters'
    >>> describe_network("6-5-4-3", reveal=0)
    '6-5-4-3 net: 6 inputs, hidden layers of 5 and 4, 3 outputs; how many parameters?'
    >>> describe_network("6-5-4-3", reveal=2)
    '6-5-4-3 net: 6 inputs, hidden layers of 5 and 4, 3 outputs; connections 1 to 2: 35 + 24 = 59 parameters so far'
    >>> describe_network("3-1")
    '3-1 net: 3 inputs, no hidden layer, 1 output; 4 parameters'
    """
    spec = as_net(net)
    breakdown = layer_breakdown(spec)
    shown = revealed(reveal, spec.connections)
    hidden = [f"{n:,}" for n in spec.layers[1:-1]]
    if not hidden:
        middle = "no hidden layer"
    elif len(hidden) == 1:
        middle = f"one hidden layer of {hidden[0]}"
    else:
        middle = f"hidden layers of {', '.join(hidden[:-1])} and {hidden[-1]}"
    inputs, outputs = spec.layers[0], spec.layers[-1]
    text = (f"{spec.sizes} net: {inputs:,} input{'s' if inputs > 1 else ''}, {middle}, "
            f"{outputs:,} output{'s' if outputs > 1 else ''}")
    if not all(spec.bias):
        text += ", " + ", ".join(f"no biases in connection {c}"
                                 for c, b in enumerate(spec.bias, 1) if not b)
    return f"{text}; {count_words(breakdown, shown)}"


def count_words(breakdown, shown: int) -> str:
    """The count as far as it is revealed: "99 parameters", "80 + 136 = 216
    parameters so far" or "how many parameters?".

    Examples
    --------
    >>> b = layer_breakdown("5-8-4-3")
    >>> [count_words(b, k) for k in range(4)]
    ['how many parameters?', 'connection 1: 48 parameters so far', 'connections 1 to 2: 48 + 36 = 84 parameters so far', '99 parameters']
    """
    rows = breakdown.rows
    if shown == 0:
        return "how many parameters?"
    if shown == len(rows):
        text = f"{breakdown.total:,} parameters"
        if breakdown.non_trainable:
            text += f" ({breakdown.trainable:,} trainable)"
        return text
    parts = " + ".join(f"{row.total:,}" for row in rows[:shown])
    sum_text = f"{parts} = {rows[shown - 1].running:,}" if shown > 1 else parts
    return (f"connection{'s 1 to' if shown > 1 else ''} {shown}: {sum_text} "
            "parameters so far")
