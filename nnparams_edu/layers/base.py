"""What every layer kind has in common: shapes, parameter parts, conventions.

A layer kind is one class in one module of this package (``dense``, ``conv``,
``recurrent``, ...). It knows

* its options, checked when it is made (:meth:`Layer.check`);
* the shape it gives for an input shape (:meth:`Layer.output_shape`), or a
  :class:`ShapeError` that names the layer and both shapes;
* its parameters as named :class:`Part` s, each with the formula a student
  writes (:meth:`Layer.parts`), for a framework convention;
* its part of the graph a student draws, from which the count is read
  (:meth:`Layer.graph_part`, drawn with a
  :class:`~nnparams_edu.graph_builder.GraphBuilder`);
* its one-line text (:meth:`Layer.to_text`), read back by
  :func:`~nnparams_edu.layers.text.parse_model`.

Shapes leave out the batch axis and put channels or features last, as Keras
does: an image is ``(28, 28, 1)``, a sequence of 10 steps of 8 features is
``(10, 8)``, a plain vector of 784 features is ``(784,)``. A sequence of token
ids (what an embedding reads) is a :class:`Shape` with ``tokens=True``.
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from typing import ClassVar, NamedTuple

from ..limits import MAX_UNITS, quote, whole_number

__all__ = ["Shape", "Part", "Slip", "Layer", "ShapeError", "CONVENTIONS", "check_convention",
           "MAX_SIDE", "times"]

#: The framework conventions a count can follow. They differ only in the
#: recurrent layers' biases and in how BatchNorm's running statistics are listed.
CONVENTIONS = ("keras", "pytorch")

#: Largest side of an image or length of a sequence accepted.
MAX_SIDE = 1_000_000


def check_convention(convention) -> str:
    """*convention* checked against :data:`CONVENTIONS` (any letter case).

    Examples
    --------
    >>> check_convention("pytorch"), check_convention("PyTorch")
    ('pytorch', 'pytorch')
    >>> check_convention("torch")
    Traceback (most recent call last):
    ...
    ValueError: convention is 'torch'; it must be 'keras' or 'pytorch'
    """
    name = convention.lower() if isinstance(convention, str) else convention
    if name not in CONVENTIONS:
        raise ValueError(f"convention is {quote(convention)}; it must be 'keras' or 'pytorch'")
    return name


def times(*numbers) -> str:
    """Numbers joined by ``×`` the way a formula is written: ``3 × 3 × 1 × 32``.

    Examples
    --------
    >>> times(3, 3, 1, 32)
    '3 × 3 × 1 × 32'
    >>> times(12288)
    '12,288'
    """
    return " × ".join(f"{n:,}" if isinstance(n, int) else str(n) for n in numbers)


class ShapeError(ValueError):
    """A layer that does not fit the shape it is given."""


@dataclass(frozen=True)
class Shape:
    """A tensor shape without the batch axis, features or channels last.

    Examples
    --------
    >>> Shape((28, 28, 1))
    Shape('28×28×1')
    >>> str(Shape((10,), tokens=True))
    '10 tokens'
    >>> Shape((28, 28, 1)).size, Shape((28, 28, 1)).features
    (784, 1)
    """

    dims: tuple
    tokens: bool = False

    def __post_init__(self):
        dims = tuple(self.dims)
        if not 1 <= len(dims) <= 3:
            raise ShapeError(f"a shape has 1 to 3 axes (vector, sequence, image), got {quote(dims)}")
        dims = tuple(whole_number(d, "a shape's side", 1, MAX_SIDE if i < len(dims) - 1
                                  else MAX_UNITS) for i, d in enumerate(dims))
        object.__setattr__(self, "dims", dims)
        if self.tokens and len(dims) != 1:
            raise ShapeError(f"token ids come as one sequence axis, got {quote(dims)}")

    @property
    def features(self) -> int:
        """Size of the last axis: features, or channels of an image."""
        return self.dims[-1]

    @property
    def size(self) -> int:
        """Number of values (what flatten gives)."""
        size = 1
        for d in self.dims:
            size *= d
        return size

    @property
    def rank(self) -> int:
        """Number of axes: 1 vector, 2 sequence, 3 image."""
        return len(self.dims)

    def __str__(self):
        text = "×".join(map(str, self.dims))
        return f"{text} tokens" if self.tokens else text

    def __repr__(self):
        return f"Shape({str(self)!r})"


class Part(NamedTuple):
    """One tensor of a layer's parameters.

    ``role`` is ``"weight"``, ``"bias"`` (the +1s) or ``"statistic"`` (running
    mean and variance, never trained). ``formula`` holds the factors as a
    student writes them, e.g. ``"3 × 3 × 1 × 32"``.

    Examples
    --------
    >>> Part("kernel", "weight", 288, "3 × 3 × 1 × 32")
    Part(name='kernel', role='weight', count=288, formula='3 × 3 × 1 × 32', trainable=True)
    """

    name: str
    role: str
    count: int
    formula: str
    trainable: bool = True


class Slip(NamedTuple):
    """A typical wrong count of one layer: what a student who makes *name*
    gets (``count``) and a hint that explains the slip without giving the
    right count.

    Examples
    --------
    >>> Slip("conv without input channels", 320, "each filter sees every input channel")
    Slip(name='conv without input channels', count=320, hint='each filter sees every input channel')
    """

    name: str
    count: int
    hint: str


@dataclass(frozen=True)
class Layer:
    """Base of every layer kind; a subclass is a frozen dataclass of options.

    Subclasses set ``kind`` (the word in the text form) and ``title`` (how the
    layer is named to a student) and override :meth:`output_shape` and, if
    the layer has parameters, :meth:`parts`. ``frozen`` marks a layer whose
    parameters are not trained.
    """

    kind: ClassVar[str] = ""
    title: ClassVar[str] = ""
    #: Input ranks the kind accepts (1 vector, 2 sequence, 3 image).
    ranks: ClassVar[tuple] = (1, 2, 3)
    #: Options written in the text form even at their default (e.g. a kernel size).
    always: ClassVar[tuple] = ()
    #: Where the PyTorch module wants the channels of an image or a sequence:
    #: ``"first"`` (convolutions, pooling, BatchNorm: N×C×H×W, N×C×L),
    #: ``"last"`` (Linear, recurrent, attention, LayerNorm: N×L×F, as our
    #: shapes) or ``"any"`` (dropout, most activations, flatten).
    torch_layout: ClassVar[str] = "last"

    def __post_init__(self):
        self.check()

    def check(self) -> None:
        """Check the options; raise ValueError or TypeError naming the bad one."""

    # -- shapes ----------------------------------------------------------
    def output_shape(self, shape: Shape) -> Shape:
        """The output shape for input *shape* (identity by default)."""
        self.check_rank(shape)
        return shape

    def check_rank(self, shape: Shape) -> None:
        """Refuse an input whose number of axes the kind cannot take."""
        if shape.tokens and not getattr(self, "reads_tokens", False):
            raise ShapeError(f"{self.to_text()} cannot read token ids ({shape}); "
                             "put an embedding first")
        if shape.rank not in self.ranks:
            names = {1: "a vector", 2: "a sequence (steps×features)", 3: "an image (H×W×C)"}
            wanted = " or ".join(names[r] for r in self.ranks)
            raise ShapeError(f"{self.to_text()} needs {wanted}, got {shape}")

    # -- parameters ------------------------------------------------------
    def parts(self, shape: Shape, convention: str = "keras") -> tuple:
        """The parameter tensors for input *shape* (none by default)."""
        return ()

    def formula(self, shape: Shape, convention: str = "keras") -> str:
        """The count as a student writes it, numbers filled in: the parts'
        formulas added up, ``= total`` (a kind may factor it more neatly).

        Examples
        --------
        >>> from nnparams_edu.layers import Conv, Flatten
        >>> Layer.formula(Conv(32, k=3), Shape((28, 28, 1)))
        '3 × 3 × 1 × 32 + 32 = 320'
        >>> Flatten().formula(Shape((5, 5, 16)))
        'no parameters'
        """
        parts = self.parts(shape, convention)
        if not parts:
            return "no parameters"
        total = sum(p.count for p in parts)
        return " + ".join(p.formula for p in parts) + f" = {total:,}"

    def count(self, shape: Shape, convention: str = "keras") -> int:
        """All parameters for input *shape*, statistics included."""
        return sum(p.count for p in self.parts(shape, convention))

    def slips(self, shape: Shape, convention: str = "keras") -> tuple:
        """Typical wrong counts of this layer for input *shape* (:class:`Slip` s).

        Every slip the kind knows is listed, also one whose count happens to
        equal the right one for this shape (a conv that leaves out the input
        channels, on a one-channel image): the diagnosis then says that the
        right number does not show a right method."""
        return ()

    # -- graph ---------------------------------------------------------------
    def graph_part(self, pen, source, shape_in: Shape, shape_out: Shape):
        """Draw this layer into a model's graph and return its output column.

        *pen* is a :class:`~nnparams_edu.graph_builder.GraphBuilder`, *source*
        the :class:`~nnparams_edu.graph_builder.Block` of nodes the layer reads.
        By default (a layer without parameters) the layer is a new column of
        *shape_out*, each node fed by the nodes its values come from, with no
        parameter on any edge. A kind with parameters draws its own.
        """
        if self.parts(shape_in, pen.convention):
            raise NotImplementedError(f"{self.kind} has parameters but no graph_part")
        target = pen.column(shape_out, self.to_text())
        pen.flow(source, target)
        return target

    # -- code for the frameworks -------------------------------------------
    def torch_code(self, shape: Shape) -> str:
        """The PyTorch module for this layer on input *shape*, as code text
        (``torch.nn`` imported as ``nn``), reading its input in the layout
        :attr:`torch_layout` says."""
        raise NotImplementedError(f"{self.kind} has no PyTorch code yet")

    def keras_code(self, shape: Shape) -> str:
        """The Keras layer for this layer, as code text (``keras.layers`` as
        ``layers``; a chain of layers as ``keras.Sequential``)."""
        raise NotImplementedError(f"{self.kind} has no Keras code yet")

    # -- text --------------------------------------------------------------
    def options(self) -> list:
        """The ``name=value`` options that differ from their defaults."""
        out = []
        for f in fields(self):
            if f.name in self.positional():
                continue
            value = getattr(self, f.name)
            if value != f.default or f.name in self.always:
                out.append(_option_text(f.name, value))
        return out

    @classmethod
    def positional(cls) -> tuple:
        """Field names written without ``name=`` in the text form, in order."""
        return ()

    def to_text(self) -> str:
        """The layer in the one-line text form, e.g. ``conv 32 k=3``."""
        words = [self.kind] + [_value_text(getattr(self, name)) for name in self.positional()]
        return " ".join(words + self.options())

    def __str__(self):
        return self.to_text()


def _value_text(value) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, tuple):
        return "x".join(map(str, value))
    return str(value)


def _option_text(name: str, value) -> str:
    if value is True:
        return name
    if value is False and name == "bias":
        return "nobias"
    return f"{name}={_value_text(value)}"
