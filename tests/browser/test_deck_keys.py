"""Lesson 5 in Voilà as slides: re-entry starts posed, the keys are never stuck
after a control was used, the picture uses a large screen and nothing is cut
off on a small one. Keys only, except where a control is the point of the test.

Screens are kept as ``test-artifacts/browser/keys-*.png``.
"""
import pytest

from .conftest import ARTIFACTS
from .test_presentation import open_deck, press_and_wait, state, where

#: The menu's labels, in order.
TITLES = ["1. What we count", "2. The rule, step by step", "3. Your turn",
          "4. Typical mistakes", "5. Why the count matters", "6. Explore",
          "7. Compare two designs", "8. Exercise sheets"]

# The scroll position of what holds the deck, and the shown section's bottom.
_SCROLL = """() => {
  const deck = document.querySelector('.nnp-deck');
  let box = document.scrollingElement;
  for (let e = deck.parentElement; e; e = e.parentElement) {
    if (/(auto|scroll)/.test(getComputedStyle(e).overflowY) && e.scrollHeight > e.clientHeight + 1)
      { box = e; break; }
  }
  const shown = [...deck.querySelectorAll('.nnp-section')].find(e => e.getClientRects().length);
  return {top: box.scrollTop, rest: box.scrollHeight - box.clientHeight - box.scrollTop,
          bottom: shown.getBoundingClientRect().bottom, height: innerHeight};
}"""

# Every visible picture of the shown section: its box on the screen.
_PICTURES = """() => {
  const shown = (e) => e.getClientRects().length > 0;
  const section = [...document.querySelectorAll('.nnp-deck .nnp-section')].find(shown);
  return [...section.querySelectorAll('img')].filter(shown).map(i => {
    const r = i.getBoundingClientRect();
    return {width: r.width, height: r.height, top: r.top, bottom: r.bottom,
            natural: i.naturalWidth}; });
}"""


def settle(page, before=None, timeout=30_000):
    """Wait until the screen has stopped changing (its pictures loaded)."""
    last = None
    for _ in range(timeout // 250):
        page.wait_for_timeout(250)
        now = state(page)
        if now["ready"] and now == last and now != before:
            return now
        last = now
    raise AssertionError(f"the screen kept changing or never changed: {last}")


def choose(page, title):
    """Pick a section in the deck's menu, as an instructor does with the mouse."""
    before = state(page)
    page.select_option(".nnp-deck .nnp-nav select", label=title)
    return settle(page, None if before["position"].endswith(f"{title[0]} / 8") else before)


def shot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"keys-{name}.png"))


@pytest.fixture
def deck(browser, voila_app, request):
    size = getattr(request, "param", (1280, 800))
    page = open_deck(browser, voila_app, size)
    yield page
    page.close()
    assert page.errors == []


def test_home_then_pagedown_opens_each_section_posed(deck):
    now = state(deck)
    for _ in range(5):  # into section 2, its three reveals, then section 3
        now = press_and_wait(deck, "PageDown", now)
    assert where(now) == (3, 0)
    for _ in range(2):
        now = press_and_wait(deck, "PageDown", now)
    assert where(now) == (3, 2)
    now = press_and_wait(deck, "Home", now)
    assert where(now) == (1, 0)
    now = press_and_wait(deck, "PageDown", now)
    assert where(now) == (2, 0) and all(a.endswith("how many parameters?") for a in now["alts"])
    for step in range(1, 4):
        now = press_and_wait(deck, "PageDown", now)
        assert where(now) == (2, step)
    now = press_and_wait(deck, "PageDown", now)
    assert where(now) == (3, 0), "section 3 kept its reveals"
    assert all(a.endswith("how many parameters?") for a in now["alts"])
    shot(deck, "home-then-pagedown")


def test_pagedown_after_the_menu_moves_one_section(deck):
    choose(deck, TITLES[3])
    assert where(state(deck))[0] == 4
    now = press_and_wait(deck, "PageDown", state(deck))
    assert where(now) == (5, 0)
    now = press_and_wait(deck, "PageDown", now)
    assert where(now) == (6, 0)
    choose(deck, TITLES[6])
    now = press_and_wait(deck, "PageUp", state(deck))
    assert where(now) == (6, 0)
    assert deck.evaluate("document.activeElement.tagName") != "SELECT"


def test_pagedown_after_ticking_a_box_moves_on(deck):
    choose(deck, TITLES[5])  # the explorer
    box = deck.locator(".nnp-section:visible .widget-checkbox",
                       has_text="hide counts").locator("input")
    assert not box.is_checked()
    box.click()
    deck.wait_for_timeout(1500)
    assert box.is_checked()
    # the first PageDown reveals the hidden counts, the next moves on
    now = press_and_wait(deck, "PageDown", state(deck))
    assert where(now) == (6, 0) and not box.is_checked()
    assert "253 parameters" in deck.locator(".nnp-section:visible .nnp-total").inner_text()
    now = press_and_wait(deck, "PageDown", now)
    assert where(now) == (7, 0)
    shot(deck, "checkbox-then-pagedown")


def test_a_clickers_keys_step_the_deck_from_a_focused_slider(deck):
    """The arrow keys move a focused slider; PageDown and PageUp, all a
    clicker sends, step the deck and leave the slider where it was."""
    choose(deck, TITLES[5])  # the explorer, on the class net 3-14-9-5-2
    handle = deck.locator(".nnp-section:visible .widget-slider .noUi-handle").first
    handle.focus()
    readout = deck.locator(".nnp-section:visible .widget-slider .widget-readout").first
    before = readout.inner_text()
    deck.keyboard.press("ArrowRight")
    deck.wait_for_timeout(1500)
    moved = readout.inner_text()
    assert int(moved) == int(before) + 1  # the slider took its arrow key
    now = press_and_wait(deck, "PageDown", state(deck))
    assert where(now) == (7, 0)
    now = press_and_wait(deck, "PageUp", now)
    assert where(now) == (6, 0) and readout.inner_text() == moved


def test_pagedown_after_typing_a_net_steps_that_net(deck):
    choose(deck, TITLES[2])
    box = deck.locator(".nnp-section:visible .nnp-walkthrough input[type=text]")
    box.fill("6-5-4-3")
    box.press("Enter")
    now = settle(deck)
    assert all(a.startswith("6-5-4-3 net") and a.endswith("how many parameters?")
               for a in now["alts"]), now
    # 6-5-4-3 by hand: (6 + 1) × 5 = 35, (5 + 1) × 4 = 24, (4 + 1) × 3 = 15; 74
    for step, running in [(1, 35), (2, 59), (3, 74)]:
        now = press_and_wait(deck, "PageDown", now)
        assert where(now) == (3, step) and str(running) in now["sum"]
    now = press_and_wait(deck, "PageDown", now)
    assert where(now) == (4, 0)
    text = deck.evaluate("[...document.querySelectorAll('.nnp-deck .nnp-section')]"
                         ".find(e => e.getClientRects().length).innerText")
    assert "Typical wrong answers for 6-5-4-3 (the right one is 74)" in text
    assert "3-14-9-5-2" not in text and "253" not in text
    shot(deck, "typed-net-then-pagedown")


# Every visible label of the shown section whose box is shorter than its type.
_SHORT_LABELS = """() => {
  const shown = (e) => e.getClientRects().length > 0;
  const section = [...document.querySelectorAll('.nnp-deck .nnp-section')].find(shown);
  return [...section.querySelectorAll('.widget-label')].filter(shown)
    .filter(e => e.innerText.trim())
    .map(e => ({text: e.innerText, height: e.clientHeight,
                font: parseFloat(getComputedStyle(e).fontSize)}))
    .filter(l => l.height < 1.15 * l.font);
}"""


@pytest.mark.parametrize("deck", [(1920, 1080)], indirect=True, ids=["1920x1080"])
def test_no_label_is_cut_at_the_bottom_on_a_large_screen(deck):
    """Type grows with the screen, and so must the boxes of the labels: at
    1920 × 1080 section 8's "layers" read "lavers" in a 28 px box for 27.8 px
    type."""
    for title in TITLES:
        choose(deck, title)
        assert deck.evaluate(_SHORT_LABELS) == [], title


@pytest.mark.parametrize("deck", [(1920, 1080)], indirect=True, ids=["1920x1080"])
def test_the_picture_uses_a_large_screen(deck):
    for title in TITLES[1:3]:
        choose(deck, title)
        pictures = deck.evaluate(_PICTURES)
        scroll = deck.evaluate(_SCROLL)
        assert len(pictures) == 1
        # 720 px wide before; now as wide as the screen's height allows
        assert pictures[0]["width"] >= 1200, pictures
        assert scroll["bottom"] <= 1080 and scroll["rest"] <= 0, scroll
    shot(deck, "1920x1080")


@pytest.mark.parametrize("deck", [(800, 600)], indirect=True, ids=["800x600"])
def test_nothing_is_cut_off_a_small_screen_and_the_keys_reach_it(deck):
    from .measure import measure

    for number, title in enumerate(TITLES, 1):
        choose(deck, title)
        m = measure(deck)
        assert m["docWidth"] <= 800, f"section {number} scrolls sideways"
        assert m["clipped"] == [] and m["scrolls"] == [], (number, m["clipped"], m["scrolls"])
        for picture in deck.evaluate(_PICTURES):
            assert picture["width"] <= 800 and picture["top"] >= 0, (number, picture)
        scroll = deck.evaluate(_SCROLL)
        if number == 4:  # the mistakes table, taller than 600 px: the keys scroll it
            assert scroll["rest"] > 0, scroll
            before = scroll
            deck.keyboard.press("PageDown")
            deck.wait_for_timeout(800)
            scroll = deck.evaluate(_SCROLL)
            assert scroll["top"] > before["top"] and where(state(deck))[0] == 4
            while scroll["rest"] > 0:
                deck.keyboard.press("PageDown")
                deck.wait_for_timeout(800)
                scroll = deck.evaluate(_SCROLL)
            assert scroll["bottom"] <= scroll["height"] + 1, scroll  # its end on screen
            shot(deck, "800x600-s04-scrolled")
            now = press_and_wait(deck, "PageDown", state(deck))
            assert where(now) == (5, 0) and deck.evaluate(_SCROLL)["top"] == 0


@pytest.mark.parametrize("deck", [(1920, 1080), (1024, 768)], indirect=True,
                         ids=["1920x1080", "1024x768"])
def test_the_comparison_draws_its_plus_ones_as_large_as_the_class_exercise(deck):
    """Section 7 sets the class net 3-14-9-5-2 beside 3-7-9-5-2, each in
    half the screen: their "+1" squares and text are no smaller than those of
    the class net drawn full width in section 3, measured on the same screen
    (with 5-16-3 in half of 1920 × 1080 they were 24 px squares with 11 px
    text, against 37 and 16 for a 16-unit column full width)."""
    from .measure import plus_ones_shown

    choose(deck, TITLES[2])
    full, = plus_ones_shown(deck)
    choose(deck, TITLES[6])
    nets = plus_ones_shown(deck)
    size = (deck.viewport_size["width"], deck.viewport_size["height"])
    shot(deck, f"compare-{size[0]}x{size[1]}")
    # both nets have 4 connections with biases: 4 "+1" squares each
    assert [len(full)] + [len(squares) for squares in nets] == [4, 4, 4], (full, nets)
    box_px = min(square["box_px"] for square in full)
    text_px = min(square["text_px"] for square in full)
    for name, squares in zip("AB", nets):
        assert min(square["box_px"] for square in squares) >= box_px, (name, squares, full)
        assert min(square["text_px"] for square in squares) >= text_px, (name, squares, full)


@pytest.mark.parametrize("url_size", [("?net=5-0-3&section=99", (1024, 768))], ids=["1024x768"])
def test_a_bad_links_notice_fits_the_first_section_and_goes_when_the_deck_moves(
        browser, voila_app, url_size):
    from .measure import measure
    from .test_presentation import problems

    query, size = url_size
    page = open_deck(browser, voila_app + query, size)
    try:
        notice = page.locator(".nnp-deck .nnp-notice")
        assert "net=5-0-3 was not used" in notice.inner_text()
        assert "section=99 was not used" in notice.inner_text()
        assert problems(measure(page)) == []     # 785 px tall before: the keys scrolled first
        shot(page, "bad-link-1024x768")
        now = press_and_wait(page, "PageDown", state(page))
        assert where(now) == (2, 0) and notice.inner_text().strip() == ""
    finally:
        page.close()
    assert page.errors == []
