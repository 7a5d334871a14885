"""YAML read with the line and column of every key and item, and validation errors located."""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from reportgen.dataset.models import (
    Strict,
)
from reportgen.errors import Problem, relpath

Loc = tuple[str | int, ...]


@dataclass
class YamlFile:
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


def read_yaml(path: Path, problems: list[Problem]) -> YamlFile:
    shown = YamlFile(relpath(path))
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


def validation_problems(file: YamlFile, model: type[Strict], exc: ValidationError) -> list[Problem]:
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


