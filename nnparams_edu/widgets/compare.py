"""Two nets side by side, and what differs."""
from __future__ import annotations

from html import escape

import ipywidgets as widgets

from ..count import describe_difference
from ..spec import as_net, format_spec
from ._model_view import typed
from ._side_by_side import SideBySide
from ._steps import CountsHidden
from ._view import NetView, StaticFallback, _dress
from .model_compare import ModelComparison

__all__ = ["Comparison", "compare"]


class Comparison(CountsHidden, SideBySide, StaticFallback, widgets.VBox):
    """Two nets side by side, each with its count, and a sentence on what
    differs. *hide counts* poses both nets as questions.

    Examples
    --------
    >>> c = Comparison("5-8-4-3", "5-4-3")
    >>> [view.breakdown.total for view in c.views]
    [99, 39]
    >>> c.hide_counts.value = True
    >>> [view.shown for view in c.views], c.difference.value
    ([0, 0], '')
    """

    def __init__(self, a="5-8-4-3", b="5-16-3", *, presentation=False):
        self.nets = [as_net(a), as_net(b)]
        self.specs = [widgets.Text(value=format_spec(net), description=label,
                                   continuous_update=False,
                                   layout=widgets.Layout(width="100%", max_width="22em"))
                      for label, net in zip(("net A", "net B"), self.nets)]
        # on the projector nearly square, and no title (the total above says it):
        # in half a screen a 16-unit column gets the height the class net's has
        figsize = (5, 4.75) if presentation else (5.6, 3.5)
        self.views = [NetView(presentation=presentation, table=not presentation,
                              figsize=figsize, title=not presentation) for _ in range(2)]
        self.hide_counts = widgets.Checkbox(description="hide counts", indent=False)
        row = self._side_by_side()
        super().__init__([row, self.message, self.difference, self.hide_counts])
        _dress(self, presentation)
        self.add_class("nnp-compare")
        self.add_class("nnp-dense-compare")  # the deck gives its pictures more height
        for i, spec in enumerate(self.specs):
            spec.observe(lambda change, i=i: self._typed(i, change["new"]), "value")
        self.hide_counts.observe(lambda change: self._redraw(), "value")
        self._redraw()

    _read, _text = staticmethod(as_net), staticmethod(format_spec)

    def _show(self, i):
        self.views[i].show(self.nets[i], reveal=0 if self.hide_counts.value else None)

    def _describe(self):
        """The sentence on what differs (none while the counts are hidden)."""
        text = "" if self.hide_counts.value else describe_difference(*self.nets)
        self.difference.value = ("<p>" + "<br>".join(map(escape, text.splitlines())) + "</p>"
                                 if text else "")


def compare(a="5-8-4-3", b="5-16-3", *, presentation=False):
    """Compare two nets side by side (typed nets, or a typed and a dense one,
    in :class:`~.model_compare.ModelComparison`).

    Examples
    --------
    >>> c = compare("5-8-4-3", "5-16-3")
    >>> "48 more" in c.difference.value
    True
    >>> c = compare("in 28x28x1 | flatten | dense 32", "in 28x28x1 | conv 32 k=3")
    >>> [view.breakdown.total for view in c.views]
    [25120, 320]
    """
    kind = ModelComparison if typed(a) or typed(b) else Comparison
    return kind(a, b, presentation=presentation)
