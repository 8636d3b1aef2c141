"""The walkthrough: reveal the count one connection at a time."""
from __future__ import annotations

from html import escape

import ipywidgets as widgets

from ..count import layer_breakdown
from ..spec import as_net
from ._view import NetView, _present

class Walkthrough(widgets.VBox):
    """Reveal the count one connection at a time: Play, or Previous / Next.

    Step 0 shows the whole net; step ``i`` highlights connection ``i`` (its
    weight edges, bias node and bias edges) and adds its count to the
    running sum shown beside the picture.

    Examples
    --------
    >>> w = Walkthrough("5-8-4-3")
    >>> w.next.click(); w.next.click()
    >>> w.step.value, "+ 36 → 84" in w.sum.value
    (2, True)
    """

    def __init__(self, net="5-8-4-3", *, presentation=False, interval=2000):
        self.net = as_net(net)
        steps = self.net.connections
        self.view = NetView(presentation=presentation, table=False)
        self.step = widgets.IntSlider(description="step", min=0, max=steps, value=0)
        self.play = widgets.Play(min=0, max=steps, interval=interval, value=0)
        widgets.jslink((self.play, "value"), (self.step, "value"))
        self.previous = widgets.Button(description="Previous", icon="step-backward")
        self.next = widgets.Button(description="Next", icon="step-forward")
        self.sum = widgets.HTML()
        self.sum.add_class("nnp-running-sum")
        self.lines = layer_breakdown(self.net).steps()
        controls = widgets.HBox([self.previous, self.play, self.next, self.step])
        children = [controls, widgets.HBox([self.view.image, self.sum])]
        super().__init__(children)
        if presentation:
            _present(self)
        self.add_class("nnp-walkthrough")
        self.step.observe(lambda change: self._redraw(), "value")
        self.previous.on_click(lambda _: self._move(-1))
        self.next.on_click(lambda _: self._move(+1))
        self._redraw()

    def _move(self, by):
        self.step.value = min(max(self.step.value + by, 0), self.step.max)

    def _redraw(self):
        step = self.step.value
        self.view.show(self.net, highlight=step - 1 if step else None)
        if step == 0:
            lines = ["Press ▶ or Next to count the parameters one connection at a time."]
        else:
            lines = [f"{i}. {line}" for i, line in enumerate(self.lines[:step], 1)]
            if step == self.step.max:
                lines.append(f"Total: {self.view.breakdown.total:,} parameters")
        items = "".join(f"<li>{escape(line)}</li>" if i < step or step == 0 else
                        f"<li><b>{escape(line)}</b></li>" for i, line in enumerate(lines, 1))
        self.sum.value = f'<ul style="list-style:none; padding-left:0">{items}</ul>'


def walkthrough(net="5-8-4-3", *, presentation=False, interval=2000) -> Walkthrough:
    """The step-through widget for *net*.

    Examples
    --------
    >>> w = walkthrough("5-8-4-3")
    >>> w.step.value = 2
    >>> "+ 36 → 84" in w.sum.value
    True
    """
    return Walkthrough(net, presentation=presentation, interval=interval)
