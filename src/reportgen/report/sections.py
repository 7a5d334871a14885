"""A section's body as paragraphs: the most important first, every item once, a paragraph of
one sentence joined to its neighbour, and each chart referred to from the paragraph it
illustrates.
"""

from __future__ import annotations

from reportgen.report import about, happenings
from reportgen.report.ahead import Ahead
from reportgen.report.charts import has_data
from reportgen.report.event_text import EventText
from reportgen.report.fact_text import FactText
from reportgen.report.formatting import is_currency
from reportgen.report.leads import whole_first, whole_of
from reportgen.report.markup import escape
from reportgen.report.metric_text import MetricText
from reportgen.report.once import Said, briefly, refer, refer_in
from reportgen.report.order import Order
from reportgen.report.together import Together
from reportgen.report.views import EventView, FactView, MetricView
from reportgen.report.wording import Words, sentence_count


class Paragraphs(Order):
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
        metrics = sorted(items.metrics, key=lambda x: not (x.key or self._moved(x)))
        lead = next((x for x in metrics if x.key or (self._moved(x) and not self._monthly(x))),
                    None)  # of the leads, a longer period's first
        # Else the whole of the section's other figures (leads.wholes): the trips both ways
        # before each direction's.
        whole = whole_of(metrics[0], metrics) if lead is None and metrics else None
        if whole is not None and whole is not metrics[0]:
            lead = whole
        if lead is not None and not metrics[0].key:
            metrics = [lead, *(x for x in metrics if x is not lead)]
        metrics = metrics[:1] + whole_first(metrics[1:])  # a whole before its parts
        key = bool(metrics) and (metrics[0].key or self._moved(metrics[0])
                                 or metrics[0] is lead is whole)
        # A statement, assessment or position about an event follows it (about.py).
        linked = about.events_of(items.facts_of(*about.KINDS), events, self.views)
        led = any(e.high_level for e in events) and not key  # the events lead
        if led:  # a fact told among the events never before one it refers back to
            linked |= about.referred(items.facts_of(*about.KINDS), events, self.views, linked)
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

    def _moved(self, x: MetricView) -> bool:
        """Whether a figure is a flow of money told with how it moved (trade, investment): its
        change, or the earlier figure it compares itself with."""
        return x.status == "actual" and is_currency(x.unit) and (
            x.change is not None or x.growth_only or self.metrics.compared(x) is not None)

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

    def _chart_sentence(self, chart_id: str, title: str) -> str:
        self.metrics.referred.add(chart_id)
        kind = next(c.kind for c in self.views.dataset.charts if c.id == chart_id)
        key = "sentence.chart.timeline" if kind == "timeline" else "sentence.chart"
        return self.stop(self.join([self.t(key, title=escape(self.views.resolve(title))),
                                    self.see(chart_id)]))
