"""Sliders and buttons wired to the drawing and the count.

Every helper returns a widget object (a ``VBox`` subclass) whose controls are
attributes, so a test can set ``.value`` and read the result without a
browser. Each redraw draws into a kept figure and puts it, as a PNG data URI,
in an ``<img>`` inside an ``HTML`` widget, with an ``alt`` text saying what it
shows and ``height: auto`` so it scales with the width it is given.
Bad input shows a sentence in the widget, never a traceback.

Every picture is drawn "revealed up to k" (see :mod:`nnparams_edu.reveal`): the
exercise poses its net with no count, the walkthrough reveals one connection at
a time, the explorer and the comparison can hide their counts. Where no kernel
runs, each widget shows its question and picture instead of its Python repr.
"""
from .compare import Comparison, compare
from .deck import Deck, Keys
from .exercise import Exercise, exercise
from .explorer import Explorer, explorer
from .model_exercise import ModelExercise, model_exercise
from .model_compare import ModelComparison, model_compare
from .model_explorer import ModelExplorer, model_explorer
from .model_walkthrough import ModelWalkthrough, model_walkthrough
from .sheet_maker import SheetMaker, sheet_maker
from ._view import NetView
from .presentation import class_presentation
from .walkthrough import Walkthrough, pose, walkthrough

__all__ = ["explorer", "exercise", "walkthrough", "pose", "compare", "sheet_maker",
           "class_presentation", "Explorer", "Exercise", "Walkthrough", "Comparison",
           "SheetMaker", "NetView", "Deck", "Keys", "model_explorer", "ModelExplorer",
           "model_exercise", "ModelExercise", "model_walkthrough", "ModelWalkthrough",
           "model_compare", "ModelComparison"]
