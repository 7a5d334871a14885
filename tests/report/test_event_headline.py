"""An event whose title is a headline with a country or an entity of the dataset as its
subject ("Freedonia declares a state of emergency at its borders", "The Sylvanian Border Service
closes two crossings") is told as that headline in the past tense, in its section and as the
summary's main event, whoever took part and whatever its kind: never "X took part in the
Freedonia declares …", "The year's main event was Freedonia declares …" or "… closes … took
effect". A noun phrase whose plural reads as a verb ("Ceasefire talks in …") is no headline."""

from __future__ import annotations

from pathlib import Path

from ..conftest import gathered, minimal_with

EVENTS = """events:
  - id: emergency
    area: politics
    title: Freedonia declares a state of emergency at its borders
    short_title: State of emergency
    period: 2031-04-26
    high_level: true
    participants: [rufus_firefly]
    sources: [gazette]
  - id: closure
    area: politics
    title: The Sylvanian Border Service closes two crossings with Freedonia
    short_title: Crossings closed
    period: 2031-05-18
    kind: closure
    sources: [gazette]
  - id: talks
    area: politics
    title: Ceasefire talks in the capital
    short_title: Ceasefire talks
    period: 2031-06-02
    participants: [rufus_firefly, queen_teasdale]
    sources: [gazette]
"""

ORGANISATIONS = "  - {id: sbs, name: Sylvanian Border Service, sources: [gazette]}\n"


def _text(root: Path) -> tuple[str, str]:
    data = minimal_with(root, EVENTS, organisations=ORGANISATIONS)
    report = gathered(data).report
    summary = " ".join(b.text for b in report.sections[0].section.blocks)
    body = " ".join(b.text for s in report.sections[1:] for b in s.section.blocks)
    return summary, body


def test_a_headline_title_is_told_as_what_happened(tmp_path: Path) -> None:
    summary, body = _text(tmp_path)
    assert "Freedonia declared a state of emergency at its borders in April 2031" in summary
    assert "main event was Freedonia declares" not in summary
    assert "Freedonia declared a state of emergency at its borders on 26 April 2031" in body
    assert "took part in" not in body and "declares" not in body
    assert "The Sylvanian Border Service closed two crossings with Freedonia on 18 May 2031" \
        in body
    assert "took effect" not in body
    assert "Ceasefire talked" not in body and "met on 2 June 2031" in body
