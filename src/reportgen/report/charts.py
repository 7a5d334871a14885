"""Chart specs: what each chart shows, as plain data that every chart renderer reads."""

from __future__ import annotations

from dataclasses import dataclass, replace

from reportgen.dataset.fields import Month
from reportgen.dataset.models import Chart
from reportgen.report.views import MetricView, Views

# A series with more values than this is drawn as a line with its first and last values
# labelled: a bar and a label per value would be unreadable (and cost time per value).
MAX_BARS = 24


@dataclass(frozen=True)
class Bar:
    """One bar: its category label (one string per line), its value and its text as formatted."""

    label: tuple[str, ...]
    value: float
    text: str
    estimate: bool = False


@dataclass(frozen=True)
class Mark:
    """One event on the timeline: where it starts and ends on a 0–12 month axis."""

    label: str
    when: str
    start: float
    end: float


@dataclass(frozen=True)
class ChartSpec:
    """Everything a chart shows, as plain data: what the Report holds, the input of every
    renderer and the key of a cached picture.

    The matplotlib picture (`--charts image`, and the timeline) and the native Word and
    PowerPoint charts read the same bars, texts, estimate flags, caption and alt text, so all
    show the same figures.
    """

    id: str
    area: str
    kind: str
    title: str
    bars: tuple[Bar, ...] = ()
    events: tuple[Mark, ...] = ()
    months: tuple[str, ...] = ()
    caption: str = ""
    alt: str = ""
    sources: tuple[str, ...] = ()

    @property
    def horizontal(self) -> bool:
        """Bars run left to right (long labels, signed changes) rather than upwards."""
        return self.kind in ("bars", "growth")

    @property
    def line(self) -> bool:
        """A long series, drawn as a line: too many values for a bar and a label each."""
        return self.kind == "series" and len(self.bars) > MAX_BARS

    @property
    def labelled(self) -> tuple[int, ...]:
        """The bars whose value is written on the chart: all of them, or a line's two ends."""
        if self.line:
            return (0, len(self.bars) - 1)
        return tuple(range(len(self.bars)))

    @property
    def native(self) -> bool:
        """Can be drawn as a native, editable chart (the timeline stays a picture)."""
        return bool(self.bars)

    def tone(self, bar: Bar) -> str:
        """The colour role of a bar, shared by both renderers: estimate, negative or main."""
        if bar.estimate:
            return "estimate"
        if self.kind == "growth":
            return "negative" if bar.value < 0 else "accent"
        return "main"


def chart_specs(views: Views) -> list[ChartSpec]:
    """The spec of every chart with something to show, in the order of charts.yaml."""
    return [_spec(chart, views) for chart in views.dataset.charts if has_data(chart, views)]


def has_data(chart: Chart, views: Views) -> bool:
    """Whether a chart has anything to show: a published high-level event for the timeline,
    a row for a series, a published metric otherwise. One without is neither drawn nor placed
    (the loader warns about it at its line in charts.yaml)."""
    if chart.kind == "timeline":
        return any(e.high_level for e in views.events)
    if chart.kind == "series":
        return bool(views.dataset.series_rows.get(chart.series or ""))
    return any(m in views.metrics for m in chart.metrics)


def _bar_names(figures: list[MetricView]) -> list[tuple[str, ...]]:
    """Each bar's category: the figure's short label, or its period where the figures differ
    only by period (trade by fiscal year), or both where neither alone tells them apart."""
    labels = [f.short_label for f in figures]
    if len(set(labels)) == len(labels):
        return [(label,) for label in labels]
    periods = [f.period for f in figures]
    if len(set(labels)) == 1 and len(set(periods)) == len(periods):
        return [(period,) for period in periods]
    return [(label, period) for label, period in zip(labels, periods, strict=True)]


def _spec(chart: Chart, views: Views) -> ChartSpec:
    fmt, t = views.fmt, views.fmt.t
    # The published figures only: `publish: false` keeps a figure out of its charts too.
    figures: list[MetricView] = [views.metrics[m] for m in chart.metrics if m in views.metrics]
    sources = tuple(sorted({s.id for f in figures for s in f.sources}))
    title = views.resolve(chart.title)
    base = ChartSpec(id=chart.id, area=chart.area, kind=chart.kind, title=title,
                     sources=sources)
    if chart.kind == "comparison":
        x = figures[0]
        earlier = views.metrics.get(x.metric.compare_with or "")
        if earlier is not None and earlier.value is not None:  # reported, not estimated
            return replace(
                base, bars=(Bar((earlier.period,), earlier.value, earlier.text),
                            Bar((x.period,), x.value, x.text)),
                sources=tuple(sorted({s.id for f in (x, earlier) for s in f.sources})),
                caption=t("caption.comparison_reported", title=title, period=x.period,
                          earlier=earlier.period),
                alt=t("alt.comparison_reported", label=x.label, period=x.period, value=x.text,
                      earlier=earlier.period, earlier_value=earlier.text))
        prev = x.previous
        assert prev is not None  # the loader requires a change for comparison charts
        bars = (
            Bar((t("label.same_period_last_year", year=prev.year),
                 "(" + t("label.estimate") + ")"), prev.value, fmt.estimate(prev.text), True),
            Bar((x.period,), x.value, x.text),
        )
        return replace(
            base, bars=bars,
            caption=t("caption.comparison", title=title, period=x.period,
                      previous_year=prev.year, change=x.change_signed),
            alt=t("alt.comparison", label=x.label, period=x.period, value=x.text,
                  previous_year=prev.year, previous=prev.text, change=x.change_signed))
    if chart.kind == "bars":
        named = list(zip(_bar_names(figures), figures, strict=True))
        return replace(
            base, bars=tuple(Bar(name, f.value, f.text) for name, f in named),
            caption=t("caption.bars", title=title, unit=figures[0].unit),
            alt=t("alt.bars", title=title, items="; ".join(
                t("alt.item", label=" ".join(name), value=f.text) for name, f in named)))
    if chart.kind == "growth":
        return replace(
            base,
            bars=tuple(Bar((f.short_label, f.period),
                           (f.metric.change.value if f.metric.change else None) or 0.0,
                           f.change_signed or "") for f in figures),
            caption=t("caption.growth", title=title),
            alt=t("alt.growth", items="; ".join(
                t("alt.item", label=f"{f.short_label} ({f.period})", value=f.change_signed)
                for f in figures)))
    if chart.kind == "series":
        series = next(s for s in views.dataset.series if s.id == chart.series)
        column = next(c for c in series.columns if c.name == chart.column)
        rows = views.dataset.series_rows.get(series.id, [])
        columns = tuple(Bar((fmt.period(r.period),), r.values[column.name],
                            fmt.amount(r.values[column.name], column.unit)) for r in rows)
        first, last = (fmt.period(rows[0].period), fmt.period(rows[-1].period)) if rows else ("",
                                                                                          "")
        return replace(
            base, bars=columns, sources=tuple(sorted(series.sources)),
            caption=t("caption.series", title=title, label=column.label, first=first,
                      last=last),
            alt=_series_alt(base, columns, title, column.label, views))
    # timeline
    events = [e for e in views.events if e.high_level]
    year = views.dataset.briefing.year
    return replace(
        base, sources=tuple(sorted({s.id for e in events for s in e.sources})),
        events=tuple(Mark(
            e.short_title, e.period,
            _month_pos(e.event.period.start.month, e.event.period.start_part, True),
            _month_pos(e.event.period.end.month, e.event.period.end_part, False))
            for e in events),
        months=tuple(fmt.month(_m(year, i), with_year=False)[:3] for i in range(1, 13)),
        caption=t("caption.timeline", title=title, year=year),
        alt=t("alt.timeline", year=year, items="; ".join(
            t("alt.item", label=e.short_title, value=e.period) for e in events)))


def _m(year: int, month: int) -> Month:
    return Month(year=year, month=month)


def _month_pos(month: int | None, part: str | None, start: bool) -> float:
    """Position on a 0–12 axis: the start or end of a month, or the part of it the source gives."""
    if month is None:
        return 0.0 if start else 12.0
    base = month - 1
    if part == "early":
        return base + (0.0 if start else 0.33)
    if part == "mid":
        return base + (0.33 if start else 0.66)
    if part == "late":
        return base + (0.66 if start else 1.0)
    return base + (0.0 if start else 1.0)




def _series_alt(base: ChartSpec, columns: tuple[Bar, ...], title: str, label: str,
                views: Views) -> str:
    """Every value of a short series; a long one's count and its first and last values."""
    t = views.fmt.t
    if not replace(base, bars=columns).line:
        return t("alt.series", title=title, label=label, items="; ".join(
            t("alt.item", label=b.label[0], value=b.text) for b in columns))
    first, last = (t("alt.item", label=b.label[0], value=b.text) for b in (columns[0],
                                                                             columns[-1]))
    return t("alt.series_line", title=title, label=label, count=views.fmt.number(len(columns)),
             first=first, last=last)
