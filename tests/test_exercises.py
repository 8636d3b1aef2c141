import re
import time
from html import unescape

import pytest

from nnparams_edu.exercises import (MISTAKES, check_answer, diagnose, mistake_table,
                                    parse_answer, real_attempt)
from nnparams_edu.sheets import make_sheet, random_net


@pytest.mark.parametrize("text, value", [("262", 262), (" 262 ", 262), ("262.0", 262),
                                         ("1,234", 1234), ("1 234 567", 1234567),
                                         ("1_000", 1000), (99, 99), ("+7", 7),
                                         ("12,345,678", 12345678), ("80 136", 80136)])
def test_answers_are_parsed(text, value):
    assert parse_answer(text) == value


LIST = "one number per connection: add them up for the total"


@pytest.mark.parametrize("text, words", [
    ("abc", "not a number"), ("", "Type your answer first"), ("   ", "Type your answer"),
    ("-5", "negative"), ("2e400", "far more"), ("nan", "not a count"), ("inf", "not a count"),
    ("2.5", "not a whole number"), ("1,2", "groups of three"), (None, "whole number"),
    (True, "whole number"), ("__import__('os')", "not a number"),
    # issue 9, reproducer 1: these raised IndexError
    (",", "not a number"), (" , ", "not a number"), (",,", "not a number"),
    ("two hundred sixty-two", "type the number in digits"),
    ("Two Hundred and Sixty Two", "type the number in digits"),
    ("80, 136, 36, 10", LIST), ("80 136 36 10", LIST), ("80+136+36+10", LIST),
    ("80 + 136", LIST), ("48; 36; 15", LIST), ("80,136,36,10", "add them up"),
    ("1, 234", "add them up"), ("9" * 5000, "too long"), ("1,23,456", "groups of three"),
])
def test_nonsense_gets_a_sentence(text, words):
    with pytest.raises(ValueError) as info:
        parse_answer(text)
    assert words in str(info.value)
    values = len(re.findall(r"\d+", str(text)))
    net = "5-8-4-3" if "add them up" not in words else "-".join(["3"] * (values + 1))
    feedback = check_answer(net, text)
    assert feedback.correct is False and feedback.mistake is None and words in feedback.message
    assert feedback.mistakes == () and len(feedback.message) <= 300
    # the only numbers in the sentence are ones the student typed
    typed = set(re.findall(r"\d+", str(text)))
    assert set(re.findall(r"\d+", feedback.message)) <= typed, feedback.message


def test_long_input_is_quoted_short():
    message = check_answer("5-8-4-3", "x" * 10**6 + "y").message
    assert "x" * 50 in message and "x" * 70 not in message and "…" in message
    assert len(message) <= 300
    message = check_answer("5-8-4-3", "\x00" * 100).message
    assert len(message) <= 300 and "not a number" in message
    message = check_answer("5-8-4-3", "x" * 50 + "262" * 40).message  # no number cut short
    assert "262" not in message and len(message) <= 300


def test_empty_answer_reveals_nothing():
    for net in ("4-16-8-4-2", "5-8-4-3", "784-128-10"):
        message = check_answer(net, "").message
        assert message == "Type your answer first: the number of parameters, in digits."


def test_a_list_is_never_added_up_for_the_student():
    message = check_answer("4-16-8-4-2", "80+136+36+10").message
    assert "262" not in message and "add them up" in message


# 5-8-4-3 worked by hand: right 99 = 48 + 36 + 15, weights 84, sizes 20, 3 bias nodes.
@pytest.mark.parametrize("total, mistakes", [
    (84, ("forgot_biases", "left_out")),    # 40 + 32 + 12; also 99 - 15
    (5 * 9 + 8 * 5 + 4 * 4, ("swapped_bias",)),  # n·(m+1): 101
    (104, ("input_bias",)),            # 99 + 5
    (102, ("output_bias",)),           # 99 + 3
    (96, ("missing_output_bias",)),    # 99 - 3
    (87, ("bias_per_layer",)),         # 84 + 3
    (23, ("counted_units",)),          # 20 + 3
    (20, ("added_sizes",)),
    (51, ("left_out",)), (63, ("left_out",)),  # 99 - 48, 99 - 36
    (147, ("counted_twice",)), (135, ("counted_twice",)), (114, ("counted_twice",)),
    (98, ()), (99, ()),
])
def test_each_known_mistake_is_diagnosed(total, mistakes):
    assert diagnose("5-8-4-3", total) == mistakes
    feedback = check_answer("5-8-4-3", str(total))
    assert feedback.mistakes == mistakes
    assert feedback.mistake == (mistakes[0] if mistakes else None)
    assert feedback.correct is (total == 99)
    for name in set(mistakes) - {"left_out", "counted_twice"}:
        assert MISTAKES[name].did in feedback.message
    assert ("more than one mistake" in feedback.message) is (len(mistakes) > 1)


@pytest.mark.parametrize("total, phrases", [
    # 4-16-8-4-2 by hand: 80 + 136 + 36 + 10 = 262
    (264, ["counted n × (m + 1)", "or if you counted the output layer's biases twice"]),
    (252, ["left out 4 → 2 (the last connection)"]),             # 262 - 10
    (182, ["left out 4 → 16 (the first connection)"]),           # 262 - 80
    (226, ["left out 8 → 4 (the third connection)"]),            # 262 - 36
    (398, ["counted 16 → 8 (the second connection) twice"]),     # 262 + 136
    (272, ["counted 4 → 2 (the last connection) twice"]),        # 262 + 10
])
def test_the_lesson_exercise_names_each_mistake(total, phrases):
    message = check_answer("4-16-8-4-2", str(total)).message
    for phrase in phrases:
        assert phrase in message


def test_connections_with_the_same_count_are_both_named():
    # 5-2-4: (5 + 1) × 2 = 12 and (2 + 1) × 4 = 12, total 24
    f = check_answer("5-2-4", "12")
    assert f.mistakes == ("left_out",)
    assert "left out 5 → 2 (the first connection) — or if you left out 2 → 4" in f.message
    f = check_answer("5-2-4", "36")
    assert "counted 5 → 2 (the first connection) twice — or if you counted 2 → 4" in f.message
    # 4-4-4: the same layers twice, told apart by place
    f = check_answer("4-4-4", "20")
    assert "4 → 4 (the first connection)" in f.message and "4 → 4 (the last" in f.message


def test_a_mistake_that_gives_the_right_count_is_not_reported():
    # no biases on the last connection: counting its biases twice changes nothing
    assert check_answer("5-8-4-3;nobias=3", "96").correct  # 48 + 36 + 12
    assert diagnose("5-8-4-3;nobias=3", 96) == ()
    assert diagnose("5-8", 0) == ()  # one connection: nothing to leave out


def test_correct_answer_shows_the_sum():
    assert check_answer("4-16-8-4-2", "262").message == "Correct: 262 = 80 + 136 + 36 + 10."


def test_per_connection_feedback():
    f = check_answer("5-8-4-3", "95", per_connection=["48", "32", "15"])
    assert not f.correct and "8 → 4 (the second connection): 32 is the weights alone" in f.message
    f = check_answer("5-8-4-3", "99", per_connection=["48", "40", "15"])
    assert not f.correct and "8 × (4 + 1)" in f.message
    f = check_answer("5-8-4-3", "99", per_connection=["48", "", None])
    assert f.correct
    f = check_answer("5-8-4-3", "99", per_connection=["48"])
    assert f.message == ("Give one answer for each connection, in order (leave a box "
                         "blank to skip it).")
    f = check_answer("5-8-4-3", "99", per_connection=["48", "x", "15"])
    assert "8 → 4 (the second connection): 'x' is not a number" in f.message
    for bad in ([",", "", ""], [" , ", "", ""], [",,", "", ""]):  # issue 9, reproducer 1
        f = check_answer("5-8-4-3", "99", per_connection=bad)
        assert f.message.startswith("5 → 8 (the first connection): ") and "not a number" in f.message


def test_mistake_table_is_for_students():
    table = mistake_table("4-16-8-4-2", answer="262")
    text, html = str(table), table._repr_html_()
    assert len(table.rows) == len(MISTAKES)
    for name in MISTAKES:
        assert name not in text and name not in html
    for internal in ("lambda", "<function", "formula", " B", "B)", "L["):
        assert internal not in text and internal not in html
    gives = {title: number for title, _, number in table.rows}
    # worked by hand for 4-16-8-4-2 (right 262)
    assert gives == {"Forgot the biases": "232", "Put the +1 on the receiving layer": "264",
                     "Gave the input units biases": "266",
                     "Counted the output biases twice": "264",
                     "Left out the output biases": "260",
                     "One bias per layer, not per unit": "236", "Counted the nodes": "38",
                     "Added the layer sizes": "34", "Left out a connection": "252",
                     # (4 + 1) + 16, (16 + 1) + 8, (8 + 1) + 4, (4 + 1) + 2
                     "Added instead of multiplied": "66",
                     "Gave biases to a connection without them": "—",
                     "Counted a connection twice": "272"}
    assert "Forgot the biases" in html and "<td>n × m for each connection, added up" in html
    rows = mistake_table("5-8", answer=48).rows
    assert dict((t, g) for t, _, g in rows)["Left out a connection"] == "—"
    # the text is escaped: "connection's" comes out with its quote as an entity
    assert "connection&#x27;s (n + 1) × m" in html and "connection's" not in html
    numbers = [int(g) for _, _, g in mistake_table("4-16-8-4-2", 262).by_number().rows
               if g[0].isdigit()]
    assert numbers == [34, 38, 66, 232, 236, 252, 260, 264, 264, 266, 272]


@pytest.mark.parametrize("answer", [None, "", "261", "263", "abc", 262.5, True, "2" * 40])
def test_the_mistake_table_of_an_unsolved_net_gives_no_number(answer):
    table = mistake_table("4-16-8-4-2", answer=answer)
    text, html = str(table), table._repr_html_()
    assert {number for _, _, number in table.rows} == {"?", "—"}
    # only the layer sizes of the question, the 1 of the rule, and what was typed
    allowed = {4, 16, 8, 2, 1} | {int(n) for n in re.findall(r"\d+", str(answer))}
    for shown in (text, unescape(html)):
        assert {int(n) for n in re.findall(r"\d+", shown)} <= allowed, shown
    assert "answer=" in text


def test_a_right_total_that_a_mistake_also_gives_says_so():
    # by hand: 2-2-2-2-2-2 is 5 × (2 + 1) × 2 = 30, and 5 × 2 × (2 + 1) = 30 too
    for net, right in [("2-2-2-2-2-2", 30), ("7-7", 56), ("8-7-2-8", 103)]:
        feedback = check_answer(net, str(right))
        assert feedback.correct and feedback.mistakes == ("swapped_bias",)
        assert "n × (m + 1)" in feedback.message and "check that you counted" in \
            feedback.message
    # 3-1: (3 + 1) × 1 = 4 = 3 × 1 + 1 = 3 + 1 (one bias per layer, the sizes added)
    feedback = check_answer("3-1", "4")
    assert feedback.correct and feedback.mistakes == ("bias_per_layer", "added_sizes")
    assert "n × m + 1" in feedback.message and "the layer sizes added up" in feedback.message
    feedback = check_answer("5-8-4-3", "99")
    assert feedback.mistakes == () and "But" not in feedback.message


def test_a_number_one_mistake_gives_is_worded_as_a_possible_slip():
    message = check_answer("3-5-2", "33").message  # 3 × 6 + 5 × 3 = 33; right 32
    assert "would get if you counted n × (m + 1)" in message
    assert "If that is not what you did" in message
    message = check_answer("5-8-4-3", "84").message  # two mistakes give 84
    assert "more than one mistake" in message and "Perhaps one of these" in message


def test_the_largest_net_accepted_can_be_answered():
    # (10**8 + 1) × 10**8, and 99,999 such connections for the largest net accepted
    assert check_answer("100000000-100000000", "10000000100000000").correct
    assert check_answer("100000000-100000000", "10,000,000,100,000,000").correct
    from nnparams_edu.limits import MAX_LAYERS, MAX_UNITS
    assert (MAX_LAYERS, MAX_UNITS) == (100_000, 100_000_000)
    right = 99_999 * 10_000_000_100_000_000
    feedback = check_answer([MAX_UNITS] * MAX_LAYERS, f"{right:,}")
    assert feedback.correct and len(feedback.message) < 300
    assert "far more" in check_answer("5-8-4-3", str(right * 10)).message


@pytest.mark.parametrize("answer, attempt", [
    ("99", True), ("104", True), ("20", True), ("10", True), ("990", True),
    ("9", False), ("991", False), ("0", False), ("-1", False), ("9" * 20, False),
    ("abc", False), ("", False), ("1e3", False)])
def test_a_real_attempt_is_a_plausible_number(answer, attempt):
    # 5-8-4-3: right 99, so a tenth is 9.9 and ten times 990; 20 = the layer sizes added
    assert real_attempt("5-8-4-3", answer) is attempt


@pytest.mark.parametrize("answer, attempt", [
    ("1", True), ("100", True), ("101", False), ("0", False)])
def test_a_real_attempt_may_be_exactly_a_tenth_or_ten_times(answer, attempt):
    # 4-2: right (4 + 1) × 2 = 10, so a tenth is 1 and ten times 100; no mistake
    # gives 1, 100 or 101 (8, 12, 14, 12, 8, 9, 7, 6, 20)
    assert real_attempt("4-2", answer) is attempt


def test_a_mistake_far_from_the_count_is_an_attempt_only_as_the_total():
    # 784-128-10: right 785 × 128 + 129 × 10 = 100,480 + 1,290 = 101,770; counting
    # the nodes gives 784 + 128 + 10 + 2 = 924, under a tenth of it (10,177)
    assert real_attempt("784-128-10", "924") is True
    # forgetting the biases gives 784 × 128 + 128 × 10 = 101,632: a try at the total,
    # not at the box of 128 → 10 (1,290, so at most 12,900)
    assert real_attempt("784-128-10", "", ["", "101632"]) is False
    assert real_attempt("784-128-10", "101632") is True


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
    for net in sheet.nets:  # (n + 1) × m per connection, worked out here
        total = sum((n + 1) * m for n, m in zip(net.layers, net.layers[1:]))
        assert f"**{total:,}**" in key
    assert "<ol>" in sheet.to_html() and "<b>" in sheet.key.to_html()


@pytest.mark.parametrize("n", [0, 201, 2.5, True])
def test_bad_sheet_size(n):
    with pytest.raises(ValueError, match="1 to 200"):
        make_sheet(n)


# -- what a student actually types (found by reading the lessons as a student) ----

@pytest.mark.parametrize("net, text", [("4-16-8-4-2", "2 62"), ("6-3", "6 3"),
                                       ("6-3", "7, 3"), ("4-16-8-4-2", "26 4970")])
def test_a_stray_space_is_a_typo_not_a_list_of_counts(net, text):
    message = check_answer(net, text).message
    assert "is not one number" in message and "add them up" not in message


@pytest.mark.parametrize("net, text", [("3-6-2", "3 8"), ("8-6-4", "7 8")])
def test_two_numbers_for_two_connections_could_be_either(net, text):
    message = check_answer(net, text).message
    assert "if they are the counts of each connection, add them up" in message
    assert "one number with no space inside it" in message


@pytest.mark.parametrize("text", ["262 parameters", "262 Parameters.", "262 params"])
def test_the_unit_may_follow_the_number(text):
    assert check_answer("4-16-8-4-2", text).correct


def test_dots_between_thousands_are_explained():
    message = check_answer("1024-256-10", "264.970").message
    assert "dot between groups of digits" in message and "whole number" not in message


def test_biases_given_to_a_nobias_connection_are_named():
    # 8-6-4;nobias=2 by hand: 9·6 + 6·4 = 78; with biases everywhere 9·6 + 7·4 = 82
    feedback = check_answer("8-6-4;nobias=2", "82")
    assert feedback.mistakes == ("ignored_nobias",)
    assert "marked nobias" in feedback.message and "(n + 1) × m and add" not in feedback.message


@pytest.mark.parametrize("net, total", [("4-16-8-4-2", 261), ("4-16-8-4-2", 263),
                                        ("6-10-7-14", 258), ("8-6-4;nobias=2", 79)])
def test_no_hint_of_direction_to_home_in_on(net, total):
    message = check_answer(net, str(total)).message
    assert "too high" not in message and "too low" not in message
    assert "add them up again" in message


def test_right_boxes_and_a_slip_in_the_sum():
    # 6-10-7-4-2 by hand: 70, 77, 32, 10 = 189
    feedback = check_answer("6-10-7-4-2", "199", ["70", "77", "32", "10"])
    assert feedback.message == ("Your count for each connection is right: add them up "
                                "again for the total.")
    assert feedback.mistakes == ()


def test_right_counts_in_the_wrong_boxes():
    feedback = check_answer("6-10-7-4-2", "189", ["77", "70", "32", "10"])
    assert "right counts, but not all in the right boxes" in feedback.message
    assert "weights alone" not in feedback.message


def test_boxes_filled_and_no_total_yet():
    assert "type the total" in check_answer("6-10-7-4-2", "", ["70", "77", "", ""]).message
    message = check_answer("6-10-7-4-2", "", ["60", "", "", ""]).message
    assert "60 is the weights alone" in message and "type the total" in message


def test_a_deep_net_of_equal_layers_is_diagnosed_quickly_and_briefly():
    # 3,000 layers of 3: 2,999 connections of (3 + 1) × 3 = 12, right count 35,988
    net = [3] * 3000
    start = time.perf_counter()
    feedback = check_answer(net, str(35_988 - 12))
    assert time.perf_counter() - start < 0.5
    assert feedback.mistakes == ("left_out",)
    assert "any of the 2,999 that would give this number" in feedback.message
    assert len(feedback.message) <= 300


def test_two_numbers_with_a_space_are_read_as_one_and_said_so():
    message = check_answer("4-16-8-4-2", "80 136").message
    assert "'80 136' was read as one number, 80,136" in message
    assert "add them up" in message


def test_wrong_boxes_are_what_the_feedback_is_about():
    # 6-10-7-4-2: 70, 77, 32, 10. The first box forgets its biases (60) and the
    # total follows it (179): the total alone would look like "left out 4 → 2".
    feedback = check_answer("6-10-7-4-2", "179", ["60", "77", "32", "10"])
    assert "left out" not in feedback.message and feedback.mistakes == ()
    assert "6 → 10 (the first connection): 60 is the weights alone" in feedback.message
    # an addition slip in box 2 (87): not "counted 4 → 2 twice"
    feedback = check_answer("6-10-7-4-2", "199", ["70", "87", "32", "10"])
    assert "twice" not in feedback.message and "10 → 7 (the second connection)" in feedback.message


def test_many_wrong_boxes_still_make_a_short_sentence():
    # 40 = 5 × 8 weights alone, 40 = 8 × (4 + 1), 0: three hints too long for one line
    for total in ("99", "", "7"):
        message = check_answer("5-8-4-3", total, per_connection=["40", "40", "0"]).message
        assert len(message) <= 300
        for name in ("5 → 8 (the first", "8 → 4 (the second", "4 → 3 (the last"):
            assert name in message
    message = check_answer("5-8-4-3", "99", per_connection=["40", "", ""]).message
    assert "40 is the weights alone" in message  # one hint fits: it is given
