"""What leads (issue 21r): the summary opens with the year's main event, before what is said of
it ("The state visit marked …" only after the visit is told); a section with no key figure opens
with a flow of money that moved rather than with a forum's count of companies, and its slide is
titled with that flow; the audit flags a paragraph that names an event before introducing it, a
qualifier said twice and two slides with the same title. The tests build a small dataset and
read the .docx and .pptx back."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from docx import Document
from pptx import Presentation

from reportgen.audit.prose import check_briefing, check_deck, check_text

from ..conftest import FIXTURES, content_build

# A trade figure compared with the year before (context: no key figure in its section), and a
# business forum, a high-level event of two days that gave a count of firms represented.
METRICS = """  - {id: duck_trade, area: transport, label: Trade in ducks between the two countries,
     short_label: Duck trade, value: 40000000, unit: EUR, period: 2031-01/2031-10,
     context: true, compare_with: duck_trade_before, sources: [almanac]}
  - {id: duck_trade_before, area: transport, label: Trade in ducks between the two countries,
     short_label: Duck trade, value: 52000000, unit: EUR, period: 2030-01/2030-10,
     context: true, sources: [almanac]}
  - {id: forum_firms, area: transport, label: Freedonian firms represented at the duck forum,
     short_label: Firms at the forum, noun: Freedonian firms, verb: represented, value: 22,
     unit: count, period: 2031-05-12/2031-05-13, sources: [almanac]}
"""
EVENTS = """  - id: duck_forum
    area: transport
    title: First Freedonian–Sylvanian Duck Forum
    short_title: Duck forum
    period: 2031-05-12/2031-05-13
    high_level: true
    participants: [rufus_firefly]
    metrics: [forum_firms]
    sources: [almanac]
"""
# What the summary says of the visit, which must follow the visit.
FACTS = """  - {id: visit_marked, area: summary, kind: assessment,
     text: The state visit marked a turning point in relations between the two kingdoms.,
     sources: [gazette]}
"""


def _add(path: Path, head: str, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(head, head + text, 1),
                    encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    data = tmp_path_factory.mktemp("lead") / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    _add(data / "metrics.yaml", "metrics:\n", METRICS)
    _add(data / "events.yaml", "events:\n", EVENTS)
    _add(data / "facts.yaml", "facts:\n", FACTS)
    return content_build(data, data.parent / "out")


def _body(docx: Path) -> list[tuple[str, str]]:
    """(heading, paragraph) of the briefing's running text."""
    out, heading = [], ""
    for p in Document(str(docx)).paragraphs:
        text = " ".join(p.text.split())
        if p.style is not None and p.style.name.startswith("Heading"):
            heading = text
        elif text:
            out.append((heading, text))
    return out


def test_the_summary_opens_with_the_years_main_event_then_what_is_said_of_it(
        built: dict[str, Path]) -> None:
    summary = [text for heading, text in _body(built["docx"]) if heading == "Executive summary"
               and not text.startswith("This briefing reviews")]  # the occasion it draws on
    first = summary[0]
    assert first.startswith("Queen Gloria Teasdale"), first
    assert "visit" in first.split(".")[0]
    marked = " ".join(summary)
    assert marked.index("The state visit marked") > marked.index("visit")
    assert [str(f) for f in check_briefing(built["docx"].read_bytes(), "briefing")
            if "referent_first" in str(f)] == []


def test_a_flow_that_moved_opens_its_section_and_titles_its_slide(
        built: dict[str, Path]) -> None:
    """Transport has no key figure and a high-level forum: the duck trade, which fell, opens
    the section before the forum, and titles the section's slide, not "22 Freedonian firms
    represented"."""
    transport = [text for heading, text in _body(built["docx"]) if heading.startswith(
        "Transport")]
    assert transport[0].startswith("Trade in ducks between the two countries fell to €40 "
                                   "million"), transport[0]
    body = " ".join(transport)
    assert body.index("Duck Forum") > body.index("Trade in ducks")
    titles = [s.shapes.title.text_frame.text for s in Presentation(str(built["pptx"])).slides
              if s.shapes.title is not None]
    assert any(t.startswith("Duck trade down to €40 million") for t in titles), titles
    assert not any(t.startswith("22 Freedonian firms") for t in titles), titles
    assert len(titles) == len(set(titles))
    assert check_deck(built["pptx"].read_bytes(), "deck") == []


def test_the_audit_flags_an_event_named_before_it_is_told_and_a_qualifier_twice() -> None:
    found = check_text([
        ("summary", "The state visit marked a new phase. Trade rose 5% to $2 billion. The "
                    "prime minister paid a state visit to Kenya in February."),
        ("energy", "Imports reached up to up to 122 million kWh a month."),
        ("ok", "The minister paid an official visit to Addis Ababa in May. The official "
               "visit opened talks.")], "b.docx", "body")
    ids = sorted((f.field, f.message.split(":")[0]) for f in found)
    assert ("summary", "order.referent_first") in ids
    assert ("energy", "deck.qualifier_twice") in ids
    assert not any(where == "ok" for where, _ in ids), ids


def test_the_audit_flags_two_slides_with_the_same_title() -> None:
    deck = Presentation()
    layout = deck.slide_layouts[1]
    for title in ("Trade up 88% to 672 million kWh", "Abiy visits Kenya",
                  "Trade up 88% to 672 million kWh"):
        slide = deck.slides.add_slide(layout)
        slide.shapes.title.text = title
        body = slide.placeholders[1].text_frame
        body.text = "One point with 3 figures"
        for n in (1, 2):
            body.add_paragraph().text = f"Point {n} with {n} figures"
    buf = io.BytesIO()
    deck.save(buf)
    found = [f for f in check_deck(buf.getvalue(), "d.pptx") if "title_twice" in str(f)]
    assert [f.field for f in found] == ["slide 3"]
