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


def _countries(views: Views) -> dict[str, tuple[str, str]]:
    """The briefing's countries by id: (name, adjective)."""
    return {c.id: (c.name, c.adjective) for c in views.dataset.briefing.countries}


def country_of(views: Views, name: str) -> str | None:
    """The briefing country a person represents (their `country`), or None."""
    person = views.person(name)
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
    if kind in happenings.STRIFE:
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
    person = views.person(name)
    if person is None:
        return False
    joined = t.get("words.office_and", "-")
    role = person.role.split(joined, 1)[0] if joined != "-" else person.role
    return role.strip().lower() in text.lower()


def post(t: Catalog, views: Views, name: str, role: str | None) -> tuple[str, str]:
    """A person's office and the country it is of, from their role and `country:` ("Prime
    Minister of Cambodia" → ("Prime Minister", "Cambodia"); "Secretary of Economy" of a Mexican
    → ("Secretary of Economy", "Mexico"), the role whole where what follows its "of" is no
    country; "Prime Minister of Malaysia and ASEAN chair" of no briefing country → ("Prime
    Minister", "Malaysia")); ("", "") where the catalog reads no office (`words.office_of`)."""
    of = t.get("words.office_of", "-")
    if of == "-" or not role:
        return "", ""
    own = country_of(views, name)
    for c in views.dataset.briefing.countries:
        for n in (c.long_name, c.name):
            for said in (f"{of}{n}", f"{of}the {n}"):
                if said in role:  # "Minister of Defence of Indonesia": all before its country
                    return _first(t, role.split(said, 1)[0]), c.name
    if own is not None:  # "Minister of Foreign Affairs" of a Canadian: the role is the office
        return _first(t, role), _countries(views)[own][0]
    held = happenings.office(t, role)
    joined = t.get("words.office_and", "-")
    where = role.split(of, 1)[1] if held else ""
    where = where.split(joined, 1)[0].strip() if joined != "-" else where.strip()
    plain = where.removeprefix("the ")
    return held, (where if 0 < len(plain.split()) <= 3 and plain[:1].isupper() else "")


def introduce(t: Catalog, views: Views, name: str, role: str | None, country: bool) -> str:
    """A person's first mention, their office before the name ("Prime Minister Hun Manet"),
    with its country where `country` ("Cambodia's Prime Minister Hun Manet",
    `sentence.person.of_country`); the name alone where the catalog reads no office."""
    held, where = post(t, views, name, role)
    if not held or held.split()[-1].lower() in name.lower().split()[0].lower():
        return happenings.styled(t, name, role)
    if not country or not where:
        return t("sentence.person.styled", office=held, name=name)
    suffix = t.get("words.possessive", "-")
    where = where.removeprefix("the ")
    if suffix != "-":
        where += suffix[:-1] if where.endswith(suffix[-1]) else suffix
    return t("sentence.person.of_country", country=where, office=held, name=name)


def countries_shown(t: Catalog, views: Views, names: list[str], new: list[str]) -> set[str]:
    """The people of a list named with their country: a third country's always (a mediator, a
    witness), and those of the two countries it introduces (`new`) whose offices it would
    otherwise give alike ("Prime Minister A and Acting Prime Minister B" of two countries)."""
    shown = {p for p in names if country_of(views, p) is None}
    held = {p: post(t, views, p, views.role(p))[0] for p in names}
    for a in new:
        for b in new:
            if a < b and held[a] and held[b] and country_of(views, a) != country_of(views, b) \
                    and (held[a].endswith(held[b]) or held[b].endswith(held[a])):
                shown |= {a, b}
    return shown


def _first(t: Catalog, held: str) -> str:
    """An office as an editor introduces a person by it: the first of two ("Minister of Finance"
    of "Minister of Finance and National Revenue", `words.office_and`), of five words at most."""
    joined = t.get("words.office_and", "-")
    if joined != "-" and joined in held and len(held.split(joined, 1)[0].split()) > 1:
        held = held.split(joined, 1)[0]
    held = held.strip()
    return held if 0 < len(held.split()) <= 5 and "," not in held else ""
