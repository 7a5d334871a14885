"""Prose composed from a section's items by what they are, for any dataset.

Every sentence pattern comes from the wording catalog (`sentence.*`, `headline.*`, `takeaway.*`)
or from an item's own `sentence`; every value in it comes through the formatter, so the digits
rule holds and a new language is a new catalog. The section templates call these functions
(`prose.paragraphs(section)` and friends); nothing here knows any dataset's ids.

Each function returns narrative markup: escaped dataset text, with a citation marker after each
sentence and a chart reference where a chart shows the figure.

`Prose` is the façade the templates and callers see; each kind of sentence is composed by its
own class, given the collaborators it uses:

    wording.py      Words: the shared toolkit (stop, join, lower, when, person, items)
    metric_text.py  MetricTerms, MetricText: a metric's sentence
    event_text.py   EventTitles, EventText: an event's sentences
    event_figures.py EventFigures: an event's own figures, told within it
    event_kinds.py  EventKinds: an event's opening by its kind (a visit, a letter, a speech …)
    fact_text.py    FactText: a fact's sentence
    sections.py     Paragraphs: a section's body
    summary.py      Summary: the executive summary and the occasion
    deck_text.py    Claims, DeckText: slide headlines and points
    plain.py        the notes on metrics told in a plain frame (`reportgen validate`)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportgen.report.deck_text import Claims, DeckText
from reportgen.report.event_text import EventText, EventTitles
from reportgen.report.fact_text import FactText
from reportgen.report.metric_text import MetricTerms, MetricText
from reportgen.report.sections import Paragraphs
from reportgen.report.summary import Summary
from reportgen.report.views import EventView, FactView, MetricView, Views
from reportgen.report.wording import SectionItems, Words


class Prose:
    """Sentences, paragraphs, headlines and takeaways for the sections of one dataset."""

    def __init__(self, views: Views, cite: Callable[..., str], see: Callable[[str], str]) -> None:
        self.views = views
        self.words = Words(views, cite, see)
        self.terms = MetricTerms(self.words)
        self.metrics = MetricText(self.words, self.terms)
        self.titles = EventTitles(self.words)
        self.events = EventText(self.words, self.titles, self.terms, self.metrics)
        self.facts = FactText(self.words)
        self.sections = Paragraphs(self.words, self.metrics, self.events, self.facts)
        self.brief = Summary(self.words, self.terms, self.metrics, self.titles, self.events,
                             self.facts, self.sections)
        self.deck = DeckText(self.words, Claims(self.words, self.terms, self.metrics),
                             self.brief, self.titles)

    # --- words and items --------------------------------------------------------------------

    def items(self, area: str) -> SectionItems:
        return self.words.items(area)

    def stop(self, text: str) -> str:
        return self.words.stop(text)

    def join(self, parts: list[str]) -> str:
        return self.words.join(parts)

    def lower(self, text: str) -> str:
        return self.words.lower(text)

    def when(self, shown: str, period: Any) -> str:
        return self.words.when(shown, period)

    def person(self, name: str, role: str | None) -> str:
        return self.words.person(name, role)

    # --- sentences of one item ----------------------------------------------------------------

    def subject(self, x: MetricView) -> str:
        return self.terms.subject(x)

    def things(self, x: MetricView, done: bool = False) -> str:
        return self.terms.things(x, done)

    def figure(self, x: MetricView, chart: bool = True) -> str:
        return self.metrics.figure(x, chart)

    def frame(self, x: MetricView, values: dict[str, str]) -> str:
        return self.metrics.frame(x, values)

    def title(self, title: str) -> str:
        return self.titles.title(title)

    def event(self, e: EventView) -> str:
        return self.events.event(e)

    def fact(self, f: FactView, again: bool = False) -> str:
        return self.facts.fact(f, again)

    # --- the briefing -------------------------------------------------------------------------

    def paragraphs(self, area: str) -> list[str]:
        return self.sections.paragraphs(area)

    def summary(self, sections: list[str]) -> list[str]:
        return self.brief.summary(sections)

    def occasion(self) -> str:
        return self.brief.occasion()

    # --- the deck -----------------------------------------------------------------------------

    def key_takeaways(self) -> list[str]:
        return self.deck.key_takeaways()

    def summary_points(self, sections: list[str]) -> list[str]:
        return self.deck.summary_points(sections)

    def headline(self, area: str) -> str:
        return self.deck.headline(area)

    def summary_headline(self, sections: list[str]) -> str:
        return self.deck.summary_headline(sections)

    def chart_points(self, chart_id: str) -> list[str]:
        return self.deck.chart_points(chart_id)

    def takeaways(self, area: str) -> list[str]:
        return self.deck.takeaways(area)

    def points(self, area: str) -> list[str]:
        return self.deck.points(area)


__all__ = ["Prose"]
