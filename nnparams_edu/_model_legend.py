"""The legend of a typed net's drawing: only the symbols the picture uses."""
from __future__ import annotations

from .style import PALETTE

__all__ = ["model_legend"]


def model_legend(ax, G, edges, style):
    """Add a legend for the node and edge kinds drawn from *G* (its *edges*
    read by :func:`~nnparams_edu.model_draw.read_edges`) at the right of the
    axes; return its width in pixels (the room to leave for it)."""
    from matplotlib.lines import Line2D

    columns = G.graph["columns"]
    nodes = {("channel" if columns[c]["shape"].rank == 3 else "unit") if k not in
             ("bias", "statistic", "ellipsis") else k for _, c, k in _node_kinds(G)}
    kernels, kinds = edges.per_pair, edges.kinds
    marker = {"marker": None, "ls": "", "markersize": 9, "markeredgecolor": "black"}
    entries = [
        ("unit", dict(marker, marker="o", markerfacecolor=PALETTE["hidden"]), "unit"),
        ("channel", dict(marker, marker="h", markerfacecolor=PALETTE["hidden"]),
         "channel (a whole feature map)"),
        ("bias", dict(marker, marker="s", markerfacecolor=PALETTE["bias"]), '"+1" bias node'),
    ]
    handles = [Line2D([], [], label=text, **look) for key, look, text in entries
               if key in nodes]
    if 1 in kernels:
        handles.append(Line2D([], [], color=PALETTE["weight"], lw=2,
                              label="weight edge: 1 parameter"))
    if kernels - {1}:
        handles.append(Line2D([], [], color=PALETTE["weight"], lw=2,
                              label="kernel edge: k×k shared weights"))
    if "tied" in kinds:
        handles.append(Line2D([], [], color=PALETTE["weight"], lw=2, ls="--",
                              label="tied: the embedding's weights again"))
    if "statistic" in kinds:
        handles.append(Line2D([], [], ls="", marker="s", markersize=9,
                              markerfacecolor=PALETTE["bias"], markeredgecolor="black",
                              label="μσ²: moving mean and variance, not trained"))
    if "bias" in kinds:
        handles.append(Line2D([], [], color=PALETTE["bias_edge"], lw=2, ls=":",
                              label="bias edge: 1 parameter"))
    if "flow" in kinds:
        handles.append(Line2D([], [], color=PALETTE["bias"], lw=2,
                              label="values passed on: no parameter"))
    if "loop" in kinds:
        handles.append(Line2D([], [], color=PALETTE["bias_edge"], lw=2, ls="--",
                              label="loop: output read at the next step"))
    legend = ax.legend(handles=handles, loc="center right", fontsize=style.font,
                       frameon=True, framealpha=0.9)
    return legend.get_window_extent().width + 12


def _node_kinds(G):
    return ((n, d["column"], d["kind"]) for n, d in G.nodes(data=True))
