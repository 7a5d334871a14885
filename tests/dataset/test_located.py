"""Reading YAML with the marks of every key: libyaml reads a well-formed file, PyYAML's own
parser one with a fault, and both give the same data and marks."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.dataset import located
from reportgen.dataset.located import read_yaml

from ..conftest import DATA, FIXTURES, ROOT

SHIPPED = sorted({*DATA.rglob("*.yaml"), *FIXTURES.rglob("*.yaml"),
                  *(ROOT / "data").rglob("*.yaml")})


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(ROOT)))
def test_libyaml_and_pyyaml_read_the_same_data_and_marks(path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    text = path.read_text(encoding="utf-8")
    assert located._parse_fast(text) is not None, "libyaml did not read a well-formed file"
    fast = read_yaml(path, problems := [])
    monkeypatch.setattr(located, "_FastLoader", None)
    pure = read_yaml(path, problems_pure := [])
    assert not problems and not problems_pure
    assert fast.data == pure.data and fast.data
    assert fast.marks == pure.marks


@pytest.mark.parametrize("text", ["a: [1, 2\nb: 3\n", "a: 1\na: 2\n", "- &x [*x]\n",
                                  "when: 2025-13-01\n", "a: \x01\n"])
def test_a_file_with_a_fault_is_said_as_pyyaml_says_it(tmp_path: Path, text: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "facts.yaml"
    path.write_text(text, encoding="utf-8")
    fast = read_yaml(path, problems := [])
    monkeypatch.setattr(located, "_FastLoader", None)
    pure = read_yaml(path, problems_pure := [])
    assert problems and [str(p) for p in problems] == [str(p) for p in problems_pure]
    assert fast.data == pure.data
