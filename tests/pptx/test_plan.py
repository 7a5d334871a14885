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
