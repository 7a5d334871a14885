"""Tables of the briefing: fixed column widths, a header row repeated on each page and read
as a header, rows that do not split, and one blank row copied for each row of data."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable

from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_TrPr
from docx.shared import Cm
from docx.styles.style import BaseStyle, CharacterStyle
from docx.table import Table as DocxTable
from docx.table import _Cell, _Row
from docx.text.paragraph import Paragraph

from reportgen.docx.charts import theme_font
from reportgen.render.text_measure import text_width
from reportgen.report.markup import Run
from reportgen.report.tree import Table

DEFAULT_CELL_MARGIN = 108  # twips: Word's left and right cell margin where a style sets none
# Spaces, and the places after a dash or a slash where a line may break.
_BREAKS = re.compile(r"\s+|(?<=[–—/-])")


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


def words_whole(widths_cm: list[float], least_cm: list[float]) -> list[float]:
    """The widths, each column widened to its least width (where its longest word fits whole: a
    header "Sources" never breaks as "Sourc-es"), the room taken from the other columns in
    proportion to what they have to spare. Unchanged where every column already fits, or where
    the words cannot all fit the table's width (then the house's template decides)."""
    short = [max(0.0, least - width) for width, least in zip(widths_cm, least_cm, strict=True)]
    spare = [max(0.0, width - least) for width, least in zip(widths_cm, least_cm, strict=True)]
    need = sum(short)
    if not need or need > sum(spare):
        return widths_cm
    return [round(max(width, least) - (need * room / sum(spare)), 2)
            for width, least, room in zip(widths_cm, least_cm, spare, strict=True)]


def cell_font(doc: DocumentObject, style: BaseStyle) -> tuple[str, float]:
    """The font family and size (pt) a table's cells are written in: the table style's, else
    the Normal style's, else the document defaults', else the theme's body font at Word's
    default 10 pt."""
    defaults = doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    styles = [s for s in (style, doc.styles["Normal"]) if isinstance(s, CharacterStyle)]
    sizes = [s.font.size.pt for s in styles if s.font.size]
    families = [s.font.name for s in styles if s.font.name]
    if defaults is not None:
        sz = defaults.find(qn("w:sz"))
        fonts = defaults.find(qn("w:rFonts"))
        sizes += [int(sz.get(qn("w:val"))) / 2] if sz is not None and sz.get(qn("w:val")) else []
        families += [fonts.get(qn("w:ascii"))] if fonts is not None and fonts.get(
            qn("w:ascii")) else []
    return (families or [theme_font(doc.part) or "Calibri"])[0], (sizes or [10.0])[0]


def least_widths_cm(table: Table, font: tuple[str, float], margin_cm: float) -> list[float]:
    """Each column's least width in cm: its longest word, in bold in the header, plus the
    cell's left and right margins. A line may break after a dash or a slash, so
    "January–October" is two words here, as LibreOffice and Word break it."""
    family, size = font

    def longest(texts: list[str], bold: bool) -> float:
        return max((text_width(word, size, family, bold)
                    for text in texts for word in _BREAKS.split(text) if word), default=0.0)

    least = []
    for i, head in enumerate(table.header):
        cells = ["".join(run.text for run in row[i]) for row in table.rows]
        points = max(longest([head], True), longest(cells, False))
        least.append(points * 2.54 / 72 + 2 * margin_cm)
    return least


def cell_margin_cm(style: BaseStyle) -> float:
    """The table style's larger left or right cell margin in cm (Word's default, 0.19 cm,
    where it sets none)."""
    found = style.element.find(f"{qn('w:tblPr')}/{qn('w:tblCellMar')}")
    twips = [int(side.get(qn("w:w"))) for side in (
        found.find(qn(f"w:{name}")) for name in ("left", "start", "right", "end"))
             if side is not None and side.get(qn("w:type"), "dxa") == "dxa"
             and (side.get(qn("w:w")) or "").isdigit()] if found is not None else []
    return max(twips, default=DEFAULT_CELL_MARGIN) * 2.54 / 1440


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
