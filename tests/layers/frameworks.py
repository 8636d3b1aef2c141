"""Counts as the frameworks themselves report them."""
import math


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


def keras_built_counts(made, input_shape) -> tuple:
    """Keras's own ``(all, trainable, output dims)`` for a layer or a list of
    layers, each built with ``layer.build`` on the previous one's output shape,
    starting from *input_shape* (a Shape; dims without the batch axis). Quicker
    than a model."""
    made = made if isinstance(made, list) else [made]
    size, total, trainable = (None,) + tuple(input_shape.dims), 0, 0
    for layer in made:
        layer.build(size)
        total += layer.count_params()
        trainable += sum(math.prod(w.shape) for w in layer.trainable_weights)
        size = layer.compute_output_shape(size)
    return total, trainable, tuple(size[1:])


def our_counts(layer, shape, convention) -> tuple:
    """Our ``(all, trainable)`` for *layer* on *shape*, its parts adding up
    (``+ (layer.output_shape(shape).dims,)`` compares with :func:`keras_built_counts`)."""
    parts = layer.parts(shape, convention)
    total = sum(p.count for p in parts)
    if total != layer.count(shape, convention):
        raise AssertionError(f"{layer}: parts add up to {total}, count says "
                             f"{layer.count(shape, convention)}")
    return total, sum(p.count for p in parts if p.trainable)


def exec_code(code, **names):
    """Run our generated code text (one expression) with the framework names
    given (``nn=torch.nn``, ``layers=keras.layers``) and return its value."""
    namespace = dict(names)
    exec(f"made = {code}", namespace)  # our own generated code, the thing under test
    return namespace["made"]
