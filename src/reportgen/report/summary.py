"""The executive summary: the year's main high-level event in one sentence, its own items, the
lead metric of each other section briefly, the quotes; and the occasion the briefing draws on.
"""

from __future__ import annotations

from reportgen.report import about, happenings
from reportgen.report.event_text import EventText, EventTitles
from reportgen.report.fact_text import FactText
from reportgen.report.leads import (
    headline_figures,
    moves,
    same_measure,
    titled,
    turns,
    whole_of,
    wholes,
)
from reportgen.report.markup import escape
from reportgen.report.metric_text import MetricTerms, MetricText
from reportgen.report.sections import Paragraphs
from reportgen.report.views import EventView, MetricView
from reportgen.report.wording import LEVEL_UNITS, Wording, Words, cap, names_in


class Summary(Wording):
    """The summary's paragraphs and the lead metric of each section."""

    def __init__(self, words: Words, terms: MetricTerms, metrics: MetricText,
                 titles: EventTitles, events: EventText, facts: FactText,
                 paragraphs: Paragraphs) -> None:
        super().__init__(words)
        self.terms, self.metrics, self.titles = terms, metrics, titles
        self.events, self.facts, self.paragraphs = events, facts, paragraphs
        self.briefly: list[tuple[str, list[str]]] = []  # the summary's figures: (clause, ids)

    def _brief(self, x: MetricView, first: bool, same: bool = False) -> str:
        """A figure as a clause of the summary, in the frame its section tells it with (a count
        done or that exists, a level that "was", a sum that "came to"), or with its change:
        "bilateral trade rose 12.5% to €830 million in January–October 2031"; the section gives
        it in full, with its sources and chart."""
        values = self.terms.values(x)
        if not first:
            values["subject"] = escape(self.lower(self.terms.subject(x)))
            values["when_cap"] = values["when"]  # "…, and in June 2024, there were …"
            values["mid"] = "yes"  # a clause of its figure opens lower-case (figure_clauses)
        if same:  # the measure the clause before names: "…, and fell 99.9% in August"
            values["subject"] = ""
        earlier = self.metrics.compared(x)
        if earlier is not None:  # "fell to $853.7 million in 2031, from $1.12 billion in 2030"
            return self.metrics.moved_from(x, earlier, values, escape(self.when(
                earlier.period, earlier.metric.period)))
        if x.change and not x.growth_only:
            return self.t("summary.figure_change", **values)
        pattern = self.metrics.pattern(x)
        self.metrics.per_count(x, pattern, values)
        return self.metrics.told(x, pattern, values)  # as its section tells it (issue 21l)

    @staticmethod
    def lead(x: MetricView) -> tuple[bool, bool, bool, bool]:
        """How a section's figure ranks for the summary, as the deck's title picks its main
        point: a key figure with its change, a key figure, a flow with a change; of these, one
        of a year or several months before one of a single month (never one month's figure
        where the year's is given); a figure of a single day (a count on the day of a visit)
        last."""
        p = x.metric.period
        day = p.start.day is not None
        return (not x.key, x.change is None and not x.growth_only,
                p.single and p.start.month is not None, day)

    def summary(self, sections: list[str]) -> list[str]:
        """The executive summary: the year's main high-level event in one sentence, then the
        summary's own items (what is said of it), the headline figure of each other section
        briefly, then the quotes; a chart's reference closes the paragraph of figures it
        shows."""
        v = self.views
        own = self.items("summary")
        # The year's main event opens the summary, before any assessment of it ("The state
        # visit marked …" only after the visit is told); a source's opinion ("The … Post
        # judged the year …") follows the headline figures (about.py).
        said = [f for f in own.facts if f.kind != "quote"]
        opinions = [f for f in said if about.names_source(f, v)]
        blocks: list[tuple[str, list[str]]] = []
        blocks.append(("facts", [self.facts.fact(f) for f in said if f not in opinions]
                       + [self.metrics.figure(x) for x in own.metrics]))
        blocks += [("events", [self.events.event(e)]) for e in own.events]
        heads = turns(self.headlines(sections), list(self.views.metrics.values()))
        blocks.append(("figures", self._leads(heads)))
        high = [e for e in v.events if e.high_level and e.area != "summary"]
        if high:  # the year's main event opens: what the assessments after it refer to
            blocks.insert(0, ("events", [self._high_level(high)]))
        blocks.append(("facts", [self.facts.fact(f) for f in opinions]))
        blocks += [("quote", [self.facts.fact(f)]) for f in own.facts if f.kind == "quote"]
        blocks = self.paragraphs.merged([(kind, parts) for kind, parts in blocks if parts])
        self.paragraphs.charts("summary", blocks)
        paragraphs = self.paragraphs.once([self.join(parts) for _, parts in blocks])
        for clause, cited in self.briefly:  # a section that says only one says it again
            self.paragraphs.said.clause(clause, cited)
        return paragraphs

    def _leads(self, leads: list[MetricView]) -> list[str]:
        """The headline figures (leads.py), two to a sentence: "bilateral trade rose 15% to
        nearly $4 billion …, and …"."""
        out = []
        for i in range(0, len(leads), 2):
            pair = leads[i:i + 2]
            clauses = [self._brief(x, first=j == 0, same=j > 0 and same_measure(pair[0], x))
                       for j, x in enumerate(pair)]
            clauses = [" ".join(c.split()) for c in clauses]
            # Each cited with the sources that give it hedged otherwise, as its section does.
            ids = [[x.id, *(a.id for a in x.alternatives)] for x in pair]
            self.briefly += list(zip(clauses, ids, strict=True))
            text = clauses[0] if len(clauses) == 1 else self.t(
                "summary.and", first=clauses[0], second=clauses[1])
            out.append(self.stop(cap(text)) + self.cite(*(i for own in ids for i in own)))
        return out

    def headlines(self, sections: list[str]) -> list[MetricView]:
        """The figures the summary states (leads.headline_figures), which the deck's summary
        slide says too: a whole that leads in place of its part is one."""
        leads = [lead for s in sections if (lead := self._lead_of(s)) is not None]
        return headline_figures([x for x, _ in leads], self._main_figures(),
                                [x.id for x, whole in leads if whole])

    def lead_figures(self, sections: list[str]) -> list[MetricView]:
        """The figure each section leads with in the summary (`_lead_of`)."""
        return [lead[0] for s in sections if (lead := self._lead_of(s)) is not None]

    def _lead_of(self, section: str) -> tuple[MetricView, bool] | None:
        """The figure a section leads with in the summary, as `lead` ranks them, or the whole
        that holds it (leads.whole_of: the trips both ways, not one direction's; the six
        months' fall, not one month's, even given for context where it ends in the briefing's
        year), and whether it is that whole; None for a section with no such figure."""
        metrics = self.items(section).metrics
        whole = wholes(metrics)
        year = self.views.dataset.briefing.year
        # Never a constant: a length or a term that did not move ("the land border is more
        # than 1,200 km") is no headline of the year.
        actual = [x for x in metrics if x.status == "actual" and (
            not x.metric.context or x.id in whole and x.metric.period.end.year == year)
                  and x.unit not in ("rank", "ordinal", "multiplier")
                  and (x.unit not in LEVEL_UNITS or moves(x))]
        if not actual:
            return None
        best = min(actual, key=self.lead)  # the first of the best: stable
        top = best if best.key else whole_of(best, actual)
        return top, top is not best

    def _high_level(self, high: list[EventView]) -> str:
        """The year's main event as a sentence, briefly: the weightiest high-level event that
        was no part of another (of equal weight, the first), dated by its months ("A paid an
        official visit to C in June–July 2024"); its section tells it in full, by the day."""
        main = self.main_event(high)
        period = happenings.month_period(main.event.period)
        when = escape(self.when(self.fmt.period(period), period))
        said = self.titles.predicate(main)
        clause = ""
        if said is not None:  # its people by office and name: "President Emmanuel Macron"
            people = [(p, self.titles.role(p) or "") for p in main.participants]
            who = titled(said[0], people, self.t, self.t("subject.the", label="").strip())
            clause = self.titles.say("clause", escape(who) if who != said[0] else who,
                                     said[1], when)
        # The section says the same clause where the event has no one else to name and no
        # day to give: the summary then names the event instead.
        told = not happenings.by_day(main.event.period) and not any(
            not names_in(main.title, p) for p in main.participants)
        past = None if clause else happenings.past_headline(self.t, main.title)
        if past:  # a headline told as what happened ("Peru declared …")
            clause = self.t("sentence.event.headline", text=escape(past), when=when)
        if not clause or told:
            clause = self.t("sentence.summary.main_event",
                            title=escape(self.titles.title(main.title)), when=when)
        return self.stop(cap(clause)) + self.cite(main.id)

    def main_event(self, high: list[EventView]) -> EventView:
        """The year's (or a section's) main event: the weightiest high-level event that was no
        part of another (of equal weight, the first)."""
        top = [e for e in high if e.id not in self.plan.parent]
        facts = list(self.views.facts.values())
        return sorted(top or high, key=lambda e: -happenings.focus(e, self.views)
                      - about.weight(e, facts, self.views))[0]

    def _main_figures(self) -> list[MetricView]:
        """The figures of the year's main event: its own, and those of its days (in any
        section)."""
        high = [e for e in self.views.events if e.high_level and e.area != "summary"]
        if not high:
            return []
        main = self.main_event(high)
        ids = [*main.metrics, *self.plan.figures.get(main.id, [])]
        if happenings.by_day(main.event.period):
            ids += [x.id for x in self.views.metrics.values() if happenings.by_day(
                x.metric.period) and happenings.within(x.metric.period, main.event.period)]
        return [self.views.metrics[m] for m in ids if m in self.views.metrics]

    def occasion(self) -> str:
        """What the briefing draws on: the occasion the sources report, where there is one."""
        ds, t, fmt = self.views.dataset, self.t, self.fmt
        occasion = ds.briefing.occasion
        if occasion is None:
            return ""
        host = next(p for p in ds.people if p.id == occasion.speaker)
        venue = (t("sentence.summary.venue", venue=escape(self.views.names[occasion.venue]))
                 if occasion.venue else "")
        # A weekday reads with a day ("on Friday 20 December 2030") or a month ("on a Thursday
        # in December 2031"), never as "on a Friday in December 20, 2030".
        day = occasion.period.single and occasion.period.start.day is not None
        period = fmt.period(occasion.period)
        when = t("when.on" if day else "when.in", period=period)
        if occasion.weekday:
            when = t("sentence.summary.weekday_day" if day else "sentence.summary.weekday",
                     weekday=fmt.weekday(occasion.weekday), period=period)
        values = {"a": escape(self.a.name), "b": escape(self.b.name),
                  "year": str(ds.briefing.year), "occasion": escape(occasion.name),
                  "speaker": escape(host.name), "role": escape(host.role), "venue": venue,
                  "when": escape(when)}
        self.words.mentioned.update(p.name for p in ds.people
                              if p.id in (occasion.speaker, *occasion.speakers))
        if occasion.speakers:  # several speakers, each with the office the sources give
            people = [host, *(p for i in occasion.speakers for p in ds.people if p.id == i)]
            values["speakers"] = escape(fmt.names([t("sentence.summary.speaker", speaker=p.name,
                                                      role=p.role) for p in people]))
            return t("sentence.summary.occasion_many", **values) + self.cite("occasion")
        return t("sentence.summary.occasion", **values) + self.cite("occasion")
