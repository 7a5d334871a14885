"""The wording catalogs: every label, caption and number pattern, by key, per language."""

from __future__ import annotations

import io
import re
import string
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog as PoCatalog
from babel.messages.pofile import PoFileError, read_po

from reportgen.dataset.located import Refused, read_inside
from reportgen.errors import Problem, TemplateError, relpath

SOURCE = "en"  # the catalog every other one translates: its msgids and {fields} are the keys
# A line of a .po file that holds a quoted string: keyword "…" or a continuation "…".
_QUOTED = re.compile(r'^\s*(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)?\s*(".*)$')
_CLOSED = re.compile(r'^"(?:[^"\\]|\\.)*"\s*$')


@dataclass(frozen=True)
class Catalog:
    """Messages read from templates/locale/<language>.po (gettext format, keys as msgids)."""

    path: Path
    messages: dict[str, str]

    def __call__(self, key: str, /, **values: object) -> str:
        """The text for key, with {name} fields filled from values."""
        try:
            text = self.messages[key]
        except KeyError:
            raise TemplateError([Problem(relpath(self.path), 0, 0, key, "message is missing",
                                         "add a msgid/msgstr pair for it")]) from None
        try:
            return text.format(**values) if values else text
        except (KeyError, IndexError, ValueError) as exc:
            problem = Problem(relpath(self.path), 0, 0, key, f"bad placeholder in message: {exc}",
                              "use only the {names} the English catalog uses")
            raise TemplateError([problem]) from None

    def has(self, key: str) -> bool:
        return key in self.messages

    def get(self, key: str, default: str) -> str:
        """The text for key as it stands (no fields filled), or default when there is none."""
        return self.messages.get(key) or default


def locales(templates: Path) -> list[str]:
    """The languages the templates ship a catalog for, the source language first."""
    found = sorted(p.stem for p in (templates / "locale").glob("*.po"))
    return sorted(found, key=lambda lang: lang != SOURCE)


def _quoting(path: Path, text: str) -> list[Problem]:
    """Strings whose closing quote is missing: Babel would silently drop their last character."""
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        match = _QUOTED.match(line)
        if match and not line.lstrip().startswith("#") and not _CLOSED.match(match.group(1)):
            problems.append(Problem(relpath(path), number, 0, line.split(" ", 1)[0],
                                    "string does not end with a closing quote",
                                    'end it with " (write \\" for a quote inside the text)'))
    return problems


def _read(path: Path, language: str) -> PoCatalog:
    try:  # a catalog that is a symlink out of its folder is refused unread, its target unnamed
        text = read_inside(path.parent, path, "templates")
    except Refused as exc:
        raise TemplateError([Problem(relpath(path), 0, 0, "", exc.message, exc.hint)]) from None
    problems = _quoting(path, text)
    if problems:
        raise TemplateError(problems)
    try:
        return read_po(io.BytesIO(text.encode("utf-8")), locale=language, abort_invalid=True)
    except (PoFileError, ValueError) as exc:
        raise TemplateError([Problem(relpath(path), getattr(exc, "lineno", 0), 0, "",
                                     f"not a valid .po file: {exc}",
                                     "check the msgid/msgstr pairs and quoting")]) from None


# The shipped templates folder (the package's own): its catalogs fill in what a templates
# folder of one's own lacks.
SHIPPED = Path(__file__).resolve().parents[1] / "templates"


def load_catalog(templates: Path, language: str) -> Catalog:
    """Read the catalog of a language from templates/locale/<language>.po. A key the folder's
    catalog lacks (a templates folder adopted or copied with an earlier version, before the key
    was added) is read from the shipped catalog of that language, so that it keeps building;
    its own messages win."""

    path = templates / "locale" / f"{language}.po"
    if not path.exists():
        there = ", ".join(locales(templates)) or "none"
        raise TemplateError([Problem(relpath(path), 0, 0, "", "no wording catalog for language "
                                     f"'{language}' (catalogs there: {there})",
                                     "choose one of those, or copy en.po to this name and "
                                     "translate it")])
    messages = {str(m.id): str(m.string) for m in _read(path, language) if m.id}
    shipped = SHIPPED / "locale" / f"{language}.po"
    if shipped.exists() and shipped.resolve() != path.resolve():
        messages = {**{str(m.id): str(m.string) for m in _read(shipped, language) if m.id},
                    **messages}
    return Catalog(path, messages)


def fields(text: str) -> set[str]:
    """The {names} a message fills in."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def completeness(templates: Path, language: str, sections: set[str]) -> list[Problem]:
    """What a translated catalog lacks against the source catalog: a missing, empty or fuzzy
    entry, or one whose {fields} differ; an entry the source does not have (bar the section
    titles of report.yaml, `section.<id>`) is reported too."""
    source = {str(m.id): m for m in _read(templates / "locale" / f"{SOURCE}.po", SOURCE) if m.id}
    path = templates / "locale" / f"{language}.po"
    where = relpath(path)
    own = {str(m.id): m for m in _read(path, language) if m.id}
    problems = []
    for key, message in source.items():
        mine = own.get(key)
        if mine is None:
            problems.append(Problem(where, 0, 0, key, "entry is missing",
                                    "run `make catalogs`, then translate it"))
        elif message.string and not mine.string:
            problems.append(Problem(where, mine.lineno or 0, 0, key, "entry is not translated",
                                    "write its msgstr"))
        elif mine.fuzzy:
            problems.append(Problem(where, mine.lineno or 0, 0, key, "entry is marked fuzzy",
                                    "review the translation, then remove the fuzzy flag"))
        elif fields(str(message.string)) != fields(str(mine.string)):
            want, got = fields(str(message.string)), fields(str(mine.string))
            problems.append(Problem(where, mine.lineno or 0, 0, key, "fields differ from en.po: "
                                    f"missing {sorted(want - got)}, extra {sorted(got - want)}",
                                    "use exactly the {names} of the English entry"))
    for key, mine in own.items():
        if key not in source and key.removeprefix("section.") not in sections:
            problems.append(Problem(where, mine.lineno or 0, 0, key, "en.po has no such entry",
                                    "remove it, or add the key to en.po first"))
    return problems
