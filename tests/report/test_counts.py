"""Counts, shares and lengths told by what they are (issue 21l): never "there were N X in P",
"with X's share of Y of V%" or "Railway length was 392 km"; amounts rounded as a reader expects;
a rank next to the figure it ranks. Built from a small dataset and read back from the .docx; the
house-style check flags the old shapes; `validate` names a count its label cannot tell."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from docx import Document

from reportgen.audit.prose import check_briefing, check_text
from reportgen.pipeline.build import prose_notes, validate

from ..conftest import TEMPLATES, content_build
from .test_together import _dataset, _m

FIGURES = [
    # People and things counted by what they do, where they go, what has them.
    _m("exercise_personnel", "humanitarian", "Military personnel taking part in Exercise "
       "Northwind", 2000, "count", "2031-09", noun="military personnel", qualifier="more_than"),
    _m("sylvanian_visitors", "humanitarian", "Sylvanian visitors to Freedonia", 1_800_000,
       "count", "2031-01/2031-10", noun="visitors"),
    _m("visitor_rank", "humanitarian", "Sylvania's rank among Freedonia's sources of tourists",
       2, "rank", "2031-01/2031-10", holder="Sylvania", among="Freedonia's sources of tourists"),
    _m("freedonian_ministers", "politics", "Ministers in the Freedonian delegation", 12, "count",
       "2031-10-23", noun="ministers"),
    _m("sylvanian_ministers", "politics", "Ministers in the Sylvanian delegation", 11, "count",
       "2031-10-23", noun="ministers"),
    _m("ministerial_meetings", "politics", "Bilateral meetings of ministers planned alongside "
       "the summit", 13, "count", "2031-10-23", noun="bilateral meetings", status="scheduled"),
    _m("tariff_products", "economy", "Products on which Sylvania removed tariffs under the trade "
       "agreement", 6474, "count", 2030, noun="products", context=True),
    _m("naval_exercises", "politics", "Bilateral exercises of the Freedonian and Sylvanian "
       "navies", 3, "count", 2031, noun="bilateral naval exercises", per="year"),
    # A length of a named thing.
    _m("railway_length", "transport", "Length of the Northern railway line", 392, "km",
       "2031-08"),
    # Shares by who holds them and of what; amounts rounded for a reader.
    _m("trade_2030", "economy", "Trade between Freedonia and Sylvania", 55_474_000_000, "EUR",
       2030, context=True, **{"with": ["trade_gdp_share"]}),
    _m("trade_gdp_share", "economy", "Bilateral trade as a share of Freedonia's GDP", 23,
       "percent", 2030, context=True),
    _m("exports_2030", "economy", "Freedonian exports to Sylvania", 20_008_000_000, "EUR", 2030,
       context=True, **{"with": ["export_share"]}),
    _m("export_share", "economy", "Sylvania's share of Freedonian exports", 25.8, "percent",
       2030, context=True),
    _m("vote_share", "politics", "Rufus T. Firefly's share of the vote in the Freedonian "
       "election", 58.6, "percent", "2031-02"),
    # A change with its hedge: "more" once.
    _m("province_trade", "economy", "Trade between the northern province and Sylvania",
       3_000_000_000, "EUR", 2031, qualifier="more_than",
       change={"value": 18, "qualifier": "more_than"}),
]

TOLD = [
    "More than 2,000 military personnel took part in Exercise Northwind in September 2031.",
    "In January–October 2031, 1.8 million Sylvanian visitors came to Freedonia. Sylvania ranked "
    "second among Freedonia's sources of tourists.",
    "On 23 October 2031, the Freedonian delegation had 12 ministers and the Sylvanian delegation "
    "11.",
    "On 23 October 2031, 13 bilateral meetings of ministers were planned alongside the summit.",
    "Sylvania removed tariffs on 6,474 products under the trade agreement in 2030.",
    "The Freedonian and Sylvanian navies had three bilateral exercises a year.",
    "The Northern railway line is 392 kilometres long.",
    "Trade between Freedonia and Sylvania totalled €55.5 billion in 2030, equal to 23% of "
    "Freedonia's GDP.",
    "Freedonian exports to Sylvania totalled €20 billion in 2030, with Sylvania accounting for "
    "25.8% of Freedonian exports.",
    "Rufus T. Firefly accounted for 58.6% of the vote in the Freedonian election in February "
    "2031.",
    "Trade between the northern province and Sylvania reached more than €3 billion in 2031, up "
    "more than 18% on a year earlier.",
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("counts")
    return content_build(_dataset(tmp, FIGURES), tmp / "out")


def _body(built: dict[str, Path]) -> str:
    """The briefing's text, paragraph by paragraph, without footnote markers and chart
    references."""
    paragraphs = ["".join(r.text for r in p.runs if not r.font.superscript)
                  for p in Document(str(built["docx"])).paragraphs]
    return "\n".join(re.sub(r" \(see Figure \d+\)(?=\.)", "", p) for p in paragraphs)


@pytest.mark.parametrize("sentence", TOLD, ids=range(len(TOLD)))
def test_counts_shares_and_lengths_are_told_by_what_they_are(built: dict[str, Path],
                                                             sentence: str) -> None:
    assert sentence in _body(built)


def test_no_count_share_or_length_is_told_as_a_record(built: dict[str, Path]) -> None:
    body = _body(built)
    for record in ("there were", "share of the vote in", "share of Freedonian exports of",
                   "Length of the", "€55.474", "The number of bilateral meetings",
                   "more than 18% more than", "In 2031, the", "a year earlier, in 2031"):
        assert record not in body, record
    # The house-style check finds nothing of the kind in what was built.
    found = [str(f) for f in check_briefing(built["docx"].read_bytes(), "b.docx")
             if f.message.startswith(("figures.", "numbers.", "dates.rate"))]
    assert found == []
    # The tables keep the exact figure.
    cells = {c.text for t in Document(str(built["docx"])).tables for r in t.rows
             for c in r.cells}
    assert any("55.474" in c for c in cells)


@pytest.mark.parametrize(("sentence", "rule"), [
    ("In November 2024, there were more than 2,000 military personnel taking part in Exercise "
     "Keris Woomera.", "figures.there_were"),
    ("In January–November 2024, there were 1.8 million Chinese visitors to Vietnam.",
     "figures.there_were"),
    ("On 23 October 2024, there were 12 ministers in the Portuguese delegation.",
     "figures.there_were"),
    ("In 2023, Portuguese exports to Spain totalled €20.008 billion, with Spain's share of "
     "Portuguese exports of 25.8%.", "figures.share_label"),
    ("Railway length was 392 kilometres in August 2024.", "figures.length_label"),
    ("The number of bilateral meetings of 13 is scheduled on 23 October 2024.",
     "figures.number_scheduled"),
    ("Trade reached more than $3 billion in 2024, more than 18% more than a year earlier.",
     "numbers.more_than_twice"),
    ("In 2024, there were three bilateral air force exercises a year.", "dates.rate_year_twice"),
    ("In 2023, trade between Portugal and Spain totalled €55.474 billion.", "numbers.unrounded"),
])
def test_each_record_shape_is_caught(sentence: str, rule: str) -> None:
    found = check_text([("paragraph 3", sentence)], "b.docx", "body")
    assert any(f.message.startswith(f"{rule}: ") for f in found), [str(f) for f in found]


def test_what_the_editor_wrote_passes_the_count_rules() -> None:
    for sentence in ["More than 2,000 personnel from 14 nations took part in the exercise.",
                     "There were 42 flights a week in December 2025.",
                     "In 2023, trade totalled $83.7 billion, against $85 billion a year earlier.",
                     "Trade between Spain and Portugal totalled €55.5 billion in 2023."]:
        found = [str(f) for f in check_text([("p", sentence)], "b.docx", "body")
                 if f.message.startswith(("figures.there_were", "figures.share_label",
                                           "numbers.", "dates.rate"))]
        assert found == [], sentence


def test_validate_names_a_count_its_label_cannot_tell(tmp_path: Path) -> None:
    data = _dataset(tmp_path, FIGURES)
    text = (data / "metrics.yaml").read_text(encoding="utf-8")
    extra = yaml.safe_dump({"metrics": [_m("patrol_ships", "transport", "Freedonian patrol ships "
                                           "in service", 12, "count", 2031, noun="patrol "
                                           "ships")]}, allow_unicode=True)
    (data / "metrics.yaml").write_text(text + extra.split("\n", 1)[1], encoding="utf-8")
    dataset, _ = validate(data, TEMPLATES)
    notes = [str(p) for p in prose_notes(dataset) if 'reads "there were' in str(p)]
    # The count whose label cannot say what the ships do is named, with the field to fix;
    # the counts whose labels say it are not.
    assert len(notes) == 1 and "(patrol_ships)" in notes[0] and "label it" in notes[0], notes
