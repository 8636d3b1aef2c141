"""The explorer for nets of any layer kind: type a net in one line (or pick a
classic one), see its picture, its shapes and its count layer by layer, in
Keras' or PyTorch's convention, or hide the counts so the room guesses first."""
from __future__ import annotations

import io
from html import escape

import ipywidgets as widgets
from matplotlib.figure import Figure

from ..model import as_model
from ..model_count import model_breakdown
from ..model_describe import describe_model
from ..model_draw import draw_model
from ..style import CLASSROOM, PRESENTATION
from ..model_text import format_model
from ._steps import CountsHidden
from ._view import PRESENT_DPI, StaticFallback, _dress, _png_img, _typed_net
from .model_walkthrough import added

__all__ = ["ModelExplorer", "model_explorer", "CLASSICS"]

#: Nets a student can pick instead of typing: name -> one-line text.
CLASSICS = {
    "small CNN": "in 28x28x1 | conv 8 k=3 | maxpool 2 | flatten | dense 10",
    "LeNet-5": ("in 32x32x1 | conv 6 k=5 | tanh | avgpool 2 | conv 16 k=5 | tanh | avgpool 2"
                " | flatten | dense 120 | tanh | dense 84 | tanh | dense 10"),
    "LSTM on words": "in 50 tokens | embed 5000 32 | lstm 32 | dense 1",
    "transformer block": ("in 10x512 | attention 8 | layernorm | dense 2048 | relu | dense 512"
                          " | layernorm"),
    "dense 5-8-4-3": "in 5 | dense 8 | dense 4 | dense 3",
}


class ModelExplorer(CountsHidden, StaticFallback, widgets.VBox):
    """A text box for a whole net of typed layers, a choice of classic nets,
    the framework convention and a switch that hides the counts; the
    picture, total and layer-by-layer table follow every change.

    Attributes
    ----------
    spec : Text
        The net in one line, e.g. ``in 28x28x1 | conv 32 k=3 | flatten | dense 10``.
        A net that cannot be read is named in ``message`` and the box goes
        back to the net shown.
    classics : Dropdown
        Classic nets to start from.
    convention : ToggleButtons
        ``"keras"`` or ``"pytorch"``: whose way of counting to follow.
    hide_counts : Checkbox
    message, total, other, table, image : HTML
    ax : matplotlib Axes
        What the picture was drawn on (its texts are what the picture says).

    Examples
    --------
    >>> ex = ModelExplorer("in 10x8 | rnn 32")
    >>> ex.breakdown.total
    1312
    >>> ex.convention.value = "pytorch"
    >>> ex.breakdown.total, ex.other.value
    (1344, 'Keras counts 1,312.')
    >>> ex.spec.value = "in 28x28x1 | conv 32 k=3 | dense 10"
    >>> "put a flatten before it" in ex.message.value, ex.model.layers[0].kind
    (True, 'rnn')
    >>> ModelExplorer("in 10x8 | rnn 32 | dense 4", presentation=True).table.value
    '<p>1,312 + 132 = 1,444</p>'
    >>> ex.hide_counts.value = True
    >>> ex.total.value, ex.table.value
    ('<b>How many parameters?</b>', '')
    >>> ex.image.value.startswith('<img src="data:image/png;base64,'), "how many parameters?" in ex.alt
    (True, True)
    """

    def __init__(self, net=CLASSICS["small CNN"], *, convention="keras", presentation=False,
                 max_units=8):
        self.style = PRESENTATION if presentation else CLASSROOM
        self.presentation = presentation
        self.max_units = max_units
        # the projector's picture is sharp when the deck scales it to the screen
        self.figure = (Figure(figsize=(9, 4.2), dpi=PRESENT_DPI) if presentation
                       else Figure(figsize=(9, 5), dpi=100))
        self.spec = widgets.Text(description="net", continuous_update=False,
                                 layout=widgets.Layout(width="calc(100% - 4px)"))
        # says what it is for until a classic is picked (a blank box looks broken)
        self.classics = widgets.Dropdown(description="classic", value="",
                                         options=[("pick a classic net…", "")]
                                         + [(name, name) for name in CLASSICS],
                                         layout=widgets.Layout(width="20em"))
        self.convention = widgets.ToggleButtons(
            options=[("Keras", "keras"), ("PyTorch", "pytorch")], value=convention,
            description="count as", style={"button_width": "6em"})
        self.hide_counts = widgets.Checkbox(description="hide counts", indent=False)
        self.message = widgets.HTML()
        self.total = widgets.HTML()
        self.total.add_class("nnp-total")
        self.other = widgets.HTML()
        self.image = widgets.HTML(layout=widgets.Layout(max_width="100%"))
        self.image.add_class("nnp-figure")
        self.table = widgets.HTML()
        self.table.add_class("nnp-table")
        self.model = None
        self.breakdown = None
        self.alt = ""
        super().__init__([
            self.spec, self.message,
            # the projector has no room for the convention (Keras by default;
            # the line under the total says what PyTorch counts)
            widgets.HBox([self.classics] + ([] if presentation else [self.convention])
                         + [self.hide_counts], layout=widgets.Layout(flex_flow="row wrap")),
            self.total, self.other, self.image, self.table])
        _dress(self, presentation)
        self.add_class("nnp-model-explorer")
        self.spec.observe(lambda change: _typed_net(self, change["new"], format_model), "value")
        self.classics.observe(self._picked, "value")
        for control in (self.convention, self.hide_counts):
            control.observe(lambda _: self._redraw(), "value")
        self.set_net(net)

    def set_net(self, net):
        """Show *net* (a Model, its text or a dense net); bad input raises."""
        self.model = as_model(net)
        self.message.value = ""
        self._redraw()

    @property
    def net(self):
        """The net shown (what a rejected text puts back in the box)."""
        return self.model

    def _picked(self, change):
        if change["new"]:
            self.set_net(CLASSICS[change["new"]])

    def _redraw(self):
        b = self.breakdown = model_breakdown(self.model, convention=self.convention.value)
        self.spec.value = format_model(self.model)
        hidden = self.hide_counts.value
        self.alt = describe_model(self.model, counts=not hidden,
                                  convention=self.convention.value)
        self.image.value = self._picture(hidden)
        if hidden:
            self.total.value = "<b>How many parameters?</b>"
            self.table.value = self.other.value = ""
            return
        split = (f" ({b.trainable:,} trainable, {b.non_trainable:,} non-trainable)"
                 if b.non_trainable else "")
        self.total.value = f"<b>{b.total:,} parameters</b>{escape(split)}"
        other = b.other()
        name = "PyTorch" if other.convention == "pytorch" else "Keras"
        self.other.value = (f"{name} counts {other.total:,}." if other.total != b.total
                            else f"{name} counts the same.")
        # the projector has no room under the picture for the table: the
        # picture's counts, added up, in one line
        self.table.value = (f"<p>{added([row.total for row in b.rows if row.total])}</p>"
                            if self.presentation else b.to_html())

    def _picture(self, hidden) -> str:
        """The picture as an ``<img>`` with its text alternative."""
        self.figure.clear()
        self.ax = draw_model(self.model, self.figure.add_axes((0, 0, 1, 1)),
                             max_units=self.max_units, convention=self.convention.value,
                             reveal=0 if hidden else None, style=self.style)
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", pil_kwargs={"compress_level": 1})
        return _png_img(buffer.getvalue(), self.alt, 900)

    def static_parts(self):
        return f"<p>{self.total.value}</p>{self.image.value}", self.alt


def model_explorer(net=CLASSICS["small CNN"], *, convention="keras",
                   presentation=False) -> ModelExplorer:
    """The explorer for typed nets: one call is the whole cell.

    Examples
    --------
    >>> model_explorer("in 32x32x3 | conv 16 k=5").breakdown.total  # (5·5·3 + 1)·16
    1216
    """
    return ModelExplorer(net, convention=convention, presentation=presentation)
