"""The one-line text of a typed net: read without eval, round-tripped."""
import random

import pytest

from nnparams_edu import format_model, parse_model
from nnparams_edu.layers import Conv, Dense, Flatten, Pool, Shape


def test_reads_a_small_cnn():
    m = parse_model("in 28x28x1 | conv 32 k=3 s=1 | maxpool 2 | flatten | dense 10 nobias frozen")
    assert m.input == Shape((28, 28, 1))
    assert m.layers == (Conv(32, k=3), Pool(2), Flatten(), Dense(10, bias=False, frozen=True))


def test_case_spaces_and_repeats():
    m = parse_model("  IN 784 |  [Dense 64 | ReLU] x3 |dense 10 ")
    assert format_model(m) == ("in 784 | dense 64 | relu | dense 64 | relu | dense 64 | relu"
                               " | dense 10")


def test_options_that_take_sides_words_and_decimals():
    m = parse_model("in 10x12x3 | conv 4 k=3x5 p=same | dropout 0.25 | avgpool 2x3")
    assert m.layers[0].k == (3, 5) and m.layers[0].p == "same"
    assert m.layers[1].rate == 0.25
    assert m.shapes[-1].dims == (5, 4, 4)


def _random_layer_text(rng):
    kind = rng.choice(["dense", "conv", "maxpool", "flatten", "dropout", "relu"])
    if kind == "dense":
        return f"dense {rng.randint(1, 50)}" + rng.choice(["", " nobias", " frozen"])
    if kind == "conv":
        return (f"conv {rng.randint(1, 9)} k={rng.randint(1, 3)} p={rng.choice(['same', 1])}"
                + rng.choice(["", " nobias", " g=1"]))
    if kind == "maxpool":
        return "maxpool 1 p=same"
    if kind == "dropout":
        return f"dropout 0.{rng.randint(1, 9)}"
    return kind


def test_round_trip_over_random_models():
    rng = random.Random(15)
    tried = 0
    while tried < 300:
        text = "in 8x8x3 | " + " | ".join(_random_layer_text(rng) for _ in range(rng.randint(1, 6)))
        try:
            model = parse_model(text)
        except ValueError:  # e.g. a dense on an image: refused, and that is tested elsewhere
            continue
        assert parse_model(format_model(model)) == model
        tried += 1


@pytest.mark.parametrize("text, words", [
    ("conv 32 k=3", ["must start with its input shape"]),
    ("in 28x28x1 | conv 32 k=3 | dense 10", ["layer 2 (dense 10)", "26×26×32", "flatten"]),
    ("in 784 | dense ten", ["layer 1", "'ten' is not a number"]),
    ("in 784 | dense", ["dense needs its units"]),
    ("in 784 | lstmm 4", ["unknown kind 'lstmm'"]),
    ("in 784 | dense 4 color=red", ["unknown option 'color'"]),
    ("in 784 | dense 4 bias=2", ["bias is '2'", "0 or 1"]),
    ("in 784 || dense 4", ["piece 2", "empty"]),
    ("in 784 | [dense 4 | relu x2", ["never closed"]),
    ("in 784 | [dense 4] x200000", ["at most 100,000 layers"]),
    ("in 28x28x1x2 | flatten", ["'in 28x28x1x2'", "28x28x1 (height×width×channels)"]),
    ("in 0 | dense 2", ["side is 0", "from 1"]),
    ("in 784 | dense __import__('os')", ["layer 1", "cannot read"]),
    ("in 784 | dense 4 k=3", ["unknown option 'k'", "units, bias, frozen"]),
])
def test_bad_text_is_refused_with_what_and_where(text, words):
    with pytest.raises((TypeError, ValueError)) as err:
        parse_model(text)
    for word in words:
        assert word in str(err.value)


def test_a_huge_repeat_is_refused_before_it_is_built():
    # 10^7 repeats of one layer would be 10^7 objects: refused from the number alone
    with pytest.raises(ValueError, match="at most 100,000 layers"):
        parse_model("in 8 | [dense 8] x9999999")


def test_limits_at_their_edge():
    # exactly 100,000 layers and exactly 8 nested groups are read; one more is not
    assert len(parse_model("in 8 | " + " | ".join(["dense 8"] * 100_000)).layers) == 100_000
    eight = "in 8 | " + "[" * 8 + "dense 8" + "] x1" * 8
    assert len(parse_model(eight).layers) == 1
    nine = "in 8 | " + "[" * 9 + "dense 8" + "] x1" * 9
    with pytest.raises(ValueError, match=r"at most 8 deep; the '\[' at character 16 is deeper"):
        parse_model(nine)  # "in 8 | " is 7 characters, then the 9th '[' is the 16th


def test_tokens_words_and_numbers_in_messages():
    m = parse_model("in 20 tokens | embed 100 8")
    assert m.input == Shape((20,), tokens=True) and m.output == Shape((20, 8))
    with pytest.raises(ValueError, match="layer 2 'dense x'"):  # counted inside a group
        parse_model("in 8 | [dense 8 | dense x] x2")
    with pytest.raises(ValueError, match="repeats 0 times"):
        parse_model("in 8 | [dense 8] x0")
    with pytest.raises(ValueError) as err:
        parse_model("in 8 | lstmm 4")
    assert str(err.value) == ("layer 1 'lstmm 4': unknown kind 'lstmm'; known kinds are dense, "
                              "conv, ...")
    with pytest.raises(ValueError, match="unknown option 'noise'"):
        parse_model("in 8 | dense 4 noise")


def test_options_by_name_and_as_numbers():
    assert parse_model("in 4 | dense units=8").layers[0] == Dense(8)
    assert parse_model("in 4 | dense 8 bias=0").layers[0] == Dense(8, bias=False)
    assert parse_model("in 4 | dense 8 bias=1 frozen=1").layers[0] == Dense(8, frozen=True)
    with pytest.raises(ValueError, match="unknown option 'units'"):
        parse_model("in 4 | dense 8 units=9")  # given twice


def test_brackets_and_empty_pieces_are_placed_by_number():
    # "in 8 | dense 4" is 14 characters: the lone ']' is the 15th
    with pytest.raises(ValueError, match=r"^a '\]' at character 15 closes no '\['$"):
        parse_model("in 8 | dense 4]")
    # pieces: "in 8", "[dense 8] x2", "", "dense 4": the third is empty
    with pytest.raises(ValueError, match=r"^piece 3 between '\|' is empty$"):
        parse_model("in 8 | [dense 8] x2 || dense 4")


def test_a_group_repeated_up_to_the_limit():
    # 2 layers × 50,000 = 100,000 layers: read; 2 × 50,001 = 100,002: the group is refused
    assert len(parse_model("in 8 | [dense 8 | relu] x50000").layers) == 100_000
    with pytest.raises(ValueError, match="repeats 50,001 times; the whole model may have at "
                                         "most 100,000 layers"):
        parse_model("in 8 | [dense 8 | relu] x50001")
