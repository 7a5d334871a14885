"""LibreOffice's lifetime is the build's: no process, profile or temporary file outlives it."""

from __future__ import annotations

import datetime
import io
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import docx
import pytest

import reportgen.render.office as office_module
from reportgen.errors import OutputError
from reportgen.pipeline.reproducible import normalize_pdf
from reportgen.render.pdf import (
    convert_to_pdf,
    convert_with_contents,
    page_count,
    start_office,
)

from ..conftest import ROOT, Built, require_soffice

# Converts once through the build's kind of office, says so, then waits to be interrupted.
CHILD = """
import sys, time
from reportgen.render.pdf import convert_to_pdf, start_office
with start_office() as office:
    convert_to_pdf(open(sys.argv[1], "rb").read(), ".docx", office)
    print("converted", flush=True)
    time.sleep(120)
"""


def _document() -> bytes:
    document = docx.Document()
    document.add_heading("A heading", 1)
    document.add_paragraph("A sentence.")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _running(marker: Path) -> list[str]:
    """Command lines of the processes that mention marker (LibreOffice, its worker)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            line = cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:  # the process ended while we looked
            continue
        if str(marker) in line:
            found.append(line)
    return found


def _assert_gone(tmp: Path, within: float = 0.0) -> None:
    """Nothing left in tmp and no process using it, at once or within some seconds."""
    deadline = time.monotonic() + within
    while True:
        left, running = sorted(p.name for p in tmp.iterdir()), _running(tmp)
        if (not left and not running) or time.monotonic() >= deadline:
            break
        time.sleep(0.2)
    assert left == [] and running == []


@pytest.fixture
def tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A TMPDIR of the test's own, so that anything left behind is seen."""
    folder = tmp_path / "tmpdir"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_one_instance_serves_documents_errors_and_a_timeout_and_leaves_nothing(tmp: Path) -> None:
    require_soffice()
    with start_office() as office:
        first = convert_to_pdf(_document(), ".docx", office)
        assert len(_running(tmp)) >= 2  # the worker and soffice, under our TMPDIR
        nothing, said = office.convert(_document(), ".docx", "pdf", "no_such_export", "")
        assert nothing == b"" and "IOException" in said
        again = convert_to_pdf(_document(), ".docx", office)  # still serving after an error
        assert page_count(first) == page_count(again) == 1
        office.timeout = 0.001
        with pytest.raises(OutputError, match=r"did not finish rendering the briefing \(Word "
                           r"document\), 0\.0 MB, within 0\.001 s; .* set "
                           "REPORTGEN_OFFICE_TIMEOUT"):
            convert_to_pdf(_document(), ".docx", office)
        _assert_gone(tmp)  # a timeout stops LibreOffice at once
    _assert_gone(tmp)


def test_the_plain_conversion_is_killed_with_its_children_on_a_timeout(
        tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    require_soffice()
    monkeypatch.setattr(office_module, "uno_pythons", lambda soffice: [])  # no UNO: the fallback
    with start_office() as office:
        office.timeout = 0.5
        with pytest.raises(OutputError, match=r"rendering the briefing \(Word document\), "
                           r"0\.0 MB, within 0\.5 s; .*REPORTGEN_OFFICE_TIMEOUT"):
            convert_to_pdf(_document(), ".docx", office)
        assert _running(tmp) == []
    _assert_gone(tmp)


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGKILL], ids=["ctrl-c", "killed"])
def test_an_interrupted_or_killed_build_leaves_nothing(tmp: Path, how: signal.Signals) -> None:
    require_soffice()
    source = tmp.parent / "document.docx"
    source.write_bytes(_document())
    with subprocess.Popen([sys.executable, "-c", CHILD, str(source)], stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")}) as child:
        assert child.stdout is not None and child.stdout.readline() == "converted\n"
        assert _running(tmp)
        child.send_signal(how)
        child.wait(timeout=30)
    # Ctrl-C: the build stops LibreOffice itself; killed: LibreOffice's worker sees its input
    # close and does it.
    _assert_gone(tmp, within=20)


def test_the_next_build_removes_what_a_killed_build_left(tmp: Path) -> None:
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    stale = tmp / f"{office_module.PREFIX}{gone}-abcd"
    (stale / "profile").mkdir(parents=True)
    ours = tmp / f"{office_module.PREFIX}{os.getpid()}-efgh"
    ours.mkdir()
    office_module.remove_stale()
    assert not stale.exists() and ours.exists()


def test_over_uno_the_pdf_is_a_plain_conversions(tmp: Path, default_build: Built) -> None:
    """The running instance converts on LibreOffice's main thread, as `soffice --convert-to`
    does: the same PDF, object for object. Converted from another thread, LibreOffice laid the
    document out in the background in between (other object numbers; a 100-page briefing took
    minutes instead of seconds)."""
    require_soffice()
    briefing = default_build.docx.read_bytes()
    when = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    with start_office() as office:
        over_uno = convert_to_pdf(briefing, ".docx", office)
        assert office._worker is not None  # it was the running instance that converted
    with start_office() as office:
        office._serving()
        office._stop_worker()  # as where no Python has LibreOffice's uno
        plain = convert_to_pdf(briefing, ".docx", office)
    assert page_count(over_uno) > 5
    assert normalize_pdf(over_uno, when) == normalize_pdf(plain, when)
    _assert_gone(tmp)


def test_the_timeout_can_be_set_longer(monkeypatch: pytest.MonkeyPatch) -> None:
    from reportgen.render.pdf import TIMEOUT_S, timeout_s

    monkeypatch.setenv("REPORTGEN_OFFICE_TIMEOUT", "900")
    assert timeout_s() == 900
    for wrong in ("", "soon", "-5"):
        monkeypatch.setenv("REPORTGEN_OFFICE_TIMEOUT", wrong)
        assert timeout_s() == TIMEOUT_S


PAGEREF_RESULT = re.compile(r'( PAGEREF (\S+) \\h </w:instrText></w:r><w:r><w:fldChar '
                            r'w:fldCharType="separate"/></w:r><w:r><w:t xml:space="preserve">)'
                            r'(\d+)(</w:t>)')


def _shown_on_every_line(docx: bytes, number: str) -> tuple[bytes, dict[str, int]]:
    """The briefing with every contents line showing number, and the pages it showed."""
    source, copy = zipfile.ZipFile(io.BytesIO(docx)), io.BytesIO()
    with zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                xml = data.decode()
                pages = {m[2]: int(m[3]) for m in PAGEREF_RESULT.finditer(xml)}
                data = PAGEREF_RESULT.sub(lambda m: m[1] + number + m[4], xml).encode()
            target.writestr(item, data)
    return copy.getvalue(), pages


def test_one_layout_sets_the_contents_pages_as_a_plain_conversion_shows_them(
        tmp: Path, default_build: Built) -> None:
    """Loaded once with wrong numbers on every contents line, the briefing comes out with the
    pages its own layout gives, in a PDF equal to a plain conversion of the briefing written
    with them, object for object (the links in the same order too)."""
    require_soffice()
    briefing = default_build.docx.read_bytes()
    wrong, pages = _shown_on_every_line(briefing, "10")
    assert len(pages) > 10 and set(pages.values()) != {10}
    when = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    with start_office() as office:
        done = convert_with_contents(wrong, sorted(pages), office)
        plain = convert_to_pdf(briefing, ".docx", office)
        office._stop_worker()  # as where no Python has LibreOffice's uno
        assert convert_with_contents(wrong, sorted(pages), office) is None
    assert done is not None and done[1] == pages
    assert normalize_pdf(done[0], when) == normalize_pdf(plain, when)
    _assert_gone(tmp)
