"""An event's title read as one or two nominalised deeds and told as who did them (issue 21x):
"President Zelensky's call for the two governments to meet at the border" → "President
Zelensky called for the two governments to meet at the border in February 2024"; "General
strike of Polish farmers and blockade of checkpoints on the border" → "Polish farmers held a
general strike and blocked checkpoints on the border on D"; "End of the Polish truckers'
blockade of the border" → "Polish truckers ended their blockade of the border in D".

A title is read as: who did it (a possessive "X's" before the deed noun, "of X" after it where X
is a name, "to X" after a noun of `words.deed_to_agent` (an award is received by X), else the
event's participants), then one deed or two joined by "and" (two predicates of one subject),
each a few modifiers, the deed noun and what follows it. The deed nouns and their light verbs
are the catalog's (`words.deed_nouns`: "noun=frame;frame" in the verb's base form, "|" between,
"-" for none), each frame filled with <a> (an article), <mods> (the words before the noun) and
<what> (what follows its "of": "blockade of X" → "block X"); a frame ending "/to" drops the "to"
its complement opens with ("visit to C" → "visit C"). The verb's past tense is lemminflect's.
Where no agent or deed is read, the caller keeps its safe frame (`None`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportgen.report.catalog import Catalog

_POSSESSIVE = re.compile(r"^(?P<who>.+?)(?:'s|’s|s'|s’)\s+(?P<rest>.+)$")
_SLOT = re.compile(r"<(\w+)>")


@dataclass(frozen=True)
class Deed:
    """One deed of a title: its frame filled but for the verb's tense ("hold a general strike"),
    and what follows ("on the border")."""

    predicate: str
    rest: str
    what: str = ""


@dataclass(frozen=True)
class Reading:
    """A title read as deeds: who did them as the title names them ("" where it names no one:
    the event's participants), and the deeds."""

    agent: str
    deeds: tuple[Deed, ...]


def _table(t: Catalog) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for entry in t.get("words.deed_nouns", "-").split("|"):
        noun, _, frames = (w.strip() for w in entry.partition("="))
        if noun and frames and noun != "-":
            found[noun.lower()] = [f.strip() for f in frames.split(";") if f.strip()]
    return found


def _words(t: Catalog, key: str) -> set[str]:
    return set(t.get(key, "-").split()) - {"-"}


def _named(word: str) -> bool:
    """A word a name opens with: capitalised, not an article."""
    return word[:1].isupper() and word.lower() not in ("the", "a", "an")


def _name_run(t: Catalog, words: list[str]) -> int:
    """How many of the words make a name (people, offices, a people: "Foreign Minister A and
    Energy Minister B", "Polish farmers"), up to the first lower-case link word
    (`words.title_ends`) or comma; 0 where the first word is no name."""
    if not words or not _named(words[0]):
        return 0
    ends = _words(t, "words.title_ends")
    joined = _words(t, "words.deed_and")
    n = 0
    while n < len(words):
        w = words[n]
        if w.endswith(","):
            return n + 1
        if w in ends:
            return n
        if w in joined and not (n + 1 < len(words) and _named(words[n + 1])):
            return n
        n += 1
    return n


def _split(t: Catalog, text: str, nouns: dict[str, list[str]]) -> list[str]:
    """A title's deeds: split at each "and" that opens a deed ("… and blockade of …", "… and
    their working meeting …")."""
    joined = _words(t, "words.deed_and")
    owners = _words(t, "words.deed_pronouns")
    words, parts, at = text.split(), [], 0
    for i, w in enumerate(words):
        if w not in joined or i == at:
            continue
        after = words[i + 1:]
        if after and after[0] in owners:
            after = after[1:]
        if _noun_at(" ".join(after[:4]), nouns) is not None:
            parts.append(" ".join(words[at:i]))
            at = i + 1
    parts.append(" ".join(words[at:]))
    return parts


def _noun_at(text: str, nouns: dict[str, list[str]]) -> tuple[int, str] | None:
    """The first deed noun among a segment's first four words, with up to three lower-case
    modifiers before it: (its word index, the noun)."""
    words = [w.strip(",").lower() for w in text.split()]
    for i in range(min(4, len(words))):
        for noun in sorted(nouns, key=lambda n: -len(n.split())):
            size = len(noun.split())
            if words[i:i + size] == noun.split():
                mods = text.split()[:i]
                if all(m.isalpha() and m.islower() for m in mods):
                    return i, noun
        if not words[i].isalpha():
            return None
    return None


def _agent_after(t: Catalog, words: list[str], noun: str) -> tuple[str, list[str]]:
    """A name after the deed noun's "of" ("strike of Polish farmers"), or its "to" for a noun of
    `words.deed_to_agent` ("award to A and B"): (the name, the words without it)."""
    links = {t.get("words.title_of", "-").strip()}
    if noun in _words(t, "words.deed_to_agent"):
        links.add(t.get("words.visit_to", "-").strip())
    for i, w in enumerate(words):
        if w in links and not (i and words[i - 1][:1].isupper()):  # no "Secretary of State"
            n = _name_run(t, words[i + 1:])
            if n:
                return " ".join(words[i + 1:i + 1 + n]).rstrip(","), words[:i] + words[i + 1 + n:]
    return "", words


def _fill(t: Catalog, frame: str, mods: str, rest: list[str], plural: bool,
          noun: str) -> Deed | None:
    """A frame filled ("hold <a> <mods> strike" → "hold a general strike"), or None where it
    asks for what the title does not give."""
    of = t.get("words.title_of", "-").strip()
    to = t.get("words.visit_to", "-").strip()
    slots = set(_SLOT.findall(frame))
    if bool(mods) != ("mods" in slots):
        return None
    drop = frame.endswith("/to")
    frame = frame.removesuffix("/to").strip()
    values = {"mods": mods, "a": "", "what": ""}
    if "what" in slots:
        if not rest or rest[0] != of or len(rest) < 2:
            return None
        values["what"], rest = " ".join(rest[1:]), []
    if drop and rest and rest[0] == to:
        rest = rest[1:]
    if rest and rest[0] == of and frame.split()[-1] != noun.split()[-1]:
        return None  # "met of the Commission": an "of" only the noun itself takes
    if "a" in slots:
        own = mods.split()[:1] and mods.split()[0] in _words(t, "words.deed_own_mods")
        first = (mods or _SLOT.sub("", frame.split("<a>", 1)[1]).strip()).split()[:1]
        if own and plural:
            values["a"] = t("words.deed_their")
        else:
            vowels = t.get("words.vowels", "-")
            key = "event.article.vowel" if first and vowels != "-" and first[0][:1] in vowels \
                else "event.article"
            values["a"] = t(key, word="").strip()
    said = _SLOT.sub(lambda m: values.get(m.group(1), ""), frame)
    return Deed(re.sub(r" {2,}", " ", said).strip(), " ".join(rest), values["what"])


def _deed(t: Catalog, text: str, nouns: dict[str, list[str]],
          plural: bool) -> tuple[str, Deed] | None:
    """One deed: (a name its "of"/"to" gives, the deed), or None where none is read."""
    owners = _words(t, "words.deed_pronouns")
    words = text.split()
    if words and words[0] in owners:
        words = words[1:]
    found = _noun_at(" ".join(words), nouns)
    if found is None:
        return None
    at, noun = found
    mods = " ".join(words[:at])
    rest = words[at + len(noun.split()):]
    agent, rest = _agent_after(t, rest, noun)
    for frame in nouns[noun]:
        deed = _fill(t, frame, mods, rest, plural or " and " in agent, noun)
        if deed is not None:
            return agent, deed
    return None


def read(t: Catalog, title: str, plural: bool = False) -> Reading | None:
    """A title read as deeds, or None where a part of it is no deed of the catalog's; `plural`:
    the event's participants are more than one (a "first summit" is then "their first")."""
    nouns = _table(t)
    if not nouns or t.get("words.headline_tense", "-") != "en":
        return None
    text = title.strip()
    agent = ""
    m = _POSSESSIVE.match(text)
    if m and len(m.group("who").split()) <= 6 and all(_named(w) for w in m.group("who").split()):
        agent, text = m.group("who"), m.group("rest")
    the = t.get("words.deed_the", "-")
    if the != "-" and text.lower().startswith(the + " "):
        text = text[len(the) + 1:]
    if not text or not _common(text.split()[0]):
        return None
    text = text[:1].lower() + text[1:]
    deeds: list[Deed] = []
    for part in _split(t, text, nouns):
        read_ = _deed(t, part, nouns, plural or " and " in agent)
        if read_ is None:
            return None
        named, deed = read_
        if named and agent and named != agent:
            return None  # two subjects: not one clause
        agent = agent or named
        deeds.append(deed)
    if not agent and deeds and deeds[0].what:  # "End of the Polish truckers' blockade …"
        owner = owner_agent(t, deeds[0].what)
        if owner is not None:
            agent = owner[0]
            deeds[0] = Deed(deeds[0].predicate.replace(deeds[0].what, owner[1]), deeds[0].rest,
                            owner[1])
    return Reading(agent, tuple(deeds)) if deeds else None


def has_doer(t: Catalog, title: str, participants: list[str]) -> bool:
    """Whether a title is read as deeds with who did them: its own doer, else participants."""
    read_ = read(t, title, len(participants) > 1)
    return read_ is not None and bool(read_.agent or participants)


def repeats(said: list[str], doer: str, outcome: str) -> bool:
    """Whether an outcome says again a deed the title told ("President A received the greatest
    honour from …" after "… and received the highest honour"): its subject names the doer, and
    its verb, within its first five words, is the deed's, with the deed's last noun after it."""
    words = outcome.split()
    names = {w for w in doer.split() if w[:1].isupper()}
    for predicate in said:
        verb, last = predicate.split()[0], predicate.split()[-1]
        at = words.index(verb) if verb in words[:5] else -1
        if at > 0 and names & set(words[:at]) and last in words[at + 1:]:
            return True
    return False


def told(t: Catalog, deed: Deed) -> str:
    """A deed as a predicate in the past tense: "held a general strike on the border"."""
    return " ".join(w for w in (past(t, deed.predicate), deed.rest) if w)


def owner_agent(t: Catalog, what: str) -> tuple[str, str] | None:
    """What a deed was done to that names its own doer ("the Polish truckers' blockade of …"):
    (the doer "Polish truckers", what with their pronoun "their blockade of …"); None where it
    names none, or one whose pronoun the language does not tell (a singular person)."""
    the = t.get("words.deed_the", "-")
    words = what.split()
    if the != "-" and words and words[0].lower() == the:
        words = words[1:]
    for i, w in enumerate(words[:5]):
        owner = w[:-1] if w.endswith(("s'", "s’")) else w[:-2] if _plural_owner(w) else ""
        if owner and i and all(x.isalpha() for x in words[:i]):
            return " ".join([*words[:i], owner]), " ".join([t("words.deed_their"),
                                                            *words[i + 1:]])
    return None


def _plural_owner(word: str) -> bool:
    """Whether a word is an irregular plural's possessive ("fishermen's", "people's")."""
    if not word.endswith(("'s", "’s")):
        return False
    from reportgen.report.word_forms import getAllLemmas  # deferred: lemminflect

    lemmas = getAllLemmas(word[:-2], upos="NOUN").get("NOUN", ())
    return bool(lemmas) and word[:-2] not in lemmas


def _common(word: str) -> bool:
    """Whether a title's first word is a common English word ("General", "Talks"), not a name
    ("Belgrade"), by lemminflect's tables."""
    from reportgen.report.word_forms import getAllLemmas  # deferred: lemminflect

    return bool(getAllLemmas(word.lower().strip(",")))


def past(t: Catalog, predicate: str) -> str:
    """A predicate with its verb in the past tense ("hold a strike" → "held a strike"), by
    lemminflect (English, `words.headline_tense`); the catalog's form as it is elsewhere."""
    if t.get("words.headline_tense", "-") != "en":
        return predicate
    from reportgen.report.word_forms import getInflection  # deferred: lemminflect

    verb, space, rest = predicate.partition(" ")
    forms = getInflection(verb, tag="VBD")
    return (forms[0] if forms else verb) + space + rest
