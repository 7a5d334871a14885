"""An event's title that opens with a name's possessive takes no article where it is a subject:
"The year's main event was Special Envoy Firefly's state visit …", never "was the Special
Envoy Firefly's"."""

from __future__ import annotations

from pathlib import Path

from ..conftest import gathered, minimal_with

EVENTS = """events:
  - id: royal_visit
    area: politics
    title: {title}
    short_title: Queen's state visit
    period: 2031-03
    high_level: true
    sources: [gazette]
"""


def _summary(root: Path, title: str) -> str:
    data = minimal_with(root, EVENTS.format(title=title))
    report = gathered(data).report
    return " ".join(b.text for b in report.sections[0].section.blocks)


def test_a_possessive_title_takes_no_article(tmp_path: Path) -> None:
    summary = _summary(tmp_path / "owned", "Special Envoy Firefly's state visit to Sylvania")
    opening = "The year's main event was Special Envoy Firefly's state visit to Sylvania"
    assert f"{opening} in March 2031" in summary
    assert "the Special Envoy Firefly's" not in summary


def test_a_title_that_names_a_thing_keeps_its_article(tmp_path: Path) -> None:
    summary = _summary(tmp_path / "plain", "State visit to Freedonia")
    assert "the state visit to Freedonia in March 2031" in summary
