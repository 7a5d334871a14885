"""The deck's title for the year (issue 21o): the summary slide's one claim, and which sections
only look ahead (the outlook), whose items title no slide of the year and give the summary's
slide nothing. `DeckText` (deck_text.py) titles each section's slide.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportgen.report.deck_events import CLAUSE_MAX, EventClaims
from reportgen.report.leads import moves, stake
from reportgen.report.markup import escape
from reportgen.report.summary import Summary
from reportgen.report.wording import LEVEL_UNITS, Wording, cap

if TYPE_CHECKING:
    from reportgen.report.deck_text import Claims

BOTH_MAX = 80  # a summary's title longer than this does not fit the house title box
SUMMARY_MAX = 75  # characters of the summary's title, which its slide sets on one line


class YearTitle(Wording):
    """The summary slide's title; whether a section only looks ahead."""

    claims: Claims
    summary: Summary
    events: EventClaims

    def headline(self, area: str) -> str:
        """A section's main point as a headline (`DeckText.headline`)."""
        raise NotImplementedError

    def looks_ahead(self, area: str) -> bool:
        """Whether a section only looks ahead (the outlook): its facts are all outlook facts
        and its figures all targets, plans or expectations, and it tells no event."""
        items = self.items(area)
        return not items.empty and not items.events \
            and all(f.kind in ("outlook", "quote") for f in items.facts) \
            and all(x.status != "actual" for x in items.metrics)

    def summary_headline(self, sections: list[str]) -> str:
        """The summary slide's title, one claim (never two joined): its own main point where it
        has items, else what the year's weightiest high-level event changed ("France recognised
        …"), else the lead figure of the sections ("Trade up 12.5% to €830 million"; one that
        did not move only after the pairs below, where the year has a main event), else the
        year's main event ("The President of France visits Morocco"); one that is no section's
        title; where each of these is, the lead figure with the main event; else the lead
        figure's title and the main event's (or another section's main point) joined
        (`deck.title_and`); else "" (the slide keeps the summary's name: no two slides titled
        alike). A section that only looks ahead is no part of it."""
        sections = [s for s in sections if not self.looks_ahead(s)]
        own = self.headline("summary")
        if own and len(own) <= SUMMARY_MAX:
            return own
        high = self.events.weightiest([e for s in sections for e in self.items(s).events
                                       if e.high_level])
        ranked = [x for x in sorted(self.summary.lead_figures(sections), key=self.summary.lead)
                  if not self.claims.labelled(x) and not stake(x)]
        leads = [self.claims.title(x) for x in ranked]
        # One that did not move titles the year alone only after the pairs, given a main event.
        still = [self.claims.title(x) for x in ranked
                 if high and not (moves(x) or self.claims.moved(x))]
        # What the year's weightiest event changed or cost (`EventClaims.main_claims`).
        chief = [self.summary.main_event(high)] if high else []
        changed = [c for c in self.events.main_claims(chief, self.items(chief[0].area),
                                                           deeds=False)
                   if len(c) <= CLAUSE_MAX] if chief else []
        # The year's main event only: a lesser one is no title for the year ("Premier … visits"
        # when the state visit was bigger).
        claims = [self.events.claim(e) for e in chief]
        # Where each says a section's title, the lead figure with the year's main event: "Trade
        # up 12.5% to €830 million as Queen Gloria Teasdale visits Freedonia".
        claim = next((c for c in claims if c), "")
        both = [self.t("title.year", figure=leads[0], event=self.lower(claim))
                if leads and claim else ""]
        heads = {self.headline(s) for s in sections}
        candidates = [escape(cap(c)) for c in [*changed, *(c for c in leads if c not in still),
                                               *claims] if c and len(c) <= BOTH_MAX]
        fresh = [c for c in [*candidates, *(escape(cap(c)) for c in both if c
                                            and len(c) <= BOTH_MAX)] if c not in heads]
        if fresh:
            return fresh[0]
        # Else the year's two main points, the lead figure's and the main event's, joined
        # (`deck.title_and`): "Bilateral trade at €55.5 billion; 11 agreements signed at the Faro
        # summit", never the summary's name.
        figures = sorted(self.summary.lead_figures(sections), key=self.summary.lead)
        figures += sorted((x for s in sections for x in self.items(s).metrics
                           if x.status == "actual" and x not in figures), key=lambda x: not x.key)
        figures = [x for x in figures if x.unit not in LEVEL_UNITS and x.value is not None
                   and not stake(x)]
        titles = [escape(cap(self.claims.title(x))) for x in figures[:3]]
        main = [c for e in chief for c in (self.events.claim(e), self.events.at(
            e, self.events.done(e, self.items(e.area)))) if c and c not in heads]
        # …else with the main event's name; else with the main point of another section
        # ("Trade down to $854 million; Air links resume"); else a figure of the year that no
        # slide's title says.
        main += [self.t("title.event", title=e.short_title) for e in chief]
        main += [h for h in (self.headline(s) for s in sections) if h]
        pairs = [escape(cap(self.t("deck.title_and").join([lead, m])))
                 for lead in titles for m in main if m != lead]
        return next((p for p in [*pairs, *titles, *(escape(cap(c)) for c in still)]
                     if len(p) <= SUMMARY_MAX and p not in heads), "")

