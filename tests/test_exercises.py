import pytest

from nnparams_edu import count_parameters
from nnparams_edu.exercises import MISTAKES, check_answer, diagnose, parse_answer
from nnparams_edu.sheets import make_sheet, random_net


@pytest.mark.parametrize("text, value", [("262", 262), (" 262 ", 262), ("262.0", 262),
                                         ("1,234", 1234), ("1 234 567", 1234567),
                                         ("1_000", 1000), (99, 99), ("+7", 7)])
def test_answers_are_parsed(text, value):
    assert parse_answer(text) == value


@pytest.mark.parametrize("text, words", [
    ("abc", "not a number"), ("", "Type your answer first"), ("   ", "Type your answer"),
    ("-5", "negative"), ("2e400", "far more"), ("nan", "not a count"), ("inf", "not a count"),
    ("2.5", "not a whole number"), ("1,2", "groups of three"), (None, "whole number"),
    (True, "whole number"), ("__import__('os')", "not a number"),
])
def test_nonsense_gets_a_sentence(text, words):
    with pytest.raises(ValueError) as info:
        parse_answer(text)
    assert words in str(info.value)
    feedback = check_answer("5-8-4-3", text)
    assert feedback.correct is False and feedback.mistake is None and words in feedback.message


# 5-8-4-3 worked by hand: right 99, weights 84, sizes 20, 3 bias nodes.
@pytest.mark.parametrize("total, mistake", [
    (84, "forgot_biases"),          # 40 + 32 + 12
    (5 * 9 + 8 * 5 + 4 * 4, "swapped_bias"),  # n·(m+1): 101
    (104, "input_bias"),            # 99 + 5
    (102, "output_bias"),           # 99 + 3
    (96, "missing_output_bias"),    # 99 - 3
    (87, "bias_per_layer"),         # 84 + 3
    (23, "counted_units"),          # 20 + 3
    (20, "added_sizes"),
    (98, None), (99, None),
])
def test_each_known_mistake_is_diagnosed(total, mistake):
    assert diagnose("5-8-4-3", total) == mistake
    feedback = check_answer("5-8-4-3", str(total))
    assert feedback.mistake == mistake
    assert feedback.correct is (total == 99)
    if mistake:
        assert MISTAKES[mistake][0] in feedback.message


def test_every_mistake_is_reachable_for_the_lesson_exercise():
    found = {diagnose("4-16-8-4-2", f(L := (4, 16, 8, 4, 2), [True] * 4))
             for f in (formula for _, formula in MISTAKES.values())}
    assert found >= set(MISTAKES) - {"output_bias"}  # 264 is also n·(m+1) there


def test_correct_answer_shows_the_sum():
    assert check_answer("4-16-8-4-2", "262").message == "Correct: 262 = 80 + 136 + 36 + 10."


def test_per_connection_feedback():
    f = check_answer("5-8-4-3", "95", per_connection=["48", "32", "15"])
    assert not f.correct and "connection 2 (8 → 4): 32 is the weights alone" in f.message
    f = check_answer("5-8-4-3", "99", per_connection=["48", "40", "15"])
    assert not f.correct and "8 × (4 + 1)" in f.message
    f = check_answer("5-8-4-3", "99", per_connection=["48", "", None])
    assert f.correct
    f = check_answer("5-8-4-3", "99", per_connection=["48"])
    assert "one answer per connection" in f.message
    f = check_answer("5-8-4-3", "99", per_connection=["48", "x", "15"])
    assert "Connection 2: 'x' is not a number" in f.message


def test_random_nets_respect_ranges_and_seed():
    for seed in range(50):
        net = random_net(seed, layers=(2, 3), units=(4, 6))
        assert 2 <= len(net.layers) <= 3 and all(4 <= n <= 6 for n in net.layers)
    assert random_net(1) == random_net(1)
    with pytest.raises(ValueError, match="layers is 1-3"):
        random_net(0, layers=(1, 3))
    with pytest.raises(ValueError, match="units is 5-2"):
        random_net(0, units=(5, 2))


def test_sheet_and_key_are_reproducible():
    sheet = make_sheet(10, seed=7)
    assert sheet == make_sheet(10, seed=7) and sheet != make_sheet(10, seed=8)
    text, key = sheet.to_markdown(), sheet.key.to_markdown()
    assert text.count("________ parameters") == 10
    for net in sheet.nets:
        assert f"**{count_parameters(net):,}**" in key
    assert "<ol>" in sheet.to_html() and "<b>" in sheet.key.to_html()


@pytest.mark.parametrize("n", [0, 201, 2.5, True])
def test_bad_sheet_size(n):
    with pytest.raises(ValueError, match="1 to 200"):
        make_sheet(n)
