"""The wording catalogs: each translation complete against en.po, and bad files located."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reportgen.errors import TemplateError
from reportgen.report.catalog import completeness, load_catalog, locales
from reportgen.report.structure import load_structure

from ..conftest import TEMPLATES

SECTIONS = {s.id for s in load_structure(TEMPLATES).sections}
TRANSLATIONS = [lang for lang in locales(TEMPLATES) if lang != "en"]


def test_the_templates_ship_english_azerbaijani_and_chinese() -> None:
    assert locales(TEMPLATES) == ["en", "az", "zh"]


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_a_shipped_catalog_is_complete(language: str) -> None:
    """No entry missing, untranslated, fuzzy, or with other {fields} than en.po's."""
    assert completeness(TEMPLATES, language, SECTIONS) == []
    catalog = load_catalog(TEMPLATES, language)
    # every section of report.yaml has its title in the language
    assert all(catalog.has(f"section.{s}") for s in SECTIONS)


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    (folder / "locale").mkdir(parents=True)
    shutil.copy(TEMPLATES / "report.yaml", folder)
    for lang in ("en", "az"):
        shutil.copy(TEMPLATES / "locale" / f"{lang}.po", folder / "locale")
    return folder


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(("old", "new", "message"), [
    ('msgstr "Şəkil {number}: {title}"', 'msgstr "Şəkil {number}"',
     "fields differ from en.po: missing ['title'], extra []"),
    ('msgstr "Şəkil {number}: {title}"', 'msgstr "Şəkil {number}: {title} {year}"',
     "fields differ from en.po: missing [], extra ['year']"),
    ('msgstr "Şəkil {number}: {title}"', 'msgstr ""', "entry is not translated"),
    ('msgid "caption.figure"', '#, fuzzy\nmsgid "caption.figure"', "entry is marked fuzzy"),
    ('msgid "caption.figure"\nmsgstr "Şəkil {number}: {title}"', "", "entry is missing"),
])
def test_an_incomplete_entry_is_reported_with_its_key(templates: Path, old: str, new: str,
                                                      message: str) -> None:
    _edit(templates / "locale" / "az.po", old, new)
    problems = completeness(templates, "az", SECTIONS)
    assert [(p.field, p.message) for p in problems] == [("caption.figure", message)]


def test_an_entry_en_po_lacks_is_reported(templates: Path) -> None:
    with (templates / "locale" / "az.po").open("a", encoding="utf-8") as f:
        f.write('\nmsgid "label.invented"\nmsgstr "uydurma"\n')
    problems = completeness(templates, "az", SECTIONS)
    assert [(p.field, p.message) for p in problems] == [("label.invented",
                                                         "en.po has no such entry")]


def test_a_string_that_never_closes_is_a_located_error(templates: Path) -> None:
    """Babel would read `"Şəkil {number}: {title}` as `Şəkil {number}: {title` (its last
    character taken for the quote): the catalog is refused at its line instead."""
    path = templates / "locale" / "az.po"
    _edit(path, 'msgstr "Şəkil {number}: {title}"', 'msgstr "Şəkil {number}: {title}')
    line = path.read_text(encoding="utf-8").splitlines().index(
        'msgstr "Şəkil {number}: {title}') + 1
    with pytest.raises(TemplateError) as caught:
        load_catalog(templates, "az")
    [problem] = caught.value.problems
    assert (problem.file.endswith("locale/az.po"), problem.line, problem.field) == (
        True, line, "msgstr")
    assert "closing quote" in problem.message


def test_a_locale_without_a_catalog_names_the_ones_there(templates: Path) -> None:
    with pytest.raises(TemplateError) as caught:
        load_catalog(templates, "ru")
    assert "no wording catalog for language 'ru' (catalogs there: en, az)" in str(caught.value)


def test_a_templates_folder_of_ones_own_keeps_building_when_the_catalog_gains_keys(
        tmp_path: Path, no_layout: None) -> None:
    """A templates folder adopted or copied with an earlier version lacks the keys added since:
    they are read from the shipped catalog of the language, its own messages still winning, and
    the folder keeps building (never "message is missing")."""
    from docx import Document

    from reportgen.pipeline.build import BuildOptions, build, output_paths

    from ..conftest import FIXTURES

    own = tmp_path / "house"
    shutil.copytree(TEMPLATES, own)
    po = own / "locale" / "en.po"
    text = po.read_text(encoding="utf-8")
    lacking = ('msgid "sentence.figure.change"\n'
               'msgstr "{subject} reached {value} {when}, {change} {more} than a year earlier"\n')
    assert lacking in text
    text = text.replace(lacking, "")
    mine = 'msgid "change.up"\nmsgstr "up"'
    assert mine in text
    po.write_text(text.replace(mine, 'msgid "change.up"\nmsgstr "higher"', 1), encoding="utf-8")

    catalog = load_catalog(own, "en")
    assert catalog("sentence.figure.change", subject="Trade", value="€1", when="in 2031",
                   change="4.5%", more="less") == \
        "Trade reached €1 in 2031, 4.5% less than a year earlier"  # from the shipped catalog
    assert catalog("change.up") == "higher"  # the folder's own wins
    with pytest.raises(TemplateError, match="message is missing"):
        load_catalog(TEMPLATES, "en")("no.such.key")

    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    build(BuildOptions(data=data, templates=own, out=tmp_path / "out", formats=("docx",)))
    body = " ".join(p.text for p in Document(str(output_paths(data.name, tmp_path / "out")["docx"]))
                    .paragraphs)
    assert "% less than a year earlier" in body and "{" not in body
