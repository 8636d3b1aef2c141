"""A window (a kernel or a pool) slid over an image or a sequence: its sides
per spatial axis, its padding, and the sides it leaves.

``padding`` is a number of zeros added on each side of every spatial axis,
``"valid"`` (none) or ``"same"`` (as many as keep a side at
``ceil(n / stride)``). Convolutions of every kind and pooling share these.
"""
from __future__ import annotations

from ..limits import as_bool, quote, whole_number
from .base import MAX_SIDE, Shape, ShapeError

__all__ = ["sides", "kernel_size", "check_window", "check_padding", "check_sliding", "window_sides"]


def sides(value, name: str, rank: int, low: int) -> tuple:
    """An int or a tuple of ints as one value per spatial axis."""
    values = value if isinstance(value, tuple) else (value,) * rank
    if len(values) != rank:
        raise ShapeError(f"{name} {quote(value)} has {len(values)} sides; "
                         f"the input has {rank} spatial axes")
    return tuple(whole_number(v, name, low, MAX_SIDE) for v in values)


def kernel_size(kernel, shape: Shape) -> int:
    """Weights in one k×k (or k) kernel over *shape*'s spatial axes."""
    size = 1
    for k in sides(kernel, "kernel", shape.rank - 1, 1):
        size *= k
    return size


def check_window(value, name: str, low: int = 1):
    """Check a kernel, stride or pool size given as an int or a tuple of 1-2 ints."""
    if isinstance(value, tuple):
        if not 1 <= len(value) <= 2:
            raise ValueError(f"{name} {quote(value)} must have 1 or 2 sides")
        for v in value:
            whole_number(v, name, low, MAX_SIDE)
    else:
        whole_number(value, name, low, MAX_SIDE)


def check_padding(value):
    if value in ("same", "valid"):
        return
    whole_number(value, "padding", 0, MAX_SIDE)


def check_sliding(layer) -> None:
    """Check the options every convolution kind has: its kernel, stride and
    padding, and its ``bias`` and ``frozen`` flags."""
    check_window(layer.k, "kernel")
    check_window(layer.s, "stride")
    check_padding(layer.p)
    as_bool(layer.bias, "bias")
    as_bool(layer.frozen, "frozen")


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
    kernels = sides(kernel, "kernel", rank, 1)
    strides = sides(stride, "stride", rank, 1)
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
