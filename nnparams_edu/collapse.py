"""A deep net as it is drawn: its first and last layers, and one "⋮ k layers"
column standing for the layers in between.

A drawing has room for about a dozen columns, and drawing a hundred thousand
of them would take minutes, so :func:`collapse` keeps the first and last
layers and joins them through one collapsed column. Every number it gives is
exact and worked out from the sizes in closed form (nothing is built per
layer) once per net (the last few are cached: a redraw of the same net, as a
slider or a highlight step makes, costs no pass over its layers), so a
100,000-layer net is drawn about as fast as a 12-layer one.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from operator import mul

from .spec import Net

__all__ = ["Collapse", "collapse", "DRAWN_LAYERS", "short_sizes"]

#: Most columns a drawing has; a deeper net has its middle layers collapsed.
DRAWN_LAYERS = 12


@dataclass(frozen=True)
class Collapse:
    """A net whose layers ``head .. head + skipped - 1`` are drawn as one column.

    ``drawn`` is the net actually drawn: the kept layers, where connection
    ``head - 1`` (the *span*) joins the last head layer straight to the first
    tail layer. The span stands for the ``skipped + 1`` original connections
    it crosses; :meth:`totals` gives their exact count.

    Examples
    --------
    >>> c = collapse(Net((3,) * 20))
    >>> c.drawn.layers, c.head, c.skipped
    ((3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3), 6, 9)
    >>> c.original_connections(5), c.original_connections(6)
    (range(5, 15), range(15, 16))
    """

    net: Net
    drawn: Net
    head: int
    skipped: int
    #: Exact parameters of each drawn connection, worked out once.
    counts: tuple = ()
    #: Trainable parameters of the whole net, or None when nothing is frozen.
    trainable: int = None

    def original_connections(self, c: int) -> range:
        """The original connections that drawn connection *c* stands for."""
        if c < self.head - 1:
            return range(c, c + 1)
        if c == self.head - 1:
            return range(c, c + self.skipped + 1)
        return range(c + self.skipped, c + self.skipped + 1)

    def drawn_connection(self, original: int) -> int:
        """The drawn connection that stands for *original* connection."""
        if original < self.head - 1:
            return original
        return max(self.head - 1, original - self.skipped)

    def totals(self, c: int) -> int:
        """Exact parameters of drawn connection *c* (all it stands for)."""
        return self.counts[c]

    @property
    def total(self) -> int:
        """Exact parameters of the whole net."""
        return sum(self.counts)


def span_total(net: Net, start: int, stop: int, trainable_only=False) -> int:
    """Parameters of connections ``start .. stop - 1`` of *net*, in closed form.

    Examples
    --------
    >>> span_total(Net((5, 8, 4, 3)), 0, 3), span_total(Net((5, 8, 4, 3)), 1, 2)
    (99, 36)
    """
    layers, bias = net.layers, net.bias
    if trainable_only and any(net.frozen[start:stop]):
        return sum((n + b) * m for n, m, b, f in
                   zip(layers[start:stop], layers[start + 1:stop + 1], bias[start:stop],
                       net.frozen[start:stop]) if not f)
    weights = sum(map(mul, layers[start:stop], layers[start + 1:stop + 1]))
    return weights + sum(compress(layers[start + 1:stop + 1], bias[start:stop]))


@lru_cache(maxsize=16)
def collapse(net: Net, drawn_layers: int = DRAWN_LAYERS):
    """The :class:`Collapse` of *net*, or ``None`` when it has at most
    *drawn_layers* layers and is drawn whole.

    Examples
    --------
    >>> collapse(Net((5, 8, 4, 3))) is None
    True
    >>> c = collapse(Net((4,) * 100_000))
    >>> c.skipped, sum(c.totals(i) for i in range(c.drawn.connections))
    (99989, 1999980)
    """
    if len(net.layers) <= drawn_layers:
        return None
    head = drawn_layers // 2
    tail = drawn_layers - head - 1
    skipped = len(net.layers) - head - tail
    stop = head - 1 + skipped + 1  # one past the last connection the span crosses
    drawn = Net(net.layers[:head] + net.layers[-tail:],
                net.bias[:head - 1] + (False,) + net.bias[stop:],
                net.frozen[:head - 1] + (all(net.frozen[head - 1:stop]),) + net.frozen[stop:])
    folded = Collapse(net, drawn, head, skipped)
    spans = [folded.original_connections(c) for c in range(drawn.connections)]
    counts = tuple(span_total(net, span.start, span.stop) for span in spans)
    trainable = (span_total(net, 0, net.connections, trainable_only=True)
                 if any(net.frozen) else None)
    return Collapse(net, drawn, head, skipped, counts, trainable)


def short_sizes(net: Net, keep: int = 3) -> str:
    """The sizes of *net*, its middle left out when it is deep.

    Examples
    --------
    >>> short_sizes(Net((5, 8, 4, 3)))
    '5-8-4-3'
    >>> short_sizes(Net((5,) + (8,) * 1000 + (3,)))
    '5-8-8-…-8-8-3 (1,002 layers)'
    """
    layers = net.layers
    if len(layers) <= 2 * keep + 1:
        return net.sizes
    return ("-".join(map(str, layers[:keep])) + "-…-" + "-".join(map(str, layers[-keep:]))
            + f" ({len(layers):,} layers)")
