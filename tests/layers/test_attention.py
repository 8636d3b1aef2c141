"""Multi-head attention: counts worked by hand, shape errors, the text form and
the graph's columns; fast, without a framework (the frameworks' own counts:
test_attention_frameworks.py)."""
import random
import subprocess
import sys

import pytest

from nnparams_edu import build_model_graph
from nnparams_edu.layers import Attention, Shape, ShapeError
from nnparams_edu.model import Model
from nnparams_edu.model_count import model_breakdown
from nnparams_edu.model_text import format_model, parse_model

CONFIGS = 200


def random_attention(rng, torch_only=False):
    """A small random attention layer and the sequence it reads."""
    heads = rng.randint(1, 4)
    head_dim = value_dim = None
    if torch_only:
        e = heads * rng.randint(1, 4)
    else:
        e = rng.randint(1, 9)
        if e % heads or rng.random() < 0.5:
            head_dim = rng.randint(1, 5)
        value_dim = rng.choice([None, rng.randint(1, 5)])
    layer = Attention(heads, head_dim=head_dim, value_dim=value_dim,
                      kdim=rng.choice([None, rng.randint(1, 6)]),
                      vdim=rng.choice([None, rng.randint(1, 6)]),
                      bias=rng.random() < 0.7, frozen=rng.random() < 0.2)
    return layer, Shape((rng.randint(1, 5), e))


# -- worked by hand ------------------------------------------------------

def test_transformer_base_worked_by_hand():
    # E = 512, 8 heads of 64: each projection 512·512 + 512 = 262,656; four of them 1,050,624
    layer, seq = Attention(8), Shape((10, 512))
    assert layer.count(seq) == 1_050_624
    assert layer.count(seq, "pytorch") == 1_050_624
    assert layer.formula(seq) == "4 × (512 × 512 + 512) = 1,050,624"
    assert layer.output_shape(seq) == seq
    # weights 4 · 262,144 = 1,048,576; biases 4 · 512 = 2,048
    row, = model_breakdown(Model(seq, (layer,))).rows
    assert (row.weights, row.biases, row.statistics, row.trainable) == (1_048_576, 2_048, 0,
                                                                       1_050_624)


def test_own_sizes_worked_by_hand():
    # E = 6, 2 heads, d = 4, dv = 3, keys of 5 features, values of 7:
    # query 6·8 + 8 = 56; key 5·8 + 8 = 48; value 7·6 + 6 = 48; output 6·6 + 6 = 42 -> 194
    layer = Attention(2, head_dim=4, value_dim=3, kdim=5, vdim=7)
    seq = Shape((3, 6))
    assert [(p.name, p.count) for p in layer.parts(seq)] == [
        ("query kernel", 48), ("query bias", 8), ("key kernel", 40), ("key bias", 8),
        ("value kernel", 42), ("value bias", 6), ("output kernel", 36), ("output bias", 6)]
    assert layer.formula(seq) == "(6 × 8 + 8) + (5 × 8 + 8) + (7 × 6 + 6) + (6 × 6 + 6) = 194"
    # without biases: 48 + 40 + 42 + 36 = 166
    assert Attention(2, head_dim=4, value_dim=3, kdim=5, vdim=7, bias=False).formula(seq) == \
        "6 × 8 + 5 × 8 + 7 × 6 + 6 × 6 = 166"


def test_frozen_attention_is_not_trained():
    b = model_breakdown("in 10x64 | attention 8 frozen")
    # 4 · (64·64 + 64) = 16,640, none trained
    assert (b.total, b.trainable, b.non_trainable) == (16_640, 0, 16_640)


def test_slips_worked_by_hand():
    # E = 64, 8 heads: right 16,640; per head 8 · 16,640 = 133,120; no output projection
    # 3 · 4,160 = 12,480; no biases 4 · 4,096 = 16,384; Q, K, V weights 3 · 4,096 = 12,288
    slips = {s.name: s.count for s in Attention(8).slips(Shape((10, 64)))}
    assert slips == {"attention multiplied by the number of heads": 133_120,
                     "output projection forgotten": 12_480, "biases forgotten": 16_384,
                     "only the query, key and value weights": 12_288}
    # one head, no biases: the per-head slip gives the right count, and Q, K, V weights
    # (3 · 16) are the same slip as a forgotten output projection
    slips = {s.name: s.count for s in Attention(1, bias=False).slips(Shape((2, 4)))}
    assert slips == {"output projection forgotten": 48}


def test_slip_hints_never_name_the_count():
    rng = random.Random(7)
    for _ in range(CONFIGS):
        layer, seq = random_attention(rng)
        right = layer.count(seq)
        for slip in layer.slips(seq):
            assert slip.count != right
            assert f"{right:,}" not in slip.hint and str(right) not in slip.hint


GPT3_LIKE = ("in 2048x12288 | [attention 96 | layernorm | dense 49152 | gelu | dense 12288"
             " | layernorm] x96")


def test_gpt3_like_model_worked_by_hand():
    # per block, E = 12,288: attention 4 · (12,288² + 12,288) = 604,028,928;
    # dense (12,288 + 1) · 49,152 = 604,028,928; dense (49,152 + 1) · 12,288 = 603,992,064;
    # two layernorms 2 · 2 · 12,288 = 49,152 -> 1,812,099,072 per block; 96 blocks:
    # 173,961,510,912 (GPT-3's 175e9 adds its 50,257 × 12,288 token embedding, 617,558,016,
    # and positions)
    b = model_breakdown(GPT3_LIKE)
    assert b.total == 173_961_510_912
    assert b.trainable == b.total
    assert len(b.rows) == 6 * 96
    assert b.rows[0].formula == "4 × (12,288 × 12,288 + 12,288) = 604,028,928"
    # the token embedding as a dense layer without bias from a one-hot vocabulary:
    # 50,257 · 12,288 = 617,558,016 more -> 174,579,068,928
    embedded = model_breakdown(GPT3_LIKE.replace("in 2048x12288", "in 2048x50257 | "
                                                 "dense 12288 nobias"), convention="pytorch")
    assert embedded.total == 174_579_068_928


# -- errors --------------------------------------------------------------

def test_heads_must_divide_the_embedding():
    with pytest.raises(ShapeError, match=r"heads=6 must divide the embedding size E=512"):
        Attention(6).output_shape(Shape((10, 512)))
    with pytest.raises(ShapeError, match=r"layer 1 \(attention 6\) gets 10×512"):
        parse_model("in 10x512 | attention 6")
    # a head size of its own lifts the rule: 6·64 = 384 per projection
    assert Attention(6, head_dim=64).output_shape(Shape((10, 512))) == Shape((10, 512))


@pytest.mark.parametrize("dims, tokens", [((28, 28, 1), False), ((512,), False),
                                          ((10,), True)])
def test_attention_needs_a_sequence(dims, tokens):
    with pytest.raises(ShapeError, match="attention 8"):
        Attention(8).output_shape(Shape(dims, tokens=tokens))


@pytest.mark.parametrize("options, error, words", [
    ({"heads": 0}, ValueError, "heads is 0"),
    ({"heads": 2.5}, TypeError, "heads is 2.5"),
    ({"heads": 2, "head_dim": 0}, ValueError, "head_dim is 0"),
    ({"heads": 2, "kdim": 10**9}, ValueError, "kdim is 1000000000"),
    ({"heads": 2, "vdim": "8"}, TypeError, "vdim is '8'"),
    ({"heads": 2, "bias": 1}, TypeError, "bias is 1"),
])
def test_bad_options_are_named(options, error, words):
    with pytest.raises(error, match=words):
        Attention(**options)


def test_torch_code_refuses_sizes_pytorch_cannot_have():
    with pytest.raises(ValueError, match="head_dim=32 .* no PyTorch equivalent"):
        Attention(8, head_dim=32).torch_code(Shape((10, 512)))
    with pytest.raises(ValueError, match="value_dim=8 .* no PyTorch equivalent"):
        Attention(8, value_dim=8).torch_code(Shape((10, 512)))
    with pytest.raises(ValueError, match="needs heads=3 to divide E=10"):
        Attention(3, head_dim=3).torch_code(Shape((4, 10)))


# -- text ----------------------------------------------------------------

def test_text_round_trip_over_random_configurations():
    rng = random.Random(11)
    for _ in range(CONFIGS):
        layer, seq = random_attention(rng)
        model = Model(seq, (layer,))
        text = format_model(model)
        assert parse_model(text) == model, text


def test_text_words():
    model = parse_model("in 10x16 | attention 4 head_dim=8 value_dim=2 kdim=3 vdim=5 nobias "
                        "frozen")
    assert model.layers == (Attention(4, head_dim=8, value_dim=2, kdim=3, vdim=5, bias=False,
                                      frozen=True),)
    assert format_model(parse_model("in 10x16 | [attention 4 | dense 16] x2")) == \
        "in 10x16 | attention 4 | dense 16 | attention 4 | dense 16"


def test_counting_imports_no_framework():
    # a transformer block with both norms, counted and written as code, in a fresh interpreter
    # 4 · (8·8 + 8) = 288; layernorm 16; batchnorm (Keras) 32 -> 336
    code = ("import sys\n"
            "from nnparams_edu.model_count import model_breakdown\n"
            "b = model_breakdown('in 4x8 | attention 2 | layernorm | batchnorm')\n"
            "[r.layer.torch_code(r.shape_in) + r.layer.keras_code(r.shape_in) for r in b.rows]\n"
            "print(b.total, sorted({'torch', 'keras'} & set(sys.modules)))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=True)
    assert done.stdout.split("\n")[0] == "336 []"


def test_formula_groups_equal_projections():
    # E = 4, 2 heads of d = 2 (query, key: 4 × 4 + 4 = 20 each), values of dv = 3 per head:
    # value 4 × 6 + 6 = 30, output 6 × 4 + 4 = 28 -> 98
    seq = Shape((5, 4))
    assert Attention(2, value_dim=3).formula(seq) == \
        "2 × (4 × 4 + 4) + (4 × 6 + 6) + (6 × 4 + 4) = 98"
    # without biases: 2 × 16 + 24 + 24 = 80
    assert Attention(2, value_dim=3, bias=False).formula(seq) == \
        "2 × 4 × 4 + 4 × 6 + 6 × 4 = 80"


def test_graph_columns_and_their_shares():
    # E = 16, 4 heads of d = 4, dv = 3: Q (and K) 4 × 4 = 16 per step, the heads' values
    # 4 × 3 = 12 per step, back to 16 features
    G = build_model_graph("in 10x16 | attention 4 value_dim=3", max_units=12)
    assert [(c["label"], str(c["shape"])) for c in G.graph["columns"]] == [
        ("input", "10×16"), ("Q K V", "10×16"), ("4 heads", "10×12"), ("attention 4 value_dim=3",
                                                                          "10×16")]
    # Q, K and V share their column: a third of 12 nodes each, 4 for 16 (or 12) features
    groups = [g for _, g in G.nodes(data="group")]
    assert (groups.count("Q"), groups.count("K"), groups.count("V")) == (4, 4, 4)
