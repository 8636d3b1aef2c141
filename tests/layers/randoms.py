"""Random small layers and nets for the cross-checks with the frameworks.

Every generator takes a seeded ``random.Random`` and keeps sizes tiny, so a
few hundred configurations build in seconds. A drawn layer that does not fit
its shape is drawn again (the refusal itself is tested elsewhere).
"""
from nnparams_edu import layers as kinds
from nnparams_edu.layers import (Activation, Conv, Dense, DepthwiseConv, Dropout, Flatten,
                                 GlobalPool, Pool, SeparableConv, Shape, ShapeError,
                                 TransposedConv)
from nnparams_edu.layers.shaping import ACTIVATIONS
from nnparams_edu.model import Model


def _window(rng, rank, low=1, high=4):
    """A side for every axis, or one int for all."""
    if rank == 2 and rng.random() < 0.3:
        return (rng.randint(low, high), rng.randint(low, high))
    return rng.randint(low, high)


def _padding(rng):
    return rng.choice([0, 1, 2, "same", "valid"])


def random_shape(rng, rank, channels=None):
    spatial = tuple(rng.randint(5, 12) for _ in range(rank - 1))
    return Shape(spatial + (channels or rng.randint(1, 6),))


def random_conv(rng, shape, transposed=False, keras=False):
    """A Conv (or TransposedConv) whose groups divide the channels of *shape*."""
    rank = shape.rank - 1
    c = shape.features
    g = rng.choice([d for d in range(1, c + 1) if c % d == 0]) if not (transposed and keras) else 1
    make = TransposedConv if transposed else Conv
    return make(g * rng.randint(1, 4), k=_window(rng, rank), s=_window(rng, rank, 1, 3),
                p=_padding(rng), g=g, bias=rng.random() < 0.7, frozen=rng.random() < 0.2)


def random_depthwise(rng, shape):
    rank = shape.rank - 1
    return DepthwiseConv(k=_window(rng, rank), s=_window(rng, rank, 1, 3), p=_padding(rng),
                         m=rng.randint(1, 3), bias=rng.random() < 0.7, frozen=rng.random() < 0.2)


def random_separable(rng, shape):
    rank = shape.rank - 1
    return SeparableConv(rng.randint(1, 8), k=_window(rng, rank), s=_window(rng, rank, 1, 3),
                         p=_padding(rng), m=rng.randint(1, 3), bias=rng.random() < 0.7,
                         frozen=rng.random() < 0.2)


def random_dense(rng, shape):
    return Dense(rng.randint(1, 12), bias=rng.random() < 0.7, frozen=rng.random() < 0.2)


def random_pool(rng, shape, mode=None):
    size = _window(rng, shape.rank - 1, 1, 3)
    stride = rng.choice([None, _window(rng, shape.rank - 1, 1, 3)])
    return Pool(size, s=stride, p=rng.choice([0, 0, 1, "same"]),
                mode=mode or rng.choice(["max", "avg"]))


#: Kind name -> (draw a layer for a shape, ranks of the input it takes).
LAYERS = {
    "conv2d": (random_conv, 3),
    "conv1d": (random_conv, 2),
    "deconv": (lambda rng, shape, keras=False: random_conv(rng, shape, True, keras), 3),
    "deconv1d": (lambda rng, shape, keras=False: random_conv(rng, shape, True, keras), 2),
    "dwconv": (random_depthwise, 3),
    "sepconv": (random_separable, 3),
    "sepconv1d": (random_separable, 2),
    "maxpool2d": (lambda rng, shape: random_pool(rng, shape, "max"), 3),
    "avgpool1d": (lambda rng, shape: random_pool(rng, shape, "avg"), 2),
    "dense": (random_dense, 1),
    "dense_seq": (random_dense, 2),
}


def random_layer_case(rng, kind, keras=False):
    """``(layer, input shape)`` of *kind* that fit each other."""
    draw, rank = LAYERS[kind]
    while True:
        shape = random_shape(rng, rank) if rank > 1 else Shape((rng.randint(1, 20),))
        if kind == "dense_seq":
            shape = Shape((rng.randint(1, 6), rng.randint(1, 10)))
        layer = draw(rng, shape, keras=keras) if "deconv" in kind else draw(rng, shape)
        try:
            layer.output_shape(shape)
        except ShapeError:
            continue
        return layer, shape


def _try(layers, shape, layer):
    """Append *layer* if it fits *shape*; return the new shape or None."""
    try:
        out = layer.output_shape(shape)
    except ShapeError:
        return None
    if out.size > 4000:
        return None
    layers.append(layer)
    return out


#: The sequence kinds, once their modules are in the package.
SEQUENCE_KINDS = all(hasattr(kinds, name) for name in ("Embedding", "Attention", "LayerNorm",
                                                       "BatchNorm", "LSTM"))


def random_sequence_layer(rng, shape):
    """A recurrent, attention, norm, conv or dense layer for a sequence."""
    pick, flags = rng.random(), dict(frozen=rng.random() < 0.2)
    if pick < 0.35:
        make = rng.choice([kinds.SimpleRNN, kinds.LSTM, kinds.GRU])
        extra = {"reset_after": rng.random() < 0.5} if make is kinds.GRU else {}
        return make(rng.randint(1, 5), layers=rng.randint(1, 2), bi=rng.random() < 0.3,
                    seq=True, bias=rng.random() < 0.8, **extra, **flags)
    if pick < 0.55:
        heads = rng.choice([d for d in range(1, 5) if shape.features % d == 0])
        return kinds.Attention(heads, bias=rng.random() < 0.7, **flags)
    if pick < 0.75:
        both = rng.random() < 0.8  # PyTorch has scale and shift together, or neither
        make = rng.choice([kinds.LayerNorm, kinds.BatchNorm])
        return make(scale=both, bias=both, **flags)
    if pick < 0.85:
        return Conv(rng.randint(1, 6), k=rng.randint(1, 3), p=rng.choice([0, "same"]),
                    bias=rng.random() < 0.7, **flags)
    return random_dense(rng, shape)


def _sequence_stack(rng, layers, shape):
    """A few sequence layers, then a last step, a pooling or a flatten."""
    for _ in range(rng.randint(1, 3)):
        shape = _try(layers, shape, random_sequence_layer(rng, shape)) or shape
    end = rng.random()
    if end < 0.3:
        last = rng.choice([kinds.SimpleRNN, kinds.LSTM, kinds.GRU])(
            rng.randint(1, 5), bi=rng.random() < 0.3)
        return _try(layers, shape, last) or shape
    if end < 0.6:
        return _try(layers, shape, rng.choice([Flatten(), GlobalPool()])) or shape
    return shape  # dense layers on every step


def random_model(rng, keras=False):
    """A small valid net: a CNN on an image or a sequence, an MLP, and (once
    the kinds are there) a sequence or token net with recurrent, attention,
    norm and embedding layers."""
    families = ["cnn2d", "cnn2d", "cnn1d", "mlp", "dense_seq"]
    family = rng.choice(families + ["seq", "tokens"] * 2 if SEQUENCE_KINDS else families)
    layers, table = [], None
    if family == "seq":
        shape = start = Shape((rng.randint(2, 6), rng.choice([2, 4, 6])))
        shape = _sequence_stack(rng, layers, shape)
    elif family == "tokens":
        start, vocabulary = Shape((rng.randint(2, 6),), tokens=True), rng.randint(5, 30)
        layers.append(kinds.Embedding(vocabulary, rng.choice([2, 4, 6]),
                                      frozen=rng.random() < 0.2))
        shape = _sequence_stack(rng, layers, layers[0].output_shape(start))
        if shape.features == layers[0].dim and rng.random() < 0.5:
            table = vocabulary
    if family in ("seq", "tokens"):
        for _ in range(rng.randint(0, 2)):
            shape = _try(layers, shape, random_dense(rng, shape)) or shape
        if table and shape.features == layers[0].dim:
            _try(layers, shape, Dense(table, tied=True, bias=rng.random() < 0.7))
        return Model(start, tuple(layers))
    if family == "mlp":
        shape = Shape((rng.randint(1, 20),))
    elif family == "dense_seq":
        shape = Shape((rng.randint(1, 6), rng.randint(1, 8)))
    else:
        shape = random_shape(rng, 3 if family == "cnn2d" else 2, rng.randint(1, 4))
    start = shape
    if family.startswith("cnn"):
        for _ in range(rng.randint(1, 4)):
            pick = rng.random()
            if pick < 0.4:
                layer = random_conv(rng, shape)
            elif pick < 0.5:
                layer = random_conv(rng, shape, transposed=True, keras=keras)
            elif pick < 0.6 and family == "cnn2d":
                layer = random_depthwise(rng, shape)
            elif pick < 0.7:
                layer = random_separable(rng, shape)
            elif pick < 0.85:
                layer = random_pool(rng, shape)
            else:
                layer = rng.choice([Activation(rng.choice(ACTIVATIONS)), Dropout(0.25)])
            shape = _try(layers, shape, layer) or shape
        shape = _try(layers, shape, rng.choice([Flatten(), GlobalPool(rng.choice(["avg", "max"]))]))
    for _ in range(rng.randint(1, 3)):
        shape = _try(layers, shape, random_dense(rng, shape)) or shape
        if rng.random() < 0.4:
            _try(layers, shape, Activation(rng.choice(ACTIVATIONS)))
    return Model(start, tuple(layers))
