"""The data annex (NAME-data.xlsx): read back with openpyxl, it agrees number for number with
the deck's native charts (read back with python-pptx) and the briefing (python-docx); it is
reproducible, recorded in the manifest, checked by --check and listed by diff."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import docx
import openpyxl
import pytest
from pptx import Presentation

from reportgen.errors import OutputError
from reportgen.pipeline import manifest
from reportgen.pipeline.build import BuildOptions, build, diff, output_paths
from reportgen.report.annex import Sheet, _unique
from reportgen.report.catalog import load_catalog
from reportgen.xlsx.annex import write_annex

from ..conftest import DATA, FIXTURES, TEMPLATES, Built
from ..ooxml import package_problems, schema_errors

WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


def _annex(built: Built, edition: str = "") -> openpyxl.Workbook:
    path = output_paths(built.folder.name, built.folder.parent, edition)["xlsx"]
    return openpyxl.load_workbook(path)


def _rows(sheet: object) -> list[tuple[object, ...]]:
    return list(sheet.iter_rows(min_row=2, values_only=True))  # type: ignore[attr-defined]


def _chart_sheets(book: openpyxl.Workbook) -> dict[str, list[tuple[object, ...]]]:
    """Each chart's rows, by chart id, through the index sheet (its sheet, its id)."""
    index = _rows(book["Charts"])
    return {chart_id: _rows(book[sheet]) for sheet, chart_id, *_ in index}


def _deck_charts(pptx: Path) -> dict[str, tuple[list[str], list[float]]]:
    found = {}
    for slide in Presentation(str(pptx)).slides:
        for shape in slide.shapes:
            if shape.has_chart:
                plot = shape.chart.plots[0]
                found[shape.name.removeprefix("Chart ")] = (
                    list(plot.categories), list(plot.series[0].values))
    return found


def _briefing_charts(path: Path) -> dict[str, str]:
    """Each chart's alternative text in the briefing, by chart id."""
    document = docx.Document(str(path))
    return {pr.get("name").removeprefix("Chart "): pr.get("descr")
            for pr in document.element.body.iter(f"{WP}docPr")
            if pr.get("name", "").startswith("Chart ")}


def staleness(options: BuildOptions) -> manifest.Staleness:
    """What `build --check` reports."""
    state = manifest.input_state(options.data, options.templates, options.recorded())
    return manifest.staleness(manifest.read(options.folder), state, options.outputs())


def test_the_annex_agrees_with_the_deck_and_the_briefing(default_build: Built) -> None:
    book = _annex(default_build)
    charts = _chart_sheets(book)
    deck = _deck_charts(default_build.pptx)
    assert set(deck) and set(deck) <= set(charts)
    for chart_id, (categories, values) in deck.items():
        rows = charts[chart_id]
        # Exactly the numbers drawn, in the order drawn.
        assert [row[1] for row in rows] == pytest.approx(values), chart_id
        assert len(categories) == len(rows)
    alts = _briefing_charts(default_build.docx)
    assert set(alts) == set(charts)
    for chart_id, rows in charts.items():
        for row in rows:
            # Each bar's text as the briefing's chart says it (an estimate's alt text names it
            # so in words rather than by its mark, ≈), or each event's date.
            said = row[1] if isinstance(row[2], float | int) else str(row[2]).lstrip("≈")
            assert str(said) in alts[chart_id], (chart_id, row)
    # Every figure the briefing shows, as it shows it, with its sources and derivation.
    text = "\n".join(p.text for p in docx.Document(str(default_build.docx)).paragraphs)
    tables = "\n".join(c.text for t in docx.Document(str(default_build.docx)).tables
                       for r in t.rows for c in r.cells)
    figures = _rows(book["Figures"])
    header = [c.value for c in book["Figures"][1]]
    shown, estimate, derivation = (header.index(k) for k in (
        "As shown", "Estimate", "How the estimate was derived"))
    assert figures and all(row[shown] in tables for row in figures
                           if "__alt" not in str(row[0]))
    derived = [row for row in figures if row[estimate] is not None]
    assert derived and all(row[derivation] in text for row in derived)
    assert all(row[header.index("Sources")] for row in figures)


def test_the_annex_validates_against_the_iso_schemas(default_build: Built) -> None:
    path = output_paths(DATA.name, default_build.folder.parent)["xlsx"]
    assert sorted(map(str, schema_errors(path))) == []
    assert package_problems(path) == []


def test_captions_and_notes_say_where_the_data_is(default_build: Built) -> None:
    name = f"{DATA.name}-data.xlsx"
    book = _annex(default_build)
    paragraphs = docx.Document(str(default_build.docx)).paragraphs
    captions = [i for i, p in enumerate(paragraphs) if p.style.name == "Caption"
                and p.text.startswith("Figure")]
    assert len(captions) == len(_rows(book["Charts"]))
    for i in captions:  # under each figure's caption, kept with it: the sheet of its numbers
        data = paragraphs[i + 1]
        assert paragraphs[i].paragraph_format.keep_with_next and data.style.name == "Caption"
        sheet = data.text.split("“")[1].split("”")[0]
        assert data.text == f"Data: sheet “{sheet}” of {name}." and sheet in book.sheetnames
        assert name not in paragraphs[i].text  # the list of figures repeats the caption alone
    assert any(name in p.text and "data annex" in p.text for p in paragraphs)


def test_a_long_series_is_in_the_annex_in_full(tmp_path: Path) -> None:
    data = Path(shutil.copytree(FIXTURES / "minimal", tmp_path / "long"))
    lines = ["year,exports,imports"] + [f"{1990 + i},{100 + i},{200 + 2 * i}" for i in range(40)]
    (data / "trade_by_year.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    build(BuildOptions(data=data, templates=TEMPLATES, out=tmp_path / "out",
                       formats=("pptx",)))
    folder = tmp_path / "out" / "long"
    book = openpyxl.load_workbook(folder / "long-data.xlsx")
    series = _rows(book["Series trade_by_year"])
    assert [row[0] for row in series] == [str(1990 + i) for i in range(40)]
    assert [row[1:] for row in series] == [(100 + i, 200 + 2 * i) for i in range(40)]
    drawn = _chart_sheets(book)["exports_by_year"]
    categories, values = _deck_charts(folder / "long-deck.pptx")["exports_by_year"]
    assert [row[1] for row in drawn] == values == [100 + i for i in range(40)]


def test_the_annex_is_reproducible_recorded_checked_and_diffed(tmp_path: Path) -> None:
    data = Path(shutil.copytree(FIXTURES / "minimal", tmp_path / "in" / "mini"))
    options = BuildOptions(data=data, templates=TEMPLATES, out=tmp_path / "a",
                           formats=("pptx",))
    build(options)
    annex = output_paths("mini", tmp_path / "a")["xlsx"]
    first = annex.read_bytes()
    build(BuildOptions(data=data, templates=TEMPLATES, out=tmp_path / "b", formats=("pptx",)))
    assert (tmp_path / "b" / "mini" / annex.name).read_bytes() == first
    assert staleness(options).up_to_date
    annex.write_bytes(first + b"\0")
    assert staleness(options).modified == [str(annex)]
    annex.unlink()
    assert staleness(options).missing == [str(annex)]
    build(options)
    assert annex.read_bytes() == first
    # A changed figure: diff names the annex's sheets that change with it.
    metrics = data / "metrics.yaml"
    text = metrics.read_text(encoding="utf-8")
    metrics.write_text(text.replace("value: 830000000", "value: 840000000", 1),
                       encoding="utf-8")
    assert text != metrics.read_text(encoding="utf-8")
    found = diff(options)
    assert found is not None
    lines = [line for line in found[0] if "mini-data.xlsx" in line]
    assert len(lines) == 1 and "“Figures”" in lines[0] and "“Sources”" not in lines[0]


def test_an_edition_has_its_own_annex_with_translated_headings(
        edition_builds: dict[str, Built]) -> None:
    for locale, built in edition_builds.items():
        edition = "" if locale == "en" else locale
        book = _annex(built, edition)
        t = load_catalog(TEMPLATES, locale)
        assert book.sheetnames[:4] == [t(f"annex.sheet.{k}") for k in (
            "figures", "charts", "events", "sources")]
        assert [c.value for c in book[t("annex.sheet.figures")][1]][:3] == [
            t("annex.col.id"), t("annex.col.label"), t("annex.col.value")]
        # Its briefing names its own annex, and a sheet of it under each chart.
        name = output_paths(DATA.name, built.folder.parent, edition)["xlsx"].name
        text = "\n".join(p.text for p in docx.Document(str(built.docx)).paragraphs)
        assert text.count(name) == len(_rows(book[t("annex.sheet.charts")])) + 1, locale
    english, other = (_annex(edition_builds[k], "" if k == "en" else k)
                      for k in ("en", next(k for k in edition_builds if k != "en")))
    # The same numbers in every edition.
    values = [row[2] for row in _rows(english.worksheets[0])]
    assert values == [row[2] for row in _rows(other.worksheets[0])]


def test_text_that_looks_like_a_formula_stays_text() -> None:
    buf = io.BytesIO()
    sheet = Sheet("S", ("a", "b"), (("=HYPERLINK(\"x\")", 3.5), ("+1", None)), frozenset({1}))
    import datetime as dt

    write_annex([sheet], buf, "t", "a", dt.datetime(2030, 1, 1, tzinfo=dt.UTC))
    cells = openpyxl.load_workbook(buf)["S"]
    assert cells["A2"].data_type == "s" and cells["A2"].value == "=HYPERLINK(\"x\")"
    assert cells["A3"].value == "+1" and cells["B2"].value == 3.5 and cells["B3"].value is None


def test_text_longer_than_a_cell_holds_is_an_error_not_a_truncation() -> None:
    import datetime as dt

    sheet = Sheet("Figures", ("a",), (("ok",), ("x" * 40_000,)))
    with pytest.raises(OutputError, match="sheet 'Figures', cell A3"):
        write_annex([sheet], io.BytesIO(), "t", "a", dt.datetime(2030, 1, 1, tzinfo=dt.UTC))


def test_sheet_names_are_valid_and_unique() -> None:
    taken = {"figures"}
    assert _unique("Figures", taken) == "Figures (2)"
    long = _unique("Chart " + "x" * 40, taken)
    assert len(long) == 31 and _unique("Chart " + "x" * 40, taken) == long[:27] + " (2)"
    assert _unique("Chart a/b:c", taken) == "Chart a_b_c"
