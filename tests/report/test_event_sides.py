"""Events told by who their people were to them (issue 21v), for any pair of countries: fighting
as who clashed ("Freedonian and Sylvanian forces clashed on the border on D"), never "Armed
clashed" nor "fighting was held"; a title of no known kind "took place"; a visit's host never
"attends" it; a third country's person chairs talks or witnesses a signing rather than being
listed among who met; an outcome of "the two sides" in the opening's sentence; a signing the
opening told not told again. The dataset is invented, built and read back from the .docx; the
audit runs on it, and catches each fault class on the sentences the change removed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document

from reportgen.audit.prose import check_briefing, check_text
from reportgen.dataset.loading import load_dataset
from reportgen.report.happenings import event_notes

from ..conftest import content_build, minimal_with

PEOPLE = """  - {id: harpo, name: Harpo Marx, role: President of Freedonia, country: fr,
     sources: [gazette]}
  - {id: vera, name: Vera Marcal, role: Foreign Minister of Sylvania, country: sy,
     sources: [gazette]}
  - {id: zeppo, name: Zeppo Marx, role: Fish Minister of Freedonia, country: fr,
     sources: [gazette]}
  - {id: otto, name: Otto Brunhild, role: Chancellor of Ruritania and mediator,
     sources: [gazette]}
  - {id: ida, name: Ida Lenz, role: President of Grand Fenwick, sources: [gazette]}
  - {id: pia, name: Pia Torres, role: Prime Minister of Freedonia, country: fr,
     sources: [gazette]}
  - {id: lev, name: Lev Orlik, role: Acting Prime Minister of Sylvania, country: sy,
     sources: [gazette]}
  - {id: noor, name: Noor Haddad, role: Minister of Fisheries and Coasts, country: sy,
     sources: [gazette]}
"""
PLACES = """  - {id: geneva, name: Geneva, sources: [gazette]}
"""
DOCUMENTS = """  - {id: truce, name: Lighthouse Truce, sources: [gazette]}
"""
EVENTS = """events:
  - {id: clashes, area: politics, title: Armed clashes on the Freedonian–Sylvanian border,
     short_title: Clashes, period: 2031-03-02/2031-03-05, high_level: true, sources: [gazette]}
  - {id: flare, area: politics, title: Renewed fighting in the hills, short_title: Fighting,
     period: 2031-09, kind: clash, sources: [gazette]}
  - {id: flotilla, area: politics, title: Flotilla of fishing boats off the lighthouse,
     short_title: Flotilla, period: 2031-05-20, sources: [gazette]}
  - {id: talks, area: politics, title: Truce talks in Geneva chaired by the Chancellor of
     Ruritania, short_title: Truce talks, period: 2031-03-08, kind: meeting,
     participants: [otto, zeppo, vera], places: [geneva],
     outcomes: ["the two sides agreed to an immediate truce"], sources: [gazette]}
  - {id: visit, area: politics, title: Visit of Freedonia's fish minister to Sylvania City,
     short_title: Fish visit, period: 2031-04-02/2031-04-03, kind: visit,
     participants: [zeppo, vera], places: [sylvania_city],
     outcomes: ["the two ministers raised their fisheries ties to a partnership",
                "the launch of the Ferry Plan",
                "the two ministers agreed to hold a fish summit"], sources: [gazette]}
  - {id: signing, area: politics, title: Signing of the Lighthouse Truce in Geneva,
     short_title: Truce signed, period: 2031-06-01, kind: signing,
     participants: [harpo, vera, ida], documents: [truce],
     outcomes: ["the signing of the {truce}"], sources: [gazette]}
  - {id: call, area: politics, title: Telephone call between the prime ministers,
     short_title: Call, period: 2031-07-04, kind: call, participants: [pia, lev],
     outcomes: ["the two leaders agreed to reopen the ferry line"], sources: [gazette]}
  - {id: forum, area: economy, title: Fisheries forum in Geneva, short_title: Forum,
     period: 2031-08-09, kind: meeting, participants: [noor, zeppo], places: [geneva],
     sources: [gazette]}
"""


def _dataset(root: Path) -> Path:
    return minimal_with(root, EVENTS, people=PEOPLE, places=PLACES, documents=DOCUMENTS)


@pytest.fixture(scope="module")
def body(tmp_path_factory: pytest.TempPathFactory) -> str:
    data = _dataset(tmp_path_factory.mktemp("sides"))
    paths = content_build(data, data.parent / "out")
    # The one event of no known kind "took place": the audit flags it as validate notes it
    # (give it `kind:` or `participants:`); nothing else.
    found = check_briefing(paths["docx"].read_bytes(), "briefing")
    assert [f.message.split(":")[0] for f in found] == ["records.took_place"], found
    paragraphs = [" ".join(p.text.split()) for p in Document(str(paths["docx"])).paragraphs]
    return re.sub(r"\[\d+\]| \(see Figure \d+\)", "", " ".join(paragraphs))


def test_fighting_is_told_as_who_clashed(body: str) -> None:
    assert ("Freedonian and Sylvanian forces clashed on the border on 2–5 March 2031.") in body, \
        body
    assert "Armed clashed" not in body
    assert "The renewed fighting in the hills broke out in September 2031." in body, body
    assert " was held" not in body and " were held" not in body


def test_an_event_of_no_known_kind_took_place(body: str) -> None:
    assert "The flotilla of fishing boats off the lighthouse took place on 20 May 2031." in body


def test_a_third_countrys_chair_is_not_among_who_met(body: str) -> None:
    assert ("Fish Minister Zeppo Marx and Foreign Minister Vera Marcal met in Geneva on 8 March "
            "2031 in talks chaired by Ruritania's Chancellor Otto Brunhild and agreed to an "
            "immediate truce.") in body, body
    assert "The two sides agreed to an immediate truce" not in body


def test_a_visits_host_does_not_attend_it(body: str) -> None:
    assert ("Zeppo Marx visited Sylvania City on 2–3 April 2031 for talks with Vera Marcal."
            in body), body
    assert "attended the visit" not in body


def test_the_outcomes_of_the_parties_are_one_list_of_what_they_did(body: str) -> None:
    assert ("During the visit, the two leaders raised their fisheries ties to a partnership, "
            "launched the Ferry Plan and agreed to hold a fish summit.") in body, body
    assert "The two ministers agreed" not in body


def test_a_signing_names_who_signed_and_who_witnessed_it_once(body: str) -> None:
    assert ("President Harpo Marx and Vera Marcal signed the Lighthouse Truce in Geneva on 1 June "
            "2031 in the presence of Grand Fenwick's President Ida Lenz.") in body, body
    assert body.count("signed the Lighthouse Truce") == 1, body


def test_a_person_is_introduced_by_post_and_country_where_offices_would_read_alike(
        body: str) -> None:
    assert ("Freedonia's Prime Minister Pia Torres and Sylvania's Acting Prime Minister Lev Orlik "
            "spoke by telephone on 4 July 2031 and agreed to reopen the ferry line.") in body, body
    # A role whose "of" names no country is the office whole, its first part ("… and Coasts").
    assert "Minister of Fisheries Noor Haddad" in body, body


def test_validate_names_the_event_told_as_it_took_place(tmp_path: Path) -> None:
    notes = [str(n) for n in event_notes(load_dataset(_dataset(tmp_path)))]
    flotilla = [n for n in notes if "flotilla" in n and "kind" in n]
    assert flotilla and "took place" in flotilla[0] and "clash" in flotilla[0], notes
    assert not [n for n in notes if "(clashes)" in n and "its kind" in n], notes


def test_the_rules_catch_what_the_change_removed() -> None:
    for sentence, rule in [
        ("Claudia Sheinbaum attended the Prime Minister Carney's visit to Mexico City on 18–19 "
         "September 2025.", "events.host_attended"),
        ("Secretary Marcelo Ebrard and Mark Carney met at the dinner of the Mexico–Canada "
         "Bilateral Meeting with business leaders on 18 September 2025.",
         "events.met_at_meeting"),
        ("The renewed fighting on the border was held in December 2025.", "events.strife_held"),
        ("Armed clashed on the disputed Thai–Cambodian border on 24–28 July 2025.",
         "events.no_subject"),
        ("Recep Tayyip Erdoğan and Sheikh Tamim bin Hamad Al Thani met in Ankara with President "
         "Erdoğan on 8 August 2024.", "events.name_twice"),
    ]:
        found = check_text([("paragraph 1", sentence)], "briefing.docx", "body")
        assert rule in {f.message.split(":")[0] for f in found}, (sentence, found)


@pytest.mark.parametrize("sentence", [
    "Thai and Cambodian forces clashed on the disputed border on 24–28 July 2025.",
    "Prime Minister Hun Manet and Acting Prime Minister Phumtham Wechayachai met in Kuala "
    "Lumpur on 28 July 2025 in talks chaired by Prime Minister Anwar Ibrahim.",
    "Foreign Minister Prince Faisal bin Farhan and Foreign Minister Badr Abdelatty held talks.",
    "Mark Carney visited Mexico City on 18–19 September 2025 for talks with Claudia Sheinbaum.",
])
def test_what_an_editor_writes_passes_the_rules(sentence: str) -> None:
    found = check_text([("paragraph 1", sentence)], "briefing.docx", "body")
    assert not [f for f in found if "events." in f.message], found
