"""How two nets of typed layers differ, in words: their totals, then layer by
layer, the layers with parameters taken in order and paired, each with its
formula, so that a student sees where the difference comes from (a dense
layer on a flattened image against the conv layer that replaces it)."""
from __future__ import annotations

from itertools import zip_longest

from .model import as_model
from .model_count import model_breakdown

__all__ = ["describe_model_difference"]

#: Most pairs of layers spelled out; the rest are counted.
MAX_PAIRS = 6


def _layer(name, row) -> str:
    return f"{name}'s layer {row.number}, {row.layer} on {row.shape_in}: {row.formula}"


def _change(new, old) -> str:
    change = new - old
    return "the same" if not change else f"{abs(change):,} {'more' if change > 0 else 'fewer'}"


def describe_model_difference(a, b, *, convention="keras", names=("net A", "net B")) -> str:
    """How net *b* differs from net *a*: totals, output shapes, and each pair
    of layers with parameters that differ, with their formulas.

    Parameters
    ----------
    a, b : Model, str or dense net
    convention : {"keras", "pytorch"}
    names : (str, str)
        What to call the two nets.

    Examples
    --------
    A dense layer on a flattened 28×28 image against a conv layer on it:

    >>> print(describe_model_difference("in 28x28x1 | flatten | dense 32",
    ...                                 "in 28x28x1 | conv 32 k=3"))
    Net B has 320 parameters, 24,800 fewer than net A (25,120), -98.7%.
    Net A gives 32, net B 26×26×32.
    Net A's layer 2, dense 32 on 784: (784 + 1) × 32 = 25,120; net B's layer 1, conv 32 k=3 on 28×28×1: (3 × 3 × 1 + 1) × 32 = 320 (24,800 fewer).
    """
    ba = model_breakdown(as_model(a), convention=convention)
    bb = model_breakdown(as_model(b), convention=convention)
    name_a, name_b = names
    ta, tb = ba.total, bb.total
    if ta == tb:
        lines = [f"{name_a} and {name_b} both have {ta:,} parameters."]
    else:
        share = f", {(tb - ta) / ta:+.1%}" if ta else ""
        lines = [f"{name_b} has {tb:,} parameters, {_change(tb, ta)} than {name_a} "
                 f"({ta:,}){share}."]
    if ba.model.output != bb.model.output:
        lines.append(f"{name_a} gives {ba.model.output}, {name_b} {bb.model.output}.")
    with_parameters = [[row for row in rows if row.total or row.weights]
                       for rows in (ba.rows, bb.rows)]
    same, pairs = 0, []
    for x, y in zip_longest(*with_parameters):
        if x is None:
            pairs.append(f"{_layer(name_b, y)}; {name_a} has no layer to match it.")
        elif y is None:
            pairs.append(f"{_layer(name_a, x)}; {name_b} has no layer to match it.")
        elif (x.layer, x.shape_in, x.total) == (y.layer, y.shape_in, y.total):
            same += 1
        else:
            pairs.append(f"{_layer(name_a, x)}; {_layer(name_b, y)} "
                         f"({_change(y.total, x.total)}).")
    if same:
        lines.append(f"{same:,} layer{'s' if same > 1 else ''} with parameters "
                     f"{'are' if same > 1 else 'is'} the same in both.")
    lines.extend(pairs[:MAX_PAIRS])
    if len(pairs) > MAX_PAIRS:
        lines.append(f"… and {len(pairs) - MAX_PAIRS:,} more differences.")
    return "\n".join(line[0].upper() + line[1:] for line in lines)
