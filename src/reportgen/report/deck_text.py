"""The deck's text: a metric as a short claim (`Claims`), and each slide's headline and points
(`DeckText`), for any dataset; where they are placed is pptx/plan.py's.
"""

from __future__ import annotations

from reportgen.report import happenings
from reportgen.report.charts import has_data
from reportgen.report.event_text import EventTitles
from reportgen.report.markup import escape
from reportgen.report.metric_text import MetricTerms, MetricText
from reportgen.report.slides import once, repeats, short_enough
from reportgen.report.summary import Summary
from reportgen.report.views import EventView, MetricView
from reportgen.report.wording import (
    LEVEL_UNITS,
    SectionItems,
    Wording,
    Words,
    cap,
    uncited,
    unstopped,
)

HEADLINE_MAX = 95  # characters: a slide title or divider subtitle on one or two lines
TAKEAWAY_MAX = 150
TAKEAWAYS = 3
POINTS = 5  # a slide carries three to five points


class Claims(Wording):
    """A metric as a short claim: a slide's point with its period, or a title without."""

    def __init__(self, words: Words, terms: MetricTerms, metrics: MetricText) -> None:
        super().__init__(words)
        self.terms, self.metrics = terms, metrics

    def title(self, x: MetricView) -> str:
        """A figure as a headline, without its period: "Bilateral trade up 12.5% to €830
        million" (the `title.*` frames)."""
        return self.claim(x, "title")

    def short(self, x: MetricView) -> str:
        """A figure as a short claim, for a slide: "Bilateral trade up 12.5% to €830 million in
        January–October 2031", "78 joint industrial facilities in March 2031"; a figure's own
        sentence where it has one."""
        return self.claim(x, "headline")

    def claim(self, x: MetricView, frames: str) -> str:
        """A figure as a short claim with the catalog's `frames.*` patterns: `headline` (a
        slide's point, with its period) or `title` (a slide's title, without)."""
        values = self.terms.values(x)
        # A year the frame says anyway goes from the label: "Trade target of $150 billion by
        # 2030", not "Trade target 2030 of $150 billion by 2030".
        values["short_label"] = escape(once(x.short_label, [str(x.metric.by or ""), *(
            [str(x.metric.period.end.year)] if x.status != "actual" else [])]))
        if x.unit == "count" and x.noun and x.metric.per and x.value is not None:
            # "105 flights a week", not "105 a week flights"
            values["value"] = escape(self.fmt.qualified(self.fmt.count(x.value),
                                                        x.metric.qualifier))
            values["noun"] = escape(self.t(f"number.per.{x.metric.per}", amount=x.noun))
        if (x.metric.sentence and x.unit in ("rank", "ordinal", "multiplier")) or (
                x.unit == "rank" and x.metric.holder and x.metric.among):
            # "The UAE ranked third among India's trading partners in 2022–23"
            return cap(unstopped(self.metrics.figure(x, chart=False).split("[^")[0].strip()))
        earlier = self.views.metrics.get(x.metric.compare_with or "")
        if earlier is not None and earlier.value is not None and x.value is not None \
                and not x.change and not earlier.alternatives:
            return cap(self.t(f"{frames}.compared", **{**values, "direction": escape(self.t(
                "change.down" if x.value < earlier.value else "change.up"))},
                earlier=escape(earlier.text)))
        kind = ("growth" if x.growth_only else
                "ordinal" if x.unit == "ordinal" else
                "figure_change" if x.change else
                self.metrics.status(x) if x.status != "actual" and not self._says_twice(x) else
                "count" if x.unit == "count" and x.noun else
                "multiplier" if x.unit == "multiplier" else "figure")
        if kind == "figure" and frames == "headline":
            # A point says what the figure is, as the briefing does ("The share of … was
            # 25.98% in 2024"), never "Share of arrivals at 25.98% in 2024".
            said = cap(unstopped(self.metrics.figure(x, chart=False).split("[^")[0].strip()))
            if len(said) <= TAKEAWAY_MAX:
                return said
        line = cap(self.t(f"{frames}.{kind}", **values))
        if kind == "count" and x.status != "actual":  # "105 flights a week (planned)"
            line = self.t("headline.status", text=line, status=self.t(f"status.{x.status}"))
        return line

    def _says_twice(self, x: MetricView) -> bool:
        """Whether a status's headline would say its word twice ("Weekly flights planned
        planned at …")."""
        word = self.t(f"status.{x.status}").lower()
        return bool(word) and word in x.short_label.lower() and word in self.t.get(
            f"headline.{x.status}", "").lower()


class DeckText(Wording):
    """Each slide's headline and points: key metrics and high-level events first."""

    def __init__(self, words: Words, claims: Claims, summary: Summary,
                 titles: EventTitles) -> None:
        super().__init__(words)
        self.claims, self.summary, self.titles = claims, summary, titles

    def key_takeaways(self) -> list[str]:
        """The key figures of the whole briefing, as short lines (the summary's slide)."""
        keys = [x for x in self.views.metrics.values() if x.key]
        keys.sort(key=lambda x: x.change is None)
        return [self.claims.short(x) + self.cite(x.id) for x in keys][:TAKEAWAYS]

    def summary_points(self, sections: list[str]) -> list[str]:
        """The summary's points for a slide: its key figures as short lines, else the figure
        each section leads with, as a short claim ("Bilateral trade up 9.2% to $86.7 billion in
        2024"); never a paragraph, even where the summary's slide is folded into another."""
        keys = self.key_takeaways()
        if keys:
            return keys
        return [self.claims.short(x) + self.cite(x.id)
                for x in self.summary.lead_figures(sections)][:TAKEAWAYS]

    def headline(self, area: str) -> str:
        """The main point of a section as a headline, for its slide title: a key figure with its
        change, a key figure, the weightiest high-level event with the figure it gave, an
        assessment; only then the rest. A headline carries no date ("Trade up 12.5% to €830
        million"): the points under it give the periods."""
        items = self.items(area)
        keys = [x for x in items.metrics if x.key and x.status == "actual"]
        # The weightiest high-level event (most people, outcomes and figures, its own or of its
        # days), not the latest; of equal weight, the one the dataset lists first (a stable
        # sort: deterministic).
        high = sorted((e for e in items.events if e.high_level), key=lambda e: -(
            len(e.participants) + len(e.outcomes) + 2 * len(self._event_figures(e, items))))
        candidates = [self.claims.title(x) for x in keys]
        # What lies ahead (a target, an outlook) is the point of a section that looks ahead.
        candidates += [self.claims.title(x) for x in items.metrics if x.status != "actual"]
        candidates += [unstopped(f.text) for f in items.facts_of("outlook")]
        candidates += [self._event_title(e, items) for e in high]
        candidates += [self.t("title.event", title=e.short_title) for e in high]
        candidates += [unstopped(f.text) for f in items.facts_of("assessment")]
        candidates += [self.claims.title(x) for x in items.metrics if x not in keys]
        candidates += [self.t("title.event", title=e.short_title)
                       for e in items.events if e not in high]
        candidates += [unstopped(f.text) for f in items.facts_of("statement", "position")]
        fitting = [c for c in candidates if c and len(c) <= HEADLINE_MAX]
        return escape(cap(fitting[0])) if fitting else ""

    def summary_headline(self, sections: list[str]) -> str:
        """The summary slide's title: its own main point where it has items, else the year's
        weightiest high-level event with the lead figure of the sections ("Queen's state visit
        to Freedonia · Trade up 12.5% to €830 million"), else the lead figure alone."""
        own = self.headline("summary")
        if own:
            return own
        leads = [self.claims.title(x)
                 for x in sorted(self.summary.lead_figures(sections), key=self.summary.lead)]
        events = [e for s in sections for e in self.items(s).events if e.high_level]
        events.sort(key=lambda e: -(len(e.participants) + len(e.outcomes)))
        if not events:  # the lead figure alone: not a section's title, where another can be
            heads = [self.headline(s) for s in sections]
            leads.sort(key=lambda t: escape(cap(t)) in heads)
        parts = [self.t("title.event", title=e.short_title) for e in events[:1]] + leads[:1]
        candidates = [self.t("title.both", first=parts[0], second=cap(parts[1]))
                      if len(parts) == 2 else "", *parts]
        fitting = [c for c in candidates if c and len(c) <= HEADLINE_MAX]
        return escape(cap(fitting[0])) if fitting else ""

    def _event_figures(self, e: EventView, items: SectionItems) -> list[MetricView]:
        """The figures an event gave: its own, then the section's counts of its days (the
        agreements signed during a visit), things done first."""
        own = [self.views.metrics[m] for m in e.metrics if m in self.views.metrics]
        dated = [x for x in items.metrics if x.value is not None
                 and x.metric.period.start.day is not None and e.high_level
                 and e.event.period.start.day is not None
                 and happenings.within(x.metric.period, e.event.period)]
        dated.sort(key=lambda x: (not x.key, not x.metric.verb, -(x.value or 0.0)))
        # An amount or a count, not a rank, an ordinal ("the fifth visit"), a share or a length
        # ("the visit lasted three days"): what came of it.
        return [x for x in [*own, *dated] if x.status == "actual"
                and x.unit not in ("rank", "ordinal", "multiplier", "percent", *LEVEL_UNITS)]

    def _event_title(self, e: EventView, items: SectionItems) -> str:
        """A high-level event as a headline with the figure it gave: "Prime Minister's visit to
        Seoul: more than 40 cooperation agreements"; "" where it gave none."""
        figures = self._event_figures(e, items)
        if not figures:
            return ""
        return self.t("title.event_figure", title=e.short_title,
                      figure=self.lower(self.claims.title(figures[0])))

    def chart_points(self, chart_id: str) -> list[str]:
        """The points beside one chart: each of its figures as a short claim, with the estimate
        or the earlier figure its bars show."""
        chart = next(c for c in self.views.dataset.charts if c.id == chart_id)
        lines = []
        shown = [self.views.metrics[m] for m in dict.fromkeys(chart.metrics)
                 if m in self.views.metrics]
        # An earlier figure is said with the figure that compares itself with it; on a chart
        # of bars, each bar in its order.
        bars = {x.id for x in shown} if chart.kind == "bars" else set()
        compared = {x.metric.compare_with for x in shown} - bars
        for x in shown:
            if x.id in compared:
                continue
            lines.append(self.claims.short(x) + self.cite(x.id))
            earlier = self.views.metrics.get(x.metric.compare_with or "")
            if earlier is not None and uncited(self.claims.short(x)).endswith(earlier.text):
                lines[-1] += self.cite(earlier.id)  # "… down to $853.7 million, from $1.12 bn"
            elif earlier is not None and earlier.id not in bars:
                lines.append(self.claims.short(earlier) + self.cite(earlier.id))
            elif x.previous and chart.kind == "comparison":  # its bar: the year before
                lines.append(escape(cap(self.t("headline.previous", value=x.previous.text,
                                                period=x.previous.period))) + self.cite(x.id))
        return lines

    def takeaways(self, area: str) -> list[str]:
        """The points beside a section's chart: about that chart's figures; without a chart, the
        section's first points."""
        charted_ids = [c.id for c in self.views.dataset.charts if c.area == area
                       and c.kind not in ("timeline", "series") and has_data(c, self.views)]
        lines = [line for c in dict.fromkeys(charted_ids) for line in self.chart_points(c)]
        # A chart of one figure leaves room: the section's first other points fill it, each
        # claim once (a point and a chart's line may differ only in their citations).
        said = {uncited(line) for line in lines}
        lines += [p for p in self.points(area) if uncited(p) not in said]
        return lines[:TAKEAWAYS]

    def points(self, area: str) -> list[str]:
        """Up to five short claims, for a section's slide when no chart stands beside them: key
        figures and high-level events first, then the other figures, events and facts; never
        an event within a high-level one (the talks of a visit: part of it), nor a long point with
        no figure but to make up three."""
        items = self.items(area)
        figures = sorted([*items.metrics, *self._within(items)], key=lambda x: not x.key)
        # An event within another (the talks of a visit) is not in `items`: told with it.
        events = sorted(items.events, key=lambda e: not e.high_level)
        lines = [self.claims.short(x) + self.cite(x.id) for x in figures if x.key]
        lines += [self._event_point(e) for e in events if e.high_level]
        lines += [self.claims.short(x) + self.cite(x.id) for x in figures if not x.key]
        lines += [self._event_point(e) for e in events if not e.high_level]
        facts = [escape(unstopped(f.text)) + self.cite(f.id)
                 for f in items.facts_of("assessment", "statement", "outlook", "position")]
        lines = [line for line in lines if len(line) <= TAKEAWAY_MAX + 40]
        lines += [line for line in facts if short_enough(line)]
        # The point the title says (the headline with its period) first, for the deck to leave
        # out where the slide is titled with it; then five others, a long point with no figure
        # only to make up three.
        title = self.headline(area)
        said = [line for line in lines if repeats(line, title)][:1]
        lines = [line for line in lines if line not in said]
        lines += [line for line in facts if not short_enough(line)
                  and len(line) <= TAKEAWAY_MAX + 40][:max(0, TAKEAWAYS - len(lines))]
        return said + lines[:POINTS]

    def _within(self, items: SectionItems) -> list[MetricView]:
        """The figures the section's events tell within them (of a visit's period), which its
        slide shows as points of their own."""
        return [self.views.metrics[m] for e in items.events
                for m in self.plan.figures.get(e.id, [])]

    def _event_point(self, e: EventView) -> str:
        """An event as a slide's point, a short claim: its title read by the catalog's shapes
        ("Pham Minh Chinh visits South Korea, 30 June – 3 July 2024"), else its short title
        with its period."""
        claim = self.titles.clause(e, "", kind="point")
        title = claim if claim else escape(e.short_title)
        return self.t("point.event", title=cap(title), period=escape(e.period)) + \
            self.cite(e.id)
