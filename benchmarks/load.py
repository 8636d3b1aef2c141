"""A class opening the deck: 30 students load lesson 5 served by Voilà, with
preheated kernels (``nnparams present``) and without, in the same run.

Run from the project folder:  python -m benchmarks.load [--students 30] [--timeout 180]

For each way of serving, a fresh server on 127.0.0.1 and two arrivals: one
student a second, and every student in the same second. Each student is a page
in one headless Chromium (one profile: the pages share its cache), opening the
prepared link ``?section=6`` (the explorer). Printed per run: seconds from a
student's arrival until the page shows its picture (median, p95, max, how many
never did within --timeout) and until the server had sent the whole page; then,
with every page still connected, milliseconds from a slider key press to the
new count and picture (p95 over 3 moves per student), the kernels' memory, the
JavaScript errors, and the CPU seconds the browser and the server used while
the class arrived. The browser runs on the same machine as the server and
shares its cores, which in a class each student's own computer provides. Only
loopback is reached: Chromium resolves no other host name.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import signal
import statistics
from collections import Counter
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

from benchmarks.browser_latency import _INSTRUMENT
from nnparams_edu.present import DECK, present_command
from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, NOTEBOOKS, console_errors, free_port

GOALS = ("goals: one a second, p95 <= 5 s and all ready; all at once, all ready within"
         " 60 s; slider p95 < 300 ms; no JavaScript error")
MAX_STUDENTS = 60
SLIDER_MOVES = 3
# The page shows the explorer's picture (decoded, on screen).
_PICTURE_SHOWN = """() => [...document.querySelectorAll('.nnp-explorer .nnp-figure img')]
  .some(i => i.complete && i.naturalWidth > 0 && i.getClientRects().length > 0)"""
# What a page that never got ready shows instead (for the report).
_SHOWN = """() => { const nav = document.querySelector('.nnp-deck .nnp-nav');
  return nav ? 'deck at ' + nav.innerText.trim().split('\\n').pop() + ' ' + location.search
             : 'no deck, ' + document.body.innerText.length + ' characters'; }"""
_LOOPBACK_ONLY = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"


def _wait_for_log(log, text, process, timeout):
    deadline = time.monotonic() + timeout
    while text not in log.read_text():
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"no {text!r} from the server:\n{log.read_text()[-3000:]}")
        time.sleep(0.5)


def _wait_until_quiet(process, timeout=300, below=15.0):
    """Wait until the server and its kernels use under *below* % of a core (the
    preheated kernels have run the lesson up to the request)."""
    def cpu(p):
        try:
            return p.cpu_percent(None)
        except psutil.Error:  # a process that has just ended
            return 0.0

    deadline, quiet = time.monotonic() + timeout, 0
    while quiet < 3 and time.monotonic() < deadline:
        tree = [process, *process.children(recursive=True)]
        for p in tree:
            cpu(p)
        time.sleep(1)
        quiet = quiet + 1 if sum(map(cpu, tree)) < below else 0


class Server:
    """The deck on 127.0.0.1: ``pool`` preheated kernels, or none."""

    def __init__(self, pool):
        self.pool = pool
        self.folder = Path(tempfile.mkdtemp(prefix="nnparams-load-"))
        shutil.copy(NOTEBOOKS / DECK, self.folder / DECK)
        command, self.url, env = present_command(port=free_port(), pool=pool, browser=False,
                                                 deck=self.folder / DECK)
        self.log = self.folder / "server.log"
        with open(self.log, "w") as out:
            self.process = subprocess.Popen(command, cwd=self.folder, env=env, stdout=out,
                                            stderr=subprocess.STDOUT, start_new_session=True)
        started = time.monotonic()
        try:
            _wait_for_log(self.log, "Voilà is running at", self.process, 120)
            if pool:
                _wait_for_log(self.log, "is filled with", self.process, 600)
            _wait_until_quiet(psutil.Process(self.process.pid))
        except BaseException:
            self.stop()
            raise
        self.warm_up = time.monotonic() - started

    def memory(self):
        """(MB per kernel, median; MB of the server and all its kernels), unique memory."""
        server = psutil.Process(self.process.pid)
        uss = []
        for p in server.children(recursive=True):
            try:
                if "ipykernel" in " ".join(p.cmdline()):
                    uss.append(p.memory_full_info().uss / 2**20)
            except psutil.Error:  # ended meanwhile
                pass
        total = server.memory_full_info().uss / 2**20 + sum(uss)
        return len(uss), statistics.median(uss) if uss else 0.0, total

    def stop(self):
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


async def _student(context, url, delay, timeout):
    """Open the deck after *delay* s; return the page, seconds until its
    picture (None: never), its JavaScript errors, and why it was never ready."""
    page = await context.new_page()
    errors, _ = console_errors(page)
    await asyncio.sleep(delay)
    arrival = time.monotonic()
    try:
        await page.goto(url + "?section=6", wait_until="commit", timeout=timeout * 1000)
        left = timeout - (time.monotonic() - arrival)
        await page.wait_for_function(_PICTURE_SHOWN, polling=100, timeout=max(left, 0.1) * 1000)
        ready = time.monotonic() - arrival
        why = None
    except Exception as error:  # Playwright's timeout, or the page never answered
        ready = None
        why = f"{str(error).splitlines()[0][:80]}; page shows {await page.evaluate(_SHOWN)}"
    # When the server had sent the whole page (the rest is the browser's work).
    page.answered = await page.evaluate(
        "(performance.getEntriesByType('navigation')[0] || {}).responseEnd || null")
    return page, ready, errors, why


async def _slider_ms(page):
    """Key press on the first hidden layer's slider -> new count and picture, in ms."""
    await page.bring_to_front()  # a page in the background paints about once a second
    widget = page.locator(".nnp-explorer")
    await widget.evaluate(_INSTRUMENT)
    handle = widget.locator(".widget-slider .noUi-handle").nth(2)
    waits = []
    for move in range(SLIDER_MOVES):
        await handle.focus()
        await handle.press("ArrowRight" if move % 2 == 0 else "ArrowLeft")
        await page.wait_for_function("window.__latency.text > 0 && window.__latency.picture > 0",
                                     polling=50, timeout=30_000)
        t = await page.evaluate("window.__latency")
        waits.append(max(t["text"], t["picture"]) - t["down"])
    return waits


def _p95(values):
    values = sorted(values)
    return values[min(len(values) - 1, round(0.95 * (len(values) - 1)))] if values else None


def _cpu_seconds(root, name=""):
    """CPU seconds used so far by *root*'s descendants whose name holds *name*
    (and by *root* itself when *name* is empty)."""
    total = 0.0
    for p in ([] if name else [root]) + root.children(recursive=True):
        try:
            if name in p.name():
                times = p.cpu_times()
                total += times.user + times.system
        except psutil.Error:
            pass
    return total


async def _class(browser, server, students, spacing, timeout):
    me, serving = psutil.Process(), psutil.Process(server.process.pid)
    cpu = _cpu_seconds(me, "chrom"), _cpu_seconds(serving)
    # One browser profile for every student: its cache spares the machine the
    # download and compiling of Voilà's scripts for each page, which in a
    # class each student's own computer does.
    context = await browser.new_context(viewport={"width": 1280, "height": 800})
    arrivals = [_student(context, server.url, i * spacing, timeout) for i in range(students)]
    opened = await asyncio.gather(*arrivals)
    cpu = _cpu_seconds(me, "chrom") - cpu[0], _cpu_seconds(serving) - cpu[1]
    answered = [page.answered / 1000 for page, *_ in opened if page.answered]
    ready = [r for _, r, _, _ in opened if r is not None]
    slider = []
    for page, r, _, _ in opened:
        if r is not None:
            try:
                slider += await _slider_ms(page)
            except Exception:
                slider.append(float("inf"))   # no new picture within 30 s
    kernels, per_kernel, total = server.memory()
    errors = [e for _, _, errs, _ in opened for e in errs]
    await context.close()
    return {"ready": ready, "never": students - len(ready), "slider": slider,
            "kernels": kernels, "per_kernel": per_kernel, "total": total, "errors": errors,
            "why": [why for *_, why in opened if why], "cpu": cpu, "answered": answered}


def _row(label, arrival, r):
    ready, fmt = r["ready"], (lambda v: "-" if v is None else f"{v:.1f}")
    slider = _p95(r["slider"])
    return (f"{label:22s} {arrival:12s} {fmt(statistics.median(ready) if ready else None):>7s}"
            f" {fmt(_p95(ready)):>6s} {fmt(max(ready) if ready else None):>6s} {r['never']:>6d}"
            f" {'-' if slider is None else f'{slider:.0f}':>10s} {r['kernels']:>8d}"
            f" {r['per_kernel']:>9.0f} {r['total']:>9.0f} {len(r['errors']):>9d}")


async def _run(students, timeout, pools):
    from playwright.async_api import async_playwright

    header = (f"{'served':22s} {'arrival':12s} {'median':>7s} {'p95':>6s} {'max':>6s}"
              f" {'never':>6s} {'slider p95':>10s} {'kernels':>8s} {'MB/kernel':>9s}"
              f" {'MB total':>9s} {'JS errors':>9s}")
    rows, errors = [], []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM,
                                                   args=[*CHROMIUM_ARGS, _LOOPBACK_ONLY])
        for pool in pools:
            label = f"preheated (pool {pool})" if pool else "not preheated"
            for arrival, spacing in (("1 a second", 1.0), ("all at once", 0.0)):
                server = Server(pool)
                try:
                    print(f"... {label}, {arrival} (server ready after {server.warm_up:.0f} s)",
                          flush=True)
                    result = await _class(browser, server, students, spacing, timeout)
                finally:
                    server.stop()
                rows.append(_row(label, arrival, result))
                errors += result["errors"]
                print(header + "\n" + rows[-1], flush=True)
                answered = result["answered"]
                print(f"    whole page sent by the server after (s): median "
                      f"{statistics.median(answered) if answered else float('nan'):.1f}, p95 "
                      f"{_p95(answered) or float('nan'):.1f}; CPU seconds while the class "
                      f"arrived: browsers {result['cpu'][0]:.0f}, server and kernels "
                      f"{result['cpu'][1]:.0f}", flush=True)
                for why, n in Counter(result["why"]).most_common(5):
                    print(f"    never ready ({n}): {why}", flush=True)
        await browser.close()
    print(f"\n{students} students; seconds from arrival to picture (never: not within "
          f"{timeout} s); slider in ms; memory unique to each process (USS); the browsers "
          f"share the machine's {os.cpu_count()} cores with the server")
    print(header)
    print("\n".join(rows))
    print(GOALS)
    for error in sorted(set(errors))[:10]:
        print("JS error:", error[:200])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--timeout", type=int, default=180,
                        help="seconds a student waits before counting as never ready (180)")
    parser.add_argument("--preheated-only", action="store_true",
                        help="skip the runs without preheating")
    args = parser.parse_args(argv)
    if not 1 <= args.students <= MAX_STUDENTS:
        parser.error(f"--students is {args.students}; give 1 to {MAX_STUDENTS}")
    if not 10 <= args.timeout <= 900:
        parser.error(f"--timeout is {args.timeout}; give 10 to 900 seconds")
    pools = [args.students] if args.preheated_only else [args.students, 0]
    asyncio.run(_run(args.students, args.timeout, pools))
    return 0


if __name__ == "__main__":
    sys.exit(main())
