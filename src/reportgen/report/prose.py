"""Prose composed from a section's items by what they are, for any dataset.

Every sentence pattern comes from the wording catalog (`sentence.*`, `headline.*`, `takeaway.*`)
or from an item's own `sentence`; every value in it comes through the formatter, so the digits
rule holds and a new language is a new catalog. The section templates call these functions
(`prose.paragraphs(section)` and friends); nothing here knows any dataset's ids.

Each function returns narrative markup: escaped dataset text, with a citation marker after each
sentence and a chart reference where a chart shows the figure.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportgen.dataset.models import Dataset, Metric
from reportgen.errors import Problem
from reportgen.report import happenings
from reportgen.report.charts import has_data
from reportgen.report.markup import escape
from reportgen.report.slides import MARKERS, once, repeats, short_enough
from reportgen.report.together import Together, split_clause
from reportgen.report.views import EventView, FactView, MetricView, Views

# Units of a level rather than a flow: "was 97 m", "was 15 years", not "came to".
LEVEL_UNITS = frozenset({"m", "km", "W", "kW", "MW", "GW", "years", "months", "weeks", "days",
                         "hours", "year", "month", "week", "day", "hour"})
HEADLINE_MAX = 95  # characters: a slide title or divider subtitle on one or two lines
TAKEAWAY_MAX = 150
TAKEAWAYS = 3
POINTS = 5  # a slide carries three to five points


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _word(text: str) -> str:
    """A word without the punctuation or possessive around it: "Mirziyoyev's" → "Mirziyoyev"."""
    text = text.strip("(),.;:")
    return text[:-2] if text.endswith(("'s", "’s")) else text


def _uncited(line: str) -> str:
    """A line without its citation markers, to compare what two lines say."""
    return line.split("[^", 1)[0]


def _names(text: str, name: str) -> bool:
    """Whether a text names a person: in full ("习近平主席"), or by a word of the name
    ("President Erdoğan", "Prime Minister Modi")."""
    return name in text or any(w in text for w in name.split() if len(w) > 2)


def _count(parts: list[str]) -> int:
    """How many sentences the parts of a paragraph say."""
    text = MARKERS.sub("", " ".join(parts))
    return len(re.findall(r"[.。!?！？](?=\s|$)", text))


def _clause(text: str) -> str:
    """A sentence without its final full stop, to sit inside another or as a bullet."""
    return text[:-1] if text.endswith((".", "。")) else text


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


class Prose:
    """Sentences, paragraphs, headlines and takeaways for the sections of one dataset."""

    def __init__(self, views: Views, cite: Callable[..., str], see: Callable[[str], str]) -> None:
        self.views = views
        self.fmt = views.fmt
        self.t = views.fmt.t
        self.cite = cite
        self.see = see
        ds = views.dataset
        self.a, self.b = ds.briefing.countries
        self.charts_of: dict[str, list[str]] = {}
        for chart in ds.charts:
            for metric_id in chart.metrics:
                self.charts_of.setdefault(metric_id, []).append(chart.id)
        self.referred: set[str] = set()
        self.mentioned: set[str] = set()  # people already named in full
        self.told: set[str] = set()  # figures an event has told
        # Which event was part of which, and the figures of an event's period (happenings.py);
        # `during` dates the figure being told within an event ("during the visit").
        self.plan = happenings.plan(views)
        self.during: tuple[str, bool, str] | None = None

    # --- items ---------------------------------------------------------------------------------

    def items(self, area: str) -> SectionItems:
        v = self.views
        # A figure that measures an event is told with the event, in the event's section.
        in_events = {m for e in v.events for m in e.metrics} | self.plan.told
        # An earlier figure that a figure compares itself with is told in the same sentence.
        compared = {x.metric.compare_with for x in v.metrics.values() if x.metric.compare_with}
        figures = [x for x in v.metrics.values()
                   if x.area == area and x.id not in in_events | compared]
        # The lead figure first: a key figure with a change, then key figures, a figure told
        # with others as its clauses (`with`), then the rest; figures given for context
        # (earlier years, totals, targets) after the year's own.
        figures.sort(key=lambda x: (x.metric.context, not x.key, not x.metric.with_,
                                    x.change is None))
        # An event that was part of another is told within it, in that event's section.
        events = [e for e in v.events if e.area == area and e.id not in self.plan.parent]
        return SectionItems(metrics=figures, events=events,
                    facts=[f for f in v.facts.values() if f.area == area])

    # --- sentences -----------------------------------------------------------------------------

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

    # --- words --------------------------------------------------------------------------------

    def _proper(self) -> set[str]:
        """The words of the names of people, places and the two countries: they keep their
        capital inside a sentence (an organisation's name is full of common words)."""
        if not hasattr(self, "_proper_words"):
            ds = self.views.dataset
            words: set[str] = set()
            for text in (*(p.name for p in ds.people), *(p.name for p in ds.places),
                         *(c.name for c in ds.briefing.countries),
                         *(c.adjective for c in ds.briefing.countries)):
                words.update(_word(w) for w in text.replace("–", " ").split())
            self._proper_words = {w for w in words if w[:1].isupper()}
        return self._proper_words

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
                or _word(first) in self._proper()
                or any(first.startswith(c.name[:5])
                       for c in self.views.dataset.briefing.countries)):
            return text
        return first.lower() + space + rest

    def subject(self, x: MetricView) -> str:
        """How a sentence names a figure: the number of what a count counts; else the label when
        it reads as a noun phrase ("Georgian exports to Armenia"; "Passenger cars, the largest of
        Georgia's exports to Armenia,"), else the short label."""
        if x.unit == "count" and x.noun:
            return self.t("subject.count", noun=x.noun)
        label = x.label
        words = label.split()
        if x.unit == "rank" and len(words) <= 16 and not any(c in label for c in ":;()"):
            return self._article(label)  # "The UAE's rank among …", never "Rank as FDI source"
        if label_reads(label):
            return self._article(label)
        if label.count(", ") == 1 and len(words) <= 12 and not any(c in label for c in ":;()"):
            head, tail = label.split(", ")
            if tail.isalpha() and tail.islower() and label_reads(head):
                return f"{tail} {self.lower(head)}"  # "cumulative Korean investment in …"
            return self._article(label) + ","
        short = x.short_label.split(", ")[0]
        # A short label is a heading ("Rise in surplus"): before its preposition, it takes the
        # article a sentence needs ("the rise in surplus").
        words = short.split()
        if len(words) > 2 and words[1] in self.t("words.prepositions.short").split() \
                and self.lower(short) != short:
            return self.t("subject.the", label=self.lower(short))
        return self._article(short)

    def _article(self, label: str) -> str:
        """A label that opens with a noun and its preposition takes the article: "Value of the
        joint projects" → "the value of the joint projects"."""
        words = label.split()
        if len(words) > 2 and words[1] in self.t("words.prepositions").split():
            lowered = self.lower(label)
            if lowered != label:
                return self.t("subject.the", label=lowered)
        return label

    def things(self, x: MetricView, done: bool = False) -> str:
        """What a count counts, as it runs into "there were 78 …": the label where it reads as
        a noun phrase ("Filipinos living in Japan"), else the noun; for things done ("ten …
        were signed") the noun first, since the label often names the deed already."""
        label = x.label
        reads = label_reads(label)
        if x.noun and (done or not reads or x.metric.per):  # "42 flights a week"
            return x.noun
        if not reads:
            return self.lower(x.short_label)
        first, _, rest = label.partition(" ")
        if x.noun and x.noun.split()[0].lower() == first.lower():
            # The noun says how its word is written: "Filipinos living …", "migrants Türkiye …"
            return f"{x.noun.split()[0]} {rest}".strip()
        return self.lower(label)

    def _values(self, x: MetricView) -> dict[str, str]:
        t, fmt = self.t, self.fmt
        value = self._figure_text(x, x.value, x.metric.qualifier) if x.value is not None \
            else x.text
        subject = self.subject(x)
        values = {
            "value": value, "period": x.period, "label": x.label, "short_label": x.short_label,
            "subject": subject, "subject_lc": self.lower(subject),
            "noun": x.noun or x.short_label, "change": x.change or "",
            "direction": t("change.down" if x.falling else "change.up"),
            "more": t("change.less" if x.falling else "change.more"),
            "moved": t("change.fell" if x.falling else "change.rose"),
            "fold": fmt.fold(x.value, x.metric.qualifier) if x.unit == "multiplier" else "",
            "previous": x.previous.text if x.previous else "",
            "previous_period": x.previous.period if x.previous else "",
            "a": self.a.name, "b": self.b.name,
            "a_adjective": self.a.adjective, "b_adjective": self.b.adjective,
            "when": self.when(x.period, x.metric.period),
        }
        m, resolve = x.metric, self.views.resolve
        values.update({
            "things": self.things(x, done=bool(m.verb)), "by": str(m.by or ""),
            "verb": resolve(m.verb or ""), "holder": resolve(m.holder or ""),
            "among": resolve(m.among or ""), "within": resolve(m.within or "")})
        values["when_cap"] = _cap(values["when"])
        # Each period once: a subject that names the month ("grain exports in November") is
        # dated by its year alone.
        said = {w.lower() for w in subject.split()}
        if any(w.lower() in said for w in x.period.split() if w[:1].isupper() and len(w) > 2):
            values["when"] = self.t("when.in", period=str(x.metric.period.end.year))
            values["when_cap"] = _cap(values["when"])
        # A label that carries a clause: the clause after the period ("In 1992, when
        # diplomatic ties were established, two-way trade came to …").
        head, clause = split_clause(subject, self.t.get("words.clauses", "-").split())
        if clause and x.unit != "count":
            values.update(subject=head, subject_lc=self.lower(head))
            values["when"] = self.t("when.clause", when=values["when"], clause=clause)
            values["when_cap"] = _cap(values["when"])
        if x.alternatives:  # the sources disagree: the range, once
            shown = sorted([(x.value or 0.0, value),
                            *((a.value, self._figure_text(x, a.value, a.qualifier))
                              for a in x.alternatives)])
            if shown[0][0] != shown[-1][0]:  # the same number, only hedged differently
                # "fifth or seventh"; "four or five agreements", not "between four and five"
                either = x.unit in ("rank", "ordinal") or (
                    x.unit == "count" and shown[-1][0] - shown[0][0] == 1)
                key = "number.either" if either else "number.between"
                values["value"] = t(key, low=shown[0][1], high=shown[-1][1])
        if self.during is not None:  # told within an event: dated by it (happenings.py)
            happenings.figure_values(values, *self.during)
        return {k: escape(val) for k, val in values.items()}

    def _figure_text(self, x: MetricView, value: float, qualifier: str) -> str:
        """A value of the figure as a sentence says it: a rank "fourth" (a table says
        "fourth-largest"), a multiple "×4.2", a count "five" or "12,000", a rate "three a week"."""
        fmt = self.fmt
        if x.unit in ("rank", "ordinal"):
            return fmt.ordinal(int(value))
        if x.unit == "multiplier":
            return fmt.multiplier(value)
        if x.unit != "count":
            text = fmt.qualified(fmt.amount(value, x.unit, words=True), qualifier)
            return self.t(f"number.per.{x.metric.per}", amount=text) if x.metric.per else text
        text = fmt.qualified(fmt.count(value), qualifier)
        return self.t(f"number.per.{x.metric.per}", amount=text) if x.metric.per else text

    def when(self, shown: str, period: Any) -> str:
        """ "in April 2031", or "on 3 April 2031" for a single day; several fiscal years "from
        2020–21 to 2023–24"."""
        split = self.fmt.split_years(period) if hasattr(period, "start_part") else None
        if split is not None and len(split) == 2:
            return self.t("when.from", start=split[0], end=split[1])
        day = period.start.day is not None and period.end.day is not None
        return self.t("when.on" if day else "when.in", period=shown)

    def _pattern(self, x: MetricView) -> str:
        """The frame of a figure's sentence, from what the figure is: its unit, status, change,
        period and the optional fields that say what it counts, who holds a rank or the year a
        plan aims at; never from the words of its label."""
        m = x.metric
        if x.growth_only:
            return "sentence.figure.growth"
        if x.unit == "rank":
            return "sentence.figure.rank.among" if m.holder and m.among else "sentence.figure.rank"
        if x.unit == "ordinal":
            return "sentence.figure.ordinal.within" if m.within else "sentence.figure.ordinal"
        if x.unit == "multiplier":
            return "sentence.figure.multiplier"
        if x.status != "actual":
            return "sentence.figure." + self._status(x)
        if x.change is None and m.period.start.month is None and len(m.period.years) > 1 \
                and not m.verb and not (x.unit == "count" and x.noun):
            return "sentence.figure.span"  # a total over several whole years
        if x.change is not None:
            return "sentence.figure.change"
        if x.unit == "count":  # things done ("ten … were signed"), else things that exist
            return "sentence.figure.count.done" if m.verb else "sentence.figure.count.exists"
        level = x.unit == "percent" or x.unit in LEVEL_UNITS  # a share, a length, a term
        if level and m.period.start.day is not None:  # "On 9 September 2024, the term was …"
            return "sentence.figure.level.day"
        if m.context:  # an earlier year's: "In 2030, trade came to …"
            return "sentence.figure.context.level" if level else "sentence.figure.context"
        return "sentence.figure.level" if level else "sentence.figure.plain"

    @staticmethod
    def _status(x: MetricView) -> str:
        """A status's frame: "planned.by" with the year it aims at, "planned.announced" for a
        plan or target dated by the day or month it was announced, else the status itself."""
        if x.metric.by:
            return f"{x.status}.by"
        if x.status in ("planned", "target") and x.metric.period.start.month is not None:
            return f"{x.status}.announced"
        return str(x.status)

    def figure(self, x: MetricView, chart: bool = True) -> str:
        """A sentence about a figure, with its period, change, the earlier figure it compares
        with, the range where sources disagree, and its chart reference. How an estimate was made
        and who gives which figure go to the footnotes (the figure's citations)."""
        if x.metric.change and x.metric.change.amount is not None and not (
                x.metric.sentence or x.alternatives or x.metric.compare_with):
            return Together(self).sentence([x], chart)  # "rose 5.7%, or €2.6 billion, to …"
        values = self._values(x)
        with_ids: list[str] = []
        if x.metric.sentence:
            names = {k: escape(n) for k, n in self.views.names.items()}
            own = x.metric.sentence
            # "{value} times" with a small count reads "twice" (the catalog's words).
            times, n = self.t.get("number.times", ""), x.value
            if times and times in own and n is not None and self.t.has(f"times.{n:g}"):
                own = own.replace(times, self.t(f"times.{n:g}"))
            text = own.format_map({**names, **values})
        else:
            text, with_ids = Together(self).hosting(x, self.frame(x, values))
        text = _cap(_clause(text.strip()))
        cites = [x.id, *(a.id for a in x.alternatives), *with_ids]
        if x.alternatives and any(a.value != x.value for a in x.alternatives):
            text = self.t("sentence.sources_differ", text=text)
        earlier = self.views.metrics.get(x.metric.compare_with or "")
        later = ""
        if earlier is not None:
            when = escape(self.when(earlier.period, earlier.metric.period))
            if any(a.value != earlier.value for a in earlier.alternatives):
                shown = sorted([(earlier.value or 0.0, earlier.text),
                                *((a.value, a.text) for a in earlier.alternatives)])
                later = self.stop(_cap(self.t(
                    "sentence.compared.range", when=when, low=escape(shown[0][1]),
                    high=escape(shown[-1][1])))) + self.cite(
                        earlier.id, *(a.id for a in earlier.alternatives))
            else:
                text = self.t("sentence.compared", text=text, value=escape(earlier.text),
                              when=when)
                # Sources that give the same number, hedged differently, are cited with it.
                cites += [earlier.id, *(a.id for a in earlier.alternatives)]
        ref = self._chart_ref(x.id if chart else None)
        parts = [self.stop(self.join([text, ref]) if ref else text) + self.cite(*cites)]
        if later:
            parts.append(later)
        return self.join(parts)

    def frame(self, x: MetricView, values: dict[str, str]) -> str:
        """A figure told in the frame of what it is (`_pattern`), with its values."""
        pattern = self._pattern(x)
        if pattern.startswith("sentence.figure.target") and self.t("word.target").lower() \
                in values["subject"].lower():  # "the bilateral trade target is …"
            pattern = pattern.replace("target", "target_named", 1)
        self._per_count(x, pattern, values)
        return self.t(pattern, **values)

    def _per_count(self, x: MetricView, pattern: str, values: dict[str, str]) -> None:
        """A rate of things in a count's frame: "there were 42 flights a week", not "42 a week
        flights"."""
        if pattern.startswith("sentence.figure.count.") and x.metric.per \
                and x.value is not None and not x.alternatives:
            values["value"] = escape(self.fmt.qualified(self.fmt.count(x.value),
                                                        x.metric.qualifier))
            values["things"] = escape(self.t(f"number.per.{x.metric.per}",
                                             amount=self.things(x, bool(x.metric.verb))))

    def _chart_ref(self, metric_id: str | None) -> str:
        for chart_id in self.charts_of.get(metric_id or "", []):
            if chart_id not in self.referred:
                self.referred.add(chart_id)
                return self.see(chart_id)
        return ""

    def _opens_with_name(self, title: str) -> bool:
        """Whether a title opens with a name of the dataset ("President Firefly at …")."""
        second = title.split(" ")[1:2]
        return self.lower(title) == title and (
            _word(title.split(" ")[0]) in self._proper()
            or bool(second and _word(second[0]) in self._proper()))

    def title(self, title: str) -> str:
        """An event's title as the subject of a sentence: "the state visit by …"."""
        if self._opens_with_name(title):
            shown = title  # it opens with a name: "President Firefly at …"
        else:
            shown = self.t("sentence.event.the", title=self.lower(title))
        # A title that ends with its place ("…, Khiva") closes the apposition before the date.
        return self.t("sentence.event.apposition", title=shown) if ", " in title else shown

    def _head(self, title: str) -> str:
        """The event named again, briefly: "the official visit of …" → "The visit"; else the
        catalog's word for it ("It")."""
        ends = set(self.t.get("words.title_ends", "").split()) - {"-"}
        head = ""
        if ends and not self._opens_with_name(title):
            for word in self.lower(title).split():
                if word.strip(",") in ends:
                    break
                head = word.strip(",")
        if head.replace("-", "").isalpha() and head.islower():
            return _cap(self.t("sentence.event.head", head=head))
        return _cap(self.t("sentence.event.it"))

    def _role(self, name: str) -> str | None:
        return next((p.role for p in self.views.dataset.people if p.name == name), None)

    def _opening(self, e: EventView, title: str, when: str) -> tuple[str, bool]:
        """Who took part, where and when: "During the official visit of Prime Minister … on
        13–14 February 2024, the Prime Minister of India met …"; and whether it named anyone.
        A person the title names is named briefly (the title named them in full)."""
        t = self.t
        hosts = [p for p in e.participants if _names(e.title, p)]
        others = [p for p in e.participants if p not in hosts]
        self.mentioned.update(hosts)
        if not others:
            return self._happened(e, when)
        if self._opens_with_name(e.title):  # "President Firefly at the summit …"
            people = escape(self.fmt.names(list(e.participants)))
            return t("sentence.event.with_participants", title=title, when=when,
                     participants=people), True
        named = escape(self.fmt.names([self.person(p, self._role(p)) for p in others]))
        if hosts:
            host = escape(self.fmt.names([self._host(p, e.title) for p in hosts]))
            return t("sentence.event.met", title=title, when=when, host=host,
                     participants=named), True
        key = "sentence.event.met_all" if len(others) > 1 else \
            "sentence.event.with_participants.one"
        return t(key, title=title, when=when, participants=named), True

    def _host(self, name: str, title: str) -> str:
        """A person the event's title names, named again briefly: by a short office ("the
        Prime Minister of India"), else as the title styles them ("President Kassym-Jomart
        Tokayev" → "President Tokayev")."""
        brief = self.person(name, self._role(name))
        if brief != name:
            return brief
        *given, surname = name.split()
        styled = re.search(r"((?:[A-Z][\w-]*\s){1,2}?)(?:" + re.escape(" ".join(given))
                           + r"\s)?" + re.escape(surname), title) if given else None
        return f"{styled.group(1)}{surname}" if styled else name

    def _ordinals(self, e: EventView) -> list[str]:
        """The ordinals that count the event itself, woven into one sentence after it: "It
        was the seventh meeting of the council and the 32nd meeting between …"."""
        occasions = set(self.t.get("words.occasions", "").split())
        clauses, cites = [], []
        for metric_id in e.metrics:
            x = self.views.metrics.get(metric_id)
            if x is None or metric_id in self.told or x.unit != "ordinal" or x.metric.sentence \
                    or x.value is None:
                continue
            label = self.lower(x.label)
            if not occasions & {w.lower() for w in label.split()[:5]}:
                continue  # it counts something else ("the third generation of …")
            clause = self.t("sentence.event.ordinal", ordinal=self._values(x)["value"],
                            label=escape(label))
            if any(a.value != x.value for a in x.alternatives):
                clause = self.t("sentence.sources_differ", text=clause)
            self.told.add(metric_id)
            clauses.append((bool(x.alternatives), clause))
            cites += [x.id, *(a.id for a in x.alternatives)]
        if not clauses:
            return []
        # "…, depending on the source" closes the sentence, after the figures all agree on.
        shown = [c for _, c in sorted(clauses, key=lambda c: c[0])]
        return [self.stop(_cap(self.t("sentence.event.was", figures=self.fmt.names(shown))))
                + self.cite(*cites)]

    def _outcomes(self, e: EventView, opening: str, when: str, named: bool) -> list[str]:
        """The opening, then what came of the event, in sentences of at most three outcomes:
        "The visit resulted in A and B. It also saw C and D."."""
        t = self.t
        # An outcome written as a clause ("France recognised the plan …") is a sentence of its
        # own after the others: "resulted in" takes what came of it, not who did what.
        pattern = t.get("words.outcome_clause", "-")
        said = re.compile(r"(?!)" if pattern == "-" else pattern)  # "-": the language has none
        clauses = [_cap(o) for o in e.outcomes if said.search(o)]
        outcomes = [_clause(self.lower(o)) for o in e.outcomes if not said.search(o)]
        if not outcomes:
            return [opening, *(self.stop(escape(c)) for c in clauses)]
        cut = len(outcomes) if len(outcomes) <= 3 else (len(outcomes) + 1) // 2
        first = escape(self.fmt.names(outcomes[:cut]))
        if named:
            head = self._head(e.title)
            if head.split()[-1].lower() in outcomes[0].lower().split()[:3]:
                head = _cap(t("sentence.event.it"))  # not "The signing resulted in the signing"
            parts = [opening, self.stop(_cap(t("sentence.event.result", event=escape(head),
                                                 outcomes=first)))]
        else:  # nobody to name: "The second session of … in November resulted in …"
            parts = [self.stop(_cap(t("sentence.event.outcomes", title=escape(self.title(
                e.title)), when=when, outcomes=first)))]
        if outcomes[cut:]:
            parts.append(self.stop(_cap(t("sentence.event.also", outcomes=escape(
                self.fmt.names(outcomes[cut:]))))))
        return parts + [self.stop(escape(c)) for c in clauses]

    def event(self, e: EventView) -> str:
        """An event told as what happened: who met, where and when; what number of its kind it
        was; what came of it; the other figures that measure it; then what happened during it
        (its parts, each with its own day) and the figures of its period ("During the visit,
        …")."""
        parts = self._told(e, self.when(e.period, e.event.period))
        during = self._parts(e)
        # After "During the visit, A met B." its figures need no "during the visit" again.
        dated = not during or not during[-1].startswith(_cap(self.t(
            "sentence.event.during", event=self._during(e), clause="")).rstrip(", ，"))
        parts += during + self._period_figures(e, dated)
        return self.join(parts)

    def _told(self, e: EventView, shown: str, opening: str = "") -> list[str]:
        """An event's own sentences: its opening (or the one given), ordinals, outcomes,
        anniversary and the figures it lists."""
        when = escape(shown)
        named = True
        if not opening:
            opening, named = self._opening(e, escape(self.title(e.title)), when)
        opening = self.stop(_cap(opening))
        ordinals = self._ordinals(e)
        parts = self._outcomes(e, opening, when, named)
        parts[0] += self.cite(e.id)
        parts[1:1] = ordinals
        if e.event.anniversary and e.commemorates:
            parts.append(self.stop(self.t("sentence.event.anniversary", ordinal=self.fmt.ordinal(
                e.event.anniversary), commemorates=escape(e.commemorates))))
        for metric_id in e.metrics:
            if metric_id in self.views.metrics and metric_id not in self.told:
                self.told.add(metric_id)  # said once, with the first event it measures
                parts.append(self.figure(self.views.metrics[metric_id]))
        return parts

    def _clause(self, e: EventView, when: str, kind: str = "clause") -> str:
        """An event's title read as who did what, by the catalog's shapes ("Official visit by
        A to C" → "A paid an official visit to C on D"; `kind` "point": "A visits C"), or ""
        where no shape reads it."""
        said = self._predicate(e, kind)
        if said is None:
            return ""
        return self._say(kind, *said, when)

    def _say(self, kind: str, who: str, predicate: str, when: str) -> str:
        text = self.t(f"event.{kind}", who=who, predicate=predicate, when=when)
        return re.sub(r" {2,}", " ", text).strip()

    def _predicate(self, e: EventView, kind: str = "clause") -> tuple[str, str] | None:
        """Who (escaped) and what they did, from the first catalog shape that reads the title."""
        read = happenings.read_title(self.t, e.title)
        if read is None or "who" not in read.slots:
            return None
        slots: dict[str, str] = {}
        for name, text in read.slots.items():
            if e.title.lower().startswith(text.lower()):  # "Official" → "official"
                text = self.lower(text)
            slots[name] = escape(text)
            slots[f"{name}_a"] = escape(happenings.article(self.t, text))
        return slots["who"], self.t(f"event.{kind}.{read.shape}", **slots)

    def _happened(self, e: EventView, when: str) -> tuple[str, bool]:
        """An event with no one else to name: its title read as a clause ("A paid an official
        visit to C on D"), else "The … was held on D"; and whether it named who took part."""
        clause = self._clause(e, when)
        if clause:
            return clause, True
        plural = set(self.t.get("words.plural_heads", "-").split()) - {"-"}
        ends = set(self.t.get("words.title_ends", "-").split()) - {"-"}
        head = ""
        for word in e.title.split():
            if word.strip(",").lower() in ends:
                break
            head = word.strip(",").lower()
            if word.endswith(","):
                break
        key = "sentence.event.held.plural" if head in plural else "sentence.event.held"
        return self.t(key, title=escape(self.title(e.title)), when=when), False

    def _during(self, e: EventView) -> str:
        """The event named again for "During …": "the visit", else its title."""
        head = self._head(e.title)
        if head == _cap(self.t("sentence.event.it")):
            return escape(self.title(e.title))
        return escape(head[:1].lower() + head[1:])

    def _parts(self, e: EventView) -> list[str]:
        """What happened during an event, after it: a part on a day of its own "On 2 July
        2024, …"; parts over the whole event in one sentence, "During the visit, A met B and
        addressed C"; a part with people or outcomes of its own told in full."""
        out, during, cites = [], [], []
        whole: list[tuple[str, str]] = []  # (who, predicate) of parts over the whole event
        for part in self.plan.parts(e.id, self.views):
            clause = "" if part.participants else self._clause(part, "")
            if not clause:
                out += self._told(part, self.when(part.period, part.event.period))
                continue
            if part.event.period != e.event.period:
                opening = self.t("sentence.event.part", clause=clause, when_cap=escape(_cap(
                    self.when(part.period, part.event.period))))
                out += self._told(part, self.when(part.period, part.event.period), opening)
                continue
            if part.outcomes or part.metrics:
                opening = self.t("sentence.event.during", event=self._during(e), clause=clause)
                out += self._told(part, "", opening)
                continue
            whole.append(self._predicate(part) or ("", clause))
            cites.append(part.id)
        if whole:
            if len({w for w, _ in whole}) == 1:  # one subject: "A met B and addressed C"
                said = self._say("clause", whole[0][0], self.fmt.names([p for _, p in whole]),
                                  "")
            else:
                said = self.fmt.names([self._say("clause", w, p, "") for w, p in whole])
            during.append(self.stop(self.t("sentence.event.during", event=self._during(e),
                                           clause=said)) + self.cite(*cites))
        return out + during

    def _period_figures(self, e: EventView, dated: bool = True) -> list[str]:
        """The figures of an event's period, told within it: "During the visit, more than 40
        cooperation agreements were signed.", the next (or, after a sentence that says "During
        the visit", each) without the period again."""
        out = []
        during = self.t("sentence.event.when", event=self._during(e))
        cut = self.t.get("words.during", "-")
        for i, metric_id in enumerate(self.plan.figures.get(e.id, [])):
            if metric_id in self.told:
                continue
            self.told.add(metric_id)
            self.during = (during, dated and i == 0, cut)
            try:
                out.append(happenings.unmarked(self.figure(self.views.metrics[metric_id])))
            finally:
                self.during = None
        return out

    def person(self, name: str, role: str | None) -> str:
        """A person named in full the first time, then by their office where it is short ("the
        President of Uzbekistan"), or by its first word where no one else's office opens with
        it ("the ambassador"), else in full again."""
        if name not in self.mentioned:
            self.mentioned.add(name)
            return name
        if role and len(role.split()) <= 5:
            return self.t("sentence.person.role", role=role)
        office = role.split()[0] if role and self.t.get("words.office_first", "-") != "-" \
            else ""
        others = [p.role.split()[0] for p in self.views.dataset.people if p.name != name]
        if office and office not in others:
            return self.t("sentence.person.role", role=office.lower())
        return name

    def _names_speaker(self, f: FactView) -> bool:
        """Whether a fact's text already says who spoke: their surname, or "The ambassador …"
        at its opening."""
        name, role = f.speaker or "", f.speaker_role or ""
        if _names(f.text, name):
            return True
        opening = f.text.split()[:2]
        return bool(role) and len(opening) == 2 and opening[1].lower() == role.split()[0].lower()

    def _briefing_voice(self, f: FactView) -> bool:
        """Whether a fact is the voice the briefing draws on (the occasion's only speaker), so
        that it stands without "…, X said"."""
        occasion = self.views.dataset.briefing.occasion
        if occasion is None or occasion.speakers:
            return False
        return f.fact.speaker == occasion.speaker

    def fact(self, f: FactView, again: bool = False) -> str:
        """A statement, assessment, position or outlook as a sentence; a quote as a quote block.
        An opinion is attributed: to its speaker ("…, Droupadi Murmu said."), or without one to
        the sources that carry it ("According to …, …"); a fact whose text names its speaker,
        or the occasion's own speaker's, stands as it is.

        again: the sentence before is the same speaker's ("X added that …")."""
        t = self.t
        text = escape(f.text)
        if f.kind == "quote":
            speaker = escape(f.speaker) if f.speaker else ""
            who = (t("sentence.quote.speaker", speaker=speaker, role=escape(f.speaker_role or ""))
                   if speaker else t("sentence.quote.source", source=escape(
                       self.fmt.names([s.publisher for s in f.sources]))))
            return f"> “{text}”{self.cite(f.id)} — {who}"
        said = f.kind in ("position", "outlook") or (
            f.kind in ("assessment", "statement") and not self._briefing_voice(f))
        if f.speaker and said and not self._names_speaker(f):
            return self._attributed(f, again) + self.cite(f.id)
        if f.kind == "assessment" and not f.speaker:
            sources = escape(self.fmt.names(list(dict.fromkeys(s.publisher for s in f.sources))))
            return self.stop(t("sentence.assessment.source", source=sources,
                               text=escape(_clause(self._run_in(f.text))))) + self.cite(f.id)
        return text + self.cite(f.id)

    def _run_in(self, text: str) -> str:
        """A sentence as it runs on after a lead-in: "The Bilateral Investment Treaty …" →
        "the Bilateral Investment Treaty …"."""
        article = self.t("subject.the", label="").strip()
        first, space, rest = text.partition(" ")
        if article and first == _cap(article):
            return article + space + rest
        return self.lower(text)

    def _attributed(self, f: FactView, again: bool) -> str:
        """ "…, X said."; the same speaker's next: "X added that …" or "…, X added."."""
        t = self.t
        speaker = escape(self.person(f.speaker or "", f.speaker_role))
        if again:
            lowered = self.lower(f.text)
            if lowered != f.text:
                return _cap(t("sentence.position.again", text=escape(_clause(lowered)),
                              speaker=speaker))
            return t("sentence.position.added", text=escape(_clause(f.text)), speaker=speaker)
        return t("sentence.position.speaker", text=escape(_clause(f.text)), speaker=speaker)

    # --- paragraphs ----------------------------------------------------------------------------

    def paragraphs(self, area: str) -> list[str]:
        """A section's body, the most important first: the key figure, or where the section has
        none the main high-level event, opens it, and the assessments follow what they assess;
        then the other figures, the events (high-level first), statements, positions and the
        outlook, and the quotes; every item once. A paragraph of one sentence joins its
        neighbour, and a chart is referred to from the paragraph it illustrates."""
        items = self.items(area)
        blocks: list[tuple[str, list[str]]] = []
        events = sorted(items.events, key=lambda e: not e.high_level)
        key = bool(items.metrics) and items.metrics[0].key
        if events and events[0].high_level and not key:  # the main event leads
            blocks += [("events", [self.event(e)]) for e in events]
            blocks[0][1].extend(self.fact(f) for f in items.facts_of("assessment"))
            blocks += self._figure_blocks(items)
        else:
            blocks += self._figure_blocks(items)
            said = [self.fact(f) for f in items.facts_of("assessment")]
            if blocks:
                blocks[0][1].extend(said)
            elif said:
                blocks.append(("figures", said))
            blocks += [("events", [self.event(e)]) for e in events]
        for kinds in (("statement", "position"), ("outlook",)):
            said = self._said(items.facts_of(*kinds))
            blocks += [("facts", said[i:i + 3]) for i in range(0, len(said), 3)]
        blocks += [("quote", [self.fact(f)]) for f in items.facts_of("quote")]
        blocks = self._merged(blocks)
        self._charts(area, blocks)
        return [self.join(parts) for _, parts in blocks]

    def _figure_blocks(self, items: SectionItems) -> list[tuple[str, list[str]]]:
        """The section's figures as paragraphs: the lead figure alone (its assessments join
        it), the others in threes."""
        figures = Together(self).sentences(items.metrics)  # figures of one kind together
        return ([("figures", figures[:1])] if figures else []) + [
            ("figures", figures[i:i + 3]) for i in range(1, len(figures), 3)]

    def _charts(self, area: str, blocks: list[tuple[str, list[str]]]) -> None:
        """The sentence that points to each chart not referred to yet, at the end of the
        paragraph it illustrates (the timeline after the events), never alone."""
        for c in self.views.dataset.charts:
            if c.area != area or c.id in self.referred or not has_data(c, self.views):
                continue
            sentence = self._chart_sentence(c.id, c.title)
            kind = "events" if c.kind == "timeline" else "figures"
            home = ([parts for k, parts in blocks if k == kind]
                    or [parts for k, parts in blocks if k != "quote"])
            if home:
                home[-1].append(sentence)
            else:
                blocks.append(("figures", [sentence]))

    @staticmethod
    def _merged(blocks: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
        """Paragraphs with no sentence left alone: a paragraph of one sentence joins the one
        before it (or a lone one before takes the next), short of eight sentences; quotes stand
        apart."""
        out: list[tuple[str, list[str]]] = []
        for kind, parts in blocks:
            if kind != "quote" and out and out[-1][0] != "quote":
                before, now = _count(out[-1][1]), _count(parts)
                if min(before, now) == 1 and before + now <= 8:
                    out[-1] = (out[-1][0], out[-1][1] + parts)
                    continue
            out.append((kind, list(parts)))
        return out

    def _said(self, facts: list[FactView]) -> list[str]:
        """Facts as sentences, in threes to a paragraph; a speaker's second in a row "added"."""
        out = []
        for i, f in enumerate(facts):
            again = i % 3 > 0 and f.speaker is not None and facts[i - 1].speaker == f.speaker
            out.append(self.fact(f, again=again))
        return out

    def _chart_sentence(self, chart_id: str, title: str) -> str:
        self.referred.add(chart_id)
        kind = next(c.kind for c in self.views.dataset.charts if c.id == chart_id)
        key = "sentence.chart.timeline" if kind == "timeline" else "sentence.chart"
        return self.stop(self.join([self.t(key, title=escape(self.views.resolve(title))),
                                    self.see(chart_id)]))

    def _brief(self, x: MetricView, first: bool) -> str:
        """A figure as a clause of the summary, in the frame its section tells it with (a count
        done or that exists, a level that "was", a sum that "came to"), or with its change:
        "bilateral trade rose 12.5% to €830 million in January–October 2031"; the section gives
        it in full, with its sources and chart."""
        values = self._values(x)
        if not first:
            values["subject"] = escape(self.lower(self.subject(x)))
            values["when_cap"] = values["when"]  # "…, and in June 2024, there were …"
        earlier = self.views.metrics.get(x.metric.compare_with or "")
        if earlier is not None and earlier.value is not None and x.value is not None \
                and not x.change and not earlier.alternatives:
            # "fell to $853.7 million in 2031, from $1.12 billion in 2030"
            values["moved"] = escape(self.t("change.fell" if x.value < earlier.value
                                            else "change.rose"))
            return self.t("summary.figure_compared", **values, earlier=escape(earlier.text),
                          earlier_when=escape(self.when(earlier.period, earlier.metric.period)))
        if x.change and not x.growth_only:
            return self.t("summary.figure_change", **values)
        pattern = self._pattern(x)
        self._per_count(x, pattern, values)
        return self.t(pattern, **values)

    @staticmethod
    def _lead(x: MetricView) -> tuple[bool, bool, bool]:
        """How a section's figure ranks for the summary, as the deck's title picks its main
        point: a key figure with its change, a key figure, a flow with a change; a figure of a
        single day (a count on the day of a visit) last."""
        day = x.metric.period.start.day is not None
        return (not x.key, x.change is None and not x.growth_only, day)

    def summary(self, sections: list[str]) -> list[str]:
        """The executive summary: the summary's own items, the headline figure of each other
        section briefly, the year's high-level events in one sentence, then the quotes; a
        chart's reference closes the paragraph of figures it shows."""
        v = self.views
        own = self.items("summary")
        blocks: list[tuple[str, list[str]]] = []
        blocks.append(("facts", [self.fact(f) for f in own.facts if f.kind != "quote"]
                       + [self.figure(x) for x in own.metrics]))
        blocks += [("events", [self.event(e)]) for e in own.events]
        blocks.append(("figures", self._leads(sections)))
        high = [e for e in v.events if e.high_level and e.area != "summary"]
        if high:
            blocks.append(("events", [self._high_level(high)]))
        blocks += [("quote", [self.fact(f)]) for f in own.facts if f.kind == "quote"]
        blocks = self._merged([(kind, parts) for kind, parts in blocks if parts])
        self._charts("summary", blocks)
        return [self.join(parts) for _, parts in blocks]

    def _leads(self, sections: list[str]) -> list[str]:
        """The headline figure of each section, two to a sentence: "bilateral trade rose 15%
        to nearly $4 billion …, and …"."""
        leads = self._lead_figures(sections)
        out = []
        for i in range(0, len(leads), 2):
            pair = leads[i:i + 2]
            clauses = [self._brief(x, first=j == 0) for j, x in enumerate(pair)]
            text = clauses[0] if len(clauses) == 1 else self.t(
                "summary.and", first=clauses[0], second=clauses[1])
            out.append(self.stop(_cap(text)) + self.cite(*(x.id for x in pair)))
        return out

    def _lead_figures(self, sections: list[str]) -> list[MetricView]:
        """The figure each section leads with in the summary (see `_lead`)."""
        leads = []
        for section in sections:
            actual = [x for x in self.items(section).metrics
                      if x.status == "actual" and not x.metric.context
                      and x.unit not in ("rank", "ordinal", "multiplier")]
            if actual:
                leads.append(min(actual, key=self._lead))  # the first of the best: stable
        return leads

    def _high_level(self, high: list[EventView]) -> str:
        """The year's main event as a sentence, briefly: the weightiest high-level event that
        was no part of another (of equal weight, the first), dated by its months ("A paid an
        official visit to C in June–July 2024"); its section tells it in full, by the day."""
        top = [e for e in high if e.id not in self.plan.parent]
        main = sorted(top or high, key=lambda e: -happenings.focus(e, self.views))[0]
        period = happenings.month_period(main.event.period)
        when = escape(self.when(self.fmt.period(period), period))
        clause = self._clause(main, when)
        # The section says the same clause where the event has no one else to name and no
        # day to give: the summary then names the event instead.
        told = not happenings.by_day(main.event.period) and not any(
            not _names(main.title, p) for p in main.participants)
        if not clause or told:
            clause = self.t("sentence.summary.main_event", title=escape(self.title(main.title)),
                            when=when)
        return self.stop(_cap(clause)) + self.cite(main.id)

    def occasion(self) -> str:
        """What the briefing draws on: the occasion the sources report, where there is one."""
        ds, t, fmt = self.views.dataset, self.t, self.fmt
        occasion = ds.briefing.occasion
        if occasion is None:
            return ""
        host = next(p for p in ds.people if p.id == occasion.speaker)
        venue = (t("sentence.summary.venue", venue=escape(self.views.names[occasion.venue]))
                 if occasion.venue else "")
        # A weekday reads with a day ("on Friday 20 December 2030") or a month ("on a Thursday
        # in December 2031"), never as "on a Friday in December 20, 2030".
        day = occasion.period.single and occasion.period.start.day is not None
        period = fmt.period(occasion.period)
        when = t("when.on" if day else "when.in", period=period)
        if occasion.weekday:
            when = t("sentence.summary.weekday_day" if day else "sentence.summary.weekday",
                     weekday=fmt.weekday(occasion.weekday), period=period)
        values = {"a": escape(self.a.name), "b": escape(self.b.name),
                  "year": str(ds.briefing.year), "occasion": escape(occasion.name),
                  "speaker": escape(host.name), "role": escape(host.role), "venue": venue,
                  "when": escape(when)}
        self.mentioned.update(p.name for p in ds.people
                              if p.id in (occasion.speaker, *occasion.speakers))
        if occasion.speakers:  # several speakers, each with the office the sources give
            people = [host, *(p for i in occasion.speakers for p in ds.people if p.id == i)]
            values["speakers"] = escape(fmt.names([t("sentence.summary.speaker", speaker=p.name,
                                                      role=p.role) for p in people]))
            return t("sentence.summary.occasion_many", **values) + self.cite("occasion")
        return t("sentence.summary.occasion", **values) + self.cite("occasion")

    def key_takeaways(self) -> list[str]:
        """The key figures of the whole briefing, as short lines (the summary's slide)."""
        keys = [x for x in self.views.metrics.values() if x.key]
        keys.sort(key=lambda x: x.change is None)
        return [self._short(x) + self.cite(x.id) for x in keys][:TAKEAWAYS]

    def summary_points(self, sections: list[str]) -> list[str]:
        """The summary's points for a slide: its key figures as short lines, else the figure
        each section leads with, as a short claim ("Bilateral trade up 9.2% to $86.7 billion in
        2024"); never a paragraph, even where the summary's slide is folded into another."""
        keys = self.key_takeaways()
        if keys:
            return keys
        return [self._short(x) + self.cite(x.id)
                for x in self._lead_figures(sections)][:TAKEAWAYS]

    # --- slides --------------------------------------------------------------------------------

    def headline(self, area: str) -> str:
        """The main point of a section as a headline, for its slide title: a key figure with its
        change, a key figure, the weightiest high-level event with the figure it gave, an
        assessment; only then the rest. A headline carries no date ("Trade up 12.5% to €830
        million"): the points under it give the periods."""
        items = self.items(area)
        keys = [x for x in items.metrics if x.key and x.status == "actual"]
        # The weightiest high-level event (most people, outcomes and figures, its own or of its
        # days), not the latest; of equal weight, the one the dataset lists first (a stable
        # sort: deterministic).
        high = sorted((e for e in items.events if e.high_level), key=lambda e: -(
            len(e.participants) + len(e.outcomes) + 2 * len(self._event_figures(e, items))))
        candidates = [self._title(x) for x in keys]
        # What lies ahead (a target, an outlook) is the point of a section that looks ahead.
        candidates += [self._title(x) for x in items.metrics if x.status != "actual"]
        candidates += [_clause(f.text) for f in items.facts_of("outlook")]
        candidates += [self._event_title(e, items) for e in high]
        candidates += [self.t("title.event", title=e.short_title) for e in high]
        candidates += [_clause(f.text) for f in items.facts_of("assessment")]
        candidates += [self._title(x) for x in items.metrics if x not in keys]
        candidates += [self.t("title.event", title=e.short_title)
                       for e in items.events if e not in high]
        candidates += [_clause(f.text) for f in items.facts_of("statement", "position")]
        fitting = [c for c in candidates if c and len(c) <= HEADLINE_MAX]
        return escape(_cap(fitting[0])) if fitting else ""

    def summary_headline(self, sections: list[str]) -> str:
        """The summary slide's title: its own main point where it has items, else the year's
        weightiest high-level event with the lead figure of the sections ("Queen's state visit
        to Freedonia · Trade up 12.5% to €830 million"), else the lead figure alone."""
        own = self.headline("summary")
        if own:
            return own
        leads = [self._title(x) for x in sorted(self._lead_figures(sections), key=self._lead)]
        events = [e for s in sections for e in self.items(s).events if e.high_level]
        events.sort(key=lambda e: -(len(e.participants) + len(e.outcomes)))
        if not events:  # the lead figure alone: not a section's title, where another can be
            heads = [self.headline(s) for s in sections]
            leads.sort(key=lambda t: escape(_cap(t)) in heads)
        parts = [self.t("title.event", title=e.short_title) for e in events[:1]] + leads[:1]
        candidates = [self.t("title.both", first=parts[0], second=_cap(parts[1]))
                      if len(parts) == 2 else "", *parts]
        fitting = [c for c in candidates if c and len(c) <= HEADLINE_MAX]
        return escape(_cap(fitting[0])) if fitting else ""

    def _event_figures(self, e: EventView, items: SectionItems) -> list[MetricView]:
        """The figures an event gave: its own, then the section's counts of its days (the
        agreements signed during a visit), things done first."""
        own = [self.views.metrics[m] for m in e.metrics if m in self.views.metrics]
        dated = [x for x in items.metrics if x.value is not None
                 and x.metric.period.start.day is not None and e.high_level
                 and e.event.period.start.day is not None
                 and happenings.within(x.metric.period, e.event.period)]
        dated.sort(key=lambda x: (not x.key, not x.metric.verb, -(x.value or 0.0)))
        # An amount or a count, not a rank, an ordinal ("the fifth visit"), a share or a length
        # ("the visit lasted three days"): what came of it.
        return [x for x in [*own, *dated] if x.status == "actual"
                and x.unit not in ("rank", "ordinal", "multiplier", "percent", *LEVEL_UNITS)]

    def _event_title(self, e: EventView, items: SectionItems) -> str:
        """A high-level event as a headline with the figure it gave: "Prime Minister's visit to
        Seoul: more than 40 cooperation agreements"; "" where it gave none."""
        figures = self._event_figures(e, items)
        if not figures:
            return ""
        return self.t("title.event_figure", title=e.short_title,
                      figure=self.lower(self._title(figures[0])))

    def _title(self, x: MetricView) -> str:
        """A figure as a headline, without its period: "Bilateral trade up 12.5% to €830
        million" (the `title.*` frames)."""
        return self._claim(x, "title")

    def _short(self, x: MetricView) -> str:
        """A figure as a short claim, for a slide: "Bilateral trade up 12.5% to €830 million in
        January–October 2031", "78 joint industrial facilities in March 2031"; a figure's own
        sentence where it has one."""
        return self._claim(x, "headline")

    def _claim(self, x: MetricView, frames: str) -> str:
        """A figure as a short claim with the catalog's `frames.*` patterns: `headline` (a
        slide's point, with its period) or `title` (a slide's title, without)."""
        values = self._values(x)
        # A year the frame says anyway goes from the label: "Trade target of $150 billion by
        # 2030", not "Trade target 2030 of $150 billion by 2030".
        values["short_label"] = escape(once(x.short_label, [str(x.metric.by or ""), *(
            [str(x.metric.period.end.year)] if x.status != "actual" else [])]))
        if x.unit == "count" and x.noun and x.metric.per and x.value is not None:
            # "105 flights a week", not "105 a week flights"
            values["value"] = escape(self.fmt.qualified(self.fmt.count(x.value),
                                                        x.metric.qualifier))
            values["noun"] = escape(self.t(f"number.per.{x.metric.per}", amount=x.noun))
        if (x.metric.sentence and x.unit in ("rank", "ordinal", "multiplier")) or (
                x.unit == "rank" and x.metric.holder and x.metric.among):
            # "The UAE ranked third among India's trading partners in 2022–23"
            return _cap(_clause(self.figure(x, chart=False).split("[^")[0].strip()))
        earlier = self.views.metrics.get(x.metric.compare_with or "")
        if earlier is not None and earlier.value is not None and x.value is not None \
                and not x.change and not earlier.alternatives:
            return _cap(self.t(f"{frames}.compared", **{**values, "direction": escape(self.t(
                "change.down" if x.value < earlier.value else "change.up"))},
                earlier=escape(earlier.text)))
        kind = ("growth" if x.growth_only else
                "ordinal" if x.unit == "ordinal" else
                "figure_change" if x.change else
                self._status(x) if x.status != "actual" and not self._says_twice(x) else
                "count" if x.unit == "count" and x.noun else
                "multiplier" if x.unit == "multiplier" else "figure")
        if kind == "figure" and frames == "headline":
            # A point says what the figure is, as the briefing does ("The share of … was
            # 25.98% in 2024"), never "Share of arrivals at 25.98% in 2024".
            said = _cap(_clause(self.figure(x, chart=False).split("[^")[0].strip()))
            if len(said) <= TAKEAWAY_MAX:
                return said
        line = _cap(self.t(f"{frames}.{kind}", **values))
        if kind == "count" and x.status != "actual":  # "105 flights a week (planned)"
            line = self.t("headline.status", text=line, status=self.t(f"status.{x.status}"))
        return line

    def _says_twice(self, x: MetricView) -> bool:
        """Whether a status's headline would say its word twice ("Weekly flights planned
        planned at …")."""
        word = self.t(f"status.{x.status}").lower()
        return bool(word) and word in x.short_label.lower() and word in self.t.get(
            f"headline.{x.status}", "").lower()

    def chart_points(self, chart_id: str) -> list[str]:
        """The points beside one chart: each of its figures as a short claim, with the estimate
        or the earlier figure its bars show."""
        chart = next(c for c in self.views.dataset.charts if c.id == chart_id)
        lines = []
        shown = [self.views.metrics[m] for m in dict.fromkeys(chart.metrics)
                 if m in self.views.metrics]
        # An earlier figure is said with the figure that compares itself with it; on a chart
        # of bars, each bar in its order.
        bars = {x.id for x in shown} if chart.kind == "bars" else set()
        compared = {x.metric.compare_with for x in shown} - bars
        for x in shown:
            if x.id in compared:
                continue
            lines.append(self._short(x) + self.cite(x.id))
            earlier = self.views.metrics.get(x.metric.compare_with or "")
            if earlier is not None and _uncited(self._short(x)).endswith(earlier.text):
                lines[-1] += self.cite(earlier.id)  # "… down to $853.7 million, from $1.12 bn"
            elif earlier is not None and earlier.id not in bars:
                lines.append(self._short(earlier) + self.cite(earlier.id))
            elif x.previous and chart.kind == "comparison":  # its bar: the year before
                lines.append(escape(_cap(self.t("headline.previous", value=x.previous.text,
                                                period=x.previous.period))) + self.cite(x.id))
        return lines

    def takeaways(self, area: str) -> list[str]:
        """The points beside a section's chart: about that chart's figures; without a chart, the
        section's first points."""
        charted_ids = [c.id for c in self.views.dataset.charts if c.area == area
                       and c.kind not in ("timeline", "series") and has_data(c, self.views)]
        lines = [line for c in dict.fromkeys(charted_ids) for line in self.chart_points(c)]
        # A chart of one figure leaves room: the section's first other points fill it, each
        # claim once (a point and a chart's line may differ only in their citations).
        said = {_uncited(line) for line in lines}
        lines += [p for p in self.points(area) if _uncited(p) not in said]
        return lines[:TAKEAWAYS]

    def points(self, area: str) -> list[str]:
        """Up to five short claims, for a section's slide when no chart stands beside them: key
        figures and high-level events first, then the other figures, events and facts; never
        an event within a high-level one (the talks of a visit: part of it), nor a long point with
        no figure but to make up three."""
        items = self.items(area)
        figures = sorted([*items.metrics, *self._within(items)], key=lambda x: not x.key)
        # An event within another (the talks of a visit) is not in `items`: told with it.
        events = sorted(items.events, key=lambda e: not e.high_level)
        lines = [self._short(x) + self.cite(x.id) for x in figures if x.key]
        lines += [self._event_point(e) for e in events if e.high_level]
        lines += [self._short(x) + self.cite(x.id) for x in figures if not x.key]
        lines += [self._event_point(e) for e in events if not e.high_level]
        facts = [escape(_clause(f.text)) + self.cite(f.id)
                 for f in items.facts_of("assessment", "statement", "outlook", "position")]
        lines = [line for line in lines if len(line) <= TAKEAWAY_MAX + 40]
        lines += [line for line in facts if short_enough(line)]
        # The point the title says (the headline with its period) first, for the deck to leave
        # out where the slide is titled with it; then five others, a long point with no figure
        # only to make up three.
        title = self.headline(area)
        said = [line for line in lines if repeats(line, title)][:1]
        lines = [line for line in lines if line not in said]
        lines += [line for line in facts if not short_enough(line)
                  and len(line) <= TAKEAWAY_MAX + 40][:max(0, TAKEAWAYS - len(lines))]
        return said + lines[:POINTS]

    def _within(self, items: SectionItems) -> list[MetricView]:
        """The figures the section's events tell within them (of a visit's period), which its
        slide shows as points of their own."""
        return [self.views.metrics[m] for e in items.events
                for m in self.plan.figures.get(e.id, [])]

    def _event_point(self, e: EventView) -> str:
        """An event as a slide's point, a short claim: its title read by the catalog's shapes
        ("Pham Minh Chinh visits South Korea, 30 June – 3 July 2024"), else its short title
        with its period."""
        claim = self._clause(e, "", kind="point")
        title = claim if claim else escape(e.short_title)
        return self.t("point.event", title=_cap(title), period=escape(e.period)) + \
            self.cite(e.id)


def label_reads(label: str) -> bool:
    """Whether a label reads as a sentence's noun phrase: ten words or fewer, no apposition,
    list or brackets ("Bilateral trade between India and the UAE", not "Trade (goods, USD)")."""
    return len(label.split()) <= 10 and not any(c in label for c in ",:;()–")


def _plain_fix(m: Metric) -> str:
    """The field that would give a figure a sentence of its own kind, or "" when it has one."""
    if m.unit == "count" and not m.noun and not label_reads(m.label):
        return "add `noun:` (what it counts, e.g. `schools`) to write \"there were 216 schools\""
    if m.unit == "count" and not m.verb and m.period.start.day is not None:
        return ("a count on one day is usually of things done: add `verb:` (e.g. `signed`) to "
                "write \"five agreements were signed\" rather than \"there were five agreements\"")
    if m.unit == "rank" and not (m.holder and m.among):
        return ("add `holder:` (who holds the rank, e.g. `the UAE`) and `among:` (the group, "
                "e.g. `India's trading partners`) to write \"the UAE ranked third among …\"")
    if m.status in ("planned", "target") and not m.by and m.period.start.month is not None:
        return ("a plan or target dated by a month or day is told as announced then (\"Plans "
                "announced in May 2031 put …\"): where the source names the year it aims at, "
                "add `by:` to write \"… by 2033\"; where it names none, leave it so")
    return ""


def plain_sentences(dataset: Dataset) -> list[Problem]:
    """The figures whose sentence falls back to a plain frame, because the data cannot tell
    what they are, each located with the field that would fix it (`reportgen validate` prints
    them as notes; they never fail a build)."""
    found = []
    for m in dataset.metrics:
        fix = "" if m.sentence or not m.publish else _plain_fix(m)
        if not fix:
            continue
        file, line, path = dataset.locations.get(f"metrics:{m.id}", ("metrics.yaml", 0, m.id))
        found.append(Problem(file, line, 1, f"{path} ({m.id})",
                             "note: falls back to a plain sentence", fix))
    return found
