"""The shared sentence toolkit of the prose (report/prose.py): the views, citation and chart
markers, the catalog, and the words every kind of sentence uses: a full stop, sentences joined,
a label lowered as it runs into a sentence, a period said with its preposition, a person named
in full once, and a section's items sorted by what they are.

Nothing here knows any dataset's ids; every pattern comes from the wording catalog.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportgen.report import happenings
from reportgen.report.slides import MARKERS
from reportgen.report.together import superseded
from reportgen.report.views import EventView, FactView, MetricView, Views

# Units of a level rather than a flow: "was 97 m", "was 15 years", not "came to".
# Units of a span of time (a term, a duration): levels, but no standing fact of a thing.
DURATION_UNITS = frozenset({"years", "months", "weeks", "days", "hours", "year", "month", "week",
                            "day", "hour"})
LEVEL_UNITS = frozenset({"m", "km", "W", "kW", "MW", "GW"}) | DURATION_UNITS


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def bare(text: str) -> str:
    """A word without the punctuation or possessive around it: "Mirziyoyev's" → "Mirziyoyev"."""
    text = text.strip("(),.;:")
    return text[:-2] if text.endswith(("'s", "’s")) else text


def uncited(line: str) -> str:
    """A line without its citation markers, to compare what two lines say."""
    return line.split("[^", 1)[0]


def names_in(text: str, name: str) -> bool:
    """Whether a text names a person: in full ("习近平主席"), or by a word of the name
    ("President Erdoğan", "Prime Minister Modi")."""
    return name in text or any(w in text for w in name.split() if len(w) > 2)


def sentence_count(parts: list[str]) -> int:
    """How many sentences the parts of a paragraph say."""
    text = MARKERS.sub("", " ".join(parts))
    return len(re.findall(r"[.。!?！？](?=\s|$)", text))


def unstopped(text: str) -> str:
    """A sentence without its final full stop, to sit inside another or as a bullet."""
    return text[:-1] if text.endswith((".", "。")) else text


def label_reads(label: str) -> bool:
    """Whether a label reads as a sentence's noun phrase: ten words or fewer, no apposition,
    list or brackets ("Bilateral trade between India and the UAE", not "Trade (goods, USD)")."""
    return len(label.split()) <= 10 and not any(c in label for c in ",:;()–")


@dataclass(frozen=True)
class SectionItems:
    """A section's items, sorted by what they are."""

    metrics: list[MetricView]
    events: list[EventView]
    facts: list[FactView]

    def facts_of(self, *kinds: str) -> list[FactView]:
        return [f for f in self.facts if f.kind in kinds]

    @property
    def empty(self) -> bool:
        return not (self.metrics or self.events or self.facts)


class Words:
    """The toolkit every kind of sentence shares, and what the prose of one build remembers
    across sections: the people already named in full."""

    def __init__(self, views: Views, cite: Callable[..., str], see: Callable[[str], str]) -> None:
        self.views = views
        self.fmt = views.fmt
        self.t = views.fmt.t
        self.cite = cite
        self.see = see
        ds = views.dataset
        self.a, self.b = ds.briefing.countries
        self.mentioned: set[str] = set()  # people already named in full
        # Which event was part of which, and the figures of an event's period (happenings.py).
        self.plan = happenings.plan(views)

    def items(self, area: str) -> SectionItems:
        v = self.views
        # A figure that measures an event is told with the event, in the event's section.
        in_events = {m for e in v.events for m in e.metrics} | self.plan.told
        # An earlier figure that a figure compares itself with is told in the same sentence.
        compared = {x.metric.compare_with for x in v.metrics.values() if x.metric.compare_with}
        # A cumulative period a later one of the same measure supersedes stays in the tables.
        figures = [x for x in v.metrics.values()
                   if x.area == area and x.id not in in_events | compared
                   | superseded(list(v.metrics.values()))]
        # The lead figure first: a key figure with a change, then key figures, a figure told
        # with others as its clauses (`with`), then the rest; figures given for context
        # (earlier years, totals, targets) after the year's own.
        figures.sort(key=lambda x: (x.metric.context, not x.key, not x.metric.with_,
                                    x.change is None))
        # An event that was part of another is told within it, in that event's section.
        events = [e for e in v.events if e.area == area and e.id not in self.plan.parent]
        return SectionItems(metrics=figures, events=events,
                    facts=[f for f in v.facts.values() if f.area == area])

    def stop(self, text: str) -> str:
        """A sentence with the language's full stop: "… year." or "…同比增长。"; a frame's article
        before a subject that brings its own is said once ("The the meeting …")."""
        article = self.t("subject.the", label="").strip()
        if article and " " not in article:
            doubled = f"{article} {article} "
            if text[:len(doubled)].lower() == doubled.lower():
                text = text[:len(article)] + text[len(doubled) - 1:]
        if text.endswith((".", "。", "!", "?", "！", "？")):  # "… Gilberto Teodoro Jr."
            return text
        return self.t("sentence.stop", text=text)

    def join(self, parts: list[str]) -> str:
        """Sentences one after another, with the space a language puts between them (or none)."""
        out = ""
        for part in parts:
            out = self.t("sentence.join", first=out, second=part) if out else part
        return out

    def proper(self) -> set[str]:
        """The words of the names of people, places and the two countries: they keep their
        capital inside a sentence (an organisation's name is full of common words)."""
        if not hasattr(self, "_proper_words"):
            ds = self.views.dataset
            words: set[str] = set()
            for text in (*(p.name for p in ds.people), *(p.name for p in ds.places),
                         *(c.name for c in ds.briefing.countries),
                         *(c.adjective for c in ds.briefing.countries)):
                words.update(bare(w) for w in text.replace("–", " ").split())
            self._proper_words = {w for w in words if w[:1].isupper()}
        return self._proper_words

    def one_word_names(self) -> set[str]:
        """Organisations named by one word ("Mercosur"): a name, where a longer name is full of
        common words ("Public Investment Fund")."""
        return {o.name.strip() for o in self.views.dataset.organisations
                if " " not in o.name.strip()}

    def lower(self, text: str) -> str:
        """A label or title as it runs into a sentence: "State visit by President Tokayev" →
        "state visit by President Tokayev"; a name keeps its capital ("Victory Day parade",
        "Georgian exports", "SCO summit")."""
        first, space, rest = text.partition(" ")
        # A capital on the next word, or after a conjunction, makes it a name ("Victory Day
        # parade", "Foreign and Defense Ministerial Meeting"; not "Visit of Prime Minister …").
        after = rest.split()[:2]
        joined = after[:1] and after[0] in self.t("words.conjunctions").split()
        if (not first[:1].isupper() or not first[1:].islower()
                or (after and after[0][:1].isupper())
                or (joined and len(after) > 1 and after[1][:1].isupper())
                or bare(first) in self.proper()
                or bare(first) in self.one_word_names()
                or any(first.startswith(c.name[:5])
                       for c in self.views.dataset.briefing.countries)):
            return text
        return first.lower() + space + rest

    def run_in(self, text: str) -> str:
        """A sentence as it runs on after a lead-in: "The Bilateral Investment Treaty …" →
        "the Bilateral Investment Treaty …"."""
        article = self.t("subject.the", label="").strip()
        first, space, rest = text.partition(" ")
        if article and first == cap(article):
            return article + space + rest
        return self.lower(text)

    def when(self, shown: str, period: Any) -> str:
        """ "in April 2031", or "on 3 April 2031" for a single day; several fiscal years "from
        2020–21 to 2023–24"."""
        split = self.fmt.split_years(period) if hasattr(period, "start_part") else None
        if split is not None and len(split) == 2:
            return self.t("when.from", start=split[0], end=split[1])
        day = period.start.day is not None and period.end.day is not None
        return self.t("when.on" if day else "when.in", period=shown)

    def person(self, name: str, role: str | None) -> str:
        """A person named with their office the first time (by the caller), then by name alone:
        an editor writes "Luís Montenegro said", never "the third" (the first word of "Third
        Vice-President") nor "the Premier of Sylvania" for a person already introduced."""
        self.mentioned.add(name)
        return name


class Wording:
    """A kind of sentence, with the shared toolkit (`Words`) at hand by its short names."""

    def __init__(self, words: Words) -> None:
        self.words = words
        self.views, self.fmt, self.t = words.views, words.fmt, words.t
        self.cite, self.see, self.a, self.b = words.cite, words.see, words.a, words.b
        self.stop, self.join, self.lower = words.stop, words.join, words.lower
        self.when, self.person, self.items = words.when, words.person, words.items
        self.plan = words.plan
