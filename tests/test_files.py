"""Outputs replaced together or not at all: staged beside their targets, renamed when all are
staged, rolled back on a failed rename, and temporaries of a killed run removed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reportgen import files
from reportgen.errors import OutputError
from reportgen.files import remove_stale, write_all


@pytest.fixture
def previous(tmp_path: Path) -> dict[Path, bytes]:
    found = {tmp_path / "a.docx": b"old a", tmp_path / "b.pptx": b"old b",
             tmp_path / "manifest.json": b"old manifest"}
    for path, data in found.items():
        path.write_bytes(data)
    return found


def _unchanged(previous: dict[Path, bytes]) -> None:
    folder = next(iter(previous)).parent
    assert {p: p.read_bytes() for p in previous} == previous
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in previous)


def test_all_files_are_replaced(previous: dict[Path, bytes]) -> None:
    write_all({p: b"new " + p.name.encode() for p in previous})
    assert all(p.read_bytes() == b"new " + p.name.encode() for p in previous)
    _unchanged({p: b"new " + p.name.encode() for p in previous})


@pytest.mark.parametrize("failing", [0, 1, 2])
def test_a_file_that_cannot_be_staged_changes_nothing(
        previous: dict[Path, bytes], monkeypatch: pytest.MonkeyPatch, failing: int) -> None:
    real, calls = files._stage, []

    def stage(path: Path, data: bytes) -> Path:
        calls.append(path)
        if len(calls) == failing + 1:
            raise OSError(28, "No space left on device")
        return real(path, data)

    monkeypatch.setattr(files, "_stage", stage)
    with pytest.raises(OutputError, match="could not write .*the disk is full.*unchanged"):
        write_all({p: b"new" for p in previous})
    _unchanged(previous)


@pytest.mark.parametrize("failing", [1, 2])
def test_a_failed_rename_puts_back_the_files_already_replaced(
        previous: dict[Path, bytes], monkeypatch: pytest.MonkeyPatch, failing: int) -> None:
    real, calls = os.replace, []

    def replace(src: str | Path, dst: str | Path) -> None:
        calls.append(dst)
        if len(calls) == failing + 1:
            raise PermissionError(13, "Permission denied")
        real(src, dst)

    monkeypatch.setattr(files.os, "replace", replace)
    with pytest.raises(OutputError, match="open in another program, or the folder read-only"):
        write_all({p: b"new" for p in previous})
    monkeypatch.undo()
    _unchanged(previous)


def test_a_folder_holding_a_target_name_changes_nothing(previous: dict[Path, bytes]) -> None:
    folder = next(iter(previous)).parent
    (folder / "c.pdf").mkdir()
    with pytest.raises(OutputError, match=r"c.pdf: could not write \(a folder has its name\)"):
        write_all({**{p: b"new" for p in previous}, folder / "c.pdf": b"pdf"})
    (folder / "c.pdf").rmdir()
    _unchanged(previous)


def test_temporaries_of_a_killed_run_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "briefing.docx"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    stale = tmp_path / f".briefing.docx.{dead}.x1y2z3.tmp"
    live = tmp_path / f".briefing.docx.{os.getppid()}.a1b2c3.tmp"  # a running process's
    other = tmp_path / f".deck.pptx.{dead}.q.tmp"  # another target's, left to its own build
    unnamed_old = tmp_path / ".briefing.docx.abcdef.tmp"  # an older reportgen's
    for path in (stale, live, other, unnamed_old):
        path.write_bytes(b"half")
    os.utime(unnamed_old, (1, 1))
    remove_stale(target)
    assert not stale.exists() and not unnamed_old.exists()
    assert live.exists() and other.exists()
