"""Events told as what happened (issue 21e): a visit and what happened during it in one
paragraph, its figures told within it, a title read as a clause by the catalog's shapes, the
summary's main event as a sentence, the deck's event points as claims. Each test builds a small
dataset and reads the .docx and .pptx back."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from docx import Document
from pptx import Presentation

from reportgen.audit.prose import check_briefing, check_deck, check_text
from reportgen.pipeline.build import BuildOptions, build, output_paths, prose_notes, validate

from ..conftest import FIXTURES, TEMPLATES, content_build

# A four-day visit told only by its title, a day's talks within it, a meeting and a forum (in
# another section, sharing the visitor by name) over the visit's whole range, two counts of the
# visit's period, an event no shape reads, and one with an outcome written as a clause.
EVENTS = """events:
  - {id: visit, area: politics, title: Official visit by Envoy Rufus T. Firefly to Sylvania,
     short_title: Envoy's visit, period: 2031-06-28/2031-07-01, high_level: true,
     sources: [gazette]}
  - {id: talks, area: politics, title: Talks between Envoy Rufus T. Firefly and Queen Gloria
     Teasdale, short_title: Talks, period: 2031-06-30, high_level: true, sources: [gazette]}
  - {id: audience, area: politics, title: Meeting of Envoy Rufus T. Firefly with the Sylvanian
     cabinet, short_title: Cabinet meeting, period: 2031-06-28/2031-07-01, sources: [gazette]}
  - {id: forum, area: economy, title: Sylvania business forum addressed by Envoy Rufus T.
     Firefly, short_title: Business forum, period: 2031-06-28/2031-07-01, sources: [gazette]}
  - {id: consultations, area: politics, title: Freedonian–Sylvanian consultations in Sylvania
     City, short_title: Consultations, period: 2031-11, high_level: true, sources: [gazette]}
  - {id: summit, area: economy, title: Freedonia–Sylvania trade summit, short_title: Trade summit,
     period: 2031-09-15, outcomes: [the signing of a fisheries protocol, the two governments
     agreed to meet again in the spring], sources: [gazette]}
"""
FIGURES = """  - {id: accords_signed, area: politics,
     label: Cooperation accords signed during the visit, short_label: Accords signed,
     noun: cooperation accords, verb: signed, value: 12,
     unit: count, period: 2031-06-28/2031-07-01, sources: [gazette]}
  - {id: visit_items, area: politics, label: Items on the envoy's programme during his visit,
     short_label: Programme items, noun: items, value: 30, unit: count,
     period: 2031-06-28/2031-07-01, sources: [gazette]}
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], list[str]]:
    """The dataset, the briefing's paragraphs and the deck's lines, as written."""
    data = tmp_path_factory.mktemp("events") / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    (data / "events.yaml").write_text(EVENTS, encoding="utf-8")
    path = data / "metrics.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("metrics:\n", "metrics:\n" + FIGURES,
                                                             1), encoding="utf-8")
    paths = content_build(data, data.parent / "out")
    paragraphs = [" ".join(p.text.split()) for p in Document(str(paths["docx"])).paragraphs]
    deck = [" ".join(p.text.split()) for slide in Presentation(str(paths["pptx"])).slides
            for shape in slide.shapes if shape.has_text_frame
            for p in shape.text_frame.paragraphs]
    assert check_briefing(paths["docx"].read_bytes(), "briefing") == []
    assert check_deck(paths["pptx"].read_bytes(), "deck") == []
    return data, paragraphs, deck


def _paragraph(paragraphs: list[str], words: str) -> str:
    return next(p for p in paragraphs if words in p)


def test_a_visit_and_what_happened_during_it_are_one_paragraph(
        built: tuple[Path, list[str], list[str]]) -> None:
    _, paragraphs, _ = built
    visit = _paragraph(paragraphs, "paid an official visit to Sylvania on 28 June – 1 July 2031")
    # The talks by their own day, the meeting and the forum (another section's, sharing the
    # visitor) over the whole visit without its range, one subject for both.
    assert "On 30 June 2031, Envoy Rufus T. Firefly and Queen Gloria Teasdale held talks." in visit
    assert ("During the visit, Envoy Rufus T. Firefly met the Sylvanian cabinet and addressed "
            "the Sylvania business forum.") in visit
    # Its figures told within it: dated by the visit once, the label's "during …" cut.
    assert "12 cooperation accords were signed" in visit
    assert "30 items on the envoy's programme." in visit or "30 items" in visit
    assert "during his visit" not in visit and visit.count("28 June – 1 July 2031") == 1
    assert visit.index("paid an official visit") < visit.index("On 30 June")
    assert not any("business forum" in p for p in paragraphs if p != visit and "Firefly" in p)


def test_no_event_takes_place_and_a_title_no_shape_reads_is_still_a_sentence(
        built: tuple[Path, list[str], list[str]]) -> None:
    _, paragraphs, _ = built
    body = " ".join(paragraphs)
    assert "took place" not in body and "high-level events included" not in body
    # A plural head noun agrees: "… consultations … were held".
    assert ("The Freedonian–Sylvanian consultations in Sylvania City were held in November "
            "2031.") in body


def test_the_summary_names_the_main_event_briefly_and_the_section_tells_it(
        built: tuple[Path, list[str], list[str]]) -> None:
    _, paragraphs, _ = built
    summary = _paragraph(paragraphs, "paid an official visit to Sylvania in June–July 2031")
    assert "Envoy Rufus T. Firefly paid an official visit to Sylvania in June–July 2031." in summary
    # The section tells it by the day, with what happened during it; not the summary's sentence.
    assert summary != _paragraph(paragraphs, "on 28 June – 1 July 2031")


def test_the_main_event_opens_its_section_and_assessments_follow(tmp_path: Path) -> None:
    from ..conftest import gathered

    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    (data / "events.yaml").write_text(EVENTS, encoding="utf-8")
    path = data / "facts.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("facts:\n", (
        "facts:\n  - {id: best_ever, area: politics, kind: assessment, text: Relations are at "
        "their best., sources: [gazette]}\n"), 1), encoding="utf-8")
    report = gathered(data).report
    politics = next(s for s in report.sections if s.section.id == "politics")
    text = re.sub(r"\[[\^@][a-z0-9_]+\]", "", " ".join(b.text for b in politics.section.blocks))
    assert text.startswith("Envoy Rufus T. Firefly paid an official visit"), text
    assert text.index("paid an official visit") < text.index("Relations are at their best")


def test_the_decks_event_points_are_claims(built: tuple[Path, list[str], list[str]]) -> None:
    _, _, deck = built
    # Who did what and when (issue 21k), never "Event, date".
    assert any(line.startswith("Envoy Rufus T. Firefly") and "Sylvania" in line
               and line.endswith(" 28 June – 1 July 2031") and ", 28 June" not in line
               for line in deck), deck
    assert not any(re.search(r"\(\d{1,2} \w+ \d{4}\)$", line) for line in deck)


def test_part_of_tells_an_event_within_another_and_validate_notes_where_it_would(
        tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    # A reception in another section with no one in common: only part_of can tell.
    text = EVENTS + ("  - {id: reception, area: economy, title: Reception for exporters, "
                     "short_title: Reception, period: 2031-06-29, sources: [gazette]}\n")
    (data / "events.yaml").write_text(text, encoding="utf-8")
    dataset, _ = validate(data, TEMPLATES, strict=True)
    notes = {n.field: n for n in prose_notes(dataset)}
    part = next(n for f, n in notes.items() if "(reception)" in f and "part_of" in n.hint)
    assert "`part_of: visit`" in part.hint and not part.warning
    told = next(n for f, n in notes.items() if "(visit)" in f)
    assert "`participants:`" in told.hint
    (data / "events.yaml").write_text(text.replace("period: 2031-06-29, sources",
                                                   "period: 2031-06-29, part_of: visit, sources"),
                                      encoding="utf-8")
    from ..conftest import gathered

    report = gathered(data).report
    politics = " ".join(b.text for s in report.sections if s.section.id == "politics"
                        for b in s.section.blocks)
    assert "Reception for exporters" in politics or "reception for exporters" in politics
    # An unknown event is a located error.
    (data / "events.yaml").write_text(text.replace("period: 2031-06-29, sources",
                                                   "period: 2031-06-29, part_of: vist, sources"),
                                      encoding="utf-8")
    with pytest.raises(Exception, match="vist"):
        validate(data, TEMPLATES, strict=True)


@pytest.mark.parametrize(("sentence", "rule"), [
    ("The official visit by Prime Minister X to Y took place on 30 June – 3 July 2024.",
     "records.took_place"),
    ("The year's high-level events included the visit and the talks.",
     "records.events_included"),
    ("On 30 June – 3 July 2024, 34 activities were held.", "dates.range_figure"),
    ("On 30 June – 3 July 2024, there were more than 40 agreements.", "dates.range_figure"),
    ("A visited B on 30 June – 3 July 2024. A met C on 30 June – 3 July 2024.",
     "dates.range_repeated"),
    ("During the letter from the French President to the King of Morocco on 30 July 2024, "
     "Emmanuel Macron and Mohammed VI met.", "events.met_not_meeting"),
    ("During the joint press conference of the ministers in September 2024, A and B met.",
     "events.met_not_meeting"),
    ("During the state visit on 28–30 October 2024, the President, the King, Antoine Armand, "
     "Bruno Retailleau and Rachida Dati met.", "events.met_list"),
    ("The algeria withdraws its ambassador from France was held on 30 July 2024.",
     "events.title_held"),
    ("President Milei stays away from the summit was held in July 2024.", "events.title_held"),
    ("The signing of the trade agreement was held in December 2024.", "events.signing_held"),
    ("The visit resulted in the signing of the accord and the signing of the agreement.",
     "events.signing_twice"),
    ("The President of France attended the speech by the French President on 29 October.",
     "events.attended_own"),
    # Issue 21m: what came of an event, meetings told once, counts kept with their event.
    ("The signing resulted in the armed forces of each country may operate.",
     "events.resulted_in"),
    ("The summit resulted in a monthly flow regime and the creation of a prize.",
     "events.resulted_in"),
    ("During the meeting of To Ana with the provincial committee on 18 August 2031, To Ana met "
     "Rufus Firefly.", "events.met_circular"),
    ("During the business workshop attended by the two heads of government in October 2031, "
     "Ana Lee and Rufus Firefly met.", "events.met_circular"),
    ("Pedro Pan attended the summit. On 23 October 2031, 11 agreements were signed.",
     "events.count_dated"),
    ("On 18–20 August 2031, 14 documents were signed.", "events.count_dated"),
    ("Deputy Prime Minister Rufus Firefly inaugurated President Ana Lee, attended on 20 October "
     "2031.", "events.inaugurated_person"),
    ("Deputy Prime Minister Rufus Firefly inaugurated President Ana Lee, attended on 20 October "
     "2031.", "events.attended_on"),
])
def test_each_event_told_as_a_record_is_caught(sentence: str, rule: str) -> None:
    found = check_text([("paragraph 1", sentence)], "briefing.docx", "body")
    assert rule in {f.message.split(":")[0] for f in found}, found


@pytest.mark.parametrize("sentence", [
    "In a letter from President Emmanuel Macron to King Mohammed VI on 30 July 2024, France "
    "recognised the autonomy plan.",
    "Algeria withdrew its ambassador from France the same day.",
    "The consultations in Berlin were held in December 2025.",
    "During the visit, President Karol Nawrocki met Chancellor Friedrich Merz in Berlin.",
    "The President of France, accompanied by Antoine Armand, Bruno Retailleau and Rachida Dati, "
    "paid a state visit to Morocco on 28–30 October 2024 for talks with the King of Morocco.",
    "The two leaders signed the accord and the agreement.",
    "During the visit, the two sides concluded negotiations on the defence agreement.",
    "Ana Lee and Rufus Firefly met in Aranjuez on 27 September 2031.",
    "Rufus Firefly attended the inauguration of President Ana Lee on 20 October 2031.",
    "Ana Lee and Pedro Pan held the 35th summit in Faro on 23 October 2031. During the summit, "
    "11 agreements were signed.",
])
def test_an_event_told_by_its_kind_passes(sentence: str) -> None:
    assert check_text([("paragraph 1", sentence)], "briefing.docx", "body") == []


def test_an_event_as_label_and_date_on_a_slide_is_caught() -> None:
    found = check_text([("slide 4", "Prime Minister's visit to Seoul (30 June – 3 July 2024)")],
                       "deck.pptx", "points")
    assert [f.message.split(":")[0] for f in found] == ["records.event_stub"]
    assert check_text([("slide 4", "Pham Minh Chinh visits Seoul, 30 June – 3 July 2024")],
                      "deck.pptx", "points") == []


@pytest.mark.parametrize(("language", "expected"), [
    ("zh", "对Sylvania进行了official访问"),
    ("az", "Sylvania official səfəri edib")])
def test_every_edition_reads_a_title_by_its_own_shapes(tmp_path: Path, language: str,
                                                       expected: str) -> None:
    """A title in the edition's language, read by that catalog's shapes (same slots, its own
    word order)."""
    from reportgen.dataset.loading import load_dataset
    from reportgen.report.catalog import load_catalog
    from reportgen.report.formatting import Formatter
    from reportgen.report.prose import Prose
    from reportgen.report.views import build_views

    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    title = {"zh": "Firefly对Sylvania进行official访问",
             "az": "Fireflyin Sylvania official səfəri"}[language]
    shown = "Official visit by Envoy Rufus T. Firefly to Sylvania,\n     short"
    (data / "events.yaml").write_text(EVENTS.replace(shown, f"{title},\n     short"),
                                      encoding="utf-8")
    fmt = Formatter(load_catalog(TEMPLATES, language), language)
    views = build_views(load_dataset(data), fmt)
    prose = Prose(views, lambda *ids: "", lambda chart: "")
    told = prose.event(next(e for e in views.events if e.id == "visit"))
    assert expected in told and "Firefly" in told, told


def test_an_outcome_written_as_a_clause_is_a_sentence_of_its_own(
        built: tuple[Path, list[str], list[str]]) -> None:
    """What came of an event is told as what its parties did ("the signing of …" → "the two
    sides signed …"); an outcome that says what the two did joins them in one list (21v), never
    "resulted in the two governments agreed"."""
    _, paragraphs, _ = built
    summit = _paragraph(paragraphs, "trade summit")
    assert ("During the summit, the two sides signed a fisheries protocol and agreed to meet again "
            "in the spring.") in summit, summit
    assert "resulted in" not in summit


# Events of every kind (issue 21i): a letter and a headline the same day, a visit with a party
# and a host, two signings as its outcomes, a speech by an office, a joint press conference, a
# signing no one is named at, a summit of a one-word organisation, and one whose kind is given.
PEOPLE = """  - {id: harpo, name: Harpo Marx, role: President of Freedonia, country: fr,
     sources: [gazette]}
  - {id: zeppo, name: Zeppo Marx, role: Trade Minister of Freedonia, country: fr,
     sources: [gazette]}
  - {id: vera, name: Vera Marcal, role: Foreign Minister of Sylvania, country: sy,
     sources: [gazette]}
"""
KINDS = """events:
  - {id: letter, area: politics, title: Letter from the Freedonian President to the Queen of
     Sylvania on the border, short_title: Letter on the border, period: 2031-02-10,
     high_level: true, participants: [harpo, queen_teasdale],
     outcomes: [Freedonia recognised the river as the border], sources: [gazette]}
  - {id: recall, area: politics, title: Sylvania recalls its ambassador from Freedonia,
     short_title: Envoy recalled, period: 2031-02-10, sources: [gazette]}
  - {id: visit, area: politics, title: State visit by the President of Freedonia to Sylvania,
     short_title: State visit, period: 2031-05-04/2031-05-06, high_level: true,
     participants: [harpo, zeppo, queen_teasdale], outcomes: [the signing of a fisheries
     protocol, the signing of a customs agreement], sources: [gazette]}
  - {id: press, area: politics, title: Joint press conference of the Freedonian and Sylvanian
     ministers, short_title: Ministers' press conference, period: 2031-06,
     participants: [zeppo, vera], sources: [gazette]}
  - {id: speech, area: politics, title: Speech by the Freedonian President to the Sylvanian
     parliament, short_title: Speech to parliament, period: 2031-09-01,
     participants: [harpo], outcomes: [the president reaffirmed support for the customs
     agreement], sources: [gazette]}
  - {id: bloc_summit, area: politics, title: Fishbloc summit in Sylvania City,
     short_title: Fishbloc summit, period: 2031-10, participants: [harpo, queen_teasdale],
     organisations: [fishbloc], sources: [gazette]}
  - {id: bloc_signing, area: economy, title: Signing of the agreement between Fishbloc and
     Sylvania, short_title: Fishbloc agreement, period: 2031-10, organisations: [fishbloc],
     sources: [gazette]}
  - {id: gala, area: economy, title: Gala evening for the exporters of both countries,
     short_title: Exporters' gala, period: 2031-11, kind: ceremony,
     participants: [zeppo, vera], sources: [gazette]}
"""


@pytest.fixture(scope="module")
def kinds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """A dataset with an event of every kind, and its briefing's paragraphs as written."""
    import reportgen.docx.layout

    data = tmp_path_factory.mktemp("kinds") / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    (data / "events.yaml").write_text(KINDS, encoding="utf-8")
    path = data / "entities.yaml"
    text = path.read_text(encoding="utf-8").replace("people:\n", "people:\n" + PEOPLE, 1)
    path.write_text(text.replace("organisations:\n", "organisations:\n  - {id: fishbloc, name: "
                                 "Fishbloc, sources: [gazette]}\n", 1), encoding="utf-8")
    out = data.parent / "out"
    find = reportgen.docx.layout.find_soffice
    reportgen.docx.layout.find_soffice = lambda: None
    try:
        build(BuildOptions(data=data, templates=TEMPLATES, out=out, formats=("docx", "pptx")))
    finally:
        reportgen.docx.layout.find_soffice = find
    paths = output_paths(data.name, out)
    assert check_briefing(paths["docx"].read_bytes(), "briefing") == []
    paragraphs = [" ".join(p.text.split()) for p in Document(str(paths["docx"])).paragraphs]
    return data, [re.sub(r"\[\d+\]", "", p) for p in paragraphs]


def test_an_event_is_told_by_its_kind_never_as_a_meeting(kinds: tuple[Path, list[str]]) -> None:
    _, paragraphs = kinds
    body = re.sub(r" \(see Figure \d+\)", "", " ".join(paragraphs))  # the charts' references
    assert " met." not in body and " met " not in body
    # A letter, with what it said (its sender named with his office by the summary already,
    # so by name alone after); a
    # headline the same day, in the past tense.
    assert ("In a letter from Harpo Marx to Queen Gloria Teasdale on 10 February 2031, "
            "Freedonia recognised the river as the border.") in body
    assert "President Harpo Marx paid a state visit to Sylvania in May 2031." in body
    assert "Sylvania recalled its ambassador from Freedonia the same day." in body
    assert "recalls" not in body and "was held" not in body
    # A visit: the visitor (named by office in the title), who went with them, whom they met.
    assert ("Harpo Marx, accompanied by Trade Minister Zeppo Marx, paid a state visit to "
            "Sylvania on 4–6 May 2031 for talks with Gloria Teasdale.") in body
    # Its two signings: what the two leaders did.
    assert ("During the visit, the two leaders signed a fisheries protocol and a customs "
            "agreement.") in body
    assert "the signing of a fisheries protocol and the signing of" not in body
    # A speech by an office: its speaker addressed it, and what they said joins the sentence.
    assert ("addressed the Sylvanian parliament on 1 September 2031 and reaffirmed support for "
            "the customs agreement.") in body
    assert "attended the speech" not in body
    assert "held a joint press conference in June 2031." in body
    # A one-word organisation keeps its capital; a signing no one is named at was signed.
    assert "attended the Fishbloc summit in Sylvania City in October 2031." in body
    assert "The agreement between Fishbloc and Sylvania was signed in October 2031." in body
    # A kind given where the title does not tell.
    assert "attended the gala evening for the exporters of both countries in November 2031." \
        in body


def test_a_sections_events_are_in_the_order_they_happened(kinds: tuple[Path, list[str]]) -> None:
    _, paragraphs = kinds
    body = " ".join(paragraphs)
    said = [body.find(w) for w in ("In a letter from", "recalled its ambassador",
                                   "paid a state visit to Sylvania on", "joint press conference",
                                   "addressed the Sylvanian parliament", "Fishbloc summit in")]
    assert -1 not in said and said == sorted(said), said


def test_validate_notes_an_event_whose_kind_its_title_does_not_tell(
        kinds: tuple[Path, list[str]]) -> None:
    data, _ = kinds
    text = (data / "events.yaml").read_text(encoding="utf-8")
    (data / "events.yaml").write_text(text.replace(" kind: ceremony,", ""), encoding="utf-8")
    try:
        dataset, _ = validate(data, TEMPLATES, strict=True)
        notes = [n for n in prose_notes(dataset) if "`kind:`" in n.hint]
    finally:
        (data / "events.yaml").write_text(text, encoding="utf-8")
    assert [n.field for n in notes] == ["events[7] (gala)"], [str(n) for n in notes]
    assert not notes[0].warning and notes[0].file.endswith("events.yaml") and notes[0].line > 0


@pytest.mark.parametrize("language", ["az", "zh"])
def test_every_edition_has_the_frames_of_each_kind(language: str) -> None:
    """The frames an event's kind chooses are in every catalog, with the same names."""
    from reportgen.report.catalog import load_catalog

    en, other = load_catalog(TEMPLATES, "en"), load_catalog(TEMPLATES, language)
    keys = [k for k in en.messages if k.startswith(("words.kind.", "sentence.event.visit",
                                                    "sentence.event.letter", "event.shape.1"))]
    assert len(keys) > 10
    for key in keys:
        assert other.has(key), key
        names = set(re.findall(r"\{(\w+)\}", en.messages[key]))
        assert names == set(re.findall(r"\{(\w+)\}", other.messages[key])), key
