"""The dataset's JSON Schema (draft 2020-12), for editors and for checking datasets elsewhere."""

from __future__ import annotations

from typing import Any

from pydantic.json_schema import models_json_schema

from reportgen.dataset.models import DATASET_FILES, REQUIRED_FILES


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

