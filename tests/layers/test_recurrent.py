"""Recurrent layers: counts worked by hand, shapes, slips, text, the code text
for PyTorch and Keras and the graph a student draws; fast, without a framework
(the frameworks' own counts: test_recurrent_frameworks.py)."""
import random
import re
import subprocess
import sys

import pytest

from nnparams_edu import build_model_graph, format_model, parse_model
from nnparams_edu.layers import GRU, LSTM, Shape, ShapeError, SimpleRNN
from nnparams_edu.model import Model
from nnparams_edu.model_exercises import check_model_answer

SEQ = Shape((5, 10))  # 5 steps of 10 features


@pytest.mark.parametrize("layer, keras, pytorch", [
    # (10 + 32)·32 + 32 = 1,376; PyTorch adds b_hh: + 32 = 1,408 (the check)
    (SimpleRNN(32), 1376, 1408),
    # 4·1,376 = 5,504; PyTorch 4·1,408 = 5,632
    (LSTM(32), 5504, 5632),
    # reset_after: 3·(42·32 + 32 + 32) = 3·1,408 = 4,224 in both
    (GRU(32), 4224, 4224),
    # Keras without reset_after: 3·1,376 = 4,128; PyTorch's GRU always has two
    (GRU(32, reset_after=False), 4128, 4224),
    # no bias: 4·42·32 = 5,376 in both
    (LSTM(32, bias=False), 5376, 5376),
    # layer 1: 2·4·1,376 = 11,008; layer 2 reads 64: 2·4·(96·32 + 32) = 24,832
    # PyTorch: 2·4·1,408 = 11,264 and 2·4·(96·32 + 64) = 25,088
    (LSTM(32, layers=2, bi=True), 35840, 36352),
    # 3 stacked RNNs of 8: (10 + 8)·8 + 8 = 152, then 2·((8 + 8)·8 + 8) = 272
    # PyTorch: 160 + 2·144 = 448
    (SimpleRNN(8, layers=3), 424, 448),
    # bidirectional GRU of 4 without bias: 2·3·(10 + 4)·4 = 336
    (GRU(4, bi=True, bias=False), 336, 336),
])
def test_counts_worked_by_hand(layer, keras, pytorch):
    assert layer.count(SEQ, "keras") == keras
    assert layer.count(SEQ, "pytorch") == pytorch


@pytest.mark.parametrize("layer, convention, text", [
    (SimpleRNN(32), "keras", "(10 + 32) × 32 + 32 = 1,376"),
    (SimpleRNN(32), "pytorch", "(10 + 32) × 32 + 32 + 32 = 1,408"),
    (LSTM(32), "keras", "4 × ((10 + 32) × 32 + 32) = 5,504"),
    (LSTM(32), "pytorch", "4 × ((10 + 32) × 32 + 32 + 32) = 5,632"),
    (LSTM(32, bias=False), "pytorch", "4 × (10 + 32) × 32 = 5,376"),
    (SimpleRNN(8, layers=3), "keras", "(10 + 8) × 8 + 8 + 2 × ((8 + 8) × 8 + 8) = 424"),
    # 2·3·(14·4 + 8) = 384, layer 2 reads 2·4 = 8: 2·3·(12·4 + 8) = 336
    (GRU(4, bi=True, layers=2), "keras",
     "2 × 3 × ((10 + 4) × 4 + 4 + 4) + 2 × 3 × ((8 + 4) × 4 + 4 + 4) = 720"),
])
def test_formulas(layer, convention, text):
    assert layer.formula(SEQ, convention) == text


def test_parts_name_each_tensor_and_its_gate_copies():
    parts = LSTM(32, layers=3).parts(SEQ, "pytorch")
    assert [(p.name, p.role, p.count, p.formula) for p in parts] == [
        ("kernel (layer 1)", "weight", 1280, "4 × 10 × 32"),
        ("recurrent kernel (layer 1)", "weight", 4096, "4 × 32 × 32"),
        ("input bias (layer 1)", "bias", 128, "4 × 32"),
        ("recurrent bias (layer 1)", "bias", 128, "4 × 32"),
        ("kernel (layers 2-3)", "weight", 8192, "2 × 4 × 32 × 32"),
        ("recurrent kernel (layers 2-3)", "weight", 8192, "2 × 4 × 32 × 32"),
        ("input bias (layers 2-3)", "bias", 256, "2 × 4 × 32"),
        ("recurrent bias (layers 2-3)", "bias", 256, "2 × 4 × 32"),
    ]
    assert not any(p.trainable for p in LSTM(32, frozen=True).parts(SEQ))


@pytest.mark.parametrize("layer, out", [
    (LSTM(32), (32,)),
    (LSTM(32, seq=True), (5, 32)),
    (GRU(7, bi=True), (14,)),
    (SimpleRNN(3, bi=True, seq=True, layers=4), (5, 6)),
])
def test_output_shapes(layer, out):
    assert layer.output_shape(SEQ).dims == out


@pytest.mark.parametrize("text, error, message", [
    ("in 28x28x1 | lstm 32", ShapeError,
     "layer 1 (lstm 32) gets 28×28×1 from the input: lstm 32 needs a sequence (steps×features), "
     "got 28×28×1"),
    ("in 784 | rnn 8", ShapeError, "rnn 8 needs a sequence (steps×features), got 784"),
    ("in 20 tokens | gru 8", ShapeError,
     "gru 8 cannot read token ids (20 tokens); put an embedding first"),
    ("in 10x8 | lstm 4 | lstm 4", ShapeError, "layer 2 (lstm 4) gets 4 from layer 1"),
    ("in 10x8 | lstm 0", ValueError, "units of LSTM is 0; it must be from 1"),
    ("in 10x8 | gru 4 layers=0", ValueError, "layers (stacked) is 0; it must be from 1"),
    ("in 10x8 | rnn 4 bi=2", ValueError, "bi is '2'; it must be 0 or 1"),
    ("in 10x8 | lstm 4 reset_after", ValueError, "unknown option 'reset_after'"),
])
def test_refused_with_layer_shape_and_rule_named(text, error, message):
    with pytest.raises(error, match=re.escape(message)):
        parse_model(text)


def test_slips_worked_by_hand():
    # LSTM 32 on 10 features, Keras (right: 5,504)
    slips = {s.name: s.count for s in LSTM(32).slips(SEQ)}
    assert slips == {
        "LSTM counted with 3 gates": 4128,  # 3·1,376
        "LSTM counted with 1 gate": 1376,  # 1·1,376
        "two bias vectors where there is one": 5632,  # 4·(1,344 + 64)
        "recurrent weights h instead of h×h": 1536,  # 4·(320 + 32 + 32)
        "recurrent weights forgotten": 1408,  # 4·(320 + 32)
        "LSTM counted once per step": 5 * 5504,  # the 5 steps of the sequence
        "biases forgotten": 5376,  # 4·1,344
    }
    # GRU 32, Keras reset_after (right: 4,224): 4 gates 4·1,408; one bias 3·1,376
    slips = {s.name: s.count for s in GRU(32).slips(SEQ)}
    assert slips["GRU counted with 4 gates"] == 5632
    assert slips["one bias vector where there are two"] == 4128
    # PyTorch RNN 32 (right: 1,408): one bias vector 1,376
    slips = {s.name: s.count for s in SimpleRNN(32).slips(SEQ, "pytorch")}
    assert slips["one bias vector where there are two"] == 1376
    # bidirectional LSTM of 32, 2 layers, Keras (right: 35,840), layer 2 reads 64:
    # forward half only: 4·1,376 + 4·(96·32 + 32) = 5,504 + 12,416 = 17,920
    # 3 gates: 2·3·1,376 + 2·3·3,104 = 26,880
    slips = {s.name: s.count for s in LSTM(32, layers=2, bi=True).slips(SEQ)}
    assert slips["one direction only"] == 17920
    assert slips["LSTM counted with 3 gates"] == 26880


def test_only_slips_that_change_the_count_and_hints_that_do_not_tell_it():
    # one unit: h = h×h, so that slip gives the right count and is left out
    shape = Shape((3, 2))
    names = [s.name for s in SimpleRNN(1, bias=False).slips(shape)]
    assert names == ["recurrent weights forgotten", "simple RNN counted once per step"]
    for layer in (LSTM(32, bi=True), GRU(32, reset_after=False), SimpleRNN(5, layers=2)):
        for convention in ("keras", "pytorch"):
            right = layer.count(SEQ, convention)
            for slip in layer.slips(SEQ, convention):
                assert slip.count != right
                assert str(right) not in slip.hint and f"{right:,}" not in slip.hint


def _random_layer(rng):
    cls = rng.choice([SimpleRNN, LSTM, GRU])
    options = dict(units=rng.randint(1, 6), layers=rng.randint(1, 3), bi=rng.random() < 0.5,
                   seq=rng.random() < 0.5, bias=rng.random() < 0.7, frozen=rng.random() < 0.2)
    if cls is GRU:
        options["reset_after"] = rng.random() < 0.5
    return cls(**options)


def test_text_round_trip_over_random_configurations():
    rng = random.Random(15)
    for _ in range(300):
        layers = (_random_layer(rng),)
        while layers[-1].seq and len(layers) < 3 and rng.random() < 0.7:
            layers += (_random_layer(rng),)
        m = Model(Shape((rng.randint(1, 9), rng.randint(1, 9))), layers)
        text = format_model(m)
        assert parse_model(text) == m, text
        assert parse_model(text.upper()) == m


def test_counting_imports_no_framework():
    code = ("import sys, nnparams_edu as p; "
            "m = p.parse_model('in 9 tokens | embed 50 8 | lstm 4 bi seq | gru 3 | dense 2'); "
            "p.model_breakdown(m).other().to_text(); "
            "[(l.torch_code(s), l.keras_code(s)) for l, s in zip(m.layers[:3], m.shapes)]; "
            "print(sorted({'torch', 'keras'} & set(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def test_a_gru_counted_as_one_copy():
    # GRU 32 on 16 features, Keras reset_after: 3 × ((16 + 32) × 32 + 2 × 32) = 3 × 1,600;
    # one copy only: 1,600
    slips = {s.name: s.count for s in GRU(32).slips(Shape((10, 16)))}
    assert GRU(32).count(Shape((10, 16))) == 4800 and slips["GRU counted with 1 gate"] == 1600


# -- the code text for the frameworks (written from their signatures, no import) --------
# nn.RNN / nn.LSTM / nn.GRU(input_size, hidden_size, num_layers=1, bias=True,
# batch_first=False, bidirectional=False): our shapes are batch first, so that is always set.

@pytest.mark.parametrize("layer, shape, code", [
    (SimpleRNN(32), SEQ, "nn.RNN(10, 32, batch_first=True)"),
    (LSTM(20, seq=True), Shape((7, 3)), "nn.LSTM(3, 20, batch_first=True)"),
    (GRU(8, layers=2), SEQ, "nn.GRU(10, 8, num_layers=2, batch_first=True)"),
    (GRU(8, reset_after=False), SEQ, "nn.GRU(10, 8, batch_first=True)"),
    (LSTM(4, bi=True), SEQ, "nn.LSTM(10, 4, bidirectional=True, batch_first=True)"),
    (LSTM(20, layers=3, bias=False, bi=True, frozen=True), SEQ,
     "nn.LSTM(10, 20, num_layers=3, bias=False, bidirectional=True, batch_first=True)"
     ".requires_grad_(False)"),
])
def test_torch_code(layer, shape, code):
    assert layer.torch_code(shape) == code


# layers.SimpleRNN / LSTM / GRU(units, use_bias=True, return_sequences=False,
# reset_after=True (GRU)); Keras has no num_layers: a stack is a list of layers,
# all but the last returning sequences; Bidirectional wraps each layer.
@pytest.mark.parametrize("layer, code", [
    (SimpleRNN(32), "layers.SimpleRNN(32)"),
    (LSTM(20, seq=True), "layers.LSTM(20, return_sequences=True)"),
    (GRU(8, reset_after=False, bias=False, frozen=True),
     "layers.GRU(8, reset_after=False, use_bias=False, trainable=False)"),
    (GRU(8, bi=True, seq=True), "layers.Bidirectional(layers.GRU(8, return_sequences=True))"),
    (LSTM(4, layers=2), "[layers.LSTM(4, return_sequences=True), layers.LSTM(4)]"),
    (LSTM(4, layers=2, seq=True),
     "[layers.LSTM(4, return_sequences=True), layers.LSTM(4, return_sequences=True)]"),
    (SimpleRNN(5, layers=3),
     "[layers.SimpleRNN(5, return_sequences=True) for _ in range(2)] + [layers.SimpleRNN(5)]"),
    (SimpleRNN(5, layers=3, seq=True),
     "[layers.SimpleRNN(5, return_sequences=True) for _ in range(3)]"),
    (GRU(3, layers=2, bi=True, frozen=True),
     "[layers.Bidirectional(layers.GRU(3, return_sequences=True, trainable=False)), "
     "layers.Bidirectional(layers.GRU(3, trainable=False))]"),
])
def test_keras_code(layer, code):
    assert layer.keras_code(SEQ) == code


def test_a_gru_counted_as_an_lstm():
    # lesson 7, exercise 3: in 100 tokens | embed 10000 16 | gru 32 | dense 1 (Keras).
    # GRU, reset_after: 3 × ((16 + 32) × 32 + 32 + 32) = 3 × 1,600 = 4,800; as an LSTM,
    # four copies with one bias vector: 4 × ((16 + 32) × 32 + 32) = 4 × 1,568 = 6,272;
    # the whole net then 160,000 + 6,272 + 33 = 166,305 (right: 164,833)
    words = Shape((100, 16))
    slips = {s.name: s.count for s in GRU(32).slips(words)}
    assert slips["GRU counted as an LSTM"] == 6272
    feedback = check_model_answer("in 100 tokens | embed 10000 16 | gru 32 | dense 1", "166,305")
    assert feedback.slips == ("GRU counted as an LSTM",)
    # where a GRU has one bias vector per copy as an LSTM has (Keras without reset_after)
    # or two as an LSTM has (PyTorch), an LSTM's count is the 4-gate slip: not listed twice
    for layer, convention in ((GRU(32, reset_after=False), "keras"), (GRU(32), "pytorch"),
                              (GRU(32, bias=False), "keras")):
        names = [s.name for s in layer.slips(words, convention)]
        assert "GRU counted with 4 gates" in names and "GRU counted as an LSTM" not in names


def test_the_bias_hints_name_each_frameworks_reason():
    one = "one bias vector where there are two"
    hints = {(type(layer).__name__, convention): s.hint for layer in (GRU(32), SimpleRNN(32))
             for convention in ("keras", "pytorch")
             for s in layer.slips(SEQ, convention) if s.name == one}
    assert hints == {
        ("GRU", "keras"): "with reset_after, the recurrent part of each gate copy has a bias "
                          "of its own",
        ("GRU", "pytorch"): "PyTorch keeps two bias vectors per gate copy (b_ih and b_hh)",
        ("SimpleRNN", "pytorch"): "PyTorch keeps two bias vectors per gate copy (b_ih and b_hh)",
    }


# -- the graph a student draws ---------------------------------------------------------

def _columns(G):
    return [(c["label"], str(c["shape"])) for c in G.graph["columns"]]


def _edges(G, kind):
    return {(u, v) for u, v, k in G.edges(data="kind") if k == kind}


def test_a_bidirectional_lstm_sends_each_direction_to_its_half():
    G = build_model_graph("in 6x3 | lstm 3 bi")
    # 2 directions × 4 gate copies × 3 units = 24 gate nodes, then 2 × 3 outputs
    assert _columns(G) == [("input", "6×3"), ("gates", "24"), ("lstm 3 bi", "6")]
    # the forward copies (→) make outputs 0-2, the backward ones (←) outputs 3-5
    assert _edges(G, "flow") == {((1, gate + arrow, k), (2, k + half))
                                 for gate in "ifgo" for arrow, half in (("→", 0), ("←", 3))
                                 for k in range(3)}
    # outputs 0-2 loop back to the forward state h(t−1), 3-5 to the backward one h(t+1)
    assert _edges(G, "loop") == {((2, k + half), (0, state, k)) for k in range(3)
                                 for state, half in (("h(t−1)", 0), ("h(t+1)", 3))}


def test_a_bidirectional_rnn_has_two_direction_copies():
    G = build_model_graph("in 6x3 | rnn 2 bi")
    assert _columns(G) == [("input", "6×3"), ("directions", "4"), ("rnn 2 bi", "4")]
    assert _edges(G, "flow") == {((1, "→", 0), (2, 0)), ((1, "→", 1), (2, 1)),
                                 ((1, "←", 0), (2, 2)), ((1, "←", 1), (2, 3))}
    # one direction: the units are the output, looping back to h(t−1)
    G = build_model_graph("in 6x3 | rnn 2")
    assert _columns(G) == [("input", "6×3"), ("rnn 2", "2")]
    assert _edges(G, "loop") == {((1, 0), (0, "h(t−1)", 0)), ((1, 1), (0, "h(t−1)", 1))}


def test_stacked_layers_are_columns_of_their_own():
    # layer 1 returns its 6 steps of 5 features to layer 2; 4 gate copies of 5 units each
    G = build_model_graph("in 6x3 | lstm 5 layers=2", max_units=8)
    assert _columns(G) == [("input", "6×3"), ("gates", "20"), ("lstm layer 1", "6×5"),
                           ("gates", "20"), ("lstm 5 layers=2", "5")]
    # each state h(t−1) shares its column with what the layer reads: half of 8 nodes,
    # 4 for 5 units (the first two, an ellipsis for 2-3, the last)
    for column in (0, 2):
        state = sorted(str(n[-1]) for n, group in G.nodes(data="group") if n[0] == column
                       and group == "h(t−1)")
        assert state == ["...", "0", "1", "4"]
