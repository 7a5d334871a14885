"""The accessibility check of the Word briefing: the shipped builds pass; a deliberately broken
template (a picture without alt text, a skipped heading level, a pale text colour) and broken
documents are caught, each finding at its paragraph."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, RGBColor
from PIL import Image

from reportgen.audit import audit_briefing
from reportgen.cli import cli
from reportgen.docx.writer import write_docx
from reportgen.errors import Problem
from reportgen.pipeline.build import output_paths
from reportgen.report.structure import load_structure
from reportgen.report.tree import Report

from ..conftest import DATA, TEMPLATES, Built


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), "navy").save(buf, format="PNG")
    return buf.getvalue()


@pytest.fixture(scope="module")
def broken_build(tmp_path_factory: pytest.TempPathFactory, default_report: Report) -> Built:
    """The default briefing written with a Word template an author broke in three ways (no
    layout pass: the check reads the document, not its pages)."""
    root = tmp_path_factory.mktemp("broken-word")
    templates = root / "templates"
    shutil.copytree(TEMPLATES, templates)
    doc = Document(str(templates / "briefing.docx"))
    doc.styles["Body Text"].font.color.rgb = RGBColor(0xBB, 0xBB, 0xBB)  # 1.9:1 on white
    cover = doc.paragraphs[-1]
    cover.insert_paragraph_before("Purpose of this note", style=doc.styles["Heading 2"])
    logo = cover.insert_paragraph_before().add_run().add_picture(io.BytesIO(_png()),
                                                                 width=Cm(2))
    logo._inline.docPr.set("name", "logo.png")
    doc.save(str(templates / "briefing.docx"))
    paths = output_paths(DATA.name, root / "out")
    paths["docx"].parent.mkdir(parents=True)
    with paths["docx"].open("wb") as out:
        write_docx(default_report, templates / "briefing.docx",
                   load_structure(templates).table_style, out)
    return Built(docx=paths["docx"], pptx=paths["pptx"], folder=paths["docx"].parent)


def _findings(path: Path) -> list[Problem]:
    return audit_briefing(path.read_bytes(), path.name)


@pytest.mark.parametrize("build", ["default_build", "fixture_build"])
def test_the_shipped_briefings_have_no_finding(build: str, request: pytest.FixtureRequest
                                               ) -> None:
    built: Built = request.getfixturevalue(build)
    assert [str(f) for f in _findings(built.docx)] == []


def test_a_broken_template_is_caught_at_its_place(broken_build: Built) -> None:
    found = [str(f) for f in _findings(broken_build.docx)]
    name = broken_build.docx.name
    assert len(found) == 3, found
    heading, picture, colour = sorted(found, key=lambda f: ("skips" not in f, "picture" not in f))
    assert heading.startswith(f'{name}: paragraph ') and \
        'heading "Purpose of this note": warning: skips from level 0 to level 2' in heading
    assert 'picture "logo.png": warning: has no alternative text' in picture
    assert ": warning: #BBBBBB on #FFFFFF has a contrast of 1.9:1, under 4.5:1 (style Body " \
           "Text)" in colour and " more" in colour  # one finding per colour, not per run


@pytest.mark.parametrize("command", [["audit"], ["check", "--outputs"]])
def test_audit_lists_them_and_fails(broken_build: Built, command: list[str]) -> None:
    """`reportgen audit`, and `check --outputs` as first documented, on a build's outputs."""
    runner = CliRunner()
    result = runner.invoke(cli, [*command, "--data", str(DATA), "--out",
                                 str(broken_build.folder.parent)])
    assert result.exit_code == 1
    assert "3 accessibility or house-style findings" in result.output
    assert "has no alternative text" in result.output
    assert f"{broken_build.docx.name}: paragraph " in result.output


def test_audit_of_a_clean_build_passes(default_build: Built) -> None:
    result = CliRunner().invoke(cli, ["audit", str(DATA), "--out",
                                      str(default_build.folder.parent)])
    assert result.exit_code == 0, result.output
    assert result.output.endswith(": no accessibility or house-style finding\n")
    assert default_build.docx.name in result.output


def test_audit_without_a_build_says_to_build(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["audit", str(DATA), "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "no briefing or deck to check; run reportgen build first" in result.output


def _body(doc: Document) -> tuple[bytes, str]:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue(), "b.docx"


def test_documents_broken_after_the_build_are_caught(default_build: Built) -> None:
    doc = Document(str(default_build.docx))
    table = doc.tables[0]
    header = table.rows[0]._tr
    header.trPr.remove(header.trPr.find(qn("w:tblHeader")))
    span = OxmlElement("w:gridSpan")
    span.set(qn("w:val"), "2")
    header.tc_lst[0].get_or_add_tcPr().append(span)
    doc.add_paragraph().add_run("北京")  # Han script in a run tagged only by the defaults
    doc.styles.element.find(f".//{qn('w:docDefaults')}//{qn('w:lang')}").set(qn("w:val"), "")
    found = [f"{f.field}: {f.message}" for f in audit_briefing(*_body(doc))]
    assert "document language: is not set, so a screen reader reads the briefing in its " \
           "user's own language" in found
    table_finding = [f for f in found if "table \"" in f]
    assert len(table_finding) == 2 and "has no header row" in table_finding[0]
    assert "merged cells in its header row" in table_finding[1]
    # the run takes its language from the document defaults: that setting, said once
    assert any(f.startswith("document defaults: language: tags text in Hani script as en-US")
               for f in found), found


@pytest.mark.parametrize(("text", "expected"), [
    ("here", 'says "here", not where it goes'),
    ("https://example.org/report.pdf", "is a bare address"),
    ("The ministry's 2025 trade statistics", None),
])
def test_link_texts_say_where_they_go(default_build: Built, text: str, expected: str | None
                                      ) -> None:
    doc = Document(str(default_build.docx))
    paragraph = doc.add_paragraph()
    rel = doc.part.relate_to("https://example.org/", "http://schemas.openxmlformats.org/"
                             "officeDocument/2006/relationships/hyperlink", is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)
    found = [f.message for f in audit_briefing(*_body(doc)) if f.field.endswith(": link")]
    assert (found and expected in found[0]) if expected else not found


def test_the_timeline_chart_has_its_data_table_next_to_it(default_build: Built,
                                                          default_report: Report) -> None:
    """A complex chart is not left to its picture: the events table follows it, under the same
    heading, with a row for every event (the deck's picture carries them in its alt text)."""
    doc = Document(str(default_build.docx))
    body = list(doc.element.body.iterchildren(qn("w:p"), qn("w:tbl")))
    start = next(i for i, el in enumerate(body)
                 if any(d.get("name") == "Chart timeline" for d in el.iter(qn("wp:docPr"))))
    following = body[start + 1:]
    table = next(el for el in following if el.tag == qn("w:tbl"))
    headings = [el for el in following[:following.index(table)]
                if el.find(f"{qn('w:pPr')}/{qn('w:pStyle')}") is not None and
                el.find(f"{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val")).startswith("Heading")]
    assert not headings
    rows = ["".join(t.text or "" for t in tr.iter(qn("w:t"))) for tr in table.iter(qn("w:tr"))]
    assert len(rows) == len(default_report.timeline.rows) + 1
    for row in default_report.timeline.rows:
        assert any("".join(r.text for r in row[0]) in text for text in rows[1:])
    assert default_report.timeline_chart is not None
    for event in default_report.timeline_chart.events:
        assert event.label.split("\n")[0].split()[0] in default_report.timeline_chart.alt


def test_the_document_language_must_be_the_datasets(default_build: Built) -> None:
    """An edition written in Azerbaijani from a template tagged English is found."""
    data = default_build.docx.read_bytes()
    assert audit_briefing(data, "b.docx", "en") == []
    found = [f"{f.field}: {f.message}" for f in audit_briefing(data, "b.docx", "az")]
    assert found == ["document language: is en-GB, but the text is written in az (the "
                     "dataset's language:)"]


@pytest.mark.parametrize("locale", ["az", "zh"])
def test_every_edition_has_no_finding(edition_builds: dict[str, Built], locale: str) -> None:
    """The Azerbaijani and Chinese editions, briefing and deck, are checked as the English one:
    their languages set (Chinese through w:eastAsia), their alt texts long enough in words or
    characters, the Latin letters of a Chinese slide ("1,570MW") no mismatch."""
    from reportgen.audit import audit_deck

    built = edition_builds[locale]
    found = audit_briefing(built.docx.read_bytes(), built.docx.name, locale)
    found += audit_deck(built.pptx.read_bytes(), built.pptx.name, locale)
    assert [str(f) for f in found] == []


@pytest.mark.parametrize(("alt", "short"), [
    ("新宣布的可再生能源装机容量柱状图：1,570MW。", False),  # Chinese: one word per character
    ("柱状图", False),
    ("图表", True),
    ("Bar chart", True),
    ("Bar chart of trade", False),
])
def test_an_alt_text_is_long_enough_in_words_or_characters(alt: str, short: bool) -> None:
    from reportgen.audit.wording import alt_problem

    assert (alt_problem(alt, "Chart 1") is not None) == short


def _document(body: str, styles: str = "", defaults_lang: str = "en-GB") -> bytes:
    """A small .docx: python-docx's own, with these body paragraphs and extra styles."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    doc = Document()
    rpr = doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    for lang in rpr.findall(qn("w:lang")):
        rpr.remove(lang)
    rpr.append(parse_xml(f'<w:lang {nsdecls("w")} w:val="{defaults_lang}"/>'))
    for style in list(parse_xml(f'<w:styles {nsdecls("w")}>{styles}</w:styles>')):
        doc.styles.element.append(style)
    document = doc.element.body
    for p in list(parse_xml(f'<w:body {nsdecls("w")}>{body}</w:body>')):
        document.insert(len(document) - 1, p)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def test_a_template_language_setting_is_one_finding_naming_the_setting() -> None:
    """A house's Normal-based style tagged ru-RU under English text: one finding for the
    setting (it was one per paragraph, 187 for one template), with the setting to change."""
    styles = ('<w:style w:type="paragraph" w:styleId="Brod"><w:name w:val="Brod"/>'
              '<w:rPr><w:lang w:val="ru-RU"/></w:rPr></w:style>')
    body = "".join(f'<w:p><w:pPr><w:pStyle w:val="Brod"/></w:pPr><w:r><w:t>English text '
                   f'{n}</w:t></w:r></w:p>' for n in range(40))
    body += '<w:p><w:r><w:rPr><w:lang w:val="ru-RU"/></w:rPr><w:t>Own run</w:t></w:r></w:p>'
    findings = audit_briefing(_document(body, styles), "x.docx", "en")
    script = [f for f in findings if "script" in f.message]
    assert [(f.field, f.message) for f in script] == [
        ('paragraph 41: text "Own run"', "is in Latn script but tagged ru-RU"),
        ("style 'Brod': language", "tags text in Latn script as ru-RU (first at paragraph 1)")]
    assert "Modify Style › Format › Language" in script[1].hint


@pytest.mark.parametrize("tag", ["en-RU", "en-GB", "nb-NO", "de-CH-1996", "sr-Latn-RS"])
def test_a_well_formed_tag_is_a_language_tag(tag: str) -> None:
    findings = audit_briefing(_document("<w:p><w:r><w:t>Text</w:t></w:r></w:p>",
                                        defaults_lang=tag), "x.docx")
    assert not [f for f in findings if "language tag" in f.message]


def test_not_a_tag_is_still_found() -> None:
    findings = audit_briefing(_document("<w:p><w:r><w:t>Text</w:t></w:r></w:p>",
                                        defaults_lang="english please"), "x.docx")
    assert [f.message for f in findings] == ['"english please" is not a language tag']


def _band(text_colour: str, table_fill: str, first_row_fill: str = "") -> bytes:
    first = (f'<w:tblStylePr w:type="firstRow"><w:tcPr><w:shd w:val="clear" w:fill='
             f'"{first_row_fill}"/></w:tcPr></w:tblStylePr>' if first_row_fill else "")
    styles = (f'<w:style w:type="table" w:styleId="Band"><w:name w:val="Band"/><w:tcPr>'
              f'<w:shd w:val="clear" w:fill="{table_fill}"/></w:tcPr>{first}</w:style>')
    cell = (f'<w:tc><w:p><w:r><w:rPr><w:color w:val="{text_colour}"/></w:rPr><w:t>Title on a '
            f'band</w:t></w:r></w:p></w:tc>')
    body = (f'<w:tbl><w:tblPr><w:tblStyle w:val="Band"/></w:tblPr><w:tblGrid><w:gridCol '
            f'w:w="5000"/></w:tblGrid><w:tr>{cell}</w:tr><w:tr>{cell}</w:tr></w:tbl>')
    return _document(body, styles)


@pytest.mark.parametrize(("text", "fill", "first", "found"), [
    ("FFFFFF", "12355B", "", []),  # white on the band's dark blue: fine (was "on #FFFFFF")
    ("000000", "12355B", "", ["#000000 on #12355B"]),  # black on dark blue: caught
    ("FFFFFF", "FFFFFF", "12355B", ["#FFFFFF on #FFFFFF"]),  # the header row's fill only
])
def test_contrast_is_measured_against_the_table_style_s_fill(text: str, fill: str, first: str,
                                                             found: list[str]) -> None:
    findings = audit_briefing(_band(text, fill, first), "x.docx")
    contrast = [f.message for f in findings if "contrast" in f.message]
    assert len(contrast) == len(found)
    assert all(pair in message for pair, message in zip(found, contrast, strict=True))
