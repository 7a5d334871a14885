"""Events told as what happened, for any dataset: which events were part of a larger one (a
meeting during a visit), which figures an event tells (those of its period), and an event's
title read as a clause ("Official visit by A to C" → "A paid an official visit to C") by the
wording catalog's patterns (`event.shape.N`, `event.clause.N`, `event.point.N`).

Nothing here knows a dataset's ids or words: the rules read periods, sections and people, and
the patterns live in the catalogs, one set per language.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.dataset.fields import Period
from reportgen.dataset.models import Dataset, Event
from reportgen.errors import Problem
from reportgen.report import title_deeds
from reportgen.report.catalog import Catalog, load_catalog, locales
from reportgen.report.views import EventView, Views

SHAPES = 40  # the most `event.shape.N` a catalog may hold


def days(period: Period) -> tuple[dt.date, dt.date]:
    return period.start.first_day(), period.end.last_day()


def _span(period: Period) -> int:
    first, last = days(period)
    return (last - first).days


def within(inner: Period, outer: Period) -> bool:
    """Whether a period lies inside another (the same period counts)."""
    (a, b), (c, d) = days(inner), days(outer)
    return c <= a and b <= d


def by_day(period: Period) -> bool:
    return period.start.day is not None and period.end.day is not None


def _people(e: EventView, views: Views) -> set[str]:
    """Who took part: the participants, and the people of the dataset its title names."""
    return set(e.participants) | {p.name for p in views.dataset.people if p.name in e.title}


@dataclass(frozen=True)
class Plan:
    """Which event was part of which, and the figures an event tells."""

    parent: dict[str, str] = field(default_factory=dict)  # part's id → the event's id
    figures: dict[str, list[str]] = field(default_factory=dict)  # event id → figure ids

    def parts(self, event_id: str, views: Views) -> list[EventView]:
        return [e for e in views.events if self.parent.get(e.id) == event_id]

    @property
    def told(self) -> set[str]:
        return {m for ids in self.figures.values() for m in ids}


def _part_of(e: EventView, hosts: list[EventView], views: Views) -> EventView | None:
    """The high-level event, told by the day, that an event was part of: its period lies
    inside the other's, it is shorter or not high-level itself, and it shares the section or
    a person or place."""
    for h in hosts:
        if h.id == e.id or not within(e.event.period, h.event.period):
            continue
        if e.high_level and _span(e.event.period) >= _span(h.event.period):
            continue
        shared = (_people(e, views) & _people(h, views)) or (set(e.places) & set(h.places))
        if e.area == h.area or shared:
            return h
    return None


def plan(views: Views) -> Plan:
    """Sub-events and an event's figures. An event is part of another where it says so
    (`part_of`) or where its period, section and people tell; a figure of a multi-day
    high-level event's period and section is told within it (with no period of its own)."""
    events = views.events
    hosts = sorted((e for e in events if e.high_level and by_day(e.event.period)
                    and not e.event.part_of), key=lambda e: -_span(e.event.period))
    parent: dict[str, str] = {}
    # `part_of` names an event told in its own right: not itself, nor one that is part of
    # another (a chain or a loop is read as no `part_of`).
    free = {e.id for e in events if not e.event.part_of}
    for e in sorted(events, key=lambda e: -_span(e.event.period)):
        if e.event.part_of:
            if e.event.part_of in free:
                parent[e.id] = str(e.event.part_of)
            continue
        host = _part_of(e, [h for h in hosts if h.id not in parent], views)
        if host is not None and host.id not in parent:
            parent[e.id] = host.id
    listed = {m for e in events for m in e.metrics}
    figures: dict[str, list[str]] = {}
    for e in events:
        if e.id in parent or not e.high_level or not by_day(e.event.period) \
                or e.event.period.single:
            continue
        figures[e.id] = [x.id for x in views.metrics.values()
                         if x.area == e.area and x.metric.period == e.event.period
                         and x.id not in listed and x.status == "actual"
                         and not x.metric.compare_with
                         and not any(x.id in ids_ for ids_ in figures.values())]
    return Plan(parent=parent, figures={k: v for k, v in figures.items() if v})


# --- titles read as clauses ----------------------------------------------------------------

def _regex(shape: str, strict: bool) -> re.Pattern[str]:
    """A catalog shape as a pattern: "{kind} visit by {who} to {where}" matches a title whole,
    each {name} a run of words. Strict, the words between the slots match in their own case (a
    title's first letter either way), so that "President To Ana to Sylvania" is read as who "…To
    Ana" and where "Sylvania"; not strict, in any case ("State Visit By … To …")."""
    out, at = "", 0
    for m in re.finditer(r"\{(\w+)\}", shape):
        out += _literal(shape[at:m.start()], strict and at > 0) + f"(?P<{m.group(1)}>.+?)"
        at = m.end()
    return re.compile(out + _literal(shape[at:], strict and at > 0),
                      0 if strict else re.IGNORECASE)


def _literal(words: str, exact: bool) -> str:
    return re.escape(words) if exact or not words else f"(?i:{re.escape(words)})"


def _shapes(t: Catalog) -> Iterator[tuple[int, re.Pattern[str]]]:
    for strict in (True, False):
        for n in range(1, SHAPES + 1):
            shape = t.get(f"event.shape.{n}", "-")
            if shape != "-":
                yield n, _regex(shape, strict)


@dataclass(frozen=True)
class Clause:
    """An event's title read as who did what: the subject and the catalog's predicate."""

    shape: int
    slots: dict[str, str]


def read_title(t: Catalog, title: str) -> Clause | None:
    """The first of the catalog's shapes that reads the whole title, with its slots."""
    for n, pattern in _shapes(t):
        m = pattern.fullmatch(title.strip())
        if m and all(v.strip() for v in m.groupdict().values()):
            return Clause(n, {k: v.strip() for k, v in m.groupdict().items()})
    return None


def article(t: Catalog, word: str) -> str:
    """A word with the language's indefinite article ("an official", "a state"), or as it is."""
    vowels = t.get("words.vowels", "-")
    key = "event.article.vowel" if vowels != "-" and word[:1].lower() in vowels else \
        "event.article"
    return t(key, word=word)


def figure_values(values: dict[str, str], during: str, first: bool, cut: str) -> None:
    """A figure told within an event: dated by the event ("During the visit, …"), or, after
    the first, by the sentence before; its label's own "during …" said once."""
    values["when"] = during if first else "\x00"
    values["when_cap"] = (during[:1].upper() + during[1:]) if first else "\x00"
    if cut != "-":
        for key in ("things", "subject", "subject_lc"):
            head, sep, _ = values.get(key, "").partition(f" {cut} ")
            if sep and head:
                values[key] = head


def unmarked(text: str) -> str:
    """A sentence without the place its period held ("\x00, there were …" → "There were …")."""
    text = re.sub(r"^\x00[,，]?\s*", "", text)
    text = re.sub(r"\s*\x00", "", text)
    return text[:1].upper() + text[1:]


def focus(e: EventView, views: Views) -> int:
    """How weighty an event is: its people, outcomes and figures."""
    return len(e.participants) + len(e.outcomes) + 2 * len(e.metrics)


def month_period(period: Period) -> Period:
    """A period by its months: "30 June – 3 July 2024" → "June–July 2024"."""
    start = period.start.model_copy(update={"day": None})
    end = period.end.model_copy(update={"day": None})
    return period.model_copy(update={"start": start, "end": end})


def _note(dataset: Dataset, event_id: str, message: str, fix: str) -> Problem:
    file, line, path = dataset.locations.get(f"events:{event_id}", ("events.yaml", 0, event_id))
    return Problem(file, line, 1, f"{path} ({event_id})", f"note: {message}", fix)


def _named(e: Event, dataset: Dataset) -> set[str]:
    return set(e.participants) | {p.id for p in dataset.people if p.name in e.title}


@functools.cache
def source_catalog(language: str = "en") -> Catalog:
    """The shipped catalog of the language a dataset is written in, to read its titles."""
    templates = Path(__file__).resolve().parents[1] / "templates"
    return load_catalog(templates, language if language in locales(templates) else "en")


def event_notes(dataset: Dataset) -> list[Problem]:
    """What would tell the events better (`reportgen validate` prints these notes; they never
    fail a build): the people of an event told from its title alone, and the event an event
    falls within but is not told as part of (another section, no one in common)."""
    found = []
    events = [e for e in dataset.events if e.publish]
    hosts = [e for e in events if e.high_level and by_day(e.period) and not e.period.single
             and not e.part_of]
    source = source_catalog(dataset.briefing.language)
    for e in events:
        if not e.kind and not title_kind(source, e.title) \
                and past_headline(source, e.title) is None \
                and not title_deeds.has_doer(source, e.title, list(e.participants)):
            found.append(_note(dataset, e.id, "neither its kind nor who did what is read from "
                               "its title: it is told as \"<title> took place on D\"",
                               "write the title as who did what (\"Minister A's visit to C\", "
                               "\"Talks of A and B on …\", \"General strike of X\") with "
                               "`participants:`, or add `kind:` (meeting, visit, call, letter, "
                               "speech, press_conference, signing, summit, ceremony, clash, "
                               "ceasefire, closure or suspension) to tell it as what it was"))
        for outcome in _unread(source, e.outcomes):
            found.append(_note(dataset, e.id, f"outcome '{outcome}' is told as \"The … brought "
                               "…\": no verb is read in it", "write it as what the parties did "
                               "(\"the two sides agreed to …\"), or as \"the signing of …\", "
                               "\"the conclusion of …\", \"an agreement on …\""))
        strife = (e.kind or title_kind(source, e.title)) in STRIFE  # told by what happened
        if not e.participants and not strife:
            found.append(_note(dataset, e.id, "told from its title alone", "add `participants:` "
                               "(the ids of the people who took part) to say who met whom"))
        host = next((h for h in hosts if h.id != e.id and within(e.period, h.period)
                     and h.area != e.area and not _named(e, dataset) & _named(h, dataset)
                     and not set(e.places) & set(h.places)), None)
        if host is not None and not e.part_of and not e.high_level:
            found.append(_note(dataset, e.id, f"falls within '{host.id}' but is told apart",
                               f"add `part_of: {host.id}` if it was part of it, to tell it "
                               "there"))
    return found


def _unread(t: Catalog, outcomes: list[str]) -> list[str]:
    from reportgen.report.outcomes import unread  # deferred: outcomes.py imports this module

    return unread(t, outcomes)


# --- what kind of event, and who took part in it as what ------------------------------------

# The kinds an event's sentence is chosen by, in the order a title's head is read for them
# ("Joint press conference of …" is a press conference before it is anything else).
KINDS = ("letter", "speech", "press_conference", "signing", "call", "summit", "ceremony",
         "visit", "meeting", "ceasefire", "clash", "closure", "suspension")
# The kinds that are not diplomacy: told by what happened, never "was held" or "attended".
STRIFE = ("clash", "ceasefire", "closure", "suspension")


def _head(t: Catalog, title: str) -> str:
    """The words of a title before its first preposition ("Joint press conference of the …" →
    "joint press conference"), lower-cased; the whole title in a language that has no such
    words (its catalog's `words.title_ends` is "-")."""
    ends = set(t.get("words.title_ends", "-").split()) - {"-"}
    if not ends:
        return title.lower()
    words = []
    for word in title.split():
        if word.strip(",").lower() in ends:
            break
        words.append(word.strip(",").lower())
    return " ".join(words)


def head_words(t: Catalog, text: str) -> str:
    """A title's or outcome's words before its first preposition, lower-cased."""
    return _head(t, text)


def title_kind(t: Catalog, title: str) -> str:
    """The kind a title's head names, by the catalog's `words.kind.K` (phrases separated by
    "|"), or "" where it names none."""
    head = _head(t, title)
    # A language with no such words puts a title's head noun last ("… dövlət səfəri", "…国事访问").
    last = t.get("words.title_ends", "-") == "-"
    for kind_ in KINDS:
        for phrase in t.get(f"words.kind.{kind_}", "-").split("|"):
            if phrase in ("", "-"):
                continue
            if re.search(r"(?<!\w)" + re.escape(phrase) + (r"\W*$" if last else r"(?!\w)"),
                         head) or (last and head.rstrip(" .").endswith(phrase)):
                return kind_
    return ""


def kind(views: Views, e: EventView) -> str:
    """What kind of event it was: its `kind:`, else what its title names (`titled_kind`)."""
    return str(e.event.kind) if e.event.kind else titled_kind(views, e)


def titled_kind(views: Views, e: EventView) -> str:
    """The kind an event's title names in the dataset's own language (so that every edition
    tells it alike), whatever its `kind:`; else ""."""
    return title_kind(source_catalog(views.dataset.briefing.language), e.event.title)


def past_headline(t: Catalog, title: str) -> str | None:
    """A title already written as a clause, a headline in the present tense ("Algeria
    withdraws its ambassador from France"), in the past tense ("Algeria withdrew …"); None for a
    title that is a noun phrase ("Joint press conference of …"). The catalog's
    `words.headline_tense` names the language whose verb forms are read (English: lemminflect's,
    the forms a dictionary gives); "-" for none."""
    if t.get("words.headline_tense", "-") != "en":
        return None
    words = title.split()
    at = 0
    while at < len(words) and words[at][:1].isupper():
        at += 1  # the subject: a name ("Algeria", "President Milei")
    if at == 0 or at >= len(words) or not words[at].isalpha() or not words[at].endswith("s"):
        return None
    from reportgen.report.word_forms import getAllLemmas, getInflection  # deferred: lemminflect

    # Its subject a name ("Algeria", "President Milei"), not a word capitalised as the title's
    # first ("Armed clashes on …" is no "Armed clashed on …"), nor an owner ("A's talks with …").
    subject = words[at - 1].replace("’", "'")
    if at == 1 and set(getAllLemmas(subject.lower())) & {"ADJ", "VERB"} \
            or subject.endswith("'s"):  # a name of several words may end in one ("States")
        return None

    verb = words[at]
    for lemma in getAllLemmas(verb, upos="VERB").get("VERB", ()):
        if verb in getInflection(lemma, tag="VBZ"):
            past = getInflection(lemma, tag="VBD")
            if past:
                return " ".join([*words[:at], past[0], *words[at + 1:]])
    return None


def office(t: Catalog, role: str) -> str:
    """The office a role holds, without its country ("Crown Prince of Saudi Arabia" → "Crown
    Prince"), by the catalog's `words.office_of`; "" where the role says no office that way or
    the office is long ("Ambassador and Secretary for …")."""
    of = t.get("words.office_of", "-")
    if of == "-" or of not in role:
        return ""
    held = role.split(of, 1)[0].strip()
    # Two offices ("Deputy Prime Minister and Minister for Defence"): the first, as an editor
    # introduces the person ("Deputy Prime Minister Richard Marles").
    joined = t.get("words.office_and", "-")
    if joined != "-" and joined in held and len(held.split(joined, 1)[0].split()) > 1:
        held = held.split(joined, 1)[0].strip()  # not "Investment and Foreign Trade Minister"
    return held if 0 < len(held.split()) <= 5 and "," not in held else ""


def styled(t: Catalog, name: str, role: str | None) -> str:
    """A person named in full with their office before the name, as an editor introduces them
    ("President Emmanuel Macron", "Crown Prince Mohammed bin Salman"); the name alone where the
    role gives no short office or the name carries one already."""
    held = office(t, role or "")
    if not held or held.split()[-1].lower() in name.lower().split()[0].lower():
        return name
    return t("sentence.person.styled", office=held, name=name)


def _country_words(views: Views, country: str | None) -> set[str]:
    for c in views.dataset.briefing.countries:
        if c.id == country:
            return {c.name.lower(), c.adjective.lower()}
    return set()


def holds_office_in(t: Catalog, views: Views, name: str, text: str) -> bool:
    """Whether a text names a person by their office ("the French President", "the Crown Prince
    of Saudi Arabia" for the President of France, the Crown Prince of Saudi Arabia)."""
    person = views.person(name)
    if person is None:
        return False
    low = text.lower()
    held = office(t, person.role).lower()
    if not held:
        return person.role.lower() in low
    # "the President of France", "the French President": the office with its country, as one
    # phrase (not "President Firefly's visit to Sylvania" for the President of Sylvania).
    return any(re.search(p, low) for p in (re.escape(person.role.lower()), *(
        rf"{re.escape(held)} of (?:the )?{re.escape(n)}|{re.escape(n)} {re.escape(held)}"
        for n in _country_words(views, person.country))))


def sides(views: Views, first: str, others: list[str]) -> tuple[list[str], list[str]]:
    """Of the people with someone at an event, those of their country (who accompanied them)
    and the rest (whom they met)."""
    country = {p.name: p.country for p in views.dataset.people}
    own = country.get(first)
    party = [p for p in others if own is not None and country.get(p) == own]
    return party, [p for p in others if p not in party]


def read_shape(t: Catalog, key: str, title: str) -> dict[str, str] | None:
    """The slots of one catalog shape (`event.signing.shape`: "Signing of {what}") that reads
    the whole title, or None."""
    shape = t.get(key, "-")
    if shape == "-":
        return None
    m = _regex(shape, True).fullmatch(title.strip()) or _regex(shape, False).fullmatch(
        title.strip())
    return {k: v.strip() for k, v in m.groupdict().items()} if m else None


def plural(t: Catalog, noun_phrase: str) -> bool:
    """Whether a noun phrase's head is plural ("agreements on food security"), by the
    catalog's `words.plural_suffix` ("-": the language's verb does not agree)."""
    suffix = t.get("words.plural_suffix", "-")
    head = _head(t, noun_phrase).split()
    return suffix != "-" and bool(head) and head[-1].endswith(suffix) \
        and not head[-1].endswith(suffix * 2)


def bare_title(t: Catalog, title: str) -> str:
    """A title without the clause that names who attended ("Inauguration of A, attended by B" →
    "Inauguration of A"), by the catalog's `words.attended_by` (a pattern; "-" for none): the
    sentence names them as who attended."""
    pattern = t.get("words.attended_by", "-")
    if pattern == "-":
        return title
    cut = re.sub(pattern, "", title).strip()
    return cut or title


def belongs(figure: Period, event: Period) -> bool:
    """Whether a figure an event lists is of the event's own time, to be told in its sentences
    without its date again: its period lies within the event's, or the event's within a month
    or less of the figure's ("more than 2,000 personnel" in the November of a 3–16 November
    exercise)."""
    if within(figure, event):
        return True
    return within(event, figure) and figure.start.month is not None and _span(figure) <= 31
