"""Figures about one thing told together (issue 21y): the length, capacity, cost and term of
one pipeline, and the lengths of its sections, in one sentence about the pipeline ("In February
2031, plans were announced for the oil pipeline to be 300 kilometres long, with between 180 and
190 kilometres of it in the Hungarian section and 120 kilometres in the Serbian section"), never
one sentence each; and a series of one measure over months told with its total, the total first
("The fall … totalled nearly 1.5 million tonnes in October 2023 – March 2024, with 111,700
tonnes in January 2024, …").

Which figures are of one thing is read from their labels by the catalog's words: an attribute
(`words.things.attributes`, each with the kind of frame that tells it) and the word that links
it to its thing (`words.things.links`: "length of X", "investment in X"); a part of a thing by
`words.things.parts` ("the Hungarian section of X"). Never a dataset's own words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportgen.report.views import MetricView

Lookup = Callable[[str, str], str]
ARTICLES = ("the ", "a ", "an ")


@dataclass(frozen=True)
class Aspect:
    """What a figure's label says it measures: its attribute (as the label says it, with what
    comes before it: "Hungarian investment"), the kind of frame that tells it ("length", or "-"
    for one told as "<attribute> of <value>"), the part of the thing it is of ("the Hungarian
    section", or ""), and the thing ("the oil pipeline between Serbia and Hungary")."""

    attribute: str
    kind: str
    part: str
    thing: str

    @property
    def key(self) -> str:
        """The thing to compare by: lower case, without its article."""
        return bare(self.thing).lower()


def bare(text: str) -> str:
    """A phrase without its leading article."""
    low = text.lower()
    return next((text[len(a):] for a in ARTICLES if low.startswith(a)), text)


class ThingWords:
    """The catalog's words that say what a label measures (en: "length of", "investment in")."""

    def __init__(self, get: Lookup) -> None:
        pairs = [w.split(":", 1) for w in get("words.things.attributes", "-").split()
                 if ":" in w]
        self.attributes = {a.lower(): k for a, k in pairs}
        self.links = set(get("words.things.links", "-").split()) - {"-"}
        self.parts = set(get("words.things.parts", "-").lower().split()) - {"-"}
        self.balances = set(get("words.things.balances", "-").lower().split()) - {"-"}

    def split(self, label: str) -> tuple[str, str, str] | None:
        """(attribute, kind, what it is of) of "<…> <attribute> <link> <thing>" within the
        label's first five words; None where the label says no attribute of a thing."""
        words = label.split()
        for i, w in enumerate(words[:5]):
            kind = self.attributes.get(w.lower())
            if kind and i + 2 < len(words) and words[i + 1].lower() in self.links:
                return " ".join(words[:i + 1]), kind, " ".join(words[i + 2:])
        return None

    def aspect(self, label: str) -> Aspect | None:
        """What a label says it measures (`Aspect`); the thing of an attribute of an attribute
        is the innermost ("the term of the investment in the pipeline" is of the pipeline)."""
        said = self.split(label)
        if said is None:
            return None
        attribute, kind, thing = said
        for _ in range(3):
            inner = self.split(bare(thing))
            if inner is None:
                break
            thing = inner[2]
        part = ""
        words = thing.split()
        for i, w in enumerate(words[:5]):
            if w.lower() in self.parts and i + 2 < len(words) \
                    and words[i + 1].lower() in self.links:
                part, thing = " ".join(words[:i + 1]), " ".join(words[i + 2:])
                break
        return Aspect(attribute, kind, part, thing)


def same(a: str, b: str) -> bool:
    """Whether two things are one: the one's words open the other's ("oil pipeline", "oil
    pipeline between A and B")."""
    wa, wb = a.split(), b.split()
    n = min(len(wa), len(wb))
    return n > 0 and wa[:n] == wb[:n]


def _fits(x: MetricView) -> bool:
    """A figure that can be told as one attribute among others: a plain value, with no frame,
    change, comparison or clauses of its own."""
    m = x.metric
    return (x.value is not None and not x.key and not m.sentence and m.change is None
            and not m.compare_with and not m.with_ and not m.by
            and x.unit not in ("rank", "ordinal", "multiplier", "count"))


def _statuses(x: MetricView, y: MetricView) -> bool:
    """Whether two figures' statuses can share a sentence: the same (a plan and an
    expectation keep their own frames: "is to have …", "is expected to cost …")."""
    return x.status == y.status


def thing_groups(figures: list[MetricView], words: ThingWords,
                 aside: frozenset[str] = frozenset()) -> list[list[MetricView]]:
    """The figures of one thing, two or more, of one status and period (the caller gives one
    section's or one event's figures): the whole's before its
    parts, in order otherwise. At least one must be of the whole with a frame of its own kind
    (a length, a capacity, …), for the sentence to be about the thing."""
    seen: dict[str, Aspect] = {}
    for x in figures:
        if x.id in aside or not _fits(x):
            continue
        found = words.aspect(x.metric.label)
        if found is not None:
            seen[x.id] = found
    out: list[list[MetricView]] = []
    used: set[str] = set()
    for x in figures:
        if x.id not in seen or x.id in used:
            continue
        a = seen[x.id]
        group = [y for y in figures if y.id in seen and y.id not in used
                 and same(seen[y.id].key, a.key) and _statuses(x, y)
                 and y.metric.period == x.metric.period]
        if len(group) < 2 or not any(not seen[y.id].part and seen[y.id].kind != "-"
                                     for y in group):
            continue
        group.sort(key=lambda y: bool(seen[y.id].part))
        used.update(y.id for y in group)
        out.append(group)
    return out


def aspects(group: list[MetricView], words: ThingWords) -> list[Aspect]:
    """The aspects of a group's figures (`thing_groups` made it of figures that have one)."""
    return [a for a in (words.aspect(x.metric.label) for x in group) if a is not None]


def series(figures: list[MetricView]) -> list[list[MetricView]]:
    """A series of one measure (the same label, unit, section and status) over single months,
    two or more, with a total for a longer period that holds them all: the total first, then
    the months in order."""
    out = []
    for total in figures:
        p = total.metric.period
        if total.value is None or total.metric.change is not None or total.key \
                or total.metric.sentence or p.start == p.end:
            continue
        months = sorted((y for y in figures if y is not total and y.value is not None
                         and y.metric.label.lower() == total.metric.label.lower()
                         and (y.unit, y.area, y.status) == (total.unit, total.area, total.status)
                         and y.metric.change is None and not y.key and not y.metric.sentence
                         and y.metric.period.start == y.metric.period.end
                         and y.metric.period.start.month is not None
                         and y.metric.period.start.day is None
                         and p.start.first_day() <= y.metric.period.start.first_day()
                         and y.metric.period.end.last_day() <= p.end.last_day()),
                        key=lambda y: y.metric.period.start.first_day())
        if len(months) >= 2:
            out.append([total, *months])
    return out


def kind(group: list[MetricView], words: ThingWords) -> str:
    """What a bundle is: "series" (`series`), "balance" (`balances`) or "thing"."""
    if len({x.metric.label.lower() for x in group}) == 1:
        return "series"
    last = {w.strip("(),.;:'’").lower() for w in group[-1].metric.label.split()}
    return "balance" if last & words.balances else "thing"


def _plain(x: MetricView) -> bool:
    """A plain actual amount, more than zero, with no change, frame or clauses of its own."""
    m = x.metric
    return (_fits(x) and x.status == "actual" and (x.value or 0.0) > 0 and not m.per
            and not x.alternatives and x.unit not in ("percent",))


def balances(figures: list[MetricView], words: ThingWords) -> list[list[MetricView]]:
    """A balance (its label has a word of `words.things.balances`: "surplus") with the smaller
    of the two amounts it is the difference of (a = b + balance, to within half a percent; of
    one unit and period), told "imports … totalled PLN 20.3 billion, leaving the surplus at PLN
    31.4 billion"; with the larger too where it has no sentence of its own."""
    out = []
    for c in figures:
        said = {w.strip("(),.;:'’").lower() for w in c.metric.label.split()}
        if not said & words.balances or not _plain(c):
            continue
        near = [y for y in figures if y is not c and y.unit == c.unit
                and y.metric.period == c.metric.period and y.value is not None
                and not {w.lower() for w in y.metric.label.split()} & words.balances]
        for a in near:
            b = next((y for y in near if y is not a and _plain(y) and abs(
                (a.value or 0.0) - (y.value or 0.0) - (c.value or 0.0))
                <= 0.005 * (a.value or 0.0)), None)
            if b is not None:
                out.append([a, b, c] if _plain(a) else [b, c])
                break
    return out


def bundled(figures: list[MetricView], words: ThingWords,
            aside: frozenset[str] = frozenset()) -> tuple[list[MetricView], ...]:
    """The series with their totals (`series`), the balances with their amounts
    (`balances`), then the figures of one thing (`thing_groups`) among the rest: each figure
    in one bundle at most."""
    runs = [g for g in (*series(figures), *balances(figures, words))
            if not {x.id for x in g} & aside]
    taken: set[str] = set()
    kept = []
    for g in runs:
        if not {x.id for x in g} & taken:
            kept.append(g)
            taken.update(x.id for x in g)
    return (*kept, *thing_groups(figures, words, aside | frozenset(taken)))


def superseded(figures: list[MetricView]) -> set[str]:
    """The figures of one measure (the same label, unit, section and status) for a cumulative
    period that a later one from the same start supersedes, giving at least what it gives
    (January–April, then January–May of the same year): the body tells the latest; the
    earlier ones stay in the key figures table and the data annex. A single month, a key
    figure and one that another compares itself with are never superseded."""
    compared = {x.metric.compare_with for x in figures}
    out = set()
    for x in figures:
        p = x.metric.period
        if x.key or x.id in compared or (p.start.year, p.start.month) == (p.end.year,
                                                                          p.end.month):
            continue
        for y in figures:
            q = y.metric.period
            if (y.id != x.id and y.metric.label.lower() == x.metric.label.lower()
                    and (y.unit, y.area, y.status, y.metric.context)
                    == (x.unit, x.area, x.status, x.metric.context)
                    and q.start == p.start and q.end.last_day() > p.end.last_day()
                    and (x.value is None or y.value is not None)
                    and (x.metric.change is None or y.metric.change is not None)):
                out.add(x.id)
                break
    return out
