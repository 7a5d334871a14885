"""Prose composed from a section's items by what they are, for any dataset.

Every sentence pattern comes from the wording catalog (`sentence.*`, `headline.*`, `takeaway.*`)
or from an item's own `sentence`; every value in it comes through the formatter, so the digits
rule holds and a new language is a new catalog. The section templates call these functions
(`prose.paragraphs(section)` and friends); nothing here knows any dataset's ids.

Each function returns narrative markup: escaped dataset text, with a citation marker after each
sentence and a chart reference where a chart shows the figure.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportgen.report.charts import has_data
from reportgen.report.markup import escape
from reportgen.report.views import EventView, FactView, FigureView, Views

HEADLINE_MAX = 95  # characters: a slide title or divider subtitle on one or two lines
TAKEAWAY_MAX = 150
TAKEAWAYS = 3
POINTS = 6


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _clause(text: str) -> str:
    """A sentence without its final full stop, to sit inside another or as a bullet."""
    return text[:-1] if text.endswith((".", "。")) else text


@dataclass(frozen=True)
class Area:
    """A section's items, sorted by what they are."""

    figures: list[FigureView]
    events: list[EventView]
    facts: list[FactView]

    def facts_of(self, *kinds: str) -> list[FactView]:
        return [f for f in self.facts if f.kind in kinds]

    @property
    def empty(self) -> bool:
        return not (self.figures or self.events or self.facts)


class Prose:
    """Sentences, paragraphs, headlines and takeaways for the sections of one dataset."""

    def __init__(self, views: Views, cite: Callable[..., str], see: Callable[[str], str]) -> None:
        self.views = views
        self.fmt = views.fmt
        self.t = views.fmt.t
        self.cite = cite
        self.see = see
        ds = views.dataset
        self.a, self.b = ds.briefing.countries
        self.charts_of: dict[str, list[str]] = {}
        for chart in ds.charts:
            for metric_id in chart.metrics:
                self.charts_of.setdefault(metric_id, []).append(chart.id)
        self.referred: set[str] = set()

    # --- items ---------------------------------------------------------------------------------

    def area(self, area: str) -> Area:
        v = self.views
        in_events = {m for e in v.events if e.area == area for m in e.metrics}
        # An earlier figure that a figure compares itself with is told in the same sentence.
        compared = {x.metric.compare_with for x in v.metrics.values() if x.metric.compare_with}
        figures = [x for x in v.metrics.values()
                   if x.area == area and x.id not in in_events | compared]
        # The lead figure first: a key figure with a change, then key figures, then the rest;
        # figures given for context (earlier years, totals, targets) after the year's own.
        figures.sort(key=lambda x: (x.metric.context, not x.key, x.change is None))
        return Area(figures=figures, events=[e for e in v.events if e.area == area],
                    facts=[f for f in v.facts.values() if f.area == area])

    # --- sentences -----------------------------------------------------------------------------

    def stop(self, text: str) -> str:
        """A sentence with the language's full stop: "… year." or "…同比增长。"."""
        return self.t("sentence.stop", text=text)

    def join(self, parts: list[str]) -> str:
        """Sentences one after another, with the space a language puts between them (or none)."""
        out = ""
        for part in parts:
            out = self.t("sentence.join", first=out, second=part) if out else part
        return out

    def _values(self, x: FigureView) -> dict[str, str]:
        t = self.t
        values = {
            "value": x.text, "period": x.period, "label": x.label, "short_label": x.short_label,
            "noun": x.noun or x.short_label, "change": x.change or "",
            "direction": t("change.down" if x.falling else "change.up"),
            "previous": x.previous.text if x.previous else "",
            "previous_period": x.previous.period if x.previous else "",
            "a": self.a.name, "b": self.b.name,
            "a_adjective": self.a.adjective, "b_adjective": self.b.adjective,
            "when": self.when(x.period, x.metric.period),
        }
        if x.unit == "rank":
            values["value"] = self.fmt.rank(int(x.value))
        elif x.unit == "ordinal":
            values["value"] = self.fmt.ordinal(int(x.value))
        elif x.unit == "multiplier":
            values["value"] = self.fmt.multiplier(x.value)
        return {k: escape(val) for k, val in values.items()}

    def when(self, shown: str, period: Any) -> str:
        """ "in April 2031", or "on 3 April 2031" for a single day."""
        day = period.single and period.start.day is not None
        return self.t("when.on" if day else "when.in", period=shown)

    def _pattern(self, x: FigureView) -> str:
        if x.growth_only:
            return "sentence.figure.growth"
        if x.status != "actual" and x.unit not in ("rank", "ordinal", "multiplier"):
            return f"sentence.figure.{x.status}"
        if x.change is None and len(x.metric.period.years) > 1:
            return "sentence.figure.span"  # a total over several years
        if x.change is not None:
            return "sentence.figure.change"
        if x.unit in ("rank", "ordinal", "multiplier", "count"):
            return f"sentence.figure.{x.unit}"
        return "sentence.figure.plain"

    def figure(self, x: FigureView, chart: bool = True, estimate: bool = True) -> str:
        """A sentence about a figure, with its period, change and chart reference, then how
        an estimate of the prior-year value was made."""
        values = self._values(x)
        if x.metric.sentence:
            names = {k: escape(n) for k, n in self.views.names.items()}
            text = x.metric.sentence.format_map({**names, **values})
        else:
            text = self.t(self._pattern(x), **values)
        text = _cap(_clause(text.strip()))
        ref = self._chart_ref(x.id if chart else None)
        parts = [self.stop(self.join([text, ref]) if ref else text) + self.cite(x.id)]
        own = x.metric.sentence or ""
        if estimate and x.previous and "{previous}" not in own:
            parts.append(self.stop(self.t("sentence.estimate", previous=values["previous"],
                                          previous_period=values["previous_period"])))
        earlier = self.views.metrics.get(x.metric.compare_with or "")
        if earlier is not None:
            parts.append(self.stop(self.t(
                "sentence.compared", value=escape(earlier.text),
                when=escape(self.when(earlier.period, earlier.metric.period)))
            ) + self.cite(earlier.id))
        for alternate in x.alternatives:
            parts.append(self.stop(_cap(self.t(
                "sentence.alternative", value=escape(alternate.text),
                sources=escape(self.fmt.names([s.publisher for s in alternate.sources]))))
            ) + self.cite(alternate.id))
        return self.join(parts)

    def _chart_ref(self, metric_id: str | None) -> str:
        for chart_id in self.charts_of.get(metric_id or "", []):
            if chart_id not in self.referred:
                self.referred.add(chart_id)
                return self.see(chart_id)
        return ""

    def event(self, e: EventView, headed: bool = False) -> str:
        """What an event was, who took part, what it achieved and the figures that measure it.

        headed: a heading above already gives its title and period."""
        t = self.t
        people = self.fmt.names(list(e.participants))
        parts = []
        if headed and len(e.participants) > 1:
            parts.append(self.stop(t("sentence.event.headed", participants=escape(people))))
        elif not headed:
            key = ("sentence.event.with_participants" if len(e.participants) > 1
                   else "sentence.event")
            parts.append(self.stop(_cap(t(key, title=escape(e.title), period=escape(e.period),
                                          when=escape(self.when(e.period, e.event.period)),
                                          participants=escape(people)))))
        if headed and not parts and not e.outcomes:
            parts.append(self.stop(_cap(t("sentence.event", title=escape(e.title),
                                          period=escape(e.period),
                                          when=escape(self.when(e.period, e.event.period)),
                                          participants=""))))
        if not e.outcomes:
            parts[-1] += self.cite(e.id)
        if e.outcomes:
            parts.append(self.stop(t("sentence.event.outcomes", outcomes=escape(self.fmt.names(
                [_clause(o[:1].lower() + o[1:] if o[1:2].islower() else o)
                 for o in e.outcomes])))) + self.cite(e.id))
        if e.event.anniversary and e.commemorates:
            parts.append(self.stop(t("sentence.event.anniversary", ordinal=self.fmt.ordinal(
                e.event.anniversary), commemorates=escape(e.commemorates))))
        for metric_id in e.metrics:
            if metric_id in self.views.metrics:
                parts.append(self.figure(self.views.metrics[metric_id]))
        return self.join(parts)

    def fact(self, f: FactView) -> str:
        """A statement, assessment, position or outlook as a sentence; a quote as a quote block."""
        t = self.t
        text = escape(f.text)
        speaker = escape(f.speaker) if f.speaker else ""
        if f.kind == "quote":
            who = (t("sentence.quote.speaker", speaker=speaker, role=escape(f.speaker_role or ""))
                   if speaker else t("sentence.quote.source", source=escape(
                       self.fmt.names([s.publisher for s in f.sources]))))
            return f"> “{text}”{self.cite(f.id)} — {who}"
        if f.kind == "outlook":
            key = "sentence.outlook" + (".speaker" if speaker else "") + (
                ".year" if f.year else "")
            return t(key, text=text, speaker=speaker, year=str(f.year or "")) + self.cite(f.id)
        if f.kind == "position" and speaker:
            return t("sentence.position.speaker", text=_clause(text), speaker=speaker) + \
                self.cite(f.id)
        return text + self.cite(f.id)

    # --- paragraphs ----------------------------------------------------------------------------

    def paragraphs(self, area: str) -> list[str]:
        """A section's body: the lead (assessments and the lead figure), the other figures, the
        events, then statements, positions, quotes and the outlook; every item once."""
        items = self.area(area)
        out: list[str] = []
        lead = [self.fact(f) for f in items.facts_of("assessment")]
        figures = [self.figure(x) for x in items.figures]
        if figures:
            lead.append(figures.pop(0))
        out += [self.join(lead)] if lead else []
        out += [self.join(figures[i:i + 3]) for i in range(0, len(figures), 3)]
        headings = sum(e.high_level for e in items.events) >= 2
        for e in items.events:
            out += [f"## {escape(e.title)} ({escape(e.period)})"] if headings and e.high_level \
                else []
            out.append(self.event(e, headed=headings and e.high_level))
        statements = [self.fact(f) for f in items.facts_of("statement", "position")]
        out += [self.join(statements[i:i + 3]) for i in range(0, len(statements), 3)]
        out += [self.fact(f) for f in items.facts_of("quote")]
        out += [self.fact(f) for f in items.facts_of("outlook")]
        out += [self._chart_sentence(c.id, c.title) for c in self.views.dataset.charts
                if c.area == area and c.id not in self.referred and has_data(c, self.views)]
        return out

    def _chart_sentence(self, chart_id: str, title: str) -> str:
        self.referred.add(chart_id)
        kind = next(c.kind for c in self.views.dataset.charts if c.id == chart_id)
        key = "sentence.chart.timeline" if kind == "timeline" else "sentence.chart"
        return self.stop(self.join([self.t(key, title=escape(self.views.resolve(title))),
                                    self.see(chart_id)]))

    def summary(self, sections: list[str]) -> list[str]:
        """The executive summary: the occasion, the summary's own items, the lead of each other
        section, the year's high-level events and the outlook."""
        v, t = self.views, self.t
        out = [self.fact(f) for f in self.area("summary").facts if f.kind != "quote"]
        for x in self.area("summary").figures:
            out.append(self.figure(x))
        out += [self.event(e) for e in self.area("summary").events]
        leads = []
        for section in sections:
            items = self.area(section)
            if items.figures:
                leads.append(self.figure(items.figures[0], chart=False, estimate=False))
        out += [self.join(leads[i:i + 3]) for i in range(0, len(leads), 3)]
        high = [e for e in v.events if e.high_level]
        if high:
            out.append(t("sentence.summary.events"))
            out += ["- " + self.t("sentence.summary.event", period=_cap(escape(e.period)),
                                  title=self.stop(escape(e.title))) + self.cite(e.id)
                    for e in high]
        out += [self.fact(f) for f in self.area("summary").facts if f.kind == "quote"]
        out += [self._chart_sentence(c.id, c.title) for c in v.dataset.charts
                if c.area == "summary" and c.id not in self.referred and has_data(c, self.views)]
        if any(x.previous for x in v.metrics.values()):
            out.append(t("sentence.summary.estimates"))
        return out

    def occasion(self) -> str:
        """What the briefing draws on: the occasion the sources report, where there is one."""
        ds, t, fmt = self.views.dataset, self.t, self.fmt
        occasion = ds.briefing.occasion
        if occasion is None:
            return ""
        host = next(p for p in ds.people if p.id == occasion.speaker)
        venue = (t("sentence.summary.venue", venue=escape(self.views.names[occasion.venue]))
                 if occasion.venue else "")
        weekday = (t("sentence.summary.weekday", weekday=fmt.weekday(occasion.weekday))
                   if occasion.weekday else "")
        values = {"a": escape(self.a.name), "b": escape(self.b.name),
                  "year": str(ds.briefing.year), "occasion": escape(occasion.name),
                  "speaker": escape(host.name), "role": escape(host.role), "venue": venue,
                  "weekday": weekday, "period": fmt.period(occasion.period)}
        if occasion.speakers:  # several speakers, each with the office the sources give
            people = [host, *(p for i in occasion.speakers for p in ds.people if p.id == i)]
            values["speakers"] = escape(fmt.names([t("sentence.summary.speaker", speaker=p.name,
                                                      role=p.role) for p in people]))
            return t("sentence.summary.occasion_many", **values) + self.cite("occasion")
        return t("sentence.summary.occasion", **values) + self.cite("occasion")

    def key_takeaways(self) -> list[str]:
        """The key figures of the whole briefing, as short lines (the summary's slide)."""
        keys = [x for x in self.views.metrics.values() if x.key]
        keys.sort(key=lambda x: x.change is None)
        return [self._short(x) + self.cite(x.id) for x in keys][:TAKEAWAYS]

    # --- slides --------------------------------------------------------------------------------

    def headline(self, area: str) -> str:
        """The point of a section in one line: its lead figure, or its first assessment, event
        or statement."""
        items = self.area(area)
        candidates = [self._short(x) for x in items.figures[:1]]
        candidates += [_clause(f.text) for f in items.facts_of("assessment", "outlook")]
        candidates += [f"{e.short_title} ({e.period})" for e in items.events[:1]]
        candidates += [_clause(f.text) for f in items.facts_of("statement", "position")]
        fitting = [c for c in candidates if len(c) <= HEADLINE_MAX]
        return escape(_cap(fitting[0])) if fitting else ""

    def _short(self, x: FigureView) -> str:
        values = self._values(x)
        key = ("headline.growth" if x.growth_only else
               "headline.figure_change" if x.change else "headline.figure")
        return self.t(key, **values)

    def takeaways(self, area: str) -> list[str]:
        """Two or three short lines for a slide: figures first, then events and assessments."""
        return self.points(area)[:TAKEAWAYS]

    def points(self, area: str) -> list[str]:
        """Up to six short lines, for a section's slide when it has no chart beside them."""
        items = self.area(area)
        lines = [self._short(x) + self.cite(x.id) for x in items.figures]
        lines += [f"{escape(e.short_title)} ({escape(e.period)}){self.cite(e.id)}"
                  for e in items.events]
        lines += [escape(_clause(f.text)) + self.cite(f.id)
                  for f in items.facts_of("assessment", "statement", "outlook", "position")]
        short = [line for line in lines if len(line) <= TAKEAWAY_MAX + 40]
        return short[:POINTS]
