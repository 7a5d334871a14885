"""The loader: the default dataset is valid, and every mistake is reported at its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.dataset.loading import load_dataset
from reportgen.errors import DataError
from reportgen.report.structure import load_structure

from ..conftest import DATA, FIXTURES, TEMPLATES

AREAS = load_structure(TEMPLATES).areas


def test_default_dataset_holds_every_reported_figure() -> None:
    ds = load_dataset(DATA, AREAS)
    values = {m.id: (m.value, m.unit, m.qualifier) for m in ds.metrics}
    assert values["bilateral_trade"] == (2_440_000_000, "USD", "exact")
    assert values["freight_trains"] == (351, "count", "exact")
    assert values["tourist_arrivals"] == (57_000, "count", "more_than")
    assert values["renewable_capacity"] == (1570, "MW", "exact")
    assert values["wind_project_capacity"] == (240, "MW", "exact")
    assert values["solar_panel_plant_capacity"] == (3, "GW", "exact")
    assert values["demining_assistance"] == (2_000_000, "CNY", "exact")
    assert values["schools_equipped"][0] == 216
    assert values["cooperation_documents"][0] == 20
    assert values["electric_buses_delivered"][0] == 50
    assert values["electric_buses_planned"][0] == 300
    by_id = {m.id: m for m in ds.metrics}
    assert by_id["tourist_arrivals"].change is not None
    assert by_id["tourist_arrivals"].change.qualifier == "nearly"
    # Periods are kept: January–October is not the year.
    assert (by_id["bilateral_trade"].period.start.month,
            by_id["bilateral_trade"].period.end.month) == (1, 10)
    assert by_id["freight_trains"].period.end.month == 11
    assert {s.id for s in ds.sources} == {"report", "azeri_observer"}


def test_every_fact_names_an_existing_source() -> None:
    ds = load_dataset(DATA, AREAS)
    known = {s.id for s in ds.sources}
    for item in [*ds.metrics, *ds.facts, *ds.events, *ds.people, *ds.places]:
        assert item.sources and set(item.sources) <= known, item.id


def test_fixture_dataset_for_other_countries_loads() -> None:
    ds = load_dataset(FIXTURES / "minimal", AREAS)
    assert [c.name for c in ds.briefing.countries] == ["Freedonia", "Sylvania"]


# (file, text to replace, replacement, expected message, marker on the line it must point at)
BROKEN = [
    ("metrics.yaml", "value: 2440000000", "value: n/a",
     "metrics[2].value: expected a number, got 'n/a'", "value: n/a"),
    ("metrics.yaml", "    unit: USD\n", "    unit: USD\n    colour: red\n",
     "metrics[2].colour: unknown field", "colour: red"),
    ("metrics.yaml", "    unit: USD\n", "    unit: USD\n    qualifer: nearly\n",
     "metrics[2].qualifer: unknown field (did you mean 'qualifier'?)", "qualifer:"),
    ("metrics.yaml", "sources: [azeri_observer]\n\n  - id: trade_record_streak",
     "sources: [azeri_obsrver]\n\n  - id: trade_record_streak",
     "metrics[2].sources[0]: unknown source id 'azeri_obsrver' (did you mean 'azeri_observer'?)",
     "[azeri_obsrver]"),
    ("metrics.yaml", "    period: 2025-01/2025-10\n    change: {value: 21.9}",
     "    period: 2024-01/2024-10\n    change: {value: 21.9}",
     "metrics[2].period: period lies outside the briefing's year 2025", "period: 2024-01"),
    ("metrics.yaml", "  - id: trade_record_streak", "  - id: bilateral_trade",
     "metrics[3].id: duplicate metric id 'bilateral_trade'",
     "id: bilateral_trade\n    area: economy\n    label: Consecutive"),
    ("metrics.yaml", "    label: Bilateral trade turnover\n", "",
     "metrics[2].label: required field is missing", "id: bilateral_trade"),
    ("facts.yaml", "text: Head-of-state diplomacy remained",
     "text: In 2025 head-of-state diplomacy remained",
     "facts[5].text: prose may not contain digits", "text: In 2025"),
    ("events.yaml", "    period: 2025-04\n", "    period: April\n",
     "events[0].period: 'April' is not a year (YYYY), a month (YYYY-MM) or a day "
     "(YYYY-MM-DD)", "period: April"),
    ("events.yaml", "participants: [ilham_aliyev, xi_jinping]",
     "participants: [ilham_aliyev, xi_jinpin]",
     "events[0].participants[1]: unknown person id 'xi_jinpin' (did you mean 'xi_jinping'?)",
     "xi_jinpin]"),
    ("events.yaml", "  - id: state_visit", "  - id: State-Visit",
     "events[0].id: not a valid id, got 'State-Visit' (use lower-case letters, digits and _",
     "id: State-Visit"),
    ("briefing.yaml", "year: 2025", "year: [2025", "not valid YAML", "as_of:"),
]


@pytest.mark.parametrize(("fname", "old", "new", "message", "marker"), BROKEN,
                         ids=[b[3][:40] for b in BROKEN])
def test_each_mistake_is_reported_with_file_line_and_field(
        dataset_copy: Path, fname: str, old: str, new: str, message: str, marker: str) -> None:
    path = dataset_copy / fname
    text = path.read_text(encoding="utf-8")
    assert old in text, "the fixture edit no longer applies"
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    line = text[:text.index(marker)].count("\n") + 1
    with pytest.raises(DataError) as caught:
        load_dataset(dataset_copy, AREAS)
    shown = [str(p) for p in caught.value.problems]
    matching = [s for s in shown if message in s]
    assert matching, shown
    assert f"{fname}:{line}:" in matching[0], matching[0]


def test_all_problems_are_reported_together(dataset_copy: Path) -> None:
    metrics = dataset_copy / "metrics.yaml"
    text = metrics.read_text(encoding="utf-8")
    text = text.replace("value: 351", "value: many").replace("unit: MW", "unit: MW\n    size: 3", 1)
    metrics.write_text(text, encoding="utf-8")
    facts = dataset_copy / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("kind: quote", "kind: quip", 1),
                     encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(dataset_copy, AREAS)
    fields = [p.field for p in caught.value.problems]
    assert "metrics[9].size" in fields
    assert any(f.startswith("metrics[") and f.endswith(".value") for f in fields)
    assert "facts[1].kind" in fields
    # Sorted by file, then line.
    keys = [(p.file, p.line) for p in caught.value.problems]
    assert keys == sorted(keys)


def test_unknown_area_suggests_the_closest(dataset_copy: Path) -> None:
    path = dataset_copy / "charts.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("area: energy", "area: enrgy"),
                    encoding="utf-8")
    with pytest.raises(DataError, match=r"unknown area 'enrgy' \(did you mean 'energy'\?\)"):
        load_dataset(dataset_copy, AREAS)


def test_missing_required_file(dataset_copy: Path) -> None:
    (dataset_copy / "sources.yaml").unlink()
    with pytest.raises(DataError, match=r"sources.yaml: required file is missing"):
        load_dataset(dataset_copy, AREAS)


def test_percentage_given_as_a_fraction_warns_and_strict_makes_it_an_error(
        dataset_copy: Path) -> None:
    from reportgen.errors import Problem

    path = dataset_copy / "metrics.yaml"
    text = path.read_text(encoding="utf-8").replace("change: {value: 21.9}",
                                                    "change: {value: 0.219}")
    path.write_text(text, encoding="utf-8")
    line = text[:text.index("value: 0.219")].count("\n") + 1
    warnings: list[Problem] = []
    load_dataset(dataset_copy, AREAS, warnings=warnings)
    assert [str(w).split(": ", 1)[1] for w in warnings] == [
        "metrics[2].change.value: warning: a change of 0.219% looks like a fraction "
        "(write 21.9 for 21.9%, or keep it if the change really is under one percent)"]
    assert warnings[0].line == line
    with pytest.raises(DataError, match=r"metrics\[2\].change.value: a change of 0.219%"):
        load_dataset(dataset_copy, AREAS, strict=True)


# (CSV content, expected problem, expected line)
BAD_CSV = [
    ("year,exports,imports\n2027,410,380\n2028,455,392,7\n", "not valid CSV", 0),
    ("year,exports,imports\n2027,410,380\n2028,455\n",
     "trade_by_year.csv:3:3: imports: missing value", 3),
    ("year,exports,imports\n2027,410,380\n2028,,392\n",
     "trade_by_year.csv:3:2: exports: missing value (fill the cell, or remove the row)", 3),
    ("year,exports,imports\n2027,410,380\n2028,n/a,392\n",
     "trade_by_year.csv:3:2: exports: expected a number, got 'n/a'", 3),
    ("year,exports,imports\n2027,410,380\n2027,455,392\n",
     "trade_by_year.csv:3:1: year: period 2027 appears twice (first on line 2;", 3),
    ("year,exports,imports\nlast year,410,380\n",
     "trade_by_year.csv:2:1: year: 'last year' is not a period", 2),
    ("year,exprts,imports\n2027,410,380\n",
     "trade_by_year.csv:1:1: column 'exports': declared in series.yaml but missing from the "
     "header (did you mean 'exprts'?)", 1),
    ("year,exports,imports,notes\n2027,410,380,x\n",
     "trade_by_year.csv:1:4: column 'notes': not declared in series.yaml", 1),
]


@pytest.mark.parametrize(("csv", "message", "line"), BAD_CSV, ids=[b[1][:40] for b in BAD_CSV])
def test_csv_series_problems_name_file_row_and_column(tmp_path: Path, csv: str, message: str,
                                                      line: int) -> None:
    import shutil

    data = tmp_path / "minimal"
    shutil.copytree(FIXTURES / "minimal", data)
    (data / "trade_by_year.csv").write_text(csv, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(data, AREAS)
    shown = [str(p) for p in caught.value.problems]
    assert any(message in s for s in shown), shown
    if "not valid CSV" in message:
        assert any("trade_by_year.csv:3:" in s and "Expected 3 fields in line 3, saw 4" in s
                   for s in shown), shown


def test_csv_series_is_read_with_periods_and_values() -> None:
    ds = load_dataset(FIXTURES / "minimal", AREAS)
    rows = ds.series_rows["trade_by_year"]
    assert [r.period.start.year for r in rows] == [2027, 2028, 2029, 2030]
    assert rows[1].values == {"exports": 455_000_000, "imports": 392_000_000}
