"""The deck's plan, decided from the Report and report.yaml alone: no PowerPoint template is
opened here."""

from __future__ import annotations

import sys

from reportgen.pptx.plan import SPARSE_LINES, DeckPlan, Planned

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
    planned = _plan(FIXTURES / "georgia-armenia-2024")
    merged = [p for p in planned if p.kind == "merged"]
    assert len(merged) == 1
    assert merged[0].titles == ["Executive summary",
                                "Politics: high-level diplomacy and multilateral coordination"]
    headings = [line.text for line in merged[0].lines if line.bold]
    assert headings == merged[0].titles
    points = [line for line in merged[0].lines if line.bullet]
    assert len(points) >= SPARSE_LINES
    thin = [p for p in planned if p.kind == "section" and not p.charts
            and 0 < len(p.lines) < SPARSE_LINES]
    assert thin == []  # none left on a slide of its own


def test_a_thin_section_joins_the_nearest_slide_of_points_and_no_point_is_lost() -> None:
    """India–UAE: the outlook's one point joins humanitarian's slide under its name (humanitarian
    keeps its title, its main point); energy's one point joins economy's other points. Every
    point of every section stays on some slide; none of points carries one or two."""
    data = FIXTURES / "india-uae-2024"
    planned = _plan(data)
    report = gathered(data).report
    humanitarian = next(p for p in planned if p.title == "Humanitarian and people-to-people ties")
    headings = [line.text for line in humanitarian.lines if line.bold]
    assert headings == ["Outlook"]
    assert humanitarian.lines[-1].text.startswith("The leaders expressed optimism")
    assert not any(p.title in ("Outlook", "Energy") for p in planned)
    shown = {line.text for p in planned for line in (*p.lines, *(x for b in p.beside for x in b))}
    for area in report.sections:
        missing = [b.text for b in area.section.points if b.text not in shown
                   and b.text != area.section.headline]
        assert not missing, (area.section.id, missing)
    for p in planned:
        if p.kind in ("section", "merged") and p.lines:
            assert sum(line.bullet for line in p.lines) >= SPARSE_LINES, p.title
