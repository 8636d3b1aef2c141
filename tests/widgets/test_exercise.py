"""The exercise: posed without counts, feedback, solution, random nets."""
import pytest

from tests.widgets._helpers import without_pictures
from nnparams_edu.draw import drawn_labels
from nnparams_edu.widgets import exercise


# -- exercise -----------------------------------------------------------------

@pytest.mark.parametrize("answer, correct, mistake", [
    ("262", True, None), (" 262 ", True, None), ("262.0", True, None),
    ("232", False, "forgot_biases"), ("266", False, "input_bias"),
    ("1,234", False, None), ("abc", False, None), ("-5", False, None),
    ("2e400", False, None), ("", None, None),
])
def test_exercise_feedback(answer, correct, mistake):
    ex = exercise("4-16-8-4-2")
    ex.answer.value = answer
    if correct is None:  # nothing typed: nothing checked
        assert ex.result is None and ex.feedback.value == ""
        return
    assert ex.result.correct is correct and ex.result.mistake == mistake
    assert ex.result.message and "Traceback" not in ex.feedback.value


def test_solution_only_after_an_attempt():
    ex = exercise("4-16-8-4-2")
    assert ex.solution_button.disabled
    ex.show_solution()
    assert ex.solution.value == ""
    for no_try in ["   ", "abc", "two hundred"]:  # no number: not a try
        ex.answer.value = no_try
        ex.check_button.click()
        assert ex.solution_button.disabled
    ex.answer.value = "100"
    ex.solution_button.click()
    assert "(4 + 1) × 16 = 80" in ex.solution.value and "262" in ex.solution.value


def test_per_connection_answers_name_the_wrong_connection():
    ex = exercise("4-16-8-4-2", per_connection=True)
    for box, value in zip(ex.connections, ["80", "128", "36", "10"]):
        box.value = value
    ex.answer.value = "254"
    assert "16 → 8 (the second connection): 128 is the weights alone" in ex.result.message


@pytest.mark.parametrize("text, words", [("abc", "is not a number"), ("-5", "is negative"),
                                         ("2e400", "far more parameters"),
                                         ("1,2", "is not one number")])
def test_bad_text_in_a_connection_box_gets_a_sentence(text, words):
    ex = exercise("5-8-4-3", per_connection=True)
    ex.connections[1].value = text
    ex.answer.value = "99"
    assert ex.result.correct is False
    assert ex.result.message.startswith("8 → 4 (the second connection): ")
    assert words in ex.result.message and words in ex.feedback.value


def test_random_exercises_follow_the_seed_and_new_net_changes_it():
    a, b = exercise(seed=3), exercise(seed=3)
    assert a.net == b.net
    first = a.net
    a.answer.value = "5"
    a.new_button.click()
    assert a.answer.value == "" and a.feedback.value == "" and a.solution_button.disabled
    b.new_net()
    assert a.net == b.net
    assert exercise(seed=4).net != first or exercise(seed=5).net != first


# -- the picture poses the question --------------------------------------------

def numbers_in_picture(ex):
    labels = drawn_labels(ex.view.canvas.ax)
    return [*labels["title"], *labels["count"]], ex.view.alt


@pytest.mark.parametrize("wrong", ["", "232", "abc", "264"])
def test_picture_holds_no_count_before_the_answer_is_right(wrong):
    ex = exercise("4-16-8-4-2")
    ex.answer.value = wrong
    labels, alt = numbers_in_picture(ex)
    assert labels == ["4-16-8-4-2: how many parameters?", "?", "?", "?", "?"]
    for number in ("262", "80", "136", "36", "10"):  # worked by hand
        assert number not in alt.replace(",", " ").split()
    assert "262" not in without_pictures(ex.view.image.value)


def test_a_right_answer_reveals_the_counts():
    ex = exercise("4-16-8-4-2")
    ex.answer.value = "262"
    labels, alt = numbers_in_picture(ex)
    assert labels == ["4-16-8-4-2: 262 parameters", "80", "136", "36", "10"]
    assert alt.endswith("262 parameters")


def test_show_solution_reveals_the_counts_too():
    ex = exercise("5-8-4-3")
    ex.answer.value = "84"
    assert numbers_in_picture(ex)[0][1:] == ["?", "?", "?"]
    ex.solution_button.click()
    assert numbers_in_picture(ex)[0][1:] == ["48", "36", "15"]
    ex.new_net("2-3-1")
    assert numbers_in_picture(ex)[0] == ["2-3-1: how many parameters?", "?", "?"]


def test_without_a_kernel_the_exercise_shows_its_question_and_picture():
    bundle = exercise("4-16-8-4-2")._repr_mimebundle_()
    html = bundle["text/html"]
    assert ("How many parameters (weights and biases) does the fully connected net "
            "<b>4-16-8-4-2</b>") in html
    assert html.count("How many") == 1
    assert '<img src="data:image/png;base64,' in html and 'alt="4-16-8-4-2 net:' in html
    assert "Exercise(" not in bundle["text/plain"] and "4-16-8-4-2" in bundle["text/plain"]
    assert "262" not in without_pictures(html) and "262" not in bundle["text/plain"]


def test_filled_boxes_and_no_total_yet_is_a_note_not_a_cross():
    ex = exercise("6-10-7-4-2", per_connection=True)
    ex.connections[0].value = "70"   # (6 + 1) × 10, right
    ex.check_button.click()
    assert "So far so good" in ex.feedback.value and "&#10008;" not in ex.feedback.value
    ex.connections[0].value = "60"   # the weights alone
    ex.check_button.click()
    assert "60 is the weights alone" in ex.feedback.value and "&#10008;" in ex.feedback.value


def test_one_box_per_connection_only_for_nets_a_student_can_fill():
    import pytest as _pytest

    with _pytest.raises(ValueError, match="only up to 12"):
        exercise([3] * 100, per_connection=True)


@pytest.mark.parametrize("no_try", ["0", "-1", "9" * 20, "1", "5000"])
def test_a_number_far_from_any_count_does_not_unlock_the_solution(no_try):
    ex = exercise("5-8-4-3")  # 99 by hand; a tenth is 9.9, ten times 990
    ex.answer.value = no_try
    ex.check_button.click()
    assert ex.solution_button.disabled
    ex.show_solution()
    assert ex.solution.value == "" and ex.view.shown == 0
    ex.answer.value = "84"  # forgot the biases: a real try
    assert not ex.solution_button.disabled
