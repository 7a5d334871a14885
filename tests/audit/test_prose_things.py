"""The house-style rules on figures about one thing told one sentence each (issue 21y,
audit/prose_things.py): each catches the editor's examples in the text read back, and passes
what the editor wrote instead."""

from __future__ import annotations

import pytest

from reportgen.audit.prose import check_text

CUT = [
    ("During the talks, plans announced put Hungarian investment in the oil pipeline at about "
     "€320 million. Plans announced put the term of the Hungarian investment in the oil "
     "pipeline at three years.", "figures.plans_split"),
    ("Plans announced put the capacity of the oil pipeline at about 5 million tonnes a year. "
     "The Serbian section of the oil pipeline will be 120 kilometres long.",
     "figures.thing_split"),
    ("Estimates made put the cost of the Marx Bridge at €900 million. The two ministers met "
     "again. The length of the Marx Bridge was 7 kilometres in 2031.", "figures.thing_split"),
    ("The fall in goods crossing totalled 302,000 tonnes in February 2024. The fall in goods "
     "crossing totalled 672,800 tonnes in March 2024.", "figures.series_split"),
]


@pytest.mark.parametrize(("text", "rule"), CUT, ids=[r for _, r in CUT])
def test_figures_of_one_thing_told_apart_are_caught(text: str, rule: str) -> None:
    found = check_text([("paragraph 4", text)], "b.docx", "body")
    assert any(f.message.startswith(f"{rule}: ") for f in found), [str(f) for f in found]
    assert all(f.field == "paragraph 4" and f.warning for f in found)


def test_they_are_caught_across_the_paragraphs_of_a_section() -> None:
    found = check_text([("paragraph 4", "The fall in goods crossing totalled 302,000 tonnes "
                         "in February 2024."),
                        ("paragraph 5", "The fall in goods crossing totalled 672,800 tonnes "
                         "in March 2024.")], "b.docx", "body")
    assert [(f.field, f.message.split(":")[0]) for f in found] == [
        ("paragraph 5", "figures.series_split")]


@pytest.mark.parametrize("text", [
    "In February 2025, plans were announced for the oil pipeline between Serbia and Hungary to "
    "be 300 kilometres long and carry about 5 million tonnes a year, with 120 kilometres of it "
    "in the Serbian section.",
    "The fall in goods crossing totalled nearly 1.5 million tonnes in October 2023 – March "
    "2024, rising from 111,700 tonnes in January 2024 to 302,000 tonnes in February 2024 and "
    "672,800 tonnes in March 2024.",
    "The length of the Marx Bridge was 7 kilometres in 2031. The cost of the coastal road was "
    "€40 million in 2031.",
    "Exports totalled $5 billion in March 2024. Imports totalled $3 billion in March 2024.",
])
def test_what_the_editor_writes_passes(text: str) -> None:
    found = check_text([("paragraph 1", text)], "b.docx", "body")
    assert not [f for f in found if f.message.startswith(
        ("figures.plans_split", "figures.thing_split", "figures.series_split"))], found
