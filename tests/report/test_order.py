"""Order within a section and the summary's opening (issue 21n): a statement about an event is
told right after that event (decided from the sources, speaker and names they share), one that
belongs to no event in particular after the events; the summary opens with the year's main
event where no headline figure moved, never with a source's opinion or a length that does not
move; the outlook's sentences are complete (an expectation or an anniversary with its year, no
padding). Each test builds a small dataset and reads the .docx back; the audit's order and
outlook rules flag the faults in a document that has them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document

from reportgen.audit.prose import check_briefing, check_text

from ..conftest import FIXTURES, content_build

SOURCES = """  - {id: herald, publisher: The Duck Herald, kind: news report,
     description: The envoy's summer visit.}
  - {id: ledger, publisher: Sylvanian Ledger, kind: news report,
     description: Comment on the year.}
"""
# A second visit, with a source of its own; the queen's visit keeps the gazette.
EVENTS = """  - {id: envoy_visit, area: politics, title: Official visit by Envoy Rufus T. Firefly to
     Sylvania City, short_title: Envoy's visit, period: 2031-07-02/2031-07-04, high_level: true,
     participants: [rufus_firefly, queen_teasdale], places: [sylvania_city],
     sources: [herald]}
"""
# Listed in an order no reader wants: the envoy's visit's fact first, the queen's visit's
# last, one about both visits and the queen's view (she took part in both) between them.
FACTS = """  - {id: programme, area: politics, kind: statement,
     text: The envoy's programme in Sylvania City included a tour of the duck market.,
     sources: [herald]}
  - {id: both_visits, area: politics, kind: statement,
     text: Both visits were marked by unusually warm words on each side., sources: [ledger]}
  - {id: queen_view, area: politics, kind: position, speaker: queen_teasdale,
     text: Sylvania values its ties with Freedonia above all others., sources: [ledger]}
  - {id: queen_first, area: politics, kind: statement,
     text: Freedonia was the first country the queen visited after her coronation.,
     sources: [gazette]}
  - {id: ferry_expected, area: outlook, kind: outlook, year: 2033,
     text: A new duck ferry between the two capitals is expected., sources: [herald]}
  - {id: accord_anniversary, area: outlook, kind: outlook, year: 2032,
     text: The two countries will celebrate the fiftieth anniversary of the duck accord.,
     sources: [ledger]}
  - {id: warmer, area: outlook, kind: outlook,
     text: The queen wants the ties to grow even warmer in the future., sources: [ledger]}
  - {id: herald_verdict, area: summary, kind: assessment,
     text: The Duck Herald judged the year a good one for the duck trade., sources: [herald]}
"""
# A length that did not move, in a section of its own: no headline of the year; a demand made
# on a day between the two visits.
FIGURES = """  - {id: duck_demand, area: politics, label: Duck compensation demanded by Sylvania,
     short_label: Duck compensation, value: 5000000, unit: EUR, period: 2031-05-15, context: true,
     sources: [ledger]}
  - {id: border, area: transport, label: Land border between Freedonia and Sylvania,
     short_label: Land border, value: 1200, qualifier: more_than, unit: km, period: 2031,
     sources: [almanac]}
"""


def _add(path: Path, head: str, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(head, head + text, 1),
                    encoding="utf-8")


@pytest.fixture(scope="module")
def paragraphs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The built briefing's paragraphs, as written; its figures of the year are context only,
    so that no headline figure moved."""

    data = tmp_path_factory.mktemp("order") / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    _add(data / "sources.yaml", "sources:\n", SOURCES)
    _add(data / "events.yaml", "events:\n", EVENTS)
    _add(data / "facts.yaml", "facts:\n", FACTS)
    _add(data / "metrics.yaml", "metrics:\n", FIGURES)
    metrics = data / "metrics.yaml"
    metrics.write_text(metrics.read_text(encoding="utf-8").replace("key: true", "context: true"),
                       encoding="utf-8")
    path = content_build(data, data.parent / "out", formats=("docx",))["docx"]
    assert [str(f) for f in check_briefing(path.read_bytes(), "briefing")
            if "order." in str(f) or "outlook." in str(f)] == []
    return [" ".join(p.text.split()) for p in Document(str(path)).paragraphs]


def _at(body: str, words: str) -> int:
    assert words in body, words
    return body.index(words)


def _section(paragraphs: list[str], heading: str, end: str) -> str:
    """A section's body: from its heading (the last paragraph that opens with it, the contents
    listing it first) to the next one's."""
    start = max(i for i, p in enumerate(paragraphs) if p.startswith(heading))
    stop = next(i for i, p in enumerate(paragraphs) if i > start and p.startswith(end))
    return " ".join(paragraphs[start + 1:stop])


def test_a_fact_is_told_right_after_the_event_it_is_about(paragraphs: list[str]) -> None:
    body = _section(paragraphs, "Politics", "Economy")
    queen = _at(body, "Gloria Teasdale")
    envoy = _at(body, "official visit")
    first, programme = _at(body, "the first country the queen"), _at(body, "tour of the duck")
    # Each visit's fact right after it (the queen's, listed last, before the envoy's visit),
    # and the figure of a day between them, in the order they happened.
    assert queen < first < _at(body, "€5 million") < envoy < programme
    # A fact both visits share (its sources report neither; its speaker took part in both)
    # comes after both, where its kind puts it.
    assert programme < _at(body, "Both visits were marked") and \
        programme < _at(body, "above all others")


def test_the_summary_opens_with_the_main_event_not_a_source_s_opinion_or_a_constant(
        paragraphs: list[str]) -> None:
    summary = _section(paragraphs, "Executive summary", "Politics")
    # The source's opinion after the year's main event, never before it.
    assert _at(summary, "visit") < _at(summary, "The Duck Herald judged")
    # The border is told in its section, not as the year's headline.
    assert "1,200" not in summary
    assert "1,200 kilometres" in _section(paragraphs, "Transport", "Outlook")


def test_the_order_rules_flag_a_constant_opening_and_a_fact_after_another_visit() -> None:
    found = check_text([
        ("paragraph 1", "The land border between Freedonia and Sylvania was more than 1,200 "
                        "kilometres in 2031. Trade rose 5% to €1 billion in 2031."),
        ("paragraph 2", "The queen paid a state visit to Freedonia in March 2031."),
        ("paragraph 3", "The envoy paid an official visit to Sylvania on 2–4 July 2031. The "
                        "documents signed during the state visit included a duck protocol."),
    ], "briefing", "body")
    rules = [str(f).split(": ")[3] for f in found if "order." in str(f)]
    assert rules == ["order.summary_constant", "order.other_visit"]
    # Told in order, nothing to flag.
    assert not [f for f in check_text([
        ("paragraph 1", "Trade rose 5% to €1 billion in 2031."),
        ("paragraph 2", "The queen paid a state visit to Freedonia in March 2031. The documents "
                        "signed during the state visit included a duck protocol."),
    ], "briefing", "body") if "order." in str(f)]


def test_the_outlook_says_when_and_no_padding(paragraphs: list[str]) -> None:
    outlook = " ".join(paragraphs[max(i for i, p in enumerate(paragraphs)
                                      if p == "Outlook") + 1:])
    assert "A new duck ferry between the two capitals is expected in 2033." in outlook
    assert "the fiftieth anniversary of the duck accord in 2032." in outlook
    assert "grow even warmer." in outlook and "in the future" not in outlook
    # The shipped fact that names its own time stays as it was.
    assert "Trade will recover" in outlook


def test_the_outlook_rules_flag_an_open_expectation_and_padding_not_a_quote() -> None:
    found = check_text([
        ("paragraph 1", "A new duck ferry is expected. Ties will grow warmer in the future."),
        ("paragraph 2", "“Ties will grow warmer in the future.” — Gloria Teasdale"),
    ], "briefing", "body")
    assert [str(f).split(": ")[3] for f in found if "outlook." in str(f)] == [
        "outlook.incomplete", "outlook.padding"]
