"""One figure's sentence as an editor writes it (issue 21z), for any dataset and edition: a hedged
figure to three significant digits ("about 9.46 million"), never rounded into the figure it is
told beside; two sources' values as a range with the unit once ("180–190 kilometres"), each
source's value in its note; a multiple or a change still to come told as a plan ("Under plans
announced in February 2031, … would double"), never as done."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx import Document
from pptx import Presentation

from reportgen.audit.prose import check_text
from reportgen.dataset.loading import load_dataset
from reportgen.errors import DataError

from ..conftest import content_build, minimal_plus

FIGURES = """  - id: visitors
    area: economy
    label: Sylvanian visitors to Freedonia
    short_label: Sylvanian visitors
    noun: visitors
    value: 9459600
    qualifier: about
    unit: count
    period: 2031
    key: true
    sources: [almanac]
  - id: tunnel_length
    area: economy
    label: Length of the Freedonian section of the tunnel
    short_label: Tunnel section
    value: 180
    unit: km
    period: 2031-02
    alternatives:
      - {value: 190, sources: [gazette]}
    sources: [almanac]
  - id: wine_exports
    area: economy
    label: Freedonian wine exports to Sylvania
    short_label: Wine exports
    value: 12345000
    qualifier: about
    unit: EUR
    period: 2031-03
    alternatives:
      - {value: 12349000, qualifier: about, sources: [gazette]}
    sources: [almanac]
  - id: ferry_links
    area: economy
    label: Ferry links between Freedonia and Sylvania
    short_label: Ferry links
    value: 2
    unit: multiplier
    status: planned
    period: 2031-02
    sources: [almanac]
  - id: grain_target
    area: economy
    label: Grain exports to Sylvania
    short_label: Grain exports
    unit: t
    status: target
    change: {value: 12}
    period: 2031
    sources: [almanac]
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    root = tmp_path_factory.mktemp("figure-text")
    data = minimal_plus(root, FIGURES)
    return {lang: content_build(data, root / f"out-{lang}", locale=lang or None)
            for lang in ("", "az", "zh")}


def _body(docx: Path) -> str:
    return " ".join(p.text for p in Document(str(docx)).paragraphs)


def _notes(docx: Path) -> str:
    with zipfile.ZipFile(docx) as z:
        xml = z.read("word/footnotes.xml").decode()
    return " ".join(part.split(">")[-1] for part in xml.split("</w:t>"))


def _deck(pptx: Path) -> str:
    return " ".join(shape.text_frame.text for slide in Presentation(str(pptx)).slides
                    for shape in slide.shapes if shape.has_text_frame)


def test_a_hedged_figure_has_three_significant_digits(built: dict[str, dict[str, Path]]) -> None:
    body, deck = _body(built[""]["docx"]), _deck(built[""]["pptx"])
    assert "about 9.46 million" in body.lower() and "9.4596" not in body
    assert "About 9.46 million visitors in 2031" in deck  # a point; a card keeps the table's
    # Two sources' hedged values that three digits would make one are kept apart.
    assert "about €12.34–12.35 million in March 2031." in body, body


def test_two_sources_give_a_range_with_the_unit_once(built: dict[str, dict[str, Path]]) -> None:
    body = _body(built[""]["docx"])
    assert "180–190 kilometres" in body
    assert "between 180 kilometres and 190" not in body
    assert "depending on the source" not in body.split("180–190 kilometres")[1][:40]
    notes = _notes(built[""]["docx"])
    assert "180 km for February 2031" in notes and "190 km for February 2031" in notes


def test_a_plan_reads_as_a_plan_in_every_edition(built: dict[str, dict[str, Path]]) -> None:
    body = _body(built[""]["docx"])
    assert ("Under plans announced in February 2031, ferry links between Freedonia and Sylvania "
            "would double") in body
    assert "doubled" not in body
    assert "The target is for grain exports to Sylvania to rise 12% in 2031" in body
    assert "iki dəfə artacaq" in _body(built["az"]["docx"])
    zh = _body(built["zh"]["docx"])
    assert "翻一番" in zh and "翻了一番" not in zh


def test_the_audit_finds_each_fault_it_removes() -> None:
    found = {p.message.split(":")[0] for p in check_text([
        ("p1", "Visitors reached about 9.4596 million in 2031."),
        ("p2", "The section is between 180 kilometres and 190 kilometres long."),
        ("p3", "Under the plans announced in February, ferry links doubled."),
    ], "briefing.docx", "body")}
    assert {"numbers.hedged_precise", "numbers.range_unit_twice", "figures.plan_done"} <= found, \
        found
    assert not check_text([("p1", "Visitors reached about 9.46 million; the section is "
                                  "180–190 kilometres long. Trade came to between $2.2 billion "
                                  "and $3.1 billion in 2023.")], "briefing.docx", "body")


RANGE = """  - id: grain_exports
    area: economy
    label: Freedonian grain exports to Sylvania
    short_label: Grain exports
    value: 4000000
    value_to: 5000000
    unit: t
    per: year
    period: 2031
    sources: [almanac]
"""


def test_a_range_of_one_source_is_told_with_its_unit_once(tmp_path: Path) -> None:
    """"between 4 and 5 million t a year" (a new user's): `value` and `value_to`."""
    data = minimal_plus(tmp_path, RANGE)
    built = content_build(data, tmp_path / "out")
    doc = Document(str(built["docx"]))
    body = " ".join(p.text for p in doc.paragraphs)
    assert "4–5 million tonnes a year" in body, body
    cells = {c.text for t in doc.tables for row in t.rows for c in row.cells}
    assert "4–5 million t a year" in cells


@pytest.mark.parametrize(("extra", "says"), [
    ("value_to: 3000000", "`value_to` is the top of a range"),
    ("value_to: 5000000\n    change: {value: 5}", "a range (`value_to`) is told as it is"),
])
def test_a_range_that_cannot_be_told_is_refused_where_it_is(
        tmp_path: Path, extra: str, says: str) -> None:
    data = minimal_plus(tmp_path, RANGE.replace("    value_to: 5000000\n", f"    {extra}\n"))
    with pytest.raises(DataError) as error:
        load_dataset(data)
    text = str(error.value)
    assert "metrics.yaml" in text and says in text, text


def test_validate_names_a_figure_its_sentence_would_name_by_its_short_label(
        tmp_path: Path) -> None:
    """A label that reads as no subject ("Fall in goods crossing the border on a year earlier,
    by road") is told by its short label: `validate` names the figure and the fields that fix it
    (`label`, `sentence:`); a label the prose reads as a measure does not get the note."""
    from reportgen.pipeline.build import prose_notes

    data = minimal_plus(tmp_path, """  - id: goods_fall
    area: economy
    label: Fall in goods crossing the border on a year earlier, by road and rail
    short_label: Fall in goods crossing
    value: 111700
    unit: t
    period: 2031-01
    sources: [almanac]
  - id: talks_time
    area: economy
    label: Time until the Freedonian border crossing would reopen after the strike ends
    short_label: Reopening
    value: 4
    unit: days
    status: expected
    period: 2031-01
    sources: [almanac]
""")
    notes = [n for n in prose_notes(load_dataset(data)) if "short_label" in n.hint]
    assert [n.field for n in notes] == ["metrics[2] (goods_fall)"], notes
    assert "`sentence:`" in notes[0].hint and "Fall in goods crossing" in notes[0].hint
