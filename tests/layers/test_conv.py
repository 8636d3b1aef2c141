"""Convolution counts and shapes, worked by hand."""
import pytest

from nnparams_edu.layers import Conv, DepthwiseConv, SeparableConv, Shape, ShapeError, TransposedConv


@pytest.mark.parametrize("layer, shape, weights, biases, out", [
    # 3·3·1·32 = 288 weights, 32 biases; 28 - 3 + 1 = 26
    (Conv(32, k=3), (28, 28, 1), 288, 32, (26, 26, 32)),
    # 5·5·3·6 = 450; (32 + 2·2 - 5) // 1 + 1 = 32
    (Conv(6, k=5, p=2), (32, 32, 3), 450, 6, (32, 32, 6)),
    # 3·3·16·8 = 1152, stride 2: (9 - 3) // 2 + 1 = 4
    (Conv(8, k=3, s=2, bias=False), (9, 9, 16), 1152, 0, (4, 4, 8)),
    # rectangular kernel 3×5 on 10×10×2 to 4: 3·5·2·4 = 120; 8×6
    (Conv(4, k=(3, 5)), (10, 10, 2), 120, 4, (8, 6, 4)),
    # groups 4: each filter sees 8/4 = 2 channels: 3·3·2·12 = 216
    (Conv(12, k=3, g=4), (5, 5, 8), 216, 12, (3, 3, 12)),
    # 1-D on 100 steps of 8 channels, kernel 5: 5·8·16 = 640; 96 steps
    (Conv(16, k=5), (100, 8), 640, 16, (96, 16)),
    # same padding with stride 2 keeps ceil(7 / 2) = 4
    (Conv(2, k=3, s=2, p="same"), (7, 7, 1), 18, 2, (4, 4, 2)),
    # transposed 2×2 stride 2 from 32 to 16: 2·2·32·16 = 2048; 7 → 14
    (TransposedConv(16, k=2, s=2), (7, 7, 32), 2048, 16, (14, 14, 16)),
    # transposed 3×3 stride 1: 5 + 3 - 1 = 7
    (TransposedConv(1, k=3), (5, 5, 2), 18, 1, (7, 7, 1)),
    # depthwise 3×3 on 16 channels, multiplier 2: 3·3·16·2 = 288 weights, 32 biases
    (DepthwiseConv(k=3, m=2), (8, 8, 16), 288, 32, (6, 6, 32)),
    # separable to 64: depthwise 3·3·16 = 144, pointwise 16·64 = 1024; bias 64
    (SeparableConv(64, k=3), (8, 8, 16), 1168, 64, (6, 6, 64)),
])
def test_counts_and_shapes_worked_by_hand(layer, shape, weights, biases, out):
    shape = Shape(shape)
    parts = layer.parts(shape)
    assert sum(p.count for p in parts if p.role == "weight") == weights
    assert sum(p.count for p in parts if p.role == "bias") == biases
    assert layer.output_shape(shape).dims == out


def test_count_does_not_depend_on_the_image_size():
    # the sharing: 3·3·3·64 + 64 = 1,792 on a 32×32 or a 224×224 image
    assert Conv(64, k=3).count(Shape((32, 32, 3))) == 1792
    assert Conv(64, k=3).count(Shape((224, 224, 3))) == 1792


def test_formula_is_the_textbook_form():
    assert Conv(32, k=3).formula(Shape((28, 28, 1))) == "(3 × 3 × 1 + 1) × 32 = 320"
    assert Conv(8, k=3, bias=False).formula(Shape((4, 4, 2))) == "3 × 3 × 2 × 8 = 144"
    assert Conv(64, k=3, g=2).formula(Shape((4, 4, 8))) == "(3 × 3 × 4 + 1) × 64 = 2,368"


@pytest.mark.parametrize("layer, shape, words", [
    (Conv(8, k=5), (3, 3, 1), ["conv 8 k=5", "3×3×1", "5-wide window", "side of 3"]),
    (Conv(8, k=3, g=3), (4, 4, 4), ["groups=3", "4 input", "8 output"]),
    (Conv(8, k=3), (10,), ["conv 8 k=3", "a sequence", "an image", "got 10"]),
    (Conv(8, k=(3, 3)), (10, 4), ["kernel", "2 sides", "1 spatial"]),
])
def test_shape_errors_name_layer_and_shapes(layer, shape, words):
    with pytest.raises(ShapeError) as err:
        layer.output_shape(Shape(shape))
    for word in words:
        assert word in str(err.value)


@pytest.mark.parametrize("kwargs, words", [
    ({"filters": 0}, ["filters", "is 0", "from 1"]),
    ({"filters": 4, "k": 0}, ["kernel", "0"]),
    ({"filters": 4, "p": "full"}, ["padding", "'full'"]),
    ({"filters": 4, "s": 1.5}, ["stride", "1.5"]),
    ({"filters": 4, "bias": 1}, ["bias", "True or False"]),
])
def test_bad_options_are_named(kwargs, words):
    with pytest.raises((TypeError, ValueError)) as err:
        Conv(**kwargs)
    for word in words:
        assert word in str(err.value)


def test_defaults_and_the_sides_of_a_one_dimensional_kernel():
    assert Conv(8).count(Shape((5, 5, 1))) == (3 * 3 * 1 + 1) * 8  # a 3-wide kernel by default
    assert Conv(4, k=3).kernel_sides(Shape((10, 2))) == (3,)


def test_slips_of_a_conv_without_bias():
    # conv 8 k=3 nobias on 5×5×2 (3×3×8 out): right 3·3·2·8 = 144
    slips = {s.name: s.count for s in Conv(8, k=3, bias=False).slips(Shape((5, 5, 2)))}
    assert slips["conv counted without input channels"] == 3 * 3 * 8       # 72, no bias added
    assert slips["conv counted as dense between the feature maps"] == 50 * 72  # 5·5·2 in, 3·3·8 out
    assert slips["bias where there is none"] == 144 + 8
