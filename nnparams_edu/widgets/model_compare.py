"""Two nets of typed layers side by side, their totals, and what differs
layer by layer (a dense layer on a flattened image against the conv layer
that replaces it: 25,120 against 320)."""
from __future__ import annotations

from html import escape

import ipywidgets as widgets

from ..model import as_model
from ..model_difference import describe_model_difference
from ..model_text import format_model
from ._model_view import ModelView
from ._side_by_side import SideBySide
from ._steps import CountsHidden
from ._view import StaticFallback, _dress

__all__ = ["ModelComparison", "model_compare"]

#: The classic pair: a dense layer on a flattened image, and a conv layer.
DENSE, CONV = "in 28x28x1 | flatten | dense 32", "in 28x28x1 | conv 32 k=3"


class ModelComparison(CountsHidden, SideBySide, StaticFallback, widgets.VBox):
    """Two typed nets side by side, each with its count, and the difference
    in words, layer by layer. *hide counts* poses both nets (shapes shown).

    Examples
    --------
    >>> c = ModelComparison("in 28x28x1 | flatten | dense 32", "in 28x28x1 | conv 32 k=3")
    >>> [view.breakdown.total for view in c.views]  # (784 + 1)·32, (3·3·1 + 1)·32
    [25120, 320]
    >>> c.hide_counts.value = True
    >>> [view.shown for view in c.views], c.difference.value
    ([0, 0], '')
    """

    def __init__(self, a=DENSE, b=CONV, *, convention="keras", presentation=False):
        self.nets = [as_model(a), as_model(b)]
        self.specs = [widgets.Text(value=format_model(model), description=label,
                                   continuous_update=False,
                                   layout=widgets.Layout(width="calc(100% - 4px)"))
                      for label, model in zip(("net A", "net B"), self.nets)]
        # on the projector, wide and low: each picture's half of a 1024-px
        # screen keeps its labels 18 px tall
        figsize = (5.2, 3.4) if presentation else (5.6, 3.8)
        self.views = [ModelView(presentation=presentation, figsize=figsize, title=False)
                      for _ in range(2)]
        self.convention = widgets.ToggleButtons(
            options=[("Keras", "keras"), ("PyTorch", "pytorch")], value=convention,
            description="count as", style={"button_width": "6em"})
        self.hide_counts = widgets.Checkbox(description="hide counts", indent=False)
        row = self._side_by_side()
        # the projector has no room for the convention (Keras by default)
        controls = widgets.HBox(([] if presentation else [self.convention]) + [self.hide_counts],
                                layout=widgets.Layout(flex_flow="row wrap"))
        super().__init__([row, self.message, self.difference, controls])
        _dress(self, presentation)
        self.add_class("nnp-compare")
        for i, spec in enumerate(self.specs):
            spec.observe(lambda change, i=i: self._typed(i, change["new"]), "value")
        for control in (self.hide_counts, self.convention):
            control.observe(lambda _: self._redraw(), "value")
        self._redraw()

    _read, _text = staticmethod(as_model), staticmethod(format_model)

    def _show(self, i):
        self.views[i].show(self.nets[i], convention=self.convention.value,
                           reveal=0 if self.hide_counts.value else None)

    def _describe(self):
        """The difference in words (none while the counts are hidden)."""
        text = "" if self.hide_counts.value else describe_model_difference(
            *self.nets, convention=self.convention.value)
        self.difference.value = "".join(f"<p style='margin:0.2em 0'>{escape(line)}</p>"
                                        for line in text.splitlines())


def model_compare(a=DENSE, b=CONV, *, convention="keras", presentation=False):
    """Compare two typed nets side by side.

    Examples
    --------
    >>> "24,800 fewer" in model_compare().difference.value
    True
    """
    return ModelComparison(a, b, convention=convention, presentation=presentation)
