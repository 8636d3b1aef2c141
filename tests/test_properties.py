"""Property tests: three independent ways to count must always agree."""
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnparams_edu import build_graph, count_parameters, format_spec, layer_breakdown, parse_spec
from nnparams_edu.spec import Net

layers = st.lists(st.integers(1, 12), min_size=2, max_size=5)


@st.composite
def nets(draw, sizes=layers):
    sizes = draw(sizes)
    flags = st.lists(st.booleans(), min_size=len(sizes) - 1, max_size=len(sizes) - 1)
    return Net(tuple(sizes), tuple(draw(flags)), tuple(draw(flags)))


def closed_form(net):
    return sum((n + b) * m for n, m, b, _ in net.pairs())


@given(nets(), st.integers(3, 14))
def test_full_graph_truncated_graph_and_closed_form_agree(net, max_units):
    full = build_graph(net)
    assert full.number_of_edges() == closed_form(net)  # one edge per parameter
    assert count_parameters(full) == closed_form(net)
    assert count_parameters(build_graph(net, max_units=max_units)) == closed_form(net)
    assert count_parameters(net) == closed_form(net)


@given(nets(st.lists(st.integers(1, 10**6), min_size=2, max_size=6)), st.integers(3, 9))
def test_huge_nets_are_exact_off_a_small_graph(net, max_units):
    G = build_graph(net, max_units=max_units)
    assert G.number_of_nodes() <= len(net.layers) * (max_units + 1)
    assert count_parameters(G) == closed_form(net)


@given(nets())
def test_breakdown_rows_add_up(net):
    b = layer_breakdown(net)
    assert sum(r.total for r in b.rows) == b.total == b.rows[-1].running
    assert b.trainable + b.non_trainable == b.total


@given(nets())
def test_spec_round_trip(net):
    assert parse_spec(format_spec(net)) == net


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(1, 9), min_size=3, max_size=5))
def test_count_matches_scikit_learn(sizes):
    from sklearn.neural_network import MLPClassifier  # a requirement of the tests
    rng = np.random.default_rng(0)
    X = rng.normal(size=(20, sizes[0]))
    y = np.arange(20) % sizes[-1] if sizes[-1] > 2 else np.arange(20) % 2
    model = MLPClassifier(hidden_layer_sizes=sizes[1:-1], max_iter=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.fit(X, y)
    theirs = sum(w.size for w in model.coefs_) + sum(b.size for b in model.intercepts_)
    # scikit-learn uses one output unit for two classes
    output = sizes[-1] if sizes[-1] > 2 else 1
    assert count_parameters([*sizes[:-1], output]) == theirs


@given(nets(st.lists(st.integers(1, 30), min_size=2, max_size=8)),
       st.one_of(st.none(), st.integers(3, 9)))
def test_edges_worked_out_from_sizes_equal_the_graph_built(net, max_units):
    from nnparams_edu.graph import graph_edges

    assert graph_edges(net, max_units) == build_graph(net, max_units=max_units).number_of_edges()


@settings(deadline=None)
@given(nets(st.lists(st.integers(1, 40), min_size=2, max_size=60)))
def test_collapsed_drawing_counts_add_up_to_the_closed_form(net):
    from nnparams_edu.collapse import collapse

    folded = collapse(net)
    if folded is None:
        return
    spans = [folded.original_connections(c) for c in range(folded.drawn.connections)]
    assert [i for span in spans for i in span] == list(range(net.connections))
    assert sum(folded.totals(c) for c in range(folded.drawn.connections)) == closed_form(net)
