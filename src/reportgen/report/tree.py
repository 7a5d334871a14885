"""The Report: all that the briefing and the deck show, in memory, for the writers to translate."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from reportgen.report.charts import ChartSpec
from reportgen.report.markup import Run
from reportgen.report.narrative import SectionText


@dataclass(frozen=True)
class Cover:
    title: str
    subtitle: str
    occasion: str
    as_of: str
    marking: str
    organisation: str
    countries: str
    # What the cover says of an edition whose text is unreviewed or partly untranslated (the
    # subtitle carries it too, so that every template shows it); "" for none.
    notice: str = ""


@dataclass(frozen=True)
class Properties:
    """Document properties, fixed by the dataset so that they do not change from run to run."""

    title: str
    subject: str
    author: str
    keywords: str
    language: str
    created: dt.datetime

    def apply(self, core: Any) -> None:
        """Set an Office package's core properties (python-docx and python-pptx alike)."""
        core.title = self.title
        core.subject = self.subject
        core.author = self.author
        core.last_modified_by = self.author
        core.keywords = self.keywords
        core.language = self.language
        core.created = self.created.replace(tzinfo=None)
        core.modified = self.created.replace(tzinfo=None)
        core.revision = 1


@dataclass(frozen=True)
class Table:
    title: str
    header: list[str]
    rows: list[list[list[Run]]]
    numeric: set[int] = field(default_factory=set)  # columns aligned right
    # Relative column widths (the writer scales them to the page); empty: equal columns.
    weights: tuple[float, ...] = ()
    # The dataset items the table shows without citing them in a cell (its rows name them).
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReportSection:
    """A section as both documents show it: its text, charts, figure notes and tables."""

    section: SectionText
    charts: list[ChartSpec]
    # The figures the section quotes or owns, one line each with its period, change and citation,
    # followed by the derivation of any estimate: the speaker notes list them.
    metric_notes: list[list[Run]] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


@dataclass(frozen=True)
class Report:
    """The whole briefing and deck, in memory: text, figures, charts, tables and sources."""

    name: str
    language: str
    cover: Cover
    properties: Properties
    sections: list[ReportSection]
    key_figures: Table
    key_figure_cards: list[tuple[str, str, str]]  # value, label, period (+ change) for slides
    key_figure_notes: list[list[Run]]  # the key figures as note lines, with their citations
    timeline: Table
    timeline_chart: ChartSpec | None
    estimate_notes: list[str]
    sources: list[str]
    notes: dict[str, str]  # item id → footnote: its sources, period and how an estimate was made
    table_notes: dict[str, str]  # item id → footnote in a table, whose row gives the period
    citations: dict[str, list[int]]  # item id → numbers of its sources (the deck's notes)
    labels: dict[str, str]
    # The briefing's parts in order (report.yaml `briefing:`): ("sections", ids), ("key_figures",
    # ()), ("timeline", ()), ("sources", ()). Sections without content are left out.
    briefing: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # An edition in another language than the dataset's: whether some of its dataset text is
    # unreviewed translation, or untranslated (shown in the original, marked).
    unreviewed: bool = False
    untranslated: bool = False
    # The languages the dataset's sources and quotes are written in (`language:`), by which
    # the writers tag text in their scripts (a Russian title in the sources list).
    other_languages: tuple[str, ...] = ()
    # Files written beside the documents: each series too long for a table, whole, as CSV.
    data_files: dict[str, bytes] = field(default_factory=dict)
    # Where the data is: a note naming the data annex (NAME-data.xlsx), and the sentence each
    # chart's caption in the briefing ends with, naming its sheet there (by chart id).
    data_note: str = ""
    chart_data: dict[str, str] = field(default_factory=dict)

    @property
    def charts(self) -> list[ChartSpec]:
        """The charts in the order the briefing shows them: their figure numbers."""
        charts: list[ChartSpec] = []
        for content, ids in self.briefing:
            if content == "sections":
                charts += [c for section_id in ids
                           if (part := self.section(section_id)) for c in part.charts]
            elif content == "timeline" and self.timeline.rows and self.timeline_chart:
                charts.append(self.timeline_chart)
        return charts

    def section(self, section_id: str) -> ReportSection | None:
        return next((s for s in self.sections if s.section.id == section_id), None)
