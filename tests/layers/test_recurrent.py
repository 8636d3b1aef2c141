"""Recurrent layers: counts worked by hand, shapes, slips, text, and the
counts PyTorch and Keras report themselves over random configurations."""
import random
import re
import subprocess
import sys

import pytest

from nnparams_edu import format_model, parse_model
from nnparams_edu.layers import GRU, LSTM, Shape, ShapeError, SimpleRNN
from nnparams_edu.model import Model

from .frameworks import exec_code, keras_built_counts, our_counts, torch_numel

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
    assert names == ["recurrent weights forgotten"]
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


# -- the frameworks' own counts ------------------------------------------------

CONFIGS = 200  # per kind


def _configs(cls, seed):
    rng = random.Random(seed)
    for _ in range(CONFIGS):
        options = dict(units=rng.randint(1, 5), layers=rng.randint(1, 3), bi=rng.random() < 0.5,
                       seq=rng.random() < 0.3, bias=rng.random() < 0.7,
                       frozen=rng.random() < 0.15)
        if cls is GRU:
            options["reset_after"] = rng.random() < 0.5
        yield cls(**options), Shape((rng.randint(1, 4), rng.randint(1, 6)))


KINDS = [(SimpleRNN, "RNN", "SimpleRNN"), (LSTM, "LSTM", "LSTM"), (GRU, "GRU", "GRU")]


def _torch_trainable(module):
    return sum(p.numel() for p in module.parameters() if p.requires_grad)


@pytest.mark.parametrize("cls, torch_name, keras_name", KINDS)
def test_pytorch_counts(nn, cls, torch_name, keras_name):
    mismatches = []
    for layer, shape in _configs(cls, seed=1):
        module = getattr(nn, torch_name)(shape.features, layer.units, num_layers=layer.layers,
                                         bias=layer.bias, bidirectional=layer.bi,
                                         batch_first=True)
        if layer.frozen:
            module.requires_grad_(False)
        ours = our_counts(layer, shape, "pytorch")
        theirs = (torch_numel(module), _torch_trainable(module))
        code = exec_code(layer.torch_code(shape), nn=nn)
        from_code = (torch_numel(code), _torch_trainable(code))
        if not ours == theirs == from_code:
            mismatches.append((layer.to_text(), str(shape), ours, theirs, from_code))
    assert mismatches == []


def _keras_direct(keras, layer, shape):
    """Keras layers built straight from the options (Keras stacks by repeating)."""
    cls = getattr(keras.layers, {SimpleRNN: "SimpleRNN", LSTM: "LSTM", GRU: "GRU"}[type(layer)])
    out = []
    for i in range(layer.layers):
        options = dict(use_bias=layer.bias,
                       return_sequences=layer.seq or i < layer.layers - 1)
        if isinstance(layer, GRU):
            options["reset_after"] = layer.reset_after
        made = cls(layer.units, **options)
        if layer.bi:
            made = keras.layers.Bidirectional(made)
        made.trainable = not layer.frozen
        out.append(made)
    return out


@pytest.fixture
def one_thread(torch):
    """Keras builds its small weights twice as fast on one torch thread."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.mark.parametrize("cls, torch_name, keras_name", KINDS)
def test_keras_counts(keras, one_thread, cls, torch_name, keras_name):
    mismatches = []
    for layer, shape in _configs(cls, seed=2):
        ours = our_counts(layer, shape, "keras") + (layer.output_shape(shape).dims,)
        theirs = keras_built_counts(_keras_direct(keras, layer, shape), shape)
        from_code = keras_built_counts(exec_code(layer.keras_code(shape),
                                                   layers=keras.layers), shape)
        if not ours == theirs == from_code:
            mismatches.append((layer.to_text(), str(shape), ours, theirs, from_code))
    assert mismatches == []


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
