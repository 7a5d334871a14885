"""The deck's claims about events (deck_text.py's `DeckText` uses them): a high-level event as
a slide's title or point, what it changed or gave, the weightiest first; what it gave that its
point does not say, as points of their own.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reportgen.report import happenings
from reportgen.report.event_text import EventTitles
from reportgen.report.formatting import is_currency
from reportgen.report.markup import escape
from reportgen.report.views import EventView, MetricView
from reportgen.report.wording import LEVEL_UNITS, SectionItems, Wording, Words, cap, unstopped

if TYPE_CHECKING:
    from reportgen.report.deck_text import Claims

CLAUSE_MAX = 80  # characters: a clause as a title, where a text slide's title box takes it
TITLE_CLAUSE_MAX = 85  # characters: a clause a section slide's title box sets on one line
POINT_MAX = 120  # characters: an event's point with what came of it, else without


class EventClaims(Wording):
    """A high-level event as a deck's claim: what it changed, the figure it gave, who did
    what; the weightiest first."""

    def __init__(self, words: Words, claims: Claims, titles: EventTitles) -> None:
        super().__init__(words)
        self.claims, self.titles = claims, titles

    def weightiest(self, events: list[EventView],
                    items: SectionItems | None = None) -> list[EventView]:
        """High-level events, the weightiest first: one that changed something (its main
        outcome a clause: "France recognised the plan …"), then most people, outcomes and
        figures, its own or of its days; not the latest; of equal weight, the one the dataset
        lists first (a stable sort: deterministic)."""
        levels = [w.strip() for w in self.t.get("words.event_levels", "-").lower().split("|")
                  if w.strip() not in ("", "-")]

        def level(e: EventView) -> int:
            """A state visit before an official one (`words.event_levels`, highest first)."""
            said = e.title.lower()
            return next((n for n, w in enumerate(levels) if w in said), len(levels))

        def weight(e: EventView) -> tuple[bool, int, int]:
            figures = self.figures(e, items or self.items(e.area))
            return (not self.changed(e), level(e),
                    -(len(e.participants) + len(e.outcomes) + 2 * len(figures)))
        return sorted(events, key=weight)

    def claims_of(self, high: list[EventView], items: SectionItems) -> list[str]:
        """High-level events as headlines, each a claim: what changed ("France recognised the
        autonomy plan …"), the amount the event gave ("Joint projects launched at about $1.3
        billion"), who did what ("The President of France visits Morocco"), then the count it
        gave ("22 agreements signed", "16 cooperation agreements": a count may be of people
        who came, "nine ministers")."""
        out = [unstopped(c) for e in high for c in self.changed(e) if len(c) <= CLAUSE_MAX]
        out += [self.title(e, items) for e in high]
        out += [self.claim(e) for e in high]
        out += [self.at(e, self.done(e, items)) for e in high]
        return out

    def main_claims(self, high: list[EventView], items: SectionItems,
                    deeds: bool = True) -> list[str]:
        """High-level events as a section's title, each event's claims before the next's: the
        toll of a happening no one took part in (border clashes, a flood: "At least 43 people
        killed in border clashes", `title.event.in`); what it changed ("The two leaders
        elevated their relations to a Comprehensive Strategic Partnership"); with `deeds`, the
        amount of money it gave ("PIF investment planned at $5 billion"), who did what ("The
        President of France visits Morocco") and the count of things done it gave ("Eight or
        nine agreements signed"); each where a title's line takes it (`TITLE_CLAUSE_MAX`)."""
        out = []
        for e in high:
            done = self.done(e, items, own=True)
            named = set(e.short_title.lower().split()) <= set(done.lower().split())
            # Only a happening its kind says is fighting, a closure …: a short title written as
            # a headline ("Farmers blockade the border") is no noun to put after "in".
            strife = happenings.kind(self.views, e) in happenings.STRIFE
            if done and strife and not e.participants and not named:  # not "12 … in … returned"
                out.append(cap(self.t("title.event.in", figure=done,
                                      event=self.lower(e.short_title))))
            out += [unstopped(c) for c in self.changed(e)]
            if deeds:  # `deeds`: the amount it gave, who did what, the count of things done
                money = [x for x in self.figures(e, items) if is_currency(x.unit)]
                out += [self.claims.title(x) for x in money[:1]]  # "PIF investment planned …"
                out += [self.claim(e)]  # "The President of France visits Morocco"
                out += [self.at(e, done)] if done else []
        return [c for c in out if c and len(c) <= TITLE_CLAUSE_MAX]  # on the title's line

    def done(self, e: EventView, items: SectionItems, own: bool = False) -> str:
        """The count of things done an event gave, as a headline ("22 agreements signed"); ""
        where its first count is of what exists or fits ("Up to 400 migrants" a centre can
        take), which says nothing of the event."""
        counts = [x for x in self.figures(e, items) if self.claims.kind(x).startswith("count")
                  and (not own or x.id in e.metrics)]  # `own`: the figures it names alone
        return self.claims.title(counts[0]) if counts and self.claims.kind(
            counts[0]) == "count.done" else ""

    def occasion(self, e: EventView) -> bool:
        """Whether an event's short title names an occasion ("Faro summit": `words.occasions`),
        which a claim can say it happened at."""
        words = e.short_title.lower().split()
        return bool(words) and words[-1] in set(self.t.get("words.occasions", "").lower().split())

    def at(self, e: EventView, figure: str) -> str:
        """A figure an event gave, at its occasion where its short title names one ("11
        agreements signed at the Faro summit", `title.event.figure`); else the figure."""
        if not figure or not self.occasion(e):
            return figure
        return cap(self.t("title.event.figure", figure=figure, event=self.lower(e.short_title)))

    def claim(self, e: EventView) -> str:
        """An event's title read as who does what, for a headline ("The President of France
        visits Morocco"), or "" where no shape reads it."""
        return cap(self.titles.clause(e, "", kind="point"))

    def changed(self, e: EventView) -> list[str]:
        """What changed, where an event's first outcome (its main one) is written as a clause
        ("France recognised the plan …"): a claim of its own (`words.outcome_clause`; a
        language without one has none)."""
        pattern = self.t.get("words.outcome_clause", "-")
        if pattern == "-":
            return []
        return [cap(o) for o in e.outcomes[:1] if re.search(pattern, o)]

    def figures(self, e: EventView, items: SectionItems) -> list[MetricView]:
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
        # What came of it includes what it pledged ("PIF investment planned at $5 billion").
        return [x for x in [*own, *dated] if x.status in ("actual", "planned")
                and x.unit not in ("rank", "ordinal", "multiplier", "percent", *LEVEL_UNITS)]

    def title(self, e: EventView, items: SectionItems, counts: bool = False) -> str:
        """A high-level event as a headline, the figure it gave as a claim ("Joint projects
        launched at about $1.3 billion"; `counts`: a count, "22 agreements signed", "16
        cooperation agreements"), never "Event: figure"; "" where it gave none."""
        figures = [x for x in self.figures(e, items)
                   if self.claims.kind(x).startswith("count") == counts]
        return self.claims.title(figures[0]) if figures else ""

    def point(self, e: EventView) -> str:
        """An event as a slide's point, a short claim: what changed ("France recognised the
        autonomy plan … on 30 July 2024"), else who did what, when, with what came of it where
        that stays short ("The Crown Prince of Saudi Arabia visited Cairo on 15 October 2024,
        with the signing of …"); an event no shape reads is its label (`_event_label`)."""
        when = escape(self.when(e.period, e.event.period))
        changed = self.changed(e)
        if changed:
            return self.t("point.event.outcome", claim=escape(unstopped(changed[0])),
                          when=when) + self.cite(e.id)
        said = self.titles.clause(e, when)
        outcomes = [unstopped(self.lower(o)) for o in e.outcomes]
        if said and outcomes:
            line = self.t("point.event.outcomes", event=said,
                          outcomes=escape(self.fmt.names(outcomes)))
            if len(line) <= POINT_MAX:
                return cap(line) + self.cite(e.id)
        if said:
            return cap(said) + self.cite(e.id)
        return self._by_figure(e, when) or self.label(e)

    def _by_figure(self, e: EventView, when: str) -> str:
        """An event no shape reads, told by what it gave where its short title names an
        occasion (`words.occasions`): "11 agreements signed at the Faro summit on 23 October
        2024", never "Faro summit, 23 October 2024"; "" else."""
        items = self.items(e.area)
        figure = self.title(e, items, counts=True) or self.title(e, items)
        if not figure or not self.occasion(e):
            return ""
        return cap(self.t("point.event.figure", figure=escape(figure),
                          event=escape(self.lower(e.short_title)), when=when)) + self.cite(e.id)

    def label(self, e: EventView) -> str:
        """An event as a label with its period ("Mercosur summit, December 2024"): no claim,
        never a point of a slide."""
        return self.t("point.event", title=cap(escape(e.short_title)),
                      period=escape(e.period)) + self.cite(e.id)

    def outcomes(self, high: list[EventView], told: dict[str, str]) -> tuple[list[str],
                                                                             list[str]]:
        """What high-level events gave that their points do not say, each a point of its own:
        a clause is a claim ("Spanish farmers will pay Portugal for the water …"); a noun
        phrase ("A monthly flow regime for the Guadiana …") only to make up three."""
        pattern = self.t.get("words.outcome_clause", "-")
        clauses: list[str] = []
        phrases: list[str] = []
        for e in high:
            for o in e.outcomes:
                line = escape(cap(unstopped(o))) + self.cite(e.id)
                if len(o) > POINT_MAX or unstopped(self.lower(o)) in told[e.id] \
                        or cap(unstopped(o)) in told[e.id]:
                    continue
                (clauses if pattern != "-" and re.search(pattern, o) else phrases).append(line)
        return clauses, phrases
