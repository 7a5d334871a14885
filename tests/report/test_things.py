"""Figures about one thing told together (issue 21y): the attributes of one thing and its parts
in one sentence about it, the whole before its parts; a series of one measure over months with
its total, the total first. Built from a small invented dataset and read back from the .docx;
the label reading checked against the shipped catalog."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from docx import Document

from reportgen.report.catalog import SHIPPED, load_catalog
from reportgen.report.things import ThingWords

from ..conftest import FIXTURES, content_build


def _m(id_: str, area: str, label: str, value: float, unit: str, period: Any,
       **more: Any) -> dict[str, Any]:
    return {"id": id_, "area": area, "label": label, "short_label": label[:30], "unit": unit,
            "period": period, "value": value, "sources": ["almanac"], **more}


PLAN = {"status": "planned", "announced": True}
FIGURES = [
    # One bridge: its length, cost and term, and the lengths of its two sections, announced in
    # one month; told as one sentence about the bridge, the whole before its parts.
    _m("bridge_east", "transport", "Length of the eastern section of the Marx Bridge", 4,
       "km", "2031-05", **PLAN),
    _m("bridge_length", "transport", "Length of the Marx Bridge over the Silver River", 7, "km",
       "2031-05", **PLAN),
    _m("bridge_cost", "transport", "Cost of the Marx Bridge", 900_000_000, "EUR", "2031-05",
       qualifier="about", **PLAN),
    _m("bridge_west", "transport", "Length of the western section of the Marx Bridge", 3,
       "km", "2031-05", **PLAN),
    _m("bridge_funding", "transport", "Sylvanian investment in the Marx Bridge", 400_000_000,
       "EUR", "2031-05", **PLAN),
    # A series of one measure over months, the total for a longer period that holds them.
    *(_m(f"grain_{m}", "energy", "Grain shipped through the port of Sylvania City", v, "t",
         f"2031-{m:02d}") for m, v in ((3, 120_000), (1, 80_000), (2, 95_000))),
    _m("grain_total", "energy", "Grain shipped through the port of Sylvania City", 410_000, "t",
       "2030-12/2031-03", qualifier="nearly"),
    # Two amounts and the balance that is their difference; a second pair whose difference is
    # not the balance's: each in a sentence of its own.
    _m("power_sold", "energy", "Freedonian electricity sales to Sylvania", 50_000_000, "EUR",
       2030, context=True),
    _m("power_bought", "energy", "Freedonian electricity purchases from Sylvania", 20_000_000,
       "EUR", 2030, context=True),
    _m("power_surplus", "energy", "Freedonia's electricity surplus with Sylvania", 30_000_000,
       "EUR", 2030, context=True),
    _m("gas_sold", "humanitarian", "Gas Freedonia sold to Sylvania", 50_000_000, "EUR", 2030,
       context=True),
    _m("gas_bought", "humanitarian", "Gas Freedonia bought from Sylvania", 20_000_000, "EUR",
       2030, context=True),
    _m("gas_surplus", "humanitarian", "Freedonia's gas surplus with Sylvania", 25_000_000,
       "EUR", 2030, context=True),
    # A length of something else: never told with the bridge.
    _m("road_length", "transport", "Length of the coastal road", 40, "km", "2031-05", **PLAN),
]


# An event whose own figures are of one thing: told in one sentence within the event.
TALKS = """
  - id: tunnel_talks
    area: transport
    title: Talks on the Silver River tunnel in Sylvania City
    short_title: Tunnel talks
    period: 2031-06
    participants: [rufus_firefly]
    metrics: [tunnel_capacity, tunnel_term, tunnel_length]
    sources: [gazette]
"""
FIGURES += [
    _m("tunnel_capacity", "transport", "Capacity of the Silver River tunnel", 2_000_000, "t",
       "2031-06", per="year", **PLAN),
    _m("tunnel_term", "transport", "Term of the Freedonian investment in the Silver River "
       "tunnel", 4, "years", "2031-06", **PLAN),
    _m("tunnel_length", "transport", "Length of the Silver River tunnel", 12, "km", "2031-06",
       **PLAN),
]


def _dataset(tmp_path: Path, figures: list[dict[str, Any]]) -> Path:
    data = tmp_path / "things"
    shutil.copytree(FIXTURES / "minimal", data)
    events = data / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8").rstrip("\n") + "\n" + TALKS.lstrip(
        "\n"), encoding="utf-8")
    metrics = yaml.safe_load((data / "metrics.yaml").read_text(encoding="utf-8"))["metrics"]
    (data / "metrics.yaml").write_text(yaml.safe_dump({"metrics": metrics + figures},
                                                      allow_unicode=True), encoding="utf-8")
    return data


@pytest.fixture(scope="module")
def sentences(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    tmp = tmp_path_factory.mktemp("things")
    built = content_build(_dataset(tmp, FIGURES), tmp / "out", formats=("docx",))
    text = ["".join(r.text for r in p.runs if not r.font.superscript)
            for p in Document(str(built["docx"])).paragraphs]
    return [re.sub(r" \(see Figure \d+\)(?=\.)", "", s) for t in text
            for s in re.split(r"(?<=\.)\s+(?=[A-Z])", t) if s]


def test_the_attributes_of_one_thing_and_its_parts_share_a_sentence(
        sentences: list[str]) -> None:
    told = [s for s in sentences if "Marx Bridge" in s]
    assert told == [
        "In May 2031, plans were announced for the Marx Bridge over the Silver River to be "
        "7 kilometres long and cost about €900 million, with Sylvanian investment of €400 "
        "million, 4 kilometres of it in the eastern section and 3 kilometres in the western "
        "section."], told


def test_a_thing_s_attribute_of_another_thing_keeps_its_own_sentence(
        sentences: list[str]) -> None:
    road = [s for s in sentences if "coastal road" in s]
    assert len(road) == 1 and "Marx" not in road[0], road


def test_a_series_over_months_is_told_with_its_total_first(sentences: list[str]) -> None:
    grain = [s for s in sentences if "grain shipped" in s.lower()]
    assert grain == [
        "Grain shipped through the port of Sylvania City totalled nearly 410,000 tonnes in "
        "December 2030\u2009–\u2009March 2031, rising from 80,000 tonnes in January 2031 to 95,000 "
        "tonnes in February 2031 and 120,000 tonnes in March 2031."], grain


@pytest.mark.parametrize(("label", "said"), [
    ("Length of the Hungarian section of the oil pipeline",
     ("Length", "length", "the Hungarian section", "the oil pipeline")),
    ("Term of the Hungarian investment in the oil pipeline",
     ("Term", "term", "", "the oil pipeline")),
    ("Hungarian investment in the oil pipeline",
     ("Hungarian investment", "-", "", "the oil pipeline")),
    ("Capacity of the oil pipeline", ("Capacity", "capacity", "", "the oil pipeline")),
])
def test_a_label_says_which_attribute_of_which_thing(label: str,
                                                     said: tuple[str, ...]) -> None:
    words = ThingWords(load_catalog(SHIPPED, "en").get)
    found = words.aspect(label)
    assert found is not None
    assert (found.attribute, found.kind, found.part, found.thing) == said


@pytest.mark.parametrize("label", ["Polish exports to Ukraine", "Length",
                                   "Visitors from Freedonia to Sylvania"])
def test_a_label_of_no_thing_s_attribute_says_none(label: str) -> None:
    assert ThingWords(load_catalog(SHIPPED, "en").get).aspect(label) is None


def test_a_balance_is_told_with_the_amounts_it_is_the_difference_of(
        sentences: list[str]) -> None:
    assert ("Freedonian electricity sales to Sylvania totalled €50 million in 2030 and "
            "Freedonian electricity purchases from Sylvania €20 million, leaving Freedonia's "
            "electricity surplus with Sylvania at €30 million.") in sentences, [
                s for s in sentences if "lectricity" in s]


def test_a_balance_that_is_not_the_difference_keeps_its_own_sentence(
        sentences: list[str]) -> None:
    gas = [s for s in sentences if "gas surplus" in s]
    assert len(gas) == 1 and "leaving" not in gas[0], gas


def test_an_event_s_figures_of_one_thing_are_one_sentence_in_its_paragraph(
        sentences: list[str]) -> None:
    tunnel = [s for s in sentences if "tunnel" in s and "kilometres" in s]
    assert tunnel == [
        "During the talks, plans were announced for the Silver River tunnel to be 12 "
        "kilometres long, have a capacity of 2 million tonnes a year and be completed within "
        "four years."], [
            s for s in sentences if "tunnel" in s.lower()]
