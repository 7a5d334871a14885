"""The deck's text: a metric as a short claim (`Claims`), and each slide's headline and points
(`DeckText`), for any dataset; where they are placed is pptx/plan.py's.
"""

from __future__ import annotations

from reportgen.report.charts import has_data
from reportgen.report.deck_events import EventClaims
from reportgen.report.deck_year import YearTitle
from reportgen.report.event_text import EventTitles
from reportgen.report.formatting import is_currency, significant_digits
from reportgen.report.markup import escape
from reportgen.report.metric_text import MetricTerms, MetricText
from reportgen.report.said import said as said_value
from reportgen.report.slides import once, repeats, short_enough
from reportgen.report.summary import Summary
from reportgen.report.views import MetricView
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
TITLE_DIGITS = 3  # significant digits of an amount in a title: "€55.5 billion", not "€55.474"
COUNTLESS = ("count", "rank", "ordinal", "multiplier", "percent")


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
            values["value"] = escape(said_value(self.fmt, x.value, "count",
                                                x.metric.qualifier))
            values["noun"] = escape(self.t(f"number.per.{x.metric.per}", amount=x.noun))
            if self._per_period(x):  # "three exercises a year", not "… a year in 2024"
                values["when"] = ""
        elif x.unit == "count" and x.noun and not x.metric.verb:
            # What is counted, where the label says it after the noun: "73 bridges planned on
            # the … railway line", not "73 bridges" with no referent.
            values["noun"] = escape(self.counted(x))
        rounded = self._rounded(x) if frames == "title" else None
        if rounded:  # a title rounds as a reader expects: "€55.5 billion", not "€55.474 billion"
            values["value"] = escape(rounded)
        if (x.metric.sentence and x.unit in ("rank", "ordinal", "multiplier")) or (
                x.unit == "rank" and x.metric.holder and x.metric.among):
            # "The UAE ranked third among India's trading partners in 2022–23"; a point
            # without the figures the briefing tells beside it
            if frames == "headline":
                return cap(unstopped(self.sentence(x, values)))
            return cap(unstopped(self.metrics.figure(x, chart=False).split("[^")[0].strip()))
        earlier = self._compared(x)
        if earlier is not None:
            return cap(self.t(f"{frames}.compared", **{**values, "direction": escape(self.t(
                "change.down" if x.value < earlier.value else "change.up"))},
                earlier=escape((self._rounded(earlier) if frames == "title" else None)
                               or self.terms.said(earlier))))  # as the briefing says it
        kind = self.kind(x)
        if kind == "figure" and frames == "headline" or x.unit == "multiplier" and x.status in (
                "planned", "expected", "scheduled") and not x.metric.sentence:
            # A point says what the figure is, as the briefing does ("The share of … was
            # 25.98% in 2024"), never "Share of arrivals at 25.98% in 2024"; a plan's multiple
            # never "Electricity links planned at double" (issue 21q).
            said = cap(unstopped(self.sentence(x, values) if kind == "figure" else
                                 self.metrics.figure(x, chart=False).split("[^")[0]))
            if len(said) <= (TAKEAWAY_MAX if frames == "headline" else HEADLINE_MAX):
                return said
        line = cap(self.t(f"{frames}.{kind}", **values))
        if kind.startswith("count") and x.status != "actual":  # "105 flights a week (planned)"
            line = self.t("headline.status", text=line, status=self.t(f"status.{x.status}"))
        return line

    def _rounded(self, x: MetricView) -> str | None:
        """A figure's amount to three significant digits, for a title ("€55.5 billion"); None
        for a count, rank, share, rate or range, or an amount with no more digits."""
        if x.value is None or x.unit in COUNTLESS or x.metric.per or x.alternatives \
                or significant_digits(x.value) <= TITLE_DIGITS:
            return None
        return self.fmt.qualified(self.fmt.amount(x.value, x.unit, TITLE_DIGITS, words=True),
                                  x.metric.qualifier)

    def sentence(self, x: MetricView, values: dict[str, str]) -> str:
        """A figure's own sentence as a point: its `sentence:` where it has one, else its frame
        alone, the period last ("Trade between A and B totalled €55.474 billion in 2023"),
        never with the figures the briefing tells beside it ("…, with … share of … of 23%")."""
        if x.metric.sentence:
            return self.metrics.figure(x, chart=False).split("[^")[0].strip()
        pattern = self.metrics.pattern(x)
        pattern = {"sentence.figure.context": "sentence.figure.plain",
                   "sentence.figure.context.level": "sentence.figure.level"}.get(pattern, pattern)
        return self.t(pattern, **values)

    def counted(self, x: MetricView) -> str:
        """The noun of a count with what its label says of it: the label where it opens with
        the noun or the noun's last word ("Nations taking part in …" for "participating
        nations"); else the noun. A language that puts the noun last never matches."""
        noun, label = (x.noun or "").strip(), x.label.strip()
        words = label.split()
        if not noun or len(words) <= len(noun.split()):
            return noun
        if label.lower().startswith(noun.lower() + " "):
            rest = words[len(noun.split()):]
        elif words[0].lower() == noun.split()[-1].lower():
            rest = words[1:]
        else:
            return noun
        # What follows says what they are ("planned on …", "taking part in …", "in Nakhchivan
        # given …"), not a clause of its own ("Migrants Türkiye hosts", "Buses the plant plans")
        stops = set(self.t.get("words.count_stops", "-").lower().split()) - {"-"}
        if not rest[0][:1].islower() or rest[0].lower() in stops or x.status != "actual":
            return noun
        return " ".join([noun, *rest])  # the noun as its field writes it ("Vietnamese …")

    def _per_period(self, x: MetricView) -> bool:
        """Whether a rate's period is the one its "a year" says (a rate of 2024 a year)."""
        period = x.metric.period
        return x.metric.per == "year" and period.start == period.end \
            and period.start.month is None

    def _compared(self, x: MetricView) -> MetricView | None:
        """The earlier figure a figure's claim says it moved from, where it has one."""
        return self.metrics.compared(x)

    def kind(self, x: MetricView) -> str:
        """The `headline.*`/`title.*` frame of a figure: a count of things done says what was
        done ("22 agreements signed"), not only how many ("22 agreements")."""
        return ("growth" if x.growth_only else
                "ordinal" if x.unit == "ordinal" else
                "figure_change" if x.change else
                self.metrics.status(x) if x.status != "actual" and not self._says_twice(x) else
                "count.done" if x.unit == "count" and x.noun and x.metric.verb else
                "count" if x.unit == "count" and x.noun else
                "multiplier" if x.unit == "multiplier" else "figure")

    def moved(self, x: MetricView) -> bool:
        """Whether a figure is a flow of money whose claim says how it moved: a change, or
        an earlier figure (as the section's paragraphs open with it, sections.py)."""
        return is_currency(x.unit) and not self.labelled(x) and (
            bool(x.change) or self._compared(x) is not None)

    def labelled(self, x: MetricView) -> bool:
        """Whether a figure's title is its label with its value ("AFD loan at €350 million"):
        no change, count, status, earlier figure or rank makes it a claim."""
        return self.kind(x) == "figure" and self._compared(x) is None and not (
            (x.metric.sentence and x.unit in ("rank", "ordinal", "multiplier"))
            or (x.unit == "rank" and x.metric.holder and x.metric.among))

    def chart(self, chart_id: str) -> list[str]:
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
            lines.append(self.short(x) + self.cite(x.id))
            earlier = self.views.metrics.get(x.metric.compare_with or "")
            if earlier is not None and uncited(self.short(x)).endswith(
                    (earlier.text, self.terms.said(earlier))):  # as given, or rounded
                lines[-1] += self.cite(earlier.id)  # "… down to $853.7 million, from $1.12 bn"
            elif earlier is not None and earlier.id not in bars:
                lines.append(self.short(earlier) + self.cite(earlier.id))
            elif x.previous and chart.kind == "comparison":  # its bar: the year before
                lines.append(escape(cap(self.t("headline.previous", value=x.previous.text,
                                                period=x.previous.period))) + self.cite(x.id))
        return lines

    def _says_twice(self, x: MetricView) -> bool:
        """Whether a status's headline would say its word twice ("Weekly flights planned
        planned at …")."""
        word = self.t(f"status.{x.status}").lower()
        return bool(word) and word in x.short_label.lower() and word in self.t.get(
            f"headline.{x.status}", "").lower()



class DeckText(YearTitle):
    """Each slide's headline and points: key metrics and high-level events first."""

    def __init__(self, words: Words, claims: Claims, summary: Summary,
                 titles: EventTitles) -> None:
        super().__init__(words)
        self.claims, self.summary, self.titles = claims, summary, titles
        self.events = EventClaims(words, claims, titles)

    def key_takeaways(self) -> list[str]:
        """The key figures of the whole briefing, as short lines (the summary's slide)."""
        keys = [x for x in self.views.metrics.values() if x.key]
        keys.sort(key=lambda x: x.change is None)
        return [self.claims.short(x) + self.cite(x.id) for x in keys][:TAKEAWAYS]

    def summary_points(self, sections: list[str]) -> list[str]:
        """The summary's points for a slide, three to five short claims, the most important
        first: its key figures, what came of the year's main event ("France recognised … on
        30 July 2024"), the figure each other section leads with ("Bilateral trade up 9.2% to
        $86.7 billion in 2024"), the year's other main events, then each section's next
        figures; each claim once, never a paragraph. What lies ahead is the outlook's, never
        the summary's: a section that only looks ahead gives it nothing."""
        sections = [s for s in sections if not self.looks_ahead(s)]
        lines = self.key_takeaways()
        high = self.events.weightiest([e for s in sections for e in self.items(s).events
                                       if e.high_level])
        events = [self.events.point(e) for e in high]
        labels = {self.events.label(e) for e in high}
        lines += [line for e, line in zip(high, events, strict=True)
                  if self.events.changed(e)][:1]
        # A constant (a border's length) is no news of the year: not on its slide.
        lines += [self.claims.short(x) + self.cite(x.id)
                  for x in self.summary.lead_figures(sections) if x.unit not in LEVEL_UNITS]
        lines += [line for line in events if line not in labels]
        lines += [self.claims.short(x) + self.cite(x.id) for x in self._next_figures(sections)
                  if x.unit not in LEVEL_UNITS]
        seen: dict[str, str] = {}
        for line in lines:
            seen.setdefault(uncited(line), line)
        return list(seen.values())[:POINTS]

    def _next_figures(self, sections: list[str]) -> list[MetricView]:
        """Each section's figures after the one it leads with (`Summary.lead`), the second of
        each section before any third."""
        ranked = [sorted((x for x in self.items(s).metrics if x.status == "actual"
                          and not x.metric.context
                          and x.unit not in ("rank", "ordinal", "multiplier")),
                         key=self.summary.lead)[1:] for s in sections]
        return [r[n] for n in range(max(map(len, ranked), default=0))
                for r in ranked if n < len(r)]

    def headline(self, area: str) -> str:
        """The main point of a section as a headline, for its slide title: a key figure with its
        change, a key figure, a flow that moved, the main high-level event with what came of it
        (the toll of a happening no one took part in: "At least 43 people killed in border
        clashes"; what it changed; who did what), an assessment; only then the rest. What lies ahead
        (a target, an outlook fact) titles only a section that looks ahead: never the main
        point of a section of the year's events. A headline carries no date ("Trade up 12.5% to
        €830 million"): the points under it give the periods."""
        items = self.items(area)
        keys = [x for x in items.metrics if x.key and x.status == "actual"]
        high = self.events.weightiest([e for e in items.events if e.high_level], items)
        ahead = [self.claims.title(x) for x in items.metrics if x.status != "actual"]
        candidates = [self.claims.title(x) for x in keys]
        if self.looks_ahead(area):  # what lies ahead is the point of a section that looks ahead
            candidates += [*ahead, *(unstopped(f.text) for f in items.facts_of("outlook"))]
        # A flow that moved ("Bilateral trade down to $1.5 billion, from $1.8 billion"), then
        # what the section's main event cost, changed, who did what and the count it gave,
        # then what the other events gave; an event that gave no claim by its name ("Opening of
        # the … centres"), never by a count that is no thing done ("Up to 400 migrants").
        candidates += [self.claims.title(x) for x in items.metrics if not x.key
                       and x.status == "actual" and self.claims.moved(x)]
        # The section's main event as the summary weighs it (its people, outcomes, figures and
        # what is said of it), then the weightiest by what it changed.
        main = [self.summary.main_event(high)] if high else []
        candidates += self.events.main_claims(
            [*main, *(e for e in high if e not in main)], items)
        candidates += self.events.claims_of(high, items)
        candidates += [self.t("title.event", title=e.short_title) for e in high]
        candidates += [unstopped(f.text) for f in items.facts_of("assessment")]
        # A claim before a label with its value ("AFD phosphate loan at €350 million"), which
        # comes only where nothing else is said; an event's short title ("Mercosur summit")
        # last of all.
        others = [x for x in items.metrics if x not in keys and x.status == "actual"]
        candidates += [self.claims.title(x) for x in others if not self.claims.labelled(x)]
        candidates += ahead
        candidates += [self.events.claim(e) for e in items.events if e not in high]
        candidates += [unstopped(f.text) for f in items.facts_of("statement", "position")]
        candidates += [self.claims.title(x) for x in others if self.claims.labelled(x)]
        candidates += [self.t("title.event", title=e.short_title) for e in items.events]
        fitting = [c for c in candidates if c and len(c) <= HEADLINE_MAX]
        return escape(cap(fitting[0])) if fitting else ""

    def chart_points(self, chart_id: str) -> list[str]:
        """The points beside one chart (`Claims.chart`)."""
        return self.claims.chart(chart_id)

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
        told = {e.id: self.events.point(e) for e in events}
        # An event no shape reads is a label ("Mercosur summit, December 2024"), no claim: never
        # a point (the timeline and the notes name it).
        labels = {self.events.label(e) for e in events}
        lines = [self.claims.short(x) + self.cite(x.id) for x in figures if x.key]
        lines += [told[e.id] for e in events if e.high_level and told[e.id] not in labels]
        clauses, outcomes = self.events.outcomes([e for e in events if e.high_level], told)
        lines += clauses
        lines += [self.claims.short(x) + self.cite(x.id) for x in figures if not x.key]
        lines += [told[e.id] for e in events if not e.high_level and told[e.id] not in labels]
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
        # The event whose title says who did what ("The President of France visits Morocco")
        # comes back, with its dates, only to make up three.
        named = [told[e.id] for e in events if escape(self.events.claim(e)) == title]
        if named and len(lines) > TAKEAWAYS:
            lines = [line for line in lines if line not in named]
        lines += [line for line in facts if not short_enough(line)
                  and len(line) <= TAKEAWAY_MAX + 40][:max(0, TAKEAWAYS - len(lines))]
        lines += outcomes[:max(0, TAKEAWAYS - len(lines))]
        return said + lines[:POINTS]

    def _within(self, items: SectionItems) -> list[MetricView]:
        """The figures the section's events tell within them (of a visit's period), which its
        slide shows as points of their own."""
        return [self.views.metrics[m] for e in items.events
                for m in self.plan.figures.get(e.id, [])]
