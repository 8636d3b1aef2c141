"""What a picture of a typed net is made of, before any artist is drawn:
the graph it is built from (whole when small, wide columns truncated
otherwise), what its edges add up to, and where the names under its columns
go."""
from __future__ import annotations

import math
from functools import lru_cache
from typing import NamedTuple

from .graph import check_max_units
from .layers.base import check_convention
from .limits import MAX_DRAWN_EDGES
from .model import as_model, is_typed
from .model_graph import build_model_graph, graph_edges_of_model

__all__ = ["drawn_graph", "drawn_max_units", "read_edges", "Edges", "fit_names", "model_title",
           "FULL_EDGES", "FULL_COLUMN", "DRAWN_EDGES"]

#: A net whose full graph has at most this many edges and no column wider
#: than ``FULL_COLUMN`` is drawn node by node.
FULL_EDGES = 400
FULL_COLUMN = 24
#: About how many edges the drawing of a bigger net shows at most: a deep or
#: wide one is drawn with fewer nodes per column (at least 3).
DRAWN_EDGES = 400


def drawn_max_units(model, max_units, convention="keras"):
    """The ``max_units`` a drawing of *model* is built with: ``None`` (every
    node) when the whole graph is small enough to read, else the largest up
    to *max_units* that keeps the drawing within about ``DRAWN_EDGES`` edges.

    Examples
    --------
    >>> drawn_max_units(as_model("in 4x4x1 | conv 2 k=3 | flatten | dense 3"), 10)
    >>> drawn_max_units(as_model("in 6x6x1 | conv 2 k=3 | flatten | dense 3"), 10)
    10
    >>> drawn_max_units(as_model("in 64x64x3 | [conv 64 k=3] x12 | gap | dense 10"), 10)
    5
    """
    if max_units is None:
        return None
    if max(shape.features for shape in model.shapes) <= FULL_COLUMN and (
            graph_edges_of_model(model, convention=convention) <= FULL_EDGES):
        return None
    units = max_units
    while units > 3:  # edges grow about as the square of the nodes per column
        edges = graph_edges_of_model(model, max_units=units, convention=convention)
        if edges <= DRAWN_EDGES:
            break
        units = max(3, min(units - 1, int(units * math.sqrt(DRAWN_EDGES / edges))))
    return units


def drawn_graph(net, max_units, convention):
    """The graph a drawing of *net* is made from (a graph is drawn as it is)."""
    if hasattr(net, "graph") and is_typed(net):
        if net.number_of_edges() > MAX_DRAWN_EDGES:
            raise ValueError(f"this graph has {net.number_of_edges():,} edges, more than the "
                             f"{MAX_DRAWN_EDGES:,} a drawing shows; draw its model instead")
        return net
    model, max_units = as_model(net), check_max_units(max_units)
    convention = check_convention(convention)
    return _drawn_graph(model, drawn_max_units(model, max_units, convention), convention)


@lru_cache(maxsize=8)
def _drawn_graph(model, max_units, convention):
    """The graph a drawing is made from; the last few are kept, so a redraw
    of the same net (a reveal step, a highlight) builds nothing. Drawings
    only read it."""
    return build_model_graph(model, max_units=max_units, convention=convention,
                             limit=MAX_DRAWN_EDGES)


class Edges(NamedTuple):
    """What a drawing needs of a graph's edges, read in one pass: the edges
    by ``(layer, kind, frozen)`` (layer from 0), each layer's parameters,
    the frozen layers, the trainable total, the edge kinds and the
    parameters per pair of features of the weight edges (1, or k·k)."""

    bundles: dict
    totals: list
    frozen: set
    trainable: int
    kinds: set
    per_pair: set


def read_edges(G) -> Edges:
    """The :class:`Edges` of a graph from ``build_model_graph``.

    Examples
    --------
    >>> from nnparams_edu.model_graph import build_model_graph
    >>> read_edges(build_model_graph("in 4x4x1 | conv 2 k=3 | flatten | dense 3")).totals
    [20, 0, 27]
    """
    bundles, totals = {}, [0] * len(G.graph["model"].layers)
    frozen, kinds, per_pair, trainable = set(), set(), set(), 0
    for u, v, data in G.edges(data=True):
        layer, kind, params = data["layer"] - 1, data["kind"], data["params"]
        bundles.setdefault((layer, kind, data["frozen"]), []).append((u, v))
        totals[layer] += params
        trainable += params if data["trainable"] else 0
        kinds.add(kind)
        if data["frozen"]:
            frozen.add(layer)
        if kind == "weight":
            per_pair.add(data["per_pair"])
    return Edges(bundles, totals, frozen, trainable, kinds, per_pair)


def fit_names(ax, names, style, reserve=0):
    """The x range that leaves room for the first and last column's names
    (and *reserve* pixels on the right, for a legend), and whether
    neighbouring names are too wide to stand on one row."""
    from ._labels import text_width

    px = ax.figure.dpi / 72 * style.font
    widths = [text_width(name) * px + 8 for name in names]
    last = len(names) - 1
    width = ax.bbox.width - reserve
    room = width - (widths[0] + widths[-1]) / 2
    per_column = min(room / max(last, 1), width / (last + 1.1))
    left, right = max(0.5, widths[0] / 2 / per_column), max(0.6, widths[-1] / 2 / per_column)
    stagger = any((a + b) / 2 > per_column for a, b in zip(widths, widths[1:]))
    return (-left, last + right + reserve / per_column), stagger


def model_title(model, words: str, room: float) -> str:
    """``"<model text>: <words>"``, or with the model named by its input and
    output shapes when the text would be wider than *room* (in em of the
    title font) or longer than 60 characters.

    Examples
    --------
    >>> model = as_model("in 28x28x1 | conv 32 k=3 | flatten | dense 10")
    >>> model_title(model, "how many parameters?", 60)
    'in 28x28x1 | conv 32 k=3 | flatten | dense 10: how many parameters?'
    >>> model_title(model, "how many parameters?", 20)
    '28×28×1 → 10 (3 layers): how many parameters?'
    """
    from ._labels import text_width

    title = f"{model}: {words}"
    if len(str(model)) <= 60 and text_width(title) <= room:
        return title
    return f"{model.input} → {model.output} ({len(model.layers)} layers): {words}"
