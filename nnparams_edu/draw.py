"""Drawing a net with matplotlib, fast enough to redraw on every slider move.

Wide layers are drawn truncated (``max_units``) while the count in the title
stays exact. Each connection's edges are one ``LineCollection`` and each kind
of node one scatter, so the cost of a drawing hardly grows with the net.
Matplotlib is imported only when something is drawn.
"""
from __future__ import annotations

import io
import math
from dataclasses import dataclass

import numpy as np

from .count import layer_breakdown
from .graph import build_graph, layer_nodes
from .layout import layered_layout
from .spec import as_net

__all__ = ["draw_network", "drawn_labels", "NetworkFigure", "Style", "CLASSROOM", "PRESENTATION", "PALETTE"]

#: About how many weight edges a drawing shows at most: deep nets are drawn
#: with fewer units per layer, which keeps them readable and fast to redraw.
DRAWN_EDGES = 320

#: Okabe–Ito colours, safe for the common kinds of colour blindness.
PALETTE = {
    "input": "#56B4E9",      # sky blue
    "hidden": "#009E73",     # bluish green
    "output": "#E69F00",     # orange
    "bias": "#BBBBBB",       # grey
    "weight": "#0072B2",     # blue
    "bias_edge": "#777777",  # dark grey, dotted
    "frozen": "#999999",     # grey, dashed
    "highlight": "#D55E00",  # vermillion
    "text": "#000000",
}


@dataclass(frozen=True)
class Style:
    """Sizes used by :func:`draw_network`; see ``CLASSROOM`` and ``PRESENTATION``.

    Examples
    --------
    >>> PRESENTATION.font > CLASSROOM.font, PRESENTATION.line_width > CLASSROOM.line_width
    (True, True)
    """

    font: float = 10
    title_font: float = 12
    node_size: float = 220
    line_width: float = 0.8
    edge_alpha: float = 0.45
    faded_alpha: float = 0.12


#: For a student's screen.
CLASSROOM = Style()
#: For a projector: large text, thick lines, strong contrast.
PRESENTATION = Style(font=15, title_font=19, node_size=380, line_width=1.6,
                     edge_alpha=0.7, faded_alpha=0.15)


def draw_network(net, ax=None, *, max_units=12, bias=None, frozen=None,
                 highlight=None, style=None, title=True):
    """Draw a fully connected net as layers of units joined by their edges.

    Parameters
    ----------
    net : networkx.DiGraph, str, sequence of int or Net
        Layer sizes (``"5-8-4-3"``) or a graph from ``build_graph`` (drawn as
        it is, truncated or not).
    ax : matplotlib.axes.Axes, optional
        Where to draw; the current axes by default.
    max_units : int, optional
        Layers wider than this are drawn as their first and last units with an
        ellipsis node ``⋮ +k`` for the ``k`` hidden ones. Deep nets are drawn
        with fewer units per layer, so that the drawing shows about
        ``DRAWN_EDGES`` weight edges at most. The counts shown stay exact.
        ``None`` draws every unit.
    bias, frozen : bool or sequence of bool, optional
        For layer sizes: biases and frozen connections (frozen edges dashed).
    highlight : int, optional
        Connection (0-based) to emphasise; the others fade.
    style : Style, optional
        ``CLASSROOM`` (default) or ``PRESENTATION``.
    title : bool or str, optional
        ``True`` for "spec: N parameters", a string of your own, or ``False``.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> ax = draw_network("5-8-4-3")
    >>> drawn_labels(ax)["title"]
    ['5-8-4-3: 99 parameters']
    >>> drawn_labels(ax)["count"]
    ['48', '36', '15']
    """
    if ax is None:
        import matplotlib.pyplot as plt
        ax = plt.gca()
    style = style or CLASSROOM
    if hasattr(net, "graph") and hasattr(net, "edges"):
        if bias is not None or frozen is not None:
            raise ValueError("bias and frozen apply to layer sizes; a graph already "
                             "fixes them (pass them to build_graph instead)")
        G = net
    else:
        spec = as_net(net, bias=bias, frozen=frozen)
        if max_units is not None:
            budget = math.isqrt(DRAWN_EDGES // spec.connections)
            max_units = min(max_units, max(3, budget))
        G = build_graph(spec, max_units=max_units)
    connections = G.graph["net"].connections
    if highlight is not None and (isinstance(highlight, bool) or not isinstance(highlight, int)
                                  or not 0 <= highlight < connections):
        raise ValueError(f"highlight is {highlight!r}; it must name a connection "
                         f"from 0 to {connections - 1}")
    pos = layered_layout(G)
    ax.set_autoscale_on(False)  # limits are set once, in _annotate
    _draw_edges(ax, G, pos, style, highlight)
    _draw_nodes(ax, G, pos, style, highlight)
    _annotate(ax, G, pos, style, highlight, title)
    return ax


def _draw_edges(ax, G, pos, style, highlight):
    """Each connection's weight edges, then its bias edges: one collection each."""
    from matplotlib.collections import LineCollection

    spec = G.graph["net"]
    columns = [_column(G, nodes, pos) for nodes in layer_nodes(G)]
    many = max(len(units) for _, units in columns) > 8
    for c, ((bias_xy, sources), (_, targets)) in enumerate(zip(columns, columns[1:])):
        lit = highlight is None or highlight == c
        alpha = (style.edge_alpha * (0.6 if many else 1)) if lit else style.faded_alpha
        colour = (PALETTE["highlight"] if highlight == c
                  else PALETTE["frozen"] if spec.frozen[c] else PALETTE["weight"])
        width = style.line_width * (1.8 if highlight == c else 1)
        ax.add_collection(LineCollection(
            [_all_pairs(sources, targets)], colors=colour, linewidths=width, alpha=alpha,
            linestyles="--" if spec.frozen[c] else "-", zorder=1, gid=f"weights-{c}"),
            autolim=False)
        if bias_xy is not None:
            ax.add_collection(LineCollection(
                [_all_pairs(bias_xy, targets)], linewidths=width, alpha=alpha,
                colors=PALETTE["highlight"] if highlight == c else PALETTE["bias_edge"],
                linestyles=":", zorder=1, gid=f"biases-{c}"), autolim=False)


def _draw_nodes(ax, G, pos, style, highlight):
    """Units as circles by kind, "+1" bias squares, "⋮ +k" ellipsis nodes."""
    from ._labels import LabelCollection

    groups = {}
    for node, kind in G.nodes(data="kind"):
        groups.setdefault(kind, []).append(node)
    for kind in ("input", "hidden", "output", "bias"):
        if kind not in groups:
            continue
        colours = PALETTE[kind]
        if kind == "bias" and highlight is not None:  # the bias node being counted
            colours = [PALETTE["highlight"] if G.nodes[n]["layer"] == highlight
                       else PALETTE["bias"] for n in groups[kind]]
        ax.add_collection(_markers(
            ax, [pos[node] for node in groups[kind]], "s" if kind == "bias" else "o",
            style.node_size * (1.1 if kind == "bias" else 1), colours,
            zorder=2, gid=f"nodes-{kind}"), autolim=False)
    ellipses = groups.get("ellipsis", ())
    for gid, items, size, ha in [
            ("bias", [(*pos[n], "+1") for n in groups.get("bias", ())], 0.8, "center"),
            ("dots", [(*pos[n], "⋮") for n in ellipses], 2, "center"),
            ("ellipsis", [(pos[n][0] + 0.08, pos[n][1], f"+{G.nodes[n]['units']:,}")
                          for n in ellipses], 0.8, "left")]:
        ax.add_collection(LabelCollection(ax, items, size=style.font * size, ha=ha,
                                          zorder=3, gid=f"labels-{gid}"), autolim=False)


def drawn_labels(ax) -> dict:
    """What the labels of a drawing say, by kind: ``"title"``, ``"count"``
    (one per connection), ``"count-highlight"``, ``"layer"``, ``"bias"``,
    ``"dots"`` and ``"ellipsis"`` (the ``+k`` beside each ellipsis node).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = draw_network("25088-4096-10", Figure().add_subplot(), max_units=5)
    >>> drawn_labels(ax)["ellipsis"]
    ['+25,084', '+4,092', '+6']
    """
    return {c.get_gid().removeprefix("labels-"): list(c.texts) for c in ax.collections
            if (c.get_gid() or "").startswith("labels-")}


def _markers(ax, xy, marker, size, colour, **kwargs):
    """One node marker at each point, like ``ax.scatter`` without its overhead."""
    from matplotlib.collections import PathCollection
    from matplotlib.markers import MarkerStyle
    from matplotlib.transforms import IdentityTransform

    style = MarkerStyle(marker)
    return PathCollection([style.get_path().transformed(style.get_transform())],
                          sizes=[size], offsets=xy, offset_transform=ax.transData,
                          transform=IdentityTransform(), facecolors=colour,
                          edgecolors="black", linewidths=0.8, **kwargs)


def _column(G, nodes, pos):
    """Positions of a layer's bias node (or None) and of its other nodes."""
    bias = [pos[n] for n in nodes if G.nodes[n]["kind"] == "bias"]
    units = np.array([pos[n] for n in nodes if G.nodes[n]["kind"] != "bias"], dtype=float)
    return (np.array(bias, dtype=float) if bias else None), units


def _all_pairs(sources, targets):
    """One path joining every source to every target: the segments are
    separated by NaN rows, which matplotlib draws as breaks."""
    a, b = len(sources), len(targets)
    path = np.full((a, b, 3, 2), np.nan)
    path[:, :, 0] = sources[:, None]
    path[:, :, 1] = targets[None, :]
    return path.reshape(-1, 2)[:-1]


def _annotate(ax, G, pos, style, highlight, title):
    """Connection counts on top, layer names below, title, limits."""
    from ._labels import LabelCollection

    spec = G.graph["net"]
    top = max(y for _, y in pos.values())
    bottom = min(y for _, y in pos.values())
    breakdown = layer_breakdown(G)
    counts = [(row.connection - 0.5, top + 1.0,
               f"{row.total:,}" + (" frozen" if row.frozen else ""))
              for row in breakdown.rows]
    lit = [counts.pop(highlight)] if highlight is not None else []
    ax.add_collection(LabelCollection(ax, counts, size=style.font, va="bottom",
                                      zorder=4, gid="labels-count"), autolim=False)
    ax.add_collection(LabelCollection(ax, lit, size=style.font * 1.3, va="bottom",
                                      color=PALETTE["highlight"], zorder=4,
                                      gid="labels-count-highlight"), autolim=False)
    last = spec.connections
    names = [(layer, bottom - 0.9,
              f"{'input' if layer == 0 else 'output' if layer == last else 'hidden'}\n{n:,}")
             for layer, n in enumerate(spec.layers)]
    ax.add_collection(LabelCollection(ax, names, size=style.font * 0.9, va="top",
                                      zorder=4, gid="labels-layer"), autolim=False)
    if title is True:
        title = f"{spec.sizes}: {breakdown.total:,} parameters"
        if breakdown.non_trainable:
            title += f" ({breakdown.trainable:,} trainable)"
    if title:
        ax.add_collection(LabelCollection(ax, [(last / 2, top + 2.2, title)],
                                          size=style.title_font, va="bottom",
                                          zorder=4, gid="labels-title"), autolim=False)
    ax.set_xlim(-0.5, last + 0.6)
    ax.set_ylim(bottom - 2.6, top + 3.2)
    ax.set_axis_off()


class NetworkFigure:
    """A figure kept across redraws, as a slider callback needs.

    Redrawing into the same figure only swaps the artists of the net, which
    is much cheaper than making a new figure or clearing the axes.

    Parameters
    ----------
    figsize : (float, float)
        Size in inches (8 × 5 by default).
    dpi : float
        Pixels per inch of the PNG (100 by default).

    Examples
    --------
    >>> canvas = NetworkFigure()
    >>> ax = canvas.draw("5-8-4-3")
    >>> png = canvas.to_png()
    >>> png[:4] == b"\\x89PNG"
    True
    >>> ax = canvas.draw("4-16-8-4-2")  # replaces the drawing
    >>> drawn_labels(ax)["title"]
    ['4-16-8-4-2: 262 parameters']
    >>> import os, tempfile
    >>> canvas.save(os.path.join(tempfile.mkdtemp(), "net.svg"))
    """

    def __init__(self, figsize=(8, 5), dpi=100):
        from matplotlib.figure import Figure

        self.figure = Figure(figsize=figsize, dpi=dpi)
        self.ax = self.figure.add_axes((0, 0, 1, 1))
        self.ax.set_axis_off()

    def draw(self, net, **kwargs):
        """Replace the drawing with *net*; keywords go to :func:`draw_network`."""
        for artist in [*self.ax.collections, *self.ax.texts]:
            artist.remove()
        return draw_network(net, self.ax, **kwargs)

    def to_png(self) -> bytes:
        """The figure as PNG bytes (fast zlib level: this runs on every redraw)."""
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", pil_kwargs={"compress_level": 1})
        return buffer.getvalue()

    def save(self, path) -> None:
        """Save the figure to *path*; the format follows its extension."""
        self.figure.savefig(path)
