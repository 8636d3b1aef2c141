"""The exercise for a typed net: posed with shapes but no counts, feedback that
names the slip, the solution only after a real attempt, fair random nets."""
import re

import pytest

from nnparams_edu.model_count import model_breakdown
from nnparams_edu.model_posing import is_fair
from nnparams_edu.widgets import model_exercise

# conv 3·3·3·4 + 4 = 112 (out 6×6×4), maxpool -> 3×3×4, dense (36 + 1)·5 = 185: 297
NET = "in 8x8x3 | conv 4 k=3 | maxpool 2 | flatten | dense 5"


def _numbers(text):
    return {int(n.replace(",", "")) for n in re.findall(r"\d{1,3}(?:,\d{3})+|\d+", text)}


def test_posed_with_shapes_and_no_counts():
    ex = model_exercise(NET)
    shown = ex.prompt.value + ex.shapes.value + ex.feedback.value + ex.solution.value
    assert "<td>3×3×4</td>" in ex.shapes.value and "<td>36</td>" in ex.shapes.value
    assert not {112, 185, 297} & _numbers(shown)
    html, text = ex.static_parts()
    assert "<td>?</td>" in html and not {112, 185, 297} & _numbers(html + text)
    assert "counted as Keras counts them" in ex.prompt.value
    assert "PyTorch" in model_exercise(NET, convention="pytorch").prompt.value


@pytest.mark.parametrize("answer, status, slips", [
    ("297", "correct", ()),
    ("225", "wrong", ("conv counted without input channels",)),  # 3·3·4 + 4 for the conv
    ("162", "wrong", ("flatten size without the channels",)),  # 112 + (3·3 + 1)·5
    ("abc", "unreadable", ()),
])
def test_feedback(answer, status, slips):
    ex = model_exercise(NET)
    ex.answer.value = answer
    assert ex.result.status == status and ex.result.slips == slips
    assert ex.feedback.value and "Traceback" not in ex.feedback.value
    if status != "correct":
        assert 297 not in _numbers(ex.feedback.value)


def test_solution_only_after_a_real_attempt():
    ex = model_exercise(NET)
    ex.show_solution()
    assert ex.solution.value == ""
    for no_try in ["abc", "0", "-1", "9" * 20, "1"]:
        ex.answer.value = no_try
        ex.check_button.click()
        assert ex.solution_button.disabled, no_try
    ex.answer.value = "300"  # near the right count
    assert not ex.solution_button.disabled
    ex.solution_button.click()
    assert "(3 × 3 × 3 + 1) × 4 = 112" in ex.solution.value
    assert "(36 + 1) × 5 = 185" in ex.solution.value and "297" in ex.solution.value


def test_per_layer_boxes():
    ex = model_exercise(NET, per_layer=True)
    assert [box.description for box in ex.layer_answers] == [
        "1. conv 4 k=3", "2. maxpool 2", "3. flatten", "4. dense 5"]
    ex.layer_answers[0].value = "112"
    ex.check_button.click()
    assert ex.result.status == "partial" and "So far so good" in ex.feedback.value
    ex.layer_answers[3].value = "180"  # 36·5: the bias forgotten
    ex.check_button.click()
    assert "“forgotten bias”" in ex.feedback.value and 185 not in _numbers(ex.feedback.value)
    with pytest.raises(ValueError, match="13 layers; an exercise asks for each layer only "
                                         "up to 12"):
        model_exercise("in 4 | " + " | ".join(["dense 2"] * 13), per_layer=True)


def test_random_nets_are_fair_and_new():
    ex = model_exercise(seed=5)
    first = str(ex.net)
    assert is_fair(ex.net)
    ex.answer.value = str(model_breakdown(ex.net).total)
    assert ex.result.correct and not ex.solution_button.disabled
    ex.new_button.click()
    assert str(ex.net) != first and is_fair(ex.net)
    assert ex.answer.value == "" and ex.feedback.value == "" and ex.solution_button.disabled
    assert str(model_exercise(seed=5).net) == first  # the same seed, the same net
    sequence = model_exercise(seed=5, family="sequence", convention="pytorch")
    assert sequence.net.input.rank == 2 and is_fair(sequence.net, "pytorch")
