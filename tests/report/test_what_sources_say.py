"""What real sources say, the schema can hold: a change without a value, figures for an earlier
year compared with this year's, totals over several years and targets, day dates, rates,
sources that disagree, several speakers, a source's own source, a number in a short label."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from reportgen.errors import DataError
from reportgen.pipeline.build import validate
from reportgen.report.tree import Report

from ..conftest import FIXTURES, TEMPLATES, gathered

MINIMAL = FIXTURES / "minimal"
EXTRA = [
    # "trade rose 8.3% in 2030": a growth-only figure, for context (outside the year)
    {"id": "trade_2030_growth", "area": "economy", "label": "Bilateral trade in goods",
     "short_label": "Trade growth, 2030", "unit": "EUR", "period": 2030, "context": True,
     "change": {"value": 8.3}, "sources": ["almanac"]},
    # "$41 billion in 2030", and this year's figure compared with it
    {"id": "services_2030", "area": "economy", "label": "Trade in services",
     "short_label": "Services, 2030", "value": 41000000, "unit": "EUR", "period": 2030,
     "context": True, "sources": ["almanac"]},
    {"id": "services", "area": "economy", "label": "Trade in services",
     "short_label": "Services", "value": 45000000, "unit": "EUR", "period": 2031,
     "compare_with": "services_2030", "sources": ["almanac"],
     "alternatives": [{"value": 47000000, "qualifier": "about", "sources": ["gazette"]}]},
    # "about €25 million over 15 years" and "€80 million as a target"
    {"id": "investment_total", "area": "economy", "label": "Freedonian investment in Sylvania",
     "short_label": "Investment since 2017", "value": 25000000, "unit": "EUR",
     "qualifier": "about", "period": "2017/2031", "context": True, "sources": ["almanac"]},
    {"id": "trade_target", "area": "economy", "label": "Bilateral trade",
     "short_label": "Trade target", "value": 80000000, "unit": "EUR", "period": 2035,
     "status": "target", "context": True, "sources": ["gazette"]},
    # "3 flights a week", and a day date; a harmless number in the short label
    {"id": "flights", "area": "economy", "label": "Direct flights between the capitals",
     "short_label": "Flights on the A1 route", "value": 3, "unit": "count", "per": "week",
     "period": "2031-07-03", "sources": ["gazette"]},
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("sources-say") / "minimal"
    shutil.copytree(MINIMAL, data)
    metrics = yaml.safe_load((data / "metrics.yaml").read_text(encoding="utf-8"))
    metrics["metrics"] += EXTRA
    (data / "metrics.yaml").write_text(yaml.safe_dump(metrics, allow_unicode=True),
                                       encoding="utf-8")
    briefing = yaml.safe_load((data / "briefing.yaml").read_text(encoding="utf-8"))
    briefing["occasion"]["speakers"] = ["queen_teasdale"]
    (data / "briefing.yaml").write_text(yaml.safe_dump(briefing, allow_unicode=True),
                                        encoding="utf-8")
    sources = yaml.safe_load((data / "sources.yaml").read_text(encoding="utf-8"))
    sources["sources"][1]["via"] = "the Freedonian trade office"
    (data / "sources.yaml").write_text(yaml.safe_dump(sources, allow_unicode=True),
                                       encoding="utf-8")
    return data


@pytest.fixture(scope="module")
def report(folder: Path) -> Report:
    return gathered(folder).report


def _economy(report: Report) -> str:
    area = next(s for s in report.sections if s.section.id == "economy")
    return " ".join(b.text for b in area.section.blocks)


def test_it_validates_strictly(folder: Path) -> None:
    _, warnings = validate(folder, TEMPLATES, strict=True)
    assert warnings == []


def test_each_reads_as_the_source_said_it(report: Report) -> None:
    text = _economy(report)
    assert "Bilateral trade in goods rose 8.3% in 2030." in text
    # Where the sources disagree, the range once; who gives which goes to the footnotes.
    assert ("Trade in services totalled between €45 million and about €47 million in 2031, "
            "depending on the source, against €41 million a year earlier.") in text
    assert "Gazette" not in text
    assert "Freedonian investment in Sylvania totalled about €25 million over 2017" in text
    assert "The target for bilateral trade is €80 million by 2035." in text
    assert "On 3 July 2031, there were three direct flights between the capitals a week." in text


def test_the_years_own_figures_come_before_those_given_for_context(report: Report) -> None:
    text = _economy(report)
    assert text.index("€45 million and") < text.index("€80 million by 2035")
    assert text.index("€830 million") < text.index("rose 8.3% in 2030")


def test_a_growth_only_figure_has_no_value_in_the_table_and_no_estimate(report: Report) -> None:
    rows = {"".join(r.text for r in row[0]) + "|" + "".join(r.text for r in row[2]): row
            for row in report.key_figures.rows}
    growth = rows["Bilateral trade in goods|2030"]
    assert "".join(r.text for r in growth[1]) == "–"
    assert "".join(r.text for r in growth[3]) == "+8.3%"
    assert not any("2029" in note for note in report.estimate_notes)


def test_disagreeing_sources_each_get_their_footnote(report: Report) -> None:
    assert report.notes["services__alt1"].startswith("The Sylvania Gazette")
    assert report.notes["services"].startswith("Freedonian Almanac")


def test_several_speakers_and_a_sources_own_source(report: Report) -> None:
    summary = " ".join(b.text for b in report.sections[0].section.blocks)
    assert ("given by Rufus T. Firefly (Envoy of Freedonia to Sylvania) and Gloria Teasdale "
            "(Queen of Sylvania)") in summary
    assert "Rufus T. Firefly and Gloria Teasdale" in report.cover.occasion
    assert any("attributed to the Freedonian trade office" in s for s in report.sources)


@pytest.mark.parametrize(("change", "message"), [
    ({"id": "x", "area": "economy", "label": "L", "short_label": "S", "unit": "EUR",
      "period": 2031, "sources": ["almanac"]},
     "a figure needs a `value`, or a `change` when the source reports only the change"),
    ({"id": "x", "area": "economy", "label": "L", "short_label": "S", "unit": "EUR",
      "value": 1, "period": 2029, "sources": ["almanac"]},
     "period lies outside the briefing's year 2031"),
    ({"id": "x", "area": "economy", "label": "L", "short_label": "S", "unit": "EUR",
      "value": 1, "period": "2031-02-30", "sources": ["almanac"]},
     "2031-02 has 28 days, not 30"),
    ({"id": "x", "area": "economy", "label": "L", "short_label": "S", "unit": "EUR",
      "value": 1, "period": 2031, "compare_with": "nosuch", "sources": ["almanac"]},
     "unknown metric id 'nosuch'"),
])
def test_what_the_schema_still_refuses_is_located(tmp_path: Path, change: dict,
                                                  message: str) -> None:
    data = tmp_path / "minimal"
    shutil.copytree(MINIMAL, data)
    metrics = yaml.safe_load((data / "metrics.yaml").read_text(encoding="utf-8"))
    metrics["metrics"].append(change)
    (data / "metrics.yaml").write_text(yaml.safe_dump(metrics), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        validate(data, TEMPLATES)
    found = [p for p in caught.value.problems if message in p.message]
    assert found and found[0].file.endswith("metrics.yaml") and found[0].line > 0, [
        str(p) for p in caught.value.problems]
