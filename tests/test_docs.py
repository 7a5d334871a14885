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
