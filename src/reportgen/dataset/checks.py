"""Cross-file checks that a schema cannot express: ids, references, periods, the digits rule."""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel

from reportgen.dataset.fields import PLACEHOLDER, InYear, Period, ProseText, Ref
from reportgen.dataset.located import Loc, YamlFile
from reportgen.errors import Problem

if TYPE_CHECKING:
    from reportgen.dataset.metrics import Metric
    from reportgen.dataset.models import Chart, Series, SeriesRow

_DIGIT = re.compile(r"\d")
# A name that carries digits is no figure: "G7", "G20", "COP29", "F-16" (a capital letter,
# letters, an optional hyphen and digits, as one word); "Euro 2024" still holds a figure.
_NAMED = re.compile(r"(?<![\w.,])[A-Z][A-Za-z]*-?\d+[A-Za-z]*(?![\w.,]\d)")
# What each kind of chart needs of every metric it charts: (kinds, field, message, hint).
CHART_NEEDS = (
    (("comparison", "growth"), "percent_change", "metric '{m}' has no `change` in percent, so it "
     "cannot be compared", "add its year-on-year change in percent (`change: {value: …}`) in "
     "metrics.yaml or drop it here"),
    (("comparison", "bars"), "value", "metric '{m}' has no `value`: it is reported only as a "
     "change", "chart it in a `growth` chart, or drop it here"),
)


def has_digits(text: str) -> bool:
    """Whether prose holds a digit outside its {placeholders} and the names that carry digits
    ("the G7 summit", "COP29"): figures belong in metrics."""
    return bool(_DIGIT.search(_NAMED.sub("", PLACEHOLDER.sub("", text))))


def declared(annotation: Any) -> tuple[Any, tuple[object, ...]]:
    """A field's type without Optional and Annotated, and the marks Annotated attached to it.

    pydantic moves a field's own Annotated metadata to FieldInfo.metadata; what is left here is
    the metadata of list items (`list[SourceRef]`) and of optional values (`PersonRef | None`).
    """
    marks: tuple[object, ...] = ()
    while True:
        origin = typing.get_origin(annotation)
        if origin is Annotated:
            marks += tuple(annotation.__metadata__)
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation, marks
            annotation = args[0]
        else:
            return annotation, marks


class Checker:
    """Cross-file checks that a schema cannot express: ids, references, years, prose."""

    def __init__(self, files: dict[str, YamlFile], areas: set[str] | None,
                 series_rows: dict[str, list[SeriesRow]] | None = None) -> None:
        self.files = files
        self.areas = areas
        self.series_rows = series_rows or {}
        self.problems: list[Problem] = []
        self.ids: dict[str, set[str]] = {}
        self.year: int | None = None  # the briefing's, once run() has read it

    def items(self, fname: str, key: str) -> Iterator[tuple[int, Any]]:
        file = self.files.get(fname)
        if file is None or file.model is None:
            return
        yield from ((i, item) for i, item in enumerate(getattr(file.model, key))
                    if item is not None)

    def add(self, fname: str, loc: Loc, message: str, hint: str = "") -> None:
        self.problems.append(self.files[fname].problem(loc, message, hint))

    def warn(self, fname: str, loc: Loc, message: str, hint: str = "") -> None:
        found = self.files[fname].problem(loc, message, hint)
        self.problems.append(Problem(found.file, found.line, found.column, found.field,
                                     found.message, found.hint, warning=True))

    def collect_ids(self) -> None:
        groups = {
            "source": [("sources.yaml", "sources")],
            "entity": [("entities.yaml", k) for k in ("people", "organisations", "places",
                                                      "documents")],
            "event": [("events.yaml", "events")],
            "metric": [("metrics.yaml", "metrics")],
            "fact": [("facts.yaml", "facts")],
            "chart": [("charts.yaml", "charts")],
        }
        for group, where in groups.items():
            seen: dict[str, str] = {}
            for fname, key in where:
                for i, item in self.items(fname, key):
                    if item.id in seen:
                        self.add(fname, (key, i, "id"), f"duplicate {group} id '{item.id}'",
                                 f"first defined in {seen[item.id]}; ids must be unique")
                    seen.setdefault(item.id, f"{fname} {key}[{i}]")
                raw = self.files[fname].data if fname in self.files else None
                for item in (raw or {}).get(key) or [] if isinstance(raw, dict) else []:
                    if isinstance(item, dict) and isinstance(item.get("id"), str):
                        seen.setdefault(item["id"], f"{fname} {key}")
            # A file that failed validation defines nothing we can trust: skip its references
            # rather than report every use of its ids as unknown.
            if all(self.files[fname].model is not None for fname, _ in where):
                self.ids[group] = set(seen)
        if "entity" in self.ids:
            self.ids["person"] = {p.id for _, p in self.items("entities.yaml", "people")}
        briefing = self.files["briefing.yaml"].model
        self.ids["country"] = {c.id for c in briefing.countries} if briefing else set()

    def ref(self, fname: str, loc: Loc, value: str | None, group: str) -> None:
        if value is None or group not in self.ids or value in self.ids[group]:
            return
        known = sorted(self.ids.get(group, set()))
        close = difflib.get_close_matches(value, known, n=1)
        hint = f"did you mean '{close[0]}'?" if close else (
            f"define it first; known: {', '.join(known)}" if known else "define it first")
        self.add(fname, loc, f"unknown {group} id '{value}'", hint)

    def prose(self, fname: str, loc: Loc, text: str | None, fields: tuple[str, ...] = (),
              digits: bool = False) -> None:
        if not text:
            return
        for name in PLACEHOLDER.findall(text):
            if name not in fields:
                self.ref(fname, loc, name, "entity")
        if not digits and has_digits(text):
            self.add(fname, loc, "prose may not contain digits",
                     "put the figure in metrics.yaml (with unit, period and source), or name an "
                     "entity as {entity_id}")

    def period(self, fname: str, loc: Loc, period: Period, year: int) -> None:
        if year not in period.years:
            self.add(fname, loc, f"period lies outside the briefing's year {year}",
                     "check the year, or the `year` in briefing.yaml")

    def area(self, fname: str, loc: Loc, area: str) -> None:
        if self.areas is not None and area not in self.areas:
            close = difflib.get_close_matches(area, sorted(self.areas), n=1)
            hint = f"did you mean '{close[0]}'?" if close else "one of: " + ", ".join(
                sorted(self.areas))
            self.add(fname, loc, f"unknown area '{area}'", hint)

    def section_titles(self, briefing: Any) -> None:
        """One heading per section: a second for the same section would be silently lost."""
        seen: set[str] = set()
        for i, section in enumerate(briefing.sections if briefing else []):
            if section.id in seen:
                self.add("briefing.yaml", ("sections", i, "id"),
                         f"section '{section.id}' is given a title twice",
                         "keep one entry per section id")
            seen.add(section.id)

    def run(self) -> list[Problem]:
        self.collect_ids()
        briefing = self.files["briefing.yaml"].model
        self.year = briefing.year if briefing else None
        for fname, file in self.files.items():
            if file.model is not None:
                self.walk(fname, file.model, ())
        self.section_titles(briefing)
        # The checks that involve more than one field of an item.
        for i, m in self.items("metrics.yaml", "metrics"):
            loc: Loc = ("metrics", i)
            if m.change is not None and m.change.value is not None and 0 < abs(m.change.value) < 1:
                self.warn("metrics.yaml", (*loc, "change", "value"),
                          f"a change of {m.change.value:g}% looks like a fraction",
                          f"write {m.change.value * 100:g} for {m.change.value * 100:g}%, or "
                          "keep it if the change really is under one percent")
            if m.unit == "percent" and m.value is not None and 0 < abs(m.value) < 1:
                self.warn("metrics.yaml", (*loc, "value"),
                          f"{m.value:g} percent looks like a fraction",
                          f"write {m.value * 100:g} for {m.value * 100:g}%")
            if m.change is not None and m.change.value is not None and m.change.value <= -100:
                self.add("metrics.yaml", (*loc, "change", "value"),
                         "a change of -100% or less leaves nothing to compare with",
                         "give the change in percent, e.g. 12.5")
        figures = {m.id: m for _, m in self.items("metrics.yaml", "metrics")}
        for i, m in self.items("metrics.yaml", "metrics"):
            check_compared(self, i, m, figures.get(m.compare_with or ""))
        for i, f in self.items("facts.yaml", "facts"):
            if f.kind == "quote" and not f.speaker:
                self.add("facts.yaml", ("facts", i, "speaker"), "a quote needs a speaker",
                         "add `speaker:` with a person id")
            if f.original is not None and f.kind != "quote":
                self.add("facts.yaml", ("facts", i, "original"),
                         f"only a quote has an original-language form, not a {f.kind}",
                         "remove `original`, or give the words in translations/")
            elif f.original is not None and sorted(PLACEHOLDER.findall(f.original.text)) != \
                    sorted(PLACEHOLDER.findall(f.text)):
                self.add("facts.yaml", ("facts", i, "original", "text"),
                         "the original's {references} differ from the fact's `text`",
                         "name the same entities, as {entity_id}, in both")
        series = {}
        for i, se in self.items("series.yaml", "series"):
            series[se.id] = se
            if se.id in self.series_rows and not self.series_rows[se.id] and se.publish:
                self.warn("series.yaml", ("series", i), f"series '{se.id}' has no rows",
                          f"add rows to {se.file}, or set `publish: false`; until then both "
                          "documents leave it out")
        metrics = {m.id: m for _, m in self.items("metrics.yaml", "metrics")}
        for i, ch in self.items("charts.yaml", "charts"):
            check_chart(self, i, ch, metrics, series)
        return self.problems

    def walk(self, fname: str, model: BaseModel, loc: Loc) -> None:
        """Apply the checks each field of `model` declares (fields.Ref, ProseText, InYear), and
        walk on into its nested models and lists."""
        for name, info in type(model).model_fields.items():
            self.walk_value(fname, (*loc, info.alias or name), getattr(model, name, None),
                            info.annotation, tuple(info.metadata), model)

    def walk_value(self, fname: str, loc: Loc, value: Any, annotation: Any,
                   marks: tuple[object, ...] = (), owner: BaseModel | None = None) -> None:
        if value is None:  # an optional field left out, or an item that failed validation
            return
        annotation, more = declared(annotation)
        for mark in (*marks, *more):
            self.apply(fname, loc, value, mark, owner)
        if isinstance(value, BaseModel):
            self.walk(fname, value, loc)
        elif isinstance(value, list):
            item = typing.get_args(annotation)[0] if typing.get_args(annotation) else Any
            for j, element in enumerate(value):
                self.walk_value(fname, (*loc, j), element, item)

    def apply(self, fname: str, loc: Loc, value: Any, mark: object,
              owner: BaseModel | None = None) -> None:
        """The check one mark of fields.py declares, on the value it marks (of `owner`)."""
        if isinstance(mark, Ref):
            if mark.group == "area":
                self.area(fname, loc, value)
            else:
                self.ref(fname, loc, value, mark.group)
        elif isinstance(mark, ProseText):
            self.prose(fname, loc, value, mark.fields, mark.digits)
        elif (isinstance(mark, InYear) and self.year
              and not (mark.unless and getattr(owner, mark.unless, False))):
            self.period(fname, loc, value, self.year)


def _bounds(value: float, qualifier: str, percent: bool = False) -> tuple[float, float]:
    """What a reported figure may stand for, once rounded: 945 million for 944.5 to 945.5
    million (half a unit of its last significant digit; of its last digit for a `percent`,
    12 for 11.5 to 12.5); open above or below, or both, for a hedge."""
    mantissa, _, exponent = f"{abs(value):.15g}".partition("e")
    whole, _, decimals = mantissa.partition(".")
    if decimals.rstrip("0") or percent:
        half = 0.5 * 10.0 ** -len(decimals.rstrip("0"))
    else:
        half = 0.5 * 10.0 ** (len(whole) - len(whole.rstrip("0")))
    half *= 10.0 ** int(exponent or 0)
    low, high = abs(value) - half, abs(value) + half
    if qualifier in ("up_to", "less_than", "nearly"):
        return 0.0, high
    if qualifier in ("more_than", "at_least"):
        return low, 1e300
    return (0.0, 1e300) if qualifier == "about" else (low, high)


def check_compared(checker: Checker, i: int, m: Metric, earlier: Metric | None) -> None:
    """A figure with both a reported `change` and a `compare_with` figure a year earlier: the
    briefing tells both ("10% more than a year earlier ($945 million)"), so they must agree."""
    change = m.change
    if (earlier is None or change is None or change.value is None or m.value is None
            or earlier.value is None or earlier.value <= 0 or earlier.unit != m.unit
            or (earlier.period.start.year, earlier.period.start.month) != (
                m.period.start.year - 1, m.period.start.month)):
        return
    now, then = _bounds(m.value, m.qualifier), _bounds(earlier.value, earlier.qualifier)
    least, most = (now[0] / then[1] - 1) * 100, (now[1] / max(then[0], 1e-300) - 1) * 100
    told = _bounds(change.value, change.qualifier, percent=True)
    sign = -1 if change.value < 0 else 1
    low, high = sorted((sign * told[0], sign * told[1]))
    if high < least or low > most:
        implied = (m.value / earlier.value - 1) * 100
        checker.warn("metrics.yaml", ("metrics", i, "change", "value"),
                     f"a change of {change.value:g}% disagrees with `compare_with` "
                     f"'{earlier.id}' ({earlier.value:g} a year earlier gives {implied:+.1f}%)",
                     "the briefing prints both side by side: check each against its source, "
                     "and correct the one mistyped (or drop `compare_with`, or the change)")


def check_chart(checker: Checker, i: int, chart: Chart, metrics: dict[str, Metric],
                series: dict[str, Series]) -> None:
    """charts.yaml's checks of one chart: what it charts exists, suits its kind, and is shown."""
    loc: Loc = ("charts", i)
    known = [metrics[m] for m in chart.metrics if m in metrics]
    if chart.kind == "timeline":
        events = checker.files.get("events.yaml")
        loaded = events is not None and events.model is not None
        if loaded and not any(e.high_level and e.publish
                              for _, e in checker.items("events.yaml", "events")):
            _nothing_to_show(checker, i, chart, "no published event is `high_level`",
                             "mark the year's main events `high_level: true` in "
                             "events.yaml")
        return
    if chart.kind == "series":
        if chart.series not in series:
            checker.add("charts.yaml", (*loc, "series"), f"unknown series id '{chart.series}'",
                        "known: " + (", ".join(series) or "none; declare it in series.yaml"))
        elif chart.column not in [c.name for c in series[chart.series].columns]:
            names = [c.name for c in series[chart.series].columns]
            checker.add("charts.yaml", (*loc, "column"), f"unknown column '{chart.column}'",
                        "columns of the series: " + ", ".join(names))
        elif not checker.series_rows.get(chart.series):
            _nothing_to_show(checker, i, chart, f"series '{chart.series}' has no rows",
                             f"add rows to {series[chart.series].file}")
        return
    if not chart.metrics:
        checker.add("charts.yaml", (*loc, "metrics"), f"a {chart.kind} chart needs metrics",
                    "list metric ids")
    if chart.kind == "comparison" and len(chart.metrics) != 1:
        checker.add("charts.yaml", (*loc, "metrics"), "a comparison chart takes one metric",
                    "make one chart per metric")
    for kinds, needed, message, hint in CHART_NEEDS:
        if chart.kind not in kinds:
            continue
        for j, m in enumerate(chart.metrics):
            if m in metrics and getattr(metrics[m], needed) is None:
                checker.add("charts.yaml", (*loc, "metrics", j), message.format(m=m), hint)
    if chart.kind == "bars" and len({m.unit for m in known}) > 1:
        checker.add("charts.yaml", (*loc, "metrics"), "bars must share one unit",
                    "units here: " + ", ".join(sorted({m.unit for m in known})))
    if known and len(known) == len(chart.metrics) and not any(m.publish for m in known):
        _nothing_to_show(checker, i, chart, "every metric it charts is `publish: false`",
                         "publish one of them")


def _nothing_to_show(checker: Checker, i: int, chart: Chart, why: str, fix: str) -> None:
    checker.warn("charts.yaml", ("charts", i), f"chart '{chart.id}' has nothing to show: {why}",
                 f"{fix}, or remove the chart; until then both documents leave it out")


