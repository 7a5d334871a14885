"""A series too long for a readable table: summarised by month, quarter, year or decade (each
row its lowest and highest values), every value in its chart and the whole series in a CSV file
beside the documents."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import docx
import pytest

from reportgen.pipeline.build import BuildOptions, build, output_paths
from reportgen.report.assemble import MAX_SERIES_ROWS

from ..conftest import FIXTURES, TEMPLATES


def _dataset(tmp_path: Path, rows: list[tuple[str, int, int]]) -> Path:
    data = Path(shutil.copytree(FIXTURES / "minimal", tmp_path / "long"))
    lines = ["year,exports,imports", *(f"{p},{a},{b}" for p, a, b in rows)]
    (data / "trade_by_year.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return data


def _table(document: docx.document.Document, title_part: str) -> tuple[str, list[list[str]]]:
    # The caption in the body (the list of tables, with LibreOffice's pages, names it too).
    captions = [p.text for p in document.paragraphs if title_part in p.text
                and p.style.name == "Caption"]
    assert len(captions) == 1, [p.text for p in document.paragraphs if "Table" in p.text]
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Period")
    return captions[0], [[c.text for c in r.cells] for r in table.rows]


def test_a_daily_series_of_ten_thousand_rows_is_summarised(tmp_path: Path) -> None:
    start = dt.date(2028, 1, 1)
    rows = [((start + dt.timedelta(days=i)).isoformat(), 400_000_000 + i * 1000,
             380_000_000 + (i % 97) * 5000) for i in range(10_000)]
    data = _dataset(tmp_path, rows)
    build(BuildOptions(data=data, templates=TEMPLATES, out=tmp_path / "out",
                       formats=("docx", "pptx")))
    paths = output_paths(data.name, tmp_path / "out")
    caption, table = _table(docx.Document(str(paths["docx"])), "lowest and highest")
    assert caption.endswith("Bilateral trade in goods by year: lowest and highest by decade "
                            "(10,000 values, each in long-trade_by_year.csv)")
    # 2028 to 2055: by decade, the first and last decades as far as the series goes.
    assert [r[0].replace("\u2009", " ") for r in table[1:]] == [
        "2028–2029", "2030–2039", "2040–2049", "2050–2055"]  # closed dashes between single words
    assert table[1][1:] == ["€400 million – €400.73 million", "€380 million – €380.48 million"]
    text = (paths["docx"].parent / "long-trade_by_year.csv").read_text(encoding="utf-8")
    whole = list(csv.reader(text.splitlines()))
    assert whole[0] == ["year", "exports", "imports"] and len(whole) == 10_001
    assert whole[1:] == [[p, str(a), str(b)] for p, a, b in rows]


@pytest.mark.parametrize(("rows", "group", "first", "groups"), [
    ([(f"{2029 + i // 12}-{i % 12 + 1:02d}", 1_000_000 * (i + 1), 2_000_000)
      for i in range(30)], "quarter", "January–March 2029", 10),
    ([(str(2000 + i), 1_000_000 * (i + 1), 2_000_000) for i in range(30)], "decade",
     "2000–2009", 3)], ids=["30 months", "30 years"])
def test_a_series_too_long_for_a_table_goes_by_a_coarser_period(
        tmp_path: Path, rows: list[tuple[str, int, int]], group: str, first: str,
        groups: int) -> None:
    data = _dataset(tmp_path, rows)
    build(BuildOptions(data=data, templates=TEMPLATES, out=tmp_path / "out",
                       formats=("docx",)))
    caption, table = _table(docx.Document(str(output_paths(data.name, tmp_path / "out")["docx"])),
                            "lowest and highest")
    assert f"lowest and highest by {group} (30 values" in caption
    assert table[1][0].replace("\u2009", " ") == first and len(table) - 1 == groups
    assert table[1][2] == "€2 million"  # one value all the period: no range


def test_a_series_that_fits_is_shown_row_by_row(tmp_path: Path) -> None:
    rows = [(str(2000 + i), 1_000_000 * (i + 1), 2_000_000) for i in range(MAX_SERIES_ROWS)]
    data = _dataset(tmp_path, rows)
    build(BuildOptions(data=data, templates=TEMPLATES, out=tmp_path / "out", formats=("docx",)))
    folder = output_paths(data.name, tmp_path / "out")["docx"].parent
    document = docx.Document(str(folder / f"{data.name}-briefing.docx"))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Period")
    assert len(table.rows) == MAX_SERIES_ROWS + 1
    assert not list(folder.glob("*.csv"))
