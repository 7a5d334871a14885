"""A figure reported only as a change by an amount ("fell by 111,700 tonnes"), with no level and
no percent: told, tabled and put on the deck as that change, never as an empty value."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from pptx import Presentation

from reportgen.dataset.loading import load_dataset
from reportgen.errors import DataError
from reportgen.report.structure import load_structure

from ..conftest import TEMPLATES, content_build, minimal_plus

FIGURES = """  - id: goods_crossing
    area: economy
    label: Goods crossing the Freedonian border
    short_label: Goods crossing
    unit: t
    period: 2031-03
    change: {amount: -111700}
    sources: [almanac]
  - id: wine_exports
    area: economy
    label: Freedonian wine exports to Sylvania
    short_label: Wine exports
    unit: EUR
    period: 2031-01/2031-06
    change: {amount: 2300000, amount_qualifier: about}
    key: true
    sources: [almanac]
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("amount-only")
    return content_build(minimal_plus(root, FIGURES), root / "out")


def test_the_briefing_tells_the_change_and_tables_it(built: dict[str, Path]) -> None:
    doc = Document(str(built["docx"]))
    body = " ".join(p.text for p in doc.paragraphs)
    assert "Goods crossing the Freedonian border fell by 111,700 tonnes in March 2031" in body
    assert "Freedonian wine exports to Sylvania rose by about €2.3 million" in body
    rows = {row.cells[0].text: [c.text for c in row.cells] for table in doc.tables
            for row in table.rows}
    crossing = rows["Goods crossing the Freedonian border"]
    assert any(cell.endswith("111,700 t") and cell[0] in "-−" for cell in crossing), crossing
    assert any("+€2.3 million" in cell for cell in rows["Freedonian wine exports to Sylvania"])


def test_the_deck_says_how_much_it_moved(built: dict[str, Path]) -> None:
    text = [p.text for slide in Presentation(str(built["pptx"])).slides
            for shape in slide.shapes if shape.has_text_frame
            for p in shape.text_frame.paragraphs]
    assert "Goods crossing down 111,700 t in March 2031" in text
    assert "Wine exports up about €2.3 million in January–June 2031" in text
    assert not [t for t in text if "up  " in t or "down  " in t]


def test_a_growth_chart_of_it_is_refused_at_its_line(tmp_path: Path) -> None:
    data = minimal_plus(tmp_path, FIGURES)
    path = data / "charts.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "metrics: [bilateral_trade, cheese_exports]", "metrics: [bilateral_trade, wine_exports]"),
        encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(data, load_structure(TEMPLATES).areas)
    found = [p for p in caught.value.problems if "wine_exports" in p.message]
    assert found and found[0].file.endswith("charts.yaml") and found[0].line > 0
    assert "no `change` in percent" in found[0].message
