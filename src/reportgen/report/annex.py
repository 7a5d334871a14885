"""The data annex (NAME-data.xlsx) as plain data: every figure with its sources and derivation,
the numbers of every chart exactly as drawn, the events and the series in full.

The sheets are built here, independent of any file format; xlsx/annex.py writes them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportgen.dataset.models import Source
from reportgen.report.charts import ChartSpec
from reportgen.report.views import Views

Cell = str | float | int | bool | None
# Excel refuses these characters in a sheet name, and names longer than 31 characters.
_NOT_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_MAX = 31


@dataclass(frozen=True)
class Sheet:
    """One sheet: its name, its header row, its rows; `numeric`: the columns of numbers."""

    name: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    numeric: frozenset[int] = frozenset()


def annex_name(views: Views) -> str:
    """NAME-data.xlsx for the dataset's own language, NAME-data.az.xlsx for another edition
    (as the briefing is NAME-briefing.docx and NAME-briefing.az.docx)."""
    ds = views.dataset
    # An edition's dataset is loaded in its language: its own language is the edition's original.
    own = ds.edition.original if ds.edition else ds.briefing.language
    mark = "" if views.fmt.locale == own else f".{views.fmt.locale}"
    return f"{ds.name}-data{mark}.xlsx"


def chart_sheet_names(specs: list[ChartSpec], views: Views) -> dict[str, str]:
    """The sheet of each chart (by chart id): the catalog's "Chart {id}", made a valid and
    unique sheet name beside the annex's fixed sheets."""
    t = views.fmt.t
    taken = {t(key).casefold() for key in _FIXED}
    names: dict[str, str] = {}
    for spec in specs:
        names[spec.id] = _unique(t("annex.sheet.chart", id=spec.id), taken)
    return names


_FIXED = ("annex.sheet.figures", "annex.sheet.charts", "annex.sheet.events",
          "annex.sheet.sources")


def _unique(wanted: str, taken: set[str]) -> str:
    """A valid sheet name (no []:*?/\\, at most 31 characters), unlike any taken (Excel
    compares them case-blind), then marked taken."""
    base = _NOT_IN_SHEET_NAME.sub("_", wanted).strip("'")[:SHEET_NAME_MAX] or "_"
    name, n = base, 1
    while name.casefold() in taken:
        n += 1
        suffix = f" ({n})"
        name = base[:SHEET_NAME_MAX - len(suffix)] + suffix
    taken.add(name.casefold())
    return name


def annex_sheets(views: Views, specs: list[ChartSpec]) -> list[Sheet]:
    """Every sheet of the annex, in order: figures, the charts' index, events, sources, one
    sheet per chart, one per published series."""
    t = views.fmt.t
    chart_names = chart_sheet_names(specs, views)
    taken = {t(key).casefold() for key in _FIXED} | {n.casefold() for n in chart_names.values()}
    sheets = [_figures(views), _charts_index(specs, chart_names, views), _events(views),
              _source_list(views)]
    sheets += [_chart(spec, chart_names[spec.id], views) for spec in specs]
    for series in views.dataset.series:
        rows = views.dataset.series_rows.get(series.id)
        if not series.publish or not rows:
            continue
        fmt = views.fmt
        sheets.append(Sheet(
            _unique(t("annex.sheet.series", id=series.id), taken),
            (t("col.period"), *(t("annex.col.series_value", label=c.label, unit=c.unit)
                                for c in series.columns)),
            tuple((fmt.period(r.period), *(r.values[c.name] for c in series.columns))
                  for r in rows),
            frozenset(range(1, len(series.columns) + 1))))
    return sheets


def _sources(sources: list[Source]) -> tuple[str, str | None, str | None]:
    """The sources of an item as three cells, one line per source: who and what, its date
    (ISO), its address; "–" for one not known beside others that are, a blank cell when none
    is known."""
    def lines(values: list[str | None]) -> str | None:
        return "\n".join(v or "–" for v in values) if any(values) else None

    return ("\n".join(_named(s) for s in sources),
            lines([s.date.isoformat() if s.date else None for s in sources]),
            lines([s.url for s in sources]))


def _named(source: Source) -> str:
    return source.publisher + (f": {source.title}" if source.title else "")


def _source_list(views: Views) -> Sheet:
    """Every source of the dataset, as the briefing's list of sources numbers them."""
    t = views.fmt.t
    header = tuple(t(f"annex.col.{key}") for key in (
        "number", "id", "publisher", "title", "author", "date", "url", "kind", "description"))
    rows = tuple((n, s.id, s.publisher, s.title, s.author, s.date.isoformat() if s.date
                  else None, s.url, s.kind, s.description)
                 for n, s in enumerate(views.sources, 1))
    return Sheet(t("annex.sheet.sources"), header, rows, frozenset({0}))


def _figures(views: Views) -> Sheet:
    t = views.fmt.t
    header = tuple(t(f"annex.col.{key}") for key in (
        "id", "label", "value", "unit", "qualifier", "period", "change", "change_qualifier",
        "status", "role", "shown", "sources", "source_dates", "source_urls", "estimate",
        "estimate_period", "derivation"))
    rows: list[tuple[Cell, ...]] = []
    for x in views.metrics.values():
        m = x.metric
        role = "key" if m.key else "context" if m.context else "figure"
        estimate = x.previous
        rows.append((m.id, x.label, m.value, m.unit, m.qualifier, x.period,
                     m.change.value if m.change else None,
                     m.change.qualifier if m.change else None, m.status,
                     t(f"annex.role.{role}"), x.text, *_sources(x.sources),
                     estimate.value if estimate else None,
                     estimate.period if estimate else None,
                     estimate.derivation if estimate else None))
        # The same figure as another source gives it: a row of its own, under its own id.
        for alternate, given in zip(x.alternatives, m.alternatives, strict=True):
            rows.append((alternate.id, x.label, given.value, m.unit, given.qualifier, x.period,
                         None, None, m.status, t("annex.role.alternative"), alternate.text,
                         *_sources(alternate.sources), None, None, None))
    return Sheet(t("annex.sheet.figures"), header, tuple(rows), frozenset({2, 6, 14}))


def _charts_index(specs: list[ChartSpec], names: dict[str, str], views: Views) -> Sheet:
    t = views.fmt.t
    by_id = {s.id: s for s in views.sources}
    header = tuple(t(f"annex.col.{key}") for key in ("sheet", "id", "title", "caption",
                                                     "sources", "source_dates", "source_urls"))
    rows = tuple((names[s.id], s.id, s.title, s.caption,
                  *_sources([by_id[i] for i in s.sources if i in by_id])) for s in specs)
    return Sheet(t("annex.sheet.charts"), header, rows)


def _chart(spec: ChartSpec, name: str, views: Views) -> Sheet:
    """Exactly what the chart draws: each bar's category, value, text and estimate mark, or
    each event of a timeline with its place on the 0–12 month axis."""
    t = views.fmt.t
    if spec.events:
        header = tuple(t(f"annex.col.{key}") for key in ("event", "when", "start", "end"))
        return Sheet(name, header, tuple((e.label, e.when, e.start, e.end) for e in spec.events),
                     frozenset({2, 3}))
    header = tuple(t(f"annex.col.{key}") for key in ("category", "value", "shown", "estimate"))
    rows = tuple((" ".join(b.label), b.value, b.text, b.estimate) for b in spec.bars)
    return Sheet(name, header, rows, frozenset({1}))


def _events(views: Views) -> Sheet:
    t = views.fmt.t
    header = tuple(t(f"annex.col.{key}") for key in (
        "id", "event", "when", "start_date", "end_date", "participants", "outcomes",
        "on_timeline", "sources", "source_dates", "source_urls"))
    rows = tuple((e.id, e.title, e.period, e.event.period.start.first_day().isoformat(),
                  e.event.period.end.last_day().isoformat(), "\n".join(e.participants),
                  "\n".join(e.outcomes), e.high_level, *_sources(e.sources))
                 for e in views.events)
    return Sheet(t("annex.sheet.events"), header, rows)
