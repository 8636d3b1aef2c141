"""The catalogue of mistakes through its public functions, against numbers worked
by hand (the diagnosis over random nets is in test_diagnosis.py)."""
import dataclasses

import pytest

from nnparams_edu.diagnosis import diagnose, explain
from nnparams_edu.mistake_tables import mistake_table
from nnparams_edu.mistakes import MISTAKES, Mistake, connection_name


@pytest.mark.parametrize("net, k, name", [
    ("5-8", 0, "5 → 8 (the only connection)"),
    ("5-8-4-3", 0, "5 → 8 (the first connection)"),
    ("5-8-4-3", 1, "8 → 4 (the second connection)"),
    ("5-8-4-3", 2, "4 → 3 (the last connection)"),
    ([2] * 15 + [7], 11, "2 → 2 (the twelfth connection)"),
    ([2] * 15 + [7], 12, "2 → 2 (connection 13)"),
    ([2] * 15 + [7], 13, "2 → 2 (connection 14)"),
    ([2] * 15 + [7], 14, "2 → 7 (the last connection)"),
])
def test_connections_are_named_by_layers_and_place(net, k, name):
    assert connection_name(net, k) == name


# 8-6-4;nobias=2 by hand: right (8 + 1)·6 + 6·4 = 54 + 24 = 78
GIVES = {
    "Forgot the biases": "72",                        # 48 + 24
    "Put the +1 on the receiving layer": "80",        # 8·7 + 6·4
    "Gave the input units biases": "86",              # 78 + 8
    "One bias per layer, not per unit": "73",         # 48 + 1 + 24
    "Counted the nodes": "19",                        # 8 + 6 + 4 + one +1 node
    "Added the layer sizes": "18",
    "Added instead of multiplied": "25",              # (8 + 1) + 6, then 6 + 4 (no bias)
    "Gave biases to a connection without them": "82",  # 54 + 7·4
    "Left out a connection": "54",                    # 78 - 24, the last connection
    "Counted a connection twice": "102",              # 78 + 24
}


def test_mistake_table_of_a_net_with_a_nobias_connection():
    table = mistake_table("8-6-4;nobias=2", answer=78)
    gives = {title: number for title, _, number in table.rows}
    # no output biases: counting them twice or leaving them out gives the right 78
    assert gives == {**GIVES, "Counted the output biases twice": "—",
                     "Left out the output biases": "—"}
    assert [title for title, _, _ in table.rows] == [m.title for m in MISTAKES.values()]
    kept = table.that_apply()
    assert {title: number for title, _, number in kept.rows} == GIVES
    assert [title for title, _, _ in kept.rows] == [t for t in gives if t in GIVES]
    here = dict((title, computes) for title, computes, _ in table.rows)
    assert here["Left out a connection"].endswith("; here 6 → 4 (the last connection)")
    assert "; here" not in here["Forgot the biases"]


def test_mistake_table_text_lines_up_its_columns():
    lines = str(mistake_table("8-6-4;nobias=2", answer=78)).splitlines()
    assert lines[0].split() == ["mistake", "gives", "what", "it", "computes"]
    assert len(lines) == 1 + len(MISTAKES)
    assert len({line.index("  ", len("Gave biases to a connection without them")) for line in
                lines[1:]}) == 1
    assert lines[1].startswith("Forgot the biases ") and "       72  n × m" in lines[1]


def test_a_one_connection_net_cannot_leave_one_out():
    # 5-8: right 48; counting it twice gives 96
    gives = {title: number for title, _, number in mistake_table("5-8", answer=48).rows}
    assert gives["Left out a connection"] == "—" and gives["Counted a connection twice"] == "96"
    assert diagnose("5-8", 0) == () and diagnose("5-8", 96) == ("counted_twice",)


def test_up_to_five_connections_are_named_one_by_one():
    # 6 layers of 3: five connections of (3 + 1) × 3 = 12, right 60; 48 leaves one out
    ways = explain([3] * 6, 48)
    assert [did for _, did in ways] == [
        "left out 3 → 3 (the first connection)", "left out 3 → 3 (the second connection)",
        "left out 3 → 3 (the third connection)", "left out 3 → 3 (the fourth connection)",
        "left out 3 → 3 (the last connection)"]
    # 7 layers: six connections, right 72; 60 is one left out, or one bias per layer
    assert explain([3] * 7, 60) == (
        ("bias_per_layer", "counted one bias per layer instead of one per unit"),
        ("left_out", "left out one connection (any of the 6 that would give this number)"))


def test_the_right_count_is_never_a_mistake():
    assert explain("5-8-4-3", 99) == () and diagnose("5-8-4-3", 99) == ()
    # 5-8-4-3;nobias=3: right 96, which "output biases twice" would also give
    assert explain("5-8-4-3;nobias=3", 96) == ()


def test_a_mistake_is_frozen_and_by_default_about_the_whole_net():
    plain = Mistake("Title", "computes", "did it", lambda net: 7)
    assert plain.per_connection is False and plain.many == ""
    assert plain.totals("5-8") == ((7, "did it"),)
    assert plain.totals("5-8", only=7) == ((7, "did it"),) and plain.totals("5-8", only=8) == ()
    with pytest.raises(dataclasses.FrozenInstanceError):
        plain.title = "Other"
    assert hash(mistake_table("5-8")) == hash(mistake_table("5-8"))


def test_connection_mistakes_give_one_total_per_connection():
    # 4-16-8-4-2: 80, 136, 36, 10; right 262
    assert MISTAKES["left_out"].totals("4-16-8-4-2") == (
        (182, "left out 4 → 16 (the first connection)"),
        (126, "left out 16 → 8 (the second connection)"),
        (226, "left out 8 → 4 (the third connection)"),
        (252, "left out 4 → 2 (the last connection)"))
    assert MISTAKES["counted_twice"].totals("4-16-8-4-2", only=272) == (
        (272, "counted 4 → 2 (the last connection) twice"),)
    assert MISTAKES["left_out"].totals("4-16", only=0) == ()


def test_the_table_takes_a_right_answer_of_up_to_30_characters():
    # 5-8: right 48; leading zeros are read, up to 30 characters in all
    assert mistake_table("5-8", answer="0" * 28 + "48").solved is True
    assert mistake_table("5-8", answer="0" * 29 + "48").solved is False


def test_the_diagnosis_and_the_table_are_still_found_in_mistakes():
    import nnparams_edu.mistakes as mistakes
    from nnparams_edu import diagnosis, mistake_tables

    assert mistakes.diagnose is diagnosis.diagnose and mistakes.explain is diagnosis.explain
    assert mistakes.mistake_table is mistake_tables.mistake_table
    assert mistakes.MistakeTable is mistake_tables.MistakeTable
    with pytest.raises(AttributeError, match="has no attribute 'coincidence'"):
        mistakes.coincidence


def test_a_table_made_directly_is_solved_unless_said_otherwise():
    from nnparams_edu import Net
    from nnparams_edu.mistake_tables import MistakeTable

    table = MistakeTable(Net((2, 1)), (("Forgot the biases", "n × m", "2"),))
    assert table.solved is True
    # titles 17 wide, then 2 spaces and the number right-aligned in 9; no note
    assert str(table).splitlines() == ["mistake" + " " * 16 + "gives  what it computes",
                                       "Forgot the biases" + " " * 10 + "2  n × m"]
