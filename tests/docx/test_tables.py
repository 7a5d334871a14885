"""A table's columns are wide enough for their longest words: a house template whose table font
is larger than ours keeps "Sources" whole rather than "Sourc-es" (docx/tables.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pdfplumber
import pytest

from reportgen.adopt import adopt
from reportgen.docx.tables import cell_font, cell_margin_cm, least_widths_cm, words_whole
from reportgen.pipeline.build import BuildOptions, build, output_paths
from reportgen.report.markup import Run
from reportgen.report.tree import Table

from ..conftest import DATA, FIXTURES, TEMPLATES, require_soffice


def test_a_narrow_column_takes_room_from_the_others_in_proportion_to_their_spare() -> None:
    widened = words_whole([4.0, 4.0, 1.0], [2.0, 3.0, 1.5])
    assert widened == [3.67, 3.83, 1.5]
    assert sum(widened) == pytest.approx(9.0)


def test_widths_that_fit_or_cannot_fit_are_left_as_they_are() -> None:
    assert words_whole([4.0, 4.0, 1.0], [2.0, 3.0, 1.0]) == [4.0, 4.0, 1.0]
    assert words_whole([4.0, 4.0, 1.0], [4.0, 4.0, 1.5]) == [4.0, 4.0, 1.0]


def test_a_line_may_break_after_a_dash_so_a_range_is_not_one_word() -> None:
    def table(cell: str) -> Table:
        return Table(title="t", header=["x"], rows=[[[Run(cell)]]])

    font = ("Carlito", 10.0)
    whole = least_widths_cm(table("JanuaryOctober"), font, 0.1)[0]
    broken = least_widths_cm(table("January–October"), font, 0.1)[0]
    assert broken < whole * 0.7
    # the header is measured in bold, with the cell's margins on both sides
    assert least_widths_cm(Table(title="t", header=["Sources"], rows=[]), font, 0.2)[0] > \
        least_widths_cm(Table(title="t", header=["Sources"], rows=[]), font, 0.1)[0] + 0.19


def test_a_house_template_s_key_figures_keep_their_header_words_whole(tmp_path: Path) -> None:
    """The German agency's template sets its tables in 11 pt with Word's default margins: the
    key figures' narrow "Sources" column used to break its header mid-word in the PDF."""
    require_soffice()
    folder = tmp_path / "house"
    shutil.copytree(TEMPLATES, folder)
    adopt(FIXTURES / "templates" / "word" / "agentur-bericht.dotx", folder)
    out = tmp_path / "out"
    build(BuildOptions(data=DATA, templates=folder, out=out, formats=("docx", "pdf")))
    paths = output_paths(DATA.name, out)
    briefing = docx.Document(str(paths["docx"]))
    grid = briefing.tables[0]
    header = [cell.text for cell in grid.rows[0].cells]
    assert header[0] == "Indicator" and header[-1] == "Sources"
    style = grid.style
    assert style is not None
    rows = [[[Run(cell.text)] for cell in row.cells] for row in grid.rows[1:]]
    least = least_widths_cm(Table(title="", header=header, rows=rows),
                            cell_font(briefing, style), cell_margin_cm(style))
    widths = [column.width.cm for column in grid.columns]
    assert all(width >= need - 0.01 for width, need in zip(widths, least, strict=True))
    with pdfplumber.open(paths["pdf"]) as pdf:
        page = next(p for p in pdf.pages if "Indicator" in (p.extract_text() or ""))
        words = {w["text"] for w in page.extract_words()}
    assert {word for text in header for word in text.split()} <= words
    assert "Sourc" not in words
