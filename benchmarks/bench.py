"""How long a redraw and a count take, as ratios to baselines measured in the
same run (this machine is shared, so absolute times drift).

Run:  python benchmarks/bench.py            (everything, about a minute)
      python benchmarks/bench.py --quick    (fewer repeats)

The floor is the least any redraw can cost: saving an EMPTY 8 x 5-inch figure
(100 dpi, axes off) as PNG. Every redraw figure below is draw + PNG at that
size, which is exactly what a slider callback pays.
"""
from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
import tracemalloc

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure  # noqa: E402
import networkx as nx  # noqa: E402

from nnparams_edu import as_net, build_graph, count_parameters  # noqa: E402
from nnparams_edu.figure import NetworkFigure  # noqa: E402

REPEATS = 9

VGG16 = ("in 224x224x3 | [conv 64 k=3 p=1] x2 | maxpool 2 | [conv 128 k=3 p=1] x2 | maxpool 2"
         " | [conv 256 k=3 p=1] x3 | maxpool 2 | [conv 512 k=3 p=1] x3 | maxpool 2"
         " | [conv 512 k=3 p=1] x3 | maxpool 2 | flatten | dense 4096 | dense 4096 | dense 1000")
GPT3 = ("in 2048x12288 | [attention 96 | layernorm | dense 49152 | gelu | dense 12288"
        " | layernorm] x96")


def median_time(action, repeats=None):
    """Median seconds of *action* over several runs, after one warm-up."""
    action()
    times = []
    for _ in range(repeats or REPEATS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def floor_time(figsize=(8, 5), dpi=100):
    """Saving an empty figure of *figsize* inches at *dpi* as PNG: the least a
    redraw of a picture that size can cost."""
    fig = Figure(figsize=figsize, dpi=dpi)
    fig.add_subplot().set_axis_off()
    return median_time(lambda: fig.savefig(io.BytesIO(), format="png"))


def naive_time(layers):
    """What a first attempt does: nx.draw of the full graph on a new figure."""
    G = build_graph(layers)

    def redraw():
        fig = Figure(figsize=(8, 5), dpi=100)
        nx.draw(G, nx.multipartite_layout(G, subset_key="layer"), ax=fig.add_subplot())
        fig.savefig(io.BytesIO(), format="png")
    return median_time(redraw, repeats=3)


def ours_time(layers, **kwargs):
    canvas = NetworkFigure()

    def redraw():
        canvas.draw(layers, **kwargs)
        canvas.to_png()
    return median_time(redraw)


def row(name, seconds, floor, goal=None, extra=""):
    ratio = seconds / floor
    verdict = "" if goal is None else ("  ok" if ratio <= goal else f"  OVER {goal}x")
    print(f"  {name:52s} {seconds * 1000:7.1f} ms  {ratio:5.2f}x floor{verdict}{extra}")
    return ratio <= goal if goal else True


def drawing(floor):
    print("\nDrawing: draw + PNG per redraw, kept figure (goal: ratio to floor)")
    ok = True
    for layers, goal, naive_goal in [("5-8-4-3", 3, 6), ("10-32-32-10", 5, 40)]:
        ours = ours_time(layers)
        naive = naive_time(layers)
        speedup = naive / ours
        ok &= row(layers, ours, floor, goal,
                  f"; naive nx.draw {naive * 1000:.0f} ms, {speedup:.0f}x faster "
                  f"(goal {naive_goal}x){'' if speedup >= naive_goal else '  UNDER'}")
        ok &= speedup >= naive_goal
    for name, layers in [("64 x 5", [64] * 5), ("128 x 8", [128] * 8),
                         ("512-512-512-512-10", "512-512-512-512-10"),
                         ("VGG16 head 25088-4096-4096-1000", "25088-4096-4096-1000"),
                         ("12 layers of 1", [1] * 12), ("1000-1", "1000-1")]:
        ok &= row(name, ours_time(layers), floor, 5)
    return ok


def typed_drawing(floor):
    """Nets of typed layers, drawn as the explorer redraws them (goal 5x floor).
    The drawing keeps the graphs of the last few nets; every row here clears
    them first, so each redraw also builds its graph, as when the net changes."""
    from nnparams_edu._model_drawn import _drawn_graph

    print("\nTyped nets: build graph + draw + PNG per redraw, kept figure (goal 5x floor)")
    ok = True
    for name, text in [
            ("CNN: Keras MNIST convnet", "in 28x28x1 | conv 32 k=3 | relu | maxpool 2 | conv 64 "
             "k=3 | relu | maxpool 2 | flatten | dropout 0.5 | dense 10 | softmax"),
            ("CNN: LeNet-5", "in 32x32x1 | conv 6 k=5 | avgpool 2 | conv 16 k=5 | avgpool 2 | "
             "flatten | dense 120 | dense 84 | dense 10"),
            ("LSTM net: in 50x32 | lstm 64 | dense 10", "in 50x32 | lstm 64 | dense 10"),
            ("LSTM net: 2 stacked bidirectional layers", "in 50x32 | lstm 64 layers=2 bi | "
             "dense 10"),
            ("transformer block: attention 8 on 10x512, MLP 2048",
             "in 10x512 | attention 8 | layernorm | dense 2048 | gelu | dense 512 | layernorm"),
            ("language model: embed, 2 blocks, tied output", "in 32 tokens | embed 10000 256 | "
             "[attention 4 | layernorm | dense 1024 | gelu | dense 256 | layernorm] x2 | "
             "dense 10000 tied"),
            ("VGG16, typed layers, 37 columns (info)", VGG16)]:
        canvas = NetworkFigure()

        def redraw(text=text):
            _drawn_graph.cache_clear()
            canvas.draw(text)
            canvas.to_png()
        ok &= row(name, median_time(redraw), floor, None if "(info)" in name else 5)
    return ok


def depth(floor):
    """Deep nets: the middle layers are drawn as one "⋮ k layers" column.
    The net is a Net, parsed once, as the widgets keep it (goal 5x floor). The
    last row, for information only (no goal), also checks a plain list of
    100,000 sizes on every redraw: that is parsing, not redrawing."""
    print("\nDepth: draw + PNG per redraw of deep nets (goal 5x floor)")
    ok = True
    for layers in (100, 10_000, 100_000):
        net = as_net([5] + [8] * (layers - 2) + [3])
        ok &= row(f"{layers:,} layers (5-8-...-8-3)", ours_time(net), floor, 5)
    sizes = [5] + [8] * 99_998 + [3]
    row("100,000 layers from a list, parsed every redraw (info)", ours_time(sizes), floor)
    return ok


def counting():
    print("\nCounting: exact, time and peak memory (goal: < 1 s and < 100 MB each)")
    ok = True
    for name, make in [("VGG16 head from sizes", lambda: count_parameters("25088-4096-4096-1000")),
                       ("VGG16 head off its graph (max_units=8)",
                        lambda: count_parameters(build_graph("25088-4096-4096-1000", max_units=8))),
                       ("10,000 layers of 1,000 from sizes",
                        lambda: count_parameters([1000] * 10_000)),
                       ("VGG16 whole, typed layers", lambda: count_parameters(VGG16)),
                       ("GPT-3-sized transformer, typed layers", lambda: count_parameters(GPT3)),
                       ("10^11 parameters in 100,000 typed layers",
                        lambda: count_parameters("in 1000 | [dense 1000] x100000"))]:
        start = time.perf_counter()
        total = make()
        seconds = time.perf_counter() - start
        tracemalloc.start()  # a second run for memory: tracing slows Python down
        make()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        ok &= seconds < 1 and peak < 100 * 2**20
        print(f"  {name:40s} {total:>18,}  {seconds * 1000:7.1f} ms  peak {peak / 1024:7.0f} KiB")
    return ok


def callbacks(floor):
    """The widgets' callbacks, driven directly (no browser): one median per
    change, each a full redraw + PNG + table update."""
    from nnparams_edu.widgets import explorer, walkthrough

    print("\nWidgets: median time per change, callback driven directly (goal 5x floor)")
    ok = True
    for presentation in (False, True):
        mode = " (presentation)" if presentation else ""
        ex = explorer(presentation=presentation)
        if presentation:  # the projector's pictures are larger and sharper: their own floor
            figure = ex.view.canvas.figure
            floor = floor_time(tuple(figure.get_size_inches()), figure.dpi)
            print(f"  floor for the projector's explorer picture ({figure.get_size_inches()[0]:.1f}"
                  f" x {figure.get_size_inches()[1]:.1f} in at {figure.dpi:.0f} dpi): "
                  f"{floor * 1000:.1f} ms")
        slider = ex.hidden_units[0]
        values = iter([9, 8] * 50)
        ok &= row(f"explorer, default net{mode}", median_time(
            lambda: setattr(slider, "value", next(values))), floor, 5)
        ex.hidden_layers.value = ex.hidden_layers.max
        for s in [ex.input_units, ex.output_units, *ex.hidden_units]:
            s.value = s.max
        values = iter([127, 128] * 50)
        ok &= row(f"explorer, every slider at maximum{mode}", median_time(
            lambda: setattr(slider, "value", next(values))), floor, 5,
            f"  ({ex.spec.value})")
        for net in ("5-8-4-3", "25088-4096-4096-1000"):
            w = walkthrough(net, presentation=presentation)
            if presentation:
                figure = w.view.canvas.figure
                floor = floor_time(tuple(figure.get_size_inches()), figure.dpi)

            def step(w=w):
                w.step.value = (w.step.value + 1) % (w.step.max + 1)
            ok &= row(f"walkthrough step, {net}{mode}", median_time(step), floor, 5)
    return ok


SECTIONS = [drawing, typed_drawing, depth, callbacks, counting]


def main(argv=None):
    global REPEATS
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    args = parser.parse_args(argv)
    if args.quick:
        REPEATS = 3
    floor = floor_time()
    print(f"Floor: empty 8 x 5 in figure saved as PNG at 100 dpi: {floor * 1000:.1f} ms")
    results = [section(floor) if section is not counting else section()
               for section in SECTIONS]
    print("\nall goals met" if all(results) else "\nSOME GOALS NOT MET")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
