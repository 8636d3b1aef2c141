"""What a person in the room sees, measured in the page: sizes, type,
contrast and line lengths of everything visible in the presentation deck.

``measure(page)`` runs one script in the page and returns plain numbers and
the offending items, so a test can assert and a report can quote them.

How each figure is measured
---------------------------
* **Fits the screen**: the bounding box of every visible element of the deck
  (its navigation bar and the section shown) lies inside ``innerWidth`` ×
  ``innerHeight``, the document is no wider and no taller than the window,
  and no element of the deck scrolls or clips sideways (``scrollWidth`` at
  most ``clientWidth`` where overflow is not visible).
* **Type size**: the computed ``font-size`` of the element holding each
  visible, non-blank text node, and of every visible text box, number box
  and drop-down (their text is not a text node).
* **Line length**: the characters actually rendered on each line. Every
  character of every visible text node gets its box from a ``Range``;
  characters of one block (the nearest ancestor that is not ``inline``) whose
  vertical centres fall inside the same line band are one line. Collapsed
  white space has no box and is not counted.
* **Contrast**: WCAG 2 contrast ratio of the text colour against the first
  ancestor background that is not transparent (semi-transparent layers are
  blended over what lies under them; white under everything), with the text
  colour's alpha and the ancestors' ``opacity`` blended in.
* **Picture labels**: the drawing's label font (points) × dpi / 72 × the
  picture's displayed width / its natural width.
* **Clipping**: every visible character's box lies inside each ancestor that
  clips (overflow not visible), so a cut readout counts as a defect.
* **Controls**: no two visible text boxes, drop-downs, buttons or slider
  readouts overlap (a button painted over the end of a text box).
* **"+1" squares** (:func:`plus_ones`): on a screenshot of each picture, the
  height of every patch of the squares' grey fill and of the dark text in it.
"""
from __future__ import annotations

from nnparams_edu.draw import PRESENTATION
from nnparams_edu.widgets._view import PRESENT_DPI

#: Dots per inch of the pictures the deck shows (the projector's pictures).
DPI = PRESENT_DPI
#: The presentation style's label font in points.
LABEL_PT = PRESENTATION.font

_SCRIPT = r"""
({labelPt, dpi}) => {
  const W = window.innerWidth, H = window.innerHeight;
  const deck = document.querySelector('.nnp-deck');
  const parse = (c) => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return [0, 0, 0, 0];
    const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, under) => [0, 1, 2].map(i => top[i] * top[3] + under[i] * (1 - top[3]));
  const visible = (el) => {
    if (!el || el.getClientRects().length === 0) return false;
    const s = getComputedStyle(el);
    return s.visibility !== 'hidden' && s.display !== 'none';
  };
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let rgb = [255, 255, 255];
    for (const c of layers.reverse()) rgb = over(c, rgb);
    return rgb;
  };
  const opacity = (el) => {
    let o = 1;
    for (let e = el; e; e = e.parentElement) o *= parseFloat(getComputedStyle(e).opacity);
    return o;
  };
  const lum = (rgb) => {
    const [r, g, b] = rgb.map(v => { v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
                            return (x + 0.05) / (y + 0.05); };
  const contrastOf = (el) => {
    const fg = parse(getComputedStyle(el).color);
    const bg = background(el);
    const text = over([fg[0], fg[1], fg[2], fg[3] * opacity(el)], bg);
    return ratio(text, bg);
  };
  const block = (el) => {
    for (let e = el; e; e = e.parentElement)
      if (!getComputedStyle(e).display.startsWith('inline')) return e;
    return document.body;
  };
  const clippers = (el) => {
    const out = [];
    for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.overflowX !== 'visible' || s.overflowY !== 'visible') out.push(e);
    }
    return out;
  };
  const short = (s) => s.replace(/\s+/g, ' ').trim().slice(0, 70);
  const name = (el) => el.tagName.toLowerCase()
    + (el.className && el.className.baseVal === undefined
       ? '.' + String(el.className).trim().split(/\s+/).slice(0, 2).join('.') : '');

  const roots = [...deck.children].filter(visible);
  const result = {width: W, height: H, fonts: [], contrasts: [], lines: [], outside: [],
                  clipped: [], scrolls: [], labels: [], alts: [],
                  deckBottom: deck.getBoundingClientRect().bottom,
                  docWidth: document.documentElement.scrollWidth,
                  docHeight: document.documentElement.scrollHeight};
  for (const root of roots) {
    for (const el of [root, ...root.querySelectorAll('*')]) {
      if (!visible(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.left < -0.5 || r.top < -0.5 || r.right > W + 0.5 || r.bottom > H + 0.5)
        result.outside.push({el: name(el), left: r.left, top: r.top, right: r.right,
                             bottom: r.bottom});
      const s = getComputedStyle(el);
      if (s.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1)
        result.scrolls.push({el: name(el), scrollWidth: el.scrollWidth,
                             clientWidth: el.clientWidth});
      if (el.matches('input[type=text], input[type=number], select, textarea')) {
        const text = el.tagName === 'SELECT' ? el.selectedOptions[0]?.text || '' : el.value;
        if (text.trim()) {
          result.fonts.push({px: parseFloat(s.fontSize), text: short(text), el: name(el)});
          result.contrasts.push({ratio: contrastOf(el), text: short(text), el: name(el)});
        }
      }
      if (el.tagName === 'IMG') {
        const scale = el.clientWidth / el.naturalWidth;
        result.labels.push({px: labelPt * dpi / 72 * scale, scale, natural: el.naturalWidth,
                            shown: el.clientWidth});
        result.alts.push(el.alt || '');
        result.alts.push(el.title || '');
      }
    }
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const lines = new Map();            // block -> [{top, bottom, chars, text}]
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!node.data.trim() || !visible(el) || el.closest('select, option, style, script'))
        continue;
      const s = getComputedStyle(el);
      const text = short(node.data);
      result.fonts.push({px: parseFloat(s.fontSize), text, el: name(el)});
      result.contrasts.push({ratio: contrastOf(el), text, el: name(el)});
      const clips = clippers(el).map(c => c.getBoundingClientRect());
      const b = block(el);
      if (!lines.has(b)) lines.set(b, []);
      const mine = lines.get(b);
      const range = document.createRange();
      for (let i = 0; i < node.data.length; i++) {
        range.setStart(node, i); range.setEnd(node, i + 1);
        const box = range.getBoundingClientRect();
        if (box.width === 0) continue;
        const mid = (box.top + box.bottom) / 2;
        let line = mine.find(l => mid >= l.top && mid <= l.bottom);
        if (!line) { line = {top: box.top, bottom: box.bottom, chars: 0, text: ''};
                     mine.push(line); }
        line.chars += 1; line.text += node.data[i];
        for (const c of clips)
          if (box.left < c.left - 1 || box.right > c.right + 1
              || box.top < c.top - 1 || box.bottom > c.bottom + 1) {
            result.clipped.push({text, char: node.data[i], el: name(el)}); i = node.data.length;
            break;
          }
      }
    }
    for (const group of lines.values())
      for (const l of group) result.lines.push({chars: l.chars, text: short(l.text)});
  }
  // Controls must not cover one another (a button painted over a text box).
  const controls = roots.flatMap(r => [...r.querySelectorAll(
      'input, select, button, textarea, .widget-readout')]).filter(visible)
    .map(e => ({el: name(e), label: (e.value || e.innerText || '').trim().slice(0, 30),
                r: e.getBoundingClientRect()}));
  result.overlaps = [];
  for (let i = 0; i < controls.length; i++)
    for (let j = i + 1; j < controls.length; j++) {
      const [a, b] = [controls[i].r, controls[j].r];
      if (Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5
          && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5)
        result.overlaps.push([controls[i].el + ' ' + controls[i].label,
                              controls[j].el + ' ' + controls[j].label]);
    }
  result.pageText = document.body.innerText;
  return result;
}
"""


def measure(page) -> dict:
    """Measure the visible deck on *page*; see the module's docstring."""
    return page.evaluate(_SCRIPT, {"labelPt": LABEL_PT, "dpi": DPI})


def summary(m: dict) -> dict:
    """The extremes of one measurement, for assertions and the report."""
    return {
        "deck_bottom": round(m["deckBottom"], 1),
        "min_font_px": min(f["px"] for f in m["fonts"]),
        "min_contrast": round(min(c["ratio"] for c in m["contrasts"]), 2),
        "longest_line": max((line["chars"] for line in m["lines"]), default=0),
        "min_label_px": min((round(label["px"], 1) for label in m["labels"]), default=None),
    }


#: The "+1" squares' fill (``PALETTE["bias"]``, #BBBBBB) and how far a
#: screen pixel may be from it (scaling blends the edges).
BIAS_GREY, GREY_TOLERANCE = 0xBB, 14
#: Darker than this inside a square is its text.
DARK = 110


def plus_ones(png: bytes) -> list:
    """The "+1" squares in a screenshot of a picture: for each, its height
    and the height of its text (the digit 1, the tallest glyph), in screen
    pixels, measured on the pixels themselves.

    A square is a connected patch of its grey fill, about as tall as wide and
    mostly filled (its text leaves holes in it); its text is the dark pixels
    inside the patch's bounding box (its black frame lies just outside).
    """
    import io

    import numpy as np
    from PIL import Image

    rgb = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
    grey = np.abs(rgb - BIAS_GREY).max(axis=2) <= GREY_TOLERANCE
    seen = np.zeros_like(grey)
    height, width = grey.shape
    found = []
    for y, x in zip(*np.nonzero(grey)):
        if seen[y, x]:
            continue
        seen[y, x] = True
        patch, todo = [], [(y, x)]
        while todo:  # flood fill of one patch of grey
            cy, cx = todo.pop()
            patch.append((cy, cx))
            for ny, nx in ((cy + 1, cx), (cy - 1, cx), (cy, cx + 1), (cy, cx - 1)):
                if 0 <= ny < height and 0 <= nx < width and grey[ny, nx] and not seen[ny, nx]:
                    seen[ny, nx] = True
                    todo.append((ny, nx))
        ys, xs = zip(*patch)
        top, bottom, left, right = min(ys), max(ys), min(xs), max(xs)
        h, w = bottom - top + 1, right - left + 1
        if min(h, w) < 6 or abs(h - w) > 0.25 * max(h, w) or len(patch) < 0.5 * h * w:
            continue  # a sliver of an edge, not a square
        dark = np.nonzero((rgb[top:bottom + 1, left:right + 1].max(axis=2) < DARK).any(axis=1))[0]
        if not len(dark):
            continue  # grey with no "+1" in it: where the dots of bias edges meet
        found.append({"box_px": int(h), "text_px": int(dark.max() - dark.min() + 1)})
    return found


def plus_ones_shown(page) -> list:
    """:func:`plus_ones` of every picture of the deck's section on screen,
    picture by picture (left to right)."""
    pictures = page.locator(".nnp-deck .nnp-section:visible img")
    shown = [pictures.nth(i) for i in range(pictures.count()) if pictures.nth(i).is_visible()]
    shown.sort(key=lambda picture: picture.bounding_box()["x"])
    return [plus_ones(picture.screenshot()) for picture in shown]
