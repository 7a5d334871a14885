"""Native Word charts (`--charts native`, the default): each bar, column and line chart of the
briefing is a chart part with its data in an embedded workbook, read back with python-docx,
openpyxl and python-pptx, validated against ISO/IEC 29500 and rendered by LibreOffice."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
import openpyxl
import pdfplumber
import pikepdf
import pytest
from lxml import etree

from reportgen.docx.writer import write_docx
from reportgen.report.structure import load_structure
from reportgen.report.tree import Report

from ..conftest import DATA, TEMPLATES, Built
from ..ooxml import package_problems, schema_errors
from ..render.test_pdf_ua import _elements, _role
from ..xlsx.test_annex import _annex, _chart_sheets, _deck_charts

NS = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"}
CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"


@dataclass(frozen=True)
class WordChart:
    """One chart as the briefing holds it: its docPr, its part, the values and categories of
    its XML, and its embedded workbook."""

    title: str
    alt: str
    partname: str
    content_type: str
    categories: list[str]
    values: list[float]
    xml: etree._Element
    workbook: bytes


def _word_charts(path: Path) -> dict[str, WordChart]:
    """Every native chart of a briefing, by chart id (its docPr's name, "Chart <id>")."""
    document = docx.Document(str(path))
    found = {}
    for inline in document.element.body.iter(f"{{{NS['wp']}}}inline"):
        r_ids = inline.xpath("a:graphic/a:graphicData/c:chart/@r:id")  # python-docx's prefixes
        if not r_ids:
            continue
        doc_pr = inline.find("wp:docPr", NS)
        part = document.part.related_parts[r_ids[0]]
        xml = etree.fromstring(part.blob)
        workbook_id = xml.xpath("c:externalData/@r:id", namespaces=NS)[0]
        found[doc_pr.get("name").removeprefix("Chart ")] = WordChart(
            doc_pr.get("title"), doc_pr.get("descr"), str(part.partname), part.content_type,
            [str(v) for v in xml.xpath("//c:ser/c:cat//c:pt/c:v/text()", namespaces=NS)],
            [float(v) for v in xml.xpath("//c:ser/c:val//c:pt/c:v/text()", namespaces=NS)],
            xml, part.related_parts[workbook_id].blob)
    return found


def test_each_chart_is_a_word_chart_with_its_numbers_in_an_embedded_workbook(
        default_build: Built, default_report: Report) -> None:
    charts = _word_charts(default_build.docx)
    native = [c for c in default_report.charts if c.native]
    assert native and list(charts) == [c.id for c in native]  # in the briefing's order
    annex = _chart_sheets(_annex(default_build))
    deck = _deck_charts(default_build.pptx)
    for chart in native:
        word = charts[chart.id]
        assert word.partname.startswith("/word/charts/chart") and word.content_type == CHART_TYPE
        assert (word.alt, word.title) == (chart.alt, chart.caption)
        # Number for number: the spec, the data annex's sheet, the deck's native chart.
        assert word.values == [bar.value for bar in chart.bars]
        assert word.values == pytest.approx([row[1] for row in annex[chart.id]])
        assert word.values == pytest.approx(deck[chart.id][1])
        # Word's Edit Data opens this workbook: the categories and values of the chart XML.
        sheet = openpyxl.load_workbook(io.BytesIO(word.workbook)).worksheets[0]
        rows = list(sheet.iter_rows(min_row=2, values_only=True))
        assert [row[1] for row in rows] == word.values
        assert [row[0] for row in rows] == word.categories
        assert sheet["B1"].value == chart.title
        # Each bar's text as the formatter writes it, an estimate hatched.
        labels = word.xml.xpath("//c:dLbl//a:t/text()", namespaces=NS)
        assert labels == [chart.bars[i].text for i in chart.labelled]
        hatched = word.xml.xpath("//c:dPt[c:spPr/a:pattFill]/c:idx/@val", namespaces=NS)
        assert hatched == [str(i) for i, bar in enumerate(chart.bars) if bar.estimate]
    # The estimates are there to be marked: the comparison charts of the default dataset.
    assert any(bar.estimate for c in native for bar in c.bars)
    # The timeline has no values to edit: it stays a picture, with its alt text.
    document = docx.Document(str(default_build.docx))
    pictures = [p.get("name") for p in document.element.body.iter(f"{{{NS['wp']}}}docPr")
                if p.get("name") not in {f"Chart {c}" for c in charts}]
    assert pictures == [f"Chart {c.id}" for c in default_report.charts if not c.native]


def test_the_embedded_workbooks_are_stamped_with_the_build_time(default_build: Built,
                                                                default_report: Report) -> None:
    created = default_report.properties.created.strftime("%Y-%m-%dT%H:%M:%SZ")
    for chart in _word_charts(default_build.docx).values():
        with zipfile.ZipFile(io.BytesIO(chart.workbook)) as book:
            core = book.read("docProps/core.xml").decode()
            assert {i.date_time for i in book.infolist()} == {
                default_report.properties.created.timetuple()[:6]}
        assert f'<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>' in core


def test_the_chart_parts_and_their_workbooks_validate(default_build: Built,
                                                      tmp_path: Path) -> None:
    errors = schema_errors(default_build.docx)
    with zipfile.ZipFile(default_build.docx) as package:
        names = package.namelist()
        charts = [n for n in names if n.startswith("word/charts/chart")]
        workbooks = [n for n in names if n.startswith("word/embeddings/")]
        assert charts and len(workbooks) == len(charts)
        for name in workbooks:
            path = tmp_path / Path(name).name
            path.write_bytes(package.read(name))
            assert sorted(map(str, schema_errors(path))) == [], name
            assert package_problems(path) == [], name
    assert [str(e) for e in errors if "chart" in e.part] == []
    assert package_problems(default_build.docx) == []


def test_image_charts_keep_the_pictures(default_report: Report) -> None:
    structure = load_structure(TEMPLATES, DATA)
    parts = {}
    for mode in ("image", "native"):
        buf = io.BytesIO()
        write_docx(default_report, TEMPLATES / "briefing.docx", structure.table_style, buf,
                   word=structure.word, charts=mode)
        with zipfile.ZipFile(buf) as package:
            parts[mode] = package.namelist()
    native = sum(c.native for c in default_report.charts)
    media = [n for n in parts["image"] if n.startswith("word/media/")]
    assert not [n for n in parts["image"] if n.startswith("word/charts/")]
    assert len(media) >= len(default_report.charts)
    assert len([n for n in parts["native"] if n.startswith("word/charts/chart")]) == native
    assert len([n for n in parts["native"] if n.startswith("word/media/")]) == \
        len(media) - native


def test_libreoffice_draws_each_chart_s_numbers_and_tags_it_as_a_figure(
        default_build: Built, default_report: Report) -> None:
    pdf_path = default_build.pdf_of(".docx")
    native = [c for c in default_report.charts if c.native]
    with pdfplumber.open(pdf_path) as pdf:
        for number, chart in enumerate(default_report.charts, 1):
            if not chart.native:
                continue
            # The page of its caption (the last "Figure N:": the list of figures comes first),
            # and the words in the chart's box above the caption.
            page, caption = [
                (page, line) for page in pdf.pages for line in page.extract_text_lines()
                if line["text"].startswith(f"Figure {number}:")][-1]
            height_pt = 16 / 2.54 * 72 * 3.4 / 6.4 + 12
            drawn = " ".join(w["text"] for w in page.extract_words()
                             if caption["top"] - height_pt < w["top"] < caption["top"])
            for i in chart.labelled:
                assert chart.bars[i].text in drawn, (chart.id, drawn)
            for bar in chart.bars:
                assert all(word in drawn for word in " ".join(bar.label).split()), chart.id
    with pikepdf.open(pdf_path) as pdf:
        tree = pdf.Root.StructTreeRoot
        figures = [str(e.get("/Alt", "")) for e in _elements(tree)
                   if _role(e, tree.get("/RoleMap")) == "/Figure"]
    assert all(figures)
    assert [a for a in figures if a in {c.alt for c in native}] == [c.alt for c in native]

