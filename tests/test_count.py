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
