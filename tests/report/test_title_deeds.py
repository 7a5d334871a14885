"""Events whose title is a deed told as the deed (issue 21x): "President A's call for …" →
"President A called for …", "General strike of X and blockade of Y" → "X held a general
strike and blocked Y", "End of the X' blockade of …" → "X ended their blockade of …", "Joint
award to A and B in P and their working meeting on D" → "A and B received a joint award in P and
held a working meeting on D", "First summit of A and B" → "A and B held their first summit",
never "<title> took place" or "was held". The invented dataset is built and the .docx read back;
the audit runs on it and catches what the change removes; validate notes a title it cannot
read."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document

from reportgen.audit.prose import check_briefing, check_text
from reportgen.dataset.loading import load_dataset
from reportgen.report import happenings, title_deeds

from ..conftest import content_build, minimal_with

PEOPLE = """  - {id: harpo, name: Harpo Marx, role: President of Freedonia, country: fr,
     sources: [gazette]}
  - {id: vera, name: Vera Marcal, role: Prime Minister of Sylvania, country: sy,
     sources: [gazette]}
"""
EVENTS = """events:
  - {id: call, area: politics, title: President Harpo's call for the two navies to meet at
     the reef, short_title: Call for talks, period: 2031-02, kind: speech, participants: [harpo],
     sources: [gazette]}
  - {id: strike, area: economy, title: General strike of Freedonian fishermen and blockade of
     harbours on the Sylvanian coast, short_title: Fishermen strike, period: 2031-03-04,
     sources: [gazette]}
  - {id: end, area: economy, title: End of the Freedonian fishermen's blockade of the coast,
     short_title: Blockade ends, period: {start: 2031-04, end: 2031-04, start_part: mid,
     end_part: mid}, sources: [gazette]}
  - {id: award, area: politics, title: Joint award to President Harpo and Prime Minister Vera
     in Fredville and their working meeting on ferries, short_title: Award,
     period: 2031-05-06, participants: [harpo, vera], sources: [gazette]}
  - {id: summit, area: politics, title: First summit of President Harpo and Prime Minister Vera
     on the sidelines of the Reef Forum, short_title: First summit, period: 2031-06-07,
     participants: [harpo, vera], sources: [gazette]}
  - {id: honour, area: politics, title: President Harpo's talks with Prime Minister Vera in
     Fredville and award of the highest Sylvanian honour, short_title: Honour, period: 2031-08,
     kind: visit, participants: [harpo, vera], outcomes: ["President Harpo received the
     greatest Sylvanian honour from the king"], sources: [gazette]}
  - {id: fair, area: economy, title: Freedonia Sylvania fish fair, short_title: Fish fair,
     period: 2031-07, sources: [gazette]}
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The invented dataset and its briefing's body as written (the audit run on it)."""
    data = minimal_with(tmp_path_factory.mktemp("deeds21x"), EVENTS, people=PEOPLE)
    paths = content_build(data, data.parent / "out")
    found = check_briefing(paths["docx"].read_bytes(), "briefing")
    assert not [f for f in found if "deed_noun" in f.message], found
    paragraphs = [" ".join(p.text.split()) for p in Document(str(paths["docx"])).paragraphs]
    return data, re.sub(r"\[\d+\]| \(see Figure \d+\)", "", " ".join(paragraphs))


def test_a_possessive_deed_is_told_by_its_verb(built: tuple[Path, str]) -> None:
    body = built[1]
    assert "President Harpo called for the two navies to meet at the reef in February 2031." \
        in body, body
    assert "call for the two navies to meet at the reef took place" not in body


def test_two_deeds_are_two_predicates_of_one_subject(built: tuple[Path, str]) -> None:
    body = built[1]
    assert ("Freedonian fishermen held a general strike and blocked harbours on the Sylvanian "
            "coast on 4 March 2031.") in body, body
    assert ("President Harpo and Prime Minister Vera received a joint award in Fredville and "
            "held a working meeting on ferries on 6 May 2031.") in body, body


def test_an_owner_is_no_headline_and_an_outcome_does_not_repeat_a_deed(
        built: tuple[Path, str]) -> None:
    body = built[1]
    assert ("President Harpo held talks with Prime Minister Vera in Fredville and received the "
            "highest Sylvanian honour in August 2031.") in body, body
    assert "Harpo's talked" not in body and "greatest Sylvanian honour" not in body, body


def test_the_end_of_a_deed_is_ended_by_its_doers(built: tuple[Path, str]) -> None:
    body = built[1]
    assert "Freedonian fishermen ended their blockade of the coast in mid-April 2031." in body, \
        body


def test_a_first_summit_is_their_first(built: tuple[Path, str]) -> None:
    body = built[1]
    assert ("held their first summit on the sidelines of the Reef Forum on 7 June 2031") in body, \
        body
    assert "summit of President Harpo and Prime Minister Vera" not in body


def test_a_title_with_no_deed_keeps_its_safe_frame_and_validate_names_the_fix(
        built: tuple[Path, str]) -> None:
    data, body = built
    assert "Freedonia Sylvania fish fair was held in July 2031." in body, body
    notes = happenings.event_notes(load_dataset(data))
    said = [n for n in notes if "(fair)" in n.field and "who did what" in n.message]
    assert said and "`kind:`" in said[0].hint and "`participants:`" in said[0].hint, notes
    assert not [n for n in notes if "who did what" in n.message and "(fair)" not in n.field]


@pytest.mark.parametrize("title", [
    "Meeting of the Intergovernmental Commission",  # no doer named: "met of …" never
    "Belgrade summit of the two leaders",  # a name, not a modifier, before the noun
    "Talks on trade",  # no doer
])
def test_a_title_whose_doer_or_deed_is_not_read_is_left_to_the_safe_frame(title: str) -> None:
    t = happenings.source_catalog("en")
    read = title_deeds.read(t, title)
    assert read is None or not read.agent, read


def test_the_rule_catches_a_deed_told_as_a_noun_phrase() -> None:
    for sentence in [
        "President Zelensky's call for the two governments to meet at the border took place in "
        "February 2024.",
        "The general strike of Polish farmers and blockade of checkpoints took place on 20 "
        "February 2024.",
        "The talks of Foreign Minister Szijjártó and Energy Minister Đedović Handanović in "
        "Belgrade were held in February 2025.",
        "The first summit of President Lee and Prime Minister Ishiba was held on 17 June 2025.",
    ]:
        found = check_text([("paragraph 1", sentence)], "briefing.docx", "body")
        assert "events.deed_noun_told" in {f.message.split(":")[0] for f in found}, sentence
    for sentence in ["The 5th session of the Joint Commission was held in Baku in May 2024.",
                     "President Zelensky called for the two governments to meet at the border "
                     "in February 2024."]:
        found = check_text([("paragraph 1", sentence)], "briefing.docx", "body")
        assert "events.deed_noun_told" not in {f.message.split(":")[0] for f in found}
