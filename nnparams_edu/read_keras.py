"""Reading a Keras model into a typed net (see :mod:`nnparams_edu.frameworks`).

Keras is imported only when :func:`from_keras` is called.
"""
from __future__ import annotations

from . import layers as kinds
from .layers.base import Shape, ShapeError
from .model import Model
from .model_reader import ACTIVATION_WORDS, PASS_THROUGH, Reader, collapse, layer_kind

__all__ = ["from_keras"]


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
    reader = Reader(_keras_input(model, leaves, input_shape))
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
                  if type(layer).__name__ not in PASS_THROUGH), None)
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
    if kind in PASS_THROUGH:
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
        (kinds.Activation(ACTIVATION_WORDS[act]),) if act in ACTIVATION_WORDS else None)
    if after is None:
        return f"activation {act!r} inside the layer"
    if kind == "Dense":
        return (kinds.Dense(cfg["units"], bias=cfg["use_bias"], frozen=frozen),) + after
    if kind.startswith(("Conv", "DepthwiseConv", "SeparableConv")):
        ours = _keras_conv(reader, kind, cfg, frozen)
        return ours if isinstance(ours, str) else (ours,) + after
    if kind.startswith(("MaxPooling", "AveragePooling")):
        size, stride = collapse(cfg["pool_size"]), collapse(cfg["strides"] or cfg["pool_size"])
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
        word = ACTIVATION_WORDS.get(cfg.get("activation", kind)) if kind == "Activation" else (
            ACTIVATION_WORDS[kind])
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
    if collapse(cfg.get("dilation_rate", 1)) != 1:
        return "dilation (not a kind of this package)"
    k, s = collapse(cfg["kernel_size"]), collapse(cfg["strides"])
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
    last = reader.pop()
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
    if kind == "Embedding" and layer_kind("Embedding"):
        return (layer_kind("Embedding")(cfg["input_dim"], cfg["output_dim"], frozen=frozen),)
    if kind == "MultiHeadAttention" and layer_kind("Attention"):
        mha = layer
        c = mha.get_config()
        value = None if c["value_dim"] in (None, c["key_dim"]) else c["value_dim"]
        own = reader.shape is None or c["key_dim"] != reader.shape.features // c["num_heads"]
        return (layer_kind("Attention")(c["num_heads"], head_dim=c["key_dim"] if own else None,
                                         value_dim=value, bias=c["use_bias"],
                                         frozen=frozen or not mha.trainable),)
    if kind == "LayerNormalization" and layer_kind("LayerNorm"):
        return (layer_kind("LayerNorm")(scale=cfg["scale"], bias=cfg["center"],
                                         frozen=frozen),)
    if kind == "BatchNormalization" and layer_kind("BatchNorm"):
        return (layer_kind("BatchNorm")(scale=cfg["scale"], bias=cfg["center"],
                                         frozen=frozen),)
    return "a kind this package does not know"
