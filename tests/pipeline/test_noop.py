"""The no-op rebuild's fast path (reportgen/noop.py): what it imports, that it says what the full
command line says, and that anything it cannot vouch for goes to the full path, which rebuilds."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path, PurePosixPath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportgen import noop

from ..conftest import DATA, ROOT, TEMPLATES
from ..test_cli import NO_OFFICE

# What a no-op rebuild must not import: the command line (click, rich), the configuration's
# classes and what they stand on (dataclasses, pathlib, logging), the pipeline and the Python
# API, and every library a real build needs.
HEAVY = ("click", "rich", "dataclasses", "pathlib", "logging", "inspect", "reportgen.cli",
         "reportgen.config", "reportgen.api", "reportgen.errors", "reportgen.pipeline.build",
         "reportgen.pipeline.manifest", "reportgen.pipeline.run", "docx", "pptx", "pydantic",
         "yaml", "jinja2", "babel", "matplotlib", "pandas")
# Runs `reportgen ARGS` as `python -m reportgen` does; prints the heavy modules it imported last.
RUN = ("import runpy, sys\n"
       "sys.argv = ['reportgen', *sys.argv[1:]]\n"
       "try:\n    runpy.run_module('reportgen', run_name='__main__', alter_sys=True)\n"
       "except SystemExit as exit:\n    code = exit.code or 0\nelse:\n    code = 0\nimport json\n"
       f"print(json.dumps(sorted(m for m in sys.modules if m in {HEAVY!r})))\n"
       "sys.exit(code)\n")
# The same command line through click alone (cli.py's main), never the fast path.
FULL = ("import sys\nfrom reportgen.cli import main\nsys.argv = ['reportgen', *sys.argv[1:]]\n"
        "main()\n")


def _run(code: str, *args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          cwd=cwd, check=False, env={**os.environ, **NO_OFFICE})


def _fast(*args: str, cwd: Path = ROOT) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """`reportgen ARGS` as installed, and the heavy modules it imported."""
    done = _run(RUN, *args, cwd=cwd)
    *said, imported = done.stdout.splitlines() or [""]
    return subprocess.CompletedProcess(done.args, done.returncode, "".join(
        f"{line}\n" for line in said), done.stderr), json.loads(imported)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A copy of the default dataset, its briefing built: (the dataset, the output folder)."""
    root = tmp_path_factory.mktemp("noop")
    data = Path(shutil.copytree(DATA, root / "in" / "sample"))
    done = _run(FULL, "build", "--data", str(data), "--templates", str(TEMPLATES), "--out",
                str(root / "out"), "--format", "docx")
    assert done.returncode == 0, done.stderr
    return data, root / "out"


def _args(built: tuple[Path, Path]) -> list[str]:
    data, out = built
    return ["build", "--data", str(data), "--templates", str(TEMPLATES), "--out", str(out),
            "--format", "docx"]


def test_noop_imports_nothing_beyond_deciding(built: tuple[Path, Path]) -> None:
    done, imported = _fast(*_args(built))
    assert (done.returncode, done.stdout, done.stderr) == (
        0, f"{built[1] / 'sample'}: up to date\n", "")
    assert imported == []


def test_what_the_fast_path_declines_imports_the_command_line(built: tuple[Path, Path]) -> None:
    """The same harness sees the imports when the full path runs (--check is not a no-op)."""
    done, imported = _fast(*_args(built), "--check")
    assert done.returncode == 0 and "up to date" in done.stdout
    assert {"click", "reportgen.cli"} <= set(imported)


@pytest.mark.parametrize("extra", [[], ["-q"], ["-v"]])
def test_the_fast_path_says_what_the_command_line_says(built: tuple[Path, Path],
                                                       extra: list[str]) -> None:
    data, out = built
    forms = [[*extra, *_args(built)],
             [*extra, "build", str(data), f"--templates={TEMPLATES}", f"--out={out}/./",
              "--format", "docx"]]
    for args in forms:
        fast, imported = _fast(*args)
        full = _run(FULL, *args)
        assert imported == [], args
        assert (fast.returncode, fast.stdout, fast.stderr) == (
            full.returncode, full.stdout, full.stderr), args
        assert fast.returncode == 0 and ("up to date" in fast.stdout) == (extra != ["-q"])


def test_reportgen_toml_is_read_as_the_command_line_reads_it(built: tuple[Path, Path],
                                                             tmp_path: Path) -> None:
    data, out = built
    (tmp_path / "reportgen.toml").write_text(
        f'[reportgen]\ndata = "{data}"\ntemplates = "{TEMPLATES}"\nout = "{out}"\n'
        'formats = ["docx"]\n', encoding="utf-8")
    fast, imported = _fast("build", cwd=tmp_path)
    assert imported == [] and fast.stdout == f"{out / 'sample'}: up to date\n"
    assert fast.stdout == _run(FULL, "build", cwd=tmp_path).stdout
    (tmp_path / "reportgen.toml").write_text('[reportgen]\nlocal = "az"\n', encoding="utf-8")
    fast, imported = _fast("build", cwd=tmp_path)
    full = _run(FULL, "build", cwd=tmp_path)
    assert "click" in imported and fast.returncode == full.returncode == 2
    assert "unknown setting(s) local" in fast.stderr and fast.stderr == full.stderr


@pytest.mark.parametrize("extra", [["--force"], ["--check"], ["--locale", "en"],
                                   ["--charts", "image"], ["--strict"], ["--all"], ["-h"],
                                   ["--format", "docx,odt"], ["--out"], ["x", "y"]])
def test_every_other_command_line_is_left_to_click(built: tuple[Path, Path], tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   extra: list[str]) -> None:
    monkeypatch.chdir(tmp_path)  # no reportgen.toml
    assert noop.answer(_args(built))
    assert not noop.answer([*_args(built), *extra])
    assert not noop.answer(["validate", *_args(built)[1:]])


def test_any_change_is_left_to_click(built: tuple[Path, Path], tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """An output changed or missing, an input added: noop.py declines (the full path then
    rebuilds, as the tests of the manifest show); each restored, it answers again."""
    data, out = built
    monkeypatch.chdir(tmp_path)
    folder = out / "sample"
    briefing = folder / "sample-briefing.docx"
    for change, undo in [
            (lambda: briefing.write_bytes(briefing.read_bytes() + b"\0"),
             lambda: briefing.write_bytes(briefing.read_bytes()[:-1])),
            (lambda: briefing.rename(folder / "away"), lambda: (folder / "away").rename(briefing)),
            (lambda: (data / "notes.md").write_text("x", encoding="utf-8"),
             lambda: (data / "notes.md").unlink()),
            (lambda: (folder / "manifest.json").rename(folder / "m"),
             lambda: (folder / "m").rename(folder / "manifest.json"))]:
        change()
        assert not noop.answer(_args(built))
        undo()
        assert noop.answer(_args(built))
    assert not noop.answer([*_args(built)[:-1], "docx,pdf"])  # a format not built


def test_a_change_keeping_size_and_mtime_is_rebuilt(tmp_path: Path) -> None:
    """The manifest holds each input's hash, not its size and time: a figure changed to another
    of the same length, its file's time put back, is still rebuilt."""
    data = Path(shutil.copytree(DATA, tmp_path / "in" / "sample"))
    args = ["build", "--data", str(data), "--templates", str(TEMPLATES), "--out",
            str(tmp_path / "out"), "--format", "docx"]
    assert _run(FULL, *args).returncode == 0
    metrics = data / "metrics.yaml"
    text = metrics.read_text(encoding="utf-8")
    assert "value: 2440000000" in text  # the default dataset's figure the bench changes too
    times = metrics.stat()
    metrics.write_text(text.replace("value: 2440000000", "value: 2450000000", 1),
                       encoding="utf-8")
    os.utime(metrics, ns=(times.st_atime_ns, times.st_mtime_ns))
    assert metrics.stat().st_size == times.st_size
    assert metrics.stat().st_mtime_ns == times.st_mtime_ns
    rebuilt, imported = _fast(*args)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "wrote" in rebuilt.stdout and "up to date" not in rebuilt.stdout
    assert "reportgen.pipeline.build" in imported
    again, imported = _fast(*args)
    assert again.stdout.endswith("up to date\n") and imported == []


_PARTS = st.sampled_from(["", ".", "..", "a", "b.c", " x"])


@given(st.lists(_PARTS, max_size=6), st.integers(0, 4), st.booleans())
def test_paths_are_written_as_pathlib_writes_them(parts: list[str], slashes: int,
                                                  trailing: bool) -> None:
    path = "/" * slashes + "/".join(parts) + ("/" if trailing else "")
    assert noop.posix_str(path) == str(PurePosixPath(path))
    assert noop.joined(path, "sample") == str(PurePosixPath(path) / "sample")
