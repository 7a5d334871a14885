"""The deck's plan, decided from the Report and report.yaml alone: no PowerPoint template is
opened here."""

from __future__ import annotations

import sys

from reportgen.pptx.plan import MAX_POINTS, SPARSE_LINES, DeckPlan, Planned
from reportgen.report.slides import plain, repeats

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


def _slide_of(planned: list[Planned], section: str) -> Planned:
    return next(p for p in planned if p.area is not None and p.area.section.id == section
                or section in p.sections)


def test_a_thin_section_gives_its_points_to_the_summary_slide() -> None:
    """Georgia–Armenia: politics has one point; its slide goes and the point joins the
    executive summary's slide (the year in brief), never a slide titled with sections' names
    strung together; economy's remaining points join those beside its chart, about its
    figures."""
    planned = _plan(FIXTURES / "georgia-armenia-2024")
    assert not any(p.kind == "merged" or " · " in p.title for p in planned)
    summary = _slide_of(planned, "summary")
    assert summary.sections == ["summary", "politics"]
    assert any("strategic partnership declaration" in line.text for line in summary.lines)
    assert not any(p.area is not None and p.area.section.id == "politics" for p in planned)
    economy = _slide_of(planned, "economy")
    assert economy.charts and not economy.lines
    assert len(economy.beside[-1]) == 4 and "Copper ores" in economy.beside[-1][-1].text


def test_thin_sections_next_to_each_other_share_a_slide_of_their_own() -> None:
    """India–UAE: energy, humanitarian and the outlook are thin and follow each other: they
    share one slide of three to five points (issue 21o) instead of giving them to the
    summary's, which keeps its own; no slide of one or two points, none titled with names,
    none with a point its title says."""
    planned = _plan(FIXTURES / "india-uae-2024")
    assert not any(p.title in ("Outlook", "Energy") or " · " in p.title for p in planned)
    assert _slide_of(planned, "summary").sections in ([], ["summary"])
    shared = _slide_of(planned, "energy")
    assert shared.kind == "merged" and shared.sections == ["energy", "humanitarian", "outlook"]
    texts = [line.text for line in shared.lines]
    assert SPARSE_LINES <= len(texts) <= MAX_POINTS
    assert texts[0].startswith("On 9 September 2024, the term")  # energy's first
    assert "The leaders expressed optimism" in texts[-1]  # the outlook's
    for p in planned:
        if p.kind in ("section", "merged") and p.lines:
            assert SPARSE_LINES <= sum(line.bullet for line in p.lines) <= MAX_POINTS, p.title
            assert not any(repeats(line.text, p.title if p.kind == "merged" else (
                p.area.section.headline if p.area else "")) for line in p.lines), p.title


def test_points_that_differ_only_in_citations_are_said_once_on_the_summary_slide() -> None:
    """Germany–Poland: transport and humanitarian share a slide; the outlook's one point never
    joins the summary's slide, the year in brief (issue 21o): the speaker notes of the slide
    before it say it, and why; a point the summary already makes is not said twice."""
    planned = _plan(FIXTURES / "heldout" / "germany-poland-2025")
    summary = _slide_of(planned, "summary")
    assert "outlook" not in summary.sections
    texts = [plain(line.text) for line in summary.lines]
    assert len(texts) == len(set(texts)) <= MAX_POINTS
    assert not any(t.startswith("Chancellor Merz promised") for t in texts)
    noted = [p for p in planned if "Chancellor Merz promised" in p.notes
             and "too few points for a slide of their own" in p.notes]
    assert noted and not any("Chancellor Merz promised" in line.text
                             for p in planned for line in p.lines)
    shared = _slide_of(planned, "transport")
    assert shared.sections == ["transport", "humanitarian"]
    assert SPARSE_LINES <= sum(line.bullet for line in shared.lines) <= MAX_POINTS


def _with_points(p: Planned) -> int:
    return sum(line.bullet for line in p.lines)


def test_every_section_with_content_reaches_a_slide_and_thin_ones_share_one() -> None:
    """Vietnam–China (issue 21o): transport (two figures) and people-to-people ties, thin each,
    share a slide of three to five points titled with a main point, rather than vanishing
    into the summary's; every section with points is on a slide; the politics slide is titled
    with the state visit, the bigger event, not the later official one."""
    planned = _plan(FIXTURES / "heldout" / "vietnam-china-2024")
    placed = {i for p in planned for i in (p.sections or (
        [p.area.section.id] if p.area is not None else []))}
    found = gathered(FIXTURES / "heldout" / "vietnam-china-2024")
    # …a thin section that only looks ahead says its points in the speaker notes (issue 21o).
    assert {s.section.id for s in found.report.sections
            if (s.section.points or s.section.takeaways) and not s.section.ahead} <= placed
    shared = next(p for p in planned if p.kind == "merged")
    assert shared.sections == ["transport", "humanitarian"]
    assert SPARSE_LINES <= _with_points(shared) <= MAX_POINTS
    assert shared.title and shared.title not in ("Transport and connectivity",)
    assert any("73 bridges planned on the Lao Cai" in line.text for line in shared.lines)
    politics = _slide_of(planned, "politics")
    assert politics.area is not None and "To Lam" in politics.area.section.headline
    summary = _slide_of(planned, "summary")
    assert summary.area is not None and summary.area.section.headline not in (
        "", "Executive summary")


def test_titles_round_and_events_no_shape_reads_are_told_by_what_they_gave() -> None:
    """Spain–Portugal (issue 21o): the economy's title rounds €55.474 billion; the politics
    slide (the summit, the year's main event) has three points; the summary's title is the
    year's main points, never its name; no point is "…, with X's share of Y of Z"."""
    planned = _plan(FIXTURES / "heldout" / "spain-portugal-2024")
    economy = _slide_of(planned, "economy")
    assert economy.area is not None
    assert economy.area.section.headline == "Bilateral trade at €55.5 billion"
    politics = _slide_of(planned, "politics")
    assert politics.area is not None and _with_points(politics) >= SPARSE_LINES
    assert "at the Faro summit" in politics.area.section.headline
    summary = _slide_of(planned, "summary")
    assert summary.area is not None and "Faro summit" in summary.area.section.headline
    texts = [line.text for p in planned for line in p.lines]
    assert not any("share of" in t and ", with" in t for t in texts)


def test_a_count_says_what_it_counts_and_a_rate_its_year_once() -> None:
    """Indonesia–Australia (issue 21o): "10,229 products on which Indonesia cut tariffs …", not
    "10,229 products in 2020"; "Three bilateral air force exercises a year", not "… a year in
    2024"."""
    texts = [plain(line.text) for p in _plan(FIXTURES / "heldout" / "indonesia-australia-2024")
             for line in p.lines]
    assert any(t.startswith("10,229 products on which Indonesia cut tariffs") for t in texts)
    assert "Three bilateral air force exercises a year" in texts
    assert not any(t.endswith("a year in 2024") for t in texts)
