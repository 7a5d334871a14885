"""A first build lays the briefing out once in LibreOffice, and its outputs are those of a build
that renders twice (once to find the contents' pages, once to show them), byte for byte."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

import reportgen.docx.layout as layout
from reportgen.pipeline.build import BuildOptions, build
from reportgen.render.office import Office

from ..conftest import DATA, FIXTURES, TEMPLATES, Built, pdf_pages, require_soffice

FORMATS = ("docx", "pptx", "pdf")


def _outputs(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def _two_pass(data: Path, out: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    with monkeypatch.context() as patched:
        patched.setattr(layout, "ONE_LAYOUT", False)
        build(BuildOptions(data=data, templates=TEMPLATES, out=out, formats=FORMATS))
    return out / data.name


def _contents(docx: Path) -> list[tuple[str, str, str]]:
    """Each contents line of a briefing: the bookmark it links to, the text it shows and the
    page number its PAGEREF field shows, as Word would read them."""
    lines = []
    for link in Document(str(docx)).element.body.iter(qn("w:hyperlink")):
        code = "".join(t.text or "" for t in link.iter(qn("w:instrText")))
        if "PAGEREF" not in code:
            continue
        texts = [t.text or "" for t in link.iter(qn("w:t"))]
        lines.append((link.get(qn("w:anchor")), texts[0], texts[-1]))
    return lines


def _assert_same_as_two_pass(one: Path, two: Path) -> None:
    # Every output, the manifest too, byte for byte (the session's folder of the default
    # dataset also holds its other editions, which the two-pass build did not make).
    made = _outputs(two)
    assert {name: data for name, data in _outputs(one).items() if name in made} == made
    docx, pdf = (next(one.glob(f"*-briefing.{kind}")) for kind in ("docx", "pdf"))
    lines = _contents(docx)
    assert lines and lines == _contents(next(two.glob("*-briefing.docx")))
    pages = pdf_pages(pdf)
    assert pages == pdf_pages(next(two.glob("*-briefing.pdf")))
    # Each line's number is the page on which its heading or caption begins in the PDF, and
    # the PDF's contents lines show the numbers of the .docx's fields.
    squeezed = [[line.replace(" ", "") for line in page.splitlines()] for page in pages]
    contents = [line for page in squeezed[:4] for line in page if "...." in line]
    for _, text, page in lines:
        start = text.replace(" ", "")[:30]
        assert any(line.startswith(start) and "...." not in line
                   for line in squeezed[int(page) - 1]), (text, page)
        if len(text) < 50:  # one line in the contents
            shown = re.compile(re.escape(text.replace(" ", "")) + r"\.*" + page)
            assert any(shown.fullmatch(line) for line in contents), (text, page)

def test_the_default_briefing_is_laid_out_once_as_two_passes_lay_it_out(
        default_build: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    require_soffice()
    _assert_same_as_two_pass(default_build.folder, _two_pass(DATA, tmp_path, monkeypatch))


def test_a_fixture_s_first_build_renders_once_with_the_two_pass_outputs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    require_soffice()
    data = FIXTURES / "kazakhstan-uzbekistan-2025"
    calls: list[str] = []
    for name in ("convert", "convert_with_contents"):
        real = getattr(Office, name)
        monkeypatch.setattr(Office, name, lambda self, *args, _real=real, _name=name:
                            calls.append(_name) or _real(self, *args))
    build(BuildOptions(data=data, templates=TEMPLATES, out=tmp_path / "one", formats=FORMATS))
    assert calls == ["convert_with_contents"]  # one rendering, in which the pages were set
    calls.clear()
    two = _two_pass(data, tmp_path / "two", monkeypatch)
    assert calls == ["convert", "convert"]  # what it spares: a second rendering
    _assert_same_as_two_pass(tmp_path / "one" / data.name, two)
