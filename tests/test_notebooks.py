"""The lessons as a reader without a kernel sees them (GitHub, nbviewer, a
course page made with ``jupyter nbconvert --to html``), and their solutions.

nbval runs every notebook and compares its printed outputs (see pyproject);
these tests read the committed, executed notebooks.
"""
import re
from html import unescape
from pathlib import Path

import nbformat
import pytest
from nbconvert import HTMLExporter

from nnparams_edu import count_parameters

NOTEBOOKS = sorted((Path(__file__).parents[1] / "notebooks").glob("*.ipynb"))
WIDGET = "application/vnd.jupyter.widget-view+json"


def static_html(path):
    """The notebook as nbconvert renders it, scripts and styles cut out (no
    JavaScript runs where the reader is)."""
    html, _ = HTMLExporter().from_notebook_node(nbformat.read(path, as_version=4))
    return re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S | re.I)


def visible_text(html):
    """What a reader can read: tags and picture data removed."""
    html = re.sub(r'src="data:[^"]*"', "", html)
    return unescape(re.sub(r"<[^>]+>", " ", html))


def widget_cells(path):
    nb = nbformat.read(path, as_version=4)
    return [cell for cell in nb.cells if cell.cell_type == "code"
            and any(WIDGET in out.get("data", {}) for out in cell.get("outputs", []))]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_widget_shows_its_picture_and_words_without_a_kernel(path):
    cells = widget_cells(path)
    if not cells:
        pytest.skip("no widget in this lesson")
    blocks = static_html(path).split('<div class="nnp-static">')[1:]
    assert len(blocks) == len(cells)
    for block in blocks:
        block = block.split('class="jp-Cell ')[0]  # up to the next cell
        images = re.findall(r"<img [^>]*>", block)
        alts = [re.search(r'alt="([^"]*)"', img).group(1) for img in images]
        assert images or "How many parameters" in block  # picture=False
        assert all('src="data:image/png;base64,' in img for img in images)
        assert all(" net: " in alt or "highlighted" in alt for alt in alts)
    text = visible_text(static_html(path))
    for name in ("Explorer", "Exercise", "Walkthrough", "Comparison", "SheetMaker", "Deck"):
        assert f"{name}(children=" not in text


def exercises(path):
    """``(exercise net, solution cell)`` for each exercise of a lesson, in order:
    the solution is the executed ``solution(...)`` (or, for a typed net,
    ``model_solution(...)``) cell that follows it."""
    nb = nbformat.read(path, as_version=4)
    found, net = [], None
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        asked = re.search(r'exercise\("([^"]+)"', cell.source)
        solved = re.fullmatch(r'(?:model_)?solution\("([^"]+)"(?:, convention="(\w+)")?\)',
                              cell.source.strip())
        if asked:
            net = asked.group(1)
        if solved:
            found.append((net, solved.group(1), cell))
    return found


def total(cell):
    """The total a solution cell's net has, counted in the convention it names."""
    named = re.search(r'convention="(\w+)"', cell.source)
    net = re.search(r'solution\("([^"]+)"', cell.source).group(1)
    return count_parameters(net, convention=named.group(1) if named else "keras")


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if exercises(p)], ids=lambda p: p.stem)
def test_each_exercise_has_its_solution_folded_away_in_every_renderer(path):
    html = static_html(path)
    for net, solved, cell in exercises(path):
        assert solved == net  # the solution under an exercise is that exercise's
        (out,) = cell.outputs  # executed: nbval compares its HTML on every run
        folded = out["data"]["text/html"]
        assert folded.startswith("<details><summary>") and "<details open" not in folded
        assert str(total(cell)) not in out["data"]["text/plain"]
    assert "<details open" not in html
    shown = visible_text(re.sub(r"<details>.*?</details>", "", html, flags=re.S))
    for net, _, cell in exercises(path):
        answer = f"{total(cell):,}"
        assert not re.search(rf"(?<![\d,]){re.escape(answer)}(?![\d,])", shown), (net, answer)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_picture_has_a_text_alternative(path):
    html = static_html(path)
    assert "No description has been provided" not in html  # nbconvert's word for none
    images = re.findall(r"<img\b[^>]*>", html)
    assert all(re.search(r'alt="[^"]{20,}"', img) or re.search(r"alt='[^']{20,}'", img)
               for img in images), [img[:80] for img in images if "alt=" not in img]


def typed_exercises():
    """``(lesson, net, convention, per layer)`` for every typed net a lesson poses."""
    found = []
    for path in NOTEBOOKS:
        for cell in nbformat.read(path, as_version=4).cells:
            asked = re.search(r'model_exercise\("([^"]+)"(.*)\)', cell.source)
            if cell.cell_type == "code" and asked:
                convention = re.search(r'convention="(\w+)"', asked.group(2))
                found.append((path.stem, asked.group(1),
                              convention.group(1) if convention else "keras",
                              "per_layer=True" in asked.group(2)))
    return found


def test_no_slip_gives_the_total_of_a_typed_lesson_exercise_asked_as_a_total():
    from nnparams_edu.model_posing import is_fair

    posed = typed_exercises()
    assert len(posed) >= 9  # lessons 6, 7 and 8
    for lesson, net, convention, per_layer in posed:
        # a net where a slip gives the right total is asked layer by layer
        assert per_layer or is_fair(net, convention), (lesson, net)
