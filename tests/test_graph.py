from collections import Counter

import numpy as np
import pytest

from nnparams_edu import build_graph, count_parameters
from nnparams_edu.graph import MAX_EDGES, layer_nodes, shown_units


def kinds(G):
    return (Counter(kind for _, kind in G.nodes(data="kind")),
            Counter(kind for *_, kind in G.edges(data="kind")))


def test_full_graph_of_the_lesson_net():
    G = build_graph([5, 8, 4, 3])
    nodes, edges = kinds(G)
    assert nodes == {"input": 5, "hidden": 12, "output": 3, "bias": 3}
    assert edges == {"weight": 5 * 8 + 8 * 4 + 4 * 3, "bias": 8 + 4 + 3}
    assert all(p == 1 for *_, p in G.edges(data="params"))
    assert all(units == 1 for _, units in G.nodes(data="units"))


def test_one_bias_node_per_non_output_layer_and_none_in_the_output():
    G = build_graph([5, 8, 4, 3])
    bias_layers = sorted(layer for _, d in G.nodes(data=True) if d["kind"] == "bias"
                         for layer in [d["layer"]])
    assert bias_layers == [0, 1, 2]
    assert all(G.in_degree(n) == 0 for n, k in G.nodes(data="kind") if k == "bias")


def test_bias_edges_feed_the_next_layer_only():
    G = build_graph([5, 8, 4, 3])
    for u, v, kind in G.edges(data="kind"):
        assert G.nodes[v]["layer"] == G.nodes[u]["layer"] + 1
        assert (G.nodes[u]["kind"] == "bias") == (kind == "bias")


def test_bias_per_connection_removes_that_bias_node():
    G = build_graph([5, 8, 4, 3], bias=[True, False, True])
    assert (1, "+1") not in G
    assert count_parameters(G) == 48 + 32 + 15


def test_no_bias_at_all():
    G = build_graph("5-8-4-3", bias=False)
    assert kinds(G)[0]["bias"] == 0
    assert count_parameters(G) == 84


def test_frozen_marks_edges():
    G = build_graph("5-8-4-3", frozen=[True, False, False])
    frozen = {c for *_, d in G.edges(data=True) if d["frozen"] for c in [d["connection"]]}
    assert frozen == {0}


def test_truncated_graph_is_small_and_exact():
    G = build_graph("25088-4096-4096-1000", max_units=8)
    assert G.number_of_nodes() == 4 * 8 + 3
    assert count_parameters(G) == 123_642_856
    ellipses = [d for _, d in G.nodes(data=True) if d["kind"] == "ellipsis"]
    assert [d["units"] for d in ellipses] == [25088 - 7, 4096 - 7, 4096 - 7, 1000 - 7]


def test_truncation_keeps_first_and_last_units():
    assert shown_units(10, 5) == [(0, 1), (1, 1), ("...", 6), (8, 1), (9, 1)]
    assert shown_units(4, 4) == [(0, 1), (1, 1), (2, 1), (3, 1)]
    assert [u for _, u in shown_units(1000, 3)] == [1, 998, 1]


def test_layer_nodes_put_the_bias_node_first():
    assert layer_nodes(build_graph([2, 3, 1]))[1] == [(1, "+1"), (1, 0), (1, 1), (1, 2)]


def test_huge_graph_is_refused_before_any_work():
    with pytest.raises(ValueError, match="pass max_units"):
        build_graph("25088-4096-4096-1000")
    with pytest.raises(ValueError, match=f"more than {MAX_EDGES:,}"):
        build_graph([1001, 1000])


@pytest.mark.parametrize("bad, error", [(2, ValueError), (0, ValueError),
                                        (2.5, TypeError), (True, TypeError)])
def test_bad_max_units(bad, error):
    with pytest.raises(error, match="max_units"):
        build_graph("5-8-4-3", max_units=bad)


def test_edges_are_worked_out_from_sizes_before_building():
    from nnparams_edu.graph import graph_edges

    assert graph_edges("100000000-1") == 100_000_001
    with pytest.raises(ValueError, match="100,000,001 edges"):
        build_graph("100000000-1")
    for net, max_units in [("5-8-4-3", None), ("25088-4096-4096-1000", 8),
                           ("30-1-30;nobias=2", 4), ("12-12", 3)]:
        assert graph_edges(net, max_units) == build_graph(net, max_units=max_units).number_of_edges()


def test_numpy_max_units():
    G = build_graph("25088-4096-4096-1000", max_units=np.int64(8))
    assert G.graph["max_units"] == 8 and type(G.graph["max_units"]) is int
