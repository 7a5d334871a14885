"""Write the data annex's sheets as an .xlsx workbook with XlsxWriter (python-pptx's own
workbook writer for its charts' data, so no new dependency).

Every cell is written by its type (write_string, write_number, …), never by guessing from the
text: a dataset text that begins with "=" stays text, never a formula.
"""

from __future__ import annotations

import datetime as dt
from typing import IO

import xlsxwriter

from reportgen.errors import OutputError
from reportgen.report.annex import Cell, Sheet

# What one worksheet holds: rows, and characters in one cell.
XLSX_ROWS, XLSX_TEXT = 1_048_576, 32_767
# Column widths in characters: wide enough to read, never wider than this.
WIDTH_MIN, WIDTH_MAX = 8, 60


def write_annex(sheets: list[Sheet], out: IO[bytes], title: str, author: str,
                created: dt.datetime) -> None:
    """The workbook, one worksheet per sheet, its header row bold and frozen; `created` is
    stamped as its creation time (the build's fixed time, for reproducible bytes)."""
    workbook = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False,
                                         "strings_to_formulas": False,
                                         "strings_to_urls": False})
    workbook.set_properties({"title": title, "author": author,
                             "created": created.astimezone(dt.UTC).replace(tzinfo=None)})
    header = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top",
                                  "bottom": 1})
    text = workbook.add_format({"text_wrap": True, "valign": "top"})
    number = workbook.add_format({"valign": "top"})
    for sheet in sheets:
        worksheet = workbook.add_worksheet(sheet.name)
        for col, heading in enumerate(sheet.header):
            worksheet.write_string(0, col, heading, header)
        for row, cells in enumerate(sheet.rows, 1):
            for col, value in enumerate(cells):
                if _write(worksheet, row, col, value, number if col in sheet.numeric else text):
                    # XlsxWriter would truncate the text, or leave the row out: never silently.
                    cell = xlsxwriter.utility.xl_rowcol_to_cell(row, col)
                    raise OutputError(
                        f"data annex, sheet '{sheet.name}', cell {cell}: beyond what a workbook "
                        f"holds ({XLSX_ROWS:,} rows, {XLSX_TEXT:,} characters a cell); shorten "
                        "the text or split the series")
        for col in range(len(sheet.header)):
            worksheet.set_column(col, col, _width(sheet, col))
        worksheet.freeze_panes(1, 0)
    workbook.close()


def _write(worksheet: xlsxwriter.worksheet.Worksheet, row: int, col: int, value: Cell,
           style: xlsxwriter.format.Format) -> int:
    """The cell, by its type; XlsxWriter's status (0: written)."""
    if value is None or value == "":
        return int(worksheet.write_blank(row, col, None, style))
    if isinstance(value, bool):
        return int(worksheet.write_boolean(row, col, value, style))
    if isinstance(value, int | float):
        return int(worksheet.write_number(row, col, value, style))
    return int(worksheet.write_string(row, col, value, style))


def _width(sheet: Sheet, col: int) -> int:
    longest = max([len(line) for cells in (sheet.header, *sheet.rows) if col < len(cells)
                   for line in str(cells[col] if cells[col] is not None else "").splitlines()]
                  or [0])
    return max(WIDTH_MIN, min(WIDTH_MAX, longest + 2))
