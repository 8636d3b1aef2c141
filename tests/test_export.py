import ast

import pytest

from nnparams_edu import count_parameters, layer_breakdown
from nnparams_edu.export import save_figure, to_keras, to_pytorch

NETS = ["5-8-4-3", "4-16-8-4-2;nobias=2,4", "784-128-10;frozen=1", "3-1"]


def calls(code, name):
    """Positional int arguments and keywords of every call to *name*."""
    found = []
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == name:
            found.append(([a.value for a in node.args if isinstance(a, ast.Constant)],
                          {k.arg: k.value.value for k in node.keywords
                           if isinstance(k.value, ast.Constant)}))
    return found


def linear_count(code):
    return sum(n * m + (m if kw.get("bias", True) else 0)
               for (n, m), kw in calls(code, "Linear"))


@pytest.mark.parametrize("net", NETS)
def test_pytorch_code_has_our_layers_and_count(net):
    code = to_pytorch(net)
    b = layer_breakdown(net)
    assert [args for args, _ in calls(code, "Linear")] == [[r.n_in, r.n_out] for r in b.rows]
    assert linear_count(code) == count_parameters(net)
    assert f"== {b.total}" in code and f"{b.total:,} parameters" in code
    assert code.count("requires_grad_(False)") == sum(r.frozen for r in b.rows)


@pytest.mark.parametrize("net", NETS)
def test_keras_code_has_our_layers_and_count(net):
    code = to_keras(net)
    b = layer_breakdown(net)
    dense = calls(code, "Dense")
    assert [args[0] for args, _ in dense] == [r.n_out for r in b.rows]
    assert [kw.get("use_bias", True) for _, kw in dense] == [r.biases > 0 for r in b.rows]
    assert [not kw.get("trainable", True) for _, kw in dense] == [r.frozen for r in b.rows]
    assert f"count_params() == {b.total}" in code


@pytest.mark.parametrize("net", NETS)
def test_pytorch_counts_the_same_where_torch_is_installed(net):
    torch = pytest.importorskip("torch")
    scope = {}
    exec(compile(to_pytorch(net), "<generated>", "exec"), scope)  # our own generated code
    model = scope["model"]
    assert sum(p.numel() for p in model.parameters()) == count_parameters(net)
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    assert trainable == layer_breakdown(net).trainable
    assert torch is not None


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
    np = pytest.importorskip("numpy")
    path = tmp_path / "deep.svg"
    fig = save_figure([3] * 1000, path, presentation=np.False_)
    svg = path.read_text()
    assert "969 more connections" in svg and "total: 11,988 parameters" in svg
    assert fig.get_size_inches()[1] < 12
