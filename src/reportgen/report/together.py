"""Related figures told together (issue 21f): figures of one kind in one sentence, the period
said once ("South Korean exports to Vietnam rose 9.1% to $58.3 billion in 2024 and imports from
Vietnam 9.6% to $28.4 billion"); a change told with its amount ("rose 5.7%, or more than €2.6
billion, to €49.4 billion"); the figures a figure lists in `with:` told as its clauses.

Which figures go together is decided from what they are (unit, period, status, whether each has
a change), never from their words; the frames are the catalog's `sentence.together.*`,
`change.size.*` and `sentence.with.*`, so each language joins them in its own grammar.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportgen.dataset.fields import Month, Period
from reportgen.report.formatting import SPANS, is_currency
from reportgen.report.label_shape import shared_lead
from reportgen.report.markup import escape
from reportgen.report.things import ThingWords, bundled
from reportgen.report.things import superseded as superseded
from reportgen.report.together_notes import together_notes as together_notes
from reportgen.report.views import MetricView

if TYPE_CHECKING:
    from reportgen.report.metric_text import MetricText as Prose

MOST = 3  # figures to a sentence: more reads as a table
AHEAD = ("target", "planned", "expected")  # statuses told as "… by 2031 and … by 2035"

Shape = tuple[object, ...]


def shape(x: MetricView) -> Shape | None:
    """What a figure's sentence is made of, to tell it with figures of the same shape: a change
    (with or without a value, rising or falling) of a unit and period; a plain value of a unit
    and period; a plan or target of a unit by a year; a rank of one holder and period (\"ranked
    first among …, and second …\"); a count of things done, by its verb and period (\"nine
    ministers and about 40 business leaders were included …\"), with the amount of a deal of
    that day (`worth`). None for a figure that keeps its own sentence: a key figure, one with
    its own `sentence`, a range of sources, a comparison, clauses of its own (`with`), a rate,
    or a count that exists, an ordinal or a multiple (their frames do not share a verb)."""
    m = x.metric
    if x.status in AHEAD and not m.by and m.period.start.month is not None \
            and x.value is not None and not (x.key or m.sentence or x.alternatives
                                             or m.compare_with or m.with_ or m.change) \
            and x.unit not in ("rank", "ordinal", "multiplier") \
            and not (x.unit == "count" and x.status == "expected"):
        # Plans of one day or month, told together (issue 21w): "On 18 September 2031, plans
        # were announced for Sylvanian funding of €9.9 million for …, €5.5 million for …"
        return ("announced", x.status, x.unit, m.period, m.context, m.per)
    if (x.key or m.sentence or x.alternatives or m.compare_with or m.with_ or m.per
            or x.unit in ("ordinal", "multiplier")):
        return None
    if x.unit == "rank":
        return ("rank", m.holder, m.period, m.context) \
            if m.holder and m.among and x.status == "actual" else None
    if x.unit == "count":
        return ("done", m.verb, m.period, m.context) if m.verb and x.noun \
            and x.status == "actual" and m.change is None and x.value is not None else None
    if m.change is not None:
        return ("change", x.unit, m.period, m.context, x.change is None) \
            if x.status == "actual" else None
    if x.status in AHEAD and (m.by or m.period.start.month is None):
        return ("ahead", x.status, x.unit, m.context, bool(m.by))
    return ("value", x.unit, m.period, m.context) if x.status == "actual" else None


def worth(x: MetricView, done: MetricView) -> bool:
    """Whether a plain amount is the worth of the things a count on the same day says were
    done ("22 agreements worth up to €10 billion were signed"): an actual amount of money of
    the same section and single day, with no change."""
    m, d = x.metric, done.metric
    day = m.period.start.day is not None and m.period == d.period
    return (day and x.area == done.area and x.status == "actual" and m.change is None
            and x.value is not None and x.value > 0 and shape(x) is not None
            and is_currency(x.unit))


def year_before(earlier: Period, later: Period) -> bool:
    """Whether a period is the same months (or days) of the year before another's: what "a
    year earlier" says without naming the period again ("…, against $4.75 billion a year
    earlier", not "… in January–October 2024, against … in January–October 2023")."""
    def shifted(a: Month, b: Month) -> bool:
        return (a.year + 1, a.month, a.day) == (b.year, b.month, b.day)

    return (shifted(earlier.start, later.start) and shifted(earlier.end, later.end)
            and (earlier.start_part, earlier.end_part) == (later.start_part, later.end_part))


def _aim(x: MetricView) -> int:
    """The year a plan or target aims at."""
    return x.metric.by or x.metric.period.end.year


def same_thing(a: MetricView, b: MetricView) -> bool:
    """Whether two plans or targets are of the same thing, for different years: one's label
    holds the other's ("Bilateral trade target …", "Longer-term bilateral trade target …"), or
    one's short label opens the other's ("Trade target", "Trade target 2030")."""
    # The dataset's own labels, not an edition's: every edition groups the same figures.
    la, lb = a.metric.label.lower(), b.metric.label.lower()
    sa, sb = a.metric.short_label.lower(), b.metric.short_label.lower()
    return _aim(a) != _aim(b) and (la in lb or lb in la or sa.startswith(sb)
                                   or sb.startswith(sa))


def _words(label: str, common: frozenset[str]) -> set[str]:
    """The words of a label that say what it measures: of four letters or more, none of the
    `common` ones (the two countries' names and adjectives)."""
    words = {w.strip("(),.;:'’").lower() for w in label.replace("–", " ").split()}
    return {w[:-2] if w.endswith(("'s", "’s")) else w for w in words if len(w) > 3} - common


def related(a: MetricView, b: MetricView, common: frozenset[str]) -> bool:
    """Whether two plain values measure one thing, to share a sentence: their labels share a
    word that is not a country's ("short-term deposits at the central bank", "medium-term
    deposits at the central bank"), never "investment in C came to …, trade …"."""
    return bool(_words(a.metric.label, common) & _words(b.metric.label, common))


def cap_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _worths(figures: list[MetricView]) -> dict[str, str]:
    """The amount each count of things done is worth, where the section has one amount of that
    day and one count done on it: {count id: amount id}."""
    out = {}
    for x in figures:
        kind = shape(x)
        if kind is None or kind[0] != "done":
            continue
        counts = [y for y in figures if shape(y) == kind and y.area == x.area]
        amounts = [y for y in figures if worth(y, x)]
        if len(counts) == 1 and len(amounts) == 1:
            out[x.id] = amounts[0].id
    return out


def total_of(group: list[MetricView]) -> bool:
    """Whether the first of three plain values is the sum of the other two (to within half a
    percent): a total with its parts, told "X totalled $7.9 billion, with A at $2.7 billion and
    B at $5.2 billion"."""
    if len(group) != 3 or any(x.value is None or x.value <= 0 for x in group):
        return False
    total, a, b = (x.value or 0.0 for x in group)
    return abs(total - a - b) <= 0.005 * total


def _parts(x: MetricView, figures: list[MetricView], placed: set[str]) -> list[MetricView]:
    """Two plain values of the shape of `x` that add up to it, the first such pair in order."""
    same = [y for y in figures if y.id != x.id and y.id not in placed and shape(y) == shape(x)]
    return next(([a, b] for i, a in enumerate(same) for b in same[i + 1:]
                 if total_of([x, a, b])), [])


def implied(metrics: list[MetricView]) -> dict[str, list[str]]:
    """The share a rank tells as its clause where the data ties them without `with`: the only
    rank of its `holder` in its section and period, and the only share of that section and
    period whose label opens with the holder's name in the possessive ("Argentina ranked third
    among destinations of Brazilian exports …, with a share of 3.61%")."""
    tied = {i for x in metrics for i in x.metric.with_}
    ranks = [x for x in metrics if x.unit == "rank" and x.metric.holder and x.metric.among
             and not x.metric.with_ and not x.metric.sentence and x.status == "actual"]
    out = {}
    for rank in ranks:
        m = rank.metric
        if [r.id for r in ranks if (r.metric.holder, r.area, r.metric.period)
                == (m.holder, rank.area, m.period)] != [rank.id]:
            continue
        owner = (m.holder or "").lower()
        shares = [y for y in metrics if y.unit == "percent" and y.area == rank.area
                  and y.metric.period == m.period and y.id not in tied and not y.metric.sentence
                  and y.metric.change is None and y.value is not None and not y.key
                  and y.metric.label.lower().startswith((f"{owner}'s ", f"{owner}’s "))]
        if len(shares) == 1:
            out[rank.id] = [shares[0].id]
    return out


def groups(figures: list[MetricView],
           common: frozenset[str] = frozenset(),
           alone: frozenset[str] = frozenset(),
           bundles: tuple[list[MetricView], ...] = ()) -> list[list[MetricView]]:
    """The figures of a section in sentences: each with the later figures of its shape, at
    most three to a sentence, at the place of the first; plans and targets of one thing in
    the order of the years they aim at; plain values only where they measure one thing
    (`related`); a count of things done with the amount they are worth (`worth`). A figure of
    no shared shape stands alone, as does one in `alone` (it tells others as its clauses);
    each of `bundles` (report/things.py) as it is, at the place of its first."""
    out: list[list[MetricView]] = []
    pairs = _worths(figures)
    placed: set[str] = set(pairs.values()) | {x.id for b in bundles for x in b}
    order = {x.id: i for i, x in enumerate(figures)}
    at = {min(b, key=lambda y: order.get(y.id, 0)).id: b for b in bundles}
    by_id = {x.id: x for x in figures}
    for i, x in enumerate(figures):
        if x.id in at:
            out.append(at[x.id])
        if x.id in placed:
            continue
        group, kind = [x], None if x.id in alone else shape(x)
        ahead = kind is not None and kind[0] == "ahead"
        parts = _parts(x, figures, placed | alone) if kind and kind[0] == "value" else []
        group += parts
        for y in figures[i + 1:] if kind is not None and not parts else []:
            if len(group) == MOST:
                break
            if y.id in placed or y.id in alone or shape(y) != kind or (
                    ahead and not all(same_thing(g, y) for g in group)) or (
                    kind is not None and kind[0] in ("value", "announced")
                    and not related(x, y, common)):
                continue
            group.append(y)
        if ahead:
            group.sort(key=_aim)
        if x.id in pairs and len(group) == 1:
            group.append(by_id[pairs[x.id]])
        elif x.id in pairs:  # several counts: the amount in a sentence of its own
            out.append([by_id[pairs[x.id]]])
        placed.update(g.id for g in group)
        out.append(group)
    return out


# Days in one of each unit of time (SPANS), to tell what an event can have lasted.
_DAYS = {"minutes": 1 / 1440, "hours": 1 / 24, "days": 1, "weeks": 7, "months": 30, "years": 365}


def lasts(x: MetricView) -> bool:
    """Whether an event's own figure is how long it lasted: a plain length of time that an
    event can last (up to about two months); a longer one, such as the years a body had not
    met before it, is a figure of its own, never "The session lasted seven years"."""
    m = x.metric
    return (x.unit in SPANS and x.status == "actual" and x.value is not None and not x.key
            and x.value * _DAYS[x.unit] <= 62
            and not (m.sentence or x.alternatives or m.change or m.compare_with or m.with_))


class Together:
    """The sentences of a section's figures, each told with the figures of its kind."""

    def __init__(self, prose: Prose) -> None:
        self.p = prose
        self.bundles: tuple[list[MetricView], ...] = ()  # report/things.py

    def withs(self) -> dict[str, list[str]]:
        """The figures each figure tells as its clauses: its `with`, or the share its rank
        implies (`implied`)."""
        metrics = list(self.p.views.metrics.values())
        return {**implied(metrics), **{x.id: [i for i in x.metric.with_ if i != x.id]
                                       for x in metrics if x.metric.with_}}

    def hosted(self) -> set[str]:
        """The figures another figure tells as its clauses."""
        return {i for ids in self.withs().values() for i in ids}

    def sentences(self, figures: list[MetricView]) -> list[str]:
        """The figures' sentences, in order: the section's lead figure opening the section (a
        key figure in a sentence of its own, else the first with the figures of its kind); then
        each with the figures of its kind. A figure another tells (`with`) is told there."""
        withs = self.withs()
        hosted = {i for ids in withs.values() for i in ids}
        shown = [x for x in figures if x.id not in hosted]
        # A key figure leads in a sentence of its own; any other first figure leads with the
        # figures of its kind ("exports fell 24.8% …, while imports rose 9.7%").
        lead = 1 if shown and shown[0].key else 0
        common = frozenset(w.lower() for c in self.p.views.dataset.briefing.countries
                           for text in (c.name, c.long_name, c.adjective)
                           for w in text.replace("–", " ").split())
        hosts = frozenset(withs)
        # Two key figures of one unit, period and change in one sentence, not one after the
        # other in sentences of their own (issue 21n: audit rule figures.split).
        lead += lead and len(shown) > 1 and shown[1].key and len({
            (x.unit, x.metric.period) for x in shown[:2]}) == 1 and all(
            x.change is not None and not x.metric.compare_with for x in shown[:2])
        rest = shown[lead:]
        worth = frozenset(i for pair in _worths(rest).items() for i in pair)  # told as a pair
        self.bundles = bundled(rest, ThingWords(self.p.t.get), hosts | worth)
        told = [shown[:lead], *groups(rest, common, hosts, self.bundles)] if lead else groups(
            shown, common, hosts, self.bundles)
        from reportgen.report.figure_shapes import placed  # deferred: it builds on wording.py
        return placed(told, self.p, self.sentence)

    def sentence(self, group: list[MetricView], chart: bool = True) -> str:
        """Figures of one shape in one sentence, the period said once; a single figure with
        the amount of its change ("rose 5.7%, or €2.6 billion, to …")."""
        from reportgen.report.figure_shapes import later_clause, later_month  # as `placed`
        if group in self.bundles:  # figures of one thing, a series with its total
            from reportgen.report.thing_text import bundle_sentence
            return bundle_sentence(self, group, chart)
        p, later = self.p, [x for x in group[1:] if later_month(x, group[0])]
        group = [x for x in group if x not in later]  # the next month's, said last
        kind = shape(group[0])
        split = p.announced_heads(group)
        if kind is not None and kind[0] == "done" and len(group) > 1:
            text = self.done(group)
        elif split is not None:
            text = p.announced(group, *split)
        else:
            # A rank names its group again in the next clause: its group is what it shares.
            leads = [p._values(x)["among" if x.unit == "rank" else "subject"] for x in group]
            contrary = len(group) == 2 and group[0].falling != group[1].falling
            total = kind is not None and kind[0] == "value" and total_of(group)
            clauses = [self.clause(x, leads[j - 1] if j else "", first=j == 0,
                                   contrary=contrary, part=total) for j, x in enumerate(group)]
            text = clauses[0]
            for j, clause in enumerate(clauses[1:], 2):
                key = "sentence.together.and" if j == len(clauses) else "sentence.together.comma"
                if j == 2 and kind is not None and (kind[0] == "change" or total):
                    # "… rose 5% to €14.1 billion, with exports up 6.3% …"; "…, while imports
                    # rose 9.7%" where the two moved apart
                    key = "sentence.together.while" if contrary else "sentence.together.with"
                text = p.t(key, first=text, second=clause)
        text = text.strip().removesuffix(".").removesuffix("。")
        text = later_clause(p, later, group[0], text, alone=len(group) == 1)
        text, group = text[:1].upper() + text[1:], group + later
        refs = [p._chart_ref(x.id) for x in group] if chart else []
        ref = next((r for r in refs if r), "")
        return p.stop(p.join([text, ref]) if ref else text) + p.cite(*(x.id for x in group))

    is_length = staticmethod(lasts)  # how long an event lasted (`lasts`)

    def length(self, x: MetricView, event: str) -> str:
        """An event's length, told of the event named again briefly: "The visit lasted three
        days", never "The length of the state visit was 3 days in October 2024"."""
        p = self.p
        text = p.t("sentence.event.lasted", event=event, value=p._values(x)["value"])
        return p.stop(cap_first(text)) + p.cite(x.id)

    def done(self, group: list[MetricView]) -> str:
        """Counts of things done on one day in one clause, with the amount they are worth
        ("22 agreements worth up to €10 billion were signed"), or as parts of the largest
        where it is more than the others together ("nine ministers and about 40 business
        leaders were among more than 120 … included in the delegation")."""
        p = self.p
        counts = [x for x in group if x.unit == "count"]
        amount = next((x for x in group if x.unit != "count"), None)
        values = [p._values(x) for x in counts]
        said = [p.t("sentence.together.done.count", **v) for v in values]
        if amount is not None:
            said[0] = p.t("sentence.together.done.worth", **values[0],
                          worth=p._values(amount)["value"])
        first = values[0]
        whole = max(counts, key=lambda x: x.value or 0.0)
        rest = sum(x.value or 0.0 for x in counts if x is not whole)
        if len(counts) > 1 and (whole.value or 0.0) > rest:
            at = counts.index(whole)
            parts = p.fmt.names([c for j, c in enumerate(said) if j != at])
            return p.t("sentence.together.done.among", **first, parts=parts, whole=said[at])
        return p.t("sentence.together.done", **first, counts=p.fmt.names(said))

    def clause(self, x: MetricView, before: str, first: bool, contrary: bool = False,
               part: bool = False) -> str:
        """One figure of a sentence: the first in full, with its period; the next by what
        differs ("imports from Vietnam up 9.6% to $28.4 billion", "second in the Middle
        East")."""
        p, m = self.p, x.metric
        values = p._values(x)
        adjectives = [escape(p.a.adjective), escape(p.b.adjective)]
        heads = p.t.get("words.prepositions.short", "-").split()
        if not first:
            values["subject"] = p.lower(shared_lead(before, values["subject"], adjectives,
                                                     heads))
        if x.unit == "rank" and not first:
            among = shared_lead(before, values["among"], adjectives, heads)
            return p.t("sentence.together.rank.next" + (
                ".short" if among != values["among"] else ""), value=values["value"],
                among=among)
        shared = None if first else p.share_shape(x)
        if shared is not None and shared.kind == "held":  # "… and 8.4% of Philippine imports"
            return p.t("sentence.together.share.next", value=values["value"],
                       rest=escape(shared.rest))
        if m.change is not None:
            values["size"] = self.size(x, values, end=not first and x.value is None)
            # A language that gaps says the verb once ("… rose 9.1% …, and imports 9.6% …");
            # one that does not says it in each clause.
            gapped = p.t.get("words.gapping", "yes") == "yes"
            values["again"] = "" if gapped else values["moved"]
            key = "sentence.together.change" + ("" if first else ".next") + (
                ".contrary" if contrary and not first else "") + (
                ".novalue" if x.value is None else "")
            return p.t(key, **values)
        if first:
            return p.frame(x, values)
        ahead = x.status in AHEAD and (x.metric.by or x.metric.period.start.month is None)
        kind = "ahead" if ahead else "part" if part or x.status in AHEAD else "value"
        return p.t(f"sentence.together.{kind}.next", **values, until=str(_aim(x)))

    def size(self, x: MetricView, values: dict[str, str], end: bool) -> str:
        """How much a figure changed: "9.1%", "by $2.3 billion", "5.7%, or €2.6 billion," (or
        without the closing comma at the end of a clause: `end`)."""
        p, change = self.p, x.metric.change
        if change is None or change.amount is None:
            return values["change"]
        amount = escape(p.fmt.qualified(p.fmt.amount(abs(change.amount), x.unit, words=True),
                                        change.amount_qualifier))
        if change.value is None:  # only an amount: "by $2.3 billion"
            return p.t("change.size.amount", amount=amount)
        key = "change.size.both.end" if end else "change.size.both"
        return p.t(key, change=values["change"], amount=amount)

    def hosting(self, x: MetricView, text: str) -> tuple[str, list[str]]:
        """A figure's sentence with the figures it lists in `with` as its clauses ("…, with 4.5
        million visitors, 25.98% of foreign arrivals"), and their ids to cite."""
        p = self.p
        from reportgen.report.figure_shapes import with_key  # deferred, as `placed`
        shown = [p.views.metrics[i] for i in self.withs().get(x.id, [])
                 if i in p.views.metrics]
        if not shown:
            return text, []
        clauses = [self.with_clause(y, x) for y in shown]
        joined = clauses[0]
        for clause in clauses[1:]:
            joined = p.t("sentence.with.join", first=joined, second=clause)
        return p.t(with_key(p, shown[0]), text=text, clauses=joined), [
            i for y in shown for i in (y.id, *(a.id for a in y.alternatives))]

    def with_clause(self, y: MetricView, host: MetricView | None = None) -> str:
        """A figure as a clause of another's sentence: "4.5 million visitors", "25.98% of
        foreign arrivals", "the value of the joint projects of $2 billion"; a share by who
        holds it and of what ("Spain accounting for 25.8% of Portuguese exports"; "8.3% of
        Spanish sales abroad" after the rank its holder holds)."""
        p = self.p
        values = p._values(y)
        from reportgen.report.figure_shapes import share_clause  # deferred, as `placed`
        shared = share_clause(p, y, host, values)
        if shared is not None:
            return shared
        if y.unit == "count":
            values["things"] = escape(y.noun) if y.noun else values["things"]
            p._per_count(y, "sentence.figure.count.", values)
            return p.t("sentence.with.count", **values)
        # A rank's own share (`implied`): "…, with a share of 3.61%".
        own = {i for ids in implied(list(p.views.metrics.values())).values() for i in ids}
        key = "sentence.with.share" if y.unit == "percent" and y.noun else (
            "sentence.with.share.own" if y.id in own else "sentence.with.other")
        return p.t(key, **values)
