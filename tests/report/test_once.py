"""Said once (issue 21j): the summary's sentences are not said again in the sections, a chart is
referred to at the end of the sentence about what it shows (never "… are also shown on a
timeline"), a source is named in the footnote rather than the body, a long name is said in full
once in a paragraph. Each test builds a small dataset and reads the .docx back."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from reportgen.audit.prose import check_briefing, check_deck
from reportgen.pipeline.build import BuildOptions, build, output_paths
from reportgen.report.once import Said, briefly, refer, units

from ..conftest import FIXTURES, TEMPLATES, content_build

# Two figures of a section: the one the summary leads with (a fall, with no value), and a count.
FIGURES = """  - {id: duck_exports, area: transport, label: Freedonian duck exports to Sylvania,
     short_label: Duck exports, unit: t, period: 2031-01/2031-10, change: {value: -24.8},
     sources: [almanac]}
  - {id: ferries, area: transport, label: Ferry crossings between the two countries,
     short_label: Ferry crossings, noun: ferry crossings, value: 120, unit: count,
     period: 2031-01/2031-10, sources: [almanac]}
"""
# An assessment no one is given as saying, and a statement that names a long accord again.
FACTS = """  - {id: duck_slump, area: transport, kind: assessment,
     text: The fall reflects a slump in the duck market., sources: [almanac]}
  - {id: duck_council, area: politics, kind: statement,
     text: "The {duck_accord} created a council to oversee the two countries' duck trade.",
     sources: [gazette]}
"""
ACCORD = "accord establishing the Freedonian–Sylvanian Duck Council"


def _add(path: Path, head: str, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(head, head + text, 1),
                    encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The built briefing and its paragraphs, as written."""

    data = tmp_path_factory.mktemp("once") / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    _add(data / "metrics.yaml", "metrics:\n", FIGURES)
    _add(data / "facts.yaml", "facts:\n", FACTS)
    entities = data / "entities.yaml"
    entities.write_text(entities.read_text(encoding="utf-8").replace(
        "name: Accord of the 4 Marx Brothers", f"name: {ACCORD}"), encoding="utf-8")
    paths = content_build(data, data.parent / "out")
    assert [str(f) for f in check_briefing(paths["docx"].read_bytes(), "briefing")
            + check_deck(paths["pptx"].read_bytes(), "deck")] == []
    paragraphs = [" ".join(p.text.split()) for p in Document(str(paths["docx"])).paragraphs]
    return paths["docx"], paragraphs


def _paragraph(paragraphs: list[str], words: str) -> str:
    return next(p for p in paragraphs if words in p)


def test_a_chart_is_referred_to_at_the_end_of_a_sentence_never_by_one_of_its_own(
        built: tuple[Path, list[str]]) -> None:
    _, paragraphs = built
    body = " ".join(paragraphs)
    assert "shown on a timeline" not in body and "sets out these figures" not in body
    # The summary's chart of growth: after the figures it shows; the timeline: after the visit.
    summary = _paragraph(paragraphs, "fell 4.5% to €830 million")
    assert re.search(r"fell 4\.5% to €830 million in January–September 2031, and [^()]* \(see "
                     r"Figure 1\)\.", summary), summary
    visit = _paragraph(paragraphs, "paid a state visit to Freedonia in March 2031 for talks")
    assert re.search(r"for talks with Rufus T\. Firefly \(see Figure \d\)\.", visit), visit
    # Every reference closes a sentence about something; none stands after a full stop.
    assert not re.search(r"[.!?] \(see Figure", body)
    assert len(re.findall(r"\(see Figure \d\)", body)) == 4  # one for each chart shown


def test_the_summary_is_not_said_again_in_the_section(built: tuple[Path, list[str]]) -> None:
    _, paragraphs = built
    body = " ".join(paragraphs)
    said = "duck exports to Sylvania fell 24.8% in January–October 2031"
    assert body.count(said) == 1, body
    assert said in _paragraph(paragraphs, "fell 4.5% to €830 million")  # in the summary
    # The section keeps what the summary left out.
    assert "120 ferry crossings" in _paragraph(paragraphs, "The fall reflects")


def test_a_source_is_named_in_the_footnote_not_the_body(built: tuple[Path, list[str]]) -> None:
    docx, paragraphs = built
    assert not any("According to" in p for p in paragraphs)
    doc = Document(str(docx))
    paragraph = next(p for p in doc.paragraphs if "The fall reflects a slump" in p.text)
    marks = paragraph._p.findall(".//" + qn("w:footnoteReference"))
    ids = [m.get(qn("w:id")) for m in marks]
    with zipfile.ZipFile(docx) as z:
        notes = z.read("word/footnotes.xml").decode()
    # The sentence's own footnote names the source that carries it.
    found = [re.search(rf'w:id="{i}".*?</w:footnote>', notes, re.S) for i in ids]
    assert any(m and "Freedonian Almanac" in m.group(0) for m in found), ids


def test_a_long_name_is_said_in_full_once_in_a_paragraph(built: tuple[Path, list[str]]) -> None:
    _, paragraphs = built
    told = _paragraph(paragraphs, "created a council")
    assert told.count(ACCORD) == 1, told
    assert "The accord created a council to oversee" in told


def test_said_drops_a_repeat_keeps_what_is_new_and_moves_its_chart_reference() -> None:
    said = Said()
    def join(a: str, b: str) -> str:
        return f"{a} {b}"
    said.fresh(["Trade fell 4.5% to €830 million in 2031.[^trade]"], join)
    section = said.fresh(["Trade fell 4.5% to €830 million in 2031 [@c].[^trade] Ferry "
                          "crossings rose to 120 in 2031.[^ferries]"], join)
    assert section == ["Ferry crossings rose to 120 in 2031 [@c].[^ferries]"]
    # A sentence that cites more than the first is kept; so is all a section would say.
    assert said.fresh(["Trade fell 4.5% to €830 million in 2031.[^trade][^other]"], join) != []
    assert said.fresh(["Ferry crossings rose to 120 in 2031.[^ferries]"], join) == [
        "Ferry crossings rose to 120 in 2031.[^ferries]"]


def test_a_reference_goes_before_the_stop_in_each_language() -> None:
    joined = refer("贸易增长9.2%。[^trade]", "[@c]", lambda a, b: a + b)
    assert joined == "贸易增长9.2%[@c]。[^trade]"
    assert units("贸易增长。[^a]投资下降。[^b]") == ["贸易增长。[^a]", "投资下降。[^b]"]
    accord = "关于设立协调委员会的协定"
    assert briefly([f"签署了{accord}。[^e]", f"{accord}设立了委员会。"], [accord], "-")[1] \
        == f"{accord}设立了委员会。"


HELDOUT = sorted(p for p in (FIXTURES / "heldout").iterdir() if (p / "briefing.yaml").is_file())
MINE = ("repetition.sentence", "skeleton.chart_sentence", "notes.source_named")


@pytest.mark.parametrize("data", HELDOUT, ids=lambda p: p.name)
def test_the_heldout_briefings_say_each_thing_once(data: Path, tmp_path: Path,
                                                   no_layout: None) -> None:
    """The datasets a blind editor rated (issue 21): no summary sentence again in a section, no
    pointer to a chart as a sentence, no source named in the body."""
    build(BuildOptions(data=data, templates=TEMPLATES, out=tmp_path, formats=("docx",)))
    docx = output_paths(data.name, tmp_path)["docx"]
    found = [str(f) for f in check_briefing(docx.read_bytes(), docx.name)
             if f.message.split(":")[0] in MINE]
    assert found == []


# No key figure and none that moved: a loan, wagons ordered on a day of the visit, and the
# contracts signed during it, the largest amount; the visit's title names its host by office.
HEADLINE_FIGURES = """metrics:
  - {id: loan, area: economy, label: Freedonian development loan to Sylvanian dairies,
     short_label: Dairy loan, value: 350000000, unit: EUR, period: 2031-06, sources: [almanac]}
  - {id: wagons, area: transport, label: Duck wagons ordered for Sylvania,
     short_label: Duck wagons, noun: duck wagons, verb: ordered, value: 18, unit: count,
     period: 2031-06-29, sources: [almanac]}
  - {id: deals, area: economy, label: Contracts signed during the state visit,
     short_label: Contracts, value: 10000000000, unit: EUR, period: 2031-06-29,
     sources: [almanac]}
"""
HEADLINE_EVENTS = """events:
  - {id: queen_visit, area: politics, title: State visit by the Queen of Sylvania to Freedonia,
     short_title: Queen's visit, period: 2031-06-28/2031-07-01, high_level: true,
     participants: [queen_teasdale, rufus_firefly], sources: [gazette]}
"""


def test_the_summary_leads_with_the_main_event_and_what_came_of_it(tmp_path: Path,
                                                                    no_layout: None) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    (data / "metrics.yaml").write_text(HEADLINE_FIGURES, encoding="utf-8")
    (data / "events.yaml").write_text(HEADLINE_EVENTS, encoding="utf-8")
    (data / "charts.yaml").write_text("charts:\n  - {id: timeline, area: politics, kind: "
                                      "timeline, title: High-level events of the year}\n",
                                      encoding="utf-8")
    build(BuildOptions(data=data, templates=TEMPLATES, out=tmp_path / "out", formats=("docx",)))
    docx = output_paths(data.name, tmp_path / "out")["docx"]
    paragraphs = [" ".join(p.text.split()) for p in Document(str(docx)).paragraphs]
    summary = _paragraph(paragraphs, "paid a state visit to Freedonia")
    # The main event first (issue 21r), its host by office and name, then what is said of the
    # year; the largest amount, of the visit's days, after it.
    assert summary.startswith("Queen Gloria Teasdale paid a state visit to Freedonia in "
                              "June–July 2031. Relations were described"), summary
    assert "€10 billion" in summary.split("Freedonia in June–July 2031.")[1]
    assert "€350 million" not in summary and "duck wagons" not in summary
    # The sections still give the loan and the wagons.
    assert "€350 million" in " ".join(paragraphs) and "18 duck wagons" in " ".join(paragraphs)
