"""Prose composed from a section's items by what they are, for any dataset.

Every sentence pattern comes from the wording catalog (`sentence.*`, `headline.*`, `takeaway.*`)
or from an item's own `sentence`; every value in it comes through the formatter, so the digits
rule holds and a new language is a new catalog. The section templates call these functions
(`prose.paragraphs(section)` and friends); nothing here knows any dataset's ids.

Each function returns narrative markup: escaped dataset text, with a citation marker after each
sentence and a chart reference where a chart shows the figure.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportgen.dataset.models import Dataset
from reportgen.errors import Problem
from reportgen.report.charts import has_data
from reportgen.report.markup import escape
from reportgen.report.views import EventView, FactView, MetricView, Views

HEADLINE_MAX = 95  # characters: a slide title or divider subtitle on one or two lines
TAKEAWAY_MAX = 150
TAKEAWAYS = 3
POINTS = 6


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _word(text: str) -> str:
    """A word without the punctuation or possessive around it: "Mirziyoyev's" → "Mirziyoyev"."""
    text = text.strip("(),.;:")
    return text[:-2] if text.endswith(("'s", "’s")) else text


def _uncited(line: str) -> str:
    """A line without its citation markers, to compare what two lines say."""
    return line.split("[^", 1)[0]


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

    # --- items ---------------------------------------------------------------------------------

    def items(self, area: str) -> SectionItems:
        v = self.views
        # A figure that measures an event is told with the event, in the event's section.
        in_events = {m for e in v.events for m in e.metrics}
        # An earlier figure that a figure compares itself with is told in the same sentence.
        compared = {x.metric.compare_with for x in v.metrics.values() if x.metric.compare_with}
        figures = [x for x in v.metrics.values()
                   if x.area == area and x.id not in in_events | compared]
        # The lead figure first: a key figure with a change, then key figures, then the rest;
        # figures given for context (earlier years, totals, targets) after the year's own.
        figures.sort(key=lambda x: (x.metric.context, not x.key, x.change is None))
        return SectionItems(metrics=figures, events=[e for e in v.events if e.area == area],
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
        if "," not in label and len(words) <= 10 and not any(c in label for c in ":;()–"):
            return self._article(label)
        if label.count(", ") == 1 and len(words) <= 12 and not any(c in label for c in ":;()"):
            return self._article(label) + ","
        return self._article(x.short_label.split(", ")[0])

    def _article(self, label: str) -> str:
        """A label that opens with a noun and its preposition takes the article: "Value of the
        joint projects" → "the value of the joint projects"."""
        words = label.split()
        if len(words) > 2 and words[1] in self.t("words.prepositions").split():
            lowered = self.lower(label)
            if lowered != label:
                return self.t("subject.the", label=lowered)
        return label

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
        values["when_cap"] = _cap(values["when"])
        # Each period once: a subject that names the month ("grain exports in November") is
        # dated by its year alone.
        said = {w.lower() for w in subject.split()}
        if any(w.lower() in said for w in x.period.split() if w[:1].isupper() and len(w) > 2):
            values["when"] = self.t("when.in", period=str(x.metric.period.end.year))
            values["when_cap"] = _cap(values["when"])
        if x.alternatives:  # the sources disagree: the range, once
            shown = sorted([(x.value or 0.0, value),
                            *((a.value, self._figure_text(x, a.value, a.qualifier))
                              for a in x.alternatives)])
            if shown[0][0] != shown[-1][0]:  # the same number, only hedged differently
                key = "number.either" if x.unit in ("rank", "ordinal") else "number.between"
                values["value"] = t(key, low=shown[0][1], high=shown[-1][1])
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
            text = fmt.qualified(fmt.amount(value, x.unit), qualifier)
            return self.t(f"number.per.{x.metric.per}", amount=text) if x.metric.per else text
        text = fmt.qualified(fmt.count(value), qualifier)
        return self.t(f"number.per.{x.metric.per}", amount=text) if x.metric.per else text

    def when(self, shown: str, period: Any) -> str:
        """ "in April 2031", or "on 3 April 2031" for a single day."""
        day = period.start.day is not None and period.end.day is not None
        return self.t("when.on" if day else "when.in", period=shown)

    def _pattern(self, x: MetricView) -> str:
        if x.growth_only:
            return "sentence.figure.growth"
        if x.status != "actual" and x.unit not in ("rank", "ordinal", "multiplier"):
            return f"sentence.figure.{x.status}"
        if x.unit in ("rank", "ordinal", "multiplier"):
            return f"sentence.figure.{x.unit}"
        period = x.metric.period
        if x.change is None and period.start.month is None and len(period.years) > 1:
            return "sentence.figure.span"  # a total over several whole years
        if x.change is not None:
            return "sentence.figure.change"
        if x.metric.context and x.status == "actual" and x.unit not in (
                "rank", "ordinal", "multiplier"):
            return "sentence.figure.context"  # an earlier year's: "In 2030, trade came to …"
        if x.unit == "count" and x.noun:
            return "sentence.figure.count"
        return "sentence.figure.plain"

    def figure(self, x: MetricView, chart: bool = True) -> str:
        """A sentence about a figure, with its period, change, the earlier figure it compares
        with, the range where sources disagree, and its chart reference. How an estimate was made
        and who gives which figure go to the footnotes (the figure's citations)."""
        values = self._values(x)
        if x.metric.sentence:
            names = {k: escape(n) for k, n in self.views.names.items()}
            own = x.metric.sentence
            # "{value} times" with a small count reads "twice" (the catalog's words).
            times, n = self.t.get("number.times", ""), x.value
            if times and times in own and n is not None and self.t.has(f"times.{n:g}"):
                own = own.replace(times, self.t(f"times.{n:g}"))
            text = own.format_map({**names, **values})
        else:
            pattern = self._pattern(x)
            if pattern == "sentence.figure.target" and self.t("word.target").lower() in \
                    values["subject"].lower():  # "the bilateral trade target is …"
                pattern = "sentence.figure.target_named"
            text = self.t(pattern, **values)
        text = _cap(_clause(text.strip()))
        cites = [x.id, *(a.id for a in x.alternatives)]
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

    def _chart_ref(self, metric_id: str | None) -> str:
        for chart_id in self.charts_of.get(metric_id or "", []):
            if chart_id not in self.referred:
                self.referred.add(chart_id)
                return self.see(chart_id)
        return ""

    def title(self, title: str) -> str:
        """An event's title as the subject of a sentence: "the state visit by …"."""
        lowered = self.lower(title)
        second = title.split(" ")[1:2]
        if lowered == title and (_word(title.split(" ")[0]) in self._proper()
                                 or (second and _word(second[0]) in self._proper())):
            shown = title  # it opens with a name: "President Firefly at …"
        else:
            shown = self.t("sentence.event.the", title=lowered)
        # A title that ends with its place ("…, Khiva") closes the apposition before the date.
        return self.t("sentence.event.apposition", title=shown) if ", " in title else shown

    def event(self, e: EventView) -> str:
        """An event told as what happened: what it was and when, who took part (those its title
        does not already name), what came of it, then the figures that measure it."""
        t = self.t
        title = escape(self.title(e.title))
        # Participants its title already names all are not listed again.
        named = [] if all(any(w in e.title for w in p.split() if len(w) > 2)
                          for p in e.participants) else list(e.participants)
        people = escape(self.fmt.names(named))
        outcomes = escape(self.fmt.names([_clause(self.lower(o)) for o in e.outcomes]))
        when = escape(self.when(e.period, e.event.period))
        one = ".one" if len(named) == 1 else ""  # one person is not "brought together"
        key = (f"sentence.event.full{one}" if named and outcomes else
               f"sentence.event.with_participants{one}" if named else
               "sentence.event.outcomes" if outcomes else "sentence.event")
        parts = [self.stop(_cap(t(key, title=title, when=when, participants=people,
                                  outcomes=outcomes))) + self.cite(e.id)]
        if e.event.anniversary and e.commemorates:
            parts.append(self.stop(t("sentence.event.anniversary", ordinal=self.fmt.ordinal(
                e.event.anniversary), commemorates=escape(e.commemorates))))
        for metric_id in e.metrics:
            if metric_id in self.views.metrics and metric_id not in self.told:
                self.told.add(metric_id)  # said once, with the first event it measures
                parts.append(self.figure(self.views.metrics[metric_id]))
        return self.join(parts)

    def person(self, name: str, role: str | None) -> str:
        """A person named in full the first time, then by their office where it is short ("the
        President of Uzbekistan"), else in full again."""
        if name not in self.mentioned:
            self.mentioned.add(name)
            return name
        if role and len(role.split()) <= 5:
            return self.t("sentence.person.role", role=role)
        return name

    def fact(self, f: FactView, again: bool = False) -> str:
        """A statement, assessment, position or outlook as a sentence; a quote as a quote block.

        again: the sentence before is the same speaker's ("X added that …")."""
        t = self.t
        text = escape(f.text)
        speaker = escape(f.speaker) if f.speaker else ""
        if f.kind == "quote":
            who = (t("sentence.quote.speaker", speaker=speaker, role=escape(f.speaker_role or ""))
                   if speaker else t("sentence.quote.source", source=escape(
                       self.fmt.names([s.publisher for s in f.sources]))))
            return f"> “{text}”{self.cite(f.id)} — {who}"
        if f.kind in ("position", "outlook") and speaker and again:
            lowered = self.lower(f.text)
            if lowered != f.text:
                return _cap(t("sentence.position.again", text=escape(_clause(lowered)),
                              speaker=escape(self.person(f.speaker or "", f.speaker_role)))) + \
                    self.cite(f.id)
        if f.kind in ("position", "outlook") and speaker:
            return t("sentence.position.speaker", text=_clause(text),
                     speaker=escape(self.person(f.speaker or "", f.speaker_role))) + \
                self.cite(f.id)
        return text + self.cite(f.id)

    # --- paragraphs ----------------------------------------------------------------------------

    def paragraphs(self, area: str) -> list[str]:
        """A section's body: the lead (assessments and the lead figure), the other figures, the
        events (high-level first), then statements, positions, quotes and the outlook; every item
        once."""
        items = self.items(area)
        out: list[str] = []
        lead = [self.fact(f) for f in items.facts_of("assessment")]
        figures = [self.figure(x) for x in items.metrics]
        if figures:
            lead.append(figures.pop(0))
        out += [self.join(lead)] if lead else []
        out += [self.join(figures[i:i + 3]) for i in range(0, len(figures), 3)]
        events = sorted(items.events, key=lambda e: not e.high_level)
        out += [self.event(e) for e in events]
        statements = self._said(items.facts_of("statement", "position"))
        out += [self.join(statements[i:i + 3]) for i in range(0, len(statements), 3)]
        out += [self.fact(f) for f in items.facts_of("quote")]
        outlook = self._said(items.facts_of("outlook"))
        out += [self.join(outlook[i:i + 3]) for i in range(0, len(outlook), 3)]
        out += [self._chart_sentence(c.id, c.title) for c in self.views.dataset.charts
                if c.area == area and c.id not in self.referred and has_data(c, self.views)]
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
        """A figure as a clause of the summary: "bilateral trade rose 12.5% to €830 million in
        January–October 2031"; the section gives it in full."""
        values = self._values(x)
        if not first:
            values["subject"] = escape(self.lower(self.subject(x)))
        earlier = self.views.metrics.get(x.metric.compare_with or "")
        if earlier is not None and earlier.value is not None and x.value is not None \
                and not x.change and not earlier.alternatives:
            # "fell to $853.7 million in 2031, from $1.12 billion in 2030"
            values["moved"] = escape(self.t("change.fell" if x.value < earlier.value
                                            else "change.rose"))
            return self.t("summary.figure_compared", **values, earlier=escape(earlier.text),
                          earlier_when=escape(self.when(earlier.period, earlier.metric.period)))
        key = ("summary.figure_change" if x.change and not x.growth_only else
               "sentence.figure.growth" if x.growth_only else "summary.figure")
        return self.t(key, **values)

    def summary(self, sections: list[str]) -> list[str]:
        """The executive summary: the occasion, the summary's own items, the headline figures of
        the other sections briefly, the year's high-level events in one sentence and the
        quotes."""
        v, t = self.views, self.t
        out = [self.fact(f) for f in self.items("summary").facts if f.kind != "quote"]
        for x in self.items("summary").metrics:
            out.append(self.figure(x))
        out += [self.event(e) for e in self.items("summary").events]
        leads = []
        for section in sections:
            actual = [x for x in self.items(section).metrics
                      if x.status == "actual" and not x.metric.context
                      and x.unit not in ("rank", "ordinal", "multiplier")]
            if actual:
                leads.append(actual[0])
        for i in range(0, len(leads), 2):
            pair = leads[i:i + 2]
            clauses = [self._brief(x, first=j == 0) for j, x in enumerate(pair)]
            text = clauses[0] if len(clauses) == 1 else t(
                "summary.and", first=clauses[0], second=clauses[1])
            out.append(self.stop(_cap(text)) + self.cite(*(x.id for x in pair)))
        high = [e for e in v.events if e.high_level and e.area != "summary"]
        if high:
            shown = []
            for j, e in enumerate(high):
                last_of_period = j + 1 == len(high) or high[j + 1].period != e.period
                when = self.when(e.period, e.event.period) if last_of_period else ""
                shown.append(t("sentence.summary.event", title=escape(self.title(e.title)),
                               when=escape(when)).strip())
            out.append(self.stop(t("sentence.summary.events", events=self.fmt.names(shown)))
                       + self.cite(*(e.id for e in high)))
        out += [self.fact(f) for f in self.items("summary").facts if f.kind == "quote"]
        out += [self._chart_sentence(c.id, c.title) for c in v.dataset.charts
                if c.area == "summary" and c.id not in self.referred and has_data(c, self.views)]
        return out

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

    # --- slides --------------------------------------------------------------------------------

    def headline(self, area: str) -> str:
        """The main point of a section as a headline, for its slide title: a key figure with its
        change, a key figure, the weightiest high-level event, an assessment; only then the
        rest. A headline carries no date ("Trade up 21.9% to $2.44 billion"): the points under
        it give the periods."""
        items = self.items(area)
        keys = [x for x in items.metrics if x.key and x.status == "actual"]
        # The weightiest high-level event (most people, outcomes and figures), not the latest;
        # of equal weight, the one the dataset lists first (a stable sort: deterministic).
        high = sorted((e for e in items.events if e.high_level), key=lambda e: -(
            len(e.participants) + len(e.outcomes) + 2 * len(e.metrics)))
        candidates = [self._title(x) for x in keys]
        # What lies ahead (a target, an outlook) is the point of a section that looks ahead.
        candidates += [self._title(x) for x in items.metrics if x.status != "actual"]
        candidates += [_clause(f.text) for f in items.facts_of("outlook")]
        candidates += [self.t("title.event", title=e.short_title) for e in high]
        candidates += [_clause(f.text) for f in items.facts_of("assessment")]
        candidates += [self._title(x) for x in items.metrics if x not in keys]
        candidates += [self.t("title.event", title=e.short_title)
                       for e in items.events if e not in high]
        candidates += [_clause(f.text) for f in items.facts_of("statement", "position")]
        fitting = [c for c in candidates if c and len(c) <= HEADLINE_MAX]
        return escape(_cap(fitting[0])) if fitting else ""

    def _title(self, x: MetricView) -> str:
        """A figure as a headline, without its period: "Bilateral trade up 21.9% to $2.44
        billion" (the `title.*` frames)."""
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
        if x.unit == "count" and x.noun and x.metric.per and x.value is not None:
            # "105 flights a week", not "105 a week flights"
            values["value"] = escape(self.fmt.qualified(self.fmt.count(x.value),
                                                        x.metric.qualifier))
            values["noun"] = escape(self.t(f"number.per.{x.metric.per}", amount=x.noun))
        if x.metric.sentence and x.unit in ("rank", "ordinal", "multiplier"):
            return _cap(_clause(self.figure(x, chart=False).split("[^")[0].strip()))
        earlier = self.views.metrics.get(x.metric.compare_with or "")
        if earlier is not None and earlier.value is not None and x.value is not None \
                and not x.change and not earlier.alternatives:
            return _cap(self.t(f"{frames}.compared", **{**values, "direction": escape(self.t(
                "change.down" if x.value < earlier.value else "change.up"))},
                earlier=escape(earlier.text)))
        kind = ("growth" if x.growth_only else
                "figure_change" if x.change else
                x.status if x.status != "actual" and not self._says_twice(x) else
                "count" if x.unit == "count" and x.noun else
                "multiplier" if x.unit == "multiplier" else "figure")
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
        """Up to six short claims, for a section's slide when no chart stands beside them: key
        figures and high-level events first."""
        items = self.items(area)
        figures = sorted(items.metrics, key=lambda x: not x.key)
        events = sorted(items.events, key=lambda e: not e.high_level)
        lines = [self._short(x) + self.cite(x.id) for x in figures if x.key]
        lines += [self._event_point(e) for e in events if e.high_level]
        lines += [self._short(x) + self.cite(x.id) for x in figures if not x.key]
        lines += [self._event_point(e) for e in events if not e.high_level]
        lines += [escape(_clause(f.text)) + self.cite(f.id)
                  for f in items.facts_of("assessment", "statement", "outlook", "position")]
        short = [line for line in lines if len(line) <= TAKEAWAY_MAX + 40]
        return short[:POINTS]

    def _event_point(self, e: EventView) -> str:
        """An event as a slide's point: "Modi visits the UAE (13–14 February 2024)"."""
        return escape(self.t("point.event", title=e.short_title, period=e.period)) + \
            self.cite(e.id)


def plain_sentences(dataset: Dataset) -> list[Problem]:
    """The figures whose sentence falls back to a plain frame, because the data cannot tell
    what they are, each located with the field that would fix it (`reportgen validate` prints
    them as notes; they never fail a build)."""
    found = []
    for m in dataset.metrics:
        if m.sentence or not m.publish:
            continue
        if m.unit == "count" and not m.noun:
            fix = "add `noun:` (what it counts, e.g. `schools`) to write \"the number of …\""
        elif m.unit in ("rank", "ordinal"):
            fix = f"a {m.unit} reads well only in its own words: add `sentence:`"
        else:
            continue
        file, line, path = dataset.locations.get(f"metrics:{m.id}", ("metrics.yaml", 0, m.id))
        found.append(Problem(file, line, 1, f"{path} ({m.id})",
                             "note: falls back to a plain sentence", fix))
    return found
