"""Pose, then reveal: a net drawn as a question, its count revealed one
connection at a time.

Step 0 shows the net with no count at all. Each *Reveal next* highlights one
connection, shows its (n + 1) × m and the running sum so far; only the last
step shows the total. The same widget walks the class through 5-8-4-3 and
poses the class exercise: the instructor types any net into its box.
"""
from __future__ import annotations

from html import escape

import ipywidgets as widgets

from ..spec import as_net, format_spec
from ._model_view import typed
from .model_walkthrough import ModelWalkthrough
from ._steps import Stepped
from ._view import NetView, StaticFallback, _dress, _typed_net

__all__ = ["Walkthrough", "walkthrough", "pose"]


class Walkthrough(Stepped, StaticFallback, widgets.VBox):
    """Pose *net*, then reveal its count: *Reveal next*, *Previous*,
    *Reveal all*, *Start again*; a text box takes any other net.

    :meth:`advance` and :meth:`retreat` are what a presentation clicker
    calls; they return False when there is nothing more to reveal or hide.

    Examples
    --------
    >>> w = Walkthrough("5-8-4-3")
    >>> w.view.total.value
    '<b>How many parameters?</b>'
    >>> w.next.click(); w.next.click()
    >>> w.step.value, w.view.total.value
    (2, '<b>Connections 1 to 2: 48 + 36 = 84 parameters so far</b>')
    >>> w.reveal_all.click()
    >>> w.view.total.value
    '<b>99 parameters</b>'
    >>> w.spec.value = "4-16-8-4-2"   # a new net is posed again
    >>> w.step.value, w.step.max
    (0, 4)
    """

    def __init__(self, net="5-8-4-3", *, presentation=False, editable=True, step=0):
        self.net = as_net(net)
        self.view = NetView(presentation=presentation, table=False)
        self.spec = widgets.Text(value=format_spec(self.net), description="net",
                                 placeholder="e.g. 4-16-8-4-2", continuous_update=False,
                                 layout=widgets.Layout(width="16em"))
        self.message = widgets.HTML()
        self.step = widgets.IntSlider(description="step", min=0, max=self.net.connections,
                                      value=0, readout=True,
                                      layout=widgets.Layout(width="16em"))
        self.sum = widgets.HTML()
        self.sum.add_class("nnp-running-sum")
        # One row of controls; the projector has no room for the step slider
        # (the picture's title says how far the count has got).
        controls = (([self.spec] if editable else [])
                    + ([] if presentation else [self.step])
                    + self._step_buttons())
        row = widgets.HBox(controls, layout=widgets.Layout(flex_flow="row wrap",
                                                            align_items="center"))
        super().__init__([row, self.message, self.view.image, self.sum])
        _dress(self, presentation)
        self.add_class("nnp-walkthrough")
        self.step.observe(lambda change: self._redraw(), "value")
        self.spec.observe(lambda change: _typed_net(self, change["new"]), "value")
        self._start(min(max(int(step), 0), self.step.max))

    def _start(self, step):
        """Go to *step* and draw once: the step's observer draws a change;
        an unchanged step is drawn here."""
        if step == self.step.value:
            self._redraw()
        else:
            self.step.value = step

    def set_net(self, net):
        """Pose *net* (any net; the count is hidden again)."""
        self.net = as_net(net)
        self.message.value = ""
        self.spec.value = format_spec(self.net)  # _typed_net sees the net shown and stops
        # Back to step 0 before the new maximum: a maximum below the current
        # step would move the step (and draw) on its own.
        self._start(0)
        self.step.max = self.net.connections

    def _redraw(self):
        step, net = self.step.value, self.net
        self.view.show(net, highlight=step - 1 if step else None, reveal=step)
        rows = self.view.breakdown.rows
        if step == 0:
            lines = ["Count each connection as (n + 1) × m, add them up, then press "
                     "<i>Reveal next</i>."]
        else:
            row = rows[step - 1]
            line = (f"Connection {row.connection}, {row.n_in:,} → {row.n_out:,}: "
                    f"{row.n_in:,} × {row.n_out:,} = {row.weights:,} weights")
            if row.biases:
                line += f" + {row.biases:,} biases = {row.total:,}"
            if row.frozen:
                line += " (frozen)"
            parts = " + ".join(f"{r.total:,}" for r in rows[:step])
            if step == len(rows):
                total = f"Total: {parts} = {row.running:,} parameters" if step > 1 else \
                    f"Total: {row.running:,} parameters"
            else:
                total = f"So far: {parts} = {row.running:,}" if step > 1 else \
                    f"So far: {row.running:,}"
            lines = [escape(line), f"<b>{escape(total)}</b>"]
        self.sum.value = "".join(f"<p style='margin:0.2em 0'>{line}</p>" for line in lines)

    def static_parts(self):
        html, text = super().static_parts()
        return html + self.sum.value, text


def walkthrough(net="5-8-4-3", *, presentation=False, editable=True, step=0):
    """Pose *net* and reveal its count one connection at a time (a typed net,
    such as ``"in 28x28x3 | conv 8 k=3 | flatten | dense 10"``, one layer at a
    time: :class:`~.model_walkthrough.ModelWalkthrough`).

    Examples
    --------
    >>> w = walkthrough("5-8-4-3")
    >>> w.step.value = 2
    >>> "So far: 48 + 36 = 84" in w.sum.value
    True
    """
    kind = ModelWalkthrough if typed(net) else Walkthrough
    return kind(net, presentation=presentation, editable=editable, step=step)


def pose(net="4-16-8-4-2", *, presentation=True):
    """The class exercise: *net* drawn with no count, revealed when you say
    (a typed net too, shapes shown).

    Examples
    --------
    >>> p = pose("4-16-8-4-2")
    >>> p.view.alt.endswith("how many parameters?")
    True
    >>> type(pose("in 28x28x3 | conv 8 k=3 | flatten | dense 10")).__name__
    'ModelWalkthrough'
    """
    return walkthrough(net, presentation=presentation, editable=True, step=0)
