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
    assert any(f.endswith('text "北京": is in Hani script but tagged en-US') for f in found)


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
    for event in default_report.timeline_chart.spec.events:
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
