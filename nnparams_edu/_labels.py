"""Many short labels drawn as one collection of glyph outlines.

A matplotlib ``Text`` costs one to five milliseconds to render, which adds up
when a drawing carries a label per layer and per connection and is redrawn on
every slider move. Here each character's outline is computed once and cached;
a label is its characters placed side by side, and all labels of one kind are
a single ``PathCollection`` that renders in about a millisecond.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
from matplotlib.collections import PathCollection
from matplotlib.font_manager import FontProperties, findfont, get_font

try:  # matplotlib >= 3.10
    from matplotlib.ft2font import LoadFlags
    _NO_HINTING = LoadFlags.NO_HINTING
except ImportError:  # pragma: no cover - older matplotlib
    from matplotlib.ft2font import LOAD_NO_HINTING as _NO_HINTING
from matplotlib.path import Path
from matplotlib.textpath import TextPath
from matplotlib.transforms import Affine2D

_FONT = FontProperties(family="DejaVu Sans")
_LINE_HEIGHT = 1.25  # in em
_SHIFT = {"left": 0.0, "center": 0.5, "right": 1.0}


@lru_cache(maxsize=None)
def _glyph(char: str):
    """Outline (vertices, codes) and advance of *char*, in em units."""
    font = get_font(findfont(_FONT))
    font.set_size(72, 72)  # one em is 72 px, so pixels / 72 are em
    advance = font.load_char(ord(char), flags=_NO_HINTING).linearHoriAdvance / 65536 / 72
    if char.isspace():
        return np.empty((0, 2)), np.empty(0, dtype=Path.code_type), advance
    path = TextPath((0, 0), char, size=1, prop=_FONT)
    return path.vertices, path.codes, advance


@lru_cache(maxsize=4096)
def text_path(text: str, ha: str = "center", va: str = "center") -> Path:
    """The outline of *text* (lines split at ``\\n``) in em units, aligned
    so that the point ``(0, 0)`` is its anchor.

    Examples
    --------
    >>> box = text_path("99", ha="left", va="bottom").get_extents()
    >>> bool(0 <= box.x0 < 0.2 and 1.0 < box.x1 < 1.4 and abs(box.y0) < 0.05)
    True
    """
    lines = text.split("\n")
    vertices, codes = [], []
    for row, line in enumerate(lines):
        width = text_width(line)
        x = -_SHIFT[ha] * width
        y = -row * _LINE_HEIGHT
        for ch in line:
            v, c, advance = _glyph(ch)
            if len(v):
                vertices.append(v + (x, y))
                codes.append(c)
            x += advance
    height = (len(lines) - 1) * _LINE_HEIGHT
    cap = 0.73  # height of digits and capitals, in em
    dy = {"bottom": height, "top": -cap, "center": (height - cap) / 2}[va]
    if not vertices:
        return Path(np.empty((0, 2)))
    return Path(np.concatenate(vertices) + (0, dy), np.concatenate(codes))


@lru_cache(maxsize=4096)
def text_width(text: str) -> float:
    """Width of *text*'s widest line, in em (from the glyphs' advances).

    Examples
    --------
    >>> text_width("conv\\n99") == text_width("conv") > text_width("99")
    True
    """
    return max(sum(_glyph(ch)[2] for ch in line) for line in text.split("\n"))


class LabelCollection(PathCollection):
    """Labels at data positions, all of one size and colour.

    The label strings are kept in :attr:`texts`, in the order given, so
    tests and callers can read what the drawing says.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = Figure().add_subplot()
    >>> LabelCollection(ax, [(0, 0, "48"), (1, 0, "36")], size=10).texts
    ['48', '36']
    """

    def __init__(self, ax, items, *, size, color="black", ha="center", va="center",
                 **kwargs):
        items = list(items)
        #: The label strings, in order.
        self.texts = [text for _, _, text in items]
        super().__init__(
            [text_path(text, ha, va) for _, _, text in items],
            offsets=[(x, y) for x, y, _ in items] or np.empty((0, 2)),
            offset_transform=ax.transData,
            transform=Affine2D().scale(size / 72) + ax.figure.dpi_scale_trans,
            facecolors=color, edgecolors="none", linewidths=0, **kwargs)
