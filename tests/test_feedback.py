"""Edge cases of the feedback on a student's answer, each worked by hand: the
hints for one connection's box, the boxes against the total, the limits of what
is read, and the folded solution."""
import dataclasses

import pytest

from nnparams_edu.answers import MAX_ANSWER, MAX_TEXT, parse_answer
from nnparams_edu.exercises import Feedback, check_answer, solution
from nnparams_edu.feedback import boxes_to_check, coincidence_note

SECOND = "8 → 4 (the second connection)"  # of 5-8-4-3: (8 + 1) × 4 = 36


@pytest.mark.parametrize("box, hint", [
    ("32", "32 is the weights alone; add one bias per receiving unit"),           # 8 × 4
    ("40", "40 is 8 × (4 + 1); the +1 goes with the sending layer, not the receiving one"),
    ("12", "12 adds the two layer sizes; every sending unit has a weight to each receiving "
           "unit: multiply them, then add the biases"),                          # 8 + 4
    ("33", "33 has one bias for the whole layer; each of the 4 units has its own"),  # 8 × 4 + 1
    ("35", "35 is not right; count (n + 1) × m for it"),
])
def test_each_hint_for_a_box(box, hint):
    feedback = check_answer("5-8-4-3", "99", ["48", box, "15"])
    assert feedback.message == f"Your total 99 is right, but check {SECOND}: {hint}."
    assert not feedback.correct


@pytest.mark.parametrize("box, hint", [
    ("15", "15 is not right; it has no biases, so count n × m"),  # (4 + 1) × 3
    ("16", "16 is not right; it has no biases, so count n × m"),  # 4 × (3 + 1)
    ("13", "13 is not right; it has no biases, so count n × m"),  # 4 × 3 + 1
    ("7", "7 adds the two layer sizes; every sending unit has a weight to each receiving "
          "unit: multiply them"),
])
def test_a_box_without_biases_gets_no_bias_hint(box, hint):
    # 5-8-4-3;nobias=3: 48 + 36 + 4 × 3 = 96
    feedback = check_answer("5-8-4-3;nobias=3", "96", ["", "", box])
    last = "4 → 3 (the last connection)"
    assert feedback.message == f"Your total 96 is right, but check {last}: {hint}."


def test_a_single_output_unit_still_has_its_bias():
    # 2-3-1: (2 + 1) × 3 = 9, (3 + 1) × 1 = 4; 3 is 3 → 1 without its one bias
    feedback = check_answer("2-3-1", "13", ["", "3"])
    assert "3 → 1 (the last connection): 3 is the weights alone" in feedback.message


def test_a_box_holds_one_number():
    feedback = check_answer("5-8-4-3", "99", ["4 8", "", ""])
    assert feedback.message == ("5 → 8 (the first connection): '4 8' is not one number: "
                                "type one number with no space inside it.")


def test_right_boxes_do_not_hide_an_unreadable_total():
    feedback = check_answer("5-8-4-3", "abc", ["48", "36", "15"])
    assert feedback.message == "'abc' is not a number; type a whole number in digits."
    assert feedback.partial is False


@pytest.mark.parametrize("total", ["", "  ", None])
def test_right_boxes_and_no_total_yet_are_right_so_far(total):
    feedback = check_answer("5-8-4-3", total, ["48", "", ""])
    assert feedback.message.startswith("So far so good: the connections you counted are right.")
    assert feedback.partial is True and feedback.correct is False


def test_the_same_slip_in_every_box_is_named_once():
    # 6-10-7-4-2 by hand without biases: 6·10 = 60, 10·7 = 70, 7·4 = 28, 4·2 = 8
    message = check_answer("6-10-7-4-2", "", per_connection=[60, 70, 28, 8]).message
    assert message.startswith("Check 6 → 10 (the first connection); 10 → 7")
    assert "4 → 2 (the last connection): in each, add one bias per receiving unit." in message
    # different slips share no advice: the rule instead (10·8 = 80 puts the +1 on 7)
    mixed = check_answer("6-10-7-4-2", "", per_connection=[60, 80, 28, 8]).message
    assert "in each" not in mixed and "(each is (n + 1) × m" in mixed


def test_a_wrong_box_and_no_total_is_not_right_so_far():
    feedback = check_answer("5-8-4-3", "", ["41", "", ""])
    assert feedback.message == ("Check 5 → 8 (the first connection): 41 has one bias for the "
                                "whole layer; each of the 8 units has its own. Then type the "
                                "total, the counts added up.")
    assert feedback.partial is False


@pytest.mark.parametrize("net, total, message", [
    ("6-3", "21", "Correct: 21."),            # (6 + 1) × 3, one connection: no sum
    ("5-8-3", "75", "Correct: 75 = 48 + 27."),
])
def test_a_right_answer_shows_the_sum_only_of_several_counts(net, total, message):
    feedback = check_answer(net, total)
    assert feedback == Feedback(True, None, message, (), False)


def test_a_right_answer_shows_the_sum_of_up_to_12_counts():
    # 3-2-2-...: (3 + 1) × 2 = 8, then (2 + 1) × 2 = 6 for each further connection
    twelve = check_answer([3] + [2] * 12, "74")  # 8 + 11 × 6
    assert twelve.correct and twelve.message.startswith("Correct: 74 = 8" + " + 6" * 11 + ".")
    thirteen = check_answer([3] + [2] * 13, "80")  # 8 + 12 × 6
    assert thirteen.correct and thirteen.message.startswith("Correct: 80.")


@pytest.mark.parametrize("net, note", [("5-8-3", True), ("6-3", False)])
def test_digits_grouped_by_a_space_are_said_to_be_one_number(net, note):
    message = check_answer(net, "1 234").message
    assert message.startswith("Not quite: 1,234 is not what any of the usual mistakes gives.")
    assert ("('1 234' was read as one number, 1,234; if you meant several numbers, add them "
            "up.)" in message) is note


def test_the_nudge_names_the_rule_of_the_net():
    assert check_answer("8-6-4;nobias=2", "79").message == (
        "Not quite: 79 is not what any of the usual mistakes gives. Count each connection "
        "as (n + 1) × m, or n × m where it has no biases, and add them up again.")
    assert check_answer("5-8-4-3", "100").message == (
        "Not quite: 100 is not what any of the usual mistakes gives. Count each connection "
        "as (n + 1) × m and add them up again.")


def test_zero_is_a_number_not_a_negative_one():
    assert parse_answer("0") == 0 and parse_answer("0.0") == 0
    assert "negative" not in check_answer("5-8-4-3", "0").message
    with pytest.raises(ValueError, match="is negative"):
        parse_answer("-1")
    with pytest.raises(ValueError, match="not a whole number"):
        parse_answer("0.5")


def test_answers_of_up_to_100_characters_are_read():
    assert MAX_TEXT == 100
    assert parse_answer("0" * 99 + "7") == 7
    assert parse_answer(" " * 50 + "0" * 99 + "7 ") == 7  # spaces around do not count
    with pytest.raises(ValueError, match="too long for an answer"):
        parse_answer("0" * 100 + "7")


@pytest.mark.parametrize("text, quoted", [
    ("x" * 58, "'" + "x" * 58 + "'"),                  # a quote of 60 characters: whole
    ("x" * 59, "'" + "x" * 58 + "…'"),                 # cut to 58 characters
    ("a" * 57 + "123456", "'" + "a" * 57 + "…'"),      # no number cut in two
    ("ab" + "1" * 200, "'ab…'"),
])
def test_a_long_answer_is_quoted_short(text, quoted):
    message = check_answer("5-8-4-3", text).message
    assert message.startswith(quoted + " is ")


def test_a_number_inside_words_is_not_a_number_word():
    for text in ("a hundred", "one thousand and one", "Twenty-Two"):
        with pytest.raises(ValueError, match="written in words"):
            parse_answer(text)
    for text in ("a", "and", "12 and"):
        with pytest.raises(ValueError) as info:
            parse_answer(text)
        assert "written in words" not in str(info.value)


def test_feedback_is_frozen_and_not_partial_by_default():
    feedback = Feedback(False, None, "Not quite.")
    assert feedback.partial is False and feedback.mistakes == ()
    with pytest.raises(dataclasses.FrozenInstanceError):
        feedback.correct = True


def test_the_solution_of_one_connection_states_its_total_once():
    html = solution("6-3")._repr_html_()
    assert "<td>(6 + 1) × 3 = 21</td>" in html and "<p>Total: 21 parameters.</p>" in html
    assert "21 = 21" not in html
    assert "<p>Total: 48 + 27 = 75 parameters.</p>" in solution("5-8-3")._repr_html_()
    with pytest.raises(dataclasses.FrozenInstanceError):
        solution("6-3").net = None


@pytest.mark.parametrize("answer", [True, False, None])
def test_no_answer_or_a_bool_is_asked_for_again(answer):
    with pytest.raises(ValueError) as info:
        parse_answer(answer)
    assert str(info.value) == "Type your answer as a whole number, in digits."


def test_the_largest_answer_read_is_max_answer():
    # the largest net: 100,000 layers of 100,000,000 units, 99,999 connections of
    # (100,000,000 + 1) × 100,000,000 = 10,000,000,100,000,000 each
    assert MAX_ANSWER == 999_990_009_999_900_000_000
    assert parse_answer(str(MAX_ANSWER)) == MAX_ANSWER
    with pytest.raises(ValueError, match="far more parameters than any net here has"):
        parse_answer(str(MAX_ANSWER + 1))


def test_a_long_run_of_digits_is_quoted_without_any_of_them():
    message = check_answer("5-8-4-3", "7" * 101).message
    assert message == "'…' is too long for an answer; type a whole number in digits."


def test_a_quote_keeps_the_longest_start_that_fits_in_60_characters():
    text = "x\t" * 40  # "\t" takes two characters in a quote: fits 20 pairs, then half
    longest = max(k for k in range(len(text)) if len(repr(text[:k])) <= 60)
    assert longest == 39  # 20 x's and 19 tabs: 2 + 20 + 38 characters
    assert check_answer("5-8-4-3", text).message.startswith(repr(text[:longest] + "…"))


@pytest.mark.parametrize("total, boxes, partial", [
    ("99", ["48"], False),                     # not one box per connection
    ("99", ["48", "x", "15"], False),          # a box that is not a number
    ("99", ["36", "48", "15"], False),         # right counts, wrong boxes
    ("98", ["48", "36", "15"], False),         # right boxes, a slip in the sum
    ("95", ["48", "32", "15"], False),         # a wrong box and a wrong total
    ("", ["48", "32", ""], False),             # a wrong box, no total yet
    ("", ["48", "36", ""], True),              # right so far
])
def test_no_box_path_says_correct(total, boxes, partial):
    feedback = check_answer("5-8-4-3", total, boxes)
    assert feedback.correct is False and feedback.partial is partial


def test_the_hints_on_the_boxes_take_up_to_200_characters():
    # "c: " and 197 x's make 200 characters: the hint is kept; one more and only
    # the connection is named, with the rule
    assert boxes_to_check([("c", "x" * 197)]) == ["c: " + "x" * 197]
    assert boxes_to_check([("c", "x" * 198)]) == ["c (each is (n + 1) × m, or n × m without "
                                                  "biases)"]
    # two hints joined by "; ": 3 + 95 + 2 + 3 + 97 = 200
    assert boxes_to_check([("a", "x" * 95), ("b", "y" * 97)]) == ["a: " + "x" * 95,
                                                                  "b: " + "y" * 97]


def test_one_coincidence_is_named_alone():
    # 7-7: right (7 + 1) × 7 = 56, and 7 × (7 + 1) = 56 too; no other mistake gives
    # 56 (49, 63, 63, 49, 50, 15, 14, 112)
    assert coincidence_note("7-7", 56) == (
        " But n × (m + 1) for each connection, added up, gives 56 here too: check that "
        "you counted (n + 1) × m.")
