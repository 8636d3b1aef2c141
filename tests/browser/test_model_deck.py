"""Lesson 5 in Voilà with a prepared link that poses a CNN: the class sees its
shapes and no count, the clicker reveals one layer with parameters at a time.

Screens are kept as ``test-artifacts/browser/cnn-1280x800-stepK.png``.
"""
from urllib.parse import quote

import pytest

from .conftest import ARTIFACTS
from .measure import measure, plus_ones_shown
from .test_presentation import numbers, open_deck, press_and_wait, problems, state, where

CNN = "in 28x28x3 | conv 8 k=3 | maxpool 2 | flatten | dense 10"
# worked by hand: conv (3·3·3 + 1)·8 = 224; 26×26×8 pooled to 13×13×8 = 1,352
# inputs, (1,352 + 1)·10 = 13,530; 224 + 13,530 = 13,754
COUNTS = [224, 13530]
SUMS = [224, 13754]


def test_a_link_poses_a_cnn_and_the_clicker_reveals_it_layer_by_layer(browser, voila_app):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = open_deck(browser, f"{voila_app}?net={quote(CNN, safe='')}&pose=1", (1280, 800))
    try:
        now = state(page)
        assert now["position"].strip().endswith("3 / 8")
        assert now["sum"].startswith("Count each") and len(now["alts"]) == 1
        assert "26×26×8" in now["alts"][0] and now["alts"][0].endswith("how many parameters?")
        for step in range(len(COUNTS) + 1):
            if step:
                now = press_and_wait(page, "PageDown", now)
            hidden = set(COUNTS[step:]) | set(SUMS[step:])
            text = numbers(page.evaluate("document.body.innerText"))
            alt = numbers(" ".join(now["alts"]))
            assert not hidden & text, f"step {step}: {hidden & text} on screen too early"
            assert not hidden & alt, f"step {step}: {hidden & alt} in the alt text too early"
            assert set(COUNTS[:step]) <= text and set(SUMS[step - 1:step]) <= alt
            page.screenshot(path=str(ARTIFACTS / f"cnn-1280x800-step{step}.png"))
        assert "Total: 224 + 13,530 = 13,754 parameters" in now["sum"]
        now = press_and_wait(page, "PageDown", now)
        assert now["position"].strip().endswith("4 / 8")
        assert f"Typical wrong answers for {CNN}" in page.evaluate("document.body.innerText")
        assert "%7C" in page.evaluate("location.search")
    finally:
        page.close()
    assert page.errors == []


#: The CNN deck's stops by the clicker: section 3 reveals its 2 layers with
#: parameters, section 8 its answer key of 6 exercises.
CNN_STOPS = ([(1, 0)] + [(2, k) for k in range(4)] + [(3, k) for k in range(3)]
             + [(section, 0) for section in range(4, 8)] + [(8, k) for k in range(7)])
#: The "+1" squares of the class CNN in "Your turn" and "Explore", as
#: measured on the screen (square px, "1" px): before, 20 × 9 at 1024 × 768
#: and the explorer's 22 × 10 at 1920 × 1080 (its picture 620 px wide).
CNN_PLUS_ONE_FLOOR = {(1920, 1080): (45, 14), (1024, 768): (32, 11)}


def cnn_where(now):
    """(section, reveal step): the CNN walkthrough says its first layer with
    parameters, then the second with the total."""
    section = where({**now, "sum": None})[0]
    if section == 3 and now["sum"] and not now["sum"].startswith("Count each"):
        return section, 2 if "Total:" in now["sum"] else 1
    return where(now)


@pytest.mark.parametrize("size", [(1920, 1080), (1024, 768)], ids=["1920x1080", "1024x768"])
def test_a_cnn_class_fits_the_screen_at_every_stop_and_every_section_follows_it(
        browser, voila_app, size):
    page = open_deck(browser, f"{voila_app}?net={quote(CNN, safe='')}", size)
    tag, failures, now = f"{size[0]}x{size[1]}", [], state(page)
    try:
        for i, stop in enumerate(CNN_STOPS):
            if i:
                now = press_and_wait(page, "PageDown", now)
            assert cnn_where(now) == stop, f"after {i} presses the screen shows {now}"
            section, step = stop
            failures += [f"s{section} step {step}: {p}" for p in problems(measure(page))]
            if stop in ((3, 0), (6, 0)):
                box_px, text_px = CNN_PLUS_ONE_FLOOR[size]
                squares, = plus_ones_shown(page)
                assert len(squares) == 2, squares        # the conv's and the dense's
                assert min(s["box_px"] for s in squares) >= box_px, (stop, squares)
                assert min(s["text_px"] for s in squares) >= text_px, (stop, squares)
            if section == 6:  # the explorer opens on the class CNN, not another one
                text = page.evaluate("document.body.innerText")
                assert "13,754 parameters" in text and "13,610" not in text
            if section in (3, 6, 7):
                page.screenshot(path=str(ARTIFACTS / f"cnn-{tag}-s{section:02d}-step{step}.png"))
    finally:
        page.close()
    assert not failures, "\n".join(failures)
    assert page.errors == []
