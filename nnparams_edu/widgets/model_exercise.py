"""The exercise for a net of typed layers: count its parameters from its text
and its shapes, get feedback that names the slip.

The shapes are shown (the flatten size and the feature maps are part of what a
student works out, but they are given here); every count is a "?" until the
answer is right or the solution is asked for after a real attempt.
"""
from __future__ import annotations

import random
from html import escape

import ipywidgets as widgets

from ..layers.base import check_convention
from ..model import as_model
from ..model_count import model_breakdown
from ..model_exercises import check_model_answer
from ..model_posing import exercise_model, posed_html
from ._view import StaticFallback, _dress, _exercise_controls, _verdict, _wire_exercise

__all__ = ["ModelExercise", "model_exercise"]

#: The most layers an exercise asks a box for, one each.
MAX_BOXES = 12

_NAMES = {"keras": "Keras", "pytorch": "PyTorch"}


class ModelExercise(StaticFallback, widgets.VBox):
    """Count the parameters of one typed net; feedback names the slip.

    The net's text and its shapes table are shown, its counts are not. The
    solution (the breakdown with its formulas) can be shown only after a real
    attempt: a right answer, one a slip gives, or one near the right count.
    With no net given, a fair random net of *family* (a CNN or a sequence net)
    is drawn from *seed* and a "New net" button draws the next. With *shapes*
    False the table gives only the input shape: following the shapes is then
    part of the exercise.

    Examples
    --------
    >>> ex = ModelExercise("in 8x8x3 | conv 4 k=3 | maxpool 2 | flatten | dense 5")
    >>> "<td>6×6×4</td>" in ex.shapes.value, "<td>?</td>" in ex.shapes.value
    (True, True)
    >>> ex.answer.value = "1"
    >>> ex.result.status, ex.solution_button.disabled
    ('wrong', True)
    >>> ex.answer.value = "225"  # the slip: conv without its input channels
    >>> ex.result.slips, ex.solution_button.disabled
    (('conv counted without input channels',), False)
    >>> ex.show_solution()
    >>> "(3 × 3 × 3 + 1) × 4 = 112" in ex.solution.value
    True
    >>> "6×6×4" in ModelExercise("in 8x8x3 | conv 4 k=3 | flatten", shapes=False).shapes.value
    False
    """

    def __init__(self, net=None, *, seed=None, convention="keras", family="cnn",
                 per_layer=False, shapes=True, presentation=False):
        self.convention = check_convention(convention)
        self.family = family
        self._rng = random.Random(seed)
        self.random = net is None
        self.per_layer = per_layer
        self.show_shapes = shapes
        self.prompt = widgets.HTML()
        self.prompt.add_class("nnp-prompt")
        self.shapes = widgets.HTML()
        self.shapes.add_class("nnp-table")
        self.layer_answers = []
        self.layer_box = widgets.VBox()
        _exercise_controls(self)
        self.result = None
        buttons = [self.check_button, self.solution_button] + (
            [self.new_button] if self.random else [])
        super().__init__([self.prompt, self.shapes, self.layer_box, self.answer,
                          widgets.HBox(buttons), self.feedback, self.solution])
        _dress(self, presentation)
        self.add_class("nnp-exercise")
        _wire_exercise(self)
        self.new_net(net)

    def new_net(self, net=None):
        """Start over with *net* (a fair random one if None), posed again."""
        if net is None:
            net = exercise_model(self._rng.randrange(2**32), self.convention, self.family)
        model = as_model(net)
        if self.per_layer and len(model.layers) > MAX_BOXES:
            raise ValueError(f"the net has {len(model.layers):,} layers; an exercise asks "
                             f"for each layer only up to {MAX_BOXES}")
        self.net = model
        self.prompt.value = (f"How many parameters does the net <code>{escape(str(model))}"
                             f"</code> have, counted as {_NAMES[self.convention]} counts "
                             "them?")
        self.shapes.value = posed_html(model, self.show_shapes)
        self.layer_answers = [widgets.Text(description=f"{number}. {layer.to_text()}",
                                           placeholder="its parameters",
                                           style={"description_width": "initial"})
                              for number, layer in enumerate(model.layers, 1)
                              ] if self.per_layer else []
        self.layer_box.children = self.layer_answers
        self.answer.value = ""
        self.feedback.value = self.solution.value = ""
        self.solution_button.disabled = True
        self.result = None

    def check(self):
        """Check what is typed; returns the
        :class:`~nnparams_edu.model_exercises.ModelFeedback`."""
        per = [box.value for box in self.layer_answers] if self.layer_answers else None
        self.result = check_model_answer(self.net, self.answer.value, self.convention, per)
        self.feedback.value = _verdict(self.result.message, self.result.correct,
                                       self.result.status == "partial")
        if self.result.attempt:
            self.solution_button.disabled = False
        return self.result

    def show_solution(self):
        """Show the breakdown with its formulas (only after a real attempt)."""
        if self.solution_button.disabled:
            return
        self.solution.value = model_breakdown(self.net, convention=self.convention).to_html()

    def static_parts(self):
        question = self.prompt.value
        plain = question.replace("<code>", "").replace("</code>", "")
        return (f"<p>{question}</p>{self.shapes.value}<p><i>To type your answer and have it "
                "checked, run this notebook in JupyterLab, the app that runs notebooks: in "
                "the course folder, <code>pip install -r requirements.txt && jupyter lab "
                "notebooks/</code>.</i></p>", plain)


def model_exercise(net=None, *, seed=None, convention="keras", family="cnn", per_layer=False,
                   shapes=True, presentation=False) -> ModelExercise:
    """An exercise widget for a typed *net*, or for fair random nets of *family*
    (``"cnn"`` or ``"sequence"``) drawn from *seed*.

    Examples
    --------
    >>> ex = model_exercise(seed=0)
    >>> ex.new_button in ex.children[-3].children
    True
    """
    return ModelExercise(net, seed=seed, convention=convention, family=family,
                         per_layer=per_layer, shapes=shapes, presentation=presentation)
