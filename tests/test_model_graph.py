"""The graph of a typed net, checked against counts worked by hand and
against brute force over every pair of features (never against the closed
forms of the layer modules alone)."""
import random

import pytest

from nnparams_edu import build_model_graph, count_parameters
from nnparams_edu.model_graph import graph_edges_of_model, layer_totals

from .test_limits import probe

SMALL_CNN = "in 6x6x1 | conv 2 k=3 | maxpool 2 | flatten | dense 3"
LENET5 = ("in 32x32x1 | conv 6 k=5 | avgpool 2 | conv 16 k=5 | avgpool 2 | flatten | "
          "dense 120 | dense 84 | dense 10")
MNIST_CONVNET = ("in 28x28x1 | conv 32 k=3 | relu | maxpool 2 | conv 64 k=3 | relu | "
                 "maxpool 2 | flatten | dropout 0.5 | dense 10 | softmax")


def edges_of(G, kind, layer):
    return {(u, v): d["params"] for u, v, d in G.edges(data=True)
            if d["kind"] == kind and d["layer"] == layer}


def test_a_small_cnn_as_a_student_draws_it():
    G = build_model_graph(SMALL_CNN)
    # conv: 6×6×1 -> 4×4×2, one 3×3 kernel from the one input channel to each
    # output channel (9 + 9 = 18) and one bias each (2): 20
    assert edges_of(G, "weight", 1) == {((0, 0), (1, 0)): 9, ((0, 0), (1, 1)): 9}
    assert edges_of(G, "bias", 1) == {((0, "+1"), (1, 0)): 1, ((0, "+1"), (1, 1)): 1}
    # maxpool 4×4×2 -> 2×2×2: each channel passes on, no parameter
    assert edges_of(G, "flow", 2) == {((1, 0), (2, 0)): 0, ((1, 1), (2, 1)): 0}
    # flatten 2×2×2 -> 8, channels last: entries 0, 2, 4, 6 from channel 0
    assert sorted(v[1] for (u, v) in edges_of(G, "flow", 3) if u == (2, 0)) == [0, 2, 4, 6]
    # dense 8 -> 3: 8 × 3 = 24 weights and 3 biases: 27
    assert len(edges_of(G, "weight", 4)) == 24 and set(edges_of(G, "weight", 4).values()) == {1}
    assert layer_totals(G) == [20, 0, 0, 27]
    assert count_parameters(G) == 47
    # nodes: 1 + 2 + 2 + 8 + 3 channels and units, "+1" under conv and dense
    assert G.number_of_nodes() == 18
    assert [c["label"] for c in G.graph["columns"]] == [
        "input", "conv 2 k=3", "maxpool 2", "flatten", "dense 3"]
    assert [str(c["shape"]) for c in G.graph["columns"]] == [
        "6×6×1", "4×4×2", "2×2×2", "8", "3"]
    assert G.nodes[(1, 0)]["values"] == 16  # one channel of a 4×4 map


@pytest.mark.parametrize("max_units", [None, 3, 5, 12])
def test_lenet5_reads_61706_off_its_graph(max_units):
    G = build_model_graph(LENET5, max_units=max_units)
    # (5·5·1 + 1)·6, pool, (5·5·6 + 1)·16, pool, flatten 5·5·16 = 400,
    # (400 + 1)·120, (120 + 1)·84, (84 + 1)·10
    assert layer_totals(G) == [156, 0, 2416, 0, 0, 48120, 10164, 850]
    assert count_parameters(G) == 61706
    assert str(G.graph["columns"][5]["shape"]) == "400"


@pytest.mark.parametrize("max_units", [None, 4, 10])
def test_the_keras_mnist_convnet_reads_34826_off_its_graph(max_units):
    G = build_model_graph(MNIST_CONVNET, max_units=max_units)
    # (3·3·1 + 1)·32 = 320, (3·3·32 + 1)·64 = 18,496, flatten 5·5·64 = 1,600,
    # (1,600 + 1)·10 = 16,010
    assert layer_totals(G) == [320, 0, 0, 18496, 0, 0, 0, 0, 16010, 0]
    assert count_parameters(G) == 34826


def test_truncation_keeps_a_handful_of_nodes_per_column():
    G = build_model_graph(MNIST_CONVNET, max_units=4)
    assert max(sum(1 for _, c in G.nodes(data="column") if c == col)
               for col in range(len(G.graph["columns"]))) <= 5  # 4 nodes and a "+1"
    # 32 channels drawn as channels 0, 1, an ellipsis for channels 2-30, and 31
    assert [n[1] for n in G if n[0] == 1 and n[1] != "+1"] == [0, 1, "...", 31]
    assert G.nodes[(1, "...")]["units"] == 29
    assert G.edges[(0, 0), (1, "...")]["params"] == 3 * 3 * 29


def test_groups_reach_only_their_own_channels():
    G = build_model_graph("in 8x8x4 | conv 4 k=3 g=2")
    # 2 groups: input channels 0-1 feed outputs 0-1, inputs 2-3 feed outputs 2-3
    assert set(edges_of(G, "weight", 1)) == {((0, i), (1, j)) for i in range(4)
                                             for j in range(4) if i // 2 == j // 2}
    assert count_parameters(G) == 3 * 3 * 2 * 4 + 4  # 76


def pairs_by_brute_force(lo, hi, lo2, hi2, a, b):
    return sum(1 for i in range(lo, hi) for j in range(lo2, hi2) if i // a == j // b)


@pytest.mark.parametrize("seed", range(40))
def test_each_truncated_edge_carries_exactly_the_pairs_it_hides(seed):
    rng = random.Random(seed)
    groups = rng.choice([1, 2, 3, 4, 6])
    c_in, c_out = groups * rng.randint(1, 6), groups * rng.randint(1, 6)
    k = rng.choice([1, 2, 3])
    G = build_model_graph(f"in 9x9x{c_in} | conv {c_out} k={k} g={groups}",
                          max_units=rng.choice([3, 4, 5, 7]))
    spans = {}
    for column in (0, 1):  # each node's features, counted along the column
        start = 0
        for node in [n for n in G if n[0] == column and n[-1] != "+1"]:
            units = G.nodes[node]["units"]
            spans[node] = (start, start + units)
            start += units
    a, b = c_in // groups, c_out // groups
    for (u, v), params in edges_of(G, "weight", 1).items():
        assert params == k * k * pairs_by_brute_force(*spans[u], *spans[v], a, b) > 0
    shown_pairs = sum(pairs_by_brute_force(*spans[u], *spans[v], a, b) > 0
                      for u in spans if u[0] == 0 for v in spans if v[0] == 1)
    assert shown_pairs == len(edges_of(G, "weight", 1))  # no pair left out
    assert count_parameters(G) == k * k * a * c_out + c_out


def test_depthwise_and_separable():
    G = build_model_graph("in 8x8x3 | dwconv k=3 m=2")
    # each channel c feeds its own outputs 2c and 2c + 1: 3·3·3·2 + 6 = 60
    assert set(edges_of(G, "weight", 1)) == {((0, c), (1, 2 * c + j)) for c in range(3)
                                             for j in range(2)}
    assert count_parameters(G) == 60
    G = build_model_graph("in 8x8x3 | sepconv 4 k=3")
    # depthwise 3·3·3 = 27 (no bias), then pointwise 3·4 = 12 and 4 biases: 43
    assert [c["label"] for c in G.graph["columns"]] == ["input", "depthwise", "sepconv 4 k=3"]
    assert sum(edges_of(G, "weight", 1).values()) == 27 + 12
    assert count_parameters(G) == 43


def test_flatten_follows_each_frameworks_order():
    keras = build_model_graph("in 2x2x2 | flatten")
    torch = build_model_graph("in 2x2x2 | flatten", convention="pytorch")
    # channels last: entry 1 is channel 1 at (0, 0); channels first: channel 0 at (0, 1)
    assert keras.has_edge((0, 1), (1, 1)) and torch.has_edge((0, 0), (1, 1))
    assert keras.number_of_edges() == torch.number_of_edges() == 8


def test_an_lstm_is_four_gate_copies_with_its_loop_beside_its_inputs():
    for convention, biases in (("keras", 1), ("pytorch", 2)):
        G = build_model_graph("in 10x8 | lstm 5", convention=convention)
        gates = {G.nodes[v]["group"] for (u, v) in edges_of(G, "weight", 1)}
        assert gates == {"i", "f", "g", "o"}
        state = [n for n, g in G.nodes(data="group") if g == "h(t−1)"]
        assert len(state) == 5 and all(n[0] == 0 for n in state)  # beside the inputs
        loop = [(u, v) for u, v, d in G.edges(data=True) if d["kind"] == "loop"]
        assert sorted(v for _, v in loop) == sorted(state)
        weights = edges_of(G, "weight", 1)
        assert sum(p for (u, _), p in weights.items() if u in state) == 4 * 5 * 5  # h×h
        assert sum(p for (u, _), p in weights.items() if u not in state) == 4 * 8 * 5  # n×h
        assert set(edges_of(G, "bias", 1).values()) == {biases}
        # 4·((8 + 5)·5 + 5) = 280, PyTorch's second bias vector: + 4·5 = 300
        assert count_parameters(G) == {1: 280, 2: 300}[biases]


@pytest.mark.parametrize("text, keras, pytorch", [
    ("in 7x10 | rnn 32", 1376, 1408),  # (10 + 32)·32 + 32, and + 32 under PyTorch
    ("in 7x8 | gru 5", 225, 225),  # 3·((8 + 5)·5 + 5 + 5): reset_after's two biases
    ("in 7x8 | gru 5 reset_after=0", 210, 225),  # 3·((8 + 5)·5 + 5)
    # 2·4·((3 + 2)·2 + 2) + 2·4·((4 + 2)·2 + 2) = 96 + 112, PyTorch + 16 + 16
    ("in 10x3 | lstm 2 layers=2 bi", 208, 240),
])
def test_recurrent_graphs_count_as_worked_by_hand(text, keras, pytorch):
    for max_units in (None, 3):
        assert count_parameters(build_model_graph(text, max_units=max_units)) == keras
        assert count_parameters(build_model_graph(text, max_units=max_units,
                                                  convention="pytorch")) == pytorch


@pytest.mark.parametrize("max_units", [None, 3, 8])
def test_the_size_is_known_before_building(max_units):
    for text in (SMALL_CNN, LENET5, "in 10x3 | lstm 4 layers=2 bi seq | gru 3"):
        try:
            G = build_model_graph(text, max_units=max_units)
        except ValueError:
            continue
        assert G.number_of_edges() == graph_edges_of_model(text, max_units=max_units)


def test_a_too_big_graph_is_refused_with_advice():
    with pytest.raises(ValueError, match="pass max_units"):
        build_model_graph("in 224x224x3 | conv 512 k=3 | conv 512 k=3")
    with pytest.raises(ValueError, match="convention is 'torch'"):
        build_model_graph(SMALL_CNN, convention="torch")
    with pytest.raises(ValueError, match="max_units is 2"):
        build_model_graph(SMALL_CNN, max_units=2)


VGG16 = ("in 224x224x3 | [conv 64 k=3 p=same] x2 | maxpool 2 | [conv 128 k=3 p=same] x2 | "
         "maxpool 2 | [conv 256 k=3 p=same] x3 | maxpool 2 | [conv 512 k=3 p=same] x3 | "
         "maxpool 2 | [conv 512 k=3 p=same] x3 | maxpool 2 | flatten | dense 4096 | "
         "dense 4096 | dense 1000")


def test_vgg16_is_refused_whole_at_once_and_built_truncated_in_little_memory():
    setup = f"from nnparams_edu import build_model_graph\ntext = {VGG16!r}"
    refused = probe("build_model_graph(text)", setup)
    assert refused["outcome"].startswith("ValueError") and "max_units" in refused["outcome"]
    assert refused["seconds"] < 1 and refused["peak"] < 20 * 2**20
    built = probe("G = build_model_graph(text, max_units=8)\n"
                  "    assert count_parameters(G) == 138_357_544, count_parameters(G)", setup)
    assert built["outcome"] == "ok"
    assert built["seconds"] < 2 and built["peak"] < 20 * 2**20


TRANSFORMER_BLOCK = ("in 10x64 | attention 4 | layernorm | dense 256 | gelu | dense 64 | "
                     "layernorm")


def test_an_embedding_is_a_dense_layer_from_a_one_hot_vocabulary():
    G = build_model_graph("in 20 tokens | embed 1000 64")
    assert G.number_of_nodes() == 1 + 1000 + 64  # the token ids, one-hot, the table's units
    assert G.nodes[(0, 0)]["values"] == 20  # one node for the 20 token ids
    assert [c["label"] for c in G.graph["columns"]] == ["input", "one-hot", "embed 1000 64"]
    weights = edges_of(G, "weight", 1)
    assert len(weights) == 1000 * 64 and set(weights.values()) == {1}
    assert not edges_of(G, "bias", 1)  # no bias: 1,000 × 64 = 64,000
    flows = edges_of(G, "flow", 1)  # a token id may light any of the 1,000 words
    assert set(flows) == {((0, 0), (1, w)) for w in range(1000)} and set(flows.values()) == {0}
    assert count_parameters(G) == 64_000


def test_a_tied_output_layer_adds_only_its_biases():
    G = build_model_graph("in 20 tokens | embed 100 16 | dense 100 tied", max_units=6)
    tied = edges_of(G, "tied", 2)
    assert len(tied) == 6 * 6 and set(tied.values()) == {0}  # the table, counted once
    # 100 × 16 = 1,600 with the embedding, and the output layer's 100 biases
    assert layer_totals(G) == [1600, 100]


def test_attention_is_its_four_projections():
    G = build_model_graph("in 10x16 | attention 4")
    weights = edges_of(G, "weight", 1)
    by_group = {}
    for (u, v), params in weights.items():
        group = G.nodes[v]["group"] or "output"
        by_group[group] = by_group.get(group, 0) + params
    assert by_group == {"Q": 256, "K": 256, "V": 256, "output": 256}  # 16 × 16 each
    assert sum(edges_of(G, "bias", 1).values()) == 4 * 16
    # each head joins only its own 4 query, key and value features
    heads = [(u, v) for (u, v) in edges_of(G, "flow", 1) if G.nodes[u]["group"] == "Q"]
    assert len(heads) == 16 * 4 and all(u[-1] // 4 == v[-1] // 4 for u, v in heads)
    assert count_parameters(G) == 4 * (16 * 16 + 16)  # 1,088


def test_attention_with_head_sizes_and_inputs_of_its_own():
    G = build_model_graph("in 10x16 | attention 4 head_dim=3 value_dim=5 kdim=7 vdim=6 nobias")
    groups = [g for _, g in G.nodes(data="group") if g]
    assert groups.count("key input") == 7 and groups.count("value input") == 6
    assert groups.count("Q") == groups.count("K") == 4 * 3 and groups.count("V") == 4 * 5
    # 16·12 + 7·12 + 6·20 + 20·16 = 192 + 84 + 120 + 320
    assert count_parameters(G) == 716


def test_a_norm_is_a_scale_and_a_shift_per_feature():
    G = build_model_graph("in 10x16 | layernorm")
    assert edges_of(G, "weight", 1) == {((0, i), (1, i)): 1 for i in range(16)}  # γ
    assert set(edges_of(G, "bias", 1).values()) == {1} and len(edges_of(G, "bias", 1)) == 16
    assert count_parameters(G) == 32
    keras = build_model_graph("in 8x8x3 | batchnorm")
    torch = build_model_graph("in 8x8x3 | batchnorm", convention="pytorch")
    # γ and β per channel: 6; Keras adds the moving mean and variance: 2 per channel
    assert edges_of(keras, "statistic", 1) == {((0, "statistic"), (1, c)): 2 for c in range(3)}
    assert count_parameters(keras) == 12 and count_parameters(torch) == 6
    assert sum(d["params"] for *_, d in keras.edges(data=True) if d["trainable"]) == 6
    assert not edges_of(torch, "statistic", 1)


@pytest.mark.parametrize("max_units", [None, 5])
def test_a_transformer_block_worked_by_hand(max_units):
    G = build_model_graph(TRANSFORMER_BLOCK, max_units=max_units)
    # 4·(64·64 + 64), 2·64, (64 + 1)·256, 0, (256 + 1)·64, 2·64
    assert layer_totals(G) == [16640, 128, 16640, 0, 16448, 128]
    assert count_parameters(G) == 49_984


def test_a_hundred_million_wide_table_is_a_handful_of_nodes():
    # 10^8 words × 10^8 dimensions = 10^16 weights, read off 8 × 8 edges
    setup = "from nnparams_edu import build_model_graph"
    text = "in 10 tokens | embed 100000000 100000000"
    refused = probe(f"build_model_graph({text!r})", setup)
    assert refused["outcome"].startswith("ValueError") and "max_units" in refused["outcome"]
    assert refused["seconds"] < 0.5 and refused["peak"] < 5 * 2**20
    built = probe(f"G = build_model_graph({text!r}, max_units=8)\n"
                  "    assert count_parameters(G) == 10**16, count_parameters(G)\n"
                  "    assert G.number_of_edges() == 8 + 8 * 8, G.number_of_edges()", setup)
    assert built["outcome"] == "ok" and built["peak"] < 5 * 2**20


def test_a_new_kind_draws_its_own_part_and_is_held_to_its_count():
    from dataclasses import dataclass

    from nnparams_edu import Model
    from nnparams_edu.layers.base import Layer, Part, Shape

    @dataclass(frozen=True)
    class Scale(Layer):  # one weight per feature, like a norm without shift
        kind = "scale"

        def parts(self, shape, convention="keras"):
            return (Part("scale", "weight", shape.features, str(shape.features)),)

    model = Model(Shape((4,)), (Scale(),))
    with pytest.raises(NotImplementedError, match="scale has parameters but no graph_part"):
        build_model_graph(model)

    @dataclass(frozen=True)
    class Drawn(Scale):
        def graph_part(self, pen, source, shape_in, shape_out):
            target = pen.column(shape_out, self.to_text())
            pen.grouped(source, target, shape_in.features)  # feature i to feature i
            return target

    assert count_parameters(build_model_graph(Model(Shape((4,)), (Drawn(),)))) == 4

    @dataclass(frozen=True)
    class Forgetful(Scale):
        def graph_part(self, pen, source, shape_in, shape_out):
            target = pen.column(shape_out, self.to_text())
            pen.flow(source, target)  # draws no weight
            return target

    with pytest.raises(RuntimeError, match="carries 0 parameters, its count is 4"):
        build_model_graph(Model(Shape((4,)), (Forgetful(),)))
