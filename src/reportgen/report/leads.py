"""The summary's headline (issue 21j): which figures the summary states, and how it names the
people of the year's main event. Chosen from what the figures and people are (key, a change, an
amount, an office), never from a dataset's words.

- The headline figures are the key figures and the flows that moved (a figure with its change)
  among the figure each section leads with. Where there is none, the summary gives the largest
  amount of money among those leads and the figures of the year's main event (the €10 billion of
  agreements signed during a state visit, not a €350 million loan or a count of train cars);
  where there is no amount either, the leads as they are.
- A whole leads its parts (issue 21q): a figure that is the total of others of its section
  (the trips between the two countries, of which each direction's are given; the fall over six
  months, of which each month's is given) is the headline, not one of its parts; a share that
  did not move (a third party's stake in a company) is no headline of the year.
- A person an event's title names by office ("the President of France") is named with the
  office and the name in the summary ("President Emmanuel Macron", the catalog's
  `sentence.person.titled`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import combinations

from reportgen.report.catalog import Catalog
from reportgen.report.formatting import is_currency
from reportgen.report.views import MetricView


def moves(x: MetricView) -> bool:
    """A key figure, or a flow told with its change."""
    return x.key or x.change is not None or x.growth_only


def stake(x: MetricView) -> bool:
    """A share that did not move (a third party's stake in a company): no headline of the
    relationship's year, in the summary or on its slide."""
    return x.unit == "percent" and not moves(x)


SUM_SLACK = 0.01  # how far the parts' sum may be from their whole: the sources round them
PARTS = 3  # the most parts a whole is looked for among


def _within(x: MetricView, y: MetricView) -> bool:
    """Whether y's period lies within x's and is shorter."""
    a, b = x.metric.period, y.metric.period
    return a != b and a.start.first_day() <= b.start.first_day() \
        and b.end.last_day() <= a.end.last_day()


def _sum_of(x: MetricView, others: list[MetricView]) -> list[MetricView]:
    """The two or more of `others` (of x's unit, period and status) that x is the sum of."""
    if x.metric.change is not None or x.metric.compare_with:  # a total is told alone: not a
        return []  # flow with its own change, which a balance and a flow may add up to
    alike = [y for y in others if y.id != x.id and y.unit == x.unit and y.value is not None
             and y.metric.period == x.metric.period and y.status == x.status
             and not same_measure(x, y) and 0 < y.value < (x.value or 0)]
    for n in range(2, min(len(alike), PARTS) + 1):
        for parts in combinations(alike, n):
            if x.value is not None and abs(
                    sum(y.value or 0.0 for y in parts) - x.value) <= SUM_SLACK * x.value:
                return list(parts)
    return []


def parts_of(figures: list[MetricView]) -> dict[str, set[str]]:
    """Each figure's direct parts among `figures` (one section's): those it is the sum of, and
    the same measure's over a shorter period within its own (see the module's docstring)."""
    return {x.id: {y.id for y in _sum_of(x, figures)} | {
        y.id for y in figures if same_measure(x, y) and y.status == x.status
        and not y.metric.context and _within(x, y)} for x in figures if x.status == "actual"}


def wholes(figures: list[MetricView]) -> dict[str, set[str]]:
    """The figures that are the whole of others among `figures` (one section's), each id → the
    figures it holds, theirs too (the trips both ways hold each direction's and the month's of
    one direction)."""
    parts = parts_of(figures)
    held = {}
    for whole, direct in parts.items():
        seen, todo = set(), list(direct)
        while todo:
            i = todo.pop()
            if i not in seen and i != whole:
                seen.add(i)
                todo += parts.get(i, set())
        if seen:
            held[whole] = seen
    return held


def whole_of(x: MetricView, figures: list[MetricView]) -> MetricView:
    """The figure that holds the most of `figures` among those that hold x (leads.wholes), else
    x: a part never leads where its whole is given."""
    held = wholes(figures)
    holders = [y for y in figures if x.id in held.get(y.id, set())]
    return max(holders, key=lambda y: len(held[y.id]), default=x)  # of equal, the first


def whole_first(figures: list[MetricView]) -> list[MetricView]:
    """Figures in their order, a measure's figure over a longer period moved to just before the
    first of those within it: the six months' fall before each month's, never after them."""
    out: list[MetricView] = []
    for x in figures:
        if x in out:
            continue
        out += [w for w in figures if w not in out and w.status == x.status == "actual"
                and same_measure(w, x) and not x.metric.context and _within(w, x)]
        out.append(x)
    return out


def headline_figures(leads: list[MetricView], event: Iterable[MetricView],
                     whole: Iterable[str] = ()) -> list[MetricView]:
    """The figures the summary states (see the module's docstring), in the leads' order;
    `whole`: the ids of the leads that are a whole of their section's figures."""
    moving = [x for x in leads if moves(x) or x.id in set(whole)]
    if moving:
        return moving
    pool = {x.id: x for x in [*leads, *event]}.values()
    money = [x for x in pool if x.value is not None and x.status == "actual"
             and not x.metric.context and is_currency(x.unit)]
    if not money:  # a share that did not move is a stake, not the year's news
        return [x for x in leads if not stake(x)]
    currency = Counter(x.unit for x in money).most_common(1)[0][0]
    # The largest; of equal size, the first (a stable choice: deterministic).
    return [max((x for x in money if x.unit == currency), key=lambda x: x.value or 0.0)]


def office(role: str, ends: set[str]) -> str:
    """An office as it stands before a name: "President of France" → "President"; "Envoy of
    Freedonia to Sylvania" → "Envoy" (`ends`: the catalog's `words.title_ends`)."""
    words = []
    for word in role.split():
        if word in ends:
            break
        words.append(word)
    return " ".join(words)


def titled(who: str, people: Iterable[tuple[str, str]], t: Catalog, article: str) -> str:
    """Who an event's title names, with their office and name where the title gives only the
    office ("the President of France" → "President Emmanuel Macron"); else as the title says it.
    `people`: (name, role) of the event's participants; `article`: the language's "the"."""
    bare = who.strip()
    if article and bare.lower().startswith(article.lower() + " "):
        bare = bare[len(article) + 1:]
    ends = set(t.get("words.title_ends", "-").split()) - {"-"}
    for name, role in people:
        if role and bare.lower() == role.lower():
            return t("sentence.person.titled", name=name, office=office(role, ends) or role)
    return who


def same_measure(x: MetricView, y: MetricView) -> bool:
    """Whether two figures are of one measure (their label, unit and section)."""
    return (x.metric.label.lower(), x.unit, x.area) == (y.metric.label.lower(), y.unit, y.area)


def _fell(x: MetricView) -> bool | None:
    """Whether a figure's reported change is a fall (None: no change reported)."""
    change = x.metric.change
    return None if change is None or change.value is None else change.value < 0


def turns(leads: list[MetricView], figures: list[MetricView]) -> list[MetricView]:
    """The headline figures, each followed by the latest of `figures` of the same measure and
    status whose change went the other way: the year's story, "border trade rose 11.2% in
    January–May, and fell 99.9% in August", never its first half alone."""
    out: list[MetricView] = []
    for x in leads:
        out.append(x)
        later = [y for y in figures if y.id != x.id and same_measure(x, y)
                 and y.status == x.status and (a := _fell(x)) is not None
                 and (b := _fell(y)) is not None and a != b
                 and y.metric.period.start.first_day() > x.metric.period.end.last_day()]
        if later and not any(y in out for y in later):
            out.append(max(later, key=lambda y: y.metric.period.end.last_day()))
    return out
