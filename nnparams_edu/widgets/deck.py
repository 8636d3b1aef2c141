"""A presentation made of sections, one screen each, stepped with a clicker.

A :class:`Deck` shows one section at a time with a navigation bar. The keys a
presentation clicker sends (PageDown / PageUp) and the arrow keys first step
the current section's reveal (a section widget with ``advance()`` and
``retreat()``, such as the walkthrough), then move to the next or previous
section. Sections are plain ipywidgets shown and hidden in place (no extra
template or extension); the keys come from :class:`Keys`, a small anywidget
that listens on the page, because ipywidgets alone only sees keys typed into
a focused control.
"""
from __future__ import annotations

from html import escape

from urllib.parse import urlencode

import anywidget
import ipywidgets as widgets
import traitlets

from ._view import StaticFallback, _dress

__all__ = ["Deck", "Keys", "FORWARD", "BACKWARD"]

#: Keys that step forward: a clicker's "next" sends PageDown.
FORWARD = ("PageDown", "ArrowRight", "ArrowDown")
#: Keys that step back.
BACKWARD = ("PageUp", "ArrowLeft", "ArrowUp")


class Keys(anywidget.AnyWidget):
    """Sends the presentation keys pressed anywhere on the page to Python.

    In Voilà every such key counts, except while typing in a text box or
    moving a focused slider; elsewhere (JupyterLab) only while the focus is
    inside the deck, so that the notebook's own keys keep working. The key's
    name reaches ``on_key``.

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

function render({ model, el }) {
  el.classList.add("nnp-keys");
  const inVoila = document.body.hasAttribute("data-voila");
  const onKey = (event) => {
    if (!KEYS.includes(event.key) || event.altKey || event.ctrlKey || event.metaKey
        || busy(event.target)) return;
    const deck = el.closest(".nnp-deck");
    if (!deck || deck.offsetParent === null) return;
    if (!inVoila && !deck.contains(document.activeElement)) return;
    event.preventDefault();
    event.stopPropagation();
    model.send({ key: event.key });
  };
  document.addEventListener("keydown", onKey, true);
  const remember = () => {
    const query = model.get("query");
    if (inVoila && query) {
      window.history.replaceState(null, "", window.location.pathname + "?" + query);
    }
  };
  model.on("change:query", remember);
  remember();
  return () => {
    document.removeEventListener("keydown", onKey, true);
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


class Deck(StaticFallback, widgets.VBox):
    """Sections shown one at a time, with a navigation bar and clicker keys.

    Parameters
    ----------
    sections : sequence of (str, ipywidgets.Widget)
        Title and content of each section, in order. A content widget with
        ``advance()`` / ``retreat()`` methods (returning False when there is
        nothing more to step) is stepped by the keys before the deck moves on.
    start : int
        The section shown first (0-based).
    presentation : bool
        Large type for the projector.

    Examples
    --------
    >>> from nnparams_edu.widgets import walkthrough
    >>> deck = Deck([("Intro", widgets.HTML("hello")),
    ...              ("Step by step", walkthrough("5-8-4-3"))])
    >>> deck.key("PageDown"); deck.current
    1
    >>> deck.key("PageDown"); deck.current, deck.contents[1].step.value
    (1, 1)
    >>> deck.key("PageUp"); deck.key("PageUp"); deck.current
    0
    >>> deck.go(1); deck.remember(net="5-16-3"); deck.clicker.query
    'section=2&net=5-16-3'
    """

    def __init__(self, sections, *, start=0, presentation=True):
        sections = list(sections)
        if not sections:
            raise ValueError("a deck needs at least one section")
        self.titles = [title for title, _ in sections]
        self.contents = [content for _, content in sections]
        self.pages = []
        for i, (title, content) in enumerate(sections, 1):
            heading = widgets.HTML(f"<h2 class='nnp-section-title'>{i}. {escape(title)}</h2>")
            page = widgets.VBox([heading, content])
            page.add_class("nnp-section")
            self.pages.append(page)
        self.previous = widgets.Button(description="Previous", icon="arrow-left",
                                       tooltip="Previous (PageUp, ←)")
        self.next = widgets.Button(description="Next", icon="arrow-right",
                                   button_style="primary", tooltip="Next (PageDown, →)")
        self.menu = widgets.Dropdown(options=[(f"{i}. {t}", i - 1)
                                              for i, t in enumerate(self.titles, 1)],
                                     layout=widgets.Layout(width="18em"))
        self.position = widgets.HTML()
        self.clicker = Keys(on_key=self.key)
        nav = widgets.HBox([self.previous, self.menu, self.next, self.position, self.clicker],
                           layout=widgets.Layout(flex_flow="row wrap", align_items="center"))
        nav.add_class("nnp-nav")
        super().__init__([nav, *self.pages])
        _dress(self, presentation)
        self.add_class("nnp-deck")
        self.previous.on_click(lambda _: self.backward())
        self.next.on_click(lambda _: self.forward())
        self.menu.observe(lambda change: self.go(change["new"]), "value")
        self.current = -1
        self.remembered = {}
        self.go(min(max(int(start), 0), len(self.pages) - 1))

    def static_parts(self):
        """The list of sections and what the first one shows."""
        items = "".join(f"<li>{escape(title)}</li>" for title in self.titles)
        first = self.contents[0]
        html, text = first.static_parts() if hasattr(first, "static_parts") else (
            getattr(first, "value", ""), "")
        return (f"<p>A presentation in {len(self.titles)} sections (run it live, or "
                f"serve it with Voilà, to step through them):</p><ol>{items}</ol>"
                f"<h3>1. {escape(self.titles[0])}</h3>{html}",
                "Sections: " + "; ".join(self.titles))

    def go(self, index: int) -> None:
        """Show section *index* (0-based) and hide the others."""
        index = min(max(index, 0), len(self.pages) - 1)
        if index == self.current:
            return
        self.current = index
        for i, page in enumerate(self.pages):
            page.layout.display = None if i == index else "none"
        self.menu.value = index
        self.position.value = f"{index + 1} / {len(self.pages)}"
        self._address()

    def remember(self, **fields) -> None:
        """Keep *fields* (e.g. ``net="4-16-8-4-2"``) in the page's address
        beside the section, so that a reload comes back to them."""
        self.remembered.update(fields)
        self._address()

    def _address(self):
        self.clicker.query = urlencode({"section": self.current + 1, **self.remembered})

    def forward(self) -> None:
        """Reveal the next step of this section, or go to the next section."""
        content = self.contents[self.current]
        if not (hasattr(content, "advance") and content.advance()):
            self.go(self.current + 1)

    def backward(self) -> None:
        """Hide the last step of this section, or go to the previous section."""
        content = self.contents[self.current]
        if not (hasattr(content, "retreat") and content.retreat()):
            self.go(self.current - 1)

    def key(self, name: str) -> None:
        """Act on a key: PageDown / → / ↓ forward, PageUp / ← / ↑ back,
        Home and End to the first and last section."""
        if name in FORWARD:
            self.forward()
        elif name in BACKWARD:
            self.backward()
        elif name == "Home":
            self.go(0)
        elif name == "End":
            self.go(len(self.pages) - 1)
