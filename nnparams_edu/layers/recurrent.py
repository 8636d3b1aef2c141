"""Recurrent layers: a dense layer applied at every step of a sequence, which
also reads its own previous output.

A simple RNN with n input features and h units has an input kernel (n × h),
a recurrent kernel (h × h: every unit's previous output feeds every unit) and
a bias of h, so ``(n + h) × h + h`` parameters. An LSTM is four such copies
(input, forget and output gates and the cell candidate), a GRU three (reset
and update gates and the candidate).

The frameworks differ in the biases. PyTorch gives every gate copy two bias
vectors, one for the input part (``b_ih``) and one for the recurrent part
(``b_hh``); Keras gives one, except for a GRU with ``reset_after=True`` (its
default), which keeps the two apart as PyTorch does (PyTorch's GRU is always
of that form).

Stacked layers (``layers=N``, PyTorch's ``num_layers``) read the previous
layer's output: h features, or 2h when the layer is bidirectional (``bi``: one
copy reads the sequence forwards, one backwards, their outputs side by side).

The gated kinds, LSTM and GRU, are in :mod:`~nnparams_edu.layers.gated`.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..limits import MAX_LAYERS, MAX_UNITS, as_bool, whole_number
from .base import Layer, Part, Shape, Slip, check_convention, times

__all__ = ["SimpleRNN", "recurrent_count"]


def recurrent_count(n: int, h: int, *, gates: int = 1, biases: int = 1, layers: int = 1,
                    directions: int = 1, recurrent: str = "h×h") -> int:
    """Parameters of a recurrent layer reading *n* features with *h* units.

    Each direction of each stacked layer has *gates* copies of an input kernel
    (inputs × h), a recurrent kernel (h × h) and *biases* bias vectors of h.
    Layer 1 reads *n* features, layers 2 and up read ``directions × h``.
    *recurrent* is ``"h×h"`` (right), or, to recompute a slip, ``"h"`` or
    ``"none"``.

    Examples
    --------
    >>> recurrent_count(10, 32)  # (10 + 32)·32 + 32, Keras SimpleRNN
    1376
    >>> recurrent_count(10, 32, biases=2)  # PyTorch adds b_hh: + 32
    1408
    >>> recurrent_count(10, 32, gates=4)  # 4·((10 + 32)·32 + 32), Keras LSTM
    5504
    >>> recurrent_count(3, 2, layers=2, directions=2)  # 2·((3+2)·2 + 2) + 2·((4+2)·2 + 2)
    52
    """
    loop = {"h×h": h * h, "h": h, "none": 0}[recurrent]

    def one_layer(inputs):
        return directions * gates * (inputs * h + loop + biases * h)

    return one_layer(n) + (layers - 1) * one_layer(directions * h)


@dataclass(frozen=True)
class _Recurrent(Layer):
    """What SimpleRNN, LSTM and GRU share; a subclass sets ``gates``."""

    units: int
    layers: int = 1
    bi: bool = False
    seq: bool = False
    bias: bool = True
    frozen: bool = False

    ranks = (2,)
    gates = 1
    #: Names of the gate copies, as drawn beside them.
    gate_names = ("",)
    torch_name = ""
    keras_name = ""

    @classmethod
    def positional(cls):
        return ("units",)

    def check(self):
        whole_number(self.units, f"units of {self.title}", 1, MAX_UNITS)
        whole_number(self.layers, "layers (stacked)", 1, MAX_LAYERS)
        for name in ("bi", "seq", "bias", "frozen"):
            as_bool(getattr(self, name), name)

    @property
    def directions(self) -> int:
        """2 for a bidirectional layer, else 1."""
        return 2 if self.bi else 1

    def biases(self, convention: str = "keras") -> int:
        """Bias vectors per gate copy under *convention*: 0, 1 or 2."""
        convention = check_convention(convention)
        if not self.bias:
            return 0
        return 2 if convention == "pytorch" else 1

    # -- shapes ------------------------------------------------------------
    def output_shape(self, shape):
        self.check_rank(shape)
        width = self.directions * self.units
        return Shape((shape.dims[0], width) if self.seq else (width,))

    # -- parameters ----------------------------------------------------------
    def _blocks(self, n: int) -> list:
        """``(how many, input width, label)`` for layer 1 and layers 2..N."""
        if self.layers == 1:
            return [(1, n, "")]
        rest = "layer 2" if self.layers == 2 else f"layers 2-{self.layers}"
        return [(1, n, " (layer 1)"), (self.layers - 1, self.directions * self.units,
                                        f" ({rest})")]

    def parts(self, shape, convention="keras"):
        biases = self.biases(convention)
        h, trained, out = self.units, not self.frozen, []
        for copies, width, label in self._blocks(shape.features):
            factors = [f for f in (copies, self.directions, self.gates) if f > 1]
            each = copies * self.directions * self.gates
            out.append(Part("kernel" + label, "weight", each * width * h,
                            times(*factors, width, h), trained))
            out.append(Part("recurrent kernel" + label, "weight", each * h * h,
                            times(*factors, h, h), trained))
            names = ["bias"] if biases == 1 else ["input bias", "recurrent bias"][:biases]
            for name in names:
                out.append(Part(name + label, "bias", each * h, times(*factors, h), trained))
        return tuple(out)

    def formula(self, shape, convention="keras"):
        """``gates × ((n + h) × h + h)`` per direction and stacked layer; a
        second ``+ h`` for a second bias vector."""
        biases, h = self.biases(convention), self.units
        terms = []
        for copies, width, _ in self._blocks(shape.features):
            inner = f"({width:,} + {h:,}) × {h:,}" + f" + {h:,}" * biases
            factors = [f for f in (copies, self.directions, self.gates) if f > 1]
            if factors:
                inner = f"({inner})" if biases else inner
                inner = times(*factors) + " × " + inner
            terms.append(inner)
        return " + ".join(terms) + f" = {self.count(shape, convention):,}"

    def _count(self, shape, convention, **change) -> int:
        sizes = dict(gates=self.gates, biases=self.biases(convention), layers=self.layers,
                     directions=self.directions)
        sizes.update(change)
        return recurrent_count(shape.features, self.units, **sizes)

    def slips(self, shape, convention="keras"):
        right = self.count(shape, convention)
        out = list(self._gate_slips(shape, convention))
        biases = self.biases(convention)
        if biases == 2:
            out.append(Slip("one bias vector where there are two",
                            self._count(shape, convention, biases=1), self._two_biases_hint(
                                convention)))
        elif biases == 1:
            out.append(Slip("two bias vectors where there is one",
                            self._count(shape, convention, biases=2),
                            "Keras keeps one bias vector per gate copy here"))
        out.append(Slip("recurrent weights h instead of h×h",
                        self._count(shape, convention, recurrent="h"),
                        "every unit's previous output feeds every unit: the loop is a "
                        "full square of weights"))
        out.append(Slip("recurrent weights forgotten",
                        self._count(shape, convention, recurrent="none"),
                        "the layer also reads its own previous output, through weights "
                        "of its own"))
        if biases:
            out.append(Slip("biases forgotten", self._count(shape, convention, biases=0),
                            "each gate copy has its bias"))
        out.append(Slip(f"{self.title} counted once per step", shape.dims[0] * right,
                        "the same weights are used at every step of the sequence: count "
                        "them once, whatever its length"))
        if self.bi:
            one = recurrent_count(shape.features, self.units, gates=self.gates, biases=biases,
                                  layers=1) + (self.layers - 1) * recurrent_count(
                2 * self.units, self.units, gates=self.gates, biases=biases, layers=1)
            out.append(Slip("one direction only", one,
                            "a bidirectional layer has a second, separate copy that reads "
                            "the sequence backwards"))
        return tuple(s for s in out if s.count != right)

    def _gate_slips(self, shape, convention):
        return ()

    # -- graph ---------------------------------------------------------------
    def graph_part(self, pen, source, shape_in, shape_out):
        """Per stacked layer: the inputs (n × h per gate copy) and, beside
        them, the state h(t−1) that loops back from the output (h × h per
        copy) feed each gate copy's h units; the "+1" node gives every unit
        its bias (two under PyTorch); the copies make the output, and the
        output goes round the loop, without parameters."""
        h, directions = self.units, self.directions
        biases = self.biases(pen.convention)
        arrows = ("→", "←") if self.bi else ("",)
        names = [gate + arrow for arrow in arrows for gate in self.gate_names]
        for level in range(1, self.layers + 1):
            states = [pen.block(source.column, h, group="h(t+1)" if arrow == "←" else "h(t−1)",
                                share=2 * directions) for arrow in arrows]
            last = level == self.layers
            shape = shape_out if last else Shape((shape_in.dims[0], directions * h))
            label = self.to_text() if last else f"{self.kind} layer {level}"
            if len(names) == 1:  # a simple RNN: its units are its output
                target = pen.column(shape, label)
                self._feed(pen, source, states[0], target, biases)
                pen.flow(target, states[0], kind="loop")
                source = target
                continue
            copies = []
            for i, name in enumerate(names):
                if i == 0:
                    block = pen.column(Shape((len(names) * h,)),
                                       "gates" if self.gates > 1 else "directions", n=h,
                                       group=name, share=len(names))
                else:
                    block = pen.block(block.column, h, group=name, share=len(names))
                self._feed(pen, source, states[i * directions // len(names)], block, biases)
                copies.append((i * directions // len(names), block))
            target = pen.column(shape, label)
            for direction, block in copies:
                pen.flow(block, pen.part(target, direction * h, (direction + 1) * h))
            for direction, state in enumerate(states):
                pen.flow(pen.part(target, direction * h, (direction + 1) * h), state,
                         kind="loop")
            source = target
        return source

    @staticmethod
    def _feed(pen, inputs, state, units, biases):
        """Input edges, loop edges and bias edges into one copy's units."""
        pen.full(inputs, units)
        pen.full(state, units)
        if biases:
            pen.bias(inputs, units, per_unit=biases)

    def _two_biases_hint(self, convention):
        return "PyTorch keeps two bias vectors per gate copy (b_ih and b_hh)"

    # -- code ----------------------------------------------------------------
    def torch_code(self, shape):
        """``nn.LSTM(n, h, ...)``, batch first as our shapes are; frozen as
        ``.requires_grad_(False)``."""
        args = [f"{shape.features}", f"{self.units}"]
        if self.layers > 1:
            args.append(f"num_layers={self.layers}")
        if not self.bias:
            args.append("bias=False")
        if self.bi:
            args.append("bidirectional=True")
        args.append("batch_first=True")
        code = f"nn.{self.torch_name}({', '.join(args)})"
        return code + ".requires_grad_(False)" if self.frozen else code

    def _keras_layer(self, sequences: bool) -> str:
        args = [f"{self.units}"] + self._keras_options()
        if sequences:
            args.append("return_sequences=True")
        if not self.bias:
            args.append("use_bias=False")
        if self.frozen:  # on the inner layer: Bidirectional copies it, trainable flag too
            args.append("trainable=False")
        code = f"layers.{self.keras_name}({', '.join(args)})"
        return f"layers.Bidirectional({code})" if self.bi else code

    def _keras_options(self) -> list:
        return []

    def keras_code(self, shape):
        """One Keras layer; for stacked layers (Keras has no ``num_layers``) a
        list of layers, every one but the last returning sequences, to spread
        into a Sequential model."""
        if self.layers == 1:
            return self._keras_layer(self.seq)
        middle, last = self._keras_layer(True), self._keras_layer(self.seq)
        if self.layers == 2:
            return f"[{middle}, {last}]"
        if self.seq:
            return f"[{middle} for _ in range({self.layers})]"
        return f"[{middle} for _ in range({self.layers - 1})] + [{last}]"


@dataclass(frozen=True)
class SimpleRNN(_Recurrent):
    """A simple recurrent layer of *units* units on a sequence.

    Examples
    --------
    >>> rnn, seq = SimpleRNN(32), Shape((5, 10))
    >>> rnn.output_shape(seq), SimpleRNN(32, seq=True, bi=True).output_shape(seq)
    (Shape('32'), Shape('5×64'))
    >>> rnn.formula(seq)  # Keras: one bias vector
    '(10 + 32) × 32 + 32 = 1,376'
    >>> rnn.formula(seq, "pytorch")  # PyTorch: b_ih and b_hh
    '(10 + 32) × 32 + 32 + 32 = 1,408'
    >>> [(p.name, p.formula) for p in rnn.parts(seq, "pytorch")]
    [('kernel', '10 × 32'), ('recurrent kernel', '32 × 32'), ('input bias', '32'), ('recurrent bias', '32')]
    >>> rnn.torch_code(seq), rnn.keras_code(seq)
    ('nn.RNN(10, 32, batch_first=True)', 'layers.SimpleRNN(32)')
    >>> SimpleRNN(32).output_shape(Shape((28, 28, 1)))
    Traceback (most recent call last):
    ...
    nnparams_edu.layers.base.ShapeError: rnn 32 needs a sequence (steps×features), got 28×28×1
    """

    kind = "rnn"
    title = "simple RNN"
    torch_name = "RNN"
    keras_name = "SimpleRNN"
