"""The slips of typed nets, each worked by hand on a small net.

Every expected total below is worked in the comment beside it from the
slip's definition, not with the package's formulas.
"""
import re
from dataclasses import dataclass

import pytest

from nnparams_edu.layers import Conv, Dense, Pool
from nnparams_edu.layers.base import Layer, Part, Shape, Slip
from nnparams_edu.model import Model
from nnparams_edu.model_mistakes import coincidences, model_slips, slips_giving

# conv: 3·3·3·4 = 108 weights + 4 biases = 112, output 6×6×4; maxpool 2 -> 3×3×4;
# flatten 36; dense 5: (36 + 1)·5 = 185.  Right total 112 + 185 = 297.
NET_A = "in 8x8x3 | conv 4 k=3 | maxpool 2 | flatten | dense 5"
# conv g=2: 3·3·(4/2)·8 = 144 + 8 = 152, output 4×4×8 = 128; dense (128 + 1)·2 = 258; 410.
NET_GROUPS = "in 6x6x4 | conv 8 k=3 g=2 | flatten | dense 2"
# dense 4 on 5 steps of 3: (3 + 1)·4 = 16, output 5×4; flatten 20; dense (20 + 1)·2 = 42; 58.
NET_SEQUENCE = "in 5x3 | dense 4 | flatten | dense 2"
# 6·4 = 24 (no bias) + (4 + 1)·3 = 15; 39.
NET_NOBIAS = "in 6 | dense 4 nobias | dense 3"
# depthwise 3·3·4 = 36 + 4 = 40, output 4×4×4 = 64; dense (64 + 1)·2 = 130; 170.
NET_DEPTHWISE = "in 6x6x4 | dwconv k=3 | flatten | dense 2"
# depthwise 3·3·4 = 36, pointwise 4·8 = 32, bias 8: 76, output 4×4×8 = 128;
# dense (128 + 1)·2 = 258; 334.
NET_SEPARABLE = "in 6x6x4 | sepconv 8 k=3 | flatten | dense 2"
# conv 112 (out 6×6×4); conv 3·3·4·6 + 6 = 222 (out 4×4×6 = 96); dense (96 + 1)·2 = 194; 528.
NET_TWO_CONVS = "in 8x8x3 | conv 4 k=3 | conv 6 k=3 | flatten | dense 2"


@pytest.mark.parametrize("net, total, name, where", [
    # 3·3·4 + 4 = 40 instead of 112: 297 - 112 + 40
    (NET_A, 225, "conv counted without input channels", "layer 1 (conv 4 k=3)"),
    # 6·6 = 36 positions, each with its own 112: 297 - 112 + 36·112 = 4,217
    (NET_A, 4217, "conv counted per output position (no sharing)", "layer 1 (conv 4 k=3)"),
    # 108 weights only: 297 - 4
    (NET_A, 293, "forgotten conv bias", "layer 1 (conv 4 k=3)"),
    # dense from 8·8·3 = 192 values (+1) to 6·6·4 = 144: 193·144 = 27,792; 297 - 112 + 27,792
    (NET_A, 27977, "conv counted as dense between the feature maps", "layer 1 (conv 4 k=3)"),
    # dense weights 36·5 = 180: 112 + 180
    (NET_A, 292, "forgotten bias", "layer 4 (dense 5)"),
    # 36·(5 + 1) = 216: 112 + 216
    (NET_A, 328, "+1 on the receiving layer", "layer 4 (dense 5)"),
    # 36·5 + 1 = 181: 112 + 181 (the same number as the forgotten conv bias)
    (NET_A, 293, "one bias for the layer", "layer 4 (dense 5)"),
    # 36 + 5 = 41: 112 + 41
    (NET_A, 153, "units instead of connections", "layer 4 (dense 5)"),
    # a weight and a bias per channel, 2·4 = 8: 297 + 8
    (NET_A, 305, "pooling counted with a weight and a bias per channel", "layer 2 (maxpool 2)"),
    # flatten 3·3 = 9: dense (9 + 1)·5 = 50; 112 + 50
    (NET_A, 162, "flatten size without the channels", "layer 4 (dense 5), after the flatten"),
    # before the pooling 6·6·4 = 144: (144 + 1)·5 = 725; 112 + 725
    (NET_A, 837, "flatten size from before the last pooling",
     "layer 4 (dense 5), after the flatten"),
    # the image 8·8·3 = 192: (192 + 1)·5 = 965; 112 + 965
    (NET_A, 1077, "flatten size of the input image", "layer 4 (dense 5), after the flatten"),
    # 297 - 4 - 5
    (NET_A, 288, "every bias forgotten", "the whole net"),
    # 297 - 112 = 185; 297 + 185 = 482
    (NET_A, 185, "layer left out", "layer 1 (conv 4 k=3)"),
    (NET_A, 482, "layer counted twice", "layer 4 (dense 5)"),
    # every filter sees all 4 channels: 3·3·4·8 + 8 = 296; 410 - 152 + 296
    (NET_GROUPS, 554, "groups ignored", "layer 1 (conv 8 k=3 g=2)"),
    # one dense 3 -> 4 per step, 5·16 = 80: 58 - 16 + 80
    (NET_SEQUENCE, 122, "a dense layer per step", "layer 1 (dense 4)"),
    # flatten 5 steps without the 4 features: (5 + 1)·2 = 12; 16 + 12
    (NET_SEQUENCE, 28, "flatten size without the channels", "layer 3 (dense 2), after the flatten"),
    # (6 + 1)·4 = 28 instead of 24: 39 + 4
    (NET_NOBIAS, 43, "bias where there is none", "layer 1 (dense 4 nobias)"),
    # a full conv from 4 to 4 channels: (3·3·4 + 1)·4 = 148; 170 - 40 + 148
    (NET_DEPTHWISE, 278, "depthwise counted as a full convolution", "layer 1 (dwconv k=3)"),
    # (3·3·4 + 1)·8 = 296; 334 - 76 + 296
    (NET_SEPARABLE, 554, "separable counted as a full convolution", "layer 1 (sepconv 8 k=3)"),
    # 334 - 36, and 334 - 32
    (NET_SEPARABLE, 298, "depthwise part forgotten", "layer 1 (sepconv 8 k=3)"),
    (NET_SEPARABLE, 302, "pointwise part forgotten", "layer 1 (sepconv 8 k=3)"),
    # both biases forgotten: 528 - 4 - 6
    (NET_TWO_CONVS, 518, "forgotten conv bias",
     "every layer where it can happen (layers 1, 2)"),
    # both convs without input channels: 3·3·4 + 4 = 40 and 3·3·6 + 6 = 60; 40 + 60 + 194
    (NET_TWO_CONVS, 294, "conv counted without input channels",
     "every layer where it can happen (layers 1, 2)"),
])
def test_each_slip_gives_its_hand_worked_total(net, total, name, where):
    found = [(s.name, s.where) for s in slips_giving(net, total)]
    assert (name, where) in found


def test_one_number_two_slips_both_listed():
    # 293: the conv's bias forgotten (297 - 4), or one bias for the whole dense layer
    # (112 + 36·5 + 1)
    assert {s.name for s in slips_giving(NET_A, 293)} == {"forgotten conv bias",
                                                          "one bias for the layer"}


def test_a_number_no_slip_gives_and_the_right_total_are_not_slips():
    assert slips_giving(NET_A, 296) == ()
    assert coincidences(NET_A) == ()  # 297 is given by no slip


def test_no_coincidence_on_a_one_channel_image_but_one_in_a_feed_forward_pair():
    # conv 8 k=3 on one channel: 3·3·1·8 + 8 = 80 = 3·3·8 + 8, whether the channels
    # are counted or not: no slip there
    assert coincidences("in 10x10x1 | conv 8 k=3 | flatten | dense 2") == ()
    # 8 → 32 → 8 on a sequence: 8·33 + 32·9 = 264 + 288 = 552 = 9·32 + 33·8
    found = coincidences("in 5x8 | dense 32 | dense 8")
    assert [(s.name, s.where) for s in found] == [
        ("+1 on the receiving layer", "every layer where it can happen (layers 1, 2)")]


def test_the_same_slip_in_many_layers_is_named_once():
    # eight dense 4 -> 4 layers of (4 + 1)·4 = 20 each: 160; any one left out gives 140
    found = slips_giving("in 4 | [dense 4] x8", 140)
    assert [(s.name, s.where) for s in found] == [("layer left out", "any one of 8 layers")]
    # two of them give 140 only one way each: named one by one
    assert [s.where for s in slips_giving("in 4 | dense 4 | dense 4", 20)] == [
        "layer 1 (dense 4)", "layer 2 (dense 4)"]


def test_only_the_trainable_parameters():
    # (6 + 1)·4 = 28 frozen + (4 + 1)·3 = 15 trained: 43; trainable only 15, which
    # leaving out the frozen layer gives too
    names = {s.name for s in slips_giving("in 6 | dense 4 frozen | dense 3", 15)}
    assert names == {"only the trainable parameters", "layer left out"}


@dataclass(frozen=True)
class TwoBiases(Layer):
    """A layer of 10 weights and 2 bias vectors of 3 under PyTorch, 1 under Keras."""

    kind = "twobiases"

    def parts(self, shape, convention="keras"):
        biases = 2 if convention == "pytorch" else 1
        return (Part("kernel", "weight", 10, "10"),) + tuple(
            Part(f"bias {i}", "bias", 3, "3") for i in range(biases))


def test_the_other_convention_and_a_kind_met_only_through_its_slips():
    model = Model(Shape((4,)), (TwoBiases(),))
    # Keras 10 + 3 = 13; PyTorch 10 + 3 + 3 = 16
    assert [s.name for s in slips_giving(model, 16)] == ["counted as PyTorch counts"]
    assert [s.name for s in slips_giving(model, 13, convention="pytorch")] == [
        "counted as Keras counts"]


@dataclass(frozen=True)
class Gates(Layer):
    """A kind with slips of its own: the diagnosis finds them through slips()."""

    kind = "gates"

    def parts(self, shape, convention="keras"):
        return (Part("kernel", "weight", 40, "4 × 10"),)

    def slips(self, shape, convention="keras"):
        return (Slip("three gates", 30, "four gates"), Slip("one gate", 10, "four gates"))


def test_slips_of_any_kind_are_picked_up():
    model = Model(Shape((4,)), (Gates(), Dense(3)))
    # 40 + (4 + 1)·3 = 55; three gates: 30 + 15 = 45; one gate: 10 + 15 = 25
    assert [s.name for s in slips_giving(model, 45)] == ["three gates"]
    assert [s.name for s in slips_giving(model, 25)] == ["one gate"]


def test_layer_slips_worked_by_hand():
    # conv 16 k=5 on 12×12×3: 5·5·3·16 = 1,200 + 16 = 1,216; output 8×8×16
    slips = {s.name: s.count for s in Conv(16, k=5).slips(Shape((12, 12, 3)))}
    assert slips == {"conv counted without input channels": 5 * 5 * 16 + 16,
                     "conv counted per output position (no sharing)": 8 * 8 * 1216,
                     "conv multiplied by the input image size": 12 * 12 * 1216,
                     "forgotten conv bias": 1200,
                     "one bias per kernel": 1200 + 3 * 16,  # a bias per (channel, filter)
                     "conv counted as dense between the feature maps": (432 + 1) * 1024}
    # conv 16 k=5 nobias: the bias where there is none, 1,200 + 16
    assert {s.name: s.count for s in Conv(16, k=5, bias=False).slips(Shape((12, 12, 3)))}[
        "bias where there is none"] == 1216
    # dense 10 on 20, right (20 + 1)·10 = 210: 20·10; 20·(10 + 1); 20·10 + 1; 20 + 10
    assert [s.count for s in Dense(10).slips(Shape((20,)))] == [200, 220, 201, 30]
    assert [s.count for s in Pool(2).slips(Shape((8, 8, 6)))] == [12]


def test_hints_name_no_count():
    net = "in 12x12x3 | conv 16 k=5 | maxpool 2 | flatten | dense 10"
    for slip in model_slips(net):
        # the only digits allowed are those of formulas in letters and of names
        words = re.sub(r"\([nm] \+ 1\)|\+1|1×1|LeNet-5", "", slip.hint)
        assert not re.search(r"\d", words), slip


def test_many_layers_are_named_once_from_six_on():
    # five dense 4 -> 4 layers of (4 + 1)·4 = 20: 100; any one left out gives 80, named
    # one by one (80 is also every bias forgotten, 100 - 5·4)
    found = slips_giving("in 4 | [dense 4] x5", 80)
    assert [s.where for s in found if s.name == "layer left out"] == [
        f"layer {n} (dense 4)" for n in range(1, 6)]
    # six: 120, any one left out 100, named once
    assert [(s.name, s.where) for s in slips_giving("in 4 | [dense 4] x6", 100)] == [
        ("layer left out", "any one of 6 layers")]


def test_what_a_slip_makes_of_its_layer():
    # NET_A: conv 112 (layer 1), dense (36 + 1)·5 = 185 (layer 4); after a wrong flatten
    # size the dense layer is (9 + 1)·5 = 50, (144 + 1)·5 = 725 or (192 + 1)·5 = 965
    slips = model_slips(NET_A)
    assert [(s.layer, s.count) for s in slips if s.name.startswith("flatten")] == [
        (4, 50), (4, 725), (4, 965)]
    assert [(s.layer, s.count) for s in slips if s.name == "layer left out"] == [(1, 0), (4, 0)]
    assert [(s.layer, s.count) for s in slips if s.name == "layer counted twice"] == [
        (1, 224), (4, 370)]


def test_the_input_size_of_a_sequence_before_a_flatten():
    # NET_SEQUENCE: the input's 5·3 = 15 values taken for the flatten: (15 + 1)·2 = 32; 16 + 32
    assert ("flatten size of the input image", "layer 3 (dense 2), after the flatten") in [
        (s.name, s.where) for s in slips_giving(NET_SEQUENCE, 48)]


def test_a_wrong_flatten_size_goes_through_the_layers_after_the_flatten():
    # embed 100·8 = 800; flatten 1×8 -> 8; the tied layer without bias shares the table
    # (0 of its own) and gives 100 whatever it reads, so the dense 3 layer is
    # (100 + 1)·3 = 303 even after a flatten size without the channels (1): no slip.
    # Read right after the flatten it would be (1 + 1)·3 = 6: 800 + 6 = 806.
    net = "in 1 tokens | embed 100 8 | flatten | dense 100 tied nobias | dense 3"
    assert not [s for s in model_slips(net) if s.name.startswith("flatten")]
    assert slips_giving(net, 806) == ()


def test_the_same_slip_in_layers_of_two_kinds_is_explained_as_the_first_explains_it():
    # attention 2 on 6×8: 4·(8·8 + 8) = 288, biases 4·8 = 32; LSTM 8 on 8 features:
    # 4·(8·8 + 8·8 + 8) = 544, biases 4·8 = 32; dense (8 + 1)·1 = 9. 841 - 32 - 32 = 777
    found = slips_giving("in 6x8 | attention 2 | lstm 8 | dense 1", 777)
    assert [(s.name, s.where, s.hint) for s in found] == [
        ("biases forgotten", "every layer where it can happen (layers 1, 2)",
         "each of the four projections has a bias per output, like a dense layer")]


def test_every_bias_forgotten_names_the_biases_of_the_kinds_in_the_net():
    def hint(net):
        slip, = [s for s in model_slips(net) if s.name == "every bias forgotten"]
        return slip.hint
    block = "in 20x256 | attention 4 | layernorm | dense 1024 | relu | dense 256 | layernorm"
    # the block's biases: attention 1,024 (4·256), each layernorm's β 256, dense 1,024 and 256
    assert "shift β" in hint(block) and "attention's projections" in hint(block)
    cnn = "in 28x28x1 | conv 8 k=3 | flatten | dense 10"
    assert "β" not in hint(cnn) and "attention" not in hint(cnn)
    assert "one per unit or output channel" in hint(cnn)


def test_the_other_frameworks_count_names_only_what_the_net_has():
    def hint(net, convention="keras"):
        slip, = [s for s in model_slips(net, convention) if s.name.startswith("counted as")]
        return slip.hint
    # an LSTM: PyTorch's second bias vector; no BatchNorm in it
    assert hint("in 30x20 | lstm 64") == ("PyTorch counts recurrent biases differently: count "
                                          "as the question's framework does")
    both = hint("in 10x8 | gru 3 | dense 4 | batchnorm", "pytorch")
    assert "recurrent biases and BatchNorm statistics" in both
