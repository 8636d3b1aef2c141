"""A net of typed layers: an input shape, then layers of any kind in order.

A dense net ``5-8-4-3`` is the model ``in 5 | dense 8 | dense 4 | dense 3``;
a small CNN is ``in 28x28x1 | conv 32 k=3 | maxpool 2 | flatten | dense 10``.
Shapes are inferred layer by layer; a layer that does not fit the shape it
gets is refused with a message naming the layer and the shapes.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from .layers.base import Layer, Shape, ShapeError
from .layers.dense import Dense
from .layers.embedding import Embedding
from .limits import MAX_LAYERS, quote

__all__ = ["Model", "as_model", "is_model_text", "is_typed"]


@dataclass(frozen=True)
class Model:
    """An input shape and a tuple of layers, shapes checked when made.

    Examples
    --------
    >>> from nnparams_edu.layers import Conv, Pool, Flatten, Dense
    >>> m = Model(Shape((28, 28, 1)), (Conv(32, k=3), Pool(2), Flatten(), Dense(10)))
    >>> [str(s) for s in m.shapes]
    ['28×28×1', '26×26×32', '13×13×32', '5408', '10']
    >>> m
    Model('in 28x28x1 | conv 32 k=3 | maxpool 2 | flatten | dense 10')
    >>> Model(Shape((28, 28, 1)), (Conv(32, k=3), Dense(10)))
    Traceback (most recent call last):
    ...
    nnparams_edu.layers.base.ShapeError: layer 2 (dense 10) gets 26×26×32 from layer 1: dense 10 needs a vector or a sequence (steps×features), got 26×26×32 (put a flatten before it)
    """

    input: Shape
    layers: tuple

    def __post_init__(self):
        if not isinstance(self.input, Shape):
            raise TypeError(f"a model's input is {quote(self.input)}; it must be a Shape")
        layers = tuple(self.layers)
        if not layers:
            raise ValueError("a model needs at least one layer after its input")
        if len(layers) > MAX_LAYERS:
            raise ValueError(f"a model may have at most {MAX_LAYERS:,} layers, got {len(layers):,}")
        for i, layer in enumerate(layers, 1):
            if not isinstance(layer, Layer):
                raise TypeError(f"layer {i} is {quote(layer)}; it must be a Layer")
        object.__setattr__(self, "layers", layers)
        self.shapes  # noqa: B018 - infer now, so a bad model is refused when made
        self.ties  # noqa: B018 - and check every tied layer against its embedding

    @cached_property
    def shapes(self) -> tuple:
        """The input shape, then each layer's output shape."""
        shapes, seen = [self.input], {}
        for i, layer in enumerate(self.layers, 1):
            try:
                key = (layer, shapes[-1])
                if key not in seen:  # a layer repeated on the same shape: worked out once
                    seen[key] = layer.output_shape(shapes[-1])
                shapes.append(seen[key])
            except ShapeError as err:
                where = "the input" if i == 1 else f"layer {i - 1}"
                hint = (" (put a flatten before it)" if isinstance(layer, Dense)
                        and shapes[-1].rank == 3 else "")
                raise ShapeError(f"layer {i} ({layer}) gets {shapes[-1]} from {where}: "
                                 f"{err}{hint}") from None
        return tuple(shapes)

    @cached_property
    def ties(self) -> dict:
        """Number of each tied dense layer -> number of the embedding before it,
        whose table it shares; the table must fit: units = vocabulary and input
        features = dimension.

        Examples
        --------
        >>> from nnparams_edu.layers import Embedding
        >>> words = Shape((20,), tokens=True)
        >>> Model(words, (Embedding(1000, 64), Dense(1000, tied=True))).ties
        {2: 1}
        >>> Model(words, (Embedding(1000, 64), Dense(500, tied=True)))
        Traceback (most recent call last):
        ...
        nnparams_edu.layers.base.ShapeError: layer 2 (dense 500 tied) cannot share the table of layer 1 (embed 1000 64): a tied layer needs units = vocabulary (500 vs 1000) and input features = dimension (64 vs 64)
        """
        ties, table = {}, None
        for i, (layer, shape) in enumerate(zip(self.layers, self.shapes), 1):
            if isinstance(layer, Embedding):
                table = i
            if not (isinstance(layer, Dense) and layer.tied):
                continue
            if table is None:
                raise ShapeError(f"layer {i} ({layer}) is tied, but no embedding comes "
                                 "before it to share its table")
            embed = self.layers[table - 1]
            if (layer.units, shape.features) != (embed.vocabulary, embed.dim):
                raise ShapeError(
                    f"layer {i} ({layer}) cannot share the table of layer {table} ({embed}): "
                    f"a tied layer needs units = vocabulary ({layer.units} vs "
                    f"{embed.vocabulary}) and input features = dimension ({shape.features} "
                    f"vs {embed.dim})")
            ties[i] = table
        return ties

    @property
    def output(self) -> Shape:
        """The last layer's output shape."""
        return self.shapes[-1]

    def __str__(self):
        from .model_text import format_model
        return format_model(self)

    def __repr__(self):
        return f"Model({str(self)!r})"


def is_model_text(text) -> bool:
    """True for text in the typed form (starts with ``in`` or holds ``|``).

    Examples
    --------
    >>> is_model_text("in 784 | dense 10"), is_model_text("5-8-4-3")
    (True, False)
    """
    return isinstance(text, str) and ("|" in text or text.lstrip().startswith("in "))


def is_typed(net) -> bool:
    """True for a net of typed layers: a :class:`Model`, its text, or a graph
    made by :func:`~nnparams_edu.model_graph.build_model_graph`.

    Examples
    --------
    >>> is_typed("in 784 | dense 10"), is_typed("784-10")
    (True, False)
    """
    return (isinstance(net, Model) or is_model_text(net)
            or (hasattr(net, "graph") and "model" in getattr(net, "graph", {})))


def as_model(net) -> Model:
    """*net* as a :class:`Model`: a model, its text, or any dense net.

    Examples
    --------
    >>> as_model("5-8-4-3;nobias=2")
    Model('in 5 | dense 8 | dense 4 nobias | dense 3')
    >>> as_model("in 10x8 | dense 4").output
    Shape('10×4')
    """
    if isinstance(net, Model):
        return net
    if is_model_text(net):
        from .model_text import parse_model
        return parse_model(net)
    from .spec import as_net
    dense = as_net(net)
    return Model(Shape((dense.layers[0],)),
                 tuple(Dense(m, bias=b, frozen=f) for _, m, b, f in dense.pairs()))
