"""Figures told by what their labels say (issue 21l): a count or a share in the frame of
its label's shape (report/label_shape.py), two counts of what two things had in one sentence,
a share as another figure's clause, and a rank right after the figure it ranks. MetricText
(report/metric_text.py) tells figures with these; Together (report/together.py) places them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from reportgen.report.label_shape import (
    LabelWords,
    Shape,
    clause_with,
    count_shape,
    share_shape,
    whole_were,
)
from reportgen.report.leads import same_measure
from reportgen.report.markup import escape
from reportgen.report.said import said
from reportgen.report.together import shape
from reportgen.report.views import MetricView
from reportgen.report.wording import Wording, cap

if TYPE_CHECKING:
    from reportgen.report.metric_text import MetricTerms

# The statuses a count of things to come is told with: "13 meetings were scheduled on …".
AHEAD_COUNTS = ("scheduled", "expected")
# The frames a count's or a share's label may replace with what it says (label_shape.py).
COUNT_FRAMES = ("sentence.figure.count.exists", "sentence.figure.count.done",
                *(f"sentence.figure.count.{status}" for status in AHEAD_COUNTS))
SHARE_FRAMES = ("sentence.figure.level", "sentence.figure.level.day",
                "sentence.figure.context.level")


class FigureShapes(Wording):
    """The sentences of counts and shares from their labels' shapes, for MetricText."""

    terms: MetricTerms
    label_words: LabelWords

    def chart_ref(self, metric_id: str | None) -> str:
        raise NotImplementedError  # MetricText's: a chart referred to once

    def figure(self, x: MetricView, chart: bool = True) -> str:
        raise NotImplementedError  # MetricText's: a figure's sentence

    def count_shape(self, x: MetricView) -> Shape | None:
        """What a count's label says of the things it counts (label_shape.py)."""
        if x.unit != "count":
            return None
        return count_shape(x.label, x.noun, self.label_words, rate=bool(x.metric.per))

    def share_shape(self, x: MetricView) -> Shape | None:
        """Who holds a share and of what, as its label says (label_shape.py)."""
        if x.unit != "percent" or x.noun or x.metric.change is not None or x.alternatives:
            return None
        return share_shape(x.label, self.label_words)

    def shaped(self, x: MetricView, pattern: str, values: dict[str, str]) -> str | None:
        """A count or a share told by what its label says, not as "there were N X in P" or "X's
        share of Y was V": "more than 2,000 military personnel took part in …", "the Portuguese
        delegation had 12 ministers", "Spain accounted for 25.8% of Portuguese exports"; None
        where the label does not say (the frame of `pattern` then tells it)."""
        during = self.terms.during
        if during is not None and during[2] != "-" and f" {during[2]} " in f" {x.label.lower()} ":
            return None  # within its event, a label "… during his visit": the event's frames
        if x.metric.per == "year" and x.metric.period.start.month is None \
                and len(x.metric.period.years) == 1:
            values = {**values, "when": ""}  # "three exercises a year", the year said once
        if pattern in COUNT_FRAMES:
            return self.counted(x, pattern, values)
        if pattern in SHARE_FRAMES and (shape := self.share_shape(x)) is not None:
            told = {**values, "head": escape(shape.head), "rest": escape(shape.rest)}
            if shape.kind == "whole":
                split = whole_were(shape.rest, self.label_words)
                if split is None:
                    return None
                told.update(rest=escape(split[0]), done=escape(split[1]))
            kind = shape.kind
            if kind == "held" and shape.rest in {o.name for o in
                                                 self.views.dataset.organisations}:
                kind = "stake"  # a share of a company: "Gazprom held a stake of 11.3% in NIS"
            return self.tidy(self.t(f"sentence.figure.share.{kind}", **told))
        return None

    def counted(self, x: MetricView, pattern: str, values: dict[str, str]) -> str | None:
        """A count told by what its label says of the things (`shaped`)."""
        shape = self.count_shape(x)
        if shape is not None and shape.kind == "had" and pattern != \
                "sentence.figure.count.exists" and not x.metric.per:
            # What they were part of: "more than 100 articles of the summit's joint
            # declaration were adopted", not "more than 100 articles were adopted"
            things = self.lower(x.label)
            verb = (x.metric.verb or "").strip()
            if verb and things.lower().endswith(" " + verb.lower()):  # "… taken to Albania
                things = things[:-len(verb)].rstrip()  # were taken to Albania": the verb once
            return self.t(pattern, **{**values, "things": escape(things)})
        if shape is None or (pattern != "sentence.figure.count.exists"
                             and shape.kind not in ("were", "whose")):
            return None
        head = self.head(x, shape.head)
        value = values["value"]
        if x.metric.per and x.value is not None:
            value = escape(said(self.fmt, x.value, "count", x.metric.qualifier))
            head = self.t(f"number.per.{x.metric.per}", amount=head)
        told = {**values, "value": value, "head": escape(head), "rest": escape(shape.rest),
                "lead": escape(shape.lead)}
        if shape.kind == "clause":
            told["rest"] = escape(clause_with(shape.rest, self.t(
                "sentence.figure.count.inserted", lead=shape.lead, value=value, head=head),
                self.label_words))
        key = f"sentence.figure.count.{shape.kind}"
        text = self.tidy(self.t(key, **told))
        if text[:1].isdigit() and told["when"]:
            # A sentence never opens with digits: "In 2024, 14 nations took part in …".
            text = self.t("sentence.figure.count.dated", when_cap=told["when_cap"],
                          text=self.tidy(self.t(key, **{**told, "when": ""})))
        return text

    def head(self, x: MetricView, head: str) -> str:
        """The counted things as a sentence names them: lowered where the label's capital is
        only its first ("Military personnel" → "military personnel"), the noun's own spelling
        of its last word ("Filipinos")."""
        words = self.lower(head).split()
        noun = (x.noun or "").split()
        if noun and words and words[-1].lower() == noun[-1].lower():
            words[-1] = noun[-1]
        return " ".join(words)

    def had_pair(self, a: MetricView, b: MetricView) -> bool:
        """Whether two counts of one section and period are told in one sentence: what two
        things had, of one noun ("the Portuguese delegation had 12 ministers and the Spanish
        delegation 11"), or what two kinds of things did alike, their labels' verb the same
        ("more than 1,000 Turkish companies operated in Qatar and about 200 Qatari firms in
        Türkiye", issue 21w)."""
        sa, sb = self.count_shape(a), self.count_shape(b)
        plain = all(x.status == "actual" and not (x.metric.verb or x.metric.per or x.alternatives
                                                  or x.metric.compare_with or x.metric.sentence
                                                  or x.metric.change or x.metric.with_)
                    for x in (a, b))
        if not (plain and sa is not None and sb is not None and sa.kind == sb.kind
                and a.area == b.area and a.metric.period == b.metric.period and a.id != b.id
                and a.metric.measure == b.metric.measure):
            return False
        if sa.kind == "had":
            return sa.head.lower() == sb.head.lower()
        return sa.kind in ("did", "came", "were") and bool(self.gapped(sa.rest, sb.rest)[0])

    def gapped(self, first: str, second: str) -> tuple[str, str]:
        """The words a second clause shares with the first before its preposition, said once:
        ("operated", "in Türkiye") for "operated in Qatar", "operated in Türkiye"; ("", …)
        where they share none or the whole."""
        a, b = first.split(), second.split()
        n = 0
        while n < min(len(a), len(b)) - 1 and a[n] == b[n] \
                and a[n].lower() not in self.label_words.prepositions:
            n += 1
        return " ".join(b[:n]), " ".join(b[n:])

    def had_both(self, a: MetricView, b: MetricView) -> str:
        """Two counts of what two things had or did in one sentence, the period once."""
        sa, sb = self.count_shape(a), self.count_shape(b)
        assert sa is not None and sb is not None
        va, vb = self.terms.values(a), self.terms.values(b)
        if sa.kind == "had":
            first = self.tidy(self.t("sentence.figure.count.had", **{
                **va, "when": "", "head": escape(self.lower(sa.head)), "rest": escape(sa.rest)}))
            text = self.t("sentence.figure.count.had.both", when_cap=cap(va["when"]),
                          first=first, rest=escape(sb.rest), value=vb["value"])
        else:
            first = self.tidy(self.t(f"sentence.figure.count.{sa.kind}", **{
                **va, "when": "", "head": escape(self.head(a, sa.head)),
                "rest": escape(sa.rest)}))
            text = self.t("sentence.figure.count.both", when_cap=cap(va["when"]), first=first,
                          value=vb["value"], head=escape(self.head(b, sb.head)),
                          rest=escape(self.gapped(sa.rest, sb.rest)[1]))
        ref = self.chart_ref(a.id) or self.chart_ref(b.id)
        text = cap(self.tidy(text))
        return self.stop(self.join([text, ref]) if ref else text) + self.cite(a.id, b.id)

    def announced_heads(self, group: list[MetricView]) -> tuple[str, list[str]] | None:
        """The common head and the tails of plans of one day told together (`heads`); None
        for one alone or for counts ("the number of …" each)."""
        kind = shape(group[0])
        if kind is None or kind[0] != "announced" or len(group) < 2 or group[0].unit == "count":
            return None
        return self.heads([self.terms.values(x)["subject"] for x in group])

    def heads(self, subjects: list[str]) -> tuple[str, list[str]] | None:
        """Subjects with a common head and each its own tail, the tails opening with a
        preposition of the catalog's `words.together.tails` ("Canadian funding" | "for UN-led
        projects", "against fentanyl …"): the longest such head; None where there is none."""
        tails = set(self.t.get("words.together.tails", "-").split()) - {"-"}
        words = [s.split() for s in subjects]
        n = 0
        while all(len(w) > n + 1 and w[n] == words[0][n] for w in words):
            n += 1
        for k in range(n, 0, -1):
            if all(w[k].lower() in tails for w in words):
                return " ".join(words[0][:k]), [" ".join(w[k:]) for w in words]
        return None

    def announced(self, group: list[MetricView], head: str, tails: list[str]) -> str:
        """Plans, estimates or targets of one day told as one, their common head once (`heads`):
        "On 18 September 2031, plans were announced for Sylvanian funding of €9.9 million for
        ports in Freedonia, €5.5 million for schools …"."""
        values = self.terms.values(group[0])
        parts = self.fmt.names([self.t("sentence.together.announced.part",
                                       value=self.terms.values(x)["value"], tail=tail)
                                for x, tail in zip(group, tails, strict=True)])
        return self.t(f"sentence.together.announced.{group[0].status}",
                      when_cap=values["when_cap"], head_lc=self.lower(head), parts=parts)

    @staticmethod
    def tidy(text: str) -> str:
        """A frame's words with the space of an empty value gone ("… a year ." → "… a year.")."""
        return re.sub(r" {2,}", " ", text).strip()


def _ranked(rank: MetricView, names: list[set[str]], group: list[MetricView]) -> bool:
    """Whether a group tells a figure that a rank ranks: of its section and period, its label
    naming the rank's holder (`names`: the words of the holder and of its adjective)."""
    return any(y.area == rank.area and y.unit != "rank" and y.status == "actual"
               and y.metric.period == rank.metric.period
               and any(name and name <= set(y.metric.label.lower().replace("'s", "").split())
                       for name in names)
               for y in group)


def beside(told: list[list[MetricView]],
           p: FigureShapes) -> tuple[list[list[MetricView]], set[str]]:
    """A rank told right after the figure it ranks, of its section and period, its period
    not said again: "1.8 million Sylvanian visitors came to Freedonia in January–October
    2031 … Sylvania ranked second among Freedonia's sources of tourists." The figure is one
    whose label names the rank's holder or the holder's adjective ("Sylvanian visitors"); with
    the ranks so placed."""
    adjectives = {c.name.lower(): c.adjective.lower()
                  for c in p.views.dataset.briefing.countries}
    out, moved = list(told), set()
    for g in told:
        r = g[0]
        if len(g) != 1 or r.unit != "rank" or not r.metric.holder or r.metric.with_:
            continue
        holder = r.metric.holder.lower()
        article = {p.t("subject.the", label="").strip().lower()}
        names = [set(n.split()) - article for n in (holder, adjectives.get(holder, holder))]
        at = next((i for i, h in enumerate(out) if h is not g and _ranked(r, names, h)),
                  None)
        if at is None:
            continue
        out.remove(g)
        out.insert(next(i for i, h in enumerate(out) if _ranked(r, names, h)) + 1, g)
        moved.add(r.id)
    return out, moved


def share_clause(p: FigureShapes, y: MetricView, host: MetricView | None,
                 values: dict[str, str]) -> str | None:
    """A share as a clause of another figure's sentence, by who holds it and of what
    ("Spain accounting for 25.8% of Portuguese exports"; "8.3% of Spanish sales abroad" after
    the rank its holder holds); None for a share its label does not say."""
    shape = p.share_shape(y)
    if shape is not None:
        kind = shape.kind
        if kind == "held" and host is not None and (
                host.metric.holder or "").lower() == shape.head.lower():
            kind = "of"  # the rank's holder, said in the host: "…, with 8.3% of …"
        if kind == "whole":
            kind = "of"
        if kind == "of" and host is not None and shape.rest.lower() in (
                host.metric.among or "").lower():  # "… among destinations of Brazilian
            return p.t("sentence.with.share.own", **values)  # exports, with a share of 3.61%"
        return p.t(f"sentence.with.share.{kind}", **values, head=escape(shape.head),
                   rest=escape(shape.rest))
    return None


def later_month(x: MetricView, first: MetricView) -> bool:
    """Whether a change is the same measure as `first` for the month after (issue 21w): "…
    fell 97.5% to €376 million in July 2031, …, and 99.9% to €10 million in August"."""
    a, b = first.metric.period, x.metric.period
    single = all(q.start == q.end and q.start.month is not None and q.start.day is None
                 for q in (a, b))
    after = single and (a.start.year * 12 + (a.start.month or 0) + 1
                        == b.start.year * 12 + (b.start.month or 0))
    return (after and shape(x) is not None and shape(first) is not None
            and same_measure(x, first) and x.id != first.id and x.status == first.status
            and x.metric.change is not None and first.metric.change is not None
            and x.change is not None and x.value is not None)


def follow_on(told: list[list[MetricView]]) -> list[list[MetricView]]:
    """A single change told with the group before, whose first figure it continues into the
    next month (`later_month`), not in a sentence of its own that repeats the subject."""
    out: list[list[MetricView]] = []
    for g in told:
        if out and len(g) == 1 and later_month(g[0], out[-1][0]) and not any(
                later_month(y, out[-1][0]) for y in out[-1][1:]):
            out[-1] = [*out[-1], g[0]]
        else:
            out.append(g)
    return out


def later_clause(p: FigureShapes, later: list[MetricView], first: MetricView, text: str,
                 alone: bool) -> str:
    """A sentence with the next month's change of its first figure (`later_month`): after
    the first's own clause (`alone`) its verb is not said again ("…, and 99.9% to …")."""
    for x in later:
        values = {**p.terms.values(x)}
        values["size"] = values["change"]  # the percent: an amount is told on its own
        key = "sentence.together.change.later" + (
            ".contrary" if x.falling != first.falling else ".gapped" if alone else "")
        text = p.t("sentence.together.later", first=text, second=p.t(key, **values))
    return text


def placed(told: list[list[MetricView]], p: FigureShapes,
           sentence: Callable[[list[MetricView]], str]) -> list[str]:
    """A section's groups of figures as sentences (Together.sentences): a rank beside what it
    ranks (`beside`), two counts of what two things had in one sentence (`had_both`), each
    other group by `sentence`, each single figure by its own."""
    told, moved = beside(follow_on(told), p)
    out: list[str] = []
    for i, g in enumerate(told):
        if len(g) == 1 and g[0].id in moved and len(out) >= 2 and (len(out) - 1) % 3:
            # Right after what it ranks, in its paragraph (sections.py: the lead figure
            # alone, then threes): its period is the sentence before's.
            p.terms.unsaid.add(g[0].id)
        if i and len(g) == 1 and len(told[i - 1]) == 1 and p.had_pair(told[i - 1][0], g[0]):
            continue  # told with the one before: "…had 12 ministers and the … 11"
        pair = told[i + 1] if i + 1 < len(told) and len(told[i + 1]) == 1 else []
        if len(g) == 1 and pair and p.had_pair(g[0], pair[0]):
            out.append(p.had_both(g[0], pair[0]))
        elif len(g) == 1:
            out.append(p.figure(g[0]))
        else:
            out.append(sentence(g))
    return out


def with_key(p: FigureShapes, first: MetricView) -> str:
    """How a figure's sentence takes its clauses: "…, with …"; a share equal to a part of
    another whole runs on without "with" ("…, equal to 23% of Freedonia's GDP")."""
    shape = p.share_shape(first)
    return "sentence.with.bare" if shape is not None and shape.kind == "equal" \
        else "sentence.with"
