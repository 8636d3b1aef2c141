"""Layers without parameters: their shapes, worked by hand."""
import pytest

from nnparams_edu.layers import Activation, Dropout, Flatten, GlobalPool, Pool, Shape, ShapeError


@pytest.mark.parametrize("layer, shape, out", [
    (Pool(2), (26, 26, 32), (13, 13, 32)),
    (Pool(2), (27, 27, 1), (13, 13, 1)),          # floor: (27 - 2) // 2 + 1
    (Pool(3, s=1), (5, 5, 2), (3, 3, 2)),
    (Pool(2, p="same"), (27, 27, 1), (14, 14, 1)),  # ceil(27 / 2)
    (Pool(2, mode="avg"), (10, 4), (5, 4)),           # 1-D on a sequence
    (GlobalPool(), (7, 7, 512), (512,)),
    (Flatten(), (5, 5, 16), (400,)),
    (Flatten(), (13, 13, 32), (5408,)),
    (Dropout(0.25), (128,), (128,)),
    (Activation("relu"), (4, 4, 8), (4, 4, 8)),
])
def test_shapes(layer, shape, out):
    assert layer.output_shape(Shape(shape)).dims == out
    assert layer.count(Shape(shape)) == 0


def test_pool_larger_than_the_image():
    with pytest.raises(ShapeError, match="maxpool 4 does not fit 3×3×8"):
        Pool(4).output_shape(Shape((3, 3, 8)))


@pytest.mark.parametrize("make, words", [
    (lambda: Dropout(1.0), ["1.0", "below 1"]),
    (lambda: Dropout("half"), ["'half'", "number"]),
    (lambda: Activation("swishy"), ["'swishy'", "relu"]),
    (lambda: Pool(2, mode="min"), ["'min'", "'max' or 'avg'"]),
])
def test_bad_options(make, words):
    with pytest.raises((TypeError, ValueError)) as err:
        make()
    for word in words:
        assert word in str(err.value)


def test_defaults_edges_and_framework_names():
    assert Pool().output_shape(Shape((8, 8, 1))).dims == (4, 4, 1)  # a 2 × 2 pool by default
    assert Dropout(0.0).rate == 0.0                                 # no dropout is a rate too
    with pytest.raises(ShapeError, match="needs a sequence"):
        GlobalPool().output_shape(Shape((10,)))
    assert GlobalPool().keras_code(Shape((7, 7, 3))) == "layers.GlobalAveragePooling2D()"
    assert GlobalPool(mode="max").keras_code(Shape((10, 3))) == "layers.GlobalMaxPooling1D()"


# PyTorch's pooling takes at most half a window of padding inside the layer; more
# comes in front, as minus infinity for max pooling (a zero could be the largest
# value) and as zeros for average pooling. Keras has no numeric padding: zeros in front.
@pytest.mark.parametrize("layer, shape, torch_text, keras_text", [
    (Pool(2), (8, 8, 1), "nn.MaxPool2d(2)", "layers.MaxPooling2D(2)"),
    (Pool(2, p=1), (8, 8, 1), "nn.MaxPool2d(2, padding=1)",
     "keras.Sequential([layers.ZeroPadding2D(1), layers.MaxPooling2D(2)])"),
    (Pool(2, p=2), (8, 8, 1), 'nn.Sequential(nn.ConstantPad2d(2, float("-inf")), nn.MaxPool2d(2))',
     "keras.Sequential([layers.ZeroPadding2D(2), layers.MaxPooling2D(2)])"),
    (Pool(2, p=2, mode="avg"), (8, 3), "nn.Sequential(nn.ZeroPad1d(2), nn.AvgPool1d(2))",
     "keras.Sequential([layers.ZeroPadding1D(2), layers.AveragePooling1D(2)])"),
    (Pool(3, s=1, p="same"), (8, 8, 1), "nn.MaxPool2d(3, stride=1, padding=1)",
     'layers.MaxPooling2D(3, strides=1, padding="same")'),
    (Pool(2, s=2), (8, 8, 1), "nn.MaxPool2d(2)", "layers.MaxPooling2D(2)"),  # stride = size
])
def test_pool_code_for_each_framework(layer, shape, torch_text, keras_text):
    assert layer.torch_code(Shape(shape)) == torch_text
    assert layer.keras_code(Shape(shape)) == keras_text


def test_global_pooling_text_and_torch_code():
    assert GlobalPool().to_text() == "gap" and GlobalPool(mode="max").to_text() == "gmp"
    # PyTorch has no global pooling: adaptive pooling to one value, then flatten
    assert GlobalPool(mode="max").torch_code(Shape((10, 3))) == (
        "nn.Sequential(nn.AdaptiveMaxPool1d(1), nn.Flatten())")


def test_only_softmax_wants_the_features_last_in_pytorch():
    # nn.Softmax(dim=-1) normalises the last axis; ReLU acts on each value alone
    assert Activation("softmax").torch_layout == "last"
    assert Activation("relu").torch_layout == "any"
