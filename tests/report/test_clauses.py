"""Figures whose label is a clause or a measure of a thing (issue 21, figure_clauses.py): told as
the clause ("The entry centre can accommodate about 200 people") or of the thing ("The
migration deal runs for five years"), never "there were about 200 people the entry centre can
accommodate" or "Deal term was five years in October 2031", and without the month the figure
was reported. Built from a small dataset and read back from the .docx; the house-style check
flags the old shapes; `validate` no longer names a count its clause tells."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.audit.prose import check_briefing, check_text
from reportgen.pipeline.build import prose_notes, validate

from ..conftest import TEMPLATES, content_build
from .test_counts import _body
from .test_together import _dataset, _m

FIGURES = [
    _m("centre_places", "humanitarian", "People the Northern entry centre can accommodate", 200,
       "count", "2031-10", noun="people", qualifier="about"),
    _m("opening_capacity", "humanitarian", "Migrants the centres could accommodate at the start",
       400, "count", "2031-10", noun="migrants", qualifier="up_to"),
    _m("hosted", "politics", "Migrants Sylvania is to host for Freedonia under the deal", 3000,
       "count", "2031-10", noun="migrants", qualifier="up_to", per="month"),
    _m("gas_replaced", "energy", "Natural gas the interconnector would replace", 4.5, "bcm",
       "2031-05", per="year", status="expected"),
    _m("deal_term", "politics", "Term of the Freedonia–Sylvania migration deal", 5, "years",
       "2031-10"),
    _m("line_voltage", "energy", "Voltage of the Freedonia–Sylvania interconnector line", 500,
       "kV", 2031),
    _m("cable_cost", "energy", "Cost of the Northern undersea cable", 4_000_000_000, "EUR",
       "2031-05", qualifier="about", status="expected"),
    _m("cable_capacity", "energy", "Capacity of the Northern undersea cable", 3000, "MW",
       "2031-05", status="planned"),
    _m("cable_timeline", "energy", "Time until the Northern undersea cable becomes operational",
       5, "years", "2031-05", qualifier="up_to", status="expected"),
    _m("loan_vessels", "politics", "New patrol vessels the Northern loan pays for", 5, "count",
       "2031-03", noun="new patrol vessels"),
    _m("joint_plants", "economy", "Joint plants Freedonia and Sylvania are building together", 78,
       "count", "2031-03", noun="joint plants"),
    # Counts told once: the label's own things that something has, the verb said once, a
    # present participle in the past.
    _m("centre_staff", "humanitarian", "Freedonian guards, police and soldiers in the centres",
       500, "count", "2031-09", noun="Freedonian staff"),
    _m("first_group", "humanitarian", "Migrants in the first group taken to Sylvania", 16,
       "count", "2031-09", noun="migrants", verb="taken to Sylvania"),
    _m("sea_arrivals", "humanitarian", "Migrants arriving in Freedonia by sea", 52425, "count",
       "2031-01/2031-08", noun="migrants"),
    _m("commission_gap", "politics", "Time the Joint Commission had been inactive", 7, "years",
       "2031-02"),
]

TOLD = [
    "The Northern entry centre can accommodate about 200 people.",
    "The centres could accommodate up to 400 migrants at the start.",
    "Sylvania is to host up to 3,000 migrants a month for Freedonia under the deal.",
    "The interconnector would replace 4.5 bcm of natural gas a year.",
    "The Freedonia–Sylvania migration deal runs for five years.",
    "The Freedonia–Sylvania interconnector line operates at 500 kV.",
    "The Northern undersea cable is expected to cost about €4 billion.",
    "The Northern undersea cable is to have a capacity of 3,000 MW.",
    "The Northern undersea cable is expected to become operational within five years.",
    "The Joint Commission had been inactive for seven years.",
    "The Northern loan pays for five new patrol vessels.",
    "Freedonia and Sylvania are building 78 joint plants together.",
    "The centres had 500 Freedonian guards, police and soldiers in September 2031.",
    "In September 2031, 16 migrants in the first group were taken to Sylvania.",
    "In January–August 2031, 52,425 migrants arrived in Freedonia by sea.",
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("clauses")
    return content_build(_dataset(tmp, FIGURES), tmp / "out")


@pytest.mark.parametrize("sentence", TOLD, ids=range(len(TOLD)))
def test_clauses_and_measures_are_told_of_the_thing(built: dict[str, Path],
                                                    sentence: str) -> None:
    assert sentence in _body(built)


def test_no_clause_or_measure_is_told_as_a_record(built: dict[str, Path]) -> None:
    body = _body(built)
    for record in ("there were about 200 people", "Term of the", "term was", "Voltage of",
                   "should reach", "Time until", "Time the", "May 2031", "October 2031",
                   "Estimates made"):
        assert record not in body, record
    found = [str(f) for f in check_briefing(built["docx"].read_bytes(), "b.docx")
             if f.message.startswith("figures.")]
    assert found == []
    # The tables keep the period the figures were reported in.
    cells = " ".join(c.text for t in __import__("docx").Document(str(built["docx"])).tables
                     for r in t.rows for c in r.cells)
    assert "2031" in cells


@pytest.mark.parametrize(("sentence", "rule"), [
    ("In October 2024, there were about 200 people the Shengjin entry centre can "
     "accommodate.", "figures.clause_label"),
    ("Natural gas the interconnector would replace should reach 4.5 bcm a year in May 2025.",
     "figures.clause_subject"),
    ("Interconnector voltage totalled 500 kV in 2024.", "figures.measure_label"),
    ("Deal term was five years in October 2024.", "figures.measure_label"),
    ("Time the Joint Ministerial Commission had been inactive was seven years.",
     "figures.time_label"),
    ("Time until the GREGY interconnector becomes operational should reach up to five years in "
     "May 2025.", "figures.time_label"),
    ("During the session, time the Joint Ministerial Commission had been inactive was seven "
     "years.", "figures.time_label"),
    ("Estimates made in May 2025 put natural gas the interconnector would replace at 4.5 bcm a "
     "year.", "figures.clause_subject"),
])
def test_each_clause_or_measure_record_is_caught(sentence: str, rule: str) -> None:
    found = check_text([("paragraph 3", sentence)], "b.docx", "body")
    assert any(f.message.startswith(f"{rule}: ") for f in found), [str(f) for f in found]


def test_what_the_editor_wrote_passes_the_measure_rules() -> None:
    for sentence in TOLD + ["The GREGY interconnector is a 500 kV line.",
                            "The deal runs for five years.",
                            "There were 42 flights a week in December 2025."]:
        found = [str(f) for f in check_text([("p", sentence)], "b.docx", "body")
                 if f.message.split(":")[0] in ("figures.clause_label", "figures.clause_subject",
                                                "figures.measure_label", "figures.time_label")]
        assert found == [], sentence


def test_validate_leaves_a_count_its_clause_tells(tmp_path: Path) -> None:
    dataset, _ = validate(_dataset(tmp_path, FIGURES), TEMPLATES)
    notes = [str(p) for p in prose_notes(dataset) if 'reads "there were' in str(p)]
    assert not any(f"({m['id']})" in n for n in notes for m in FIGURES), notes


@pytest.mark.parametrize("label", [
    "South Korean exports to Vietnam", "Passenger cars, the largest of Georgia's exports to "
    "Armenia", "Potential investment under the Engie and OCP renewables agreement",
    "Bilateral trade target the two countries are close to reaching", "Length of the energy "
    "talks", "Time until the line becomes operational", "Surviving Polish victims of the "
    "German occupation", "Migrants Türkiye hosts and does not let move onward"])
def test_a_label_that_is_no_clause_is_not_read_as_one(label: str) -> None:
    from reportgen.report.catalog import SHIPPED, load_catalog
    from reportgen.report.figure_clauses import ClauseWords, clause_shape

    assert clause_shape(label, None, ClauseWords(load_catalog(SHIPPED, "en").get)) is None
