import pytest

from nnparams_edu import (build_graph, count_parameters, format_bytes, layer_breakdown,
                          parameter_memory)


@pytest.mark.parametrize("net, total", [
    ("5-8-4-3", 99), ([4, 16, 8, 4, 2], 262), ("1-1", 2), ("784-128-10", 101_770),
    ("784-512-512-10", 669_706), ("25088-4096-4096-1000", 123_642_856),
])
def test_totals_worked_by_hand(net, total):
    assert count_parameters(net) == total


@pytest.mark.parametrize("net, total", [("5-8-4-3", 84), ("4-16-8-4-2", 232), ("1-1", 1)])
def test_no_bias_totals(net, total):
    assert count_parameters(net, bias=False) == total


def test_per_connection_numbers_of_the_lesson():
    rows = layer_breakdown("5-8-4-3").rows
    assert [(r.n_in, r.n_out, r.weights, r.biases, r.total, r.running) for r in rows] == [
        (5, 8, 40, 8, 48, 48), (8, 4, 32, 4, 36, 84), (4, 3, 12, 3, 15, 99)]
    assert [r.formula for r in rows] == [
        "(5 + 1) × 8 = 48", "(8 + 1) × 4 = 36", "(4 + 1) × 3 = 15"]


def test_formula_without_bias_and_with_big_numbers():
    rows = layer_breakdown("25088-4096", bias=False).rows
    assert rows[0].formula == "25,088 × 4,096 = 102,760,448"


@pytest.mark.parametrize("max_units", [None, 3, 4, 7, 12])
def test_count_off_the_graph_equals_the_closed_form(max_units):
    for net in ["5-8-4-3", "4-16-8-4-2", "30-1-30"]:
        G = build_graph(net, max_units=max_units)
        assert count_parameters(G) == count_parameters(net)
        assert layer_breakdown(G).rows == layer_breakdown(net).rows


def test_count_is_a_plain_int_and_exact_for_very_deep_nets():
    total = count_parameters([1000] * 10_000)
    assert type(total) is int
    assert total == 9_999 * 1001 * 1000


def test_graph_with_bias_argument_is_refused():
    with pytest.raises(ValueError, match="pass them to build_graph"):
        count_parameters(build_graph("5-8"), bias=False)


def test_frozen_split():
    b = layer_breakdown("5-8-4-3", frozen=[True, False, True])
    assert (b.total, b.trainable, b.non_trainable) == (99, 36, 63)
    assert "frozen" in b.to_text()
    assert "(36 trainable, 63 frozen)" in b.summary()


def test_text_and_html_tables():
    b = layer_breakdown("4-16-8-4-2")
    text = str(b)
    assert "(4 + 1) × 16 = 80" in text and "total: 262 parameters" in text
    html = b._repr_html_()
    assert html.count("<tr>") == 1 + 4 and "262" in html and "&lt;" not in html


def test_memory():
    assert parameter_memory("5-8-4-3") == 396
    assert parameter_memory("5-8-4-3", "float16") == 198
    assert parameter_memory("5-8-4-3", "int8") == 99
    assert layer_breakdown("25088-4096-4096-1000").memory() == 494_571_424
    with pytest.raises(ValueError, match="'float64'; it must be one of float32"):
        parameter_memory("5-8", "float64")


@pytest.mark.parametrize("n, text", [(0, "0 B"), (1023, "1023 B"), (1024, "1.0 KiB"),
                                     (1536, "1.5 KiB"), (3 * 1024**3, "3.0 GiB")])
def test_format_bytes(n, text):
    assert format_bytes(n) == text


def test_graphs_not_made_by_build_graph_are_refused():
    import networkx as nx

    with pytest.raises(ValueError, match="not made by build_graph"):
        count_parameters(nx.DiGraph())
    with pytest.raises(ValueError, match="not made by build_graph"):
        layer_breakdown(nx.DiGraph(net="5-8"))
    G = build_graph("2-1")
    G.add_edge((0, 0), (1, 0), params="many")
    with pytest.raises(ValueError, match="edge .* was not made by build_graph"):
        count_parameters(G)


def test_deep_tables_keep_their_first_and_last_rows():
    b = layer_breakdown([3] * 1000)  # 999 connections of (3 + 1) x 3 = 12
    text = b.to_text(max_rows=4)
    assert text.count("(3 + 1) × 3 = 12") == 4 and "995 more connections" in text
    assert "total: 11,988 parameters" in text
    assert b.to_html().count("<tr>") == 1 + 100 + 1
    assert layer_breakdown("5-8-4-3").to_html().count("<tr>") == 1 + 3


def test_differences_of_deep_nets_are_summed_up():
    from nnparams_edu.count import describe_difference

    text = describe_difference("5-8-3", [5] + [9] * 99_998 + [3])
    assert text.endswith("… and 99,990 more differences.") and len(text) < 1000


# 10 connections of (3 + 1) × 3 = 12; with at most k rows the table keeps the
# first k // 2 (at least 1), the marker, and the rest of the k at the end.
@pytest.mark.parametrize("max_rows, shown, more", [
    (None, list(range(1, 11)), None), (10, list(range(1, 11)), None),
    (11, list(range(1, 11)), None),
    (9, [1, 2, 3, 4, 6, 7, 8, 9, 10], "1 more connection"),
    (5, [1, 2, 8, 9, 10], "5 more connections"), (4, [1, 2, 9, 10], "6 more connections"),
    (3, [1, 9, 10], "7 more connections"), (2, [1, 10], "8 more connections"),
    (1, [1, 10], "8 more connections"), (0, [1, 10], "8 more connections"),
])
def test_a_long_table_keeps_its_first_and_last_rows(max_rows, shown, more):
    text = layer_breakdown([3] * 11).to_text(max_rows=max_rows)
    numbers = [int(line.split()[0]) for line in text.splitlines()[1:] if line[0].isdigit()]
    assert numbers == shown
    markers = [line for line in text.splitlines() if line.startswith("...")]
    if more is None:
        assert markers == []
    else:
        assert len(markers) == 1 and f"{more} " in markers[0] + " "
    assert text.endswith("total: 120 parameters\nmemory: 480 B as float32, 240 B as float16, "
                         "120 B as int8")


def test_html_table_puts_the_numbers_on_the_right():
    html = layer_breakdown("5-8").to_html()
    row = html.split("<tbody>")[1]
    aligns = [cell.split(";")[0] for cell in row.split('<td style="text-align:')[1:]]
    assert aligns == ["left", "left", "right", "right", "left", "right", "left"]
    # 5-8: 40 weights, 8 biases, 48 in all
    assert ">40<" in row and ">8<" in row and ">(5 + 1) × 8 = 48<" in row


def test_text_table_puts_the_numbers_on_the_right():
    lines = layer_breakdown("784-128-10").to_text().splitlines()
    # 784 · 128 = 100,352 weights; 128 · 10 = 1,280: right-aligned under "weights"
    end = lines[0].index("weights") + len("weights")
    assert lines[1][:end].endswith("100,352") and lines[2][:end].endswith("  1,280")
    assert lines[1].startswith("1  784 → 128  ")


def test_frozen_and_nobias_steps():
    steps = layer_breakdown("5-8-4-3;nobias=3;frozen=1").steps()
    assert steps == ["5 × 8 = 40 weights + 8 biases = 48 (frozen) → 48",
                     "8 × 4 = 32 weights + 4 biases = 36, + 36 → 84",
                     "4 × 3 = 12 weights, + 12 → 96"]


def test_a_breakdown_is_frozen_and_an_empty_one_totals_zero():
    import dataclasses

    from nnparams_edu.count import Breakdown

    b = layer_breakdown("5-8")
    with pytest.raises(dataclasses.FrozenInstanceError):
        b.rows = ()
    assert hash(b) == hash(layer_breakdown("5-8"))
    assert Breakdown(None, ()).total == 0


@pytest.mark.parametrize("a, b, text", [
    ("5-16-3", "5-8-4-3", "5-8-4-3 has 99 parameters, 48 fewer than 5-16-3 (147), -32.7%.\n"
                          "Hidden layer 1 is narrower: 8 units instead of 16. "
                          "It adds hidden layer 2 (4 units)."),
    ("5-8-3", "6-8-2", "6-8-2 has 74 parameters, 1 fewer than 5-8-3 (75), -1.3%.\n"
                       "The input layer has 6 units instead of 5. "
                       "The output layer has 2 units instead of 3."),
    ("6-8-2", "5-8-3", "5-8-3 has 75 parameters, 1 more than 6-8-2 (74), +1.4%.\n"
                       "The input layer has 5 units instead of 6. "
                       "The output layer has 3 units instead of 2."),
    ("5-8-4-3", "5-8-3", "5-8-3 has 75 parameters, 24 fewer than 5-8-4-3 (99), -24.2%.\n"
                         "It has no hidden layer 2 (4 units)."),
    ("5-8-3", "5-8-3", "5-8-3 and 5-8-3 both have 75 parameters."),
    ("5-8-3", "5-4-6-3", "5-4-6-3 and 5-8-3 both have 75 parameters.\n"
                         "Hidden layer 1 is narrower: 4 units instead of 8. "
                         "It adds hidden layer 2 (6 units)."),
    ("5-4-3", "5-6-3", "5-6-3 has 57 parameters, 18 more than 5-4-3 (39), +46.2%.\n"
                       "Hidden layer 1 is wider: 6 units instead of 4."),
])
def test_differences_worked_by_hand(a, b, text):
    # 5-16-3: 96 + 51 = 147; 5-8-3: 48 + 27 = 75; 6-8-2: 56 + 18 = 74;
    # 5-4-6-3: 24 + 30 + 21 = 75; 5-4-3: 24 + 15 = 39; 5-6-3: 36 + 21 = 57
    from nnparams_edu.count import describe_difference

    assert describe_difference(a, b) == text


def test_the_differences_spelled_out_stop_at_eight():
    from nnparams_edu.count import describe_difference

    # 5-8-3 against 5 and 12 hidden layers of 9: one wider, 11 added; 8 are spelled out
    text = describe_difference("5-8-3", [5] + [9] * 12 + [3])
    assert text.count("It adds hidden layer") == 7 and "hidden layer 8 (9 units)" in text
    assert text.endswith("… and 4 more differences.")


@pytest.mark.parametrize("n, text", [(1076, "1.1 KiB"), (1024**2 - 1, "1024.0 KiB"),
                                     (1024**2, "1.0 MiB"), (1_049_088, "1.0 MiB"),
                                     (2 * 1024**6, "2048.0 PiB"), (1023 * 1024**5, "1023.0 PiB")])
def test_format_bytes_changes_unit_at_1024(n, text):
    assert format_bytes(n) == text


@pytest.mark.parametrize("edge, words", [
    (dict(connection=1, kind="weight", params=1), "was not made by build_graph"),
    (dict(connection=-1, kind="weight", params=1), "was not made by build_graph"),
    (dict(connection=True, kind="weight", params=1), "was not made by build_graph"),
    (dict(connection=0, kind="unit", params=1), "was not made by build_graph"),
    (dict(connection=0, kind="bias", params=-1), "was not made by build_graph"),
    (dict(connection=0, kind="bias", params=2.0), "was not made by build_graph"),
])
def test_edges_are_checked_one_by_one(edge, words):
    G = build_graph("2-1")  # one connection, numbered 0
    G.add_edge("a", "b", **edge)
    with pytest.raises(ValueError, match=words):
        count_parameters(G)


def test_an_edge_of_no_parameters_counts_nothing():
    G = build_graph("2-1")
    G.add_edge("a", "b", connection=0, kind="bias", params=0)
    assert count_parameters(G) == 3 and layer_breakdown(G).rows[0].biases == 1


def test_a_graph_takes_neither_bias_nor_frozen():
    for flags in (dict(bias=False), dict(frozen=[True]), dict(bias=[True], frozen=False)):
        with pytest.raises(ValueError, match="pass them to build_graph"):
            layer_breakdown(build_graph("5-8"), **flags)


def test_only_something_with_a_graph_and_edges_is_counted_as_a_graph():
    from types import SimpleNamespace

    for thing in (SimpleNamespace(edges=[]), SimpleNamespace(graph={})):
        with pytest.raises(TypeError, match="not SimpleNamespace"):
            count_parameters(thing)


    class Sizes(list):  # sizes that happen to carry a "graph" attribute, and no edges
        graph = {}

    assert count_parameters(Sizes([5, 8])) == 48  # (5 + 1) × 8
    assert layer_breakdown(Sizes([5, 8]), bias=False).total == 40


@pytest.mark.parametrize("max_rows, shown", [(1, [1, 3]), (2, [1, 3]), (3, [1, 2, 3])])
def test_a_table_of_three_rows_fits_two_with_a_marker(max_rows, shown):
    # 3 connections of 12: at most 2 rows is the first, "1 more connection", the last
    text = layer_breakdown([3] * 4).to_text(max_rows=max_rows)
    numbers = [int(line.split()[0]) for line in text.splitlines()[1:] if line[0].isdigit()]
    assert numbers == shown
    assert ("1 more connection " in text) is (len(shown) == 2)
