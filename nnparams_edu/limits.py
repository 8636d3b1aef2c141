"""What a net, a graph, a drawing and a sheet may be: every limit in one place.

Each check looks only at the size of an input (its length, a number, a
product of numbers), so it runs before anything is built: a net of a hundred
million units is refused in microseconds, not after gigabytes. Every public
entry (the API, the command line, the widgets) goes through these checks and
answers with a ValueError or TypeError that names the value and the rule,
quoting at most :data:`QUOTE_CHARS` characters of what was given.
"""
from __future__ import annotations

import numbers
import reprlib

import numpy as np

__all__ = ["MAX_SPEC_CHARS", "MAX_LAYERS", "MAX_UNITS", "MAX_EDGES", "MAX_DRAWN_EDGES",
           "MAX_PIXELS", "MAX_SHEET_LAYERS", "MAX_TITLE_CHARS", "QUOTE_CHARS",
           "quote", "is_bool", "whole_number", "as_bool", "check_text", "check_layer_count",
           "check_edges", "check_drawn_edges", "check_pixels", "check_sheet",
           "check_title"]

#: Largest layer width accepted (a hundred million units is already absurd).
MAX_UNITS = 100_000_000
#: Largest number of layers accepted.
MAX_LAYERS = 100_000
#: Longest spec text read: room for the spec string of any accepted net
#: (100,000 layers of nine digits, both flags naming every connection).
MAX_SPEC_CHARS = 2_200_000
#: A graph with more edges than this is refused (pass ``max_units``).
MAX_EDGES = 100_000
#: A drawing with more weight and bias lines than this is refused.
MAX_DRAWN_EDGES = 10_000
#: Largest picture rendered, in pixels (width times height).
MAX_PIXELS = 40_000_000
#: Most layers a whole exercise sheet may hold (exercises times max layers).
MAX_SHEET_LAYERS = 2_000
#: Longest title drawn.
MAX_TITLE_CHARS = 200
#: Most characters of a bad input quoted in a message.
QUOTE_CHARS = 60

_REPR = reprlib.Repr()
_REPR.maxlevel = 2
_REPR.maxstring = _REPR.maxother = _REPR.maxlong = QUOTE_CHARS
_REPR.maxlist = _REPR.maxtuple = _REPR.maxset = _REPR.maxdict = 8


def quote(value) -> str:
    """A short repr of *value* for a message: at most ``QUOTE_CHARS`` characters,
    safe for any value (deeply nested, huge, or with a broken ``__repr__``).

    Examples
    --------
    >>> quote("5-8")
    "'5-8'"
    >>> len(quote("9" * 10_000_000)) <= QUOTE_CHARS
    True
    >>> nested = []
    >>> for _ in range(5000):
    ...     nested = [nested]
    >>> quote(nested)
    '[[[...]]]'
    """
    try:
        text = _REPR.repr(value)
    except Exception:  # a user object whose __repr__ fails
        text = f"<{type(value).__name__}>"
    if len(text) > QUOTE_CHARS:
        text = text[:QUOTE_CHARS - 3] + "..."
    return text


def is_bool(value) -> bool:
    """True for a Python or numpy bool.

    Examples
    --------
    >>> is_bool(np.False_), is_bool(0)
    (True, False)
    """
    return isinstance(value, (bool, np.bool_))


def _integral(value) -> bool:
    """A whole number: int or numpy integer, not bool or numpy bool."""
    return isinstance(value, numbers.Integral) and not is_bool(value)


def whole_number(value, name, low=None, high=None) -> int:
    """*value* as a plain int, checked to lie in ``low..high``.

    numpy integers are accepted like Python ints; bools, floats and text are not.

    Examples
    --------
    >>> import numpy as np
    >>> whole_number(np.int64(7), "seed")
    7
    >>> whole_number(2.9, "layers")
    Traceback (most recent call last):
    ...
    TypeError: layers is 2.9 (float); it must be a whole number (int)
    >>> whole_number(0, "n", 1, 200)
    Traceback (most recent call last):
    ...
    ValueError: n is 0; it must be from 1 to 200
    """
    if not _integral(value):
        raise TypeError(f"{name} is {quote(value)} ({type(value).__name__}); "
                        "it must be a whole number (int)")
    value = int(value)
    if (low is not None and value < low) or (high is not None and value > high):
        bounds = (f"from {low:,} to {high:,}" if low is not None and high is not None
                  else f"at least {low:,}" if low is not None else f"at most {high:,}")
        raise ValueError(f"{name} is {value if abs(value) < 10**12 else quote(value)}; "
                         f"it must be {bounds}")
    return value


def as_bool(value, name) -> bool:
    """*value* as a plain bool; numpy bools are accepted like Python bools.

    Examples
    --------
    >>> import numpy as np
    >>> as_bool(np.True_, "bias")
    True
    >>> as_bool(1, "bias")
    Traceback (most recent call last):
    ...
    TypeError: bias is 1; it must be True or False
    """
    if is_bool(value):
        return bool(value)
    raise TypeError(f"{name} is {quote(value)}; it must be True or False")


def check_text(text, what="a spec") -> str:
    """Refuse text longer than ``MAX_SPEC_CHARS`` before reading any of it.

    Examples
    --------
    >>> check_text("5-8")
    '5-8'
    >>> check_text("5-" * 2_000_000)
    Traceback (most recent call last):
    ...
    ValueError: a spec of 4,000,000 characters is too long; the most read is 2,200,000
    """
    if len(text) > MAX_SPEC_CHARS:
        raise ValueError(f"{what} of {len(text):,} characters is too long; "
                         f"the most read is {MAX_SPEC_CHARS:,}")
    return text


def check_layer_count(n: int) -> int:
    """Refuse fewer than 2 or more than ``MAX_LAYERS`` layers.

    Examples
    --------
    >>> check_layer_count(10**8)
    Traceback (most recent call last):
    ...
    ValueError: a net may have at most 100,000 layers, got 100,000,000
    """
    if n < 2:
        raise ValueError(f"a net needs at least 2 layers (input and output), got {n}")
    if n > MAX_LAYERS:
        raise ValueError(f"a net may have at most {MAX_LAYERS:,} layers, got {n:,}")
    return n


def check_edges(edges: int, net) -> None:
    """Refuse a graph of more than ``MAX_EDGES`` edges (computed from sizes).

    Examples
    --------
    >>> check_edges(10**8, "100000000-1")
    Traceback (most recent call last):
    ...
    ValueError: the full graph of 100000000-1 would have 100,000,000 edges (more than 100,000); pass max_units, e.g. max_units=12, to draw wide layers truncated
    """
    if edges > MAX_EDGES:
        raise ValueError(f"the full graph of {_short(net)} would have {edges:,} edges "
                         f"(more than {MAX_EDGES:,}); pass max_units, e.g. "
                         "max_units=12, to draw wide layers truncated")


def check_drawn_edges(edges: int, net) -> None:
    """Refuse a drawing of more than ``MAX_DRAWN_EDGES`` lines.

    Examples
    --------
    >>> check_drawn_edges(998_998, "1000-998")
    Traceback (most recent call last):
    ...
    ValueError: drawing 1000-998 untruncated needs 998,998 lines (more than 10,000); pass max_units, e.g. max_units=12
    """
    if edges > MAX_DRAWN_EDGES:
        raise ValueError(f"drawing {_short(net)} untruncated needs {edges:,} lines "
                         f"(more than {MAX_DRAWN_EDGES:,}); pass max_units, e.g. max_units=12")


def check_pixels(width: float, height: float) -> None:
    """Refuse a picture of more than ``MAX_PIXELS`` pixels or a side over 16,384.

    Examples
    --------
    >>> check_pixels(800, 500)
    >>> check_pixels(900, 91_161)
    Traceback (most recent call last):
    ...
    ValueError: a picture of 900 x 91,161 pixels is too large; at most 40,000,000 pixels and 16,384 a side
    """
    if not (0 < width <= 16_384 and 0 < height <= 16_384 and width * height <= MAX_PIXELS):
        raise ValueError(f"a picture of {width:,.0f} x {height:,.0f} pixels is too large; "
                         f"at most {MAX_PIXELS:,} pixels and 16,384 a side")


def check_sheet(n: int, max_layers: int) -> None:
    """Refuse a sheet holding more than ``MAX_SHEET_LAYERS`` layers in all.

    Examples
    --------
    >>> check_sheet(10, 10**9)
    Traceback (most recent call last):
    ...
    ValueError: a sheet of 10 nets of up to 1,000,000,000 layers is too much work; n times the most layers may be at most 2,000
    """
    if n * max_layers > MAX_SHEET_LAYERS:
        raise ValueError(f"a sheet of {n} nets of up to {max_layers:,} layers is too much "
                         f"work; n times the most layers may be at most {MAX_SHEET_LAYERS:,}")


def check_title(title):
    """A drawing's title: True, False, None or one line of printable text.

    Examples
    --------
    >>> check_title("my net")
    'my net'
    >>> check_title("a\\tb")
    Traceback (most recent call last):
    ...
    ValueError: title 'a\\tb' has a control character (\\t); use printable text
    """
    if title is None or is_bool(title):
        return bool(title)
    if not isinstance(title, str):
        raise TypeError(f"title is {quote(title)} ({type(title).__name__}); "
                        "it must be True, False or a string")
    if len(title) > MAX_TITLE_CHARS:
        raise ValueError(f"title has {len(title):,} characters; at most {MAX_TITLE_CHARS}")
    for char in title:
        if not char.isprintable() and char != "\n":
            raise ValueError(f"title {quote(title)} has a control character "
                             f"({char.encode('unicode_escape').decode()}); use printable text")
    return title


def _short(net) -> str:
    text = str(net)
    return text if len(text) <= QUOTE_CHARS else text[:QUOTE_CHARS - 3] + "..."
