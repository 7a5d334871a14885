"""Events told by their own verb (issue 21q): a handover, a return, a ruling told as what was
done ("The lighthouse was handed over to Sylvania on D"), never "was held"; a count the event's
verb tells folded into its sentence; a clause outcome with an irregular verb said as its own
sentence, never glued after "brought"; "a commitment to" as what the parties agreed; a signing
during a visit, of the documents the visit's outcomes count, told once; a visit's length in its
kind ("a three-day state visit"); a session its two leaders held that day; a relative clause
that ends its sentence; an ordinal said in its session's title, the ministers by their posts.
The dataset is built and the .docx read back; the audit runs on it and catches what the change
removes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document

from reportgen.audit.prose import check_briefing, check_text

from ..conftest import content_build, minimal_with

PEOPLE = """  - {id: harpo, name: Harpo Marx, role: President of Freedonia, country: fr,
     sources: [gazette]}
  - {id: vera, name: Vera Marcal, role: Foreign Minister of Sylvania, country: sy,
     sources: [gazette]}
  - {id: zeppo, name: Zeppo Marx, role: Fish Minister of Freedonia, country: fr,
     sources: [gazette]}
  - {id: trentino, name: Ambrose Trentino, role: Trade Minister of Sylvania, country: sy,
     sources: [gazette]}
"""
ORGANISATIONS = """  - {id: harbour_court, name: Fisheries Chamber of the Harbour Court,
     sources: [gazette]}
"""
PLACES = """  - {id: fredville, name: Fredville, sources: [gazette]}
"""
EVENTS = """events:
  - {id: handover, area: politics, title: Handover of the Fredville lighthouse to Sylvania,
     short_title: Lighthouse handover, period: 2031-03-05, places: [fredville],
     sources: [gazette]}
  - {id: ruling, area: politics, title: Harbour court ruling against the quota regime,
     short_title: Court ruling, period: 2031-03-12, organisations: [harbour_court],
     outcomes: ["the court found that the regime broke the treaty and ordered the boats
     released"], sources: [gazette]}
  - {id: return, area: politics, title: Return to Freedonia of the first fishermen held in
     Sylvania, short_title: Fishermen returned, period: 2031-03-19, metrics: [returned],
     sources: [gazette]}
  - {id: visit, area: politics, title: State visit by President Harpo Marx to Sylvania,
     short_title: State visit, period: 2031-04-10, kind: visit, high_level: true,
     participants: [harpo, vera], places: [sylvania_city], metrics: [visit_days],
     outcomes: ["nine accords on fishing, ferries and lighthouses",
                "a commitment to revive the river commission"], sources: [gazette]}
  - {id: signing, area: politics, title: Signing of accords at the palace in Sylvania City,
     short_title: Accords signed, period: 2031-04-10, kind: signing, part_of: visit,
     participants: [harpo, vera], metrics: [accords], sources: [gazette]}
  - {id: council, area: politics, title: First session of the Freedonia–Sylvania Council,
     short_title: Council, period: 2031-04-10, kind: summit, part_of: visit,
     participants: [vera, harpo], outcomes: ["the signing of the Ferry Charter, which opened the
     river to ferries", "a joint declaration that committed the two countries to a truce"],
     sources: [gazette]}
  - {id: commission, area: economy, title: Session of the Joint Fish Commission in Fredville,
     short_title: Fish Commission, period: 2031-02, kind: meeting, participants: [zeppo,
     trentino], places: [fredville], metrics: [commission_session], sources: [gazette]}
  - {id: delegation, area: economy, title: Freedonian fishing delegation to Sylvania City and the
     first Fish Fair, short_title: Fish Fair, period: 2031-06-01/2031-06-03, kind: visit,
     participants: [zeppo, trentino], sources: [gazette]}
"""
FIGURES = """  - {id: returned, area: politics, label: Fishermen returned to Freedonia,
     short_label: Fishermen returned, noun: fishermen, verb: returned to Freedonia, value: 12,
     unit: count, period: 2031-03-19, sources: [gazette]}
  - {id: accords, area: politics, label: Accords signed during the state visit,
     short_label: Accords, noun: accords, verb: signed, value: 9, unit: count,
     period: 2031-04-10, sources: [gazette]}
  - {id: visit_days, area: politics, label: Length of the state visit, short_label: Visit
     length, value: 3, unit: days, period: 2031-04, sources: [gazette]}
  - {id: commission_session, area: economy, label: Session of the Freedonian–Sylvanian Joint Fish
     Commission, short_label: Session, value: 12, unit: ordinal, period: 2031-02,
     sources: [gazette]}
"""


def _dataset(root: Path) -> Path:
    return minimal_with(root, EVENTS, FIGURES, people=PEOPLE, organisations=ORGANISATIONS,
                        places=PLACES)


@pytest.fixture(scope="module")
def body(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The briefing's body as written, and the audit run on it."""
    data = _dataset(tmp_path_factory.mktemp("deeds"))
    paths = content_build(data, data.parent / "out")
    assert check_briefing(paths["docx"].read_bytes(), "briefing") == []
    paragraphs = [" ".join(p.text.split()) for p in Document(str(paths["docx"])).paragraphs]
    return re.sub(r"\[\d+\]| \(see Figure \d+\)", "", " ".join(paragraphs))


def test_a_deed_is_told_by_its_own_verb(body: str) -> None:
    assert "The Fredville lighthouse was handed over to Sylvania on 5 March 2031." in body, body
    assert "The Harbour court ruled against the quota regime on 12 March 2031." in body, body
    assert " was held" not in body and " were held" not in body


def test_a_count_its_verb_tells_folds_into_the_event(body: str) -> None:
    assert ("The first 12 fishermen held in Sylvania were returned to Freedonia on 19 March "
            "2031.") in body, body
    assert "During the return" not in body


def test_a_clause_outcome_is_its_own_sentence(body: str) -> None:
    assert ("The court found that the regime broke the treaty and ordered the boats released."
            in body), body
    assert "brought the court" not in body


def test_a_commitment_is_what_the_parties_agreed(body: str) -> None:
    assert "agreed to revive the river commission" in body, body
    assert "brought a commitment" not in body


def test_a_signing_during_a_visit_is_told_once(body: str) -> None:
    assert body.count("nine accords") == 1, body
    assert "During the signing" not in body
    assert "signed accords at the palace" not in body


def test_the_rules_catch_what_they_remove() -> None:
    for sentence, rule in [
        ("The handover of the Gjader site to Italy was held on 9 October 2024.",
         "events.deed_held"),
        ("The ruling on 18 October 2024 brought the court found that A was not safe.",
         "events.brought_clause"),
        ("During the return, 12 migrants were returned to Italy.", "events.count_again"),
        ("During the signing, seven memoranda of understanding were signed.",
         "events.count_again"),
    ]:
        found = check_text([("paragraph 1", sentence)], "briefing.docx", "body")
        assert rule in {f.message.split(":")[0] for f in found}, (sentence, found)


def test_a_visit_says_how_long_it_lasted(body: str) -> None:
    assert "paid a three-day state visit to Sylvania on 10 April 2031" in body, body
    assert "lasted three days" not in body


def test_a_session_of_the_same_leaders_that_day_is_held_by_them(body: str) -> None:
    assert ("The same day the two leaders held the first session of the Freedonia–Sylvania "
            "Council.") in body, body
    assert "attended the first session" not in body


def test_a_relative_clause_ends_its_sentence_and_does_not_hide_the_verb(body: str) -> None:
    assert ("the two leaders signed the Ferry Charter, which opened the river to ferries. They "
            "also signed a joint declaration that committed the two countries to a truce.") \
        in body, body
    assert "brought a joint declaration" not in body


def test_an_ordinal_names_its_session_and_the_ministers_their_posts(body: str) -> None:
    assert ("Fish Minister Zeppo Marx and Trade Minister Ambrose Trentino held the 12th session "
            "of the Joint Fish Commission in Fredville in February 2031.") in body, body
    assert "met at the" not in body
    assert "It was the 12th" not in body


def test_an_event_whose_title_names_none_of_its_people_is_who_took_part(body: str) -> None:
    assert ("Zeppo Marx and Ambrose Trentino took part in the Freedonian fishing delegation to "
            "Sylvania City and the first Fish Fair on 1–3 June 2031.") in body, body
    assert "brought together" not in body
