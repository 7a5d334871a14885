"""Any valid dataset builds: every published item cited, and no debris in the prose.

The schema route: each item (metric, fact, event, chart, series, occasion) is drawn by
hypothesis_jsonschema.from_schema from its definition in the published docs/schema/
dataset.schema.json, narrowed where a rule spans files or lies beyond a schema: ids from fixed
pools, areas the section ids of templates/report.yaml, periods within the briefing's year, prose
from a vocabulary without digits (with {entity_id} placeholders), a speaker for every quote,
units with values that suit them. What the narrowing cannot say (which metrics exist, what each
kind of chart needs) is then pruned from the drawn items. The CSV rows of a series are drawn
directly. Each dataset is written as YAML and composed in memory (no document is written).
"""

from __future__ import annotations

import copy
import csv
import functools
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, note, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from reportgen.report.structure import load_structure
from reportgen.report.tree import Report

from ..conftest import ROOT, TEMPLATES, gathered

YEAR = 2031
AREAS = sorted(load_structure(TEMPLATES).areas)
SOURCES = ["gazette", "almanac"]
PEOPLE = ["p_queen", "p_firefly"]
ORGANISATIONS, PLACES, DOCUMENTS = ["o_council"], ["l_harbour"], ["d_accord"]
ENTITIES = [*PEOPLE, *ORGANISATIONS, *PLACES, *DOCUMENTS]
METRICS = [f"m_{c}" for c in "abcdef"]
FACTS = [f"f_{c}" for c in "abcdef"]
EVENTS = [f"e_{c}" for c in "abcdef"]
CHARTS = [f"c_{c}" for c in "abc"]
SERIES = "s_trade"

_FIRST = ["Trade", "Joint", "New", "Bilateral", "Energy", "Regional", "Rail", "Cultural"]
_WORDS = ["trade", "cooperation", "talks", "ministers", "corridor", "exports", "summit",
          "investment", "projects", "grain", "partnership", "of", "the", "and", "with", "in",
          "between", "partners'", "region,", "long-term", "transit", "schools", "visits"]
_NAMES = "|".join(r"\{" + e + r"\}" for e in (*ORGANISATIONS, *PLACES, *DOCUMENTS))


def _prose(words: int = 6, names: bool = True) -> dict[str, Any]:
    """Prose as the digits rule wants it: words, and entities named by {entity_id}."""
    word = "|".join([*_WORDS, *([_NAMES] if names else [])])
    return {"type": "string", "pattern": f"^({'|'.join(_FIRST)})( ({word})){{0,{words}}}$"}


def _one_of(values: list[Any]) -> dict[str, Any]:
    return {"enum": values}


def _ids(values: list[str], most: int = 2, least: int = 0) -> dict[str, Any]:
    return {"type": "array", "items": _one_of(values), "uniqueItems": True,
            "minItems": least, "maxItems": most}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


_MONTHS = [f"{YEAR}-{m:02d}" for m in range(1, 13)]
PERIOD = {"anyOf": [
    {"const": YEAR},
    _one_of(_MONTHS),
    {"type": "string", "pattern": f"^{YEAR}-0[1-6]/{YEAR}-(0[7-9]|1[0-2])$"},
    {"type": "object", "additionalProperties": False, "required": ["start", "end"],
     "properties": {"start": _one_of(_MONTHS[:6]), "end": _one_of(_MONTHS[6:]),
                    "start_part": _one_of(["early", "mid", "late"]),
                    "end_part": _one_of(["early", "mid", "late"])}},
]}
# Values that suit each kind of unit: a rank or an ordinal is a whole number from one.
_AMOUNT = {"unit": _one_of(["USD", "EUR", "CNY", "MW", "t", "count", "percent"]),
           "value": {"type": "number", "minimum": -1e6, "maximum": 5e11}}
_PLACE = {"unit": _one_of(["rank", "ordinal"]),
          "value": {"type": "integer", "minimum": 1, "maximum": 40}}
_TIMES = {"unit": {"const": "multiplier"}, "value": {"type": "number", "minimum": 1,
                                                     "maximum": 12}}
_SENTENCE = {"type": "string", "pattern": r"^(The|In the year the) \{(label|short_label)\} "
                                          r"(reached|stood at) \{value\}( in \{period\})?"
                                          r"( \{direction\} \{change\})?$"}


def _published() -> dict[str, Any]:
    """The schema with every definition narrowed as the module docstring says."""
    schema = json.loads((ROOT / "docs" / "schema" / "dataset.schema.json").read_text("utf-8"))
    defs = schema["$defs"]
    defs["Period"] = PERIOD
    defs["Change"]["properties"]["value"] = {"type": "number", "minimum": -95, "maximum": 400}
    defs["Change"]["properties"]["amount"] = _nullable({"type": "number", "minimum": -1e9,
                                                        "maximum": 1e9})
    metric = defs["Metric"]["properties"]
    metric.update(id=_one_of(METRICS), area=_one_of(AREAS), label=_prose(), short_label=_prose(3),
                  noun=_nullable(_prose(1, names=False)), places=_ids(PLACES),
                  # What a count or rank is (docs/prose.md): words, as a user writes them.
                  verb=_nullable(_prose(1, names=False)), holder=_nullable(_prose(3)),
                  among=_nullable(_prose(4)), within=_nullable(_prose(3, names=False)),
                  sentence=_nullable(_SENTENCE), sources=_ids(SOURCES, least=1),
                  # Comparisons and disagreeing sources are tested on real articles and in
                  # test_what_sources_say.py; here every figure has its own value.
                  compare_with={"type": "null"}, alternatives={"type": "array", "maxItems": 0},
                  # Figures told as another's clauses: tests/report/test_together.py; a
                  # running total's first year (`since`, with `measure: cumulative` only):
                  # tests/report/test_siblings.py; a range (`value_to`):
                  # tests/report/test_figure_text.py.
                  since={"type": "null"}, value_to={"type": "null"},
                  **{"with": {"type": "array", "maxItems": 0}})
    defs["Metric"]["required"] = [*defs["Metric"]["required"], "value"]
    defs["Metric"] = {"anyOf": [_with(defs["Metric"], family) for family in (_AMOUNT, _PLACE,
                                                                              _TIMES)]}
    fact = defs["Fact"]["properties"]
    # A quote's original-language form is tested in tests/dataset/test_translations.py.
    fact.update(id=_one_of(FACTS), area=_one_of(AREAS), text=_prose(10),
                speaker=_nullable(_one_of(PEOPLE)), year=_nullable(_one_of([YEAR, YEAR + 1])),
                original={"type": "null"}, sources=_ids(SOURCES, least=1))
    # A quote needs a speaker.
    defs["Fact"] = {"anyOf": [
        _with(defs["Fact"], {"kind": _one_of(["statement", "assessment", "position", "outlook"])}),
        {**_with(defs["Fact"], {"kind": {"const": "quote"}, "speaker": _one_of(PEOPLE)}),
         "required": [*defs["Fact"]["required"], "speaker"]}]}
    event = defs["Event"]["properties"]
    event.update(id=_one_of(EVENTS), area=_one_of(AREAS), title=_prose(8), short_title=_prose(3),
                 participants=_ids(PEOPLE), places=_ids(PLACES),
                 organisations=_ids(ORGANISATIONS), documents=_ids(DOCUMENTS),
                 metrics=_ids(METRICS), anniversary=_nullable({"type": "integer", "minimum": 1,
                                                               "maximum": 80}),
                 commemorates=_nullable(_prose(4)),
                 outcomes={"type": "array", "items": _prose(6), "maxItems": 3},
                 part_of=_nullable(_one_of(EVENTS)), sources=_ids(SOURCES, least=1))
    chart = defs["Chart"]["properties"]
    chart.update(id=_one_of(CHARTS), area=_one_of(AREAS), title=_prose(5, names=False),
                 metrics=_ids(METRICS, most=3, least=1))
    series = defs["Series"]["properties"]
    series.update(id={"const": SERIES}, area=_one_of(AREAS), label=_prose(5, names=False),
                  file={"const": f"{SERIES}.csv"}, period_column={"const": "year"},
                  columns={"type": "array", "minItems": 1, "maxItems": 1, "items": {
                      "type": "object", "additionalProperties": False,
                      "required": ["name", "label", "unit"],
                      "properties": {"name": {"const": "exports"},
                                     "label": _prose(3, names=False),
                                     "unit": _one_of(["EUR", "t", "count"])}}},
                  sources=_ids(SOURCES, least=1))
    defs["Series"]["required"] = [*defs["Series"]["required"], "period_column"]
    occasion = defs["Occasion"]["properties"]
    occasion.update(name=_prose(4, names=False), speaker=_one_of(PEOPLE),
                    speakers=_ids(PEOPLE, most=1),
                    venue=_nullable(_one_of(ORGANISATIONS)), place=_nullable(_one_of(PLACES)),
                    audience=_nullable(_prose(4, names=False)), sources=_ids(SOURCES, least=1))
    return defs


def _with(definition: dict[str, Any], properties: dict[str, Any]) -> dict[str, Any]:
    narrowed = copy.deepcopy(definition)
    narrowed["properties"].update(properties)
    return narrowed


DEFS = _published()


@functools.cache  # canonicalising a definition costs seconds: once per definition, not per draw
def _item(name: str) -> st.SearchStrategy[dict[str, Any]]:
    return from_schema({**DEFS[name], "$defs": DEFS})


def _items(name: str, most: int) -> st.SearchStrategy[list[dict[str, Any]]]:
    return st.lists(_item(name), max_size=most, unique_by=lambda item: item["id"])


@st.composite
def datasets(draw: st.DrawFn) -> dict[str, Any]:
    """One dataset, as the content of each file: YAML files as data, the CSV as rows."""
    metrics = draw(_items("Metric", 5))
    series = draw(st.lists(_item("Series"), max_size=1))
    rows = draw(st.lists(st.tuples(st.integers(YEAR - 8, YEAR),
                                   st.floats(0, 1e10, allow_nan=False)),
                         max_size=4, unique_by=lambda row: row[0])) if series else []
    charts = _pruned(draw(_items("Chart", 3)), metrics, bool(series))
    events = draw(_items("Event", 5))
    known = {m["id"] for m in metrics}
    ids = {e["id"] for e in events}
    for event in events:  # an event's figures, and the event it was part of, must exist
        event["metrics"] = [m for m in event.get("metrics", []) if m in known]
        if event.get("part_of") not in ids:
            event.pop("part_of", None)
    return {
        "briefing.yaml": {
            "title": "Freedonia and Sylvania", "subtitle": "Relations in the year",
            "language": "en", "year": YEAR, "as_of": draw(_item("Period")),
            "marking": "OFFICIAL", "organisation": "Desk",
            "countries": [
                {"id": "fr", "name": "Freedonia", "long_name": "Republic of Freedonia",
                 "adjective": "Freedonian"},
                {"id": "sy", "name": "Sylvania", "long_name": "Kingdom of Sylvania",
                 "adjective": "Sylvanian"}],
            **({"occasion": draw(_item("Occasion"))} if draw(st.booleans()) else {})},
        "sources.yaml": {"sources": [
            {"id": s, "publisher": s.title(), "description": "Reports on the two countries."}
            for s in SOURCES]},
        "entities.yaml": {
            "people": [{"id": "p_queen", "name": "Queen Gloria", "role": "Queen",
                        "country": "sy", "sources": ["gazette"]},
                       {"id": "p_firefly", "name": "Rufus T. Firefly", "role": "President",
                        "country": "fr", "sources": ["gazette"]}],
            "organisations": [{"id": "o_council", "name": "Council of the 2 Nations",
                               "sources": ["almanac"]}],
            "places": [{"id": "l_harbour", "name": "Port Duck", "sources": ["almanac"]}],
            "documents": [{"id": "d_accord", "name": "Accord of 1931",
                           "sources": ["gazette"]}]},
        "metrics.yaml": {"metrics": metrics},
        "facts.yaml": {"facts": draw(_items("Fact", 5))},
        "events.yaml": {"events": events},
        "charts.yaml": {"charts": charts},
        "series.yaml": {"series": series},
        f"{SERIES}.csv": rows,
    }


def _pruned(charts: list[dict[str, Any]], metrics: list[dict[str, Any]],
            has_series: bool) -> list[dict[str, Any]]:
    """Each chart as its kind needs it (charts.yaml's own rules), or left out."""
    by_id = {m["id"]: m for m in metrics}
    kept = []
    for chart in charts:
        kind = chart["kind"]
        chart.pop("series", None)
        chart.pop("column", None)
        if kind == "series":
            chart.update(series=SERIES, column="exports")
        if kind in ("timeline", "series"):
            chart.pop("metrics", None)
            if kind == "series" and not has_series:
                continue
            kept.append(chart)
            continue
        ids = [m for m in chart.get("metrics", []) if m in by_id]
        if kind in ("comparison", "growth"):
            ids = [m for m in ids if by_id[m].get("change")]
        if kind == "comparison":
            ids = ids[:1]
        if kind == "bars" and ids:
            ids = [m for m in ids if by_id[m]["unit"] == by_id[ids[0]]["unit"]]
        if ids:
            kept.append({**chart, "metrics": ids})
    return kept


def _write(folder: Path, files: dict[str, Any]) -> None:
    folder.mkdir(parents=True)
    for name, content in files.items():
        if name.endswith(".csv"):
            with (folder / name).open("w", encoding="utf-8", newline="") as out:
                writer = csv.writer(out)
                writer.writerow(["year", "exports"])
                writer.writerows(sorted(content))
        else:
            (folder / name).write_text(yaml.safe_dump(content, allow_unicode=True,
                                                      sort_keys=False), encoding="utf-8")


def _cited(report: Report) -> set[str]:
    runs = [r for s in report.sections for b in s.section.blocks for r in b.runs]
    runs += [r for table in (report.key_figures, report.timeline) for row in table.rows
             for cell in row for r in cell]
    return {r.cite for r in runs if r.cite}


DEBRIS = re.compile(r"\bNone\b|\bnan\b|[{}]")


# Bounded and reproducible: the same 25 datasets on every run (about a second each). A failing
# dataset is reported as drawn, with its folder: shrinking a whole dataset takes minutes.
@settings(max_examples=25, derandomize=True, database=None, deadline=None,
          phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(files=datasets())
def test_any_valid_dataset_builds(tmp_path_factory: pytest.TempPathFactory,
                                  files: dict[str, Any]) -> None:
    folder = tmp_path_factory.mktemp("any") / "freedonia-sylvania"
    _write(folder, files)
    note(f"dataset written to {folder}")
    report = gathered(folder).report
    published = [item["id"] for name in ("metrics", "facts", "events")
                 for item in files[f"{name}.yaml"][name] if item.get("publish", True)]
    assert set(published) <= _cited(report), "published but cited nowhere"
    for section in report.sections:
        for block in section.section.blocks:
            assert not DEBRIS.search(block.text), block.text
