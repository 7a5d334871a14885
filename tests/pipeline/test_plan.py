"""Planning builds: one build's options, the editions --locale asks for, a batch of datasets."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.errors import LocaleError
from reportgen.pipeline import plan

from ..conftest import DATA, FIXTURES, TEMPLATES


def _options(out: Path) -> plan.BuildOptions:
    return plan.options(DATA, TEMPLATES, out, ["docx"])


@pytest.mark.parametrize(("formats", "message"), [
    (["odt"], "unknown format odt; choose from docx, pptx, pdf"),
    ([], "unknown format (none); choose from docx, pptx, pdf"),
])
def test_a_format_reportgen_cannot_write_is_refused(formats: list[str], message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        plan.options(DATA, TEMPLATES, Path("out"), formats)


def test_every_edition_of_every_dataset_of_a_batch(tmp_path: Path) -> None:
    batch = plan.batch(_options(tmp_path), [DATA, FIXTURES / "minimal"], "all")
    assert [plan.label(b) for b in batch] == [
        f"{DATA.name}", f"{DATA.name} (az)", f"{DATA.name} (zh)", "minimal"]
    assert [b.data for b in batch] == [DATA, DATA, DATA, FIXTURES / "minimal"]
    assert [b.locale for b in batch] == ["en", "az", "zh", "en"]
    # The dataset's own language keeps the plain names; another edition marks its outputs.
    assert [b.outputs() for b in batch][1] == {
        f"{DATA.name}-briefing.az.docx": tmp_path / DATA.name / f"{DATA.name}-briefing.az.docx"}


def test_without_a_locale_each_dataset_is_built_once(tmp_path: Path) -> None:
    batch = plan.batch(_options(tmp_path), [FIXTURES / "minimal", DATA], None)
    assert [(b.data, b.locale, b.edition) for b in batch] == [
        (FIXTURES / "minimal", None, ""), (DATA, None, "")]


def test_a_locale_without_a_catalog_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LocaleError, match="no wording catalog for locale 'xx' in templates/"):
        plan.batch(_options(tmp_path), [DATA], "xx")


def test_the_datasets_of_a_folder(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no dataset"):
        plan.datasets(tmp_path)
    for name in ("b", "a"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "briefing.yaml").write_text("{}\n", encoding="utf-8")
    (tmp_path / "notes").mkdir()
    assert plan.datasets(tmp_path) == [tmp_path / "a", tmp_path / "b"]
