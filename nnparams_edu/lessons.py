"""The lessons that ship with the package, copied into a student's folder.

The wheel carries every lesson notebook as ``nnparams_edu/notebooks/*.ipynb``
(built from the project's ``notebooks/`` folder, their only home). In a clone
of the project the lessons are read from ``notebooks/`` directly.

:func:`copy_lessons` never overwrites a lesson the student has changed. It
remembers, in a small file in the folder, what it wrote; a lesson that still
holds exactly that is the student's untouched copy and is brought up to date,
any other is kept as it is. ``fresh=True`` puts the shipped lesson beside a
kept one under a new name. ``nnparams lessons [FOLDER]`` copies, then opens
JupyterLab there (:func:`lab_command`).
"""
from __future__ import annotations

import hashlib
import json
import os
import secrets
import sys
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["lessons_folder", "shipped_lessons", "copy_lessons", "Copied", "lab_command",
           "DEFAULT_FOLDER", "RECORD"]

#: Where ``nnparams lessons`` copies the lessons when no folder is given.
DEFAULT_FOLDER = "nnparams-lessons"
#: The file, in the student's folder, recording what was copied there.
RECORD = ".nnparams-lessons.json"
#: A record larger than this is not read (then every differing lesson is kept).
_MAX_RECORD_BYTES = 64_000


def lessons_folder() -> Path:
    """The folder holding the shipped lessons.

    Examples
    --------
    >>> sorted(lessons_folder().glob("*.ipynb"))[0].name
    '01-Counting-by-Hand.ipynb'
    """
    package = Path(__file__).resolve().parent
    installed = package / "notebooks"        # from the wheel
    if installed.is_dir():
        return installed
    clone = package.parent
    if (clone / "pyproject.toml").is_file() and (clone / "notebooks").is_dir():
        return clone / "notebooks"           # a clone, installed editable or not
    raise FileNotFoundError(f"no lessons next to {package}: reinstall nnparams_edu")


def shipped_lessons() -> list:
    """The shipped lesson notebooks, in course order.

    Examples
    --------
    >>> [path.name[:2] for path in shipped_lessons()][:5]
    ['01', '02', '03', '04', '05']
    """
    return sorted(lessons_folder().glob("[0-9]*.ipynb"))


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_record(folder: Path) -> dict:
    """What was copied into *folder* before: ``{name: digest}`` ({} if unknown)."""
    path = folder / RECORD
    try:
        if path.stat().st_size > _MAX_RECORD_BYTES:
            return {}
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(record, dict):
        return {}
    return {k: v for k, v in record.items() if isinstance(k, str) and isinstance(v, str)}


def _free_name(folder: Path, stem: str) -> Path:
    """``STEM-fresh.ipynb``, or ``STEM-fresh-2.ipynb``, … whichever does not exist yet."""
    for n in range(1, 1000):
        path = folder / (f"{stem}-fresh.ipynb" if n == 1 else f"{stem}-fresh-{n}.ipynb")
        if not path.exists():
            return path
    raise ValueError(f"{folder} already holds 999 fresh copies of {stem}; remove some")


@dataclass
class Copied:
    """What :func:`copy_lessons` did, by lesson file name."""

    folder: Path
    new: list = field(default_factory=list)        # copied for the first time
    updated: list = field(default_factory=list)    # untouched copies brought up to date
    current: list = field(default_factory=list)    # already the shipped version
    kept: list = field(default_factory=list)       # changed by the student, left alone
    fresh: list = field(default_factory=list)      # shipped versions written beside kept ones

    def to_text(self) -> str:
        """A few lines for the terminal: what was copied, what was kept and why."""
        lines = []
        for names, what in ((self.new, "copied"), (self.updated, "updated"),
                            (self.current, "up to date")):
            if names:
                lines.append(f"{what}: {', '.join(names)}")
        if self.kept:
            lines.append(f"kept as you changed them: {', '.join(self.kept)}")
            if not self.fresh:
                lines.append("for a fresh copy beside each (NAME-fresh.ipynb), run:"
                             f" nnparams lessons {_shell_word(self.folder)} --fresh")
        if self.fresh:
            lines.append(f"fresh copies: {', '.join(self.fresh)}")
        return "\n".join(lines)


def _shell_word(path) -> str:
    text = str(path)
    return text if text and all(c.isalnum() or c in "/._-+" for c in text) else repr(text)


def copy_lessons(folder=DEFAULT_FOLDER, fresh=False) -> Copied:
    """Copy the shipped lessons into *folder*, never overwriting a changed one.

    Parameters
    ----------
    folder : str or Path
        Where the lessons go (created if missing).
    fresh : bool
        Also write the shipped version of every kept lesson beside it, as
        ``NAME-fresh.ipynb`` (``NAME-fresh-2.ipynb``, … if that exists).

    Returns
    -------
    Copied
        The lesson names, by what happened to each.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp()) / "course"
    >>> len(copy_lessons(folder).new) == len(shipped_lessons())
    True
    >>> first = folder / "01-Counting-by-Hand.ipynb"
    >>> _ = first.write_text("my notes")
    >>> copy_lessons(folder).kept, first.read_text()
    (['01-Counting-by-Hand.ipynb'], 'my notes')
    >>> copy_lessons(folder, fresh=True).fresh
    ['01-Counting-by-Hand-fresh.ipynb']
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ValueError(f"{folder} is a file; give a folder for the lessons")
    folder.mkdir(parents=True, exist_ok=True)
    record = _read_record(folder)
    done = Copied(folder)
    for lesson in shipped_lessons():
        shipped = lesson.read_bytes()
        target = folder / lesson.name
        if not target.exists():
            target.write_bytes(shipped)
            done.new.append(lesson.name)
        else:
            there = _digest(target.read_bytes())
            if there == _digest(shipped):
                done.current.append(lesson.name)
            elif record.get(lesson.name) == there:   # as we wrote it: untouched
                target.write_bytes(shipped)
                done.updated.append(lesson.name)
            else:
                done.kept.append(lesson.name)
                if fresh:
                    copy = _free_name(folder, target.stem)
                    copy.write_bytes(shipped)
                    done.fresh.append(copy.name)
                continue
        record[lesson.name] = _digest(shipped)
    (folder / RECORD).write_text(json.dumps(record, indent=1, sort_keys=True) + "\n",
                                 encoding="utf-8")
    return done


def as_root() -> bool:
    """Whether this process runs as root (as in many containers)."""
    return getattr(os, "geteuid", lambda: -1)() == 0


def _host(ip: str) -> str:
    """The address to print for a server listening on *ip*."""
    return "127.0.0.1" if ip in ("", "0.0.0.0", "::") else ip


def lab_command(folder, port=8888, ip="127.0.0.1", browser=True, token=None):
    """The command that opens JupyterLab in *folder*, and the address to open.

    As root (containers) JupyterLab needs ``--allow-root``; it is added then.

    Examples
    --------
    >>> command, address = lab_command("course", port=9000, token="abc")
    >>> address
    'http://127.0.0.1:9000/lab?token=abc'
    >>> "--ServerApp.port=9000" in command, ("--allow-root" in command) == as_root()
    (True, True)
    """
    token = secrets.token_hex(24) if token is None else token
    command = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={Path(folder)}",
               f"--ServerApp.ip={ip}", f"--ServerApp.port={port}",
               "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}"]
    if not browser:
        command.append("--no-browser")
    if as_root():
        command.append("--allow-root")
    return command, f"http://{_host(ip)}:{port}/lab?token={token}"
