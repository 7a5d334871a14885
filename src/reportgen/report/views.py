"""Derived figures and display-ready views of the dataset, for narrative, charts, writers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportgen.dataset.fields import PLACEHOLDER, Period
from reportgen.dataset.metrics import WHOLE_UNITS, Metric
from reportgen.dataset.models import Dataset, Event, Fact, Person, Source
from reportgen.report.formatting import (
    Formatter,
    round_significant,
    same_sign,
    shift_year,
    significant_digits,
    with_sign,
)
from reportgen.report.said import ranged


@dataclass(frozen=True)
class Estimate:
    """A figure reportgen derived from reported ones; always shown labelled as an estimate."""

    value: float
    text: str
    period: str
    year: int
    derivation: str


@dataclass(frozen=True)
class Alternate:
    """A figure as another source gives it; cited by its own id, `<metric>__alt<n>`."""

    id: str
    text: str
    sources: list[Source]
    value: float = 0.0  # in the metric's unit, to order a range ("between $2.2 and $3.1 billion")
    qualifier: str = "exact"


@dataclass(frozen=True)
class MetricView:
    """A metric with everything a template, chart or table needs to show it."""

    metric: Metric
    label: str
    short_label: str
    noun: str | None
    text: str
    bare: str
    period: str
    change: str | None
    change_signed: str | None
    falling: bool
    previous: Estimate | None
    sources: list[Source]
    places: list[str]
    # The same figure as other sources give it: (citation id, text, sources), when they disagree.
    alternatives: list[Alternate] = field(default_factory=list)

    def __getattr__(self, name: str) -> Any:
        # Templates may read the metric's own fields directly: m.trade.label, m.trade.value.
        return getattr(self.metric, name)

    @property
    def growth_only(self) -> bool:
        """Reported only as a change ("trade rose 8.3%"): there is no value to show."""
        return self.metric.value is None


@dataclass(frozen=True)
class FactView:
    fact: Fact
    text: str
    speaker: str | None
    speaker_role: str | None
    sources: list[Source]

    def __getattr__(self, name: str) -> Any:
        return getattr(self.fact, name)


@dataclass(frozen=True)
class EventView:
    event: Event
    title: str
    short_title: str
    period: str
    participants: list[str]
    outcomes: list[str]
    sources: list[Source]
    commemorates: str | None = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.event, name)


@dataclass(frozen=True)
class Views:
    """The dataset as the outputs show it: formatted, derived, with sources resolved."""

    dataset: Dataset
    fmt: Formatter
    metrics: dict[str, MetricView]
    facts: dict[str, FactView]
    events: list[EventView]
    sources: list[Source]
    names: dict[str, str] = field(default_factory=dict)

    def resolve(self, text: str) -> str:
        """Dataset prose with each {entity_id} replaced by the entity's name."""
        return PLACEHOLDER.sub(lambda m: self.names[m.group(1)], text)

    def person(self, name: str) -> Person | None:
        """The dataset's person of that name (as events and facts show it), or None."""
        return next((p for p in self.dataset.people if p.name == name), None)

    def role(self, name: str) -> str | None:
        """The role of the dataset's person of that name, or None."""
        person = self.person(name)
        return person.role if person else None

    def source_number(self, source_id: str) -> int:
        """1-based position of a source in the sources list, for citations."""
        return next(i for i, s in enumerate(self.sources, 1) if s.id == source_id)

    def cited(self, item_id: str) -> list[Source]:
        """The sources behind a metric, fact, event or entity id, or the briefing's occasion."""
        for group in (self.metrics, self.facts):
            if item_id in group:
                return group[item_id].sources
        for figure in self.metrics.values():
            for alternate in figure.alternatives:
                if alternate.id == item_id:
                    return alternate.sources
        for ev in self.events:
            if ev.id == item_id:
                return ev.sources
        by_id = {s.id: s for s in self.sources}
        occasion = self.dataset.briefing.occasion
        if item_id == "occasion" and occasion is not None:
            return [by_id[s] for s in occasion.sources]
        return [by_id[s] for s in self.dataset.entity(item_id).sources]


def derive_previous(metric: Metric, fmt: Formatter) -> Estimate | None:
    """Last year's value for the same period, from this year's value and its reported growth."""
    if metric.change is None or metric.change.value is None or metric.value is None \
            or metric.compare_with:
        return None  # nothing to derive from, or the earlier value is reported
    growth = metric.change.value
    raw = metric.value / (1 + growth / 100)
    # Visibly an estimate: at least two significant digits, and as many more as it takes for it
    # to differ from the figure it comes from ("more than $3 billion, +17.1%" gives about $2.6
    # billion, not "$3 billion" again); a count of people or things stays whole.
    reported = fmt.amount(metric.value, metric.unit)
    digits = max(significant_digits(metric.value), 2)
    while True:
        value = round_significant(raw, digits)
        if metric.unit in WHOLE_UNITS:
            value = float(round(value))
        text = fmt.amount(value, metric.unit, digits)
        if text != reported or digits >= 6:
            break
        digits += 1
    period = shift_year(metric.period, -1)
    derivation = fmt.t(
        "estimate.previous",
        value=text,
        period=fmt.period(period),
        current=fmt.amount(metric.value, metric.unit),
        change=fmt.signed_percent(growth),
        factor=fmt.number(1 + growth / 100),
    )
    return Estimate(value=value, text=text, period=fmt.period(period),
                    year=period.end.year, derivation=derivation)


def _amount(metric: Metric, value: float | None, fmt: Formatter) -> str:
    """A value of the metric in its unit, per day or week where it is a rate."""
    if value is None:
        return ""
    text = fmt.amount(value, metric.unit)
    return fmt.t(f"number.per.{metric.per}", amount=text) if metric.per else text


def _changes(metric: Metric, fmt: Formatter) -> tuple[str | None, str | None]:
    """A figure's change as the outputs write it: its size, unsigned, for prose that says "up"
    or "down" from `falling` ("4.5%"), and signed, for tables and cards ("−4.5%"). A figure
    reported only as a change by an amount ("fell by 111,700 tonnes") has it in its unit."""
    change = metric.change
    if change is not None and change.value is not None:
        size, signed, qualifier = fmt.percent(abs(change.value)), \
            fmt.signed_percent(change.value), change.qualifier
    elif change is not None and change.amount is not None and metric.value is None:
        size = fmt.amount(abs(change.amount), metric.unit)
        signed, qualifier = with_sign(size, change.amount < 0, fmt.locale), change.amount_qualifier
    else:
        return None, None
    return fmt.qualified(size, qualifier, "change"), fmt.qualified(signed, qualifier)


def build_views(dataset: Dataset, fmt: Formatter) -> Views:
    """Format every figure, derive every estimate and resolve every reference, once."""
    sources = {s.id: s for s in dataset.sources}
    names = {e.id: e.name for e in (*dataset.people, *dataset.organisations, *dataset.places,
                                    *dataset.documents)}

    def resolve(text: str) -> str:
        return PLACEHOLDER.sub(lambda m: names[m.group(1)], text)

    # Two currencies written with one sign are told apart: "US$34.3 billion", "CA$818 million".
    fmt.distinct = same_sign({m.unit for m in dataset.metrics if m.publish}, fmt.locale)
    metrics = {}
    for m in (m for m in dataset.metrics if m.publish):
        bare = _amount(m, m.value, fmt)
        if m.value_to is not None:  # a range: "4–5 million t"
            top = _amount(m, m.value_to, fmt)
            bare = ranged(fmt, bare, top)
        pct = m.change.value if m.change else None
        change, change_signed = _changes(m, fmt)
        amount = m.change.amount if m.change else None  # a fall by an amount: `falling`
        metrics[m.id] = MetricView(
            metric=m, label=resolve(m.label), short_label=resolve(m.short_label),
            noun=resolve(m.noun) if m.noun else None,
            text=(fmt.qualified(bare, m.qualifier) if m.value is not None
                  else change_signed or ""), bare=bare,
            period=fmt.period(m.period), change=change, change_signed=change_signed,
            falling=(pct if pct is not None else amount or 0.0) < 0,
            previous=derive_previous(m, fmt),
            sources=[sources[s] for s in m.sources], places=[names[p] for p in m.places],
            alternatives=[Alternate(f"{m.id}__alt{j}",
                                    fmt.qualified(_amount(m, a.value, fmt), a.qualifier),
                                    [sources[s] for s in a.sources], a.value, a.qualifier)
                          for j, a in enumerate(m.alternatives, 1)])
    people = {p.id: p for p in dataset.people}
    facts = {}
    for f in (f for f in dataset.facts if f.publish):
        speaker = people.get(f.speaker) if f.speaker else None
        facts[f.id] = FactView(
            fact=f, text=resolve(f.text), speaker=speaker.name if speaker else None,
            speaker_role=speaker.role if speaker else None,
            sources=[sources[s] for s in f.sources])
    events = [
        EventView(event=e, title=resolve(e.title), short_title=resolve(e.short_title),
                  period=fmt.period(e.period),
                  participants=[names[p] for p in e.participants],
                  outcomes=[resolve(o) for o in e.outcomes],
                  sources=[sources[s] for s in e.sources],
                  commemorates=resolve(e.commemorates) if e.commemorates else None)
        for e in sorted(dataset.events, key=lambda e: _period_key(e.period)) if e.publish
    ]
    return Views(dataset=dataset, fmt=fmt, metrics=metrics, facts=facts, events=events,
                 sources=list(dataset.sources), names=names)


def _period_key(period: Period) -> tuple[int, int, int]:
    # Year-only periods sort after the dated events of the same year.
    part = {"early": 0, "mid": 1, "late": 2, None: 1}[period.start_part]
    return (period.start.year, period.start.month or 13, part)
