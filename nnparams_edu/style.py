"""How a drawing looks: colours, and the sizes of its text, nodes and lines
for a student's screen (``CLASSROOM``) or a projector (``PRESENTATION``)."""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Style", "CLASSROOM", "PRESENTATION", "PALETTE"]

#: Okabe–Ito colours, safe for the common kinds of colour blindness.
PALETTE = {
    "input": "#56B4E9",      # sky blue
    "hidden": "#009E73",     # bluish green
    "output": "#E69F00",     # orange
    "bias": "#BBBBBB",       # grey
    "weight": "#0072B2",     # blue
    "bias_edge": "#777777",  # dark grey, dotted
    "frozen": "#999999",     # grey, dashed
    "highlight": "#D55E00",  # vermillion
    "text": "#000000",
}


@dataclass(frozen=True)
class Style:
    """Sizes used by :func:`draw_network`; see ``CLASSROOM`` and ``PRESENTATION``.

    Examples
    --------
    >>> PRESENTATION.font > CLASSROOM.font, PRESENTATION.line_width > CLASSROOM.line_width
    (True, True)
    >>> PRESENTATION.bias_scale > CLASSROOM.bias_scale
    True
    """

    font: float = 10
    title_font: float = 12
    node_size: float = 220
    line_width: float = 0.8
    edge_alpha: float = 0.45
    faded_alpha: float = 0.12
    #: A "+1" square's area, in unit circles (at most 2.5 of the largest units).
    bias_scale: float = 1.5
    #: How far a "+1" square sits above its column's top unit, in rows beyond one.
    bias_lift: float = 0.0
    #: The small labels' size ("+1", "+k" units left out), in label fonts
    #: (a "+1" as far as its square has room).
    small_font: float = 0.8
    #: A bias edge's width, in weight edges.
    bias_edge_width: float = 1.4
    #: A bias edge's opacity (None: as the weight edges of its connection).
    bias_edge_alpha: float | None = None


#: For a student's screen.
CLASSROOM = Style()
#: For a projector: large text, thick lines, strong contrast.
#: The "+1" squares and the small labels are larger and the bias edges darker
#: and solid enough to tell apart from the weight edges at the back of a room.
PRESENTATION = Style(font=15, title_font=19, node_size=380, line_width=1.6,
                     edge_alpha=0.7, faded_alpha=0.15, bias_scale=4.0, bias_lift=0.6,
                     small_font=1.0, bias_edge_width=1.8, bias_edge_alpha=0.95)
