"""Counts as the frameworks themselves report them."""


def torch_numel(module) -> int:
    """PyTorch's own count: the sizes of the module's parameters (shared ones once)."""
    return sum(p.numel() for p in module.parameters())


def keras_counts(keras, layer, input_shape) -> tuple:
    """Keras's own counts ``(all, trainable)`` for *layer* built on *input_shape*
    (no batch axis)."""
    model = keras.Sequential([keras.Input(shape=tuple(input_shape)), layer])
    trainable = sum(int(v.numpy().size) for v in model.trainable_weights)
    return model.count_params(), trainable


def torch_counts(module) -> tuple:
    """PyTorch's own counts ``(all, trainable)``: the parameters, and those that
    need a gradient (a frozen module has none)."""
    return torch_numel(module), sum(p.numel() for p in module.parameters() if p.requires_grad)
