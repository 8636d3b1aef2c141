"""Typical wrong totals of a net of typed layers, and the slips that give them.

Each layer kind lists its own slips (``layer.slips(shape, convention)``: a conv
counted without its input channels, an LSTM with three gates, ...). A net's
total goes wrong in more ways than its layers do one by one:

* one layer counted with one of its slips, the others right;
* the same slip made in every layer where the kind allows it;
* every bias forgotten at once, whatever the layers' kinds;
* the layer after a flatten counted with a wrong flatten size: height × width
  without the channels, the size before the last pooling, or the input
  image's size (these depend on more than one layer);
* a layer left out, or counted twice;
* only the trainable parameters, or the other framework's convention.

:func:`model_slips` lists them all with the total each gives;
:func:`slips_giving` keeps those that give one number (every slip that does,
so an answer two slips explain is not pinned on one), and
:func:`coincidences` those that happen to give the right total.
"""
from __future__ import annotations

from typing import NamedTuple

from .layers.base import Shape, ShapeError
from .layers.shaping import Flatten, Pool
from .model_count import model_breakdown

__all__ = ["ModelSlip", "model_slips", "slips_giving", "coincidences", "layer_name"]

#: More layers than this giving one number with the same slip are not named one by one.
MANY = 5


class ModelSlip(NamedTuple):
    """A wrong total of a whole net: what slip (``name``), ``where`` it is
    made, the ``total`` it gives and a ``hint`` that names no right count.
    ``layer`` is the number (from 1) of the one layer it changes and
    ``count`` what that layer is then counted as, or None when it changes the
    whole net.
    """

    name: str
    total: int
    where: str
    hint: str
    layer: int | None = None
    count: int | None = None


def layer_name(model, number: int) -> str:
    """Layer *number* (from 1) as a student reads it.

    Examples
    --------
    >>> from nnparams_edu.model import as_model
    >>> layer_name(as_model("in 28x28x1 | conv 32 k=3 | flatten | dense 10"), 3)
    'layer 3 (dense 10)'
    """
    return f"layer {number:,} ({model.layers[number - 1].to_text()})"


def _layer_slips(breakdown, names) -> list:
    """One layer counted with one of its own slips, the others right. A slip
    that counts this layer right (no input channels on a one-channel image)
    is no mistake here, and is left out."""
    right, out = breakdown.total, []
    for row, where in zip(breakdown.rows, names):
        for slip in row.layer.slips(row.shape_in, breakdown.convention):
            if slip.count == row.total:
                continue
            out.append(ModelSlip(slip.name, right - row.total + slip.count, where, slip.hint,
                                 row.number, slip.count))
    return out


def _everywhere(breakdown, by_layer) -> list:
    """The same slip made in every layer that can make it (two or more)."""
    groups = {}
    for slip in by_layer:
        groups.setdefault(slip.name, []).append(slip)
    out = []
    for name, slips in groups.items():
        numbers = sorted({s.layer for s in slips})
        if len(numbers) < 2 or len(numbers) < len(slips):
            continue  # one layer only, or a slip a layer can make in two ways
        total = breakdown.total + sum(s.total - breakdown.total for s in slips)
        where = "every layer where it can happen (layers " + ", ".join(
            f"{n:,}" for n in numbers) + ")"
        out.append(ModelSlip(name, total, where, slips[0].hint))
    return out


def _all_biases(breakdown) -> list:
    """Every bias of the net forgotten (when two or more layers have biases)."""
    with_bias = [row for row in breakdown.rows if row.biases]
    if len(with_bias) < 2:
        return []
    kinds = {row.layer.kind for row in with_bias}
    parts = ["dense and convolution layers have one per unit or output channel"]
    if kinds & {"layernorm", "batchnorm"}:
        parts.append("a normalisation layer has its shift β, one per feature")
    if "attention" in kinds:
        parts.append("attention's projections have one per output")
    return [ModelSlip("every bias forgotten", breakdown.total - sum(r.biases for r in with_bias),
                      "the whole net", "biases come on top of the weights: " + "; ".join(parts))]


def _flatten_sizes(model, f: int) -> list:
    """``(name, wrong flatten size, hint)`` for the flatten at index *f*."""
    shape = model.shapes[f]
    sizes = []
    if shape.rank >= 2:
        spatial = shape.size // shape.features
        sizes.append(("flatten size without the channels", spatial,
                      "flatten keeps every value of the feature map it gets: height × "
                      "width × channels, not height × width"))
    pools = [i for i in range(f) if isinstance(model.layers[i], Pool)]
    if pools:
        sizes.append(("flatten size from before the last pooling",
                      model.shapes[pools[-1]].size,
                      "flatten gets the feature map after the last pooling, which has "
                      "already shrunk it"))
    if model.input.rank >= 2:
        sizes.append(("flatten size of the input image", model.input.size,
                      "flatten gets the feature map the layers before it produce, not the "
                      "input image"))
    return [(name, size, hint) for name, size, hint in sizes if size != shape.size]


def _flatten_slips(breakdown, names) -> list:
    """The layer after a flatten counted with a wrong flatten size."""
    model, rows, out = breakdown.model, breakdown.rows, []
    for f, layer in enumerate(model.layers):
        if not isinstance(layer, Flatten):
            continue
        after = next((j for j in range(f + 1, len(rows)) if rows[j].total), None)
        if after is None:
            continue
        for name, size, hint in _flatten_sizes(model, f):
            try:
                shape = Shape((size,))
                for between in model.layers[f + 1:after]:
                    shape = between.output_shape(shape)
                count = model.layers[after].count(shape, breakdown.convention)
            except (ShapeError, ValueError):
                continue
            if count != rows[after].total:
                out.append(ModelSlip(name, breakdown.total - rows[after].total + count,
                                     f"{names[after]}, after the flatten",
                                     hint, after + 1, count))
    return out


def _whole_layers(breakdown, names) -> list:
    """A layer left out, or counted twice (nets of two or more counted layers)."""
    counted = [row for row in breakdown.rows if row.total]
    if len(counted) < 2:
        return []
    out = []
    for row in counted:
        where = names[row.number - 1]
        out.append(ModelSlip("layer left out", breakdown.total - row.total, where,
                             "add up every layer that has parameters", row.number, 0))
        out.append(ModelSlip("layer counted twice", breakdown.total + row.total, where,
                             "count each layer once", row.number, 2 * row.total))
    return out


def _conventions(breakdown) -> list:
    """Only the trainable parameters; the other framework's way of counting."""
    out = []
    if breakdown.non_trainable:
        out.append(ModelSlip("only the trainable parameters", breakdown.trainable,
                             "the whole net", "the count asked for includes the parameters "
                             "that are not trained: those of frozen layers and, in Keras, "
                             "BatchNorm's moving mean and variance"))
    other = breakdown.other()
    if other.total != breakdown.total:
        theirs = {"keras": "Keras", "pytorch": "PyTorch"}[other.convention]
        kinds = {row.layer.kind for row in breakdown.rows}
        which = [words for words, these in (("recurrent biases", {"rnn", "lstm", "gru"}),
                                             ("BatchNorm statistics", {"batchnorm"}))
                 if kinds & these]
        out.append(ModelSlip(f"counted as {theirs} counts", other.total, "the whole net",
                             f"{theirs} counts {' and '.join(which) or 'some parameters'} "
                             "differently: count as the question's framework does"))
    return out


def model_slips(net, convention: str = "keras", breakdown=None) -> tuple:
    """Every catalogued slip of *net* with the total it gives.

    Parameters
    ----------
    net : Model, str, sequence of int or Net
        A typed net, its text, or a dense net.
    convention : {"keras", "pytorch"}
    breakdown : ModelBreakdown, optional
        *net*'s breakdown under *convention*, if already worked out.

    Returns
    -------
    tuple of ModelSlip
        Layer slips first (layer by layer), then the same slip everywhere,
        every bias forgotten, flatten sizes, whole layers, conventions.

    Examples
    --------
    >>> net = "in 28x28x1 | conv 32 k=3 | maxpool 2 | flatten | dense 10"
    >>> [(s.name, s.total) for s in model_slips(net) if s.name.startswith("flatten")]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('flatten size without the channels', 2020), ('flatten size from before the last pooling',
      216650), ('flatten size of the input image', 8170)]

    Right: 320 + (13·13·32 + 1)·10 = 320 + 54,090 = 54,410. Without the
    channels the dense layer gets 13·13 = 169 inputs: 320 + 170·10 = 2,020;
    before the pooling 26·26·32 = 21,632: 320 + 21,633·10 = 216,650; the
    input image 28·28 = 784: 320 + 785·10 = 8,170.
    """
    if breakdown is None:
        breakdown = model_breakdown(net, convention=convention)
    names = [layer_name(breakdown.model, row.number) for row in breakdown.rows]
    by_layer = _layer_slips(breakdown, names)
    return tuple(by_layer + _everywhere(breakdown, by_layer) + _all_biases(breakdown)
                 + _flatten_slips(breakdown, names) + _whole_layers(breakdown, names)
                 + _conventions(breakdown))


def slips_giving(net, total: int, convention: str = "keras", among=None) -> tuple:
    """The slips of *net* that give *total*, the same slip in many layers
    named once ("any one of 12 layers"); *among*, the net's
    :func:`model_slips` if already worked out.

    Examples
    --------
    >>> net = "in 28x28x1 | conv 32 k=3 | maxpool 2 | flatten | dense 10"
    >>> [(s.name, s.where) for s in slips_giving(net, 54400)]
    [('forgotten bias', 'layer 4 (dense 10)')]
    >>> slips_giving(net, 54411)
    ()
    """
    among = model_slips(net, convention) if among is None else among
    found = [slip for slip in among if slip.total == total]
    groups = {}
    for slip in found:
        groups.setdefault((slip.name, slip.hint), []).append(slip)
    out = []
    for (name, hint), slips in groups.items():
        if len(slips) > MANY and all(s.layer for s in slips):
            out.append(ModelSlip(name, total, f"any one of {len(slips):,} layers", hint))
        else:
            out.extend(slips)
    return tuple(out)


def coincidences(net, convention: str = "keras") -> tuple:
    """The slips that give the right total of *net* anyway (a right number
    then does not show a right method).

    Examples
    --------
    >>> [(s.name, s.where) for s in coincidences("in 256 | dense 1024 | dense 256")]
    [('+1 on the receiving layer', 'every layer where it can happen (layers 1, 2)')]
    >>> coincidences("in 28x28x1 | conv 32 k=3 | flatten | dense 10")
    ()

    256 · 1,025 + 1,024 · 257 = 263,168 + 262,400 = (256 + 1) · 1,024 + (1,024 +
    1) · 256: giving the inputs the biases in both layers gives the right
    total. On a one-channel image, 3 × 3 × 32 + 32 is the right count of the
    convolution: leaving out the input channels changes nothing there, so it
    is no coincidence.
    """
    right = model_breakdown(net, convention=convention).total
    return slips_giving(net, right, convention)
