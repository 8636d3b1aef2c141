"""What the class deck shows when its class net is a typed one (a prepared
link such as ``?net=in%2028x28x3%20%7C%20conv%208%20k%3D3%20%7C%20flatten
%20%7C%20dense%2010&pose=1`` poses a CNN): the typical wrong answers of a
typed net, the words for a coincidence, and the explorer and comparison of
typed nets in place of the dense ones."""
from __future__ import annotations

from html import escape

from ..model import as_model
from ..spec import as_net
from ..model_count import model_breakdown
from ..model_mistakes import coincidences, model_slips
from ._model_view import typed
from .compare import Comparison
from .explorer import Explorer
from .model_compare import CONV, DENSE, ModelComparison
from .model_explorer import ModelExplorer

__all__ = ["model_mistakes_html", "coincidence_words", "explore_section", "compare_section",
           "compare_pair", "design_pair", "image_pair", "replace_section"]

#: Most wrong answers listed; a deep net's others are counted.
MAX_ROWS = 12


def model_mistakes_html(net, convention="keras") -> str:
    """The typical wrong answers of a typed net, smallest first, with the slip
    and where it is made (shown after the class exercise is revealed: it says
    the right count).

    Examples
    --------
    >>> html = model_mistakes_html("in 28x28x3 | conv 8 k=3 | flatten | dense 10")
    >>> "the right one is 54,314" in html   # (27 + 1)·8 + (26·26·8 + 1)·10 = 224 + 54,090
    True
    >>> "<td>forgotten bias</td>" in html
    True
    """
    model = as_model(net)
    right = model_breakdown(model, convention=convention).total
    seen, rows = set(), []
    for slip in sorted(model_slips(model, convention), key=lambda s: (s.total, s.name)):
        if slip.total != right and (slip.total, slip.name, slip.where) not in seen:
            seen.add((slip.total, slip.name, slip.where))
            rows.append(f"<tr><td style='text-align:right'>{slip.total:,}</td>"
                        f"<td>{escape(slip.name)}</td><td>{escape(slip.where)}</td></tr>")
    more = (f"<p>… and {len(rows) - MAX_ROWS:,} more.</p>" if len(rows) > MAX_ROWS else "")
    html = (f"<p>Typical wrong answers for {escape(str(model))} (the right one is "
            f"{right:,}) and where they come from, smallest first:</p>"
            "<table class='nnparams-mistakes'><thead><tr><th>wrong total</th>"
            "<th style='text-align:left'>slip</th>"
            "<th style='text-align:left'>where</th></tr></thead>"
            f"<tbody>{''.join(rows[:MAX_ROWS])}</tbody></table>" + more)
    words = coincidence_words(model, convention)
    return html + (f"<p>Careful with this net: {escape(words)}</p>" if words else "")


def coincidence_words(net, convention="keras") -> str:
    """What to say when a usual slip gives a typed *net*'s right total too
    (empty if none does).

    Examples
    --------
    >>> coincidence_words("in 28x28x3 | conv 8 k=3 | flatten | dense 10")  # a fair net
    ''
    """
    found = [f"{slip.name} ({slip.where})" for slip in coincidences(net, convention)]
    if not found:
        return ""
    return (f"{' and '.join(found)} give{'s' if len(found) == 1 else ''} the right count "
            "too, so a right total does not show the right method.")


def explore_section(net):
    """The deck's explorer, opened on the class *net*: of typed nets when it
    is typed."""
    return (ModelExplorer if typed(net) else Explorer)(net, presentation=True)


def compare_section(net):
    """The deck's comparison: a dense layer against a conv layer on the class
    net's image when it is typed (:func:`image_pair`), else the class net
    beside itself with its widest hidden layer half as wide (:func:`design_pair`)."""
    return (ModelComparison if typed(net) else Comparison)(*compare_pair(net),
                                                           presentation=True)


def compare_pair(net) -> tuple:
    """The two nets the deck's comparison shows for the class *net*, as texts."""
    return (image_pair if typed(net) else design_pair)(net)


def design_pair(net) -> tuple:
    """A dense class *net* and the same net with its widest hidden layer
    half as wide (two connections change, the others not), as texts;
    ``5-8-4-3`` against ``5-16-3`` for a net with flags or no hidden layer
    of at least 2 units.

    Examples
    --------
    >>> design_pair("3-14-9-5-2")
    ('3-14-9-5-2', '3-7-9-5-2')
    >>> design_pair("6-3"), design_pair("8-6-4;nobias=2")
    (('5-8-4-3', '5-16-3'), ('5-8-4-3', '5-16-3'))
    """
    net = as_net(net)
    hidden = net.layers[1:-1]
    if not hidden or max(hidden) < 2 or not all(net.bias) or any(net.frozen):
        return "5-8-4-3", "5-16-3"
    i = 1 + hidden.index(max(hidden))
    narrower = net.layers[:i] + ((net.layers[i] + 1) // 2,) + net.layers[i + 1:]
    return str(net), "-".join(map(str, narrower))


def image_pair(net) -> tuple:
    """A dense layer of 32 on the flattened input of a typed *net* and the
    conv layer of 32 filters that replaces it, as one-line texts; the
    classic pair on 28×28×1 when *net* reads no image (or one too small for
    a 3×3 filter).

    Examples
    --------
    >>> image_pair("in 28x28x3 | conv 8 k=3 | flatten | dense 10")
    ('in 28x28x3 | flatten | dense 32', 'in 28x28x3 | conv 32 k=3')
    >>> image_pair("in 10x8 | lstm 4") == (DENSE, CONV)
    True
    """
    shape = as_model(net).input
    if shape.rank != 3 or min(shape.dims[:2]) < 3:
        return DENSE, CONV
    image = str(shape).replace("×", "x")
    return f"in {image} | flatten | dense 32", f"in {image} | conv 32 k=3"


def replace_section(deck, index, content) -> None:
    """Show *content* as section *index* of *deck* (0-based), under its title."""
    deck.contents[index] = content
    page = deck.pages[index]
    page.children = (page.children[0], content)
