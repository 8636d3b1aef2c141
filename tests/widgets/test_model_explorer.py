"""The explorer of typed nets, driven without a browser."""
import pytest

from nnparams_edu.draw import drawn_labels
from nnparams_edu.widgets import model_explorer
from tests.widgets._helpers import without_pictures


def test_a_classic_net_by_name_shows_its_published_total():
    ex = model_explorer()
    assert ex.classics.label == "pick a classic net…"     # not a blank box
    ex.classics.value = "LeNet-5"
    # LeCun et al. 1998: 156 + 2,416 + 48,120 + 10,164 + 850 = 61,706
    assert "61,706 parameters" in ex.total.value
    assert "(5 × 5 × 6 + 1) × 16 = 2,416" in ex.table.value
    assert ex.spec.value.startswith("in 32x32x1 | conv 6 k=5")
    assert drawn_labels(ex.ax)["title"][0].endswith("61,706 parameters")
    ex.classics.value = ""                     # "pick a classic net…" again: the net stays
    assert "61,706 parameters" in ex.total.value


def test_convention_switch_gives_the_frameworks_counts():
    # SimpleRNN of 32 on 10 features: Keras (10 + 32 + 1)·32 = 1,376;
    # PyTorch has a second bias vector: 1,376 + 32 = 1,408
    ex = model_explorer("in 5x10 | rnn 32")
    assert "1,376 parameters" in ex.total.value and ex.other.value == "PyTorch counts 1,408."
    ex.convention.value = "pytorch"
    assert "1,408 parameters" in ex.total.value and ex.other.value == "Keras counts 1,376."


def test_same_count_in_both_frameworks_says_so():
    ex = model_explorer("in 6x6x1 | conv 2 k=3 | flatten | dense 3")
    assert ex.other.value == "PyTorch counts the same."


def test_hidden_counts_show_no_number_of_the_answer():
    ex = model_explorer("in 6x6x1 | conv 2 k=3 | flatten | dense 3")  # 20 + 99 = 119
    ex.hide_counts.value = True
    seen = without_pictures(ex.total.value + ex.other.value + ex.table.value + ex.image.value)
    assert "119" not in seen and "20" not in seen.replace("2026", "")
    labels = drawn_labels(ex.ax)
    assert set(labels["count"]) == {"?"} and "how many parameters?" in labels["title"][0]
    assert ex.alt.endswith("how many parameters?")
    ex.hide_counts.value = False
    assert "119 parameters" in ex.total.value


@pytest.mark.parametrize("text, words", [
    ("in 28x28x1 | conv 8 k=3 | dense 10", "put a flatten before it"),
    ("in 10x8 | attention 3", "3"),
    ("in 784 | dense ten", "'ten' is not a number"),
])
def test_a_bad_net_is_named_and_the_shown_net_stays(text, words):
    ex = model_explorer("in 6x6x1 | conv 2 k=3 | flatten | dense 3")
    ex.spec.value = text
    assert words in ex.message.value and "was not drawn" in ex.message.value
    assert ex.spec.value == "in 6x6x1 | conv 2 k=3 | flatten | dense 3"
    assert "119 parameters" in ex.total.value
    ex.spec.value = "in 6x6x1 | conv 4 k=3 | flatten | dense 3"  # (9 + 1)·4 + (64 + 1)·3
    assert ex.message.value == "" and "235 parameters" in ex.total.value
