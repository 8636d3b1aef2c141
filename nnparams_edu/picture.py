"""A picture with its text alternative, as a notebook shows it.

Matplotlib's pictures in a notebook are bare PNGs: a screen reader, and the
static page ``jupyter nbconvert --to html`` makes ("No description has been
provided for this image"), get no words for them. :func:`described` turns a
figure into an ``<img>`` that carries a description, and :func:`img_tag`
writes such an ``<img>`` for PNG bytes (the widgets use it too).
"""
from __future__ import annotations

import base64
import io
from html import escape

__all__ = ["Described", "described", "img_tag"]


def img_tag(png: bytes, alt: str, width=None) -> str:
    """An ``<img>`` of *png* with *alt* as its text alternative (and tooltip),
    *width* pixels wide at most (its natural width if None).

    Examples
    --------
    >>> img_tag(b"x", 'a "b" net', 300)
    '<img src="data:image/png;base64,eA==" alt="a &quot;b&quot; net" title="a &quot;b&quot; net" width="300" style="max-width:100%; height:auto">'
    """
    data = base64.b64encode(png).decode()
    size = f' width="{int(width)}"' if width else ""
    return (f'<img src="data:image/png;base64,{data}" alt="{escape(alt)}" '
            f'title="{escape(alt)}"{size} style="max-width:100%; height:auto">')


class Described:
    """A PNG and the words that describe it: shown as an ``<img>`` with alt
    text in a notebook (JupyterLab, Voilà, nbconvert's HTML), as the words
    in plain text.

    Examples
    --------
    >>> picture = Described(b"x", "a 3-1 net")
    >>> picture
    a 3-1 net
    >>> 'alt="a 3-1 net"' in picture._repr_html_()
    True
    """

    def __init__(self, png: bytes, alt: str, width=None):
        self.png, self.alt, self.width = png, alt, width

    def __repr__(self):
        return self.alt

    def _repr_html_(self):
        return img_tag(self.png, self.alt, self.width)


def described(picture, alt: str, *, dpi=100) -> Described:
    """The matplotlib figure of *picture* (a Figure, or Axes on one) as a
    :class:`Described` with the text alternative *alt*.

    The figure is closed, so that the notebook shows it once, with its words,
    and not a second time bare.

    Examples
    --------
    >>> from nnparams_edu import draw_network
    >>> from nnparams_edu.reveal import describe_network
    >>> shown = described(draw_network("3-1"), describe_network("3-1"))
    >>> shown
    3-1 net: 3 inputs, no hidden layer, 1 output; 4 parameters
    >>> shown.png[:4] == b"\\x89PNG"
    True
    """
    import matplotlib.pyplot as plt

    figure = getattr(picture, "figure", picture)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    plt.close(figure)
    width, _ = figure.get_size_inches() * dpi
    return Described(buffer.getvalue(), alt, width)
