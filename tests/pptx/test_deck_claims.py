"""The deck says the same as the briefing, shorter (issue 21): each section's slide is titled
with its main point, carries three to five short claims, none a "Label at value" row, none the
title again, none a section's heading; a thin section shares a slide only under a title that
says both. Built from a small dataset and read back with python-pptx."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from pptx import Presentation

from reportgen.audit.prose import _slides as _slides_of
from reportgen.audit.prose import check_deck
from reportgen.pipeline.build import BuildOptions, build, output_paths

from ..conftest import FIXTURES, TEMPLATES

FIGURES = """
  - id: arrivals_share
    area: economy
    label: Share of Sylvanians in Freedonia's foreign arrivals
    short_label: Share of arrivals
    value: 25.5
    unit: percent
    period: 2031
    sources: [almanac]
  - id: trade_target_2035
    area: outlook
    label: Longer-term bilateral trade target
    short_label: Trade target 2035
    value: 2000000000
    unit: EUR
    period: 2035
    status: target
    context: true
    sources: [gazette]
"""
EVENTS = """
  - id: summit
    area: politics
    title: Summit of the two heads of state in Sylvania
    short_title: Summit in Sylvania
    period: 2031-06-10/2031-06-12
    high_level: true
    sources: [gazette]
  - id: summit_talks
    area: politics
    title: Talks of the two heads of state during the summit
    short_title: Heads of state's talks
    period: 2031-06-11
    sources: [gazette]
"""
HEADINGS = {"Executive summary", "Politics: high-level diplomacy and multilateral coordination",
            "Economy and trade", "Outlook"}


def _slides(tmp_path: Path) -> tuple[bytes, list[tuple[str, list[str], bool]]]:
    data = Path(shutil.copytree(FIXTURES / "minimal", tmp_path / "deck-points"))
    with (data / "metrics.yaml").open("a", encoding="utf-8") as f:
        f.write(FIGURES)
    with (data / "events.yaml").open("a", encoding="utf-8") as f:
        f.write(EVENTS)
    build(BuildOptions(data=data, templates=TEMPLATES, out=tmp_path / "out", formats=("pptx",)))
    pptx = output_paths(data.name, tmp_path / "out")["pptx"]
    slides = []
    for slide in Presentation(str(pptx)).slides:
        title = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
        points = [p.text for shape in slide.shapes
                  if shape.has_text_frame and shape != slide.shapes.title
                  for p in shape.text_frame.paragraphs if p.text.strip()]
        slides.append((title, points, any(getattr(s, "has_chart", False)
                                          for s in slide.shapes)))
    return pptx.read_bytes(), slides


def test_points_are_short_claims_titles_main_points_and_thin_sections_share_a_slide(
        tmp_path: Path, no_layout: None) -> None:
    data, slides = _slides(tmp_path)
    points = [p for _, ps, _ in slides for p in ps]
    # A share as a claim, not "Share of arrivals at 25.5% in 2031" (the section's points: a
    # slide of five may leave it to the speaker notes).
    assert not any(p.startswith("Share of arrivals at") for p in points)
    from ..conftest import gathered

    economy = next(s.section for s in gathered(tmp_path / "deck-points").report.sections
                   if s.section.id == "economy")
    claims = [b.text for b in economy.points]
    assert any("25.5%" in c and "arrivals" in c for c in claims), claims
    assert not any(c.startswith("Share of arrivals at") for c in claims), claims
    # A target's year said once: "Trade target of €2 billion by 2035".
    target = next(p for p in points if "€2 billion" in p)
    assert target.count("2035") == 1 and "Trade target 2035" not in target
    # The talks of the summit are part of it, not a point of their own.
    assert not any("Heads of state's talks" in p for p in points)
    # No section's heading among a slide's points; no slide of points titled with a heading
    # (a divider, which has no points, is titled with its section's name).
    shown = [s for s in _slides_of(io.BytesIO(data)) if s.bullets and not s.pictured]
    assert shown and not [s.title for s in shown if s.title in HEADINGS - {"Outlook"} or
                          HEADINGS & set(s.bulleted)][1:]  # the agenda lists them
    assert all(3 <= s.bullets <= 5 for s in shown[1:])
    # The house-style check of the deck: no "Label at value", year twice, title again, slide of
    # one or two or more than five points, heading as a point.
    assert [str(f) for f in check_deck(data, "d.pptx")] == []
