"""Multi-head attention against the frameworks: the counts of PyTorch's and
Keras' own layers over random configurations, built from the options and from
our own code text, and that code run on its input (slow: imports torch and
keras; the mutation run leaves it out)."""
import math
import random

from nnparams_edu.layers import Attention, Shape

from .frameworks import torch_counts
from .test_attention import CONFIGS, random_attention

def test_pytorch_counts_random_configurations(nn):
    rng = random.Random(1)
    for _ in range(CONFIGS):
        layer, seq = random_attention(rng, torch_only=True)
        e = seq.features
        module = nn.MultiheadAttention(e, layer.heads, bias=layer.bias, kdim=layer.kdim,
                                       vdim=layer.vdim).requires_grad_(not layer.frozen)
        ours = (layer.count(seq, "pytorch"),
                sum(p.count for p in layer.parts(seq, "pytorch") if p.trainable))
        assert torch_counts(module) == ours, layer
        namespace = {"nn": nn}
        exec(f"module = {layer.torch_code(seq)}", namespace)
        assert torch_counts(namespace["module"]) == ours, layer.torch_code(seq)


def _keras_build(layer, seq, kdim, vdim):
    """Build a Keras attention layer on query, value and key shapes (batch None)."""
    steps = seq.dims[0]
    layer.build((None, steps, seq.features), (None, steps + 1, vdim), (None, steps + 1, kdim))
    trainable = sum(math.prod(v.shape) for v in layer.trainable_weights)
    return layer.count_params(), trainable


def test_keras_counts_random_configurations(keras):
    rng = random.Random(2)
    for _ in range(CONFIGS):
        layer, seq = random_attention(rng)
        d, dv = layer.head_sizes(seq)
        kdim = layer.kdim or seq.features
        vdim = layer.vdim or seq.features
        theirs = keras.layers.MultiHeadAttention(num_heads=layer.heads, key_dim=d,
                                                 value_dim=dv, use_bias=layer.bias,
                                                 trainable=not layer.frozen)
        ours = (layer.count(seq, "keras"),
                sum(p.count for p in layer.parts(seq, "keras") if p.trainable))
        assert _keras_build(theirs, seq, kdim, vdim) == ours, layer
        namespace = {"layers": keras.layers}
        exec(f"made = {layer.keras_code(seq)}", namespace)
        assert _keras_build(namespace["made"], seq, kdim, vdim) == ours, layer.keras_code(seq)


def test_keras_self_attention_called_on_query_and_value(keras):
    # the way the layer is used in a model: attn(x, x); E = 12, 3 heads of 4:
    # 4 · (12·12 + 12) = 624
    layer = Attention(3)
    x = keras.Input((5, 12))
    made = _keras_from_code(keras, layer.keras_code(Shape((5, 12))))
    assert made(x, x).shape == (None, 5, 12)
    assert made.count_params() == 624


def _keras_from_code(keras, code):
    namespace = {"layers": keras.layers}
    exec(f"made = {code}", namespace)
    return namespace["made"]


def test_torch_code_runs_on_its_input(torch, nn):
    # batch first: (N, steps, E) queries; keys of 5 features and values of 7 at 4 steps
    layer, seq = Attention(2, kdim=5, vdim=7), Shape((3, 6))
    namespace = {"nn": nn}
    exec(f"module = {layer.torch_code(seq)}", namespace)
    out, _ = namespace["module"](torch.randn(2, 3, 6), torch.randn(2, 4, 5),
                                 torch.randn(2, 4, 7))
    assert tuple(out.shape) == (2, 3, 6)
