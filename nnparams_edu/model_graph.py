"""A net of typed layers as a networkx graph, drawn the way a student draws it.

Each layer kind adds its own part (``Layer.graph_part``, in the kind's
module): a dense layer is units joined by one weight each plus a "+1" bias
node; a convolution is channels joined by edges of k·k shared weights (only
within groups) plus one bias node; pooling, flatten, dropout and activations
are columns joined by edges that carry no parameter. The count is read off
the graph: the edges' ``params`` add up to the layer's count, exactly, even
when wide columns are truncated (an ellipsis node's edges carry every
parameter they hide).

The graph's size is worked out from the sizes first (a dry run of the same
parts, making no node), so a graph too big to build is refused before any
work: pass ``max_units`` to truncate wide columns.
"""
from __future__ import annotations

from .graph import check_max_units
from .graph_builder import GraphBuilder
from .layers.base import check_convention
from .limits import MAX_EDGES, whole_number
from .model import as_model

__all__ = ["build_model_graph", "layer_totals", "graph_edges_of_model"]


def _draw_parts(model, pen) -> None:
    """Every layer's part of the graph, drawn with *pen*."""
    pen.layer, pen.frozen = 0, False
    source = pen.column(model.input, "input")
    for number, (layer, shape_in, shape_out) in enumerate(
            zip(model.layers, model.shapes, model.shapes[1:]), 1):
        pen.layer, pen.frozen = number, bool(getattr(layer, "frozen", False))
        source = layer.graph_part(pen, source, shape_in, shape_out)


def graph_edges_of_model(net, *, max_units=None, convention="keras") -> int:
    """Edges of ``build_model_graph(net, ...)``, worked out without building it.

    Examples
    --------
    >>> graph_edges_of_model("in 6x6x1 | conv 2 k=3 | maxpool 2 | flatten | dense 3")
    41
    >>> graph_edges_of_model("in 224x224x3 | conv 64 k=3 | conv 64 k=3", max_units=8)
    104
    """
    pen = GraphBuilder(check_max_units(max_units), check_convention(convention), dry=True)
    _draw_parts(as_model(net), pen)
    return pen.edges


def build_model_graph(net, *, max_units=None, convention="keras", limit=MAX_EDGES):
    """The graph of a net of typed layers, from which its count is read.

    Parameters
    ----------
    net : Model or str
        A :class:`~nnparams_edu.model.Model`, its text
        (``"in 28x28x1 | conv 32 k=3 | flatten | dense 10"``) or a dense net.
    max_units : int, optional
        Draw a column of more nodes than this as its first and last nodes and
        one ellipsis node; the count read off the graph stays exact.
    convention : {"keras", "pytorch"}
        Whose way of listing parameters the edges follow (recurrent biases,
        BatchNorm statistics, flatten order).
    limit : int
        Most edges accepted (``MAX_EDGES``; a drawing asks for fewer).

    Returns
    -------
    networkx.DiGraph
        Nodes ``(column, index)`` (``index`` ``"..."`` for an ellipsis node,
        ``(column, group, index)`` in a named group such as a gate) and
        ``(column, "+1")`` for a bias node, with attributes ``layer`` (0 is
        the input), ``column``, ``group``, ``kind`` (``"input"``,
        ``"hidden"``, ``"output"``, ``"bias"``, ``"ellipsis"``), ``units``
        (features or channels it stands for) and ``values`` (numbers in one
        of them: 676 for a 26×26 channel). Edges have ``kind`` (``"weight"``,
        ``"bias"``, ``"flow"``...), ``params``, ``per_pair`` (parameters per
        pair of features: 9 for a 3×3 kernel), ``layer``, ``frozen`` and
        ``trainable``. ``G.graph`` holds ``model``, ``convention``,
        ``max_units`` and ``columns`` (per column: ``layer``, ``label``, ``shape``).

    Raises
    ------
    ValueError
        For a graph of more than *limit* edges or ``MAX_EDGES`` nodes (decided
        from the sizes, before anything is built), a bad ``max_units`` or
        convention.

    Examples
    --------
    >>> G = build_model_graph("in 6x6x1 | conv 2 k=3 | maxpool 2 | flatten | dense 3")
    >>> [c["label"] for c in G.graph["columns"]]
    ['input', 'conv 2 k=3', 'maxpool 2', 'flatten', 'dense 3']
    >>> G.edges[(0, 0), (1, 1)]["params"], G.edges[(0, "+1"), (1, 1)]["params"]
    (9, 1)
    >>> layer_totals(G)
    [20, 0, 0, 27]
    """
    model = as_model(net)
    max_units, convention = check_max_units(max_units), check_convention(convention)
    _draw_parts(model, GraphBuilder(max_units, convention, dry=True,
                                    limit=whole_number(limit, "limit", 0, MAX_EDGES)))
    pen = GraphBuilder(max_units, convention)
    _draw_parts(model, pen)
    G = pen.G
    last = len(pen.columns) - 1
    for node, data in G.nodes(data=True):
        if data["kind"] == "hidden" and not data["group"] and data["column"] in (0, last):
            data["kind"] = "input" if data["column"] == 0 else "output"
    G.graph.update(model=model, convention=convention, max_units=max_units,
                   columns=tuple(pen.columns))
    _check_counts(G)
    return G


def layer_totals(G) -> list:
    """Parameters of each layer, read off the graph's edges (layer 1 first).

    Examples
    --------
    >>> layer_totals(build_model_graph("in 5 | dense 8 | dense 4 | dense 3"))
    [48, 36, 15]
    """
    totals = [0] * len(G.graph["model"].layers)
    for *_, data in G.edges(data=True):
        totals[data["layer"] - 1] += data["params"]
    return totals


def _check_counts(G) -> None:
    """Refuse a graph whose edges do not add up to each layer's count (a
    kind whose ``graph_part`` forgot some of its parameters)."""
    model, convention = G.graph["model"], G.graph["convention"]
    for number, (layer, shape, got) in enumerate(
            zip(model.layers, model.shapes, layer_totals(G)), 1):
        want = layer.count(shape, convention)
        if got != want:
            raise RuntimeError(f"the graph of layer {number} ({layer}) carries {got:,} "
                               f"parameters, its count is {want:,}: its graph_part is wrong")

