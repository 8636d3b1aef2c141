"""Random nets and printable exercise sheets with their answer keys.

The same seed always gives the same nets, so a sheet handed out in class and
its key always match. No random net is one where a catalogued mistake gives
the right count (7-7, where n × (m + 1) = (n + 1) × m): a wrong method would
pass as right there.
"""
from __future__ import annotations

import numbers
import random
from dataclasses import dataclass
from html import escape

from .count import layer_breakdown
from .diagnosis import coincidences
from .limits import MAX_LAYERS, MAX_UNITS, check_sheet, is_bool, quote, whole_number
from .spec import Net, format_spec

__all__ = ["random_net", "make_sheet", "Sheet"]


def random_net(seed=None, *, layers=(3, 5), units=(1, 16)) -> Net:
    """A random net with ``layers`` (min, max) layers of ``units`` (min, max).

    *seed* is None, an int (numpy ints too) or a ``random.Random``; the same
    seed gives the same net. *layers* and *units* are (min, max) pairs of
    whole numbers, within ``MAX_LAYERS`` and ``MAX_UNITS``. Nets where a
    catalogued mistake gives the right count are drawn again (up to
    :data:`TRIES` times; ranges that allow no other net are refused).

    Examples
    --------
    >>> random_net(7) == random_net(7)
    True
    >>> 3 <= len(random_net(1).layers) <= 5
    True
    >>> random_net(layers="35")
    Traceback (most recent call last):
    ...
    TypeError: layers must be a (min, max) pair of whole numbers, not '35'
    >>> random_net(0, layers=(2, 2), units=(3, 3))
    Traceback (most recent call last):
    ...
    ValueError: layers 2-2 and units 3-3 give only nets where a usual mistake also gives the right count; widen a range
    """
    rng = _rng(seed)
    low, high = _check_range(layers, "layers", 2, MAX_LAYERS)
    small, big = _check_range(units, "units", 1, MAX_UNITS)
    for _ in range(TRIES):
        net = Net(tuple(rng.randint(small, big) for _ in range(rng.randint(low, high))))
        if not coincidences(net):
            return net
    raise ValueError(f"layers {low}-{high} and units {small}-{big} give only nets where a "
                     "usual mistake also gives the right count; widen a range")


#: How many nets :func:`random_net` draws before it gives up on the ranges.
TRIES = 200


def _rng(seed):
    if isinstance(seed, random.Random):
        return seed
    return random.Random(None if seed is None else whole_number(seed, "seed"))


def _check_range(pair, name, least, most):
    """A (min, max) pair of whole numbers with ``least <= min <= max <= most``."""
    if isinstance(pair, (str, bytes, bytearray)) or not isinstance(pair, (tuple, list)) \
            and not hasattr(pair, "__array__") or _length(pair) != 2:
        raise TypeError(f"{name} must be a (min, max) pair of whole numbers, "
                        f"not {quote(pair)}")
    low, high = (whole_number(v, f"{name} {end}") for v, end in zip(pair, ("min", "max")))
    if not least <= low <= high <= most:
        raise ValueError(f"{name} is {quote(low)}-{quote(high)}; it needs "
                         f"{least} <= min <= max <= {most:,}")
    return low, high


def _length(pair) -> int:
    try:
        return len(pair)
    except TypeError:  # a 0-d numpy array
        return -1


@dataclass(frozen=True)
class Sheet:
    """Counting exercises (or, with ``answers=True``, their answer key).

    Examples
    --------
    >>> sheet = make_sheet(2, seed=1, layers=(2, 2), units=(2, 3))
    >>> print(sheet.to_markdown())
    # Counting parameters (sheet 1)
    <BLANKLINE>
    For each fully connected net, count the trainable parameters (weights and biases). Layer sizes are given input first.
    <BLANKLINE>
    1. 2-3: ________ parameters
    2. 3-2: ________ parameters
    >>> print(sheet.key.to_html())
    <h3>Answer key (sheet 1)</h3><ol><li><b>2-3</b>: (2 + 1) × 3 = 9 = <b>9</b></li><li><b>3-2</b>: (3 + 1) × 2 = 8 = <b>8</b></li></ol>
    """

    nets: tuple
    seed: int
    answers: bool = False

    @property
    def key(self) -> "Sheet":
        """The answer key of this sheet: every net with its worked breakdown."""
        return Sheet(self.nets, self.seed, answers=True)

    def _items(self):
        """Number, spec, and the worked answer: each connection, then the sum."""
        for i, net in enumerate(self.nets, 1):
            b = layer_breakdown(net)
            steps = "; ".join(row.formula for row in b.rows)
            if len(b.rows) > 1:
                steps += "; total " + " + ".join(f"{row.total:,}" for row in b.rows)
            yield i, format_spec(net), steps, b.total

    def to_markdown(self) -> str:
        """The sheet as Markdown (printable, or shown in a notebook)."""
        title = "Answer key" if self.answers else "Counting parameters"
        lines = [f"# {title} (sheet {self.seed})", ""]
        if not self.answers:
            lines += ["For each fully connected net, count the trainable parameters "
                      "(weights and biases). Layer sizes are given input first.", ""]
        for i, spec, steps, total in self._items():
            if self.answers:
                lines.append(f"{i}. **{spec}**: {steps} = **{total:,}**")
            else:
                lines.append(f"{i}. {spec}: ________ parameters")
        return "\n".join(lines)

    def to_html(self, shown=None) -> str:
        """The sheet as an HTML page fragment; for a key, *shown* answers at
        most (the rest are "?"), so a class can check them one by one.

        Examples
        --------
        >>> key = make_sheet(2, seed=1, layers=(2, 2), units=(2, 3)).key
        >>> print(key.to_html(shown=1))
        <h3>Answer key (sheet 1)</h3><ol><li><b>2-3</b>: (2 + 1) × 3 = 9 = <b>9</b></li><li><b>3-2</b>: ?</li></ol>
        """
        title = "Answer key" if self.answers else "Counting parameters"
        items = []
        for i, spec, steps, total in self._items():
            if not self.answers:
                body = "__________ parameters"
            elif shown is not None and i > shown:
                body = "?"
            else:
                body = f"{escape(steps)} = <b>{total:,}</b>"
            items.append(f"<li><b>{escape(spec)}</b>: {body}</li>")
        return f"<h3>{title} (sheet {self.seed})</h3><ol>{''.join(items)}</ol>"

    __str__ = to_markdown

    def _repr_html_(self):
        return self.to_html()


def make_sheet(n=10, *, seed=0, layers=(3, 5), units=(1, 16)) -> Sheet:
    """*n* random exercises; the same seed always gives the same sheet.

    Examples
    --------
    >>> sheet = make_sheet(3, seed=7)
    >>> sheet == make_sheet(3, seed=7)
    True
    >>> print(make_sheet(1, seed=0, layers=(3, 3)).key.to_markdown())
    # Answer key (sheet 0)
    <BLANKLINE>
    1. **14-2-9**: (14 + 1) × 2 = 30; (2 + 1) × 9 = 27; total 30 + 27 = **57**
    """
    if isinstance(n, numbers.Integral) and not is_bool(n) and 1 <= n <= 200:
        n = int(n)
    else:  # a ValueError for any bad n, as before
        raise ValueError(f"n is {quote(n)}; a sheet has 1 to 200 exercises")
    seed = whole_number(seed, "seed")
    check_sheet(n, _check_range(layers, "layers", 2, MAX_LAYERS)[1])
    rng = random.Random(seed)
    return Sheet(tuple(random_net(rng, layers=layers, units=units) for _ in range(n)), seed)
