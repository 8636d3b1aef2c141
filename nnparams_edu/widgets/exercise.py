"""The exercise: count one net's parameters, get feedback that names the mistake.

The net is posed: its picture carries no count (every connection says "?")
until the answer is right or the solution is asked for.
"""
from __future__ import annotations

import random
from html import escape

import ipywidgets as widgets

from ..count import layer_breakdown
from ..exercises import check_answer, real_attempt
from ..sheets import random_net
from ..collapse import short_sizes
from ..spec import as_net, format_spec
from ._view import ERROR_COLOUR, RIGHT_COLOUR, NetView, StaticFallback, _dress

__all__ = ["Exercise", "exercise"]


#: The most connections an exercise asks a box for, one each.
MAX_BOXES = 12


class Exercise(StaticFallback, widgets.VBox):
    """Count the parameters of one net; feedback names the mistake.

    The picture shows no count until the answer is right or the solution is
    shown; the solution (the worked breakdown) can be shown only after a real
    attempt (see :func:`~nnparams_edu.exercises.real_attempt`: a number that
    a usual mistake gives, or one within a factor of ten of the count; "0",
    "-1", a row of 9s or words do not count). With no net given, a random one
    is drawn from *seed* and a "New net" button draws the next.

    Examples
    --------
    >>> ex = Exercise("5-8-4-3")
    >>> ex.view.alt.endswith("how many parameters?")
    True
    >>> ex.answer.value = "104"
    >>> ex.result.mistake, ex.view.shown
    ('input_bias', 0)
    >>> ex.show_solution()
    >>> "(5 + 1) × 8 = 48" in ex.solution.value, ex.view.alt.endswith("99 parameters")
    (True, True)
    >>> ex.new_net("2-1")
    >>> ex.answer.value, ex.solution.value, ex.view.shown
    ('', '', 0)
    """

    def __init__(self, net=None, *, seed=None, per_connection=False, picture=True,
                 presentation=False):
        self._rng = random.Random(seed)
        self.random = net is None
        self.prompt = widgets.HTML()
        self.prompt.add_class("nnp-prompt")
        self.answer = widgets.Text(description="total", placeholder="your count",
                                   continuous_update=False)
        self.connections = []
        self.connection_box = widgets.HBox(layout=widgets.Layout(flex_flow="row wrap"))
        self.per_connection = per_connection
        self.check_button = widgets.Button(description="Check", button_style="primary")
        self.solution_button = widgets.Button(description="Show solution", disabled=True)
        self.new_button = widgets.Button(description="New net", icon="refresh")
        self.feedback = widgets.HTML()
        self.feedback.add_class("nnp-feedback")
        self.solution = widgets.HTML()
        self.solution.add_class("nnp-solution")
        self.view = NetView(presentation=presentation, table=False) if picture else None
        self.result = None
        buttons = [self.check_button, self.solution_button] + (
            [self.new_button] if self.random else [])
        children = [self.prompt] + ([self.view.image] if picture else []) + [
            self.connection_box, self.answer, widgets.HBox(buttons), self.feedback,
            self.solution]
        super().__init__(children)
        _dress(self, presentation)
        self.add_class("nnp-exercise")
        self.check_button.on_click(lambda _: self.check())
        self.answer.observe(lambda change: self.check() if change["new"].strip() else None,
                            "value")
        self.solution_button.on_click(lambda _: self.show_solution())
        self.new_button.on_click(lambda _: self.new_net())
        self.new_net(net)

    def new_net(self, net=None):
        """Start over with *net* (a random one if None), posed again."""
        net = as_net(net) if net is not None else random_net(self._rng)
        if self.per_connection and net.connections > MAX_BOXES:
            raise ValueError(f"{short_sizes(net)} has {net.connections:,} connections; an "
                             f"exercise asks for each connection only up to {MAX_BOXES}")
        self.net = net
        note = "" if all(self.net.bias) else " (connections marked nobias have no biases)"
        self.prompt.value = (f"How many parameters (weights and biases) does the fully "
                             f"connected net <b>"
                             f"{escape(format_spec(self.net) if note else self.net.sizes)}</b> "
                             f"have?{note}")
        self.connections = [widgets.Text(description=f"{n} → {m}", placeholder="(n + 1) × m",
                                         layout=widgets.Layout(width="14em"))
                            for n, m, _, _ in self.net.pairs()] if self.per_connection else []
        self.connection_box.children = self.connections
        self.answer.value = ""
        self.feedback.value = self.solution.value = ""
        self.solution_button.disabled = True
        self.result = None
        self._draw(reveal=0)

    def _draw(self, reveal):
        if self.view is not None:
            self.view.show(self.net, reveal=reveal)

    def check(self):
        """Check what is typed; returns the :class:`~nnparams_edu.exercises.Feedback`.

        A right answer reveals the counts on the picture.
        """
        per = [box.value for box in self.connections] if self.connections else None
        self.result = check_answer(self.net, self.answer.value, per)
        if self.result.correct:
            colour, mark = RIGHT_COLOUR, "&#10004;"
        elif self.result.partial:
            colour, mark = "inherit", "&#8505;"  # right so far: a note, not a cross
        else:
            colour, mark = ERROR_COLOUR, "&#10008;"
        self.feedback.value = (f'<span style="color:{colour}">{mark} '
                               f"{escape(self.result.message)}</span>")
        if real_attempt(self.net, self.answer.value, per):
            self.solution_button.disabled = False
        if self.result.correct:
            self._draw(reveal=None)
        return self.result

    def show_solution(self):
        """Reveal the worked breakdown and the counts (after a first attempt)."""
        if self.solution_button.disabled:
            return
        self.solution.value = layer_breakdown(self.net).to_html()
        self._draw(reveal=None)

    def static_parts(self):
        question = self.prompt.value
        plain = question.replace("<b>", "").replace("</b>", "")
        picture = self.view.static_image() if self.view is not None else ""
        alt = self.view.alt if self.view is not None else ""
        return (f"<p>{question}</p>{picture}<p><i>To type your answer and have it checked, "
                "run this notebook in JupyterLab, the app that runs notebooks: in the course "
                "folder, <code>pip install -r requirements.txt && jupyter lab notebooks/"
                "</code>.</i></p>", f"{plain}\n{alt}".strip())


def exercise(net=None, *, seed=None, per_connection=False, picture=True,
             presentation=False) -> Exercise:
    """An exercise widget for *net*, or for random nets drawn from *seed*.

    Examples
    --------
    >>> ex = exercise("5-8-4-3")  # the worked example of lesson 1
    >>> ex.answer.value = "84"
    >>> ex.result.mistakes
    ('forgot_biases', 'left_out')
    """
    return Exercise(net, seed=seed, per_connection=per_connection, picture=picture,
                    presentation=presentation)
