"""The briefing as two readers besides LibreOffice see it, pandoc (Debian) and mammoth (PyPI):
headings, lists, footnotes, tables with header rows, captions and image alt text come through as
structure, which is what a screen reader or a converter relies on."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from typing import Any

import mammoth
import pytest

from reportgen.report.tree import Report

from ..conftest import Built


def _pandoc_ast(built: Built) -> dict[str, Any]:
    if shutil.which("pandoc") is None:
        message = "pandoc is needed (Debian: pandoc): run .ci/run"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    out = subprocess.run(["pandoc", "-f", "docx+styles", "-t", "json", str(built.docx)],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def _nodes(tree: Any, kind: str) -> Iterator[Any]:
    """Every pandoc AST node of a kind, in document order."""
    if isinstance(tree, dict):
        if tree.get("t") == kind:
            yield tree
        for value in tree.values():
            yield from _nodes(value, kind)
    elif isinstance(tree, list):
        for value in tree:
            yield from _nodes(value, kind)


def _text(tree: Any) -> str:
    """The words of pandoc inlines, spaces as one."""
    words = [n.get("c", " ") if n["t"] == "Str" else " " for n in _walk_inlines(tree)]
    return " ".join("".join(words).split())


def _walk_inlines(tree: Any) -> Iterator[dict[str, Any]]:
    if isinstance(tree, dict):
        if tree.get("t") in ("Str", "Space", "SoftBreak", "LineBreak"):
            yield tree
        else:
            yield from _walk_inlines(tree.get("c"))
    elif isinstance(tree, list):
        for value in tree:
            yield from _walk_inlines(value)


def _footnotes(built: Built) -> int:
    with zipfile.ZipFile(built.docx) as docx:
        notes = docx.read("word/footnotes.xml").decode()
    return len(re.findall(r'<w:footnote (?![^>]*w:type=)[^>]*w:id="\d+"', notes))


@pytest.fixture(scope="module")
def pandoc(default_build: Built) -> dict[str, Any]:
    return _pandoc_ast(default_build)


def test_pandoc_reads_headings_lists_and_footnotes(pandoc: dict[str, Any],
                                                   default_report: Report,
                                                   default_build: Built) -> None:
    headings = [(h["c"][0], _text(h["c"][2])) for h in _nodes(pandoc["blocks"], "Header")]
    for area in default_report.sections:
        assert (1, " ".join(area.section.title.split())) in headings
    assert any(level == 2 for level, _ in headings)
    assert [len(b["c"]) for b in _nodes(pandoc["blocks"], "BulletList")][:1] >= [3]
    notes = list(_nodes(pandoc["blocks"], "Note"))
    assert len(notes) == _footnotes(default_build) > 10
    assert all(_text(n["c"]) for n in notes)


def test_pandoc_reads_tables_with_header_rows_and_images_with_alt_text(
        pandoc: dict[str, Any], default_report: Report) -> None:
    tables = list(_nodes(pandoc["blocks"], "Table"))
    assert len(tables) == 2
    head = [_text(cell[4]) for cell in tables[0]["c"][3][1][0][1]]  # TableHead › rows[0] › cells
    assert head == list(default_report.key_figures.header)
    alts = [_text(image["c"][1]) for image in _nodes(pandoc["blocks"], "Image")]
    # A native Word chart is no image to pandoc (2.17 leaves it out; its caption stays): the
    # pictures, the timeline's, keep their alt text (docs/accessibility.md).
    assert alts == [" ".join(chart.alt.split()) for chart in default_report.charts
                    if not chart.native]
    captions = [_text(d["c"][1]) for d in _nodes(pandoc["blocks"], "Div")
                if ["custom-style", "caption"] in [list(kv) for kv in d["c"][0][2]]]
    assert [c.split(":")[0] for c in captions if c.startswith("Figure")] == \
        [f"Figure {n}" for n in range(1, len(default_report.charts) + 1)]
    assert any(c.startswith("Table 1:") for c in captions)


def test_mammoth_reads_the_same_structure(default_build: Built, default_report: Report) -> None:
    with default_build.docx.open("rb") as docx:
        html = mammoth.convert_to_html(docx, style_map="p[style-name='caption'] => "
                                                       "p.caption:fresh").value
    assert html.count("<h1>") >= len(default_report.sections) and "<h2>" in html
    assert html.count("<table>") == 2 and html.count("<thead>") == 2
    assert re.search(r"<thead><tr><th><p>" + re.escape(default_report.key_figures.header[0]),
                     html)
    alts = re.findall(r'<img alt="([^"]*)"', html)
    assert alts == [chart.alt.replace("&", "&amp;").replace('"', "&quot;")
                    for chart in default_report.charts if not chart.native]
    assert html.count('<li id="footnote-') == _footnotes(default_build)
    assert "<ul><li>" in html and html.count('<p class="caption">') >= 8
