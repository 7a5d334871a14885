"""Read a dataset folder into a validated Dataset; every problem located at file:line."""

from __future__ import annotations

import logging
import typing
from dataclasses import replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from reportgen.dataset.checks import Checker
from reportgen.dataset.fields import Strict
from reportgen.dataset.located import (
    Loc,
    Refused,
    YamlFile,
    read_inside,
    read_yaml,
    validation_problems,
)
from reportgen.dataset.models import DATASET_FILES, REQUIRED_FILES, Dataset
from reportgen.dataset.series import read_series
from reportgen.dataset.translations import translate
from reportgen.errors import DataError, Problem, ProblemsError, TemplateError, relpath

log = logging.getLogger(__name__)


TODO = "TODO"


def _todos(file: YamlFile, data: object, loc: Loc = ()) -> list[Problem]:
    """Values a scaffold left for the author to fill in (strings starting with TODO)."""
    if isinstance(data, str) and data.strip().startswith(TODO):
        return [file.problem(loc, "not filled in yet", data.strip()[len(TODO):].lstrip(": "))]
    if isinstance(data, dict):
        return [p for k, v in data.items() for p in _todos(file, v, (*loc, str(k)))]
    if isinstance(data, list):
        return [p for i, v in enumerate(data) for p in _todos(file, v, (*loc, i))]
    return []


def _partial(file: YamlFile, model: type[Strict]) -> Any:
    """The valid items of a list file whose other items failed, so cross-checks still run.

    Invalid items stay as None, keeping every item at its index for located messages.
    """
    lists = {name: info.annotation for name, info in model.model_fields.items()
             if typing.get_origin(info.annotation) is list}
    # Only a file of lists alone: a model missing a required field is no model to check.
    if not lists or set(file.data) - set(lists) or set(model.model_fields) - set(lists):
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


def _source_copies(folder: Path, file: YamlFile) -> list[Problem]:
    """Each source's `file:` (its local copy, for reviewers) is present, a regular file inside
    the dataset folder and readable UTF-8 text: read as every dataset file is (read_inside);
    each that is not, a warning (an error with --strict)."""
    problems = []
    for i, source in enumerate(file.model.sources if file.model is not None else []):
        if source.file is None:
            continue
        path = Path(source.file)
        try:
            if path.is_absolute() or ".." in path.parts:
                raise Refused("is not a path inside the dataset folder",
                              "give the copy's path relative to the dataset folder")
            read_inside(folder, folder / path)
        except Refused as exc:  # a warning: a dataset that validated before still does
            found = file.problem(("sources", i, "file"), f"'{source.file}' {exc.message}",
                                 exc.hint or "copy the source's text into the dataset folder, "
                                 "or remove `file:`")
            problems.append(replace(found, warning=True))
    return problems


def load_dataset(folder: Path, areas: set[str] | None = None, strict: bool = False,
                 warnings: list[Problem] | None = None, locale: str | None = None) -> Dataset:
    """Read and validate every file of a dataset folder; raise DataError listing all problems.

    Warnings (likely mistakes) go to `warnings` when given; with strict they are errors.
    With a `locale` other than the dataset's `language`, its text comes from
    translations/<locale>.yaml (each missing translation a warning, the text shown marked).
    """
    problems: list[Problem] = []
    if not folder.is_dir():
        raise DataError([Problem(relpath(folder), 0, 0, "", "dataset folder not found",
                                 "pass --data with a folder holding briefing.yaml")])
    files: dict[str, YamlFile] = {}
    for fname, model in DATASET_FILES.items():
        path = folder / fname
        if path.exists() or path.is_symlink():
            files[fname] = read_yaml(path, problems, folder)
        elif fname in REQUIRED_FILES:
            problems.append(Problem(relpath(path), 0, 0, "", "required file is missing",
                                    "create it; see docs/dataset.md"))
            files[fname] = YamlFile(relpath(path))
        else:
            files[fname] = YamlFile(relpath(path), data={})
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
            problems.extend(p for p in validation_problems(file, model, exc)
                            if p.field not in unfilled)
            file.model = _partial(file, model)
    series_rows = read_series(folder, files["series.yaml"], problems)
    problems.extend(_source_copies(folder, files["sources.yaml"]))
    models = {name: f.model for name, f in files.items()}
    edition = None
    if files["briefing.yaml"].model is not None:
        problems.extend(Checker(files, areas, series_rows).run())
        if locale and locale != files["briefing.yaml"].model.language:
            models, edition = translate(folder, files, locale, problems)
    if strict:
        problems = [Problem(p.file, p.line, p.column, p.field, p.message, p.hint)
                    for p in problems]
    if any(not p.warning for p in problems):
        raise DataError(problems)
    if warnings is not None:
        warnings.extend(sorted(problems))
    log.info("loaded dataset %s", folder.name)
    m = models
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
        locations=_locations(files),
        edition=edition,
    )


# The items that must appear in the outputs, by file and list: "metrics:trade" and so on.
PLACED = {"metrics.yaml": "metrics", "facts.yaml": "facts", "events.yaml": "events",
          "series.yaml": "series"}


def _locations(files: dict[str, YamlFile]) -> dict[str, tuple[str, int, str]]:
    """Where each item was written: its file, line and field path, for located errors later."""
    found = {}
    for fname, key in PLACED.items():
        file = files[fname]
        for i, item in enumerate(getattr(file.model, key, None) or []):
            line = file.marks.get((key, i), (0, 0))[0]
            found[f"{key}:{item.id}"] = (file.name, line, f"{key}[{i}]")
    return found


def load_yaml_model(path: Path, model: type[Strict],
                    error: type[ProblemsError] = DataError) -> Any:
    """Read one YAML file into a model, raising `error` with every located problem."""
    problems: list[Problem] = []
    if not path.exists():
        raise error([Problem(relpath(path), 0, 0, "", "file not found")])
    # A file that is a symlink out of its folder is not read.
    file = read_yaml(path, problems, path.parent,
                     "templates" if issubclass(error, TemplateError) else "dataset")
    if not problems:
        try:
            return model.model_validate(file.data)
        except ValidationError as exc:
            problems.extend(validation_problems(file, model, exc))
    raise error(problems)
