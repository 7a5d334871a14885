"""A section's body as paragraphs: the most important first, every item once, a paragraph of
one sentence joined to its neighbour, and each chart referred to from the paragraph it
illustrates.
"""

from __future__ import annotations

import datetime as dt

from reportgen.report import about, happenings
from reportgen.report.ahead import Ahead
from reportgen.report.charts import has_data
from reportgen.report.event_text import EventText
from reportgen.report.fact_text import FactText
from reportgen.report.formatting import is_currency
from reportgen.report.markup import escape
from reportgen.report.metric_text import MetricText
from reportgen.report.once import Said, briefly, cited, refer, refer_in
from reportgen.report.together import Together
from reportgen.report.views import EventView, FactView, MetricView
from reportgen.report.wording import LEVEL_UNITS, SectionItems, Wording, Words, sentence_count

DURATIONS = frozenset({"years", "months", "weeks", "days", "hours", "year", "month", "week",
                       "day", "hour"})


class Paragraphs(Wording):
    """A section's paragraphs, from its metrics, events and facts told by their own kinds."""

    def __init__(self, words: Words, metrics: MetricText, events: EventText,
                 facts: FactText) -> None:
        super().__init__(words)
        self.metrics, self.events, self.facts = metrics, events, facts
        self.said = Said()  # what the briefing has said, not to say again (once.py)
        self.ahead = Ahead(words)  # the outlook's sentences complete (ahead.py)

    def paragraphs(self, area: str) -> list[str]:
        """A section's body in the order an analyst tells it: the key figure, or where the
        section has none the main high-level event, opens it, and the assessments follow what
        they assess; a section its events lead opens with its background (a standing figure
        such as a border's length, an assessment its events' sources give of no event in
        particular) and tells its events, and the facts dated by the month their text names,
        in time order; a section its figures lead opens with its headline figure (of a year
        or several months before one of a month), then tells its events among the later
        figures in time order (a closure before the fall it caused). Then the other figures,
        statements, positions and the outlook, and the quotes; every item once. A paragraph
        of one sentence joins its neighbour, and a chart is referred to from the paragraph
        it illustrates."""
        items = self.items(area)
        # Events in the order they happened (of one day, as listed); those dated by the year
        # alone, over it, after them.
        events = sorted(items.events, key=lambda e: (
            e.event.period.start.month is None, happenings.days(e.event.period)[0]))
        # A key figure, else a flow of money that moved (told with its change or earlier
        # figure), opens the section before its events: trade before a business forum; of
        # those, one over a year or several months before one of a single month.
        metrics = sorted(items.metrics, key=lambda x: (
            not (x.key or self._moved(x)), not x.key and self._monthly(x)))
        key = bool(metrics) and (metrics[0].key or self._moved(metrics[0]))
        # A statement, assessment or position about an event follows it (about.py).
        linked = about.events_of(items.facts_of(*about.KINDS), events, self.views)
        led = any(e.high_level for e in events) and not key  # the events lead
        months = self._months(items, linked, events) if led else {}
        background = self._background(items, linked, months) if led else []
        told = [self._event_block(e, [f for f in items.facts if linked.get(f.id) == e.id
                                      and f.id not in months and f not in background])
                for e in events]
        assessed = [f for f in items.facts_of("assessment")
                    if f.id not in linked and f.id not in months]
        figures = Together(self.metrics).sentences(metrics)  # figures of one kind together
        if led:
            blocks = self._events_lead(events, told, figures, assessed, background,
                                       [(d, f) for f in items.facts if (d := months.get(f.id))])
        else:
            blocks = self._figures_lead(figures, assessed, events, told)
        told_ids = set(months) | {f.id for f in background}
        for kinds in (("statement", "position"), ("outlook",)):
            said = self._said([f for f in items.facts_of(*kinds)
                               if f.id not in linked and f.id not in told_ids])
            blocks += [("facts", said[i:i + 3]) for i in range(0, len(said), 3)]
        blocks += [("quote", [self.facts.fact(f)]) for f in items.facts_of("quote")]
        blocks = self.merged(blocks)
        self.charts(area, blocks)
        return self.once([self.join(parts) for _, parts in blocks])

    def _events_lead(self, events: list[EventView], told: list[tuple[str, list[str]]],
                     figures: list[str], assessed: list[FactView], background: list[FactView],
                     dated_facts: list[tuple[dt.date, FactView]]) -> list[tuple[str, list[str]]]:
        """A section its high-level events lead: its background first (standing figures, then
        the assessments of no event in particular), then its events, the figures of a day and
        the facts its text dates by a month in the order they happened (a figure or fact never
        before the first event, unless it is earlier: the May escalation before the July
        clashes), then the rest of its figures."""
        standing = [s for s in figures if self._standing(s)]
        blocks: list[tuple[str, list[str]]] = []
        if standing or background:
            blocks.append(("figures", [*standing, *self._said(background)]))
        # A figure of a day among the events, in the order they happened (a demand made on the
        # day of a visit after that visit, not after a later one); never before the first
        # event, which opens the section.
        dated = {s: d for s in figures if (d := self._dated(s)) is not None}
        order = [((happenings.days(e.event.period)[0], 0), b) for e, b in zip(
            events, told, strict=True) if e.event.period.start.month is not None]
        first = min((k for k, _ in order), default=(dt.date.min, 0))
        order += [(max((d, 1), first), ("events", [s])) for s, d in dated.items()]
        # A fact its text dates by a month, at the start of that month (before an event of
        # that month told by the day: the event is what the month's story leads to).
        order += [((d, -1), ("events", self._said([f]))) for d, f in dated_facts]
        events_at = [b for _, b in sorted(order, key=lambda x: x[0])]
        events_at += [b for e, b in zip(events, told, strict=True)
                      if e.event.period.start.month is None]
        if events_at:
            events_at[0][1].extend(self.facts.fact(f) for f in assessed)
        blocks += events_at
        return blocks + self._figure_blocks(
            [s for s in figures if s not in dated and s not in standing])

    def _figures_lead(self, figures: list[str], assessed: list[FactView],
                      events: list[EventView], told: list[tuple[str, list[str]]]
                      ) -> list[tuple[str, list[str]]]:
        """A section its figures lead: the headline figure (its assessments join it), then
        the others in threes; an event later than the headline figure's start is told before
        the first figure that comes after it (a border closure before the trade it cut), the
        others after the figures."""
        lead = self._start([figures[0]]) if figures else None
        runs: list[list[str]] = [[]]  # the figures after the lead, cut where an event comes
        placed: dict[int, list[tuple[str, list[str]]]] = {}
        after: list[tuple[str, list[str]]] = []
        rest = figures[1:]
        starts = [self._start([s]) for s in rest]
        for e, block in zip(events, told, strict=True):
            day = happenings.days(e.event.period)[0]
            later = next((i for i, s in enumerate(starts) if s is not None and s > day), None)
            if e.event.period.start.month is None or lead is None or lead > day \
                    or later is None:
                after.append(block)
            else:
                placed.setdefault(later, []).append(block)
        blocks = self._figure_blocks(figures[:1])
        said = [self.facts.fact(f) for f in assessed]
        if blocks:
            blocks[0][1].extend(said)
        elif said:
            blocks.append(("figures", said))
        for i, sentence in enumerate(rest):
            if i in placed:
                blocks += [*self._figure_blocks(["", *runs[-1]])[1:], *placed[i]]
                runs.append([])
            runs[-1].append(sentence)
        blocks += self._figure_blocks(["", *runs[-1]])[1:]
        return blocks + after

    def _start(self, parts: list[str]) -> dt.date | None:
        """The first day of the earliest figure a paragraph's sentences cite, or None."""
        days = [happenings.days(self.views.metrics[i].metric.period)[0]
                for s in parts for i in cited(s) if i in self.views.metrics]
        return min(days, default=None)

    @staticmethod
    def _monthly(x: MetricView) -> bool:
        """Whether a figure is of a single month (October's exports), which a figure of a
        year or of several months comes before."""
        p = x.metric.period
        return p.single and p.start.month is not None

    def _standing(self, sentence: str) -> bool:
        """Whether a sentence of figures tells only standing facts: a length or a capacity that
        did not move (a border's length), the background a section opens with; never a term
        (an action plan's three years belong with the plan)."""
        shown = [self.views.metrics[i] for i in cited(sentence) if i in self.views.metrics]
        return bool(shown) and all(x.unit in LEVEL_UNITS - DURATIONS and x.change is None
                                   and not x.growth_only and x.status == "actual"
                                   for x in shown)

    def _months(self, items: SectionItems, linked: dict[str, str],
                events: list[EventView]) -> dict[str, dt.date]:
        """The facts told at the month their text names (about.month_named), each fact id →
        the month's first day: a statement or assessment tied to no event, or to one later
        than that month (a suspension in November before the December fighting whose source
        reports it)."""
        ds = self.views.dataset
        starts = {e.id: happenings.days(e.event.period)[0] for e in events}
        out = {}
        for f in items.facts_of("statement", "assessment"):
            day = about.month_named(self.views.resolve(f.fact.text), ds.briefing.year,
                                    ds.briefing.language)
            if day is not None and (f.id not in linked or day < starts[linked[f.id]].replace(
                    day=1)):
                out[f.id] = day
        return out

    def _background(self, items: SectionItems, linked: dict[str, str],
                    months: dict[str, dt.date]) -> list[FactView]:
        """The assessments a section opens with: dated by no month, and tied to an event by
        a shared source alone (about.by_source), not the first event (what follows that
        one assesses it)."""
        events = {e.id: e for e in items.events}
        first = min(items.events, key=lambda e: happenings.days(e.event.period)[0]).id \
            if items.events else ""
        return [f for f in items.facts_of("assessment") if f.id not in months
                and f.id in linked and linked[f.id] != first
                and about.by_source(f, events[linked[f.id]], self.views)]

    def _moved(self, x: MetricView) -> bool:
        """Whether a figure is a flow of money told with how it moved (trade, investment): its
        change, or the earlier figure it compares itself with."""
        return x.status == "actual" and is_currency(x.unit) and (
            x.change is not None or x.growth_only or self.metrics.compared(x) is not None)

    def _dated(self, sentence: str) -> dt.date | None:
        """The day a sentence of figures falls on, where each figure it cites is of one day
        (a level as of a month is no happening: it stays with the figures)."""
        periods = [self.views.metrics[i].metric.period for i in cited(sentence)
                   if i in self.views.metrics]
        if not periods or not all(p.single and happenings.by_day(p) for p in periods):
            return None
        return min(happenings.days(p)[0] for p in periods)

    @staticmethod
    def _figure_blocks(figures: list[str]) -> list[tuple[str, list[str]]]:
        """The section's figures as paragraphs: the lead figure alone (its assessments join
        it), the others in threes."""
        return ([("figures", figures[:1])] if figures else []) + [
            ("figures", figures[i:i + 3]) for i in range(1, len(figures), 3)]

    def charts(self, area: str, blocks: list[tuple[str, list[str]]]) -> None:
        """A reference to each chart not referred to yet, at the end of the first sentence
        that cites what it shows (the timeline: a high-level event), else of the paragraph it
        illustrates; never a sentence of its own (report/once.py)."""
        for c in self.views.dataset.charts:
            if c.area != area or c.id in self.metrics.referred or not has_data(c, self.views):
                continue
            kind = "events" if c.kind == "timeline" else "figures"
            home = ([parts for k, parts in blocks if k == kind]
                    or [parts for k, parts in blocks if k != "quote"])
            if not home:
                blocks.append(("figures", [self._chart_sentence(c.id, c.title)]))
                continue
            self.metrics.referred.add(c.id)
            ref = self.see(c.id)
            shown = c.metrics or [e.id for e in self.views.events if e.high_level]
            if not any(refer_in(parts, ref, shown, self._after) for parts in home):
                home[-1][-1] = refer(home[-1][-1], ref, self._after)

    def _after(self, words: str, ref: str) -> str:
        """A chart reference after a sentence's words, as the language joins them."""
        return self.join([words, ref])

    def once(self, paragraphs: list[str]) -> list[str]:
        """Paragraphs with nothing the briefing has said already (one left with a sentence
        joins its neighbour), a long name said in full once (report/once.py)."""
        fresh = self.said.fresh(paragraphs, self._after)
        if fresh != paragraphs:
            fresh = [self.join(parts) for _, parts in self.merged(
                [("quote" if p.startswith(">") else "text", [p]) for p in fresh])]
        return briefly(fresh, self.views.names.values(), self.t.get("words.name_head", "-"),
                       self.t.get("words.name_modifier", "-"))

    @staticmethod
    def merged(blocks: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
        """Paragraphs with no sentence left alone: a paragraph of one sentence joins the one
        before it (or a lone one before takes the next), short of eight sentences; quotes stand
        apart."""
        out: list[tuple[str, list[str]]] = []
        for kind, parts in blocks:
            if kind != "quote" and out and out[-1][0] != "quote":
                before, now = sentence_count(out[-1][1]), sentence_count(parts)
                if min(before, now) == 1 and before + now <= 8:
                    out[-1] = (out[-1][0], out[-1][1] + parts)
                    continue
            out.append((kind, list(parts)))
        return out

    def _event_block(self, e: EventView, facts: list[FactView]) -> tuple[str, list[str]]:
        """An event's sentences, then what the section's facts say about it (about.py): what
        it was or did first, then how it is judged, then what its people said."""
        facts = sorted(facts, key=lambda f: about.KINDS.index(f.kind))
        return ("events", [self.events.event(e), *self._said(facts)])

    def _said(self, facts: list[FactView]) -> list[str]:
        """Facts as sentences, in threes to a paragraph; a speaker's second in a row "added"."""
        out = []
        facts = [self.ahead.complete(f) for f in facts]  # the outlook's sentences complete
        for i, f in enumerate(facts):
            again = i % 3 > 0 and f.speaker is not None and facts[i - 1].speaker == f.speaker
            out.append(self.facts.fact(f, again=again))
        return out

    def _chart_sentence(self, chart_id: str, title: str) -> str:
        self.metrics.referred.add(chart_id)
        kind = next(c.kind for c in self.views.dataset.charts if c.id == chart_id)
        key = "sentence.chart.timeline" if kind == "timeline" else "sentence.chart"
        return self.stop(self.join([self.t(key, title=escape(self.views.resolve(title))),
                                    self.see(chart_id)]))
