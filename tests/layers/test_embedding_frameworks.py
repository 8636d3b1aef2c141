"""Embeddings and tied output layers against the frameworks: the counts
PyTorch and Keras report for random tables, built from the options and from
our own code text (slow: imports torch and keras; the mutation run leaves it out)."""
import random

from nnparams_edu import model_breakdown
from nnparams_edu.layers import Embedding

from .frameworks import exec_code, keras_built_counts, our_counts, torch_numel
from .test_embedding import WORDS

CONFIGS = 200


def _configs(seed):
    rng = random.Random(seed)
    for _ in range(CONFIGS):
        yield Embedding(rng.randint(1, 300), rng.randint(1, 40), frozen=rng.random() < 0.2)


def test_pytorch_counts(nn):
    mismatches = []
    for layer in _configs(seed=1):
        module = nn.Embedding(layer.vocabulary, layer.dim)
        module.requires_grad_(not layer.frozen)
        trainable = sum(p.numel() for p in module.parameters() if p.requires_grad)
        code = exec_code(layer.torch_code(WORDS), nn=nn)
        code_trainable = sum(p.numel() for p in code.parameters() if p.requires_grad)
        ours = our_counts(layer, WORDS, "pytorch")
        if not ours == (torch_numel(module), trainable) == (torch_numel(code), code_trainable):
            mismatches.append((layer.to_text(), ours))
    assert mismatches == []


def test_keras_counts(keras):
    mismatches = []
    for layer in _configs(seed=2):
        made = keras.layers.Embedding(layer.vocabulary, layer.dim)
        made.trainable = not layer.frozen
        theirs = keras_built_counts(made, WORDS)
        from_code = keras_built_counts(exec_code(layer.keras_code(WORDS),
                                                   layers=keras.layers), WORDS)
        ours = our_counts(layer, WORDS, "keras") + (layer.output_shape(WORDS).dims,)
        if not ours == theirs == from_code:
            mismatches.append((layer.to_text(), ours, theirs, from_code))
    assert mismatches == []


def test_pytorch_counts_a_tied_table_once(nn):
    rng = random.Random(3)
    mismatches = []
    for _ in range(CONFIGS):
        vocabulary, dim, bias = rng.randint(1, 300), rng.randint(1, 40), rng.random() < 0.7
        embed, head = nn.Embedding(vocabulary, dim), nn.Linear(dim, vocabulary, bias=bias)
        head.weight = embed.weight  # the tie: one tensor, counted once by parameters()
        ours = model_breakdown(f"in 5 tokens | embed {vocabulary} {dim} | dense {vocabulary} "
                               f"tied{'' if bias else ' nobias'}", convention="pytorch").total
        if ours != torch_numel(nn.ModuleList([embed, head])):
            mismatches.append((vocabulary, dim, bias, ours))
    assert mismatches == []
