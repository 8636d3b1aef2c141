"""Recurrent layers against the frameworks: over random configurations, the
counts PyTorch and Keras report for layers built from the options and for our
own code text (slow: imports torch and keras; the mutation run leaves it out)."""
import random

import pytest

from nnparams_edu.layers import GRU, LSTM, Shape, SimpleRNN

from .frameworks import exec_code, keras_built_counts, our_counts, torch_numel

CONFIGS = 200  # per kind


def _configs(cls, seed):
    rng = random.Random(seed)
    for _ in range(CONFIGS):
        options = dict(units=rng.randint(1, 5), layers=rng.randint(1, 3), bi=rng.random() < 0.5,
                       seq=rng.random() < 0.3, bias=rng.random() < 0.7,
                       frozen=rng.random() < 0.15)
        if cls is GRU:
            options["reset_after"] = rng.random() < 0.5
        yield cls(**options), Shape((rng.randint(1, 4), rng.randint(1, 6)))


KINDS = [(SimpleRNN, "RNN", "SimpleRNN"), (LSTM, "LSTM", "LSTM"), (GRU, "GRU", "GRU")]


def _torch_trainable(module):
    return sum(p.numel() for p in module.parameters() if p.requires_grad)


@pytest.mark.parametrize("cls, torch_name, keras_name", KINDS)
def test_pytorch_counts(nn, cls, torch_name, keras_name):
    mismatches = []
    for layer, shape in _configs(cls, seed=1):
        module = getattr(nn, torch_name)(shape.features, layer.units, num_layers=layer.layers,
                                         bias=layer.bias, bidirectional=layer.bi,
                                         batch_first=True)
        if layer.frozen:
            module.requires_grad_(False)
        ours = our_counts(layer, shape, "pytorch")
        theirs = (torch_numel(module), _torch_trainable(module))
        code = exec_code(layer.torch_code(shape), nn=nn)
        from_code = (torch_numel(code), _torch_trainable(code))
        if not ours == theirs == from_code:
            mismatches.append((layer.to_text(), str(shape), ours, theirs, from_code))
    assert mismatches == []


def _keras_direct(keras, layer, shape):
    """Keras layers built straight from the options (Keras stacks by repeating)."""
    cls = getattr(keras.layers, {SimpleRNN: "SimpleRNN", LSTM: "LSTM", GRU: "GRU"}[type(layer)])
    out = []
    for i in range(layer.layers):
        options = dict(use_bias=layer.bias,
                       return_sequences=layer.seq or i < layer.layers - 1)
        if isinstance(layer, GRU):
            options["reset_after"] = layer.reset_after
        made = cls(layer.units, **options)
        if layer.bi:
            made = keras.layers.Bidirectional(made)
        made.trainable = not layer.frozen
        out.append(made)
    return out


@pytest.mark.parametrize("cls, torch_name, keras_name", KINDS)
def test_keras_counts(keras, one_thread, cls, torch_name, keras_name):
    mismatches = []
    for layer, shape in _configs(cls, seed=2):
        ours = our_counts(layer, shape, "keras") + (layer.output_shape(shape).dims,)
        theirs = keras_built_counts(_keras_direct(keras, layer, shape), shape)
        from_code = keras_built_counts(exec_code(layer.keras_code(shape),
                                                   layers=keras.layers), shape)
        if not ours == theirs == from_code:
            mismatches.append((layer.to_text(), str(shape), ours, theirs, from_code))
    assert mismatches == []
