"""What a drawing of a net is made of, before any artist is drawn: the graph
it is built from (every unit, wide layers truncated, or deep nets collapsed),
where its columns and labels go, and what the labels say."""
from __future__ import annotations

import math
from dataclasses import dataclass

from .collapse import collapse, short_sizes, span_total
from .count import layer_breakdown
from .graph import build_graph, graph_edges
from .layout import layered_layout
from .limits import MAX_DRAWN_EDGES, check_drawn_edges
from .spec import as_net

__all__ = ["FULL_EDGES", "FULL_LAYER", "DRAWN_EDGES", "Frame", "lifted", "drawn_graph", "given_graph",
           "net_of", "drawn_connection", "layout", "count_rows", "layer_names",
           "collapsed_title", "drawn_units"]

#: A net with at most this many weight edges, and no layer wider than
#: ``FULL_LAYER``, is drawn unit by unit (every net of the lessons is).
FULL_EDGES = 400
#: The widest layer that is still drawn unit by unit.
FULL_LAYER = 24
#: About how many weight edges the drawing of a bigger net shows: its wide
#: layers are truncated, deep ones to fewer units per layer.
DRAWN_EDGES = 320


@dataclass(frozen=True)
class Frame:
    """Where things go, in data units: the columns' span, the axes limits,
    the rows of labels above and below, and the node size that fits.

    Labels keep their size in points, so the room above and below the columns
    is measured in pixels and turned into data units once the axes' height is
    known: a tall 16-unit column and a short 3-unit one both leave the title
    and the counts the same room.
    """

    xlim: tuple
    ylim: tuple
    count_y: float
    title_y: float
    layer_y: float
    node_size: float
    #: Height of one line of label text, in data units.
    line: float = 0.0

    @classmethod
    def fit(cls, ax, pos, style, title, label_lines=2, head=0.5):
        """The frame for positions *pos*, leaving *label_lines* lines of
        text under the columns and *head* rows above the highest node under
        the counts."""
        top = max(y for _, y in pos.values()) + head
        bottom = min(y for _, y in pos.values()) - 0.5
        layers = max(x for x, _ in pos.values())
        px = ax.figure.dpi / 72  # pixels per point
        count_px = style.font * 1.3 * px
        above = count_px * 1.35 + (style.title_font * px * 1.5 if title else 0) + 4
        below = style.font * px * label_lines * 1.25 + 6
        unit = max((ax.bbox.height - above - below) / (top - bottom), 1.0)  # px per row
        diameter = 0.8 * unit / px  # points
        return cls(xlim=(-0.5, layers + 0.6),
                   ylim=(bottom - below / unit, top + above / unit),
                   count_y=top + 2 / unit,
                   title_y=top + (count_px * 1.35 + 2) / unit,
                   layer_y=bottom - 2 / unit,
                   node_size=min(style.node_size, diameter ** 2),
                   line=style.font * px * 1.25 / unit)

    def bias_area(self, style) -> float:
        """A "+1" square's marker area (points²): *style*'s share of a unit,
        at most 2.5 of its largest units."""
        return min(style.bias_scale * self.node_size, 2.5 * style.node_size)

    def plus_one_size(self, style) -> float:
        """The "+1" text's size (points): as large as *style* asks, as far as
        its square has room."""
        return min(style.font * style.small_font, 0.55 * math.sqrt(self.bias_area(style)))


def lifted(G, pos, style, kinds=("bias",)) -> dict:
    """*pos* with the nodes of *kinds* ("+1" squares) raised by the style's
    ``bias_lift`` rows, to leave room above a column for a larger square."""
    if not style.bias_lift:
        return pos
    return {node: (x, y + style.bias_lift * (G.nodes[node]["kind"] in kinds))
            for node, (x, y) in pos.items()}


def drawn_graph(spec, max_units):
    """The graph a drawing of *spec* is made from: its middle layers collapsed
    when it is deep (``G.graph["collapse"]``, see :mod:`nnparams_edu.collapse`),
    and refused up front when it would need more than ``MAX_DRAWN_EDGES`` lines."""
    folded = collapse(spec)
    drawn = folded.drawn if folded else spec
    units = drawn_units(drawn, max_units)
    check_drawn_edges(graph_edges(drawn, units), short_sizes(spec))
    G = build_graph(drawn, max_units=units)
    G.graph["collapse"] = folded
    return G


def given_graph(G):
    """A graph from ``build_graph``, drawn as it is if it is small enough."""
    edges = G.number_of_edges() if hasattr(G, "number_of_edges") else 0
    if edges > MAX_DRAWN_EDGES:
        raise ValueError(f"this graph has {edges:,} edges, more than the "
                         f"{MAX_DRAWN_EDGES:,} a drawing shows; draw its net instead: "
                         "draw_network(G.graph['net'])")
    as_net(G)  # refuses a graph not made by build_graph
    return G


def net_of(G):
    """The net a drawing shows (the whole one, when it is drawn collapsed)."""
    folded = G.graph.get("collapse")
    return folded.net if folded else G.graph["net"]


def drawn_connection(G, c):
    """The drawn connection standing for connection *c* of the net."""
    folded = G.graph.get("collapse")
    return folded.drawn_connection(c) if folded else c


def layout(G):
    """Positions, with the layers after a collapsed span moved one column
    right to leave room for its "⋮ k layers" column."""
    pos = layered_layout(G)
    folded = G.graph.get("collapse")
    if folded:
        pos = {node: (x + 1 if x >= folded.head else x, y) for node, (x, y) in pos.items()}
    return pos


def count_rows(G, breakdown=None):
    """``(x, total, frozen, last)`` for each drawn connection's count label:
    where it goes, its exact count, whether it is frozen, and the number
    (from 1) of the last connection it counts. A collapsed span has one label,
    the sum of every connection it crosses, frozen only if they all are."""
    folded = G.graph.get("collapse")
    if not folded:
        return [(row.connection - 0.5, row.total, row.frozen, row.connection)
                for row in (breakdown or layer_breakdown(G)).rows]
    rows = []
    for c in range(folded.drawn.connections):
        span = folded.original_connections(c)
        x = c + 0.5 if c < folded.head - 1 else folded.head if c == folded.head - 1 else c + 1.5
        rows.append((x, folded.totals(c), folded.drawn.frozen[c], span.stop))
    return rows


def layer_names(G):
    """``(x, text)`` under each column; a collapsed span's says "⋮ k layers"."""
    spec = G.graph["net"]
    last = spec.connections
    names = [(layer, f"{'input' if layer == 0 else 'output' if layer == last else 'hidden'}"
                     f"\n{n:,}") for layer, n in enumerate(spec.layers)]
    folded = G.graph.get("collapse")
    if folded:
        names = ([*names[:folded.head], (folded.head, f"⋮ {folded.skipped:,}\nlayers")]
                 + [(x + 1, text) for x, text in names[folded.head:]])
    return names


def collapsed_title(folded, shown):
    """The title of a collapsed drawing, as far as it is revealed."""
    net = folded.net
    if shown == 0:
        return f"{short_sizes(net)}: how many parameters?"
    total = folded.total if shown == net.connections else span_total(net, 0, shown)
    if shown < net.connections:
        return f"{short_sizes(net)}: {total:,} parameters so far"
    text = f"{short_sizes(net)}: {total:,} parameters"
    if folded.trainable is not None:
        text += f" ({folded.trainable:,} trainable)"
    return text


def drawn_units(spec, max_units):
    """The ``max_units`` a drawing of *spec* is built with: ``None`` (every
    unit) when the whole net is small enough to read."""
    if max_units is None:
        return None
    weights = sum(n * m for n, m in zip(spec.layers, spec.layers[1:]))
    if weights <= FULL_EDGES and max(spec.layers) <= FULL_LAYER:
        return None
    budget = math.isqrt(DRAWN_EDGES // spec.connections)
    return min(max_units, max(3, budget))
