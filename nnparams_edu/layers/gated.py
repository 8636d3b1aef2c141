"""Gated recurrent layers: several copies of a simple recurrent layer, one per
gate (see :mod:`~nnparams_edu.layers.recurrent` for the copy and the biases).

An LSTM has four copies (input, forget and output gates and the cell
candidate), a GRU three (reset and update gates and the candidate). A GRU
with ``reset_after=True`` (Keras' default, PyTorch's only form) keeps a second
bias vector for each copy's recurrent part.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..limits import as_bool
from .base import Slip
from .recurrent import _Recurrent

__all__ = ["LSTM", "GRU"]


@dataclass(frozen=True)
class LSTM(_Recurrent):
    """A long short-term memory layer: four gate copies of a simple RNN.

    Examples
    --------
    >>> from nnparams_edu.layers import Shape
    >>> lstm, seq = LSTM(32), Shape((5, 10))
    >>> lstm.formula(seq)  # 4·(42·32 + 32) = 4·1,376
    '4 × ((10 + 32) × 32 + 32) = 5,504'
    >>> lstm.formula(seq, "pytorch")  # 5,504 + 4·32
    '4 × ((10 + 32) × 32 + 32 + 32) = 5,632'
    >>> LSTM(32, bias=False).formula(seq)
    '4 × (10 + 32) × 32 = 5,376'
    >>> stacked = LSTM(32, layers=2, bi=True)  # layer 2 reads 2·32 = 64 features
    >>> stacked.formula(seq)  # 2·4·1,376 + 2·4·(96·32 + 32)
    '2 × 4 × ((10 + 32) × 32 + 32) + 2 × 4 × ((64 + 32) × 32 + 32) = 35,840'
    >>> [(s.name, s.count) for s in lstm.slips(seq)][:2]  # 3·1,376 and 1,376
    [('LSTM counted with 3 gates', 4128), ('LSTM counted with 1 gate', 1376)]
    >>> stacked.torch_code(seq)
    'nn.LSTM(10, 32, num_layers=2, bidirectional=True, batch_first=True)'
    >>> print(stacked.keras_code(seq))
    [layers.Bidirectional(layers.LSTM(32, return_sequences=True)), layers.Bidirectional(layers.LSTM(32))]
    """

    kind = "lstm"
    title = "LSTM"
    gates = 4
    gate_names = ("i", "f", "g", "o")
    torch_name = "LSTM"
    keras_name = "LSTM"

    def _gate_slips(self, shape, convention):
        yield Slip("LSTM counted with 3 gates", self._count(shape, convention, gates=3),
                   "an LSTM has a copy for the input, forget and output gates and one more "
                   "for the cell candidate")
        yield Slip("LSTM counted with 1 gate", self._count(shape, convention, gates=1),
                   "every gate of an LSTM has weights of its own")


@dataclass(frozen=True)
class GRU(_Recurrent):
    """A gated recurrent unit: three gate copies (reset, update, candidate).

    ``reset_after=True`` (Keras' default, and the only form PyTorch has) keeps
    a second bias vector for the recurrent part.

    Examples
    --------
    >>> from nnparams_edu.layers import Shape
    >>> gru, seq = GRU(32), Shape((5, 10))
    >>> gru.formula(seq)  # 3·(42·32 + 32 + 32)
    '3 × ((10 + 32) × 32 + 32 + 32) = 4,224'
    >>> GRU(32, reset_after=False).formula(seq)  # 3·1,376
    '3 × ((10 + 32) × 32 + 32) = 4,128'
    >>> GRU(32, reset_after=False).formula(seq, "pytorch")
    '3 × ((10 + 32) × 32 + 32 + 32) = 4,224'
    >>> GRU(32, reset_after=False).to_text()
    'gru 32 reset_after=0'
    >>> GRU(32, reset_after=False).keras_code(seq)
    'layers.GRU(32, reset_after=False)'
    """

    reset_after: bool = True

    kind = "gru"
    title = "GRU"
    gates = 3
    gate_names = ("r", "z", "n")
    torch_name = "GRU"
    keras_name = "GRU"

    def check(self):
        super().check()
        as_bool(self.reset_after, "reset_after")

    def biases(self, convention="keras"):
        if convention == "keras" and self.bias and self.reset_after:
            return 2
        return super().biases(convention)

    def _two_biases_hint(self, convention):
        if convention == "keras":
            return "with reset_after, the recurrent part of each gate copy has a bias of its own"
        return super()._two_biases_hint(convention)

    def _gate_slips(self, shape, convention):
        yield Slip("GRU counted with 4 gates", self._count(shape, convention, gates=4),
                   "a GRU has no separate output gate: reset, update and the candidate")
        yield Slip("GRU counted with 1 gate", self._count(shape, convention, gates=1),
                   "a GRU has three copies, each with weights of its own: reset, update "
                   "and the candidate")
        lstm_biases = super().biases(convention)  # an LSTM's: one (Keras) or two (PyTorch)
        if lstm_biases != self.biases(convention):  # else it is the 4 gates above
            yield Slip("GRU counted as an LSTM",
                       self._count(shape, convention, gates=4, biases=lstm_biases),
                       "a GRU has three copies, not an LSTM's four, and with reset_after "
                       "each copy has a second bias vector for its recurrent part")

    def _keras_options(self):
        return [] if self.reset_after else ["reset_after=False"]
