"""The public Python API, used as a scheduler or a notebook would: only what `reportgen` exports."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document

import reportgen

from .conftest import FIXTURES, TEMPLATES


def test_the_api_is_what_the_docs_list() -> None:
    assert set(reportgen.__all__) == {
        "BuildResult", "DataError", "LocaleError", "OutputError", "Problem", "ReportgenError",
        "Staleness", "TemplateError", "Validation", "build", "check", "diff", "validate"}


def test_validate_build_check_diff(tmp_path: Path) -> None:
    data = tmp_path / "minimal"
    shutil.copytree(FIXTURES / "minimal", data)
    checked = reportgen.validate(data, templates=TEMPLATES)
    assert checked.dataset.briefing.year == 2031 and checked.warnings == []
    out = tmp_path / "out"
    assert reportgen.diff(data, templates=TEMPLATES, out=out) is None  # nothing built yet
    assert not reportgen.check(data, templates=TEMPLATES, out=out).up_to_date
    built = reportgen.build(data, templates=TEMPLATES, out=out, formats=["docx"],
                            cache=None)
    assert [p.name for p in built.written] == ["minimal-briefing.docx", "minimal-data.xlsx"]
    assert "Executive summary" in [p.text for p in Document(str(built.written[0])).paragraphs]
    assert reportgen.check(data, templates=TEMPLATES, out=out, formats=["docx"]).up_to_date
    again = reportgen.build(data, templates=TEMPLATES, out=out, formats=["docx"], cache=None)
    assert again.up_to_date and again.written == []
    assert reportgen.diff(data, templates=TEMPLATES, out=out) == []


def test_errors_are_the_documented_ones(tmp_path: Path) -> None:
    data = tmp_path / "broken"
    shutil.copytree(FIXTURES / "minimal", data)
    (data / "metrics.yaml").write_text("metrics: [oops", encoding="utf-8")
    with pytest.raises(reportgen.DataError) as caught:
        reportgen.validate(data, templates=TEMPLATES)
    problem = caught.value.problems[0]
    assert isinstance(problem, reportgen.Problem)
    assert problem.file.endswith("metrics.yaml") and problem.line == 1
    assert isinstance(caught.value, reportgen.ReportgenError)
    with pytest.raises(ValueError, match="unknown format"):
        reportgen.build(data, templates=TEMPLATES, out=tmp_path / "out", formats=["odt"])


def test_a_locale_without_a_catalog_is_a_locale_error(tmp_path: Path) -> None:
    with pytest.raises(reportgen.LocaleError, match=r"catalogs there: en, az, zh"):
        reportgen.build(FIXTURES / "minimal", templates=TEMPLATES, out=tmp_path, locale="ru")
    assert not any(tmp_path.iterdir())
