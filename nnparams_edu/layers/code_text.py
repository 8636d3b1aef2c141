"""Writing a layer as PyTorch or Keras code text: padding, chains, freezing.

Our layers say their padding as a number of zeros on each side, ``"valid"``
(none) or ``"same"`` (Keras's rule: a side becomes ``ceil(n / stride)``, and
when the zeros needed are odd the extra one goes after). The frameworks write
this differently:

* PyTorch pads both sides of an axis alike, so an uneven "same" becomes an
  ``nn.ZeroPad2d((left, right, top, bottom))`` module in front of the layer
  (pooling pads with minus infinity for max, and allows at most half a window
  of padding inside the layer itself);
* Keras has no numeric padding, so ``p=2`` becomes a ``ZeroPadding2D(2)``
  layer in front.

A layer that needs such a helper is written as a small chain:
``nn.Sequential(pad, layer)`` or ``keras.Sequential([pad, layer])``.
PyTorch code uses ``nn`` for ``torch.nn``; Keras code uses ``layers`` for
``keras.layers`` (and ``keras`` for a chain).
"""
from __future__ import annotations

__all__ = ["same_pads", "torch_padding", "keras_padding", "torch_chain", "keras_chain",
           "frozen_torch", "code_value", "torch_conv", "keras_window_options"]


def code_value(value) -> str:
    """An int or a tuple of ints as Python code text (equal sides as one int).

    Examples
    --------
    >>> code_value(3), code_value((3, 5)), code_value((2, 2)), code_value((0, 1, 0, 1))
    ('3', '(3, 5)', '2', '(0, 1, 0, 1)')
    """
    if isinstance(value, tuple):
        return str(value[0]) if len(set(value)) == 1 else "(" + ", ".join(map(str, value)) + ")"
    return str(value)


def _per_axis(value, rank: int) -> tuple:
    return value if isinstance(value, tuple) else (value,) * rank


def same_pads(sides, kernel, stride) -> tuple:
    """``(before, after)`` zeros per axis that Keras's "same" padding adds.

    Examples
    --------
    >>> same_pads((28, 28), 3, 1)
    ((1, 1), (1, 1))
    >>> same_pads((7,), 4, 2)  # 4 steps of 2 cover 7 with a window of 4: 3 zeros, 1 then 2
    ((1, 2),)
    """
    rank = len(sides)
    pads = []
    for n, k, s in zip(sides, _per_axis(kernel, rank), _per_axis(stride, rank)):
        total = max((-(-n // s) - 1) * s + k - n, 0)
        pads.append((total // 2, total - total // 2))
    return tuple(pads)


def torch_padding(shape, kernel, stride, padding, *, pool=False, fill="0") -> tuple:
    """``(padding argument or None, pad module text or None)`` for a PyTorch
    window layer on *shape* (channels last, as all our shapes).

    Examples
    --------
    >>> from nnparams_edu.layers.base import Shape
    >>> torch_padding(Shape((28, 28, 1)), 3, 1, "same")
    ('1', None)
    >>> torch_padding(Shape((28, 28, 1)), 2, 1, "same")  # 1 zero: after, on each axis
    (None, 'nn.ZeroPad2d((0, 1, 0, 1))')
    >>> torch_padding(Shape((7, 7, 1)), 4, 2, "same")
    (None, 'nn.ZeroPad2d((1, 2, 1, 2))')
    >>> torch_padding(Shape((10, 4)), 2, 2, 3, pool=True, fill='float("-inf")')
    (None, 'nn.ConstantPad1d(3, float("-inf"))')
    >>> torch_padding(Shape((10, 4)), 3, 1, "valid")
    (None, None)
    """
    spatial = shape.dims[:-1]
    rank = len(spatial)
    if padding == "valid" or padding == 0:
        return None, None
    if padding == "same":
        pads = same_pads(spatial, kernel, stride)
    else:
        pads = ((padding, padding),) * rank
    even = all(a == b for a, b in pads)
    fits = not pool or all(a <= k // 2 for (a, _), k in zip(pads, _per_axis(kernel, rank)))
    if even and fits:
        sides = tuple(a for a, _ in pads)
        return (code_value(sides) if any(sides) else None), None
    flat = tuple(n for pair in reversed(pads) for n in pair)  # last axis first, as torch wants
    if fill == "0":
        return None, f"nn.ZeroPad{rank}d({code_value(flat)})"
    return None, f"nn.ConstantPad{rank}d({code_value(flat)}, {fill})"


def keras_padding(shape, padding) -> tuple:
    """``(padding word, pad layer text or None)`` for a Keras window layer.

    Examples
    --------
    >>> from nnparams_edu.layers.base import Shape
    >>> keras_padding(Shape((28, 28, 1)), "same")
    ('same', None)
    >>> keras_padding(Shape((28, 28, 1)), 2)
    ('valid', 'layers.ZeroPadding2D(2)')
    >>> keras_padding(Shape((10, 4)), 0)
    ('valid', None)
    """
    if padding in ("same", "valid"):
        return padding, None
    if padding == 0:
        return "valid", None
    return "valid", f"layers.ZeroPadding{shape.rank - 1}D({padding})"


def torch_chain(*modules) -> str:
    """One module, or ``nn.Sequential`` of several (``None`` left out).

    Examples
    --------
    >>> torch_chain(None, "nn.Conv2d(1, 8, kernel_size=3)")
    'nn.Conv2d(1, 8, kernel_size=3)'
    >>> torch_chain("nn.ZeroPad2d((0, 1, 0, 1))", "nn.Conv2d(1, 8, kernel_size=2)")
    'nn.Sequential(nn.ZeroPad2d((0, 1, 0, 1)), nn.Conv2d(1, 8, kernel_size=2))'
    """
    modules = [m for m in modules if m]
    return modules[0] if len(modules) == 1 else f"nn.Sequential({', '.join(modules)})"


def keras_chain(*layers) -> str:
    """One layer, or ``keras.Sequential`` of several (``None`` left out).

    Examples
    --------
    >>> keras_chain("layers.ZeroPadding2D(1)", "layers.MaxPooling2D(2)")
    'keras.Sequential([layers.ZeroPadding2D(1), layers.MaxPooling2D(2)])'
    """
    layers = [layer for layer in layers if layer]
    return layers[0] if len(layers) == 1 else f"keras.Sequential([{', '.join(layers)}])"


def frozen_torch(code: str, frozen: bool) -> str:
    """*code* with its parameters taken out of training when *frozen*.

    Examples
    --------
    >>> frozen_torch("nn.Linear(5, 8)", True)
    'nn.Linear(5, 8).requires_grad_(False)'
    """
    return code + ".requires_grad_(False)" if frozen else code


def torch_conv(shape, c_in, c_out, k, s, padding, groups, bias, name="Conv") -> str:
    """``nn.Conv2d(...)`` (or 1-d, or ``ConvTranspose``) with only the
    arguments that differ from PyTorch's defaults."""
    args = [str(c_in), str(c_out), f"kernel_size={code_value(k)}"]
    args += [f"stride={code_value(s)}"] if s != 1 else []
    args += [f"padding={padding}"] if padding else []
    args += [f"groups={groups}"] if groups != 1 else []
    args += [] if bias else ["bias=False"]
    return f"nn.{name}{shape.rank - 1}d({', '.join(args)})"


def keras_window_options(layer, word: str, **extra) -> list:
    """Keras keyword arguments of a window layer that differ from the defaults."""
    out = [f"strides={code_value(layer.s)}"] if layer.s != 1 else []
    out += [f'padding="{word}"'] if word != "valid" else []
    out += [f"{name}={value}" for name, value in extra.items() if value != 1]
    out += [] if layer.bias else ["use_bias=False"]
    return out + (["trainable=False"] if layer.frozen else [])
