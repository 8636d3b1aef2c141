"""Mutation testing: break the code in small ways and count how many breaks the
tests notice.

Each mutant changes one thing in one module (``<`` to ``<=``, ``+`` to ``-``,
``and`` to ``or``, a number plus one, ``not x`` to ``x``, ...), then that
module's doctests and its few test files run against it
(``pytest --doctest-modules -x``, notebooks and browser tests left out). A mutant
is *killed* when they fail or time out, *survives* when they pass, and is
*equivalent* when it survives but is listed, with the reason it changes no
behaviour, in ``tests/mutation_equivalents.txt``. The score leaves equivalents
out: killed / (mutants - equivalent).

A script to run before a release, not part of CI (it takes long)::

    python -m tools.mutate                       # every module in MODULES
    python -m tools.mutate --module spec --module count
    python -m tools.mutate --module exercises --limit 40   # a sample of 40
    python -m tools.mutate --list --module reveal          # the mutants, not run

The run works on a copy of the package in a temporary folder; the tree is never
changed. Exit status 1 when a module scores under ``--goal`` (90%).
"""
from __future__ import annotations

import argparse
import ast
import importlib
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .mutants import mutants as _mutants
from .mutants import mutated_source

ROOT = Path(__file__).resolve().parents[1]
EQUIVALENTS = ROOT / "tests" / "mutation_equivalents.txt"


def _graph(*names) -> list:
    """Tests of tests/test_model_graph.py by name (``test_`` left out): the ones
    that draw a layer kind in a small net, not the file's two on huge nets
    (VGG16, a table of 10^8 entries), which take seconds each."""
    return [f"tests/test_model_graph.py::test_{name}" for name in names]


#: Module (its path under nnparams_edu/, without .py) -> the test files run
#: against its mutants, besides its own doctests. A new module is one line here.
MODULES = {
    "spec": ["tests/test_spec.py"],
    "count": ["tests/test_count.py"],
    "exercises": ["tests/test_feedback.py", "tests/test_exercises.py", "tests/test_diagnosis.py"],
    "answers": ["tests/test_feedback.py", "tests/test_exercises.py"],
    "feedback": ["tests/test_feedback.py", "tests/test_exercises.py", "tests/test_diagnosis.py"],
    "mistakes": ["tests/test_mistakes.py", "tests/test_exercises.py", "tests/test_diagnosis.py"],
    "diagnosis": ["tests/test_mistakes.py", "tests/test_diagnosis.py", "tests/test_exercises.py"],
    "mistake_tables": ["tests/test_mistakes.py", "tests/test_exercises.py"],
    "export": ["tests/test_export.py"],
    "sheets": ["tests/test_sheets.py"],
    "reveal": ["tests/test_reveal.py"],
    # typed nets: the text form, the count, and one module per layer kind
    "model_text": ["tests/test_model_text.py"],
    "model_count": ["tests/test_model_count.py", "tests/layers/test_embedding.py"],
    "model_mistakes": ["tests/test_model_mistakes.py"],
    "model_exercises": ["tests/test_model_exercises.py"],
    "layers/dense": ["tests/layers/test_dense.py", "tests/test_model_count.py",
                     "tests/test_model_mistakes.py",
                     *_graph("a_small_cnn_as_a_student_draws_it",
                             "lenet5_reads_61706_off_its_graph",
                             "a_tied_output_layer_adds_only_its_biases")],
    "layers/conv": ["tests/layers/test_conv.py", "tests/test_model_mistakes.py",
                    *_graph("a_small_cnn_as_a_student_draws_it",
                            "lenet5_reads_61706_off_its_graph",
                            "groups_reach_only_their_own_channels")],
    "layers/window": ["tests/layers/test_conv.py", "tests/layers/test_shaping.py",
                      "tests/layers/test_window.py"],
    "layers/depthwise": ["tests/layers/test_depthwise.py", "tests/layers/test_conv.py",
                         "tests/test_model_mistakes.py", *_graph("depthwise_and_separable")],
    "layers/shaping": ["tests/layers/test_shaping.py",
                       *_graph("a_small_cnn_as_a_student_draws_it",
                               "flatten_follows_each_frameworks_order")],
    "layers/recurrent": ["tests/layers/test_recurrent.py", "tests/test_model_graph.py"],
    "layers/gated": ["tests/layers/test_recurrent.py", "tests/test_model_graph.py"],
    "layers/embedding": ["tests/layers/test_embedding.py", "tests/test_model_graph.py"],
    "layers/attention": ["tests/layers/test_attention.py", "tests/test_model_graph.py"],
    "layers/norm": ["tests/layers/test_norm.py", "tests/test_model_graph.py"],
}


def mutants(module: str) -> list:
    """Every mutant of ``nnparams_edu/<module>.py``, in source order."""
    return _mutants(module, (ROOT / "nnparams_edu" / f"{module}.py").read_text())


def read_equivalents(path=EQUIVALENTS) -> dict:
    """``key -> reason`` from the equivalents file (``key  # reason`` per line)."""
    found = {}
    if not path.exists():
        return found
    for raw in path.read_text().splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        key, sep, reason = raw.partition("  # ")
        if not sep or not reason.strip():
            raise SystemExit(f"{path.name}: every line needs '  # <reason>': {raw!r}")
        found[key.strip()] = reason.strip()
    return found


class Workspace:
    """A copy of the package and tests in which one module at a time is mutated.

    On systems with ``fork`` each run is a forked child of this process, which
    has imported pytest, its plugins and the heavy libraries once (about 2 s
    saved per mutant); elsewhere each run is a new Python process.
    """

    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="nnparams-mutate-"))
        for name in ("nnparams_edu", "tests"):
            shutil.copytree(ROOT / name, self.dir / name,
                            ignore=shutil.ignore_patterns("__pycache__", "browser"))
        # the lesson notebooks are read by tests (the nets a lesson poses), not run
        shutil.copytree(ROOT / "notebooks", self.dir / "notebooks",
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "*.png"))
        for name in ("conftest.py", "pyproject.toml"):
            shutil.copy(ROOT / name, self.dir / name)
        self.env = {"PYTHONPATH": str(self.dir), "PYTHONDONTWRITEBYTECODE": "1",
                    "MPLBACKEND": "Agg", "KERAS_BACKEND": "torch"}
        self.fork = hasattr(os, "fork")
        if self.fork:
            _preload()

    def run(self, module: str, source: str, timeout: float):
        """``(passed, seconds)`` of the module's tests with *source* in place;
        *passed* is None when they ran out of time."""
        target = self.dir / "nnparams_edu" / f"{module}.py"
        target.write_text(source)
        args = ["-x", "-q", "-p", "no:randomly", "-p", "no:cacheprovider", "-o", "addopts=",
                "--doctest-modules", str(target), *(str(self.dir / t) for t in MODULES[module])]
        start = time.perf_counter()
        if self.fork:
            passed = self._forked(args, timeout)
        else:
            try:
                passed = subprocess.run(
                    [sys.executable, "-m", "pytest", *args], cwd=self.dir,
                    env={**os.environ, **self.env}, timeout=timeout,
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0
            except subprocess.TimeoutExpired:
                passed = None
        return passed, time.perf_counter() - start

    def _forked(self, args, timeout):
        pid = os.fork()
        if pid == 0:  # the child: run pytest on the copy, report by exit status
            code = 3
            try:
                os.chdir(self.dir)
                os.environ.update(self.env)
                sys.path.insert(0, str(self.dir))
                sys.dont_write_bytecode = True
                null = os.open(os.devnull, os.O_WRONLY)
                os.dup2(null, 1)
                os.dup2(null, 2)
                import pytest

                code = int(pytest.main(args))
            finally:
                os._exit(code)
        deadline = time.monotonic() + timeout
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                return os.waitstatus_to_exitcode(status) == 0
            if time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                return None
            time.sleep(0.01)

    def close(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def _preload():
    """Import pytest, its plugins and the package's heavy dependencies (never the
    package itself: each child imports its own, mutated copy)."""
    from importlib.metadata import entry_points

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot  # noqa: F401
    import networkx  # noqa: F401
    import numpy  # noqa: F401
    import pytest  # noqa: F401

    os.environ.setdefault("KERAS_BACKEND", "torch")
    for optional in ("torch", "keras"):  # the export tests run both when installed
        try:
            importlib.import_module(optional)
        except ImportError:
            pass
    for plugin in entry_points(group="pytest11"):
        try:
            plugin.load()
        except Exception:  # a broken plugin is pytest's to report, in the child
            pass


def score(module, workspace, equivalents, *, limit=None, seed=0, only=(), out=print):
    """Run *module*'s mutants (those whose description contains one of *only*,
    if given); return ``(mutants, killed, equivalent, survivors)``."""
    path = ROOT / "nnparams_edu" / f"{module}.py"
    source = path.read_text()
    tree = ast.parse(source)
    chosen = [m for m in mutants(module) if not only or any(o in str(m) for o in only)]
    if limit is not None and limit < len(chosen):
        chosen = sorted(random.Random(seed).sample(chosen, limit), key=lambda m: m.line)
    passed, seconds = workspace.run(module, ast.unparse(tree), timeout=600)
    if not passed:
        raise SystemExit(f"{module}: the tests fail on the unchanged module; fix them first")
    timeout = 3 * seconds + 10
    killed, equivalent, survivors = 0, 0, []
    for mutant in chosen:
        passed, _ = workspace.run(module, mutated_source(tree, mutant.index), timeout)
        if not passed:  # failed, or None: timed out
            killed += 1
        elif mutant.key in equivalents:
            equivalent += 1
        else:
            survivors.append(mutant)
            out(f"  survived  {mutant}", flush=True)
    workspace.run(module, source, timeout)  # leave the copy as it was
    return len(chosen), killed, equivalent, survivors


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.mutate", description=__doc__.split(
        "\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--module", action="append", choices=sorted(MODULES),
                        help="a module to mutate (repeat it; default: all)")
    parser.add_argument("--limit", type=int, help="a random sample of at most N mutants "
                                                  "per module")
    parser.add_argument("--seed", type=int, default=0, help="the sample's seed")
    parser.add_argument("--goal", type=float, default=90.0, help="least score, in percent")
    parser.add_argument("--only", action="append", default=[], metavar="TEXT",
                        help="only the mutants whose line in --list contains TEXT, e.g. "
                             "count.py:35: (repeat it)")
    parser.add_argument("--list", action="store_true", help="list the mutants, run nothing")
    args = parser.parse_args(argv)
    modules = args.module or list(MODULES)
    equivalents = read_equivalents()
    if args.list:
        for module in modules:
            for mutant in mutants(module):
                mark = "  (equivalent)" if mutant.key in equivalents else ""
                print(f"{mutant}{mark}")
        return 0
    known = {m.key for module in MODULES for m in mutants(module)}
    for key in sorted(set(equivalents) - known):
        print(f"stale line in {EQUIVALENTS.name} (no such mutant now): {key}")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # a kill still removes the copy
    workspace = Workspace()
    rows = []
    try:
        for module in modules:
            if args.only and not any(o in str(m) for m in mutants(module) for o in args.only):
                continue
            print(f"{module}: mutating"
                  + (f" (a sample of {args.limit})" if args.limit else ""), flush=True)
            start = time.perf_counter()
            total, killed, equivalent, survivors = score(
                module, workspace, equivalents, limit=args.limit, seed=args.seed,
                only=args.only)
            rows.append((module, total, killed, equivalent, len(survivors),
                         time.perf_counter() - start))
    finally:
        workspace.close()
    print(f"\n{'module':<12}{'mutants':>8}{'killed':>8}{'equiv.':>8}{'survived':>9}"
          f"{'score':>8}{'time':>8}")
    low = False
    for module, total, killed, equivalent, survived, seconds in rows:
        counted = total - equivalent
        percent = 100.0 * killed / counted if counted else 100.0
        low |= percent < args.goal
        print(f"{module:<12}{total:>8}{killed:>8}{equivalent:>8}{survived:>9}"
              f"{percent:>7.1f}%{seconds:>7.0f}s")
    return 1 if low else 0


if __name__ == "__main__":
    sys.exit(main())
