"""Two typed nets side by side, and the difference in words by layer."""
import re

import pytest

from nnparams_edu.draw import drawn_labels
from nnparams_edu.model_difference import describe_model_difference
from nnparams_edu.widgets import compare
from nnparams_edu.widgets.compare import Comparison
from nnparams_edu.widgets.model_compare import ModelComparison
from tests.widgets._helpers import without_pictures

DENSE, CONV = "in 28x28x1 | flatten | dense 32", "in 28x28x1 | conv 32 k=3"
# dense 32 on the flattened image: 28·28·1 = 784 inputs, (784 + 1)·32 = 25,120
# conv 32 k=3 on 1 channel: (3·3·1 + 1)·32 = 320; 25,120 − 320 = 24,800 fewer,
# 24,800 / 25,120 = 98.7 %; the conv layer keeps the layout: 26×26×32 (28 − 3 + 1 = 26)
LENET = ("in 32x32x1 | conv 6 k=5 | tanh | avgpool 2 | conv 16 k=5 | tanh | avgpool 2"
         " | flatten | dense 120 | tanh | dense 84 | tanh | dense 10")


def test_the_classic_pair_dense_against_conv():
    c = compare(DENSE, CONV)
    assert isinstance(c, ModelComparison)
    assert [v.breakdown.total for v in c.views] == [25120, 320]
    assert [v.total.value for v in c.views] == ["<b>25,120 parameters</b>",
                                                "<b>320 parameters</b>"]
    said = c.difference.value
    assert "Net B has 320 parameters, 24,800 fewer than net A (25,120), -98.7%." in said
    assert "Net A gives 32, net B 26×26×32." in said
    assert ("Net A&#x27;s layer 2, dense 32 on 784: (784 + 1) × 32 = 25,120; net B&#x27;s "
            "layer 1, conv 32 k=3 on 28×28×1: (3 × 3 × 1 + 1) × 32 = 320 (24,800 fewer).") \
        in said
    # the drawn counts: flatten 0, dense 25,120; conv 320 (no title: the total above says it)
    assert [drawn_labels(v.ax)["count"] for v in c.views] == [["0", "25,120"], ["320"]]
    assert [drawn_labels(v.ax).get("title") for v in c.views] == [None, None]


def test_lenet_against_lenet_without_its_84_layer_by_layer():
    # LeNet-5: 156 + 2,416 + 48,120 + 10,164 + 850 = 61,706 (LeCun et al. 1998).
    # Without dense 84 the last layer takes the 120 directly: (120 + 1)·10 = 1,210,
    # so 156 + 2,416 + 48,120 + 1,210 = 51,902, 9,804 fewer (61,706 − 51,902);
    # 10,164 − 1,210 = 8,954 fewer in the paired layer; 850 has no match
    text = describe_model_difference(LENET, LENET.replace("dense 84 | tanh | ", ""))
    assert text.splitlines() == [
        "Net B has 51,902 parameters, 9,804 fewer than net A (61,706), -15.9%.",
        "3 layers with parameters are the same in both.",
        "Net A's layer 10, dense 84 on 120: (120 + 1) × 84 = 10,164; net B's layer 10, "
        "dense 10 on 120: (120 + 1) × 10 = 1,210 (8,954 fewer).",
        "Net A's layer 12, dense 10 on 84: (84 + 1) × 10 = 850; net B has no layer to match it.",
    ]


def test_the_convention_changes_the_counts_and_the_words():
    # rnn 32 on 8 features: Keras (8 + 32 + 1)·32 = 1,312, PyTorch + 32 = 1,344
    # lstm 32: four gates, Keras 4·1,312 = 5,248, PyTorch 4·1,344 = 5,376
    c = compare("in 10x8 | rnn 32", "in 10x8 | lstm 32")
    assert [v.breakdown.total for v in c.views] == [1312, 5248]
    assert "3,936 more" in c.difference.value            # 5,248 − 1,312
    c.convention.value = "pytorch"
    assert [v.breakdown.total for v in c.views] == [1344, 5376]
    assert "4,032 more" in c.difference.value            # 5,376 − 1,344


def shown(c) -> set:
    """Every number the comparison shows: totals, words, alt texts, picture labels."""
    text = without_pictures(c.difference.value + "".join(
        v.total.value + v.image.value for v in c.views))
    for view in c.views:
        labels = drawn_labels(view.ax)
        text += " ".join(labels.get("title", []) + labels["count"])
    return set(re.findall(r"\d+", text.replace(",", "")))


def test_hide_counts_poses_both_nets_with_their_shapes():
    c = compare(DENSE, CONV)
    c.hide_counts.value = True
    for view in c.views:
        labels = drawn_labels(view.ax)
        assert set(labels["count"]) == {"?"}
        assert view.total.value == "<b>How many parameters?</b>"
    assert "26×26×32" in "\n".join(drawn_labels(c.views[1].ax)["layer"])
    assert not shown(c) & {"25120", "320", "24800"}
    assert c.difference.value == ""
    c.specs[1].value = "in 28x28x1 | conv 16 k=3"        # (9 + 1)·16 = 160, still posed
    assert c.views[1].total.value == "<b>How many parameters?</b>"
    assert not shown(c) & {"25120", "160", "24960"}
    c.hide_counts.value = False
    assert [v.breakdown.total for v in c.views] == [25120, 160]


def test_a_bad_net_is_named_and_the_net_shown_stays():
    c = compare(DENSE, CONV)
    c.specs[0].value = "in 28x28x1 | dense 32"
    assert "put a flatten before it" in c.message.value
    assert c.specs[0].value == DENSE and c.views[0].breakdown.total == 25120
    c.specs[0].value = "5-8-4-3"                         # a dense net is a typed one too
    assert c.message.value == "" and c.views[0].breakdown.total == 99
    assert c.specs[0].value == "in 5 | dense 8 | dense 4 | dense 3"


@pytest.mark.parametrize("a, b, kind", [
    ("5-8-4-3", "5-16-3", Comparison),
    (DENSE, CONV, ModelComparison),
    ("784-32", CONV, ModelComparison),
])
def test_compare_dispatches_on_the_kind_of_net(a, b, kind):
    assert type(compare(a, b)) is kind


def test_equal_totals_are_said_so():
    # in 4: dense 3 = (4 + 1)·3 = 15; in 2: dense 5 = (2 + 1)·5 = 15
    assert describe_model_difference("in 4 | dense 3", "in 2 | dense 5").splitlines()[0] == \
        "Net A and net B both have 15 parameters."


def test_a_layer_only_the_second_net_has_is_named():
    # the same pair as above, the other way round: 51,902 → 61,706, 9,804 more
    text = describe_model_difference(LENET.replace("dense 84 | tanh | ", ""), LENET)
    assert text.splitlines()[0] == ("Net B has 61,706 parameters, 9,804 more than net A "
                                    "(51,902), +18.9%.")   # 9,804 / 51,902 = 18.89 %
    assert text.splitlines()[-1] == ("Net B's layer 12, dense 10 on 84: (84 + 1) × 10 = 850; "
                                     "net A has no layer to match it.")


def test_many_differences_are_counted_not_spelled_out():
    # ten dense layers of 4 against ten of 5: every pair differs, 6 written, 4 counted;
    # 10·(4 + 1)·4 = 200 against (4 + 1)·5 + 9·(5 + 1)·5 = 295
    text = describe_model_difference("in 4 | [dense 4] x10", "in 4 | [dense 5] x10")
    assert text.splitlines()[:2] == ["Net B has 295 parameters, 95 more than net A (200), "
                                     "+47.5%.", "Net A gives 4, net B 5."]
    assert len(text.splitlines()) == 2 + 6 + 1
    assert text.splitlines()[-1] == "… and 4 more differences."
