"""The words of pose, then reveal: what a picture's text alternative says."""
import pytest

from nnparams_edu.reveal import count_words, describe_network, revealed
from nnparams_edu import layer_breakdown


def test_description_names_every_layer_and_the_total():
    assert describe_network("5-8-4-3") == (
        "5-8-4-3 net: 5 inputs, hidden layers of 8 and 4, 3 outputs; 99 parameters")
    assert describe_network("784-128-10") == (
        "784-128-10 net: 784 inputs, one hidden layer of 128, 10 outputs; "
        "101,770 parameters")


@pytest.mark.parametrize("net, hidden", [("4-16-8-4-2", ("262", "80", "136", "36", "10")),
                                         ("5-8-4-3", ("99", "48", "36", "15"))])
def test_a_posed_description_holds_no_count(net, hidden):
    words = describe_network(net, reveal=0).replace(";", " ").replace(",", " ").split()
    assert words[-3:] == ["how", "many", "parameters?"]
    assert not set(hidden) & set(words)


def test_partial_reveal_says_the_running_sum():
    b = layer_breakdown("4-16-8-4-2")
    assert count_words(b, 3) == "connections 1 to 3: 80 + 136 + 36 = 252 parameters so far"
    assert count_words(b, 4) == "262 parameters"


def test_frozen_and_nobias_are_said():
    text = describe_network("5-8-4-3;nobias=3;frozen=1")
    assert "no biases in connection 3" in text and text.endswith("96 parameters (48 trainable)")


@pytest.mark.parametrize("value, shown", [(None, 3), (True, 3), (False, 0), (0, 0), (3, 3)])
def test_revealed(value, shown):
    assert revealed(value, 3) == shown


@pytest.mark.parametrize("net, start", [
    ("1-3", "1-3 net: 1 input, no hidden layer, 3 outputs"),
    ("2-1", "2-1 net: 2 inputs, no hidden layer, 1 output"),
    ("1-2-2", "1-2-2 net: 1 input, one hidden layer of 2, 2 outputs"),
    ("2000-5-4-3-1", "2000-5-4-3-1 net: 2,000 inputs, hidden layers of 5, 4 and 3, 1 output"),
])
def test_one_unit_is_singular_and_two_are_plural(net, start):
    assert describe_network(net).startswith(start + ";")
