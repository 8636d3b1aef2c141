"""The class presentation: a prepared link poses the class exercise."""
import re

import pytest

from nnparams_edu.draw import drawn_labels
from nnparams_edu.widgets import class_presentation
from nnparams_edu.widgets.presentation import SECTIONS, read_query


@pytest.mark.parametrize("query, net, start", [
    ("", "3-14-9-5-2", 0), ("net=5-16-3", "5-16-3", 0), ("pose=1", "3-14-9-5-2", 2),
    ("net=784-128-10&section=6", "784-128-10", 5), ("net=4%2D16%2D8&pose=1", "4-16-8", 2),
])
def test_query_strings(query, net, start):
    assert read_query(query) == (net, start, [])


@pytest.mark.parametrize("query, words", [
    ("net=5-0-3", "net=5-0-3 was not used: layer 2 has 0 units"),
    ("net=__import__('os')", "was not used"), ("section=0", "numbered 1 to 8"),
    ("section=x", "numbered 1 to 8"), ("net=" + "9" * 5000, "was not used"),
])
def test_bad_query_values_are_named_and_replaced(query, words):
    net, start, problems = read_query(query)
    assert net == "3-14-9-5-2" and start == 0 and words in problems[0]
    assert len(problems[0]) <= 300


def test_a_bad_link_still_opens_the_deck_with_the_message_on_screen():
    deck = class_presentation("net=5-0-3&pose=1")
    assert deck.titles[deck.current] == "Your turn" and deck.contents[2].net.layers == (
        3, 14, 9, 5, 2)
    assert any("layer 2 has 0 units" in getattr(w, "value", "") for w in deck.children)


def test_the_class_exercise_is_posed_then_revealed_in_order():
    deck = class_presentation("pose=1")
    walk = deck.contents[deck.current]
    hidden = {"253", "56", "135", "50", "12"}  # 3-14-9-5-2 by hand, below

    def numbers():
        labels = drawn_labels(walk.view.canvas.ax)
        text = " ".join([*labels["title"], *labels["count"],
                         *labels.get("count-highlight", []), walk.view.total.value,
                         walk.sum.value, walk.view.alt])
        return set(re.findall(r"\d+", text.replace(",", "")))

    assert not numbers() & hidden
    seen = []
    for _ in range(4):
        deck.key("PageDown")
        seen.append(sorted(numbers() & hidden, key=int))
    # (3+1)·14 = 56, (14+1)·9 = 135, (9+1)·5 = 50, (5+1)·2 = 12; 253 in all
    assert seen == [["56"], ["56", "135"], ["50", "56", "135"], ["12", "50", "56", "135",
                                                                 "253"]]
    deck.key("PageDown")
    assert deck.titles[deck.current] == "Typical mistakes"


def test_every_section_is_there_in_order():
    deck = class_presentation("")
    assert deck.titles == list(SECTIONS) and len(deck.pages) == 8
    assert "nnp-present" in deck._dom_classes


def test_the_page_address_follows_the_deck_for_a_reload():
    deck = class_presentation("")
    assert deck.clicker.query == "section=1"
    deck.key("End")
    assert deck.clicker.query == "section=8"
    deck.go(2)
    deck.contents[2].spec.value = "784-128-10"
    assert deck.clicker.query == "section=3&net=784-128-10"
    assert read_query(deck.clicker.query) == ("784-128-10", 2, [])  # what a reload reads
    deck.contents[2].spec.value = "5-0-3"   # refused: the address keeps the last good net
    assert deck.clicker.query == "section=3&net=784-128-10"


def visible(widget):
    """Whether *widget* is displayed (its own layout)."""
    return widget.layout.display != "none"


def test_one_previous_button_in_each_walkthrough_section():
    deck = class_presentation("")
    for index in (1, 2):
        walk = deck.contents[index]
        assert not visible(walk.previous) and visible(walk.next)
    assert visible(deck.previous)


def test_the_mistakes_follow_the_class_net_sorted_by_number():
    deck = class_presentation("")
    section = deck.contents[SECTIONS.index("Typical mistakes")]
    assert "Typical wrong answers for 3-14-9-5-2" in section.value
    deck.contents[2].spec.value = "6-5-4-3"  # typed in class
    text = section.value
    assert "3-14-9-5-2" not in text and "253" not in text
    assert "Typical wrong answers for 6-5-4-3 (the right one is 74)" in text
    # worked by hand for 6-5-4-3: 6 + 5 + 4 + 3 = 18, 18 + 3 bias nodes = 21,
    # weights 30 + 20 + 12 = 62, one bias per layer 65, 74 - 3 = 71, 74 - 15 = 59,
    # n × (m + 1) = 77 = 74 + 3, 74 + 6 = 80, 74 + 15 = 89, added instead of multiplied
    # (6 + 1) + 5 + (5 + 1) + 4 + (4 + 1) + 3 = 30
    gives = [int(n.replace(",", "")) for n in
             re.findall(r'<td style="text-align:right">([\d,]+)', text)]
    assert gives == [18, 21, 30, 59, 62, 65, 71, 77, 77, 80, 89]
    assert "Careful with this net" not in text
    deck.contents[2].spec.value = "7-7"  # 7 × (7 + 1) = (7 + 1) × 7
    assert "Careful with this net: n × (m + 1)" in section.value
    assert "a usual mistake gives the right count too" in deck.contents[2].message.value


def test_a_bad_link_is_named_once_not_on_every_section():
    deck = class_presentation("net=5-0-3")
    assert "layer 2 has 0 units" in deck.notice.value
    deck.key("PageDown")
    assert deck.notice.value == ""


def test_a_rejected_net_is_said_once_and_a_note_on_the_net_stays_through_the_reveal():
    deck = class_presentation("pose=1")
    walk = deck.contents[2]
    walk.spec.value = "5-0-3"
    assert "'5-0-3' was not drawn" in walk.message.value
    deck.key("PageDown")                                  # the reveal goes on
    assert walk.step.value == 1 and walk.message.value == ""
    # 5-16-5: n × (m + 1) gives (5·17 + 16·6) = 181 = (6·16 + 17·5), the right count
    walk.spec.value = "5-16-5"
    note = walk.message.value
    assert "a usual mistake gives the right count too" in note
    for key in ("PageDown", "PageDown", "PageUp"):
        deck.key(key)
        assert walk.message.value == note


@pytest.mark.parametrize("title", ["Explore", "Compare two designs"])
def test_hidden_counts_are_the_clickers_next_reveal(title):
    deck = class_presentation()
    section = deck.titles.index(title)
    deck.go(section)
    shown = deck.contents[section]
    shown.hide_counts.value = True
    deck.key("PageDown")                                  # reveals, stays
    assert deck.current == section and not shown.hide_counts.value
    deck.key("PageDown")                                  # nothing hidden: moves on
    assert deck.current == section + 1


def test_the_comparison_sets_the_class_net_beside_a_narrower_design():
    deck = class_presentation("pose=1")
    compare = deck.contents[SECTIONS.index("Compare two designs")]
    # 3-7-9-5-2 by hand: 4·7 + 8·9 + 10·5 + 6·2 = 28 + 72 + 50 + 12 = 162
    assert [str(net) for net in compare.nets] == ["3-14-9-5-2", "3-7-9-5-2"]
    assert [view.breakdown.total for view in compare.views] == [253, 162]
    assert "91 fewer" in compare.difference.value
    deck.contents[2].spec.value = "6-5-4-3"        # typed in class: 7·3 + 4·4 + 5·3 = 52
    assert [view.breakdown.total for view in compare.views] == [74, 52]
