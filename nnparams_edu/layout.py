"""Positions for drawing a net: one column per layer, as networkx's
``multipartite_layout`` places a layered graph, without its per-node rescaling.

Each layer is a vertical column at ``x = layer``; its nodes (bias node on top)
are spaced one unit apart and centred on ``y = 0``, so the widest layer spans
the most height and every column reads top to bottom.
"""
from __future__ import annotations

from .graph import layer_nodes

__all__ = ["layered_layout"]


def layered_layout(G) -> dict:
    """Map each node of *G* (from ``build_graph``) to an ``(x, y)`` position.

    Parameters
    ----------
    G : networkx.DiGraph
        A graph made by :func:`~nnparams_edu.graph.build_graph`.

    Returns
    -------
    dict
        ``{node: (x, y)}`` with ``x`` the layer number and ``y`` decreasing
        down the column.

    Examples
    --------
    >>> from nnparams_edu import build_graph
    >>> pos = layered_layout(build_graph([2, 1]))
    >>> pos[(0, "+1")], pos[(0, 0)], pos[(0, 1)], pos[(1, 0)]
    ((0, 1.0), (0, 0.0), (0, -1.0), (1, 0.0))
    """
    pos = {}
    for x, nodes in enumerate(layer_nodes(G)):
        top = (len(nodes) - 1) / 2
        for i, node in enumerate(nodes):
            pos[node] = (x, top - i)
    return pos
