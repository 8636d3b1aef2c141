"""Pictures of typed nets, checked on the drawn artists: what the labels say,
how many nodes and edges each collection holds, and that a posed picture
shows nothing of the answer."""
import re

import pytest
from matplotlib.figure import Figure

from nnparams_edu import build_model_graph, draw_model, draw_network
from nnparams_edu.draw import drawn_labels
from nnparams_edu.figure import NetworkFigure

from .test_draw import ax, collection, points, segments  # noqa: F401 - ax is a fixture
from .test_model_graph import LENET5, MNIST_CONVNET, SMALL_CNN

# LeNet-5's counts, worked by hand: (25 + 1)·6, (150 + 1)·16, (400 + 1)·120,
# (120 + 1)·84, (84 + 1)·10, and their sum
LENET5_COUNTS = ["156", "0", "2,416", "0", "0", "48,120", "10,164", "850"]


def test_shapes_and_kinds_are_written_under_each_column(ax):
    draw_model(SMALL_CNN, ax)
    assert drawn_labels(ax)["layer"] == ["input\n6×6×1", "conv 2 k=3\n4×4×2",
                                         "maxpool 2\n2×2×2", "flatten\n8", "dense 3\n3"]
    draw_model(SMALL_CNN, ax, shapes=False)
    assert drawn_labels(ax)["layer"][-5:] == ["input", "conv 2 k=3", "maxpool 2", "flatten",
                                              "dense 3"]


def test_lenet5_counts_and_bias_boxes(ax):
    draw_model(LENET5, ax, max_units=8)
    labels = drawn_labels(ax)
    assert labels["count"] == LENET5_COUNTS
    assert labels["title"] == ["32×32×1 → 10 (8 layers): 61,706 parameters"]
    # one "+1" box under each layer with biases: 2 convolutions and 3 dense layers
    assert points(ax, "bias") == 5 and labels["bias"] == ["+1"] * 5
    # channels are hexagons: 6, 6 and 16 channels, the 16 drawn as 7 + an ellipsis
    assert points(ax, "input-channel") == 1
    assert points(ax, "hidden-channel") == 6 + 6 + 7 + 7
    assert labels["ellipsis"][:2] == ["+9", "+9"]  # channels 4 to 12 of 16


def test_edges_drawn_are_the_graphs_edges(ax):
    draw_model(SMALL_CNN, ax)
    # conv 1 -> 2 channels: 2 kernel edges, 2 bias edges; flatten: 8; dense: 24 + 3
    assert segments(ax, "weights-0") == 2 and segments(ax, "biases-0") == 2
    assert segments(ax, "flows-2") == 8
    assert segments(ax, "weights-3") == 24 and segments(ax, "biases-3") == 3


def test_the_mnist_convnet_truncated_stays_exact(ax):
    draw_model(MNIST_CONVNET, ax, max_units=6)
    labels = drawn_labels(ax)
    # (9 + 1)·32, (288 + 1)·64, (1,600 + 1)·10; activations, pools, flatten, dropout 0
    assert labels["count"] == ["320", "0", "0", "18,496", "0", "0", "0", "0", "16,010", "0"]
    assert labels["title"][0].endswith(": 34,826 parameters")
    assert "+27" in labels["ellipsis"] and "+1,595" in labels["ellipsis"]  # 32 and 1,600


COUNT = re.compile(r"\d[\d,]*")


@pytest.mark.parametrize("net", [SMALL_CNN, LENET5, MNIST_CONVNET, "in 10x8 | lstm 32 | dense 1",
                                 "in 7x10 | gru 6 bi | dense 2",
                                 "in 10x64 | attention 4 | layernorm | dense 256 | batchnorm",
                                 "in 20 tokens | embed 100 16 | dense 100 tied"])
def test_a_posed_picture_shows_nothing_of_the_answer(ax, net):
    model = build_model_graph(net, max_units=10).graph["model"]
    layers = len(model.layers)
    question = set(COUNT.findall(str(model) + " " + " ".join(map(str, model.shapes))))
    answer = draw_model(net, Figure().add_subplot())
    counts = drawn_labels(answer)["count"]
    total = drawn_labels(answer)["title"][0].rsplit(": ", 1)[1].split()[0]
    draw_model(net, ax, reveal=0, legend=True)
    labels = drawn_labels(ax)
    assert labels["count"] == ["?"] * layers
    assert labels["title"][0].endswith("how many parameters?")
    shown = [text for texts in labels.values() for text in texts]
    shown += [t.get_text() for t in ax.get_legend().get_texts()]
    numbers = {n for text in shown for n in COUNT.findall(text)}
    assert total not in numbers
    # a count may be shown only where the question itself says it ("dense 100
    # tied" has 100 biases)
    assert not (numbers & {c for c in counts if c != "0"}) - question


def test_reveal_shows_the_first_counts_and_their_sum(ax):
    draw_model(LENET5, ax, reveal=3)
    labels = drawn_labels(ax)
    assert labels["count"] == LENET5_COUNTS[:3] + ["?"] * 5
    assert labels["title"] == ["32×32×1 → 10 (8 layers): 2,572 parameters so far"]  # 156 + 2,416
    with pytest.raises(ValueError, match="reveal is 9"):
        draw_model(LENET5, ax, reveal=9)


def test_highlight_lifts_one_layer(ax):
    draw_model(LENET5, ax, highlight=2)
    labels = drawn_labels(ax)
    assert labels["count-highlight"] == ["2,416"]
    assert labels["count"] == LENET5_COUNTS[:2] + LENET5_COUNTS[3:]
    with pytest.raises(ValueError, match="highlight is 8"):
        draw_model(LENET5, ax, highlight=8)


def test_an_lstm_shows_its_gates_and_its_loop(ax):
    draw_model("in 10x8 | lstm 5 | dense 1", ax, legend=True)
    labels = drawn_labels(ax)
    assert set(labels["group"]) == {"h(t−1)", "i", "f", "g", "o"}
    # 4·((8 + 5)·5 + 5) = 280; (5 + 1)·1 = 6
    assert labels["count"] == ["280", "6"]
    assert segments(ax, "loops-0") == 5  # each unit's output back to its state
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "loop: output read at the next step" in legend


def test_the_convention_changes_the_count_drawn(ax):
    draw_model("in 7x10 | rnn 32", ax)
    assert drawn_labels(ax)["count"] == ["1,376"]  # (10 + 32)·32 + 32
    draw_model("in 7x10 | rnn 32", ax, convention="pytorch")
    assert drawn_labels(ax)["count"][-1] == "1,408"  # and PyTorch's b_hh: + 32


def test_frozen_layers_say_so(ax):
    draw_model("in 4 | dense 3 frozen | dense 2", ax)
    labels = drawn_labels(ax)
    assert labels["count"] == ["15 frozen", "8"]  # (4 + 1)·3, (3 + 1)·2
    assert labels["title"] == ["in 4 | dense 3 frozen | dense 2: 23 parameters (8 trainable)"]


def test_draw_network_and_the_kept_figure_take_typed_nets():
    canvas = NetworkFigure()
    canvas.draw(SMALL_CNN)
    first = sorted(c.get_gid() for c in canvas.ax.collections)
    canvas.draw("5-8-4-3")
    canvas.draw(SMALL_CNN)
    assert sorted(c.get_gid() for c in canvas.ax.collections) == first
    assert drawn_labels(canvas.ax)["count"] == ["20", "0", "0", "27"]
    assert canvas.to_png()[:4] == b"\x89PNG"
    canvas.draw("in 7x10 | rnn 32", convention="pytorch", reveal=0)
    assert drawn_labels(canvas.ax)["count"] == ["?"]
    canvas.draw("in 7x10 | rnn 32", convention="pytorch")
    assert drawn_labels(canvas.ax)["count"] == ["1,408"]  # (10 + 32)·32 + 32 + 32
    with pytest.raises(ValueError, match="convention is 'tf'"):
        draw_network("5-8-4-3", canvas.ax, convention="tf")
    with pytest.raises(ValueError, match="nobias or frozen"):
        draw_network(SMALL_CNN, canvas.ax, bias=False)


def test_a_graph_is_drawn_as_it_is(ax):
    G = build_model_graph(LENET5, max_units=4)
    draw_model(G, ax)
    assert drawn_labels(ax)["count"] == LENET5_COUNTS
    # 6 channels drawn as 0, 1, ⋮ and 5; 16 as 0, 1, ⋮ and 15
    assert points(ax, "hidden-channel") == 3 + 3 + 3 + 3


def test_bad_requests_are_refused(ax):
    with pytest.raises(ValueError, match="more than 10,000 edges by layer 2"):
        draw_model("in 64x64x3 | conv 512 k=3 | conv 512 k=3", ax, max_units=None)
    with pytest.raises(TypeError, match="shapes"):
        draw_model(SMALL_CNN, ax, shapes="yes")
    with pytest.raises(TypeError, match="style"):
        draw_model(SMALL_CNN, ax, style="big")


@pytest.mark.parametrize("net, legend", [(MNIST_CONVNET, False), (LENET5, True),
                                         ("in 32x32x16 | sepconv 32 k=3 m=2 | deconv 8 k=2 s=2",
                                          False)])
def test_names_under_the_columns_do_not_overlap(ax, net, legend):
    from nnparams_edu._labels import text_width
    from nnparams_edu.style import CLASSROOM

    draw_model(net, ax, legend=legend)
    names = collection(ax, "labels-layer")
    xy = ax.transData.transform(names.get_offsets())
    scale = CLASSROOM.font * ax.figure.dpi / 72
    boxes = [(x - w / 2, x + w / 2, y) for (x, y), w in zip(
        xy, (text_width(t) * scale for t in names.texts))]
    for (left, right, y), (left2, right2, y2) in zip(boxes, boxes[1:]):
        assert right <= left2 or abs(y - y2) > scale  # side by side, or on another row
    assert boxes[0][0] >= ax.bbox.x0 - 1  # the first name is not cut off
    if legend:  # the legend stands right of the last column and its name
        nodes = [c for c in ax.collections if (c.get_gid() or "").startswith("nodes-")]
        right = max(ax.transData.transform(c.get_offsets())[:, 0].max() for c in nodes)
        left = ax.get_legend().get_window_extent().x0
        assert left > max(right, boxes[-1][1])


def test_a_deep_net_is_drawn_with_fewer_nodes_per_column(ax):
    from .test_model_graph import VGG16

    draw_model(VGG16, ax)
    lines = sum(segments(ax, c.get_gid()) for c in ax.collections
                if c.get_gid().split("-")[0] in ("weights", "biases", "flows"))
    assert 200 < lines <= 400  # DRAWN_EDGES; 10 nodes per column would need 1,759
    assert drawn_labels(ax)["title"][0].endswith(": 138,357,544 parameters")


def test_other_kinds_draw_their_own_symbols(ax):
    from .test_model_graph import TRANSFORMER_BLOCK

    draw_model(TRANSFORMER_BLOCK, ax)
    labels = drawn_labels(ax)
    assert labels["count"] == ["16,640", "128", "16,640", "0", "16,448", "128"]
    assert {"Q", "K", "V"} <= set(labels["group"])
    draw_model("in 8x8x3 | batchnorm", ax, legend=True)
    assert drawn_labels(ax)["statistic"] == ["μσ²"] and drawn_labels(ax)["count"] == ["12"]
    draw_model("in 20 tokens | embed 100 16 | dense 100 tied", ax, legend=True)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "tied: the embedding's weights again" in legend
    assert drawn_labels(ax)["count"] == ["1,600", "100"]


def test_a_long_title_names_the_net_by_its_shapes():
    from nnparams_edu import PRESENTATION

    wide = Figure(figsize=(12, 5)).add_subplot()
    draw_model("in 32 tokens | embed 5000 32 | gru 16 | dense 1", wide)
    assert drawn_labels(wide)["title"] == [
        "in 32 tokens | embed 5000 32 | gru 16 | dense 1: 162,417 parameters"]
    narrow = Figure(figsize=(6, 4)).add_subplot()  # 5000·32 + 3·((32 + 16)·16 + 16 + 16) + 17
    draw_model("in 32 tokens | embed 5000 32 | gru 16 | dense 1", narrow, style=PRESENTATION)
    assert drawn_labels(narrow)["title"] == ["32 tokens → 1 (3 layers): 162,417 parameters"]


def whole_edges(ax, gid):
    """Edges of one collection drawn with both ends (a piece of its path
    between NaN rows that has at least two points)."""
    path = collection(ax, gid).get_paths()[0].vertices
    pieces, run = 0, 0
    for x in path[:, 0]:
        if x != x:  # NaN: the end of one edge
            pieces, run = pieces + (run >= 2), 0
        else:
            run += 1
    return pieces + (run >= 2)


def test_every_edge_is_drawn_end_to_end_the_last_one_too(ax):
    # 32 channels shown as 5 + an ellipsis: 6 kernel edges from the one input
    # channel and 6 bias edges, each with both of its ends
    draw_model("in 28x28x1 | conv 32 k=3", ax, max_units=6)
    assert whole_edges(ax, "weights-0") == 6 and whole_edges(ax, "biases-0") == 6
    draw_model("in 10x8 | rnn 4", ax)  # a loop is drawn as an arc: still whole
    assert whole_edges(ax, "loops-0") == segments(ax, "loops-0") > 0
