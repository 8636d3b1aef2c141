"""Limits are decided from sizes before anything is built.

Each huge input runs in its own process under a memory cap
(``resource.setrlimit(RLIMIT_AS)``) and a timeout, so a regression that
starts building fails the test instead of taking the machine down.
"""
import json
import os
import subprocess
import sys
from collections.abc import Sequence

import numpy as np
import pytest

from nnparams_edu import as_net
from nnparams_edu.limits import (MAX_LAYERS, MAX_SPEC_CHARS, QUOTE_CHARS, check_pixels,
                                 quote, whole_number)
from nnparams_edu.spec import Net, format_spec, parse_spec

#: Address space allowed to each huge-input process: the interpreter with numpy,
#: networkx and matplotlib loaded uses well under this; one big build does not fit.
MEMORY_CAP = 1536 * 2**20

PROBE = r"""
import json, resource, sys, time, tracemalloc
resource.setrlimit(resource.RLIMIT_AS, ({cap}, {cap}))
import matplotlib
matplotlib.use("Agg")
from nnparams_edu import as_net, build_graph, count_parameters
from nnparams_edu.figure import NetworkFigure
from nnparams_edu.sheets import make_sheet, random_net
{setup}
tracemalloc.start()
start = time.perf_counter()
try:
    {call}
    outcome = "ok"
except (ValueError, TypeError) as error:
    outcome = type(error).__name__ + ": " + str(error)
seconds = time.perf_counter() - start
print(json.dumps({{"outcome": outcome, "seconds": seconds,
                  "peak": tracemalloc.get_traced_memory()[1]}}))
"""


def probe(call, setup=""):
    """Run *call* in a capped process; its outcome, seconds and peak bytes."""
    code = PROBE.format(cap=MEMORY_CAP, setup=setup, call=call)
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", PYTHONPATH=os.getcwd())
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=30, env=env)
    assert result.returncode == 0, result.stderr[-500:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("call, setup, words", [
    ('build_graph("100000000-1")', "", "100,000,001 edges"),
    ('build_graph("10000000-1")', "", "10,000,001 edges"),
    ("as_net(range(1, 10**8))", "", "at most 100,000 layers, got 99,999,999"),
    ("as_net(spec)", 'spec = "5-8-" * 2_500_000', "10,000,000 characters is too long"),
    ("as_net(spec)", 'spec = "5-x-" * 2_500_000', "too long"),
    ("as_net(spec)", 'spec = "1," * 1_000_000', "at most 100,000 layers"),
    ("make_sheet(1, layers=(2, 10**9))", "", "max <= 100,000"),
    ("make_sheet(200, layers=(50, 50))", "", "too much work"),
    ("random_net(layers=(10**9, 10**9))", "", "max <= 100,000"),
    ('canvas.draw("1000-998", max_units=None)', "canvas = NetworkFigure()",
     "998,998 lines"),
])
def test_huge_inputs_are_refused_at_once(call, setup, words):
    result = probe(call, setup)
    assert words in result["outcome"] and result["outcome"].startswith("ValueError")
    assert result["seconds"] < 0.5
    assert result["peak"] < 5 * 2**20
    assert len(result["outcome"]) < 300


def test_the_deepest_net_draws_within_limits():
    result = probe("canvas.draw(net); png = canvas.to_png()",
                   "canvas = NetworkFigure()\nnet = [5] + [8] * 99_998 + [3]")
    assert result["outcome"] == "ok"
    assert result["seconds"] < 5  # ~0.1 s warm; the benchmark holds the real goal
    assert result["peak"] < 50 * 2**20


def test_cli_sheet_with_a_billion_layers_exits_2_at_once():
    result = subprocess.run([sys.executable, "-m", "nnparams_edu", "sheet", "--layers",
                             "2-1000000000"], capture_output=True, text=True, timeout=60,
                            preexec_fn=_cap)
    assert result.returncode == 2 and "max <= 100,000" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def _cap():
    import resource
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


class _Huge(Sequence):
    """A sequence that claims 10**8 items and refuses to hand any out."""

    def __len__(self):
        return 10**8

    def __getitem__(self, index):
        raise AssertionError("an item was read before the length was checked")


def test_the_length_of_a_sequence_is_checked_before_it_is_copied():
    with pytest.raises(ValueError, match="at most 100,000 layers, got 100,000,000"):
        as_net(_Huge())
    with pytest.raises(ValueError, match="at most 100,000 layers"):
        as_net(range(10**20))  # len() itself overflows


def test_the_spec_of_the_largest_net_fits_the_text_limit_and_reads_back():
    n = MAX_LAYERS
    net = Net((100_000_000,) * n, bias=(False,) * (n - 1), frozen=(True,) * (n - 1))
    text = format_spec(net)
    assert len(text) <= MAX_SPEC_CHARS
    assert parse_spec(text) == net


@pytest.mark.parametrize("value", ["9" * 10_000_000, [[[[[[1]]]]]], list(range(10**5)),
                                   b"\x00" * 10**6])
def test_quote_is_short(value):
    assert len(quote(value)) <= QUOTE_CHARS


def test_quote_survives_deep_nesting_and_broken_repr():
    nested = []
    for _ in range(5000):
        nested = [nested]

    class Broken:
        def __repr__(self):
            raise RuntimeError("no repr")

    assert quote(nested) == "[[[...]]]"
    assert quote(Broken()).startswith("<Broken")


def test_whole_number_accepts_numpy_and_refuses_the_rest():
    assert whole_number(np.int64(7), "seed") == 7 and type(whole_number(np.int8(7), "x")) is int
    for bad in (True, np.True_, 2.5, float("inf"), "7", None):
        with pytest.raises(TypeError, match="whole number"):
            whole_number(bad, "x")


@pytest.mark.parametrize("size", [(800, 500), (16_384, 2_000)])
def test_pictures_within_limits_pass(size):
    check_pixels(*size)


@pytest.mark.parametrize("size", [(900, 91_161), (20_000, 10), (10_000, 10_000)])
def test_pictures_too_large_are_refused(size):
    with pytest.raises(ValueError, match="too large"):
        check_pixels(*size)
