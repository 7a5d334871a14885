"""The deck says the same as the briefing, shorter (issue 21): every dataset's deck reopened with
python-pptx. A slide of points carries three or more; a slide's title is its point, not a date;
a chart's categories tell its bars apart; the points beside a chart are that chart's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from reportgen.pipeline.build import BuildOptions, build, output_paths

from ..conftest import DATA, FIXTURES, TEMPLATES

DATASETS = [DATA, *sorted(p for p in FIXTURES.iterdir() if (p / "briefing.yaml").is_file())]
EDITIONS = [(data, None) for data in DATASETS] + [(DATA, "az"), (DATA, "zh")]
MARGINS = (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.DATE)
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
# A date at the end of a title: "(April 2025)", "（2025年4月）", "in January–October 2025".
DATED = re.compile(r"[(（][^()（）]*\d{4}[^()（）]*[)）]$|\b(?:in|on) [^,;:]*\d{4}$")


def _deck(data: Path, locale: str | None, out: Path) -> Presentation:
    build(BuildOptions(data=data, templates=TEMPLATES, out=out, formats=("pptx",),
                       locale=locale, edition=locale or ""))
    return Presentation(str(output_paths(data.name, out, locale or "")["pptx"]))


def _bullets(slide) -> list[str]:  # type: ignore[no-untyped-def]
    """The slide's points: paragraphs with a bullet (not a heading, a source or a card)."""
    return [p.text for shape in slide.shapes
            if shape.has_text_frame and shape != slide.shapes.title
            and not (shape.is_placeholder and shape.placeholder_format.type in MARGINS)
            for p in shape.text_frame.paragraphs if p.text.strip()
            and (p._p.pPr is None or p._p.pPr.find(f"{A}buNone") is None)]


@pytest.mark.parametrize(("data", "locale"), EDITIONS,
                         ids=lambda v: v.name if isinstance(v, Path) else (v or "own"))
def test_every_slide_makes_its_point_in_three_or_more(data: Path, locale: str | None,
                                                      tmp_path: Path) -> None:
    deck = _deck(data, locale, tmp_path)
    for number, slide in enumerate(deck.slides, 1):
        charts = [s.chart for s in slide.shapes if s.has_chart]
        title = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
        points = _bullets(slide)
        if not charts:  # a slide of points (a chart's slide shows that chart's points)
            assert not 0 < len(points) < 3, (number, title, points)
        for chart in charts:
            categories = [str(c) for c in chart.plots[0].categories]
            assert len(set(categories)) == len(categories), (number, title, categories)
        if points or charts:  # a section's slide; the cover may say its year
            assert not DATED.search(title), (number, title)
        for point in points:  # a short claim with its figure, not a table row
            assert not re.match(r"^[^:：]{2,80}[:：] ?\S*\d", point), (number, point)


def test_the_points_beside_a_chart_are_about_that_chart(tmp_path: Path) -> None:
    """China–Azerbaijan: the tourist chart lists its own figures, not demining aid; the energy
    chart its two capacities, not the number of projects. The section's other points follow on
    a slide of their own, and reach the deck."""
    deck = _deck(DATA, None, tmp_path)
    beside: dict[str, list[str]] = {}
    text: list[str] = []
    for slide in deck.slides:
        title = slide.shapes.title.text_frame.text
        if any(s.has_chart for s in slide.shapes):
            beside[title] = _bullets(slide)
        else:
            text += _bullets(slide)
    tourists = beside["Chinese tourist arrivals up nearly 50% to more than 57,000"]
    assert all("tourist" in p or "estimated" in p for p in tourists), tourists
    energy = beside["Capacity of new solar and wind projects at 1,570 MW"]
    assert len(energy) == 2 and not any("Five new" in p for p in energy), energy
    assert any("demining" in p.lower() for p in text) and any("Five new" in p for p in text)


def test_bars_that_differ_only_by_period_are_named_by_it(tmp_path: Path) -> None:
    """India–UAE's trade by fiscal year: each bar is its year, not "Bilateral trade" thrice."""
    deck = _deck(FIXTURES / "india-uae-2024", None, tmp_path)
    (chart,) = [s.chart for slide in deck.slides for s in slide.shapes if s.has_chart
                and slide.shapes.title.text_frame.text.startswith("Bilateral trade")]
    categories = [" ".join(str(c).split()) for c in chart.plots[0].categories]
    assert categories == ["2020–21", "2022–23", "2023–24"]  # fiscal years as an editor writes


def test_the_summarys_points_are_short_claims_not_its_paragraphs(tmp_path: Path) -> None:
    """Without key figures, and without a chart of its own, the summary's points on the deck
    (on its slide or folded into a neighbour's) are each section's headline figure as a short
    claim, never a paragraph of the summary (issue 21e)."""
    from reportgen.pipeline.build import gather

    from ..report.test_prose import _headlined

    data = _headlined(tmp_path)
    charts = data / "charts.yaml"
    charts.write_text("\n".join(line for line in charts.read_text(encoding="utf-8").splitlines()
                                if "area: summary" not in line) + "\n", encoding="utf-8")
    report = gather(BuildOptions(data=data, templates=TEMPLATES, out=tmp_path)).report
    paragraphs = {b.text for b in report.sections[0].section.blocks}
    points = [p for slide in _deck(data, None, tmp_path / "out").slides for p in _bullets(slide)]
    assert "Bilateral trade down 4.5% to €830 million in January–September 2031" in points
    assert "34 activities held on 30 June – 3 July 2031" in points  # what was done
    assert not paragraphs & set(points)
    assert all(len(p) <= 120 for p in points), [p for p in points if len(p) > 120]
