"""Lesson 5 in Voilà as the room sees it: driven with the keys of a
presentation clicker only, at three screen sizes, measured at every stop.

Every stop is saved as ``test-artifacts/browser/deck-<W>x<H>-sNN[-stepK].png``
and the extremes of each size as ``deck-<W>x<H>-measurements.json``.
"""
import json
import re
import time

import pytest

from . import harness
from .conftest import ARTIFACTS
from .measure import measure, summary

SIZES = [(1920, 1080), (1280, 800), (1024, 768)]
MIN_FONT_PX = 20
MAX_LINE_CHARS = 90
MIN_CONTRAST = 4.5
MIN_LABEL_PX = 18

#: Every stop a clicker passes, as (section, reveal step): section 2 walks
#: through 5-8-4-3 (3 connections), section 3 poses 3-14-9-5-2 (4 connections),
#: section 8 reveals the answer key of its 6 exercises one by one.
STOPS = ([(1, 0)] + [(2, k) for k in range(4)] + [(3, k) for k in range(5)]
         + [(section, 0) for section in range(4, 8)] + [(8, k) for k in range(7)])
#: A clicker sends PageDown; the arrow keys do the same.
FORWARD_KEYS = ("PageDown", "ArrowRight", "ArrowDown")

#: The class exercise 3-14-9-5-2, worked by hand: each connection's count
#: (3+1)*14 = 56, (14+1)*9 = 135, (9+1)*5 = 50, (5+1)*2 = 12, and the running
#: sums 56, 191, 241, 253 (the total).
CLASS_COUNTS = [56, 135, 50, 12]
CLASS_SUMS = [56, 191, 241, 253]

# What the screen shows now: section, walkthrough text, pictures' alt texts.
_STATE = """() => {
  const shown = (e) => e.getClientRects().length > 0;
  const section = [...document.querySelectorAll('.nnp-deck .nnp-section')].find(shown);
  const sum = section && [...section.querySelectorAll('.nnp-running-sum')].find(shown);
  const imgs = section ? [...section.querySelectorAll('img')].filter(shown) : [];
  const sheet = section && section.querySelector('.nnp-sheet');
  return {position: document.querySelector('.nnp-deck .nnp-nav').innerText,
          sum: sum ? sum.innerText : null,
          sheet: sheet ? sheet.innerText : null,
          alts: imgs.map(i => i.alt),
          ready: imgs.every(i => i.complete && i.naturalWidth > 0)};
}"""

# Layout of the controls and pictures that must not collide (issue 8).
_LAYOUT = """() => {
  const shown = (e) => e.getClientRects().length > 0;
  const section = [...document.querySelectorAll('.nnp-deck .nnp-section')].find(shown);
  const box = (e) => { const r = e.getBoundingClientRect();
                       return {left: r.left, top: r.top, right: r.right, bottom: r.bottom,
                               name: (e.innerText || e.value || e.className).trim()}; };
  const controls = [...section.querySelectorAll(
      '.nnp-walkthrough button, .nnp-walkthrough input, .nnp-walkthrough .widget-slider')]
    .filter(shown).map(box);
  const figures = [...section.querySelectorAll('.nnp-compare-row .nnp-figure img')]
    .filter(shown).map(box);
  return {controls, figures, width: innerWidth, height: innerHeight};
}"""


def numbers(text):
    """The whole numbers written in *text* ("1,024" is one number)."""
    return {int(n.replace(",", "")) for n in re.findall(r"\d+(?:,\d{3})*", text)}


def open_deck(browser, url, size):
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    page.set_default_timeout(60_000)
    page.errors, page.outside = harness.console_errors(page)
    page.goto(url)
    page.locator(".nnp-deck .nnp-nav").wait_for(timeout=90_000)
    page.evaluate(f"window.__nnpState = {_STATE}")
    page.wait_for_function("window.__nnpState().ready")
    return page


def state(page):
    return page.evaluate("window.__nnpState()")


def press_and_wait(page, key, before, timeout=30.0):
    """Press *key* (nothing else: no clicks) and wait until the screen has
    changed, its pictures are loaded and it has stayed the same for 0.25 s
    (the text and the picture of one step arrive as separate messages)."""
    page.keyboard.press(key)
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        page.wait_for_timeout(250)
        now = state(page)
        if now["ready"] and now != before and now == last and consistent(now):
            return now
        last = now
    raise AssertionError(f"{key} changed nothing within {timeout} s: {last}")


def consistent(now):
    """The walkthrough's text and picture show the same step (they arrive as
    separate messages): posed both, or the picture's alt text carrying the
    running sum the text ends with."""
    if now["sum"] is None:
        return True
    if now["sum"].startswith("Count each"):
        return all(alt.endswith("how many parameters?") for alt in now["alts"])
    running = max(numbers(now["sum"].splitlines()[-1]))
    return all(running in numbers(alt) for alt in now["alts"])


def where(now):
    """(section, reveal step) from what the screen shows."""
    section = int(re.search(r"(\d+) / 8", now["position"]).group(1))
    if now.get("sheet") and now["sheet"].startswith("Answer key"):
        answers = [line for line in now["sheet"].splitlines()[1:] if line.strip()]
        return section, sum(not line.rstrip().endswith(": ?") for line in answers)
    if now["sum"] is None or now["sum"].startswith("Count each"):
        return section, 0
    return section, int(re.search(r"Connection (\d+)", now["sum"]).group(1))


def problems(m):
    """Every rule the room needs that this screen breaks, in words."""
    found = []
    w, h = m["width"], m["height"]
    if m["docWidth"] > w or m["docHeight"] > h:
        found.append(f"page scrolls: {m['docWidth']}×{m['docHeight']} in {w}×{h}")
    found += [f"outside the screen: {o}" for o in m["outside"][:3]]
    found += [f"scrolls sideways: {s}" for s in m["scrolls"][:3]]
    found += [f"cut off: {c}" for c in m["clipped"][:3]]
    found += [f"controls overlap: {pair}" for pair in m["overlaps"][:3]]
    found += [f"{f['px']} px < {MIN_FONT_PX}: {f['el']} {f['text']!r}"
              for f in m["fonts"] if f["px"] < MIN_FONT_PX][:3]
    found += [f"{line['chars']} characters > {MAX_LINE_CHARS}: {line['text']!r}"
              for line in m["lines"] if line["chars"] > MAX_LINE_CHARS][:3]
    found += [f"contrast {c['ratio']:.2f} < {MIN_CONTRAST}: {c['el']} {c['text']!r}"
              for c in m["contrasts"] if c["ratio"] < MIN_CONTRAST][:3]
    found += [f"picture labels {label['px']:.1f} px < {MIN_LABEL_PX} "
              f"({label['shown']} of {label['natural']} px wide)"
              for label in m["labels"] if label["px"] < MIN_LABEL_PX]
    return found


def overlaps(boxes):
    return [(a["name"], b["name"]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if min(a["right"], b["right"]) - max(a["left"], b["left"]) > 0.5
            and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > 0.5]


def layout_problems(page, section):
    found = []
    lay = page.evaluate(_LAYOUT)
    if section in (2, 3):
        # Reveal next, Reveal all, Start again (and the net box in section 3); the
        # deck's own Previous steps back, so the walkthrough shows none of its own
        names = [control["name"] for control in lay["controls"]]
        if len(names) < (3 if section == 2 else 4):
            found.append(f"walkthrough controls missing: {lay['controls']}")
        if "Previous" in names:
            found.append("two Previous buttons: the deck's and the walkthrough's")
        found += [f"controls overlap: {pair}" for pair in overlaps(lay["controls"])]
    if section == 7:
        figures = lay["figures"]
        if len(figures) != 2:
            found.append(f"compare shows {len(figures)} pictures, not 2")
        else:
            a, b = sorted(figures, key=lambda f: f["left"])
            if abs(a["top"] - b["top"]) > 2 or a["right"] > b["left"]:
                found.append(f"compare pictures not side by side on one row: {a} {b}")
            for f in figures:
                if f["left"] < 0 or f["top"] < 0 or f["right"] > lay["width"] \
                        or f["bottom"] > lay["height"]:
                    found.append(f"compare picture outside the screen: {f}")
    return found


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_class_by_clicker_fits_the_projector(browser, voila_app, size):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = open_deck(browser, voila_app, size)
    tag = f"{size[0]}x{size[1]}"
    now, failures, seen = state(page), [], []
    try:
        for i, stop in enumerate(STOPS):
            if i:
                now = press_and_wait(page, FORWARD_KEYS[i % len(FORWARD_KEYS)], now)
            assert where(now) == stop, f"after {i} key presses the screen shows {now}"
            section, step = stop
            m = measure(page)
            extremes = summary(m)
            seen.append({"section": section, "step": step, **extremes})
            failures += [f"s{section} step {step}: {p}"
                         for p in problems(m) + layout_problems(page, section)]
            name = f"deck-{tag}-s{section:02d}" + (f"-step{step}" if section in (2, 3, 8) else "")
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
        # At the end nothing moves on; PageUp steps back, Home to the start.
        page.keyboard.press("PageDown")
        page.wait_for_timeout(300)
        assert where(state(page)) == (8, 6)
        now = press_and_wait(page, "PageUp", state(page))
        assert where(now) == (8, 5)
        now = press_and_wait(page, "ArrowLeft", now)
        assert where(now) == (8, 4)
        now = press_and_wait(page, "Home", now)
        assert where(now) == (1, 0)
    finally:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        report = {
            "viewport": list(size),
            "max_deck_bottom_px": max((s["deck_bottom"] for s in seen), default=None),
            "min_font_px": min((s["min_font_px"] for s in seen), default=None),
            "min_contrast": min((s["min_contrast"] for s in seen), default=None),
            "min_label_px": min((s["min_label_px"] for s in seen
                                 if s["min_label_px"] is not None), default=None),
            "longest_line_chars": max((s["longest_line"] for s in seen), default=None),
            "stops": seen}
        (ARTIFACTS / f"deck-{tag}-measurements.json").write_text(json.dumps(report, indent=1))
        page.close()
    assert not failures, "\n".join(failures)
    assert len(seen) == len(STOPS)
    assert page.errors == []
    # Voilà's page links Font Awesome from a CDN; offline only that may fail.
    assert all("@fortawesome/fontawesome-free" in url for url in page.outside)


def test_posed_class_exercise_reveals_in_order(browser, voila_app):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = open_deck(browser, voila_app + "?pose=1", (1280, 800))
    try:
        now = state(page)
        assert where(now) == (3, 0)
        box = [v for v in page.eval_on_selector_all(
            ".nnp-walkthrough input[type=text]",
            "els => els.filter(e => e.getClientRects().length).map(e => e.value)")]
        assert box == ["3-14-9-5-2"]
        for step in range(len(CLASS_COUNTS) + 1):
            if step:
                now = press_and_wait(page, "PageDown", now)
            assert where(now) == (3, step)
            # Step k shows the first k counts and the k-th running sum;
            # nothing of a later connection, no later sum, no total before the end.
            hidden = set(CLASS_COUNTS[step:]) | set(CLASS_SUMS[step:])
            shown = set(CLASS_COUNTS[:step]) | set(CLASS_SUMS[step - 1:step])
            text = numbers(page.evaluate("document.body.innerText"))
            alts = page.eval_on_selector_all(
                "img", "els => els.filter(e => e.getClientRects().length)"
                       ".map(e => e.alt + ' ' + e.title)")
            assert alts, "no picture on screen"
            alt = set().union(*map(numbers, alts))
            assert not hidden & text, f"step {step}: {hidden & text} on screen too early"
            assert not hidden & alt, f"step {step}: {hidden & alt} in the alt text too early"
            assert shown <= text, f"step {step}: {shown - text} not on screen"
            # The alt text says the running sum so far (or asks the question).
            assert set(CLASS_SUMS[step - 1:step]) <= alt, f"step {step}: alt {alts}"
            page.screenshot(path=str(ARTIFACTS / f"posed-1280x800-step{step}.png"))
    finally:
        page.close()
    assert page.errors == []


def test_a_reload_comes_back_to_the_same_section_and_net(browser, voila_app):
    page = open_deck(browser, voila_app + "?net=5-16-3&pose=1", (1280, 800))
    refused = []
    page.on("response", lambda r: refused.append(r.url) if r.status >= 400 else None)
    try:
        now = state(page)
        assert where(now) == (3, 0)
        for _ in range(3):  # 5-16-3 has two connections: two reveals, then section 4
            now = press_and_wait(page, "PageDown", now)
        assert where(now) == (4, 0)
        page.wait_for_function("location.search.includes('section=4')")
        assert "net=5-16-3" in page.evaluate("location.search")
        page.reload()
        page.locator(".nnp-deck .nnp-nav").wait_for(timeout=90_000)
        page.evaluate(f"window.__nnpState = {_STATE}")
        page.wait_for_function("window.__nnpState().ready")
        assert where(state(page)) == (4, 0)
        assert "Typical wrong answers for 5-16-3" in page.evaluate("document.body.innerText")
    finally:
        page.close()
    # Leaving the page, Voilà asks its server to shut the old kernel down and is
    # refused (403) without a cookie it never set here; that is Voilà's, not ours.
    assert all("/voila/api/shutdown/" in url for url in refused), refused
    assert [e for e in page.errors if "403 (Forbidden)" not in e or not refused] == []
