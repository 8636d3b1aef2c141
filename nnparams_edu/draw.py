"""Drawing a net with matplotlib, fast enough to redraw on every slider move.

A net small enough to read is drawn unit by unit; a bigger one has its wide
layers truncated (``max_units``) while the count in the title stays exact. Each
connection's edges are one ``LineCollection`` and each kind of node one
collection, so the cost of a drawing hardly grows with the net. Matplotlib is
imported only when something is drawn.

A drawing can pose a question instead of answering it: ``reveal=0`` draws the
net with "?" where the counts go, ``reveal=k`` shows the first *k* connection
counts and their running sum, and only the last step shows the total. The
exercise, the walkthrough and the presenter's "pose, then reveal" all draw this
way (see :mod:`nnparams_edu.reveal`).
"""
from __future__ import annotations

import numbers

import numpy as np

from ._drawn import (DRAWN_EDGES, FULL_EDGES, FULL_LAYER, Frame, collapsed_title,
                     count_rows, drawn_connection, drawn_graph, given_graph, layer_names,
                     layout, lifted, net_of)
from .count import layer_breakdown
from .graph import layer_nodes
from .layers.base import check_convention
from .limits import check_title
from .model import is_typed
from .reveal import count_words, revealed
from .spec import as_net
from .style import CLASSROOM, PALETTE, PRESENTATION, Style

__all__ = ["draw_network", "drawn_labels", "Style", "CLASSROOM", "PRESENTATION", "PALETTE",
           "FULL_EDGES", "FULL_LAYER", "DRAWN_EDGES"]

def draw_network(net, ax=None, *, max_units=12, bias=None, frozen=None,
                 highlight=None, reveal=None, unit=None, legend=False, style=None,
                 title=True, convention="keras"):
    """Draw a fully connected net as layers of units joined by their edges.

    Parameters
    ----------
    net : networkx.DiGraph, str, sequence of int or Net
        Layer sizes (``"5-8-4-3"``) or a graph from ``build_graph`` (drawn as
        it is, truncated or not). A net of typed layers (a ``Model``, its text
        or its graph) is drawn by :func:`~nnparams_edu.model_draw.draw_model`.
    ax : matplotlib.axes.Axes, optional
        Where to draw; the current axes by default.
    max_units : int, optional
        A net of at most ``FULL_EDGES`` weight edges and no layer wider than
        ``FULL_LAYER`` is drawn unit by unit. In a bigger net, layers wider
        than *max_units* are drawn as their first and last units with an
        ellipsis node ``⋮ +k`` for the ``k`` hidden ones, and deep nets with
        fewer units per layer, so that the drawing shows about
        ``DRAWN_EDGES`` weight edges. The counts shown stay exact. ``None``
        draws every unit of any net.
    bias, frozen : bool or sequence of bool, optional
        For layer sizes: biases and frozen connections (frozen edges dashed).
    highlight : int, optional
        Connection (0-based) to emphasise; the others fade.
    reveal : int, optional
        How many connection counts to show, from the first: ``0`` poses the
        net as a question (every count is "?", the title asks "how many
        parameters?"), ``k`` shows the first *k* counts and the running sum so
        far, ``None`` (default) shows everything, the total included.
    unit : (int, int), optional
        ``(layer, index)`` of one receiving unit whose incoming weight edges
        and bias edge are drawn in the highlight colour: what that unit adds up.
    legend : bool
        Add a legend: unit, "+1" bias node, weight edge, bias edge.
    style : Style, optional
        ``CLASSROOM`` (default) or ``PRESENTATION``.
    title : bool or str, optional
        ``True`` for "spec: N parameters" (as far as revealed), a string of
        your own, or ``False``.
    convention : {"keras", "pytorch"}
        For typed nets: whose way of counting to follow (a dense net counts
        the same in both).

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
    >>> ax.clear()
    >>> ax = draw_network("5-8-4-3", reveal=1)
    >>> drawn_labels(ax)["title"], drawn_labels(ax)["count"]
    (['5-8-4-3: 48 parameters so far'], ['48', '?', '?'])
    """
    if is_typed(net):  # a net of typed layers has its own drawing
        if bias is not None or frozen is not None or unit is not None:
            raise ValueError("bias, frozen and unit apply to dense layer sizes; in a typed "
                             "net write nobias or frozen on the layer instead")
        from .model_draw import draw_model
        return draw_model(net, ax, max_units=max_units, reveal=reveal, highlight=highlight,
                          legend=legend, style=style, title=title, convention=convention)
    check_convention(convention)
    style = style or CLASSROOM
    if not isinstance(style, Style):
        raise TypeError(f"style must be CLASSROOM, PRESENTATION or another Style, "
                        f"not {style!r}")
    title = check_title(title)
    if ax is None:  # after the cheap checks: pyplot is slow to start
        import matplotlib.pyplot as plt
        ax = plt.gca()
    if hasattr(net, "graph") and hasattr(net, "edges"):
        if bias is not None or frozen is not None:
            raise ValueError("bias and frozen apply to layer sizes; a graph already "
                             "fixes them (pass them to build_graph instead)")
        G = given_graph(net)
    else:
        G = drawn_graph(as_net(net, bias=bias, frozen=frozen), max_units)
    connections = net_of(G).connections
    if highlight is not None and (isinstance(highlight, bool)
                                  or not isinstance(highlight, numbers.Integral)
                                  or not 0 <= highlight < connections):
        raise ValueError(f"highlight is {highlight!r}; it must name a connection "
                         f"from 0 to {connections - 1}")
    highlight = None if highlight is None else drawn_connection(G, int(highlight))
    shown = revealed(reveal, connections)
    pos = lifted(G, layout(G), style)
    frame = Frame.fit(ax, pos, style, bool(title))
    ax.set_autoscale_on(False)
    ax.set_xlim(*frame.xlim)
    ax.set_ylim(*frame.ylim)
    ax.set_axis_off()
    _draw_edges(ax, G, pos, style, highlight)
    if unit is not None:
        _draw_unit_inputs(ax, G, pos, style, unit)
    _draw_nodes(ax, G, pos, style, highlight, frame)
    _draw_collapsed(ax, G, style)
    _annotate(ax, G, style, highlight, shown, title, frame)
    if legend:
        _legend(ax, style)
    return ax


def _draw_collapsed(ax, G, style):
    """The "⋮" of a collapsed span, in its own column (its name and its one
    count label are drawn with the others, in :func:`_annotate`)."""
    from ._labels import LabelCollection

    folded = G.graph.get("collapse")
    if folded:
        ax.add_collection(LabelCollection(ax, [(folded.head, 0, "⋮")], size=style.font * 3,
                                          zorder=3, gid="labels-collapsed"), autolim=False)


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
            bias_alpha = alpha if style.bias_edge_alpha is None or not lit \
                else style.bias_edge_alpha
            ax.add_collection(LineCollection(
                [_all_pairs(bias_xy, targets)], linewidths=width * style.bias_edge_width,
                alpha=bias_alpha,
                colors=PALETTE["highlight"] if highlight == c else PALETTE["bias_edge"],
                linestyles=":", zorder=1, gid=f"biases-{c}"), autolim=False)


def _draw_unit_inputs(ax, G, pos, style, unit):
    """One receiving unit's incoming weight edges and bias edge, highlighted."""
    from matplotlib.collections import LineCollection

    if unit not in G or G.nodes[unit]["kind"] not in ("hidden", "output"):
        raise ValueError(f"unit is {unit!r}; it must be (layer, index) of a drawn "
                         "hidden or output unit, e.g. (1, 0)")
    for kind, gid, dashes in (("weight", "unit-weights", "-"), ("bias", "unit-biases", ":")):
        sources = np.array([pos[u] for u, _, k in G.in_edges(unit, data="kind") if k == kind],
                           dtype=float).reshape(-1, 2)
        if len(sources):
            ax.add_collection(LineCollection(
                [_all_pairs(sources, np.array([pos[unit]], dtype=float))],
                colors=PALETTE["highlight"], linewidths=style.line_width * 2.5,
                linestyles=dashes, zorder=1.5, gid=gid), autolim=False)


def _legend(ax, style):
    """What the symbols mean: unit, "+1" bias node, weight edge, bias edge."""
    from matplotlib.lines import Line2D

    handles = [
        Line2D([], [], ls="", marker="o", markersize=9, markerfacecolor=PALETTE["hidden"],
               markeredgecolor="black", label="unit"),
        Line2D([], [], ls="", marker="s", markersize=9, markerfacecolor=PALETTE["bias"],
               markeredgecolor="black", label='"+1" bias node'),
        Line2D([], [], color=PALETTE["weight"], lw=2, label="weight edge: 1 parameter"),
        Line2D([], [], color=PALETTE["bias_edge"], lw=2, ls=":",
               label="bias edge: 1 parameter"),
    ]
    legend = ax.legend(handles=handles, loc="center right", fontsize=style.font,
                       frameon=True, framealpha=0.9)
    # Widen the axes' x range until the legend fits right of the last column:
    # it keeps its size in points while the net scales with the axes.
    width = legend.get_window_extent().width + 12
    left, right = ax.get_xlim()
    share = min(width / ax.bbox.width, 0.6)
    ax.set_xlim(left, left + (right - left) / (1 - share))
    title = [c for c in ax.collections if c.get_gid() == "labels-title"]
    if title:  # centred on the whole picture again
        (x, y), = title[0].get_offsets()
        title[0].set_offsets([(sum(ax.get_xlim()) / 2, y)])


def _draw_nodes(ax, G, pos, style, highlight, frame):
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
            frame.bias_area(style) if kind == "bias" else frame.node_size, colours,
            zorder=2, gid=f"nodes-{kind}"), autolim=False)
    ellipses = groups.get("ellipsis", ())
    plus_one = frame.plus_one_size(style)
    for gid, items, size, ha in [
            ("bias", [(*pos[n], "+1") for n in groups.get("bias", ())], plus_one, "center"),
            ("dots", [(*pos[n], "⋮") for n in ellipses], style.font * 2, "center"),
            ("ellipsis", [(pos[n][0] + 0.08, pos[n][1], f"+{G.nodes[n]['units']:,}")
                          for n in ellipses], style.font * style.small_font, "left")]:
        ax.add_collection(LabelCollection(ax, items, size=size, ha=ha,
                                          zorder=3, gid=f"labels-{gid}"), autolim=False)


def drawn_labels(ax) -> dict:
    """What the labels of a drawing say, by kind: ``"title"``, ``"count"``
    (one per connection), ``"count-highlight"``, ``"layer"``, ``"bias"``,
    ``"dots"`` and ``"ellipsis"`` (the ``+k`` beside each ellipsis node).

    A net deeper than ``DRAWN_LAYERS`` (:mod:`nnparams_edu.collapse`) is drawn
    with its middle layers as one column: ``"collapsed"`` is its ``⋮``, its
    ``"layer"`` label reads ``"⋮ k\nlayers"``, and ONE ``"count"`` label stands
    for every connection that column crosses: their exact sum (shown once all
    of them are revealed). The counts still add up to the exact total.

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


def _annotate(ax, G, style, highlight, shown, title, frame):
    """Connection counts on top (the first *shown* of them; "?" for the
    rest), layer names below, and the title."""
    from ._labels import LabelCollection

    spec = G.graph["net"]
    folded = G.graph.get("collapse")
    breakdown = None if folded else layer_breakdown(G)  # read off the graph, once
    counts = [(x, frame.count_y, (f"{total:,}" if last <= shown else "?")
               + (" frozen" if is_frozen else ""))
              for x, total, is_frozen, last in count_rows(G, breakdown)]
    lit = [counts.pop(highlight)] if highlight is not None else []
    ax.add_collection(LabelCollection(ax, counts, size=style.font, va="bottom",
                                      zorder=4, gid="labels-count"), autolim=False)
    ax.add_collection(LabelCollection(ax, lit, size=style.font * 1.3, va="bottom",
                                      color=PALETTE["highlight"], zorder=4,
                                      gid="labels-count-highlight"), autolim=False)
    names = [(x, frame.layer_y, text) for x, text in layer_names(G)]
    ax.add_collection(LabelCollection(ax, names, size=style.font, va="top",
                                      zorder=4, gid="labels-layer"), autolim=False)
    if title is True and folded:
        title = collapsed_title(folded, shown)
    elif title is True:
        title = f"{spec.sizes}: " + (count_words(breakdown, shown) if shown == 0
                                     or shown == spec.connections
                                     else f"{breakdown.rows[shown - 1].running:,} "
                                          "parameters so far")
    if title:
        middle = sum(frame.xlim) / 2  # the title is centred on the whole picture
        ax.add_collection(LabelCollection(ax, [(middle, frame.title_y, title)],
                                          size=style.title_font, va="bottom",
                                          zorder=4, gid="labels-title"), autolim=False)
