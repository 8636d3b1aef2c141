"""Stepping a reveal: what a walkthrough gives a deck's clicker."""
from __future__ import annotations

import ipywidgets as widgets

__all__ = ["Stepped", "CountsHidden"]


class Stepped:
    """Mix-in for a widget whose reveal is its ``step`` slider (0: posed):
    :meth:`advance`, :meth:`retreat` and :meth:`rewind` return False when
    there is nothing to reveal or hide, so a deck moves on instead.

    A step also puts ``message`` back to ``note``: what was said about a
    rejected net is said once, a note about the net shown stays."""

    #: What ``message`` says about the net shown (a deck's word on a net that
    #: a usual mistake counts right); empty by default.
    note = ""

    def _step_buttons(self) -> list:
        """*Previous*, *Reveal next*, *Reveal all* and *Start again*, wired."""
        self.previous = widgets.Button(description="Previous", icon="step-backward")
        self.next = widgets.Button(description="Reveal next", icon="step-forward",
                                   button_style="primary")
        self.reveal_all = widgets.Button(description="Reveal all", icon="eye")
        self.restart = widgets.Button(description="Start again", icon="undo")
        self.previous.on_click(lambda _: self.retreat())
        self.next.on_click(lambda _: self.advance())
        self.reveal_all.on_click(lambda _: self._go(self.step.max))
        self.restart.on_click(lambda _: self.rewind())
        return [self.previous, self.next, self.reveal_all, self.restart]

    def advance(self) -> bool:
        """Reveal the next step; False if everything is revealed."""
        return self._go(self.step.value + 1)

    def retreat(self) -> bool:
        """Hide the last revealed step; False if nothing is revealed."""
        return self._go(self.step.value - 1)

    def rewind(self) -> bool:
        """Pose the net again (nothing revealed); False if nothing was."""
        return self._go(0)

    def _go(self, step) -> bool:
        if not 0 <= step <= self.step.max or step == self.step.value:
            return False
        self.step.value = step
        self.message.value = self.note
        return True


class CountsHidden:
    """Mix-in for a widget with a *hide counts* switch: a deck's clicker
    reveals the counts (:meth:`advance` unticks it) before it moves on."""

    def advance(self) -> bool:
        """Show the hidden counts; False if they are shown."""
        if not self.hide_counts.value:
            return False
        self.hide_counts.value = False
        return True
