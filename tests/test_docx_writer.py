"""The Word briefing, reopened with python-docx and rendered by LibreOffice."""

from __future__ import annotations

import datetime as dt
import re

import docx
import pytest

from .conftest import Built, pdf_text

DASH = "\u2009–\u2009"
SECTION_ORDER = [
    "Executive summary", "Key figures",
    "Politics: high-level diplomacy and multilateral coordination", "Economy and trade",
    "Energy", "Transport and connectivity", "Humanitarian and people-to-people ties", "Outlook",
    "Timeline of events", "Sources",
]


def _all_text(document: docx.document.Document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header):
            parts += [p.text for p in part.paragraphs]
    return "\n".join(parts)


def test_sections_in_order(default_build: Built) -> None:
    document = docx.Document(str(default_build.docx))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == SECTION_ORDER


def test_cover_and_header_come_from_the_template_tags(default_build: Built) -> None:
    document = docx.Document(str(default_build.docx))
    title = next(p for p in document.paragraphs if p.style.name == "Title")
    assert title.text == "China–Azerbaijan Relations in 2025"
    first = "\n".join(p.text for p in document.paragraphs[:12])
    assert "OFFICIAL — OPEN-SOURCE BRIEFING" in first
    assert "Information as of December 2025" in first
    header = document.sections[0].header.paragraphs[0].text
    assert "China–Azerbaijan Relations in 2025" in header
    assert "OFFICIAL — OPEN-SOURCE BRIEFING" in header
    assert document.sections[0].different_first_page_header_footer


def test_every_chart_is_embedded_with_alt_text(default_build: Built) -> None:
    document = docx.Document(str(default_build.docx))
    pictures = document.inline_shapes
    assert len(pictures) == 6
    for shape in pictures:
        descr = shape._inline.docPr.get("descr")
        assert descr and len(descr) > 40, descr
    alts = " ".join(s._inline.docPr.get("descr") for s in pictures)
    assert "$2.44 billion" in alts and "(estimate)" in alts


def test_key_figures_table_has_values_periods_and_estimates(default_build: Built) -> None:
    document = docx.Document(str(default_build.docx))
    table = document.tables[0]
    rows = {row.cells[0].text: [c.text for c in row.cells] for row in table.rows}
    trade = rows["Bilateral trade turnover"]
    assert trade[1].startswith("$2.44 billion")
    assert trade[2] == f"January{DASH}October 2025"
    assert trade[3] == "+21.9%"
    assert trade[4] == "≈$2 billion"
    tourists = rows["Chinese tourists visiting Azerbaijan"]
    assert tourists[1].startswith("more than 57,000")
    assert tourists[3] == "nearly +50%"
    assert tourists[4] == "≈38,000"
    trains = rows["Trans-Caspian freight trains dispatched from China to Azerbaijan"]
    assert trains[1].startswith("351") and trains[2] == f"January{DASH}November 2025"
    assert trains[4] == "≈262"
    # Header row repeats on every page and no row splits across pages.
    assert table.rows[0]._tr.trPr.find(docx.oxml.ns.qn("w:tblHeader")) is not None
    assert all(r._tr.trPr.find(docx.oxml.ns.qn("w:cantSplit")) is not None for r in table.rows)
    assert table.style.name == "Briefing Table"


def test_sources_list_and_citations(default_build: Built) -> None:
    document = docx.Document(str(default_build.docx))
    texts = [p.text for p in document.paragraphs]
    start = texts.index("Sources")
    sources = texts[start + 1:]
    assert sources[0].startswith("[1] Report News Agency (report.az)")
    assert sources[1].startswith("[2] Azeri Observer")
    assert "Elena Kosolapova" in sources[1]
    superscripts = [r.text for p in document.paragraphs for r in p.runs if r.font.superscript]
    assert superscripts and set(superscripts) <= {"[1]", "[2]", "[1,2]"}


def test_no_leftover_tags_or_missing_values(default_build: Built) -> None:
    text = _all_text(docx.Document(str(default_build.docx)))
    for bad in ("{{", "}}", "{%", "[^"):
        assert bad not in text
    assert not re.search(r"\b(None|nan|NaN|null|undefined)\b", text)


def test_properties_are_fixed_by_the_dataset(default_build: Built) -> None:
    props = docx.Document(str(default_build.docx)).core_properties
    assert props.title == "China–Azerbaijan Relations in 2025"
    assert props.created == dt.datetime(2025, 12, 1, tzinfo=dt.UTC)
    assert props.modified == dt.datetime(2025, 12, 1, tzinfo=dt.UTC)
    assert props.language == "en"


def test_template_styles_carry_into_the_output(tmp_path, default_build: Built) -> None:
    """A user restyles Heading 1 in the template; the briefing follows without code changes."""
    import shutil

    from docx.shared import Pt, RGBColor

    from reportgen.build import BuildOptions, build, output_paths

    from .conftest import DATA, TEMPLATES

    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    template = docx.Document(str(templates / "briefing.docx"))
    style = template.styles["Heading 1"]
    style.font.name = "Caladea"
    style.font.size = Pt(22)
    style.font.color.rgb = RGBColor(0x80, 0x00, 0x20)
    template.save(str(templates / "briefing.docx"))
    build(BuildOptions(data=DATA, templates=templates, out=tmp_path / "out", formats=("docx",)))
    output = docx.Document(str(output_paths(DATA.name, tmp_path / "out")["docx"]))
    heading = output.styles["Heading 1"]
    assert heading.font.name == "Caladea"
    assert heading.font.size == Pt(22)
    assert heading.font.color.rgb == RGBColor(0x80, 0x00, 0x20)


def test_libreoffice_renders_the_same_text(default_build: Built) -> None:
    pdf = default_build.pdf_of(".docx")
    assert pdf.read_bytes().startswith(b"%PDF")
    text = pdf_text(pdf)
    flat = " ".join(text.split())
    for heading in SECTION_ORDER:
        assert " ".join(heading.split()) in flat, heading
    for figure in ("$2.44 billion", "351", "more than 57,000", "1,570 MW", "≈$2 billion",
                   "Azeri Observer", "Report News Agency"):
        assert figure in flat, figure
    assert "{{" not in text
    pages = text.count("\f")
    assert pages >= 6
    # Every page but the cover carries the marking and "Page X of Y".
    for number in range(2, pages + 1):
        page = pdf_text(pdf, number)
        assert "OFFICIAL — OPEN-SOURCE BRIEFING" in page, number
        assert re.search(rf"Page {number} of {pages}\b", page), number


def test_fictional_dataset_omits_absent_sections(fixture_build: Built) -> None:
    document = docx.Document(str(fixture_build.docx))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert "Energy" not in headings and "Transport and connectivity" not in headings
    assert headings[:2] == ["Executive summary", "Key figures"]
    assert "Economy and trade" in headings and headings[-1] == "Sources"
    text = _all_text(document)
    assert "Freedonia–Sylvania Relations in 2031" in text
    assert "€830 million" in text and "-4.5%" in text
    assert "China" not in text and "Azerbaijan" not in text


@pytest.mark.parametrize("missing", ["Caption", "Briefing Table"])
def test_template_without_a_required_style_is_a_clear_error(tmp_path, missing: str) -> None:
    import shutil

    from reportgen.build import BuildOptions, build
    from reportgen.errors import TemplateError

    from .conftest import DATA, TEMPLATES

    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    template = docx.Document(str(templates / "briefing.docx"))
    style = template.styles[missing]
    style.element.getparent().remove(style.element)
    template.save(str(templates / "briefing.docx"))
    with pytest.raises(TemplateError, match=rf"briefing.docx: style '{missing}': required style"):
        build(BuildOptions(data=DATA, templates=templates, out=tmp_path / "out",
                           formats=("docx",)))
