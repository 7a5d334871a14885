"""Speaker notes are built from the Report alone: no PowerPoint involved."""

from __future__ import annotations

from reportgen.pptx.notes import SpeakerNotes
from reportgen.report.tree import Report


def test_section_notes_list_talking_points_figures_and_the_sources_cited(
        default_report: Report) -> None:
    notes = SpeakerNotes(default_report)
    economy = next(a for a in default_report.sections if a.section.id == "economy")
    text = notes.section(economy)
    talking, rest = text.split("\nFigures:\n")
    figures, sources = rest.split("\nSources:\n")
    assert talking.startswith("Talking points:\n")
    assert figures.startswith("– ") and "January" in figures
    numbers = {n for c in default_report.citations.values() for n in c}
    assert sources.splitlines() and all(line.startswith("[") for line in sources.splitlines())
    assert all(int(line[1:line.index("]")]) in numbers for line in sources.splitlines())


def test_a_citation_becomes_its_source_numbers(default_report: Report) -> None:
    from reportgen.report.markup import Run

    notes = SpeakerNotes(default_report)
    item, numbers = next((k, v) for k, v in default_report.citations.items() if v)
    assert notes.with_citations([Run("A point."), Run(cite=item)]) == (
        "A point.[" + ",".join(map(str, numbers)) + "]")
