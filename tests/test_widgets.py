"""Every control of every widget, driven without a browser."""
import pytest

from nnparams_edu import count_parameters
from nnparams_edu.draw import drawn_labels
from nnparams_edu.widgets import compare, exercise, explorer, walkthrough


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
    assert bytes(ex.view.image.value).startswith(b"\x89PNG")
    assert [s.layout.display for s in ex.hidden_units] == [None, None] + ["none"] * 4


@pytest.mark.parametrize("name, spec_at_min, spec_at_max", [
    ("input_units", "1-8-4-3", "64-8-4-3"),
    ("output_units", "5-8-4-1", "5-8-4-32"),
])
def test_input_and_output_sliders_at_both_ends(ex, name, spec_at_min, spec_at_max):
    slider = getattr(ex, name)
    for value, spec in [(slider.min, spec_at_min), (slider.max, spec_at_max)]:
        before = ex.view.image.value
        slider.value = value
        assert ex.spec.value == spec
        assert ex.view.breakdown.total == count_parameters(spec)
        assert shown(ex)[0] == f"{spec}: {count_parameters(spec):,} parameters"
        assert ex.view.image.value != before


@pytest.mark.parametrize("i", range(6))
def test_every_hidden_slider_at_both_ends(ex, i):
    ex.hidden_layers.value = ex.hidden_layers.max
    for value in (ex.hidden_units[i].min, ex.hidden_units[i].max):
        ex.hidden_units[i].value = value
        layers = [int(n) for n in ex.spec.value.split("-")]
        assert layers[i + 1] == value
        assert ex.view.breakdown.total == count_parameters(layers)


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
    expected = count_parameters([64] + [128] * 6 + [32])
    assert ex.view.breakdown.total == expected
    assert shown(ex)[0] == f"64-128-128-128-128-128-128-32: {expected:,} parameters"
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
    ex.spec.value = text
    assert words in ex.message.value and "Traceback" not in ex.message.value
    assert ex.net.layers == (5, 8, 4, 3)
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


# -- exercise -----------------------------------------------------------------

@pytest.mark.parametrize("answer, correct, mistake", [
    ("262", True, None), (" 262 ", True, None), ("262.0", True, None),
    ("232", False, "forgot_biases"), ("266", False, "input_bias"),
    ("1,234", False, None), ("abc", False, None), ("-5", False, None),
    ("2e400", False, None), ("", None, None),
])
def test_exercise_feedback(answer, correct, mistake):
    ex = exercise("4-16-8-4-2")
    ex.answer.value = answer
    if correct is None:  # nothing typed: nothing checked
        assert ex.result is None and ex.feedback.value == ""
        return
    assert ex.result.correct is correct and ex.result.mistake == mistake
    assert ex.result.message and "Traceback" not in ex.feedback.value


def test_solution_only_after_an_attempt():
    ex = exercise("4-16-8-4-2")
    assert ex.solution_button.disabled
    ex.show_solution()
    assert ex.solution.value == ""
    ex.answer.value = "100"
    ex.solution_button.click()
    assert "(4 + 1) × 16 = 80" in ex.solution.value and "262" in ex.solution.value


def test_per_connection_answers_name_the_wrong_connection():
    ex = exercise("4-16-8-4-2", per_connection=True)
    for box, value in zip(ex.connections, ["80", "128", "36", "10"]):
        box.value = value
    ex.answer.value = "254"
    assert "16 → 8 (the second connection): 128 is the weights alone" in ex.result.message


@pytest.mark.parametrize("text", ["abc", "-5", "2e400", "1,2"])
def test_bad_text_in_a_connection_box_gets_a_sentence(text):
    ex = exercise("5-8-4-3", per_connection=True)
    ex.connections[1].value = text
    ex.answer.value = "99"
    assert ex.result.correct is False
    assert ex.result.message.startswith("8 → 4 (the second connection): ") and "Traceback" not in ex.feedback.value


def test_random_exercises_follow_the_seed_and_new_net_changes_it():
    a, b = exercise(seed=3), exercise(seed=3)
    assert a.net == b.net
    first = a.net
    a.answer.value = "5"
    a.new_button.click()
    assert a.answer.value == "" and a.feedback.value == "" and a.solution_button.disabled
    b.new_net()
    assert a.net == b.net
    assert exercise(seed=4).net != first or exercise(seed=5).net != first


# -- walkthrough --------------------------------------------------------------

def test_walkthrough_builds_the_running_sum():
    w = walkthrough("5-8-4-3")
    assert w.step.max == 3 and "Press" in w.sum.value
    w.next.click()
    assert "5 × 8 = 40 weights + 8 biases = 48 → 48" in w.sum.value
    assert drawn_labels(w.view.canvas.ax)["count-highlight"] == ["48"]
    w.next.click()
    assert "+ 36 → 84" in w.sum.value
    w.next.click()
    assert "+ 15 → 99" in w.sum.value and "Total: 99 parameters" in w.sum.value
    w.next.click()
    assert w.step.value == 3
    for _ in range(5):
        w.previous.click()
    assert w.step.value == 0 and "count-highlight" not in drawn_labels(w.view.canvas.ax) or \
        drawn_labels(w.view.canvas.ax)["count-highlight"] == []


@pytest.mark.parametrize("net", ["4-16-8-4-2", "25088-4096-4096-1000", "3-1",
                                 "5-8-4-3;nobias=2;frozen=1"])
def test_walkthrough_works_for_any_net(net):
    w = walkthrough(net, presentation=True)
    w.step.value = w.step.max
    assert f"Total: {count_parameters(net):,} parameters" in w.sum.value


# -- compare ------------------------------------------------------------------

def test_compare_two_nets():
    c = compare("5-8-4-3", "5-16-3")
    assert [v.breakdown.total for v in c.views] == [99, 147]
    assert "48 more" in c.difference.value and "wider" in c.difference.value
    c.specs[1].value = "5-4-3"
    assert c.views[1].breakdown.total == 39 and "fewer" in c.difference.value
    c.specs[0].value = "oops"
    assert "'oops'" in c.message.value and c.views[0].breakdown.total == 99
    c.specs[0].value = "5-8-4-3"
    c.specs[1].value = "5-0"
    assert "layer 2 has 0 units" in c.message.value and c.views[1].breakdown.total == 39


# -- sheet maker --------------------------------------------------------------

def test_sheet_maker_follows_its_controls():
    from nnparams_edu.sheets import make_sheet
    from nnparams_edu.widgets import sheet_maker

    maker = sheet_maker(n=4, seed=7)
    assert maker.output.value == make_sheet(4, seed=7).to_html()
    maker.n.value, maker.seed.value = 6, 8
    assert maker.sheet == make_sheet(6, seed=8)
    maker.layers.value, maker.units.value = (2, 2), (3, 3)
    assert all(net.layers == (3, 3) for net in maker.sheet.nets)
    maker.page.value = "Answer key"
    assert "Answer key (sheet 8)" in maker.output.value and "<b>12</b>" in maker.output.value
    assert 'download="answer-key-8.md"' in maker.downloads.value
    for control in (maker.n, maker.layers, maker.units):  # every control at both ends
        control.value = (control.min, control.min) if isinstance(control.value, tuple) \
            else control.min
        control.value = (control.max, control.max) if isinstance(control.value, tuple) \
            else control.max
    assert len(maker.sheet.nets) == 40
    assert all(len(net.layers) == 8 and set(net.layers) == {128} for net in maker.sheet.nets)
