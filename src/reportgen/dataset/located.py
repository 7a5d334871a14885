"""YAML read with the line and column of every key and item, and validation errors located."""

from __future__ import annotations

import difflib
import os
import re
import stat
import types
import typing
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from reportgen.dataset.fields import Strict
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


class Refused(Exception):
    """A user's file that reportgen will not read, and why (never quoting its content)."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


MAX_BYTES = 20_000_000  # a dataset file is a few kilobytes; a bigger one is a mistake
MAX_NODES = 200_000  # YAML values after expanding aliases: refuses "billion laughs" at once
MAX_DEPTH = 64  # nesting of YAML mappings and lists: a dataset needs six


def read_inside(folder: Path | None, path: Path, kind: str = "dataset") -> str:
    """The UTF-8 text of a user's file, read only when it is a regular file inside `folder`.

    A symlink pointing out of the dataset, a directory, a named pipe or a device is refused
    before it is opened (opening a FIFO would block), so no file outside the dataset is read.
    """
    try:
        real = path.resolve(strict=True)
    except FileNotFoundError:
        raise Refused("file not found") from None
    except (OSError, RuntimeError) as exc:
        raise Refused(f"cannot be resolved ({getattr(exc, 'strerror', None) or exc})",
                      "a symlink loop?") from None
    if folder is not None and not real.is_relative_to(folder.resolve()):
        raise Refused(f"lies outside the {kind} folder (a symlink?); it was not read",
                      f"copy the file into the {kind} folder")
    try:
        mode = os.stat(real).st_mode
        if stat.S_ISDIR(mode):
            raise Refused("is a folder, not a file", "remove it or rename it")
        if not stat.S_ISREG(mode):
            raise Refused("is not a regular file (a named pipe or a device?); it was not read",
                          "replace it with a regular file")
        # O_NONBLOCK: should the file have become a pipe since stat(), open() must not hang.
        fd = os.open(real, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as f:
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
                raise Refused("is not a regular file; it was not read")
            data = f.read(MAX_BYTES + 1)
    except OSError as exc:
        raise Refused(f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_BYTES:
        raise Refused(f"larger than {MAX_BYTES:,} bytes", "a dataset file is a few kilobytes")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise Refused(f"not UTF-8 text (byte {exc.object[exc.start]:#04x} on line {line})",
                      "save the file as UTF-8") from None


class _Unbounded(yaml.MarkedYAMLError):
    """A document nested too deep or aliased too much: valid YAML, but no dataset file."""


class _Located:
    """A loader whose value errors (a month 13 in a date) are located YAML errors."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)  # type: ignore[misc]
        except (ValueError, OverflowError, TypeError) as exc:
            raise yaml.constructor.ConstructorError(
                None, None, f"{node.value!r} cannot be read: {exc}", node.start_mark) from None


class _Loader(_Located, yaml.SafeLoader):
    """PyYAML's own parser: its messages and marks are those every problem is said with."""


# libyaml's parser, about ten times as fast, reads a file that is well formed; a file it finds
# any fault in is read again by _Loader, so that every problem is said as before.
_FastLoader: Any = type("_FastLoader", (_Located, yaml.CSafeLoader), {}) \
    if getattr(yaml, "__with_libyaml__", False) else None


def _bounded(node: yaml.Node) -> None:
    """Refuse a document nested too deep, or whose aliases expand past MAX_NODES values."""
    sizes: dict[int, int] = {}
    # Iterative post-order walk, so a deep document cannot exhaust the stack here.
    stack: list[tuple[yaml.Node, int, bool]] = [(node, 1, False)]
    while stack:
        current, depth, done = stack.pop()
        if id(current) in sizes:
            continue
        if depth > MAX_DEPTH:
            raise _Unbounded(None, None, f"nested more than {MAX_DEPTH} levels deep",
                             current.start_mark)
        children = _children(current)
        if done or not children:
            sizes[id(current)] = 1 + sum(sizes[id(c)] for c in children)
            if sizes[id(current)] > MAX_NODES:
                raise _Unbounded(
                    None, None, f"its anchors and aliases expand to more than {MAX_NODES:,} "
                    "values", current.start_mark)
            continue
        stack.append((current, depth, True))
        stack.extend((c, depth + 1, False) for c in children if id(c) not in sizes)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _unreadable_text(data: object, loc: Loc = ()) -> Iterable[tuple[Loc, str]]:
    """Text values holding a control character or a lone surrogate, which no document can show."""
    if isinstance(data, str):
        for char in data:
            if (unicodedata.category(char) in ("Cc", "Cs") and char not in "\t\n\r"):
                kind = "lone surrogate" if unicodedata.category(char) == "Cs" else \
                    "control character"
                yield loc, f"text holds a {kind} (U+{ord(char):04X})"
                return
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _unreadable_text(value, (*loc, str(key)))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _unreadable_text(value, (*loc, i))


_QUOTED = re.compile(r"""^\s*(?:-\s+)?(?:[^\s:#'"][^:#]*:\s+)?(["'])""")


def _unclosed_quote(text: str, before: int) -> str:
    """A hint naming the first line before `before` that opens a quote it does not close: the
    parser only notices lines later, where the quoted text finally ends."""
    for number, line in enumerate(text.splitlines()[:before], start=1):
        found = _QUOTED.match(line)
        if found:
            quote, rest = found.group(1), line[found.end():]
            closed = rest.replace("\\" + quote, "").count(quote) if quote == '"' else \
                rest.replace("''", "").count("'")
            if not closed and number < before:
                return f"is the quote opened on line {number} closed?"
    return ""


@dataclass
class _Parsed:
    """A document's data, and where each key and item of it was written."""

    data: Any
    marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    dupes: list[Loc] = field(default_factory=list)


def _too_deep(text: str) -> int:
    """The first line nested deeper than MAX_DEPTH, counting the brackets ([, {) open and the
    indentation levels of the block mappings and lists around it; 0 when none is found."""
    brackets, indents = 0, [-1]
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip(" ")
        if stripped and not stripped.startswith("#") and brackets == 0:
            indent = len(line) - len(stripped)
            while indents[-1] > indent:
                indents.pop()
            if indent > indents[-1]:
                indents.append(indent)
        for char in stripped:
            brackets += (char in "[{") - (char in "]}")
            if brackets + len(indents) - 1 > MAX_DEPTH:
                return number
    return 0



def _parse(loader: Any) -> _Parsed:
    """The data of the loader's one document (refused when unbounded), with its marks. The
    marks are taken before the data is built, which rewrites a mapping's merge keys
    (`<<: *defaults`) into the keys they bring: a key given beside them is no duplicate."""
    node = loader.get_single_node()
    if node is None:
        return _Parsed(None)
    _bounded(node)
    parsed = _Parsed(None)
    _index(node, (), parsed.marks, parsed.dupes)
    parsed.data = loader.construct_document(node)
    return parsed


def _parse_fast(text: str) -> _Parsed | None:
    """The node tree and data of a well-formed file, read by libyaml; None when libyaml is not
    installed or finds anything wrong (then PyYAML's parser reads it and says what)."""
    if _FastLoader is None:
        return None
    loader = _FastLoader(text)
    try:
        return _parse(loader)
    except Exception:  # noqa: BLE001 (any fault: read again by the parser that explains it)
        return None
    finally:
        loader.dispose()


def read_yaml(path: Path, problems: list[Problem], folder: Path | None = None,
              kind: str = "dataset") -> YamlFile:
    """Read a user's YAML file with the marks of every key; every way it can be unreadable (not
    a regular file inside `folder`, not UTF-8, not YAML, nested or aliased without bound, text
    no document can hold) becomes a located problem, and the file's data stays None."""
    shown = YamlFile(relpath(path))
    try:
        text = read_inside(folder, path, kind)
    except Refused as exc:
        problems.append(Problem(shown.name, 0, 0, "", exc.message, exc.hint))
        return shown
    loader = None
    try:
        parsed = _parse_fast(text)
        if parsed is None:
            loader = _Loader(text)
            parsed = _parse(loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        if isinstance(exc, _Unbounded):
            problems.append(Problem(shown.name, line, column, "", str(exc.problem),
                                    "a dataset file needs neither deep nesting nor many aliases"))
            return shown
        problems.append(Problem(shown.name, line, column, "",
                                f"not valid YAML: {exc.problem or exc.context}",
                                _unclosed_quote(text, line)
                                or "check indentation, colons and quotes around this line"))
        return shown
    except yaml.reader.ReaderError as exc:  # a raw control character, say
        before = text[:exc.position]
        problems.append(Problem(shown.name, before.count("\n") + 1,
                                len(before) - (before.rfind("\n") + 1) + 1, "",
                                f"not valid YAML: character U+{int(exc.character):04X} "
                                "may not appear in a YAML file", "remove it"))
        return shown
    except RecursionError:  # the parser's own recursion, before any depth could be checked
        line = _too_deep(text)
        problems.append(Problem(shown.name, line, 1 if line else 0, "",
                                f"nested more than {MAX_DEPTH} levels deep",
                                "a dataset file needs a few levels of indentation"))
        return shown
    finally:
        if loader is not None:
            loader.dispose()
    data = parsed.data
    shown.marks = parsed.marks
    for loc in parsed.dupes:
        problems.append(shown.problem(loc, "this key appears twice in the same mapping",
                                      "keep one of them"))
    bad_text = list(_unreadable_text(data))
    for loc, message in bad_text:
        problems.append(shown.problem(loc, message, "remove it, or write the character you "
                                                    "meant"))
    if bad_text:
        return shown
    shown.data = {} if data is None else data
    return shown


def _model_at(model: object, loc: Loc) -> type[BaseModel] | None:
    """The pydantic model that holds the last key of loc, for "did you mean" suggestions."""
    current: object = model
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


def _unwrap(annotation: object) -> object:
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
    "finite_number": ("expected a finite number", "no .nan, .inf or numbers past 1e308"),
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


