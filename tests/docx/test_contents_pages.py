"""The pages one layout finds are set on a written briefing's contents lines: the same package
as writing the briefing again with them."""

from __future__ import annotations

import io
import zipfile

from reportgen.docx.fields import ContentsEntry, PageOf, with_pages
from reportgen.docx.writer import write_docx
from reportgen.report.structure import load_structure
from reportgen.report.tree import Report

from ..conftest import DATA, TEMPLATES


def _write(report: Report, page_of: PageOf) -> tuple[bytes, list[ContentsEntry]]:
    structure = load_structure(TEMPLATES, DATA)
    buf = io.BytesIO()
    entries = write_docx(report, TEMPLATES / "briefing.docx", structure.table_style, buf,
                         page_of, structure.word)
    return buf.getvalue(), entries


def _parts(docx: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        return {name: package.read(name) for name in package.namelist()}


def test_the_pages_set_on_a_written_briefing_are_those_of_writing_it_with_them(
        default_report: Report) -> None:
    guessed, entries = _write(default_report, lambda _: 10)
    bookmarks = [e.bookmark for e in entries if e.bookmark]
    pages = {b: 3 + n for n, b in enumerate(bookmarks)}  # from 3 to past 10: widths change
    assert len(pages) > 10
    again, _ = _write(default_report, pages.get)
    patched = with_pages(guessed, pages)
    assert patched is not None
    assert list(_parts(patched)) == list(_parts(again))  # the same parts, in the same order
    assert _parts(patched) == _parts(again)
    assert _parts(patched) != _parts(guessed)


def test_pages_that_do_not_match_the_contents_lines_are_not_set(
        default_report: Report) -> None:
    """A line without a page, or a page for no line: the briefing is written again instead."""
    guessed, entries = _write(default_report, lambda _: 10)
    pages = {e.bookmark: 4 for e in entries if e.bookmark}
    first = next(iter(pages))
    assert with_pages(guessed, {b: p for b, p in pages.items() if b != first}) is None
    assert with_pages(guessed, {**pages, "_Toc999": 4}) is None
    assert with_pages(b"not a package", pages) is None
