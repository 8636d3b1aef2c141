"""Pose, then reveal, for nets of any layer kind: the net drawn with its
shapes and no count, then one layer with parameters at a time, its formula
with the numbers filled in and the running total, to the whole count and
what the other framework counts.

Layers without parameters (pooling, flatten, activations) are passed on the
way: the step that reaches the next layer with parameters says so.
"""
from __future__ import annotations

from html import escape

import ipywidgets as widgets

from ..model import as_model
from ..model_count import model_breakdown
from ..model_text import format_model
from ._model_view import ModelView, framework
from ._steps import Stepped
from ._view import StaticFallback, _dress, _typed_net

__all__ = ["ModelWalkthrough", "model_walkthrough"]

#: Most terms written out in a sum; a longer one keeps its first and last.
MAX_TERMS = 8


def added(totals) -> str:
    """The sum of *totals* written out, long sums shortened in the middle.

    Examples
    --------
    >>> added([156, 2416, 48120])
    '156 + 2,416 + 48,120 = 50,692'
    >>> added([1] * 20)
    '1 + 1 + 1 + 1 + 1 + 1 + … (12 more) + 1 + 1 = 20'
    >>> added([7])
    '7'
    """
    terms = [f"{t:,}" for t in totals]
    if len(terms) == 1:
        return terms[0]
    if len(terms) > MAX_TERMS:
        terms = terms[:MAX_TERMS - 2] + [f"… ({len(terms) - MAX_TERMS:,} more)"] + terms[-2:]
    return " + ".join(terms) + f" = {sum(totals):,}"


class ModelWalkthrough(Stepped, StaticFallback, widgets.VBox):
    """Pose a typed net, then reveal its count one layer with parameters at a
    time: *Reveal next*, *Previous*, *Reveal all*, *Start again*; a text box
    takes any other net and a toggle the framework's convention.

    :meth:`advance`, :meth:`retreat` and :meth:`rewind` are what a deck's
    clicker calls; they return False when there is nothing to do.

    Examples
    --------
    >>> w = ModelWalkthrough("in 6x6x1 | conv 2 k=3 | maxpool 2 | flatten | dense 3")
    >>> w.view.total.value, w.step.max
    ('<b>How many parameters?</b>', 2)
    >>> w.next.click()   # (3·3·1 + 1)·2 = 20
    >>> print(w.lines[0])
    Layer 1, conv 2 k=3, 6×6×1 → 4×4×2: (3 × 3 × 1 + 1) × 2 = 20
    >>> w.next.click()   # (2·2·2 + 1)·3 = 27
    >>> print(w.lines[-1])
    Total: 20 + 27 = 47 parameters
    """

    def __init__(self, net="in 28x28x3 | conv 8 k=3 | maxpool 2 | flatten | dense 10", *,
                 convention="keras", presentation=False, editable=True, step=0):
        self.model = as_model(net)
        self.view = ModelView(presentation=presentation)
        self.spec = widgets.Text(value=format_model(self.model), description="net",
                                 continuous_update=False,
                                 layout=widgets.Layout(flex="1 1 30em", min_width="12em"))
        self.convention = widgets.ToggleButtons(
            options=[("Keras", "keras"), ("PyTorch", "pytorch")], value=convention,
            description="count as", style={"button_width": "6em"})
        self.message = widgets.HTML()
        self.step = widgets.IntSlider(description="step", min=0, max=0, value=0,
                                      layout=widgets.Layout(width="16em"))
        self.sum = widgets.HTML()
        self.sum.add_class("nnp-running-sum")
        self.lines = []
        # One row of controls, as in the dense walkthrough; the projector has
        # no room for the step slider and the convention (Keras by default).
        controls = (([self.spec] if editable else [])
                    + ([] if presentation else [self.step, self.convention])
                    + self._step_buttons())
        row = widgets.HBox(controls, layout=widgets.Layout(flex_flow="row wrap",
                                                            align_items="center"))
        # a step says up to three lines, and the net box may take a row of
        # its own: a deck keeps the picture lower
        self.view.image.add_class("nnp-below-text")
        self.view.image.add_class("nnp-below-rows")
        super().__init__([row, self.message, self.view.image, self.sum])
        _dress(self, presentation)
        self.add_class("nnp-walkthrough")
        self.step.observe(lambda _: self._redraw(), "value")
        self.convention.observe(lambda _: self._redraw(), "value")
        self.spec.observe(lambda change: _typed_net(self, change["new"], format_model), "value")
        self._pose(step)

    @property
    def net(self):
        """The net shown (a :class:`~nnparams_edu.model.Model`)."""
        return self.model

    def _stops(self):
        """The layers (0-based) a step reveals: those with parameters (a
        tied layer too), or the last layer of a net without any."""
        rows = model_breakdown(self.model, convention=self.convention.value).rows
        stops = [i for i, row in enumerate(rows) if row.total or row.number in self.model.ties]
        return stops or [len(rows) - 1]

    def _pose(self, step=0):
        """Measure the net, then show *step* (0: posed) and draw once."""
        self.stops = self._stops()
        step = min(max(int(step), 0), len(self.stops))
        if step == self.step.value:
            self.step.max = len(self.stops)
            self._redraw()
        else:  # to the step before the maximum moves: a lower maximum moves the step
            self.step.max = max(self.step.max, step)
            self.step.value = step
            self.step.max = len(self.stops)

    def set_net(self, net):
        """Pose *net* (any net; the count is hidden again); bad input raises."""
        self.model = as_model(net)
        self.message.value = ""
        self.spec.value = format_model(self.model)
        self._pose(0)

    def _redraw(self):
        step, convention = self.step.value, self.convention.value
        last = step == len(self.stops)
        if step == 0:
            self.view.show(self.model, convention=convention, reveal=0)
            self.lines = [f"Count each layer's parameters from the shapes, as "
                          f"{framework(convention)} counts them, add them up, then press "
                          "Reveal next."]
        else:
            layer = self.stops[step - 1]
            self.view.show(self.model, convention=convention, highlight=layer,
                           reveal=None if last else layer + 1)
            self.lines = self._lines(step)
        self.sum.value = "".join(f"<p style='margin:0'>{escape(line)}</p>"
                                 for line in self.lines)

    def _lines(self, step):
        """What step *step* (from 1) says: layers passed without parameters,
        the layer's formula, the sum so far (the total at the end)."""
        rows = self.view.breakdown.rows
        layer = self.stops[step - 1]
        passed = rows[(self.stops[step - 2] + 1 if step > 1 else 0):layer]
        lines = []
        if passed:
            names = [f"{r.number} ({r.layer})" for r in passed]
            names = " and ".join(filter(None, [", ".join(names[:-1]), names[-1]]))
            lines.append(f"No parameters in layer{'s' if len(passed) > 1 else ''} {names}: "
                         f"{'they change' if len(passed) > 1 else 'it changes'} the shape "
                         f"only, to {passed[-1].shape_out}.")
        row = rows[layer]
        lines.append(f"Layer {row.number}, {row.layer}, {row.shape_in} → {row.shape_out}: "
                     f"{row.formula}" + (" (not trained)" if row.total and not row.trainable
                                         else ""))
        totals = [rows[i].total for i in self.stops[:step]]
        if step < len(self.stops):
            lines.append(f"So far: {added(totals)}")
            return lines
        lines.append(f"Total: {added(totals)} parameters")
        lines.extend(self._ending())
        return lines

    def _ending(self):
        """The trainable split and the other framework's count where it differs."""
        b = self.view.breakdown
        lines = []
        if b.non_trainable:
            lines.append(f"{b.trainable:,} of them trainable, {b.non_trainable:,} not.")
        other = b.other()
        if other.total != b.total:
            changed = ", ".join(f"layer {o.number} ({o.layer}) {o.total:,} instead of {r.total:,}"
                                for r, o in zip(b.rows, other.rows) if r.total != o.total)
            lines.append(f"{framework(other.convention)} counts {other.total:,}: {changed}.")
        return lines

    def static_parts(self):
        return (f"<p>{self.view.total.value}</p>{self.view.static_image()}{self.sum.value}",
                self.view.alt)


def model_walkthrough(net="in 28x28x3 | conv 8 k=3 | maxpool 2 | flatten | dense 10", *,
                      convention="keras", presentation=False, editable=True,
                      step=0) -> ModelWalkthrough:
    """Pose a typed net and reveal its count one layer at a time.

    Examples
    --------
    >>> w = model_walkthrough("in 10x8 | rnn 32")
    >>> w.reveal_all.click()
    >>> print(w.lines[-1])   # Keras (8 + 32 + 1)·32; PyTorch one more bias vector of 32
    PyTorch counts 1,344: layer 1 (rnn 32) 1,344 instead of 1,312.
    """
    return ModelWalkthrough(net, convention=convention, presentation=presentation,
                            editable=editable, step=step)
