"""A dataset's own section headings (briefing.yaml `sections:`): in both documents, in every
edition, and checked where they are written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document
from pptx import Presentation

from reportgen.dataset.loading import load_dataset
from reportgen.errors import DataError
from reportgen.report.structure import load_structure

from ..conftest import FIXTURES, TEMPLATES, content_build

SHIPPED = load_structure(TEMPLATES).section("politics").title  # type: ignore[union-attr]


def _with_titles(root: Path, rows: str) -> Path:
    data = root / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    path = data / "briefing.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "sections:\n" + rows, encoding="utf-8")
    return data


def _docx_headings(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs if p.style.name.startswith("Heading")]


def _deck_text(path: Path) -> str:
    return "\n".join(shape.text_frame.text for slide in Presentation(str(path)).slides
                     for shape in slide.shapes if shape.has_text_frame)


def test_a_section_takes_the_datasets_heading_in_the_briefing_and_the_deck(
        tmp_path: Path) -> None:
    data = _with_titles(tmp_path, "  - {id: politics, title: Politics and security}\n")
    paths = content_build(data, tmp_path / "out")
    headings = _docx_headings(paths["docx"])
    assert "Politics and security" in headings
    assert SHIPPED not in headings
    assert "Economy and trade" in headings  # a section it does not name keeps the shipped one
    deck = _deck_text(paths["pptx"])
    assert "Politics and security" in deck  # the agenda lists it
    assert SHIPPED not in deck


def test_an_edition_takes_the_translated_heading(tmp_path: Path) -> None:
    data = _with_titles(tmp_path, "  - {id: politics, title: Politics and security}\n")
    (data / "translations").mkdir(exist_ok=True)
    (data / "translations" / "az.yaml").write_text(
        "briefing.yaml:\n  sections:\n    politics: {title: Siyasət və təhlükəsizlik}\n",
        encoding="utf-8")
    paths = content_build(data, tmp_path / "out", formats=("docx",), locale="az")
    headings = _docx_headings(paths["docx"])
    assert "Siyasət və təhlükəsizlik" in headings
    assert "Politics and security" not in " ".join(headings)


@pytest.mark.parametrize(("rows", "field", "message"), [
    ("  - {id: politcs, title: Politics and security}\n", "sections[0].id",
     "unknown area 'politcs'"),
    ("  - {id: politics, title: Politics}\n  - {id: politics, title: Security}\n",
     "sections[1].id", "section 'politics' is given a title twice"),
])
def test_a_wrong_section_heading_is_an_error_at_its_line(
        tmp_path: Path, rows: str, field: str, message: str) -> None:
    data = _with_titles(tmp_path, rows)
    with pytest.raises(DataError) as caught:
        load_dataset(data, load_structure(TEMPLATES).areas)
    problems = [p for p in caught.value.problems if p.field == field]
    assert problems, caught.value.problems
    assert problems[0].file.endswith("briefing.yaml")
    assert problems[0].line == len((FIXTURES / "minimal" / "briefing.yaml").read_text(
        encoding="utf-8").splitlines()) + 2 + int(field == "sections[1].id")
    assert message in problems[0].message
