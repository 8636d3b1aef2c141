"""Reading a real PyTorch or Keras model into a typed net, to count and draw it.

``from_torch(module, input_shape)`` and ``from_keras(model)`` walk the model's
layers in order (an ``nn.Sequential`` or ``keras.Sequential`` fully; any
other module through its children in the order they were registered, which
is usually the order its ``forward`` uses them) and give a
:class:`~nnparams_edu.model.Model`. What is not understood is never guessed:
each module left out is listed, with its parameters, in a
:class:`NotUnderstood` warning (or a ValueError with ``strict=True``).

Parameters shared between layers are counted once, as the frameworks count
them: an output layer that reuses an embedding's table becomes a tied dense
layer (only its bias is new), and a module reused elsewhere is read once.

PyTorch shapes put channels first: ``input_shape=(1, 28, 28)`` is a 28×28
image of one channel, and becomes our channels-last ``28×28×1``. A sequence
is ``(steps, features)`` when its first layer is Linear, recurrent or
attention, and ``(channels, steps)`` when it is a convolution or pooling.
Neither framework is imported by this package until one of these functions
is called with a model.
"""
from .model_reader import NotUnderstood, Skipped
from .read_keras import from_keras
from .read_torch import from_torch

__all__ = ["from_torch", "from_keras", "Skipped", "NotUnderstood"]
