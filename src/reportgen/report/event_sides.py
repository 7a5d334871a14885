"""Who an event's people were to it, read from their `country` against the briefing's two
countries and the event's title (issue 21v): the visitors and their hosts of a visit (a host
never "attends" their own visit), the third country's people at a meeting or signing of the two
(who chaired it or witnessed it, never listed among those who met), the countries whose forces
clashed; and the frames that are grammatical whatever the title: a clash "Thai and Cambodian
forces clashed on the border on D", else "<title> broke out on D"; an event of no known kind
"<title> took place on D" (a meeting, summit or ceremony "was held"; fighting never).

Every word is the catalog's, one set per language; nothing here knows a dataset's ids or words.
"""

from __future__ import annotations

import re

from reportgen.report import happenings
from reportgen.report.catalog import Catalog
from reportgen.report.markup import escape
from reportgen.report.views import EventView, Views

# The kinds whose event is "held" (a meeting is held; fighting, a visit or a closure is not).
HELD = ("meeting", "summit", "ceremony", "press_conference")
# The kinds that are not diplomacy: told by what happened, never "was held" or "attended".
STRIFE = ("clash", "ceasefire", "closure", "suspension")


def _countries(views: Views) -> dict[str, tuple[str, str]]:
    """The briefing's countries by id: (name, adjective)."""
    return {c.id: (c.name, c.adjective) for c in views.dataset.briefing.countries}


def country_of(views: Views, name: str) -> str | None:
    """The briefing country a person represents (their `country`), or None."""
    person = next((p for p in views.dataset.people if p.name == name), None)
    countries = _countries(views)
    return person.country if person and person.country in countries else None


def third(views: Views, people: list[str]) -> list[str]:
    """The people at an event of a country other than the briefing's two (a mediator, a
    witness): those with no briefing country, where the others are of both briefing countries."""
    own = [p for p in people if country_of(views, p) is not None]
    if len({country_of(views, p) for p in own}) < 2:
        return []
    return [p for p in people if p not in own]


def named_countries(views: Views, text: str) -> list[str]:
    """The briefing countries a text names, by name or adjective, in the briefing's order."""
    low = text.lower()
    return [cid for cid, (name, adjective) in _countries(views).items()
            if any(re.search(r"(?<!\w)" + re.escape(w.lower()) + r"(?!\w)", low)
                   for w in (name, adjective) if w)]


def destination(t: Catalog, views: Views, title: str) -> str | None:
    """The briefing country a visit's title goes to: the one named right after its "to"
    (`words.visit_to`: "… to Mexico City" → Mexico), or None."""
    to = t.get("words.visit_to", "-").strip()
    if to == "-":
        return None
    for m in re.finditer(r"(?<!\w)" + re.escape(to) + r"\s+(.*)$", title, re.IGNORECASE):
        after = m.group(1).lower()
        for cid, (name, adjective) in _countries(views).items():
            if any(after.startswith(w.lower()) for w in (name, adjective) if w):
                return cid
    return None


def visit_sides(t: Catalog, views: Views, e: EventView,
                actor: str | None) -> tuple[list[str], list[str]] | None:
    """A visit's visitors and hosts: the hosts are the people of the country it went to (its
    title's "to …"), else of the country other than the visitor's (the person its title names);
    None where their countries do not tell."""
    people = list(e.participants)
    known = {p: country_of(views, p) for p in people}
    if len({c for c in known.values() if c}) != 2:
        return None
    to = destination(t, views, e.event.title)
    if to is None and actor is not None and known.get(actor):
        to = next(c for c in known.values() if c and c != known[actor])
    if to is None:
        return None
    hosts = [p for p in people if known[p] == to]
    visitors = [p for p in people if known[p] and known[p] != to]
    return (visitors, hosts) if visitors and hosts else None


def rest(t: Catalog, title: str, sides: list[tuple[str, ...]] | None = None) -> str:
    """A title's words after its head ("Armed clashes on the disputed border" → "on the
    disputed border"), without a pair of the two sides' words joined by a dash
    ("Thai–Cambodian"), which the subject names; "" in a language that puts a title's head
    last."""
    ends = set(t.get("words.title_ends", "-").split()) - {"-"}
    words = title.split()
    at = next((i for i, w in enumerate(words) if w.strip(",").lower() in ends), len(words))
    text = " ".join(words[at:])
    if sides and len(sides) == 2:
        a, b = ("|".join(re.escape(w) for w in side if w) for side in sides)
        text = re.sub(rf"(?<!\w)(?:(?:{a})[–-](?:{b})|(?:{b})[–-](?:{a}))\s+", "", text)
    return text


def clash(t: Catalog, views: Views, e: EventView, title: str, when: str) -> str:
    """Fighting told with the countries whose forces clashed as its subject ("Thai and
    Cambodian forces clashed on the disputed border on D"): those of its people, else both the
    briefing countries its title names; else "<title> broke out on D"."""
    ids = list(dict.fromkeys(c for c in (country_of(views, p) for p in e.participants) if c))
    if len(ids) < 2:
        ids = named_countries(views, e.event.title)
    countries = _countries(views)
    if len(ids) != 2:
        return t("sentence.event.broke_out", title=title, when=when)
    by_name = t.get("words.forces_by", "-") == "name"
    sides = [countries[c][0 if by_name else 1] for c in ids]
    where = rest(t, e.title, [countries[c] for c in ids])
    said = t("sentence.event.clash", sides=escape(" ".join(_pair(t, sides))),
             rest=escape(where), when=when)
    return re.sub(r" {2,}", " ", said).strip()


def _pair(t: Catalog, sides: list[str]) -> list[str]:
    return [t("sentence.event.clash.sides", first=sides[0], second=sides[1])]


def plain(t: Catalog, views: Views, e: EventView, title: str, when: str, plural: bool) -> str:
    """An event told from its title alone, in a frame that is a sentence whatever the title: a
    clash as who clashed, a ceasefire, closure or suspension "took effect", a meeting, summit
    or ceremony "was held", anything else "took place"."""
    kind = happenings.kind(views, e)
    if kind == "clash":
        return clash(t, views, e, title, when)
    if kind in STRIFE:
        return t("sentence.event.took_effect", title=title, when=when)
    if kind in HELD or held_head(views, e):
        key = "sentence.event.held.plural" if plural else "sentence.event.held"
        return t(key, title=title, when=when)
    return t("sentence.event.took_place", title=title, when=when)


def held_head(views: Views, e: EventView) -> bool:
    """Whether an event's title, in the dataset's own language, heads with a thing that is held
    (`words.held_heads`: a forum, a session, an exhibition), so that every edition tells it
    alike."""
    source = happenings.source_catalog(views.dataset.briefing.language)
    heads = set(source.get("words.held_heads", "-").split()) - {"-"}
    if not heads:  # a catalog with no such words tells every event as held, as before
        return True
    head = happenings.head_words(source, e.event.title).split()
    return bool(head) and head[-1] in heads


def chaired(t: Catalog, views: Views, e: EventView, third: list[str]) -> bool:
    """Whether a meeting's title says a third country's person chaired it ("… chaired by the
    Prime Minister of Malaysia", `words.chaired_by`), by their name or office."""
    said = t.get("words.chaired_by", "-")
    if said == "-":
        return False
    for phrase in said.split("|"):
        _, found, after = e.event.title.partition(phrase)
        if found and any(happenings.holds_office_in(t, views, p, after)
                         or p.split()[-1] in after or _role_in(t, views, p, after)
                         for p in third):
            return True
    return False


def _role_in(t: Catalog, views: Views, name: str, text: str) -> bool:
    """Whether a text names a person's role, or its first office ("Prime Minister of Malaysia"
    of "Prime Minister of Malaysia and ASEAN chair")."""
    person = next((p for p in views.dataset.people if p.name == name), None)
    if person is None:
        return False
    joined = t.get("words.office_and", "-")
    role = person.role.split(joined, 1)[0] if joined != "-" else person.role
    return role.strip().lower() in text.lower()
