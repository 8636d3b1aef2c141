"""Positions for drawing a typed net's graph: one column per stage.

Column ``c`` stands at ``x = c``. Its bias node (and any other one-node
helper, such as BatchNorm's statistics) is on top, then its runs of nodes in
the order they were made, a run named by a group (a gate, a projection)
set apart from the next by half a row. Each column is centred on ``y = 0``.
"""
from __future__ import annotations

__all__ = ["model_layout", "column_nodes", "GROUP_GAP", "HELPERS"]

#: Extra room between two groups of one column, in rows.
GROUP_GAP = 0.5
#: Kinds of one-node helpers drawn on top of a column ("+1" bias nodes).
HELPERS = ("bias", "statistic")


def column_nodes(G) -> list:
    """The nodes of each column in drawing order: helper nodes (``"+1"``)
    first, then the rest as they were made.

    Examples
    --------
    >>> from nnparams_edu.model_graph import build_model_graph
    >>> column_nodes(build_model_graph("in 2 | dense 1"))
    [[(0, '+1'), (0, 0), (0, 1)], [(1, 0)]]
    """
    columns = [[] for _ in G.graph["columns"]]
    for node, column in G.nodes(data="column"):
        columns[column].append(node)
    return [sorted(nodes, key=lambda n: G.nodes[n]["kind"] not in HELPERS)
            for nodes in columns]


def model_layout(G) -> dict:
    """Map each node of *G* (from ``build_model_graph``) to ``(x, y)``.

    Examples
    --------
    >>> from nnparams_edu.model_graph import build_model_graph
    >>> pos = model_layout(build_model_graph("in 2 | dense 1"))
    >>> pos[(0, "+1")], pos[(0, 0)], pos[(0, 1)], pos[(1, 0)]
    ((0, 1.0), (0, 0.0), (0, -1.0), (1, 0.0))
    """
    pos = {}
    for x, nodes in enumerate(column_nodes(G)):
        ys, y, group = [], 0.0, None
        for node in nodes:
            data = G.nodes[node]
            if data["kind"] not in HELPERS:
                if group is not None and data["group"] != group:
                    y -= GROUP_GAP
                group = data["group"]
            ys.append(y)
            y -= 1
        top = (ys[0] + ys[-1]) / 2 if ys else 0
        pos.update((node, (x, y - top)) for node, y in zip(nodes, ys))
    return pos
