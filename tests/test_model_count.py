"""Counting typed nets: totals of classic models worked by hand and published."""
import pytest

from nnparams_edu import count_parameters, model_breakdown

LENET5 = ("in 32x32x1 | conv 6 k=5 | tanh | avgpool 2 | conv 16 k=5 | tanh | avgpool 2 | flatten"
          " | dense 120 | tanh | dense 84 | tanh | dense 10")
MNIST_CONVNET = ("in 28x28x1 | conv 32 k=3 | relu | maxpool 2 | conv 64 k=3 | relu | maxpool 2"
                 " | flatten | dropout 0.5 | dense 10 | softmax")


def test_lenet5():
    # (5·5·1 + 1)·6 = 156; (5·5·6 + 1)·16 = 2,416; flatten 5·5·16 = 400;
    # 401·120 = 48,120; 121·84 = 10,164; 85·10 = 850 — total 61,706
    rows = [r for r in model_breakdown(LENET5).rows if r.total]
    assert [r.total for r in rows] == [156, 2416, 48120, 10164, 850]
    assert count_parameters(LENET5) == 61_706


def test_keras_simple_mnist_convnet():
    # (3·3·1 + 1)·32 = 320; (3·3·32 + 1)·64 = 18,496; 5·5·64 = 1,600 → (1,600 + 1)·10 = 16,010
    assert count_parameters(MNIST_CONVNET) == 34_826
    b = model_breakdown(MNIST_CONVNET)
    flatten = [r for r in b.rows if r.layer.kind == "flatten"][0]
    assert str(flatten.shape_in) == "5×5×64" and str(flatten.shape_out) == "1600"


def test_dense_nets_count_the_same_through_the_typed_path():
    assert model_breakdown("5-8-4-3").total == 99
    assert count_parameters("in 4 | dense 16 | dense 8 | dense 4 | dense 2") == 262
    assert count_parameters("in 5 | dense 8 nobias | dense 3") == 5 * 8 + 9 * 3


def test_running_total_trainable_and_frozen():
    b = model_breakdown("in 6x6x1 | conv 2 k=3 frozen | flatten | dense 3")
    # conv (9 + 1)·2 = 20 frozen; flatten 4·4·2 = 32 → (32 + 1)·3 = 99
    assert [r.running for r in b.rows] == [20, 20, 119]
    assert (b.total, b.trainable, b.non_trainable) == (119, 99, 20)
    assert "(99 trainable, 20 non-trainable)" in b.summary()


def test_breakdown_says_its_convention_and_shows_the_other():
    b = model_breakdown("in 4x4x1 | conv 2 k=3 | flatten | dense 3")
    assert "Keras" in b.summary()
    assert "PyTorch" in b.other().summary() and b.other().convention == "pytorch"
    with pytest.raises(ValueError, match="'torch'"):
        model_breakdown("5-3", convention="torch")


def test_text_table_lines_up_formulas_and_shapes():
    text = model_breakdown("in 4x4x1 | conv 2 k=3 | flatten | dense 3").to_text()
    assert "(3 × 3 × 1 + 1) × 2 = 20" in text and "2×2×2" in text and "(8 + 1) × 3 = 27" in text
    assert "total: 47 parameters" in text


def test_a_hundred_billion_parameters_exactly():
    # 25 dense layers of 63,246 units: 24 × 63,247 × 63,246 ≈ 9.6e10, exactly as a Python int
    text = "in 63246 | [dense 63246] x24"
    assert count_parameters(text) == 24 * 63_247 * 63_246


def test_the_text_table_puts_numbers_right_and_words_left():
    # weights 18 and 96 of different widths end in the same column; the layer names start together
    lines = model_breakdown("in 6x6x1 | conv 2 k=3 | flatten | dense 3").to_text().splitlines()
    assert lines[1].index(" 18 ") + 3 == lines[3].index(" 96 ") + 3
    assert lines[1].index("conv 2 k=3") == lines[3].index("dense 3") == 3
    assert lines[1].endswith("  20") and lines[3].endswith(" 119")


def test_the_html_table_has_a_row_per_layer_and_the_summary():
    html = model_breakdown("in 6x6x1 | conv 2 k=3 | flatten | dense 3").to_html()
    assert html.count("<tr>") == 4 and "<td style=\"padding:0 0.8em\">(32 + 1) × 3 = 99</td>" in html
    assert "<b>total: 119 parameters<br>counted as Keras counts them</b>" in html


def test_a_breakdown_cannot_be_changed():
    import dataclasses
    b = model_breakdown("in 4 | dense 2")
    with pytest.raises(dataclasses.FrozenInstanceError):
        b.convention = "pytorch"
