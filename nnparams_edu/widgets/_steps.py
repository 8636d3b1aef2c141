"""Stepping a reveal: what a walkthrough gives a deck's clicker."""
from __future__ import annotations

__all__ = ["Stepped"]


class Stepped:
    """Mix-in for a widget whose reveal is its ``step`` slider (0: posed):
    :meth:`advance`, :meth:`retreat` and :meth:`rewind` return False when
    there is nothing to reveal or hide, so a deck moves on instead."""

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
        return True
