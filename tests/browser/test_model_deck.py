"""Lesson 5 in Voilà with a prepared link that poses a CNN: the class sees its
shapes and no count, the clicker reveals one layer with parameters at a time.

Screens are kept as ``test-artifacts/browser/cnn-1280x800-stepK.png``.
"""
from urllib.parse import quote

from .conftest import ARTIFACTS
from .test_presentation import numbers, open_deck, press_and_wait, state

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
