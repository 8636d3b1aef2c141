"""The explorer: every control at both ends, driven without a browser."""
import base64
import re

import pytest

from tests.widgets._helpers import counting_draws, without_pictures
from nnparams_edu.draw import drawn_labels
from nnparams_edu.widgets import explorer


def shown(ex):
    """Title and per-connection counts the explorer's picture says."""
    labels = drawn_labels(ex.view.canvas.ax)
    return labels["title"][0], labels["count"]


@pytest.fixture
def ex():
    return explorer("5-8-4-3")


def test_default_explorer_shows_the_lesson_net(ex):
    assert ex.spec.value == "5-8-4-3"
    assert shown(ex) == ("5-8-4-3: 99 parameters", ["48", "36", "15"])
    assert "99 parameters" in ex.view.total.value
    assert "(5 + 1) × 8 = 48" in ex.view.table.value
    assert "396 B as float32" in ex.view.table.value and "198 B as float16" in ex.view.table.value
    src = re.search(r'src="data:image/png;base64,([^"]+)"', ex.view.image.value).group(1)
    assert base64.b64decode(src).startswith(b"\x89PNG")
    assert [s.layout.display for s in ex.hidden_units] == [None, None] + ["none"] * 4


# Worked by hand, (n + 1) × m per connection:
# 1-8-4-3:  (1+1)·8 + (8+1)·4 + (4+1)·3  = 16 + 36 + 15 = 67
# 64-8-4-3: (64+1)·8 + 36 + 15           = 520 + 36 + 15 = 571
# 5-8-4-1:  (5+1)·8 + 36 + (4+1)·1       = 48 + 36 + 5 = 89
# 5-8-4-32: 48 + 36 + (4+1)·32           = 48 + 36 + 160 = 244
@pytest.mark.parametrize("name, at_min, at_max", [
    ("input_units", ("1-8-4-3", 67), ("64-8-4-3", 571)),
    ("output_units", ("5-8-4-1", 89), ("5-8-4-32", 244)),
])
def test_input_and_output_sliders_at_both_ends(ex, name, at_min, at_max):
    slider = getattr(ex, name)
    for value, (spec, total) in [(slider.min, at_min), (slider.max, at_max)]:
        before = ex.view.image.value
        slider.value = value
        assert ex.spec.value == spec
        assert ex.view.breakdown.total == total
        assert shown(ex)[0] == f"{spec}: {total} parameters"
        assert ex.view.image.value != before


# Six hidden layers: 5-8-4 then the new layers at their minimum, 1 unit:
# 5-8-4-1-1-1-1-3 = 48 + 36 + 5 + 2 + 2 + 2 + 6 = 101. Each hidden slider
# at 1 and at 128, worked by hand connection by connection:
HIDDEN_AT_BOTH_ENDS = [
    # 5-1-4-...: 6 + 8 + 5+2+2+2+6;  5-128-4-...: 768 + 516 + 17
    (("5-1-4-1-1-1-1-3", 31), ("5-128-4-1-1-1-1-3", 1301)),
    # 5-8-1-...: 48 + 9 + 2+2+2+2+6;  5-8-128-1-...: 48 + 1152 + 129 + 2+2+2+6
    (("5-8-1-1-1-1-1-3", 71), ("5-8-128-1-1-1-1-3", 1341)),
    # 5-8-4-128-1-...: 48 + 36 + 640 + 129 + 2+2+6
    (("5-8-4-1-1-1-1-3", 101), ("5-8-4-128-1-1-1-3", 863)),
    # 5-8-4-1-128-1-...: 48+36+5 + 256 + 129 + 2+6
    (("5-8-4-1-1-1-1-3", 101), ("5-8-4-1-128-1-1-3", 482)),
    # 5-8-4-1-1-128-1-3: 48+36+5+2 + 256 + 129 + 6
    (("5-8-4-1-1-1-1-3", 101), ("5-8-4-1-1-128-1-3", 482)),
    # 5-8-4-1-1-1-128-3: 48+36+5+2+2 + 256 + 129·3
    (("5-8-4-1-1-1-1-3", 101), ("5-8-4-1-1-1-128-3", 736)),
]


@pytest.mark.parametrize("i", range(6))
def test_every_hidden_slider_at_both_ends(ex, i):
    ex.hidden_layers.value = ex.hidden_layers.max
    slider = ex.hidden_units[i]
    for value, (spec, total) in zip((slider.min, slider.max), HIDDEN_AT_BOTH_ENDS[i]):
        slider.value = value
        assert ex.spec.value == spec and spec.split("-")[i + 1] == str(value)
        assert ex.view.breakdown.total == total


def test_depth_slider_at_both_ends(ex):
    ex.hidden_layers.value = 0
    assert ex.spec.value == "5-3" and ex.view.breakdown.total == 18
    assert [b.layout.display for b in ex.bias] == [None] + ["none"] * 6
    ex.hidden_layers.value = 6
    assert len(ex.net.layers) == 8
    assert all(s.layout.display is None for s in ex.hidden_units)


def test_every_slider_at_maximum_still_draws_truncated_and_counts_exactly(ex):
    ex.hidden_layers.value = ex.hidden_layers.max
    for slider in [ex.input_units, ex.output_units, *ex.hidden_units]:
        slider.value = slider.max
    # (64+1)·128 + 5 × (128+1)·128 + (128+1)·32 = 8,320 + 82,560 + 4,128
    assert ex.view.breakdown.total == 95_008
    assert shown(ex)[0] == "64-128-128-128-128-128-128-32: 95,008 parameters"
    assert "ellipsis" in drawn_labels(ex.view.canvas.ax)


@pytest.mark.parametrize("c", range(3))
def test_bias_and_freeze_switches(ex, c):
    ex.bias[c].value = False
    net = ex.net
    assert net.bias[c] is False
    assert ex.view.breakdown.total == 99 - [8, 4, 3][c]
    ex.frozen[c].value = True
    assert ex.view.breakdown.non_trainable == ex.view.breakdown.rows[c].total
    assert "frozen" in ex.view.total.value
    assert ex.spec.value == f"5-8-4-3;nobias={c + 1};frozen={c + 1}"


def test_text_box_sets_every_control_and_widens_sliders(ex):
    ex.spec.value = "784-128-10"
    assert (ex.input_units.value, ex.input_units.max) == (784, 784)
    assert ex.hidden_layers.value == 1
    assert ex.view.breakdown.total == 101_770
    ex.spec.value = "4-16-8-4-2;nobias=4;frozen=1"
    assert ex.net.bias == (True, True, True, False)
    assert ex.view.breakdown.total == 260 and ex.view.breakdown.trainable == 180


@pytest.mark.parametrize("text, words", [
    ("5-0-3", "layer 2 has 0 units"), ("abc", "'abc'"), ("7", "at least 2 layers"),
    ("5-8;frozen=9", "numbered 1 to 1"), ("1-2-3-4-5-6-7-8-9", "up to 6"),
    ("__import__('os')", "whole number"), ("5-8.5", "'8.5'"),
])
def test_bad_text_gives_a_message_and_keeps_the_net(ex, text, words):
    before = ex.view.image.value
    ex.spec.value = text
    assert words in ex.message.value and "was not drawn" in ex.message.value
    assert ex.net.layers == (5, 8, 4, 3)
    assert ex.spec.value == "5-8-4-3"  # the box says what the picture shows
    assert ex.view.image.value == before
    ex.input_units.value = 6
    assert ex.message.value == ""


def test_export_offers_downloads_and_code(ex):
    ex.make_export()
    html = ex.export.value
    assert 'download="net-5-8-4-3.png"' in html and 'download="net-5-8-4-3.svg"' in html
    assert "nn.Linear(5, 8)" in html and "keras.layers.Dense(8" in html
    ex.input_units.value = 4
    assert ex.export.value == ""


def test_presentation_mode_marks_the_widget_and_draws_large():
    ex = explorer(presentation=True)
    assert "nnp-present" in ex._dom_classes
    assert ex.view.style.font > 10


def test_hide_counts_poses_the_net_and_shows_it_again(ex):
    ex.spec.value = "4-16-8-4-2"
    ex.hide_counts.value = True
    assert shown(ex) == ("4-16-8-4-2: how many parameters?", ["?"] * 4)
    assert ex.view.total.value == "<b>How many parameters?</b>" and ex.view.table.value == ""
    assert "262" not in without_pictures(ex.view.image.value)  # nor in the alt text
    ex.hidden_units[0].value = 15           # still hidden after a change
    assert shown(ex)[1] == ["?"] * 4
    ex.hide_counts.value = False
    assert shown(ex) == ("4-15-8-4-2: 249 parameters", ["75", "128", "36", "10"])


def test_picture_has_a_text_alternative(ex):
    assert ('alt="5-8-4-3 net: 5 inputs, hidden layers of 8 and 4, 3 outputs; '
            '99 parameters"') in ex.view.image.value


def test_each_change_draws_the_picture_once(ex):
    with counting_draws() as drawn:
        ex.input_units.value = 6
        ex.spec.value = "784-128-10"       # many controls move, one picture
        ex.spec.value = "oops"             # rejected: nothing drawn
        ex.set_net("4-16-8-4-2;frozen=1")
    assert drawn == ["6-8-4-3", "784-128-10", "4-16-8-4-2;frozen=1"]
