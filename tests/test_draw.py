import numpy as np
import pytest
from matplotlib.figure import Figure

from nnparams_edu import build_graph, draw_network
from matplotlib.colors import to_rgba

from nnparams_edu.draw import PALETTE, PRESENTATION, drawn_labels
from nnparams_edu.figure import NetworkFigure


@pytest.fixture
def ax():
    return Figure(figsize=(8, 5)).add_subplot()


def collection(ax, gid):
    (found,) = [c for c in ax.collections if c.get_gid() == gid]
    return found


def points(ax, kind):
    return len(collection(ax, f"nodes-{kind}").get_offsets())


def segments(ax, gid):
    """Edges drawn by one collection: its path holds them NaN-separated."""
    path = collection(ax, gid).get_paths()[0].vertices
    return int(np.isnan(path[:, 0]).sum()) + 1


def test_every_node_and_edge_of_a_small_net_is_drawn(ax):
    assert draw_network("5-8-4-3", ax) is ax
    assert [points(ax, k) for k in ("input", "hidden", "output", "bias")] == [5, 12, 3, 3]
    assert [segments(ax, f"weights-{c}") for c in range(3)] == [40, 32, 12]
    assert [segments(ax, f"biases-{c}") for c in range(3)] == [8, 4, 3]


def test_each_connection_is_one_collection(ax):
    draw_network("10-32-32-10", ax)
    gids = [c.get_gid() for c in ax.collections if c.get_gid().startswith("weights")]
    assert gids == ["weights-0", "weights-1", "weights-2"]


def test_labels_say_the_counts_layers_and_title(ax):
    draw_network("5-8-4-3", ax)
    labels = drawn_labels(ax)
    assert labels["title"] == ["5-8-4-3: 99 parameters"]
    assert labels["count"] == ["48", "36", "15"]
    assert labels["layer"] == ["input\n5", "hidden\n8", "hidden\n4", "output\n3"]
    assert labels["bias"] == ["+1"] * 3


def test_wide_layers_are_truncated_but_counts_stay_exact(ax):
    draw_network("25088-4096-4096-1000", ax, max_units=8)
    labels = drawn_labels(ax)
    assert labels["title"] == ["25088-4096-4096-1000: 123,642,856 parameters"]
    assert labels["count"] == ["102,764,544", "16,781,312", "4,097,000"]
    assert labels["ellipsis"] == ["+25,081", "+4,089", "+4,089", "+993"]
    assert points(ax, "input") == 7 and segments(ax, "weights-0") == 64


def test_deep_nets_draw_fewer_units_per_layer(ax):
    draw_network([128] * 8, ax)
    drawn = sum(segments(ax, f"weights-{c}") for c in range(7))
    assert drawn <= 320  # DRAWN_EDGES


# Every net of the lessons, with its widest layer and weight edges worked by hand.
@pytest.mark.parametrize("net, units, weights", [
    ("5-8-4-3", [5, 8, 4, 3], [40, 32, 12]),
    ("4-16-8-4-2", [4, 16, 8, 4, 2], [64, 128, 32, 8]),
    ("5-16-3", [5, 16, 3], [80, 48]),
    ("5-16-16-3", [5, 16, 16, 3], [80, 256, 48]),
])
def test_nets_of_the_lessons_are_drawn_in_full(ax, net, units, weights):
    draw_network(net, ax)
    assert "ellipsis" not in [c.get_gid().removeprefix("nodes-") for c in ax.collections]
    assert drawn_labels(ax)["ellipsis"] == []
    assert points(ax, "input") == units[0] and points(ax, "output") == units[-1]
    assert points(ax, "hidden") == sum(units[1:-1])
    assert [segments(ax, f"weights-{c}") for c in range(len(weights))] == weights


def test_a_net_too_big_to_read_is_still_truncated(ax):
    draw_network("784-128-10", ax)
    assert points(ax, "input") < 784 and drawn_labels(ax)["ellipsis"][0] == "+773"


def test_max_units_none_draws_everything(ax):
    draw_network("20-30", ax, max_units=None)
    assert segments(ax, "weights-0") == 600


def test_no_bias_and_frozen(ax):
    draw_network("5-8-4-3", ax, bias=[True, False, True], frozen=[True, False, False])
    assert points(ax, "bias") == 2
    assert not any(c.get_gid() == "biases-1" for c in ax.collections)
    assert drawn_labels(ax)["count"] == ["48 frozen", "32", "15"]
    assert drawn_labels(ax)["title"] == ["5-8-4-3: 95 parameters (47 trainable)"]
    assert collection(ax, "weights-0").get_linestyle() != collection(ax, "weights-1").get_linestyle()


def test_highlight_emphasises_one_connection(ax):
    draw_network("5-8-4-3", ax, highlight=1)
    assert drawn_labels(ax)["count-highlight"] == ["36"]
    assert drawn_labels(ax)["count"] == ["48", "15"]
    assert collection(ax, "weights-1").get_alpha() > collection(ax, "weights-0").get_alpha()
    faces = collection(ax, "nodes-bias").get_facecolors()
    lit = [tuple(face) == to_rgba(PALETTE["highlight"]) for face in faces]
    assert lit == [False, True, False]  # the +1 node of layer 1 feeds connection 1


def test_a_graph_is_drawn_as_it_is(ax):
    draw_network(build_graph("5-8-4-3"), ax)
    assert drawn_labels(ax)["title"] == ["5-8-4-3: 99 parameters"]
    with pytest.raises(ValueError, match="pass them to build_graph"):
        draw_network(build_graph("5-8"), ax, bias=False)


@pytest.mark.parametrize("bad", [-1, 3, 1.5])
def test_bad_highlight(ax, bad):
    with pytest.raises(ValueError, match="highlight"):
        draw_network("5-8-4-3", ax, highlight=bad)


def test_default_axes_is_the_current_one():
    import matplotlib.pyplot as plt

    ax = draw_network("2-1")
    assert ax is plt.gca()


def test_network_figure_redraws_in_place_and_makes_png():
    canvas = NetworkFigure()
    canvas.draw("5-8-4-3")
    first = len(canvas.ax.collections)
    canvas.draw("5-8-4-3", style=PRESENTATION)
    assert len(canvas.ax.collections) == first
    assert canvas.to_png().startswith(b"\x89PNG")
    assert canvas.figure.get_size_inches().tolist() == [8, 5] and canvas.figure.dpi == 100


# -- pose, then reveal ----------------------------------------------------------

def test_posed_net_shows_no_count_anywhere(ax):
    draw_network("4-16-8-4-2", ax, reveal=0)
    labels = drawn_labels(ax)
    assert labels["title"] == ["4-16-8-4-2: how many parameters?"]
    assert labels["count"] == ["?", "?", "?", "?"]
    said = " ".join(" ".join(texts) for texts in labels.values())
    for number in ("262", "80", "136", "36", "10"):  # worked by hand
        assert number not in said.split()


@pytest.mark.parametrize("k, title, counts", [
    (1, "4-16-8-4-2: 80 parameters so far", ["80", "?", "?", "?"]),
    (2, "4-16-8-4-2: 216 parameters so far", ["80", "136", "?", "?"]),
    (3, "4-16-8-4-2: 252 parameters so far", ["80", "136", "36", "?"]),
    (4, "4-16-8-4-2: 262 parameters", ["80", "136", "36", "10"]),
])
def test_each_reveal_step_shows_only_the_counts_so_far(ax, k, title, counts):
    draw_network("4-16-8-4-2", ax, reveal=k)
    assert drawn_labels(ax)["title"] == [title]
    assert drawn_labels(ax)["count"] == counts


def test_reveal_with_highlight_lights_the_counted_connection(ax):
    draw_network("5-8-4-3", ax, reveal=2, highlight=1)
    assert drawn_labels(ax)["count-highlight"] == ["36"]
    assert drawn_labels(ax)["count"] == ["48", "?"]


@pytest.mark.parametrize("bad", [-1, 4, 1.5, "2"])
def test_bad_reveal(ax, bad):
    with pytest.raises(ValueError, match="reveal is"):
        draw_network("5-8-4-3", ax, reveal=bad)


def test_one_unit_and_what_it_adds_up(ax):
    draw_network("5-8-4-3", ax, unit=(1, 0))
    assert segments(ax, "unit-weights") == 5  # one weight from each input
    assert segments(ax, "unit-biases") == 1   # and its own bias
    with pytest.raises(ValueError, match="unit is"):
        draw_network("5-8-4-3", ax, unit=(0, 0))  # an input adds nothing up


def test_legend_names_every_symbol(ax):
    draw_network("5-8-4-3", ax, legend=True)
    names = [t.get_text() for t in ax.get_legend().get_texts()]
    assert names == ["unit", '"+1" bias node', "weight edge: 1 parameter",
                     "bias edge: 1 parameter"]


@pytest.mark.parametrize("bad, error", [("presentation", TypeError), (123, TypeError)])
def test_bad_style_or_title(ax, bad, error):
    with pytest.raises(error):
        draw_network("5-8", ax, style=bad) if isinstance(bad, str) else \
            draw_network("5-8", ax, title=bad)
