import subprocess
import sys

import pytest

from nnparams_edu.cli import main


def run(*args):
    return subprocess.run([sys.executable, "-m", "nnparams_edu", *args],
                          capture_output=True, text=True, timeout=60)


def test_breakdown_and_total():
    result = run("5", "8", "4", "3")
    assert result.returncode == 0
    assert "(5 + 1) × 8 = 48" in result.stdout
    assert "total: 99 parameters" in result.stdout


@pytest.mark.parametrize("args, total", [(["5-8-4-3"], 99), (["4-16-8-4-2"], 262),
                                         (["5-8-4-3", "--no-bias"], 84)])
def test_spellings_and_no_bias(args, total, capsys):
    assert main(args) == 0
    assert f"total: {total} parameters" in capsys.readouterr().out


@pytest.mark.parametrize("args, words", [
    (["5", "0", "3"], "layer 2 has 0 units; every layer needs at least 1"),
    (["abc"], "'abc'"), ([], "required: layers"), (["5"], "at least 2 layers"),
    (["5-8", "--bogus"], "unrecognized arguments"),
    (["5-8", "--draw", "out.nope"], "nope"),
])
def test_bad_input_exits_2_with_one_line(args, words):
    result = run(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("nnparams_edu: error:")
    assert words in lines[0] and "Traceback" not in result.stderr


@pytest.mark.parametrize("suffix, magic", [(".png", b"\x89PNG"), (".svg", b"<?xml")])
def test_draw_to_file(tmp_path, suffix, magic, capsys):
    path = tmp_path / f"net{suffix}"
    assert main(["5-8-4-3", "--draw", str(path)]) == 0
    assert path.read_bytes().startswith(magic)
    assert f"saved to {path}" in capsys.readouterr().out


def test_sheet_and_key_are_reproducible(capsys):
    assert main(["sheet", "--n", "5", "--seed", "7"]) == 0
    sheet = capsys.readouterr().out
    assert main(["sheet", "--n", "5", "--seed", "7"]) == 0
    assert capsys.readouterr().out == sheet
    assert sheet.count("________ parameters") == 5
    assert main(["sheet", "--n", "5", "--seed", "7", "--key", "--html"]) == 0
    key = capsys.readouterr().out
    assert key.startswith("<h3>Answer key (sheet 7)</h3>") and key.count("<li>") == 5


def test_sheet_ranges(capsys):
    assert main(["sheet", "--n", "3", "--layers", "2-2", "--units", "4-5"]) == 0
    out = capsys.readouterr().out  # 4-4 and 5-5 are never posed: n × (m + 1) counts them right
    assert out.count("4-5: ________") + out.count("5-4: ________") == 3
    assert main(["sheet", "--n", "3", "--layers", "2-2", "--units", "4-4"]) == 2
    assert "widen a range" in capsys.readouterr().err


@pytest.mark.parametrize("args, words", [
    (["sheet", "--n", "0"], "1 to 200"), (["sheet", "--layers", "five"], "MIN-MAX"),
    (["sheet", "--units", "9-2"], "units is 9-2"), (["sheet", "--n", "x"], "invalid int"),
])
def test_bad_sheet_options(args, words):
    result = run(*args)
    assert result.returncode == 2 and words in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("args, words", [
    (["5", "-8"], "layer 2 has -8 units"),
    (["5-8", "4"], "layer 1 is '5-8'; give one spec"),
    (["5-8", "--draw", ""], "--draw '': give a file name"),
    (["5-8", "--draw", ".png"], "give a file name"),
    (["5-8;nobias"], "flag nobias needs connection numbers"),
    (["sheet", "--layers", "2-1000000000"], "max <= 100,000"),
    (["sheet", "--n", "9" * 5000], "invalid int value: '999"),
    (["sheet", "--layers", "2-" + "9" * 5000], "--layers is '2-999"),
    (["5-" + "9" * 5000], "5,000-digit number"),
])
def test_issue_9_command_lines_exit_2_with_one_short_line(args, words, capsys):
    assert main(args) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and len(err) <= 330
    assert words in err


def test_one_size_per_argument_still_counts(capsys):
    assert main(["5", "8", "4", "3"]) == 0
    assert "total: 99 parameters" in capsys.readouterr().out


def test_drawing_a_deep_net_gives_a_picture_of_sane_size(tmp_path, capsys):
    from matplotlib.image import imread

    path = tmp_path / "deep.png"
    assert main(["-".join(["8"] * 5000), "--draw", str(path)]) == 0
    height, width = imread(path).shape[:2]
    assert width == 900 and height < 1500  # the table keeps its first and last rows
