"""Tables of the briefing: fixed column widths, a header row repeated on each page and read
as a header, rows that do not split, and one blank row copied for each row of data."""

from __future__ import annotations

import copy
from collections.abc import Callable

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_TrPr
from docx.shared import Cm
from docx.table import Table as DocxTable
from docx.table import _Cell, _Row
from docx.text.paragraph import Paragraph

from reportgen.report.markup import Run
from reportgen.report.tree import Table


def fill_table(grid: DocxTable, table: Table, widths_cm: list[float],
               write_cell: Callable[[Paragraph, list[Run]], None]) -> None:
    """Fill a one-row python-docx table with `table`'s header and rows; `write_cell` writes
    each cell's runs into its paragraph."""
    _describe(grid, table.title)
    header = grid.rows[0]
    _mark_header(header)
    for i, text in enumerate(table.header):
        header.cells[i].text = text
    # Fixed widths: Word and LibreOffice both honour tblGrid plus each cell's width.
    grid.autofit = False
    for i, width in enumerate(widths_cm):
        grid.columns[i].width = Cm(width)
    # Each row a copy of one blank row (python-docx spends about a millisecond a row on
    # finding its cells and setting their properties; a long series has thousands).
    blank = grid.add_row()
    for shaped in (header, blank):
        _no_split(shaped)
        for i, width in enumerate(widths_cm):
            shaped.cells[i].width = Cm(width)
        for i in table.numeric:
            shaped.cells[i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    blank_tr = blank._tr
    grid._tbl.remove(blank_tr)
    for row in table.rows:
        tr = copy.deepcopy(blank_tr)
        grid._tbl.append(tr)
        for tc, runs in zip(tr.tc_lst, row, strict=True):
            write_cell(Paragraph(tc.p_lst[0], _Cell(tc, grid)), runs)


def column_widths(weights: tuple[float, ...] | None, columns: int, total_cm: float) -> list[float]:
    """Column widths in cm from relative weights (equal without), filling the text width."""
    weights = weights or (1.0,) * columns
    return [round(total_cm * w / sum(weights), 2) for w in weights]


def _describe(grid: DocxTable, title: str) -> None:
    """The table's title for screen readers (Word: Table Properties › Alt Text)."""

    caption = OxmlElement("w:tblCaption")
    caption.set(qn("w:val"), title)
    grid._tbl.tblPr.append(caption)  # last in CT_TblPr's sequence


# CT_TrPr's children in schema order (ISO/IEC 29500-1, 17.4.79): each is inserted before those
# that must follow it, so rows that already have properties stay valid.
_TR_PR_ORDER = ("w:cnfStyle", "w:divId", "w:gridBefore", "w:gridAfter", "w:wBefore", "w:wAfter",
                "w:cantSplit", "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc",
                "w:hidden", "w:ins", "w:del", "w:trPrChange")


def _insert_in_order(tr_pr: CT_TrPr, tag: str) -> None:
    tr_pr.insert_element_before(OxmlElement(tag), *_TR_PR_ORDER[_TR_PR_ORDER.index(tag) + 1:])


def _mark_header(row: _Row) -> None:
    """Repeat the row at the top of each page and mark it as a header for screen readers."""

    _insert_in_order(row._tr.get_or_add_trPr(), "w:tblHeader")


def _no_split(row: _Row) -> None:
    _insert_in_order(row._tr.get_or_add_trPr(), "w:cantSplit")
