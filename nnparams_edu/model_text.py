"""The one-line text form of a typed net, read without eval.

The input shape comes first, then the layers, separated by ``|``::

    in 28x28x1 | conv 32 k=3 | relu | maxpool 2 | flatten | dense 10
    in 10x8 | lstm 32 | dense 1
    in 20 tokens | embed 1000 64 | gru 32 | dense 2

A layer is its kind, its main numbers, then ``name=value`` options or bare
flags: ``conv 64 k=3 s=2 p=same g=2 nobias frozen``. Sizes with sides are
written ``AxB`` (``k=3x5``). A run of layers repeated n times is written in
brackets: ``[attention 12 | layernorm] x4``.
"""
from __future__ import annotations

import re
from dataclasses import fields

from .layers import KINDS
from .layers.base import Shape
from .limits import MAX_LAYERS, check_text, quote
from .model import Model

__all__ = ["parse_model", "format_model"]

#: Deepest nesting of bracketed groups read.
MAX_NESTING = 8

_NUMBER = re.compile(r"\d{1,12}")
_SIDES = re.compile(r"\d{1,12}(x\d{1,12}){1,2}")
_DECIMAL = re.compile(r"\d{0,12}\.\d{1,12}")
_WORD = re.compile(r"[a-z_][a-z0-9_]*")
_REPEAT = re.compile(r"\]\s*[x×*]\s*(\d{1,7})\s*$")


def parse_model(text: str) -> Model:
    """A :class:`~nnparams_edu.model.Model` from its one-line text.

    Examples
    --------
    >>> parse_model("in 28x28x1 | conv 32 k=3 | maxpool 2 | flatten | dense 10").shapes[-2]
    Shape('5408')
    >>> parse_model("in 784 | [dense 64 | relu] x2 | dense 10")
    Model('in 784 | dense 64 | relu | dense 64 | relu | dense 10')
    >>> parse_model("in 784 | dense ten")
    Traceback (most recent call last):
    ...
    ValueError: layer 1 'dense ten': 'ten' is not a number; write e.g. dense 10
    >>> parse_model("in 784 | lstmm 10")
    Traceback (most recent call last):
    ...
    ValueError: layer 1 'lstmm 10': unknown kind 'lstmm'; known kinds are dense, conv, ...
    """
    if not isinstance(text, str):
        raise TypeError(f"a model's text must be a string, not {type(text).__name__}")
    check_text(text, "a model")
    if text.count("|") > MAX_LAYERS:  # before splitting anything
        raise ValueError(f"a model may have at most {MAX_LAYERS:,} layers; this text has "
                         f"{text.count('|'):,} '|' between layers")
    pieces = _split(text.strip().lower())
    if not pieces or not pieces[0].startswith("in "):
        raise ValueError(f"{quote(text)} must start with its input shape, e.g. "
                         "'in 28x28x1 | ...' or 'in 784 | ...'")
    shape = _input(pieces[0])
    layers = []
    read = {}  # a piece written again is the same layers: read once
    for piece in pieces[1:]:
        if piece not in read:
            read[piece] = _layers(piece, len(layers) + 1)
        layers.extend(read[piece])
        if len(layers) > MAX_LAYERS:
            raise ValueError(f"a model may have at most {MAX_LAYERS:,} layers")
    return Model(shape, tuple(layers))


def format_model(model) -> str:
    """The text of *model*; :func:`parse_model` reads it back.

    Examples
    --------
    >>> from nnparams_edu.model import as_model
    >>> format_model(as_model("5-8-3"))
    'in 5 | dense 8 | dense 3'
    """
    shape = model.input
    head = "in " + "x".join(map(str, shape.dims)) + (" tokens" if shape.tokens else "")
    return " | ".join([head] + [layer.to_text() for layer in model.layers])


def _split(text: str) -> list:
    """Top-level pieces between ``|``, a bracketed group kept whole."""
    if "[" not in text and "]" not in text:
        pieces = [piece.strip() for piece in text.split("|")]
        for n, piece in enumerate(pieces):
            if not piece:
                raise ValueError(f"piece {n + 1} between '|' is empty")
        return pieces
    pieces, depth, start = [], 0, 0
    for i, char in enumerate(text):
        if char == "[":
            depth += 1
            if depth > MAX_NESTING:
                raise ValueError(f"groups may nest at most {MAX_NESTING} deep; "
                                 f"the '[' at character {i + 1} is deeper")
        elif char == "]":
            depth -= 1
            if depth < 0:
                raise ValueError(f"a ']' at character {i + 1} closes no '['")
        elif char == "|" and depth == 0:
            pieces.append(text[start:i].strip())
            start = i + 1
    if depth:
        raise ValueError("a '[' is never closed with ']'")
    pieces.append(text[start:].strip())
    for n, piece in enumerate(pieces):
        if not piece:
            raise ValueError(f"piece {n + 1} between '|' is empty")
    return pieces


def _input(piece: str) -> Shape:
    words = piece.split()
    tokens = words[-1] == "tokens"
    if tokens:
        words = words[:-1]
    if len(words) != 2 or not (_NUMBER.fullmatch(words[1]) or _SIDES.fullmatch(words[1])):
        raise ValueError(f"input {quote(piece)} must be 'in' and a shape such as 784, 10x8 "
                         "(steps×features), 28x28x1 (height×width×channels) or '20 tokens'")
    return Shape(tuple(int(d) for d in words[1].split("x")), tokens=tokens)


def _layers(piece: str, number: int) -> list:
    if piece.startswith("["):
        match = _REPEAT.search(piece)
        if not match:
            raise ValueError(f"group {quote(piece)} must end with ] x<count>, e.g. "
                             "[dense 64 | relu] x3")
        count = int(match.group(1))
        inner = []
        for sub in _split(piece[1:match.start()]):
            inner.extend(_layers(sub, number + len(inner)))
        if count < 1 or count * len(inner) > MAX_LAYERS:
            raise ValueError(f"group {quote(piece)} repeats {count:,} times; the whole model "
                             f"may have at most {MAX_LAYERS:,} layers")
        return inner * count
    return [_layer(piece, number)]


def _value(word: str, piece: str, number: int):
    if _NUMBER.fullmatch(word):
        return int(word)
    if _SIDES.fullmatch(word):
        return tuple(int(d) for d in word.split("x"))
    if _DECIMAL.fullmatch(word):
        return float(word)
    if _WORD.fullmatch(word):
        return word
    raise ValueError(f"layer {number} {quote(piece)}: cannot read {quote(word)}")


def _layer(piece: str, number: int):
    kind, *words = piece.split()
    if kind not in KINDS:
        raise ValueError(f"layer {number} {quote(piece)}: unknown kind {quote(kind)}; known "
                         "kinds are " + ", ".join(list(KINDS)[:2]) + ", ...")
    cls, options = KINDS[kind]
    options = dict(options)
    names = {f.name: f for f in fields(cls)}
    positional = list(cls.positional())
    for word in words:
        name, sep, raw = word.partition("=")
        if not sep:
            if name in names and isinstance(names[name].default, bool):
                options[name] = True
            elif name.startswith("no") and isinstance(getattr(names.get(name[2:]), "default",
                                                              None), bool):
                options[name[2:]] = False
            elif positional:
                value = _value(word, piece, number)
                if isinstance(value, str):
                    raise ValueError(f"layer {number} {quote(piece)}: {quote(word)} is not a "
                                     f"number; write e.g. {kind} 10")
                options[positional.pop(0)] = value
            else:
                raise ValueError(f"layer {number} {quote(piece)}: unknown option {quote(word)}")
            continue
        if name not in names or name in cls.positional() and name in options:
            raise ValueError(f"layer {number} {quote(piece)}: unknown option {quote(name)}; "
                             f"{kind} takes " + ", ".join(names))
        value = _value(raw, piece, number)
        if isinstance(names[name].default, bool):
            if value not in (0, 1):
                raise ValueError(f"layer {number} {quote(piece)}: {name} is {quote(raw)}; "
                                 "it must be 0 or 1")
            value = bool(value)
        options[name] = value
    if positional and positional[0] not in options:
        example = {"units": "10", "filters": "32"}.get(positional[0], "...")
        raise ValueError(f"layer {number} {quote(piece)}: {kind} needs its {positional[0]}, "
                         f"e.g. {kind} {example}")
    try:
        return cls(**options)
    except (TypeError, ValueError) as err:
        raise type(err)(f"layer {number} {quote(piece)}: {err}") from None
