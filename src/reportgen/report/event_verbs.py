"""An event whose title names a deed, told with that deed's own verb, never "was held" (issue
21q): "Handover of the Gjader site to Italy" → "The Gjader site was handed over to Italy on D",
"Rome court ruling against X" → "The Rome court ruled against X on D"; a count its title's verb
tells folds in ("The first 12 migrants … were returned to Italy on D"). The nominalisations and
their verbs are the catalog's (`words.title_verbs`, "noun=participle", "|" between; "-" for
none, then the event is told as held); nothing here knows a dataset's words.

An outcome written as a clause with an irregular past tense ("the court found that …") is read
as a clause by the verb forms lemminflect gives (English only, `words.headline_tense`).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportgen.report import happenings
from reportgen.report.catalog import Catalog
from reportgen.report.markup import escape
from reportgen.report.wording import bare

if TYPE_CHECKING:  # event_text.py builds on this module
    from reportgen.report.event_text import EventTitles


@dataclass(frozen=True)
class Deed:
    """A title read as a deed: who did it (the words before its noun, "" for none), the verb's
    participle, what it was done to and the rest of the title ("to Italy")."""

    agent: str
    verb: str
    what: str
    rest: str


def _entries(t: Catalog) -> list[tuple[str, str]]:
    found = []
    for entry in t.get("words.title_verbs", "-").split("|"):
        noun, _, verb = (w.strip() for w in entry.partition("="))
        if noun and verb and noun != "-":
            found.append((noun, verb))
    return sorted(found, key=lambda e: -len(e[0]))  # "formal opening" before "opening"


def read_deed(t: Catalog, title: str) -> Deed | None:
    """A title whose head is a deed of the catalog's: "Handover of X to Y" (what it was done to
    after its "of"), "Return to Y of X", "Rome court ruling against X" (who did it before)."""
    of = t.get("words.title_of", "-").strip()
    low = title.lower()
    for noun, verb in _entries(t):
        m = re.search(r"(?<!\w)" + re.escape(noun) + r"(?!\w)", low)
        if m is None:
            continue
        agent, after = title[:m.start()].strip(), title[m.end():].strip()
        links = set(t.get("words.deed_links", "-").split()) - {"-"}
        if agent and after.split()[:1] and after.split()[0].lower() in links \
                and len(agent.split()) <= 4:
            return Deed(agent, verb, "", after)  # "Rome court ruling against …"
        if agent or of == "-":
            return None
        pre, sep, obj = after.partition(f"{of} ") if after.lower().startswith(f"{of} ") \
            else after.partition(f" {of} ")
        if not sep or not obj.strip():
            return None
        rest = pre.strip()
        if not rest:  # "Handover of the site to Italy": what it was done to, then where
            ends = set(t.get("words.deed_ends", "-").split()) - {"-"}
            words = obj.split()
            cut = next((i for i, w in enumerate(words) if i and w.lower() in ends), len(words))
            obj, rest = " ".join(words[:cut]), " ".join(words[cut:])
        return Deed("", verb, obj.strip(), rest)
    return None


@functools.cache
def _verb_only(word: str) -> bool:
    from reportgen.report.word_forms import getAllLemmas  # deferred: lemminflect

    lemmas = getAllLemmas(word)
    return "VERB" in lemmas and "NOUN" not in lemmas


def plural_object(t: Catalog, what: str) -> bool:
    """Whether what a deed was done to is plural: its head noun, past a participle ("the first
    migrants held in Albania": migrants)."""
    head = happenings.head_words(t, what).split()
    if t.get("words.headline_tense", "-") != "en" or not head:
        return happenings.plural(t, " ".join(head))
    while len(head) > 1 and _verb_only(head[-1]):
        head.pop()
    from reportgen.report.word_forms import getAllLemmas  # deferred: lemminflect

    lemmas = getAllLemmas(head[-1], upos="NOUN").get("NOUN", ())
    return bool(lemmas) and head[-1] not in lemmas  # "fishermen", "centres"


def with_count(what: str, noun: str, value: str) -> str | None:
    """What a deed was done to with the count that measures it before its noun ("the first
    migrants" + 12 → "the first 12 migrants"); None where the noun is not in it."""
    first = noun.split()[0] if noun.split() else ""
    m = re.search(r"(?<!\w)" + re.escape(first) + r"(?!\w)", what, re.IGNORECASE) if first \
        else None
    if m is None:
        return None
    return f"{what[:m.start()]}{value} {what[m.start():]}"


def past(t: Catalog, participle: str) -> str:
    """A deed's verb in the past tense, for who did it ("ruled"): English by lemminflect (the
    participle and the past differ: "given", "gave"), else the catalog's form as it is."""
    if t.get("words.headline_tense", "-") != "en":
        return participle
    from reportgen.report.word_forms import getAllLemmas, getInflection  # deferred: lemminflect

    first, space, rest = participle.partition(" ")
    for lemma in getAllLemmas(first, upos="VERB").get("VERB", ()):
        forms = getInflection(lemma, tag="VBD")
        if forms:
            return forms[0] + space + rest
    return participle


@functools.cache
def past_tense(word: str) -> bool:
    """Whether an English word is a verb's past tense and nothing else ("found", "ruled",
    "agreed"; not "set", also a noun)."""
    from reportgen.report.word_forms import getAllLemmas, getInflection  # deferred: lemminflect

    lemmas = getAllLemmas(word)
    if set(lemmas) - {"VERB"}:
        return False
    return any(word in getInflection(lemma, tag="VBD") for lemma in lemmas.get("VERB", ()))


def clause_outcome(t: Catalog, text: str) -> bool:
    """An outcome written as "the court found that …", "The ministers agreed to …": a subject
    of up to three words, then a past tense (not "… by"), in English."""
    if t.get("words.headline_tense", "-") != "en":
        return False
    words = text.split()
    ends = set(t.get("words.title_ends", "-").split()) | set(t.get("words.relative", "-").split())
    start = 1 if words and words[0].lower() in ("the", "a", "an") else 0
    for i in range(start + 1, min(start + 4, len(words) - 1)):
        if past_tense(words[i]) and words[i + 1] != "by":
            return all(w[:1].isalpha() and w.lower() not in ends and not past_tense(w)
                       for w in words[start:i])
    return False


def told(titles: EventTitles, title: str, when: str) -> str:
    """A title that names a deed, with its own verb: "The Gjader site was handed over to Italy
    on D", "The Rome court ruled against … on D"; a count of the event its verb tells folded in
    ("The first 12 migrants … were returned …", `titles.count`); "" for none."""
    t = titles.t
    read = read_deed(t, title)
    if read is None:
        return ""
    if read.agent:
        words = read.agent.split()
        if not _named_word(titles, words[0]):
            words[0] = titles.lower(words[0])
        agent = t("sentence.event.the", title=" ".join(words))
        return _say(t, "sentence.event.acted", agent=escape(agent), verb=past(t, read.verb),
                    rest=escape(read.rest), when=when)
    what = read.what
    if titles.count and titles.count[1].split()[0] == read.verb.split()[0]:
        counted = with_count(what, titles.count[2], titles.count[3])
        if counted is not None:
            what, titles.count_told = counted, titles.count[0]
    key = "sentence.event.done" + (".plural" if plural_object(t, what) else "")
    return _say(t, key, what=escape(what), verb=read.verb, rest=escape(read.rest), when=when)


def _say(t: Catalog, key: str, **values: str) -> str:
    return re.sub(r" {2,}", " ", t(key, **values)).strip()


def _named_word(titles: EventTitles, word: str) -> bool:
    """Whether a title's first word is a name: of a person, place or country, or a word an
    organisation's name capitalises past its first ("Rome" of "… of the Rome Court")."""
    if bare(word) in titles.words.proper():
        return True
    return any(word in o.name.split()[1:] for o in titles.views.dataset.organisations)
