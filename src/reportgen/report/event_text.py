"""An event told as what happened: its title read as a subject or a clause (`EventTitles`), then
who met, where and when, what number of its kind it was, what came of it, its parts and the
metrics of its period (`EventText`; which event was part of which: happenings.py).
"""

from __future__ import annotations

import dataclasses
import re

from reportgen.dataset.fields import Period
from reportgen.report import event_sides, event_verbs, happenings, title_deeds
from reportgen.report.catalog import Catalog
from reportgen.report.event_figures import EventFigures
from reportgen.report.event_kinds import EventKinds
from reportgen.report.markup import escape
from reportgen.report.metric_text import MetricTerms, MetricText
from reportgen.report.outcomes import Outcomes, verbal
from reportgen.report.together import Together
from reportgen.report.views import EventView, Views
from reportgen.report.wording import Wording, Words, bare, cap, names_in, unstopped


class EventTitles(Wording):
    """An event's title as a sentence uses it: its subject, its head word named again, who it
    names, and the catalog's shapes that read it as who did what."""

    def __init__(self, words: Words) -> None:
        super().__init__(words)
        self.last_day: Period | None = None  # the day of the event told before
        # A count the event's own verb may tell (figure id, verb, noun, value), and its id once
        # told in the event's sentence ("The first 12 migrants … were returned …").
        self.count: tuple[str, str, str, str] | None = None
        self.count_told = ""
        # The deeds the event's title told (their predicates) and their doer, that an outcome
        # does not say again (title_deeds.repeats).
        self.deeds_told: tuple[list[str], str] = ([], "")

    def opens_with_name(self, title: str) -> bool:
        """Whether a title opens with a name of the dataset ("President Firefly at …")."""
        second = title.split(" ")[1:2]
        return self.lower(title) == title and (
            bare(title.split(" ")[0]) in self.words.proper()
            or bool(second and bare(second[0]) in self.words.proper()))

    def title(self, title: str) -> str:
        """An event's title as the subject of a sentence: "the state visit by …"."""
        words = title.split(" ")
        # A name's possessive among its first words: "Prime Minister Carney's visit to …".
        owner = next((w for w in words[:4] if w.endswith(("'s", "’s"))), None)
        if self.opens_with_name(title) or (owner and self.lower(title) == title
                                           and bare(owner) in self.words.proper()):
            shown = title  # it opens with a name: "President Firefly at …"
        else:
            shown = self.t("sentence.event.the", title=self.lower(title))
        # A title that ends with its place ("…, Khiva") closes the apposition before the date.
        return self.t("sentence.event.apposition", title=shown) if ", " in title else shown

    def numbered(self, title: str, ordinal: str) -> str:
        """An event's title with the ordinal that counts it: "the 35th Spanish–Portuguese
        summit in Faro"."""
        shown = self.t("sentence.event.ordinal", ordinal=ordinal, label=self.lower(title))
        return self.t("sentence.event.apposition", title=shown) if ", " in title else shown

    def head(self, title: str) -> str:
        """The event named again, briefly: "the official visit of …" → "The visit"; else the
        catalog's word for it ("It")."""
        ends = set(self.t.get("words.title_ends", "").split()) - {"-"}
        head = ""
        kinds = {w for k in happenings.KINDS for phrase in self.t.get(f"words.kind.{k}", "-")
                 .split("|") for w in phrase.split()}
        if ends and not self.opens_with_name(title):
            for word in self.lower(title).split():
                if word.strip(",") in ends:
                    break
                if head not in kinds:  # "first visit abroad by …": the visit
                    head = word.strip(",")
                if word.endswith(","):
                    break
        if head.replace("-", "").isalpha() and head.islower():
            return cap(self.t("sentence.event.head", head=head))
        return cap(self.t("sentence.event.it"))

    def role(self, name: str) -> str | None:
        return self.views.role(name)

    def host(self, name: str, title: str) -> str:
        """A person the event's title names, named again briefly: by a short office ("the
        Prime Minister of India"), else as the title styles them ("President Kassym-Jomart
        Tokayev" → "President Tokayev")."""
        brief = self.person(name, self.role(name))
        if brief != name:
            return brief
        *given, surname = name.split()
        styled = re.search(r"((?:[A-Z][\w-]*\s){1,2}?)(?:" + re.escape(" ".join(given))
                           + r"\s)?" + re.escape(surname), title) if given else None
        return f"{styled.group(1)}{surname}" if styled else name

    def clause(self, e: EventView, when: str, kind: str = "clause") -> str:
        """An event's title read as who did what, by the catalog's shapes ("Official visit by
        A to C" → "A paid an official visit to C on D"; `kind` "point": "A visits C"), or ""
        where no shape reads it."""
        said = self.predicate(e, kind)
        if said is None:
            return ""
        return self.say(kind, *said, when)

    def say(self, kind: str, who: str, predicate: str, when: str) -> str:
        text = self.t(f"event.{kind}", who=who, predicate=predicate, when=when)
        return re.sub(r" {2,}", " ", text).strip()

    def predicate(self, e: EventView, kind: str = "clause", whom: str = "",
                  length: str = "") -> tuple[str, str] | None:
        """Who (escaped) and what they did, from the first catalog shape that reads the title;
        `whom`: people met besides those the title names ("met B and the committee")."""
        read = happenings.read_title(self.t, e.title)
        if read is None or "who" not in read.slots:
            return None
        slots: dict[str, str] = {}
        for name, text in read.slots.items():
            if e.title.lower().startswith(text.lower()):  # "Official" → "official"
                text = self.lower(text)
            if name == "kind" and length:  # "a three-day state visit"
                text = self.t("event.lasting", length=length, kind=text)
            slots[name] = escape(text)
            slots[f"{name}_a"] = escape(happenings.article(self.t, text))
        if whom and "whom" in slots:
            slots["whom"] = self.fmt.names([whom, slots["whom"]])
        actor = self.actor(e)
        if kind == "clause" and actor and not names_in(read.slots["who"], actor) \
                and happenings.holds_office_in(self.t, self.views, actor, read.slots["who"]):
            slots["who"] = escape(self.naming(actor))  # "the French President" → his name
        return slots["who"], self.t(f"event.{kind}.{read.shape}", **slots)

    def actor(self, e: EventView) -> str | None:
        """The participant the event's title names first: by name, else by office ("Letter
        from the French President …": the President of France)."""
        found, low = [], e.title.lower()
        for p in e.participants:
            if names_in(e.title, p):
                words = [w for w in p.split() if len(w) > 2 and w in e.title]
                found.append((False, min((e.title.index(w) for w in words), default=0), p))
            elif happenings.holds_office_in(self.t, self.views, p, e.title):
                role = self.role(p) or ""
                held = happenings.office(self.t, role).lower() or role.lower()
                found.append((True, low.find(held), p))
        return min(found)[2] if found else None

    def naming(self, name: str, country: bool = False) -> str:
        """A person as an event names them: in full with their office the first time
        ("President Emmanuel Macron", with its country where `country`: "Cambodia's Prime
        Minister Hun Manet"), then briefly ("the President of France")."""
        if name not in self.words.mentioned:
            self.words.mentioned.add(name)
            return event_sides.introduce(self.t, self.views, name, self.role(name), country)
        return self.person(name, self.role(name))

    def people(self, names: list[str]) -> str:
        shown = event_sides.countries_shown(self.t, self.views, names, [
            p for p in names if p not in self.words.mentioned])
        return escape(self.fmt.names([self.naming(p, p in shown) for p in names]))

    def happened(self, e: EventView, when: str) -> tuple[str, bool]:
        """An event with no one else to name: its title read as a clause ("A paid an official
        visit to C on D"), a headline in the past tense ("Algeria withdrew its ambassador from
        France the same day"), a signing "The agreement … was signed in December 2024", else
        "The … was held on D"; and whether it named who took part."""
        past = happenings.past_headline(self.t, e.title)
        if past is not None and happenings.kind(self.views, e) != "clash":
            if e.event.period == self.last_day and e.event.period.single:
                when = escape(self.t("when.same_day"))
            return self.t("sentence.event.headline", text=escape(past), when=when), True
        clause = self.clause(e, when)
        if clause:
            return clause, True
        if happenings.kind(self.views, e) == "clash":  # never "Armed clashed", "… was held"
            return event_sides.clash(self.t, self.views, e, escape(self.title(e.title)), when), \
                True
        signed = happenings.read_shape(self.t, "event.signing.shape", e.title)
        if signed and happenings.kind(self.views, e) == "signing":
            what = self.lower(signed["what"])
            key = "sentence.event.signed.plural" if happenings.plural(self.t, what) else \
                "sentence.event.signed"
            return cap(self.t(key, what=escape(what), when=when)), False
        deed = event_verbs.told(self, e.title, when)
        if deed:
            return deed, False
        deeds = self.deeds(e, when)
        if deeds:
            return deeds, True
        plural = set(self.t.get("words.plural_heads", "-").split()) - {"-"}
        ends = set(self.t.get("words.title_ends", "-").split()) - {"-"}
        head = ""
        for word in e.title.split():
            if word.strip(",").lower() in ends:
                break
            head = word.strip(",").lower()
            if word.endswith(","):
                break
        return event_sides.plain(self.t, self.views, e, escape(self.title(e.title)), when,
                                 head in plural), False

    def deeds(self, e: EventView, when: str) -> str:
        """An event's title read as who did what (title_deeds.py): "Polish farmers held a
        general strike and blocked checkpoints on the border on D"; the title's own doer, else
        its participants; "" where none is read (the summary may call this too)."""
        read = title_deeds.read(self.t, e.title, len(e.participants) > 1)
        if read is None or not (read.agent or e.participants):
            return ""
        who = escape(read.agent) if read.agent else self.people(list(e.participants))
        self.deeds_told = ([title_deeds.past(self.t, d.predicate) for d in read.deeds],
                           read.agent or " ".join(e.participants))
        said = self.fmt.names([escape(title_deeds.told(self.t, d)) for d in read.deeds])
        return self.say("clause", who, said, when)

    def during(self, e: EventView) -> str:
        """The event named again for "During …": "the visit", else its title."""
        head = self.head(e.title)
        if head == cap(self.t("sentence.event.it")):
            return escape(self.title(e.title))
        return escape(head[:1].lower() + head[1:])


class EventText(Wording):
    """An event's sentences, each metric that measures it told once, with the first event."""

    def __init__(self, words: Words, titles: EventTitles, terms: MetricTerms,
                 metrics: MetricText) -> None:
        super().__init__(words)
        self.titles, self.terms, self.metrics = titles, terms, metrics
        self.kinds = EventKinds(words, titles)
        self.outcomes = Outcomes(words, titles, self.kinds)
        self.told: set[str] = set()  # metrics an event has told
        self.figures = EventFigures(words, titles, terms, metrics, self.kinds, self.told)

    def _opening(self, e: EventView, title: str, when: str) -> tuple[str, bool]:
        """Who took part, where and when: "During the official visit of Prime Minister … on
        13–14 February 2024, the Prime Minister of India met …"; and whether it named anyone.
        A person the title names is named briefly (the title named them in full)."""
        t = self.t
        by_kind = self.kinds.opening(e, title, when)
        if by_kind:
            return by_kind, True
        hosts = [p for p in e.participants if names_in(e.title, p)]
        others = [p for p in e.participants if p not in hosts]
        self.words.mentioned.update(hosts)
        if not others or others == [self.titles.actor(e)]:
            return self.titles.happened(e, when)
        if not hosts and _headline(self.views, t, e):  # "Peru declared …", never "A took
            return self.titles.happened(e, when)  # part in the Peru declares …"
        if self.titles.opens_with_name(e.title) and not hosts:  # "Greek delegation to …"
            return t("sentence.event.took_part", participants=self.titles.people(others),
                     title=t("sentence.event.the", title=title), when=when), True
        if self.titles.opens_with_name(e.title):  # "President Firefly at the summit …"
            people = escape(self.fmt.names(list(e.participants)))
            return t("sentence.event.with_participants", title=title, when=when,
                     participants=people), True
        return self._met(e, title, when, hosts, others), True

    def _met(self, e: EventView, title: str, when: str, hosts: list[str],
             others: list[str]) -> str:
        """A meeting told once, by who met whom, where and when ("A met B in P on D"; a named
        meeting "A and B held the … Ministerial Meeting on D"), never "During the meeting of A
        with B, A met B"; any other event by who attended it ("A and B attended the closing of
        the forum on D")."""
        t = self.t
        third = event_sides.third(self.views, list(e.participants))
        if third and not hosts and happenings.kind(self.views, e) == "meeting":
            return _third(self, e, when, [p for p in others if p not in third], third)
        named = self.titles.people(others)
        if happenings.kind(self.views, e) != "meeting":
            return t("sentence.event.with_participants.one", title=title, when=when,
                     participants=named)
        where = self.where(e)
        read = self.titles.predicate(e, whom=named) if hosts else None
        if read is not None and read[1] != self.titles.predicate(e, whom="")[1]:  # type: ignore[index]
            return self.titles.say("clause", read[0], read[1], f"{where} {when}")
        if self.kinds.named_body(e) and len(e.participants) > 1:  # "… met at the Council of …"
            # Named once, with their offices: those the title does not name are named already.
            people = named if not hosts else self.titles.people(list(e.participants))
            if happenings.titled_kind(self.views, e) == "meeting":
                return t("sentence.event.held_by", hosts=people, title=title, when=when)
            return t("sentence.event.took_part", participants=people, title=title, when=when)
        if hosts:  # "A met B in P on D and discussed …": the two did what came of it
            self.kinds.joint = True
            host = escape(self.fmt.names([self.titles.host(p, e.title) for p in hosts]))
            return re.sub(" {2,}", " ", t("sentence.event.met_in", host=host,
                                          participants=named, where=where, when=when))
        if len(others) > 1:
            self.kinds.joint = True
            return re.sub(" {2,}", " ", t("sentence.event.met_all_in", participants=named,
                                          where=where, when=when))
        return t("sentence.event.with_participants.one", title=title, when=when,
                 participants=named)

    def where(self, e: EventView) -> str:
        """ "in P" for the places of an event, else ""."""
        places = [n for n in (self.views.names.get(p, "") for p in e.places) if n]
        return escape(self.t("event.where", place=self.fmt.names(places))) if places else ""

    def _outcomes(self, e: EventView, opening: str, when: str, named: bool) -> list[str]:
        """The opening, then what came of the event as what its parties did (outcomes.py); an
        event that names no one, by its title: "The visits to … in 2031 brought …"."""
        nouns = [unstopped(self.lower(o)) for o in e.outcomes if not self.kinds.outcome_clause(o)]
        if named or all(verbal(self.t, o) for o in nouns):  # "During the summit, the two …"
            return self.outcomes.tell(e, opening)
        told = self.stop(cap(self.t("sentence.event.outcomes", title=escape(self.titles.title(
            e.title)), when=when, outcomes=escape(self.fmt.names(nouns)))))
        rest = self.outcomes.tell(dataclasses.replace(e, outcomes=[
            o for o in e.outcomes if self.kinds.outcome_clause(o)]), told)
        return rest

    def event(self, e: EventView) -> str:
        """An event told as what happened: who met, where and when; what number of its kind it
        was; what came of it; the other figures that measure it; then what happened during it
        (its parts, each with its own day) and the figures of its period ("During the visit,
        …")."""
        parts = self._told(e, self.when(e.period, e.event.period))
        during = self._parts(e, parts)
        # After "During the visit, A met B." its figures need no "during the visit" again.
        dated = not during or not during[-1].startswith(cap(self.t(
            "sentence.event.during", event=self.titles.during(e), clause="")).rstrip(", ，"))
        parts += during + self.figures.period_figures(e, dated)
        return self.join(parts)

    def _told(self, e: EventView, shown: str, opening: str = "") -> list[str]:
        """An event's own sentences: its opening (or the one given), ordinals, outcomes,
        anniversary and the figures it lists."""
        when = escape(shown)
        if e.participants:  # "Inauguration of A, attended by B": B is told as who attended
            e = dataclasses.replace(e, title=happenings.bare_title(self.t, e.title))
        folded = self.figures.folded(e)  # "the 35th … summit": its ordinal said in its title
        named = True
        if not opening:
            title = self.titles.numbered(e.title, folded[0]) if folded else \
                self.titles.title(e.title)
            self.titles.count, self.titles.count_told = self.figures.deed_count(e), ""
            self.kinds.length = self.figures.lasting(e)
            self.titles.deeds_told = ([], "")  # of this event's opening, not another's
            opening, named = self._opening(e, escape(title), when)
            self.titles.count = None
            said, doer = self.titles.deeds_told
            e = dataclasses.replace(e, outcomes=[o for o in e.outcomes
                                                 if not title_deeds.repeats(said, doer, o)])
            self.titles.deeds_told = ([], "")
            opening = self.kinds.joined(e, opening)
        self.titles.last_day = e.event.period
        opening = self.stop(cap(opening))
        ordinals = self.figures.ordinals(e)
        # Said once, with the first event it measures; related ones in one sentence (a
        # delegation's counts, the agreements signed with what they are worth: together.py).
        figures = [self.views.metrics[m] for m in dict.fromkeys(e.metrics)
                   if m in self.views.metrics and m not in self.told]
        self.told.update(x.id for x in figures)
        together = Together(self.metrics)
        merged_first: list[str] = []
        if self.kinds.length and self.kinds.length_told:  # "paid a three-day visit"
            figures = [x for x in figures if x.id != self.kinds.length[0]]
            merged_first.append(self.kinds.length[0])
        self.kinds.length, self.kinds.length_told = None, False
        if self.titles.count_told:  # told in the opening, by the event's own verb
            self.told.add(self.titles.count_told)
            merged_first.append(self.titles.count_told)
            figures = [x for x in figures if x.id != self.titles.count_told]
            self.titles.count_told = ""
        counted = [x for x in figures if not together.is_length(x)]
        own = [x for x in counted if happenings.belongs(x.metric.period, e.event.period)
               and not x.metric.sentence]
        e, merged = self.figures.merged(e, own)
        counts = self.figures.counts(e, [x for x in own if x.id not in merged])
        self.outcomes.during = not counts  # "During the summit, …" said once
        parts = self._outcomes(e, opening, when, named)
        parts[0] += self.cite(e.id, *folded[1:], *merged_first, *merged)
        parts[1:1] = ordinals + counts
        if e.event.anniversary and e.commemorates:
            parts.append(self.stop(self.t("sentence.event.anniversary", ordinal=self.fmt.ordinal(
                e.event.anniversary), commemorates=escape(e.commemorates))))
        # How long it lasted, of the event: "The visit lasted three days."
        parts += [together.length(x, self.titles.head(e.title)) for x in figures
                  if together.is_length(x)]
        parts += together.sentences([x for x in counted if x not in own])
        return parts

    def _parts(self, e: EventView, told: list[str]) -> list[str]:
        """What happened during an event, after it: a part on a day of its own "On 2 July
        2024, …"; parts over the whole event in one sentence, "During the visit, A met B and
        addressed C"; a part with people or outcomes of its own told in full."""
        out, during, cites = [], [], []
        whole: list[tuple[str, str]] = []  # (who, predicate) of parts over the whole event
        for part in self.plan.parts(e.id, self.views):
            again = self.figures.told_by(e, part)  # its signing, told by its outcomes
            if again:
                told[0] += self.cite(*again)
                continue
            clause = "" if part.participants else self.titles.clause(part, "")
            held = self.kinds.same_people(e, part)
            if held:  # "The same day the two leaders held the first session of …"
                out += self._told(part, "", held)
                continue
            if not clause:
                out += self._told(part, self.when(part.period, part.event.period))
                continue
            if part.event.period != e.event.period:
                opening = self.t("sentence.event.part", clause=clause, when_cap=escape(cap(
                    self.when(part.period, part.event.period))))
                out += self._told(part, self.when(part.period, part.event.period), opening)
                continue
            if part.outcomes or part.metrics:
                opening = self.t("sentence.event.during", event=self.titles.during(e),
                                 clause=clause)
                out += self._told(part, "", opening)
                continue
            whole.append(self.titles.predicate(part) or ("", clause))
            cites.append(part.id)
        if whole:
            if len({w for w, _ in whole}) == 1:  # one subject: "A met B and addressed C"
                said = self.titles.say("clause", whole[0][0], self.fmt.names([p for _, p in whole]),
                                  "")
            else:
                said = self.fmt.names([self.titles.say("clause", w, p, "") for w, p in whole])
            during.append(self.stop(self.t("sentence.event.during", event=self.titles.during(e),
                                           clause=said)) + self.cite(*cites))
        return out + during


def _third(self: EventText, e: EventView, when: str, met: list[str], third: list[str]) -> str:
    """A meeting of the two countries with a third country's people, who chaired it or
    joined it, never listed among who met: "A and B met in P on D in talks chaired by C"."""
    said = re.sub(" {2,}", " ", self.t("sentence.event.met_all_in", where=self.where(e),
                                       when=when, participants=self.titles.people(met)))
    chaired = event_sides.chaired(self.t, self.views, e, third)
    key = "sentence.event.chaired_by" if chaired else "sentence.event.joined_by"
    # "… chaired by C and agreed to …" reads; "… joined by C and D and agreed" would not.
    self.kinds.principals, self.kinds.joint = len(met), len(third) == 1
    return self.t(key, opening=said, others=self.titles.people(third))


def _headline(views: Views, t: Catalog, e: EventView) -> bool:
    """A title written as a headline whose subject is a country or an entity of the dataset
    ("Peru declares …", "The United States closes …"), not a noun phrase whose plural reads as
    a verb ("Ceasefire talks in …")."""
    countries = views.dataset.briefing.countries
    known = {*views.names.values(), *(c.name for c in countries)}
    lead = t("subject.the", label="").strip()
    opens = any(e.title.startswith((f"{n} ", f"{lead} {n} ")) for n in known)
    return opens and happenings.kind(views, e) != "clash" \
        and happenings.past_headline(t, e.title) is not None
