"""The package as a student gets it: the built wheel, installed in a brand-new
virtual environment with no clone around, copies its lessons and they run
under nbval there (marker ``wheel``; needs PyPI for the dependencies, about
two minutes when pip's cache is warm)."""
import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.wheel

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
# What never goes into a build: results of earlier builds, runs and tests.
SKIP = shutil.ignore_patterns(".git", "build", "dist", "*.egg-info", "__pycache__",
                              ".ipynb_checkpoints", ".hypothesis", "test-artifacts", ".venv",
                              "nnparams-lessons")


def run(command, cwd, timeout):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=timeout)
    assert result.returncode == 0, f"{command}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    """The wheel, built from a copy of the project (the clone stays untouched)."""
    work = tmp_path_factory.mktemp("wheel")
    shutil.copytree(ROOT, work / "src", ignore=SKIP)
    run([sys.executable, "-m", "build", "--wheel", "--outdir", str(work / "dist"),
         str(work / "src")], work, 600)
    (built,) = (work / "dist").glob("nnparams_edu-*.whl")
    return built


def test_the_wheel_carries_every_lesson(wheel):
    with zipfile.ZipFile(wheel) as archive:
        shipped = {name for name in archive.namelist() if name.endswith(".ipynb")}
        assert shipped == {f"nnparams_edu/notebooks/{path.name}" for path in NOTEBOOKS}
        for path in NOTEBOOKS:
            assert archive.read(f"nnparams_edu/notebooks/{path.name}") == path.read_bytes()


def test_lessons_run_from_the_installed_wheel_alone(wheel, tmp_path):
    venv.create(tmp_path / "venv", with_pip=True)
    bin_ = tmp_path / "venv" / "bin"
    run([str(bin_ / "python"), "-m", "pip", "install", "--quiet", str(wheel), "nbval", "pytest"],
        tmp_path, 1200)
    home = tmp_path / "student"
    home.mkdir()
    where = run([str(bin_ / "python"), "-c", "import nnparams_edu; print(nnparams_edu.__file__)"],
                home, 60)
    assert where.startswith(str(tmp_path / "venv")), where
    out = run([str(bin_ / "nnparams"), "lessons", "course", "--copy-only"], home, 60)
    assert "copied: " + ", ".join(path.name for path in NOTEBOOKS) in out
    shutil.copy(ROOT / "tests" / "nbval_sanitize.cfg", home)
    out = run([str(bin_ / "python"), "-m", "pytest", "-p", "no:cacheprovider", "--nbval",
               "--nbval-current-env", "--nbval-sanitize-with", "nbval_sanitize.cfg", "course"],
              home, 1200)
    assert " passed" in out and "failed" not in out
    for path in NOTEBOOKS:  # each lesson ran, from the copy
        assert f"course/{path.name} " in out
