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

from ..conftest import FIXTURES, TEMPLATES

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
    import reportgen.docx.layout

    data = tmp_path_factory.mktemp("events") / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    (data / "events.yaml").write_text(EVENTS, encoding="utf-8")
    path = data / "metrics.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("metrics:\n", "metrics:\n" + FIGURES,
                                                             1), encoding="utf-8")
    out = data.parent / "out"
    find = reportgen.docx.layout.find_soffice
    reportgen.docx.layout.find_soffice = lambda: None  # the content, not its page numbers
    try:
        build(BuildOptions(data=data, templates=TEMPLATES, out=out, formats=("docx", "pptx")))
    finally:
        reportgen.docx.layout.find_soffice = find
    paths = output_paths(data.name, out)
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
    assert text.index("paid an official visit") < text.index("relations are at their best")


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
])
def test_each_event_told_as_a_record_is_caught(sentence: str, rule: str) -> None:
    found = check_text([("paragraph 1", sentence)], "briefing.docx", "body")
    assert rule in {f.message.split(":")[0] for f in found}, found


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
    """"resulted in" takes what came of an event ("the signing of …"); an outcome that says who
    did what follows as a sentence of its own, never "resulted in the two governments agreed"."""
    _, paragraphs, _ = built
    summit = _paragraph(paragraphs, "trade summit")
    assert "resulted in the signing of a fisheries protocol." in summit
    assert "The two governments agreed to meet again in the spring." in summit
    assert "resulted in the two governments" not in summit
