"""Checking counts of typed nets: published totals, slips named, coincidences
said, unreadable answers, per-layer answers, and what feedback may reveal.

Totals are worked by hand in the comments (the published totals of LeNet-5
and of the Keras "simple MNIST convnet" are the references for those two).
"""
import random
import re
from collections.abc import Sequence

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from nnparams_edu.model_count import model_breakdown
from nnparams_edu.model_exercises import check_model_answer
from nnparams_edu.model_mistakes import model_slips
from nnparams_edu.layers.base import CONVENTIONS
from nnparams_edu.model_posing import (FAMILIES, exercise_model, is_fair, posed_html,
                                       posed_table, random_model)
from nnparams_edu.model_solution import model_solution

# 6·(5·5·1 + 1) = 156; 16·(5·5·6 + 1) = 2,416; (400 + 1)·120 = 48,120;
# (120 + 1)·84 = 10,164; (84 + 1)·10 = 850: 61,706 (LeCun et al. 1998, as usually redrawn)
LENET5 = ("in 32x32x1 | conv 6 k=5 | avgpool 2 | conv 16 k=5 | avgpool 2 | flatten"
          " | dense 120 | dense 84 | dense 10")
# 32·(3·3·1 + 1) = 320; 64·(3·3·32 + 1) = 18,496; (5·5·64 + 1)·10 = 16,010: 34,826
# (keras.io, "Simple MNIST convnet", model.summary())
KERAS_MNIST = ("in 28x28x1 | conv 32 k=3 | maxpool 2 | conv 64 k=3 | maxpool 2 | flatten"
               " | dropout 0.5 | dense 10")
# conv 3·3·3·4 + 4 = 112 (out 6×6×4), maxpool -> 3×3×4, dense (36 + 1)·5 = 185: 297
NET_A = "in 8x8x3 | conv 4 k=3 | maxpool 2 | flatten | dense 5"


def numbers(text):
    """Every number written in *text*, thousands commas read."""
    return {int(n.replace(",", "")) for n in re.findall(r"\d{1,3}(?:,\d{3})+|\d+", text)}


@pytest.mark.parametrize("net, answer", [
    (LENET5, "61,706"), (LENET5, "61706"), (LENET5, 61706), (LENET5, " 61 706 "),
    (KERAS_MNIST, "34,826"), (KERAS_MNIST, "34826"), (KERAS_MNIST, "34826 parameters"),
])
def test_published_totals_are_accepted(net, answer):
    feedback = check_model_answer(net, answer)
    assert feedback.correct and feedback.status == "correct"


def test_a_right_total_that_a_slip_gives_too_says_so():
    # 256 → 1,024 → 256: (256 + 1)·1,024 + (1,024 + 1)·256 = 263,168 + 262,400 = 525,568,
    # and the inputs given the biases, 256·1,025 + 1,024·257 = 262,400 + 263,168, too
    net = "in 256 | dense 1024 | dense 256"
    feedback = check_model_answer(net, "525,568")
    assert feedback.correct and feedback.slips == ("+1 on the receiving layer",)
    assert feedback.message.startswith("Correct: 525,568 = 263,168 + 262,400. But one slip "
                                       "gives 525,568 here too: “+1 on the receiving layer” in every "
                                       "layer where it can happen (layers 1, 2)")
    assert "Check that your method was right" in feedback.message
    # each layer's count typed: the method shows, and nothing is said against it
    shown = check_model_answer(net, "525,568", per_layer=["263168", "262400"])
    assert shown.correct and shown.slips == () and shown.message == (
        "Correct: 525,568 = 263,168 + 262,400.")
    swapped = check_model_answer(net, "525,568", per_layer=["262400", "263168"])
    assert not swapped.correct and "+1 on the receiving layer" in swapped.message
    fair = check_model_answer(NET_A, "297")
    assert fair.correct and fair.slips == () and fair.message == "Correct: 297 = 112 + 185."


def test_a_slip_that_counts_a_layer_right_is_no_coincidence():
    # the first conv reads one channel: 3·3·32 + 32 = 320 with or without the
    # channels, so leaving them out is no slip there
    feedback = check_model_answer(KERAS_MNIST, "34,826")
    assert feedback.correct and feedback.slips == ()
    assert feedback.message == "Correct: 34,826 = 320 + 18,496 + 16,010."


@pytest.mark.parametrize("answer, slip", [
    ("34,816", "forgotten bias"),  # (1,600·10): 34,826 - 10
    ("34,730", "forgotten conv bias"),  # 34,826 - 32 - 64
    ("16,970", "conv counted without input channels"),  # 320 + (3·3·64 + 64) + 16,010
    ("19,076", "flatten size without the channels"),  # 320 + 18,496 + (5·5 + 1)·10
    ("96,266", "flatten size from before the last pooling"),  # 18,816 + (11·11·64 + 1)·10
    ("26,666", "flatten size of the input image"),  # 320 + 18,496 + (28·28 + 1)·10
    ("34,506", "layer left out"),  # 34,826 - 320
    ("34,954", "pooling counted with a weight and a bias per channel"),  # + 2·64 at layer 4
    ("35,018", "pooling counted with a weight and a bias per channel"),  # + 2·32 + 2·64
])
def test_a_wrong_total_names_its_slip(answer, slip):
    feedback = check_model_answer(KERAS_MNIST, answer)
    assert feedback.status == "wrong" and slip in feedback.slips
    assert f"“{slip}”" in feedback.message and "would get" in feedback.message


@pytest.mark.parametrize("net, convention, answer, slip", [
    # LSTM 4·((8 + 32 + 1)·32) = 5,248 + dense (32 + 1)·1 = 33: 5,281
    ("in 10x8 | lstm 32 | dense 1", "keras", "3,969", "LSTM counted with 3 gates"),  # 3·1,312 + 33
    ("in 10x8 | lstm 32 | dense 1", "keras", "1,345", "LSTM counted with 1 gate"),  # 1,312 + 33
    # a recurrent weight per unit: 4·(8·32 + 32 + 32) + 33
    ("in 10x8 | lstm 32 | dense 1", "keras", "1,313", "recurrent weights h instead of h×h"),
    # PyTorch: 4·(8·32 + 32·32 + 32 + 32) = 5,376 + 33 = 5,409; one bias vector: 5,409 - 4·32
    ("in 10x8 | lstm 32 | dense 1", "pytorch", "5,281", "one bias vector where there are two"),
    # attention 4·(64·64 + 64) = 16,640, layernorm 2·64, dense (64 + 1)·2: 16,898;
    # × 8 heads: 8·16,640 + 128 + 130
    ("in 10x64 | attention 8 | layernorm | dense 2", "keras", "133,378",
     "attention multiplied by the number of heads"),
    # conv 3·3·3·8 + 8 = 224, batchnorm 2·8 (PyTorch), dense (6·6·8 + 1)·2 = 578: 818;
    # the running mean and variance counted too: + 2·8
    ("in 8x8x3 | conv 8 k=3 | batchnorm | flatten | dense 2", "pytorch", "834",
     "BatchNorm's statistics counted as trainable"),
    # embedding 1,000·64 = 64,000, tied output layer its 1,000 biases: 65,000; + 64,000
    ("in 20 tokens | embed 1000 64 | dense 1000 tied", "keras", "129,000",
     "tied embedding counted twice"),
])
def test_the_other_kinds_slips_are_named(net, convention, answer, slip):
    feedback = check_model_answer(net, answer, convention)
    assert feedback.status == "wrong" and slip in feedback.slips
    assert f"“{slip}”" in feedback.message


def test_one_slip_is_worded_as_a_possible_slip():
    # 225 = 297 - 112 + (3·3·4 + 4)
    message = check_model_answer(NET_A, "225").message
    assert message == ("Not quite: 225 is what you would get with one slip, “conv counted "
                       "without input channels” in layer 1 (conv 4 k=3): each filter has one "
                       "k×k kernel for every input channel it sees: multiply by the input "
                       "channels too. If that is not what you did, check your sums.")


def test_several_slips_giving_one_number_are_all_named():
    # 293 = 297 - 4 (the conv's bias) = 112 + 36·5 + 1 (one bias for the dense layer)
    feedback = check_model_answer(NET_A, "293")
    assert set(feedback.slips) == {"forgotten conv bias", "one bias for the layer"}
    assert feedback.message.startswith("Not quite: more than one slip gives 293.")
    assert "“forgotten conv bias”" in feedback.message
    assert "“one bias for the layer”" in feedback.message


def test_a_number_no_slip_gives():
    feedback = check_model_answer(NET_A, "296")
    assert feedback.status == "wrong" and feedback.slips == ()
    assert "not what any of the usual slips gives" in feedback.message


def test_two_numbers_read_as_one_are_said_so():
    # "112 185" is 112,185 with its thousands spaced, or the two layers' counts
    feedback = check_model_answer(NET_A, "112 185")
    assert feedback.status == "wrong" and feedback.message.endswith(
        "('112 185' was read as one number, 112,185; if you meant one number per layer, "
        "add them up.)")


class _LongText(str):
    """Text that claims 10**8 characters and refuses to be read."""

    def __len__(self):
        return 10**8

    def strip(self, *args):
        raise AssertionError("the text was read before its length was checked")


class _ManyBoxes(Sequence):
    """Per-layer answers that claim 10**8 entries and refuse to hand any out."""

    def __len__(self):
        return 10**8

    def __getitem__(self, index):
        raise AssertionError("an entry was read before the length was checked")


@pytest.mark.parametrize("answer, says", [
    ("abc", "'abc' is not a number"),
    ("two hundred", "is written in words"),
    ("-5", "is negative"),
    ("12.5", "is not a whole number"),
    ("2e400", "'2e400' is far more parameters than any net here has"),
    ("297.000.1", "is not a number"),
    ("112 185 0", "looks like one number per layer"),
    ("", "Type your answer first"),
    (None, "Type your answer as a whole number"),
    (True, "Type your answer as a whole number"),
    ({"a": 1}, "{'a': 1} (dict) is not an answer"),
    (297.0, "297.0 (float) is not an answer"),
    ([297], "[297] (list) is not an answer"),
    (-297, "'-297' is negative"),
    pytest.param(10**5000, "a number of 16,610 bits is far more parameters", id="10**5000"),
    (_LongText("9" * 20), "is too long for an answer"),
])
def test_unreadable_answers_name_the_value_and_the_rule(answer, says):
    feedback = check_model_answer(NET_A, answer)
    assert feedback.status == "unreadable" and says in feedback.message
    assert not feedback.attempt


def test_per_layer_answers_are_counted_before_they_are_read():
    feedback = check_model_answer(NET_A, "", per_layer=_ManyBoxes())
    assert feedback.message == ("Give one answer for each of the 4 layers, in order (leave "
                                "a box blank to skip it).")
    long_box = check_model_answer(NET_A, "", per_layer=[_LongText("1"), "", "", ""])
    assert long_box.status == "unreadable" and long_box.message.startswith(
        "layer 1 (conv 4 k=3): '1' is too long for an answer")
    with pytest.raises(TypeError, match="per_layer is '112'"):
        check_model_answer(NET_A, "", per_layer="112")


def test_per_layer_feedback():
    # layers: conv 112, maxpool 0, flatten 0, dense 185
    partial = check_model_answer(NET_A, "", per_layer=["112", "", "0", None])
    assert partial.status == "partial" and [ok for _, ok, _ in partial.layers] == [True, True]
    slip = check_model_answer(NET_A, "", per_layer=["40", "0", "0", "185"])  # 3·3·4 + 4
    assert slip.status == "wrong" and slip.layers[0][1] is False
    assert "layer 1 (conv 4 k=3): 40 is what the slip “conv counted without input channels”" \
        in slip.message
    pooled = check_model_answer(NET_A, "", per_layer=["112", "8", "0", "185"])  # 2·4
    assert "“pooling counted with a weight and a bias per channel”" in pooled.message
    nudge = check_model_answer(NET_A, "300", per_layer=["113", "0", "0", "185"])
    assert nudge.message == ("Not quite: 300 is not the total. Check layer 1 (conv 4 k=3): "
                             "113 is not right; count its kernel and bias again, then add "
                             "them up again.")
    adds = check_model_answer(NET_A, "296", per_layer=["112", "0", "0", "185"])
    assert adds.message.startswith("Your count for each layer is right")
    right_total = check_model_answer(NET_A, "297", per_layer=["112", "0", "1", "185"])
    assert right_total.status == "wrong" and "layer 3 (flatten): 1 is not right" in \
        right_total.message
    everything = check_model_answer(NET_A, "297", per_layer=["112", "0", "0", "185"])
    assert everything.correct
    bad_box = check_model_answer(NET_A, "297", per_layer=["1 12", "", "", ""])
    assert bad_box.status == "unreadable" and bad_box.message.startswith(
        "layer 1 (conv 4 k=3): '1 12' is not one number")


def test_a_real_attempt():
    assert check_model_answer(NET_A, "297").attempt
    assert check_model_answer(NET_A, "300").attempt  # near the right count
    assert check_model_answer(NET_A, "4217").attempt  # far, but what a slip gives
    assert not check_model_answer(NET_A, "1").attempt
    assert not check_model_answer(NET_A, "9" * 12).attempt


def test_a_net_too_large_to_answer_is_refused():
    # 10**6 · 10**6 · 10**8 · 10**8 weights: far beyond any answer read
    with pytest.raises(ValueError, match="more parameters than an answer may have"):
        check_model_answer("in 1000000x1000000x100000000 | conv 100000000 k=1000000", "1")
    # (10**8 + 1) · 10**8 is a count an answer may still give
    assert check_model_answer("in 100000000 | dense 100000000", "10000000100000000").correct


def test_a_real_attempt_at_the_edges_of_the_factor():
    # NET_A's 297: 297 // 10 = 29 up to 297·10 = 2,970 is near (none of these is a slip's total)
    assert [check_model_answer(NET_A, a).attempt for a in ("28", "29", "2970", "2971")] == [
        False, True, True, False]


def test_a_real_attempt_from_the_layers_typed():
    # conv 112: 113 is near (112 // 10 = 11 up to 1,120), 1 is not; maxpool 0 has nothing to
    # be near
    def attempt(total, boxes):
        return check_model_answer(NET_A, total, per_layer=boxes).attempt

    assert attempt("", ["113", "", "", ""])
    assert not attempt("", ["1", "", "", ""])
    assert not attempt("", ["", "0", "0", ""])  # right, but nothing counted
    assert attempt("300", ["1", "", "", ""])  # a layer far off, the total near
    assert attempt("1", ["113", "", "", ""])  # the total far off, a layer near
    assert attempt("297", ["112", "0", "1", "185"])  # the right total, a layer wrong
    assert attempt("2971", ["112", "0", "0", "185"])  # every layer right, far off in the sum
    # one weight, 1·1 with no bias: typing its 1 is a try too
    assert check_model_answer("in 1 | dense 1 nobias | dense 3", "", per_layer=["1", ""]).attempt
    assert not check_model_answer(NET_A, "", per_layer=["abc", "", "", ""]).attempt


def test_the_longest_answer_looked_at():
    # 1,000 characters are looked at (blanks: nothing typed); 1,001 are refused unread
    assert check_model_answer(NET_A, " " * 1000).message == (
        "Type your answer first: the number of parameters, in digits.")
    assert "is too long for an answer" in check_model_answer(NET_A, " " * 1001).message
    boxes = ["112", "", "", ""]
    assert check_model_answer(NET_A, " " * 1000, per_layer=boxes).status == "partial"
    assert check_model_answer(NET_A, " " * 1001, per_layer=boxes).status == "unreadable"


def test_the_largest_integer_read():
    # 2**127 has 128 bits: it is read, and is too large; 2**128 has 129: refused unread
    assert check_model_answer(NET_A, 2**127).message == (
        "'170141183460469231731687303715884105728' is far more parameters than any net "
        "here has.")
    assert check_model_answer(NET_A, 2**128).message.startswith(
        "a number of 129 bits is far more parameters")


def test_every_layer_a_slip_may_be_in_is_named():
    # two slips in one layer each: 293 = 297 - 4 = 112 + 36·5 + 1
    assert ("“forgotten conv bias” in layer 1 (conv 4 k=3) (each output channel (filter) has "
            "one bias); or “one bias for the layer” in layer 4 (dense 5) (every unit has") \
        in check_model_answer(NET_A, "293").message
    # two dense 4 -> 4 layers of (4 + 1)·4 = 20: 40; either left out gives 20
    assert ("“layer left out” in layer 1 (dense 4) or layer 2 (dense 4) (add up") in \
        check_model_answer("in 4 | dense 4 | dense 4", "20").message
    # three: 60; any one left out gives 40
    message = check_model_answer("in 4 | [dense 4] x3", "40").message
    assert message == ("Not quite: more than one slip gives 40. It is what you would get with "
                       "“layer left out” in layer 1 (dense 4), layer 2 (dense 4) or layer 3 "
                       "(dense 4) (add up every layer that has parameters). Perhaps one of "
                       "these is what happened; if not, check your sums.")


def test_a_right_total_shown_as_a_sum_of_two_to_twelve_layers():
    # one counted layer: (36 + 1)·5 = 185, no sum to show
    assert check_model_answer("in 36 | dense 5", "185").message == "Correct: 185."
    # twelve dense 4 -> 4 layers of 20: 240 = 20 + ... + 20; thirteen: 260, the sum not shown
    assert check_model_answer("in 4 | [dense 4] x12", "240").message == (
        "Correct: 240 = " + " + ".join(["20"] * 12) + ".")
    assert check_model_answer("in 4 | [dense 4] x13", "260").message == "Correct: 260."


def test_a_right_total_a_slip_gives_too_asks_for_the_layers_where_there_are_boxes():
    # 256 → 1,024 → 256: the right 525,568 is given by a slip too; with boxes for the
    # layers (the lesson's attention block), a total alone or one layer typed is not
    # marked correct: the layers are asked for
    for boxes in (["", ""], ["263168", ""]):
        feedback = check_model_answer("in 256 | dense 1024 | dense 256", "525,568",
                                      per_layer=boxes)
        assert feedback.status == "partial" and not feedback.correct and feedback.attempt
        assert feedback.slips == ("+1 on the receiving layer",)
        assert feedback.message.startswith("525,568 is the right total, but one slip gives "
                                           "it too: “+1 on the receiving layer”")
        assert feedback.message.endswith("Type each layer's count in its box to show your "
                                         "method.")


def test_feedback_cannot_be_changed():
    import dataclasses
    feedback = check_model_answer(NET_A, "296")
    with pytest.raises(dataclasses.FrozenInstanceError):
        feedback.status = "correct"


# -- what feedback may reveal -------------------------------------------------------

@st.composite
def typed_nets(draw):
    """A random small CNN, a net of the sequence kinds, or a dense net with
    some layers without bias."""
    shape = draw(st.sampled_from(["cnn", "sequence", "dense"]))
    if shape == "cnn":
        return random_model(random.Random(draw(st.integers(0, 10**6))))
    if shape == "sequence":
        steps, heads = draw(st.integers(1, 12)), draw(st.integers(1, 4))
        features = heads * draw(st.integers(1, 6))
        middle = draw(st.sampled_from([
            f"lstm {draw(st.integers(1, 24))}", f"gru {draw(st.integers(1, 24))}",
            f"rnn {draw(st.integers(1, 24))}", f"attention {heads} | layernorm",
            "batchnorm"]))
        return f"in {steps}x{features} | {middle} | dense {draw(st.integers(1, 9))}"
    sizes = draw(st.lists(st.integers(1, 40), min_size=2, max_size=5))
    layers = [f"dense {m}" + (" nobias" if draw(st.booleans()) else "") for m in sizes[1:]]
    return " | ".join([f"in {sizes[0]}"] + layers)


def _seen(breakdown):
    """The numbers a student sees anyway: the net's text and the layers' places."""
    return numbers(str(breakdown.model)) | set(range(1, len(breakdown.rows) + 1))


def _wrong_answers(draw, net, right, convention):
    """A wrong total: often one a slip gives, else any number near the right one."""
    totals = sorted({s.total for s in model_slips(net, convention)} - {right})
    if totals and draw(st.booleans()):
        return draw(st.sampled_from(totals))
    return draw(st.integers(0, 3 * right + 10).filter(lambda n: n != right))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(net=typed_nets(), data=st.data(), style=st.sampled_from(["{:,}", "{}", "{} parameters"]))
def test_feedback_to_a_wrong_total_never_names_the_right_total(net, data, style):
    convention = data.draw(st.sampled_from(["keras", "pytorch"]))
    breakdown = model_breakdown(net, convention=convention)
    right = breakdown.total
    seen = _seen(breakdown)
    assume(right not in seen | {1, 5})
    answer = style.format(_wrong_answers(data.draw, net, right, convention))
    feedback = check_model_answer(net, answer, convention)
    assert feedback.status == "wrong"
    named = numbers(" ".join(feedback.slips))  # slip names: "LSTM counted with 3 gates"
    assert right not in numbers(feedback.message) - numbers(answer) - named
    hidden = {row.total for row in breakdown.rows} - seen - numbers(answer) - named - {0, 1, 5}
    assert not hidden & numbers(feedback.message), feedback.message


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(net=typed_nets(), data=st.data())
def test_per_layer_feedback_never_names_a_count_not_typed(net, data):
    breakdown = model_breakdown(net)
    seen = _seen(breakdown)
    boxes = [data.draw(st.one_of(st.none(), st.integers(0, 2 * row.total + 5).map(str)))
             for row in breakdown.rows]
    typed = {int(b) for b in boxes if b is not None}
    total = data.draw(st.one_of(st.just(""), st.integers(0, 2 * breakdown.total).map(str)))
    feedback = check_model_answer(net, total, per_layer=boxes)
    named = numbers(" ".join(s.name for s in model_slips(net)))  # "... with 3 gates"
    hidden = ({breakdown.total} | {row.total for row in breakdown.rows}) - seen - typed \
        - numbers(total) - named - {0, 1, 5}
    if not feedback.correct:
        assert not hidden & numbers(feedback.message), feedback.message


anything = st.recursive(
    st.one_of(st.text(max_size=40), st.integers(-10**40, 10**40), st.booleans(), st.none(),
              st.floats(allow_nan=True), st.binary(max_size=5),
              st.sampled_from([np.int64(297), np.uint64(2**63), np.True_, np.float64(297.0),
                               "297", "2 97", "2,97", "٢٩٧", "297\n", "0x129"])),
    lambda inner: st.lists(inner, max_size=4), max_leaves=8)


@settings(max_examples=300, deadline=None)
@given(answer=anything, boxes=st.one_of(st.none(), st.lists(anything, min_size=4, max_size=4)))
def test_any_answer_gets_a_short_sentence_never_an_exception(answer, boxes):
    feedback = check_model_answer(NET_A, answer, per_layer=boxes)
    assert feedback.status in ("correct", "wrong", "partial", "unreadable")
    if feedback.status == "unreadable":
        assert len(feedback.message) <= 300, feedback.message
    if feedback.status != "correct":
        assert 297 not in numbers(feedback.message) - numbers(repr(answer) + repr(boxes))


# -- posing ----------------------------------------------------------------------------

def test_fair_nets():
    # one-channel images: leaving the channels out of the first conv counts it
    # right, so that is no coincidence; a feed-forward pair n → m → n always has one
    assert is_fair(LENET5) and is_fair(KERAS_MNIST) and is_fair(NET_A)
    assert not is_fair("in 10x64 | dense 256 | relu | dense 64")
    for family in FAMILIES:
        for convention in CONVENTIONS:
            nets = [exercise_model(seed, convention, family) for seed in range(30)]
            totals = [str(model_breakdown(net, convention=convention).total) for net in nets]
            assert all(check_model_answer(net, total, convention).slips == ()
                       for net, total in zip(nets, totals))
            assert len({str(net) for net in nets}) > 20  # not one net over and over
            assert {net.input.rank for net in nets} == {3 if family == "cnn" else 2}
    with pytest.raises(ValueError, match="family is 'rnn'; it must be one of cnn, sequence"):
        exercise_model(1, family="rnn")


def test_the_solution_is_folded():
    solution = model_solution(NET_A)
    assert "112" not in repr(solution) and "297" not in repr(solution)
    html = solution._repr_html_()
    assert html.startswith("<details><summary>") and "open" not in html.split(">")[0]
    assert "(36 + 1) × 5 = 185" in html and "297" in html


def test_the_posed_table_shows_shapes_and_hides_counts():
    table = posed_table(NET_A)
    assert table.splitlines()[1].split() == ["1", "conv", "4", "k=3", "8×8×3", "6×6×4", "?"]
    assert table.count("?") == 4 and not {112, 185, 297} & numbers(table)
    html = posed_html(NET_A)
    assert html.count("<td>?</td>") == 4 and "<td>6×6×4</td>" in html
    assert not {112, 185, 297} & numbers(html)


def test_a_count_typed_for_a_layer_without_parameters_says_what_it_does():
    # a ReLU and a max pooling have nothing to learn: "an activation", "a pooling"
    net = "in 6x6x1 | conv 2 k=3 | relu | maxpool 2 | flatten | dense 3"
    feedback = check_model_answer(net, "", per_layer=["", "4", "5", "", ""])
    assert "layer 2 (relu): 4 is not right; an activation layer only passes values on" \
        in feedback.message
    assert "layer 3 (maxpool 2): 5 is not right; a pooling layer only passes" in feedback.message


def test_a_slip_made_in_several_layers_is_explained_once():
    # n × (m + 1) in LeNet-5's three dense layers: 400·121, 120·85, 84·11
    boxes = ["156", "0", "2416", "0", "0", "48400", "10200", "924"]
    message = check_model_answer(LENET5, "", per_layer=boxes).message
    assert message.count("“+1 on the receiving layer”") == 3
    assert message.count("(n + 1) × m, not n × (m + 1)") == 1
    assert message.index("(n + 1) × m, not n × (m + 1)") < message.index("layer 7 (dense 84)")

    # two different slips in two layers: each is explained where it is made
    boxes = ["156", "0", "2416", "0", "0", "48000", "10200", "850"]   # 400·120, 120·85
    message = check_model_answer(LENET5, "", per_layer=boxes).message
    assert message.count("(n + 1) × m, not n × (m + 1)") == 1


def typed_lesson_exercises():
    """(net, convention, per_layer) of every model_exercise(...) call in lessons 6-8."""
    import json
    from pathlib import Path
    found = []
    for path in sorted(Path(__file__).parents[1].glob("notebooks/0[6-9]-*.ipynb")):
        for cell in json.loads(path.read_text())["cells"]:
            if cell["cell_type"] != "code":
                continue
            for call in re.findall(r"model_exercise\((.*)\)", "".join(cell["source"])):
                net = re.match(r"\s*[\"']([^\"']+)[\"']", call).group(1)
                convention = re.search(r"convention=[\"'](\w+)", call)
                found.append((net, convention.group(1) if convention else "keras",
                              "per_layer=True" in call))
    return found


def test_no_typed_lesson_net_is_counted_right_by_a_slip_unless_its_layers_are_asked_for():
    exercises = typed_lesson_exercises()
    assert len(exercises) >= 8
    unfair = [(net, convention) for net, convention, per_layer in exercises
              if not is_fair(net, convention)]
    # only lesson 8's attention block, whose feed-forward pair 256 → 1,024 → 256 always
    # has one; it is posed with a box per layer, and its total alone is not "Correct"
    block = "in 20x256 | attention 4 | layernorm | dense 1024 | relu | dense 256 | layernorm"
    assert unfair == [(block, "keras")]
    assert (block, "keras", True) in exercises
    feedback = check_model_answer(block, str(model_breakdown(block).total), per_layer=[""] * 6)
    assert feedback.status == "partial"
