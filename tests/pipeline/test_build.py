"""Nothing lost: a build that fails at any writer leaves the previous outputs byte-identical and
no temporary file; a killed build's temporaries are removed by the next one."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reportgen.errors import OutputError, ReportgenError, relpath
from reportgen.pipeline.build import BuildOptions, build

from ..conftest import DATA, FIXTURES, TEMPLATES


class Injected(ReportgenError):
    """The failure a test injects."""


def _fail(*_: object, **__: object) -> None:
    raise Injected("injected")


def _disk_full(*_: object, **__: object) -> None:
    raise OSError(28, "No space left on device")


@pytest.fixture
def built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
          ) -> tuple[BuildOptions, dict[Path, bytes]]:
    import reportgen.docx.layout as layout

    # No LibreOffice layout pass: the contents without page numbers, which is all these need.
    monkeypatch.setattr(layout, "missing_tools", lambda: "no layout pass in this test")
    data = tmp_path / "minimal"
    shutil.copytree(FIXTURES / "minimal", data)
    options = BuildOptions(data=data, templates=TEMPLATES, out=tmp_path / "out",
                           formats=("docx", "pptx"))
    build(options)
    folder = options.folder
    # Change the data, so that a build that went through would change the outputs.
    metrics = data / "metrics.yaml"
    metrics.write_text(metrics.read_text().replace("830000000", "840000000"))
    return options, {p: p.read_bytes() for p in folder.iterdir()}


@pytest.mark.parametrize(("target", "name", "failure"), [
    ("reportgen.docx.writer", "write_docx", _fail),
    ("reportgen.pptx.writer", "write_pptx", _fail),
    ("reportgen.pipeline.reproducible", "normalize_zip", _fail),
    ("reportgen.pipeline.manifest", "serialize", _fail),
    ("reportgen.files", "_stage", _disk_full),
], ids=["briefing writer", "deck writer", "normalisation", "manifest", "disk full"])
def test_a_failure_in_any_writer_leaves_the_previous_outputs(
        built: tuple[BuildOptions, dict[Path, bytes]], monkeypatch: pytest.MonkeyPatch,
        target: str, name: str, failure: object) -> None:
    options, before = built
    monkeypatch.setattr(f"{target}.{name}", failure)
    with pytest.raises((Injected, OutputError)):
        build(options)
    assert {p: p.read_bytes() for p in options.folder.iterdir()} == before


def test_the_manifest_is_staged_with_the_outputs_and_replaced_last(
        built: tuple[BuildOptions, dict[Path, bytes]], monkeypatch: pytest.MonkeyPatch) -> None:
    import reportgen.files as files

    options, before = built
    real, staged = files._stage, []

    def stage(path: Path, data: bytes) -> Path:
        staged.append(path.name)
        if path.name == "manifest.json":
            raise OSError(28, "No space left on device")
        return real(path, data)

    monkeypatch.setattr(files, "_stage", stage)
    with pytest.raises(OutputError, match="manifest.json: could not write"):
        build(options)
    # every output (the briefing, the deck, the data annex) staged, then the manifest
    assert staged[-1] == "manifest.json" and sorted(staged[:-1]) == sorted(options.outputs())
    assert {p: p.read_bytes() for p in options.folder.iterdir()} == before


def test_a_killed_builds_temporaries_are_removed_by_the_next(
        built: tuple[BuildOptions, dict[Path, bytes]]) -> None:
    options, before = built
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    names = [p.name for p in before]
    for name in names:
        (options.folder / f".{name}.{dead}.k1ll3d.tmp").write_bytes(b"half written")
    build(options)
    assert sorted(p.name for p in options.folder.iterdir()) == sorted(names)


def test_a_language_the_text_is_not_in_is_a_warning(tmp_path: Path) -> None:
    """`language: az` on a dataset written in English: the edition would be "Azerbaijani"."""
    from reportgen.pipeline.build import validate

    data = Path(shutil.copytree(DATA, tmp_path / "sample"))
    briefing = data / "briefing.yaml"
    briefing.write_text(briefing.read_text(encoding="utf-8").replace(
        "language: en", "language: az"), encoding="utf-8")
    _, warnings = validate(data, TEMPLATES)
    assert [str(w) for w in warnings if w.field == "language"] == [
        f"{relpath(briefing)}:5:1: language: warning: the dataset's text reads as English, but "
        "its language is 'az' (set `language: en`; text in another language goes in "
        "translations/LANG.yaml)"]
    assert validate(DATA, TEMPLATES)[1] == []
