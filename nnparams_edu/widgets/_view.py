"""What every widget shares: the picture-and-count view, the projector
stylesheet, the error sentence, and the static form a widget takes where no
kernel runs (GitHub, nbviewer, ``jupyter nbconvert --to html``).
"""
from __future__ import annotations

import base64
from html import escape

import ipywidgets as widgets

from ..count import layer_breakdown
from ..limits import quote
from ..spec import format_spec
from ..figure import NetworkFigure
from ..picture import img_tag as _png_img
from ..style import CLASSROOM, PRESENTATION
from ..reveal import count_words, describe_network, revealed

__all__ = ["NetView", "StaticFallback", "ERROR_COLOUR", "RIGHT_COLOUR"]


#: Pixels per inch of a projector's pictures: enough to stay sharp when the
#: deck scales them up to a 1920 × 1080 screen.
PRESENT_DPI = 160

#: Text colours with a contrast of at least 4.5:1 on white (WCAG AA).
ERROR_COLOUR = "#A33F00"   # dark vermillion, 6.4:1
RIGHT_COLOUR = "#006B4F"   # dark bluish green, 6.5:1

#: Larger type for the projector, scoped to widgets marked ``nnp-present``:
#: every text at least 20 px, lines of at most about 90 characters.
_PRESENT_CSS = """<style>
.nnp-present, .nnp-present .widget-label, .nnp-present .widget-readout,
.nnp-present input, .nnp-present button, .nnp-present td, .nnp-present th,
.nnp-present li, .nnp-present p, .nnp-present pre, .nnp-present code,
.nnp-present a, .nnp-present span, .nnp-present label, .nnp-present .widget-html-content,
.nnp-present .widget-inline-hbox .widget-label, .nnp-present select, .nnp-present h3
  { font-size: 20px !important; line-height: 1.35; }
.nnp-present .widget-html-content p, .nnp-present .widget-html-content li
  { max-width: 42em; }
.nnp-present .widget-label { min-width: 7em; }
.nnp-present .nnp-walkthrough .widget-text .widget-label { min-width: 0; width: 2.5em; }
.nnp-present .nnp-compare .widget-text .widget-label { min-width: 0; width: 3.5em; }
.nnp-present button { height: 2.2em; min-width: 6em; width: auto; padding: 0 0.8em; }
.nnp-present .mod-primary { background-color: #0B5394; color: #ffffff; }
.nnp-present button:disabled { opacity: 1; color: #595959; }
.nnp-present h2 { font-size: 28px !important; margin: 0.2em 0 0.3em; }
.nnp-present .nnp-total, .nnp-present .nnp-total span { font-size: 32px !important; }
.nnp-present input[type="text"] { min-width: 12em; }
.nnp-present .widget-text input { height: 1.8em; }
.nnp-present .widget-text, .nnp-present .widget-checkbox { height: auto; }
.nnp-present .widget-html, .nnp-present .widget-html-content { height: auto; }
.nnp-present .nnp-code pre { white-space: pre; overflow-x: auto; word-break: normal;
  overflow-wrap: normal; }
body[data-voila]:has(.nnp-deck) .jp-MarkdownCell { display: none; }
</style>"""

#: In any mode: code scrolls sideways instead of breaking inside words, and a
#: rejected net dims the picture it no longer matches.
_BASE_CSS = """<style>
.nnp-code pre { white-space: pre; overflow-x: auto; word-break: normal; overflow-wrap: normal; }
.nnp-stale img { opacity: 0.35; }
.nnp-figure img { max-width: 100%; height: auto; }
</style>"""


def _dress(box, presentation=False):
    """Put the stylesheets first in *box*; for the projector, large type too."""
    box.children = (widgets.HTML(_BASE_CSS + (_PRESENT_CSS if presentation else "")),
                    *box.children)
    if presentation:
        box.add_class("nnp-present")


def _error(text) -> str:
    """An error sentence as HTML, in a colour readable on white."""
    return (f'<span class="nnp-error" style="color:{ERROR_COLOUR}">&#9888; '
            f"{escape(str(text), quote=False)}</span>")


def _rejected(text, error) -> str:
    """The message for a net typed into a box that could not be drawn (the
    box goes back to the net the picture shows)."""
    return _error(f"{quote(text)} was not drawn: {error}")


def _download_link(name: str, mime: str, data: bytes) -> str:
    """A link that saves *data* as the file *name*, the data in the page.

    Examples
    --------
    >>> _download_link("a b.md", "text/markdown", b"# Hi")
    '<a download="a b.md" href="data:text/markdown;base64,IyBIaQ==">a b.md</a>'
    """
    encoded = base64.b64encode(data).decode()
    return (f'<a download="{escape(name)}" href="data:{mime};base64,{encoded}">'
            f"{escape(name, quote=False)}</a>")


def _typed_net(owner, text, as_text=format_spec) -> None:
    """Take a net typed into ``owner.spec``: ``owner.set_net(text)``, or, for a
    net that cannot be drawn, the box back to ``owner.net`` (written by
    *as_text*) and the reason in ``owner.message``. Setting the box back comes
    here again, equal to the net shown, and stops at once."""
    text = text.strip()
    if not text or text == as_text(owner.net):
        return
    try:
        owner.set_net(text)
    except (TypeError, ValueError) as error:
        owner.spec.value = as_text(owner.net)
        owner.message.value = _rejected(text, error)


class NetView(widgets.VBox):
    """A net's picture, its total and its breakdown table, revealed as far as
    asked: ``show(net, reveal=0)`` poses the net as a question.

    The picture is an ``<img>`` whose ``alt`` text says what it shows (the
    count only as far as it is revealed), for screen readers.

    Parameters
    ----------
    presentation : bool
        Projector style: large labels, thick lines.
    max_units : int, optional
        As in :func:`~nnparams_edu.draw.draw_network`.
    table : bool
        Show the breakdown table under the picture.
    figsize : (float, float), optional
        The picture's size in inches (8 × 5 by default, 8.8 × 4.2 for the
        projector's wide screens), shown at 100 pixels per inch; the projector's PNG has
        ``PRESENT_DPI`` so that it stays sharp when a screen shows it larger.
    title : bool
        The title in the picture ("5-8-4-3: 99 parameters"); False where the
        total above the picture says it and the height is better spent on the net.

    Examples
    --------
    >>> view = NetView()
    >>> view.show("5-8-4-3", highlight=0)
    >>> view.breakdown.total, view.total.value
    (99, '<b>99 parameters</b>')
    >>> view.show("4-16-8-4-2", reveal=0)
    >>> view.total.value, view.table.value
    ('<b>How many parameters?</b>', '')
    >>> view.alt
    '4-16-8-4-2 net: 4 inputs, hidden layers of 16, 8 and 4, 2 outputs; how many parameters?'
    """

    def __init__(self, *, presentation=False, max_units=12, table=True, figsize=None,
                 title=True):
        self.style = PRESENTATION if presentation else CLASSROOM
        self.max_units = max_units
        self.title = title
        figsize = figsize or ((8.8, 4.2) if presentation else (8, 5))
        self.canvas = NetworkFigure(figsize=figsize, dpi=PRESENT_DPI if presentation else 100)
        self.width = int(figsize[0] * 100)
        self.image = widgets.HTML(layout=widgets.Layout(max_width="100%"))
        self.image.add_class("nnp-figure")
        self.total = widgets.HTML()
        self.total.add_class("nnp-total")
        self.table = widgets.HTML()
        self.table.add_class("nnp-table")
        self.breakdown = None
        self.alt = ""
        self.shown = 0
        super().__init__([self.total, self.image] + ([self.table] if table else []))

    def static_image(self) -> str:
        """The picture as a small ``<img>`` to keep in a saved notebook: three
        quarters of the pixels, shown at the same size."""
        return _png_img(self.canvas.to_png(compress_level=9, dpi=75), self.alt, self.width)

    def show(self, net, *, highlight=None, reveal=None):
        """Draw *net* and update the total, the table and the text alternative."""
        self.breakdown = b = layer_breakdown(net)
        self.shown = revealed(reveal, len(b.rows))
        self.canvas.draw(net, max_units=self.max_units, highlight=highlight,
                         reveal=self.shown, style=self.style, title=self.title)
        self.alt = describe_network(b.net, reveal=self.shown)
        self.image.value = _png_img(self.canvas.to_png(), self.alt, self.width)
        if self.shown == len(b.rows):
            split = (f" ({b.trainable:,} trainable, {b.non_trainable:,} frozen)"
                     if b.non_trainable else "")
            self.total.value = f"<b>{b.total:,} parameters</b>{split}"
            self.table.value = b.to_html()
        else:
            words = count_words(b, self.shown)
            self.total.value = f"<b>{escape(words[0].upper() + words[1:])}</b>"
            self.table.value = ""


class StaticFallback:
    """A widget that still says something where no kernel runs.

    Notebook viewers without a live kernel (GitHub, nbviewer, nbconvert's
    HTML) cannot draw a widget; they show the richest other form of the
    output. This mix-in gives the widget's output an HTML form (the question
    or text the widget shows first, and its picture with a text alternative)
    and a plain-text form, instead of the widget's Python repr. JupyterLab
    and Voilà still show the live widget.
    """

    def static_parts(self):
        """``(html, text)``: what the widget shows first. Subclasses extend it."""
        view = getattr(self, "view", None)
        if view is None or view.breakdown is None:
            return "", ""
        return f"<p>{view.total.value}</p>{view.static_image()}", view.alt

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        html, text = self.static_parts()
        bundle["text/html"] = f'<div class="nnp-static">{html}</div>'
        bundle["text/plain"] = text
        return bundle


def _exercise_controls(exercise) -> None:
    """Give an exercise its answer box, its Check, Show solution (off until a
    real attempt) and New net buttons, and its feedback and solution areas."""
    exercise.answer = widgets.Text(description="total", placeholder="your count",
                                   continuous_update=False)
    exercise.check_button = widgets.Button(description="Check", button_style="primary")
    exercise.solution_button = widgets.Button(description="Show solution", disabled=True)
    exercise.new_button = widgets.Button(description="New net", icon="refresh")
    exercise.feedback = widgets.HTML()
    exercise.feedback.add_class("nnp-feedback")
    exercise.solution = widgets.HTML()
    exercise.solution.add_class("nnp-solution")


def _wire_exercise(exercise) -> None:
    """Connect an exercise's buttons and answer box to its ``check``,
    ``show_solution`` and ``new_net`` (a non-blank answer is checked when typed)."""
    exercise.check_button.on_click(lambda _: exercise.check())
    exercise.answer.observe(lambda change: exercise.check() if change["new"].strip() else None,
                            "value")
    exercise.solution_button.on_click(lambda _: exercise.show_solution())
    exercise.new_button.on_click(lambda _: exercise.new_net())


def _verdict(message: str, correct: bool, partial: bool = False) -> str:
    """Feedback as HTML: a tick for right, a note for right so far, else a cross.

    Examples
    --------
    >>> _verdict("So far so good.", False, partial=True)
    '<span style="color:inherit">&#8505; So far so good.</span>'
    """
    if correct:
        colour, mark = RIGHT_COLOUR, "&#10004;"
    elif partial:
        colour, mark = "inherit", "&#8505;"  # right so far: a note, not a cross
    else:
        colour, mark = ERROR_COLOUR, "&#10008;"
    return f'<span style="color:{colour}">{mark} {escape(message)}</span>'
