"""Reading a PyTorch module into a typed net (see :mod:`nnparams_edu.frameworks`).

PyTorch is imported only when :func:`from_torch` is called.
"""
from __future__ import annotations

from . import layers as kinds
from .layers.base import Shape
from .model import Model
from .model_reader import ACTIVATION_WORDS, PASS_THROUGH, Reader, collapse, layer_kind

__all__ = ["from_torch"]

#: The helper modules of our exported code around a recurrent or attention module.
_HELPERS = ("LastStep", "Sequences", "SelfAttention")


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
    reader = Reader(_torch_input(leaves, input_shape))
    for name, leaf, context in leaves:
        _read_torch(reader, name, leaf, context)
    return reader.model(strict, f"{type(module).__name__}")


def _torch_leaves(module, prefix):
    """``(name, module, context)`` for every module to read, in order: the
    children of containers and of unknown modules, recursively. *context* is
    the name of our export's helper around a recurrent or attention module,
    "own parameters" for a module's parameters outside its children, or None."""
    children = list(module.named_children())
    own = type(module).__name__
    if own in _HELPERS:
        name, inner = children[0]
        yield (f"{prefix}.{name}" if prefix else name), inner, own
        return
    if not children or own == "MultiheadAttention":
        yield prefix or own, module, None
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
    return (kind in PASS_THROUGH or kind in ACTIVATION_WORDS and kind != "Softmax" or "Pad" in kind
            or kind.startswith("Dropout"))


def _frozen(module) -> bool:
    params = list(module.parameters())
    return bool(params) and not any(p.requires_grad for p in params)


def _read_torch(reader, name, m, context):
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
    if kind in PASS_THROUGH:
        return
    layer = _torch_layer(reader, m, kind, context)
    if isinstance(layer, str):
        reader.skip(name, m, sum(p.numel() for p in fresh), layer)
        return
    if shared:
        embed = layer_kind("Embedding")
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


def _torch_layer(reader, m, kind, context):
    """Our layer for module *m*, None for one that adds nothing, or the reason
    it is not understood (a str)."""
    frozen = _frozen(m)
    if kind == "Linear":
        return kinds.Dense(m.out_features, bias=m.bias is not None, frozen=frozen)
    if kind in ("Conv1d", "Conv2d", "ConvTranspose1d", "ConvTranspose2d"):
        return _torch_conv(reader, m, kind, frozen)
    if kind in ("MaxPool1d", "MaxPool2d", "AvgPool1d", "AvgPool2d"):
        if m.ceil_mode or collapse(getattr(m, "dilation", 1)) != 1:
            return "ceil_mode or dilation in pooling"
        kernel, stride = collapse(m.kernel_size), collapse(m.stride or m.kernel_size)
        rank = len(reader.shape.dims) - 1 if reader.shape else 1
        own = m.padding if isinstance(m.padding, tuple) else (m.padding,) * rank
        p = reader.padding(kernel, stride, own)
        if p is None:
            return "uneven padding"
        return kinds.Pool(kernel, s=None if stride == kernel else stride, p=p,
                          mode="max" if kind.startswith("Max") else "avg")
    if kind.startswith(("AdaptiveAvgPool", "AdaptiveMaxPool")):
        if collapse(m.output_size) != 1:
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
    if kind in ACTIVATION_WORDS:
        return kinds.Activation(ACTIVATION_WORDS[kind])
    if kind in ("ZeroPad1d", "ZeroPad2d", "ConstantPad1d", "ConstantPad2d"):
        return _torch_pad(reader, m)
    if kind in ("RNN", "LSTM", "GRU"):
        return _torch_recurrent(reader, m, kind, context, frozen)
    return _torch_other(m, kind, frozen)


def _torch_conv(reader, m, kind, frozen):
    if collapse(m.dilation) != 1:
        return "dilation (not a kind of this package)"
    k, s = collapse(m.kernel_size), collapse(m.stride)
    bias = m.bias is not None
    if kind.startswith("ConvTranspose"):
        if reader.pads is not None:
            return "padding before a transposed convolution"
        extra = tuple(m.output_padding)
        p = collapse(m.padding) if not any(extra) else None
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
    """Fold a crop after a transposed convolution (*last*) into its padding:
    the same crop on every side is a numeric padding; a crop that keeps n·s
    is "same"."""
    reader.pop()
    options = dict(k=last.k, s=last.s, g=last.g, bias=last.bias, frozen=last.frozen)
    cut = {n for pair in cuts for n in pair}
    if last.p == 0 and len(cut) == 1:
        reader.add(kinds.TransposedConv(last.filters, p=cut.pop(), **options))
        return None
    same = kinds.TransposedConv(last.filters, p="same", **options)
    grown = last.output_shape(reader.shape).dims[:-1]
    sides = tuple(n - a - b for n, (a, b) in zip(grown, cuts))
    reader.add(same if last.p == 0 and sides == same.output_shape(reader.shape).dims[:-1]
               else last)
    return None if reader.layers[-1] is same else "cropping"


def _torch_recurrent(reader, m, kind, context, frozen):
    if getattr(m, "proj_size", 0):
        return "LSTM with proj_size"
    make = {"RNN": kinds.SimpleRNN, "LSTM": kinds.LSTM, "GRU": kinds.GRU}[kind]
    _sequences_for(reader)
    return make(m.hidden_size, layers=m.num_layers, bi=m.bidirectional, seq=context == "Sequences",
                bias=m.bias, frozen=frozen)


def _sequences_for(reader):
    """A recurrent layer read before another sequence layer gave its sequence."""
    last = reader.layers[-1] if reader.layers else None
    if last is not None and hasattr(last, "seq") and not last.seq:
        reader.pop()
        reader.add(type(last)(**{**last.__dict__, "seq": True}))


def _torch_other(m, kind, frozen):
    if kind == "Embedding":
        return layer_kind("Embedding")(m.num_embeddings, m.embedding_dim, frozen=frozen)
    if kind == "MultiheadAttention" and layer_kind("Attention"):
        e = m.embed_dim
        kdim = None if m.kdim == e else m.kdim
        vdim = None if m.vdim == e else m.vdim
        return layer_kind("Attention")(m.num_heads, kdim=kdim, vdim=vdim,
                                        bias=m.in_proj_bias is not None, frozen=frozen)
    if kind == "LayerNorm" and layer_kind("LayerNorm"):
        if len(m.normalized_shape) != 1:
            return "layer normalisation over more than the last axis"
        return layer_kind("LayerNorm")(scale=m.elementwise_affine,
                                        bias=getattr(m, "bias", None) is not None,
                                        frozen=frozen)
    if kind in ("BatchNorm1d", "BatchNorm2d") and layer_kind("BatchNorm"):
        return layer_kind("BatchNorm")(scale=m.affine, bias=m.affine, frozen=frozen)
    return "a kind this package does not know"
