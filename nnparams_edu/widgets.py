"""Sliders and buttons wired to the drawing and the count.

Every helper returns a widget object (a ``VBox`` subclass) whose controls are
attributes, so a test can set ``.value`` and read the result without a
browser. Each redraw draws into a kept figure and sends it as a PNG to an
``Image`` of fixed height, so the picture changes in place without flicker.
Bad input shows a sentence in the widget, never a traceback.
"""
from __future__ import annotations

import base64
import io
import random
from contextlib import contextmanager
from html import escape

import ipywidgets as widgets

from .count import describe_difference, layer_breakdown
from .draw import CLASSROOM, PRESENTATION, NetworkFigure
from .exercises import check_answer, make_sheet, random_net
from .export import save_figure, to_keras, to_pytorch
from .spec import as_net, format_spec

__all__ = ["explorer", "exercise", "walkthrough", "compare", "sheet_maker",
           "Explorer", "Exercise", "Walkthrough", "Comparison", "SheetMaker", "NetView"]

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


class Explorer(widgets.VBox):
    """Sliders for every layer, bias and freeze switches, a text box for a
    whole net; the picture, total, breakdown and memory follow every change.

    Attributes
    ----------
    input_units, hidden_layers, output_units : IntSlider
    hidden_units : list of IntSlider
        One per possible hidden layer; only the first ``hidden_layers`` show.
    bias, frozen : list of Checkbox
        One per possible connection.
    spec : Text
        Takes a whole net, e.g. ``784-128-10`` or ``5-8-4-3;frozen=1``.
    message : HTML
        Says what was wrong with the last text typed, if anything.
    view : NetView

    Examples
    --------
    >>> ex = Explorer("5-8-4-3")
    >>> ex.set_net("784-128-10;frozen=1")
    >>> ex.net, ex.view.breakdown.trainable
    (Net('784-128-10;frozen=1'), 1290)
    >>> ex.make_export()
    >>> "nn.Linear(784, 128)" in ex.export.value
    True
    """

    MAX_HIDDEN = 6

    def __init__(self, net="5-8-4-3", *, presentation=False, max_units=12):
        net = as_net(net)
        def slider(description, low, high):
            return widgets.IntSlider(description=description, min=low, max=high,
                                     continuous_update=False,
                                     style={"description_width": "7.5em"},
                                     layout=widgets.Layout(width="19em"))

        self.input_units = slider("input units", 1, 64)
        self.hidden_layers = slider("hidden layers", 0, self.MAX_HIDDEN)
        self.hidden_units = [slider(f"hidden layer {i + 1}", 1, 128)
                             for i in range(self.MAX_HIDDEN)]
        self.output_units = slider("output units", 1, 32)
        self.bias = [widgets.Checkbox(description=f"bias {c + 1}", value=True, indent=False,
                                      layout=widgets.Layout(width="7em"))
                     for c in range(self.MAX_HIDDEN + 1)]
        self.frozen = [widgets.Checkbox(description=f"freeze {c + 1}", indent=False,
                                        layout=widgets.Layout(width="7em"))
                       for c in range(self.MAX_HIDDEN + 1)]
        self.spec = widgets.Text(description="net", placeholder="e.g. 784-128-10",
                                 continuous_update=False, layout=widgets.Layout(width="19em"))
        self.message = widgets.HTML()
        self.view = NetView(presentation=presentation, max_units=max_units)
        self.export_button = widgets.Button(description="Export", icon="download")
        self.export = widgets.HTML()
        self._holding = False

        controls = widgets.VBox([
            self.spec, self.message, self.input_units, self.hidden_layers,
            *self.hidden_units, self.output_units,
            widgets.HTML("<b>connections</b>"),
            widgets.HBox(self.bias, layout=widgets.Layout(flex_flow="row wrap")),
            widgets.HBox(self.frozen, layout=widgets.Layout(flex_flow="row wrap")),
            self.export_button, self.export,
        ], layout=widgets.Layout(width="20em"))
        picture = widgets.VBox([self.view.total, self.view.image])
        children = [widgets.HBox([controls, picture], layout=widgets.Layout(
            flex_flow="row wrap")), self.view.table]
        super().__init__(children)
        if presentation:
            _present(self)
        self.add_class("nnp-explorer")

        for control in [self.input_units, self.hidden_layers, self.output_units,
                        *self.hidden_units, *self.bias, *self.frozen]:
            control.observe(self._changed, "value")
        self.spec.observe(self._typed, "value")
        self.export_button.on_click(lambda _: self.make_export())
        self.set_net(net)

    @property
    def net(self):
        """The net the controls describe now."""
        depth = self.hidden_layers.value
        layers = ([self.input_units.value] + [s.value for s in self.hidden_units[:depth]]
                  + [self.output_units.value])
        return as_net(layers, bias=[b.value for b in self.bias[:depth + 1]],
                      frozen=[f.value for f in self.frozen[:depth + 1]])

    @contextmanager
    def _quiet(self):
        """Change controls without their observers redrawing."""
        self._holding = True
        try:
            yield
        finally:
            self._holding = False

    @contextmanager
    def _hold(self):
        """Change several controls, then redraw once."""
        with self._quiet():
            yield
        self._redraw()

    def set_net(self, net):
        """Move every control to *net* (sliders widen their range if needed)."""
        net = as_net(net)
        hidden = net.layers[1:-1]
        if len(hidden) > self.MAX_HIDDEN:
            raise ValueError(f"{format_spec(net)} has {len(hidden)} hidden layers; the "
                             f"explorer shows up to {self.MAX_HIDDEN}")
        with self._hold():
            pairs = [(self.input_units, net.layers[0]), (self.output_units, net.layers[-1]),
                     *zip(self.hidden_units, hidden)]
            for slider, value in pairs:
                slider.max = max(slider.max, value)
                slider.value = value
            self.hidden_layers.value = len(hidden)
            for c in range(self.MAX_HIDDEN + 1):
                self.bias[c].value = net.bias[c] if c < net.connections else True
                self.frozen[c].value = net.frozen[c] if c < net.connections else False

    def _changed(self, change):
        if not self._holding:
            self._redraw()

    def _typed(self, change):
        text = change["new"].strip()
        if self._holding or not text or text == format_spec(self.net):
            return
        try:
            self.set_net(text)
        except (TypeError, ValueError) as error:
            self.message.value = _error(error)

    def _redraw(self):
        net = self.net
        depth = self.hidden_layers.value
        for i, slider in enumerate(self.hidden_units):
            slider.layout.display = None if i < depth else "none"
        for c, (bias, frozen) in enumerate(zip(self.bias, self.frozen)):
            shown = None if c <= depth else "none"
            bias.layout.display = frozen.layout.display = shown
        with self._quiet():
            self.spec.value = format_spec(net)
        self.message.value = ""
        self.export.value = ""
        self.view.show(net)

    def make_export(self):
        """Fill the export area: PNG and SVG downloads, PyTorch and Keras code."""
        net = self.net
        links = []
        for kind, mime in (("png", "image/png"), ("svg", "image/svg+xml")):
            buffer = io.BytesIO()
            save_figure(net, buffer, format=kind)
            data = base64.b64encode(buffer.getvalue()).decode()
            name = f"net-{net.sizes}.{kind}"
            links.append(f'<a download="{name}" href="data:{mime};base64,{data}">{name}</a>')
        self.export.value = (" · ".join(links)
                             + f"<br>share: <code>{escape(format_spec(net))}</code>"
                             + f"<pre>{escape(to_pytorch(net))}</pre>"
                             + f"<pre>{escape(to_keras(net))}</pre>")


def explorer(net="5-8-4-3", *, presentation=False, max_units=12) -> Explorer:
    """The explorer widget: one call is the whole cell.

    Examples
    --------
    >>> ex = explorer("5-8-4-3")
    >>> ex.hidden_units[0].value = 16  # 5-16-4-3: 96 + 68 + 15
    >>> ex.view.breakdown.total
    179
    """
    return Explorer(net, presentation=presentation, max_units=max_units)


class Exercise(widgets.VBox):
    """Count the parameters of one net; feedback names the mistake.

    The solution (the worked breakdown) can be shown only after a first
    attempt. With no net given, a random one is drawn from *seed* and a
    "New net" button draws the next.

    Examples
    --------
    >>> ex = Exercise("5-8-4-3", picture=False)
    >>> ex.answer.value = "104"
    >>> ex.check().mistake
    'input_bias'
    >>> ex.show_solution()
    >>> "(5 + 1) × 8 = 48" in ex.solution.value
    True
    >>> ex.new_net("2-1")
    >>> ex.answer.value, ex.solution.value
    ('', '')
    """

    def __init__(self, net=None, *, seed=None, per_connection=False, picture=True,
                 presentation=False):
        self._rng = random.Random(seed)
        self.random = net is None
        self.prompt = widgets.HTML()
        self.answer = widgets.Text(description="total", placeholder="your count",
                                   continuous_update=False)
        self.connections = []
        self.connection_box = widgets.HBox()
        self.per_connection = per_connection
        self.check_button = widgets.Button(description="Check", button_style="primary")
        self.solution_button = widgets.Button(description="Show solution", disabled=True)
        self.new_button = widgets.Button(description="New net", icon="refresh")
        self.feedback = widgets.HTML()
        self.feedback.add_class("nnp-feedback")
        self.solution = widgets.HTML()
        self.view = NetView(presentation=presentation, table=False) if picture else None
        self.result = None
        buttons = [self.check_button, self.solution_button] + (
            [self.new_button] if self.random else [])
        children = [self.prompt] + ([self.view.image] if picture else []) + [
            self.connection_box, self.answer, widgets.HBox(buttons), self.feedback,
            self.solution]
        super().__init__(children)
        if presentation:
            _present(self)
        self.add_class("nnp-exercise")
        self.check_button.on_click(lambda _: self.check())
        self.answer.observe(lambda change: self.check() if change["new"].strip() else None,
                            "value")
        self.solution_button.on_click(lambda _: self.show_solution())
        self.new_button.on_click(lambda _: self.new_net())
        self.new_net(net)

    def new_net(self, net=None):
        """Start over with *net* (a random one if None)."""
        self.net = as_net(net) if net is not None else random_net(self._rng)
        note = "" if all(self.net.bias) else " (connections marked nobias have no biases)"
        self.prompt.value = (f"How many trainable parameters does the fully connected net "
                             f"<b>{escape(format_spec(self.net) if note else self.net.sizes)}</b> "
                             f"have?{note}")
        self.connections = [widgets.Text(description=f"{n} → {m}", placeholder="(n + 1) × m",
                                         layout=widgets.Layout(width="14em"))
                            for n, m, _, _ in self.net.pairs()] if self.per_connection else []
        self.connection_box.children = self.connections
        self.answer.value = ""
        self.feedback.value = self.solution.value = ""
        self.solution_button.disabled = True
        self.result = None
        if self.view is not None:
            self.view.show(self.net)

    def check(self):
        """Check what is typed; returns the :class:`~nnparams_edu.exercises.Feedback`."""
        per = [box.value for box in self.connections] if self.connections else None
        self.result = check_answer(self.net, self.answer.value, per)
        colour = "#009E73" if self.result.correct else "#D55E00"
        mark = "&#10004;" if self.result.correct else "&#10008;"
        self.feedback.value = (f'<span style="color:{colour}">{mark} '
                               f"{escape(self.result.message)}</span>")
        self.solution_button.disabled = False
        return self.result

    def show_solution(self):
        """Reveal the worked breakdown (after a first attempt)."""
        if self.solution_button.disabled:
            return
        self.solution.value = layer_breakdown(self.net).to_html()


def exercise(net=None, *, seed=None, per_connection=False, picture=True,
             presentation=False) -> Exercise:
    """An exercise widget for *net*, or for random nets drawn from *seed*.

    Examples
    --------
    >>> ex = exercise("4-16-8-4-2")
    >>> ex.answer.value = "232"
    >>> ex.result.mistake
    'forgot_biases'
    """
    return Exercise(net, seed=seed, per_connection=per_connection, picture=picture,
                    presentation=presentation)


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



class SheetMaker(widgets.VBox):
    """Make a printable exercise sheet and its answer key: how many
    exercises, a seed (same seed, same sheet), depth and width ranges.

    Examples
    --------
    >>> maker = SheetMaker(n=2, seed=1, layers=(2, 2), units=(2, 3))
    >>> [str(net) for net in maker.sheet.nets]
    ['2-3', '3-3']
    """

    def __init__(self, *, n=10, seed=7, layers=(3, 5), units=(1, 16), presentation=False):
        def sized():
            return {"style": {"description_width": "8em"},
                    "layout": widgets.Layout(width="26em")}

        self.n = widgets.IntSlider(description="exercises", min=1, max=40, value=n,
                                   continuous_update=False, **sized())
        self.seed = widgets.BoundedIntText(description="seed", min=0, max=10**9, value=seed,
                                           **sized())
        self.layers = widgets.IntRangeSlider(description="layers", min=2, max=8, value=layers,
                                             continuous_update=False, **sized())
        self.units = widgets.IntRangeSlider(description="units per layer", min=1, max=128,
                                            value=units, continuous_update=False, **sized())
        self.page = widgets.ToggleButtons(options=["Sheet", "Answer key"], value="Sheet")
        self.downloads = widgets.HTML()
        self.output = widgets.HTML()
        self.output.add_class("nnp-sheet")
        children = [widgets.HBox([widgets.VBox([self.n, self.seed]),
                                  widgets.VBox([self.layers, self.units])]),
                    self.page, self.downloads, self.output]
        super().__init__(children)
        if presentation:
            _present(self)
        self.add_class("nnp-sheet-maker")
        for control in (self.n, self.seed, self.layers, self.units, self.page):
            control.observe(lambda change: self._redraw(), "value")
        self._redraw()

    @property
    def sheet(self):
        """The sheet the controls describe now."""
        return make_sheet(self.n.value, seed=self.seed.value, layers=self.layers.value,
                          units=self.units.value)

    def _redraw(self):
        sheet = self.sheet
        page = sheet.key if self.page.value == "Answer key" else sheet
        self.output.value = page.to_html()
        links = []
        for label, doc in (("sheet", sheet), ("answer key", sheet.key)):
            for kind, text, mime in (("md", doc.to_markdown(), "text/markdown"),
                                     ("html", doc.to_html(), "text/html")):
                data = base64.b64encode(text.encode()).decode()
                name = f"{label.replace(' ', '-')}-{sheet.seed}.{kind}"
                links.append(f'<a download="{name}" href="data:{mime};base64,{data}">{name}</a>')
        self.downloads.value = "download: " + " · ".join(links)


def sheet_maker(*, n=10, seed=7, layers=(3, 5), units=(1, 16), presentation=False):
    """The exercise-sheet widget for instructors.

    Examples
    --------
    >>> maker = sheet_maker(n=3, seed=7)
    >>> maker.page.value = "Answer key"
    >>> "Answer key (sheet 7)" in maker.output.value
    True
    """
    return SheetMaker(n=n, seed=seed, layers=layers, units=units, presentation=presentation)
