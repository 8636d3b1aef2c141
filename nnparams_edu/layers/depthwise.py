"""Depthwise and separable convolutions: a k×k kernel per input channel
(times a depth multiplier m) with no mixing of channels, and that followed by
a 1×1 ("pointwise") convolution that mixes them.

A depthwise layer on C channels has k·k·C·m weights (and C·m biases); a
separable one adds C·m·C' pointwise weights and C' biases, far fewer than
the k·k·C·C' of a full convolution.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..limits import MAX_UNITS, whole_number
from .base import Layer, Part, Shape, Slip, times
from .code_text import (code_value, frozen_torch, keras_chain, keras_padding,
                        keras_window_options, torch_chain, torch_conv, torch_padding)
from .conv import BIAS_HINT, per_position_slip
from .window import check_sliding, kernel_size, sides, window_sides

__all__ = ["DepthwiseConv", "SeparableConv"]


@dataclass(frozen=True)
class DepthwiseConv(Layer):
    """A depthwise convolution: one k×k kernel per input channel (times the
    depth multiplier *m*), no mixing of channels.

    Examples
    --------
    >>> dw = DepthwiseConv(k=3)
    >>> dw.output_shape(Shape((32, 32, 16)))
    Shape('30×30×16')
    >>> [(p.count, p.formula) for p in dw.parts(Shape((32, 32, 16)))]
    [(144, '3 × 3 × 16'), (16, '16')]
    """

    k: object = 3
    s: object = 1
    p: object = 0
    m: int = 1
    bias: bool = True
    frozen: bool = False

    kind = "dwconv"
    title = "depthwise convolution"
    ranks = (2, 3)
    always = ("k",)
    torch_layout = "first"

    def check(self):
        check_sliding(self)
        whole_number(self.m, "depth multiplier m", 1, MAX_UNITS)

    def output_shape(self, shape):
        self.check_rank(shape)
        return Shape(window_sides(self, shape, self.k, self.s, self.p)
                     + (shape.features * self.m,))

    def parts(self, shape, convention="keras"):
        ks = sides(self.k, "kernel", shape.rank - 1, 1)
        channels = shape.features * self.m
        weights = channels
        for k in ks:
            weights *= k
        factors = ks + ((shape.features, self.m) if self.m > 1 else (shape.features,))
        out = [Part("depthwise kernel", "weight", weights, times(*factors), not self.frozen)]
        if self.bias:
            out.append(Part("bias", "bias", channels, times(channels), not self.frozen))
        return tuple(out)

    def torch_code(self, shape):
        """``nn.Conv2d`` with one group per input channel.

        Examples
        --------
        >>> DepthwiseConv(k=3, m=2).torch_code(Shape((32, 32, 16)))
        'nn.Conv2d(16, 32, kernel_size=3, groups=16)'
        """
        padding, pad = torch_padding(shape, self.k, self.s, self.p)
        c = shape.features
        conv = torch_conv(shape, c, c * self.m, self.k, self.s, padding, c, self.bias)
        return frozen_torch(torch_chain(pad, conv), self.frozen)

    def keras_code(self, shape):
        """``layers.DepthwiseConv2D``.

        Examples
        --------
        >>> DepthwiseConv(k=3, m=2, p="same").keras_code(Shape((32, 32, 16)))
        'layers.DepthwiseConv2D(3, padding="same", depth_multiplier=2)'
        """
        word, pad = keras_padding(shape, self.p)
        options = [code_value(self.k)] + keras_window_options(self, word, depth_multiplier=self.m)
        return keras_chain(pad, f"layers.DepthwiseConv{shape.rank - 1}D({', '.join(options)})")

    def slips(self, shape, convention="keras"):
        """Typical wrong counts: a full convolution that mixes channels, no
        weight sharing, the bias forgotten.

        Examples
        --------
        >>> for slip in DepthwiseConv(k=3).slips(Shape((32, 32, 16))):  # right: 3·3·16 + 16
        ...     print(f"{slip.count:,}", slip.name)
        2,320 depthwise counted as a full convolution
        144,000 conv counted per output position (no sharing)
        144 forgotten conv bias

        A full 3×3 convolution from 16 to 16 channels: (3·3·16 + 1)·16 = 2,320;
        30·30 positions × 160 = 144,000; the kernels alone 3·3·16 = 144.
        """
        right = self.count(shape, convention)
        kk = kernel_size(self.k, shape)
        channels = shape.features * self.m
        slips = [Slip("depthwise counted as a full convolution",
                      (kk * shape.features + (1 if self.bias else 0)) * channels,
                      "a depthwise convolution has one k×k kernel per input channel "
                      "(times the depth multiplier): it does not mix the channels"),
                 per_position_slip(self, shape, right)]
        if self.bias:
            slips.append(Slip("forgotten conv bias", right - channels, BIAS_HINT))
        return tuple(slips)

    def graph_part(self, pen, source, shape_in, shape_out):
        """Each input channel feeds only its own *m* output channels, through
        one k×k kernel each; one bias per output channel."""
        target = pen.column(shape_out, self.to_text())
        pen.grouped(source, target, shape_in.features, per_pair=kernel_size(self.k, shape_in))
        if self.bias:
            pen.bias(source, target)
        return target


@dataclass(frozen=True)
class SeparableConv(Layer):
    """A separable convolution: depthwise k×k per channel (no bias), then a
    1×1 convolution to *filters* channels (with bias).

    Examples
    --------
    >>> sep = SeparableConv(64, k=3)
    >>> sep.output_shape(Shape((32, 32, 16)))
    Shape('30×30×64')
    >>> [(p.name, p.count, p.formula) for p in sep.parts(Shape((32, 32, 16)))]
    [('depthwise kernel', 144, '3 × 3 × 16'), ('pointwise kernel', 1024, '16 × 64'), ('bias', 64, '64')]
    """

    filters: int
    k: object = 3
    s: object = 1
    p: object = 0
    m: int = 1
    bias: bool = True
    frozen: bool = False

    kind = "sepconv"
    title = "separable convolution"
    ranks = (2, 3)
    always = ("k",)
    torch_layout = "first"

    @classmethod
    def positional(cls):
        return ("filters",)

    def check(self):
        whole_number(self.filters, "filters (output channels)", 1, MAX_UNITS)
        check_sliding(self)
        whole_number(self.m, "depth multiplier m", 1, MAX_UNITS)

    def output_shape(self, shape):
        self.check_rank(shape)
        return Shape(window_sides(self, shape, self.k, self.s, self.p) + (self.filters,))

    def parts(self, shape, convention="keras"):
        ks = sides(self.k, "kernel", shape.rank - 1, 1)
        middle = shape.features * self.m
        depthwise = middle
        for k in ks:
            depthwise *= k
        factors = ks + ((shape.features, self.m) if self.m > 1 else (shape.features,))
        trained = not self.frozen
        out = [Part("depthwise kernel", "weight", depthwise, times(*factors), trained),
               Part("pointwise kernel", "weight", middle * self.filters,
                    times(middle, self.filters), trained)]
        if self.bias:
            out.append(Part("bias", "bias", self.filters, times(self.filters), trained))
        return tuple(out)

    def torch_code(self, shape):
        """A depthwise ``nn.Conv2d`` without bias, then a 1×1 one (PyTorch has
        no separable layer of its own).

        Examples
        --------
        >>> SeparableConv(64, k=3).torch_code(Shape((32, 32, 16)))
        'nn.Sequential(nn.Conv2d(16, 16, kernel_size=3, groups=16, bias=False), nn.Conv2d(16, 64, kernel_size=1))'
        """
        padding, pad = torch_padding(shape, self.k, self.s, self.p)
        c, middle = shape.features, shape.features * self.m
        depthwise = torch_conv(shape, c, middle, self.k, self.s, padding, c, False)
        pointwise = torch_conv(shape, middle, self.filters, 1, 1, None, 1, self.bias)
        return frozen_torch(torch_chain(pad, depthwise, pointwise), self.frozen)

    def keras_code(self, shape):
        """``layers.SeparableConv2D``.

        Examples
        --------
        >>> SeparableConv(64, k=3, frozen=True).keras_code(Shape((100, 16)))
        'layers.SeparableConv1D(64, 3, trainable=False)'
        """
        word, pad = keras_padding(shape, self.p)
        options = [str(self.filters), code_value(self.k)] + keras_window_options(
            self, word, depth_multiplier=self.m)
        return keras_chain(pad, f"layers.SeparableConv{shape.rank - 1}D({', '.join(options)})")

    def slips(self, shape, convention="keras"):
        """Typical wrong counts: one full convolution, one of its two parts
        left out, the bias forgotten.

        Examples
        --------
        >>> for slip in SeparableConv(64, k=3).slips(Shape((32, 32, 16))):
        ...     print(f"{slip.count:,}", slip.name)  # right: 3·3·16 + 16·64 + 64
        9,280 separable counted as a full convolution
        1,088 depthwise part forgotten
        208 pointwise part forgotten
        1,168 forgotten conv bias

        A full 3×3 convolution (3·3·16 + 1)·64 = 9,280; without the 144
        depthwise weights 1,088; without the 1,024 pointwise ones 208; without
        the 64 biases 1,168.
        """
        depthwise, pointwise, *bias = (p.count for p in self.parts(shape, convention))
        right = depthwise + pointwise + sum(bias)
        kk = kernel_size(self.k, shape)
        slips = [Slip("separable counted as a full convolution",
                      (kk * shape.features + (1 if self.bias else 0)) * self.filters,
                      "a separable convolution is two parts: a k×k kernel per input "
                      "channel (depthwise), then a 1×1 convolution that mixes the "
                      "channels (pointwise)"),
                 Slip("depthwise part forgotten", right - depthwise,
                      "before the 1×1 pointwise part comes a k×k kernel per input channel"),
                 Slip("pointwise part forgotten", right - pointwise,
                      "after the depthwise part comes a 1×1 convolution from the channels "
                      "to the filters")]
        if self.bias:
            slips.append(Slip("forgotten conv bias", right - sum(bias), BIAS_HINT))
        return tuple(slips)

    def graph_part(self, pen, source, shape_in, shape_out):
        """Two columns: the depthwise step (each channel through its own k×k
        kernels, no bias), then the pointwise 1×1 step (every middle channel
        to every output channel, one weight each, and the "+1" node)."""
        middle_shape = Shape(shape_out.dims[:-1] + (shape_in.features * self.m,))
        middle = pen.column(middle_shape, "depthwise")
        pen.grouped(source, middle, shape_in.features, per_pair=kernel_size(self.k, shape_in))
        target = pen.column(shape_out, self.to_text())
        pen.full(middle, target)
        if self.bias:
            pen.bias(middle, target)
        return target
