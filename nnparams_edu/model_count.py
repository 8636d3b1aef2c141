"""Counting a net of typed layers: one row per layer with its shapes, the
formula with the numbers filled in, weights and biases apart, running total,
trainable and non-trainable.

Closed form throughout: each layer's count is a few multiplications of its
sizes, so any model counts in microseconds and exactly, whatever its size.

PyTorch and Keras agree on every kind but two, and the breakdown says which
convention it follows: a recurrent layer has two bias vectors per gate in
PyTorch and one in Keras (except a Keras GRU with ``reset_after``, its
default, which has two as well); Keras lists BatchNorm's moving mean and
variance as non-trainable parameters, PyTorch keeps them as buffers, outside
the parameter count.

A tied output layer (``dense V tied``) shares the embedding's table: the
table is counted once, with the embedding, and the tied layer's row shows its
weights as shared and counts only its bias.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from html import escape
from typing import NamedTuple

from .layers.base import CONVENTIONS, check_convention
from .limits import quote
from .model import as_model

__all__ = ["model_breakdown", "ModelBreakdown", "LayerRow"]


class LayerRow(NamedTuple):
    """One layer of a :class:`ModelBreakdown` (``number`` counts from 1)."""

    number: int
    layer: object
    shape_in: object
    shape_out: object
    weights: int
    biases: int
    statistics: int
    total: int
    trainable: int
    running: int
    formula: str


@dataclass(frozen=True)
class ModelBreakdown:
    """Per-layer counts of a model under one framework convention.

    Examples
    --------
    >>> b = model_breakdown("in 28x28x1 | conv 32 k=3 | maxpool 2 | flatten | dense 10")
    >>> [row.total for row in b.rows]
    [320, 0, 0, 54090]
    >>> b.total, b.trainable, b.convention
    (54410, 54410, 'keras')
    >>> print(b.rows[3].formula)
    (5,408 + 1) × 10 = 54,090
    """

    model: object
    convention: str
    rows: tuple

    @property
    def total(self) -> int:
        """Every parameter the convention lists, non-trainable ones included."""
        return self.rows[-1].running if self.rows else 0

    @cached_property
    def trainable(self) -> int:
        """Parameters that training updates."""
        return sum(row.trainable for row in self.rows)

    @property
    def non_trainable(self) -> int:
        """Frozen parameters and (Keras) BatchNorm statistics."""
        return self.total - self.trainable

    def other(self) -> "ModelBreakdown":
        """The same model counted under the other framework's convention.

        Examples
        --------
        >>> b = model_breakdown("in 28x28x1 | conv 8 k=3 | flatten | dense 10")
        >>> b.other().convention
        'pytorch'
        """
        other, = (c for c in CONVENTIONS if c != self.convention)
        return model_breakdown(self.model, convention=other)

    def summary(self) -> str:
        """Total, trainable split, and which convention the count follows."""
        line = f"total: {self.total:,} parameters"
        if self.non_trainable:
            line += f" ({self.trainable:,} trainable, {self.non_trainable:,} non-trainable)"
        name = {"keras": "Keras", "pytorch": "PyTorch"}[self.convention]
        return f"{line}\ncounted as {name} counts them"

    _NUMBERS = ("weights", "biases", "statistics", "running total")  # right-aligned

    @cached_property
    def _statistics(self) -> bool:
        """Whether any layer has statistics (then the table has a column for them)."""
        return any(row.statistics for row in self.rows)

    def _head(self) -> tuple:
        return (("#", "layer", "shape in", "shape out", "weights", "biases")
                + (("statistics",) if self._statistics else ()) + ("parameters", "running total"))

    def _cells(self):
        ties = self.model.ties
        for row in self.rows:
            weights = "shared" if row.number in ties else f"{row.weights:,}"
            yield ((f"{row.number:,}", row.layer.to_text(), str(row.shape_in),
                    str(row.shape_out), weights, f"{row.biases:,}")
                   + ((f"{row.statistics:,}",) if self._statistics else ())
                   + (row.formula + (" (not trained)" if row.total and not row.trainable
                                     else ""), f"{row.running:,}"))

    def to_text(self) -> str:
        """A plain-text table plus :meth:`summary`.

        Examples
        --------
        >>> print(model_breakdown("in 4x4x1 | conv 2 k=3 | flatten | dense 3").to_text())
        #  layer       shape in  shape out  weights  biases  parameters                 running total
        1  conv 2 k=3  4×4×1     2×2×2           18       2  (3 × 3 × 1 + 1) × 2 = 20             20
        2  flatten     2×2×2     8                0       0  no parameters                        20
        3  dense 3     8         3               24       3  (8 + 1) × 3 = 27                     47
        total: 47 parameters
        counted as Keras counts them

        Keras' BatchNorm statistics get a column of their own:

        >>> print(model_breakdown("in 3x2 | batchnorm").to_text())
        #  layer      shape in  shape out  weights  biases  statistics  parameters                                              running total
        1  batchnorm  3×2       3×2              2       2           4  2 × 2 (γ, β) + 2 × 2 (moving mean, variance; not trained) = 8              8
        total: 8 parameters (4 trainable, 4 non-trainable)
        counted as Keras counts them
        """
        head = self._head()
        right = {i for i, name in enumerate(head) if name in self._NUMBERS}
        table = [head, *self._cells()]
        widths = [max(len(r[i]) for r in table) for i in range(len(head))]
        lines = ["  ".join(c.rjust(w) if i in right else c.ljust(w)
                           for i, (c, w) in enumerate(zip(r, widths))).rstrip() for r in table]
        return "\n".join(lines + [self.summary()])

    def to_html(self) -> str:
        """The breakdown as an HTML table."""
        head = "".join(f'<th style="padding:0 0.8em">{escape(h)}</th>' for h in self._head())
        body = "".join("<tr>" + "".join(f'<td style="padding:0 0.8em">{escape(c)}</td>'
                                        for c in cells) + "</tr>" for cells in self._cells())
        summary = escape(self.summary()).replace("\n", "<br>")
        return (f'<table class="nnparams-breakdown"><thead><tr>{head}</tr></thead>'
                f"<tbody>{body}</tbody></table><p><b>{summary}</b></p>")

    __str__ = to_text

    def _repr_html_(self):
        return self.to_html()


def _layer_counts(layer, shape_in, convention) -> tuple:
    """``(weights, biases, statistics, total, trainable, formula)`` of one layer."""
    sums = {"weight": 0, "bias": 0, "statistic": 0}
    trainable = 0
    for part in layer.parts(shape_in, convention):
        if part.role not in sums:
            raise ValueError(f"part {quote(part.name)} of {layer} has role "
                             f"{quote(part.role)}; roles are weight, bias and statistic")
        sums[part.role] += part.count
        trainable += part.count if part.trainable else 0
    return (sums["weight"], sums["bias"], sums["statistic"], sum(sums.values()), trainable,
            layer.formula(shape_in, convention))


def model_breakdown(net, *, convention: str = "keras") -> ModelBreakdown:
    """One row per layer of *net* (a model, its text, or a dense net).

    Parameters
    ----------
    net : Model, str, sequence of int or Net
    convention : {"keras", "pytorch"}
        Whose way of listing parameters to follow (they differ for recurrent
        biases and BatchNorm statistics).

    Examples
    --------
    >>> model_breakdown("5-8-4-3").total
    99

    A tied output layer shares the embedding's table, counted once:

    >>> b = model_breakdown("in 20 tokens | embed 1000 64 | dense 1000 tied")
    >>> [row.total for row in b.rows]  # 1,000·64, then only the 1,000 biases
    [64000, 1000]
    >>> print(b.rows[1].formula)
    64 × 1,000 shared with layer 1; bias 1,000 = 1,000
    """
    convention = check_convention(convention)
    model = as_model(net)
    rows, running, seen = [], 0, {}
    for number, (layer, shape_in, shape_out) in enumerate(
            zip(model.layers, model.shapes, model.shapes[1:]), 1):
        tied = number in model.ties
        counted = None if tied else seen.get((layer, shape_in))
        if counted is None:  # a layer repeated on the same shape is counted once
            counted = _layer_counts(layer, shape_in, convention)
            if tied:
                counted = counted[:5] + (
                    layer.tied_formula(shape_in, f"layer {model.ties[number]}"),)
            else:
                seen[layer, shape_in] = counted
        weights, biases, statistics, total, trainable, formula = counted
        running += total
        rows.append(LayerRow(number, layer, shape_in, shape_out, weights, biases, statistics,
                             total, trainable, running, formula))
    return ModelBreakdown(model, convention, tuple(rows))
