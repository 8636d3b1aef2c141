"""Posing a typed net as an exercise: which nets are fair to ask, and the
table a student counts from (shapes shown, counts hidden).

A net is fair to pose when no catalogued slip gives its right total (see
:func:`~nnparams_edu.model_mistakes.coincidences`): otherwise a wrong method
is marked right. A conv layer straight on a one-channel image is the usual
case: leaving out the input channels changes nothing there.
"""
from __future__ import annotations

import random
from html import escape

from .layers.base import check_convention
from .limits import whole_number
from .model import as_model
from .model_mistakes import coincidences
from .model_text import parse_model

__all__ = ["is_fair", "random_model", "exercise_model", "posed_rows", "posed_table",
           "posed_html"]

#: Most nets tried to find a fair one.
MAX_TRIES = 1_000


def is_fair(net, convention: str = "keras") -> bool:
    """True when no catalogued slip gives *net*'s right total.

    Examples
    --------
    >>> is_fair("in 28x28x1 | conv 8 k=3 | flatten | dense 10")  # C = 1: channels left out is right
    False
    >>> is_fair("in 28x28x3 | conv 8 k=3 | flatten | dense 10")
    True
    """
    return not coincidences(net, convention)


def random_model(rng: random.Random):
    """A small random CNN (one or two conv blocks, flatten, one or two dense
    layers), fair or not; see :func:`exercise_model`.

    Examples
    --------
    >>> random_model(random.Random(1)).layers[-1].kind
    'dense'
    """
    side = rng.choice((8, 10, 12, 14, 16, 28, 32))
    pieces = [f"in {side}x{side}x{rng.choice((1, 2, 3))}"]
    for _ in range(rng.randint(1, 2)):
        k = rng.choice((3, 5))
        if side - k + 1 < 2:
            break
        pieces.append(f"conv {rng.choice((4, 6, 8, 12, 16, 32))} k={k}")
        side -= k - 1
        if rng.random() < 0.4:
            pieces.append("relu")
        if side >= 4 and rng.random() < 0.7:
            pieces.append("maxpool 2")
            side //= 2
    pieces.append("flatten")
    if rng.random() < 0.3:
        pieces.append("dropout 0.5")
    if rng.random() < 0.5:
        pieces.append(f"dense {rng.choice((16, 32, 64, 120))}")
    pieces.append(f"dense {rng.choice((2, 3, 5, 10))}")
    return parse_model(" | ".join(pieces))


def exercise_model(seed=None, convention: str = "keras"):
    """A random small CNN that is fair to pose (no slip gives its total).

    Parameters
    ----------
    seed : int, optional
        The same seed gives the same net.
    convention : {"keras", "pytorch"}

    Examples
    --------
    >>> net = exercise_model(seed=3)
    >>> is_fair(net), net == exercise_model(seed=3)
    (True, True)
    """
    check_convention(convention)
    if seed is not None:
        whole_number(seed, "seed")
    rng = random.Random(seed)
    for _ in range(MAX_TRIES):
        net = random_model(rng)
        if is_fair(net, convention):
            return net
    raise RuntimeError(f"no fair net found in {MAX_TRIES:,} tries")  # pragma: no cover


def posed_rows(net) -> tuple:
    """``(number, layer, shape in, shape out)`` for each layer, as text: what
    a student counts from. No count is in it.

    Examples
    --------
    >>> posed_rows("in 8x8x3 | conv 4 k=3 | flatten | dense 2")
    (('1', 'conv 4 k=3', '8×8×3', '6×6×4'), ('2', 'flatten', '6×6×4', '144'), ('3', 'dense 2', '144', '2'))
    """
    model = as_model(net)
    return tuple((f"{number:,}", layer.to_text(), str(shape_in), str(shape_out))
                 for number, (layer, shape_in, shape_out)
                 in enumerate(zip(model.layers, model.shapes, model.shapes[1:]), 1))


_HEAD = ("#", "layer", "shape in", "shape out", "parameters")


def posed_table(net) -> str:
    """The posed net as a text table, every count a ``?``.

    Examples
    --------
    >>> print(posed_table("in 8x8x3 | conv 4 k=3 | flatten | dense 2"))
    #  layer       shape in  shape out  parameters
    1  conv 4 k=3  8×8×3     6×6×4      ?
    2  flatten     6×6×4     144        ?
    3  dense 2     144       2          ?
    """
    table = [_HEAD] + [row + ("?",) for row in posed_rows(net)]
    widths = [max(len(row[i]) for row in table) for i in range(len(_HEAD))]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip()
                     for row in table)


def posed_html(net) -> str:
    """The posed net as an HTML table, every count a ``?``.

    Examples
    --------
    >>> posed_html("in 4 | dense 2").count("<td>?</td>")
    1
    """
    head = "".join(f"<th>{escape(h)}</th>" for h in _HEAD)
    body = "".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row)
                   + "<td>?</td></tr>" for row in posed_rows(net))
    return (f'<table class="nnparams-posed"><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>")
