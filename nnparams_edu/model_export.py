"""A net of typed layers as runnable PyTorch or Keras code.

Each layer writes its own framework code (``torch_code`` / ``keras_code`` of
its kind); this module strings them into one ``nn.Sequential`` or one Keras
``Sequential`` with its ``keras.Input``, and states the count the framework
must report (PyTorch's convention for the PyTorch code, Keras's for Keras).

Shapes: our shapes put channels last, as Keras does, so the Keras code reads
a batch of ``(N, 28, 28, 1)`` for an image ``28×28×1``. PyTorch puts channels
first: the PyTorch code reads an image as ``(N, 1, 28, 28)``, and a sequence
as ``(N, steps, features)`` unless its first layer that cares is a
convolution or pooling, which read ``(N, channels, steps)``. Where a layer
wants the other order, a one-line ``ChannelsFirst`` / ``ChannelsLast`` module
written at the top of the code turns the tensor. The counts are the same; a
flatten after convolutions gives the same C·H·W values in PyTorch's order
(channel by channel) rather than Keras's (pixel by pixel).

A Sequential calls each layer on one tensor and passes one on. PyTorch's
recurrent modules return ``(output, state)``, so they are wrapped in
``Sequences`` (every step) or ``LastStep`` (the final state of each direction,
as Keras gives); attention is wrapped in ``SelfAttention`` (queries, keys and
values all from the one input) in both frameworks; a tied output layer shares
its embedding's table (``model[i].weight = model[j].weight`` in PyTorch, a
``TiedDense`` layer in Keras). Each helper is a few lines written once at the
top of the code, only when the net needs it.
"""
from __future__ import annotations

import keyword

from .limits import quote
from .model import as_model
from .model_count import model_breakdown

__all__ = ["model_to_pytorch", "model_to_keras", "torch_input_shape", "check_name"]

#: Helper modules the PyTorch code may need, written once at its top.
_HELPERS = {
    "ChannelsFirst": '''class ChannelsFirst(nn.Module):
    # (N, ..., C) -> (N, C, ...): what convolutions and pooling read
    def forward(self, x):
        return x.movedim(-1, 1)
''',
    "ChannelsLast": '''class ChannelsLast(nn.Module):
    # (N, C, ...) -> (N, ..., C): what Linear and the sequence layers read
    def forward(self, x):
        return x.movedim(1, -1)
''',
    "Sequences": '''class Sequences(nn.Module):
    # a recurrent layer in nn.Sequential: its output at every step
    def __init__(self, rnn):
        super().__init__()
        self.rnn = rnn

    def forward(self, x):
        return self.rnn(x)[0]
''',
    "LastStep": '''class LastStep(nn.Module):
    # a recurrent layer in nn.Sequential: the final state of each direction, side by side
    def __init__(self, rnn):
        super().__init__()
        self.rnn = rnn

    def forward(self, x):
        state = self.rnn(x)[1]
        h = state[0] if isinstance(state, tuple) else state  # an LSTM gives (h, c)
        return torch.cat(list(h[-2 if self.rnn.bidirectional else -1:]), dim=-1)
''',
    "SelfAttention": '''class SelfAttention(nn.Module):
    # multi-head attention in nn.Sequential: queries, keys and values all from x
    def __init__(self, attention):
        super().__init__()
        self.attention = attention

    def forward(self, x):
        return self.attention(x, x, x, need_weights=False)[0]
''',
}

#: Helper layers the Keras code may need, written once at its top.
_KERAS_HELPERS = {
    "SelfAttention": '''class SelfAttention(keras.layers.Layer):
    # multi-head attention in a Sequential: queries, keys and values all from x
    def __init__(self, attention, **kwargs):
        super().__init__(**kwargs)
        self.attention = attention

    def build(self, input_shape):
        self.attention.build(input_shape, input_shape)
        self.attention.trainable = self.attention.trainable  # reach the weights just made

    def call(self, x):
        return self.attention(x, x)

    def compute_output_shape(self, input_shape):
        return input_shape
''',
    "TiedDense": '''class TiedDense(keras.layers.Layer):
    # an output layer whose weights are an embedding's table, transposed: only its bias is new
    def __init__(self, embedding, use_bias=True, **kwargs):
        super().__init__(**kwargs)
        self.embedding, self.use_bias = embedding, use_bias

    def build(self, input_shape):
        if self.use_bias:
            self.bias = self.add_weight(shape=(self.embedding.input_dim,), name="bias",
                                        initializer="zeros")

    def call(self, x):
        y = keras.ops.matmul(x, keras.ops.transpose(self.embedding.embeddings))
        return y + self.bias if self.use_bias else y

    def compute_output_shape(self, input_shape):
        return tuple(input_shape[:-1]) + (self.embedding.input_dim,)
''',
}


def check_name(name) -> str:
    """*name* if it can name the model in code, else a ValueError.

    Examples
    --------
    >>> check_name("cnn")
    'cnn'
    >>> check_name("class")
    Traceback (most recent call last):
    ...
    ValueError: name is 'class'; it must be a Python variable name such as model
    """
    if not (isinstance(name, str) and name.isidentifier() and len(name) <= 60
            and not keyword.iskeyword(name)):
        raise ValueError(f"name is {quote(name)}; it must be a Python variable name "
                         "such as model")
    return name


def _start_layout(model) -> str:
    """The layout of the PyTorch input: channels first for an image; for a
    sequence, what its first layer that cares about the order reads."""
    if model.input.rank == 3:
        return "first"
    for layer in model.layers:
        if layer.torch_layout != "any":
            return layer.torch_layout
    return "last"


def torch_input_shape(net) -> tuple:
    """The shape of one batch (N = 1) the PyTorch code of *net* reads.

    Examples
    --------
    >>> torch_input_shape("in 28x28x1 | conv 8 k=3 | flatten | dense 10")
    (1, 1, 28, 28)
    >>> torch_input_shape("in 100x8 | conv 16 k=5 | gap | dense 2")
    (1, 8, 100)
    >>> torch_input_shape("in 100x8 | dense 4")
    (1, 100, 8)
    """
    model = as_model(net)
    dims = model.input.dims
    if model.input.rank > 1 and _start_layout(model) == "first":
        dims = dims[-1:] + dims[:-1]
    return (1,) + dims


def _wrapper(layer) -> str:
    """The helper around a layer that a Sequential cannot call on one tensor
    (PyTorch's recurrent modules return tuples; attention reads q, k, v)."""
    if hasattr(layer, "seq") and hasattr(layer, "directions"):  # a recurrent kind
        return "Sequences" if layer.seq else "LastStep"
    if layer.kind == "attention":
        if getattr(layer, "kdim", None) is not None or getattr(layer, "vdim", None) is not None:
            raise ValueError(f"{layer}: keys and values of their own size come from another "
                             "tensor, and a Sequential passes only one; write this model "
                             "with the functional API")
        return "SelfAttention"
    return ""


def _use(helpers: list, name: str) -> str:
    """*name*, remembered once in *helpers*."""
    if name not in helpers:
        helpers.append(name)
    return name


def _comment(model, breakdown) -> str:
    text = f"# {model}: {breakdown.total:,} parameters"
    if breakdown.non_trainable:
        text += f" ({breakdown.trainable:,} trainable, {breakdown.non_trainable:,} not)"
    return text + " (counted by nnparams_edu)"


def model_to_pytorch(net, name="model") -> str:
    """PyTorch code for *net* (a model or its text) as an ``nn.Sequential``.

    Examples
    --------
    >>> print(model_to_pytorch("in 10x3 | conv 4 k=3 | dense 2 frozen"))
    import torch
    import torch.nn as nn
    <BLANKLINE>
    class ChannelsLast(nn.Module):
        # (N, C, ...) -> (N, ..., C): what Linear and the sequence layers read
        def forward(self, x):
            return x.movedim(1, -1)
    <BLANKLINE>
    # in 10x3 | conv 4 k=3 | dense 2 frozen: 50 parameters (40 trainable, 10 not) (counted by nnparams_edu)
    # input: torch.zeros(1, 3, 10) (batch, channels, steps)
    model = nn.Sequential(
        nn.Conv1d(3, 4, kernel_size=3),  # conv 4 k=3: 8×4
        ChannelsLast(),
        nn.Linear(4, 2).requires_grad_(False),  # dense 2 frozen: 8×2
    )
    assert sum(p.numel() for p in model.parameters()) == 50
    """
    model, name = as_model(net), check_name(name)
    layout = _start_layout(model)
    body, helpers, index = [], [], {}
    for number, (layer, shape, out) in enumerate(zip(model.layers, model.shapes,
                                                     model.shapes[1:]), 1):
        want = layer.torch_layout
        if shape.rank > 1 and want not in ("any", layout):
            turn = "ChannelsFirst" if want == "first" else "ChannelsLast"
            body.append(f"    {_use(helpers, turn)}(),")
        if want != "any":
            layout = want
        code = layer.torch_code(shape)
        if getattr(layer, "frozen", False) and not code.endswith(".requires_grad_(False)"):
            code += ".requires_grad_(False)"
        if _wrapper(layer):
            code = f"{_use(helpers, _wrapper(layer))}({code})"
        index[number] = len(body)
        body.append(f"    {code},  # {layer}: {out}")
    ties = [f"{name}[{index[d]}].weight = {name}[{index[e]}].weight  # layer {d} uses the "
            f"table of layer {e}" for d, e in getattr(model, "ties", {}).items()]
    breakdown = model_breakdown(model, convention="pytorch")
    dims = torch_input_shape(model)
    what = {2: "(batch, features)", 4: "(batch, channels, height, width)"}.get(len(dims))
    if len(dims) == 3:
        what = ("(batch, channels, steps)" if _start_layout(model) == "first"
                else "(batch, steps, features)")
    start = (f"# input: torch.zeros({', '.join(map(str, dims))}, dtype=torch.long) "
             "(batch, token ids)" if model.input.tokens
             else f"# input: torch.zeros({', '.join(map(str, dims))}) {what}")
    return "\n".join(["import torch", "import torch.nn as nn", "",
                      *[_HELPERS[h] for h in helpers],
                      _comment(model, breakdown), start, f"{name} = nn.Sequential(", *body, ")",
                      *ties, f"assert sum(p.numel() for p in {name}.parameters()) == "
                      f"{breakdown.total}"])


def model_to_keras(net, name="model") -> str:
    """Keras code for *net* (a model or its text) as a ``keras.Sequential``.

    Examples
    --------
    >>> print(model_to_keras("in 28x28x1 | conv 8 k=3 nobias | maxpool 2 | flatten | dense 10"))
    import keras
    from keras import layers
    <BLANKLINE>
    # in 28x28x1 | conv 8 k=3 nobias | maxpool 2 | flatten | dense 10: 13,602 parameters (counted by nnparams_edu)
    model = keras.Sequential([
        keras.Input(shape=(28, 28, 1)),
        layers.Conv2D(8, 3, use_bias=False),  # conv 8 k=3 nobias: 26×26×8
        layers.MaxPooling2D(2),  # maxpool 2: 13×13×8
        layers.Flatten(),  # flatten: 1352
        layers.Dense(10),  # dense 10: 10
    ])
    assert model.count_params() == 13602
    """
    model, name = as_model(net), check_name(name)
    dtype = ', dtype="int32"' if model.input.tokens else ""
    body = [f"    keras.Input(shape={tuple(model.input.dims)}{dtype}),"]
    ties = getattr(model, "ties", {})
    helpers, tables = [], []
    for number, (layer, shape, out) in enumerate(zip(model.layers, model.shapes,
                                                     model.shapes[1:]), 1):
        if number in ties:
            options = "" if layer.bias else ", use_bias=False"
            options += ", trainable=False" if layer.frozen else ""
            code = f"{_use(helpers, 'TiedDense')}(table_{ties[number]}{options})"
        else:
            code = layer.keras_code(shape)
        if number in ties.values():
            tables.append(f"table_{number} = {code}  # shared with a tied layer")
            code = f"table_{number}"
        if _wrapper(layer) == "SelfAttention":
            code = f"{_use(helpers, 'SelfAttention')}({code})"
        spread = "*" if code.startswith("[") else ""  # several layers (stacked recurrent)
        body.append(f"    {spread}{code},  # {layer}: {out}")
    breakdown = model_breakdown(model, convention="keras")
    return "\n".join(["import keras", "from keras import layers", "",
                      *[_KERAS_HELPERS[h] for h in helpers], *tables,
                      _comment(model, breakdown), f"{name} = keras.Sequential([", *body, "])",
                      f"assert {name}.count_params() == {breakdown.total}"])
