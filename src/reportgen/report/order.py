"""The order a section's paragraphs follow (issue 21o), as an analyst tells a year: a section
its events lead opens with its background and tells its events, and the facts its text dates by
a month, in time order; a section its figures lead opens with its headline figure and tells an
event between the figures before and after it. `Paragraphs` (sections.py) decides which kind a
section is and gathers what it says; what is said once, and the charts, stay there.
"""

from __future__ import annotations

import datetime as dt

from reportgen.report import about, happenings
from reportgen.report.ahead import Ahead
from reportgen.report.fact_text import FactText
from reportgen.report.once import cited
from reportgen.report.views import EventView, FactView, MetricView
from reportgen.report.wording import DURATION_UNITS, LEVEL_UNITS, SectionItems, Wording


class Order(Wording):
    """A section's blocks in the order they are told (see the module's docstring)."""

    facts: FactText
    ahead: Ahead

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
        # A figure of a month, after the first event of that month it follows from (the
        # counter-blockade of February after February's strike); in a month of no event, with
        # the other figures.
        for s in figures:
            month = self._month_of(s)
            if s in dated or s in standing or month is None:
                continue
            day = min((k for k, _ in order if k[1] == 0 and (k[0].year, k[0].month) == month),
                      default=None)
            if day is not None:
                order.append(((day[0], 1), ("events", [s])))
                dated[s] = day[0]
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
        (an action plan's three years belong with the plan), nor a length of one day (a
        queue at a checkpoint during a blockade: told on its day, among the events)."""
        shown = [self.views.metrics[i] for i in cited(sentence) if i in self.views.metrics]
        return bool(shown) and all(self._fixed(x) and not (
            x.metric.period.single and happenings.by_day(x.metric.period)) for x in shown)

    def _month_of(self, sentence: str) -> tuple[int, int] | None:
        """The one month a sentence of figures is of, where each figure it cites is of that
        month alone (not of a day: `_dated`), else None."""
        periods = [self.views.metrics[i].metric.period for i in cited(sentence)
                   if i in self.views.metrics]
        if not periods or not all(p.single and p.start.month is not None
                                  and p.start.day is None for p in periods):
            return None
        months = {(p.start.year, p.start.month or 0) for p in periods}
        return months.pop() if len(months) == 1 else None

    @staticmethod
    def _fixed(x: MetricView) -> bool:
        """A length or capacity that did not move: a standing fact."""
        return x.unit in LEVEL_UNITS - DURATION_UNITS and x.change is None and not x.growth_only \
            and x.status == "actual"

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
            text = self.views.resolve(f.fact.text)  # in the edition's language, else the data's
            day = about.month_named(text, ds.briefing.year, self.fmt.date_locale) or \
                about.month_named(text, ds.briefing.year, ds.briefing.language)
            if day is not None and (f.id not in linked or day < starts[linked[f.id]].replace(
                    day=1)):
                out[f.id] = day
        return out

    def _background(self, items: SectionItems, linked: dict[str, str],
                    months: dict[str, dt.date]) -> list[FactView]:
        """The assessments a section with a standing figure (a border's length) opens with,
        beside it: dated by no month, and tied to an event by a shared source alone
        (about.by_source), not the first event (what follows that one assesses it). Elsewhere
        an assessment stays with the event it is tied to: a judgement of a summit is no
        background."""
        events = {e.id: e for e in items.events}
        first = min(items.events, key=lambda e: happenings.days(e.event.period)[0]).id \
            if items.events else ""
        if not any(self._fixed(x) for x in items.metrics):  # only beside a standing figure
            return []
        return [f for f in items.facts_of("assessment") if f.id not in months
                and f.id in linked and linked[f.id] != first
                and about.by_source(f, events[linked[f.id]], self.views)]

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

    def _said(self, facts: list[FactView]) -> list[str]:
        """Facts as sentences, in threes to a paragraph; a speaker's second in a row "added"."""
        out = []
        facts = [self.ahead.complete(f) for f in facts]  # the outlook's sentences complete
        for i, f in enumerate(facts):
            again = i % 3 > 0 and f.speaker is not None and facts[i - 1].speaker == f.speaker
            out.append(self.facts.fact(f, again=again))
        return out

