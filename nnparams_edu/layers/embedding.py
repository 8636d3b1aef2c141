"""The embedding: a table of one vector per word of the vocabulary.

An embedding of a vocabulary of V words into d dimensions is a dense layer
from a one-hot vector of V entries to d units, without bias: V × d weights.
It reads token ids (a :class:`~.base.Shape` with ``tokens=True``) and gives
one d-vector per step.

A language model's output layer often reuses the same table, transposed
(``dense V tied``): it adds only its V biases; the V × d weights are counted
once, with the embedding.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..limits import MAX_UNITS, as_bool, whole_number
from .base import Layer, Part, Shape, ShapeError, Slip, times

__all__ = ["Embedding"]


@dataclass(frozen=True)
class Embedding(Layer):
    """An embedding of *vocabulary* token ids into *dim* dimensions.

    Examples
    --------
    >>> embed, words = Embedding(1000, 64), Shape((20,), tokens=True)
    >>> embed.output_shape(words)
    Shape('20×64')
    >>> embed.formula(words)
    '1,000 × 64 = 64,000'
    >>> [(s.name, s.count) for s in embed.slips(words)]  # 64,000 + 64, 1,000 + 64, 20·64,000
    [('embedding counted with a bias', 64064), ('vocabulary + dimension', 1064), ('embedding counted once per token', 1280000)]
    >>> embed.torch_code(words), embed.keras_code(words)
    ('nn.Embedding(1000, 64)', 'layers.Embedding(1000, 64)')
    >>> embed.output_shape(Shape((20, 8)))
    Traceback (most recent call last):
    ...
    nnparams_edu.layers.base.ShapeError: embed 1000 64 reads token ids (e.g. in 20 tokens), got 20×8
    """

    vocabulary: int
    dim: int
    frozen: bool = False

    kind = "embed"
    title = "embedding"
    ranks = (1,)
    reads_tokens = True

    @classmethod
    def positional(cls):
        return ("vocabulary", "dim")

    def check(self):
        whole_number(self.vocabulary, "vocabulary of an embedding", 1, MAX_UNITS)
        whole_number(self.dim, "dimension of an embedding", 1, MAX_UNITS)
        as_bool(self.frozen, "frozen")

    def output_shape(self, shape):
        if not shape.tokens:
            raise ShapeError(f"{self} reads token ids (e.g. in {shape.dims[0]} tokens), "
                             f"got {shape}")
        return Shape((shape.dims[0], self.dim))

    def parts(self, shape, convention="keras"):
        return (Part("embedding matrix", "weight", self.vocabulary * self.dim,
                     times(self.vocabulary, self.dim), not self.frozen),)

    def graph_part(self, pen, source, shape_in, shape_out):
        """A dense layer without bias from a one-hot vector of the vocabulary:
        each token id lights one of V nodes, each of which reaches every one
        of the d units through one weight (its row of the table)."""
        one_hot = pen.column(Shape((shape_in.dims[0], self.vocabulary)), "one-hot")
        pen.flow(source, one_hot)
        target = pen.column(shape_out, self.to_text())
        pen.full(one_hot, target)
        return target

    def slips(self, shape, convention="keras"):
        right = self.count(shape, convention)
        out = (Slip("embedding counted with a bias", right + self.dim,
                    "an embedding only looks up a row of its table: nothing is added"),
               Slip("vocabulary + dimension", self.vocabulary + self.dim,
                    "the table has one row per word, and each row has one entry per "
                    "dimension"),
               Slip("embedding counted once per token", shape.dims[0] * right,
                    "every token of the input looks up the same table: count it once, "
                    "whatever the number of tokens"))
        return tuple(s for s in out if s.count != right)

    def torch_code(self, shape):
        code = f"nn.Embedding({self.vocabulary}, {self.dim})"
        return code + ".requires_grad_(False)" if self.frozen else code

    def keras_code(self, shape):
        frozen = ", trainable=False" if self.frozen else ""
        return f"layers.Embedding({self.vocabulary}, {self.dim}{frozen})"
