"""Documentation that cannot drift from the code it describes."""

from __future__ import annotations

import sys

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))

import gen_dataset_doc  # noqa: E402


def test_dataset_field_reference_is_generated_from_the_models() -> None:
    text = (ROOT / "docs" / "dataset.md").read_text(encoding="utf-8")
    assert gen_dataset_doc.MARK in text
    assert text.split(gen_dataset_doc.MARK)[1] == gen_dataset_doc.reference().split(
        gen_dataset_doc.MARK)[1], "run: .venv/bin/python tools/gen_dataset_doc.py"


def test_readme_quick_start_is_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start")[1].split("```")[1]
    assert quick.split() == ["sh", "make", "report", "make", "test"]


def test_shipped_schemas_match_the_models_and_validate_the_datasets() -> None:
    import json

    import jsonschema
    import yaml

    from reportgen.dataset.models import DATASET_FILES
    from reportgen.dataset.schema import TRANSLATION_FILE, json_schema, translation_schema

    folder = ROOT / "docs" / "schema"
    for name in (None, *DATASET_FILES):
        shipped = json.loads((folder / f"{name or 'dataset'}.schema.json").read_text("utf-8"))
        assert shipped == json_schema(name), f"run: reportgen schema --write docs/schema ({name})"
    shipped = json.loads((folder / f"{TRANSLATION_FILE}.schema.json").read_text("utf-8"))
    assert shipped == translation_schema(), "run: reportgen schema --write docs/schema"
    translation = jsonschema.Draft202012Validator(shipped)
    for path in sorted(ROOT.glob("data/*/translations/*.yaml")):
        assert not list(translation.iter_errors(yaml.safe_load(path.read_text("utf-8")))), path
    assert len(list(translation.iter_errors({"metrics.yaml": {"x": {"colour": "red"}},
                                             "briefing.yaml": {"title": 3}}))) == 2
    whole = jsonschema.Draft202012Validator(json_schema())
    for dataset in (ROOT / "data" / "china-azerbaijan-2025", ROOT / "tests" / "fixtures" /
                    "minimal"):
        document = {n: yaml.safe_load((dataset / n).read_text("utf-8")) for n in DATASET_FILES
                    if (dataset / n).exists()}
        assert not list(whole.iter_errors(document)), dataset
    broken = {"briefing.yaml": {}, "sources.yaml": {"sources": []},
              "metrics.yaml": {"metrics": [{"id": "x", "colour": "red"}]}}
    assert len(list(whole.iter_errors(broken))) >= 3


def test_dataset_doc_mentions_every_field() -> None:
    from pydantic import BaseModel

    from reportgen.dataset.models import DATASET_FILES

    text = (ROOT / "docs" / "dataset.md").read_text(encoding="utf-8")
    seen: list[type[BaseModel]] = []
    for model in DATASET_FILES.values():
        gen_dataset_doc._models(model, seen)
    for model in seen:
        for name, info in model.model_fields.items():
            assert f"`{info.alias or name}`" in text, f"{model.__name__}.{name}"
