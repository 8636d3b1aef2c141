"""Multi-head self-attention: four projections, however many heads.

A sequence of steps × E features is projected to queries, keys and values;
the heads split those projections between them (each head reads its own
d-wide slice), and an output projection maps the heads' values back to E.
So the count is four dense layers, not one per head:

* query:  E × (heads·d) weights + heads·d biases
* key:    kdim × (heads·d) + heads·d (kdim = E unless the keys come from elsewhere)
* value:  vdim × (heads·dv) + heads·dv
* output: (heads·dv) × E + E

With the defaults d = dv = E / heads and kdim = vdim = E, each projection is
E × E + E and the layer has 4E² + 4E parameters, as ``nn.MultiheadAttention``
(which allows only these head sizes) and Keras ``MultiHeadAttention`` (whose
``key_dim`` and ``value_dim`` are d and dv) both count them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from ..limits import MAX_UNITS, as_bool, whole_number
from .base import Layer, Part, Shape, ShapeError, Slip, times  # Shape: for the examples

__all__ = ["Attention", "Projection"]


class Projection(NamedTuple):
    """One of the four dense projections: *inputs* → *outputs* (+ *outputs* biases)."""

    name: str
    inputs: int
    outputs: int


@dataclass(frozen=True)
class Attention(Layer):
    """Multi-head self-attention with *heads* heads on a sequence steps × E.

    ``head_dim`` (d) is each head's query and key size, E / heads unless given;
    ``value_dim`` (dv) each head's value size, d unless given; ``kdim`` and
    ``vdim`` the feature sizes of the key and value inputs, E unless given.

    Examples
    --------
    >>> att = Attention(8)
    >>> seq = Shape((10, 512))
    >>> att.output_shape(seq)
    Shape('10×512')
    >>> att.formula(seq)  # 4 × (512·512 + 512) = 4 × 262,656
    '4 × (512 × 512 + 512) = 1,050,624'
    >>> Attention(8, bias=False).formula(seq)  # 4 × 262,144
    '4 × 512 × 512 = 1,048,576'
    >>> [(p.name, p.formula) for p in att.parts(seq)][:2]
    [('query kernel', '512 × 512'), ('query bias', '512')]

    A head size of its own (Keras ``key_dim=32``) makes the projections
    E × heads·d = 512 × 256 (+256) three times, and the output 256 × 512 (+512):

    >>> Attention(8, head_dim=32).formula(seq)  # 3 × 131,328 + 131,584
    '3 × (512 × 256 + 256) + (256 × 512 + 512) = 525,568'
    >>> Attention(8, head_dim=32, kdim=64).to_text()
    'attention 8 head_dim=32 kdim=64'
    >>> Attention(6).output_shape(seq)
    Traceback (most recent call last):
    ...
    nnparams_edu.layers.base.ShapeError: attention 6 does not fit 10×512: heads=6 must divide the embedding size E=512 (each head gets E / heads features), or give head_dim=
    >>> Attention(8).output_shape(Shape((28, 28, 1)))
    Traceback (most recent call last):
    ...
    nnparams_edu.layers.base.ShapeError: attention 8 needs a sequence (steps×features), got 28×28×1
    """

    heads: int
    head_dim: object = None
    value_dim: object = None
    kdim: object = None
    vdim: object = None
    bias: bool = True
    frozen: bool = False

    kind = "attention"
    title = "multi-head attention"
    ranks = (2,)

    @classmethod
    def positional(cls):
        return ("heads",)

    def check(self):
        whole_number(self.heads, "heads", 1, MAX_UNITS)
        for name in ("head_dim", "value_dim", "kdim", "vdim"):
            if getattr(self, name) is not None:
                whole_number(getattr(self, name), name, 1, MAX_UNITS)
        as_bool(self.bias, "bias")
        as_bool(self.frozen, "frozen")

    def head_sizes(self, shape) -> tuple:
        """``(d, dv)``: each head's query/key size and value size for input *shape*."""
        self.check_rank(shape)
        e = shape.features
        if self.head_dim is None and e % self.heads:
            raise ShapeError(f"{self} does not fit {shape}: heads={self.heads} must divide the "
                             f"embedding size E={e} (each head gets E / heads features), "
                             "or give head_dim=")
        d = e // self.heads if self.head_dim is None else self.head_dim
        return d, d if self.value_dim is None else self.value_dim

    def projections(self, shape) -> tuple:
        """The four :class:`Projection` s (query, key, value, output) for *shape*.

        Examples
        --------
        >>> [tuple(p) for p in Attention(2).projections(Shape((5, 8)))]
        [('query', 8, 8), ('key', 8, 8), ('value', 8, 8), ('output', 8, 8)]
        """
        d, dv = self.head_sizes(shape)
        e = shape.features
        kdim = e if self.kdim is None else self.kdim
        vdim = e if self.vdim is None else self.vdim
        return (Projection("query", e, self.heads * d), Projection("key", kdim, self.heads * d),
                Projection("value", vdim, self.heads * dv),
                Projection("output", self.heads * dv, e))

    def output_shape(self, shape):
        self.head_sizes(shape)
        return shape

    def parts(self, shape, convention="keras"):
        trained = not self.frozen
        out = []
        for p in self.projections(shape):
            out.append(Part(f"{p.name} kernel", "weight", p.inputs * p.outputs,
                            times(p.inputs, p.outputs), trained))
            if self.bias:
                out.append(Part(f"{p.name} bias", "bias", p.outputs, times(p.outputs), trained))
        return tuple(out)

    def graph_part(self, pen, source, shape_in, shape_out):
        """The four projections as dense layers: the inputs (keys and values
        from inputs of their own when kdim or vdim is given) feed the query,
        key and value units, each head joins its own slices of them without
        parameters, and the heads' values feed the output projection."""
        query, key, value, output = self.projections(shape_in)
        inputs = {"query": source}
        for p, name in ((key, "kdim"), (value, "vdim")):
            given = getattr(self, name) is not None
            inputs[p.name] = (pen.block(source.column, p.inputs, group=f"{p.name} input")
                              if given else source)
        blocks = {}
        for p, letter in ((query, "Q"), (key, "K"), (value, "V")):
            blocks[p.name] = (pen.column(Shape((shape_in.dims[0], p.outputs)), "Q K V",
                                         n=p.outputs, group=letter, share=3) if not blocks
                              else pen.block(blocks["query"].column, p.outputs, group=letter,
                                             share=3))
            pen.full(inputs[p.name], blocks[p.name])
            if self.bias:
                pen.bias(source, blocks[p.name])
        heads = pen.column(Shape((shape_in.dims[0], output.inputs)), f"{self.heads} heads")
        for block in blocks.values():
            pen.grouped(block, heads, self.heads, per_pair=0, kind="flow")
        target = pen.column(shape_out, self.to_text())
        pen.full(heads, target)
        if self.bias:
            pen.bias(heads, target)
        return target

    def formula(self, shape, convention="keras"):
        """Equal projections grouped: ``4 × (E × E + E)`` with the defaults."""
        terms = {}
        for p in self.projections(shape):
            term = times(p.inputs, p.outputs) + (f" + {p.outputs:,}" if self.bias else "")
            terms[term] = terms.get(term, 0) + 1
        written = []
        for term, n in terms.items():  # four projections: a term is always multiplied or added
            grouped = f"({term})" if self.bias else term
            written.append(f"{n} × {grouped}" if n > 1 else grouped)
        return " + ".join(written) + f" = {self.count(shape, convention):,}"

    def slips(self, shape, convention="keras"):
        """Typical wrong counts: a full set of projections per head, no output
        projection, no biases, only the query, key and value weights.

        Examples
        --------
        >>> for slip in Attention(8).slips(Shape((10, 64))):
        ...     print(slip.name, slip.count)
        attention multiplied by the number of heads 133120
        output projection forgotten 12480
        biases forgotten 16384
        only the query, key and value weights 12288
        """
        right = self.count(shape, convention)
        parts = self.parts(shape, convention)
        output = sum(p.count for p in parts if p.name.startswith("output"))
        biases = sum(p.count for p in parts if p.role == "bias")
        qkv_weights = sum(p.count for p in parts
                          if p.role == "weight" and not p.name.startswith("output"))
        slips = [
            Slip("attention multiplied by the number of heads", self.heads * right,
                 "the heads share the projections: each head reads its own slice of the "
                 "query, key and value projections instead of having matrices of its own"),
            Slip("output projection forgotten", right - output,
                 "after the heads, one more dense projection maps their joined values back "
                 "to the embedding size"),
            Slip("biases forgotten", right - biases,
                 "each of the four projections has a bias per output, like a dense layer"),
            Slip("only the query, key and value weights", qkv_weights,
                 "there are four projections, output included, each with its biases"),
        ]
        seen, out = {right}, []
        for slip in slips:
            if slip.count not in seen:
                seen.add(slip.count)
                out.append(slip)
        return tuple(out)

    def torch_code(self, shape):
        """``nn.MultiheadAttention``, called as ``attn(x, x, x)`` (query, key, value)
        with ``batch_first=True``; it returns ``(output, weights)``. PyTorch fixes
        the head sizes at E / heads, so ``head_dim``/``value_dim`` other than that
        have no PyTorch code. Frozen as ``.requires_grad_(False)``.

        Examples
        --------
        >>> Attention(8).torch_code(Shape((10, 512)))
        'nn.MultiheadAttention(512, 8, batch_first=True)'
        >>> Attention(8, bias=False, kdim=64, vdim=32).torch_code(Shape((10, 512)))
        'nn.MultiheadAttention(512, 8, bias=False, kdim=64, vdim=32, batch_first=True)'
        >>> Attention(8, frozen=True).torch_code(Shape((10, 512)))
        'nn.MultiheadAttention(512, 8, batch_first=True).requires_grad_(False)'
        >>> Attention(8, head_dim=32).torch_code(Shape((10, 512)))
        Traceback (most recent call last):
        ...
        ValueError: attention 8 head_dim=32: nn.MultiheadAttention gives each head E / heads = 64 query, key and value features; head_dim=32 and value_dim=32 have no PyTorch equivalent (Keras has: key_dim, value_dim)
        """
        e = shape.features
        d, dv = self.head_sizes(shape)
        if e % self.heads:
            raise ValueError(f"{self}: nn.MultiheadAttention needs heads={self.heads} to divide "
                             f"E={e}; this layer has no PyTorch equivalent (Keras has: key_dim)")
        if d != e // self.heads or dv != d:
            raise ValueError(f"{self}: nn.MultiheadAttention gives each head E / heads = "
                             f"{e // self.heads} query, key and value features; head_dim={d} "
                             f"and value_dim={dv} have no PyTorch equivalent (Keras has: "
                             "key_dim, value_dim)")
        args = [str(e), str(self.heads)]
        if not self.bias:
            args.append("bias=False")
        args += [f"{name}={getattr(self, name)}" for name in ("kdim", "vdim")
                 if getattr(self, name) is not None]
        code = f"nn.MultiheadAttention({', '.join(args + ['batch_first=True'])})"
        return code + ".requires_grad_(False)" if self.frozen else code

    def keras_code(self, shape):
        """``layers.MultiHeadAttention``, called on ``(query, value)`` — here
        ``attn(x, x)`` — or ``(query, value, key)`` when the keys have a size
        of their own.

        Examples
        --------
        >>> Attention(8).keras_code(Shape((10, 512)))
        'layers.MultiHeadAttention(num_heads=8, key_dim=64)'
        >>> Attention(8, head_dim=32, value_dim=16, bias=False, frozen=True).keras_code(Shape((10, 512)))
        'layers.MultiHeadAttention(num_heads=8, key_dim=32, value_dim=16, use_bias=False, trainable=False)'
        """
        d, dv = self.head_sizes(shape)
        args = [f"num_heads={self.heads}", f"key_dim={d}"]
        if dv != d:
            args.append(f"value_dim={dv}")
        if not self.bias:
            args.append("use_bias=False")
        if self.frozen:
            args.append("trainable=False")
        return f"layers.MultiHeadAttention({', '.join(args)})"
