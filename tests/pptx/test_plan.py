"""The deck's plan, decided from the Report and report.yaml alone: no PowerPoint template is
opened here."""

from __future__ import annotations

import sys

from reportgen.pptx.plan import MAX_POINTS, SPARSE_LINES, DeckPlan, Planned
from reportgen.report.slides import repeats

from ..conftest import DATA, FIXTURES, gathered


def _plan(data=DATA) -> list[Planned]:  # type: ignore[no-untyped-def]
    found = gathered(data)
    structure, report = found.structure, found.report
    return DeckPlan(report, structure, lambda layout: layout != "Text").plan()


def test_the_plan_follows_the_deck_list_without_opening_a_template() -> None:
    sys.modules.pop("reportgen.pptx.writer", None)
    planned = _plan()
    assert "reportgen.pptx.writer" not in sys.modules  # nothing drawn, nothing opened
    kinds = [p.kind for p in planned]
    assert kinds[:3] == ["title", "agenda", "key_figures"]
    assert kinds[-1] == "sources"
    sections = [p for p in planned if p.kind == "section"]
    assert [p.title for p in sections][0] == "Executive summary"
    agenda = planned[1].lines
    assert [line.text for line in agenda][0] == "Key figures"
    assert planned[2].cards and all(card[0].color == "emphasis" and card[2].color == "muted"
                                    for card in planned[2].cards)
    assert all(p.notes for p in planned if p.kind != "title") and planned[0].notes


def test_sections_of_one_or_two_points_share_a_slide() -> None:
    """Georgia–Armenia: the summary, politics and economy's remaining points are thin; they
    share one slide titled with their names (their main points do not fit one title), with no
    section's heading among the points, three to five points."""
    planned = _plan(FIXTURES / "georgia-armenia-2024")
    merged = [p for p in planned if p.kind == "merged"]
    assert len(merged) == 1
    assert merged[0].sections == ["summary", "politics", "economy"]
    assert merged[0].title == "Executive summary · Politics · Economy and trade"
    assert not any(line.bold or not line.bullet for line in merged[0].lines)
    assert SPARSE_LINES <= len(merged[0].lines) <= MAX_POINTS
    thin = [p for p in planned if p.kind == "section" and not p.charts
            and 0 < len(p.lines) < SPARSE_LINES]
    assert thin == []  # none left on a slide of its own
    kinds = [p.kind for p in planned]
    assert kinds.index("merged") < kinds.index("section")  # the summary before economy's chart


def test_a_thin_section_joins_a_slide_whose_title_says_both() -> None:
    """India–UAE: energy's one point joins economy's other points, the outlook's humanitarian's;
    each shared slide is titled with the main point of each section where it has one ("Bilateral
    trade at $83.7 billion · Supply term at 15 years"), never a section's heading as a point,
    at most five points; no slide of one or two points."""
    planned = _plan(FIXTURES / "india-uae-2024")
    assert not any(p.title in ("Outlook", "Energy") for p in planned)
    economy = next(p for p in planned if p.kind == "merged" and "energy" in p.sections)
    assert economy.sections == ["economy", "energy"]
    assert economy.title == "Bilateral trade at $83.7 billion · Supply term at 15 years"
    assert economy.lines[-1].text.startswith("On 9 September 2024, the term")
    # The outlook comes after humanitarian, which stayed: it is no longer next to economy's
    # slide, and the two share one.
    humanitarian = next(p for p in planned if "outlook" in p.sections)
    assert humanitarian.sections == ["humanitarian", "outlook"]
    assert humanitarian.lines[-1].text.startswith("The leaders expressed optimism")
    headings = {"Outlook", "Energy", "Economy and trade",
                "Humanitarian and people-to-people ties"}
    for p in planned:
        if p.kind in ("section", "merged") and p.lines:
            assert SPARSE_LINES <= sum(line.bullet for line in p.lines) <= MAX_POINTS, p.title
            assert not headings & {line.text for line in p.lines}, p.title
            assert not any(repeats(line.text, p.title) for line in p.lines), p.title


def test_a_thin_section_joins_the_slide_just_before_it_under_its_main_point() -> None:
    """Germany–Poland: transport's one figure is its headline ("More than 9.7 million lorry
    crossings"); it joins economy's slide just before it, under economy's main point and its
    own name (both main points do not fit the title box), its figure among the points and
    economy's own giving way to make five; the outlook's one point then shares humanitarian's
    slide under humanitarian's main point."""
    planned = _plan(FIXTURES / "heldout" / "germany-poland-2025")
    economy = next(p for p in planned if "transport" in p.sections)
    assert economy.sections == ["economy", "transport"]
    assert economy.title == ("Bilateral trade up 5.4% to more than €90 billion · Transport and "
                             "connectivity")
    assert economy.titles == ["Economy and trade · Transport and connectivity"]
    assert len(economy.lines) == MAX_POINTS
    assert any("lorry crossings" in line.text for line in economy.lines)
    humanitarian = next(p for p in planned if "outlook" in p.sections)
    assert humanitarian.sections == ["humanitarian", "outlook"]
    assert humanitarian.title == "Surviving victims down to 50,000, from 60,000 · Outlook"
    assert humanitarian.lines[-1].text.startswith("Chancellor Merz promised")
