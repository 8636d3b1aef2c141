"""The class presentation: lesson 5 as a deck of sections, one screen each.

Sections: the idea (what a unit adds up), the rule on 5-8-4-3 step by step,
the class exercise posed and revealed, typical mistakes, why the count
matters, the explorer, the comparison and the sheet maker. A prepared link
such as ``…/05-Presenting-in-Class.ipynb?net=3-14-9-5-2&section=3`` opens the
class exercise on that net, ready to pose; Voilà passes the page's query
string to the kernel (read by :func:`~.request.page_query`, which waits for
the request in a preheated kernel). The deck
keeps the page's address up to date (section and class net), so a reload
comes back to the same section and net. Every section after the class
exercise follows its net: a net typed in section 3 is the one the typical
mistakes speak of, the explorer opens on and the comparison sets beside a
narrower design.
"""
from __future__ import annotations

from html import escape
from urllib.parse import parse_qs

import ipywidgets as widgets

from ..count import count_parameters, format_bytes, layer_breakdown, parameter_memory
from ..diagnosis import coincidences
from ..figure import NetworkFigure
from ..mistake_tables import mistake_table
from ..mistakes import MISTAKES
from ..style import PRESENTATION
from ..spec import as_net
from ._view import PRESENT_DPI, _error, _png_img
from ..model_text import format_model, parse_model
from ._model_view import typed
from .deck import Deck
from .model_deck import (coincidence_words, compare_pair, compare_section, explore_section,
                         model_mistakes_html, replace_section)
from .request import page_query
from .sheet_maker import SheetMaker
from .walkthrough import Walkthrough, walkthrough

__all__ = ["class_presentation", "read_query", "CLASS_NET", "SECTIONS"]

#: The class exercise unless a link names another net.
CLASS_NET = "3-14-9-5-2"
#: The sections, in order (a link's ``section=`` counts from 1).
SECTIONS = ("What we count", "The rule, step by step", "Your turn", "Typical mistakes",
            "Why the count matters", "Explore", "Compare two designs", "Exercise sheets")


def read_query(query: str) -> tuple:
    """The class net, the first section (0-based) and a list of problems,
    from a page's query string such as ``"net=3-14-9-5-2&section=3"``.

    ``pose=1`` opens the class exercise (section 3). The net may be a typed
    one (``in 28x28x3 | conv 8 k=3 | flatten | dense 10``, its ``|`` written
    ``%7C`` in a link). A bad value is named in the problems and replaced by
    the default; nothing in it is evaluated.

    Examples
    --------
    >>> read_query("net=5-16-3&pose=1")
    ('5-16-3', 2, [])
    >>> read_query("net=in%2028x28x3%20%7C%20conv%208%20k%3D3%20%7C%20flatten%20%7C%20dense%2010")
    ('in 28x28x3 | conv 8 k=3 | flatten | dense 10', 0, [])
    >>> for problem in read_query("net=5-0-3&section=99")[2]:
    ...     print(problem)
    net=5-0-3 was not used: layer 2 has 0 units; every layer needs at least 1
    section=99 was not used: sections are numbered 1 to 8
    """
    fields = parse_qs(query[:2000], keep_blank_values=True)
    net, start, problems = CLASS_NET, 0, []
    if "net" in fields:
        text = fields["net"][-1]
        try:
            net = format_model(parse_model(text)) if typed(text) else str(as_net(text))
        except (TypeError, ValueError) as error:
            problems.append(f"net={text[:60]} was not used: {error}")
    if fields.get("pose", ["0"])[-1] not in ("", "0", "false", "no"):
        start = SECTIONS.index("Your turn")
    if "section" in fields:
        text = fields["section"][-1].strip()
        if text.isdigit() and 1 <= int(text) <= len(SECTIONS):
            start = int(text) - 1
        else:
            problems.append(f"section={text[:60]} was not used: sections are numbered "
                            f"1 to {len(SECTIONS)}")
    return net, start, problems


def _text(html: str) -> widgets.HTML:
    box = widgets.HTML(html)
    box.add_class("nnp-text")
    return box


def _idea() -> widgets.Widget:
    canvas = NetworkFigure(figsize=(7.2, 4.0), dpi=PRESENT_DPI)
    canvas.draw("5-8-4-3", reveal=0, unit=(1, 0), legend=True, style=PRESENTATION,
                title="one hidden unit and what it adds up")
    alt = ("5-8-4-3 net with one hidden unit highlighted: its 5 incoming weight "
           "edges and its bias edge")
    idea = _text(
        "<p>Each unit adds up its inputs, each times a <b>weight</b>, plus a <b>bias</b>:"
        "<br><b>y = w₁x₁ + w₂x₂ + … + w₅x₅ + b</b>, then applies an activation.</p>"
        "<p>Weights and biases are the <b>trainable parameters</b>: training adjusts them."
        " The highlighted unit has 5 weights and 1 bias. How many does the whole net have?</p>"
        f"<div class='nnp-figure nnp-below-text'>{_png_img(canvas.to_png(compress_level=9), alt, 720)}</div>")
    return idea


def _mistakes(net) -> str:
    """The typical wrong answers for the class net, in order of the number, so
    that a number called out in the room is quick to find (shown after the
    class exercise is revealed: it gives the right count)."""
    if typed(net):
        return model_mistakes_html(net)
    net = as_net(net)
    right = count_parameters(net)
    html = (f"<p>Typical wrong answers for {escape(net.sizes)} (the right one is "
            f"{right:,}) and where they come from, smallest first:</p>"
            + mistake_table(net, answer=right).that_apply().by_number()._repr_html_())
    also = [MISTAKES[name].computes for name in coincidences(net)]
    if also:
        html += (f"<p>Careful with this net: {escape(' and '.join(also))} gives the right "
                 f"count too, so a right total does not show the right method.</p>")
    return html


def _careful(net) -> str:
    """A warning when a usual mistake gives the class net's right count too."""
    if typed(net):
        words = coincidence_words(net)
        return _error(f"On this net {words}") if words else ""
    if not coincidences(net):
        return ""
    return _error(f"On {net.sizes} a usual mistake gives the right count too; "
                  "a net whose first and last layers differ avoids that.")


def _why() -> widgets.Widget:
    mnist, vgg = "784-128-10", "25088-4096-4096-1000"
    return _text(
        "<ul>"
        "<li>More parameters let a net fit more complicated patterns, and also memorise"
        " noise: with many more parameters than training samples, a net can score"
        " perfectly on its training data and worse on new data (lesson 4).</li>"
        f"<li>Wide inputs are expensive: {mnist} has {count_parameters(mnist):,} parameters,"
        f" {layer_breakdown(mnist).rows[0].total:,} of them in its first connection.</li>"
        f"<li>Every parameter takes memory: the VGG16 head ({vgg}) has"
        f" {count_parameters(vgg):,} parameters, {format_bytes(parameter_memory(vgg))}"
        " as float32.</li></ul>")


def class_presentation(query=None) -> Deck:
    """The whole class as one deck, opened where *query* says: a page's query
    string (``None`` reads the page's, which Voilà passes).

    The deck is built for the class net first and then opened at the query's
    section and net, so that a preheated Voilà kernel has done the building
    before the page is asked for (:func:`~.request.page_query` waits there).

    Examples
    --------
    >>> deck = class_presentation("net=5-16-3&pose=1")
    >>> deck.titles[deck.current], deck.contents[deck.current].net
    ('Your turn', Net('5-16-3'))
    >>> deck.contents[deck.current].view.total.value
    '<b>How many parameters?</b>'
    >>> deck.clicker.query  # what a reload of the page comes back to
    'section=3&net=5-16-3'
    >>> deck.contents[2].spec.value = "6-5-4-3"  # typed in class: every section follows
    >>> "Typical wrong answers for 6-5-4-3" in deck.contents[3].value
    True
    >>> deck.contents[5].net   # the explorer too
    Net('6-5-4-3')
    """
    mistakes = _text(_mistakes(CLASS_NET))
    contents = [
        _idea(),
        Walkthrough("5-8-4-3", presentation=True, editable=False),
        Walkthrough(CLASS_NET, presentation=True, editable=True),
        mistakes,
        _why(),
        explore_section(CLASS_NET),
        compare_section(CLASS_NET),
        SheetMaker(n=6, presentation=True),
    ]
    deck = Deck(zip(SECTIONS, contents))
    turn = SECTIONS.index("Your turn")
    contents[1].previous.layout.display = "none"  # the deck's Previous steps back instead

    def follow(exercise):
        deck.remember(net=str(exercise.net))
        mistakes.value = _mistakes(exercise.net)
        # as if typed into the explorer: a net it cannot show is named there
        deck.contents[SECTIONS.index("Explore")].spec.value = exercise.spec.value
        # the comparison: on the class net's image, or the class net beside a narrower one
        compare = deck.contents[SECTIONS.index("Compare two designs")]
        for box, text in zip(compare.specs, compare_pair(exercise.net)):
            box.value = text
        exercise.note = _careful(exercise.net)  # said again at every step
        if not exercise.message.value:
            exercise.message.value = exercise.note

    def watch(exercise):
        exercise.previous.layout.display = "none"
        exercise.spec.observe(lambda _: follow(exercise), "value")
        if not typed(exercise.net):
            exercise.spec.observe(lambda change: typed_in(change["new"]), "value")

    def typed_in(text):
        """A typed net typed into the dense class exercise: typed sections take over."""
        if not typed(text) or typed(deck.contents[turn].net):
            return
        try:
            exercise = walkthrough(text.strip(), presentation=True, editable=True)
        except (TypeError, ValueError):
            return  # the dense walkthrough has said why
        for title, content in (("Your turn", exercise), ("Explore", explore_section(text)),
                               ("Compare two designs", compare_section(text))):
            replace_section(deck, SECTIONS.index(title), content)
        watch(exercise)
        follow(exercise)

    watch(contents[turn])
    _open(deck, page_query() if query is None else query)
    return deck


def _open(deck, query) -> None:
    """Open *deck* at the section and class net that *query* names, and say
    once what in it could not be read. The deck is built first: in a
    preheated kernel only this waits for the page's request."""
    net, start, problems = read_query(query)
    if net != CLASS_NET:  # typed into the class exercise: the sections follow it
        deck.contents[SECTIONS.index("Your turn")].spec.value = net
    deck.go(start)
    deck.notice.value = "<br>".join(_error(p) for p in problems)
