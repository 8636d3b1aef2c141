"""Deep nets are drawn with their middle layers as one "⋮ k layers" column;
every count is checked against numbers worked by hand."""
import numpy as np
import pytest
from matplotlib.figure import Figure

from nnparams_edu import as_net, build_graph
from nnparams_edu.collapse import DRAWN_LAYERS, collapse, short_sizes
from nnparams_edu.draw import draw_network, drawn_labels
from nnparams_edu.figure import NetworkFigure


@pytest.fixture
def ax():
    return Figure(figsize=(8, 5)).add_subplot()


def deep(layers):
    """5-8-8-...-8-3: 48 + 72 per 8-8 connection + 27, worked by hand."""
    return [5] + [8] * (layers - 2) + [3], 48 + 72 * (layers - 3) + 27


def test_a_net_of_drawn_layers_is_drawn_whole(ax):
    sizes, total = deep(DRAWN_LAYERS)
    draw_network(sizes, ax)
    labels = drawn_labels(ax)
    assert labels["count"] == ["48"] + ["72"] * (DRAWN_LAYERS - 3) + ["27"]
    assert "⋮" not in "".join(labels["layer"]) and "collapsed" not in labels


def test_twenty_layers_keep_six_and_five_and_collapse_nine(ax):
    sizes, total = deep(20)
    draw_network(sizes, ax)
    labels = drawn_labels(ax)
    # connections 1-5 and 16-19 are labelled one by one; 6 to 15 (ten of 72) are one label
    assert labels["count"] == ["48", "72", "72", "72", "72", "720", "72", "72", "72", "27"]
    assert labels["layer"][6] == "⋮ 9\nlayers"
    assert len(labels["layer"]) == DRAWN_LAYERS
    assert labels["collapsed"] == ["⋮"]
    assert labels["title"] == [f"5-8-8-…-8-8-3 (20 layers): {total:,} parameters"]
    assert total == 1_299


@pytest.mark.parametrize("layers", [13, 1_000, 100_000])
def test_count_labels_add_up_to_the_exact_total(ax, layers):
    sizes, total = deep(layers)
    draw_network(sizes, ax)
    counts = [int(text.replace(",", "")) for text in drawn_labels(ax)["count"]]
    assert sum(counts) == total
    assert drawn_labels(ax)["layer"][6] == f"⋮ {layers - 11:,}\nlayers"
    weights = [c for c in ax.collections if c.get_gid().startswith("weights-")]
    assert len(weights) == DRAWN_LAYERS - 2  # one per drawn connection


def test_highlight_and_reveal_inside_the_collapsed_span(ax):
    sizes, _ = deep(1_000)
    draw_network(sizes, ax, highlight=500, reveal=700)
    labels = drawn_labels(ax)
    assert labels["count-highlight"] == ["?"]  # the span ends past connection 700
    assert labels["count"] == ["48", "72", "72", "72", "72", "?", "?", "?", "?"]
    assert labels["title"] == [f"5-8-8-…-8-8-3 (1,000 layers): {48 + 72 * 699:,} "
                               "parameters so far"]


def test_frozen_and_bias_flags_count_in_the_span(ax):
    net = as_net([4] * 30, bias=False, frozen=[True] * 29)
    draw_network(net, ax)
    counts = drawn_labels(ax)["count"]
    assert counts[5] == f"{16 * 20:,} frozen"  # 19 layers skipped: 20 connections of 16
    assert drawn_labels(ax)["title"] == ["4-4-4-…-4-4-4 (30 layers): 464 parameters (0 trainable)"]


def test_collapse_maps_connections_both_ways():
    c = collapse(as_net([3] * 20))
    assert [c.drawn_connection(i) for i in (0, 4, 5, 14, 15, 18)] == [0, 4, 5, 5, 6, 9]
    assert [len(c.original_connections(d)) for d in range(c.drawn.connections)] \
        == [1] * 5 + [10] + [1] * 4


def test_short_sizes():
    assert short_sizes(as_net("5-8-4-3")) == "5-8-4-3"
    assert short_sizes(as_net([1] * 8)) == "1-1-1-…-1-1-1 (8 layers)"


def test_huge_untruncated_drawings_are_refused_before_rendering():
    canvas = NetworkFigure()
    with pytest.raises(ValueError, match="998,998 lines"):
        canvas.draw("1000-998", max_units=None)
    with pytest.raises(ValueError, match="draw its net instead"):
        canvas.draw(build_graph("300-300"))


def test_a_picture_too_large_is_refused_before_rendering():
    canvas = NetworkFigure(figsize=(200, 200), dpi=100)
    canvas.draw("5-8-4-3")
    with pytest.raises(ValueError, match="20,000 x 20,000 pixels is too large"):
        canvas.to_png()


@pytest.mark.parametrize("title, error", [("a\tb", ValueError), ("a\x00b", ValueError),
                                          ("x" * 201, ValueError), (123, TypeError)])
def test_bad_titles(ax, title, error):
    with pytest.raises(error, match="title"):
        draw_network("5-8", ax, title=title)


def test_numpy_scalars_work_as_ints_and_bools(ax):
    draw_network("5-8-4-3", ax, highlight=np.int64(1), bias=np.True_)
    assert drawn_labels(ax)["count-highlight"] == ["36"]
    draw_network("25088-4096-10", Figure().add_subplot(), max_units=np.int64(5))
