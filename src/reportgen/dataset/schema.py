"""The dataset's JSON Schema (draft 2020-12), for editors and for checking datasets elsewhere."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from reportgen.dataset.models import DATASET_FILES, REQUIRED_FILES
from reportgen.dataset.translations import (
    REVIEWED,
    has_text,
    is_file_of_lists,
    text_items,
    text_kind,
)
from reportgen.files import write_atomic


def json_schema(file_name: str | None = None) -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of one dataset file, or of the whole dataset by file name."""

    dialect = "https://json-schema.org/draft/2020-12/schema"
    if file_name is not None:
        schema = DATASET_FILES[file_name].model_json_schema()
        return {"$schema": dialect, "$id": f"reportgen/{file_name}.schema.json", **schema}
    _, defs = models_json_schema([(m, "validation") for m in DATASET_FILES.values()],
                                 ref_template="#/$defs/{model}")
    return {
        "$schema": dialect, "$id": "reportgen/dataset.schema.json", "title": "reportgen dataset",
        "description": "A dataset folder, as an object keyed by file name.",
        "type": "object", "additionalProperties": False,
        "required": list(REQUIRED_FILES),
        "properties": {name: {"$ref": f"#/$defs/{model.__name__}"}
                       for name, model in DATASET_FILES.items()},
        "$defs": defs["$defs"],
    }



# The schema of a translation file, shipped as docs/schema/translation.yaml.schema.json.
TRANSLATION_FILE = "translation.yaml"
_REVIEWED = {"type": "boolean", "description": "Whether a reviewer has checked these "
             "translations (default: the enclosing mapping's, false at the top)."}


def _text_schema(model: type[BaseModel]) -> dict[str, Any]:
    """What a translation may give for one model: its text fields, nested items by key."""
    if is_file_of_lists(model):
        inner = [text_items(info.annotation) for info in model.model_fields.values()]
        schemas = [_text_schema(m) for m in inner if m is not None and has_text(m)]
        return {"type": "object", "properties": {REVIEWED: _REVIEWED},
                "additionalProperties": schemas[0] if len(schemas) == 1 else {"anyOf": schemas}}
    properties: dict[str, Any] = {REVIEWED: _REVIEWED}
    for name, info in model.model_fields.items():
        kind = text_kind(info)
        if kind == "text":
            properties[name] = {"type": "string", "minLength": 1,
                                "description": info.description or ""}
        elif kind == "texts":
            properties[name] = {"type": "array", "items": {"type": "string", "minLength": 1},
                                "description": "One translation per item, in the original's "
                                "order."}
        elif kind is not None:
            nested = _text_schema(kind)
            properties[name] = ({"type": "object", "properties": {REVIEWED: _REVIEWED},
                                 "additionalProperties": nested}
                                if text_items(info.annotation) else nested)
    return {"type": "object", "additionalProperties": False, "properties": properties}


def translation_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of translations/<locale>.yaml."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"reportgen/{TRANSLATION_FILE}.schema.json", "title": "reportgen translation",
        "description": "A dataset's text in another language: per dataset file, each item's "
                       "text fields under its id.",
        "type": "object", "additionalProperties": False,
        "properties": {REVIEWED: _REVIEWED, **{name: _text_schema(model)
                                               for name, model in DATASET_FILES.items()}},
    }


SCHEMA_FILES = [*DATASET_FILES, TRANSLATION_FILE]  # each file's schema `reportgen schema` gives


def schema_text(file_name: str | None = None) -> str:
    """One dataset file's schema (a translation file's for TRANSLATION_FILE), or the whole
    dataset's, as JSON text."""
    schema = translation_schema() if file_name == TRANSLATION_FILE else json_schema(file_name)
    return json.dumps(schema, indent=2, ensure_ascii=False)


def write_schemas(folder: Path) -> list[Path]:
    """Every schema as NAME.schema.json in folder (the whole dataset's as dataset.schema.json)."""
    written = []
    for name in (None, *SCHEMA_FILES):
        target = folder / f"{name or 'dataset'}.schema.json"
        write_atomic(target, (schema_text(name) + "\n").encode())
        written.append(target)
    return written
