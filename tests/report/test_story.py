"""A section in the order an analyst tells it, a summary that tells the year and slides titled
with their main point (issue 21o), on a small dataset of a pair no fixture has:

- a section its events lead opens with its background (a standing length; an assessment its
  events' source gives of no event in particular), then tells its events and the facts its text
  dates by a month in time order (the May escalation before the July clashes; the October
  suspension before the November fighting);
- a section its figures lead opens with the figure of several months, before one month's, and
  tells an event between the figures before and after it (a closure before the fall);
- the summary tells the turn of the year's figure, never its first half alone;
- the politics slide is titled with what the main event cost; no slide but the outlook's says
  what lies ahead, and the summary's slide carries no outlook item.

Each reads the built .docx/.pptx back; the audit's story rules flag the faults they name.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document
from pptx import Presentation

from reportgen.audit.prose import check_briefing, check_deck
from reportgen.audit.prose_story import summary_month, titles_ahead
from reportgen.audit.slides import _Slide

from ..conftest import FIXTURES, content_build

SOURCES = """  - {id: herald, publisher: The River Herald, kind: news report,
     description: The autumn on the river.}
  - {id: ledger, publisher: Sylvanian Ledger, kind: news report,
     description: The ceasefire and its roots.}
"""
EVENTS = """events:
  - {id: clashes, area: politics, title: Clashes on the disputed river border,
     short_title: River clashes, period: 2031-07-10/2031-07-14, high_level: true,
     metrics: [clash_deaths], outcomes: [the two sides recalled their ambassadors],
     sources: [gazette]}
  - {id: ceasefire, area: politics, title: Ceasefire talks in Sylvania City,
     short_title: Ceasefire talks, period: 2031-09-02, kind: meeting,
     participants: [queen_teasdale, rufus_firefly], places: [sylvania_city],
     outcomes: [the two sides agreed to a ceasefire], sources: [ledger]}
  - {id: fighting, area: politics, title: Renewed fighting on the river,
     short_title: Renewed fighting, period: 2031-11, high_level: true, sources: [herald]}
  - {id: closure, area: economy, title: Closure of the river crossings,
     short_title: Crossings closed, period: 2031-06-05, sources: [almanac]}
"""
FACTS = """facts:
  - {id: suspension, area: politics, kind: statement,
     text: "Sylvania suspended the ceasefire in October after new incidents on the river.",
     sources: [herald]}
  - {id: roots, area: politics, kind: assessment,
     text: "The dispute goes back to a nineteenth-century map of the river.",
     sources: [ledger]}
  - {id: escalation, area: politics, kind: statement,
     text: "The dispute escalated in May, when a fishing boat was seized.", sources: [almanac]}
  - {id: talks_ahead, area: outlook, kind: outlook,
     text: "Talks on the river border are to resume in the spring.", sources: [ledger]}
"""
METRICS = """metrics:
  - {id: river_border, area: politics, label: River border between Freedonia and Sylvania,
     short_label: River border, value: 300, unit: km, period: 2031, sources: [almanac]}
  - {id: clash_deaths, area: politics, label: People killed in the river clashes,
     short_label: Deaths in the clashes, noun: people, verb: killed, value: 12,
     qualifier: at_least, unit: count, period: 2031-07, sources: [gazette]}
  - {id: trade_august, area: economy, label: River trade between Freedonia and Sylvania,
     short_label: River trade, value: 2000000, unit: EUR, period: 2031-08,
     change: {value: -90}, sources: [almanac]}
  - {id: trade_spring, area: economy, label: River trade between Freedonia and Sylvania,
     short_label: River trade, value: 90000000, unit: EUR, period: 2031-01/2031-05,
     change: {value: 8}, sources: [almanac]}
"""
CHARTS = """charts:
  - {id: timeline, area: politics, kind: timeline, title: High-level events of the year}
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    data = tmp_path_factory.mktemp("story") / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    sources = data / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8").replace(
        "sources:\n", "sources:\n" + SOURCES, 1), encoding="utf-8")
    for name, text in (("events", EVENTS), ("facts", FACTS), ("metrics", METRICS),
                       ("charts", CHARTS)):
        (data / f"{name}.yaml").write_text(text, encoding="utf-8")
    return content_build(data, data.parent / "out")


def _sections(path: Path) -> dict[str, str]:
    """The briefing's sections by heading: their text, as a reader reads it."""
    out: dict[str, list[str]] = {}
    heading = ""
    for p in Document(str(path)).paragraphs:
        if p.style is not None and p.style.name.startswith("Heading 1"):
            heading = p.text.strip()
            out[heading] = []
        elif heading:
            out[heading].append(" ".join(p.text.split()))
    return {k: " ".join(v) for k, v in out.items()}


def _in_order(text: str, *words: str) -> None:
    at = [text.index(w) for w in words]
    assert at == sorted(at), list(zip(words, at, strict=True))


def test_a_section_of_events_opens_with_its_background_then_tells_the_year_in_time_order(
        built: dict[str, Path]) -> None:
    politics = next(v for k, v in _sections(built["docx"]).items() if k.startswith("Politics"))
    _in_order(politics, "300 kilometres", "nineteenth-century map", "escalated in May",
              "10–14 July 2031", "ceasefire in October", "November 2031")


def test_a_section_of_figures_opens_with_the_months_so_far_and_tells_a_cause_first(
        built: dict[str, Path]) -> None:
    economy = next(v for k, v in _sections(built["docx"]).items() if k.startswith("Economy"))
    _in_order(economy, "January–May 2031", "5 June 2031", "August 2031")


def test_the_summary_tells_the_turn_of_the_year(built: dict[str, Path]) -> None:
    summary = _sections(built["docx"])["Executive summary"]
    assert "January–May 2031, and fell 90% to €2 million in August 2031" in summary
    assert "to resume" not in summary
    assert not [f for f in check_briefing(built["docx"].read_bytes(), "briefing")
                if "order.summary_month" in str(f)]


def test_slides_are_titled_with_their_main_point_and_the_summary_s_holds_no_outlook(
        built: dict[str, Path]) -> None:
    slides = [(s.shapes.title.text_frame.text if s.shapes.title is not None else "",
               " ".join(sh.text_frame.text for sh in s.shapes if sh.has_text_frame))
              for s in Presentation(str(built["pptx"])).slides]
    titles = [t for t, _ in slides]
    assert "At least 12 people killed in river clashes" in titles
    summary = slides[2][1]
    assert "to resume" not in summary
    assert not [f for f in check_deck(built["pptx"].read_bytes(), "deck")
                if "deck.title_ahead" in str(f)]


def test_the_story_rules_flag_a_month_leading_the_summary_and_a_title_that_looks_ahead(
        ) -> None:
    said = ["The queen visited Freedonia in March 2031.",
            "Exports rose 7.1% to €818 million in October 2031.",
            "Trade fell 3% to €34.3 billion in January–September 2031."]
    assert [f.message.split(":")[0] for f in summary_month(said, 2, "b")] == [
        "order.summary_month"]
    assert not summary_month([said[0], said[2], said[1]], 2, "b")
    slides = [_Slide(3, "A trade mission is to be led by the envoy", ["a", "b", "c"], 3, False),
              _Slide(4, "Trade up 5% to €1 billion", ["a", "b", "c"], 3, False),
              _Slide(5, "Talks are to resume in 2032", ["a", "b", "c"], 3, False)]
    assert [f.field for f in titles_ahead(slides, "d", "en")] == ["slide 3"]
