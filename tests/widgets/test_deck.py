"""The deck: sections one at a time, stepped by a clicker's keys."""
import ipywidgets as widgets
import pytest

from nnparams_edu.widgets import Deck, walkthrough


@pytest.fixture
def deck():
    return Deck([("One", widgets.HTML("a")), ("Two", walkthrough("5-8-4-3")),
                 ("Three", widgets.HTML("c"))])


def shown(deck):
    return [page.layout.display != "none" for page in deck.pages]


def test_one_section_at_a_time(deck):
    assert shown(deck) == [True, False, False] and deck.position.value == "1 / 3"
    deck.menu.value = 2
    assert shown(deck) == [False, False, True] and deck.position.value == "3 / 3"


def test_keys_step_the_reveal_before_moving_on(deck):
    walk = deck.contents[1]
    steps = []
    for _ in range(6):
        deck.clicker._message(None, {"key": "PageDown"})  # as the page sends it
        steps.append((deck.current, walk.step.value))
    assert steps == [(1, 0), (1, 1), (1, 2), (1, 3), (2, 3), (2, 3)]
    for key, expected in [("ArrowLeft", (1, 3)), ("ArrowUp", (1, 2)), ("PageUp", (1, 1))]:
        deck.key(key)
        assert (deck.current, walk.step.value) == expected
    deck.key("End")
    assert deck.current == 2
    deck.key("Home")
    assert deck.current == 0


def test_other_keys_and_messages_do_nothing(deck):
    for message in [{"key": "a"}, {"key": 3}, "PageDown", {}]:
        deck.clicker._message(None, message)
    assert deck.current == 0


def test_buttons_and_an_empty_deck(deck):
    deck.next.click()
    deck.next.click()
    assert (deck.current, deck.contents[1].step.value) == (1, 1)
    deck.previous.click()
    deck.previous.click()
    assert deck.current == 0
    with pytest.raises(ValueError, match="at least one section"):
        Deck([])


def test_a_section_entered_going_forward_starts_posed(deck):
    walk = deck.contents[1]
    deck.go(1)
    walk.reveal_all.click()
    assert walk.step.value == 3
    deck.key("PageDown")      # everything revealed: on to section 3
    deck.key("PageUp")        # back into section 2: as it was left
    assert (deck.current, walk.step.value) == (1, 3)
    deck.menu.value = 0
    deck.menu.value = 1       # entered going forward again: posed
    assert (deck.current, walk.step.value) == (1, 0)


def test_a_section_chosen_in_the_menu_starts_posed_even_going_back(deck):
    walk = deck.contents[1]
    deck.go(1)
    walk.reveal_all.click()
    deck.go(2)
    deck.menu.value = 1       # a jump back from the menu: posed, not as it was left
    assert (deck.current, walk.step.value) == (1, 0)
    walk.reveal_all.click()
    deck.go(2)
    deck.key("PageUp")        # stepping back with the clicker: as it was left
    assert (deck.current, walk.step.value) == (1, 3)


def test_home_starts_the_whole_deck_afresh(deck):
    walk = deck.contents[1]
    deck.go(1)
    walk.next.click()
    walk.next.click()
    deck.go(2)
    deck.key("Home")
    assert (deck.current, walk.step.value) == (0, 0)
    deck.go(1)
    walk.next.click()
    deck.key("Home")          # from section 2 itself
    assert (deck.current, walk.step.value) == (0, 0)


def test_a_notice_is_shown_once_where_the_deck_opens(deck):
    deck.notice.value = "net=5-0-3 was not used"
    assert deck.notice in deck.children
    deck.key("PageDown")
    assert deck.notice.value == ""
