"""A typed net in words: the text alternative of its picture, saying only
as much of the count as the picture shows."""
from __future__ import annotations

from .model import as_model
from .model_count import model_breakdown

__all__ = ["describe_model"]

#: Most layers named one by one; a deeper net's middle layers are counted.
MAX_NAMED = 12


def describe_model(net, *, counts=True, convention="keras") -> str:
    """The net's layers with their output shapes, then its total (or the
    question, with *counts* False).

    Examples
    --------
    >>> describe_model("in 28x28x1 | conv 32 k=3 | maxpool 2 | flatten | dense 10")
    'net of 4 layers, input 28×28×1: conv 32 k=3 to 26×26×32, maxpool 2 to 13×13×32, flatten to 5408, dense 10 to 10; 54,410 parameters'
    >>> describe_model("in 8 | [dense 8] x100")[:89]
    'net of 100 layers, input 8: dense 8 to 8, dense 8 to 8, dense 8 to 8, dense 8 to 8, dense'
    >>> "89 more layers" in describe_model("in 8 | [dense 8] x100")
    True
    >>> describe_model("in 10x8 | lstm 4", counts=False)
    'net of 1 layer, input 10×8: lstm 4 to 4; how many parameters?'
    """
    model = as_model(net)
    n = len(model.layers)
    steps = [f"{layer} to {shape}" for layer, shape in zip(model.layers, model.shapes[1:])]
    if n > MAX_NAMED:
        head = MAX_NAMED // 2
        steps = steps[:head] + [f"{n - MAX_NAMED + 1:,} more layers"] + steps[-(MAX_NAMED - head - 1):]
    steps = ", ".join(steps)
    text = f"net of {n} layer{'s' if n != 1 else ''}, input {model.input}: {steps}"
    if not counts:
        return text + "; how many parameters?"
    return text + f"; {model_breakdown(model, convention=convention).total:,} parameters"
