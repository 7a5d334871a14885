"""The Word briefing, reopened with python-docx and rendered by LibreOffice."""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
import shutil
import zipfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.shared import Cm, Pt, RGBColor
from lxml import etree

from reportgen.pipeline.build import BuildOptions, build, output_paths
from reportgen.report.tree import Report

from ..conftest import DATA, TEMPLATES, Built, pdf_pages, pdf_text, require_soffice
from ..ooxml import package_problems, schema_errors

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DASH = "–"  # closed between single words: January–October 2025
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
    # The key figures lead; sources by their numbers in one column, not a footnote per row.
    header = [c.text for c in table.rows[0].cells]
    assert header[-1] == "Sources" and trade[-1] == "[2]"
    firsts = [row.cells[0].text for row in table.rows[1:5]]
    assert set(firsts) == {"Bilateral trade turnover", "Chinese tourists visiting Azerbaijan",
                           "Trans-Caspian freight trains dispatched from China to Azerbaijan",
                           "Combined installed capacity of the new solar and wind projects"}
    body = table._tbl.xml
    assert "footnoteReference" not in body
    # Header row repeats on every page and no row splits across pages.
    assert table.rows[0]._tr.trPr.find(docx.oxml.ns.qn("w:tblHeader")) is not None
    assert all(r._tr.trPr.find(docx.oxml.ns.qn("w:cantSplit")) is not None for r in table.rows)
    assert table.style.name == "Briefing Table"


def test_key_figures_table_drops_columns_no_figure_fills(tmp_path: Path, no_layout: None
                                                          ) -> None:
    """A dataset whose figures report no change has no change or estimate column (no dashes)."""
    data = Path(__file__).resolve().parents[1] / "fixtures" / "georgia-armenia-2024"
    build(BuildOptions(data=data, templates=TEMPLATES, out=tmp_path, formats=("docx",)))
    document = docx.Document(str(output_paths(data.name, tmp_path)["docx"]))
    header = [c.text for c in document.tables[0].rows[0].cells]
    assert header == ["Indicator", "Value", "Period", "Sources"]
    widths = [c.width for c in document.tables[0].rows[0].cells]
    assert abs(sum(widths) - Cm(16)) < Cm(0.1)


def test_sources_list_names_every_source_once(default_build: Built) -> None:
    document = docx.Document(str(default_build.docx))
    texts = [p.text for p in document.paragraphs]
    # The heading, not the contents' entry (without LibreOffice the contents list it unpaged).
    start = len(texts) - 1 - texts[::-1].index("Sources")
    sources = texts[start + 1:]
    assert len(sources) == 2
    assert sources[0].startswith("[1] Report News Agency (report.az)")
    assert sources[1].startswith("[2] Azeri Observer")
    assert "Elena Kosolapova" in sources[1]
    # Citations are footnotes now, never superscript text.
    assert not [r.text for p in document.paragraphs for r in p.runs if r.font.superscript]


def _expected_footnotes(report: Report) -> Counter[str]:
    """One footnote per citation (citations in a row share one), in the narrative and tables."""
    expected: Counter[str] = Counter()

    def count(runs: list, notes: dict[str, str]) -> None:
        group: list[str] = []
        for run in [*runs, None]:
            if run is not None and run.cite:
                group.append(run.cite)
                continue
            if group:
                expected[" ".join(dict.fromkeys(notes[c] for c in group))] += 1
            group = []

    for area in report.sections:
        for block in area.section.blocks:
            count(block.runs, report.notes)
    for table in (report.key_figures, report.timeline):
        for row in table.rows:
            for cell in row:
                count(cell, report.table_notes)
    return expected


def test_every_citation_is_a_real_footnote_naming_its_sources(default_build: Built,
                                                              default_report: Report) -> None:
    with zipfile.ZipFile(default_build.docx) as z:
        document = etree.fromstring(z.read("word/document.xml"))
        notes = etree.fromstring(z.read("word/footnotes.xml"))
        rels = z.read("word/_rels/document.xml.rels").decode()
    assert "relationships/footnotes" in rels and 'Target="footnotes.xml"' in rels
    texts = {n.get(f"{W}id"): "".join(t.text for t in n.iter(f"{W}t")).strip()
             for n in notes.iter(f"{W}footnote") if n.get(f"{W}type") is None}
    references = [r.get(f"{W}id") for r in document.iter(f"{W}footnoteReference")]
    # One footnote per reference, each referenced once, with the reference style of the template.
    assert sorted(references) == sorted(texts) and len(set(references)) == len(references)
    for ref in document.iter(f"{W}footnoteReference"):
        assert ref.getparent().find(f"{W}rPr/{W}rStyle").get(f"{W}val") == "FootnoteReference"
    assert Counter(texts[r] for r in references) == _expected_footnotes(default_report)
    # Each names existing sources only; a figure's note gives its period, an estimate its maths.
    source = "|".join(map(re.escape, ("Report News Agency", "Azeri Observer")))
    for text in texts.values():
        assert re.match(rf"({source})(, ({source}))*( and ({source}))?[;,.]", text), text
    trade = default_report.notes["bilateral_trade"]
    assert trade.startswith(f"Azeri Observer; figure for January{DASH}October 2025. Estimate:")
    assert "derived from the reported $2.44 billion" in trade and trade in texts.values()
    assert default_report.table_notes["bilateral_trade"] in texts.values()


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


def _template_copy(tmp_path: Path) -> tuple[Path, docx.document.Document]:
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    return templates, docx.Document(str(templates / "briefing.docx"))


def _style_named(document: docx.document.Document, name: str) -> Any:
    return next(s for s in document.styles if s.name.lower() == name.lower())


def test_template_styles_page_setup_and_logo_carry_into_the_output(tmp_path: Path,
                                                                   no_layout: None) -> None:
    """A user restyles the template in Word; the briefing follows without code changes."""
    from PIL import Image

    templates, template = _template_copy(tmp_path)
    style = template.styles["Heading 1"]
    style.font.name = "Caladea"
    style.font.size = Pt(22)
    style.font.color.rgb = RGBColor(0x80, 0x00, 0x20)
    _style_named(template, "Footnote Text").font.size = Pt(7)
    section = template.sections[0]
    section.left_margin = section.right_margin = Cm(3)
    logo = io.BytesIO()
    Image.new("RGB", (120, 40), (0x80, 0x00, 0x20)).save(logo, format="PNG")
    section.header.paragraphs[0].add_run().add_picture(logo, width=Cm(2))
    template.save(str(templates / "briefing.docx"))
    build(BuildOptions(data=DATA, templates=templates, out=tmp_path / "out", formats=("docx",)))
    output = docx.Document(str(output_paths(DATA.name, tmp_path / "out")["docx"]))
    heading = output.styles["Heading 1"]
    assert heading.font.name == "Caladea"
    assert heading.font.size == Pt(22)
    assert heading.font.color.rgb == RGBColor(0x80, 0x00, 0x20)
    assert _style_named(output, "Footnote Text").font.size == Pt(7)
    margins = docx.Document(str(templates / "briefing.docx")).sections[0]
    assert output.sections[0].left_margin == margins.left_margin
    assert output.sections[0].right_margin == margins.right_margin
    header = output.sections[0].header
    assert len(header._element.findall(f".//{W}drawing")) == 1
    assert any(r.reltype.endswith("/image") for r in header.part.rels.values())


@pytest.mark.parametrize(("break_template", "messages"), [
    (lambda d: _drop_style(d, "Caption"),
     ["style 'Caption': no style for the briefing's captions (role `caption`)"]),
    (lambda d: _drop_style(d, "Briefing Table"),
     ["table_style: style 'Briefing Table': no table style of that name in briefing.docx"]),
    (lambda d: (_drop_style(d, "Footnote Text"), _drop_style(d, "TOC 1")),
     ["style 'Footnote Text': no style for the briefing's footnotes",
      "style 'TOC 1': no style for the briefing's contents lines of sections",
      "reportgen adopt"]),
    (lambda d: _retext(d.sections[0].header, "{{ marking }}", ""),
     ["tag '{{ marking }}': missing from the running header and footer"]),
    (lambda d: _retext(d, "{{ title }}", "Our title"),
     ["tag '{{ title }}': missing from the cover"]),
    (lambda d: _drop_field(d.sections[0].footer, "NUMPAGES"),
     ["field NUMPAGES: missing from the running header and footer", "Field › NumPages"]),
    (lambda d: d.paragraphs[-1].insert_paragraph_before(
        "{% for c in countries %}{{ c }}{% endfor %}{{ classification }}"),
     ["tag '{{ classification }}': unknown tag", "tags available: title, subtitle"]),
])
def test_template_without_what_the_briefing_needs_is_a_clear_error(
        tmp_path: Path, break_template: Callable[[Any], object], messages: list[str]) -> None:
    from reportgen.errors import TemplateError

    templates, template = _template_copy(tmp_path)
    break_template(template)
    template.save(str(templates / "briefing.docx"))
    with pytest.raises(TemplateError) as caught:
        build(BuildOptions(data=DATA, templates=templates, out=tmp_path / "out",
                           formats=("docx",)))
    text = str(caught.value)
    assert len(text.splitlines()) == len([m for m in messages if "'" in m or "field" in m])
    for message in messages:
        assert message in text
    assert all(line.startswith(str(templates / "briefing.docx") + ": ")
               for line in text.splitlines())


def _drop_style(document: docx.document.Document, name: str) -> None:
    element = _style_named(document, name).element
    element.getparent().remove(element)


def _retext(container: Any, old: str, new: str) -> None:
    for t in container._element.iter(f"{W}t"):
        t.text = (t.text or "").replace(old, new)


def _drop_field(container: Any, name: str) -> None:
    for instr in container._element.iter(f"{W}instrText"):
        if instr.text.strip() == name:
            instr.text = " "


def test_a_template_without_a_footnotes_part_gets_one(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """As Word saves a template that never had a footnote: reportgen adds the part itself."""
    import reportgen.docx.layout

    monkeypatch.setattr(reportgen.docx.layout, "find_soffice", lambda: None)  # no layout pass
    templates, template = _template_copy(tmp_path)
    for rel_id, rel in list(template.part.rels.items()):
        if rel.reltype.endswith("/footnotes"):
            template.part.drop_rel(rel_id)
    settings = template.settings.element
    settings.remove(settings.find(f"{W}footnotePr"))
    template.save(str(templates / "briefing.docx"))
    with zipfile.ZipFile(templates / "briefing.docx") as z:
        assert "word/footnotes.xml" not in z.namelist()
    build(BuildOptions(data=DATA, templates=templates, out=tmp_path / "out", formats=("docx",)))
    path = output_paths(DATA.name, tmp_path / "out")["docx"]
    assert package_problems(path) == []
    notes = _xml(path, "word/footnotes.xml")
    assert [n.get(f"{W}type") for n in notes][:2] == ["separator", "continuationSeparator"]
    assert len(notes) - 2 == len(list(_xml(path).iter(f"{W}footnoteReference"))) > 50
    assert _xml(path, "word/settings.xml").find(f"{W}footnotePr") is not None
    assert not schema_errors(path) - schema_errors(TEMPLATES / "briefing.docx")


def test_without_libreoffice_the_contents_wait_for_word(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    """Still a valid TOC field, listing the headings; the build says so once."""
    import reportgen.docx.layout
    from reportgen.errors import OutputError

    monkeypatch.setattr(reportgen.docx.layout, "find_soffice", lambda: None)
    out = tmp_path / "out"
    with caplog.at_level(logging.WARNING):
        build(BuildOptions(data=DATA, templates=TEMPLATES, out=out, formats=("docx",)))
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1
    assert warnings[0].getMessage().startswith(
        "LibreOffice is not installed (Debian: libreoffice-writer-nogui), so the table of "
        "contents lists the headings without page numbers; Word fills them in")
    path = output_paths(DATA.name, out)["docx"]
    body = _xml(path)
    assert [i for i, _ in _fields(body) if i.startswith("TOC")] == [
        'TOC \\o "1-2" \\h \\z \\u', 'TOC \\h \\z \\c "Figure"', 'TOC \\h \\z \\c "Table"']
    lines = [p for p in body.iter(f"{W}p") if _style(p) in ("TOC1", "TOC2")]
    assert [_text(p) for p in lines][:2] == ["Executive summary", "Key figures"]
    assert not [i for i, _ in _fields(body) if i.startswith("PAGEREF")]
    # Asked for a PDF, the build stops at once and names the package to install.
    monkeypatch.setattr("reportgen.render.pdf.find_soffice", lambda: None)
    with pytest.raises(OutputError, match="libreoffice-writer-nogui"):
        build(BuildOptions(data=DATA, templates=TEMPLATES, out=out, formats=("docx", "pdf")))


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
    # Every page but the cover carries the marking and "Page X of Y"; the cover neither.
    cover = pdf_text(pdf, 1)
    assert "Page" not in cover and cover.count("OFFICIAL — OPEN-SOURCE BRIEFING") == 1
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


# --- contents, captions, cross-references: fields with their results already filled in
def _xml(path: Path, part: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(part))


def _fields(element: etree._Element) -> list[tuple[str, str]]:
    """(instruction, shown result) of every complex field, in the order the fields end."""
    done, open_fields = [], []
    for el in element.iter(f"{W}fldChar", f"{W}instrText", f"{W}t", f"{W}tab"):
        if el.tag == f"{W}fldChar":
            kind = el.get(f"{W}fldCharType")
            if kind == "begin":
                open_fields.append({"instr": "", "result": "", "shown": False})
            elif kind == "separate":
                open_fields[-1]["shown"] = True
            else:
                f = open_fields.pop()
                done.append((" ".join(f["instr"].split()), f["result"]))
        elif el.tag == f"{W}instrText":
            open_fields[-1]["instr"] += el.text or ""
        elif el.getparent().tag == f"{W}r":  # not a tab stop of the paragraph's properties
            for f in open_fields:
                if f["shown"]:
                    f["result"] += "\t" if el.tag == f"{W}tab" else el.text or ""
    assert not open_fields
    return done


def _style(p: etree._Element) -> str | None:
    style = p.find(f"{W}pPr/{W}pStyle")
    return None if style is None else style.get(f"{W}val")


def _text(el: etree._Element) -> str:
    return "".join(t.text or "" for t in el.iter(f"{W}t"))


def _entries(path: Path, style_ids: tuple[str, ...]) -> list[tuple[str, str, str, int]]:
    """(style, text, bookmark, page) of each filled-in line of a contents field."""
    entries = []
    for p in _xml(path).iter(f"{W}p"):
        if _style(p) in style_ids:
            link = p.find(f"{W}hyperlink")
            fields = [f for f in _fields(link) if f[0].startswith("PAGEREF")]
            assert len(fields) == 1 and fields[0][0] == f"PAGEREF {link.get(f'{W}anchor')} \\h"
            text = _text(link).removesuffix(fields[0][1])
            entries.append((_style(p), text, link.get(f"{W}anchor"), int(fields[0][1])))
    return entries


def _bookmarked(body: etree._Element) -> dict[str, str]:
    """Bookmark name → the text of the paragraph it starts in."""
    return {b.get(f"{W}name"): _text(b.getparent()) for b in body.iter(f"{W}bookmarkStart")}


def test_contents_and_lists_are_fields_listing_every_heading_and_caption(
        default_build: Built) -> None:
    body = _xml(default_build.docx)
    instructions = [i for i, _ in _fields(body)]
    for field in ('TOC \\o "1-2" \\h \\z \\u', 'TOC \\h \\z \\c "Figure"',
                  'TOC \\h \\z \\c "Table"'):
        assert instructions.count(field) == 1, field
    paragraphs = list(body.iter(f"{W}p"))
    headings = [(_style(p), _text(p)) for p in paragraphs if _style(p) in ("Heading1", "Heading2")]
    require_soffice()  # the lines are filled in (with their pages) from LibreOffice's layout
    contents = _entries(default_build.docx, ("TOC1", "TOC2"))
    assert [(s.replace("TOC", "Heading"), t) for s, t, _, _ in contents] == headings
    captions = [_text(p) for p in paragraphs if _style(p) == "Caption"]
    listed = [t for _, t, _, _ in _entries(default_build.docx, ("TableofFigures",))]
    assert listed == [c for c in captions if c.startswith("Figure")] + [
        c for c in captions if c.startswith("Table")]
    # Every line links to a bookmark on its heading or caption.
    targets = _bookmarked(body)
    for _, text, bookmark, _ in contents + _entries(default_build.docx, ("TableofFigures",)):
        assert targets[bookmark] == text
    # After the cover, before the body, which starts on a page of its own.
    titles = [_text(p) for p in paragraphs if _style(p) == "TOCHeading"]
    assert titles == ["Contents", "Figures", "Tables"]
    first = next(p for p in paragraphs if _style(p) == "Heading1")
    assert first.find(f"{W}pPr/{W}pageBreakBefore") is not None
    assert paragraphs.index(first) > max(i for i, p in enumerate(paragraphs)
                                         if _style(p) == "TableofFigures")


def test_word_is_not_asked_to_update_fields(default_build: Built) -> None:
    settings = _xml(default_build.docx, "word/settings.xml")
    assert settings.find(f"{W}updateFields") is None
    assert not [c for c in _xml(default_build.docx).iter(f"{W}fldChar")
                if c.get(f"{W}dirty") in ("1", "true", "on")]


def _lines(page: str) -> list[str]:
    return [" ".join(line.split()) for line in page.splitlines() if line.strip()]


def _on_page(text: str, page: str) -> bool:
    """The text fills whole lines of the page by itself (as a heading or caption does)."""
    lines, target = _lines(page), " ".join(text.split())
    for i in range(len(lines)):
        joined = lines[i]
        for line in lines[i + 1:i + 5]:
            if len(joined) >= len(target):
                break
            joined += " " + line
        if joined == target:
            return True
    return False


@pytest.mark.parametrize("build_name", ["default_build", "fixture_build"])
def test_contents_give_the_page_each_heading_lands_on(build_name: str,
                                                      request: pytest.FixtureRequest) -> None:
    built: Built = request.getfixturevalue(build_name)
    pdf = built.pdf_of(".docx")
    pages = pdf_pages(pdf)
    entries = _entries(built.docx, ("TOC1", "TOC2", "TableofFigures"))
    assert entries
    for _, text, _, number in entries:
        assert 2 < number <= len(pages), text
        assert _on_page(text, pages[number - 1]), (text, number)
    # The rendered contents (after the cover, before the body) show those very numbers.
    body_starts = min(number for _, _, _, number in entries)
    shown = " ".join(" ".join(_lines(page)) for page in pages[1:body_starts - 1])
    for _, text, _, number in entries:
        line = re.escape(" ".join(text.split())) + rf" ?\.{{3,}} ?{number}\b"
        assert re.search(line, shown), text


# The fixture has a CSV series too: one more chart and one more table.
@pytest.mark.parametrize(("build_name", "figures", "tables"),
                         [("default_build", 6, 2), ("fixture_build", 4, 3)])
def test_figures_and_tables_are_numbered_in_sequence(build_name: str, figures: int, tables: int,
                                                     request: pytest.FixtureRequest) -> None:
    built: Built = request.getfixturevalue(build_name)
    body = _xml(built.docx)
    for kind, count in (("Figure", figures), ("Table", tables)):
        numbers = [r for i, r in _fields(body) if i == f"SEQ {kind} \\* ARABIC"]
        assert numbers == [str(n) for n in range(1, count + 1)], kind
    captions = [p for p in body.iter(f"{W}p") if "SEQ" in "".join(
        i.text or "" for i in p.iter(f"{W}instrText"))]
    assert all(_style(p) == "Caption" for p in captions)
    # As LibreOffice shows them in the body (after the contents, which list them too).
    require_soffice()
    first = min(page for _, _, _, page in _entries(built.docx, ("TOC1",)))
    text = "\n".join(pdf_pages(built.pdf_of(".docx"))[first - 1:])
    found = re.findall(r"^(Figure|Table) (\d+): ", text, re.M)
    assert [n for k, n in found if k == "Figure"] == [str(n) for n in range(1, figures + 1)]
    assert [n for k, n in found if k == "Table"] == [str(n) for n in range(1, tables + 1)]


@pytest.mark.parametrize("build_name", ["default_build", "fixture_build"])
def test_references_to_figures_show_the_caption_number(build_name: str,
                                                       request: pytest.FixtureRequest) -> None:
    built: Built = request.getfixturevalue(build_name)
    body = _xml(built.docx)
    starts = {b.get(f"{W}name"): b for b in body.iter(f"{W}bookmarkStart")}
    refs = [(i.split()[1], r) for i, r in _fields(body) if i.startswith("REF ")]
    assert refs
    for bookmark, shown in refs:
        # The bookmark holds exactly the caption's SEQ field, whose number the reference shows.
        start = starts[bookmark]
        inside = etree.Element("x")
        el = start.getnext()
        while not (el.tag == f"{W}bookmarkEnd" and el.get(f"{W}id") == start.get(f"{W}id")):
            inside.append(etree.fromstring(etree.tostring(el)))
            el = el.getnext()
        assert _fields(inside) == [("SEQ Figure \\* ARABIC", shown)]
    flat = " ".join(pdf_text(built.pdf_of(".docx")).split())
    for _, shown in refs:
        assert f"(see Figure {shown})" in flat
    if build_name == "default_build":
        assert "up 21.9% on the same period a year earlier (see Figure 2)." in flat
        assert re.search(r"Figure 2: Bilateral trade turnover", flat)


# --- the package: ISO schemas, relationships, accessibility
@pytest.mark.parametrize("build_name", ["default_build", "fixture_build"])
def test_parts_validate_against_the_iso_schemas(build_name: str,
                                                request: pytest.FixtureRequest) -> None:
    """document, styles, settings, footnotes, headers, footers, numbering, core and app
    properties, content types and relationships: no error the template does not already have."""
    built: Built = request.getfixturevalue(build_name)
    with zipfile.ZipFile(built.docx) as z:
        names = set(z.namelist())
    assert {"word/document.xml", "word/styles.xml", "word/settings.xml", "word/footnotes.xml",
            "docProps/core.xml", "word/header1.xml", "word/footer1.xml"} <= names
    baseline = schema_errors(TEMPLATES / "briefing.docx")
    assert sorted(map(str, schema_errors(built.docx) - baseline)) == []


def test_the_schema_check_does_catch_errors(tmp_path: Path, default_build: Built) -> None:
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(default_build.docx) as zin, zipfile.ZipFile(broken, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":  # tblCaption belongs after tblStyle
                data = data.replace(b"<w:tblPr>", b'<w:tblPr><w:tblCaption w:val="x"/>', 1)
                data = data.replace(b'r:embed="rId', b'r:embed="rIdGone', 1)
            zout.writestr(item, data)
    errors = [str(e) for e in schema_errors(broken)]
    assert len(errors) == 1 and errors[0].startswith("word/document.xml: Element ")
    problems = package_problems(broken)
    assert len(problems) == 1 and "r:embed=rIdGone" in problems[0]


@pytest.mark.parametrize("build_name", ["default_build", "fixture_build"])
def test_every_relationship_id_resolves(build_name: str, request: pytest.FixtureRequest) -> None:
    built: Built = request.getfixturevalue(build_name)
    assert package_problems(built.docx) == []
    body = _xml(built.docx)
    ids = [b.get(f"{W}id") for b in body.iter(f"{W}bookmarkStart")]
    names = [b.get(f"{W}name") for b in body.iter(f"{W}bookmarkStart")]
    assert len(set(ids)) == len(ids) and len(set(names)) == len(names)
    assert sorted(ids) == sorted(b.get(f"{W}id") for b in body.iter(f"{W}bookmarkEnd"))
    assert all(len(name) <= 40 for name in names)
    anchors = {a.get(f"{W}anchor") for a in body.iter(f"{W}hyperlink")}
    assert anchors <= set(names)
    drawing = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
    shape_ids = [d.get("id") for d in body.iter(drawing)]
    assert len(set(shape_ids)) == len(shape_ids)


def test_accessible_headings_tables_pictures_and_language(default_build: Built) -> None:
    document = docx.Document(str(default_build.docx))
    body = document.element.body
    levels = [int(_style(p)[-1]) for p in body.iter(f"{W}p")
              if (_style(p) or "").startswith("Heading")]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))
    for table in body.iter(f"{W}tbl"):
        first = table.find(f"{W}tr")
        assert first.find(f"{W}trPr/{W}tblHeader") is not None
        assert table.find(f"{W}tblPr/{W}tblCaption").get(f"{W}val")
    for shape in document.inline_shapes:
        assert len(shape._inline.docPr.get("descr")) > 40
    styles = _xml(default_build.docx, "word/styles.xml")
    assert styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang").get(f"{W}val")
    assert document.core_properties.language == "en"
    app = _xml(default_build.docx, "docProps/app.xml")
    company = app.find("{http://schemas.openxmlformats.org/officeDocument/2006/"
                       "extended-properties}Company")
    assert company.text == "Compiled with reportgen from open-source press reporting"


def test_the_briefing_follows_the_order_report_yaml_gives(tmp_path: Path, no_layout: None
                                                           ) -> None:
    """`briefing:` in report.yaml decides the order; figure numbers follow it."""
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    spec = (templates / "report.yaml").read_text(encoding="utf-8")
    spec = spec.replace(
        "  - {content: sections, sections: [summary]}\n  - {content: key_figures}\n",
        "  - {content: key_figures}\n  - {content: sections, sections: [summary]}\n")
    spec = spec.replace("  - {content: timeline}\n  - {content: sources}\n",
                        "  - {content: sources}\n  - {content: timeline}\n")
    (templates / "report.yaml").write_text(spec, encoding="utf-8")
    build(BuildOptions(data=DATA, templates=templates, out=tmp_path / "out", formats=("docx",)))
    document = docx.Document(str(output_paths(DATA.name, tmp_path / "out")["docx"]))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[:2] == ["Key figures", "Executive summary"]
    assert headings[-2:] == ["Sources", "Timeline of events"]
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"
                and p.text.startswith("Figure")]
    assert captions[0].startswith("Figure 1: Year-on-year growth")
    assert captions[-1].startswith(f"Figure {len(captions)}: High-level events")


def test_a_template_without_a_page_size_gets_the_default_page(
        tmp_path: Path, default_report: Report) -> None:
    """A house's template whose last section has no w:pgSz and no w:pgMar (Word then uses its
    default page): the briefing is written for an A4 page with 2.54 cm margins, its tables and
    contents tab as wide as that text width, instead of failing."""
    from reportgen.docx.contract import text_width
    from reportgen.docx.writer import write_docx
    from reportgen.report.structure import load_structure

    template = tmp_path / "briefing.docx"
    shutil.copy(TEMPLATES / "briefing.docx", template)
    doc = docx.Document(str(template))
    sect_pr = doc.sections[-1]._sectPr
    for tag in ("w:pgSz", "w:pgMar"):
        sect_pr.remove(sect_pr.find(docx.oxml.ns.qn(tag)))
    doc.save(str(template))
    expected = Cm(21.0) - 2 * Cm(2.54)  # A4's 11906 twips, rounded to the millimetre
    assert abs(text_width(docx.Document(str(template))) - expected) < Cm(0.01)

    structure = load_structure(TEMPLATES, DATA)
    buf = io.BytesIO()
    write_docx(default_report, template, structure.table_style, buf, lambda _: 3,
               structure.word)
    written = docx.Document(buf)
    tabs = {int(tab.get(docx.oxml.ns.qn("w:pos")))
            for tab in written.element.body.iter(docx.oxml.ns.qn("w:tab"))
            if tab.get(docx.oxml.ns.qn("w:leader")) == "dot"}
    assert tabs == {11906 - 2 * 1440}  # each contents line's page number at the right margin
    widths = [sum(column.width for column in table.columns) for table in written.tables]
    assert widths and all(abs(width - expected) < Cm(0.1) for width in widths)
