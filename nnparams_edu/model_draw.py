"""Drawing a net of typed layers in the package's visual language.

Units are circles and the channels of an image are hexagons (each stands for
a whole feature map), coloured input / hidden / output as in
:func:`~nnparams_edu.draw.draw_network`; grey "+1" squares are the bias
nodes; weight edges are blue (a convolution's edge carries one k×k kernel),
bias edges dotted, and edges that carry no parameter (pooling, flatten,
dropout, activations) thin and grey. Under each column: what the layer is and
the shape it gives ("26×26×32"). Above each layer: its count, read off the
graph, or "?" while the picture poses the question (``reveal``).
"""
from __future__ import annotations

import numbers
from collections import Counter
from dataclasses import replace

import numpy as np

from ._drawn import Frame, lifted
from ._model_drawn import drawn_graph, fit_names, model_title, read_edges
from .draw import _markers
from .limits import check_title
from .model_layout import HELPERS, model_layout
from .reveal import revealed
from .style import CLASSROOM, PALETTE, Style

__all__ = ["draw_model"]

_EDGE_LOOK = {  # kind: (colour, line style, width factor, alpha factor)
    "weight": (PALETTE["weight"], "-", 1, 1),
    "bias": (PALETTE["bias_edge"], ":", 1.4, 1),
    "statistic": (PALETTE["bias_edge"], ":", 1.4, 1),
    "flow": (PALETTE["bias"], "-", 0.8, 0.8),
    "loop": (PALETTE["bias_edge"], "--", 1, 1),
    "tied": (PALETTE["weight"], "--", 1, 0.6),
}


def draw_model(net, ax=None, *, max_units=10, convention="keras", reveal=None,
               highlight=None, shapes=True, legend=False, style=None, title=True):
    """Draw a net of typed layers: columns of units or channels, their edges,
    shapes under each column and counts above each layer.

    Parameters
    ----------
    net : Model, str or networkx.DiGraph
        A model, its text (``"in 28x28x1 | conv 32 k=3 | flatten | dense 10"``),
        or a graph from :func:`~nnparams_edu.model_graph.build_model_graph`
        (drawn as it is).
    ax : matplotlib.axes.Axes, optional
        Where to draw; the current axes by default.
    max_units : int, optional
        Columns wider than this are drawn as their first and last nodes and
        an ellipsis ``⋮ +k``; a small net is drawn whole. Counts stay exact.
    convention : {"keras", "pytorch"}
        Whose way of listing parameters the counts follow.
    reveal : int, optional
        How many layer counts to show, from the first: ``0`` poses the net as
        a question (every count "?", the title asks "how many parameters?"),
        ``None`` (default) shows everything.
    highlight : int, optional
        Layer (0-based) to emphasise; the others fade.
    shapes : bool
        Write each column's shape under it (``False`` for a shape exercise).
    legend : bool
        Add a legend of the symbols used.
    style : Style, optional
        ``CLASSROOM`` (default) or ``PRESENTATION``.
    title : bool or str
        ``True`` for "net: N parameters" (as far as revealed), your own text, or ``False``.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from nnparams_edu.draw import drawn_labels
    >>> ax = draw_model("in 6x6x1 | conv 2 k=3 | maxpool 2 | flatten | dense 3",
    ...                 Figure().add_subplot())
    >>> drawn_labels(ax)["count"]
    ['20', '0', '0', '27']
    >>> drawn_labels(ax)["layer"][1]
    'conv 2 k=3\\n4×4×2'
    >>> ax = draw_model("in 6x6x1 | conv 2 k=3 | flatten | dense 3", Figure().add_subplot(),
    ...                 reveal=0)
    >>> drawn_labels(ax)["count"], drawn_labels(ax)["title"]
    (['?', '?', '?'], ['6×6×1 → 3 (3 layers): how many parameters?'])
    """
    style = style or CLASSROOM
    if not isinstance(style, Style):
        raise TypeError(f"style must be CLASSROOM, PRESENTATION or another Style, not {style!r}")
    title = check_title(title)
    if not isinstance(shapes, bool):
        raise TypeError(f"shapes is {shapes!r}; it must be True or False")
    G = drawn_graph(net, max_units, convention)
    layers = len(G.graph["model"].layers)
    if highlight is not None and (isinstance(highlight, bool) or not isinstance(
            highlight, numbers.Integral) or not 0 <= highlight < layers):
        raise ValueError(f"highlight is {highlight!r}; it must name a layer "
                         f"from 0 to {layers - 1}")
    shown = revealed(reveal, layers)
    if ax is None:  # after the cheap checks: pyplot is slow to start
        import matplotlib.pyplot as plt
        ax = plt.gca()
    pos = lifted(G, model_layout(G), style, HELPERS)
    names = [column["label"] + (f"\n{column['shape']}" if shapes else "")
             for column in G.graph["columns"]]
    edges = read_edges(G)
    reserve = 0
    if legend:
        from ._model_legend import model_legend
        reserve = model_legend(ax, G, edges, style)
    xlim, stagger = fit_names(ax, names, style, reserve)
    # a lifted "+1" square is up to two units wide: half of it above its centre
    frame = replace(Frame.fit(ax, pos, style, bool(title),
                              label_lines=(2 if shapes else 1) * (2 if stagger else 1),
                              head=0.85 if style.bias_lift else 0.5), xlim=xlim)
    ax.set_autoscale_on(False)
    ax.set_xlim(*frame.xlim)
    ax.set_ylim(*frame.ylim)
    ax.set_axis_off()
    _draw_edges(ax, G, edges, pos, style, highlight)
    _draw_nodes(ax, G, pos, style, highlight, frame)
    _annotate(ax, G, edges, style, highlight, shown, title, frame, names, stagger)
    return ax


def _draw_edges(ax, G, edges, pos, style, highlight):
    """Each layer's edges of one kind as one collection: ``weights-<layer>``,
    ``biases-<layer>``, ``flows-<layer>``, ``loops-<layer>`` (layer from 0)."""
    from matplotlib.collections import LineCollection

    many = max(Counter(column for _, column in G.nodes(data="column")).values()) > 8
    for (layer, kind, frozen), pairs in edges.bundles.items():
        colour, dashes, width, fade = _EDGE_LOOK.get(kind, _EDGE_LOOK["weight"])
        lit = highlight is None or highlight == layer
        alpha = style.edge_alpha * fade * (0.6 if many else 1) if lit else style.faded_alpha
        if frozen and kind == "weight":
            colour, dashes = PALETTE["frozen"], "--"
        if highlight == layer and kind != "flow":
            colour, width = PALETTE["highlight"], width * 1.8
        ends = np.array([(pos[u], pos[v]) for u, v in pairs], dtype=float)
        path = _arcs(ends, bend=0.25 if kind == "loop" else 0)
        ax.add_collection(LineCollection(
            [path], colors=colour, linewidths=style.line_width * width,
            alpha=alpha, linestyles=dashes, zorder=1, gid=f"{_plural(kind)}-{layer}"),
            autolim=False)


def _plural(kind: str) -> str:
    return {"bias": "biases", "statistic": "statistics"}.get(kind, kind + "s")


def _arcs(pairs, bend=0.0, points=9):
    """One path through every ``(start, end)`` pair, NaN rows between them:
    straight segments, or with *bend* arcs that sag by that share of their
    length (a loop going back to an earlier column)."""
    if not bend:
        path = np.full((len(pairs), 3, 2), np.nan)
        path[:, :2] = pairs
        return path.reshape(-1, 2)[:-1]
    start, end = pairs[:, 0], pairs[:, 1]
    sag = np.linalg.norm(end - start, axis=1) * bend
    middle = (start + end) / 2 - np.stack([np.zeros_like(sag), sag], axis=1)
    t = np.linspace(0, 1, points)[None, :, None]
    curve = ((1 - t) ** 2 * start[:, None] + 2 * (1 - t) * t * middle[:, None]
             + t ** 2 * end[:, None])  # a quadratic Bézier per pair
    path = np.full((len(pairs), points + 1, 2), np.nan)
    path[:, :points] = curve
    return path.reshape(-1, 2)[:-1]


def _draw_nodes(ax, G, pos, style, highlight, frame):
    """Units as circles, image channels as hexagons, "+1" bias squares (and
    "μσ²" squares for BatchNorm's statistics), "⋮ +k" ellipsis nodes, group
    names beside their first node."""
    from ._labels import LabelCollection

    columns = G.graph["columns"]
    groups = {}
    for node, data in G.nodes(data=True):
        image = columns[data["column"]]["shape"].rank == 3 and data["kind"] not in HELPERS
        groups.setdefault((data["kind"], image), []).append(node)
    for (kind, image), nodes in groups.items():
        if kind == "ellipsis":
            continue
        helper = kind in HELPERS
        colours = PALETTE["bias"] if helper else PALETTE[kind]
        if helper and highlight is not None:  # the bias node of the layer being counted
            colours = [PALETTE["highlight"] if G.nodes[n]["layer"] == highlight + 1
                       else PALETTE["bias"] for n in nodes]
        marker = "s" if helper else "h" if image else "o"
        ax.add_collection(_markers(
            ax, [pos[n] for n in nodes], marker,
            frame.bias_area(style) if helper else frame.node_size,
            colours, zorder=2, gid=f"nodes-{kind}{'-channel' if image else ''}"),
            autolim=False)
    ellipses = [n for n, k in G.nodes(data="kind") if k == "ellipsis"]
    plus_one = frame.plus_one_size(style)
    firsts = {}
    for node, data in G.nodes(data=True):
        if data["group"] and data["kind"] not in HELPERS:
            firsts.setdefault((data["column"], data["group"]), node)
    for gid, items, size, ha in [
            ("bias", [(*pos[n], "+1") for n, k in G.nodes(data="kind") if k == "bias"],
             plus_one, "center"),
            ("statistic", [(*pos[n], "μσ²") for n, k in G.nodes(data="kind")
                           if k == "statistic"], plus_one * 0.8, "center"),
            ("dots", [(*pos[n], "⋮") for n in ellipses], style.font * 2, "center"),
            ("ellipsis", [(pos[n][0] + 0.08, pos[n][1], f"+{G.nodes[n]['units']:,}")
                          for n in ellipses], style.font * style.small_font, "left"),
            ("group", [(pos[n][0] - 0.12, pos[n][1], group) for (_, group), n in firsts.items()],
             style.font * 0.8, "right")]:
        ax.add_collection(LabelCollection(ax, items, size=size, ha=ha, zorder=3,
                                          gid=f"labels-{gid}"), autolim=False)


def _annotate(ax, G, edges, style, highlight, shown, title, frame, names, stagger):
    """Layer counts on top (the first *shown*; "?" for the rest), what each
    column is (and its shape) below, and the title."""
    from ._labels import LabelCollection

    columns = G.graph["columns"]
    totals = edges.totals
    spans = {}
    for x, column in enumerate(columns):
        if column["layer"]:
            spans.setdefault(column["layer"] - 1, [x - 1, x])[1] = x
    counts = [((a + b) / 2, frame.count_y, (f"{totals[i]:,}" if i < shown else "?")
               + (" frozen" if i in edges.frozen and totals[i] else ""))
              for i, (a, b) in sorted(spans.items())]
    lit = [counts.pop(highlight)] if highlight is not None else []
    ax.add_collection(LabelCollection(ax, counts, size=style.font, va="bottom", zorder=4,
                                      gid="labels-count"), autolim=False)
    ax.add_collection(LabelCollection(ax, lit, size=style.font * 1.3, va="bottom",
                                      color=PALETTE["highlight"], zorder=4,
                                      gid="labels-count-highlight"), autolim=False)
    below = [(x, frame.layer_y - (x % 2) * (name.count("\n") + 1) * frame.line * stagger, name)
             for x, name in enumerate(names)]
    ax.add_collection(LabelCollection(ax, below, size=style.font, va="top", zorder=4,
                                      gid="labels-layer"), autolim=False)
    if title is True:
        room = ax.bbox.width / (style.title_font * ax.figure.dpi / 72)  # in em
        title = model_title(G.graph["model"], _count_words(edges, shown), room)
    if title:
        ax.add_collection(LabelCollection(ax, [(sum(frame.xlim) / 2, frame.title_y, title)],
                                          size=style.title_font, va="bottom", zorder=4,
                                          gid="labels-title"), autolim=False)


def _count_words(edges, shown) -> str:
    """The count as far as revealed: "how many parameters?", "N parameters so
    far" or the total (and how much of it trains)."""
    totals, trainable = edges.totals, edges.trainable
    if shown == 0:
        return "how many parameters?"
    if shown < len(totals):
        return f"{sum(totals[:shown]):,} parameters so far"
    text = f"{sum(totals):,} parameters"
    return text + (f" ({trainable:,} trainable)" if trainable != sum(totals) else "")
