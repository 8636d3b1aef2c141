"""Random nets and exercise sheets: ranges, defaults, limits and the key, checked
against numbers worked by hand."""
import dataclasses

import numpy as np
import pytest

from nnparams_edu import Net
from nnparams_edu.sheets import Sheet, make_sheet, random_net


def sizes_seen(nets):
    """(numbers of layers seen, units seen) over *nets*."""
    nets = list(nets)
    return {len(net.layers) for net in nets}, {n for net in nets for n in net.layers}


def test_random_nets_by_default_have_3_to_5_layers_of_1_to_16_units():
    layers, units = sizes_seen(random_net(seed) for seed in range(300))
    assert layers == {3, 4, 5} and units == set(range(1, 17))


def test_a_sheet_by_default_has_10_nets_of_seed_0_in_the_same_ranges():
    sheet = make_sheet()
    assert len(sheet.nets) == 10 and sheet.seed == 0
    assert "(sheet 0)" in sheet.to_markdown()
    layers, units = sizes_seen(net for seed in range(6) for net in make_sheet(200, seed=seed).nets)
    assert layers == {3, 4, 5} and units == set(range(1, 17))


# A range of one size only gives nets n-n, where n × (m + 1) = (n + 1) × m; so
# each range here has two sizes, and the nets without a coincidence are worked by
# hand. 2-3: right 9; the mistakes give 6, 8, 11, 12, 6, 7, 6, 5, 18 (never 9).
# 3-2: right 8; they give 6, 9, 11, 10, 6, 7, 6, 5, 16 (never 8). With units
# a ≠ b near 10^8: right (a + 1) × b, swapped a × (b + 1), the others far off.
@pytest.mark.parametrize("layers, units, expected", [
    ((2, 2), (2, 3), {Net((2, 3)), Net((3, 2))}),
    ([2, 2], np.array([99_999_999, 100_000_000]),
     {Net((99_999_999, 100_000_000)), Net((100_000_000, 99_999_999))}),
])
def test_the_ranges_include_both_ends(layers, units, expected):
    assert {random_net(seed, layers=layers, units=units) for seed in range(40)} == expected


def test_the_most_layers_are_allowed():
    net = random_net(1, layers=(100_000, 100_000), units=(1, 2))
    assert len(net.layers) == 100_000 and set(net.layers) == {1, 2}


def test_a_range_of_equal_sizes_only_is_refused():
    # n-n: (n + 1) × n = n × (n + 1), the swapped rule gives the right count
    with pytest.raises(ValueError, match="layers 3-3 and units 7-7 give only nets where"):
        random_net(3, layers=(3, 3), units=(7, 7))


@pytest.mark.parametrize("layers, units, error, words", [
    ((1, 3), (1, 2), ValueError, "layers is 1-3; it needs 2 <= min <= max <= 100,000"),
    ((2, 100_001), (1, 2), ValueError, "layers is 2-100001; it needs 2 <= min"),
    ((4, 3), (1, 2), ValueError, "layers is 4-3"),
    ((2, 3), (0, 2), ValueError, "units is 0-2; it needs 1 <= min <= max <= 100,000,000"),
    ((2, 3), (1, 100_000_001), ValueError, "units is 1-100000001"),
    ((2, 3, 4), (1, 2), TypeError, "layers must be a (min, max) pair"),
    ((2,), (1, 2), TypeError, "layers must be a (min, max) pair"),
    ({2, 3}, (1, 2), TypeError, "layers must be a (min, max) pair"),
    ((2, 3), np.int64(4), TypeError, "units must be a (min, max) pair"),
    ((2, 3), np.array(4), TypeError, "units must be a (min, max) pair"),
    ((2, 3), b"12", TypeError, "units must be a (min, max) pair"),
])
def test_bad_ranges_are_named(layers, units, error, words):
    with pytest.raises(error) as info:
        random_net(0, layers=layers, units=units)
    assert words in str(info.value)


def test_no_seed_still_gives_a_net_and_a_seed_gives_the_same_one():
    assert 3 <= len(random_net().layers) <= 5
    assert random_net(np.int64(12)) == random_net(12)
    assert len({random_net(seed) for seed in range(20)}) > 10


def test_a_sheet_is_a_frozen_question_sheet_until_its_key_is_asked_for():
    sheet = Sheet((Net((2, 3)), Net((4, 2, 1))), seed=5)
    with pytest.raises(dataclasses.FrozenInstanceError):
        sheet.seed = 6
    assert hash(sheet) == hash(Sheet((Net((2, 3)), Net((4, 2, 1))), seed=5))
    # 2-3: (2 + 1) × 3 = 9; 4-2-1: (4 + 1) × 2 = 10 and (2 + 1) × 1 = 3, 13
    assert sheet.to_markdown().splitlines()[-2:] == ["1. 2-3: ________ parameters",
                                                     "2. 4-2-1: ________ parameters"]
    assert "9" not in sheet.to_html() and "13" not in sheet.to_html()
    assert sheet.key.to_markdown().splitlines()[-2:] == [
        "1. **2-3**: (2 + 1) × 3 = 9 = **9**",
        "2. **4-2-1**: (4 + 1) × 2 = 10; (2 + 1) × 1 = 3; total 10 + 3 = **13**"]
    assert sheet.key.to_markdown().startswith("# Answer key (sheet 5)\n\n1.")


def test_a_key_reveals_its_answers_one_by_one():
    key = Sheet((Net((2, 3)), Net((4, 2, 1)), Net((1, 1))), seed=5).key
    assert key.to_html(shown=0).count("?") == 3
    shown_two = key.to_html(shown=2)
    assert "<b>9</b>" in shown_two and "<b>13</b>" in shown_two
    assert "<li><b>1-1</b>: ?</li>" in shown_two
    assert key.to_html().count("?") == 0 and "<b>2</b>" in key.to_html()


@pytest.mark.parametrize("n", [1, 200, np.int64(3)])
def test_sheet_sizes_from_1_to_200_are_taken(n):
    assert len(make_sheet(n, layers=(3, 3)).nets) == n


@pytest.mark.parametrize("n", [0, 201, "3", 3.0, None, np.True_])
def test_other_sheet_sizes_are_refused(n):
    with pytest.raises(ValueError, match="a sheet has 1 to 200 exercises"):
        make_sheet(n)


def test_the_sheet_limit_counts_the_most_layers_a_net_may_have():
    # 200 nets of up to 10 layers: 2,000 layers, the limit; up to 11: too many
    assert len(make_sheet(200, layers=(10, 10), units=(1, 2)).nets) == 200
    assert len(make_sheet(10, layers=(2, 2)).nets) == 10
    with pytest.raises(ValueError, match="200 nets of up to 11 layers is too much work"):
        make_sheet(200, layers=(2, 11))
