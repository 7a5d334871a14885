"""An event with people told by what kind of event it was (happenings.kind), never as "During
the letter …, A and B met": a visit names its visitor, who went with them and whom they met; a
letter what it said; a speech what its speaker did; a press conference, a call, a signing, summit
or ceremony who took part. Then what the principals did of its outcomes ("The two leaders signed
A and B") and an outcome whose subject is the one who acted, joined to the opening ("X addressed
Y on D and reaffirmed …").

Every frame is the catalog's (`sentence.event.visit`, `sentence.event.letter`, …), one set per
language; nothing here knows a dataset's ids or words.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reportgen.report import event_sides, event_verbs, happenings
from reportgen.report.markup import escape
from reportgen.report.views import EventView
from reportgen.report.wording import Wording, Words, cap, names_in, unstopped

if TYPE_CHECKING:
    from reportgen.report.event_text import EventTitles


class EventKinds(Wording):
    """The opening of an event by its kind, and what its principals did of its outcomes."""

    def __init__(self, words: Words, titles: EventTitles) -> None:
        super().__init__(words)
        self.titles = titles
        # Of the event being told: how many principals its opening named ("the two leaders"),
        # and the outcome clause it said already.
        self.principals = 0
        self.said_clause = ""
        # Whether the opening's subject is all who met ("A and B spoke by telephone on D"): an
        # outcome of "the two sides" then joins it ("… and agreed to …", outcomes.py).
        self.joint = False
        # How long a visit lasted (figure id, "three-day"), and whether its opening said it.
        self.length: tuple[str, str] | None = None
        self.length_told = False

    def opening(self, e: EventView, title: str, when: str) -> str:
        """The event's opening by its kind, or "" where its kind does not say (then who met
        whom) or it has no one to name (then its title as a clause)."""
        self.principals, self.said_clause, self.joint = 0, "", False
        people = list(e.participants)
        if not people:
            return ""
        t, kind, actor = self.t, happenings.kind(self.views, e), self.titles.actor(e)
        others = [p for p in people if p != actor]
        if kind == "clash":  # fighting: who clashed, never who "attended" it
            return event_sides.clash(t, self.views, e, title, when)
        if kind == "visit" and actor and others:
            said = self._visit(e, actor, others, when)
            if said:
                return said
        if kind == "visit" and happenings.titled_kind(self.views, e) == "visit":
            said = _visited(self, e, actor, when)  # hosts never "attend": "A visited P on D …"
            if said:
                return said
        if kind == "letter" and len(people) > 1:
            return self._letter(e, actor or people[0], when)
        named = bool(actor and names_in(e.title, actor))  # by name, not by office
        if kind == "press_conference" and not named:
            key = "sentence.event.press_conference" + ("" if len(people) > 1 else ".one")
            return t(key, participants=self.titles.people(people), when=when)
        if kind == "call" and len(people) > 1:
            self.joint = True
            return t("sentence.event.call", participants=self.titles.people(people), when=when)
        if kind == "speech" and not actor:
            return t("sentence.event.speech", participants=self.titles.people(people),
                     title=title, when=when)
        if kind in ("signing", "summit", "ceremony") and not named:
            self.principals = len(people)
            return self._attended(e, kind, people, title, when)
        return ""

    def _attended(self, e: EventView, kind: str, people: list[str], title: str,
                  when: str) -> str:
        """Who signed, held or attended it: "A and B signed the agreement at P on D"; a summit
        of both countries "A and B held the 35th summit in P on D, joined by C" (its hosts, the
        first of each country; not one an organisation holds); else "A and B attended …"."""
        t = self.t
        signed = happenings.read_shape(t, "event.signing.shape", e.title)
        if kind == "signing" and signed and len(people) <= 2:  # more: some witnessed it
            return t("sentence.event.signed_at", participants=self.titles.people(people),
                     what=escape(self.lower(signed["what"])), when=when)
        witnesses = event_sides.third(self.views, people)
        if kind == "signing" and signed and witnesses and len(people) - len(witnesses) <= 2:
            signers = [p for p in people if p not in witnesses]  # the third country's witnessed
            self.principals = len(signers)  # its clauses stand: "Under the accord, …"
            said = t("sentence.event.signed_at", participants=self.titles.people(signers),
                     what=escape(self.lower(signed["what"])), when=when)
            return t("sentence.event.witnessed", opening=said,
                     others=self.titles.people(witnesses))
        country = {p.name: p.country for p in self.views.dataset.people}
        hosts: list[str] = []
        for p in people:  # the first of each country
            if country.get(p) is not None and country.get(p) not in {country[h] for h in hosts}:
                hosts.append(p)
        if kind == "summit" and len(hosts) == 2 and not e.event.organisations:
            self.principals, self.joint = 2, True
            rest = [p for p in people if p not in hosts]
            said = t("sentence.event.held_by", hosts=self.titles.people(hosts), title=title,
                     when=when)
            return t("sentence.event.joined_by", opening=said,
                     others=self.titles.people(rest)) if rest else said
        return t("sentence.event.attended", participants=self.titles.people(people),
                 title=title, when=when)

    def _visit(self, e: EventView, actor: str, others: list[str], when: str) -> str:
        """"X, accompanied by A, paid a state visit to C on D for talks with Y": the visitor,
        the people of their country and the others."""
        length = self.length[1] if self.length else ""
        said = self.titles.predicate(e, length=length)
        if said is None:
            return ""
        self.length_told = bool(length) and length in said[1]
        party, whom = happenings.sides(self.views, actor, others)
        key = "sentence.event.visit"
        if party:
            key += ".party" if whom else ".party_only"
        self.principals = 1 + len(whom)
        return self.t(key, who=said[0], predicate=said[1], when=when,
                      party=self.titles.people(party), whom=self.titles.people(whom))

    def _letter(self, e: EventView, sender: str, when: str) -> str:
        """"In a letter from X to Y on D, <its first outcome written as a clause>", else "X
        wrote to Y on D"."""
        values = {"who": escape(self.titles.naming(sender)), "when": when,
                  "whom": self.titles.people([p for p in e.participants if p != sender])}
        clause = next((o for o in e.outcomes if self.outcome_clause(o)), "")
        if not clause:
            return self.t("sentence.event.letter", **values)
        self.said_clause = clause
        return self.t("sentence.event.letter.clause", **values,
                      clause=escape(unstopped(self.words.run_in(clause))))

    def outcome_clause(self, text: str) -> bool:
        """Whether an outcome is written as a clause, who did what (`words.outcome_clause`)."""
        pattern = self.t.get("words.outcome_clause", "-")
        return (pattern != "-" and re.search(pattern, text) is not None) \
            or event_verbs.clause_outcome(self.t, text)

    def signings(self, outcomes: list[str], clauses: list[str]) -> None:
        """Outcomes "the signing of A", "the signing of B" (`words.signing_of`) as what the two
        principals did ("The two leaders signed A and B", first of the clauses), else as one
        outcome ("the signing of A and B"); in place."""
        signing = self.t.get("words.signing_of", "-")
        documents = [o[len(signing):] for o in outcomes
                     if signing != "-" and o.lower().startswith(signing)]
        if len(documents) < 2:
            return
        outcomes[:] = [o for o in outcomes if o[len(signing):] not in documents]
        listed = self.fmt.names(documents)
        if self.principals == 2:
            said = self.t("sentence.event.signed_by", actors=self.t("sentence.event.both"),
                          documents=listed)
            clauses.insert(0, said[:1].upper() + said[1:])
        else:
            outcomes.insert(0, self.t("sentence.event.signing_of", documents=listed))

    def joined(self, e: EventView, opening: str) -> str:
        """The opening of an event one person told, with an outcome clause whose subject is
        that person ("the president", their surname), which is then said: "X addressed Y on D
        and reaffirmed …"."""
        actor = self.titles.actor(e)
        if actor is None or len(e.participants) > 1 or self.said_clause:
            return opening
        role = self.titles.role(actor) or ""
        held = happenings.office(self.t, role)
        refer = {actor.split()[-1].lower()}
        if held:
            refer.add(self.t("sentence.person.role", role=held).lower())
        for o in e.outcomes:
            m = re.match(r"((?:\S+\s){1,3}?)([a-z]+ed\b.*)$", o)
            if m and self.outcome_clause(o) and m.group(1).strip().lower() in refer:
                self.said_clause = o
                return self.t("sentence.event.and", opening=opening,
                              predicate=escape(unstopped(m.group(2))))
        return opening

    def named_body(self, e: EventView) -> bool:
        """Whether a meeting's title names something of its own (a council, a commission),
        beyond its people, places and the two countries."""
        roles = [self.titles.role(p) or "" for p in e.participants]  # "the Emir of Qatar"
        known = {w for n in [*e.participants, *roles, *(self.views.names.get(p, "")
                                                       for p in e.places)] for w in n.split()}
        for c in self.views.dataset.briefing.countries:
            known |= {w for n in (c.name, c.adjective, c.long_name) for w in n.split()}
        words = [w.strip(",.()") for w in self.lower(e.title).split()]
        return any(w[:1].isupper() and w not in known and not any(
            w.startswith(k) for k in known if len(k) > 4) for w in words[1:])

    def same_people(self, e: EventView, part: EventView) -> str:
        """The opening of a session or summit the event's two principals held on its day: "The
        same day, the two leaders held the first session of …" (named once, at the event); ""
        for any other part."""
        if len(e.participants) != 2 or set(part.participants) != set(e.participants) \
                or happenings.kind(self.views, part) not in ("summit", "meeting") \
                or not part.event.period.single or part.event.period != e.event.period:
            return ""
        self.principals = 2
        return self.t("sentence.event.same_people", when_cap=escape(cap(self.t("when.same_day"))),
                      actors=self.t("sentence.event.both"),
                      title=escape(self.titles.title(part.title)))


def _visited(self: EventKinds, e: EventView, actor: str | None, when: str) -> str:
    """A visit no title shape reads, by its people's countries: "A and B visited P on D for
    talks with C" (the hosts, of the country it went to); "" where the countries do not
    tell."""
    sides = event_sides.visit_sides(self.t, self.views, e, actor)
    if sides is None:
        return ""
    visitors, hosts = sides
    places = [n for n in (self.views.names.get(p, "") for p in e.places) if n]
    to = event_sides.destination(self.t, self.views, e.event.title)
    where = places[0] if places else next(
        (c.name for c in self.views.dataset.briefing.countries if c.id == to), "")
    if not where:
        return ""
    self.principals = len(visitors) + len(hosts) if len(visitors) == len(hosts) == 1 else 0
    return self.t("sentence.event.visited", visitors=self.titles.people(visitors),
                  where=escape(where), when=when, hosts=self.titles.people(hosts))
