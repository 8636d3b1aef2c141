"""The dense layer: counts, slips and framework code, worked by hand."""
import pytest

from nnparams_edu.layers import Dense, Shape


def test_one_unit_and_one_input():
    # the smallest dense layer: one input, one unit, (1 + 1) × 1 = 2
    assert Dense(1).count(Shape((1,))) == 2
    assert Dense(1).formula(Shape((1,))) == "(1 + 1) × 1 = 2"


def test_on_a_sequence_the_count_reads_the_last_axis_only():
    # 10 steps of 5 features to 8 units: (5 + 1) × 8 = 48, output 10 steps of 8
    assert Dense(8).output_shape(Shape((10, 5))).dims == (10, 8)
    assert Dense(8).count(Shape((10, 5))) == 48


# nn.Linear(in_features, out_features, bias=True); layers.Dense(units, use_bias=True)
@pytest.mark.parametrize("layer, torch_text, keras_text", [
    (Dense(8), "nn.Linear(5, 8)", "layers.Dense(8)"),
    (Dense(8, bias=False), "nn.Linear(5, 8, bias=False)", "layers.Dense(8, use_bias=False)"),
    (Dense(8, frozen=True), "nn.Linear(5, 8).requires_grad_(False)",
     "layers.Dense(8, trainable=False)"),
])
def test_code_for_each_framework(layer, torch_text, keras_text):
    assert layer.torch_code(Shape((5,))) == torch_text
    assert layer.keras_code(Shape((5,))) == keras_text
