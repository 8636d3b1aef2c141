"""Command line: ``python -m nnparams_edu 5 8 4 3``.

Prints the per-connection breakdown and the total; ``--draw FILE`` also saves
a drawing (PNG or SVG). ``python -m nnparams_edu sheet`` prints an exercise
sheet. Bad input exits with status 2 and one line on stderr.
"""
from __future__ import annotations

import argparse
import os
import sys

from .count import layer_breakdown
from .limits import quote
from .spec import as_net

__all__ = ["main"]


class _Parser(argparse.ArgumentParser):
    """argparse, but errors are one line and exit with status 2."""

    def error(self, message):
        raise _UsageError(message)


class _UsageError(Exception):
    pass


def _count_parser():
    parser = _Parser(prog="python -m nnparams_edu",
                     description="Count the trainable parameters of a fully connected "
                                 "net. Example: python -m nnparams_edu 5 8 4 3")
    parser.add_argument("layers", nargs="+",
                        help="layer sizes, input first: 5 8 4 3 or 5-8-4-3")
    parser.add_argument("--no-bias", action="store_true", help="no biases anywhere")
    parser.add_argument("--draw", metavar="FILE",
                        help="also save a drawing of the net (.png or .svg)")
    return parser


def _sheet_parser():
    parser = _Parser(prog="python -m nnparams_edu sheet",
                     description="Print a sheet of random counting exercises.")
    parser.add_argument("--n", type=_whole, default=10, help="number of exercises (10)")
    parser.add_argument("--seed", type=_whole, default=0, help="same seed, same sheet (0)")
    parser.add_argument("--layers", default="3-5", metavar="MIN-MAX",
                        help="how many layers each net has (3-5)")
    parser.add_argument("--units", default="1-16", metavar="MIN-MAX",
                        help="how many units each layer has (1-16)")
    parser.add_argument("--key", action="store_true",
                        help="print the answer key instead of the sheet")
    parser.add_argument("--html", action="store_true", help="HTML instead of Markdown")
    return parser


_DRAW_FORMATS = (".png", ".svg", ".pdf")
#: Longest error line printed.
_MAX_MESSAGE = 300


#: Longest number read from the command line (longer ones are refused unread).
_MAX_OPTION_DIGITS = 18


def _whole(text):
    """argparse type: a whole number, its length checked before int() reads it."""
    body = text.strip().removeprefix("-")
    if not (body.isdecimal() and len(body) <= _MAX_OPTION_DIGITS):
        raise argparse.ArgumentTypeError(f"invalid int value: {quote(text)}")
    return int(text)


def _range(text, name):
    low, _, high = text.partition("-")
    try:
        return _whole(low), _whole(high)
    except argparse.ArgumentTypeError:
        pass
    raise _UsageError(f"--{name} is {quote(text)}; write it as MIN-MAX, e.g. 3-5")


def _net(layers, no_bias):
    """The net named by the positional arguments: one spec ("5-8-4-3") or one
    size per argument ("5 8 4 3"). ``5 -8`` is a size of -8, not 5-8."""
    if len(layers) > 1:
        for position, token in enumerate(layers, 1):
            if "," in token or not token.strip().lstrip("+-").isdecimal():
                raise _UsageError(f"layer {position} is {quote(token)}; give one spec "
                                  "like 5-8-4-3 or one size per argument like 5 8 4 3")
        text = ",".join(layers)
    else:
        text = layers[0]
    return as_net(text, bias=False if no_bias else None)


def _run(argv, out):
    if argv[:1] == ["sheet"]:
        from .sheets import make_sheet

        args = _sheet_parser().parse_args(argv[1:])
        sheet = make_sheet(args.n, seed=args.seed, layers=_range(args.layers, "layers"),
                           units=_range(args.units, "units"))
        page = sheet.key if args.key else sheet
        out.write((page.to_html() if args.html else page.to_markdown()) + "\n")
        return
    args = _count_parser().parse_args(argv)
    net = _net(args.layers, args.no_bias)
    name = os.path.basename(args.draw or "")
    if args.draw is not None and not (name.lower().endswith(_DRAW_FORMATS)
                                      and name[:-4].strip(" .")):
        raise _UsageError(f"--draw {quote(args.draw)}: give a file name ending in "
                          + ", ".join(_DRAW_FORMATS))
    text = layer_breakdown(net).to_text()
    if args.draw is not None:
        from .export import save_figure

        save_figure(net, args.draw)
        text += f"\ndrawing saved to {args.draw}"
    out.write(text + "\n")


def main(argv=None) -> int:
    """Run the command line; return the exit status (0, or 2 for bad input).

    Examples
    --------
    >>> main(["5-8-4-3"])
    #  layers  weights  biases  parameters        running total
    1  5 → 8        40       8  (5 + 1) × 8 = 48             48
    2  8 → 4        32       4  (8 + 1) × 4 = 36             84
    3  4 → 3        12       3  (4 + 1) × 3 = 15             99
    total: 99 parameters
    memory: 396 B as float32, 198 B as float16, 99 B as int8
    0
    """
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        _run(argv, sys.stdout)
    except (_UsageError, ValueError, TypeError, OSError) as error:
        message = " ".join(str(error).split())  # one line, whatever the error says
        if len(message) > _MAX_MESSAGE:
            message = message[:_MAX_MESSAGE - 3] + "..."
        print(f"nnparams_edu: error: {message}", file=sys.stderr)
        return 2
    return 0
