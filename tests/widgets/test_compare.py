"""Two nets side by side."""

from tests.widgets._helpers import counting_draws
from nnparams_edu.draw import drawn_labels
from nnparams_edu.widgets import compare


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


def test_the_two_nets_stand_in_one_row():
    c = compare("5-8-4-3", "5-16-3", presentation=True)
    (row,) = [w for w in c.children if "nnp-compare-row" in w._dom_classes]
    assert [col.children[1] for col in row.children] == c.views
    assert all(col.layout.flex == "1 1 0" for col in row.children)


def test_on_the_projector_the_total_above_each_picture_is_its_only_title():
    # the picture's height goes to the net, so its "+1" squares stay large
    c = compare("5-8-4-3", "5-16-3", presentation=True)
    assert ["title" in drawn_labels(v.canvas.ax) for v in c.views] == [False, False]
    assert [v.total.value for v in c.views] == ["<b>99 parameters</b>", "<b>147 parameters</b>"]
    assert "nnp-dense-compare" in c._dom_classes  # the deck's stylesheet gives it the height
    classroom = compare("5-8-4-3", "5-16-3")
    assert drawn_labels(classroom.views[1].canvas.ax)["title"] == ["5-16-3: 147 parameters"]


def test_hide_counts_poses_both_nets():
    c = compare("5-8-4-3", "5-16-3")
    c.hide_counts.value = True
    assert [drawn_labels(v.canvas.ax)["count"] for v in c.views] == [["?"] * 3, ["?"] * 2]
    assert c.difference.value == "" and all(v.table.value == "" for v in c.views)
    c.specs[1].value = "5-4-3"
    assert drawn_labels(c.views[1].canvas.ax)["title"] == ["5-4-3: how many parameters?"]
    c.hide_counts.value = False
    assert [v.breakdown.total for v in c.views] == [99, 39] and "fewer" in c.difference.value


def test_a_typed_net_redraws_only_its_own_view():
    c = compare("5-8-4-3", "5-16-3")
    with counting_draws() as drawn:
        c.specs[1].value = "5-4-3"
        assert drawn == ["5-4-3"] and "fewer" in c.difference.value
        c.specs[0].value = "oops"
        assert drawn == ["5-4-3"] and "'oops'" in c.message.value
        c.specs[0].value = "5-9-4-3"     # a good net clears the message
        assert drawn[1:] == ["5-9-4-3"] and c.message.value == ""
        c.hide_counts.value = True       # the switch redraws both
        assert drawn[2:] == ["5-9-4-3", "5-4-3"] and c.difference.value == ""
