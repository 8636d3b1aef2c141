"""The pen each layer kind draws its part of a typed net's graph with.

A student draws a layer as columns of nodes joined by edges, and reads the
count off the edges. Each kind's ``graph_part`` (in its own module of
:mod:`nnparams_edu.layers`) says how, with the few strokes a
:class:`GraphBuilder` offers:

* :meth:`~GraphBuilder.column`: a column of nodes, one per feature or channel
  (the last axis of a shape); a wide one keeps its first and last nodes and one
  ellipsis node stands for the rest;
* :meth:`~GraphBuilder.full`: every node to every node (a dense layer), each
  edge carrying ``per_pair`` parameters (1 for a weight, k·k for a kernel);
* :meth:`~GraphBuilder.grouped`: the same, only within groups (a grouped or
  depthwise convolution; one-to-one when every node is its own group);
* :meth:`~GraphBuilder.bias`: the layer's "+1" node feeding every node;
* :meth:`~GraphBuilder.flow`: where values go without parameters (pooling,
  flatten, dropout, activations, a recurrent layer's loop back to its state).

Every node stands for a range ``lo .. hi - 1`` of features, so an edge
touching an ellipsis node carries all the parameters of the pairs it hides:
the edges' ``params`` always add up to the exact count. A *dry* builder does
the same arithmetic without making a single node, so the size of a graph is
known (and a too big one refused) before anything is built.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import NamedTuple

from .limits import MAX_EDGES

__all__ = ["GraphBuilder", "Block", "node_ranges"]


class Block(NamedTuple):
    """A run of nodes in one column: ``n`` features, drawn as ``nodes``
    (each ``(key, lo, hi)``: the node and the features it stands for)."""

    column: int
    group: str
    n: int
    nodes: tuple


def node_ranges(n: int, max_units=None) -> list:
    """The nodes a run of *n* features is drawn with, as ``(index, lo, hi)``:
    the first and last features, and ``"..."`` standing for the ones between.

    Examples
    --------
    >>> node_ranges(3)
    [(0, 0, 1), (1, 1, 2), (2, 2, 3)]
    >>> node_ranges(10, max_units=5)
    [(0, 0, 1), (1, 1, 2), ('...', 2, 8), (8, 8, 9), (9, 9, 10)]
    """
    if max_units is None or n <= max_units:
        return [(i, i, i + 1) for i in range(n)]
    kept = max_units - 1
    head, tail = kept - kept // 2, kept // 2
    return ([(i, i, i + 1) for i in range(head)] + [("...", head, n - tail)]
            + [(i, i, i + 1) for i in range(n - tail, n)])


def _finder(nodes):
    """``find(lo, hi)``: the positions in *nodes* (sorted ranges) of those
    that overlap features ``lo .. hi - 1``."""
    starts = [a for _, a, _ in nodes]
    ends = [b for _, _, b in nodes]
    return lambda lo, hi: range(bisect_right(ends, lo), bisect_left(starts, hi))


def _group_pairs(lo, hi, lo2, hi2, a, b) -> int:
    """Pairs (i, j), i in ``lo..hi-1`` and j in ``lo2..hi2-1``, in the same
    group, groups being runs of *a* inputs and *b* outputs. Groups strictly
    inside both ranges hold a·b pairs each; only the end groups are cut."""
    first, last = max(lo // a, lo2 // b), min((hi - 1) // a, (hi2 - 1) // b)
    if first > last:
        return 0
    ends = {g for g in (first, last, lo // a, (hi - 1) // a, lo2 // b, (hi2 - 1) // b)
            if first <= g <= last}
    pairs = (last - first + 1 - len(ends)) * a * b
    for g in ends:
        pairs += ((min(hi, (g + 1) * a) - max(lo, g * a))
                  * (min(hi2, (g + 1) * b) - max(lo2, g * b)))
    return pairs


class GraphBuilder:
    """Adds columns and edges to a typed net's graph (or, when *dry*, only
    counts them), refusing more than *limit* edges as soon as it is passed.
    ``layer`` (the model layer being drawn, 1 for the first) and ``frozen``
    are set by the caller before each layer's part.

    Examples
    --------
    >>> from nnparams_edu.layers import Shape
    >>> pen = GraphBuilder(max_units=4)
    >>> a = pen.column(Shape((6,)), "input")
    >>> pen.layer = 1
    >>> b = pen.column(Shape((3,)), "dense 3")
    >>> pen.full(a, b); pen.bias(a, b)
    >>> [key for key, lo, hi in a.nodes]
    [(0, 0), (0, 1), (0, '...'), (0, 5)]
    >>> pen.G.edges[(0, "..."), (1, 2)]["params"]  # features 2 to 4 into unit 2
    3
    >>> sum(p for *_, p in pen.G.edges(data="params")), pen.edges
    (21, 15)
    """

    def __init__(self, max_units=None, convention="keras", dry=False, limit=None):
        import networkx as nx

        self.G = None if dry else nx.DiGraph()
        self.limit = limit
        self.max_units = max_units
        self.convention = convention
        self.columns = []
        self.nodes = self.edges = 0
        self.layer = 0
        self.frozen = False

    # -- nodes -------------------------------------------------------------
    def column(self, shape, label: str, *, n=None, group="", share=1) -> Block:
        """A new column for *shape* (one node per entry of its last axis, one
        for a sequence of token ids, or *n* nodes) named *label* under the
        picture; returns its first block."""
        self.columns.append({"layer": self.layer, "label": label, "shape": shape})
        return self.block(len(self.columns) - 1, n or (1 if shape.tokens else shape.features),
                          group=group, share=share,
                          spread=shape.size if shape.tokens else shape.size // shape.features)

    @staticmethod
    def part(block: Block, lo: int, hi: int) -> Block:
        """The features ``lo .. hi - 1`` of *block*, as a block of their own
        (the forward half of a bidirectional output, say)."""
        return Block(block.column, block.group, hi - lo, tuple(
            (key, max(a, lo) - lo, min(b, hi) - lo) for key, a, b in block.nodes
            if a < hi and b > lo))

    def block(self, column: int, n: int, *, group="", share=1, spread=1) -> Block:
        """*n* more nodes in *column* (below the ones it has), named *group*;
        each node stands for ``spread`` values (a channel of a 26×26 map: 676).
        A column of *share* such blocks (gate copies) gives each that share
        of ``max_units`` (at least 3 nodes)."""
        cap = None if self.max_units is None else max(3, self.max_units // share)
        shown = n if cap is None else min(n, cap)
        if self.nodes + shown > MAX_EDGES:
            raise ValueError(f"this graph would have more than {MAX_EDGES:,} nodes (a column "
                             f"of {n:,}); pass max_units, e.g. max_units=12, to truncate "
                             "wide layers")
        self.nodes += shown
        nodes = tuple(((column, i) if not group else (column, group, i), lo, hi)
                      for i, lo, hi in node_ranges(n, cap))
        if self.G is not None:
            self.G.add_nodes_from(
                (key, {"layer": self.layer, "column": column, "group": group,
                       "kind": "ellipsis" if key[-1] == "..." else "hidden",
                       "units": hi - lo, "values": spread}) for key, lo, hi in nodes)
        return Block(column, group, n, nodes)

    # -- edges -------------------------------------------------------------
    def full(self, source: Block, target: Block, per_pair: int = 1, kind="weight") -> None:
        """Every source node to every target node: ``per_pair`` parameters
        for each pair of features the edge stands for."""
        self._count(len(source.nodes) * len(target.nodes))
        if self.G is not None:
            self.G.add_edges_from(
                (u, v, self._data(kind, per_pair * (hi - lo) * (hi2 - lo2), per_pair))
                for u, lo, hi in source.nodes for v, lo2, hi2 in target.nodes)

    def grouped(self, source: Block, target: Block, groups: int, per_pair: int = 1,
                kind="weight") -> None:
        """Like :meth:`full`, but a node reaches only the nodes of its own
        group (the features split into *groups* equal runs on each side)."""
        a, b = source.n // groups, target.n // groups
        links, find = [], _finder(target.nodes)
        for u, lo, hi in source.nodes:  # the targets in the groups u touches
            reach = find(lo // a * b, ((hi - 1) // a + 1) * b)
            links.append((u, lo, hi, reach))
        self._count(sum(len(reach) for *_, reach in links))
        if self.G is not None:
            self.G.add_edges_from(
                (u, v, self._data(kind, per_pair * _group_pairs(lo, hi, lo2, hi2, a, b),
                                  per_pair))
                for u, lo, hi, reach in links for v, lo2, hi2 in
                (target.nodes[j] for j in reach))

    def bias(self, source: Block, target: Block, per_unit: int = 1, kind="bias") -> None:
        """The "+1" node on top of *source*'s column, one edge to each target
        node carrying ``per_unit`` parameters per feature it stands for; with
        ``kind="statistic"``, a node of never-trained statistics instead."""
        key = (source.column, "+1" if kind == "bias" else kind)
        self._count(len(target.nodes))
        if self.G is not None:
            self.G.add_node(key, layer=self.layer, column=source.column, group=kind,
                            kind=kind, units=1, values=1)
            self.G.add_edges_from((key, v, self._data(kind, per_unit * (hi - lo), per_unit))
                                  for v, lo, hi in target.nodes)

    def flow(self, source: Block, target: Block, blocks: bool = False, kind="flow") -> None:
        """Edges without parameters from where each target value comes from:
        target feature j from source feature ``j % n`` (channels last: a
        flatten interleaves the channels) or, with *blocks*, ``j // (N / n)``
        (channels first, as PyTorch flattens)."""
        n, per = source.n, target.n // source.n
        links, find = [], _finder(source.nodes)
        for v, lo, hi in target.nodes:
            if blocks:
                spans = [(lo // per, (hi - 1) // per + 1)]
            elif hi - lo >= n:
                spans = [(0, n)]
            elif lo % n <= (hi - 1) % n:
                spans = [(lo % n, (hi - 1) % n + 1)]
            else:  # wraps past the last channel
                spans = [(lo % n, n), (0, (hi - 1) % n + 1)]
            reach = sorted({j for s, e in spans for j in find(s, e)})
            links.append((v, reach))
        self._count(sum(len(reach) for _, reach in links))
        if self.G is not None:
            self.G.add_edges_from((source.nodes[j][0], v, self._data(kind, 0, 0))
                                  for v, reach in links for j in reach)

    def _count(self, edges: int) -> None:
        self.edges += edges
        if self.limit is not None and self.edges > self.limit:
            raise ValueError(f"this graph would have more than {self.limit:,} edges by layer "
                             f"{self.layer}; pass max_units, e.g. max_units=12, to truncate "
                             "wide layers")

    def _data(self, kind, params, per_pair):
        return {"kind": kind, "params": params, "per_pair": per_pair, "layer": self.layer,
                "frozen": self.frozen, "trainable": not self.frozen and kind != "statistic"}
