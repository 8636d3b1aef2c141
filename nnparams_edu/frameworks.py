"""Reading a real PyTorch or Keras model into a typed net, to count and draw it.

``from_torch(module, input_shape)`` and ``from_keras(model)`` walk the model's
layers in order (an ``nn.Sequential`` or ``keras.Sequential`` fully; any
other module through its children in the order they were registered, which
is usually the order its ``forward`` uses them) and give a
:class:`~nnparams_edu.model.Model`. What is not understood is never guessed:
each module left out is listed, with its parameters, in a
:class:`NotUnderstood` warning (or a ValueError with ``strict=True``).

Parameters shared between layers are counted once, as the frameworks count
them: an output layer that reuses an embedding's table becomes a tied dense
layer (only its bias is new), and a module reused elsewhere is read once.

PyTorch shapes put channels first: ``input_shape=(1, 28, 28)`` is a 28×28
image of one channel, and becomes our channels-last ``28×28×1``. A sequence
is ``(steps, features)`` when its first layer is Linear, recurrent or
attention, and ``(channels, steps)`` when it is a convolution or pooling.
Neither framework is imported by this package until one of these functions
is called with a model.
"""
from __future__ import annotations

import warnings
from typing import NamedTuple

from . import layers as kinds
from .layers.base import Shape, ShapeError
from .layers.code_text import same_pads
from .model import Model

__all__ = ["from_torch", "from_keras", "Skipped", "NotUnderstood"]

#: Our activation words by the framework's class or function name.
_ACTIVATIONS = {"ReLU": "relu", "Tanh": "tanh", "Sigmoid": "sigmoid", "Softmax": "softmax",
                "GELU": "gelu", "ELU": "elu", "LeakyReLU": "leakyrelu", "SiLU": "silu",
                "relu": "relu", "tanh": "tanh", "sigmoid": "sigmoid", "softmax": "softmax",
                "gelu": "gelu", "elu": "elu", "leaky_relu": "leakyrelu", "silu": "silu",
                "swish": "silu"}
#: Modules that do nothing to the count or our channels-last shapes.
_NOTHING = {"Identity", "ChannelsFirst", "ChannelsLast", "InputLayer"}


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


def _collapse(values) -> object:
    """A tuple of equal sides as one int (our text writes ``k=3``, not ``k=3x3``)."""
    values = tuple(int(v) for v in values) if isinstance(values, (tuple, list)) else int(values)
    if isinstance(values, tuple) and len(set(values)) == 1:
        return values[0]
    return values


class _Reader:
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

    def padding(self, kernel, stride, own) -> object:
        """Our ``p`` for a window layer with its own symmetric padding *own*
        (ints per axis, or "same"/"valid") after any pending pad module;
        None when it is neither even nor Keras's "same"."""
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
        return Model(self.start, tuple(_merge_separable(self.layers)))


def _merge_separable(layers) -> list:
    """A bias-free depthwise conv then a 1×1 conv is one separable conv."""
    out = []
    for layer in layers:
        last = out[-1] if out else None
        if (isinstance(layer, kinds.Conv) and type(layer) is kinds.Conv
                and isinstance(last, kinds.DepthwiseConv) and not last.bias
                and layer.k == 1 and layer.s == 1 and layer.p in (0, "valid") and layer.g == 1
                and layer.frozen == last.frozen):
            out[-1] = kinds.SeparableConv(layer.filters, k=last.k, s=last.s, p=last.p, m=last.m,
                                          bias=layer.bias, frozen=layer.frozen)
        else:
            out.append(layer)
    return out


def _layer_kind(name):
    """A layer class of this package by name, or None (kinds still to come)."""
    return getattr(kinds, name, None)


# -- PyTorch ---------------------------------------------------------------------------------


def from_torch(module, input_shape=None, *, strict=False) -> Model:
    """Our typed net for a PyTorch *module*.

    Parameters
    ----------
    module : torch.nn.Module
    input_shape : tuple of int, optional
        One sample's shape as PyTorch takes it, without the batch axis:
        ``(channels, height, width)`` for an image, ``(steps, features)`` or
        ``(channels, steps)`` for a sequence (see the module text), ``(steps,)``
        for token ids. Needed unless the first layer is ``nn.Linear``.
    strict : bool
        Raise a ValueError instead of warning when a module is not understood.

    Returns
    -------
    Model

    Examples
    --------
    >>> import torch.nn as nn  # doctest: +SKIP
    >>> from_torch(nn.Sequential(nn.Conv2d(1, 8, 3), nn.ReLU(), nn.Flatten(),
    ...                          nn.Linear(8 * 26 * 26, 10)), (1, 28, 28))  # doctest: +SKIP
    Model('in 28x28x1 | conv 8 k=3 | relu | flatten | dense 10')
    """
    import torch.nn as nn

    if not isinstance(module, nn.Module):
        raise TypeError(f"from_torch reads a torch.nn.Module, not {type(module).__name__}")
    leaves = list(_torch_leaves(module, ""))
    reader = _Reader(_torch_input(leaves, input_shape))
    for name, leaf, context in leaves:
        _read_torch(reader, name, leaf, context, nn)
    return reader.model(strict, f"{type(module).__name__}")


def _torch_leaves(module, prefix, context=None):
    """``(name, module, wrapper)`` for every module to read, in order: the
    children of containers and unknown modules, recursively. *wrapper* is
    the name of our export's adapter around a recurrent or attention module."""
    children = list(module.named_children())
    own = type(module).__name__
    if not children or own in ("LastStep", "Sequences", "SelfAttention") and context:
        yield prefix or own, module, context
        return
    if own in ("LastStep", "Sequences", "SelfAttention"):
        inner = children[0][1]
        yield (f"{prefix}.{children[0][0]}" if prefix else children[0][0]), inner, own
        return
    if list(module.named_parameters(recurse=False)):
        yield prefix or own, module, "own parameters"
    for name, child in children:
        yield from _torch_leaves(child, f"{prefix}.{name}" if prefix else name)


def _torch_input(leaves, input_shape):
    """Our channels-last input Shape from PyTorch's *input_shape*."""
    first = next((leaf for _, leaf, context in leaves if not _neutral(type(leaf).__name__)
                  and context != "own parameters"), None)
    kind = type(first).__name__ if first is not None else ""
    if input_shape is None:
        if kind == "Linear":
            return Shape((first.in_features,))
        return None
    dims = tuple(int(d) for d in input_shape)
    if kind == "Embedding":
        return Shape(dims, tokens=True)
    channels_first = len(dims) == 3 or (len(dims) == 2 and kind.rstrip("123d").endswith(
        ("Conv", "ConvTranspose", "Pool", "BatchNorm")))
    return Shape(dims[1:] + dims[:1] if channels_first else dims)


def _neutral(kind) -> bool:
    """True for a module that works on either order of the axes (softmax
    does not: it runs over one axis, the features)."""
    return (kind in _NOTHING or kind in _ACTIVATIONS and kind != "Softmax" or "Pad" in kind
            or kind.startswith("Dropout"))


def _frozen(module) -> bool:
    params = list(module.parameters())
    return bool(params) and not any(p.requires_grad for p in params)


def _read_torch(reader, name, m, context, nn):
    kind = type(m).__name__
    params = list(m.parameters(recurse=context != "own parameters"))
    fresh = [p for p in params if id(p) not in reader.owners]
    if context == "own parameters":
        reader.skip(name, m, sum(p.numel() for p in fresh),
                    "parameters of its own, used by a forward this reading does not see")
        return
    shared = [reader.owners[id(p)] for p in params if id(p) in reader.owners]
    for p in params:
        reader.owners.setdefault(id(p), name)
    if kind in _NOTHING:
        return
    layer = _torch_layer(reader, m, kind, context, nn)
    if isinstance(layer, str):
        reader.skip(name, m, sum(p.numel() for p in fresh), layer)
        return
    if shared:
        embed = _layer_kind("Embedding")
        tied = (kind == "Linear" and embed is not None and any(
            isinstance(layer_, embed) for layer_ in reader.layers)
            and id(m.weight) in {id(p) for p in params if reader.owners[id(p)] != name})
        if tied:
            layer = kinds.Dense(layer.units, bias=layer.bias, frozen=layer.frozen, tied=True)
        else:
            reader.skip(name, m, sum(p.numel() for p in fresh),
                        f"shares its parameters with {shared[0]}, counted there")
            return
    if layer is not None:
        reader.add(layer)


def _torch_layer(reader, m, kind, context, nn):
    """Our layer for module *m*, None for one that adds nothing, or the reason
    it is not understood (a str)."""
    frozen = _frozen(m)
    if kind == "Linear":
        return kinds.Dense(m.out_features, bias=m.bias is not None, frozen=frozen)
    if kind in ("Conv1d", "Conv2d", "ConvTranspose1d", "ConvTranspose2d"):
        return _torch_conv(reader, m, kind, frozen)
    if kind in ("MaxPool1d", "MaxPool2d", "AvgPool1d", "AvgPool2d"):
        if m.ceil_mode or _collapse(getattr(m, "dilation", 1)) != 1:
            return "ceil_mode or dilation in pooling"
        kernel, stride = _collapse(m.kernel_size), _collapse(m.stride or m.kernel_size)
        rank = len(reader.shape.dims) - 1 if reader.shape else 1
        own = m.padding if isinstance(m.padding, tuple) else (m.padding,) * rank
        p = reader.padding(kernel, stride, own)
        if p is None:
            return "uneven padding"
        return kinds.Pool(kernel, s=None if stride == kernel else stride, p=p,
                          mode="max" if kind.startswith("Max") else "avg")
    if kind.startswith(("AdaptiveAvgPool", "AdaptiveMaxPool")):
        if _collapse(m.output_size) != 1:
            return "adaptive pooling to more than one value per channel"
        return kinds.GlobalPool("avg" if "Avg" in kind else "max")
    if kind == "Flatten":
        if (m.start_dim, m.end_dim) != (1, -1):
            return "flatten of some axes only"
        if reader.layers and isinstance(reader.layers[-1], kinds.GlobalPool):
            return None  # PyTorch's global pooling keeps 1×1 sides; ours gives the vector
        return kinds.Flatten()
    if kind.startswith("Dropout") or kind == "AlphaDropout":
        return kinds.Dropout(float(m.p)) if m.p < 1 else "dropout of rate 1"
    if kind in _ACTIVATIONS:
        return kinds.Activation(_ACTIVATIONS[kind])
    if kind in ("ZeroPad1d", "ZeroPad2d", "ConstantPad1d", "ConstantPad2d"):
        return _torch_pad(reader, m)
    if kind in ("RNN", "LSTM", "GRU"):
        return _torch_recurrent(reader, m, kind, context, frozen)
    return _torch_other(m, kind, frozen)


def _torch_conv(reader, m, kind, frozen):
    if _collapse(m.dilation) != 1:
        return "dilation (not a kind of this package)"
    k, s = _collapse(m.kernel_size), _collapse(m.stride)
    bias = m.bias is not None
    if kind.startswith("ConvTranspose"):
        if reader.pads is not None:
            return "padding before a transposed convolution"
        extra = tuple(m.output_padding)
        p = _collapse(m.padding) if not any(extra) else None
        if reader.shape is not None:
            sides = [(n - 1) * st - 2 * pd + kk + op for n, st, pd, kk, op in zip(
                reader.shape.dims[:-1], m.stride, m.padding, m.kernel_size, extra)]
            if any(extra) and sides == [n * st for n, st in zip(reader.shape.dims[:-1],
                                                                m.stride)]:
                p = "same"
        if p is None or isinstance(p, tuple):
            return "output_padding or uneven padding"
        return kinds.TransposedConv(m.out_channels, k=k, s=s, p=p, g=m.groups, bias=bias,
                                    frozen=frozen)
    rank = len(m.kernel_size)
    own = m.padding if isinstance(m.padding, str) else tuple(m.padding)
    if own == "same" and s != 1:
        return "'same' padding with a stride"
    p = reader.padding(k, s, own if isinstance(own, str) else own[:rank])
    if p is None:
        return "uneven padding"
    c = m.in_channels
    if m.groups == c and c > 1 and m.out_channels % c == 0:
        return kinds.DepthwiseConv(k=k, s=s, p=p, m=m.out_channels // c, bias=bias,
                                   frozen=frozen)
    return kinds.Conv(m.out_channels, k=k, s=s, p=p, g=m.groups, bias=bias, frozen=frozen)


def _torch_pad(reader, m):
    flat = tuple(int(n) for n in m.padding)
    pads = tuple(reversed([(flat[i], flat[i + 1]) for i in range(0, len(flat), 2)]))
    last = reader.layers[-1] if reader.layers else None
    if all(a <= 0 and b <= 0 for a, b in pads) and isinstance(last, kinds.TransposedConv):
        return _crop(reader, last, tuple((-a, -b) for a, b in pads))
    if any(a < 0 or b < 0 for a, b in pads):
        return "cropping"
    reader.pads = pads
    return None


def _crop(reader, last, cuts):
    """Fold a crop after a transposed convolution into its padding."""
    before = reader.layers.pop()
    reader.shape = reader.previous
    cut = {a for pair in cuts for a in pair}
    options = dict(k=last.k, s=last.s, g=last.g, bias=last.bias, frozen=last.frozen)
    if last.p in (0, "valid") and len(cut) == 1:
        layer = kinds.TransposedConv(last.filters, p=cut.pop(), **options)
    else:
        same = kinds.TransposedConv(last.filters, p="same", **options)
        sides = tuple(n for n in _crop_sides(reader.shape, last, cuts))
        if last.p not in (0, "valid") or sides != same.output_shape(reader.shape).dims[:-1]:
            reader.layers.append(before)
            reader.shape = before.output_shape(reader.shape)
            return "cropping"
        layer = same
    reader.add(layer)
    return None


def _crop_sides(shape, layer, cuts):
    out = layer.output_shape(shape).dims[:-1]
    return [n - a - b for n, (a, b) in zip(out, cuts)]


def _torch_recurrent(reader, m, kind, context, frozen):
    if getattr(m, "proj_size", 0):
        return "LSTM with proj_size"
    if not m.batch_first and context is None:
        pass  # the shapes we follow do not depend on where the batch axis is
    make = {"RNN": kinds.SimpleRNN, "LSTM": kinds.LSTM, "GRU": kinds.GRU}[kind]
    _sequences_for(reader)
    return make(m.hidden_size, layers=m.num_layers, bi=m.bidirectional, seq=context == "Sequences",
                bias=m.bias, frozen=frozen)


def _sequences_for(reader):
    """A recurrent layer read before another sequence layer gave its sequence."""
    last = reader.layers[-1] if reader.layers else None
    if last is not None and hasattr(last, "seq") and not last.seq:
        reader.layers.pop()
        reader.shape = reader.previous
        reader.add(type(last)(**{**last.__dict__, "seq": True}))


def _torch_other(m, kind, frozen):
    if kind == "Embedding":
        return _layer_kind("Embedding")(m.num_embeddings, m.embedding_dim, frozen=frozen)
    if kind == "MultiheadAttention" and _layer_kind("Attention"):
        e = m.embed_dim
        kdim = None if m.kdim == e else m.kdim
        vdim = None if m.vdim == e else m.vdim
        return _layer_kind("Attention")(m.num_heads, kdim=kdim, vdim=vdim,
                                        bias=m.in_proj_bias is not None, frozen=frozen)
    if kind == "LayerNorm" and _layer_kind("LayerNorm"):
        if len(m.normalized_shape) != 1:
            return "layer normalisation over more than the last axis"
        return _layer_kind("LayerNorm")(scale=m.elementwise_affine,
                                        bias=getattr(m, "bias", None) is not None,
                                        frozen=frozen)
    if kind in ("BatchNorm1d", "BatchNorm2d") and _layer_kind("BatchNorm"):
        return _layer_kind("BatchNorm")(scale=m.affine, bias=m.affine, frozen=frozen)
    return "a kind this package does not know"


# -- Keras -----------------------------------------------------------------------------------


def from_keras(model, input_shape=None, *, strict=False) -> Model:
    """Our typed net for a Keras *model* (or a single layer).

    Parameters
    ----------
    model : keras.Model or keras.layers.Layer
    input_shape : tuple of int, optional
        One sample's shape without the batch axis (channels last, as Keras
        has it); read off the model when it was built with ``keras.Input``.
    strict : bool
        Raise a ValueError instead of warning when a layer is not understood.

    Returns
    -------
    Model
    """
    import keras

    if not isinstance(model, keras.layers.Layer):
        raise TypeError(f"from_keras reads a Keras model or layer, not {type(model).__name__}")
    leaves = list(_keras_leaves(model, "", True))
    reader = _Reader(_keras_input(model, leaves, input_shape))
    for name, layer, trainable in leaves:
        _read_keras(reader, name, layer, trainable)
    return reader.model(strict, type(model).__name__)


def _keras_leaves(layer, prefix, trainable):
    """``(name, layer, trainable)`` in order: the layers inside models."""
    inner = getattr(layer, "layers", None)
    name = f"{prefix}/{layer.name}" if prefix else layer.name
    trainable = trainable and layer.trainable
    if inner is not None and type(layer).__name__ not in ("SelfAttention", "TiedDense"):
        for child in inner:
            yield from _keras_leaves(child, name if prefix else "", trainable)
        return
    yield name, layer, trainable


def _keras_input(model, leaves, input_shape):
    first = next((layer for _, layer, _ in leaves
                  if type(layer).__name__ not in _NOTHING), None)
    tokens = type(first).__name__ == "Embedding"
    if input_shape is None:
        try:
            input_shape = tuple(model.input_shape)[1:]
        except (AttributeError, ValueError):
            return None
        if not input_shape or None in input_shape:
            return None
    return Shape(tuple(int(d) for d in input_shape), tokens=tokens)


def _read_keras(reader, name, layer, trainable):
    kind = type(layer).__name__
    weights = list(layer.weights)
    fresh = [w for w in weights if id(w) not in reader.owners]
    size = sum(_size(w) for w in fresh)
    for w in weights:
        reader.owners.setdefault(id(w), name)
    if kind in _NOTHING:
        return
    if reader.grown and not kind.startswith("Cropping"):
        reader.grown = False
        reader.skip(reader.layers[-1].to_text(), layer, 0,
                    "Keras makes this transposed convolution's output larger than the kernel "
                    "and stride say, when the kernel is smaller than the stride; the shapes "
                    "after it are not Keras's")
    ours = _keras_layer(reader, layer, kind, not trainable)
    if isinstance(ours, str):
        reader.skip(name, layer, size, ours)
        return
    if ours is None:
        return
    if len(fresh) < len(weights) and not getattr(ours[0], "tied", False):
        reader.skip(name, layer, size, "shares its weights with an earlier layer, counted there")
        return
    for one in ours:
        reader.add(one)


def _size(variable) -> int:
    n = 1
    for d in variable.shape:
        n *= int(d)
    return n


def _keras_layer(reader, layer, kind, frozen):
    """A tuple of our layers, None, or the reason it is not understood."""
    if kind == "TiedDense":  # the helper layer of our exported code
        return (kinds.Dense(layer.embedding.input_dim, bias=layer.use_bias, frozen=frozen,
                            tied=True),)
    if kind == "SelfAttention":  # the helper layer of our exported code
        return _keras_other(reader, layer.attention, "MultiHeadAttention", None, frozen)
    cfg = layer.get_config()
    act = cfg.get("activation")
    after = () if act in (None, "linear") else (
        (kinds.Activation(_ACTIVATIONS[act]),) if act in _ACTIVATIONS else None)
    if after is None:
        return f"activation {act!r} inside the layer"
    if kind == "Dense":
        return (kinds.Dense(cfg["units"], bias=cfg["use_bias"], frozen=frozen),) + after
    if kind.startswith(("Conv", "DepthwiseConv", "SeparableConv")):
        ours = _keras_conv(reader, kind, cfg, frozen)
        return ours if isinstance(ours, str) else (ours,) + after
    if kind.startswith(("MaxPooling", "AveragePooling")):
        size, stride = _collapse(cfg["pool_size"]), _collapse(cfg["strides"] or cfg["pool_size"])
        p = reader.padding(size, stride, cfg["padding"])
        if p is None:
            return "uneven padding"
        return (kinds.Pool(size, s=None if stride == size else stride, p=p,
                           mode="max" if kind.startswith("Max") else "avg"),)
    if kind.startswith(("GlobalAveragePooling", "GlobalMaxPooling")):
        if cfg.get("keepdims"):
            return "global pooling that keeps its axes"
        return (kinds.GlobalPool("avg" if "Average" in kind else "max"),)
    if kind == "Flatten":
        return (kinds.Flatten(),)
    if kind.endswith("Dropout"):
        return (kinds.Dropout(float(cfg["rate"])),)
    if kind in ("ReLU", "Softmax", "ELU", "LeakyReLU", "Activation"):
        word = _ACTIVATIONS.get(cfg.get("activation", kind)) if kind == "Activation" else (
            _ACTIVATIONS[kind])
        if kind == "ReLU" and (cfg.get("max_value") is not None or cfg.get("negative_slope")):
            return "ReLU with a cap or a slope"
        return (kinds.Activation(word),) if word else f"activation {cfg.get('activation')!r}"
    if kind.startswith("ZeroPadding"):
        pads = cfg["padding"]
        pads = (tuple(pads),) if kind == "ZeroPadding1D" else tuple(tuple(p) for p in pads)
        reader.pads = pads
        return None
    if kind.startswith("Cropping") and reader.layers and isinstance(reader.layers[-1],
                                                                    kinds.TransposedConv):
        cuts = cfg["cropping"]
        cuts = (tuple(cuts),) if kind == "Cropping1D" else tuple(tuple(c) for c in cuts)
        return _keras_crop(reader, cuts)
    return _keras_other(reader, layer, kind, cfg, frozen)


def _keras_conv(reader, kind, cfg, frozen):
    if _collapse(cfg.get("dilation_rate", 1)) != 1:
        return "dilation (not a kind of this package)"
    k, s = _collapse(cfg["kernel_size"]), _collapse(cfg["strides"])
    bias = cfg["use_bias"]
    if "Transpose" in kind:
        if cfg.get("output_padding") is not None:
            return "output_padding"
        if reader.pads is not None:
            return "padding before a transposed convolution"
        p = 0 if cfg["padding"] == "valid" else "same"
        # Keras makes n·s + max(k - s, 0) with "valid": past our (n - 1)·s + k when k < s,
        # unless a crop follows
        reader.grown = p == 0 and any(kk < st for kk, st in zip(cfg["kernel_size"],
                                                                 cfg["strides"]))
        return kinds.TransposedConv(cfg["filters"], k=k, s=s, p=p, bias=bias, frozen=frozen)
    p = reader.padding(k, s, cfg["padding"])
    if p is None:
        return "uneven padding"
    if kind.startswith("DepthwiseConv"):
        return kinds.DepthwiseConv(k=k, s=s, p=p, m=cfg["depth_multiplier"], bias=bias,
                                   frozen=frozen)
    if kind.startswith("SeparableConv"):
        return kinds.SeparableConv(cfg["filters"], k=k, s=s, p=p, m=cfg["depth_multiplier"],
                                   bias=bias, frozen=frozen)
    return kinds.Conv(cfg["filters"], k=k, s=s, p=p, g=cfg.get("groups", 1), bias=bias,
                      frozen=frozen)


def _keras_crop(reader, cuts):
    reader.grown = False
    last = reader.layers.pop()
    reader.shape = reader.previous
    options = dict(k=last.k, s=last.s, bias=last.bias, frozen=last.frozen)
    full = [n * st + max(kk - st, 0) for n, kk, st in zip(
        reader.shape.dims[:-1], _per_axis(last.k, len(cuts)), _per_axis(last.s, len(cuts)))]
    sides = [n - a - b for n, (a, b) in zip(full, cuts)]
    for p in sorted({a for a, _ in cuts}):
        candidate = kinds.TransposedConv(last.filters, p=p, **options)
        try:
            if list(candidate.output_shape(reader.shape).dims[:-1]) == sides:
                reader.add(candidate)
                return None
        except ShapeError:
            pass
    reader.add(last)
    return "cropping"


def _per_axis(value, rank):
    return value if isinstance(value, tuple) else (value,) * rank


def _keras_other(reader, layer, kind, cfg, frozen):
    if kind == "Bidirectional":
        inner = _keras_other(reader, layer.forward_layer, type(layer.forward_layer).__name__,
                             layer.forward_layer.get_config(), frozen)
        if isinstance(inner, str):
            return inner
        one = inner[0]
        return (type(one)(**{**one.__dict__, "bi": True}),)
    if kind in ("SimpleRNN", "LSTM", "GRU"):
        make = {"SimpleRNN": kinds.SimpleRNN, "LSTM": kinds.LSTM, "GRU": kinds.GRU}[kind]
        extra = {"reset_after": cfg["reset_after"]} if kind == "GRU" else {}
        return (make(cfg["units"], seq=cfg["return_sequences"], bias=cfg["use_bias"],
                     frozen=frozen, **extra),)
    if kind == "Embedding" and _layer_kind("Embedding"):
        return (_layer_kind("Embedding")(cfg["input_dim"], cfg["output_dim"], frozen=frozen),)
    if kind == "MultiHeadAttention" and _layer_kind("Attention"):
        mha = layer
        c = mha.get_config()
        value = None if c["value_dim"] in (None, c["key_dim"]) else c["value_dim"]
        own = reader.shape is None or c["key_dim"] != reader.shape.features // c["num_heads"]
        return (_layer_kind("Attention")(c["num_heads"], head_dim=c["key_dim"] if own else None,
                                         value_dim=value, bias=c["use_bias"],
                                         frozen=frozen or not mha.trainable),)
    if kind == "LayerNormalization" and _layer_kind("LayerNorm"):
        return (_layer_kind("LayerNorm")(scale=cfg["scale"], bias=cfg["center"],
                                         frozen=frozen),)
    if kind == "BatchNormalization" and _layer_kind("BatchNorm"):
        return (_layer_kind("BatchNorm")(scale=cfg["scale"], bias=cfg["center"],
                                         frozen=frozen),)
    return "a kind this package does not know"
