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


def test_a_one_wide_kernel_and_groups_that_divide_one_side_only():
    # a 1×1 kernel from 3 to 8 channels: (1·1·3 + 1)·8 = 32
    assert Conv(8, k=1).formula(Shape((4, 4, 3))) == "(1 × 1 × 3 + 1) × 8 = 32"
    # groups must divide both sides: 4 divides the 8 input channels, not the 6 filters
    with pytest.raises(ShapeError, match="groups=4 must divide both the 8 input and the 6"):
        Conv(6, k=3, g=4).output_shape(Shape((5, 5, 8)))
    # ... and 4 divides the 8 filters, not the 6 input channels
    with pytest.raises(ShapeError, match="groups=4 must divide both the 6 input and the 8"):
        Conv(8, k=3, g=4).output_shape(Shape((5, 5, 6)))


def test_a_frozen_conv_trains_neither_part():
    shape = Shape((5, 5, 2))
    assert [p.trainable for p in Conv(4, k=3, frozen=True).parts(shape)] == [False, False]
    assert [p.trainable for p in Conv(4, k=3).parts(shape)] == [True, True]


def test_one_bias_per_kernel_with_groups():
    # conv 8 k=3 g=2 on 5×5×4: each filter sees 4/2 = 2 channels, right 3·3·2·8 + 8 = 152;
    # one bias per kernel gives 2·8 = 16 biases instead of 8: 160
    slips = {s.name: s.count for s in Conv(8, k=3, g=2).slips(Shape((5, 5, 4)))}
    assert slips["one bias per kernel"] == 160


# PyTorch's nn.Conv2d pads both sides of an axis alike (padding=1 for a "same" 3×3);
# an uneven "same" needs nn.ZeroPad2d((left, right, top, bottom)) in front. Keras
# writes padding="same", and a number of zeros as a ZeroPadding2D layer in front.
@pytest.mark.parametrize("layer, shape, torch_text, keras_text", [
    (Conv(8, k=3, p="same"), (28, 28, 3),
     "nn.Conv2d(3, 8, kernel_size=3, padding=1)", 'layers.Conv2D(8, 3, padding="same")'),
    (Conv(8, k=3), (28, 28, 3), "nn.Conv2d(3, 8, kernel_size=3)", "layers.Conv2D(8, 3)"),
    (Conv(8, k=5, p=2), (28, 28, 3), "nn.Conv2d(3, 8, kernel_size=5, padding=2)",
     "keras.Sequential([layers.ZeroPadding2D(2), layers.Conv2D(8, 5)])"),
    # (3, 5) "same": 2 and 4 zeros per axis, even, so inside the layer
    (Conv(8, k=(3, 5), p="same"), (10, 10, 1),
     "nn.Conv2d(1, 8, kernel_size=(3, 5), padding=(1, 2))",
     'layers.Conv2D(8, (3, 5), padding="same")'),
    # stride 2 on 8: 4 outputs need (4 - 1)·2 + 3 - 8 = 1 zero, after
    (Conv(8, k=3, s=2, p="same"), (8, 8, 1),
     "nn.Sequential(nn.ZeroPad2d((0, 1, 0, 1)), nn.Conv2d(1, 8, kernel_size=3, stride=2))",
     'layers.Conv2D(8, 3, strides=2, padding="same")'),
    (Conv(16, k=5, g=2, bias=False, frozen=True), (100, 8),
     "nn.Conv1d(8, 16, kernel_size=5, groups=2, bias=False).requires_grad_(False)",
     "layers.Conv1D(16, 5, groups=2, use_bias=False, trainable=False)"),
])
def test_conv_code_for_each_framework(layer, shape, torch_text, keras_text):
    assert layer.torch_code(Shape(shape)) == torch_text
    assert layer.keras_code(Shape(shape)) == keras_text


# nn.ConvTranspose gives (n - 1)·s - 2·padding + k + output_padding, output_padding < s;
# "same" wants n·s, so 2·padding - output_padding = k - s.
@pytest.mark.parametrize("layer, torch_text", [
    (TransposedConv(16, k=4, s=2, p="same"),            # 2·1 - 0 = 2
     "nn.ConvTranspose2d(32, 16, kernel_size=4, stride=2, padding=1)"),
    (TransposedConv(16, k=5, s=2, p="same"),            # 2·2 - 1 = 3
     "nn.ConvTranspose2d(32, 16, kernel_size=5, stride=2, padding=2, output_padding=1)"),
    (TransposedConv(16, k=2, s=2, p="same"),            # k = s: nothing to add
     "nn.ConvTranspose2d(32, 16, kernel_size=2, stride=2)"),
    (TransposedConv(16, k=1, s=2, p="same"),            # 2·0 - 1 = -1: one more row
     "nn.ConvTranspose2d(32, 16, kernel_size=1, stride=2, padding=0, output_padding=1)"),
    (TransposedConv(16, k=(3, 2), s=2, p="same"),       # 1 and 0 per axis
     "nn.ConvTranspose2d(32, 16, kernel_size=(3, 2), stride=2, padding=(1, 0), "
     "output_padding=(1, 0))"),
    # stride 1 and k - s odd would need output_padding 1, not below 1: crop instead,
    # (k - s) // 2 before and the rest after: 5 = 2 + 3 rows and columns
    (TransposedConv(16, k=6, p="same"),
     "nn.Sequential(nn.ConvTranspose2d(32, 16, kernel_size=6), "
     "nn.ZeroPad2d((-2, -3, -2, -3)))"),
    (TransposedConv(16, k=(3, 4), p="same"),            # rows 2 = 1 + 1, columns 3 = 1 + 2
     "nn.Sequential(nn.ConvTranspose2d(32, 16, kernel_size=(3, 4)), "
     "nn.ZeroPad2d((-1, -2, -1, -1)))"),
    (TransposedConv(16, k=3, p=0), "nn.ConvTranspose2d(32, 16, kernel_size=3)"),
    (TransposedConv(16, k=3, p="valid"), "nn.ConvTranspose2d(32, 16, kernel_size=3)"),
    (TransposedConv(16, k=3, p=1), "nn.ConvTranspose2d(32, 16, kernel_size=3, padding=1)"),
])
def test_transposed_conv_torch_code(layer, torch_text):
    assert layer.torch_code(Shape((7, 7, 32))) == torch_text


# Keras's Conv2DTranspose gives n·s + max(k - s, 0) ("valid"), PyTorch's
# (n - 1)·s + k - 2·p: the difference, p before and p + max(s - k, 0) after, is cropped.
@pytest.mark.parametrize("layer, shape, keras_text", [
    (TransposedConv(16, k=3, s=2, p="same"), (7, 7, 32),
     'layers.Conv2DTranspose(16, 3, strides=2, padding="same")'),
    (TransposedConv(16, k=3, s=2, p="valid"), (7, 7, 32),
     "layers.Conv2DTranspose(16, 3, strides=2)"),
    (TransposedConv(4, k=1, s=2), (5, 2),                # 10 against 9
     "keras.Sequential([layers.Conv1DTranspose(4, 1, strides=2), layers.Cropping1D((0, 1))])"),
    (TransposedConv(4, k=3, p=1), (5, 2),                # 7 against 5
     "keras.Sequential([layers.Conv1DTranspose(4, 3), layers.Cropping1D(1)])"),
    (TransposedConv(4, k=2, s=3, p=2), (5, 2),           # 15 against 10
     "keras.Sequential([layers.Conv1DTranspose(4, 2, strides=3), layers.Cropping1D((2, 3))])"),
    # rows 16 against 14, columns 15 against 12
    (TransposedConv(4, k=(4, 2), s=3, p=1), (5, 5, 2),
     "keras.Sequential([layers.Conv2DTranspose(4, (4, 2), strides=3), "
     "layers.Cropping2D(((1, 1), (1, 2)))])"),
])
def test_transposed_conv_keras_code(layer, shape, keras_text):
    assert layer.keras_code(Shape(shape)) == keras_text
