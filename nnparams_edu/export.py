"""Taking a net out of the lesson: a figure file, PyTorch or Keras code.

The generated code builds the same net and states in a comment the parameter
count it must have, so a student can check it with
``sum(p.numel() for p in model.parameters())`` or ``model.count_params()``.
A dense net becomes Linear / Dense layers with ReLU between them; a net of
typed layers (a :class:`~nnparams_edu.model.Model` or its text) is written by
:mod:`nnparams_edu.model_export`.
"""
from __future__ import annotations

from .count import layer_breakdown
from .limits import as_bool, check_pixels
from .model import Model, is_model_text
from .model_export import check_name, model_to_keras, model_to_pytorch
from .spec import as_net

__all__ = ["save_figure", "to_pytorch", "to_keras", "SAVED_TABLE_ROWS"]

#: Rows of the breakdown printed under a saved drawing; a deeper net's
#: middle rows are one "..." row, so the picture keeps a sane height.
SAVED_TABLE_ROWS = 30


def save_figure(net, path, *, bias=None, frozen=None, max_units=12, presentation=False,
                format=None):
    """Save a drawing of *net* with its breakdown table printed underneath.

    Parameters
    ----------
    net : str, sequence of int, Net or networkx.DiGraph
    path : str, path-like or file-like
        The format follows the extension: ``.png``, ``.svg`` or ``.pdf``.
    bias, frozen : bool or sequence of bool, optional
    max_units : int, optional
        As in :func:`~nnparams_edu.draw.draw_network`.
    presentation : bool
        Large fonts and thick lines for slides.
    format : str, optional
        ``"png"``, ``"svg"`` or ``"pdf"``, for a file-like *path*.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "net.svg")
    >>> fig = save_figure("5-8-4-3", path)
    >>> "total: 99 parameters" in open(path).read()
    True
    """
    from matplotlib.figure import Figure

    from .draw import CLASSROOM, PRESENTATION, draw_network

    net = as_net(net, bias=bias, frozen=frozen)
    presentation = as_bool(presentation, "presentation")
    table = layer_breakdown(net).to_text(max_rows=SAVED_TABLE_ROWS)
    lines = table.count("\n") + 1
    font = 14 if presentation else 9
    height = 5 + lines * font * 1.45 / 72
    check_pixels(9 * 100, height * 100)
    fig = Figure(figsize=(9, height), dpi=100)
    ax = fig.add_axes((0, 1 - 5 / height, 1, 5 / height))
    draw_network(net, ax, max_units=max_units,
                 style=PRESENTATION if presentation else CLASSROOM)
    # Text (not glyph outlines) so that the numbers stay searchable in SVG/PDF.
    fig.text(0.04, 1 - 5 / height, table, family="monospace", fontsize=font, va="top")
    fig.savefig(path, format=format)
    return fig


def _count_comment(net) -> str:
    b = layer_breakdown(net)
    text = f"# {net.sizes}: {b.total:,} parameters"
    if b.non_trainable:
        text += f" ({b.trainable:,} trainable, {b.non_trainable:,} frozen)"
    return text + " (counted by nnparams_edu)"


def _typed(net, bias, frozen) -> bool:
    """True for a model or its text (which carry their own bias and frozen flags)."""
    typed = isinstance(net, Model) or is_model_text(net)
    if typed and (bias is not None or frozen is not None):
        raise ValueError("bias and frozen apply to a dense net; a typed model says them "
                         "per layer (e.g. 'dense 10 nobias frozen')")
    return typed


def to_pytorch(net, *, bias=None, frozen=None, name="model") -> str:
    """PyTorch code for *net* as an ``nn.Sequential`` (of ``Linear`` layers
    for a dense net; of each layer's module for a typed model, see
    :func:`~nnparams_edu.model_export.model_to_pytorch`).

    Examples
    --------
    >>> print(to_pytorch("5-8-4-3;nobias=3;frozen=1"))
    import torch.nn as nn
    <BLANKLINE>
    # 5-8-4-3: 96 parameters (48 trainable, 48 frozen) (counted by nnparams_edu)
    model = nn.Sequential(
        nn.Linear(5, 8),
        nn.ReLU(),
        nn.Linear(8, 4),
        nn.ReLU(),
        nn.Linear(4, 3, bias=False),
    )
    model[0].requires_grad_(False)  # frozen connection 1
    assert sum(p.numel() for p in model.parameters()) == 96
    >>> print(to_pytorch("in 4 | dense 3 nobias").splitlines()[-3])
        nn.Linear(4, 3, bias=False),  # dense 3 nobias: 3
    """
    if _typed(net, bias, frozen):
        return model_to_pytorch(net, name)
    net = as_net(net, bias=bias, frozen=frozen)
    name = check_name(name)
    body = []
    for c, (n, m, has_bias, _) in enumerate(net.pairs()):
        body.append(f"    nn.Linear({n}, {m}{'' if has_bias else ', bias=False'}),")
        if c < net.connections - 1:
            body.append("    nn.ReLU(),")
    frozen_lines = [f"{name}[{2 * c}].requires_grad_(False)  # frozen connection {c + 1}"
                    for c, is_frozen in enumerate(net.frozen) if is_frozen]
    total = layer_breakdown(net).total
    return "\n".join(["import torch.nn as nn", "", _count_comment(net),
                      f"{name} = nn.Sequential(", *body, ")", *frozen_lines,
                      f"assert sum(p.numel() for p in {name}.parameters()) == {total}"])


def to_keras(net, *, bias=None, frozen=None, name="model") -> str:
    """Keras code for *net* as a ``Sequential`` (of ``Dense`` layers for a
    dense net; of each layer's Keras layer for a typed model, see
    :func:`~nnparams_edu.model_export.model_to_keras`).

    Examples
    --------
    >>> print(to_keras("5-8-4-3"))
    import keras
    <BLANKLINE>
    # 5-8-4-3: 99 parameters (counted by nnparams_edu)
    model = keras.Sequential([
        keras.Input(shape=(5,)),
        keras.layers.Dense(8, activation="relu"),
        keras.layers.Dense(4, activation="relu"),
        keras.layers.Dense(3),
    ])
    assert model.count_params() == 99
    >>> print(to_keras("in 4 | dense 3 frozen").splitlines()[-3])
        layers.Dense(3, trainable=False),  # dense 3 frozen: 3
    """
    if _typed(net, bias, frozen):
        return model_to_keras(net, name)
    net = as_net(net, bias=bias, frozen=frozen)
    name = check_name(name)
    body = [f"    keras.Input(shape=({net.layers[0]},)),"]
    for c, (_, m, has_bias, is_frozen) in enumerate(net.pairs()):
        options = ['activation="relu"'] if c < net.connections - 1 else []
        if not has_bias:
            options.append("use_bias=False")
        if is_frozen:
            options.append("trainable=False")
        body.append(f"    keras.layers.Dense({', '.join([str(m), *options])}),")
    total = layer_breakdown(net).total
    return "\n".join(["import keras", "", _count_comment(net),
                      f"{name} = keras.Sequential([", *body, "])",
                      f"assert {name}.count_params() == {total}"])
