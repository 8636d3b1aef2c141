"""Layer kinds beyond dense, one module each, and the words that name them in
the one-line text form (see :mod:`nnparams_edu.model_text`).

Adding a kind means one new module here with one :class:`~.base.Layer`
subclass, and its words in :data:`KINDS`.
"""
from .attention import Attention
from .base import CONVENTIONS, Layer, Part, Shape, ShapeError
from .conv import Conv, TransposedConv
from .depthwise import DepthwiseConv, SeparableConv
from .dense import Dense
from .embedding import Embedding
from .norm import BatchNorm, LayerNorm
from .gated import GRU, LSTM
from .recurrent import SimpleRNN
from .shaping import ACTIVATIONS, Activation, Dropout, Flatten, GlobalPool, Pool

__all__ = ["KINDS", "CONVENTIONS", "Layer", "Part", "Shape", "ShapeError", "Dense", "Conv",
           "DepthwiseConv", "SeparableConv", "TransposedConv", "Pool", "GlobalPool", "Flatten",
           "Dropout", "Activation", "SimpleRNN", "LSTM", "GRU", "Attention", "LayerNorm",
           "BatchNorm", "Embedding"]

#: Word of the text form -> (layer class, fixed options the word implies).
KINDS = {
    "dense": (Dense, {}),
    "conv": (Conv, {}),
    "conv1d": (Conv, {}),
    "conv2d": (Conv, {}),
    "deconv": (TransposedConv, {}),
    "dwconv": (DepthwiseConv, {}),
    "sepconv": (SeparableConv, {}),
    "maxpool": (Pool, {"mode": "max"}),
    "avgpool": (Pool, {"mode": "avg"}),
    "gap": (GlobalPool, {"mode": "avg"}),
    "gmp": (GlobalPool, {"mode": "max"}),
    "flatten": (Flatten, {}),
    "embed": (Embedding, {}),
    "rnn": (SimpleRNN, {}),
    "lstm": (LSTM, {}),
    "gru": (GRU, {}),
    "dropout": (Dropout, {}),
    "attention": (Attention, {}),
    "layernorm": (LayerNorm, {}),
    "batchnorm": (BatchNorm, {}),
    **{name: (Activation, {"function": name}) for name in ACTIVATIONS},
}
