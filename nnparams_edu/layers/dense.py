"""The dense (fully connected) layer: n inputs, m units, (n + 1)·m parameters.

Every input feeds every unit through its own weight, and every unit has one
bias (the "+1" node of the drawings). On a sequence the same layer is applied
at every step, so the count depends only on the last axis.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..limits import MAX_UNITS, as_bool, whole_number
from .base import Layer, Part, Shape, times
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
    >>> Dense(10).output_shape(Shape((7, 7, 64)))
    Traceback (most recent call last):
    ...
    nnparams_edu.layers.base.ShapeError: dense 10 needs a vector or a sequence (steps×features), got 7×7×64
    """

    units: int
    bias: bool = True
    frozen: bool = False

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

    def output_shape(self, shape):
        self.check_rank(shape)
        return Shape(shape.dims[:-1] + (self.units,))

    def parts(self, shape, convention="keras"):
        weights, biases = dense_counts(shape.features, self.units, self.bias)
        out = [Part("kernel", "weight", weights, times(shape.features, self.units),
                    not self.frozen)]
        if self.bias:
            out.append(Part("bias", "bias", biases, times(self.units), not self.frozen))
        return tuple(out)

    def formula(self, shape, convention="keras"):
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
