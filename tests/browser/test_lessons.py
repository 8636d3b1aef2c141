"""The lessons in JupyterLab and the presentation's widgets in Voilà, as a
student and an instructor use them: real pages in headless Chromium.

Widgets are found by their class (``.nnp-explorer``, ``.nnp-exercise``, …),
never by a cell's position or a lesson's prose, so rewording a lesson does not
break these tests. Lesson 5 driven by the keyboard and measured for the
projector is in ``test_presentation.py``.
"""
import re

from nnparams_edu import count_parameters

from .harness import move_slider, open_lesson


def total_of(widget):
    return int(re.search(r"([\d,]+) parameters", widget.locator(".nnp-total").first
                         .inner_text()).group(1).replace(",", ""))


def wait_total(widget, value):
    widget.locator(".nnp-total", has_text=f"{value:,} parameters").first.wait_for()


def set_net(widget, spec):
    box = widget.locator("input[type=text]").first
    box.fill(spec)
    box.press("Enter")


def no_errors(page):
    assert page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
                        ).count() == 0, "a cell wrote to stderr"
    assert page.errors == []


def test_explorer_slider_redraws_and_recounts_in_jupyterlab(lab, page):
    open_lesson(page, lab, "02-Explorer.ipynb")
    explorer = page.locator(".nnp-explorer").first
    set_net(explorer, "5-8-4-3")
    wait_total(explorer, 99)                          # (5+1)8 + (8+1)4 + (4+1)3, by hand
    figure = explorer.locator(".nnp-figure img")
    before = figure.get_attribute("src")
    input_units = explorer.locator(".widget-slider .noUi-handle").first
    move_slider(input_units, "ArrowRight")            # 5-8-4-3 -> 6-8-4-3
    wait_total(explorer, 107)                         # 99 + 8 more weights
    assert figure.get_attribute("src") != before
    set_net(explorer, "784-128-10")
    wait_total(explorer, 101_770)                     # 785*128 + 129*10
    set_net(explorer, "5-0-3")
    explorer.locator(".nnp-error", has_text="layer 2 has 0 units").wait_for()
    no_errors(page)
    assert page.outside == []


def test_lesson_4_matches_scikit_learn_in_jupyterlab(lab, page):
    open_lesson(page, lab, "04-Why-the-Count-Matters.ipynb")
    # The lesson counts a trained MLP's coefficients with scikit-learn itself.
    page.get_by_text("5-64-3: nnparams_edu 579, scikit-learn 579").first.wait_for()
    no_errors(page)
    assert page.outside == []


def test_lesson_1_exercise_poses_then_reveals_in_jupyterlab(lab, page):
    open_lesson(page, lab, "01-Counting-by-Hand.ipynb")
    exercise = page.locator(".nnp-exercise").filter(has_text="4-16-8-4-2").first
    exercise.wait_for()
    picture = exercise.locator(".nnp-figure img")

    def alt():
        return picture.get_attribute("alt")

    # Posed: the picture says nothing of 262 = 80 + 136 + 36 + 10 (worked by hand).
    assert alt().endswith("how many parameters?")
    assert not {"262", "80", "136", "36", "10"} & set(re.findall(r"\d+", alt()))
    answer = exercise.locator("input[type=text]").last
    answer.fill("232")                                # 4*16 + 16*8 + 8*4 + 4*2: no biases
    answer.press("Enter")
    exercise.locator(".nnp-feedback", has_text="forgot the biases").wait_for()
    assert alt().endswith("how many parameters?")     # a wrong answer reveals nothing
    answer.fill("262")
    answer.press("Enter")
    exercise.locator(".nnp-feedback", has_text="Correct").wait_for()
    # The picture is drawn again (a new <img>) with every count on it.
    exercise.locator(".nnp-figure img[alt$='262 parameters']").wait_for()
    no_errors(page)
    assert page.outside == []


def test_presentation_widgets_work_in_voila(voila_app, page):
    """The deck's explorer, comparison and sheet maker respond to the mouse
    and the keyboard in Voilà (lesson 5 opened at section 6 by its link)."""
    page.goto(voila_app + "?section=6")
    explorer = page.locator(".nnp-explorer")
    explorer.wait_for(timeout=90_000)
    assert page.get_by_text("from nnparams_edu").count() == 0     # no code on screen
    figure = explorer.locator(".nnp-figure img")
    before = figure.get_attribute("src")
    # the explorer opens on the class net, 3-14-9-5-2
    move_slider(explorer.locator(".widget-slider .noUi-handle").nth(2), "ArrowLeft")
    wait_total(explorer, count_parameters("3-13-9-5-2"))   # first hidden layer 14 -> 13
    assert total_of(explorer) == 4 * 13 + 14 * 9 + 10 * 5 + 6 * 2   # 240, by hand
    assert figure.get_attribute("src") != before

    page.locator(".nnp-deck .nnp-nav").get_by_role("button", name="Next").click()
    compare = page.locator(".nnp-compare")
    # the class net 3-14-9-5-2 (253) against 3-7-9-5-2: 4·7 + 8·9 + 10·5 + 6·2 = 162
    compare.locator(".nnp-difference", has_text="91 fewer").wait_for()
    compare.get_by_text("hide counts").click()
    page.wait_for_function(
        "() => { const c = document.querySelector('.nnp-compare');"
        " return [...c.querySelectorAll('img')].every(i => i.alt.endsWith('how many parameters?'))"
        " && !/\\b(253|162|91)\\b/.test(c.innerText); }", timeout=20_000)

    # Next reveals the hidden counts first, as a clicker's PageDown does
    page.locator(".nnp-deck .nnp-nav").get_by_role("button", name="Next").click()
    compare.locator(".nnp-difference", has_text="91 fewer").wait_for()
    page.locator(".nnp-deck .nnp-nav").get_by_role("button", name="Next").click()
    maker = page.locator(".nnp-sheet-maker")
    maker.locator(".nnp-sheet", has_text="Counting parameters (sheet 7)").wait_for()
    maker.get_by_text("Answer key").click()
    maker.locator(".nnp-sheet", has_text="Answer key (sheet 7)").wait_for()
    assert page.errors == []
    # Voilà's page template links Font Awesome from a CDN (its bundle has the
    # icons too); offline, only that may fail to load.
    assert all("@fortawesome/fontawesome-free" in url for url in page.outside)
