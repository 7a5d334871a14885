"""Gather everything both documents show into one Report, before any file is opened."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable

from reportgen.dataset.fields import Month, Period
from reportgen.dataset.models import Series, SeriesRow, Source
from reportgen.errors import Problem
from reportgen.report.annex import annex_name, chart_sheet_names
from reportgen.report.catalog import Catalog
from reportgen.report.charts import ChartSpec
from reportgen.report.formatting import Formatter
from reportgen.report.markup import Run
from reportgen.report.narrative import SectionText
from reportgen.report.structure import Structure
from reportgen.report.tree import Cover, Properties, Report, ReportSection, Table
from reportgen.report.views import MetricView, Views


def _cell(text: str, cite: str | None = None) -> list[Run]:
    runs = [Run(text=text)]
    if cite:
        runs.append(Run(cite=cite))
    return runs


def gather(views: Views, structure: Structure, sections: list[SectionText],
           charts: list[ChartSpec]) -> Report:
    """Assemble the report from rendered sections and charts plus the generated tables."""
    ds, fmt, t = views.dataset, views.fmt, views.fmt.t
    b = ds.briefing
    a_country, b_country = b.countries
    occasion_text = ""
    if b.occasion:
        speaker = next(p for p in ds.people if p.id == b.occasion.speaker)
        place = views.names.get(b.occasion.place or "", "")
        key = "cover.occasion" if place else "cover.occasion_unplaced"
        occasion_text = t(key, occasion=b.occasion.name, speaker=speaker.name,
                          role=speaker.role, place=place, period=fmt.period(b.occasion.period))
        if b.occasion.speakers:
            names = [speaker.name, *(views.names[i] for i in b.occasion.speakers)]
            occasion_text = t("cover.occasion_many", occasion=b.occasion.name,
                              speakers=fmt.names(names), period=fmt.period(b.occasion.period),
                              place=t("cover.place", place=place) if place else "")
    # An edition whose dataset text is partly untranslated or unreviewed says so on its cover.
    edition, notices = ds.edition, []
    if edition and edition.untranslated:
        notices.append(t("cover.untranslated_text", language=edition.original))
    if edition and edition.unreviewed:
        notices.append(t("cover.unreviewed_translation"))
    notice = " ".join(notices)
    cover = Cover(
        title=b.title, occasion=occasion_text, notice=notice,
        subtitle=t("cover.subtitle_notice", subtitle=b.subtitle, notice=notice) if notice
        else b.subtitle,
        as_of=t("cover.as_of", period=fmt.period(b.as_of)), marking=b.marking,
        organisation=b.organisation,
        countries=fmt.names([a_country.long_name, b_country.long_name]))
    created = dt.datetime.combine(b.as_of.start.first_day(), dt.time(0, 0), tzinfo=dt.UTC)
    properties = Properties(
        title=b.title, subject=b.subtitle, author=b.organisation,
        keywords=", ".join([a_country.name, b_country.name, str(b.year)]),
        language=fmt.locale, created=created)

    order = [s.id for s in structure.sections]
    by_id = {s.id: s for s in sections}
    # A series without rows has nothing to show: no table of headers alone.
    data_files: dict[str, bytes] = {}
    series_tables = {s.id: (s.area, _series_table(s, ds.series_rows[s.id], views, data_files))
                     for s in ds.series if ds.series_rows.get(s.id)}
    # A section shows its prose and its series: one with a series alone is not empty.
    report_sections = [
        ReportSection(by_id[section],
                      [c for c in charts if c.area == section and c.kind != "timeline"],
                      _figure_notes(_section_metrics(by_id[section], views), views),
                      [table for area, table in series_tables.values() if area == section])
        for section in order if section in by_id and not (
            by_id[section].empty and all(area != section for area, _ in series_tables.values()))
    ]

    metrics = sorted(views.metrics.values(), key=lambda x: order.index(x.area)
                     if x.area in order else len(order))
    notes = [x.previous.derivation for x in metrics if x.previous]
    key_table = _key_figures(sorted(metrics, key=lambda x: not x.key), views)
    cards = [(x.text, x.short_label, x.period + (" · " + t("label.change_card",
                                                             change=x.change_signed)
                                                   if x.change_signed else ""))
             for x in metrics if x.key]
    card_notes = _figure_notes([x.id for x in metrics if x.key], views)

    timeline_rows = [[_cell(e.period), _cell(e.title, e.id), _cell(fmt.names(e.participants)
                                                                     or "–")]
                     for e in views.events]
    timeline = Table(title=t("table.timeline"),
                     header=[t("col.when"), t("col.event"), t("col.participants")],
                     rows=timeline_rows)
    timeline_chart = next((c for c in charts if c.kind == "timeline"), None)

    source_entries = [_source_entry(s, views) for s in views.sources]
    citations = {}
    for item in citable(views):
        try:
            citations[item] = [views.source_number(s.id) for s in views.cited(item)]
        except KeyError:
            continue
    for series in ds.series:
        citations[f"series:{series.id}"] = [views.source_number(s) for s in series.sources]
    labels = {key: t(key) for key in (
        "heading.key_figures", "heading.timeline", "heading.sources", "heading.agenda",
        "heading.notes", "heading.contents", "heading.figures", "heading.tables",
        "deck.sources_note", "deck.sources_note_plain", "label.marking", "caption.table",
        "caption.figure", "xref.see",
        "deck.continued", "deck.continued_again", "deck.footer", "deck.notes_talking_points",
        "deck.notes_figures", "deck.notes_sources", "deck.notes_events", "deck.closing", "page.of",
        "deck.title_and", "deck.ahead_in_notes")}
    annex = annex_name(views)
    sheets = chart_sheet_names(charts, views)
    return Report(
        name=ds.name, language=fmt.locale, cover=cover, properties=properties,
        sections=report_sections, key_figures=key_table, key_figure_cards=cards,
        key_figure_notes=card_notes,
        timeline=timeline, timeline_chart=timeline_chart, estimate_notes=notes,
        sources=source_entries,
        notes=footnotes(views), table_notes=footnotes(views, brief=True), citations=citations,
        labels=labels, briefing=tuple((p.content, tuple(p.sections))
                                      for p in structure.briefing_parts),
        unreviewed=bool(edition and edition.unreviewed),
        untranslated=bool(edition and edition.untranslated),
        data_files=data_files,
        other_languages=tuple(sorted({s.language for s in ds.sources if s.language}
                                     | {f.original.language for f in ds.facts if f.original})),
        data_note=t("notes.data", file=annex),
        chart_data={i: t("caption.data", sheet=sheet, file=annex) for i, sheet in sheets.items()})


def _key_figures(metrics: list[MetricView], views: Views) -> Table:
    """The key figures first, then the others by section; a change or estimate column only when
    some figure has one; the sources by their numbers in one column, not a footnote per row."""
    fmt, t = views.fmt, views.fmt.t
    columns: list[tuple[str, float, Callable[[MetricView], str]]] = [
        ("col.indicator", 4.8, lambda x: x.label),
        ("col.value", 3.3, lambda x: "–" if x.growth_only else _with_status(x, t)),
        ("col.period", 3.3, lambda x: x.period)]
    if any(x.change_signed for x in metrics):
        columns.append(("col.change", 2.0, lambda x: x.change_signed or "–"))
    if any(x.previous for x in metrics):
        columns.append(("col.previous", 2.6, lambda x: fmt.estimate(x.previous.text)
                        if x.previous else "–"))
    columns.append(("col.sources", 1.6, lambda x: " ".join(
        f"[{views.source_number(s.id)}]" for s in x.sources)))
    numeric = {i for i, (key, _, _) in enumerate(columns)
               if key in ("col.value", "col.change", "col.previous")}
    return Table(title=t("table.key_figures"), header=[t(key) for key, _, _ in columns],
                 rows=[[_cell(show(x)) for _, _, show in columns] for x in metrics],
                 numeric=numeric, weights=tuple(w for _, w, _ in columns),
                 items=tuple(x.id for x in metrics))


def citable(views: Views) -> list[str]:
    """Every id a narrative may cite: metrics (and their alternative values), facts, events,
    the occasion and the entities; one list for the footnotes and the deck's citations."""
    return [*views.metrics, *(a.id for x in views.metrics.values() for a in x.alternatives),
            *views.facts, *(e.id for e in views.events), "occasion", *views.names]


MAX_SERIES_ROWS = 24  # a longer series is summarised in its table (and written whole as CSV)
# The groups a long series' rows are summarised by, finest first: each row's group key.
_GROUPS: tuple[tuple[str, Callable[[Month], tuple[int | None, ...]]], ...] = (
    ("month", lambda m: (m.year, m.month)),
    ("quarter", lambda m: (m.year, ((m.month or 1) - 1) // 3)),
    ("year", lambda m: (m.year,)),
    ("decade", lambda m: (m.year // 10,)),
)


def _series_table(series: Series, rows: list[SeriesRow], views: Views,
                  data_files: dict[str, bytes]) -> Table:
    """A CSV series as a table: one row per period, one column per declared value column; a
    series of more than MAX_SERIES_ROWS rows, by month, quarter, year or decade (the finest
    that fits), each row its lowest and highest values, the whole series going to a CSV file
    beside the documents (and every value to its chart, where one charts it)."""
    fmt = views.fmt
    header = [fmt.t("col.period"), *(c.label for c in series.columns)]
    title = series.label
    if len(rows) > MAX_SERIES_ROWS:
        name = f"{views.dataset.name}-{series.id}.csv"
        data_files[name] = _series_csv(series, rows)
        group, groups = _summary_groups(rows)
        body = [[_cell(fmt.period(_span(members, group))),
                 *(_cell(_range(fmt, [r.values[c.name] for r in members], c.unit))
                   for c in series.columns)] for members in groups]
        title = fmt.t("series.summary", label=series.label, group=fmt.t(f"series.by_{group}"),
                      count=fmt.number(len(rows)), file=name)
    else:
        body = [[_cell(fmt.period(row.period)),
                 *(_cell(fmt.amount(row.values[c.name], c.unit)) for c in series.columns)]
                for row in rows]
    if body:  # the sources, once, after the last value
        body[-1][-1] = _cell("".join(r.text for r in body[-1][-1]), f"series:{series.id}")
    return Table(title=title, header=header, rows=body,
                 numeric=set(range(1, len(series.columns) + 1)))


def _summary_groups(rows: list[SeriesRow]) -> tuple[str, list[list[SeriesRow]]]:
    """The finest grouping of the rows (by their start) that fits a table, and the groups."""
    for name, key in _GROUPS:
        if name in ("month", "quarter") and any(r.period.start.month is None for r in rows):
            continue
        groups: dict[tuple[int | None, ...], list[SeriesRow]] = {}
        for row in rows:
            groups.setdefault(key(row.period.start), []).append(row)
        if len(groups) <= MAX_SERIES_ROWS and len(groups) < len(rows):
            return name, list(groups.values())
    size = -(-len(rows) // MAX_SERIES_ROWS)  # else spans of equal numbers of rows
    return "span", [rows[i:i + size] for i in range(0, len(rows), size)]


def _span(members: list[SeriesRow], group: str) -> Period:
    """The period a group covers, to its grouping's precision: months from a month or a
    quarter, years from a year, a decade or a span (January – March 2031, 2030 – 2039)."""
    start, end = members[0].period.start, members[-1].period.end
    if group in ("month", "quarter"):
        return Period(start=Month(year=start.year, month=start.month),
                      end=Month(year=end.year, month=end.month))
    return Period(start=Month(year=start.year), end=Month(year=end.year))


def _range(fmt: Formatter, values: list[float], unit: str) -> str:
    low, high = min(values), max(values)
    if low == high:
        return str(fmt.amount(low, unit))
    return str(fmt.t("series.range", low=fmt.amount(low, unit), high=fmt.amount(high, unit)))


def _series_csv(series: Series, rows: list[SeriesRow]) -> bytes:
    """The whole series as CSV: the period as written (ISO), then each column's value."""
    def iso(m: Month) -> str:
        return "-".join([f"{m.year:04d}", *(f"{n:02d}" for n in (m.month, m.day) if n)])

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([series.period_column, *(c.name for c in series.columns)])
    for row in rows:
        period = iso(row.period.start) if row.period.single else \
            f"{iso(row.period.start)}/{iso(row.period.end)}"
        writer.writerow([period, *(f"{row.values[c.name]:.15g}" for c in series.columns)])
    return buf.getvalue().encode("utf-8")


def _with_status(x: MetricView, t: Catalog) -> str:
    """A figure's text, with "(expected)" or "(planned)" when it is not yet an outcome."""
    status = t(f"status.{x.status}")
    return f"{x.text} ({status})" if status else x.text


def _section_metrics(section: SectionText, views: Views) -> list[str]:
    """The metrics a section cites, in the order it cites them, then the rest of its area's."""
    cited = [r.cite for b in (*section.blocks, *section.takeaways) for r in b.runs
             if r.cite in views.metrics]
    own = [m for m, x in views.metrics.items() if x.area == section.id]
    return list(dict.fromkeys([*(c for c in cited if c), *own]))


def _figure_notes(metric_ids: list[str], views: Views) -> list[list[Run]]:
    """One note line per figure (value, period, change, citation), then how estimates were made."""
    t = views.fmt.t
    lines = []
    for metric_id in metric_ids:
        x = views.metrics[metric_id]
        key = "notes.figure_change" if x.change_signed else "notes.figure"
        lines.append(_cell(t(key, label=x.label, value=_with_status(x, t), period=x.period,
                             change=x.change_signed or ""), x.id))
        if x.previous:
            lines.append(_cell(x.previous.derivation))
    return lines


def footnotes(views: Views, brief: bool = False) -> dict[str, str]:
    """The footnote of every citable item: who reports it and for when; how an estimate is made.

    brief: who reports it, only (in a table, whose row gives the period and whose notes explain
    the estimates). A source is named by its publisher, and by publisher and title where one
    publisher gave several of the dataset's sources.
    """
    fmt, t = views.fmt, views.fmt.t
    publishers = [s.publisher for s in views.sources]

    def name(s: Source) -> str:
        # Where one publisher gave several sources: by title, else by date, else by number.
        if publishers.count(s.publisher) < 2:
            return s.publisher
        if s.title:
            return t("footnote.source_titled", publisher=s.publisher, title=s.title)
        if s.date and [x.date for x in views.sources if x.publisher == s.publisher].count(
                s.date) == 1:
            return t("footnote.source_dated", publisher=s.publisher, date=_day(fmt, s.date))
        return t("footnote.source_numbered", publisher=s.publisher,
                 number=views.source_number(s.id))

    def named(sources: list[Source]) -> str:
        return fmt.names([name(s) for s in sources])

    by_id = {s.id: s for s in views.sources}
    series_notes = {f"series:{se.id}": t("footnote.fact", sources=named(
        [by_id[i] for i in se.sources])) for se in views.dataset.series}
    if brief:
        return {**{i: t("footnote.fact", sources=named(s)) for i in citable(views)
                   if (s := _sources_or_none(views, i))}, **series_notes}
    notes = dict(series_notes)
    for x in views.metrics.values():
        # Sources that differ: each note says its source's value (the body gives the range).
        key = "footnote.figure.value" if any(a.value != x.value for a in x.alternatives) \
            else "footnote.figure"
        for alternate in x.alternatives:
            notes[alternate.id] = t(key, sources=named(alternate.sources), period=x.period,
                                    value=alternate.text)
        note = t(key, sources=named(x.sources), period=x.period, value=x.text)
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


def _day(fmt: Formatter, date: Month) -> str:
    return str(fmt.month(date))


def _source_entry(source: Source, views: Views) -> str:
    t = views.fmt.t
    assert isinstance(t, Catalog)
    publisher = source.publisher + (f" ({source.website})" if source.website else "")
    entry = t("source.entry", publisher=publisher,
              title=t("source.title", title=source.title) if source.title else "",
              author=t("source.author", author=source.author) if source.author else "",
              description=source.description)
    if source.via:
        entry += " " + t("source.via", via=source.via)
    entry += " " + (t("source.undated") if source.date is None else
                    t("source.published", date=_day(views.fmt, source.date)))
    if source.url:
        entry += " " + t("source.url", url=source.url)
    return entry


def placements(report: Report, views: Views) -> dict[str, list[str]]:
    """Where each dataset item appears in the briefing: "section:economy", "table:key_figures",
    "table:timeline", "table:series". Keys are "metrics:id", "facts:id", "events:id",
    "series:id". An event counts as placed in the timeline table only when it has no outcomes,
    which only the narrative shows."""
    kinds = {**{i: "metrics" for i in views.metrics}, **{i: "facts" for i in views.facts},
             **{a.id: "metrics" for x in views.metrics.values() for a in x.alternatives},
             **{e.id: "events" for e in views.events}}
    found: dict[str, list[str]] = {}

    def place(item: str, where: str) -> None:
        if item in kinds:
            places = found.setdefault(f"{kinds[item]}:{item}", [])
            if where not in places:
                places.append(where)

    for part in report.sections:
        for block in part.section.blocks:
            for run in block.runs:
                if run.cite:
                    place(run.cite, f"section:{part.section.id}")
        for table in part.tables:
            for row in table.rows:
                for cell in row:
                    for run in cell:
                        if run.cite and run.cite.startswith("series:"):
                            found.setdefault(run.cite, []).append(f"section:{part.section.id}")
    for item in report.key_figures.items:
        place(item, "table:key_figures")
    for table, name in ((report.key_figures, "table:key_figures"),
                        (report.timeline, "table:timeline")):
        for row in table.rows:
            for cell in row:
                for run in cell:
                    if run.cite and not (name == "table:timeline" and _has_outcomes(run.cite,
                                                                                    views)):
                        place(run.cite, name)
    return found


def _has_outcomes(event_id: str, views: Views) -> bool:
    return any(e.id == event_id and e.outcomes for e in views.events)


def unplaced(found: dict[str, list[str]], views: Views) -> list[Problem]:
    """Every published item that appears nowhere, located where the dataset defines it."""
    ds = views.dataset
    # An alternative figure (a disagreeing source's) is placed like any other, or the build stops.
    alternates = {a.id: i for i, x in views.metrics.items() for a in x.alternatives}
    wanted = [*(f"metrics:{i}" for i in views.metrics), *(f"facts:{i}" for i in views.facts),
              *(f"metrics:{a}" for a in alternates),
              *(f"events:{e.id}" for e in views.events),
              *(f"series:{s.id}" for s in ds.series if s.publish and ds.series_rows.get(s.id))]
    problems = []
    for key in wanted:
        if key in found:
            continue
        item = key.split(":", 1)[1]
        owner = f"metrics:{alternates[item]}" if item in alternates else key
        file, line, path = ds.locations.get(owner, (f"{key.split(':')[0]}.yaml", 0, key))
        problems.append(Problem(file, line, 1, f"{path} ({key.split(':', 1)[1]})",
                                "appears nowhere in the briefing: no template places it",
                                "cite it in its section's narrative template, or set "
                                "`publish: false` on it to leave it out on purpose"))
    return problems
