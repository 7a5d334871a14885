"""Figures about one thing told together and read as what they are (issue 21w): plans of one day
with a common head in one sentence, two counts that say the same of two kinds of things in one,
a level "as of" and a running total "by" a month (`measure`, `since`), and two dollars written
so that neither can be taken for the other; read back from the built briefing and deck, in
English and in the other editions; the audit rules that catch the faults; `validate`'s note."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from pptx import Presentation

from reportgen.audit.prose import check_briefing, check_text
from reportgen.errors import DataError
from reportgen.pipeline.build import validate
from reportgen.report.together_notes import together_notes

from ..conftest import TEMPLATES, content_build
from .test_together import _dataset as _with_figures


def _m(id_: str, area: str, label: str, value: float, unit: str, period: Any,
       **more: Any) -> dict[str, Any]:
    return {"id": id_, "area": area, "label": label, "short_label": label[:40], "unit": unit,
            "period": period, "value": value, "sources": ["almanac"], **more}


FIGURES = [
    # Three plans of one day, one unit and one head ("Freedonian funding"), tails differing.
    _m("school_fund", "humanitarian", "Freedonian funding for schools in Sylvania", 9_900_000,
       "CAD", "2031-09-18", status="planned"),
    _m("clinic_fund", "humanitarian", "Freedonian funding for rural clinics in Sylvania",
       5_500_000, "CAD", "2031-09-18", status="planned"),
    _m("drug_fund", "humanitarian", "Freedonian funding against drug trafficking", 4_400_000,
       "CAD", "2031-09-18", status="planned"),
    # Two counts of one month that say the same of two kinds of things: a level (`stock`).
    _m("fr_firms", "economy", "Freedonian companies operating in Sylvania", 1000, "count",
       "2031-11", noun="Freedonian companies", qualifier="more_than", measure="stock"),
    _m("sy_firms", "economy", "Sylvanian firms operating in Freedonia", 200, "count",
       "2031-11", noun="Sylvanian firms", qualifier="about", measure="stock"),
    # A running total dated by the month of its source, from a year.
    _m("projects", "economy", "Projects of Freedonian builders in Sylvania", 20_200_000_000,
       "USD", "2031-11", measure="cumulative", since=2014),
    # One measure for two months running, each with its change: the second said after the
    # first, its subject and verb once.
    _m("rail_july", "transport", "Rail freight between Freedonia and Sylvania", 376_000_000,
       "EUR", "2031-07", change={"value": -97.5}),
    _m("rail_august", "transport", "Rail freight between Freedonia and Sylvania", 10_000_000,
       "EUR", "2031-08", change={"value": -99.9}),
    # A dollar of another country beside it.
    _m("aid_2030", "economy", "Freedonian aid to Sylvania", 818_000_000, "CAD", 2030,
       context=True),
]


def _dataset(tmp_path: Path, figures: list[dict[str, Any]] = FIGURES) -> Path:
    """The minimal fixture with these figures added (as test_together's)."""
    return _with_figures(tmp_path, figures)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("siblings")
    return content_build(_dataset(tmp), tmp / "out")


def _body(path: Path) -> str:
    return "\n".join("".join(r.text for r in p.runs if not r.font.superscript)
                     for p in Document(str(path)).paragraphs)


TOLD = [
    "On 18 September 2031, plans were announced for Freedonian funding of CA$9.9 million for "
    "schools in Sylvania, CA$5.5 million for rural clinics in Sylvania and CA$4.4 million "
    "against drug trafficking.",
    "As of November 2031, more than 1,000 Freedonian companies operated in Sylvania and about "
    "200 Sylvanian firms in Freedonia.",
    "The projects of Freedonian builders in Sylvania totalled US$20.2 billion between 2014 and "
    "November 2031.",
    "Rail freight between Freedonia and Sylvania fell 97.5% to €376 million in July 2031, and "
    "99.9% to €10 million in August 2031.",
]


@pytest.mark.parametrize("sentence", TOLD, ids=range(len(TOLD)))
def test_figures_about_one_thing_are_told_together_as_what_they_are(
        built: dict[str, Path], sentence: str) -> None:
    assert sentence in _body(built["docx"])


def test_each_grouped_figure_is_still_cited_and_said_once(built: dict[str, Path]) -> None:
    body = _body(built["docx"])
    assert "Plans announced" not in body
    assert body.count("CA$5.5 million") == 1 and body.count("200 Sylvanian firms") == 1
    # Every figure's source is cited: the footnote of the plans' sentence lists the source.
    document = Document(str(built["docx"]))
    cited = next(p for p in document.paragraphs if "plans were announced" in p.text)
    assert "footnoteReference" in cited._p.xml


def test_two_dollars_are_told_apart_in_the_briefing_and_the_deck(
        built: dict[str, Path]) -> None:
    body = _body(built["docx"])
    assert "US$20.2 billion" in body and "CA$818 million" in body
    assert not re.search(r"(?<![A-Z])\$\d", body)
    deck = " ".join(shape.text_frame.text for slide in Presentation(str(built["pptx"])).slides
                    for shape in slide.shapes if shape.has_text_frame)
    assert not re.search(r"(?<![A-Z])\$\d", deck)
    assert not [f for f in check_briefing(built["docx"].read_bytes(), "b.docx")
                if "bare_sign" in str(f) or "one_frame" in str(f)]


def test_one_dollar_alone_stays_bare(tmp_path: Path) -> None:
    data = _dataset(tmp_path)
    path = data / "metrics.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("unit: CAD", "unit: USD"),
                    encoding="utf-8")
    body = _body(content_build(data, tmp_path / "out", formats=("docx",))["docx"])
    assert "$20.2 billion" in body and "US$" not in body


@pytest.mark.parametrize("locale", ["az", "zh"])
def test_the_other_editions_tell_them_in_their_own_words(tmp_path: Path, locale: str) -> None:
    data = _dataset(tmp_path)
    body = _body(content_build(data, tmp_path / "out", formats=("docx",), locale=locale)["docx"])
    # Each edition says its own "as of" and "between … and …" (catalog keys when.as_of,
    # when.cumulative.since) and never the English ones.
    assert "as of" not in body and "between 2014" not in body
    assert {"az": "etibarilə", "zh": "截至"}[locale] in body


def test_the_faults_are_caught_by_the_audit() -> None:
    plans = " ".join(f"Plans announced on 18 September 2031 put funding for {x} at CA${n} "
                     "million." for x, n in (("schools", 9), ("clinics", 5), ("roads", 4)))
    found = check_text([("paragraph 1", plans)], "b.docx", "body")
    assert [f for f in found if "figures.one_frame" in str(f)]
    dollars = [("paragraph 1", "Exports rose 7% to CA$818 million in October 2031."),
               ("paragraph 2", "Imports fell 3% to $34.3 billion in 2030.")]
    found = check_text(dollars, "b.docx", "body")
    assert [f.field for f in found if "currency.bare_sign" in str(f)] == ["paragraph 2"]
    alone = check_text([dollars[1]], "b.docx", "body")
    assert not [f for f in alone if "currency.bare_sign" in str(f)]


def test_validate_notes_an_amount_dated_by_one_month(tmp_path: Path) -> None:
    data = _dataset(tmp_path, [{k: v for k, v in m.items() if k not in ("measure", "since")}
                               if m["id"] == "projects" else m for m in FIGURES])
    dataset, _ = validate(data, TEMPLATES)
    notes = [str(p) for p in together_notes(dataset)]
    assert any("(projects)" in n and "measure: stock" in n for n in notes)
    assert not any("(fr_firms)" in n and "dated by one month" in n for n in notes)


def test_since_without_cumulative_is_an_error_naming_the_fix(tmp_path: Path) -> None:
    data = _dataset(tmp_path, [{k: v for k, v in m.items() if k != "measure"}
                               if m["id"] == "projects" else m for m in FIGURES])
    with pytest.raises(DataError) as raised:
        validate(data, TEMPLATES)
    assert "metrics.yaml" in str(raised.value) and "measure: cumulative" in str(raised.value)
