"""Convolution: a small kernel slid over an image or a sequence, its weights
shared by every position.

A k×k convolution from C to C' channels has k·k·C·C' weights and C' biases,
whatever the image size: every output channel has one k×k kernel per input
channel, and one bias. With ``groups=g`` each output channel sees only C/g
input channels; a depthwise convolution is the extreme case g = C; a separable
convolution is a depthwise one followed by a 1×1 ("pointwise") one (both in
:mod:`.depthwise`). A transposed convolution has the same kernel count and
grows the image instead.

The kind is 2-D on an image (H×W×C) and 1-D on a sequence (steps×channels).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..limits import MAX_UNITS, whole_number
from .base import Layer, Part, Shape, ShapeError, Slip, times
from .code_text import (code_value, frozen_torch, keras_chain, keras_padding,
                        keras_window_options, torch_chain, torch_conv, torch_padding)
from .window import check_sliding, kernel_size, sides, window_sides

__all__ = ["Conv", "TransposedConv", "SHARED_HINT", "BIAS_HINT", "per_position_slip"]


#: The hints of the slips every convolution kind can make.
SHARED_HINT = ("a filter's weights are shared by every position it slides over: count them "
           "once, not once per output position")
BIAS_HINT = "each output channel (filter) has one bias"


def per_position_slip(layer, shape, right) -> Slip:
    """The count with no weight sharing: one copy of the layer per output position."""
    out = layer.output_shape(shape)
    positions = out.size // out.features
    return Slip("conv counted per output position (no sharing)", positions * right, SHARED_HINT)


def per_pixel_slip(shape, right) -> Slip:
    """The count multiplied by the input image's size: "bigger images, more
    weights" (the size of the image does not enter a conv layer's count)."""
    return Slip("conv multiplied by the input image size", shape.size // shape.features * right,
                "a conv layer's count does not depend on the image size: its filters are "
                "the same on a small image and on a large one")


@dataclass(frozen=True)
class Conv(Layer):
    """A convolution with *filters* output channels and a k×k (or k) kernel.

    Examples
    --------
    >>> conv = Conv(32, k=3)
    >>> conv.output_shape(Shape((28, 28, 1)))
    Shape('26×26×32')
    >>> [(p.name, p.count, p.formula) for p in conv.parts(Shape((28, 28, 1)))]
    [('kernel', 288, '3 × 3 × 1 × 32'), ('bias', 32, '32')]
    >>> conv.formula(Shape((28, 28, 1)))
    '(3 × 3 × 1 + 1) × 32 = 320'
    >>> Conv(64, k=3, p="same").output_shape(Shape((26, 26, 32)))
    Shape('26×26×64')
    >>> Conv(16, k=5).output_shape(Shape((100, 8)))  # 1-D on a sequence
    Shape('96×16')
    >>> Conv(64, k=3, g=4).count(Shape((8, 8, 32)))  # 3·3·(32/4)·64 + 64
    4672
    >>> Conv(64, k=3, g=5).output_shape(Shape((8, 8, 32)))
    Traceback (most recent call last):
    ...
    nnparams_edu.layers.base.ShapeError: conv 64 k=3 g=5 does not fit 8×8×32: groups=5 must divide both the 32 input and the 64 output channels
    """

    filters: int
    k: object = 3
    s: object = 1
    p: object = 0
    g: int = 1
    bias: bool = True
    frozen: bool = False

    kind = "conv"
    title = "convolution"
    ranks = (2, 3)
    always = ("k",)
    torch_layout = "first"

    @classmethod
    def positional(cls):
        return ("filters",)

    def check(self):
        whole_number(self.filters, "filters (output channels)", 1, MAX_UNITS)
        check_sliding(self)
        whole_number(self.g, "groups", 1, MAX_UNITS)

    def kernel_sides(self, shape: Shape) -> tuple:
        """The kernel's side per spatial axis of *shape*."""
        return sides(self.k, "kernel", shape.rank - 1, 1)

    def _check_groups(self, shape):
        c = shape.features
        if c % self.g or self.filters % self.g:
            raise ShapeError(f"{self} does not fit {shape}: groups={self.g} must divide both "
                             f"the {c} input and the {self.filters} output channels")

    def output_shape(self, shape):
        self.check_rank(shape)
        self._check_groups(shape)
        return Shape(window_sides(self, shape, self.k, self.s, self.p) + (self.filters,))

    def parts(self, shape, convention="keras"):
        self._check_groups(shape)
        per_group = shape.features // self.g
        ks = self.kernel_sides(shape)
        weights = per_group * self.filters
        for k in ks:
            weights *= k
        out = [Part("kernel", "weight", weights, times(*ks, per_group, self.filters),
                    not self.frozen)]
        if self.bias:
            out.append(Part("bias", "bias", self.filters, times(self.filters), not self.frozen))
        return tuple(out)

    def graph_part(self, pen, source, shape_in, shape_out):
        """Channels as nodes: each input channel reaches each output channel
        of its group through one k×k kernel (k·k shared weights on the edge),
        and the "+1" node gives each output channel its one bias."""
        target = pen.column(shape_out, self.to_text())
        pen.grouped(source, target, self.g, per_pair=kernel_size(self.k, shape_in))
        if self.bias:
            pen.bias(source, target)
        return target

    def formula(self, shape, convention="keras"):
        """``(k × k × C/g + 1) × C'``: one kernel per output channel, plus its bias."""
        self._check_groups(shape)
        total = self.count(shape, convention)
        inner = times(*self.kernel_sides(shape), shape.features // self.g)
        if self.bias:
            return f"({inner} + 1) × {self.filters:,} = {total:,}"
        return f"{inner} × {self.filters:,} = {total:,}"

    def torch_code(self, shape):
        """``nn.Conv2d`` (``Conv1d`` on a sequence), an uneven "same" padding in front.

        Examples
        --------
        >>> Conv(32, k=3, p="same", g=2).torch_code(Shape((28, 28, 4)))
        'nn.Conv2d(4, 32, kernel_size=3, padding=1, groups=2)'
        >>> Conv(8, k=2, s=2, p="same").torch_code(Shape((9, 3)))
        'nn.Sequential(nn.ZeroPad1d((0, 1)), nn.Conv1d(3, 8, kernel_size=2, stride=2))'
        """
        self._check_groups(shape)
        padding, pad = torch_padding(shape, self.k, self.s, self.p)
        conv = torch_conv(shape, shape.features, self.filters, self.k, self.s, padding, self.g,
                           self.bias)
        return frozen_torch(torch_chain(pad, conv), self.frozen)

    def keras_code(self, shape):
        """``layers.Conv2D`` (``Conv1D`` on a sequence), a numeric padding in front.

        Examples
        --------
        >>> Conv(32, k=(3, 5), s=2, p=1, bias=False).keras_code(Shape((28, 28, 1)))
        'keras.Sequential([layers.ZeroPadding2D(1), layers.Conv2D(32, (3, 5), strides=2, use_bias=False)])'
        """
        self._check_groups(shape)
        word, pad = keras_padding(shape, self.p)
        options = [str(self.filters), code_value(self.k)] + keras_window_options(self, word,
                                                                           groups=self.g)
        return keras_chain(pad, f"layers.Conv{shape.rank - 1}D({', '.join(options)})")

    def slips(self, shape, convention="keras"):
        """Typical wrong counts: the input channels left out, no weight sharing,
        the bias forgotten, a dense layer between the feature maps, groups
        ignored, a bias where there is none.

        Examples
        --------
        >>> for slip in Conv(64, k=3).slips(Shape((13, 13, 32))):  # right: (3·3·32 + 1)·64
        ...     print(f"{slip.count:,}", slip.name)
        640 conv counted without input channels
        2,238,016 conv counted per output position (no sharing)
        3,125,824 conv multiplied by the input image size
        18,432 forgotten conv bias
        20,480 one bias per kernel
        41,887,296 conv counted as dense between the feature maps

        Without input channels 3·3·64 + 64 = 640; per position, 11·11 = 121
        copies of 18,496; per input pixel, 13·13 = 169 copies; without bias 3·3·32·64 = 18,432; as dense,
        (13·13·32 + 1)·(11·11·64) = 5,409·7,744. With ``g=4`` each filter
        sees 8 of the 32 channels; ignoring that gives (3·3·32 + 1)·64:

        >>> [s.count for s in Conv(64, k=3, g=4).slips(Shape((8, 8, 32)))
        ...  if s.name == "groups ignored"]
        [18496]
        """
        self._check_groups(shape)
        right = self.count(shape, convention)
        kk = kernel_size(self.k, shape)
        out_shape = self.output_shape(shape)
        bias = self.filters if self.bias else 0
        slips = [
            Slip("conv counted without input channels", kk * self.filters + bias,
                 "each filter has one k×k kernel for every input channel it sees: "
                 "multiply by the input channels too"),
            per_position_slip(self, shape, right), per_pixel_slip(shape, right)]
        if self.bias:
            slips.append(Slip("forgotten conv bias", right - bias, BIAS_HINT))
            slips.append(Slip("one bias per kernel", right - bias
                              + shape.features // self.g * self.filters,
                              "a filter has one bias, whatever the number of input channels "
                              "its kernels read: one per output channel"))
        slips.append(Slip("conv counted as dense between the feature maps",
                          (shape.size + (1 if self.bias else 0)) * out_shape.size,
                          "a convolution joins each output only to a k×k window of the "
                          "input, and every window uses the same filter weights; it is "
                          "not a dense layer from one feature map to the next"))
        if self.g > 1:
            slips.append(Slip("groups ignored", (kk * shape.features * self.filters) + bias,
                              "with g groups each filter sees only C/g of the input "
                              "channels"))
        if not self.bias:
            slips.append(Slip("bias where there is none", right + self.filters,
                              "this layer is marked nobias: it has kernels only"))
        return tuple(slips)


@dataclass(frozen=True)
class TransposedConv(Conv):
    """A transposed convolution ("deconvolution"): the same kernel count as
    :class:`Conv`, but the image grows by the stride.

    Examples
    --------
    >>> up = TransposedConv(16, k=2, s=2)
    >>> up.output_shape(Shape((7, 7, 32)))
    Shape('14×14×16')
    >>> up.count(Shape((7, 7, 32)))  # 2·2·32·16 + 16
    2064
    """

    kind = "deconv"
    title = "transposed convolution"

    def output_shape(self, shape):
        self.check_rank(shape)
        self._check_groups(shape)
        return Shape(window_sides(self, shape, self.k, self.s, self.p, transposed=True)
                     + (self.filters,))

    def torch_code(self, shape):
        """``nn.ConvTranspose2d``; "same" (the side times the stride) becomes
        ``padding`` and ``output_padding``, or a crop when PyTorch cannot.

        Examples
        --------
        >>> TransposedConv(16, k=3, s=2, p="same").torch_code(Shape((7, 7, 32)))
        'nn.ConvTranspose2d(32, 16, kernel_size=3, stride=2, padding=1, output_padding=1)'
        >>> TransposedConv(16, k=2, p="same").torch_code(Shape((7, 7, 32)))
        'nn.Sequential(nn.ConvTranspose2d(32, 16, kernel_size=2), nn.ZeroPad2d((0, -1, 0, -1)))'
        """
        self._check_groups(shape)
        rank = shape.rank - 1
        ks, ss = sides(self.k, "kernel", rank, 1), sides(self.s, "stride", rank, 1)
        padding, crop = (None if self.p in ("valid", 0, "same") else code_value(self.p)), None
        if self.p == "same":
            # padding 0 gives (n - 1)·s + k; "same" keeps n·s: k - s too many.
            pads = [max(-(-(k - s) // 2), 0) for k, s in zip(ks, ss)]
            extra = [2 * p - (k - s) for p, k, s in zip(pads, ks, ss)]
            if all(e < s for e, s in zip(extra, ss)):
                padding = code_value(tuple(pads)) if any(pads) else None
                if any(extra):
                    padding = (padding or "0") + f", output_padding={code_value(tuple(extra))}"
            else:
                cut = [((k - s) // 2, k - s - (k - s) // 2) for k, s in zip(ks, ss)]
                crop = f"nn.ZeroPad{rank}d({code_value(tuple(-n for c in reversed(cut) for n in c))})"
        conv = torch_conv(shape, shape.features, self.filters, self.k, self.s, padding, self.g,
                           self.bias, name="ConvTranspose")
        return frozen_torch(torch_chain(conv, crop), self.frozen)

    def keras_code(self, shape):
        """``layers.Conv2DTranspose``, then a crop for a numeric padding and
        where Keras's side n·s + max(k - s, 0) passes PyTorch's (n - 1)·s + k.

        Examples
        --------
        >>> TransposedConv(16, k=4, s=2, p=1).keras_code(Shape((7, 7, 32)))
        'keras.Sequential([layers.Conv2DTranspose(16, 4, strides=2), layers.Cropping2D(1)])'
        >>> TransposedConv(4, k=2, s=3).keras_code(Shape((5, 2)))  # 15 -> 14 = 4 · 3 + 2
        'keras.Sequential([layers.Conv1DTranspose(4, 2, strides=3), layers.Cropping1D((0, 1))])'
        >>> TransposedConv(16, k=4, g=2).keras_code(Shape((7, 7, 32)))
        Traceback (most recent call last):
        ...
        ValueError: deconv 16 k=4 g=2: Keras has no grouped transposed convolution (groups=2); use groups=1 for Keras
        """
        self._check_groups(shape)
        if self.g != 1:
            raise ValueError(f"{self}: Keras has no grouped transposed convolution "
                             f"(groups={self.g}); use groups=1 for Keras")
        rank = shape.rank - 1
        word = "same" if self.p == "same" else "valid"
        options = [str(self.filters), code_value(self.k)] + keras_window_options(self, word)
        conv = f"layers.Conv{rank}DTranspose({', '.join(options)})"
        if word == "same":
            return conv
        p = 0 if self.p == "valid" else self.p
        ks, ss = sides(self.k, "kernel", rank, 1), sides(self.s, "stride", rank, 1)
        cuts = tuple((p, p + max(s - k, 0)) for k, s in zip(ks, ss))
        if not any(a or b for a, b in cuts):
            return conv
        even = all(a == b for a, b in cuts)
        crop = (code_value(tuple(a for a, _ in cuts)) if even else
                code_value(cuts[0]) if rank == 1 else "(" + ", ".join(map(str, cuts)) + ")")
        return keras_chain(conv, f"layers.Cropping{rank}D({crop})")
