"""The lessons in JupyterLab and the presentation app in Voilà, as a student
and an instructor see them: real pages in headless Chromium."""
import re

import pytest

from nnparams_edu import count_parameters

from .harness import move_slider, open_lesson


def total_of(widget):
    return int(re.search(r"([\d,]+) parameters", widget.locator(".nnp-total").first
                         .inner_text()).group(1).replace(",", ""))


def wait_total(widget, value):
    widget.locator(".nnp-total", has_text=f"{value:,} parameters").first.wait_for()


def test_explorer_slider_redraws_and_recounts_in_jupyterlab(lab, page):
    open_lesson(page, lab, "02-Explorer.ipynb")
    explorer = page.locator(".nnp-explorer")
    assert total_of(explorer) == 99
    figure = explorer.locator(".nnp-figure")
    before = figure.get_attribute("src")
    input_units = explorer.locator(".widget-slider .noUi-handle").first
    move_slider(input_units, "ArrowRight")          # 5-8-4-3 -> 6-8-4-3
    wait_total(explorer, count_parameters("6-8-4-3"))     # 107
    assert figure.get_attribute("src") != before
    spec = explorer.locator("input[type=text]").first
    spec.fill("784-128-10")
    spec.press("Enter")
    wait_total(explorer, 101_770)
    spec.fill("5-0-3")
    spec.press("Enter")
    explorer.locator(".nnp-error", has_text="layer 2 has 0 units").wait_for()
    assert page.errors == [] and page.outside == []


@pytest.mark.parametrize("notebook, shown", [
    ("01-Counting-by-Hand.ipynb", "total: 48 + 36 + 15 = 99"),
    ("04-Why-the-Count-Matters.ipynb", "nnparams_edu 4,739, scikit-learn 4,739, equal"),
])
def test_lessons_run_in_jupyterlab(lab, page, notebook, shown):
    open_lesson(page, lab, notebook)
    page.get_by_text(shown).first.wait_for()
    assert page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
                        ).count() == 0
    assert page.errors == [] and page.outside == []


def test_exercise_shows_the_diagnosis_on_screen(lab, page):
    open_lesson(page, lab, "03-Practice.ipynb")
    exercise = page.locator(".nnp-exercise").first      # 5-8-4-3
    answer = exercise.locator("input[type=text]").last
    answer.fill("84")
    answer.press("Enter")
    exercise.locator(".nnp-feedback", has_text="forgot the biases").wait_for()
    exercise.get_by_role("button", name="Show solution").click()
    exercise.get_by_text("(5 + 1) × 8 = 48").wait_for()
    answer.fill("99")
    answer.press("Enter")
    exercise.locator(".nnp-feedback", has_text="Correct: 99 = 48 + 36 + 15").wait_for()
    assert page.errors == [] and page.outside == []


def test_presentation_app_in_voila(voila_app, page):
    page.goto(voila_app)
    walk = page.locator(".nnp-walkthrough")
    walk.wait_for(timeout=90_000)
    assert page.get_by_text("from nnparams_edu").count() == 0     # no code on screen
    running = walk.locator(".nnp-running-sum")
    next_step = walk.get_by_role("button", name="Next")
    next_step.click()
    running.get_by_text("5 × 8 = 40 weights + 8 biases = 48 → 48").wait_for()
    next_step.click()
    running.get_by_text("+ 36 → 84").wait_for()
    next_step.click()
    running.get_by_text("Total: 99 parameters").wait_for()

    explorer = page.locator(".nnp-explorer")
    figure = explorer.locator(".nnp-figure")
    before = figure.get_attribute("src")
    move_slider(explorer.locator(".widget-slider .noUi-handle").nth(2), "ArrowLeft")
    wait_total(explorer, count_parameters("5-7-4-3"))     # first hidden layer 8 -> 7
    assert figure.get_attribute("src") != before

    page.locator(".nnp-compare .nnp-difference", has_text="48 more").wait_for()
    page.locator(".nnp-sheet", has_text="Counting parameters (sheet 7)").wait_for()
    page.locator(".nnp-sheet-maker").get_by_text("Answer key").click()
    page.locator(".nnp-sheet", has_text="Answer key (sheet 7)").wait_for()
    assert page.errors == []
    # Voila's page template links Font Awesome from a CDN (its bundle has the
    # icons too); offline, only that may fail to load.
    assert all("@fortawesome/fontawesome-free" in url for url in page.outside)
