"""The typed walkthrough: a net posed with its shapes, then one layer with
parameters at a time, driven without a browser."""
import re

import pytest

from nnparams_edu.draw import drawn_labels
from nnparams_edu.model_text import parse_model
from nnparams_edu.widgets import pose, walkthrough
from nnparams_edu.widgets.model_walkthrough import ModelWalkthrough
from nnparams_edu.widgets.walkthrough import Walkthrough
from tests.widgets._helpers import without_pictures

LENET = ("in 32x32x1 | conv 6 k=5 | tanh | avgpool 2 | conv 16 k=5 | tanh | avgpool 2"
         " | flatten | dense 120 | tanh | dense 84 | tanh | dense 10")
# LeNet-5 worked by hand (LeCun et al. 1998):
#   conv 6 k=5 on 1 channel    (5·5·1 + 1)·6   = 156     (layer 1)
#   conv 16 k=5 on 6 channels  (5·5·6 + 1)·16  = 2,416   (layer 4)
#   dense 120 on 5·5·16 = 400  (400 + 1)·120   = 48,120  (layer 8)
#   dense 84                   (120 + 1)·84    = 10,164  (layer 10)
#   dense 10                   (84 + 1)·10     = 850     (layer 12)
#   156 + 2,416 + 48,120 + 10,164 + 850 = 61,706
COUNTS = ["156", "2,416", "48,120", "10,164", "850"]
RUNNING = ["156", "2,572", "50,692", "60,856", "61,706"]
LAYERS = [0, 3, 7, 9, 11]   # the layers with parameters, from 0
# Shapes a student counts from: 32→28 (k=5), pooled 14, 28... 14→10, pooled 5; 5·5·16 = 400
SHAPES = ["28×28×6", "14×14×6", "10×10×16", "5×5×16", "400", "120", "84", "10"]


def numbers(w) -> set:
    """Every number the widget shows (picture labels, total, text, alt text),
    commas dropped."""
    labels = drawn_labels(w.view.ax)
    text = " ".join([*labels["title"], *labels["count"], *labels.get("count-highlight", []),
                     w.view.total.value, w.sum.value, w.view.alt, w.message.value])
    return set(re.findall(r"\d+", text.replace(",", "")))


def plain(number: str) -> str:
    return number.replace(",", "")


def test_posed_shows_the_shapes_and_nothing_of_the_answer():
    w = pose(LENET)
    assert isinstance(w, ModelWalkthrough) and w.step.value == 0 and w.step.max == 5
    labels = drawn_labels(w.view.ax)
    assert labels["count"] == ["?"] * 12
    assert "how many parameters?" in labels["title"][0]
    layer_labels = "\n".join(labels["layer"])
    assert all(shape in layer_labels for shape in SHAPES)
    shown = numbers(w)
    assert not shown & {plain(n) for n in COUNTS + RUNNING}
    html = without_pictures(w.view.image.value + w.view.total.value + w.sum.value)
    assert not any(plain(n) in html.replace(",", "") for n in COUNTS[1:] + RUNNING[1:])
    assert w.view.total.value == "<b>How many parameters?</b>"


@pytest.mark.parametrize("k", range(1, 6))
def test_step_k_reveals_the_kth_layer_its_formula_and_the_sum(k):
    w = walkthrough(LENET)
    for _ in range(k):
        assert w.advance()
    labels = drawn_labels(w.view.ax)
    assert labels["count-highlight"] == [COUNTS[k - 1]]
    # every layer up to the highlighted one is counted (0 for those without parameters),
    # every later one is a "?" until the end
    counted = [c for c in labels["count"] if c != "?"]
    assert sorted(counted + labels["count-highlight"], key=plain) == sorted(
        COUNTS[:k] + ["0"] * (LAYERS[k - 1] + 1 - k), key=plain)
    if k < 5:
        assert labels["count"].count("?") == 11 - LAYERS[k - 1]
        assert f"So far: {' + '.join(COUNTS[:k])}" in w.sum.value
        assert f"<b>{RUNNING[k - 1]} parameters so far</b>" == w.view.total.value
        assert not numbers(w) & {plain(n) for n in RUNNING[k:] + COUNTS[k:]} - {
            plain(n) for n in COUNTS[:k]}
    else:
        assert "?" not in labels["count"]
        assert ("Total: 156 + 2,416 + 48,120 + 10,164 + 850 = 61,706 parameters"
                in w.sum.value)
        assert labels["title"][0].endswith("61,706 parameters")


def test_each_step_says_its_formula_and_the_layers_passed_on_the_way():
    w = walkthrough(LENET)
    w.advance(); w.advance()
    assert w.lines[0] == ("No parameters in layers 2 (tanh) and 3 (avgpool 2): they change "
                          "the shape only, to 14×14×6.")
    assert w.lines[1] == ("Layer 4, conv 16 k=5, 14×14×6 → 10×10×16: "
                          "(5 × 5 × 6 + 1) × 16 = 2,416")
    w.advance()
    assert "5 (tanh), 6 (avgpool 2) and 7 (flatten)" in w.lines[0]
    assert w.lines[1] == "Layer 8, dense 120, 400 → 120: (400 + 1) × 120 = 48,120"


def test_every_control_at_both_ends():
    w = walkthrough(LENET)
    assert not w.retreat() and not w.rewind()      # nothing revealed yet
    w.previous.click()
    assert w.step.value == 0
    w.reveal_all.click()
    assert w.step.value == 5 and "= 61,706 parameters" in w.sum.value
    assert not w.advance()                          # nothing more to reveal
    w.next.click()
    assert w.step.value == 5
    w.previous.click()
    assert w.step.value == 4 and "So far: 156 + 2,416 + 48,120 + 10,164 = 60,856" in w.sum.value
    w.next.click()
    assert w.step.value == 5
    w.restart.click()
    assert w.step.value == 0 and set(drawn_labels(w.view.ax)["count"]) == {"?"}
    w.step.value = 5                                # the slider's far end
    assert "61,706 parameters" in w.view.total.value
    w.step.value = 0
    assert w.view.total.value == "<b>How many parameters?</b>"


def test_the_end_says_the_other_frameworks_count_where_it_differs():
    # SimpleRNN of 32 on 8 features: Keras (8 + 32 + 1)·32 = 1,312; PyTorch a
    # second bias vector of 32: 1,344. Dense 1 on 32: (32 + 1)·1 = 33.
    w = walkthrough("in 10x8 | rnn 32 | dense 1")
    w.reveal_all.click()
    assert "Total: 1,312 + 33 = 1,345 parameters" in w.sum.value
    assert w.lines[-1] == "PyTorch counts 1,377: layer 1 (rnn 32) 1,344 instead of 1,312."
    w.convention.value = "pytorch"
    assert w.step.value == 2 and "Total: 1,344 + 33 = 1,377 parameters" in w.sum.value
    assert w.lines[-1] == "Keras counts 1,345: layer 1 (rnn 32) 1,312 instead of 1,344."
    w = walkthrough(LENET)
    w.reveal_all.click()
    assert "counts" not in w.lines[-1]              # both frameworks count 61,706


def test_keras_batchnorm_statistics_are_said_not_trainable():
    # batchnorm on 4 features: γ, β 2·4 = 8 trainable, moving mean and variance 8 not
    # dense 2 on 4: (4 + 1)·2 = 10
    w = walkthrough("in 4 | batchnorm | dense 2")
    w.reveal_all.click()
    assert "Total: 16 + 10 = 26 parameters" in w.sum.value
    assert "18 of them trainable, 8 not." in w.lines
    assert w.lines[-1] == "PyTorch counts 18: layer 1 (batchnorm) 8 instead of 16."


def test_a_typed_net_typed_in_is_posed_again_and_a_bad_one_is_named():
    w = walkthrough("in 6x6x1 | conv 2 k=3 | flatten | dense 3")   # 20 + (32 + 1)·3 = 119
    w.reveal_all.click()
    w.spec.value = "in 28x28x1 | conv 8 k=3 | dense 10"
    assert "put a flatten before it" in w.message.value and w.step.value == 2
    w.spec.value = "in 28x28x3 | conv 8 k=3 | flatten | dense 10"
    # (3·3·3 + 1)·8 = 224; 26·26·8 = 5,408 inputs: (5,408 + 1)·10 = 54,090
    assert w.message.value == "" and w.step.value == 0 and w.step.max == 2
    assert set(drawn_labels(w.view.ax)["count"]) == {"?"}
    w.reveal_all.click()
    assert "Total: 224 + 54,090 = 54,314 parameters" in w.sum.value


def test_dispatch_keeps_dense_nets_on_the_dense_walkthrough():
    assert type(walkthrough("5-8-4-3")) is Walkthrough
    assert type(pose("4-16-8-4-2")) is Walkthrough
    assert type(walkthrough(parse_model("in 5 | dense 3"))) is ModelWalkthrough
    assert type(walkthrough("in 5 | dense 3")) is ModelWalkthrough


def test_a_long_sum_is_shortened_and_still_exact():
    # 12 dense layers of 4 on 4: (4 + 1)·4 = 20 each, 240 in all
    w = walkthrough("in 4 | [dense 4] x12")
    w.reveal_all.click()
    assert "Total: 20 + 20 + 20 + 20 + 20 + 20 + … (4 more) + 20 + 20 = 240 parameters" \
        in w.sum.value
