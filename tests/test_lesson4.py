"""Lesson 4 says only what its own committed outputs show.

nbval re-runs the notebook and compares its stable outputs; these tests read the
committed notebook and check that the prose quotes those outputs, that the noisy
numbers are kept out of nbval's comparison, and that the printed conclusions hold.
"""
import json
import re
from pathlib import Path

import pytest

LESSON = Path(__file__).resolve().parents[1] / "notebooks" / "04-Why-the-Count-Matters.ipynb"


@pytest.fixture(scope="module")
def notebook():
    return json.loads(LESSON.read_text(encoding="utf-8"))


def _source(cell):
    return "".join(cell["source"])


def _prose(notebook):
    return "\n".join(_source(c) for c in notebook["cells"] if c["cell_type"] == "markdown")


def _printed(notebook):
    return "\n".join("".join(o["text"]) for c in notebook["cells"] if c["cell_type"] == "code"
                     for o in c["outputs"] if o["output_type"] == "stream")


def test_runs_on_the_python3_kernel_with_every_code_cell_executed(notebook):
    assert notebook["metadata"]["kernelspec"]["name"] == "python3"
    code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    assert all(c["execution_count"] for c in code)
    assert not [o for c in code for o in c["outputs"] if o["output_type"] == "error"]
    assert "Warning" not in _printed(notebook)


def test_prose_quotes_the_measured_label_noise(notebook):
    printed = _printed(notebook)
    wrong, total, percent = re.search(r"wrong labels: ([\d,]+) of ([\d,]+) \(([\d.]+)%\)",
                                      printed).groups()
    assert int(wrong.replace(",", "")) / int(total.replace(",", "")) == pytest.approx(
        float(percent) / 100, abs=0.0005)
    # flip_y=0.2 redraws 20 % of 3 classes at random: about 2/3 of 20 % change.
    assert float(percent) / 100 == pytest.approx(0.2 * 2 / 3, abs=0.02)
    assert f"{percent} % of the labels are wrong" in _prose(notebook)
    small = re.search(r"small training set: +200 samples, ([\d.]+)% of them", printed).group(1)
    assert f"({small} %)" in _prose(notebook)


def test_parameters_per_sample_use_the_real_training_sizes(notebook):
    printed = _printed(notebook)
    assert "small training set:   200 samples" in printed
    assert "large training set: 2,000 samples" in printed
    widest = (5 + 1) * 64 + (64 + 1) * 3  # worked by hand: 579
    row = re.search(r"5-64-3 +(\d+) +([\d.]+) +([\d.]+)", printed).groups()
    assert (int(row[0]), float(row[1]), float(row[2])) == (
        widest, round(widest / 200, 2), round(widest / 2000, 3))
    prose = _prose(notebook)
    assert f"{widest} parameters: {widest / 200:.1f} per sample" in prose
    assert f"only {widest / 2000:.2f} per sample" in prose


def test_noisy_cells_are_ignored_and_the_conclusions_are_compared(notebook):
    code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    for cell in code:
        text = "".join("".join(o.get("text", "")) for o in cell["outputs"])
        ignored = _ignored(cell)
        if re.search(r"train \d\.\d+, test \d\.\d+", text):  # the table of accuracies
            assert ignored
        if "ten times more data" in text:
            assert not ignored
            lines = text.strip().splitlines()
            assert len(lines) == 4 and all(line.endswith(": True") for line in lines)
    figure = [c for c in code if "fill_between" in _source(c)]
    assert len(figure) == 1 and _ignored(figure[0])


def _ignored(cell):
    """Whether nbval leaves the cell's output uncompared (its tag or its comment)."""
    return ("nbval-ignore-output" in cell.get("metadata", {}).get("tags", [])
            or _source(cell).startswith("# NBVAL_IGNORE_OUTPUT"))


def test_every_plot_labels_both_axes(notebook):
    for cell in notebook["cells"]:
        source = _source(cell)
        if cell["cell_type"] == "code" and "plt.subplots" in source:
            assert source.count("xlabel=") == source.count("ylabel=") >= 1


def test_scikit_learn_counts_equal_ours_for_every_width(notebook):
    lines = [line for line in _printed(notebook).splitlines() if "scikit-learn" in line]
    assert len(lines) == 7
    for line in lines:
        w = int(re.match(r"5-(\d+)-3", line).group(1))
        by_hand = (5 + 1) * w + (w + 1) * 3
        assert re.findall(r"\d+", line.split(":", 1)[1]) == [str(by_hand)] * 3
        assert line.endswith("equal")
