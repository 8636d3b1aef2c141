"""A typed net's picture and total, revealed as far as asked: what the typed
walkthrough and the typed comparison show (the typed counterpart of
:class:`~nnparams_edu.widgets._view.NetView`)."""
from __future__ import annotations

import io

import ipywidgets as widgets
from matplotlib.figure import Figure

from ..model import Model, as_model, is_model_text
from ..model_count import model_breakdown
from ..model_describe import describe_model
from ..model_draw import draw_model
from ..reveal import revealed
from ..style import CLASSROOM, PRESENTATION
from ._view import PRESENT_DPI, _png_img

__all__ = ["ModelView", "framework", "typed"]


def typed(net) -> bool:
    """True for a net the typed widgets take and the dense ones do not: a
    :class:`~nnparams_edu.model.Model` or its text (starting with ``in`` or
    holding ``|``).

    Examples
    --------
    >>> typed("in 28x28x1 | flatten | dense 32"), typed("784-32")
    (True, False)
    """
    return isinstance(net, Model) or is_model_text(net)


def framework(convention: str) -> str:
    """The framework's name for a convention.

    Examples
    --------
    >>> framework("pytorch"), framework("keras")
    ('PyTorch', 'Keras')
    """
    return {"keras": "Keras", "pytorch": "PyTorch"}[convention]


class ModelView(widgets.VBox):
    """A typed net's picture (an ``<img>`` with its text alternative) and its
    total: ``show(net, reveal=0)`` poses the net, every count a "?" and its
    shapes visible.

    Examples
    --------
    >>> view = ModelView()
    >>> view.show("in 4x4x1 | conv 2 k=3 | flatten | dense 3", reveal=0)
    >>> view.total.value, view.alt.endswith("how many parameters?")
    ('<b>How many parameters?</b>', True)
    >>> view.show("in 4x4x1 | conv 2 k=3 | flatten | dense 3", reveal=1, highlight=0)
    >>> view.total.value  # (3·3·1 + 1)·2 = 20
    '<b>20 parameters so far</b>'
    >>> view.show("in 4x4x1 | conv 2 k=3 | flatten | dense 3")
    >>> view.breakdown.total, view.total.value   # 20 + (8 + 1)·3
    (47, '<b>47 parameters</b>')
    """

    def __init__(self, *, presentation=False, max_units=8, figsize=None, title=True):
        self.style = PRESENTATION if presentation else CLASSROOM
        self.max_units = max_units
        self.title = title  # False: the total above the picture says it
        figsize = figsize or ((8.8, 4.2) if presentation else (8, 4.6))
        self.figure = Figure(figsize=figsize, dpi=PRESENT_DPI if presentation else 100)
        self.width = int(figsize[0] * 100)
        self.ax = None
        self.image = widgets.HTML(layout=widgets.Layout(max_width="100%"))
        self.image.add_class("nnp-figure")
        self.total = widgets.HTML()
        self.total.add_class("nnp-total")
        self.breakdown = None
        self.alt = ""
        self.shown = 0
        super().__init__([self.total, self.image])

    def show(self, net, *, convention="keras", reveal=None, highlight=None):
        """Draw *net* with its first *reveal* layer counts (all by default)
        and say as much of the count as the picture shows."""
        model = as_model(net)
        b = self.breakdown = model_breakdown(model, convention=convention)
        self.shown = shown = revealed(reveal, len(b.rows))
        self.figure.clear()
        self.ax = draw_model(model, self.figure.add_axes((0, 0, 1, 1)),
                             max_units=self.max_units,
                             convention=convention, reveal=shown, highlight=highlight,
                             style=self.style, title=self.title)
        if shown == len(b.rows):
            words = f"{b.total:,} parameters"
            if b.non_trainable:
                words += f" ({b.trainable:,} trainable, {b.non_trainable:,} non-trainable)"
        elif shown:
            words = f"{b.rows[shown - 1].running:,} parameters so far"
        else:
            words = "How many parameters?"
        self.total.value = f"<b>{words}</b>"
        self.alt = describe_model(model, counts=False, convention=convention)
        if shown:
            self.alt = self.alt.removesuffix("how many parameters?") + words
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", pil_kwargs={"compress_level": 1})
        self.image.value = _png_img(buffer.getvalue(), self.alt, self.width)

    def static_image(self) -> str:
        """The picture to keep in a saved notebook."""
        return self.image.value
