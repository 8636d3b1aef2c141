"""Command line: ``python -m nnparams_edu 5 8 4 3``.

Prints the per-connection breakdown and the total; ``--draw FILE`` also saves
a drawing (PNG or SVG). ``python -m nnparams_edu sheet`` prints an exercise
sheet. ``nnparams lessons [FOLDER]`` copies the lessons and opens JupyterLab
there; ``nnparams present`` serves the class deck with Voilà. Bad input exits
with status 2 and one line on stderr.
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


def _server_options(parser, port):
    parser.add_argument("--port", type=_whole, default=port, help=f"port to listen on ({port})")
    parser.add_argument("--ip", default="127.0.0.1",
                        help="address to listen on (127.0.0.1; 0.0.0.0 for every interface)")
    parser.add_argument("--no-browser", action="store_true", help="do not open a browser")


def _lessons_parser():
    from .lessons import DEFAULT_FOLDER

    parser = _Parser(prog="nnparams lessons",
                     description="Copy the lessons into FOLDER (never overwriting one you "
                                 "changed) and open JupyterLab there.")
    parser.add_argument("folder", nargs="?", default=DEFAULT_FOLDER,
                        help=f"where the lessons go ({DEFAULT_FOLDER})")
    parser.add_argument("--fresh", action="store_true",
                        help="also put a fresh copy beside each lesson you changed "
                             "(NAME-fresh.ipynb)")
    parser.add_argument("--copy-only", action="store_true", help="copy, do not start JupyterLab")
    _server_options(parser, 8888)
    return parser


def _present_parser():
    parser = _Parser(prog="nnparams present",
                     description="Serve the class deck (lesson 5) with Voilà, kernels "
                                 "preheated for the class.")
    parser.add_argument("--pool", type=_whole, default=30,
                        help="kernels kept ready: students opening the deck at once (30); "
                             "0 for no preheating")
    _server_options(parser, 8866)
    return parser


def _lessons(argv, out):
    from .lessons import copy_lessons, lab_command

    args = _lessons_parser().parse_args(argv)
    out.write(copy_lessons(args.folder, fresh=args.fresh).to_text() + "\n")
    if args.copy_only:
        return 0
    command, address = lab_command(args.folder, port=args.port, ip=args.ip,
                                   browser=not args.no_browser)
    out.write(f"Opening JupyterLab in {args.folder}: {address}\n")
    out.flush()
    os.execv(command[0], command)


def _present(argv, out):
    from .present import present_command, serve

    args = _present_parser().parse_args(argv)
    command, address, env = present_command(port=args.port, ip=args.ip, pool=args.pool,
                                            browser=not args.no_browser)
    return serve(command, address, env, args.pool, out=out)


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
    if argv[:1] == ["lessons"]:
        return _lessons(argv[1:], out)
    if argv[:1] == ["present"]:
        return _present(argv[1:], out)
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
    """Run the command line; return the exit status (0, 2 for bad input, or the
    server's own status for ``present``).

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
        status = _run(argv, sys.stdout)
    except (_UsageError, ValueError, TypeError, OSError) as error:
        message = " ".join(str(error).split())  # one line, whatever the error says
        if len(message) > _MAX_MESSAGE:
            message = message[:_MAX_MESSAGE - 3] + "..."
        print(f"nnparams_edu: error: {message}", file=sys.stderr)
        return 2
    return status or 0
