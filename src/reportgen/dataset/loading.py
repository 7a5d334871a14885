"""Read a dataset folder into a validated Dataset; every problem located at file:line."""

from __future__ import annotations

import difflib
import logging
import re
import types
import typing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from reportgen.dataset.models import (
    DATASET_FILES,
    PLACEHOLDER,
    REQUIRED_FILES,
    Dataset,
    Period,
    SeriesRow,
    Strict,
)
from reportgen.errors import DataError, Problem, ProblemsError, relpath

log = logging.getLogger(__name__)

Loc = tuple[str | int, ...]
_DIGIT = re.compile(r"\d")


@dataclass
class _File:
    """One YAML file: its display name, its data and where each key and item stands."""

    name: str
    data: Any = None
    marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    model: Any = None

    def problem(self, loc: Loc, message: str, hint: str = "") -> Problem:
        # A missing field has no mark of its own: point at the nearest enclosing one.
        probe = loc
        while probe and probe not in self.marks:
            probe = probe[:-1]
        line, column = self.marks.get(probe, (0, 0))
        return Problem(self.name, line, column, _dotted(loc), message, hint)


def _dotted(loc: Iterable[str | int]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _index(node: yaml.Node, loc: Loc, out: dict[Loc, tuple[int, int]], dupes: list[Loc]) -> None:
    out.setdefault(loc, (node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            name = str(key.value)
            if name in seen:
                dupes.append((*loc, name))
            seen.add(name)
            out[(*loc, name)] = (key.start_mark.line + 1, key.start_mark.column + 1)
            _index(value, (*loc, name), out, dupes)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index(item, (*loc, i), out, dupes)


def _read_yaml(path: Path, problems: list[Problem]) -> _File:
    shown = _File(relpath(path))
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problems.append(Problem(shown.name, 0, 0, "", f"not UTF-8 text ({exc.reason})",
                                "save the file as UTF-8"))
        return shown
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        shown.data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problems.append(Problem(shown.name, line, column, "",
                                f"not valid YAML: {exc.problem or exc.context}",
                                "check indentation, colons and quotes around this line"))
        return shown
    if node is not None:
        dupes: list[Loc] = []
        _index(node, (), shown.marks, dupes)
        for loc in dupes:
            problems.append(shown.problem(loc, "this key appears twice in the same mapping",
                                          "keep one of them"))
    if shown.data is None:
        shown.data = {}
    return shown


def _model_at(model: Any, loc: Loc) -> type[BaseModel] | None:
    """The pydantic model that holds the last key of loc, for "did you mean" suggestions."""
    current: Any = model
    for part in loc[:-1]:
        current = _unwrap(current)
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(str(part))
        if info is None:
            return None
        current = info.annotation
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    while True:
        origin = typing.get_origin(annotation)
        if origin in (list, typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if args else annotation
            continue
        return annotation


_FRIENDLY = {
    "missing": ("required field is missing", "add it"),
    "extra_forbidden": ("unknown field", ""),
    "float_parsing": ("expected a number", "write digits only, e.g. 3750000000"),
    "float_type": ("expected a number", "write digits only"),
    "int_parsing": ("expected a whole number", ""),
    "int_type": ("expected a whole number", ""),
    "bool_parsing": ("expected true or false", ""),
    "string_type": ("expected text", "put the value in quotes"),
    "string_pattern_mismatch": ("not a valid id",
                                "use lower-case letters, digits and _, starting with a letter"),
    "list_type": ("expected a list", "write items as `- item` lines or [a, b]"),
    "model_type": ("expected a mapping of fields", ""),
    "model_attributes_type": ("expected a mapping of fields", ""),
    "dict_type": ("expected a mapping of fields", ""),
}


def _validation_problems(file: _File, model: type[Strict], exc: ValidationError) -> list[Problem]:
    out = []
    for err in exc.errors(include_url=False):
        loc = tuple(p for p in err["loc"] if p not in ("function-before[_from_text()]",))
        loc = tuple(p for p in loc if not (isinstance(p, str) and "[" in p))
        message, hint = _FRIENDLY.get(err["type"], (err["msg"], ""))
        given = err.get("input")
        if err["type"] == "extra_forbidden":
            owner = _model_at(model, loc)
            if owner is not None:
                close = difflib.get_close_matches(str(loc[-1]), list(owner.model_fields), n=1)
                hint = (f"did you mean '{close[0]}'?" if close
                        else "known fields: " + ", ".join(owner.model_fields))
        elif err["type"] in ("literal_error", "enum"):
            message = err["msg"].replace("Input should be", "expected")
            message += f", got {given!r}"
        elif err["type"] == "value_error":
            message = str(err["ctx"].get("error", err["msg"])) if "ctx" in err else err["msg"]
        elif err["type"] != "missing" and given is not None and not isinstance(given, dict | list):
            message += f", got {given!r}"
        out.append(file.problem(loc, message, hint))
    return out


class _Checker:
    """Cross-file checks that a schema cannot express: ids, references, years, prose."""

    def __init__(self, files: dict[str, _File], areas: set[str] | None) -> None:
        self.files = files
        self.areas = areas
        self.problems: list[Problem] = []
        self.ids: dict[str, set[str]] = {}

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

    def refs(self, fname: str, loc: Loc, values: list[str], group: str) -> None:
        for j, value in enumerate(values):
            self.ref(fname, (*loc, j), value, group)

    def prose(self, fname: str, loc: Loc, text: str | None) -> None:
        if not text:
            return
        for name in PLACEHOLDER.findall(text):
            self.ref(fname, loc, name, "entity")
        if _DIGIT.search(PLACEHOLDER.sub("", text)):
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

    def run(self) -> list[Problem]:
        self.collect_ids()
        briefing = self.files["briefing.yaml"].model
        year = briefing.year if briefing else None
        if briefing and briefing.occasion:
            occ = briefing.occasion
            self.ref("briefing.yaml", ("occasion", "speaker"), occ.speaker, "person")
            self.ref("briefing.yaml", ("occasion", "venue"), occ.venue, "entity")
            self.ref("briefing.yaml", ("occasion", "place"), occ.place, "entity")
            self.refs("briefing.yaml", ("occasion", "sources"), occ.sources, "source")
        for key in ("people", "organisations", "places", "documents"):
            for i, ent in self.items("entities.yaml", key):
                self.refs("entities.yaml", (key, i, "sources"), ent.sources, "source")
                if key == "people":
                    self.ref("entities.yaml", (key, i, "country"), ent.country, "country")
        for i, ev in self.items("events.yaml", "events"):
            loc: Loc = ("events", i)
            self.area("events.yaml", (*loc, "area"), ev.area)
            self.refs("events.yaml", (*loc, "sources"), ev.sources, "source")
            self.refs("events.yaml", (*loc, "participants"), ev.participants, "person")
            for key in ("places", "organisations", "documents"):
                self.refs("events.yaml", (*loc, key), getattr(ev, key), "entity")
            self.refs("events.yaml", (*loc, "metrics"), ev.metrics, "metric")
            for key in ("title", "short_title", "commemorates"):
                self.prose("events.yaml", (*loc, key), getattr(ev, key))
            for j, text in enumerate(ev.outcomes):
                self.prose("events.yaml", (*loc, "outcomes", j), text)
            if year:
                self.period("events.yaml", (*loc, "period"), ev.period, year)
        for i, m in self.items("metrics.yaml", "metrics"):
            loc = ("metrics", i)
            self.area("metrics.yaml", (*loc, "area"), m.area)
            self.refs("metrics.yaml", (*loc, "sources"), m.sources, "source")
            self.refs("metrics.yaml", (*loc, "places"), m.places, "entity")
            for key in ("label", "short_label", "noun"):
                self.prose("metrics.yaml", (*loc, key), getattr(m, key))
            if year:
                self.period("metrics.yaml", (*loc, "period"), m.period, year)
            if m.change is not None and 0 < abs(m.change.value) < 1:
                self.warn("metrics.yaml", (*loc, "change", "value"),
                          f"a change of {m.change.value:g}% looks like a fraction",
                          f"write {m.change.value * 100:g} for {m.change.value * 100:g}%, or "
                          "keep it if the change really is under one percent")
            if m.unit == "percent" and 0 < abs(m.value) < 1:
                self.warn("metrics.yaml", (*loc, "value"),
                          f"{m.value:g} percent looks like a fraction",
                          f"write {m.value * 100:g} for {m.value * 100:g}%")
            if m.change is not None and m.change.value <= -100:
                self.add("metrics.yaml", (*loc, "change", "value"),
                         "a change of -100% or less leaves nothing to compare with",
                         "give the change in percent, e.g. 12.5")
        for i, f in self.items("facts.yaml", "facts"):
            loc = ("facts", i)
            self.area("facts.yaml", (*loc, "area"), f.area)
            self.refs("facts.yaml", (*loc, "sources"), f.sources, "source")
            self.ref("facts.yaml", (*loc, "speaker"), f.speaker, "person")
            self.prose("facts.yaml", (*loc, "text"), f.text)
            if f.kind == "quote" and not f.speaker:
                self.add("facts.yaml", (*loc, "speaker"), "a quote needs a speaker",
                         "add `speaker:` with a person id")
        series = {}
        for i, se in self.items("series.yaml", "series"):
            self.area("series.yaml", ("series", i, "area"), se.area)
            self.refs("series.yaml", ("series", i, "sources"), se.sources, "source")
            series[se.id] = se
        metrics = {m.id: m for _, m in self.items("metrics.yaml", "metrics")}
        for i, ch in self.items("charts.yaml", "charts"):
            self._chart(i, ch, metrics, series)
        return self.problems

    def _chart(self, i: int, chart: Any, metrics: dict[str, Any], series: dict[str, Any]
               ) -> None:
        loc: Loc = ("charts", i)
        self.area("charts.yaml", (*loc, "area"), chart.area)
        self.prose("charts.yaml", (*loc, "title"), chart.title)
        self.refs("charts.yaml", (*loc, "metrics"), chart.metrics, "metric")
        known = [metrics[m] for m in chart.metrics if m in metrics]
        if chart.kind == "timeline":
            return
        if chart.kind == "series":
            if chart.series not in series:
                self.add("charts.yaml", (*loc, "series"), f"unknown series id '{chart.series}'",
                         "known: " + (", ".join(series) or "none; declare it in series.yaml"))
            elif chart.column not in [c.name for c in series[chart.series].columns]:
                names = [c.name for c in series[chart.series].columns]
                self.add("charts.yaml", (*loc, "column"), f"unknown column '{chart.column}'",
                         "columns of the series: " + ", ".join(names))
            return
        if not chart.metrics:
            self.add("charts.yaml", (*loc, "metrics"), f"a {chart.kind} chart needs metrics",
                     "list metric ids")
        if chart.kind == "comparison" and len(chart.metrics) != 1:
            self.add("charts.yaml", (*loc, "metrics"), "a comparison chart takes one metric",
                     "make one chart per metric")
        if chart.kind in ("comparison", "growth"):
            for j, m in enumerate(chart.metrics):
                if m in metrics and metrics[m].change is None:
                    self.add("charts.yaml", (*loc, "metrics", j),
                             f"metric '{m}' has no `change`, so it cannot be compared",
                             "add its year-on-year change in metrics.yaml or drop it here")
        if chart.kind == "bars" and len({m.unit for m in known}) > 1:
            self.add("charts.yaml", (*loc, "metrics"), "bars must share one unit",
                     "units here: " + ", ".join(sorted({m.unit for m in known})))


TODO = "TODO"


def _todos(file: _File, data: Any, loc: Loc = ()) -> list[Problem]:
    """Values a scaffold left for the author to fill in (strings starting with TODO)."""
    if isinstance(data, str) and data.strip().startswith(TODO):
        return [file.problem(loc, "not filled in yet", data.strip()[len(TODO):].lstrip(": "))]
    if isinstance(data, dict):
        return [p for k, v in data.items() for p in _todos(file, v, (*loc, str(k)))]
    if isinstance(data, list):
        return [p for i, v in enumerate(data) for p in _todos(file, v, (*loc, i))]
    return []


def _partial(file: _File, model: type[Strict]) -> Any:
    """The valid items of a list file whose other items failed, so cross-checks still run.

    Invalid items stay as None, keeping every item at its index for located messages.
    """
    lists = {name: info.annotation for name, info in model.model_fields.items()
             if typing.get_origin(info.annotation) is list}
    if not lists or set(file.data) - set(lists):
        return None
    fields: dict[str, list[Any]] = {}
    for name, annotation in lists.items():
        item_model = typing.get_args(annotation)[0]
        items = file.data.get(name) or []
        if not isinstance(items, list):
            return None
        fields[name] = []
        for item in items:
            try:
                fields[name].append(item_model.model_validate(item))
            except ValidationError:
                fields[name].append(None)
    return model.model_construct(**fields)  # type: ignore[arg-type]


def _read_series(folder: Path, file: _File, problems: list[Problem]) -> dict[str, list[Any]]:
    """Read each declared CSV series with pandas; every bad cell is reported at its row."""

    found: dict[str, list[Any]] = {}
    declared = [(i, s) for i, s in enumerate(getattr(file.model, "series", None) or [])
                if s is not None]
    if not declared:
        return found
    import pandas as pd

    for i, series in declared:
        path = folder / series.file
        shown = relpath(path)
        if not path.is_file():
            problems.append(file.problem(("series", i, "file"), f"CSV file '{series.file}' not "
                                         "found", "put it in the dataset folder"))
            continue
        try:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8",
                                skipinitialspace=True)
        except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
            text = str(exc).strip().splitlines()[-1]
            where = re.search(r"line (\d+)", text)
            problems.append(Problem(shown, int(where.group(1)) if where else 0, 0, "",
                                    f"not valid CSV: {text}",
                                    "every row needs as many cells as the header, in UTF-8"))
            continue
        header = [str(c) for c in frame.columns]
        wanted = [series.period_column, *(c.name for c in series.columns)]
        for name in wanted:
            if name not in header:
                close = difflib.get_close_matches(name, header, n=1)
                problems.append(Problem(shown, 1, 1, f"column '{name}'", "declared in "
                                        "series.yaml but missing from the header",
                                        f"did you mean '{close[0]}'?" if close
                                        else "header: " + ", ".join(header)))
        for name in header:
            if name not in wanted:
                problems.append(Problem(shown, 1, header.index(name) + 1, f"column '{name}'",
                                        "not declared in series.yaml",
                                        "declare it under columns, or remove it"))
        if any(name not in header for name in wanted):
            continue
        rows: list[Any] = []
        seen: dict[str, int] = {}
        for number, record in enumerate(frame.to_dict("records"), start=2):
            cell = str(record[series.period_column]).strip()
            column = header.index(series.period_column) + 1
            bad = False
            try:
                period = Period.model_validate(cell)
            except ValidationError:
                problems.append(Problem(shown, number, column, series.period_column,
                                        f"'{cell}' is not a period",
                                        "write YYYY, YYYY-MM or YYYY-MM/YYYY-MM"))
                bad = True
            if cell in seen:
                problems.append(Problem(shown, number, column, series.period_column,
                                        f"period {cell} appears twice",
                                        f"first on line {seen[cell]}; keep one row per period"))
                bad = True
            seen.setdefault(cell, number)
            values = {}
            for col in series.columns:
                raw = str(record[col.name]).strip()
                column = header.index(col.name) + 1
                if not raw:
                    problems.append(Problem(shown, number, column, col.name, "missing value",
                                            "fill the cell, or remove the row"))
                    bad = True
                    continue
                try:
                    values[col.name] = float(raw)
                except ValueError:
                    problems.append(Problem(shown, number, column, col.name,
                                            f"expected a number, got {raw!r}",
                                            "digits only, with a point for decimals"))
                    bad = True
            if not bad:
                rows.append(SeriesRow(period=period, values=values))
        found[series.id] = rows
    return found


def load_dataset(folder: Path, areas: set[str] | None = None, strict: bool = False,
                 warnings: list[Problem] | None = None) -> Dataset:
    """Read and validate every file of a dataset folder; raise DataError listing all problems.

    Warnings (likely mistakes) go to `warnings` when given; with strict they are errors.
    """
    problems: list[Problem] = []
    if not folder.is_dir():
        raise DataError([Problem(relpath(folder), 0, 0, "", "dataset folder not found",
                                 "pass --data with a folder holding briefing.yaml")])
    files: dict[str, _File] = {}
    for fname, model in DATASET_FILES.items():
        path = folder / fname
        if path.exists():
            files[fname] = _read_yaml(path, problems)
        elif fname in REQUIRED_FILES:
            problems.append(Problem(relpath(path), 0, 0, "", "required file is missing",
                                    "create it; see docs/dataset.md"))
            files[fname] = _File(relpath(path))
        else:
            files[fname] = _File(relpath(path), data={})
        file = files[fname]
        if file.data is None:
            continue
        todos = _todos(file, file.data)
        problems.extend(todos)
        unfilled = {p.field for p in todos}
        if not isinstance(file.data, dict):
            problems.append(file.problem((), "expected a mapping of fields at the top level"))
            continue
        try:
            file.model = model.model_validate(file.data)
        except ValidationError as exc:
            # A TODO placeholder is reported once, as unfilled, not also as a wrong value.
            problems.extend(p for p in _validation_problems(file, model, exc)
                            if p.field not in unfilled)
            file.model = _partial(file, model)
    series_rows = _read_series(folder, files["series.yaml"], problems)
    if files["briefing.yaml"].model is not None:
        problems.extend(_Checker(files, areas).run())
    if strict:
        problems = [Problem(p.file, p.line, p.column, p.field, p.message, p.hint)
                    for p in problems]
    if any(not p.warning for p in problems):
        raise DataError(problems)
    if warnings is not None:
        warnings.extend(sorted(problems))
    log.info("loaded dataset %s", folder.name)
    m = {name: f.model for name, f in files.items()}
    return Dataset(
        name=folder.resolve().name,
        briefing=m["briefing.yaml"],
        sources=m["sources.yaml"].sources,
        people=m["entities.yaml"].people,
        organisations=m["entities.yaml"].organisations,
        places=m["entities.yaml"].places,
        documents=m["entities.yaml"].documents,
        events=m["events.yaml"].events,
        metrics=m["metrics.yaml"].metrics,
        facts=m["facts.yaml"].facts,
        charts=m["charts.yaml"].charts,
        series=m["series.yaml"].series,
        series_rows=series_rows,
    )


def load_yaml_model(path: Path, model: type[Strict],
                    error: type[ProblemsError] = DataError) -> Any:
    """Read one YAML file into a model, raising `error` with every located problem."""
    problems: list[Problem] = []
    if not path.exists():
        raise error([Problem(relpath(path), 0, 0, "", "file not found")])
    file = _read_yaml(path, problems)
    if not problems:
        try:
            return model.model_validate(file.data)
        except ValidationError as exc:
            problems.extend(_validation_problems(file, model, exc))
    raise error(problems)
