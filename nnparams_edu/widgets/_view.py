"""What every widget shares: the picture-and-count view, the projector
stylesheet and the error sentence."""
from __future__ import annotations

from html import escape

import ipywidgets as widgets

from ..count import layer_breakdown
from ..draw import CLASSROOM, PRESENTATION, NetworkFigure

#: Larger type for the projector, scoped to widgets marked ``nnp-present``.
_PRESENT_CSS = """<style>
.nnp-present, .nnp-present .widget-label, .nnp-present .widget-readout,
.nnp-present input, .nnp-present button, .nnp-present td, .nnp-present th,
.nnp-present li, .nnp-present p { font-size: 20px !important; }
.nnp-present .widget-label { min-width: 9em; }
.nnp-present button { height: 2.4em; min-width: 6em; }
.nnp-present .nnp-total { font-size: 34px !important; }
</style>"""


def _present(box):
    """Large type for the projector: the stylesheet first, the class on *box*."""
    box.children = (widgets.HTML(_PRESENT_CSS), *box.children)
    box.add_class("nnp-present")


def _error(text) -> str:
    return f'<span class="nnp-error" style="color:#D55E00">&#9888; {escape(str(text), quote=False)}</span>'


class NetView(widgets.VBox):
    """A net's picture (PNG, fixed height), its total and its breakdown table.

    ``show(net)`` redraws everything; it is what every control calls.

    Examples
    --------
    >>> view = NetView()
    >>> view.show("5-8-4-3", highlight=0)
    >>> view.breakdown.total, view.total.value
    (99, '<b>99 parameters</b>')
    """

    def __init__(self, *, presentation=False, max_units=12, table=True):
        self.style = PRESENTATION if presentation else CLASSROOM
        self.max_units = max_units
        self.canvas = NetworkFigure()
        width, height = (800, 500) if presentation else (640, 400)
        self.image = widgets.Image(format="png", layout=widgets.Layout(
            width=f"{width}px", height=f"{height}px", object_fit="contain"))
        self.image.add_class("nnp-figure")
        self.total = widgets.HTML()
        self.total.add_class("nnp-total")
        self.table = widgets.HTML(layout=widgets.Layout(min_height="12em"))
        self.table.add_class("nnp-table")
        self.breakdown = None
        super().__init__([self.total, self.image] + ([self.table] if table else []))

    def show(self, net, *, highlight=None):
        """Draw *net* and update the total and the table."""
        self.breakdown = layer_breakdown(net)
        self.canvas.draw(net, max_units=self.max_units, highlight=highlight,
                         style=self.style)
        self.image.value = self.canvas.to_png()
        b = self.breakdown
        split = (f" ({b.trainable:,} trainable, {b.non_trainable:,} frozen)"
                 if b.non_trainable else "")
        self.total.value = f"<b>{b.total:,} parameters</b>{split}"
        self.table.value = b.to_html()
