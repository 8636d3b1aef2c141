"""What reading a real PyTorch or Keras model into a typed net needs in
either framework: our layers added one by one with the shape followed, a pad
module folded into the window layer after it, and every module left out
listed with its parameters (see :mod:`nnparams_edu.frameworks`).
"""
from __future__ import annotations

import warnings
from dataclasses import replace
from typing import NamedTuple

from . import layers as kinds
from .layers.base import ShapeError
from .layers.code_text import same_pads
from .model import Model

__all__ = ["Reader", "Skipped", "NotUnderstood", "ACTIVATION_WORDS", "PASS_THROUGH",
           "collapse", "layer_kind"]

#: Our activation words by the framework's class or function name.
ACTIVATION_WORDS = {"ReLU": "relu", "Tanh": "tanh", "Sigmoid": "sigmoid", "Softmax": "softmax",
                    "GELU": "gelu", "ELU": "elu", "LeakyReLU": "leakyrelu", "SiLU": "silu",
                    "relu": "relu", "tanh": "tanh", "sigmoid": "sigmoid", "softmax": "softmax",
                    "gelu": "gelu", "elu": "elu", "leaky_relu": "leakyrelu", "silu": "silu",
                    "swish": "silu"}
#: Modules that do nothing to the count or our channels-last shapes.
PASS_THROUGH = {"Identity", "ChannelsFirst", "ChannelsLast", "InputLayer"}


class Skipped(NamedTuple):
    """A module of a real model that the reading left out, and why."""

    name: str
    type: str
    parameters: int
    reason: str


class NotUnderstood(UserWarning):
    """Some modules of a real model were left out; ``skipped`` lists them."""

    def __init__(self, message, skipped=()):
        super().__init__(message)
        self.skipped = tuple(skipped)


def collapse(values) -> object:
    """A tuple of equal sides as one int (our text writes ``k=3``, not ``k=3x3``)."""
    values = tuple(int(v) for v in values) if isinstance(values, (tuple, list)) else int(values)
    if isinstance(values, tuple) and len(set(values)) == 1:
        return values[0]
    return values


class Reader:
    """Our layers built one by one, the shape followed, pads folded into the
    window layer after them, skipped modules listed."""

    def __init__(self, shape):
        self.shape, self.start, self.previous = shape, shape, None
        self.layers, self.skipped = [], []
        self.pads = None  # ((before, after) per spatial axis) from a pad module
        self.owners = {}  # id of a parameter -> name of the module that has it
        self.grown = False  # a Keras transposed conv larger than ours, until cropped

    def skip(self, name, module, parameters, reason):
        self.skipped.append(Skipped(name, type(module).__name__, parameters, reason))

    def add(self, layer):
        if self.shape is None:
            raise ValueError(f"give input_shape: the input of {layer} cannot be read off "
                             "the model")
        try:
            self.previous, self.shape = self.shape, layer.output_shape(self.shape)
        except ShapeError as err:
            note = "; left out before it: " + ", ".join(
                f"{s.name} ({s.type})" for s in self.skipped) if self.skipped else ""
            raise ShapeError(f"layer {len(self.layers) + 1} read from the model ({layer}) "
                             f"does not fit: {err}{note}") from None
        self.layers.append(layer)

    def pop(self):
        """Take the last layer back (to read it again with what came after it)."""
        self.shape = self.previous
        return self.layers.pop()

    def padding(self, kernel, stride, own) -> object:
        """Our ``p`` for a window layer with its own symmetric padding *own*
        (ints per axis, or "same"/"valid") after any pending pad module;
        None when it is neither even nor Keras's "same".

        Examples
        --------
        >>> from nnparams_edu.layers import Shape
        >>> reader = Reader(Shape((7, 7, 1)))
        >>> reader.padding(3, 1, (1, 1)), reader.padding(3, 1, "valid")
        (1, 0)
        >>> reader.pads = ((1, 2), (1, 2))  # a ZeroPad2d((1, 2, 1, 2)) came first
        >>> reader.padding(4, 2, "valid")  # Keras's "same" for a 4-window, stride 2, on 7
        'same'
        >>> reader.pads = ((0, 1), (2, 2))
        >>> reader.padding(3, 1, "valid") is None  # uneven: no p of ours says it
        True
        """
        pads, self.pads = self.pads, None
        if own == "same":
            return "same" if pads is None else None
        if own == "valid":
            own = (0,) * (len(pads) if pads else 1)
        total = tuple((a + p, b + p) for (a, b), p in zip(pads or ((0, 0),) * len(own), own))
        if len({n for pair in total for n in pair}) == 1:
            return total[0][0]
        if self.shape is not None and total == same_pads(self.shape.dims[:-1], kernel, stride):
            return "same"
        return None

    def model(self, strict: bool, what: str) -> Model:
        if self.pads is not None:
            self.skipped.append(Skipped("(end)", "padding", 0, "padding with no layer after it"))
        if self.skipped:
            lines = "; ".join(f"{s.name} ({s.type}, {s.parameters:,} parameters): {s.reason}"
                              for s in self.skipped)
            message = f"{what}: {len(self.skipped)} module(s) not understood, left out: {lines}"
            if strict:
                raise ValueError(message)
            warnings.warn(NotUnderstood(message, self.skipped), stacklevel=3)
        if not self.layers:
            raise ValueError(f"{what}: no layer was understood")
        return Model(self.start, tuple(merge_layers(self.layers)))


def merge_layers(layers) -> list:
    """Layers the frameworks write as two, read as our one: a bias-free
    depthwise conv then a 1×1 conv is a separable conv; recurrent layers of
    the same kind and size stacked (Keras has no ``num_layers``) are one
    layer with ``layers=N``.

    Examples
    --------
    >>> from nnparams_edu.layers import LSTM, Conv, DepthwiseConv
    >>> [str(layer) for layer in merge_layers([DepthwiseConv(k=3, bias=False), Conv(8, k=1)])]
    ['sepconv 8 k=3']
    >>> [str(layer) for layer in merge_layers([LSTM(4, seq=True), LSTM(4), LSTM(4)])]
    ['lstm 4 layers=2', 'lstm 4']
    """
    out = []
    for layer in layers:
        last = out[-1] if out else None
        if (type(layer) is kinds.Conv and isinstance(last, kinds.DepthwiseConv)
                and not last.bias and layer.k == 1 and layer.s == 1 and layer.p in (0, "valid")
                and layer.g == 1 and layer.frozen == last.frozen):
            out[-1] = kinds.SeparableConv(layer.filters, k=last.k, s=last.s, p=last.p, m=last.m,
                                          bias=layer.bias, frozen=layer.frozen)
        elif (hasattr(layer, "directions") and type(layer) is type(last) and last.seq
              and _same_but_depth(layer, last)):
            out[-1] = replace(layer, layers=last.layers + layer.layers)
        else:
            out.append(layer)
    return out


def _same_but_depth(one, other) -> bool:
    """True for two recurrent layers that differ at most in depth and ``seq``."""
    return replace(one, layers=1, seq=False) == replace(other, layers=1, seq=False)


def layer_kind(name):
    """A layer class of this package by name, or None (kinds still to come)."""
    return getattr(kinds, name, None)
