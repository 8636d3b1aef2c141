"""Whole nets against the frameworks: our count, the exported code run in
PyTorch and Keras, and real models read back with from_torch / from_keras.

200 seeded random small nets (CNNs on images and sequences, MLPs, dense
layers on sequences): the exported code is executed, its own count
(``numel`` sums, ``count_params``) must be ours, a forward pass on an input
of the documented shape must give our output shape, the frozen layers and
only those must be out of training, biases only where the net has them; and
reading the built framework model back must give our count again.
"""
import math
import random
import subprocess
import sys
import warnings

import pytest

from nnparams_edu import model_breakdown
from nnparams_edu.export import to_keras, to_pytorch
from nnparams_edu.frameworks import NotUnderstood, from_keras, from_torch
from nnparams_edu.model_export import torch_input_shape

from .layers.conftest import keras, nn, torch  # noqa: F401 - the framework fixtures
from .layers.randoms import random_model

NETS = 200
ADAPTERS = {"ChannelsFirst", "ChannelsLast"}


def _run(code):
    scope = {}
    exec(compile(code, "<exported>", "exec"), scope)  # our own generated code
    return scope["model"]


def _torch_modules(model):
    """The exported Sequential's modules that stand for our layers."""
    return [m for m in model if type(m).__name__ not in ADAPTERS]


@pytest.fixture(scope="module")
def one_thread(torch):  # noqa: F811 - the fixture above
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def _compare_nets(seed, convention, keras, framework):
    """Our counts of NETS random nets against ``framework(model)``: the
    framework's own view of the exported, executed code, plus what it must be
    beyond the counts. Per layer: whether none of its parameters is trained
    (frozen, or Keras's BatchNorm statistics alone), and its biases."""
    rng, problems = random.Random(seed), []
    for _ in range(NETS):
        model = random_model(rng, keras=keras)
        ours = model_breakdown(model, convention=convention)
        got, extra = framework(model)
        want = {"count": ours.total, "trainable": ours.trainable,
                "frozen": [row.total > 0 and not row.trainable for row in ours.rows],
                "biases": [row.biases for row in ours.rows], "read back": ours.total,
                "read back output": model.output, **extra}
        if got != want:
            problems.append((str(model), got, want))
    assert not problems, f"{len(problems)} of {NETS} nets differ, e.g. {problems[:2]}"


def test_exported_pytorch_code_runs_and_counts_like_us(torch, one_thread):  # noqa: F811
    def pytorch(model):
        built = _run(to_pytorch(model))
        dims = model.input.dims
        if model.input.rank == 3:  # an image goes in channels first: (1, C, H, W)
            assert torch_input_shape(model) == (1, dims[2], dims[0], dims[1])
        dtype = torch.long if model.input.tokens else torch.float32
        out = built(torch.zeros(torch_input_shape(model), dtype=dtype))
        read = from_torch(built, torch_input_shape(model)[1:], strict=True)
        seen, modules = set(), []
        for module in _torch_modules(built):  # a tied layer's table belongs to its embedding
            modules.append([(n, p) for n, p in module.named_parameters() if id(p) not in seen])
            seen.update(id(p) for _, p in modules[-1])
        return ({"count": sum(p.numel() for p in built.parameters()),
                 "trainable": sum(p.numel() for p in built.parameters() if p.requires_grad),
                 "frozen": [bool(ps) and not any(p.requires_grad for _, p in ps)
                            for ps in modules],
                 "biases": [sum(p.numel() for n, p in ps if "bias" in n.rsplit(".", 1)[-1])
                            for ps in modules],
                 "read back": model_breakdown(read, convention="pytorch").total,
                 "read back output": read.output,
                 "output": (out.numel(), sorted(out.shape[1:]))},
                {"output": (model.output.size, sorted(model.output.dims))})

    _compare_nets("torch nets", "pytorch", False, pytorch)


def test_exported_keras_code_runs_and_counts_like_us(keras):  # noqa: F811
    def keras_view(model):
        built = _run(to_keras(model))
        read = from_keras(built, strict=True)
        # a stack of N recurrent layers is N Keras layers
        sizes = [layer.layers if hasattr(layer, "directions") else 1 for layer in model.layers]
        ends = [sum(sizes[:i + 1]) for i in range(len(sizes))]
        groups = [built.layers[end - size:end] for end, size in zip(ends, sizes)]
        seen, weights, trainable = set(), [], []
        for group in groups:  # a tied layer's table belongs to its embedding
            weights.append([v for layer in group for v in layer.weights if id(v) not in seen])
            trainable.append([v for v in weights[-1] if any(v is t for layer in group
                                                            for t in layer.trainable_weights)])
            seen.update(id(v) for v in weights[-1])
        return ({"count": built.count_params(),
                 "trainable": sum(math.prod(v.shape) for v in built.trainable_weights),
                 "frozen": [bool(w) and not t for w, t in zip(weights, trainable)],
                 "biases": [sum(math.prod(v.shape) for v in w if v.path.endswith(("bias", "beta")))
                            for w in weights],
                 "read back": model_breakdown(read).total, "read back output": read.output,
                 "output": tuple(built.output_shape)},
                {"output": (None,) + model.output.dims})

    _compare_nets("keras nets", "keras", True, keras_view)


def test_from_torch_reads_a_sequential_cnn(nn):  # noqa: F811
    net = nn.Sequential(nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.AvgPool2d(2),
                        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.AvgPool2d(2), nn.Flatten(),
                        nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(),
                        nn.Linear(84, 10))
    model = from_torch(net, (1, 28, 28))
    assert str(model) == ("in 28x28x1 | conv 6 k=5 p=2 | relu | avgpool 2 | conv 16 k=5 | relu"
                          " | avgpool 2 | flatten | dense 120 | relu | dense 84 | relu | dense 10")
    # LeNet-5: 156 + 2,416 + 48,120 + 10,164 + 850
    assert model_breakdown(model).total == 61706


def test_from_torch_walks_a_custom_module_and_names_what_it_skips(nn):  # noqa: F811
    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.body = nn.Sequential(nn.Linear(4, 8), nn.PReLU())
            self.scale = nn.Parameter(nn.init.ones_(nn.Linear(1, 3).weight.detach().clone()))
            self.head = nn.Linear(8, 2, bias=False)

    with pytest.warns(NotUnderstood) as caught:
        model = from_torch(Net())
    skipped = caught[0].message.skipped
    assert [(s.name, s.type, s.parameters) for s in skipped] == [("Net", "Net", 3),
                                                                  ("body.1", "PReLU", 1)]
    assert str(model) == "in 4 | dense 8 | dense 2 nobias"  # (4 + 1)·8 + 8·2 = 56
    assert model_breakdown(model).total == 56
    with pytest.raises(ValueError, match="PReLU"):
        from_torch(Net(), strict=True)


def test_from_torch_counts_a_module_used_twice_once(nn):  # noqa: F811
    shared = nn.Linear(6, 6)
    net = nn.Sequential(shared, nn.ReLU(), shared, nn.Linear(6, 1))
    assert sum(p.numel() for p in net.parameters()) == 49  # 42 + 7
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        model = from_torch(net)
    assert model_breakdown(model).total == 49


def test_from_torch_counts_a_tied_output_layer_once(nn):  # noqa: F811
    class LanguageModel(nn.Module):
        def __init__(self):
            super().__init__()
            self.embedding = nn.Embedding(100, 16)
            self.gru = nn.GRU(16, 16, batch_first=True)
            self.head = nn.Linear(16, 100)
            self.head.weight = self.embedding.weight

    net = LanguageModel()
    # 100·16 + 3·(16·16 + 16·16 + 16 + 16) + 100 (the head's bias only) = 1,600 + 1,632 + 100
    assert sum(p.numel() for p in net.parameters()) == 3332
    model = from_torch(net, (12,))
    assert str(model) == "in 12 tokens | embed 100 16 | gru 16 | dense 100 tied"
    assert model_breakdown(model, convention="pytorch").total == 3332


def test_from_torch_walks_a_transformer_block(nn):  # noqa: F811
    class Block(nn.Module):
        def __init__(self):
            super().__init__()
            self.attention = nn.MultiheadAttention(8, 2, batch_first=True)
            self.norm1 = nn.LayerNorm(8)
            self.feed = nn.Sequential(nn.Linear(8, 32), nn.GELU(), nn.Linear(32, 8))
            self.norm2 = nn.LayerNorm(8)

    # attention 4·(8·8 + 8) = 288; norms 2·16; feed forward (8 + 1)·32 + (32 + 1)·8 = 552
    model = from_torch(Block(), (5, 8))
    assert str(model) == ("in 5x8 | attention 2 | layernorm | dense 32 | gelu | dense 8 | "
                          "layernorm")
    assert model_breakdown(model, convention="pytorch").total == 872 == sum(
        p.numel() for p in Block().parameters())


def test_from_keras_walks_nested_models_and_counts_a_shared_layer_once(keras):  # noqa: F811
    layers = keras.layers
    shared = layers.Dense(6)
    inner = keras.Sequential([layers.Dense(6, activation="relu"), layers.Dropout(0.1)])
    net = keras.Sequential([keras.Input((6,)), inner, shared, shared, layers.Dense(1)])
    assert net.count_params() == 91  # (6 + 1)·6 twice, then (6 + 1)·1
    with pytest.warns(NotUnderstood):  # Keras lists a layer used twice once: nothing to read
        model = from_keras(net)
    assert str(model) == "in 6 | dense 6 | relu | dropout 0.1 | dense 6 | dense 1"
    assert model_breakdown(model).total == 91


def test_export_refuses_what_a_sequential_cannot_hold():
    with pytest.raises(ValueError, match="another tensor"):
        to_pytorch("in 5x8 | attention 2 kdim=4")
    with pytest.raises(ValueError, match="per layer"):
        to_keras("in 5 | dense 3", bias=False)


def test_from_torch_needs_an_input_shape_it_cannot_read(nn):  # noqa: F811
    with pytest.raises(ValueError, match="give input_shape"):
        from_torch(nn.Sequential(nn.Conv2d(1, 4, 3)))
    with pytest.raises(TypeError, match="torch.nn.Module"):
        from_torch("in 5 | dense 3")


def test_from_keras_reads_the_mnist_convnet(keras):  # noqa: F811
    layers = keras.layers
    net = keras.Sequential([keras.Input((28, 28, 1)), layers.Conv2D(32, 3, activation="relu"),
                            layers.MaxPooling2D(2), layers.Conv2D(64, 3, activation="relu"),
                            layers.MaxPooling2D(2), layers.Flatten(), layers.Dropout(0.5),
                            layers.Dense(10, activation="softmax")])
    model = from_keras(net)
    assert str(model) == ("in 28x28x1 | conv 32 k=3 | relu | maxpool 2 | conv 64 k=3 | relu"
                          " | maxpool 2 | flatten | dropout 0.5 | dense 10 | softmax")
    assert model_breakdown(model).total == 34826  # the Keras example's published total


def test_importing_the_package_imports_no_framework():
    code = ("import sys, nnparams_edu, nnparams_edu.frameworks, nnparams_edu.export\n"
            "nnparams_edu.export.to_pytorch('in 28x28x1 | conv 8 k=3 | flatten | dense 2')\n"
            "print(sorted(m for m in ('torch', 'keras', 'tensorflow') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"
