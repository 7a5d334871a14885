"""Gather everything both documents show into one Report, before any file is opened."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from reportgen.charts import RenderedChart
from reportgen.compute import Views
from reportgen.model import Source
from reportgen.narrative import Run, Section
from reportgen.structure import Structure


@dataclass(frozen=True)
class Cover:
    title: str
    subtitle: str
    occasion: str
    as_of: str
    marking: str
    organisation: str
    countries: str


@dataclass(frozen=True)
class Properties:
    """Document properties, fixed by the dataset so that they do not change from run to run."""

    title: str
    subject: str
    author: str
    keywords: str
    language: str
    created: dt.datetime


@dataclass(frozen=True)
class Table:
    title: str
    header: list[str]
    rows: list[list[list[Run]]]
    numeric: set[int] = field(default_factory=set)  # columns aligned right


@dataclass(frozen=True)
class AreaSection:
    section: Section
    charts: list[RenderedChart]


@dataclass(frozen=True)
class Report:
    """The whole briefing and deck, in memory: text, figures, charts, tables and sources."""

    name: str
    language: str
    cover: Cover
    properties: Properties
    sections: list[AreaSection]
    key_figures: Table
    key_figure_cards: list[tuple[str, str, str]]  # value, label, period (+ change) for slides
    timeline: Table
    timeline_chart: RenderedChart | None
    estimate_notes: list[str]
    sources: list[str]
    source_ids: list[str]
    notes: dict[str, str]  # item id → footnote: its sources, period and how an estimate was made
    table_notes: dict[str, str]  # item id → footnote in a table, whose row gives the period
    labels: dict[str, str]

    def section(self, section_id: str) -> AreaSection | None:
        return next((s for s in self.sections if s.section.id == section_id), None)


def _cell(text: str, cite: str | None = None) -> list[Run]:
    runs = [Run(text=text)]
    if cite:
        runs.append(Run(cite=cite))
    return runs


def gather(views: Views, structure: Structure, sections: list[Section],
           charts: list[RenderedChart]) -> Report:
    """Assemble the report from rendered sections and charts plus the generated tables."""
    ds, fmt, t = views.dataset, views.fmt, views.fmt.t
    b = ds.briefing
    a_country, b_country = b.countries
    occasion_text = ""
    if b.occasion:
        speaker = next(p for p in ds.people if p.id == b.occasion.speaker)
        place = views.names.get(b.occasion.place or "", "")
        occasion_text = t("cover.occasion", occasion=b.occasion.name, speaker=speaker.name,
                          role=speaker.role, place=place, period=fmt.period(b.occasion.period))
    cover = Cover(
        title=b.title, subtitle=b.subtitle, occasion=occasion_text,
        as_of=t("cover.as_of", period=fmt.period(b.as_of)), marking=b.marking,
        organisation=b.organisation,
        countries=fmt.names([a_country.long_name, b_country.long_name]))
    created = dt.datetime.combine(b.as_of.start.first_day(), dt.time(0, 0), tzinfo=dt.UTC)
    properties = Properties(
        title=b.title, subject=b.subtitle, author=b.organisation,
        keywords=", ".join([a_country.name, b_country.name, str(b.year)]),
        language=b.language, created=created)

    order = [s.id for s in structure.sections]
    by_id = {s.id: s for s in sections}
    area_sections = [
        AreaSection(by_id[sid], [c for c in charts if c.area == sid and c.kind != "timeline"])
        for sid in order if sid in by_id and not by_id[sid].empty
    ]

    metrics = sorted(views.metrics.values(), key=lambda x: order.index(x.area)
                     if x.area in order else len(order))
    key_rows = []
    notes = []
    for x in metrics:
        prev = fmt.estimate(x.previous.text) if x.previous else "–"
        if x.previous:
            notes.append(x.previous.derivation)
        status = t(f"status.{x.status}")
        value = f"{x.text} ({status})" if status else x.text
        key_rows.append([_cell(x.label), _cell(value, x.id), _cell(x.period),
                         _cell(x.change_signed or "–"), _cell(prev)])
    key_table = Table(
        title=t("table.key_figures"),
        header=[t("col.indicator"), t("col.value"), t("col.period"), t("col.change"),
                t("col.previous")],
        rows=key_rows, numeric={1, 3, 4})
    cards = [(x.text, x.short_label, x.period + (" · " + t("label.change_card",
                                                             change=x.change_signed)
                                                   if x.change_signed else ""))
             for x in metrics if x.key]

    timeline_rows = [[_cell(e.period), _cell(e.title, e.id), _cell(fmt.names(e.participants)
                                                                     or "–")]
                     for e in views.events]
    timeline = Table(title=t("table.timeline"),
                     header=[t("col.when"), t("col.event"), t("col.participants")],
                     rows=timeline_rows)
    timeline_chart = next((c for c in charts if c.kind == "timeline"), None)

    source_entries = [_source_entry(s, t) for s in views.sources]
    labels = {key: t(key) for key in (
        "heading.key_figures", "heading.timeline", "heading.sources", "heading.agenda",
        "heading.notes", "heading.contents", "heading.figures", "heading.tables",
        "deck.sources_note", "label.marking", "caption.table", "caption.figure", "xref.see",
        "deck.continued", "deck.footer")}
    return Report(
        name=ds.name, language=b.language, cover=cover, properties=properties,
        sections=area_sections, key_figures=key_table, key_figure_cards=cards,
        timeline=timeline, timeline_chart=timeline_chart, estimate_notes=notes,
        sources=source_entries, source_ids=[s.id for s in views.sources],
        notes=footnotes(views), table_notes=footnotes(views, brief=True), labels=labels)


def footnotes(views: Views, brief: bool = False) -> dict[str, str]:
    """The footnote of every citable item: who reports it and for when; how an estimate is made.

    brief: who reports it, only (in a table, whose row gives the period and whose notes explain
    the estimates). A source is named by its publisher, and by publisher and title where one
    publisher gave several of the dataset's sources.
    """
    fmt, t = views.fmt, views.fmt.t
    publishers = [s.publisher for s in views.sources]

    def named(sources: list[Source]) -> str:
        return fmt.names([t("footnote.source_titled", publisher=s.publisher, title=s.title)
                          if s.title and publishers.count(s.publisher) > 1 else s.publisher
                          for s in sources])

    if brief:
        items = [*views.metrics, *views.facts, *(e.id for e in views.events), "occasion",
                 *views.names]
        return {i: t("footnote.fact", sources=named(s)) for i in items
                if (s := _sources_or_none(views, i))}
    notes = {}
    for x in views.metrics.values():
        note = t("footnote.figure", sources=named(x.sources), period=x.period)
        if x.previous:
            note = t("footnote.with_estimate", note=note, estimate=x.previous.derivation)
        notes[x.id] = note
    for f in views.facts.values():
        notes[f.id] = (t("footnote.speaker", sources=named(f.sources), speaker=f.speaker)
                       if f.speaker else t("footnote.fact", sources=named(f.sources)))
    for e in views.events:
        notes[e.id] = t("footnote.event", sources=named(e.sources), period=e.period)
    occasion = views.dataset.briefing.occasion
    if occasion:
        notes["occasion"] = t("footnote.event", sources=named(views.cited("occasion")),
                              period=fmt.period(occasion.period))
    for entity_id in views.names:
        sources = views.cited(entity_id)
        if sources:
            notes.setdefault(entity_id, t("footnote.fact", sources=named(sources)))
    return notes


def _sources_or_none(views: Views, item: str) -> list[Source]:
    try:
        return views.cited(item)
    except KeyError:
        return []


def _source_entry(source: Source, t: object) -> str:
    from reportgen.catalog import Catalog

    assert isinstance(t, Catalog)
    publisher = source.publisher + (f" ({source.website})" if source.website else "")
    entry = t("source.entry", publisher=publisher,
              title=t("source.title", title=source.title) if source.title else "",
              author=t("source.author", author=source.author) if source.author else "",
              description=source.description)
    if source.date is None:
        entry += " " + t("source.undated")
    return entry
