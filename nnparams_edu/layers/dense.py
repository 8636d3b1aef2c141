"""The dense (fully connected) layer: n inputs, m units, (n + 1)·m parameters.

Every input feeds every unit through its own weight, and every unit has one
bias (the "+1" node of the drawings). On a sequence the same layer is applied
at every step, so the count depends only on the last axis.

A *tied* dense layer (a language model's output layer) uses an earlier
embedding's table, transposed, as its weights: only its biases are new. The
model checks that the table fits (see :attr:`nnparams_edu.model.Model.ties`).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..limits import MAX_UNITS, as_bool, whole_number
from .base import Layer, Part, Shape, Slip, times
from .code_text import frozen_torch

__all__ = ["Dense", "dense_counts"]


def dense_counts(n_in: int, n_out: int, bias: bool = True) -> tuple:
    """``(weights, biases)`` between layers of *n_in* and *n_out* units.

    Examples
    --------
    >>> dense_counts(5, 8)
    (40, 8)
    >>> dense_counts(5, 8, bias=False)
    (40, 0)
    """
    return n_in * n_out, n_out if bias else 0


@dataclass(frozen=True)
class Dense(Layer):
    """A fully connected layer of *units* units.

    Examples
    --------
    >>> layer = Dense(8)
    >>> layer.output_shape(Shape((5,)))
    Shape('8')
    >>> [p.formula for p in layer.parts(Shape((5,)))]
    ['5 × 8', '8']
    >>> layer.count(Shape((5,)))
    48
    >>> layer.formula(Shape((5,))), Dense(8, bias=False).formula(Shape((5,)))
    ('(5 + 1) × 8 = 48', '5 × 8 = 40')
    >>> Dense(8, bias=False).to_text()
    'dense 8 nobias'
    >>> Dense(8, bias=False, frozen=True).torch_code(Shape((5,)))
    'nn.Linear(5, 8, bias=False).requires_grad_(False)'
    >>> Dense(8, bias=False, frozen=True).keras_code(Shape((5,)))
    'layers.Dense(8, use_bias=False, trainable=False)'
    >>> tied = Dense(1000, tied=True)  # weights: an embedding's 1,000 × 64 table
    >>> tied.to_text(), tied.count(Shape((64,))), tied.formula(Shape((64,)))
    ('dense 1000 tied', 1000, '64 × 1,000 shared; bias 1,000 = 1,000')
    >>> tied.tied_formula(Shape((64,)), "layer 1")
    '64 × 1,000 shared with layer 1; bias 1,000 = 1,000'
    >>> tied.slips(Shape((64,)))  # 64·1,000 + 1,000
    (Slip(name='tied embedding counted twice', count=65000, hint='a tied layer reuses the embedding table: its weights are counted once, with the embedding'),)
    >>> Dense(10).output_shape(Shape((7, 7, 64)))
    Traceback (most recent call last):
    ...
    nnparams_edu.layers.base.ShapeError: dense 10 needs a vector or a sequence (steps×features), got 7×7×64
    """

    units: int
    bias: bool = True
    frozen: bool = False
    tied: bool = False

    kind = "dense"
    title = "dense"
    ranks = (1, 2)

    @classmethod
    def positional(cls):
        return ("units",)

    def check(self):
        whole_number(self.units, "units of a dense layer", 1, MAX_UNITS)
        as_bool(self.bias, "bias")
        as_bool(self.frozen, "frozen")
        as_bool(self.tied, "tied")

    def output_shape(self, shape):
        self.check_rank(shape)
        return Shape(shape.dims[:-1] + (self.units,))

    def parts(self, shape, convention="keras"):
        weights, biases = dense_counts(shape.features, self.units, self.bias)
        out = [] if self.tied else [Part("kernel", "weight", weights,
                                         times(shape.features, self.units), not self.frozen)]
        if self.bias:
            out.append(Part("bias", "bias", biases, times(self.units), not self.frozen))
        return tuple(out)

    def formula(self, shape, convention="keras"):
        if self.tied:
            return self.tied_formula(shape)
        n, total = shape.features, self.count(shape, convention)
        if self.bias:
            return f"({n:,} + 1) × {self.units:,} = {total:,}"
        return f"{n:,} × {self.units:,} = {total:,}"

    def torch_code(self, shape):
        bias = "" if self.bias else ", bias=False"
        return frozen_torch(f"nn.Linear({shape.features}, {self.units}{bias})", self.frozen)

    def keras_code(self, shape):
        options = [str(self.units)] + ([] if self.bias else ["use_bias=False"])
        options += ["trainable=False"] if self.frozen else []
        return f"layers.Dense({', '.join(options)})"

    def tied_formula(self, shape, source: str = "") -> str:
        """The count of a tied layer: its weights shared (with *source*), its
        bias new."""
        shared = f"{times(shape.features, self.units)} shared" + (f" with {source}"
                                                                 if source else "")
        new = f"bias {self.units:,} = {self.units:,}" if self.bias else "nothing new = 0"
        return f"{shared}; {new}"

    def slips(self, shape, convention="keras"):
        """Typical wrong counts of a dense layer (the dense catalogue's slips,
        for one layer); a tied layer's only slip is its shared table counted again.

        Examples
        --------
        >>> for slip in Dense(8).slips(Shape((5,))):  # right: (5 + 1) × 8 = 48
        ...     print(slip.count, slip.name)
        40 forgotten bias
        45 +1 on the receiving layer
        41 one bias for the layer
        13 units instead of connections
        >>> [s.count for s in Dense(8, bias=False).slips(Shape((5,)))]  # right: 40
        [48, 13]
        >>> Dense(8).slips(Shape((10, 5)))[-1]  # 10 steps × 48
        Slip(name='a dense layer per step', count=480, hint='the same dense layer is applied at every step of the sequence: its weights are shared by all steps, so count them once')
        """
        if self.tied:
            return (Slip("tied embedding counted twice",
                         self.count(shape, convention) + shape.features * self.units,
                         "a tied layer reuses the embedding table: its weights are counted "
                         "once, with the embedding"),)
        n, m = shape.features, self.units
        if self.bias:
            slips = [
                Slip("forgotten bias", n * m,
                     "each unit has its own bias, the +1 of (n + 1) × m"),
                Slip("+1 on the receiving layer", n * (m + 1),
                     "the bias is one more input (the +1 node) feeding every unit: "
                     "(n + 1) × m, not n × (m + 1)"),
                Slip("one bias for the layer", n * m + 1,
                     "every unit has a bias of its own, not one for the whole layer")]
        else:
            slips = [Slip("bias where there is none", (n + 1) * m,
                          "this layer is marked nobias: it has weights only, n × m")]
        slips.append(Slip("units instead of connections", n + m,
                          "count the connections, one weight from every input to every "
                          "unit, not the units"))
        if shape.rank == 2:
            slips.append(Slip("a dense layer per step", shape.dims[0] * self.count(shape),
                              "the same dense layer is applied at every step of the "
                              "sequence: its weights are shared by all steps, so count "
                              "them once"))
        return tuple(slips)

    def graph_part(self, pen, source, shape_in, shape_out):
        """Units as nodes: every input feeds every unit through one weight,
        and the "+1" node feeds each unit its bias. A tied layer's weight
        edges are the embedding's table again: they carry no parameter of
        their own."""
        target = pen.column(shape_out, self.to_text())
        pen.full(source, target, per_pair=0 if self.tied else 1,
                 kind="tied" if self.tied else "weight")
        if self.bias:
            pen.bias(source, target)
        return target
