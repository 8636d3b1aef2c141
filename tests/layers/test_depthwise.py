"""Depthwise and separable convolutions: counts, slips, graphs and framework
code, worked by hand."""
import pytest

from nnparams_edu import build_model_graph, count_parameters
from nnparams_edu.layers import DepthwiseConv, SeparableConv, Shape, ShapeError
from nnparams_edu.model_graph import layer_totals


def test_defaults():
    # a 3×3 kernel per channel, stride 1, no padding, multiplier 1, a bias, trained:
    # on 5×5×2, 3·3·2 + 2 = 20 parameters and a 3×3×2 output
    dw = DepthwiseConv()
    assert dw.to_text() == "dwconv k=3"
    assert dw.output_shape(Shape((5, 5, 2))).dims == (3, 3, 2)
    assert [(p.count, p.trainable) for p in dw.parts(Shape((5, 5, 2)))] == [(18, True),
                                                                            (2, True)]
    # separable to 4: 3·3·2 = 18 depthwise, 2·4 = 8 pointwise, 4 biases
    sep = SeparableConv(4)
    assert sep.to_text() == "sepconv 4 k=3"
    assert sep.output_shape(Shape((5, 5, 2))).dims == (3, 3, 4)
    assert [(p.count, p.trainable) for p in sep.parts(Shape((5, 5, 2)))] == [
        (18, True), (8, True), (4, True)]
    assert SeparableConv(1).count(Shape((5, 5, 2))) == 18 + 2 + 1  # one filter is allowed


@pytest.mark.parametrize("layer, shape, out", [
    (DepthwiseConv(k=3), (10, 4), (8, 4)),          # 1-D on a sequence: 10 - 3 + 1
    (DepthwiseConv(k=3, m=2), (6, 6, 3), (4, 4, 6)),  # 3 channels × 2
    (SeparableConv(5, k=3), (10, 4), (8, 5)),
    (SeparableConv(5, k=3, m=2), (6, 6, 3), (4, 4, 5)),
])
def test_sequences_and_images(layer, shape, out):
    assert layer.output_shape(Shape(shape)).dims == out


@pytest.mark.parametrize("layer", [DepthwiseConv(), SeparableConv(4)])
def test_a_vector_is_refused(layer):
    with pytest.raises(ShapeError, match="needs a sequence"):
        layer.output_shape(Shape((10,)))


def test_depth_multiplier_in_counts_and_formulas():
    # dwconv k=3 m=2 on 6×6×3: 3·3·3·2 = 54 weights, 6 biases
    parts = DepthwiseConv(k=3, m=2).parts(Shape((6, 6, 3)))
    assert [(p.count, p.formula) for p in parts] == [(54, "3 × 3 × 3 × 2"), (6, "6")]
    # sepconv 5 k=2 m=2 on 6×6×3: depthwise 2·2·3·2 = 24, pointwise 6·5 = 30, 5 biases
    parts = SeparableConv(5, k=2, m=2).parts(Shape((6, 6, 3)))
    assert [(p.count, p.formula) for p in parts] == [(24, "2 × 2 × 3 × 2"), (30, "6 × 5"),
                                                     (5, "5")]
    # a rectangular kernel on a sequence: k=(2, 3) needs two spatial axes
    assert DepthwiseConv(k=(2, 3)).count(Shape((6, 6, 1))) == 2 * 3 * 1 + 1
    # a 1-wide kernel is a kernel too: 1·4 + 4 and 1·4 + 4·2 + 2
    assert DepthwiseConv(k=1).count(Shape((7, 4))) == 8
    assert SeparableConv(2, k=1).count(Shape((7, 4))) == 14


def test_frozen_layers_train_nothing():
    shape = Shape((6, 6, 3))
    assert [p.trainable for p in DepthwiseConv(frozen=True).parts(shape)] == [False, False]
    assert [p.trainable for p in SeparableConv(4, frozen=True).parts(shape)] == [False] * 3
    assert [p.trainable for p in SeparableConv(4).parts(shape)] == [True] * 3


@pytest.mark.parametrize("kwargs, words", [
    ({"m": 0}, ["depth multiplier", "0"]),
    ({"k": 0}, ["kernel", "0"]),
    ({"bias": "yes"}, ["bias", "True or False"]),
])
def test_bad_options_are_named(kwargs, words):
    for make in (DepthwiseConv, lambda **kw: SeparableConv(4, **kw)):
        with pytest.raises((TypeError, ValueError)) as err:
            make(**kwargs)
        for word in words:
            assert word in str(err.value)


def test_slips_without_bias():
    # dwconv k=3 m=2 nobias on 6×6×3: right 54; a full conv from 3 to 6: 3·3·3·6 = 162
    slips = {s.name: s.count for s in DepthwiseConv(k=3, m=2, bias=False).slips(Shape((6, 6, 3)))}
    assert slips == {"depthwise counted as a full convolution": 162,
                     "conv counted per output position (no sharing)": 16 * 54}  # 4×4 positions
    # sepconv 5 k=3 nobias on 6×6×3: depthwise 27, pointwise 15, right 42;
    # a full conv 3·3·3·5 = 135
    slips = {s.name: s.count for s in SeparableConv(5, k=3, bias=False).slips(Shape((6, 6, 3)))}
    assert slips == {"separable counted as a full convolution": 135,
                     "depthwise part forgotten": 15, "pointwise part forgotten": 27}


def test_slips_with_a_depth_multiplier():
    # dwconv k=3 m=2 on 6×6×3: right 54 + 6 = 60; full conv (3·3·3 + 1)·6 = 168
    slips = {s.name: s.count for s in DepthwiseConv(k=3, m=2).slips(Shape((6, 6, 3)))}
    assert slips == {"depthwise counted as a full convolution": 168,
                     "conv counted per output position (no sharing)": 16 * 60,
                     "forgotten conv bias": 54}
    # sepconv 5 k=3 m=2 on 6×6×3: depthwise 54, pointwise 6·5 = 30, bias 5: right 89
    slips = {s.name: s.count for s in SeparableConv(5, k=3, m=2).slips(Shape((6, 6, 3)))}
    assert slips == {"separable counted as a full convolution": (27 + 1) * 5,
                     "depthwise part forgotten": 35, "pointwise part forgotten": 59,
                     "forgotten conv bias": 84}


def test_separable_graph_with_a_depth_multiplier():
    G = build_model_graph("in 8x8x3 | sepconv 4 k=3 m=2")
    # depthwise 3·3·3·2 = 54 into a 6×6×6 middle column, pointwise 6·4 = 24, 4 biases
    assert [str(c["shape"]) for c in G.graph["columns"]] == ["8×8×3", "6×6×6", "6×6×4"]
    assert layer_totals(G) == [54 + 24 + 4]
    assert count_parameters(G) == 82


# PyTorch has no depthwise layer: nn.Conv2d with groups = input channels (out =
# channels × multiplier); a separable one is that without bias, then a 1×1 nn.Conv2d.
@pytest.mark.parametrize("layer, shape, torch_text, keras_text", [
    (DepthwiseConv(k=3), (10, 4), "nn.Conv1d(4, 4, kernel_size=3, groups=4)",
     "layers.DepthwiseConv1D(3)"),
    (DepthwiseConv(k=3, m=3, p="same"), (8, 8, 2),
     "nn.Conv2d(2, 6, kernel_size=3, padding=1, groups=2)",
     'layers.DepthwiseConv2D(3, padding="same", depth_multiplier=3)'),
    # stride 2 on 8: (4 - 1)·2 + 3 - 8 = 1 zero, after
    (DepthwiseConv(k=3, s=2, p="same", bias=False, frozen=True), (8, 8, 2),
     "nn.Sequential(nn.ZeroPad2d((0, 1, 0, 1)), nn.Conv2d(2, 2, kernel_size=3, stride=2, "
     "groups=2, bias=False)).requires_grad_(False)",
     'layers.DepthwiseConv2D(3, strides=2, padding="same", use_bias=False, trainable=False)'),
    (DepthwiseConv(k=3, p=1), (8, 8, 2), "nn.Conv2d(2, 2, kernel_size=3, padding=1, groups=2)",
     "keras.Sequential([layers.ZeroPadding2D(1), layers.DepthwiseConv2D(3)])"),
    (SeparableConv(5, k=3, s=2, m=2), (9, 3),
     "nn.Sequential(nn.Conv1d(3, 6, kernel_size=3, stride=2, groups=3, bias=False), "
     "nn.Conv1d(6, 5, kernel_size=1))",
     "layers.SeparableConv1D(5, 3, strides=2, depth_multiplier=2)"),
    (SeparableConv(5, k=2, p="same", bias=False), (7, 7, 3),
     "nn.Sequential(nn.ZeroPad2d((0, 1, 0, 1)), "
     "nn.Conv2d(3, 3, kernel_size=2, groups=3, bias=False), "
     "nn.Conv2d(3, 5, kernel_size=1, bias=False))",
     'layers.SeparableConv2D(5, 2, padding="same", use_bias=False)'),
    (SeparableConv(5, k=3, p=2, frozen=True), (7, 7, 3),
     "nn.Sequential(nn.Conv2d(3, 3, kernel_size=3, padding=2, groups=3, bias=False), "
     "nn.Conv2d(3, 5, kernel_size=1)).requires_grad_(False)",
     "keras.Sequential([layers.ZeroPadding2D(2), layers.SeparableConv2D(5, 3, "
     "trainable=False)])"),
])
def test_code_for_each_framework(layer, shape, torch_text, keras_text):
    assert layer.torch_code(Shape(shape)) == torch_text
    assert layer.keras_code(Shape(shape)) == keras_text
