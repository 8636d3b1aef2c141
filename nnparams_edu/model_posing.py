"""Posing a typed net as an exercise: which nets are fair to ask, and the
table a student counts from (shapes shown, counts hidden). The solution folded
away under it is :func:`nnparams_edu.model_solution.model_solution`.

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
           "posed_html", "FAMILIES"]

#: The kinds of random nets :func:`random_model` draws.
FAMILIES = ("cnn", "sequence")

#: Most nets tried to find a fair one.
MAX_TRIES = 1_000


def is_fair(net, convention: str = "keras") -> bool:
    """True when no catalogued slip gives *net*'s right total.

    Examples
    --------
    >>> is_fair("in 28x28x3 | conv 8 k=3 | flatten | dense 10")
    True
    >>> is_fair("in 10x64 | dense 256 | relu | dense 64")  # n·(m+1) + m·(n+1) = (n+1)·m + (m+1)·n
    False
    """
    return not coincidences(net, convention)


def random_model(rng: random.Random, family: str = "cnn"):
    """A small random net, fair or not (see :func:`exercise_model`): a CNN (one
    or two conv blocks, flatten, one or two dense layers) or a sequence net (a
    recurrent layer, or attention and a layer norm, then a dense layer).

    Examples
    --------
    >>> random_model(random.Random(1)).layers[-1].kind
    'dense'
    >>> random_model(random.Random(1), "sequence").input.rank
    2
    """
    if family not in FAMILIES:
        raise ValueError(f"family is {family!r:.40}; it must be one of " + ", ".join(FAMILIES))
    if family == "sequence":
        return _sequence_model(rng)
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


def _sequence_model(rng: random.Random):
    heads = rng.choice((2, 4))
    features = heads * rng.choice((2, 4, 8))
    middle = rng.choice([f"{kind} {rng.choice((8, 12, 16, 32))}" for kind in ("lstm", "gru", "rnn")]
                        + [f"attention {heads} | layernorm"])
    return parse_model(f"in {rng.choice((5, 10, 20))}x{features} | {middle} | "
                       f"dense {rng.choice((1, 2, 3, 5))}")


def exercise_model(seed=None, convention: str = "keras", family: str = "cnn"):
    """A random small net that is fair to pose (no slip gives its total).

    Parameters
    ----------
    seed : int, optional
        The same seed gives the same net.
    convention : {"keras", "pytorch"}
    family : {"cnn", "sequence"}

    Examples
    --------
    >>> net = exercise_model(seed=3)
    >>> is_fair(net), net == exercise_model(seed=3)
    (True, True)
    >>> is_fair(exercise_model(seed=3, convention="pytorch", family="sequence"), "pytorch")
    True
    """
    convention = check_convention(convention)
    if seed is not None:
        whole_number(seed, "seed")
    rng = random.Random(seed)
    for _ in range(MAX_TRIES):
        net = random_model(rng, family)
        if is_fair(net, convention):
            return net
    raise RuntimeError(f"no fair net found in {MAX_TRIES:,} tries")  # pragma: no cover


def posed_rows(net, shapes: bool = True) -> tuple:
    """``(number, layer, shape in, shape out)`` for each layer, as text: what
    a student counts from. No count is in it. With *shapes* False only the
    input shape is given and every other shape is a ``?`` (for an exercise on
    following the shapes).

    Examples
    --------
    >>> posed_rows("in 8x8x3 | conv 4 k=3 | flatten | dense 2")
    (('1', 'conv 4 k=3', '8×8×3', '6×6×4'), ('2', 'flatten', '6×6×4', '144'), ('3', 'dense 2', '144', '2'))
    >>> posed_rows("in 8x8x3 | conv 4 k=3 | flatten", shapes=False)
    (('1', 'conv 4 k=3', '8×8×3', '?'), ('2', 'flatten', '?', '?'))
    """
    model = as_model(net)
    texts = [str(shape) for shape in model.shapes]
    if not shapes:
        texts[1:] = ["?"] * (len(texts) - 1)
    return tuple((f"{number:,}", layer.to_text(), texts[number - 1], texts[number])
                 for number, layer in enumerate(model.layers, 1))


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


def posed_html(net, shapes: bool = True) -> str:
    """The posed net as an HTML table, every count a ``?``.

    Examples
    --------
    >>> posed_html("in 4 | dense 2").count("<td>?</td>")
    1
    """
    head = "".join(f"<th>{escape(h)}</th>" for h in _HEAD)
    body = "".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row)
                   + "<td>?</td></tr>" for row in posed_rows(net, shapes))
    return (f'<table class="nnparams-posed"><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>")
