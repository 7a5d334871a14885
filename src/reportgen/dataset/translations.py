"""A dataset's text in another language: translations/<locale>.yaml read, checked and applied.

Which fields are text is declared once, on the models (fields.Translatable, carried by the
ProseField, Label, SentenceProse and Text aliases); this module walks the models for them, so a new
text field needs a translation without this module naming it.
"""

from __future__ import annotations

import difflib
import functools
import typing
from collections import Counter
from pathlib import Path
from typing import Any, Literal

from babel import Locale, UnknownLocaleError
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from reportgen.dataset.checks import declared, has_digits
from reportgen.dataset.fields import PLACEHOLDER, ProseText, Translatable
from reportgen.dataset.located import Loc, YamlFile, read_yaml
from reportgen.dataset.models import DATASET_FILES, Edition, Fact
from reportgen.errors import Problem, relpath

FOLDER = "translations"
REVIEWED = "reviewed"


def translation_path(folder: Path, locale: str) -> Path:
    return folder / FOLDER / f"{locale}.yaml"


def dataset_locales(folder: Path, language: str) -> list[str]:
    """The languages a dataset folder can be built in: its own, then each it has a
    translations/<locale>.yaml for, in name order."""
    found = [language]
    translations = folder / FOLDER
    if translations.is_dir():
        found += sorted(p.stem for p in translations.glob("*.yaml") if p.stem != language)
    return found


def language_name(locale: str) -> str:
    """The language's English name for messages ("Azerbaijani"), or its code when unknown."""
    try:
        return str(Locale.parse(locale).get_display_name("en") or locale)
    except (ValueError, TypeError, UnknownLocaleError):
        return locale


def untranslated(text: str, language: str) -> str:
    """Text shown in the original language because its translation is missing: marked, so that
    no reader takes it for the edition's own language."""
    return f"[{language}: {text}]"


def _marks(annotation: Any, metadata: tuple[object, ...] = ()) -> tuple[Any, tuple[object, ...]]:
    annotation, marks = declared(annotation)
    return annotation, (*metadata, *marks)


def _is_text(marks: tuple[object, ...]) -> bool:
    return any(isinstance(m, Translatable) for m in marks)


def _model_type(annotation: object) -> type[BaseModel] | None:
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) \
        else None


def _list_item(annotation: object) -> tuple[Any, tuple[object, ...]] | None:
    if typing.get_origin(annotation) is not list:
        return None
    return _marks(typing.get_args(annotation)[0])


def text_items(annotation: Any) -> type[BaseModel] | None:
    """The model of a list's items, for a list of models (a briefing's countries)."""
    item = _list_item(declared(annotation)[0])
    return _model_type(item[0]) if item else None


TextKind = Literal["text", "texts"] | type[BaseModel] | None


def text_kind(info: FieldInfo) -> TextKind:
    """What a field holds to translate: "text", "texts" (a list of text), a model holding text
    (itself, or in a list of such items), or None."""
    annotation, marks = _marks(info.annotation, tuple(info.metadata))
    item = _list_item(annotation)
    if _is_text(marks):
        return "text"
    if item and _is_text(item[1]):
        return "texts"
    inner = _model_type(item[0] if item else annotation)
    return inner if inner is not None and has_text(inner) else None


def _prose(info: FieldInfo) -> ProseText | None:
    annotation, marks = _marks(info.annotation, tuple(info.metadata))
    item = _list_item(annotation)
    return next((m for m in (*marks, *(item[1] if item else ())) if isinstance(m, ProseText)),
                None)


@functools.cache
def has_text(model: type[BaseModel]) -> bool:
    """Whether a model holds a text field, itself or in its nested models and lists."""
    return any(text_kind(info) is not None for info in model.model_fields.values())


def is_file_of_lists(model: type[BaseModel]) -> bool:
    """A file that is only lists of items (metrics.yaml, entities.yaml): its translation is
    keyed by item id directly, one id space for all its lists."""
    return all(text_items(info.annotation) for info in model.model_fields.values())


def _key_field(model: type[BaseModel]) -> str:
    return "id" if "id" in model.model_fields else "name"


def _refs(text: str) -> Counter[str]:
    return Counter(PLACEHOLDER.findall(text))


def mismatches(original: str, text: str, prose: ProseText | None) -> list[tuple[str, str]]:
    """What is wrong with text as a translation of original (each a message and its fix): other
    {references}, or digits in prose that may have none."""
    found = []
    before, after = _refs(original), _refs(text)
    if before != after:
        def show(refs: Counter[str]) -> str:
            return ", ".join(f"{{{r}}}" + (f" ×{n}" if n > 1 else "")
                             for r, n in sorted(refs.items())) or "none"
        found.append((f"the translation's {{references}} differ from the original's: the "
                      f"original has {show(before)}, the translation {show(after)}",
                      "keep every {reference} of the original, as often, and add none"))
    if prose is not None and not prose.digits and has_digits(text):
        found.append(("prose may not contain digits",
                      "write the figure as the original does: in metrics.yaml, or an entity's "
                      "name as {entity_id}"))
    return found


class Translator:
    """Applies one translation file to a dataset's validated models, collecting problems."""

    def __init__(self, file: YamlFile, files: dict[str, YamlFile], locale: str,
                 language: str) -> None:
        self.file, self.files, self.locale, self.language = file, files, locale, language
        self.name = language_name(locale)
        self.problems: list[Problem] = []
        self.unreviewed: list[str] = []
        self.missing: list[str] = []
        self.warn_missing = True

    def error(self, loc: Loc, message: str, hint: str = "") -> None:
        self.problems.append(self.file.problem(loc, message, hint))

    def run(self) -> dict[str, Any]:
        """Every file's model with its text in the locale, by file name."""
        data = self.file.data
        if not isinstance(data, dict):
            self.error((), "expected a mapping: `reviewed:` and one key per dataset file",
                       "see docs/dataset.md, Text per language")
            data = {}
        known = [REVIEWED, *DATASET_FILES]
        for key in data:
            if key not in known:
                close = difflib.get_close_matches(str(key), known, n=1)
                self.error((str(key),), f"unknown key '{key}'", f"did you mean '{close[0]}'?"
                           if close else "known keys: " + ", ".join(known))
        reviewed = self._reviewed(data, (), False)
        out = {}
        for fname, file in self.files.items():
            if file.model is None:
                continue
            model = type(file.model)
            entry = data.get(fname)
            out[fname] = self.model(fname, file.model, entry, (fname,), (), reviewed,
                                    is_file_of_lists(model))
        if "briefing.yaml" in out:
            out["briefing.yaml"] = out["briefing.yaml"].model_copy(
                update={"language": self.locale})
        return out

    def _reviewed(self, entry: dict[str, Any], loc: Loc, inherited: bool) -> bool:
        value = entry.get(REVIEWED, inherited)
        if not isinstance(value, bool):
            self.error((*loc, REVIEWED), f"expected true or false, got {value!r}",
                       "`reviewed: true` once a reviewer has checked the translation")
            return False
        return value

    def model(self, fname: str, obj: BaseModel, entry: Any, tloc: Loc, oloc: Loc,
              reviewed: bool, flat: bool = False) -> BaseModel:
        """`obj` with its text fields from `entry` (its part of the translation file)."""
        if entry is not None and not isinstance(entry, dict):
            self.error(tloc, "expected a mapping of fields",
                       "write the item's text fields under its id, e.g. `label: …`")
            entry = None
        given: dict[str, Any] = entry or {}
        reviewed = self._reviewed(given, tloc, reviewed)
        if flat:
            return self._items(fname, obj, given, tloc, reviewed)
        cls = type(obj)
        known = [REVIEWED]
        update: dict[str, Any] = {}
        original = getattr(obj, "original", None) if isinstance(obj, Fact) else None
        for name, info in cls.model_fields.items():
            kind, value = text_kind(info), getattr(obj, name)
            at, where = (*tloc, name), (*oloc, name)
            if kind is not None:
                known.append(name)
            if kind == "text":
                if name == "text" and original is not None and original.language == self.locale:
                    # The speaker's own words, as the source gives them: no translation.
                    if name in given:
                        self.error(at, f"this quote has its {self.name} original in {fname}",
                                   "remove the translation: the edition shows the original")
                    update[name] = original.text
                    continue
                update[name] = self.text(fname, value, given, name, at, where, reviewed,
                                         _prose(info))
            elif kind == "texts":
                update[name] = self.texts(fname, value, given, name, at, where, reviewed,
                                          _prose(info))
            elif kind is not None and text_items(info.annotation):
                update[name] = self._keyed(fname, value, given.get(name), at, where, reviewed,
                                           kind)
            elif kind is not None and value is not None:
                update[name] = self.model(fname, value, given.get(name), at, where, reviewed)
            elif kind is not None and name in given:
                self.error(at, f"{fname} has no `{name}` here: nothing to translate",
                           "remove it")
        for key in given:
            if key not in known:
                close = difflib.get_close_matches(str(key), known[1:], n=1)
                self.error((*tloc, str(key)), f"'{key}' is no text field of {cls.__name__}",
                           f"did you mean '{close[0]}'?" if close else
                           "text fields here: " + (", ".join(known[1:]) or "none"))
        return obj.model_copy(update=update)

    def _items(self, fname: str, obj: BaseModel, given: dict[str, Any], tloc: Loc,
               reviewed: bool) -> BaseModel:
        """A file of lists: each item translated under its id."""
        lists: dict[str, list[Any]] = {}
        where: dict[str, tuple[str, int]] = {}
        for name, info in type(obj).model_fields.items():
            if text_kind(info) is None:
                continue
            lists[name] = list(getattr(obj, name))
            for i, element in enumerate(lists[name]):
                if element is not None:
                    where.setdefault(element.id, (name, i))
        for key in given:
            if key != REVIEWED and key not in where:
                close = difflib.get_close_matches(str(key), list(where), n=1)
                self.error((*tloc, str(key)), f"{fname} has no item '{key}'",
                           f"did you mean '{close[0]}'?" if close else
                           "translate items by the ids they have in " + fname)
        for item_id, (name, i) in where.items():
            lists[name][i] = self.model(fname, lists[name][i], given.get(item_id),
                                        (*tloc, item_id), (name, i), reviewed)
        return obj.model_copy(update=lists)

    def _keyed(self, fname: str, items: list[Any], entry: Any, tloc: Loc, oloc: Loc,
               reviewed: bool, inner: type[BaseModel]) -> list[Any]:
        """A list inside an item (a briefing's countries): translated by each item's key."""
        key = _key_field(inner)
        if entry is not None and not isinstance(entry, dict):
            self.error(tloc, f"expected a mapping from each item's `{key}` to its text",
                       f"e.g. `{getattr(items[0], key, 'x') if items else 'x'}: {{…}}`")
            entry = None
        given: dict[str, Any] = entry or {}
        keys = [getattr(item, key) for item in items]
        for k in given:
            if k != REVIEWED and k not in keys:
                self.error((*tloc, str(k)), f"no item '{k}' here",
                           "known: " + ", ".join(map(str, keys)))
        reviewed = self._reviewed(given, tloc, reviewed)
        return [self.model(fname, item, given.get(k), (*tloc, k), (*oloc, i), reviewed)
                for i, (k, item) in enumerate(zip(keys, items, strict=True))]

    def text(self, fname: str, value: str | None, given: dict[str, Any], name: str, at: Loc,
             where: Loc, reviewed: bool, prose: ProseText | None) -> str | None:
        if value is None:
            if name in given:
                self.error(at, f"{fname} gives no `{name}` here: nothing to translate",
                           "remove it, or give the field in the original first")
            return None
        if name not in given:
            self._missing(fname, where, at)
            return untranslated(value, self.language)
        text = given[name]
        if not isinstance(text, str) or not text.strip():
            self.error(at, f"expected text, got {text!r}", "write the translation as text")
            return untranslated(value, self.language)
        self._check(value, text, at, prose)
        if not reviewed:
            self.unreviewed.append(f"{fname} {_dotted(at[1:])}")
        return text

    def texts(self, fname: str, values: list[str], given: dict[str, Any], name: str, at: Loc,
              where: Loc, reviewed: bool, prose: ProseText | None) -> list[str]:
        if name not in given:
            if values:
                self._missing(fname, where, at)
            return [untranslated(v, self.language) for v in values]
        texts = given[name]
        if (not isinstance(texts, list) or len(texts) != len(values)
                or not all(isinstance(t, str) and t.strip() for t in texts)):
            self.error(at, f"expected a list of {len(values)} texts, one per item of the "
                       f"original, in its order", "translate each item; keep their number")
            return [untranslated(v, self.language) for v in values]
        for j, (value, text) in enumerate(zip(values, texts, strict=True)):
            self._check(value, text, (*at, j), prose)
        if not reviewed:
            self.unreviewed.append(f"{fname} {_dotted(at[1:])}")
        return texts

    def _check(self, original: str, text: str, at: Loc, prose: ProseText | None) -> None:
        for message, hint in mismatches(original, text, prose):
            self.error(at, message, hint)

    def _missing(self, fname: str, where: Loc, at: Loc) -> None:
        self.missing.append(f"{fname} {_dotted(at[1:])}")
        if not self.warn_missing:
            return
        found = self.files[fname].problem(where, f"no {self.name} ({self.locale}) translation")
        keys = " › ".join(map(str, at))
        self.problems.append(Problem(
            found.file, found.line, found.column, found.field, found.message,
            f"add it to {self.file.name} at {keys}; until then the {self.locale} edition shows "
            f"the original, marked [{self.language}: …]", warning=True))


def _dotted(loc: Loc) -> str:
    return ".".join(str(p) for p in loc)


def translate(folder: Path, files: dict[str, YamlFile], locale: str, problems: list[Problem]
              ) -> tuple[dict[str, Any], Edition]:
    """The files' models with their text in `locale`, and what of it is unreviewed or missing.

    Problems (errors, and a warning per missing translation) are added to `problems`.
    """
    language = files["briefing.yaml"].model.language
    path = translation_path(folder, locale)
    exists = path.exists() or path.is_symlink()
    read: list[Problem] = []
    file = read_yaml(path, read, folder) if exists else YamlFile(relpath(path), data={})
    problems.extend(read)
    if file.data is None:  # unreadable: already a located problem
        file.data = {}
    translator = Translator(file, files, locale, language)
    translator.warn_missing = exists
    models = translator.run()
    if not exists:
        # One warning for the whole file, not one per field of the dataset.
        problems.append(Problem(
            file.name, 0, 0, "", f"no {translator.name} ({locale}) translation of the "
            f"dataset's text: the {locale} edition shows all {len(translator.missing)} of its "
            f"text fields in the original ({language}), marked",
            f"write {file.name}; see docs/dataset.md, Text per language", warning=True))
    problems.extend(translator.problems)
    edition = Edition(locale=locale, original=language, unreviewed=tuple(translator.unreviewed),
                      untranslated=tuple(translator.missing))
    return models, edition
