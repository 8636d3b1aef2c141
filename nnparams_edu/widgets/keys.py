"""The keys of a presentation clicker, heard anywhere on the page.

ipywidgets alone only sees keys typed into a focused control, so a clicker's
PageDown would just scroll the page. :class:`Keys` is a small anywidget whose
script listens on the page and sends the key's name to Python, gives the keys
back to the deck after a control was used, and keeps the page's address in
step with the deck.
"""
from __future__ import annotations

import anywidget
import traitlets

__all__ = ["Keys", "FORWARD", "BACKWARD"]

#: Keys that step forward: a clicker's "next" sends PageDown.
FORWARD = ("PageDown", "ArrowRight", "ArrowDown")
#: Keys that step back.
BACKWARD = ("PageUp", "ArrowLeft", "ArrowUp")


class Keys(anywidget.AnyWidget):
    """Sends the presentation keys pressed anywhere on the page to Python.

    In Voilà every such key counts, except while typing in a text box, and
    the arrow keys on a focused slider (which move it: PageDown, PageUp, Home
    and End step the deck there too, as a clicker sends them); elsewhere (JupyterLab) only while the focus is
    inside the deck, so that the notebook's own keys keep working. The key's
    name reaches ``on_key``.

    A control of the deck gives the keys back once it has done its job: a
    menu or a check box after its change, a text box on Enter (or its
    change), a slider when the mouse lets go of it, any of them on Escape.
    The focus then goes to the deck itself, so the next PageDown steps the
    deck instead of moving the menu or typing into the box. In Voilà, on a
    screen too small for a section, a step key first scrolls the rest of the
    section into view (a clicker cannot reach a scroll bar).

    In Voilà it also writes :attr:`query` into the page's address (without
    reloading), so that a reload, or the address copied, opens the same place.
    """

    #: The query string the page's address should carry (Voilà only).
    query = traitlets.Unicode("").tag(sync=True)

    _esm = r"""
const KEYS = ["PageDown", "PageUp", "ArrowRight", "ArrowLeft", "ArrowDown", "ArrowUp",
              "Home", "End"];

function busy(target) {
  if (!target || !target.closest) return false;
  return target.isContentEditable
    || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)
    || target.closest(".widget-slider, [role=slider], .widget-dropdown") !== null;
}

// The focus leaves a control of the deck for the deck itself, unless the
// person has already moved on to another control.
function giveBack(deck, control) {
  setTimeout(() => {
    const now = document.activeElement;
    if (deck.offsetParent === null || (now && now !== control && now !== document.body
                                       && !(control.contains && control.contains(now)))) return;
    if (deck.tabIndex < 0 && !deck.hasAttribute("tabindex")) deck.tabIndex = -1;
    if (now && now.blur) now.blur();
    deck.focus({ preventScroll: true });
  }, 0);
}

// What scrolls the page the deck is on (Voilà's panel, or the document).
function scroller(deck) {
  for (let e = deck.parentElement; e; e = e.parentElement) {
    if (/(auto|scroll)/.test(getComputedStyle(e).overflowY) && e.scrollHeight > e.clientHeight + 1)
      return e;
  }
  return document.scrollingElement || document.documentElement;
}

// On a screen too small for a section, a step key first scrolls the rest of
// it into view (a clicker cannot reach a scroll bar); true if it did.
function scrolled(deck, key) {
  const box = scroller(deck);
  const forward = ["PageDown", "ArrowRight", "ArrowDown"].includes(key);
  const backward = ["PageUp", "ArrowLeft", "ArrowUp"].includes(key);
  const rest = box.scrollHeight - box.clientHeight - box.scrollTop;
  if (forward && rest > 2) box.scrollBy({ top: Math.min(rest, box.clientHeight * 0.8) });
  else if (backward && box.scrollTop > 2) box.scrollBy({ top: -box.clientHeight * 0.8 });
  else return false;
  return true;
}

function render({ model, el }) {
  el.classList.add("nnp-keys");
  const inVoila = document.body.hasAttribute("data-voila");
  const ours = (event) => {
    const deck = el.closest(".nnp-deck");
    return deck && deck.contains(event.target) ? deck : null;
  };
  const onKey = (event) => {
    const deck = el.closest(".nnp-deck");
    if (busy(event.target) && (event.key === "Escape"
        || (event.key === "Enter" && event.target.tagName === "INPUT"))) {
      if (deck && deck.contains(event.target)) giveBack(deck, event.target);
      return;
    }
    // A slider keeps its arrow keys, but a clicker's keys always step the deck.
    const slider = event.target && event.target.closest
      && event.target.closest(".widget-slider, [role=slider]");
    const clicker = ["PageDown", "PageUp", "Home", "End"].includes(event.key);
    if (slider && clicker && deck && deck.contains(slider)) giveBack(deck, slider);
    else if (!KEYS.includes(event.key) || event.altKey || event.ctrlKey || event.metaKey
             || busy(event.target)) return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (!deck || deck.offsetParent === null) return;
    if (!inVoila && !deck.contains(document.activeElement)) return;
    event.preventDefault();
    event.stopPropagation();
    if (!(inVoila && scrolled(deck, event.key))) model.send({ key: event.key });
  };
  const onChange = (event) => {
    const deck = ours(event);
    if (deck && busy(event.target)) giveBack(deck, event.target);
  };
  const onRelease = (event) => {
    const deck = ours(event);
    const slider = event.target.closest && event.target.closest(".widget-slider");
    if (deck && slider) giveBack(deck, slider);
  };
  document.addEventListener("keydown", onKey, true);
  document.addEventListener("change", onChange, true);
  document.addEventListener("pointerup", onRelease, true);
  const remember = () => {
    const deck = el.closest(".nnp-deck");
    if (inVoila && deck) scroller(deck).scrollTop = 0;  // a new section starts at its top
    const query = model.get("query");
    if (inVoila && query) {
      window.history.replaceState(null, "", window.location.pathname + "?" + query);
    }
  };
  model.on("change:query", remember);
  remember();
  return () => {
    document.removeEventListener("keydown", onKey, true);
    document.removeEventListener("change", onChange, true);
    document.removeEventListener("pointerup", onRelease, true);
    model.off("change:query", remember);
  };
}
export default { render };
"""

    def __init__(self, on_key=None, **kwargs):
        super().__init__(**kwargs)
        self.on_key = on_key
        self.on_msg(self._message)

    def _message(self, _, content, buffers=None):
        key = content.get("key") if isinstance(content, dict) else None
        if self.on_key is not None and isinstance(key, str):
            self.on_key(key)
