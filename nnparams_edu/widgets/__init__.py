"""Sliders and buttons wired to the drawing and the count.

Every helper returns a widget object (a ``VBox`` subclass) whose controls are
attributes, so a test can set ``.value`` and read the result without a
browser. Each redraw draws into a kept figure and sends it as a PNG to an
``Image`` of fixed height, so the picture changes in place without flicker.
Bad input shows a sentence in the widget, never a traceback.
"""
from .compare import Comparison, compare
from .exercise import Exercise, exercise
from .explorer import Explorer, explorer
from .sheet_maker import SheetMaker, sheet_maker
from ._view import NetView
from .walkthrough import Walkthrough, walkthrough

__all__ = ["explorer", "exercise", "walkthrough", "compare", "sheet_maker",
           "Explorer", "Exercise", "Walkthrough", "Comparison", "SheetMaker", "NetView"]
