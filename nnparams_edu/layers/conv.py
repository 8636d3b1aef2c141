"""Convolution: a small kernel slid over an image or a sequence, its weights
shared by every position.

A k×k convolution from C to C' channels has k·k·C·C' weights and C' biases,
whatever the image size: every output channel has one k×k kernel per input
channel, and one bias. With ``groups=g`` each output channel sees only C/g
input channels; a depthwise convolution is the extreme case g = C; a separable
convolution is a depthwise one followed by a 1×1 ("pointwise") one. A
transposed convolution has the same kernel count and grows the image instead.

The kind is 2-D on an image (H×W×C) and 1-D on a sequence (steps×channels).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..limits import MAX_UNITS, as_bool, quote, whole_number
from .base import MAX_SIDE, Layer, Part, Shape, ShapeError, Slip, times

__all__ = ["Conv", "DepthwiseConv", "SeparableConv", "TransposedConv", "window_sides"]


def _sides(value, name: str, rank: int, low: int) -> tuple:
    """An int or a tuple of ints as one value per spatial axis."""
    values = value if isinstance(value, tuple) else (value,) * rank
    if len(values) != rank:
        raise ShapeError(f"{name} {quote(value)} has {len(values)} sides; "
                         f"the input has {rank} spatial axes")
    return tuple(whole_number(v, name, low, MAX_SIDE) for v in values)


def _kernel_size(kernel, shape: Shape) -> int:
    """Weights in one k×k (or k) kernel over *shape*'s spatial axes."""
    size = 1
    for k in _sides(kernel, "kernel", shape.rank - 1, 1):
        size *= k
    return size


def _check_window(value, name: str, low: int = 1):
    """Check a kernel, stride or pool size given as an int or a tuple of 1-2 ints."""
    if isinstance(value, tuple):
        if not 1 <= len(value) <= 2:
            raise ValueError(f"{name} {quote(value)} must have 1 or 2 sides")
        for v in value:
            whole_number(v, name, low, MAX_SIDE)
    else:
        whole_number(value, name, low, MAX_SIDE)


#: The hints of the slips every convolution kind can make.
_SHARED = ("a filter's weights are shared by every position it slides over: count them "
           "once, not once per output position")
_BIAS = "each output channel (filter) has one bias"


def _per_position(layer, shape, right) -> Slip:
    """The count with no weight sharing: one copy of the layer per output position."""
    out = layer.output_shape(shape)
    positions = out.size // out.features
    return Slip("conv counted per output position (no sharing)", positions * right, _SHARED)


def _check_padding(value):
    if value in ("same", "valid"):
        return
    whole_number(value, "padding", 0, MAX_SIDE)


def window_sides(layer, shape: Shape, kernel, stride, padding, transposed=False) -> tuple:
    """Output sides of a window (kernel or pool) slid over *shape*'s spatial axes.

    ``padding`` is a number of zeros added on each side, ``"valid"`` (none) or
    ``"same"`` (as many as keep the side at ``ceil(n / stride)``).

    Examples
    --------
    >>> window_sides("conv 8 k=3", Shape((28, 28, 1)), 3, 1, 0)
    (26, 26)
    >>> window_sides("maxpool 2", Shape((26, 26, 8)), 2, 2, 0)
    (13, 13)
    >>> window_sides("conv 8 k=5", Shape((3, 3, 1)), 5, 1, 0)
    Traceback (most recent call last):
    ...
    nnparams_edu.layers.base.ShapeError: conv 8 k=5 does not fit 3×3×1: a 5-wide window is larger than a side of 3 (add padding or remove a pooling layer)
    """
    spatial = shape.dims[:-1]
    rank = len(spatial)
    kernels = _sides(kernel, "kernel", rank, 1)
    strides = _sides(stride, "stride", rank, 1)
    out = []
    for n, k, s in zip(spatial, kernels, strides):
        if transposed:
            side = n * s if padding == "same" else (n - 1) * s + k - 2 * (
                0 if padding == "valid" else padding)
        elif padding == "same":
            side = -(-n // s)
        else:
            pad = 0 if padding == "valid" else padding
            if k > n + 2 * pad:
                raise ShapeError(f"{layer} does not fit {shape}: a {k}-wide window is larger "
                                 f"than a side of {n}" + (f" plus padding {pad} on each side"
                                                          if pad else "")
                                 + " (add padding or remove a pooling layer)")
            side = (n + 2 * pad - k) // s + 1
        if side < 1:
            raise ShapeError(f"{layer} does not fit {shape}: a side would shrink to {side}")
        out.append(side)
    return tuple(out)


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

    @classmethod
    def positional(cls):
        return ("filters",)

    def check(self):
        whole_number(self.filters, "filters (output channels)", 1, MAX_UNITS)
        _check_window(self.k, "kernel")
        _check_window(self.s, "stride")
        _check_padding(self.p)
        whole_number(self.g, "groups", 1, MAX_UNITS)
        as_bool(self.bias, "bias")
        as_bool(self.frozen, "frozen")

    def kernel_sides(self, shape: Shape) -> tuple:
        """The kernel's side per spatial axis of *shape*."""
        return _sides(self.k, "kernel", shape.rank - 1, 1)

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
        pen.grouped(source, target, self.g, per_pair=_kernel_size(self.k, shape_in))
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
        18,432 forgotten conv bias
        41,887,296 conv counted as dense between the feature maps

        Without input channels 3·3·64 + 64 = 640; per position, 11·11 = 121
        copies of 18,496; without bias 3·3·32·64 = 18,432; as dense,
        (13·13·32 + 1)·(11·11·64) = 5,409·7,744. With ``g=4`` each filter
        sees 8 of the 32 channels; ignoring that gives (3·3·32 + 1)·64:

        >>> [s.count for s in Conv(64, k=3, g=4).slips(Shape((8, 8, 32)))
        ...  if s.name == "groups ignored"]
        [18496]
        """
        self._check_groups(shape)
        right = self.count(shape, convention)
        kk = _kernel_size(self.k, shape)
        out_shape = self.output_shape(shape)
        bias = self.filters if self.bias else 0
        slips = [
            Slip("conv counted without input channels", kk * self.filters + bias,
                 "each filter has one k×k kernel for every input channel it sees: "
                 "multiply by the input channels too"),
            _per_position(self, shape, right)]
        if self.bias:
            slips.append(Slip("forgotten conv bias", right - bias, _BIAS))
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

    def check(self):
        _check_window(self.k, "kernel")
        _check_window(self.s, "stride")
        _check_padding(self.p)
        whole_number(self.m, "depth multiplier m", 1, MAX_UNITS)
        as_bool(self.bias, "bias")
        as_bool(self.frozen, "frozen")

    def output_shape(self, shape):
        self.check_rank(shape)
        return Shape(window_sides(self, shape, self.k, self.s, self.p)
                     + (shape.features * self.m,))

    def parts(self, shape, convention="keras"):
        ks = _sides(self.k, "kernel", shape.rank - 1, 1)
        channels = shape.features * self.m
        weights = channels
        for k in ks:
            weights *= k
        factors = ks + ((shape.features, self.m) if self.m > 1 else (shape.features,))
        out = [Part("depthwise kernel", "weight", weights, times(*factors), not self.frozen)]
        if self.bias:
            out.append(Part("bias", "bias", channels, times(channels), not self.frozen))
        return tuple(out)

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
        kk = _kernel_size(self.k, shape)
        channels = shape.features * self.m
        bias = channels if self.bias else 0
        slips = [Slip("depthwise counted as a full convolution",
                      (kk * shape.features + (1 if self.bias else 0)) * channels,
                      "a depthwise convolution has one k×k kernel per input channel "
                      "(times the depth multiplier): it does not mix the channels"),
                 _per_position(self, shape, right)]
        if self.bias:
            slips.append(Slip("forgotten conv bias", right - bias, _BIAS))
        return tuple(slips)

    def graph_part(self, pen, source, shape_in, shape_out):
        """Each input channel feeds only its own *m* output channels, through
        one k×k kernel each; one bias per output channel."""
        target = pen.column(shape_out, self.to_text())
        pen.grouped(source, target, shape_in.features, per_pair=_kernel_size(self.k, shape_in))
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

    @classmethod
    def positional(cls):
        return ("filters",)

    def check(self):
        whole_number(self.filters, "filters (output channels)", 1, MAX_UNITS)
        _check_window(self.k, "kernel")
        _check_window(self.s, "stride")
        _check_padding(self.p)
        whole_number(self.m, "depth multiplier m", 1, MAX_UNITS)
        as_bool(self.bias, "bias")
        as_bool(self.frozen, "frozen")

    def output_shape(self, shape):
        self.check_rank(shape)
        return Shape(window_sides(self, shape, self.k, self.s, self.p) + (self.filters,))

    def parts(self, shape, convention="keras"):
        ks = _sides(self.k, "kernel", shape.rank - 1, 1)
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
        kk = _kernel_size(self.k, shape)
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
            slips.append(Slip("forgotten conv bias", right - sum(bias), _BIAS))
        return tuple(slips)

    def graph_part(self, pen, source, shape_in, shape_out):
        """Two columns: the depthwise step (each channel through its own k×k
        kernels, no bias), then the pointwise 1×1 step (every middle channel
        to every output channel, one weight each, and the "+1" node)."""
        middle_shape = Shape(shape_out.dims[:-1] + (shape_in.features * self.m,))
        middle = pen.column(middle_shape, "depthwise")
        pen.grouped(source, middle, shape_in.features, per_pair=_kernel_size(self.k, shape_in))
        target = pen.column(shape_out, self.to_text())
        pen.full(middle, target)
        if self.bias:
            pen.bias(middle, target)
        return target
