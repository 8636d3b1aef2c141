"""Layer and batch normalisation against the frameworks: the counts of
PyTorch's and Keras' own layers over random configurations, built from the
options and from our own code text, and BatchNorm's code run channels first
(slow: imports torch and keras; the mutation run leaves it out)."""
import math
import random

import pytest

from nnparams_edu.layers import BatchNorm, LayerNorm, Shape

from .frameworks import torch_counts
from .test_norm import CONFIGS, KINDS, random_norm, trainable_count

def torch_norm(nn, layer, shape):
    """The PyTorch module for *layer*, built here from its options."""
    f = shape.features
    if isinstance(layer, LayerNorm):
        module = nn.LayerNorm(f, elementwise_affine=layer.scale, bias=layer.bias)
    else:
        batchnorm = nn.BatchNorm2d if shape.rank == 3 else nn.BatchNorm1d
        module = batchnorm(f, affine=layer.scale)
    return module.requires_grad_(not layer.frozen)


@pytest.mark.parametrize("kind", KINDS)
def test_pytorch_counts_random_configurations(nn, kind):
    rng = random.Random(3)
    for _ in range(CONFIGS):
        layer, shape = random_norm(rng, kind, torch_only=True)
        ours = layer.count(shape, "pytorch"), trainable_count(layer, shape, "pytorch")
        assert torch_counts(torch_norm(nn, layer, shape)) == ours, (layer, shape)
        namespace = {"nn": nn}
        exec(f"module = {layer.torch_code(shape)}", namespace)
        assert torch_counts(namespace["module"]) == ours, layer.torch_code(shape)


def keras_built(layer, shape):
    """Keras' ``(count_params, trainable count)`` of *layer* built on *shape*."""
    layer.build((None,) + shape.dims)
    return layer.count_params(), sum(math.prod(v.shape) for v in layer.trainable_weights)


@pytest.mark.parametrize("kind", KINDS)
def test_keras_counts_random_configurations(keras, kind):
    rng = random.Random(4)
    make = {LayerNorm: keras.layers.LayerNormalization,
            BatchNorm: keras.layers.BatchNormalization}[kind]
    for _ in range(CONFIGS):
        layer, shape = random_norm(rng, kind)
        ours = layer.count(shape, "keras"), trainable_count(layer, shape, "keras")
        theirs = make(center=layer.bias, scale=layer.scale, trainable=not layer.frozen)
        assert keras_built(theirs, shape) == ours, (layer, shape)
        namespace = {"layers": keras.layers}
        exec(f"made = {layer.keras_code(shape)}", namespace)
        assert keras_built(namespace["made"], shape) == ours, layer.keras_code(shape)


@pytest.mark.parametrize("dims", [(6,), (5, 6), (4, 5, 6)])
def test_torch_code_runs_on_its_input_channels_first(torch, nn, dims):
    # PyTorch wants (N, C), (N, C, L) or (N, C, H, W): the channels-last shape permuted
    shape = Shape(dims)
    namespace = {"nn": nn}
    exec(f"module = {BatchNorm().torch_code(shape)}", namespace)
    x = torch.randn((2, dims[-1]) + dims[:-1])
    assert namespace["module"](x).shape == x.shape
