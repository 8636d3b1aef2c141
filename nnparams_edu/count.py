"""Counting trainable parameters: the total, one row per connection, memory.

Between layers of n and m units there are n·m weights and m biases, so
(n + 1)·m parameters. Given a graph from :func:`~nnparams_edu.graph.build_graph`
the count is read off its edges (the sum of their ``params``); given layer sizes
it is the same sum in closed form, exact for any size.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache, partial
from html import escape
from itertools import accumulate, starmap, zip_longest
from operator import add, mul, ne
from typing import NamedTuple

from .collapse import short_sizes
from .limits import quote
from .spec import as_net

__all__ = ["count_parameters", "layer_breakdown", "Breakdown", "Row", "describe_difference",
           "parameter_memory", "format_bytes", "DTYPE_BYTES", "MAX_TABLE_ROWS"]

#: Rows of an HTML breakdown table; a deeper net's middle rows are one "..." row.
MAX_TABLE_ROWS = 100

#: Most differences :func:`describe_difference` spells out.
MAX_NOTES = 8

#: Bytes per parameter for the number formats students meet.
DTYPE_BYTES = {"float32": 4, "float16": 2, "int8": 1}


def _is_graph(net) -> bool:
    return hasattr(net, "graph") and hasattr(net, "edges")


def _is_model(net) -> bool:
    from .model import Model, is_model_text
    return isinstance(net, Model) or is_model_text(net)


def _connection_counts(net, bias=None, frozen=None):
    """The :class:`Net` and ``[weights, biases]`` of each connection."""
    if _is_graph(net):
        if bias is not None or frozen is not None:
            raise ValueError("bias and frozen apply to layer sizes; a graph already "
                             "fixes them (pass them to build_graph instead)")
        spec = as_net(net)  # refuses a graph not made by build_graph
        counts = [[0, 0] for _ in range(spec.connections)]
        for u, v, data in net.edges(data=True):
            c, kind, params = (data.get(key) for key in ("connection", "kind", "params"))
            if not (type(c) is int and 0 <= c < spec.connections and kind in ("weight", "bias")
                    and type(params) is int and params >= 0):
                raise ValueError(f"edge {quote((u, v))} was not made by build_graph: it needs "
                                 "connection, kind and params like build_graph's edges")
            counts[c][kind == "bias"] += params
        return spec, [tuple(pair) for pair in counts]
    spec = as_net(net, bias=bias, frozen=frozen)
    outs = spec.layers[1:]
    return spec, list(zip(map(mul, spec.layers, outs), map(mul, outs, spec.bias)))


def count_parameters(net, *, bias=None, convention="keras") -> int:
    """Number of parameters of a net, frozen ones included.

    Parameters
    ----------
    net : networkx.DiGraph, str, sequence of int, Net or Model
        A graph from ``build_graph`` or ``build_model_graph`` (its edges'
        ``params`` are summed; a typed net's graph fixes its convention),
        layer sizes (the closed form Σ (n + 1)·m is used), or a net of typed
        layers (a :class:`~nnparams_edu.model.Model` or its text, e.g.
        ``"in 28x28x1 | conv 32 k=3 | flatten | dense 10"``).
    bias : bool or sequence of bool, optional
        For layer sizes only: biases on every connection (default) or not.
    convention : {"keras", "pytorch"}
        For typed layers: whose way of listing parameters to follow (see
        :mod:`nnparams_edu.model_count`).

    Returns
    -------
    int
        A plain Python int, exact at any size.

    Examples
    --------
    >>> count_parameters([5, 8, 4, 3])
    99
    >>> count_parameters("6-5-4-3")
    74
    >>> count_parameters("5-8-4-3", bias=False)  # weights only
    84
    >>> from nnparams_edu import build_graph
    >>> count_parameters(build_graph("25088-4096-4096-1000", max_units=8))
    123642856
    >>> count_parameters("in 28x28x1 | conv 32 k=3 | maxpool 2 | flatten | dense 10")
    54410
    """
    if _is_graph(net) and "model" in net.graph:  # a typed net's graph: its edges' sum
        return sum(params for *_, params in net.edges(data="params"))
    if _is_model(net):
        if bias is not None:
            raise ValueError("bias applies to dense layer sizes; in a typed net write "
                             "nobias on the layer instead")
        from .model_count import model_breakdown
        return model_breakdown(net, convention=convention).total
    _, counts = _connection_counts(net, bias)
    return sum(w + b for w, b in counts)


class Row(NamedTuple):
    """One connection of a :class:`Breakdown` (``connection`` counts from 1).

    A named tuple: cheap enough to make 100,000 of for the deepest net.

    Examples
    --------
    >>> row = layer_breakdown("5-8").rows[0]
    >>> row.weights, row.biases, row.total, row.formula
    (40, 8, 48, '(5 + 1) × 8 = 48')
    """

    connection: int
    n_in: int
    n_out: int
    weights: int
    biases: int
    total: int
    running: int
    frozen: bool

    @property
    def formula(self) -> str:
        """The count as a student writes it, e.g. ``"(5 + 1) × 8 = 48"``."""
        if self.biases:
            return f"({self.n_in:,} + 1) × {self.n_out:,} = {self.total:,}"
        return f"{self.n_in:,} × {self.n_out:,} = {self.total:,}"


#: A Row from its fields in order, without a Python call per row (fast for deep nets).
_make_row = partial(tuple.__new__, Row)


@dataclass(frozen=True)
class Breakdown:
    """Per-connection counts of a net, with text and HTML renderings.

    ``str(breakdown)`` is a plain-text table; in a notebook the object shows as
    an HTML table.

    Examples
    --------
    >>> b = layer_breakdown("5-8-4-3;frozen=1")
    >>> b.total, b.trainable, b.non_trainable, b.memory("float16")
    (99, 51, 48, 198)
    >>> print(b.summary())
    total: 99 parameters (51 trainable, 48 frozen)
    memory: 396 B as float32, 198 B as float16, 99 B as int8
    >>> b.to_html().startswith('<table class="nnparams-breakdown">')
    True
    """

    net: object
    rows: tuple

    @property
    def total(self) -> int:
        """All parameters, frozen ones included."""
        return self.rows[-1].running if self.rows else 0

    @cached_property
    def trainable(self) -> int:
        """Parameters that training updates (worked out once)."""
        return sum(row.total for row in self.rows if not row.frozen)

    @property
    def non_trainable(self) -> int:
        """Parameters in frozen connections."""
        return self.total - self.trainable

    def memory(self, dtype: str = "float32") -> int:
        """Bytes needed to store all parameters as *dtype*."""
        return self.total * _dtype_bytes(dtype)

    def summary(self) -> str:
        """One line: total, trainable / frozen split and memory."""
        line = f"total: {self.total:,} parameters"
        if self.non_trainable:
            line += f" ({self.trainable:,} trainable, {self.non_trainable:,} frozen)"
        sizes = ", ".join(f"{format_bytes(self.memory(d))} as {d}" for d in DTYPE_BYTES)
        return f"{line}\nmemory: {sizes}"

    def _cells(self, max_rows=None):
        """Table cells; beyond *max_rows* rows the middle ones are one "..." row."""
        rows, head, skipped = self.rows, len(self.rows), 0
        if max_rows is not None and len(rows) > max(max_rows, 2):
            head = max(1, max_rows // 2)  # the first rows, the marker, the last rows
            tail = max(1, max_rows - head)
            skipped = len(rows) - head - tail
            rows = rows[:head] + rows[-tail:]
        for i, row in enumerate(rows):
            if skipped and i == head:
                more = "connection" if skipped == 1 else "connections"
                yield ("...", "...", "", "", f"{skipped:,} more {more}", "...", "")
            yield (f"{row.connection:,}", f"{row.n_in:,} → {row.n_out:,}",
                   f"{row.weights:,}", f"{row.biases:,}", row.formula,
                   f"{row.running:,}", "frozen" if row.frozen else "")

    _HEAD = ("#", "layers", "weights", "biases", "parameters", "running total", "")
    _RIGHT = {2, 3, 5}  # the number columns

    def to_text(self, max_rows=None) -> str:
        """The breakdown as a plain-text table plus :meth:`summary`.

        With *max_rows*, a longer table shows its first and last rows and one
        "..." row saying how many connections are left out (the totals stay exact).

        Examples
        --------
        >>> print(layer_breakdown("5-8-4-3").to_text())
        #  layers  weights  biases  parameters        running total
        1  5 → 8        40       8  (5 + 1) × 8 = 48             48
        2  8 → 4        32       4  (8 + 1) × 4 = 36             84
        3  4 → 3        12       3  (4 + 1) × 3 = 15             99
        total: 99 parameters
        memory: 396 B as float32, 198 B as float16, 99 B as int8
        """
        table = [self._HEAD, *self._cells(max_rows)]
        widths = [max(len(r[i]) for r in table) for i in range(len(self._HEAD))]
        lines = ["  ".join(cell.rjust(w) if i in self._RIGHT else cell.ljust(w)
                           for i, (cell, w) in enumerate(zip(r, widths))).rstrip()
                 for r in table]
        return "\n".join(lines + [self.summary()])

    def to_html(self, max_rows=MAX_TABLE_ROWS) -> str:
        """The breakdown as an HTML table (what a notebook shows); a deep net's
        table shows *max_rows* rows, its first and last, as :meth:`to_text`.

        Examples
        --------
        >>> html = layer_breakdown([3] * 1000).to_html(max_rows=4)
        >>> html.count("<tr>"), "995 more connections" in html
        (6, True)
        """
        head = "".join(f'<th style="padding:0 0.8em">{escape(h)}</th>' for h in self._HEAD)
        body = "".join(
            "<tr>" + "".join(f'<td style="text-align:{"right" if i in self._RIGHT else "left"};'
                             f' padding:0 0.8em">{escape(c)}</td>'
                             for i, c in enumerate(cells)) + "</tr>"
            for cells in self._cells(max_rows))
        summary = escape(self.summary()).replace("\n", "<br>")
        return (f'<table class="nnparams-breakdown"><thead><tr>{head}</tr></thead>'
                f"<tbody>{body}</tbody></table><p><b>{summary}</b></p>")

    def steps(self) -> list:
        """One line per connection, as the count builds up connection by connection.

        Examples
        --------
        >>> for line in layer_breakdown("5-8-4-3").steps():
        ...     print(line)
        5 × 8 = 40 weights + 8 biases = 48 → 48
        8 × 4 = 32 weights + 4 biases = 36, + 36 → 84
        4 × 3 = 12 weights + 3 biases = 15, + 15 → 99
        """
        lines = []
        for row in self.rows:
            text = f"{row.n_in:,} × {row.n_out:,} = {row.weights:,} weights"
            if row.biases:
                text += f" + {row.biases:,} biases = {row.total:,}"
            if row.frozen:
                text += " (frozen)"
            lines.append(text + (f" → {row.running:,}" if row.connection == 1
                                 else f", + {row.total:,} → {row.running:,}"))
        return lines

    __str__ = to_text

    def _repr_html_(self):
        return self.to_html()


def describe_difference(a, b) -> str:
    """How net *b* differs from net *a*, in parameters and in shape.

    Examples
    --------
    >>> print(describe_difference("5-8-4-3", "5-16-3"))
    5-16-3 has 147 parameters, 48 more than 5-8-4-3 (99), +48.5%.
    Hidden layer 1 is wider: 16 units instead of 8. It has no hidden layer 2 (4 units).
    >>> describe_difference("5-8-3", [5] + [9] * 20 + [3]).endswith("… and 12 more differences.")
    True
    """
    a, b = as_net(a), as_net(b)
    ta, tb = count_parameters(a), count_parameters(b)
    name_a, name_b = short_sizes(a), short_sizes(b)
    change = tb - ta
    if change == 0:
        first = f"{name_b} and {name_a} both have {ta:,} parameters."
    else:
        first = (f"{name_b} has {tb:,} parameters, {abs(change):,} "
                 f"{'more' if change > 0 else 'fewer'} than {name_a} ({ta:,}), "
                 f"{change / ta:+.1%}.")
    notes = []
    for label, x, y in [("The input layer", a.layers[0], b.layers[0]),
                        ("The output layer", a.layers[-1], b.layers[-1])]:
        if x != y:
            notes.append(f"{label} has {y:,} units instead of {x:,}.")
    pairs = zip_longest(a.layers[1:-1], b.layers[1:-1])
    for i, (x, y) in enumerate(pairs):
        if x is None:
            notes.append(f"It adds hidden layer {i + 1} ({y:,} units).")
        elif y is None:
            notes.append(f"It has no hidden layer {i + 1} ({x:,} units).")
        elif x != y:
            notes.append(f"Hidden layer {i + 1} is {'wider' if y > x else 'narrower'}: "
                         f"{y:,} units instead of {x:,}.")
        if len(notes) >= MAX_NOTES:
            break
    more = sum(starmap(ne, pairs))  # the differences left, counted, not spelled out
    if more:
        notes.append(f"… and {more:,} more differences.")
    return first + ("\n" + " ".join(notes) if notes else "")


def layer_breakdown(net, *, bias=None, frozen=None) -> Breakdown:
    """One row per connection: sizes, weights, biases, formula, running total.

    Parameters
    ----------
    net : networkx.DiGraph, str, sequence of int or Net
        A graph from ``build_graph`` (counts read off its edges) or layer sizes.
    bias, frozen : bool or sequence of bool, optional
        For layer sizes only: biases and frozen connections.

    Returns
    -------
    Breakdown

    Examples
    --------
    >>> b = layer_breakdown([5, 8, 4, 3])
    >>> [row.total for row in b.rows], [row.running for row in b.rows]
    ([48, 36, 15], [48, 84, 99])
    >>> b.rows[0].formula
    '(5 + 1) × 8 = 48'
    >>> b = layer_breakdown("5-8-4-3", frozen=[True, False, False])
    >>> b.trainable, b.non_trainable
    (51, 48)
    """
    if _is_graph(net):
        return _breakdown(*_connection_counts(net, bias, frozen))
    return _net_breakdown(as_net(net, bias=bias, frozen=frozen))


@lru_cache(maxsize=8)
def _net_breakdown(spec) -> Breakdown:
    """The breakdown of a Net, kept for the last few nets: a widget asks for
    the same net's breakdown several times per change (table, total, text)."""
    return _breakdown(*_connection_counts(spec))


def _breakdown(spec, counts) -> Breakdown:
    weights, biases = [w for w, _ in counts], [b for _, b in counts]
    totals = list(map(add, weights, biases))
    layers = spec.layers
    fields = zip(range(1, len(totals) + 1), layers, layers[1:], weights, biases, totals,
                 accumulate(totals), spec.frozen)
    return Breakdown(spec, tuple(map(_make_row, fields)))


def _dtype_bytes(dtype: str) -> int:
    try:
        return DTYPE_BYTES[dtype]
    except KeyError:
        raise ValueError(f"dtype is {dtype!r}; it must be one of "
                         f"{', '.join(DTYPE_BYTES)}") from None


def parameter_memory(net, dtype: str = "float32") -> int:
    """Bytes needed to store the parameters of *net* as *dtype*.

    Examples
    --------
    >>> parameter_memory("5-8-4-3")
    396
    >>> format_bytes(parameter_memory("25088-4096-4096-1000", "float16"))
    '235.8 MiB'
    """
    return count_parameters(net) * _dtype_bytes(dtype)


def format_bytes(n: int) -> str:
    """Bytes in a human-readable binary unit.

    Examples
    --------
    >>> format_bytes(396), format_bytes(2048), format_bytes(494_571_424)
    ('396 B', '2.0 KiB', '471.7 MiB')
    """
    if n < 1024:
        return f"{n} B"
    value = float(n)
    for unit in ("KiB", "MiB", "GiB", "TiB", "PiB"):
        value /= 1024
        if value < 1024 or unit == "PiB":
            return f"{value:.1f} {unit}"
