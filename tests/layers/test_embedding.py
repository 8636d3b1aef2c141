"""Embeddings and tied output layers: counts worked by hand, shapes, slips,
text and the code text for PyTorch and Keras; fast, without a framework (the
frameworks' own counts: test_embedding_frameworks.py)."""
import random
import re

import pytest

from nnparams_edu import format_model, model_breakdown, parse_model
from nnparams_edu.layers import Dense, Embedding, Shape, ShapeError
from nnparams_edu.model import Model

WORDS = Shape((20,), tokens=True)


@pytest.mark.parametrize("layer, count, formula", [
    (Embedding(1000, 64), 64000, "1,000 × 64 = 64,000"),  # 1,000·64
    (Embedding(50257, 768), 38597376, "50,257 × 768 = 38,597,376"),  # GPT-2's table
    (Embedding(3, 1), 3, "3 × 1 = 3"),
])
def test_counts_worked_by_hand(layer, count, formula):
    for convention in ("keras", "pytorch"):
        assert layer.count(WORDS, convention) == count
        assert layer.formula(WORDS, convention) == formula
    assert [p.role for p in layer.parts(WORDS)] == ["weight"]


def test_shapes():
    assert Embedding(1000, 64).output_shape(WORDS).dims == (20, 64)
    m = parse_model("in 7 tokens | embed 100 8 | lstm 16 | dense 2")
    assert [s.dims for s in m.shapes] == [(7,), (7, 8), (16,), (2,)]


@pytest.mark.parametrize("text, error, message", [
    ("in 20x8 | embed 1000 64", ShapeError, "layer 1 (embed 1000 64) gets 20×8 from the input: "
                                            "embed 1000 64 reads token ids (e.g. in 20 tokens), "
                                            "got 20×8"),
    ("in 784 | embed 10 4", ShapeError, "embed 10 4 reads token ids (e.g. in 784 tokens), got 784"),
    ("in 28x28x1 | embed 10 4", ShapeError, "got 28×28×1"),
    ("in 5 tokens | embed 10 4 | embed 10 4", ShapeError,
     "layer 2 (embed 10 4) gets 5×4 from layer 1"),
    ("in 5 tokens | embed 0 4", ValueError, "vocabulary of an embedding is 0"),
    ("in 5 tokens | embed 10", ValueError, "embed needs its dim"),
    ("in 5 tokens | embed 10 4 nobias", ValueError, "unknown option 'nobias'"),
])
def test_refused_with_layer_shape_and_rule_named(text, error, message):
    with pytest.raises(error, match=re.escape(message)):
        parse_model(text)


def test_slips_worked_by_hand():
    slips = {s.name: s.count for s in Embedding(1000, 64).slips(WORDS)}
    # with a bias per dimension: 64,000 + 64; plus instead of times: 1,000 + 64;
    # the table once per token of the 20: 20·64,000
    assert slips == {"embedding counted with a bias": 64064, "vocabulary + dimension": 1064,
                     "embedding counted once per token": 1_280_000}
    # 2 × 2 = 2 + 2: that slip gives the right count and is left out
    assert [s.name for s in Embedding(2, 2).slips(WORDS)] == [
        "embedding counted with a bias", "embedding counted once per token"]
    # one token: once per token is the right count, left out too
    assert "embedding counted once per token" not in [
        s.name for s in Embedding(1000, 64).slips(Shape((1,), tokens=True))]
    for slip in Embedding(1000, 64).slips(WORDS):
        assert "64,000" not in slip.hint and "64000" not in slip.hint


# -- the tied output layer ---------------------------------------------------------

TIED = "in 20 tokens | embed 1000 64 | dense 1000 tied"


def test_tied_layer_counts_only_its_bias():
    b = model_breakdown(TIED)
    # table 1,000·64 = 64,000 once; the tied layer adds its 1,000 biases
    assert [(r.weights, r.biases, r.total) for r in b.rows] == [(64000, 0, 64000),
                                                                 (0, 1000, 1000)]
    assert b.total == 65000 and b.other().total == 65000
    assert b.rows[1].formula == "64 × 1,000 shared with layer 1; bias 1,000 = 1,000"
    row = b.to_text().splitlines()[2].split()
    assert row[:5] == ["2", "dense", "1000", "tied", "20×64"] and row[6:8] == ["shared", "1,000"]
    assert model_breakdown(TIED + " nobias").total == 64000
    # an untied output layer: 64,000 + (64 + 1)·1,000 = 129,000
    assert model_breakdown(TIED.replace(" tied", "")).total == 129000


def test_tied_slip_counts_the_table_twice():
    slips = Dense(1000, tied=True).slips(Shape((20, 64)))
    assert [(s.name, s.count) for s in slips] == [("tied embedding counted twice", 65000)]
    assert "tied embedding counted twice" not in [s.name for s in Dense(1000).slips(Shape((20, 64)))]


@pytest.mark.parametrize("text, message", [
    ("in 20 tokens | embed 1000 64 | dense 999 tied",
     "layer 2 (dense 999 tied) cannot share the table of layer 1 (embed 1000 64): a tied layer "
     "needs units = vocabulary (999 vs 1000) and input features = dimension (64 vs 64)"),
    ("in 20 tokens | embed 1000 64 | gru 32 | dense 1000 tied",
     "layer 3 (dense 1000 tied) cannot share the table of layer 1 (embed 1000 64)"
     ": a tied layer needs units = vocabulary (1000 vs 1000) and input features = dimension "
     "(32 vs 64)"),
    ("in 20 | dense 5 tied", "layer 1 (dense 5 tied) is tied, but no embedding comes before it"),
])
def test_tie_that_does_not_fit(text, message):
    with pytest.raises(ShapeError, match=re.escape(message)):
        parse_model(text)


def test_text_round_trip_over_random_configurations():
    rng = random.Random(16)
    for _ in range(300):
        vocabulary, dim = rng.randint(1, 99), rng.randint(1, 99)
        layers = [Embedding(vocabulary, dim, frozen=rng.random() < 0.3)]
        if rng.random() < 0.5:
            layers.append(Dense(vocabulary, tied=True, bias=rng.random() < 0.5,
                                frozen=rng.random() < 0.3))
        m = Model(Shape((rng.randint(1, 50),), tokens=True), tuple(layers))
        text = format_model(m)
        assert parse_model(text) == m, text


def test_a_frozen_table_is_not_trained():
    # 100 × 8 = 800 weights, none trained
    assert [(p.count, p.trainable) for p in Embedding(100, 8, frozen=True).parts(WORDS)] == [
        (800, False)]
    assert [p.trainable for p in Embedding(100, 8).parts(WORDS)] == [True]
    b = model_breakdown("in 20 tokens | embed 100 8 frozen")
    assert (b.total, b.trainable) == (800, 0)


# -- the code text for the frameworks (written from their signatures, no import) --------
# nn.Embedding(num_embeddings, embedding_dim); layers.Embedding(input_dim, output_dim)

@pytest.mark.parametrize("layer, torch, keras", [
    (Embedding(1000, 64), "nn.Embedding(1000, 64)", "layers.Embedding(1000, 64)"),
    (Embedding(7, 3, frozen=True), "nn.Embedding(7, 3).requires_grad_(False)",
     "layers.Embedding(7, 3, trainable=False)"),
])
def test_code_text(layer, torch, keras):
    assert layer.torch_code(WORDS) == torch
    assert layer.keras_code(WORDS) == keras
