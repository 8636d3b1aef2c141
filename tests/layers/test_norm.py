"""Layer and batch normalisation: counts worked by hand under both
conventions, BatchNorm's statistics as non-trainable (Keras) or absent
(PyTorch), the text form and the code text for PyTorch and Keras; fast,
without a framework (the frameworks' own counts: test_norm_frameworks.py)."""
import random

import pytest

from nnparams_edu.layers import BatchNorm, LayerNorm, Shape
from nnparams_edu.model import Model
from nnparams_edu.model_count import model_breakdown
from nnparams_edu.model_text import format_model, parse_model

CONFIGS = 200
KINDS = (LayerNorm, BatchNorm)


def random_norm(rng, kind, torch_only=False):
    """A random normalisation layer of *kind* and a small input of 1 to 3 axes.
    PyTorch has γ and β both or neither, except LayerNorm's ``bias=False``."""
    if torch_only:
        options = [(True, True), (False, False)] + ([(True, False)] if kind is LayerNorm
                                                      else [])
        scale, bias = rng.choice(options)
    else:
        scale, bias = rng.random() < 0.7, rng.random() < 0.7
    dims = tuple(rng.randint(1, 6) for _ in range(rng.randint(1, 3)))
    return kind(scale=scale, bias=bias, frozen=rng.random() < 0.2), Shape(dims)


def trainable_count(layer, shape, convention):
    return sum(p.count for p in layer.parts(shape, convention) if p.trainable)


# -- worked by hand ------------------------------------------------------

def test_layernorm_worked_by_hand():
    # γ and β for each of 512 features: 2 · 512 = 1,024, same in both conventions
    seq = Shape((10, 512))
    for convention in ("keras", "pytorch"):
        assert LayerNorm().count(seq, convention) == 1_024
        assert LayerNorm(bias=False).count(seq, convention) == 512
        assert LayerNorm(scale=False, bias=False).count(seq, convention) == 0
    assert LayerNorm().formula(seq) == "2 × 512 (γ, β) = 1,024"
    assert LayerNorm(scale=False).formula(seq) == "512 (β) = 512"
    assert LayerNorm(scale=False, bias=False).formula(seq) == "no parameters"
    assert LayerNorm().output_shape(Shape((4, 4, 3))) == Shape((4, 4, 3))


def test_batchnorm_statistics_are_non_trainable_in_keras():
    # conv 32 k=3 on 28×28×1: (3·3·1 + 1) · 32 = 320; batchnorm on 26×26×32:
    # γ, β 2 · 32 = 64 trained + moving mean and variance 2 · 32 = 64 not trained
    b = model_breakdown("in 28x28x1 | conv 32 k=3 | batchnorm | relu")
    row = b.rows[1]
    assert (row.weights, row.biases, row.statistics, row.total, row.trainable) == (
        32, 32, 64, 128, 64)
    assert (b.total, b.trainable, b.non_trainable) == (448, 384, 64)
    assert row.formula == "2 × 32 (γ, β) + 2 × 32 (moving mean, variance; not trained) = 128"
    assert "384 trainable, 64 non-trainable" in b.summary()


def test_batchnorm_statistics_are_not_counted_in_pytorch():
    # PyTorch: γ, β only, 2 · 32 = 64; the total 320 + 64 = 384, all trainable
    b = model_breakdown("in 28x28x1 | conv 32 k=3 | batchnorm | relu", convention="pytorch")
    row = b.rows[1]
    assert (row.statistics, row.total, row.trainable) == (0, 64, 64)
    assert (b.total, b.non_trainable) == (384, 0)
    assert row.formula == ("2 × 32 (γ, β) = 64; running mean and variance are buffers, "
                           "not parameters")


def test_frozen_batchnorm():
    # Keras with trainable=False: all 4 · 16 = 64 non-trainable
    b = model_breakdown("in 16 | batchnorm frozen")
    assert (b.total, b.trainable) == (64, 0)
    # no γ nor β: only the statistics, 2 · 16 = 32, never trained
    b = model_breakdown("in 16 | batchnorm noscale nobias")
    assert (b.total, b.trainable, b.rows[0].formula) == (
        32, 0, "2 × 16 (moving mean, variance; not trained) = 32")


def test_slips_worked_by_hand():
    img = Shape((5, 5, 8))
    # layernorm: one of γ, β: 8; per value 2 · 5·5·8 = 400
    assert {s.name: s.count for s in LayerNorm().slips(img)} == {
        "shift or scale forgotten": 8, "counted per value instead of per feature": 400}
    # batchnorm, PyTorch (right 16): one of γ, β 8; per value 400; statistics trained 32
    assert {s.name: s.count for s in BatchNorm().slips(img, "pytorch")} == {
        "shift or scale forgotten": 8, "counted per value instead of per feature": 400,
        "BatchNorm's statistics counted as trainable": 32}
    # batchnorm, Keras (right 32): 32 - 8 = 24; 32 + 2·(200 - 8) = 416; statistics left out 16
    assert {s.name: s.count for s in BatchNorm().slips(img, "keras")} == {
        "shift or scale forgotten": 24, "counted per value instead of per feature": 416,
        "BatchNorm's statistics left out": 16}
    # a vector: per value is per feature, not a slip
    assert [s.name for s in LayerNorm(bias=False).slips(Shape((8,)))] == []


@pytest.mark.parametrize("kind", KINDS)
def test_slips_differ_from_the_count_and_hints_never_name_it(kind):
    rng = random.Random(5)
    for _ in range(CONFIGS):
        layer, shape = random_norm(rng, kind)
        for convention in ("keras", "pytorch"):
            right = layer.count(shape, convention)
            for slip in layer.slips(shape, convention):
                assert slip.count != right, (layer, shape, slip)
                assert str(right) not in slip.hint


# -- errors and text -------------------------------------------------------

@pytest.mark.parametrize("kind", KINDS)
def test_bad_options_are_named(kind):
    with pytest.raises(TypeError, match="scale is 1"):
        kind(scale=1)
    with pytest.raises(TypeError, match="frozen is 'yes'"):
        kind(frozen="yes")
    with pytest.raises(ValueError, match="convention is 'tf'"):
        kind().count(Shape((4,)), "tf")


def test_torch_code_refuses_what_pytorch_cannot_have():
    with pytest.raises(ValueError, match="layernorm noscale: .* shift without a scale"):
        LayerNorm(scale=False).torch_code(Shape((4,)))
    with pytest.raises(ValueError, match="batchnorm nobias: .* scale without a shift"):
        BatchNorm(bias=False).torch_code(Shape((4,)))


@pytest.mark.parametrize("kind", KINDS)
def test_text_round_trip_over_random_configurations(kind):
    rng = random.Random(13)
    for _ in range(CONFIGS):
        layer, shape = random_norm(rng, kind)
        model = Model(shape, (layer,))
        text = format_model(model)
        assert parse_model(text) == model, text


def test_text_words():
    assert parse_model("in 8 | layernorm noscale frozen").layers == (
        LayerNorm(scale=False, frozen=True),)
    assert parse_model("in 8 | batchnorm scale=0 bias=0").layers == (
        BatchNorm(scale=False, bias=False),)
    assert BatchNorm(scale=False, bias=False, frozen=True).to_text() == \
        "batchnorm noscale nobias frozen"


# -- the code text for the frameworks (written from their signatures, no import) --------
# nn.LayerNorm(normalized_shape, elementwise_affine=True, bias=True);
# nn.BatchNorm1d / 2d(num_features, affine=True): γ and β together, or neither;
# layers.LayerNormalization / BatchNormalization(center=True, scale=True)

@pytest.mark.parametrize("layer, shape, torch, keras", [
    (LayerNorm(), Shape((10, 512)), "nn.LayerNorm(512)", "layers.LayerNormalization()"),
    (LayerNorm(bias=False), Shape((10, 512)), "nn.LayerNorm(512, bias=False)",
     "layers.LayerNormalization(center=False)"),
    (LayerNorm(scale=False, bias=False, frozen=True), Shape((6,)),
     "nn.LayerNorm(6, elementwise_affine=False).requires_grad_(False)",
     "layers.LayerNormalization(center=False, scale=False, trainable=False)"),
    (BatchNorm(), Shape((26, 26, 32)), "nn.BatchNorm2d(32)", "layers.BatchNormalization()"),
    (BatchNorm(), Shape((10, 8)), "nn.BatchNorm1d(8)", "layers.BatchNormalization()"),
    (BatchNorm(frozen=True), Shape((64,)), "nn.BatchNorm1d(64).requires_grad_(False)",
     "layers.BatchNormalization(trainable=False)"),
    (BatchNorm(scale=False, bias=False), Shape((5, 5, 3)), "nn.BatchNorm2d(3, affine=False)",
     "layers.BatchNormalization(center=False, scale=False)"),
])
def test_code_text(layer, shape, torch, keras):
    assert layer.torch_code(shape) == torch
    assert layer.keras_code(shape) == keras


@pytest.mark.parametrize("layer, keras", [
    (LayerNorm(scale=False), "layers.LayerNormalization(scale=False)"),
    (BatchNorm(scale=False), "layers.BatchNormalization(scale=False)"),
    (BatchNorm(bias=False), "layers.BatchNormalization(center=False)"),
])
def test_one_of_scale_and_shift_has_keras_code_only(layer, keras):
    assert layer.keras_code(Shape((4,))) == keras
    with pytest.raises(ValueError, match="no PyTorch equivalent"):
        layer.torch_code(Shape((4,)))
