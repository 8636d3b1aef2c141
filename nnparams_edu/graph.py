"""The net as a networkx graph: units are nodes, parameters are edges.

Every unit is a node; every non-output layer also has one "+1" bias node.
A weight edge joins two units, a bias edge joins a "+1" node to a unit. Each
edge carries ``params``, how many parameters it stands for: 1 in a full graph.

With ``max_units=k`` a layer wider than ``k`` keeps its first and last units
and one "ellipsis" node stands for the rest. An edge touching an ellipsis node
stands for many parameters (the product of the units at its ends), so the sum
of ``params`` stays exact while the graph stays small: a VGG16 head
(25088-4096-4096-1000) is a graph of a few dozen nodes.
"""
from __future__ import annotations

import networkx as nx

from .limits import MAX_EDGES, check_edges, whole_number
from .spec import as_net

__all__ = ["build_graph", "layer_nodes", "shown_units", "graph_edges",
           "check_max_units", "MAX_EDGES"]


def shown_units(n: int, max_units=None) -> list:
    """The nodes a layer of *n* units is drawn with, as ``(index, units)``.

    ``index`` is the unit's position (0-based) or ``"..."`` for the ellipsis
    node, ``units`` how many real units that node stands for.

    Examples
    --------
    >>> shown_units(3)
    [(0, 1), (1, 1), (2, 1)]
    >>> shown_units(10, max_units=5)
    [(0, 1), (1, 1), ('...', 6), (8, 1), (9, 1)]
    """
    if max_units is None or n <= max_units:
        return [(i, 1) for i in range(n)]
    kept = max_units - 1
    head, tail = kept - kept // 2, kept // 2
    return ([(i, 1) for i in range(head)] + [("...", n - kept)]
            + [(i, 1) for i in range(n - tail, n)])


def _shown(n: int, max_units) -> int:
    """How many nodes a layer of *n* units is drawn with."""
    return n if max_units is None or n <= max_units else max_units


def graph_edges(net, max_units=None) -> int:
    """Edges of ``build_graph(net, max_units=max_units)``, worked out from the
    sizes alone (nothing is built), so a huge graph is refused before any work.

    Examples
    --------
    >>> graph_edges("5-8-4-3")
    99
    >>> graph_edges("100000000-1")
    100000001
    >>> graph_edges("25088-4096-4096-1000", max_units=8)
    216
    """
    net = as_net(net)
    shown = [_shown(n, max_units) for n in net.layers]
    return sum(a * b + (b if has_bias else 0)
               for a, b, has_bias in zip(shown, shown[1:], net.bias))


def check_max_units(max_units):
    """``None`` or a whole number of at least 3, as a plain int.

    Examples
    --------
    >>> import numpy as np
    >>> check_max_units(np.int64(8))
    8
    """
    if max_units is None:
        return None
    max_units = whole_number(max_units, "max_units")
    if max_units < 3:
        raise ValueError(f"max_units is {max_units}; it must be at least 3 "
                         "(first unit, ellipsis, last unit)")
    return max_units


def build_graph(layers, *, bias=None, frozen=None, max_units=None) -> nx.DiGraph:
    """Build the directed graph of a fully connected net.

    Parameters
    ----------
    layers : str, sequence of int or Net
        Layer sizes, input first: ``[5, 8, 4, 3]`` or ``"5-8-4-3"``.
    bias : bool or sequence of bool, optional
        Whether each connection has biases (default: all do). A connection
        without biases has no "+1" node feeding it.
    frozen : bool or sequence of bool, optional
        Frozen (non-trainable) connections; their edges get ``frozen=True``.
    max_units : int, optional
        Draw a layer wider than this as its first and last units plus one
        ellipsis node. The parameter count read off the graph stays exact.

    Returns
    -------
    networkx.DiGraph
        Node attributes ``layer`` (0 is the input), ``kind`` (``"input"``,
        ``"hidden"``, ``"output"``, ``"bias"`` or ``"ellipsis"``) and
        ``units``. Edge attributes ``kind`` (``"weight"`` or ``"bias"``),
        ``params``, ``connection`` (0-based) and ``frozen``. The net itself is
        in ``G.graph["net"]``.

    Raises
    ------
    ValueError
        For bad layer sizes or flags, for ``max_units`` below 3, and for a
        graph of more than ``MAX_EDGES`` edges (checked before any work).

    Examples
    --------
    >>> G = build_graph([5, 8, 4, 3])
    >>> G.number_of_nodes()  # 20 units and 3 bias nodes
    23
    >>> G.number_of_edges()  # one edge per parameter
    99
    >>> G.nodes[(0, "+1")]
    {'layer': 0, 'kind': 'bias', 'units': 1}
    >>> head = build_graph("25088-4096-4096-1000", max_units=8)
    >>> head.number_of_nodes(), sum(p for *_, p in head.edges(data="params"))
    (35, 123642856)
    """
    net = as_net(layers, bias=bias, frozen=frozen)
    max_units = check_max_units(max_units)
    check_edges(graph_edges(net, max_units), net)
    shown = [shown_units(n, max_units) for n in net.layers]

    G = nx.DiGraph(net=net, max_units=max_units)
    last = net.connections
    for layer, nodes in enumerate(shown):
        kind = "input" if layer == 0 else "output" if layer == last else "hidden"
        if layer < last and net.bias[layer]:
            G.add_node((layer, "+1"), layer=layer, kind="bias", units=1)
        G.add_nodes_from(((layer, index), {"layer": layer, "units": units,
                          "kind": "ellipsis" if index == "..." else kind})
                         for index, units in nodes)

    for c, (sources, targets) in enumerate(zip(shown, shown[1:])):
        frozen_c = net.frozen[c]
        G.add_edges_from(((c, i), (c + 1, j), {"kind": "weight", "params": ui * uj,
                                               "connection": c, "frozen": frozen_c})
                         for i, ui in sources for j, uj in targets)
        if net.bias[c]:
            G.add_edges_from(((c, "+1"), (c + 1, j), {"kind": "bias", "params": uj,
                                                       "connection": c, "frozen": frozen_c})
                             for j, uj in targets)
    return G


def layer_nodes(G: nx.DiGraph) -> list:
    """The nodes of each layer in drawing order: bias node first, then units.

    Examples
    --------
    >>> layer_nodes(build_graph([2, 1]))
    [[(0, '+1'), (0, 0), (0, 1)], [(1, 0)]]
    """
    layers = [[] for _ in G.graph["net"].layers]
    for node, layer in G.nodes(data="layer"):
        layers[layer].append(node)
    return layers
