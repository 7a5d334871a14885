"""What came of an event, told as what its parties did (issue 21m): "During the visit, the two
sides concluded negotiations on …", "They also created …", never "The visit resulted in A and B
and C". An outcome written as a noun phrase is read by the catalog's nominalisations
(`words.outcome_verbs`: "the conclusion of" → "concluded") or its head noun
(`words.outcome_heads`: an agreement is signed, a meeting held); outcomes of one verb share a
sentence, unrelated ones get their own. An outcome written as a clause stands as a sentence,
tied to the one document a signing signed ("Under the agreement, …"). What no rule reads is
told with the event's name ("The visit brought …") and `reportgen validate` names it.

Every word is the catalog's, one set per language; nothing here knows a dataset's words.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reportgen.report import happenings
from reportgen.report.catalog import Catalog
from reportgen.report.markup import escape
from reportgen.report.views import EventView
from reportgen.report.wording import Wording, Words, cap, unstopped

if TYPE_CHECKING:
    from reportgen.report.event_kinds import EventKinds
    from reportgen.report.event_text import EventTitles


def _unrelated(t: Catalog, text: str) -> str:
    """A noun phrase without its relative clause ("a joint declaration that committed the two
    countries to …" → "a joint declaration"), by the catalog's `words.relative`."""
    words = set(t.get("words.relative", "-").split()) - {"-"}
    kept = []
    for word in text.split():
        if word.strip(",").lower() in words:
            break
        kept.append(word)
    return " ".join(kept) or text


def _relative(t: Catalog, text: str) -> bool:
    """Whether a noun phrase ends in a relative clause after a comma ("the declaration, which
    opened …"): it closes its sentence, never "… which opened X and memoranda on Y"."""
    words = set(t.get("words.relative", "-").split()) - {"-"}
    return any(f", {w} " in text for w in words)


def verbal(t: Catalog, outcome: str) -> tuple[str, str] | None:
    """An outcome written as a noun phrase, read as what the parties did: (its verb, what they
    did it to) — "the conclusion of negotiations on X" → ("concluded", "negotiations on X"), "a
    bilateral meeting at P" → ("held", "a bilateral meeting at P"); None where the catalog
    reads no verb in it."""
    low = outcome.lower()
    if re.match(r"^\S+['’]s\s", outcome):  # "Japan's agreement to lend …": Japan's, not theirs
        return None
    for entry in t.get("words.outcome_verbs", "-").split("|"):
        noun, _, verb = (w.strip() for w in entry.partition("="))
        if noun and verb and noun != "-" and low.startswith(noun + " "):
            return verb, outcome[len(noun) + 1:]
    head = happenings.head_words(t, _unrelated(t, outcome)).split()
    last = head[-1].strip(",") if head else ""
    for entry in t.get("words.outcome_heads", "-").split("|"):
        nouns, _, verb = (w.strip() for w in entry.partition("="))
        if verb and last in nouns.split(","):
            return verb, outcome
    return None


class Outcomes(Wording):
    """An event's outcomes as sentences of who did what."""

    def __init__(self, words: Words, titles: EventTitles, kinds: EventKinds) -> None:
        super().__init__(words)
        self.titles, self.kinds = titles, kinds
        self.during = True  # whether the first sentence opens "During the visit, …"

    def clause(self, text: str) -> bool:
        return self.kinds.outcome_clause(text)

    def actors(self, e: EventView) -> str:
        """Who did what came of it: "the two leaders" after an opening that named two
        principals, one participant by name, else "the two sides"."""
        if self.kinds.principals == 2:
            return self.t("sentence.event.both")
        if len(e.participants) == 1:
            return escape(self.person(e.participants[0], self.titles.role(e.participants[0])))
        return self.t("sentence.event.sides")

    def named_in(self, e: EventView, text: str) -> bool:
        """Whether `text` names one of the event's participants (their names, as the view holds
        them) by any capitalised word of the name."""
        words = set(text.replace(",", " ").split())
        return any(w in words for name in e.participants for w in name.split() if w[:1].isupper())

    def _under(self, e: EventView, clause: str) -> str:
        """A clause outcome of a signing of one document: "Under the agreement, A may …"."""
        if happenings.kind(self.views, e) != "signing" or len(e.event.documents) != 1:
            return self.stop(escape(cap(clause)))
        name = self.views.names.get(e.event.documents[0], "")
        opening = {w.lower() for w in clause.split()[:2]}
        if not name or name.split()[-1].lower() in opening:  # "The agreement takes effect …"
            return self.stop(escape(cap(clause)))
        article = self.t("subject.the", label="").strip()
        if article and name.lower().startswith(article.lower() + " "):
            name = name[len(article) + 1:]
        return self.stop(cap(self.t("sentence.event.under", document=escape(name), clause=escape(
            self.words.run_in(unstopped(clause))))))

    def tell(self, e: EventView, opening: str) -> list[str]:
        """The opening, then what came of the event: the outcomes of one verb in one sentence
        ("During the visit, the two leaders signed A and B."), the next "They also …", what no
        verb is read for "The visit brought …", then the outcomes written as clauses."""
        t = self.t
        opening, joined = self.joined(opening, [o for o in e.outcomes if self.clause(o)])
        clauses = [o for o in e.outcomes if self.clause(o) and o not in
                   (self.kinds.said_clause, joined)]
        nouns = [unstopped(self.lower(o)) for o in e.outcomes if not self.clause(o)]
        nouns = [o for o in nouns if not self.said(opening, o)]
        listed = self.listed(e, opening, joined)
        if listed:  # "During the visit, the two leaders raised …, launched … and agreed to …"
            return [opening, listed]
        # In the order given, each verb's outcomes together at the place of its first.
        by_verb: dict[str, list[str]] = {}
        for o in nouns:
            verb, what = verbal(t, o) or ("", o)
            by_verb.setdefault(verb, []).append(what)
        # At most three to a sentence: "They also signed …" the rest.
        chunks = []
        for verb, objects in by_verb.items():
            chunk: list[str] = []
            for n, o in enumerate(objects, 1):  # a relative clause ends its sentence
                chunk.append(o)
                if len(chunk) == 3 or (_relative(t, o) and n < len(objects)):
                    chunks.append((verb, chunk))
                    chunk = []
            if chunk:
                chunks.append((verb, chunk))
        parts = [opening]
        head = self.titles.head(e.title)
        named = head != cap(t("sentence.event.it")) and self.during
        actors = self.actors(e)
        acted = False  # the sentence before was what the actors did
        for i, (verb, objects) in enumerate(chunks):
            if not verb:  # no verb read: named with the event
                key = "sentence.event.brought.also" if i else "sentence.event.brought"
                parts.append(self.stop(cap(t(key, event=escape(head), outcomes=escape(
                    self.fmt.names(objects))))))
                acted = False
                continue
            what, by, agents = objects[0].partition(t("words.by"))
            if len(objects) == 1 and by and what.strip() and self.named_in(e, agents):
                # "the signing of A by B": by whom, where B names a participant; else "by …" is
                # part of what ("visits by the speakers", "a group chaired by the ministries")
                parts.append(self.stop(cap(t("sentence.event.done_by", what=escape(what.strip()),
                                             verb=verb, agents=escape(agents.strip())))))
                acted = False
                continue
            did = escape(t("event.did", verb=verb, objects=self.fmt.names(objects)))
            if acted:  # "They" only after a sentence whose subject they were
                key, who = "sentence.event.did.also", t("sentence.event.they")
            else:
                key, who = ("sentence.event.did.during" if named else "sentence.event.did",
                            actors)
            parts.append(self.stop(cap(t(key, actors=who, did=did,
                                         event=escape(head[:1].lower() + head[1:])))))
            acted, named = True, False
        return parts + [self._under(e, c) for c in clauses]

    def joined(self, opening: str, clauses: list[str]) -> tuple[str, str]:
        """The opening with the first outcome whose subject is all who met ("the two sides
        agreed to …", `words.joint_subjects`), where the opening's subject is all of them: "A
        and B spoke by telephone on D and agreed to …"; and that outcome ("" for none)."""
        if not self.kinds.joint:
            return opening, ""
        for o in clauses:
            subject = self.joint_subject(o)
            if subject:
                said = self.t("sentence.event.and", opening=unstopped(opening),
                              predicate=escape(unstopped(o[len(subject) + 1:])))
                return self.stop(said), o
        return opening, ""

    def listed(self, e: EventView, opening: str, joined: str) -> str:
        """Two to four outcomes of the event's parties as one list of what they did, in the
        order given: clauses whose subject is all who met (`words.joint_subjects`) and noun
        phrases a verb reads ("the launch of A" → "launched A"); "" where any other outcome
        (a clause of its own subject, one no verb reads, a relative clause) needs its own
        sentence."""
        done: list[str] = []
        for o in e.outcomes:
            if o in (joined, self.kinds.said_clause):
                continue
            if self.clause(o):
                subject = self.joint_subject(o)
                if not subject:
                    return ""
                done.append(unstopped(o[len(subject) + 1:]))
                continue
            noun = unstopped(self.lower(o))
            if self.said(opening, noun):
                continue
            read = verbal(self.t, noun)
            if read is None or _relative(self.t, noun) or self.t("words.by") in read[1]:
                return ""
            done.append(self.t("event.did", verb=read[0], objects=read[1]))
        if not 2 <= len(done) <= 4 or not any(self.clause(o) for o in e.outcomes):
            return ""
        head = self.titles.head(e.title)
        during = head != cap(self.t("sentence.event.it")) and self.during
        key = "sentence.event.did.during" if during else "sentence.event.did"
        return self.stop(cap(self.t(key, actors=self.actors(e), did=escape(self.fmt.names(done)),
                                    event=escape(head[:1].lower() + head[1:]))))

    def joint_subject(self, outcome: str) -> str:
        """The subject an outcome opens with where it is all who met ("the two sides",
        `words.joint_subjects`), else ""."""
        subjects = [s for s in self.t.get("words.joint_subjects", "-").split("|") if s != "-"]
        return next((s for s in subjects if outcome.lower().startswith(s + " ")), "")

    def said(self, opening: str, outcome: str) -> bool:
        """Whether the opening says an outcome already ("signed the accord …" of "the signing
        of the accord")."""
        verb, what = verbal(self.t, outcome) or ("", "")
        return bool(verb) and f"{verb} {escape(what)}".lower() in opening.lower()


def unread(t: Catalog, outcomes: list[str]) -> list[str]:
    """The outcomes written as noun phrases that no catalog rule reads as what the parties did
    (for `reportgen validate`'s note)."""
    pattern = t.get("words.outcome_clause", "-")
    said = re.compile(r"(?!)" if pattern == "-" else pattern)
    return [o for o in outcomes if not said.search(o) and verbal(t, o) is None]
