"""The class deck with a typed class net: a prepared link poses a CNN."""
import re
from urllib.parse import quote

import pytest

from nnparams_edu.draw import drawn_labels
from nnparams_edu.widgets import class_presentation
from nnparams_edu.widgets.compare import Comparison
from nnparams_edu.widgets.explorer import Explorer
from nnparams_edu.widgets.model_compare import ModelComparison
from nnparams_edu.widgets.model_explorer import ModelExplorer
from nnparams_edu.widgets.model_walkthrough import ModelWalkthrough
from nnparams_edu.widgets.presentation import CLASS_NET, read_query
from nnparams_edu.widgets.walkthrough import Walkthrough
from tests.widgets._helpers import without_pictures

CNN = "in 28x28x3 | conv 8 k=3 | maxpool 2 | flatten | dense 10"
# worked by hand: conv (3·3·3 + 1)·8 = 224; 28 − 3 + 1 = 26, pooled 13: 13·13·8 = 1,352
# inputs to the dense layer, (1,352 + 1)·10 = 13,530; 224 + 13,530 = 13,754
HIDDEN = {"224", "13530", "13754"}
# the link as an instructor writes it: spaces %20, | %7C, = %3D
LINK = "net=" + quote(CNN, safe="") + "&pose=1"


def numbers(walk) -> set:
    """Every number the class sees in the walkthrough: picture labels, total,
    text, alt text and the HTML around the picture."""
    labels = drawn_labels(walk.view.ax)
    text = " ".join([*labels["title"], *labels["count"], *labels.get("count-highlight", []),
                     walk.view.total.value, walk.sum.value, walk.view.alt,
                     without_pictures(walk.view.image.value), walk.message.value])
    return set(re.findall(r"\d+", text.replace(",", "")))


def test_the_link_is_read_as_the_typed_net():
    assert LINK.count("%7C") == 4 and "|" not in LINK
    assert read_query(LINK) == (CNN, 2, [])
    assert read_query("net=in+10x8+%7C+lstm+4&section=3") == ("in 10x8 | lstm 4", 2, [])


def test_a_link_poses_a_cnn_with_its_shapes_and_nothing_of_the_answer():
    deck = class_presentation(LINK)
    walk = deck.contents[deck.current]
    assert deck.titles[deck.current] == "Your turn" and isinstance(walk, ModelWalkthrough)
    assert str(walk.net) == CNN and deck.notice.value == ""
    labels = drawn_labels(walk.view.ax)
    assert labels["count"] == ["?"] * 4 and "how many parameters?" in labels["title"][0]
    assert [shape in "\n".join(labels["layer"]) for shape in ("26×26×8", "13×13×8", "1352")] \
        == [True] * 3
    assert not numbers(walk) & HIDDEN
    page = without_pictures(deck.pages[deck.current].children[0].value + walk.sum.value)
    assert not set(re.findall(r"\d+", page.replace(",", ""))) & HIDDEN


def test_the_clicker_reveals_the_layers_in_order_then_moves_on():
    deck = class_presentation(LINK)
    walk = deck.contents[deck.current]
    seen = []
    for _ in range(2):
        deck.key("PageDown")
        seen.append(sorted(numbers(walk) & HIDDEN, key=int))
    assert seen == [["224"], ["224", "13530", "13754"]]
    assert "Total: 224 + 13,530 = 13,754 parameters" in walk.sum.value
    deck.key("PageDown")
    assert deck.titles[deck.current] == "Typical mistakes"
    mistakes = deck.contents[deck.current].value
    assert f"Typical wrong answers for {CNN} (the right one is 13,754)" in mistakes
    # a forgotten dense bias: 224 + 1,352·10 = 13,744; a forgotten conv bias: 13,754 − 8
    assert "13,744" in mistakes and "13,746" in mistakes
    totals = [int(t.replace(",", "")) for t in re.findall(r"right'>([\d,]+)<", mistakes)]
    assert totals == sorted(totals) and 13754 not in totals


def test_coming_back_poses_the_cnn_again():
    deck = class_presentation(LINK)
    walk = deck.contents[deck.current]
    deck.key("PageDown"); deck.key("PageDown")
    assert walk.step.value == 2
    deck.key("Home")
    assert deck.current == 0 and walk.step.value == 0
    deck.go(2)
    assert set(drawn_labels(walk.view.ax)["count"]) == {"?"} and not numbers(walk) & HIDDEN
    deck.key("PageUp"); deck.key("PageUp")            # back past the start of the reveal
    assert deck.current == 0
    deck.key("End")
    assert deck.current == len(deck.pages) - 1


def test_the_address_keeps_the_typed_net_for_a_reload():
    deck = class_presentation(LINK)
    assert "%7C" in deck.clicker.query and read_query(deck.clicker.query) == (CNN, 2, [])
    walk = deck.contents[2]
    walk.spec.value = "in 32x32x3 | conv 16 k=5 | flatten | dense 10"
    # (5·5·3 + 1)·16 = 1,216; 28·28·16 = 12,544 inputs, (12,544 + 1)·10 = 125,450
    assert read_query(deck.clicker.query)[0] == "in 32x32x3 | conv 16 k=5 | flatten | dense 10"
    assert "(the right one is 126,666)" in deck.contents[3].value
    assert walk.step.value == 0 and walk.message.value == ""


def test_a_net_a_usual_slip_counts_right_is_said_to_be_unfair(monkeypatch):
    from nnparams_edu.model_mistakes import ModelSlip
    from nnparams_edu.widgets import model_deck
    # no small typed net has such a slip today; one is made up for the deck to say
    slip = ModelSlip("conv counted without input channels", 80, "layer 1 (conv 8 k=3)", "")
    monkeypatch.setattr(model_deck, "coincidences", lambda net, convention="keras": (slip,))
    deck = class_presentation(LINK)
    walk = deck.contents[2]
    walk.spec.value = "in 28x28x1 | conv 8 k=3 | flatten | dense 10"
    assert "conv counted without input channels (layer 1 (conv 8 k=3)) gives the right " \
        "count too" in walk.message.value
    mistakes = deck.contents[3].value
    assert "Careful with this net" in mistakes
    # right: 80 + (26·26·8 + 1)·10 = 80 + 54,090 = 54,170
    assert "(the right one is 54,170)" in mistakes


def test_a_bad_typed_link_is_named_and_the_class_net_used():
    deck = class_presentation("net=" + quote("in 28x28x1 | conv 8 k=3 | dense 10") + "&pose=1")
    assert "put a flatten before it" in deck.notice.value
    assert isinstance(deck.contents[2], Walkthrough) and str(deck.contents[2].net) == CLASS_NET


@pytest.mark.parametrize("query, kinds", [
    (LINK, (ModelWalkthrough, ModelExplorer, ModelComparison)),
    ("net=5-16-3&pose=1", (Walkthrough, Explorer, Comparison)),
])
def test_the_sections_that_show_a_net_follow_its_kind(query, kinds):
    deck = class_presentation(query)
    shown = [deck.contents[deck.titles.index(t)] for t in ("Your turn", "Explore",
                                                           "Compare two designs")]
    assert [type(w) for w in shown] == list(kinds)
    assert isinstance(deck.contents[1], Walkthrough)   # the rule is still taught on 5-8-4-3


def test_a_typed_net_typed_into_the_dense_class_exercise_takes_over():
    deck = class_presentation("pose=1")
    dense = deck.contents[2]
    assert isinstance(dense, Walkthrough)
    dense.spec.value = CNN
    walk = deck.contents[2]
    assert isinstance(walk, ModelWalkthrough) and str(walk.net) == CNN
    assert deck.pages[2].children[1] is walk and walk.previous.layout.display == "none"
    assert walk.step.value == 0 and not numbers(walk) & HIDDEN      # posed
    assert isinstance(deck.contents[5], ModelExplorer)
    assert isinstance(deck.contents[6], ModelComparison)
    assert read_query(deck.clicker.query) == (CNN, 2, [])
    assert f"Typical wrong answers for {CNN} (the right one is 13,754)" in deck.contents[3].value
    deck.key("PageDown")
    assert walk.step.value == 1 and "So far: 224" in walk.sum.value
    walk.spec.value = "5-16-3"       # a dense net stays in the typed walkthrough: in 5 | ...
    assert deck.contents[2] is walk and str(walk.net) == "in 5 | dense 16 | dense 3"
    # (5 + 1)·16 + (16 + 1)·3 = 96 + 51 = 147
    assert "(the right one is 147)" in deck.contents[3].value


def test_a_bad_typed_net_typed_in_keeps_the_dense_exercise():
    deck = class_presentation("pose=1")
    dense = deck.contents[2]
    dense.spec.value = "in 28x28x1 | conv 8 k=3 | dense 10"
    assert deck.contents[2] is dense and "was not drawn" in dense.message.value
    assert str(dense.net) == CLASS_NET


def test_the_explorer_opens_on_the_class_net_and_follows_it():
    deck = class_presentation(LINK)
    explorer = deck.contents[deck.titles.index("Explore")]
    # the class CNN, 13,754 by hand above (the classic 28×28×1 CNN has 13,610)
    assert explorer.breakdown.total == 13754 and str(explorer.model) == CNN
    # projected: the layer counts added up in one line, no table under the picture
    assert explorer.table.value == "<p>224 + 13,530 = 13,754</p>"
    deck.contents[2].spec.value = "in 10x8 | lstm 4"
    # 4 gates × (8 inputs + 4 state + 1 bias) × 4 units = 208
    assert explorer.breakdown.total == 208


def test_the_dense_explorer_follows_the_class_net_and_names_one_it_cannot_show():
    deck = class_presentation("pose=1")
    explorer = deck.contents[deck.titles.index("Explore")]
    assert str(explorer.net) == CLASS_NET
    deck.contents[2].spec.value = "6-5-4-3"
    assert str(explorer.net) == "6-5-4-3" and "74 parameters" in explorer.view.total.value
    deck.contents[2].spec.value = "3-4-4-4-4-4-4-4-4-2"        # 8 hidden layers: too deep
    assert str(deck.contents[2].net) == "3-4-4-4-4-4-4-4-4-2"
    assert str(explorer.net) == "6-5-4-3" and "up to 6" in explorer.message.value


def test_the_comparison_is_on_the_class_nets_image():
    deck = class_presentation(LINK)
    compare = deck.contents[deck.titles.index("Compare two designs")]
    # dense 32 on the flattened 28×28×3: (2,352 + 1)·32 = 75,296; conv: (3·3·3 + 1)·32 = 896
    assert [view.breakdown.total for view in compare.views] == [75296, 896]
    deck.contents[2].spec.value = "in 32x32x3 | conv 16 k=5 | flatten | dense 10"
    # on 32×32×3: (3,072 + 1)·32 = 98,336 against the same 896
    assert [view.breakdown.total for view in compare.views] == [98336, 896]
    deck.contents[2].spec.value = "in 10x8 | lstm 4"     # no image: the classic pair
    # on 28×28×1: (784 + 1)·32 = 25,120 against (3·3·1 + 1)·32 = 320
    assert [view.breakdown.total for view in compare.views] == [25120, 320]
