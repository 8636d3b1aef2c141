"""The sheet maker."""
import re


# -- sheet maker --------------------------------------------------------------

def items(html):
    """``(spec, answer)`` of every exercise on a page."""
    return re.findall(r"<li><b>(.*?)</b>: (.*?)</li>", html)


def test_sheet_maker_follows_its_controls():
    from nnparams_edu.widgets import sheet_maker

    maker = sheet_maker(n=4, seed=7)
    page = maker.output.value
    assert page.startswith("<h3>Counting parameters (sheet 7)</h3>")
    assert len(items(page)) == 4 and {a for _, a in items(page)} == {"__________ parameters"}
    for spec, _ in items(page):  # 3 to 5 layers of 1 to 16 units, the default
        units = [int(u) for u in spec.split("-")]
        assert 3 <= len(units) <= 5 and all(1 <= u <= 16 for u in units)
    assert [spec for spec, _ in items(page)] == [str(net) for net in maker.sheet.nets]
    maker.n.value, maker.seed.value = 6, 8
    assert (len(maker.sheet.nets), maker.sheet.seed) == (6, 8)
    assert "(sheet 8)" in maker.output.value and len(items(maker.output.value)) == 6
    assert maker.sheet == sheet_maker(n=6, seed=8).sheet  # same controls, same sheet
    maker.layers.value, maker.units.value = (2, 2), (3, 4)
    # 3-3 and 4-4 are never posed: n × (m + 1) = (n + 1) × m there
    assert {net.layers for net in maker.sheet.nets} == {(3, 4), (4, 3)}
    maker.page.value = "Answer key"
    assert "Answer key (sheet 8)" in maker.output.value and "<b>16</b>" in maker.output.value
    assert 'download="answer-key-8.md"' in maker.downloads.value
    for control in (maker.n, maker.layers, maker.units):  # every control at both ends
        control.value = (control.min, control.min) if isinstance(control.value, tuple) \
            else control.min
        control.value = (control.max, control.max) if isinstance(control.value, tuple) \
            else control.max
    # the last setting, every layer 128 wide, allows only nets n × (m + 1) counts right
    assert "widen a range" in maker.downloads.value
    assert len(maker.sheet.nets) == 40
    maker.units.value = (127, 128)
    assert all(len(net.layers) == 8 and set(net.layers) <= {127, 128}
               and net.layers[0] != net.layers[-1] for net in maker.sheet.nets)


def test_the_key_is_revealed_one_answer_at_a_time():
    from nnparams_edu.widgets import sheet_maker

    maker = sheet_maker(n=3, seed=7, layers=(2, 2), units=(2, 3))
    # Nets of two layers, one connection each: (n + 1) × m, worked here.
    totals = [(n + 1) * m for n, m in (net.layers for net in maker.sheet.nets)]
    assert all(n in (2, 3) and m in (2, 3) for n, m in (net.layers for net in maker.sheet.nets))

    def answers():
        items = re.findall(r"<li>(.*?)</li>", maker.output.value)
        return [None if item.endswith(": ?") else int(re.search(r"<b>([\d,]+)</b>$", item)
                                                        .group(1).replace(",", ""))
                for item in items]

    assert maker.page.value == "Sheet" and not maker.retreat()
    for k in range(1, 4):
        assert maker.advance()
        assert maker.page.value == "Answer key"
        assert answers() == totals[:k] + [None] * (3 - k)
    assert not maker.advance()
    for k in (2, 1):
        assert maker.retreat() and maker.output.value.count(": ?</li>") == 3 - k
    assert maker.retreat() and maker.page.value == "Sheet"
    maker.page.value = "Answer key"  # chosen by hand: the whole key
    assert ": ?</li>" not in maker.output.value


def test_stepping_through_the_key_makes_no_new_sheet():
    import sys
    from unittest import mock
    from nnparams_edu.widgets import sheet_maker

    maker = sheet_maker(n=3, seed=7)
    module = sys.modules["nnparams_edu.widgets.sheet_maker"]
    with mock.patch.object(module, "make_sheet", wraps=module.make_sheet) as made:
        maker.advance(), maker.advance(), maker.retreat()
        maker.page.value = "Sheet"
        maker.page.value = "Answer key"
        assert made.call_count == 0
        maker.seed.value = 8             # a new sheet, made once
        assert made.call_count == 1 and 'download="sheet-8.md"' in maker.downloads.value
