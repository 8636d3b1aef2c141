"""The explorer: sliders and switches for every layer, a text box for a whole
net, and a switch that hides the counts so the room can guess first."""
from __future__ import annotations

import io
from contextlib import contextmanager
from html import escape

import ipywidgets as widgets

from ..export import save_figure, to_keras, to_pytorch
from ..collapse import short_sizes
from ..spec import as_net, format_spec
from ._steps import CountsHidden
from ._view import NetView, StaticFallback, _download_link, _dress, _typed_net

__all__ = ["Explorer", "explorer"]


class Explorer(CountsHidden, StaticFallback, widgets.VBox):
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
        Takes a whole net, e.g. ``784-128-10`` or ``5-8-4-3;frozen=1``. A net
        that cannot be drawn is named in ``message`` and the box goes back to
        the net the picture shows.
    message : HTML
        Says what was wrong with the last text typed, if anything.
    hide_counts : Checkbox
        Draw the net with "?" for every count, and no total or table.
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
    >>> ex.hide_counts.value = True
    >>> ex.view.total.value
    '<b>How many parameters?</b>'
    """

    MAX_HIDDEN = 6

    def __init__(self, net="5-8-4-3", *, presentation=False, max_units=12, table=None):
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
        self.hide_counts = widgets.Checkbox(description="hide counts", indent=False,
                                            layout=widgets.Layout(width="12em"))
        # 5.8 inches: the projector's 1024-px screen shows the picture at full
        # size next to the controls, so its labels keep their 15 pt.
        self.view = NetView(presentation=presentation, max_units=max_units,
                            table=not presentation if table is None else table,
                            figsize=(5.8, 4.2) if presentation else None)
        self.export_button = widgets.Button(description="Export", icon="download")
        self.export = widgets.HTML()
        self.export.add_class("nnp-code")
        self._holding = False

        controls = widgets.VBox([
            self.spec, self.message, self.input_units, self.hidden_layers,
            *self.hidden_units, self.output_units,
            widgets.HTML("<b>connections</b>"),
            widgets.HBox(self.bias, layout=widgets.Layout(flex_flow="row wrap")),
            widgets.HBox(self.frozen, layout=widgets.Layout(flex_flow="row wrap")),
            widgets.HBox([self.hide_counts, self.export_button]),
        ], layout=widgets.Layout(width="20em"))
        controls.add_class("nnp-explorer-controls")  # the deck widens it with its type
        picture = widgets.VBox([self.view.total, self.view.image],
                               layout=widgets.Layout(flex="1 1 0", min_width="0"))
        children = [widgets.HBox([controls, picture]), self.export]
        if self.view.table in self.view.children:
            children.append(self.view.table)
        super().__init__(children)
        _dress(self, presentation)
        self.add_class("nnp-explorer")

        for control in [self.input_units, self.hidden_layers, self.output_units,
                        *self.hidden_units, *self.bias, *self.frozen, self.hide_counts]:
            control.observe(self._changed, "value")
        self.spec.observe(lambda change: _typed_net(self, change["new"]), "value")
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
    def _hold(self):
        """Change several controls without their observers redrawing, then
        redraw once."""
        self._holding = True
        try:
            yield
        finally:
            self._holding = False
        self._redraw()

    def set_net(self, net):
        """Move every control to *net* (sliders widen their range if needed)."""
        net = as_net(net)
        hidden = net.layers[1:-1]
        if len(hidden) > self.MAX_HIDDEN:
            raise ValueError(f"{short_sizes(net)} has {len(hidden):,} hidden layers; the "
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

    def _redraw(self):
        net = self.net
        depth = self.hidden_layers.value
        for i, slider in enumerate(self.hidden_units):
            slider.layout.display = None if i < depth else "none"
        for c, (bias, frozen) in enumerate(zip(self.bias, self.frozen)):
            shown = None if c <= depth else "none"
            bias.layout.display = frozen.layout.display = shown
        self.spec.value = format_spec(net)
        self.message.value = ""
        self.export.value = ""
        self.view.show(net, reveal=0 if self.hide_counts.value else None)

    def make_export(self):
        """Fill the export area: PNG and SVG downloads, PyTorch and Keras code."""
        net = self.net
        links = []
        for kind, mime in (("png", "image/png"), ("svg", "image/svg+xml")):
            buffer = io.BytesIO()
            save_figure(net, buffer, format=kind)
            links.append(_download_link(f"net-{net.sizes}.{kind}", mime, buffer.getvalue()))
        self.export.value = (" · ".join(links)
                             + f"<br>share: <code>{escape(format_spec(net))}</code>"
                             + f"<pre>{escape(to_pytorch(net))}</pre>"
                             + f"<pre>{escape(to_keras(net))}</pre>")


def explorer(net="5-8-4-3", *, presentation=False, max_units=12, table=None) -> Explorer:
    """The explorer widget: one call is the whole cell.

    Examples
    --------
    >>> ex = explorer("5-8-4-3")
    >>> ex.hidden_units[0].value = 16  # 5-16-4-3: 96 + 68 + 15
    >>> ex.view.breakdown.total
    179
    """
    return Explorer(net, presentation=presentation, max_units=max_units, table=table)
