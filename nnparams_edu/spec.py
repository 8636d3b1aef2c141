"""What a fully connected net is: its layer sizes, and which connections have
biases or are frozen.

Everything else in the package takes a "net": layer sizes as a sequence or a
string (``"5-8-4-3"``), a :class:`Net`, or a graph from
:func:`~nnparams_edu.graph.build_graph`. :func:`as_net` turns any of those into a
:class:`Net`, checking every value and naming the bad one. User text is parsed,
never evaluated.

The shareable spec string is the layer sizes joined by ``-``, followed by
optional flags naming connections by number (1 is input to first hidden)::

    5-8-4-3                      every connection has biases, none frozen
    5-8-4-3;nobias=2;frozen=1,3  connection 2 without biases, 1 and 3 frozen
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from .limits import (MAX_LAYERS, MAX_UNITS, as_bool, is_bool, check_layer_count, check_text,
                     quote, whole_number)

__all__ = ["Net", "as_net", "parse_layers", "parse_spec", "format_spec",
           "MAX_UNITS", "MAX_LAYERS"]


@dataclass(frozen=True)
class Net:
    """Layer sizes plus, for each connection, whether it has biases and whether
    it is frozen (not trainable).

    Connection ``i`` joins layer ``i`` to layer ``i + 1`` (0-based here; the
    messages and spec strings shown to students count from 1).

    Examples
    --------
    >>> net = Net((5, 8, 4, 3))
    >>> net
    Net('5-8-4-3')
    >>> net.connections
    3
    >>> Net((5, 8, 4, 3), bias=(True, False, True), frozen=(True, False, False))
    Net('5-8-4-3;nobias=2;frozen=1')
    >>> list(Net((5, 8, 4)).pairs())
    [(5, 8, True, False), (8, 4, True, False)]
    >>> Net((5, 8, 4)).replace(bias=False)
    Net('5-8-4;nobias=1,2')
    >>> Net((5, 8, 4), frozen=True).sizes
    '5-8-4'
    """

    layers: tuple
    bias: tuple = None
    frozen: tuple = None

    def __post_init__(self):
        layers = _check_sizes(self.layers)
        object.__setattr__(self, "layers", layers)
        n = len(layers) - 1
        object.__setattr__(self, "bias", _check_flags(self.bias, n, "bias", True))
        object.__setattr__(self, "frozen", _check_flags(self.frozen, n, "frozen", False))

    @property
    def sizes(self) -> str:
        """The layer sizes joined by ``-``, without flags: ``"5-8-4-3"``."""
        return "-".join(map(str, self.layers))

    @property
    def connections(self) -> int:
        """Number of connections (layer pairs), one less than the layers."""
        return len(self.layers) - 1

    def pairs(self):
        """``(n_in, n_out, bias, frozen)`` for each connection, in order."""
        return zip(self.layers[:-1], self.layers[1:], self.bias, self.frozen)

    def replace(self, *, bias=None, frozen=None) -> "Net":
        """A copy with new bias or frozen flags (``None`` keeps the current)."""
        return Net(self.layers,
                   self.bias if bias is None else bias,
                   self.frozen if frozen is None else frozen)

    def __str__(self):
        return format_spec(self)

    def __repr__(self):
        return f"Net({format_spec(self)!r})"


def as_net(net, *, bias=None, frozen=None) -> Net:
    """Return *net* as a :class:`Net`, overriding its flags where given.

    Parameters
    ----------
    net : Net, networkx.DiGraph, str or sequence of int
        Layer sizes (``[5, 8, 4, 3]``, ``"5-8-4-3"``, a spec string with
        flags), a :class:`Net`, or a graph made by ``build_graph``.
    bias : bool or sequence of bool, optional
        Biases for every connection (one bool) or for each connection.
        ``None`` keeps what *net* says (biases everywhere for plain sizes).
    frozen : bool or sequence of bool, optional
        Frozen (non-trainable) connections, given like *bias*.

    Returns
    -------
    Net

    Raises
    ------
    TypeError, ValueError
        With a message that names the bad value and the rule.

    Examples
    --------
    >>> as_net("5-8-4-3", bias=False)
    Net('5-8-4-3;nobias=1,2,3')
    >>> as_net([4, 2], frozen=[True]).frozen
    (True,)
    """
    if isinstance(net, Net):
        base = net
    elif hasattr(net, "graph") and hasattr(net, "edges"):
        base = getattr(net, "graph", None)
        base = base.get("net") if isinstance(base, dict) else None
        if not isinstance(base, Net):
            raise ValueError("this graph was not made by build_graph: "
                             "it has no Net in graph.graph['net']")
    elif isinstance(net, str):
        base = parse_spec(net)
    else:
        base = Net(_as_tuple(net))
    if bias is None and frozen is None:
        return base
    return base.replace(bias=bias, frozen=frozen)


def parse_layers(spec) -> tuple:
    """Layer sizes from a sequence of ints or a string.

    Accepted strings: ``"5-8-4-3"``, ``"5, 8, 4, 3"``, ``"[5, 8, 4, 3]"``,
    ``"5 8 4 3"`` and spec strings with flags (the flags are ignored here; see
    :func:`parse_spec`). Nothing is evaluated as code.

    Parameters
    ----------
    spec : str or sequence of int

    Returns
    -------
    tuple of int

    Raises
    ------
    TypeError
        For a value that is not a whole number (floats, booleans, None).
    ValueError
        For fewer than two layers, a size below 1 or above ``MAX_UNITS``, or
        text that is not a list of positive whole numbers.

    Examples
    --------
    >>> parse_layers("5-8-4-3")
    (5, 8, 4, 3)
    >>> parse_layers("[4, 16, 8, 4, 2]")
    (4, 16, 8, 4, 2)
    >>> parse_layers("5 0 3")
    Traceback (most recent call last):
    ...
    ValueError: layer 2 has 0 units; every layer needs at least 1
    """
    if isinstance(spec, str):
        return parse_spec(spec).layers
    return _check_sizes(_as_tuple(spec))


def parse_spec(text: str) -> Net:
    """A :class:`Net` from a spec string, flags included.

    Examples
    --------
    >>> parse_spec("5-8-4-3;nobias=2;frozen=1,3")
    Net('5-8-4-3;nobias=2;frozen=1,3')
    >>> parse_spec("784-128-10").layers
    (784, 128, 10)
    >>> parse_spec("5-8;color=red")
    Traceback (most recent call last):
    ...
    ValueError: unknown flag 'color' in '5-8;color=red'; flags are nobias=... and frozen=...
    """
    if not isinstance(text, str):
        raise TypeError(f"a spec must be a string, not {type(text).__name__}")
    sizes_text, *flag_texts = check_text(text).split(";")
    layers = _check_sizes(_split_sizes(sizes_text))
    n = len(layers) - 1
    flags = {"nobias": set(), "frozen": set()}
    for flag in flag_texts:
        name, sep, value = (part.strip() for part in flag.partition("="))
        if not name and not sep:
            continue
        if name not in flags:
            raise ValueError(f"unknown flag {quote(name)} in {quote(text)}; "
                             "flags are nobias=... and frozen=...")
        if not value:
            raise ValueError(f"flag {name} needs connection numbers, e.g. {name}=1 or "
                             f"{name}=1,3; got {quote(flag.strip())}")
        flags[name] |= _connection_numbers(value, n, name)
    return Net(layers,
               tuple(i not in flags["nobias"] for i in range(1, n + 1)),
               tuple(i in flags["frozen"] for i in range(1, n + 1)))


def format_spec(net) -> str:
    """The compact spec string of *net*; :func:`parse_spec` reads it back.

    Examples
    --------
    >>> format_spec([5, 8, 4, 3])
    '5-8-4-3'
    >>> spec = format_spec(as_net("5-16-3", bias=[False, True], frozen=True))
    >>> spec
    '5-16-3;nobias=1;frozen=1,2'
    >>> parse_spec(spec) == as_net("5-16-3", bias=[False, True], frozen=True)
    True
    """
    if not isinstance(net, Net):
        net = as_net(net)
    text = net.sizes
    for name, numbers_ in (("nobias", [i for i, b in enumerate(net.bias, 1) if not b]),
                           ("frozen", [i for i, f in enumerate(net.frozen, 1) if f])):
        if numbers_:
            text += f";{name}=" + ",".join(map(str, numbers_))
    return text


# -- checks ------------------------------------------------------------------

_INT_TOKEN = re.compile(r"[+-]?\d+")
#: Digits of the largest size, MAX_UNITS: longer numbers are refused unread.
_MAX_DIGITS = len(str(MAX_UNITS))


def _split_sizes(text: str) -> tuple:
    body = text.strip()
    if body[:1] in "[(" and body[-1:] in "])":
        body = body[1:-1].strip()
    if not body:
        raise ValueError(f"{quote(text)} has no layer sizes; write them like 5-8-4-3")
    for sep in "-,":  # the common "5-8-4-3" or "5,8,4,3": read in one go
        if _plain(body, sep):
            tokens = body.split(sep)
            if max(map(len, tokens)) <= _MAX_DIGITS:
                return tuple(map(int, tokens))
    if "," in body:
        _at_most_max_layers(body.count(",") + 1)
        tokens = body.split(",")
    elif re.search(r"\d\s*-", body) and not re.search(r"\d\s+-\d", body):
        _at_most_max_layers(body.count("-") + 1)
        tokens = body.split("-")
    else:  # "5 8 4 3"; also "5 -8", which is a negative size, not 5-8
        _at_most_max_layers(sum(1 for _ in re.finditer(r"\S+", body)))
        tokens = body.split()
    return tuple(_size_token(token, position, text) for position, token in enumerate(tokens, 1))


def _plain(body: str, sep: str) -> bool:
    """ASCII digits joined by single *sep*, no more than ``MAX_LAYERS`` of them
    (checked with string methods: no per-token work, no regex backtracking)."""
    return (body.isascii() and body[0] != sep and body[-1] != sep and sep * 2 not in body
            and body.count(sep) < MAX_LAYERS and body.replace(sep, "").isdigit())


def _size_token(token: str, position: int, text: str) -> int:
    """One layer size read from text; too many digits are refused unread."""
    token = token.strip()
    if not _INT_TOKEN.fullmatch(token):
        shown = quote(token) if token else "nothing"
        raise ValueError(f"layer {position} is {shown} in {quote(text)}; "
                         "every layer size must be a whole number like 8")
    if len(token.lstrip("+-").lstrip("0")) > _MAX_DIGITS:
        raise ValueError(f"layer {position} has a {len(token):,}-digit number of units; "
                         f"a layer may have at most {MAX_UNITS:,}")
    return int(token)


#: Types that look like sequences but are not lists of sizes.
_NOT_SIZES = (bytes, bytearray, memoryview, dict, set, frozenset)


def _as_tuple(sizes) -> tuple:
    """A tuple of *sizes*, its length checked before anything is copied."""
    if sizes is None:
        raise TypeError("a net is needed: give layer sizes such as [5, 8, 4, 3]")
    if isinstance(sizes, _NOT_SIZES) or not isinstance(sizes, Sequence) \
            and not hasattr(sizes, "__array__"):
        raise TypeError(f"layer sizes must be a list of whole numbers or a string "
                        f"like '5-8-4-3', not {type(sizes).__name__}")
    try:
        length = len(sizes)
    except OverflowError:  # range(10**20): more layers than an index can count
        raise ValueError(f"a net may have at most {MAX_LAYERS:,} layers, got far more") \
            from None
    except TypeError:  # a 0-d numpy array
        raise TypeError(f"layer sizes must be a list of whole numbers, not "
                        f"{quote(sizes)}") from None
    _at_most_max_layers(length)
    return tuple(sizes)


def _at_most_max_layers(count: int) -> None:
    """Refuse too many layers from a count alone (the sizes are read later)."""
    if count > MAX_LAYERS:
        check_layer_count(count)


def _check_sizes(sizes: tuple) -> tuple:
    if len(sizes) < 2:
        raise ValueError(f"a net needs at least 2 layers (input and output), "
                         f"got {len(sizes)}: {quote(list(sizes))}")
    check_layer_count(len(sizes))
    if set(map(type, sizes)) == {int} and 1 <= min(sizes) and max(sizes) <= MAX_UNITS:
        return sizes  # plain ints in range: nothing to convert (fast for deep nets)
    checked = []
    for position, size in enumerate(sizes, 1):
        size = whole_number(size, f"layer {position}")
        if size < 1:
            raise ValueError(f"layer {position} has {size} units; "
                             "every layer needs at least 1")
        if size > MAX_UNITS:
            raise ValueError(f"layer {position} has {size:,} units; "
                             f"a layer may have at most {MAX_UNITS:,}")
        checked.append(size)
    return tuple(checked)


def _check_flags(value, n: int, name: str, default: bool) -> tuple:
    if value is None:
        value = default
    if is_bool(value):
        return (bool(value),) * n
    if isinstance(value, (str, *_NOT_SIZES)) or not isinstance(value, Sequence) \
            and not hasattr(value, "__array__"):
        raise TypeError(f"{name} must be True, False or one bool per connection, "
                        f"not {quote(value)}")
    try:
        length = len(value)
    except (TypeError, OverflowError):
        raise TypeError(f"{name} must be True, False or one bool per connection, "
                        f"not {quote(value)}") from None
    if length == n and all(type(flag) is bool for flag in value):
        return tuple(value)
    if length != n:
        raise ValueError(f"{name} has {length:,} values but the net has {n:,} "
                         f"connection{'s' if n != 1 else ''}; give one bool per connection")
    return tuple(as_bool(flag, f"{name} for connection {i}")
                 for i, flag in enumerate(value, 1))


def _connection_numbers(text: str, n: int, name: str) -> set:
    numbers_ = set()
    for token in filter(None, (t.strip() for t in text.split(","))):
        if not (token.isdecimal() and len(token) <= _MAX_DIGITS and 1 <= int(token) <= n):
            raise ValueError(f"{name}={quote(text)} names connection {quote(token)}; "
                             f"connections are numbered 1 to {n:,}")
        numbers_.add(int(token))
    return numbers_
