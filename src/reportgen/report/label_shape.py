"""What a count's or a share's label says, read as a sentence (issue 21l): the counted things
and what they do ("Military personnel taking part in Exercise X" → "more than 2,000 military
personnel took part in Exercise X"), where they go ("visitors to Y" → "… came to Y"), what has
them ("Ministers in the Portuguese delegation" → "the Portuguese delegation had 12 ministers"),
and who holds a share of what ("Spain's share of Portuguese exports" → "Spain accounted for
25.8% of Portuguese exports").

The words that mark each shape are the edition catalog's (`words.count.*`, `words.share.*`), so
a label is read in its own language, and a language whose catalog gives none keeps the plain
frames. Nothing here knows a dataset: a label is split only where the catalog's words say.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

NONE = "-"  # a catalog's word list that is empty


@dataclass(frozen=True)
class Shape:
    """A label as a sentence's parts: its `kind` (the frame `sentence.figure.count.<kind>` or
    `sentence.figure.share.<kind>`), the counted things or the share's holder (`head`), what
    follows (`rest`), and for a clause, the words it opens with (`lead`)."""

    kind: str
    head: str
    rest: str
    lead: str = ""


class LabelWords:
    """The catalog's words that mark a label's shape, read once."""

    def __init__(self, get: Callable[[str, str], str]) -> None:
        def words(key: str) -> set[str]:
            text = get(key, NONE)
            return set() if text.strip() == NONE else set(text.lower().split())

        self.came = words("words.count.came")  # "to from": visitors to Sylvania
        self.had = words("words.count.had")  # "of in on": ministers in the delegation
        self.owner = words("words.count.owner")  # "the": … in the delegation
        self.ongoing = words("words.count.ongoing")  # "ing": personnel taking part
        self.done = words("words.count.done")  # "ed": bridges planned on …
        self.participles = words("words.count.participles")  # "built held …"
        self.who = words("words.count.who")  # "that who": companies that operate …
        self.whose = words("words.count.whose")  # "whose"
        self.which = words("words.count.which")  # "which whom": products on which …
        self.be = words("words.count.be")  # "was were": whose construction was agreed
        self.prepositions = words("words.count.prepositions")  # where a clause takes "on N …"
        self.of = words("words.count.of")  # "of": meetings of ministers planned …
        self.stop = words("words.count.stop")  # "the a an": past it, no verb of the things
        self.not_verbs = words("words.count.not_verbs")  # "during including …"
        past = get("words.count.past", NONE)
        self.past = {} if past.strip() == NONE else dict(
            pair.split("=", 1) for pair in past.split(";") if "=" in pair)
        self.share = get("words.share.of", NONE).strip()  # "share of"
        self.share_as = get("words.share.as", NONE).strip()  # "as a share of"

    def participle(self, word: str) -> bool:
        """A word that reads as a past participle: "planned", "built" (never a name)."""
        w = word.lower()
        return word == w and w not in self.not_verbs and (
            w in self.participles or any(w.endswith(s) and len(w) > len(s) + 2
                                         for s in self.done))

    def ongoing_word(self, word: str) -> bool:
        """A word that reads as a present participle: "taking", "training" (not "during")."""
        w = word.lower()
        return word == w and w not in self.not_verbs and any(
            w.endswith(s) and len(w) > len(s) + 2 for s in self.ongoing)


def _possessive(word: str) -> bool:
    return word.endswith(("'s", "’s", "s'", "s’"))


def count_shape(label: str, noun: str | None, words: LabelWords,
                rate: bool = False) -> Shape | None:
    """A count's label read as the counted things (up to the noun's last word, within the
    label's first five words) and what the rest says of them; None where no word of the
    catalog marks the rest (the plain frame then tells it). A `rate` of things done by
    something ("Bilateral exercises of the two air forces", three a year) is what it had."""
    if not noun:
        return None
    parts = label.split()
    last = noun.split()[-1].lower()
    at = next((i for i, w in enumerate(parts[:5]) if w.lower().strip(",") == last), None)
    if at is None:
        return _had_by_words(parts, words)
    if at == len(parts) - 1:
        return None
    head = " ".join(parts[:at + 1])
    owned = words.had | (words.of if rate else set())
    if parts[at + 1].lower() in owned and len(parts) > at + 2 and (
            parts[at + 2].lower() in words.owner or _possessive(parts[at + 2])):
        return Shape("had", head, " ".join(parts[at + 2:]))  # the delegation had 12 ministers
    if parts[at + 1].lower() in words.came:
        return Shape("came", head, " ".join(parts[at + 1:]))  # visitors came to Sylvania
    if parts[at + 1].lower() in words.whose:
        return _whose(head, parts[at + 2:], words)
    if parts[at + 1].lower() in words.who:
        return Shape("did", head, " ".join(parts[at + 2:]))  # companies that operate in …
    return _verb(parts, at, words)


def _had_by_words(parts: list[str], words: LabelWords) -> Shape | None:
    """A count whose noun its label does not repeat, of things that something has ("Italian
    prison guards, police, soldiers and carabinieri in the centres", `noun: Italian staff`):
    the label's own things, before the last "in the …" that ends it → "the centres had 500
    Italian prison guards, police, soldiers and carabinieri"."""
    at = next((i for i in range(len(parts) - 2, 0, -1) if parts[i].lower() in words.had
               and (parts[i + 1].lower() in words.owner or _possessive(parts[i + 1]))), None)
    if at is None or at > 10 or any(words.participle(w) or words.ongoing_word(w)
                                    for w in parts[:at]):
        return None
    return Shape("had", " ".join(parts[:at]), " ".join(parts[at + 1:]))


def _verb(parts: list[str], at: int, words: LabelWords) -> Shape | None:
    """The counted things (`parts` up to `at`, and a few words more) and what they did or
    what was done to them, from the first verb of the label: "… took part in …", "… were
    planned on …", "Products on which A cut tariffs" → "A cut tariffs on N products"."""
    for j in range(at + 1, min(len(parts), at + 6)):
        word, rest = parts[j].lower(), " ".join(parts[j:])
        if word in words.which and j == at + 2 and parts[j - 1].lower() in words.prepositions:
            if j + 1 >= len(parts):
                return None
            return Shape("clause", " ".join(parts[:at + 1]), " ".join(parts[j + 1:]),
                         lead=parts[j - 1])
        if word in words.stop or (j > at + 1 and parts[at + 1].lower() not in words.of):
            return None  # only the things' own complement before the verb ("… of ministers")
        if words.ongoing_word(word):
            full = " ".join(parts[:j])
            for doing, did in words.past.items():
                if rest.lower().startswith(doing.lower() + " ") or rest.lower() == doing.lower():
                    return Shape("did", full, did + rest[len(doing):])
            return Shape("were", full, rest)
        if words.participle(word):
            return Shape("were", " ".join(parts[:j]), rest)
    return None


def _whose(head: str, parts: list[str], words: LabelWords) -> Shape | None:
    """"International bridges whose construction was agreed at the summit": the owned noun
    ("construction") and what was done to it ("was agreed at the summit")."""
    at = next((i for i, w in enumerate(parts) if w.lower() in words.be), None)
    if not at or at == len(parts) - 1:
        return None
    return Shape("whose", head, " ".join(parts[at:]), lead=" ".join(parts[:at]))


def clause_with(clause: str, inserted: str, words: LabelWords) -> str:
    """A relative clause with the count put where an editor puts it: before the clause's first
    preposition after its verb and object ("Australia removed tariffs | under the agreement"),
    else at its end."""
    parts = clause.split()
    at = next((i for i, w in enumerate(parts) if i >= 2 and w.lower() in words.prepositions),
              len(parts))
    return " ".join([*parts[:at], inserted, *parts[at:]])


def share_shape(label: str, words: LabelWords) -> Shape | None:
    """A share's label read as who holds it and what it is a share of: "Spain's share of
    Portuguese exports" → ("held", "Spain", "Portuguese exports"); "Bilateral trade as a share
    of Portugal's GDP" → ("equal", "Bilateral trade", "Portugal's GDP"); "Share of Indonesia's
    tariff lines cut under …" → ("whole", "", "Indonesia's tariff lines cut under …")."""
    low = label.lower()
    if words.share_as and f" {words.share_as.lower()} " in low:
        at = low.index(f" {words.share_as.lower()} ")
        return Shape("equal", label[:at], label[at + len(words.share_as) + 2:])
    if not words.share:
        return None
    key = words.share.lower()
    if low.startswith(key + " "):
        return Shape("whole", "", label[len(key) + 1:])
    if f" {key} " in low:
        at = low.index(f" {key} ")
        holder = label[:at]
        if not _possessive(holder) or len(holder.split()) > 5:
            return None
        owner = holder[:-1] if holder.endswith(("s'", "s’")) else holder[:-2]
        return Shape("held", owner, label[at + len(key) + 2:])
    return None


def whole_were(whole: str, words: LabelWords) -> tuple[str, str] | None:
    """What a share is of, split at its participle: "Indonesia's tariff lines cut under the
    agreement" → ("Indonesia's tariff lines", "cut under the agreement"), to read "94.5% of
    Indonesia's tariff lines were cut under the agreement"."""
    parts = whole.split()
    for j, word in enumerate(parts[1:6], 1):
        if words.participle(word):
            return " ".join(parts[:j]), " ".join(parts[j:])
    return None


def shared_lead(before: str, subject: str, adjectives: list[str], heads: list[str]) -> str:
    """A later subject without the words it shares with the one before, where that is safe:
    the words up to a shared preposition ("Japan's share of Philippine exports …, and of
    Philippine imports …"), or the adjective of the same country ("South Korean exports …,
    and imports …")."""
    words, others = subject.split(), before.split()
    shared = 0
    while shared < min(len(words), len(others)) - 1 and words[shared] == others[shared]:
        shared += 1
    cut = max((i for i in range(1, shared) if words[i] in heads), default=0)
    if cut:
        return " ".join(words[cut:])
    for adjective in sorted(adjectives, key=len, reverse=True):
        opening = adjective + " "
        if adjective and before.startswith(opening) and subject.startswith(opening) \
                and len(subject) > len(opening):
            return subject[len(opening):]
    return subject


def split_clause(subject: str, openers: list[str]) -> tuple[str, str]:
    """A subject that carries a clause ("two-way trade when diplomatic ties were established"),
    as its noun phrase and the clause, so that the clause can follow the period ("In 1992, when
    diplomatic ties were established, two-way trade came to …"); else the subject and ""."""
    words = subject.split()
    for i, word in enumerate(words[2:], 2):
        if word.lower() in openers:
            return " ".join(words[:i]), " ".join(words[i:])
    return subject, ""
