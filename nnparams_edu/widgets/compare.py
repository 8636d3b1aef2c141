"""Two nets side by side, and what differs."""
from __future__ import annotations

from html import escape

import ipywidgets as widgets

from ..count import describe_difference
from ..spec import as_net, format_spec
from ._view import NetView, _error, _present

class Comparison(widgets.VBox):
    """Two nets side by side, each with its breakdown, and what differs.

    Examples
    --------
    >>> c = Comparison("5-8-4-3", "5-4-3")
    >>> [view.breakdown.total for view in c.views]
    [99, 39]
    """

    def __init__(self, a="5-8-4-3", b="5-16-3", *, presentation=False):
        self.specs = [widgets.Text(value=format_spec(as_net(x)), description=label,
                                   continuous_update=False)
                      for label, x in (("net A", a), ("net B", b))]
        self.views = [NetView(presentation=presentation) for _ in range(2)]
        for view in self.views:
            view.image.layout = widgets.Layout(width="560px", height="350px",
                                               object_fit="contain")
        self.message = widgets.HTML()
        self.difference = widgets.HTML()
        self.difference.add_class("nnp-difference")
        columns = [widgets.VBox([spec, view]) for spec, view in zip(self.specs, self.views)]
        children = [widgets.HBox(columns, layout=widgets.Layout(flex_flow="row wrap")),
                    self.message, self.difference]
        super().__init__(children)
        if presentation:
            _present(self)
        self.add_class("nnp-compare")
        for spec in self.specs:
            spec.observe(lambda change: self._redraw(), "value")
        self._redraw()

    def _redraw(self):
        try:
            nets = [as_net(spec.value) for spec in self.specs]
        except (TypeError, ValueError) as error:
            self.message.value = _error(error)
            return
        self.message.value = ""
        for view, net in zip(self.views, nets):
            view.show(net)
        text = describe_difference(*nets)
        self.difference.value = "<p>" + "<br>".join(map(escape, text.splitlines())) + "</p>"


def compare(a="5-8-4-3", b="5-16-3", *, presentation=False) -> Comparison:
    """Compare two nets side by side.

    Examples
    --------
    >>> c = compare("5-8-4-3", "5-16-3")
    >>> "48 more" in c.difference.value
    True
    """
    return Comparison(a, b, presentation=presentation)
