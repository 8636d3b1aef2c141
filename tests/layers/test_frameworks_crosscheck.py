"""Our counts and shapes of the conv, pooling and dense kinds against the frameworks.

For each kind, 200 seeded random configurations (tiny sizes). Each is built
twice in each framework: once DIRECTLY here from the layer's options with
torch.nn / keras.layers (the independent reference), and once by running our
own ``torch_code`` / ``keras_code`` text. Both must have our count, our
trainable count (0 for a frozen layer) and, where the framework can say it,
our output shape.
"""
import math
import random

import pytest

from .frameworks import torch_numel
from .randoms import LAYERS, random_layer_case

CONFIGS = 200
KINDS = list(LAYERS)


def _padding(layer):
    p = getattr(layer, "p", 0)
    return 0 if p in ("valid", "same") else p


def torch_direct(nn, layer, shape):
    """The PyTorch module of *layer*, written from its options (not from torch_code)."""
    d, c = shape.rank - 1, shape.features
    name = type(layer).__name__
    if name == "Dense":
        return nn.Linear(c, layer.units, bias=layer.bias)
    if name == "Pool":
        pool = getattr(nn, f"{layer.mode.capitalize()}Pool{d}d")
        return pool(layer.size, stride=layer.s or layer.size, padding=_padding(layer))
    conv = getattr(nn, f"Conv{d}d")
    if name == "Conv":
        return conv(c, layer.filters, layer.k, stride=layer.s, padding=_padding(layer),
                    groups=layer.g, bias=layer.bias)
    if name == "TransposedConv":
        return getattr(nn, f"ConvTranspose{d}d")(c, layer.filters, layer.k, stride=layer.s,
                                                 padding=_padding(layer), groups=layer.g,
                                                 bias=layer.bias)
    if name == "DepthwiseConv":
        return conv(c, c * layer.m, layer.k, stride=layer.s, padding=_padding(layer), groups=c,
                    bias=layer.bias)
    assert name == "SeparableConv", name
    return nn.Sequential(conv(c, c * layer.m, layer.k, stride=layer.s, padding=_padding(layer),
                              groups=c, bias=False),
                         conv(c * layer.m, layer.filters, 1, bias=layer.bias))


def keras_direct(layers, layer, shape):
    """The Keras layer of *layer*, written from its options (not from keras_code)."""
    d = shape.rank - 1
    name = type(layer).__name__
    if name == "Dense":
        return layers.Dense(layer.units, use_bias=layer.bias)
    padding = "same" if layer.p == "same" else "valid"
    if name == "Pool":
        pool = {"max": "MaxPooling", "avg": "AveragePooling"}[layer.mode]
        return getattr(layers, f"{pool}{d}D")(layer.size, strides=layer.s, padding=padding)
    common = dict(strides=layer.s, padding=padding, use_bias=layer.bias)
    if name == "Conv":
        return getattr(layers, f"Conv{d}D")(layer.filters, layer.k, groups=layer.g, **common)
    if name == "TransposedConv":
        return getattr(layers, f"Conv{d}DTranspose")(layer.filters, layer.k, **common)
    if name == "DepthwiseConv":
        return getattr(layers, f"DepthwiseConv{d}D")(layer.k, depth_multiplier=layer.m, **common)
    assert name == "SeparableConv", name
    return getattr(layers, f"SeparableConv{d}D")(layer.filters, layer.k,
                                                 depth_multiplier=layer.m, **common)


def _torch_pads_inside(layer):
    """PyTorch's pooling takes at most half a window of padding."""
    if type(layer).__name__ != "Pool":
        return True
    sizes = layer.size if isinstance(layer.size, tuple) else (layer.size,)
    return all(_padding(layer) <= k // 2 for k in sizes)


def _torch_dims(layer, dims):
    """*dims* in the order the layer's PyTorch module reads: convolutions
    channels first, Linear features last (as our shapes)."""
    first = type(layer).__name__ != "Dense"
    return dims[-1:] + dims[:-1] if first and len(dims) > 1 else dims


@pytest.mark.parametrize("kind", KINDS)
def test_torch_agrees_on_every_random_configuration(kind, torch, nn, one_thread):
    rng = random.Random(f"torch {kind}")
    mismatches = []
    for _ in range(CONFIGS):
        layer, shape = random_layer_case(rng, kind)
        ours, out = layer.count(shape, "pytorch"), layer.output_shape(shape)
        direct = torch_direct(nn, layer, shape)
        scope = {"nn": nn}
        exec(f"module = {layer.torch_code(shape)}", scope)  # our own generated code
        coded = scope["module"]
        x = torch.zeros((1,) + _torch_dims(layer, shape.dims))
        got = {"direct": torch_numel(direct), "code": torch_numel(coded),
               "code trainable": sum(p.numel() for p in coded.parameters() if p.requires_grad),
               "code shape": tuple(coded(x).shape[1:])}
        want = {"direct": ours, "code": ours,
                "code trainable": 0 if getattr(layer, "frozen", False) else ours,
                "code shape": _torch_dims(layer, out.dims)}
        if getattr(layer, "p", "same") != "same" and _torch_pads_inside(layer):
            got["direct shape"] = tuple(direct(x).shape[1:])
            want["direct shape"] = want["code shape"]
        if got != want:
            mismatches.append((str(layer), str(shape), got, want))
    assert not mismatches, f"{len(mismatches)} of {CONFIGS} differ, e.g. {mismatches[:3]}"


@pytest.mark.parametrize("kind", KINDS)
def test_keras_agrees_on_every_random_configuration(kind, keras):
    rng = random.Random(f"keras {kind}")
    mismatches = []
    for _ in range(CONFIGS):
        layer, shape = random_layer_case(rng, kind, keras=True)
        ours, out = layer.count(shape, "keras"), layer.output_shape(shape)
        batch = (None,) + shape.dims
        direct = keras_direct(keras.layers, layer, shape)
        padded = batch if _padding(layer) == 0 or "Transposed" in type(layer).__name__ else (
            (None,) + tuple(n + 2 * layer.p for n in shape.dims[:-1]) + (shape.features,))
        direct.build(padded)
        scope = {"keras": keras, "layers": keras.layers}
        exec(f"made = {layer.keras_code(shape)}", scope)  # our own generated code
        coded = scope["made"]
        coded.build(batch)
        got = {"direct": direct.count_params(), "code": coded.count_params(),
               "code trainable": sum(math.prod(v.shape) for v in coded.trainable_weights),
               "code shape": tuple(coded.compute_output_shape(batch))[1:]}
        want = {"direct": ours, "code": ours,
                "code trainable": 0 if getattr(layer, "frozen", False) else ours,
                "code shape": out.dims}
        if padded is batch and not (type(layer).__name__ == "TransposedConv"
                                    and layer.p != "same"):
            got["direct shape"] = tuple(direct.compute_output_shape(batch))[1:]
            want["direct shape"] = out.dims
        if got != want:
            mismatches.append((str(layer), str(shape), got, want))
    assert not mismatches, f"{len(mismatches)} of {CONFIGS} differ, e.g. {mismatches[:3]}"
