"""Copying the shipped lessons into a student's folder (nnparams_edu.lessons)."""
import json
from pathlib import Path

import pytest

from nnparams_edu import lessons
from nnparams_edu.cli import main
from nnparams_edu.lessons import RECORD, copy_lessons, lab_command

NOTEBOOKS = sorted((Path(__file__).parents[1] / "notebooks").glob("*.ipynb"))


def test_every_notebook_of_the_project_is_copied_byte_for_byte(tmp_path):
    done = copy_lessons(tmp_path / "course")
    assert done.new == [path.name for path in NOTEBOOKS]
    for path in NOTEBOOKS:
        assert (tmp_path / "course" / path.name).read_bytes() == path.read_bytes()


def test_a_changed_lesson_is_kept_and_a_fresh_copy_goes_beside_it(tmp_path):
    copy_lessons(tmp_path)
    mine = tmp_path / NOTEBOOKS[1].name
    mine.write_text("my answers")
    done = copy_lessons(tmp_path)
    assert done.kept == [mine.name] and mine.read_text() == "my answers"
    assert "--fresh" in done.to_text() and mine.name in done.to_text()
    assert done.current == [p.name for p in NOTEBOOKS if p.name != mine.name]
    for n, name in ((1, f"{mine.stem}-fresh.ipynb"), (2, f"{mine.stem}-fresh-2.ipynb")):
        done = copy_lessons(tmp_path, fresh=True)
        assert done.fresh == [name]
        assert (tmp_path / name).read_bytes() == NOTEBOOKS[1].read_bytes()
        assert mine.read_text() == "my answers"


def test_an_untouched_copy_of_an_older_lesson_is_brought_up_to_date(tmp_path):
    old = tmp_path / NOTEBOOKS[0].name
    old.write_text("last year's lesson")
    copy_lessons(tmp_path)                      # not ours: kept
    assert old.read_text() == "last year's lesson"
    record = json.loads((tmp_path / RECORD).read_text())
    import hashlib
    record[old.name] = hashlib.sha256(b"last year's lesson").hexdigest()
    (tmp_path / RECORD).write_text(json.dumps(record))   # as if we had written it
    assert copy_lessons(tmp_path).updated == [old.name]
    assert old.read_bytes() == NOTEBOOKS[0].read_bytes()


def test_an_oversized_or_broken_record_keeps_every_differing_lesson(tmp_path):
    lesson = tmp_path / NOTEBOOKS[0].name
    lesson.write_text("mine")
    digest = __import__("hashlib").sha256(b"mine").hexdigest()
    for text in (json.dumps({lesson.name: digest, "pad": "x" * 70_000}), "[1, 2]", "{"):
        (tmp_path / RECORD).write_text(text)
        assert copy_lessons(tmp_path).kept == [lesson.name]
        assert lesson.read_text() == "mine"


def test_a_file_is_not_a_folder(tmp_path):
    (tmp_path / "f").write_text("")
    with pytest.raises(ValueError, match="is a file; give a folder"):
        copy_lessons(tmp_path / "f")


def test_command_line_copies_and_says_what_it_kept(tmp_path, capsys):
    assert main(["lessons", str(tmp_path), "--copy-only"]) == 0
    (tmp_path / NOTEBOOKS[0].name).write_text("edited")
    assert main(["lessons", str(tmp_path), "--copy-only"]) == 0
    out = capsys.readouterr().out
    assert f"kept as you changed them: {NOTEBOOKS[0].name}" in out
    assert f"nnparams lessons {tmp_path} --fresh" in out


@pytest.mark.parametrize("uid, root", [(0, True), (1000, False)])
def test_jupyterlab_is_allowed_to_run_as_root_only_when_root(monkeypatch, uid, root):
    monkeypatch.setattr(lessons.os, "geteuid", lambda: uid)
    command, address = lab_command("c", port=8123, browser=False, token="t0k")
    assert ("--allow-root" in command) is root
    assert "--no-browser" in command and "--ServerApp.port=8123" in command
    assert "--IdentityProvider.token=t0k" in command
    assert address == "http://127.0.0.1:8123/lab?token=t0k"
