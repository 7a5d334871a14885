"""Order, reference and the summary by what things are (issue 21q), on a small dataset of its
own: the total of the trips both ways is the summary's headline, not one direction's;
a share that did not move (a third party's stake) is no headline; a judgement that refers back to
"the first summit" follows that summit, never the call before it; a plan's multiple on a slide
reads as the briefing says it, never "Ferry links planned at double". The dataset is built and
the .docx and .pptx read back; the audit rules catch what the change removed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document
from pptx import Presentation

from reportgen.audit.prose import check_text

from ..conftest import content_build, minimal_with

PEOPLE = """  - {id: harpo, name: Harpo Marx, role: President of Freedonia, country: fr,
     sources: [gazette]}
  - {id: vera, name: Vera Marcal, role: Prime Minister of Sylvania, country: sy,
     sources: [gazette]}
"""
EVENTS = """events:
  - {id: call, area: politics, title: First telephone call between President Marx and Prime
     Minister Marcal, short_title: Phone call, period: 2031-03-02, kind: call,
     participants: [harpo, vera], sources: [gazette]}
  - {id: summit, area: politics, title: First summit of President Marx and Prime Minister
     Marcal on the sidelines of the river conference, short_title: First summit,
     period: 2031-05-10, kind: meeting, high_level: true, participants: [harpo, vera],
     sources: [gazette]}
"""
FIGURES = """  - {id: trips, area: humanitarian, label: Trips between Freedonia and Sylvania,
     short_label: Two-way trips, noun: trips, value: 5000000, unit: count, qualifier: more_than,
     period: 2031, sources: [almanac]}
  - {id: freedonian_visitors, area: humanitarian, label: Freedonian visitors to Sylvania,
     short_label: Freedonian visitors, noun: Freedonian visitors, value: 1800000, unit: count,
     period: 2031, change: {value: 10.2}, sources: [almanac]}
  - {id: sylvanian_visitors, area: humanitarian, label: Sylvanian visitors to Freedonia,
     short_label: Sylvanian visitors, noun: Sylvanian visitors, value: 3240000, unit: count,
     period: 2031, change: {value: 5.1}, sources: [almanac]}
  - {id: stake, area: energy, label: Grand Fenwick Oil's share of the Sylvanian refinery,
     short_label: Fenwick stake, value: 11.3, unit: percent, period: 2031-10,
     sources: [gazette]}
  - {id: ferry_links, area: transport, label: Ferry links between Freedonia and Sylvania,
     short_label: Ferry links, value: 2, unit: multiplier, status: planned, announced: true,
     period: 2031-02, sources: [gazette]}
"""
FACTS = """  - id: summit_weight
    area: politics
    kind: assessment
    text: Though short, the first summit carried symbolic weight.
    sources: [gazette]
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], list[list[str]]]:
    """The briefing's body paragraphs and each slide's title and points, read back."""
    data: Path = minimal_with(tmp_path_factory.mktemp("order"), EVENTS, FIGURES, people=PEOPLE)
    facts = data / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("facts:\n", "facts:\n" + FACTS, 1),
                     encoding="utf-8")
    paths = content_build(data, data.parent / "out")
    body = [re.sub(r"\[\d+\]| \(see Figure \d+\)", "", " ".join(p.text.split()))
            for p in Document(str(paths["docx"])).paragraphs]
    slides = [[s.shapes.title.text_frame.text if s.shapes.title is not None else "",
               *(p.text for shape in s.shapes if shape.has_text_frame
                 for p in shape.text_frame.paragraphs)]
              for s in Presentation(str(paths["pptx"])).slides]
    return [p for p in body if p], slides


def _at(body: list[str], heading: str) -> int:
    """Where a heading stands in the body (its last line: the contents list it first)."""
    return max(i for i, p in enumerate(body) if p == heading)


def _section(body: list[str], heading: str) -> list[str]:
    start = _at(body, heading) + 1
    return body[start:start + 3]


def test_the_total_of_both_ways_leads_the_summary_and_its_section(
        built: tuple[list[str], list[list[str]]]) -> None:
    body, _ = built
    text = " ".join(body)
    summary = " ".join(body[_at(body, "Executive summary"):_at(
        body, "Politics: high-level diplomacy and multilateral coordination")])
    assert "more than 5 million trips" in summary.lower(), summary
    assert "Freedonian visitors" not in summary and "Sylvanian visitors" not in summary, summary
    section = " ".join(_section(body, "Humanitarian and people-to-people ties"))
    assert "Freedonian visitors" in section and "Sylvanian visitors" in section, section
    assert text.lower().count("more than 5 million trips") == 1, text  # said once
    assert "11.3%" not in summary, summary  # a third party's stake is no headline
    assert "11.3%" in text  # its section tells it


def test_a_judgement_of_the_first_summit_follows_it(
        built: tuple[list[str], list[list[str]]]) -> None:
    body, _ = built
    text = " ".join(body)
    summit = re.search(r"[^.]*10 May 2031[^.]*\.", text)
    assert summit is not None, text
    assert text.index("the first summit carried") > summit.start(), text
    assert text.index("the first summit carried") > text.index("2 March 2031"), text


def test_a_planned_multiple_on_a_slide_reads_as_the_briefing_says_it(
        built: tuple[list[str], list[list[str]]]) -> None:
    _, slides = built
    lines = [line for slide in slides for line in slide]
    assert not [line for line in lines if "planned at" in line], lines
    said = [line for line in lines if "ferry links between freedonia and sylvania" in line.lower()]
    assert said and all("would double" in line for line in said), lines


def test_the_rules_catch_what_the_change_removed() -> None:
    found = check_text([("paragraph 1", "Though short, the first summit carried symbolic "
                         "weight."), ("paragraph 2", "The first summit of President Marx and "
                                                     "Prime Minister Marcal was on 10 May.")],
                       "briefing", "body")
    assert [f for f in found if "order.reference_ahead" in str(f)], found
    found = check_text([("slide 5", "Electricity links planned at double")], "deck", "points")
    assert [f for f in found if "deck.label_planned_at" in str(f)], found
    told = check_text([("paragraph 1", "The first summit of President Marx and Prime Minister "
                        "Marcal was on 10 May."), ("paragraph 2", "Though short, the first "
                                                                  "summit carried weight.")],
                      "briefing", "body")
    assert not [f for f in told if "order.reference_ahead" in str(f)], told
