"""The sheet maker: printable exercise sheets and their answer keys."""
from __future__ import annotations

import ipywidgets as widgets

from ..sheets import make_sheet
from ._view import _download_link, _dress, _error

__all__ = ["SheetMaker", "sheet_maker"]


class SheetMaker(widgets.VBox):
    """Make a printable exercise sheet and its answer key: how many
    exercises, a seed (same seed, same sheet), depth and width ranges.

    In class the key can be checked together: :meth:`advance` (a clicker's
    PageDown in the deck) reveals one more answer, :meth:`retreat` hides it.

    Examples
    --------
    >>> maker = SheetMaker(n=2, seed=1, layers=(2, 2), units=(2, 3))
    >>> [str(net) for net in maker.sheet.nets]
    ['2-3', '3-2']
    >>> maker.advance(), maker.page.value, "<b>3-2</b>: ?" in maker.output.value
    (True, 'Answer key', True)
    >>> maker.units.value = (4, 4)  # only 4-4 nets, where 4 × (4 + 1) = (4 + 1) × 4
    >>> "widen a range" in maker.downloads.value, [str(net) for net in maker.sheet.nets]
    (True, ['2-3', '3-2'])
    """

    def __init__(self, *, n=10, seed=7, layers=(3, 5), units=(1, 16), presentation=False):
        def sized():
            return {"style": {"description_width": "8em"},
                    "layout": widgets.Layout(width="26em")}

        self.n = widgets.IntSlider(description="exercises", min=1, max=40, value=n,
                                   continuous_update=False, **sized())
        self.seed = widgets.BoundedIntText(description="seed", min=0, max=10**9, value=seed,
                                           **sized())
        self.layers = widgets.IntRangeSlider(description="layers", min=2, max=8, value=layers,
                                             continuous_update=False, **sized())
        self.units = widgets.IntRangeSlider(description="units per layer", min=1, max=128,
                                            value=units, continuous_update=False, **sized())
        self.page = widgets.ToggleButtons(options=["Sheet", "Answer key"], value="Sheet")
        self.shown = None  # answers of the key shown; None: all
        self.downloads = widgets.HTML()
        self.output = widgets.HTML()
        self.output.add_class("nnp-sheet")
        children = [widgets.HBox([widgets.VBox([self.n, self.seed]),
                                  widgets.VBox([self.layers, self.units])],
                                 layout=widgets.Layout(flex_flow="row wrap")),
                    self.page, self.downloads, self.output]
        super().__init__(children)
        _dress(self, presentation)
        self.add_class("nnp-sheet-maker")
        for control in (self.n, self.seed, self.layers, self.units):
            control.observe(self._changed, "value")
        self.page.observe(lambda change: self._redraw(), "value")
        self._rebuild()
        self._redraw()

    def _changed(self, change):
        self.shown = None  # a new sheet: its key whole, until stepped again
        try:
            self._rebuild()
        except ValueError as error:  # ranges that allow no fair net: keep the last sheet
            self.downloads.value = _error(error)
            return
        self._redraw()

    def advance(self) -> bool:
        """Show one more answer of the key; False when all are shown."""
        shown = 0 if self.page.value == "Sheet" else self.shown
        if shown is None or shown >= self.n.value:
            return False
        self.shown = shown + 1
        if self.page.value == "Sheet":
            self.page.value = "Answer key"  # redraws
        else:
            self._redraw()
        return True

    def retreat(self) -> bool:
        """Hide the last answer shown (back to the sheet after the first)."""
        if self.page.value == "Sheet":
            return False
        shown = self.n.value if self.shown is None else self.shown
        self.shown = shown - 1
        if self.shown == 0:
            self.shown = None
            self.page.value = "Sheet"
        else:
            self._redraw()
        return True

    @property
    def sheet(self):
        """The sheet the controls describe now."""
        return self._sheet

    def _rebuild(self):
        """Make the sheet the controls describe, its pages and its downloads
        (only when a control of the sheet changes, not the page or the step)."""
        self._sheet = sheet = make_sheet(self.n.value, seed=self.seed.value,
                                         layers=self.layers.value, units=self.units.value)
        self._html = {"Sheet": sheet.to_html(), "Answer key": sheet.key.to_html()}
        links = []
        for label, doc, page in (("sheet", sheet, "Sheet"),
                                 ("answer key", sheet.key, "Answer key")):
            name = f"{label.replace(' ', '-')}-{sheet.seed}"
            links.append(_download_link(f"{name}.md", "text/markdown",
                                        doc.to_markdown().encode()))
            links.append(_download_link(f"{name}.html", "text/html",
                                        self._html[page].encode()))
        self.downloads.value = "download: " + " · ".join(links)

    def _redraw(self):
        """Show the page chosen; a key stepped through shows its first answers."""
        if self.page.value == "Answer key" and self.shown is not None:
            self.output.value = self._sheet.key.to_html(shown=self.shown)
        else:
            self.output.value = self._html[self.page.value]


def sheet_maker(*, n=10, seed=7, layers=(3, 5), units=(1, 16), presentation=False):
    """The exercise-sheet widget for instructors.

    Examples
    --------
    >>> maker = sheet_maker(n=3, seed=7)
    >>> maker.page.value = "Answer key"
    >>> "Answer key (sheet 7)" in maker.output.value
    True
    """
    return SheetMaker(n=n, seed=seed, layers=layers, units=units, presentation=presentation)
