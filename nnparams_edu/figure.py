"""A figure kept across redraws, as a slider callback needs."""
from __future__ import annotations

import io

from .draw import draw_network
from .limits import check_pixels

__all__ = ["NetworkFigure"]


class NetworkFigure:
    """A figure kept across redraws, as a slider callback needs.

    Redrawing into the same figure only swaps the artists of the net, which
    is much cheaper than making a new figure or clearing the axes.

    Parameters
    ----------
    figsize : (float, float)
        Size in inches (8 × 5 by default).
    dpi : float
        Pixels per inch of the PNG (100 by default).

    Examples
    --------
    >>> canvas = NetworkFigure()
    >>> ax = canvas.draw("5-8-4-3")
    >>> png = canvas.to_png()
    >>> png[:4] == b"\\x89PNG"
    True
    >>> from nnparams_edu.draw import drawn_labels
    >>> ax = canvas.draw("6-5-4-3")  # replaces the drawing
    >>> drawn_labels(ax)["title"]
    ['6-5-4-3: 74 parameters']
    >>> import os, tempfile
    >>> canvas.save(os.path.join(tempfile.mkdtemp(), "net.svg"))
    """

    def __init__(self, figsize=(8, 5), dpi=100):
        from matplotlib.figure import Figure

        self.figure = Figure(figsize=figsize, dpi=dpi)
        self.ax = self.figure.add_axes((0, 0, 1, 1))
        self.ax.set_axis_off()

    def draw(self, net, **kwargs):
        """Replace the drawing with *net*; keywords go to :func:`draw_network`."""
        for artist in [*self.ax.collections, *self.ax.texts]:
            artist.remove()
        if self.ax.get_legend() is not None:
            self.ax.get_legend().remove()
        return draw_network(net, self.ax, **kwargs)

    def to_png(self, compress_level=1, dpi=None) -> bytes:
        """The figure as PNG bytes; the fast zlib level 1 by default (this runs
        on every redraw), up to 9 for a smaller file that is kept. *dpi*
        overrides the figure's pixels per inch. A picture over ``MAX_PIXELS``
        is refused before it is rendered."""
        width, height = self.figure.get_size_inches() * (dpi or self.figure.dpi)
        check_pixels(width, height)
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=dpi or self.figure.dpi,
                            pil_kwargs={"compress_level": compress_level})
        return buffer.getvalue()

    def save(self, path) -> None:
        """Save the figure to *path*; the format follows its extension."""
        check_pixels(*self.figure.bbox.size)
        self.figure.savefig(path)
