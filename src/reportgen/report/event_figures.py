"""An event's own figures, told within it: an ordinal said in its title ("the 35th … summit"),
a count merged into the outcome it counts ("the two leaders signed 14 documents …"), the counts
of its own days after its opening ("During the summit, 11 agreements were signed.") and the
figures of its period. Split from event_text.py, which tells the event itself."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from reportgen.report import happenings
from reportgen.report.event_kinds import EventKinds
from reportgen.report.markup import escape
from reportgen.report.metric_text import MetricTerms, MetricText
from reportgen.report.outcomes import verbal
from reportgen.report.together import Together
from reportgen.report.views import EventView, MetricView
from reportgen.report.wording import Wording, Words, cap

if TYPE_CHECKING:  # event_text.py builds on this module
    from reportgen.report.event_text import EventTitles


class EventFigures(Wording):
    """The figures an event tells within its sentences; `told` is shared with EventText."""

    def __init__(self, words: Words, titles: EventTitles, terms: MetricTerms,
                 metrics: MetricText, kinds: EventKinds, told: set[str]) -> None:
        super().__init__(words)
        self.titles, self.terms, self.metrics, self.kinds = titles, terms, metrics, kinds
        self.told = told

    def merged(self, e: EventView, figures: list[MetricView]) -> tuple[EventView, list[str]]:
        """A count of things done that an outcome tells by the same verb and noun, told in it:
        "14 documents were signed" with "the signing of documents including …" → "the two
        leaders signed 14 documents including …"; the event with that outcome, and the ids of
        the figures told so."""
        outcomes, merged = list(e.outcomes), []
        for x in figures:
            if x.unit != "count" or not x.metric.verb or not x.noun or x.alternatives:
                continue
            for i, o in enumerate(outcomes):
                if self.kinds.outcome_clause(o):
                    continue
                read = verbal(self.t, self.lower(o))
                if read is None or read[0] != x.metric.verb \
                        or not read[1].lower().startswith(x.noun.lower()):
                    continue
                at = len(o) - len(read[1])
                value = self.terms.values(x)["value"]
                outcomes[i] = f"{o[:at]}{value} {o[at:]}"
                merged.append(x.id)
                break
        return (dataclasses.replace(e, outcomes=outcomes) if merged else e), merged

    def folded(self, e: EventView) -> tuple[str, ...]:
        """The ordinal of an event whose label opens its title ("Spanish–Portuguese summit" of
        "Spanish–Portuguese summit in Faro"), said in the title ("the 35th …"): (the ordinal,
        the figure's id), marked told; () where none."""
        for metric_id in e.metrics:
            x = self.views.metrics.get(metric_id)
            if x is None or metric_id in self.told or x.unit != "ordinal" or x.metric.sentence \
                    or x.value is None or x.alternatives:
                continue
            if e.title.lower().startswith(x.label.lower()) or self._names(e.title, x.label):
                self.told.add(metric_id)
                return self.terms.values(x)["value"], metric_id
        return ()

    def _names(self, title: str, label: str) -> bool:
        """Whether an ordinal's label names the event its title names, but for the two countries
        ("Session of the Ethiopia–Kenya Joint Commission" of "Session of the Joint Commission in
        Addis Ababa"): the same first word, and every other word of the label in the title."""
        countries = {w.lower() for c in self.views.dataset.briefing.countries
                     for w in (c.name, c.adjective)}
        words, said = label.split(), {w.lower() for w in title.split()}
        if not words or not title.lower().startswith(words[0].lower() + " "):
            return False
        rest = [w.lower() for w in words[1:]
                if not countries & set(w.lower().replace("–", "-").split("-"))]
        return len(rest) > 1 and all(w in said for w in rest)

    def counts(self, e: EventView, figures: list[MetricView]) -> list[str]:
        """The figures an event lists of its own time, told after its opening, their date not
        said again: "During the summit, 11 agreements were signed.", the next without "During
        …" (none where the event has no word to be named again by)."""
        if not figures:
            return []
        during = self.titles.during(e)
        self.terms.during = ("\x00", False, self.t.get("words.during", "-"))
        try:
            said = [happenings.unmarked(s) for s in Together(self.metrics).sentences(figures)]
        finally:
            self.terms.during = None
        if said and self.titles.head(e.title) != cap(self.t("sentence.event.it")):
            said[0] = cap(self.t("sentence.event.during", event=during,
                                 clause=self.words.run_in(said[0])))
        return said

    def period_figures(self, e: EventView, dated: bool = True) -> list[str]:
        """The figures of an event's period, told within it: "During the visit, more than 40
        cooperation agreements were signed.", the next (or, after a sentence that says "During
        the visit", each) without the period again."""
        out = []
        during = self.t("sentence.event.when", event=self.titles.during(e))
        cut = self.t.get("words.during", "-")
        for i, metric_id in enumerate(self.plan.figures.get(e.id, [])):
            if metric_id in self.told:
                continue
            self.told.add(metric_id)
            self.terms.during = (during, dated and i == 0, cut)
            try:
                out.append(happenings.unmarked(self.metrics.figure(self.views.metrics[metric_id])))
            finally:
                self.terms.during = None
        return out

    def told_by(self, e: EventView, part: EventView) -> list[str]:
        """A signing during an event, on its day, by its own people, of documents the event's
        outcomes already tell with their count ("the two leaders signed seven memoranda …"): one
        happening told once, never again as "A and B signed memoranda … During the signing,
        seven memoranda were signed". The ids to cite with the event (the part and its
        figures); [] where the part has more to tell."""
        if happenings.kind(self.views, part) != "signing" or part.outcomes \
                or not part.event.period.single \
                or not happenings.within(part.event.period, e.event.period) \
                or not set(part.participants) <= set(e.participants):
            return []
        figures = [self.views.metrics.get(m) for m in part.metrics]
        told = [o.lower() for o in e.outcomes if not self.kinds.outcome_clause(o)]
        for x in figures:
            if x is None or x.unit != "count" or not x.noun or x.id in self.told:
                return []
            value = self.terms.values(x)["value"].lower()
            if not any(x.noun.lower() in o and value in o.split() for o in told):
                return []  # the count is not in the event's outcomes: tell the part
        if not figures:
            return []
        self.told.update(x.id for x in figures if x is not None)
        return [part.id, *(x.id for x in figures if x is not None)]

    def deed_count(self, e: EventView) -> tuple[str, str, str, str] | None:
        """The one count of the event's own time that its title's verb may tell: (its id, verb,
        noun, value)."""
        for m in e.metrics:
            x = self.views.metrics.get(m)
            if x is not None and m not in self.told and x.unit == "count" and x.metric.verb \
                    and x.noun and not x.alternatives and not x.metric.sentence \
                    and happenings.belongs(x.metric.period, e.event.period):
                return x.id, x.metric.verb, x.noun, self.terms.values(x)["value"]
        return None

    def lasting(self, e: EventView) -> tuple[str, str] | None:
        """How long the event lasted, as a visit's kind says it ("three-day", `event.length.U`):
        (its figure's id, the words), or None."""
        for m in e.metrics:
            x = self.views.metrics.get(m)
            if x is None or m in self.told or not Together.is_length(x) or x.value is None \
                    or x.value != int(x.value) or x.metric.qualifier != "exact":
                continue
            frame = self.t.get(f"event.length.{x.unit}", "-")
            if frame != "-":
                return x.id, self.t(f"event.length.{x.unit}", count=self.fmt.count(x.value))
        return None

    def ordinals(self, e: EventView) -> list[str]:
        """The ordinals that count the event itself, woven into one sentence after it: "It
        was the seventh meeting of the council and the 32nd meeting between …"."""
        occasions = set(self.t.get("words.occasions", "").split())
        clauses, cites = [], []
        for metric_id in e.metrics:
            x = self.views.metrics.get(metric_id)
            if x is None or metric_id in self.told or x.unit != "ordinal" or x.metric.sentence \
                    or x.value is None:
                continue
            label = self.lower(x.label)
            if not occasions & {w.lower() for w in label.split()[:5]}:
                continue  # it counts something else ("the third generation of …")
            clause = self.t("sentence.event.ordinal", ordinal=self.terms.values(x)["value"],
                            label=escape(label))
            if any(a.value != x.value for a in x.alternatives):
                clause = self.t("sentence.sources_differ", text=clause)
            self.told.add(metric_id)
            clauses.append((bool(x.alternatives), clause))
            cites += [x.id, *(a.id for a in x.alternatives)]
        if not clauses:
            return []
        # "…, depending on the source" closes the sentence, after the figures all agree on.
        shown = [c for _, c in sorted(clauses, key=lambda c: c[0])]
        return [self.stop(cap(self.t("sentence.event.was", figures=self.fmt.names(shown))))
                + self.cite(*cites)]
