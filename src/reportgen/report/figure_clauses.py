"""Figures whose label is a clause or names a measure of a thing (issue 21), told as an editor
tells them rather than with the label as the subject:

- a label that is a relative clause, a noun phrase followed by a subject and its verb
  ("Migrants the centres could accommodate at the start", "Natural gas the interconnector would
  replace") → "The centres could accommodate up to 400 migrants at the start", "The
  interconnector would replace 4.5 bcm of natural gas a year";
- a measure of a thing ("Term of the … deal", "Cost of the … interconnector", "Voltage of the …
  line") → "The … deal runs for five years", "The … interconnector is expected to cost about
  €4 billion", "The … line operates at 500 kV"; the time a thing takes or took ("Time until the
  … interconnector becomes operational", "Time the … Commission had been inactive") → "The …
  interconnector is expected to become operational within five years", "The … Commission had
  been inactive for seven years".

Such a figure is a capacity, a specification or a plan: its period is the date it was reported,
not when its value holds, so these sentences carry no period (the sources and the table keep
it). The words that mark each shape are the edition catalog's (`words.clause.*`,
`words.measure.*`); a language whose catalog gives none keeps the plain frames.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from reportgen.report.markup import escape
from reportgen.report.said import said

if TYPE_CHECKING:
    from reportgen.report.metric_text import MetricText
    from reportgen.report.views import MetricView

NONE = "-"
# Units whose figure is a count, an amount or a rate; not a rank, share or multiple.
TOLD = ("rank", "ordinal", "percent", "multiplier")


@dataclass(frozen=True)
class Clause:
    """A label read as a clause: the things (`head`), who or what acts (`subject`), the verb
    group up to the place of the value (`verb`) and what follows (`rest`)."""

    head: str
    subject: str
    verb: str
    rest: str


class ClauseWords:
    """The catalog's words that mark a clause or a measure in a label, read once."""

    def __init__(self, get: Callable[[str, str], str]) -> None:
        def words(key: str) -> set[str]:
            text = get(key, NONE)
            return set() if text.strip() == NONE else set(text.lower().split())

        self.modals = words("words.clause.modals")  # can could would will …
        self.be = words("words.clause.be")  # is are: "is to", "is set to", "are building"
        self.have = words("words.clause.have")  # has have: "has provided"
        self.owners = words("words.clause.owners")  # the a its their: a subject's first word
        self.particles = words("words.clause.particles")  # for to with: "pays for" at the end
        self.not_head = words("words.clause.not_head")  # of until: "Length of the …"
        self.ongoing = words("words.clause.ongoing")  # ing
        self.done = words("words.clause.done")  # ed
        pairs = get("words.measures", NONE)
        self.measures = {} if pairs.strip() == NONE else dict(
            pair.strip().lower().split("=", 1) for pair in pairs.split(";") if "=" in pair)
        self.of = get("words.measure.of", NONE).strip().lower()  # "of": "Term of the deal"
        self.time = get("words.measure.time", NONE).strip().lower()  # "time"
        self.until = get("words.measure.until", NONE).strip().lower()  # "until"
        self.since = get("words.measure.since", NONE).strip().lower()  # "since"
        self.cuts = words("words.measure.cuts")  # reduction cut: "Reduction in X from Y"
        self.cut_in = get("words.measure.cut_in", NONE).strip().lower()  # "in"
        self.cut_by = get("words.measure.cut_by", NONE).strip().lower()  # "from"

    def ends(self, word: str, endings: set[str]) -> bool:
        """A word in the list, or ending as one of its endings does ("provided": "ed")."""
        w = word.lower()
        return word == w and (w in endings or any(
            w.endswith(s) and len(w) > len(s) + 2 for s in endings))


def _subject_at(parts: list[str], words: ClauseWords, start: int) -> int | None:
    """Where a clause's subject opens, from `start`: a determiner ("the centres") or a name
    ("Albania")."""
    for i in range(start, min(len(parts), start + 4)):
        word = parts[i]
        if word.lower() in words.owners or (word[:1].isupper() and i > 0):
            return i
    return None


def _verb_at(parts: list[str], at: int, words: ClauseWords) -> tuple[int, int] | None:
    """The verb group after a subject opening at `at`: where it opens and where its main verb
    ends ("could accommodate", "is to process", "is set to make", "has provided", "are
    building"); None where no auxiliary of the catalog follows within a few words."""
    for i in range(at + 1, min(len(parts), at + 6)):
        word = parts[i].lower()
        nxt = parts[i + 1].lower() if i + 1 < len(parts) else ""
        after = parts[i + 2].lower() if i + 2 < len(parts) else ""
        if word in words.modals and nxt:
            return i, i + 2
        if word in words.be and nxt == "to" and after:
            return i, i + 3  # "is to host"
        if word in words.be and after == "to" and i + 3 < len(parts) and words.ends(
                parts[i + 1], words.done):
            return i, i + 4  # "is set to make", "is expected to carry"
        if word in words.be and nxt and words.ends(parts[i + 1], words.ongoing):
            return i, i + 2  # "are building"
        if word in words.have and nxt and words.ends(parts[i + 1], words.done):
            return i, i + 2  # "has provided"
    return _present_at(parts, at, words)


def _present_at(parts: list[str], at: int, words: ClauseWords) -> tuple[int, int] | None:
    """A verb in the present after a subject opening at `at`, where no auxiliary is found:
    "the loan pays for", "Japan supplies"; past a determiner's noun, never the noun itself
    ("the centres")."""
    if parts[at].lower() not in words.owners or parts[at - 1].endswith(","):
        return None  # "Passenger cars, the largest of …": an apposition, not a clause
    for i in range(at + 2, min(len(parts) - 1, at + 5)):  # never the label's last word
        before = parts[i - 1]
        if before.lower() in words.not_head or before.endswith(("'s", "’s", ",")):
            return None  # "the largest of Georgia's exports": no verb
        if parts[i].islower() and _third_person(parts[i]):
            return i, i + 1
    return None


def clause_shape(label: str, noun: str | None, words: ClauseWords) -> Clause | None:
    """A label that is a relative clause: its things, subject, verb group and the rest; None
    for any other label. The things end at the noun's last word where a count names one."""
    parts = label.split()
    if len(parts) < 4 or not words.modals:
        return None
    start = 1
    if noun:
        last = noun.split()[-1].lower()
        at = next((i for i, w in enumerate(parts[:5]) if w.lower() == last), None)
        if at is None:
            return None
        start = at + 1
    subject = _subject_at(parts, words, start)
    if subject is None or (noun and subject != start) or parts[subject - 1].lower() in \
            words.not_head:  # "Length of the talks", "Time until the line opens": no things
        return None
    verb = _verb_at(parts, subject, words)
    if verb is None:
        return None
    opens, ends = verb
    rest = parts[ends:]
    if len(rest) == 1 and rest[0].lower() in words.particles:
        ends, rest = ends + 1, []  # "pays for": the value after the particle
    if any(w.lower() in ("and", "or") for w in rest):
        return None  # a second verb whose object the value is not ("… and does not let …")
    return Clause(" ".join(parts[:subject]), " ".join(parts[subject:opens]),
                  " ".join(parts[opens:ends]), " ".join(rest))


def cap(text: str) -> str:
    """The first letter capitalised (wording.cap, which imports this module's notes' users)."""
    return text[:1].upper() + text[1:]


@cache
def _lemma(word: str) -> str:
    """A verb's base form ("becomes" → "become"), by lemminflect."""
    from reportgen.report.word_forms import getLemma  # deferred: lemminflect

    found = getLemma(word, upos="VERB", lemmatize_oov=False)  # a known verb only
    return found[0] if found else word


def _third_person(word: str) -> bool:
    """A verb in its third-person present form ("becomes", "goes", "carries")."""
    lemma = _lemma(word)
    return lemma != word and word in (lemma + "s", lemma + "es", lemma[:-1] + "ies")


def measure_shape(label: str, words: ClauseWords) -> tuple[str, str, str] | None:
    """A label that names a measure of a thing: (kind, measure, thing) — "Term of the deal" →
    ("term", "term", "the deal"); "Interconnector voltage" → ("voltage", "voltage",
    "interconnector"); "Time until X becomes operational" → ("until", "", "X becomes
    operational"); "Time X had been inactive" → ("time", "", "X had been inactive")."""
    parts = label.split()
    if len(parts) < 2 or not words.measures:
        return None
    first = parts[0].lower()
    if first in words.cuts and parts[1].lower() == words.cut_in and words.cut_by in parts[3:]:
        at = parts.index(words.cut_by, 3)  # "Reduction in CO2 emissions from the line"
        return ("cut", " ".join(parts[2:at]), " ".join(parts[at + 1:])) \
            if at < len(parts) - 1 else None
    if words.time and first == words.time:
        if words.until and parts[1].lower() == words.until and len(parts) > 3:
            return "until", "", " ".join(parts[2:])
        if words.since and words.since != NONE and parts[1].lower() == words.since \
                and len(parts) > 3:  # "Time since the two countries last issued …"
            return "since", "", " ".join(parts[2:])
        verbs = words.be | words.have | words.modals  # "Time the … had been inactive"
        clause = len(parts) > 3 and _subject_at(parts, words, 1) == 1 and any(
            w.lower() in verbs for w in parts[2:])
        return ("time", "", " ".join(parts[1:])) if clause else None
    if first in words.measures and words.of and parts[1].lower() == words.of and len(parts) > 2:
        return words.measures[first], first, " ".join(parts[2:])
    last = parts[-1].lower()
    if last in words.measures and len(parts) <= 4:
        return words.measures[last], last, " ".join(parts[:-1])
    return None


def _until_verb(parts: list[str], words: ClauseWords) -> int | None:
    """Where the verb of "Time until <thing> <verb> …" opens: a modal ("the refinery would
    close …") or a verb in the third person ("the line becomes …"), after the thing's noun
    phrase and never a noun after a determiner or preposition ("a lifting of sanctions")."""
    for i, word in enumerate(parts):
        if not i or not word.islower():
            continue
        if word in words.modals and i + 1 < len(parts):
            return i
        before = parts[i - 1].lower()
        if before in words.owners or before in words.not_head:
            continue  # "of sanctions", "the lines": a noun, no verb
        if _third_person(word):
            return i
        if word in words.particles or word in words.not_head:
            return None  # past the noun phrase: no verb found where one would be
    return None


def _tense(x: MetricView) -> str:
    return "actual" if x.status == "actual" else (
        "expected" if x.status == "expected" else "ahead")


def _amount(p: MetricText, x: MetricView, qualifier: str) -> str:
    fmt = p.fmt
    assert x.value is not None
    return said(fmt, x.value, x.unit, qualifier)


def eligible(x: MetricView) -> bool:
    """A figure told alone, with no change, comparison, range or sentence of its own."""
    m = x.metric
    return (x.value is not None and x.unit not in TOLD and x.change is None and not x.growth_only
            and not (m.change or m.compare_with or m.sentence or m.by or m.with_
                     or x.alternatives))


def clause_sentence(p: MetricText, x: MetricView, first: bool = True) -> str | None:
    """A figure whose label is a clause (`clause_shape`) or a measure (`measure_shape`), told
    in the catalog's frame without its period; None for any other figure. Not `first`: within
    a sentence, a subject that is no name opens lower-case."""
    if not eligible(x):
        return None
    text = _clause_text(p, x, within=p.terms.during is not None)
    if text is None or first:
        return text
    return text[:1].lower() + text[1:] if text.split()[0].lower() in \
        p.clause_words.owners else text


def _clause_text(p: MetricText, x: MetricView, within: bool) -> str | None:
    words = p.clause_words
    shape = clause_shape(x.label, x.noun if x.unit == "count" else None, words)
    if shape is not None:
        noun = x.noun or ""
        head = noun if shape.head.lower() == noun.lower() else p.head(x, shape.head) \
            if x.unit == "count" else p.lower(shape.head)
        key = "sentence.figure.clause.count" if x.unit == "count" else \
            "sentence.figure.clause.amount"
        value = p.t(key, value=_amount(p, x, x.metric.qualifier), head=head)
        if x.metric.per:
            value = p.t(f"number.per.{x.metric.per}", amount=value)
        subject = shape.subject if shape.subject[:1].isupper() else cap(shape.subject)
        return p.tidy(p.t("sentence.figure.clause", subject=escape(subject),
                          verb=escape(shape.verb), value=escape(value),
                          rest=escape(shape.rest)))
    measured = measure_shape(x.label, words)
    if measured is None or (x.metric.per and measured[0] != "cut") or (
            within and measured[0] not in ("time", "until", "since", "duration")):
        return None  # within an event, its terms and costs: the event's own frames
    kind, measure, thing = measured
    qualifier = "exact" if kind == "until" and x.metric.qualifier == "up_to" else x.metric.qualifier
    value = _amount(p, x, qualifier)
    if x.metric.per:  # "by about 10 million tonnes a year"
        value = p.t(f"number.per.{x.metric.per}", amount=value)
    values = {"value": escape(value), "measure": escape(measure)}
    if kind in ("until", "time", "since"):
        parts = thing.split()
        if kind == "until":
            at = _until_verb(parts, words)
            if at is None:
                return None
            verb = parts[at + 1:] if parts[at].lower() in words.modals else [
                _lemma(parts[at]), *parts[at + 1:]]  # "would close …" → "close …"
            values.update(subject=escape(cap(" ".join(parts[:at]))), rest=escape(" ".join(verb)))
        else:
            values["clause"] = escape(cap(thing) if kind == "time" else thing)
        return p.tidy(p.t(f"sentence.figure.{kind}.{_tense(x)}", **values))
    thing = thing if thing.split()[0].lower() in words.owners or thing[:1].isupper() \
        else p.t("subject.the", label=p.lower(thing))
    values["thing"] = escape(thing)
    values["when"] = escape(p.when(x.period, x.metric.period))  # a past duration's (lasted)
    values["thing_cap"] = escape(cap(thing))
    if kind == "cut":  # "the interconnector would cut carbon dioxide emissions by …"
        values["what"] = escape(p.lower(measure))
        return p.tidy(p.t(f"sentence.figure.cut.{_tense(x)}", **values))
    key = f"sentence.figure.measure.{kind}.{_tense(x)}"
    if not p.t.has(key):
        key = f"sentence.figure.measure.{_tense(x)}"
    return p.tidy(p.t(key, **values))


@cache
def _singular(word: str) -> str:
    """A noun's singular ("suppliers" → "supplier"), by lemminflect."""
    from reportgen.report.word_forms import getLemma  # deferred: lemminflect

    found = getLemma(word, upos="NOUN")
    return found[0] if found else word


def first_rank(p: MetricText, x: MetricView, values: dict[str, str]) -> str | None:
    """A first rank told as what the holder is, not as a ranking: "Ethiopia was Kenya's
    largest supplier of imported electricity in January–June 2024", never "Ethiopia ranked
    first among Kenya's suppliers of …". The group's head noun (before its first preposition)
    made singular, the catalog's `words.rank.largest` before it; None where the catalog gives
    no such word or the group does not read so."""
    largest = p.t.get("words.rank.largest", NONE).strip()
    marks = set(p.t.get("words.rank.prepositions", NONE).lower().split()) - {NONE}
    among = x.metric.among or ""
    if largest == NONE or not marks or x.value != 1 or not among:
        return None
    parts = p.views.resolve(among).split()
    at = next((i for i, w in enumerate(parts) if i and w.lower() in marks), len(parts))
    own = 1 if parts and parts[0].endswith(("'s", "’s", "s'", "s’")) else 0
    if at <= own or not parts[at - 1].islower():
        return None
    head = [*parts[:at - 1], _singular(parts[at - 1]), *parts[at:]]
    if own:
        group = " ".join([head[0], largest, *head[1:]])
    else:
        start = 1 if head[0].lower() in p.clause_words.owners else 0
        group = p.t("subject.the", label=" ".join([largest, *head[start:]]))
    return p.t("sentence.figure.rank.first", **{**values, "largest": escape(group)})
