"""The held-out datasets (tests/fixtures/heldout/), kept for blind ratings of the prose, keep
validating as the schema grows: a user's dataset that validates today validates tomorrow."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.pipeline.build import validate

from ..conftest import FIXTURES, TEMPLATES

HELDOUT = sorted(p for p in (FIXTURES / "heldout").iterdir() if (p / "briefing.yaml").is_file())


def test_there_are_held_out_datasets() -> None:
    assert len(HELDOUT) >= 2


@pytest.mark.parametrize("data", HELDOUT, ids=lambda p: p.name)
def test_a_held_out_dataset_validates_strictly(data: Path) -> None:
    dataset, warnings = validate(data, TEMPLATES, strict=True)
    assert dataset.metrics and dataset.events and dataset.facts
    assert not [w for w in warnings if w.warning]  # notes (plain sentences) are not warnings
