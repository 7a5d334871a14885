"""The PDF/UA-1 export, read back with pikepdf: structure tree, language, title, alt text, header
cells, running headers and footers as artifacts (docs/accessibility.md)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest

from reportgen.report.tree import Report

from ..conftest import Built, pdf_text

PDFUA_NS = "http://www.aiim.org/pdfua/ns/id/"


def _kids(element: pikepdf.Object) -> list[pikepdf.Object]:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _elements(element: pikepdf.Object) -> Iterator[pikepdf.Dictionary]:
    """Every structure element under element, depth first (marked-content ids are skipped)."""
    for kid in _kids(element):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from _elements(kid)


def _role(element: pikepdf.Dictionary, role_map: pikepdf.Object) -> str:
    """The standard type of an element, through the document's /RoleMap."""
    name = str(element.S)
    seen = set()
    while role_map is not None and name in role_map and name not in seen:
        seen.add(name)
        name = str(role_map[name])
    return name


# The deck with pictures: LibreOffice 7.4 exports a native chart as a Figure without the alt text
# the .pptx gives it (docs/accessibility.md), which reportgen's own check covers instead.
BUILDS = {"briefing": "default_build", "fixture briefing": "fixture_build", "deck": "image_build"}


@pytest.fixture(scope="module", params=list(BUILDS))
def tagged(request: pytest.FixtureRequest) -> Iterator[tuple[str, Path, pikepdf.Pdf]]:
    built: Built = request.getfixturevalue(BUILDS[request.param])
    path = built.pdf_of(".pptx" if request.param == "deck" else ".docx")
    with pikepdf.open(path) as pdf:
        yield request.param, path, pdf


def test_claims_pdf_ua_1_with_its_language_and_title(tagged: tuple[str, Path, pikepdf.Pdf]
                                                     ) -> None:
    kind, _, pdf = tagged
    root = pdf.Root
    assert root.MarkInfo.Marked is True
    # The briefing's is its Word template's (docDefaults); LibreOffice gives a deck the language
    # of its own locale instead (the deck's PDF is a preview, not an output: accessibility.md).
    assert str(root.Lang) == "en-GB" if kind != "deck" else str(root.Lang)
    assert root.ViewerPreferences.DisplayDocTitle is True
    with pdf.open_metadata() as xmp:
        assert xmp.get(f"{{{PDFUA_NS}}}part") == "1"
        title = str(xmp.get("dc:title"))
    assert title and title == str(pdf.docinfo.Title) and "Relations" in title


def test_every_figure_has_alt_text_and_every_table_header_cells(
        tagged: tuple[str, Path, pikepdf.Pdf]) -> None:
    kind, _, pdf = tagged
    tree = pdf.Root.StructTreeRoot
    role_map = tree.get("/RoleMap")
    elements = list(_elements(tree))
    roles = [_role(e, role_map) for e in elements]
    figures = [e for e, r in zip(elements, roles, strict=True) if r == "/Figure"]
    assert figures, "the charts are Figures"
    for figure in figures:
        assert len(str(figure.get("/Alt", "")).split()) >= 5, "alt text that says something"
    tables = [e for e, r in zip(elements, roles, strict=True) if r == "/Table"]
    for table in tables:
        first_row = next(e for e in _elements(table) if _role(e, role_map) == "/TR")
        cells = [_role(e, role_map) for e in _kids(first_row) if isinstance(e, pikepdf.Dictionary)]
        assert cells and set(cells) == {"/TH"}, cells
    if kind != "deck":
        assert len(tables) >= 2 and {"/H1", "/H2", "/TOC", "/Note"} <= set(roles)


def test_running_headers_and_footers_are_artifacts(default_build: Built,
                                                   default_report: Report) -> None:
    path = default_build.pdf_of(".docx")
    on_page = pdf_text(path, 3)
    marking = default_report.cover.marking
    # What a sighted reader sees at the head and foot of the page...
    assert "Page 3 of" in on_page and marking in on_page
    structure = subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True,
                               text=True, check=True).stdout
    # ...is not read out by a screen reader on every page: the marking once, on the cover.
    assert "Page 3 of" not in structure and structure.count(marking) == 1
