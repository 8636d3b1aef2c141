"""The walkthrough: pose, then reveal, one connection at a time."""
import re

import pytest

from tests.widgets._helpers import counting_draws, without_pictures
from nnparams_edu.draw import drawn_labels
from nnparams_edu.widgets import pose, walkthrough

# 4-16-8-4-2 worked by hand: (4+1)·16, (16+1)·8, (8+1)·4, (4+1)·2.
COUNTS = ["80", "136", "36", "10"]
RUNNING = ["80", "216", "252", "262"]


def said(w):
    """Every number the widget shows: picture labels, total, sum, alt text."""
    labels = drawn_labels(w.view.canvas.ax)
    text = " ".join([*labels["title"], *labels["count"], *labels.get("count-highlight", []),
                     w.view.total.value, w.sum.value, w.view.alt])
    return set(re.findall(r"\d[\d,]*", text.replace(",", "")))


def test_step_zero_poses_the_net_with_no_count():
    w = pose("4-16-8-4-2")
    assert w.step.value == 0
    assert drawn_labels(w.view.canvas.ax)["count"] == ["?"] * 4
    assert not said(w) & set(COUNTS + RUNNING)
    assert "262" not in without_pictures(w.view.image.value)


@pytest.mark.parametrize("k", range(1, 5))
def test_step_k_shows_the_first_k_counts_and_the_sum_so_far(k):
    w = pose("4-16-8-4-2")
    for _ in range(k):
        assert w.advance()
    labels = drawn_labels(w.view.canvas.ax)
    drawn = labels["count"][:k - 1] + labels["count-highlight"] + labels["count"][k - 1:]
    assert drawn == COUNTS[:k] + ["?"] * (4 - k)
    assert labels["count-highlight"] == [COUNTS[k - 1]]
    assert RUNNING[k - 1] in said(w)
    assert not said(w) & (set(RUNNING[k:]) | set(COUNTS[k:])) - set(COUNTS[:k])
    if k < 4:
        assert "262" not in w.view.alt and "Total" not in w.sum.value
    else:
        assert "Total: 80 + 136 + 36 + 10 = 262 parameters" in w.sum.value
        assert labels["title"] == ["4-16-8-4-2: 262 parameters"]


def test_reveal_all_start_again_and_the_ends():
    w = walkthrough("5-8-4-3")
    assert not w.retreat()               # nothing to hide at step 0
    w.reveal_all.click()
    assert w.step.value == 3 and "Total: 48 + 36 + 15 = 99 parameters" in w.sum.value
    assert not w.advance()               # nothing more to reveal
    w.previous.click()
    assert w.step.value == 2 and "So far: 48 + 36 = 84" in w.sum.value
    w.restart.click()
    assert w.step.value == 0 and drawn_labels(w.view.canvas.ax)["count"] == ["?"] * 3


def test_any_net_typed_is_posed_afresh():
    w = walkthrough("5-8-4-3")
    w.reveal_all.click()
    w.spec.value = "784-128-10"
    assert (w.step.value, w.step.max) == (0, 2)
    assert drawn_labels(w.view.canvas.ax)["title"] == ["784-128-10: how many parameters?"]
    w.advance()
    assert "(784" not in w.sum.value and "784 × 128 = 100,352 weights + 128 biases = 100,480" \
        in w.sum.value


def test_a_bad_net_is_named_and_the_box_restored():
    w = walkthrough("5-8-4-3")
    w.spec.value = "5-0-3"
    assert "'5-0-3' was not drawn: layer 2 has 0 units" in w.message.value
    assert w.spec.value == "5-8-4-3" and w.net.layers == (5, 8, 4, 3)


@pytest.mark.parametrize("net, total", [("25088-4096-4096-1000", "123,642,856"), ("3-1", "4"),
                                        ("5-8-4-3;nobias=2;frozen=1", "95")])
def test_any_net_ends_on_its_total(net, total):
    w = walkthrough(net, presentation=True)
    w.step.value = w.step.max
    assert f"= {total} parameters" in w.sum.value or f"Total: {total} parameters" in w.sum.value


def test_no_play_button_and_controls_in_order():
    w = pose("4-16-8-4-2")
    names = [b.description for b in (w.previous, w.next, w.reveal_all, w.restart)]
    assert names == ["Previous", "Reveal next", "Reveal all", "Start again"]


def test_each_change_draws_the_picture_once():
    with counting_draws() as drawn:
        w = walkthrough("5-8-4-3", step=2)
        assert drawn == ["5-8-4-3"]
        w.reveal_all.click()
        assert drawn == ["5-8-4-3"] * 2
        w.spec.value = "5-3"     # from step 3 to a net of one connection
        assert drawn[2:] == ["5-3"] and (w.step.value, w.step.max) == (0, 1)
        w.spec.value = "4-16-8-4-2"  # already at step 0
        assert drawn[3:] == ["4-16-8-4-2"]
        w.spec.value = "oops"
        assert len(drawn) == 4
