"""The cross-file checks follow what the models declare, so a new field cannot forget its check."""

from __future__ import annotations

import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, StringConstraints

from reportgen.dataset.checks import Checker, declared
from reportgen.dataset.fields import PersonRef, ProseField, Ref, ReviewedPeriod, SourceRef, Strict
from reportgen.dataset.located import YamlFile, read_yaml
from reportgen.dataset.models import DATASET_FILES
from reportgen.dataset.series import read_series
from reportgen.errors import Problem
from reportgen.report.structure import load_structure

from ..conftest import FIXTURES, TEMPLATES

AREAS = load_structure(TEMPLATES).areas


class Note(Strict):
    """A model the checker has never heard of."""

    about: list[PersonRef]
    text: ProseField
    source: SourceRef | None = None
    period: ReviewedPeriod


class NotesFile(Strict):
    notes: list[Note]


def _checked_with(tmp_path: Path, extra: str, model: type[Strict], text: str) -> list[Problem]:
    problems: list[Problem] = []
    files = {}
    for name, file_model in DATASET_FILES.items():
        path = FIXTURES / "minimal" / name
        files[name] = read_yaml(path, problems) if path.exists() else YamlFile(name, data={})
        files[name].model = file_model.model_validate(files[name].data)
    (tmp_path / extra).write_text(text, encoding="utf-8")
    files[extra] = read_yaml(tmp_path / extra, problems)
    files[extra].model = model.model_validate(files[extra].data)
    assert not problems
    # The fixture's series rows too, or its series chart is warned about as having none.
    return Checker(files, AREAS, read_series(FIXTURES / "minimal", files["series.yaml"],
                                             problems)).run()


def test_a_field_typed_with_a_ref_is_checked_without_the_checker_naming_it(
        tmp_path: Path) -> None:
    found = _checked_with(tmp_path, "notes.yaml", NotesFile,
                          "notes:\n"
                          "  - about: [rufus_firefly, nobody]\n"
                          "    text: Around {nowhere} in 80 days\n"
                          "    source: gazete\n"
                          "    period: 2020\n")
    assert sorted((p.line, p.field, p.message) for p in found) == [
        (2, "notes[0].about[1]", "unknown person id 'nobody'"),
        (3, "notes[0].text", "prose may not contain digits"),
        (3, "notes[0].text", "unknown entity id 'nowhere'"),
        (4, "notes[0].source", "unknown source id 'gazete'"),
        (5, "notes[0].period", "period lies outside the briefing's year 2031"),
    ]


def _marks(annotation: Any, metadata: tuple[Any, ...] = ()) -> list[Any]:
    """What a field declares: its own marks, or those of its list items."""
    annotation, more = declared(annotation)
    if typing.get_origin(annotation) is list:
        return _marks(typing.get_args(annotation)[0], (*metadata, *more))
    return [*metadata, *more]


def _models() -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = []
    todo: list[Any] = list(DATASET_FILES.values())
    while todo:
        model = todo.pop()
        if model in found:
            continue
        found.append(model)
        for info in model.model_fields.values():
            annotation = info.annotation
            stack = [annotation]
            while stack:
                current = stack.pop()
                if isinstance(current, type) and issubclass(current, BaseModel):
                    todo.append(current)
                stack += typing.get_args(current)
    return found


# Ids that are not references checked by Ref: an item's own id, and a chart's series (its own
# check in checks.py, which knows the series of series.yaml).
OWN_IDS = {"id", "Chart.series"}
# An `id` that names another item: a section's own heading is keyed by the section it titles.
NAMED_IDS = {"SectionTitle.id": "area"}
EXPECTED = {"sources": "source", "area": "area", "speaker": "person", "participants": "person",
            "metrics": "metric", "places": "entity", "organisations": "entity",
            "documents": "entity", "venue": "entity", "place": "entity", "country": "country",
            "compare_with": "metric", "with_": "metric", "speakers": "person",
            "part_of": "event"}


def test_every_id_field_declares_what_it_refers_to() -> None:
    """A field holding ids is a Ref (so the checker checks it), and to the right group."""
    checked = 0
    for model in _models():
        for name, info in model.model_fields.items():
            marks = _marks(info.annotation, tuple(info.metadata))
            is_id = any(isinstance(m, StringConstraints) and m.pattern for m in marks)
            refs = [m.group for m in marks if isinstance(m, Ref)]
            qualified = f"{model.__name__}.{name}"
            if qualified in NAMED_IDS:
                assert refs == [NAMED_IDS[qualified]], qualified
                checked += 1
                continue
            if not is_id or name in OWN_IDS or qualified in OWN_IDS:
                assert not refs, f"{model.__name__}.{name}"
                continue
            assert refs == [EXPECTED[name]], f"{model.__name__}.{name}: declare a Ref"
            checked += 1
    assert checked >= 20


def test_a_name_that_carries_digits_is_prose_and_a_figure_is_not(tmp_path: Path) -> None:
    """"the G7 summit", "G20", "COP29" or "F-16" name something and may stand in prose (a new
    user's event title was refused); "in 2024" or "five" written "5" still is a figure."""
    found = _checked_with(tmp_path, "notes.yaml", NotesFile,
                          "notes:\n"
                          "  - about: [rufus_firefly]\n"
                          "    text: Met at the G7 summit, the G20 and COP29 over F-16 jets\n"
                          "    period: 2031\n"
                          "  - about: [rufus_firefly]\n"
                          "    text: Met the G7 leaders 3 times\n"
                          "    period: 2031\n")
    assert [(p.line, p.message) for p in found] == [(6, "prose may not contain digits")]
