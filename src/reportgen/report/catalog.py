"""The wording catalog: every user-facing label, caption and number pattern, by key."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.messages.pofile import PoFileError, read_po

from reportgen.errors import Problem, TemplateError, relpath


@dataclass(frozen=True)
class Catalog:
    """Messages read from templates/locale/<language>.po (gettext format, keys as msgids)."""

    path: Path
    messages: dict[str, str]

    def __call__(self, key: str, /, **values: Any) -> str:
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


def load_catalog(templates: Path, language: str) -> Catalog:
    """Read the catalog of a language from templates/locale/<language>.po."""

    path = templates / "locale" / f"{language}.po"
    if not path.exists():
        raise TemplateError([Problem(relpath(path), 0, 0, "", "no wording catalog for language "
                                     f"'{language}'", "copy en.po to this name and translate it")])
    try:
        with path.open("rb") as f:
            catalog = read_po(f, locale=language, abort_invalid=True)
    except (PoFileError, ValueError) as exc:
        raise TemplateError([Problem(relpath(path), 0, 0, "", f"not a valid .po file: {exc}",
                                     "check the msgid/msgstr pairs and quoting")]) from None
    messages = {str(m.id): str(m.string) for m in catalog if m.id}
    return Catalog(path, messages)
