"""Layers without parameters that still matter for the count: they change the
shape the next layer sees. Pooling shrinks an image, flatten turns it into a
vector (the flatten size is where counts of a CNN usually go wrong), dropout
and activations keep the shape.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from ..limits import quote
from .base import Layer, Shape, Slip
from .code_text import code_value, keras_chain, keras_padding, torch_chain, torch_padding
from .window import check_padding, check_window, window_sides

__all__ = ["Pool", "GlobalPool", "Flatten", "Dropout", "Activation", "ACTIVATIONS"]

#: Activation functions the text form knows (each a layer of 0 parameters).
ACTIVATIONS = ("relu", "tanh", "sigmoid", "softmax", "gelu", "elu", "leakyrelu", "silu")

#: Each activation as a PyTorch module and a Keras layer (leaky ReLU with
#: PyTorch's slope of 0.01 in both; softmax over the last axis).
_ACTIVATION_CODE = {
    "relu": ("nn.ReLU()", "layers.ReLU()"),
    "tanh": ("nn.Tanh()", 'layers.Activation("tanh")'),
    "sigmoid": ("nn.Sigmoid()", 'layers.Activation("sigmoid")'),
    "softmax": ("nn.Softmax(dim=-1)", "layers.Softmax()"),
    "gelu": ("nn.GELU()", 'layers.Activation("gelu")'),
    "elu": ("nn.ELU()", "layers.ELU()"),
    "leakyrelu": ("nn.LeakyReLU(0.01)", "layers.LeakyReLU(negative_slope=0.01)"),
    "silu": ("nn.SiLU()", 'layers.Activation("silu")'),
}


@dataclass(frozen=True)
class Pool(Layer):
    """Max or average pooling over windows of *size* (stride defaults to size).

    Examples
    --------
    >>> Pool(2).output_shape(Shape((26, 26, 32)))
    Shape('13×13×32')
    >>> Pool(2, mode="avg").to_text()
    'avgpool 2'
    >>> Pool(2).count(Shape((26, 26, 32)))
    0
    """

    size: object = 2
    s: object = None
    p: object = 0
    mode: str = "max"

    kind = "maxpool"
    title = "pooling"
    ranks = (2, 3)
    torch_layout = "first"

    @classmethod
    def positional(cls):
        return ("size",)

    def check(self):
        check_window(self.size, "pool size")
        if self.s is not None:
            check_window(self.s, "stride")
        check_padding(self.p)
        if self.mode not in ("max", "avg"):
            raise ValueError(f"pooling mode is {quote(self.mode)}; it must be 'max' or 'avg'")

    def options(self):
        return [o for o in super().options() if not o.startswith("mode=")]

    def to_text(self):
        return f"{self.mode}pool " + " ".join([_size_text(self.size)] + self.options())

    def output_shape(self, shape):
        self.check_rank(shape)
        stride = self.size if self.s is None else self.s
        return Shape(window_sides(self, shape, self.size, stride, self.p) + (shape.features,))

    def torch_code(self, shape):
        """``nn.MaxPool2d`` / ``nn.AvgPool2d`` (1-d on a sequence); padding that
        PyTorch does not take inside the layer (uneven, or over half a window)
        comes in front, minus infinity for max pooling.

        Examples
        --------
        >>> Pool(3, s=2, p=1).torch_code(Shape((28, 28, 8)))
        'nn.MaxPool2d(3, stride=2, padding=1)'
        >>> Pool(2, p="same", mode="avg").torch_code(Shape((7, 8)))
        'nn.Sequential(nn.ZeroPad1d((0, 1)), nn.AvgPool1d(2))'
        """
        stride = self.size if self.s is None else self.s
        fill = 'float("-inf")' if self.mode == "max" else "0"
        padding, pad = torch_padding(shape, self.size, stride, self.p, pool=True, fill=fill)
        args = [code_value(self.size)]
        args += [f"stride={code_value(self.s)}"] if self.s not in (None, self.size) else []
        args += [f"padding={padding}"] if padding else []
        name = "MaxPool" if self.mode == "max" else "AvgPool"
        return torch_chain(pad, f"nn.{name}{shape.rank - 1}d({', '.join(args)})")

    def keras_code(self, shape):
        """``layers.MaxPooling2D`` / ``layers.AveragePooling2D``.

        Examples
        --------
        >>> Pool(2, p="same").keras_code(Shape((7, 7, 8)))
        'layers.MaxPooling2D(2, padding="same")'
        """
        word, pad = keras_padding(shape, self.p)
        args = [code_value(self.size)]
        args += [f"strides={code_value(self.s)}"] if self.s not in (None, self.size) else []
        args += [f'padding="{word}"'] if word != "valid" else []
        name = "MaxPooling" if self.mode == "max" else "AveragePooling"
        return keras_chain(pad, f"layers.{name}{shape.rank - 1}D({', '.join(args)})")

    def slips(self, shape, convention="keras"):
        """Pooling given a weight and a bias per channel, as the trainable
        subsampling of the original LeNet-5 had.

        Examples
        --------
        >>> Pool(2).slips(Shape((26, 26, 32)))[0].count  # 2 × 32
        64
        """
        return (Slip("pooling counted with a weight and a bias per channel",
                     2 * shape.features,
                     "max and average pooling only take the largest value or the mean "
                     "of each window: there is nothing in them to train (the original "
                     "LeNet-5's subsampling had a trained weight and bias per channel; "
                     "pooling layers today do not)"),)


def _size_text(value) -> str:
    return "x".join(map(str, value)) if isinstance(value, tuple) else str(value)


@dataclass(frozen=True)
class GlobalPool(Layer):
    """Global average (or max) pooling: one value per channel.

    Examples
    --------
    >>> GlobalPool().output_shape(Shape((7, 7, 512)))
    Shape('512')
    """

    mode: str = "avg"

    kind = "gap"
    title = "global pooling"
    ranks = (2, 3)
    torch_layout = "first"

    def check(self):
        if self.mode not in ("max", "avg"):
            raise ValueError(f"pooling mode is {quote(self.mode)}; it must be 'max' or 'avg'")

    def to_text(self):
        return "gap" if self.mode == "avg" else "gmp"

    def output_shape(self, shape):
        self.check_rank(shape)
        return Shape((shape.features,))

    def torch_code(self, shape):
        """Adaptive pooling to one value per channel, then flatten (PyTorch
        has no global pooling layer of its own).

        Examples
        --------
        >>> GlobalPool().torch_code(Shape((7, 7, 512)))
        'nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten())'
        """
        name = "AdaptiveAvgPool" if self.mode == "avg" else "AdaptiveMaxPool"
        return f"nn.Sequential(nn.{name}{shape.rank - 1}d(1), nn.Flatten())"

    def keras_code(self, shape):
        """``layers.GlobalAveragePooling2D()`` or ``GlobalMaxPooling2D()``."""
        name = "GlobalAveragePooling" if self.mode == "avg" else "GlobalMaxPooling"
        return f"layers.{name}{shape.rank - 1}D()"


@dataclass(frozen=True)
class Flatten(Layer):
    """All values in one vector: H·W·C features.

    Examples
    --------
    >>> Flatten().output_shape(Shape((5, 5, 16)))
    Shape('400')
    """

    kind = "flatten"
    title = "flatten"
    torch_layout = "any"

    def output_shape(self, shape):
        self.check_rank(shape)
        return Shape((shape.size,))

    def torch_code(self, shape):
        """``nn.Flatten()``: on a channels-first image it gives the same C·H·W
        values in another order (channel by channel) than Keras's H·W·C."""
        return "nn.Flatten()"

    def keras_code(self, shape):
        return "layers.Flatten()"

    def graph_part(self, pen, source, shape_in, shape_out):
        """Channels into one long vector: channels last (Keras) interleaves
        them, channels first (PyTorch) keeps each channel's values together."""
        target = pen.column(shape_out, self.to_text())
        pen.flow(source, target, blocks=pen.convention == "pytorch")
        return target


@dataclass(frozen=True)
class Dropout(Layer):
    """Dropout at *rate* during training: no parameters, same shape.

    Examples
    --------
    >>> Dropout(0.5).to_text()
    'dropout 0.5'
    >>> Dropout(1.5)
    Traceback (most recent call last):
    ...
    ValueError: dropout rate is 1.5; it must be at least 0 and below 1
    """

    rate: float = 0.5

    kind = "dropout"
    title = "dropout"
    torch_layout = "any"

    @classmethod
    def positional(cls):
        return ("rate",)

    def check(self):
        if isinstance(self.rate, bool) or not isinstance(self.rate, (int, float)):
            raise TypeError(f"dropout rate is {quote(self.rate)}; it must be a number")
        if not (math.isfinite(self.rate) and 0 <= self.rate < 1):
            raise ValueError(f"dropout rate is {quote(self.rate)}; it must be at least 0 "
                             "and below 1")

    def torch_code(self, shape):
        return f"nn.Dropout({self.rate})"

    def keras_code(self, shape):
        return f"layers.Dropout({self.rate})"


@dataclass(frozen=True)
class Activation(Layer):
    """An activation function as a layer (0 parameters, same shape).

    Examples
    --------
    >>> Activation("relu").to_text()
    'relu'
    >>> Activation("softmax").torch_code(Shape((10,))), Activation("tanh").keras_code(Shape((10,)))
    ('nn.Softmax(dim=-1)', 'layers.Activation("tanh")')
    """

    function: str = "relu"

    kind = "activation"
    title = "activation"

    def check(self):
        if self.function not in ACTIVATIONS:
            raise ValueError(f"activation {quote(self.function)} is unknown; known are "
                             + ", ".join(ACTIVATIONS))

    def to_text(self):
        return self.function

    @property
    def torch_layout(self):
        """Softmax runs over the features, so it wants them last; the others
        act on each value alone."""
        return "last" if self.function == "softmax" else "any"

    def torch_code(self, shape):
        return _ACTIVATION_CODE[self.function][0]

    def keras_code(self, shape):
        return _ACTIVATION_CODE[self.function][1]
