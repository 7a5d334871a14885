"""What a fact is about (issue 21): the event of its section a statement, assessment or position
tells more of, so that it is told right after that event ("Sylvania was the first country
the president visited after …" after the visit; "The agreement also allows …" after the summit
that reached it), never paragraphs later, and never before the event has been introduced.

Decided from the data alone, never from a dataset's words:
- the same source reports both (the article that tells the event also gives the fact), the
  more where that source reports no other event of the section (a press conference that
  reports the whole year ties a fact to no event in particular);
- the fact's speaker took part in the event;
- the fact's text names one of the event's people, places, documents or the entities its
  outcomes name.
A fact tied to no event that way but whose text refers to events by the words their titles give
them ("the first summit" for the "First summit of …": the two words a title opens with, neither
a name) follows the one of them its source reports too, else the latest of them (`referred`): it
is told after what it refers back to, never before it.
A fact is about the event it shares most with, where that is at least a source of that event
alone, its speaker, or a source and a name, and no other event shares as much ("on both
visits" stays after both); one that shares less stays where its kind puts it.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from babel.dates import get_month_names

from reportgen.dataset.fields import PLACEHOLDER
from reportgen.report.views import EventView, FactView, Views

SOURCE, SHARED, SPEAKER, NAMED = 2, 1, 2, 1  # what each kind of link weighs
ENOUGH = 2  # a fact is about an event that shares at least a source or its speaker with it
KINDS = ("statement", "assessment", "position")  # the facts that may be about an event, in order


def _named(f: FactView, e: EventView, views: Views) -> int:
    """How many of an event's people, places, documents and named entities a fact's text
    names."""
    ids = {*e.event.participants, *e.event.places, *e.event.documents}
    for text in (e.event.title, *e.event.outcomes):
        ids.update(PLACEHOLDER.findall(text))
    text = views.resolve(f.fact.text)
    names = {views.names.get(i, "") for i in ids} - {""}
    return sum(1 for n in names if n in text)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def _refers(f: FactView, e: EventView, views: Views) -> bool:
    """Whether a fact's text refers to an event by the two words its title opens with, where
    they are no name ("first summit" of "First summit of …"; not "Prime Minister"): the words
    the reader knows it by."""
    title = _words(views.resolve(e.event.title))[:2]  # the head a title opens with
    head = (title[0].lower(), title[1]) if len(title) == 2 else ("", "")
    if not all(w.islower() and len(w) > 2 for w in head):
        return False
    text = [w.lower() for w in _words(views.resolve(f.fact.text))]
    return head in zip(text, text[1:], strict=False)


def score(f: FactView, e: EventView, others: list[EventView], views: Views) -> int:
    """How much a fact shares with an event (see the module's docstring); `others`: the
    section's other events."""
    shared = {s.id for s in f.sources} & {s.id for s in e.sources}
    alone = shared - {s.id for x in others for s in x.sources}
    spoke = f.fact.speaker is not None and f.fact.speaker in e.event.participants
    return (SOURCE * bool(alone) or SHARED * bool(shared)) + SPEAKER * spoke \
        + NAMED * _named(f, e, views)


def events_of(facts: list[FactView], events: list[EventView], views: Views) -> dict[str, str]:
    """Each fact's event among `events`, where it has one: fact id → event id."""
    out: dict[str, str] = {}
    for f in facts:
        scored = sorted(((score(f, e, [x for x in events if x is not e], views), e.id)
                         for e in events), reverse=True)
        if scored and scored[0][0] >= ENOUGH and (
                len(scored) == 1 or scored[1][0] < scored[0][0]):
            out[f.id] = scored[0][1]
    return out


def referred(facts: list[FactView], events: list[EventView], views: Views,
             linked: dict[str, str]) -> dict[str, str]:
    """Each fact of no event in `linked` whose text refers to events of `events` by their
    titles' words (`_refers`): fact id → the one its source reports too, else the latest."""
    out = {}
    for f in facts:
        if f.id in linked:
            continue
        named = [e for e in events if _refers(f, e, views)]
        sourced = [e for e in named if {s.id for s in f.sources} & {s.id for s in e.sources}]
        if sourced or named:
            out[f.id] = (sourced or named)[-1].id  # `events` in the order they happened
    return out


def by_source(f: FactView, e: EventView, views: Views) -> bool:
    """Whether a fact is tied to an event by a shared source alone: no speaker of the event,
    none of its names (a report's background, "The conflict stems from …", not its news)."""
    spoke = f.fact.speaker is not None and f.fact.speaker in e.event.participants
    return not spoke and not _named(f, e, views)


def source_names(views: Views) -> list[str]:
    """The names a reader would take for a source: each source's publisher and whom it cites
    (`via`), longest first."""
    found = {n for s in views.sources for n in (s.publisher, s.via) if n}
    return sorted(found, key=lambda n: (-len(n), n))


def names_source(f: FactView, views: Views) -> str:
    """The source a fact's own text names ("The … Post judged the year …"), or "": such a
    fact is a source's opinion, which never heads the summary (its footnote names the source)."""
    text = views.resolve(f.fact.text)
    return next((n for n in source_names(views) if n in text), "")


def weight(e: EventView, facts: list[FactView], views: Views) -> int:
    """How much the data says of an event beside its own people, outcomes and figures: the
    facts (quotes too) about it and the events that were part of it."""
    events = [x for x in views.events if x.area == e.area]
    linked = events_of([f for f in facts if f.area == e.area], events, views)
    parts = sum(1 for x in views.events if x.event.part_of == e.id)
    return sum(1 for v in linked.values() if v == e.id) + parts


@cache
def _months(locale: str) -> tuple[tuple[int, re.Pattern[str]], ...]:
    """Each month's name in a language (as written, or opening a sentence); in a language that
    writes it with a numeral ("5月"), that form too."""
    out = []
    # A whole word in English ("May", not "Mayor"); a word with its case ending elsewhere
    # (Azerbaijani "noyabrda": in November).
    end = r"(?!\w)" if locale.split("_")[0] == "en" else ""
    wide = get_month_names("wide", locale=locale)
    short = get_month_names("abbreviated", locale=locale)
    for n, name in wide.items():
        forms = {name, name[:1].upper() + name[1:]}
        forms |= {short[n]} if any(c.isdigit() for c in short[n]) else set()
        out.append((n, re.compile("|".join(
            rf"(?<![\w]){re.escape(f)}{end}" if f.isascii() else rf"(?<!\d){re.escape(f)}"
            for f in sorted(forms)))))
    return tuple(out)


def month_named(text: str, year: int, locale: str) -> dt.date | None:
    """The first day of the one month of the briefing's year that a fact's text names ("The
    dispute escalated in May, when …"), for the section to tell it in time order; None where
    it names no month or several. Month names are the language's (babel's), never a
    dataset's words."""
    found = {n for n, pattern in _months(locale) if pattern.search(text)}
    return dt.date(year, found.pop(), 1) if len(found) == 1 else None
