import ast

import numpy as np
import pytest

from nnparams_edu.export import save_figure, to_keras, to_pytorch

from .frameworks import keras_count, keras_denses, need, run_code, torch_count, torch_linears

# Worked by hand: each connection (n_in, n_out, has biases, frozen); the total
# Σ (n + 1)·m or n·m without biases; and the parameters training updates.
NETS = {
    "5-8-4-3": ([(5, 8, True, False), (8, 4, True, False), (4, 3, True, False)],
                48 + 36 + 15, 99),
    "4-16-8-4-2;nobias=2,4": ([(4, 16, True, False), (16, 8, False, False),
                               (8, 4, True, False), (4, 2, False, False)],
                              80 + 128 + 36 + 8, 252),
    "784-128-10;frozen=1": ([(784, 128, True, True), (128, 10, True, False)],
                            100_480 + 1_290, 1_290),
    "5-8-4-3;nobias=3;frozen=1,3": ([(5, 8, True, True), (8, 4, True, False),
                                     (4, 3, False, True)], 48 + 36 + 12, 36),
    "6-3;frozen=1": ([(6, 3, True, True)], 21, 0),
    "3-1": ([(3, 1, True, False)], 4, 4),
}


def calls(code, name):
    """Positional int arguments and keywords of every call to *name*."""
    found = []
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == name:
            found.append(([a.value for a in node.args if isinstance(a, ast.Constant)],
                          {k.arg: k.value.value for k in node.keywords
                           if isinstance(k.value, ast.Constant)}))
    return found


@pytest.mark.parametrize("net", NETS)
def test_pytorch_code_has_our_layers_and_count(net):
    layers, total, trainable = NETS[net]
    code = to_pytorch(net)
    linears = calls(code, "Linear")
    assert [args for args, _ in linears] == [[n, m] for n, m, _, _ in layers]
    assert [kw.get("bias", True) for _, kw in linears] == [b for _, _, b, _ in layers]
    assert code.count("requires_grad_(False)") == sum(f for *_, f in layers)
    assert code.count("nn.ReLU()") == len(layers) - 1
    assert f"== {total}\n" in code + "\n" and f"{total:,} parameters" in code
    if trainable < total:
        assert f"({trainable:,} trainable, {total - trainable:,} frozen)" in code


@pytest.mark.parametrize("net", NETS)
def test_keras_code_has_our_layers_and_count(net):
    layers, total, _ = NETS[net]
    code = to_keras(net)
    dense = calls(code, "Dense")
    assert calls(code, "Input") == [([], {})] and f"shape=({layers[0][0]},)" in code
    assert [args[0] for args, _ in dense] == [m for _, m, _, _ in layers]
    assert [kw.get("use_bias", True) for _, kw in dense] == [b for _, _, b, _ in layers]
    assert [not kw.get("trainable", True) for _, kw in dense] == [f for *_, f in layers]
    assert [kw.get("activation") for _, kw in dense] == ["relu"] * (len(layers) - 1) + [None]
    assert f"count_params() == {total}\n" in code + "\n"


@pytest.mark.parametrize("net", NETS)
def test_pytorch_runs_the_exported_code(net):
    torch = need("torch")
    layers, total, trainable = NETS[net]
    model = run_code(to_pytorch(net, name="student_net"), "student_net")
    assert torch_linears(model) == layers
    assert torch_count(model) == total
    assert torch_count(model, trainable=True) == trainable
    assert torch_count(model, trainable=False) == total - trainable
    relus = [m for m in model if isinstance(m, torch.nn.ReLU)]
    assert len(model) == 2 * len(layers) - 1 and len(relus) == len(layers) - 1
    out = model(torch.zeros(2, layers[0][0]))  # the layers chain: it runs
    assert tuple(out.shape) == (2, layers[-1][1])


@pytest.mark.parametrize("net", NETS)
def test_keras_runs_the_exported_code(net):
    keras = need("keras")
    layers, total, trainable = NETS[net]
    model = run_code(to_keras(net))
    assert keras_denses(model) == layers
    assert keras_count(model) == total
    assert keras_count(model, trainable=True) == trainable
    assert keras_count(model, trainable=False) == total - trainable
    activations = [layer.activation.__name__ for layer in model.layers]
    assert activations == ["relu"] * (len(layers) - 1) + ["linear"]
    assert tuple(model(keras.ops.zeros((2, layers[0][0]))).shape) == (2, layers[-1][1])


@pytest.mark.parametrize("suffix, magic", [(".png", b"\x89PNG"), (".svg", b"<?xml")])
def test_save_figure_puts_the_breakdown_on_the_figure(tmp_path, suffix, magic):
    path = tmp_path / f"net{suffix}"
    save_figure("5-8-4-3", path, presentation=True)
    data = path.read_bytes()
    assert data.startswith(magic)
    if suffix == ".svg":
        assert b"total: 99 parameters" in data and b"(5 + 1)" in data


@pytest.mark.parametrize("name", ["model; import os", "class", "", 3, "x" * 61])
def test_bad_variable_names_are_refused(name):
    for make in (to_pytorch, to_keras):
        with pytest.raises(ValueError, match="Python variable name"):
            make("5-8", name=name)


def test_saved_table_of_a_deep_net_keeps_first_and_last_rows(tmp_path):
    path = tmp_path / "deep.svg"
    fig = save_figure([3] * 1000, path, presentation=np.False_)
    svg = path.read_text()
    assert "969 more connections" in svg and "total: 11,988 parameters" in svg
    assert fig.get_size_inches()[1] < 12


# Heights worked by hand: a 5-inch drawing, then one line of 1.45 × the font size
# (points, 72 to the inch) per line of table. 5-8-4-3's table is a header, 3 rows
# and 2 summary lines: 6 lines.
@pytest.mark.parametrize("net, presentation, lines, font", [
    ("5-8-4-3", False, 6, 9), ("5-8-4-3", True, 6, 14),
    ([3] * 31, False, 1 + 30 + 2, 9),       # 30 connections: every row
    ([3] * 41, True, 1 + 15 + 1 + 15 + 2, 14),  # 40: first 15, "...", last 15
])
def test_saved_figure_is_tall_enough_for_its_table(tmp_path, net, presentation, lines, font):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    path = tmp_path / "net.png"
    fig = save_figure(net, path, presentation=presentation)
    height = 5 + lines * font * 1.45 / 72
    assert fig.get_size_inches() == pytest.approx((9, height))
    assert fig.dpi == 100
    assert int.from_bytes(path.read_bytes()[16:20], "big") == 900  # PNG width
    # the drawing fills the top 5 inches, the table starts right under it
    assert fig.axes[0].get_position().bounds == pytest.approx(
        (0, (height - 5) / height, 1, 5 / height))
    table = fig.texts[0]
    assert table.get_position() == pytest.approx((0.04, (height - 5) / height))
    assert table.get_fontsize() == font and table.get_text().count("\n") == lines - 1
    extent = table.get_window_extent(FigureCanvasAgg(fig).get_renderer())
    assert 0 < extent.y0 and extent.y1 <= (height - 5) * 100 + 1  # in pixels, on the page


@pytest.mark.parametrize("connections, more", [(30, None), (31, "1 more connection "),
                                               (40, "10 more connections ")])
def test_saved_table_shows_thirty_rows(tmp_path, connections, more):
    fig = save_figure([3] * (connections + 1), tmp_path / "net.svg")
    text = fig.texts[0].get_text()
    assert text.count("(3 + 1) × 3 = 12") == min(connections, 30)
    if more is None:
        assert "more connection" not in text
    else:
        assert more in text


def test_saved_figure_draws_twelve_units_of_a_wide_layer_by_default(tmp_path):
    from nnparams_edu.draw import drawn_labels

    # 12 places for 40 units: 11 drawn and one ellipsis node standing for 29 more
    # (one connection: the drawing's budget of lines allows more than 12)
    fig = save_figure("3-40", tmp_path / "net.svg")
    assert drawn_labels(fig.axes[0])["ellipsis"] == ["+29"]


def test_saved_figure_is_for_the_classroom_by_default(tmp_path):
    fig = save_figure("5-8-4-3", tmp_path / "net.svg")
    assert fig.texts[0].get_fontsize() == 9
    assert fig.get_size_inches() == pytest.approx((9, 5 + 6 * 9 * 1.45 / 72))


def test_an_over_tall_figure_is_refused_before_drawing(tmp_path, monkeypatch):
    import nnparams_edu.export as export

    # 20,000 connections with no rows left out: 20,003 lines, over 3,600 inches
    monkeypatch.setattr(export, "SAVED_TABLE_ROWS", None)
    with pytest.raises(ValueError, match="pixels is too large"):
        save_figure([2] * 20_001, tmp_path / "net.png")
    assert not (tmp_path / "net.png").exists()


def test_variable_names_of_up_to_60_characters_are_taken():
    name = "x" * 60
    assert f"{name} = nn.Sequential(" in to_pytorch("5-8", name=name)
    assert f"{name} = keras.Sequential([" in to_keras("5-8", name=name)
