"""Fuzzing every public entry: specs, layer lists, answers, widget text boxes
and command lines.

Whatever comes in, only a ValueError or TypeError may come out, each call
takes under 2 s and under 100 MB (tracemalloc peak), and every message is at
most 300 characters. The "ci" profile (default) tries a little over 2,000
inputs in all; ``HYPOTHESIS_PROFILE=thorough`` tries ten times as many.
"""
import contextlib
import io
import os
import time
import tracemalloc

import numpy as np
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import given
from hypothesis import strategies as st

from nnparams_edu import as_net, build_graph, count_parameters, format_spec, layer_breakdown
from nnparams_edu.cli import main
from nnparams_edu.count import describe_difference
from nnparams_edu.exercises import check_answer
from nnparams_edu.limits import quote
from nnparams_edu.sheets import make_sheet, random_net

settings.register_profile("ci", max_examples=1, deadline=None, derandomize=True,
                          suppress_health_check=list(HealthCheck))
settings.register_profile("thorough", parent=settings.get_profile("ci"))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
SCALE = 10 if os.environ.get("HYPOTHESIS_PROFILE") == "thorough" else 1

MAX_SECONDS = 2.0
MAX_PEAK = 100 * 2**20
MAX_MESSAGE = 300

#: Worst seen over the run, reported by the last test of this file.
STATS = {"examples": {}, "calls": 0, "seconds": 0.0, "peak": 0, "message": 0}


def examples(n):
    return settings(max_examples=n * SCALE)


def tried(kind):
    """Count one example (one input) of *kind*."""
    STATS["examples"][kind] = STATS["examples"].get(kind, 0) + 1


def _once(call, args, kwargs, traced):
    """One run of *call*: result, message, seconds and tracemalloc peak (0 untraced)."""
    if traced:
        tracemalloc.start()
    start = time.perf_counter()
    message = ""
    try:
        result = call(*args, **kwargs)
    except (ValueError, TypeError) as error:
        result, message = None, str(error)
    finally:
        seconds = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1] if traced else 0
        if traced:
            tracemalloc.stop()
    return result, message, seconds, peak


def guarded(kind, call, *args, reset=None, **kwargs):
    """Run *call*: only ValueError/TypeError, fast, small, short messages.

    Time is measured on a plain run (tracemalloc slows allocation several
    times over), the memory peak on a second run under tracemalloc, after
    *reset* (for widgets: a blank text box, so the second typing is a change).
    """
    STATS["calls"] += 1
    result, message, seconds, _ = _once(call, args, kwargs, traced=False)
    if reset is not None:
        reset()
    _, _, _, peak = _once(call, args, kwargs, traced=True)
    if seconds > STATS["seconds"]:
        STATS["slowest"] = f"{kind} {getattr(call, '__name__', call)}{quote(args)}"
    STATS["seconds"] = max(STATS["seconds"], seconds)
    STATS["peak"] = max(STATS["peak"], peak)
    STATS["message"] = max(STATS["message"], len(message))
    assert seconds < MAX_SECONDS, f"{kind} took {seconds:.2f} s"
    assert peak < MAX_PEAK, f"{kind} peaked at {peak / 2**20:.0f} MiB"
    assert len(message) <= MAX_MESSAGE, f"{kind}: message of {len(message)} characters"
    return result, message


# -- what users type ----------------------------------------------------------

numbers = st.one_of(st.integers(-3, 40).map(str), st.integers(0, 10**12).map(str),
                    st.integers(1, 3000).map(lambda n: "9" * n),
                    st.sampled_from(["0", "-0", "+5", "007", "5.5", "1e3", "²", "٣", "５",
                                     "nan", "inf", "", " ", "x", "\x00", "⋮"]))
separators = st.sampled_from(["-", ",", " ", " - ", ", ", "--", ";", "\t", "\n", "-\u00a0"])
flags = st.builds(lambda name, sep, value: f";{name}{sep}{value}",
                  st.sampled_from(["nobias", "frozen", "color", "", " nobias "]),
                  st.sampled_from(["=", "", "=="]),
                  st.lists(numbers, max_size=4).map(",".join))


@st.composite
def specs(draw):
    """Spec-like text: sizes, separators, brackets, flags; any text; now and
    then a deep or long one (up to 100,001 layers, 2.4 MB)."""
    pick = draw(st.integers(0, 39))
    if pick == 0:
        size, sep = draw(st.sampled_from(["8", "100000000", "x", "1" * 12])), draw(separators)
        count = draw(st.sampled_from([13, 1_000, 100_000, 100_001, 240_000]))
        return sep.join([size] * count)
    if pick < 8:
        return draw(st.text(max_size=80))
    sizes = draw(st.lists(numbers, min_size=0, max_size=8))
    sep = draw(separators)
    body = sep.join(sizes)
    if draw(st.booleans()):
        body = draw(st.sampled_from(["[{}]", "({})", "[{}", "{})", " {} "])).format(body)
    return body + "".join(draw(st.lists(flags, max_size=2)))


scalars = st.one_of(st.integers(-5, 40), st.integers(-10**30, 10**30), st.booleans(),
                    st.floats(allow_nan=True), st.none(), st.text(max_size=5),
                    st.sampled_from([np.int64(5), np.int8(-1), np.uint64(2**63), np.True_,
                                     np.float64(3.0), b"5", bytearray(b"5")]))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4), max_leaves=12)


# -- the public API -------------------------------------------------------------

@examples(750)
@given(specs())
def test_any_spec_text(text):
    tried("spec")
    net, _ = guarded("spec", as_net, text)
    guarded("spec", count_parameters, text)
    guarded("spec", build_graph, text, max_units=12)
    if net is not None:
        assert as_net(format_spec(net)) == net
        guarded("spec", layer_breakdown, net)
        guarded("spec", describe_difference, "5-8-4-3", net)


@examples(450)
@given(values, st.one_of(st.none(), values), st.one_of(st.none(), values))
def test_any_layer_list_and_flags(layers, bias, frozen):
    tried("list")
    guarded("list", as_net, layers, bias=bias, frozen=frozen)
    guarded("list", random_net, 1, layers=layers, units=bias if bias is not None else (1, 3))


@examples(100)
@given(st.one_of(scalars, st.integers(-5, 300)),
       st.one_of(scalars, st.integers(-5, 10)), values)
def test_any_sheet(n, seed, layers):
    tried("sheet")
    guarded("sheet", make_sheet, n, seed=seed, layers=layers)


answers = st.one_of(st.text(max_size=30), numbers,
                    st.lists(st.sampled_from(["1", "234", "5", " ", ",", "."]), max_size=6)
                    .map("".join))


@examples(400)
@given(answers, st.lists(answers, min_size=3, max_size=3))
def test_any_answer(answer, per_connection):
    tried("answer")
    feedback, _ = guarded("answer", check_answer, "5-8-4-3", answer)
    assert len(feedback.message) <= MAX_MESSAGE
    feedback, _ = guarded("answer", check_answer, "5-8-4-3", "99",
                          per_connection=per_connection)
    assert len(feedback.message) <= MAX_MESSAGE


def test_long_and_empty_answers_are_quoted_short():
    for answer in (",", " , ", ",,"):  # issue 9, reproducer 1
        assert not check_answer("5-8-4-3", answer).correct
    for answer in ("9" * 410, "x" * 5000, "1," * 300):
        assert len(check_answer("5-8-4-3", answer).message) <= MAX_MESSAGE


# -- widget text boxes ----------------------------------------------------------

@pytest.fixture(scope="module")
def boxes():
    from nnparams_edu.widgets import compare, exercise, explorer

    return explorer(), compare(), exercise("5-8-4-3", picture=False)


def test_explorer_quotes_a_deep_net_short(boxes):
    ex = boxes[0]
    ex.spec.value = "-".join(["8"] * 1000)
    assert "8-8-8-…-8-8-8 (1,000 layers) has 998 hidden layers" in ex.message.value
    assert len(ex.message.value) < MAX_MESSAGE + 200


def _type(box, text):
    box.value = text


@examples(150)
@given(st.one_of(specs(), answers))
def test_any_text_typed_into_a_widget(boxes, text):
    tried("widget")
    ex, comp, exer = boxes
    for box, shown in [(ex.spec, ex.message), (comp.specs[0], comp.message),
                       (exer.answer, exer.feedback)]:
        guarded("widget", _type, box, text, reset=lambda box=box: _type(box, ""))
        # what the widget shows quotes at most a short piece of the text
        assert len(shown.value) < MAX_MESSAGE + 200


# -- the command line -----------------------------------------------------------

arguments = st.one_of(numbers, specs(), st.sampled_from(
    ["--no-bias", "--draw", "x.png", "x.nope", "", "--n", "--seed", "--layers", "--units",
     "--key", "--html", "sheet", "2-3", "3-1000000000", "-", "--", "-h"]))


def _run(argv):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(argv)
        except SystemExit as leave:  # -h prints help and leaves with 0
            status = leave.code
    return status, err.getvalue()


@examples(350)
@given(st.lists(arguments, min_size=0, max_size=5))
def test_any_command_line(tmp_path_factory, argv):
    tried("cli")
    if "--draw" in argv:  # drawings go to a scratch folder, never the working one
        folder = tmp_path_factory.mktemp("draw")
        argv = [str(folder / a) if a.endswith(".png") else a for a in argv]
    (status, err), _ = guarded("cli", _run, argv)
    assert status in (0, 2)
    if status == 2:
        assert err.count("\n") == 1 and len(err) <= MAX_MESSAGE + 30


def test_examples_tried_in_total():
    """Runs last: the count of inputs and the worst time, memory and message."""
    total = sum(STATS["examples"].values())
    print(f"\nfuzz: {total} examples {STATS['examples']}, {STATS['calls']} guarded calls; "
          f"worst {STATS['seconds']:.3f} s, {STATS['peak'] / 2**20:.1f} MiB, "
          f"message {STATS['message']} characters; slowest: {STATS.get('slowest')}")
    if len(STATS["examples"]) == 6:  # the whole file ran
        assert total >= 2_000
