"""A metric told as a sentence: how a sentence names it and what it counts (`MetricTerms`), and
the frame of its sentence, from what it is (`MetricText`): its unit, status, change, period and
the optional fields that say what it counts; never from the words of its label.

Every frame is the catalog's (`sentence.figure.*`); every value comes through the formatter.
"""

from __future__ import annotations

from reportgen.report import happenings
from reportgen.report.figure_clauses import (
    ClauseWords,
    clause_sentence,
    first_rank,
)
from reportgen.report.figure_shapes import AHEAD_COUNTS, COUNT_FRAMES, FigureShapes
from reportgen.report.label_shape import LabelWords, split_clause
from reportgen.report.markup import escape
from reportgen.report.said import against, fold_to, said, span, value_of
from reportgen.report.together import Together, year_before
from reportgen.report.views import MetricView
from reportgen.report.wording import LEVEL_UNITS, Wording, Words, cap, label_reads, unstopped


class MetricTerms(Wording):
    """The words of a metric's sentence: its subject, what it counts, and its values."""

    def __init__(self, words: Words) -> None:
        super().__init__(words)
        # The event a metric is told within (happenings.py), set while EventText tells it:
        # "during the visit".
        self.during: tuple[str, bool, str] | None = None
        # The figures whose period the sentence before says (a rank after what it ranks).
        self.unsaid: set[str] = set()
        # The figures whose sources' range is told with its unit once ("7.5–7.6 bcm").
        self.spanned: set[str] = set()

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

    def values(self, x: MetricView) -> dict[str, str]:
        t, fmt = self.t, self.fmt
        value = value_of(fmt, x, lambda v: self._figure_text(x, v, x.metric.qualifier)) \
            if x.value is not None else x.text
        subject = self.subject(x)
        values = {
            "value": value, "period": x.period, "label": x.label, "short_label": x.short_label,
            "subject": subject, "subject_lc": self.lower(subject),
            "noun": x.noun or x.short_label, "change": x.change or "",
            "direction": t("change.down" if x.falling else "change.up"),
            "more": t("change.less" if x.falling else "change.more"),
            "moved": t("change.fell" if x.falling else "change.rose"),
            "fold": fmt.fold(x.value, x.metric.qualifier) if x.unit == "multiplier" else "",
            "fold_to": fold_to(fmt, x.value, x.metric.qualifier)
            if x.unit == "multiplier" and x.value is not None else "",
            "move": t("change.to_fall" if x.falling else "change.to_rise"),
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
        values["when"] = self.measured(x) or values["when"]
        values["when_cap"] = cap(values["when"])
        values["thing"] = self.thing(x)
        if m.per and x.value is not None:  # "monthly imports … a month": the rate said once
            values.update(subject=self.per_said(subject, m.per))
            values["subject_lc"] = self.lower(values["subject"])
        # Each period once: a subject that names the month ("grain exports in November") is
        # dated by its year alone.
        said = {w.lower() for w in subject.split()}
        if any(w.lower() in said for w in x.period.split() if w[:1].isupper() and len(w) > 2):
            values["when"] = self.t("when.in", period=str(x.metric.period.end.year))
            values["when_cap"] = cap(values["when"])
        # A label that carries a clause: the clause after the period ("In 1992, when
        # diplomatic ties were established, two-way trade came to …").
        head, clause = split_clause(subject, self.t.get("words.clauses", "-").split())
        if clause and x.unit != "count":
            values.update(subject=head, subject_lc=self.lower(head))
            values["when"] = self.t("when.clause", when=values["when"], clause=clause)
            values["when_cap"] = cap(values["when"])
        if x.alternatives:  # the sources disagree: the range, once
            shown = sorted([(x.value or 0.0, value),
                            *((a.value, self._figure_text(x, a.value, a.qualifier))
                              for a in x.alternatives)])
            # The same number, only hedged differently, or the same once rounded for a reader.
            if shown[0][0] != shown[-1][0] and shown[0][1] != shown[-1][1]:
                # "fifth or seventh"; "four or five agreements", not "between four and five"
                either = x.unit in ("rank", "ordinal") or (
                    x.unit == "count" and shown[-1][0] - shown[0][0] == 1)
                key = "number.either" if either else "number.between"
                spanned = None if either else span(self.fmt, shown[0][1], shown[-1][1])
                if spanned:  # "180–190 kilometres", the unit once: no "depending on the source"
                    self.spanned.add(x.id)
                values["value"] = spanned or t(key, low=shown[0][1], high=shown[-1][1])
        if x.id in self.unsaid and x.unit == "rank":  # its frame ends with its period
            self.unsaid.discard(x.id)  # said once without it: a summary or slide dates it
            values.update(when="", when_cap="")
        if self.during is not None:  # told within an event: dated by it (happenings.py)
            happenings.figure_values(values, *self.during)
        return {k: escape(val) for k, val in values.items()}

    def measured(self, x: MetricView) -> str:
        """A figure's period as what the figure is (issue 21w), where it is dated by one
        month, day or year: a level at that date "as of November 2024" (`measure: stock`);
        a running total "by November 2024", or "between 2014 and November 2024" from its
        `since` (`measure: cumulative`); else "" (the period as it is: that period's own amount)."""
        m = x.metric
        p = m.period
        if p.start != p.end or x.status != "actual" or m.per:
            return ""
        if m.measure == "cumulative":
            return self.t("when.cumulative.since", since=str(m.since), period=x.period) \
                if m.since else self.t("when.cumulative", period=x.period)
        if p.start.month is not None and m.measure == "stock":
            return self.t("when.as_of", period=x.period)
        return ""

    def per_said(self, subject: str, per: str) -> str:
        """A subject without the adjective of the rate its value says ("Kenya's monthly
        electricity imports" → "Kenya's electricity imports", the value "… a month"): the
        catalog's `words.per.<per>`."""
        drop = set(self.t.get(f"words.per.{per}", "-").lower().split()) - {"-"}
        kept = [w for w in subject.split() if w.lower() not in drop]
        return " ".join(kept) if drop and len(kept) < len(subject.split()) else subject

    def said(self, x: MetricView) -> str:
        """A figure's value as a sentence gives it, rounded for a reader ("$1.12 billion"; the
        table's "$1.123 billion")."""
        if x.value is None or x.unit in ("rank", "ordinal", "multiplier"):
            return x.text
        return value_of(self.fmt, x, lambda v: self._figure_text(x, v, x.metric.qualifier))

    def thing(self, x: MetricView) -> str:
        """What a length measures, as a sentence's subject: "Length of the Lao Cai–Hanoi
        railway line" → "the Lao Cai–Hanoi railway line"; "Land border between A and B" →
        "the land border between A and B" (the catalog's `words.length.of` and article)."""
        label = x.label
        lead = self.t.get("words.length.of", "-").strip()
        if lead != "-" and label.lower().startswith(lead.lower() + " "):
            label = label[len(lead) + 1:]
        lowered = self.lower(label)
        own = self.t.get("words.determiners", "-").split()  # "each new vessel", "the line"
        first = lowered.split()[0] if lowered.split() else ""
        if lowered[:1].islower() and first.lower() not in own and not first.endswith(
                ("'s", "’s")):
            return self.t("subject.the", label=lowered)
        return lowered

    def _figure_text(self, x: MetricView, value: float, qualifier: str) -> str:
        """A value of the figure as a sentence says it: a rank "fourth" (a table says
        "fourth-largest"), a multiple "×4.2", a count "five" or "12,000", a rate "three a week"."""
        fmt = self.fmt
        if x.unit in ("rank", "ordinal"):
            return fmt.ordinal(int(value))
        if x.unit == "multiplier":
            return fmt.multiplier(value)
        text = said(fmt, value, x.unit, qualifier, against(x, self.views.metrics, value))
        return self.t(f"number.per.{x.metric.per}", amount=text) if x.metric.per else text



def status_frame(x: MetricView) -> str:
        """A status's frame: "planned.by" with the year it aims at, "planned.announced" for a
        plan, target or expectation dated by the day or month it was announced ("Estimates made
        in May 2031 put …"), else the status itself."""
        if x.metric.by:
            return f"{x.status}.by"
        if x.status in ("planned", "target", "expected") \
                and x.metric.period.start.month is not None:
            return f"{x.status}.announced"
        return str(x.status)


def ahead(x: MetricView, frame: str) -> str:
    """The suffix of a frame still to come, by its status (`frame`: "planned", "target.by"), a
    scheduled one told as planned; "" for a figure as it is."""
    return "" if x.status == "actual" else "." + frame.replace("scheduled", "planned")


# Units of length: a figure in one is the length of a named thing ("… is 392 km long").
LENGTH_UNITS = frozenset({"m", "km", "mi"})


class MetricText(FigureShapes):
    """A metric's sentence in the frame of what it is, with its chart reference once."""

    def __init__(self, words: Words, terms: MetricTerms) -> None:
        super().__init__(words)
        self.terms = terms
        self.label_words = LabelWords(self.t.get)
        self.clause_words = ClauseWords(self.t.get)
        self.charts_of: dict[str, list[str]] = {}
        for chart in self.views.dataset.charts:
            for metric_id in chart.metrics:
                self.charts_of.setdefault(metric_id, []).append(chart.id)
        self.referred: set[str] = set()  # the charts referred to already

    def values(self, x: MetricView) -> dict[str, str]:
        return self.terms.values(x)

    def pattern(self, x: MetricView) -> str:
        """The frame of a figure's sentence, from what the figure is: its unit, status, change,
        period and the optional fields that say what it counts, who holds a rank or the year a
        plan aims at; never from the words of its label."""
        m = x.metric
        if x.growth_only:  # a change to come as a plan: "Under plans, … would rise 5% …"
            return "sentence.figure.growth" + ahead(x, x.status)
        if x.unit == "rank":
            return "sentence.figure.rank.among" if m.holder and m.among else "sentence.figure.rank"
        if x.unit == "ordinal":
            return "sentence.figure.ordinal.within" if m.within else "sentence.figure.ordinal"
        if x.unit == "multiplier":  # "doubled"; to come: "Under plans, … would double"
            return "sentence.figure.multiplier" + ahead(x, status_frame(x))
        if self.length(x):  # the length of a named thing: "the railway will be 392 km long"
            return "sentence.figure.length" + ("" if x.status == "actual" else ".ahead")
        if x.status != "actual":  # things to come: "13 meetings were scheduled …"
            counted = x.unit == "count" and not m.by and x.noun and x.status in AHEAD_COUNTS
            return "sentence.figure." + (f"count.{x.status}" if counted else status_frame(x))
        if x.change is None and m.period.start.month is None and len(m.period.years) > 1 \
                and not m.verb and not (x.unit == "count" and x.noun):
            return "sentence.figure.span"  # a total over several whole years
        if x.change is not None:  # "…, up more than 18% on a year earlier": "more" once
            hedged = m.change is not None and m.change.qualifier in ("more_than", "less_than")
            return "sentence.figure.change" + (".hedged" if hedged else "")
        if x.unit == "count":  # things done ("ten … were signed"), else things that exist
            return "sentence.figure.count.done" if m.verb else "sentence.figure.count.exists"
        level = x.unit == "percent" or x.unit in LEVEL_UNITS  # a share, a length, a term
        if level and m.period.start.day is not None:  # "On 9 September 2024, the term was …"
            return "sentence.figure.level.day"
        if m.context:  # an earlier year's: "In 2030, trade came to …"
            return "sentence.figure.context.level" if level else "sentence.figure.context"
        return "sentence.figure.level" if level else "sentence.figure.plain" + (
            ".ceiling" if m.qualifier == "up_to" else "")

    @staticmethod
    def length(x: MetricView) -> bool:
        """Whether a figure is the length of a named thing, in a unit of length, as it is."""
        m = x.metric
        return (x.unit in LENGTH_UNITS and m.change is None and not m.by and not m.per
                and not x.alternatives and x.value is not None and x.value > 0)

    def figure(self, x: MetricView, chart: bool = True) -> str:
        """A sentence about a figure, with its period, change, the earlier figure it compares
        with, the range where sources disagree, and its chart reference. How an estimate was made
        and who gives which figure go to the footnotes (the figure's citations)."""
        if x.metric.change and x.metric.change.amount is not None and not (
                x.metric.sentence or x.alternatives or x.metric.compare_with):
            return Together(self).sentence([x], chart)  # "rose 5.7%, or €2.6 billion, to …"
        values = self.terms.values(x)
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
        text = cap(unstopped(text.strip()))
        cites = [x.id, *(a.id for a in x.alternatives), *with_ids]
        if x.alternatives and any(a.value != x.value for a in x.alternatives) \
                and x.id not in self.terms.spanned:  # "180–190 km": who gives which in the note
            text = self.t("sentence.sources_differ", text=text)
        earlier = self.views.metrics.get(x.metric.compare_with or "")
        later = ""
        if earlier is not None:
            # The same months of the year before: "a year earlier", the period said once.
            when = escape(self.t("when.year_earlier") if year_before(
                earlier.metric.period, x.metric.period) else self.when(
                    earlier.period, earlier.metric.period))
            if any(a.value != earlier.value for a in earlier.alternatives):
                shown = sorted([(earlier.value or 0.0, earlier.text),
                                *((a.value, a.text) for a in earlier.alternatives)])
                later = self.stop(cap(self.t(
                    "sentence.compared.range", when=when, low=escape(shown[0][1]),
                    high=escape(shown[-1][1])))) + self.cite(
                        earlier.id, *(a.id for a in earlier.alternatives))
            else:
                if self.compared(x) is earlier and not (x.metric.sentence or with_ids) \
                        and self.pattern(x) in ("sentence.figure.plain", "sentence.figure.context"):
                    # Which way it moved: "… fell to $1 billion in 2024, from $1.3 billion …"
                    text = cap(self.moved_from(x, earlier, values, when))
                else:  # a change on a year earlier says "a year earlier": the value in brackets
                    key = "sentence.compared.change" if x.change is not None and year_before(
                        earlier.metric.period, x.metric.period) else "sentence.compared"
                    text = self.t(key, text=text, value=escape(self.terms.said(earlier)),
                                  when=when)
                    if key == "sentence.compared.change" and not (x.metric.sentence or with_ids) \
                            and self.pattern(x) == "sentence.figure.change":
                        # The change, the value and the earlier one in one clause: "rose 88%
                        # to 672.3 million kWh in January–June 2024, from 357.4 million kWh a
                        # year earlier", never "…, 88% more than a year earlier (357.4 …)".
                        text = cap(self.t("sentence.figure.compared.change", **{
                            **values, "earlier": escape(self.terms.said(earlier)),
                            "earlier_when": when}))
                # Sources that give the same number, hedged differently, are cited with it.
                cites += [earlier.id, *(a.id for a in earlier.alternatives)]
        ref = self.chart_ref(x.id if chart else None)
        parts = [self.stop(self.join([text, ref]) if ref else text) + self.cite(*cites)]
        if later:
            parts.append(later)
        return self.join(parts)

    def compared(self, x: MetricView) -> MetricView | None:
        """The earlier figure a figure is told as having moved from ("fell to $1 billion in
        2024, from $1.3 billion in 2023"), in the briefing, the summary and the deck's claims:
        where it names one, no change is reported, both have a value and a unit in common, the
        values differ, neither is a range of sources and the value is no ceiling ("up to")."""
        earlier = self.views.metrics.get(x.metric.compare_with or "")
        if earlier is None or earlier.value is None or x.value is None or x.change \
                or earlier.alternatives or x.alternatives or x.value == earlier.value \
                or earlier.unit != x.unit or x.metric.qualifier == "up_to":
            return None
        return earlier

    def moved_from(self, x: MetricView, earlier: MetricView, values: dict[str, str],
                   when: str) -> str:
        """A figure that moved from its earlier value (`compared`): "bilateral trade fell to
        $1.5 billion in January–November 2024, from $1.8 billion a year earlier"."""
        moved = self.t("change.fell" if (x.value or 0) < (earlier.value or 0) else "change.rose")
        return self.t("sentence.figure.compared", **{
            **values, "moved": escape(moved), "earlier": escape(self.terms.said(earlier)),
            "earlier_when": when})

    def frame(self, x: MetricView, values: dict[str, str]) -> str:
        """A figure told in the frame of what it is (`_pattern`), with its values."""
        pattern = self.pattern(x)
        if pattern.startswith("sentence.figure.target") and self.t("word.target").lower() \
                in values["subject"].lower():  # "the bilateral trade target is …"
            pattern = pattern.replace("target", "target_named", 1)
        if pattern in ("sentence.figure.context", "sentence.figure.context.level") and not \
                split_clause(self.terms.subject(x), self.t.get("words.clauses", "-").split())[1]:
            # An earlier year's figure with its period last, as the year's own: "Bilateral
            # trade totalled $171.9 billion in 2023", not "In 2023, bilateral trade …"; the
            # period first only before a clause ("In 1992, when …, two-way trade …").
            pattern = pattern.replace("context", "plain").replace("plain.level", "level")
        self.per_count(x, pattern, values)
        if pattern == "sentence.figure.rank.among" and (
                first := first_rank(self, x, values)) is not None:
            return first  # "… was Kenya's largest supplier of …", not "ranked first among"
        return self.told(x, pattern, values)

    def told(self, x: MetricView, pattern: str, values: dict[str, str]) -> str:
        """A figure in its frame, or told by what its label says (`shaped`); a count never
        opens its sentence with digits ("In 2024, 14 nations took part in …"); a label that is a
        clause or a measure of a thing reads as one (figure_clauses.py). `values["mid"]` marks
        a clause within a sentence (the summary's), whose subject then opens lower-case."""
        if not self.length(x) and (clause := clause_sentence(
                self, x, first=not values.get("mid"))) is not None:
            return clause
        text = self.shaped(x, pattern, values)
        if text is None and not values["when"]:  # a rank after what it ranks: no period
            return self.tidy(self.t(pattern, **values))
        if text is None:
            text = self.t(pattern, **values)
            if pattern in COUNT_FRAMES[2:] and text[:1].isdigit() and values["when"]:
                text = self.t("sentence.figure.count.dated", when_cap=values["when_cap"],
                              text=self.tidy(self.t(pattern, **{**values, "when": ""})))
        return text

    def per_count(self, x: MetricView, pattern: str, values: dict[str, str]) -> None:
        """A rate of things in a count's frame: "there were 42 flights a week", not "42 a week
        flights"."""
        if pattern.startswith("sentence.figure.count.") and x.metric.per \
                and x.value is not None and not x.alternatives:
            values["value"] = escape(said(self.fmt, x.value, "count", x.metric.qualifier))
            values["things"] = escape(self.t(f"number.per.{x.metric.per}",
                                             amount=self.terms.things(x, bool(x.metric.verb))))

    def chart_ref(self, metric_id: str | None) -> str:
        for chart_id in self.charts_of.get(metric_id or "", []):
            if chart_id not in self.referred:
                self.referred.add(chart_id)
                return self.see(chart_id)
        return ""

    # The names report/together.py and deck_text.py call its prose by.
    status = staticmethod(status_frame)
    _values = values
    _per_count = per_count
    _chart_ref = chart_ref
