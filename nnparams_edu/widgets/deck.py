"""A presentation made of sections, one screen each, stepped with a clicker.

A :class:`Deck` shows one section at a time with a navigation bar. The keys a
presentation clicker sends (PageDown / PageUp) and the arrow keys first step
the current section's reveal (a section widget with ``advance()`` and
``retreat()``, such as the walkthrough), then move to the next or previous
section. As with slides, a section entered going forward starts posed again
(its reveals hidden), and Home starts the whole deck afresh. Sections are
plain ipywidgets shown and hidden in place (no extra template or extension);
the keys come from :class:`~nnparams_edu.widgets.keys.Keys`, a small
anywidget that listens on the page, because ipywidgets alone only sees keys
typed into a focused control.
"""
from __future__ import annotations

from html import escape

from urllib.parse import urlencode

import ipywidgets as widgets

from ._view import StaticFallback, _dress
from .keys import BACKWARD, FORWARD, Keys

__all__ = ["Deck", "Keys", "FORWARD", "BACKWARD"]

#: The deck on a screen: the focus it takes back shows no frame; Voilà's page
#: scrolls as a whole, never in an inner panel a clicker cannot reach; type
#: grows with the window from 20 px, and a picture as wide as the page and as
#: tall as the screen leaves once the title, the controls and the text are
#: placed (measured from 1024 × 768 to 1920 × 1080), and a notice about the
#: page's link while it shows. The dense comparison's
#: two pictures take the height left between the totals and its two lines of
#: words (95 px + 12.5 em; a third line under 900 px wide), so that a 16-unit
#: column in half the screen keeps "+1" squares as large as the class net's.
#: The mistakes table keeps each mistake's name on one line (its caption says
#: what the line above it says).
_DECK_CSS = """<style>
.nnp-deck:focus { outline: none; }
.nnp-deck { --nnp-notice: 0px; }
.nnp-deck:has(.nnp-notice .nnp-error) { --nnp-notice: 2.8em; }
.nnp-deck:has(.nnp-notice br) { --nnp-notice: 5.4em; }
body[data-voila]:has(.nnp-deck) { height: auto !important; }
body[data-voila]:has(.nnp-deck) #main, body[data-voila]:has(.nnp-deck) #jp-main-content-panel,
body[data-voila]:has(.nnp-deck) #rendered_cells { position: static !important;
  height: auto !important; overflow: visible !important; contain: none !important; }
body .nnp-deck.nnp-present, body .nnp-deck.nnp-present .widget-label,
body .nnp-deck.nnp-present input, body .nnp-deck.nnp-present button,
body .nnp-deck.nnp-present td, body .nnp-deck.nnp-present th, body .nnp-deck.nnp-present li,
body .nnp-deck.nnp-present p, body .nnp-deck.nnp-present span,
body .nnp-deck.nnp-present label, body .nnp-deck.nnp-present select,
body .nnp-deck.nnp-present h3, body .nnp-deck.nnp-present .widget-html-content,
body .nnp-deck.nnp-present .widget-readout, body .nnp-deck.nnp-present code,
body .nnp-deck.nnp-present pre, body .nnp-deck.nnp-present a,
body .nnp-deck.nnp-present .widget-text, body .nnp-deck.nnp-present .widget-dropdown,
body .nnp-deck.nnp-present .widget-inline-hbox .widget-label
  { font-size: max(20px, min(2.6vh, 1.45vw)) !important; }
body .nnp-deck.nnp-present h2 { font-size: max(28px, min(3.6vh, 2vw)) !important; }
body .nnp-deck.nnp-present .nnp-total, body .nnp-deck.nnp-present .nnp-total span
  { font-size: max(32px, min(4.2vh, 2.4vw)) !important; }
.nnp-deck .widget-dropdown, .nnp-deck .widget-dropdown select { height: auto !important; }
.nnp-deck .nnp-section .nnp-figure { width: calc(100% - 2 * var(--jp-widgets-margin, 2px)); }
.nnp-deck .nnp-section .nnp-figure .widget-html-content { width: 100%; }
.nnp-deck .nnp-section .nnp-figure img { width: auto; height: auto; max-width: 100%;
  max-height: calc(100vh - var(--nnp-notice) - 15.5em); }
.nnp-deck .nnp-section .nnp-figure.nnp-below-text img { max-height: calc(100vh - var(--nnp-notice) - 17em); }
.nnp-deck .nnp-section .nnp-figure.nnp-below-rows img { max-height: calc(100vh - var(--nnp-notice) - 19.5em); }
.nnp-deck .nnp-section .nnp-model-explorer .nnp-figure img { max-height: calc(100vh - var(--nnp-notice) - 19em); }
.nnp-deck .nnp-section .nnp-compare-row .nnp-figure img { max-height: calc(100vh - var(--nnp-notice) - 22em); }
.nnp-deck .nnp-section .nnp-dense-compare .nnp-compare-row .nnp-figure img
  { max-height: calc(100vh - var(--nnp-notice) - 95px - 12.5em); }
.nnp-deck .nnp-difference p { margin: 0.2em 0; }
@media (max-width: 900px) { .nnp-deck.nnp-present input[type="text"] { min-width: 0; }
  .nnp-deck .nnp-compare-row .widget-text
    { width: calc(100% - 2 * var(--jp-widgets-margin, 2px)) !important; }
  .nnp-deck .nnp-section .nnp-dense-compare .nnp-compare-row .nnp-figure img
    { max-height: calc(100vh - var(--nnp-notice) - 125px - 12.5em); } }
body .nnp-deck.nnp-present .nnp-explorer-controls
  { width: calc(20 * max(20px, min(2.6vh, 1.45vw))) !important; flex: 0 0 auto; }
body .nnp-deck.nnp-present .nnp-explorer-controls .widget-slider,
body .nnp-deck.nnp-present .nnp-explorer-controls .widget-text
  { width: calc(100% - 2 * var(--jp-widgets-margin, 2px)) !important; }
body .nnp-deck.nnp-present .widget-inline-hbox .widget-label,
body .nnp-deck.nnp-present .widget-inline-hbox.widget-slider,
body .nnp-deck.nnp-present .nnp-explorer-controls .widget-inline-hbox
  { height: auto !important; line-height: 1.35; }
.nnp-deck .nnparams-mistakes td, .nnp-deck .nnparams-mistakes th
  { padding: 0 0.5em; line-height: 1.2; }
.nnp-deck .nnparams-mistakes { width: auto !important; }
.nnp-deck .nnparams-mistakes caption { display: none; }
.nnp-deck .nnparams-mistakes td:first-child { white-space: nowrap; }
</style>"""

class Deck(StaticFallback, widgets.VBox):
    """Sections shown one at a time, with a navigation bar and clicker keys.

    Parameters
    ----------
    sections : sequence of (str, ipywidgets.Widget)
        Title and content of each section, in order. A content widget with
        ``advance()`` / ``retreat()`` methods (returning False when there is
        nothing more to step) is stepped by the keys before the deck moves on;
        entered going forward, it is posed again: ``rewind()`` if it has one,
        else ``retreat()`` until there is nothing left to hide.
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
    >>> deck.key("PageDown"); deck.key("Home"); deck.key("PageDown")  # afresh
    >>> deck.current, deck.contents[1].step.value
    (1, 0)
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
        #: A note shown above the first section shown, until the deck moves.
        self.notice = widgets.HTML()
        self.notice.add_class("nnp-notice")
        super().__init__([widgets.HTML(_DECK_CSS), nav, self.notice, *self.pages])
        _dress(self, presentation)
        self.add_class("nnp-deck")
        self.previous.on_click(lambda _: self.backward())
        self.next.on_click(lambda _: self.forward())
        # a section chosen in the menu starts posed, whichever way the jump goes:
        # a jump back to the class exercise never shows its answer
        self.menu.observe(lambda change: self.go(change["new"], posed=True), "value")
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

    def go(self, index: int, posed: bool = False) -> None:
        """Show section *index* (0-based) and hide the others; a section
        entered going forward (or with *posed*, as from the menu) starts
        posed, its reveals hidden again."""
        index = min(max(index, 0), len(self.pages) - 1)
        if index == self.current:
            return
        if self.current >= 0:
            self.notice.value = ""  # said once, where the deck opened
            if index > self.current or posed:
                _rewind(self.contents[index])
        self.current = index
        for i, page in enumerate(self.pages):
            page.layout.display = None if i == index else "none"
        self.menu.value = index
        self.position.value = f"{index + 1} / {len(self.pages)}"
        self._address()

    def remember(self, **fields) -> None:
        """Keep *fields* (e.g. ``net="5-16-3"``) in the page's address
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
            self.restart()
        elif name == "End":
            self.go(len(self.pages) - 1)

    def restart(self) -> None:
        """Start the whole deck afresh: every section posed, the first shown."""
        for content in self.contents:
            _rewind(content)
        self.go(0)


def _rewind(content) -> None:
    """Hide every step *content* has revealed."""
    if hasattr(content, "rewind"):
        content.rewind()
    elif hasattr(content, "retreat"):
        while content.retreat():
            pass
