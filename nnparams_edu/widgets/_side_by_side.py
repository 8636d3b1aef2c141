"""What the two comparisons share (dense nets and typed nets): a net typed
into either box redraws its own side, the *hide counts* switch both, and the
static form shows both pictures with the words on what differs."""
from __future__ import annotations

import ipywidgets as widgets

from ._view import _rejected

__all__ = ["SideBySide"]


class SideBySide:
    """Mix-in for a widget with ``nets``, ``specs``, ``views``, ``message`` and
    ``difference``; the widget says how to read and write a net (``_read``,
    ``_text``), how to draw one side (``_show``) and what differs (``_describe``)."""

    def _side_by_side(self) -> widgets.HBox:
        """The two boxes and views in one row, with the message and the
        words on what differs ready to go under it."""
        self.message = widgets.HTML()
        self.difference = widgets.HTML()
        self.difference.add_class("nnp-difference")
        columns = [widgets.VBox([spec, view], layout=widgets.Layout(
            flex="1 1 0", min_width="0", margin="0 0.5em"))
            for spec, view in zip(self.specs, self.views)]
        row = widgets.HBox(columns, layout=widgets.Layout(width="100%"))
        row.add_class("nnp-compare-row")
        return row

    def _typed(self, i, text):
        """Take the net typed into box *i*, or name why not and keep the net shown."""
        text = text.strip()
        if text == self._text(self.nets[i]):
            return
        try:
            self.nets[i] = self._read(text)
        except (TypeError, ValueError) as error:
            self.specs[i].value = self._text(self.nets[i])
            self.message.value = _rejected(text, error)
            return
        self.specs[i].value = self._text(self.nets[i])  # comes back here, equal, and stops
        self.message.value = ""
        self._show(i)
        self._describe()

    def _redraw(self):
        """Both views and the difference (the *hide counts* switch)."""
        self.message.value = ""
        for i in range(len(self.views)):
            self._show(i)
        self._describe()

    def static_parts(self):
        parts = [f"<div style='display:inline-block; vertical-align:top; width:49%'>"
                 f"<p>{view.total.value}</p>{view.static_image()}</div>" for view in self.views]
        return ("".join(parts) + self.difference.value,
                "\n".join(view.alt for view in self.views))
