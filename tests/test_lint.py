"""`reportgen check`: every unknown name, attribute, tag and typed-in figure, located."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest

from reportgen.lint import API, RESULT_TYPES, VALUE_TYPES, lint_narrative

from .conftest import TEMPLATES
from .test_cli import run


def test_shipped_templates_are_clean() -> None:
    result = run("check")
    assert result.returncode == 0, result.stderr
    assert "ok" in result.stdout


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "templates"
    shutil.copytree(TEMPLATES, target)
    return target


def test_narrative_problems_are_located(tmp_path: Path) -> None:
    folder = _copy(tmp_path) / "narrative"
    (folder / "bad.j2").write_text(
        "{% block title %}T{% endblock %}\n"
        "{% block body %}\n"
        "{% set tr = m.bilateral_trade %}\n"
        "{{ tr.labell }} and {{ tr.previous.txt }}\n"
        "Trade grew by 21.9% in the year.\n"
        "{{ nosuch }} {% for e in events %}{{ e.titel }}{% endfor %}\n"
        "{{ a.adjectiv }} {{ briefing.occasion.perod }} {{ 42 }}\n"
        "{% endblock %}\n", encoding="utf-8")
    found = [(p.line, p.field, p.message, p.hint) for p in lint_narrative(folder)
             if p.file.endswith("bad.j2")]
    assert found == [
        (4, "Figure.labell", "'labell' is not a field of Figure in the dataset model",
         "did you mean 'label'?"),
        (4, "Estimate.txt", "'txt' is not a field of Estimate in the dataset model",
         "did you mean 'text'?"),
        (5, "", "a number is typed into the template text: “…Trade grew by 21.9% in the year.…”",
         "figures belong in the dataset; write {{ m.<id>.text }}"),
        (6, "nosuch", "name is not defined for templates", ""),
        (6, "Event.titel", "'titel' is not a field of Event in the dataset model",
         "did you mean 'title'?"),
        (7, "Country.adjectiv", "'adjectiv' is not a field of Country in the dataset model",
         "did you mean 'adjective'?"),
        (7, "Occasion.perod", "'perod' is not a field of Occasion in the dataset model",
         "did you mean 'period'?"),
        (7, "", "a number is output literally: 42", "figures belong in the dataset"),
    ]


# Expressions whose unknown name sits where the linter once did not look.
HIDDEN = [
    ('{% if "x" in nosuch %}x{% endif %}', "nosuch"),  # the right side of a comparison
    ("{{ a == nosuch2.foo }}", "nosuch2"),
    ("{{ 1 < 2 < nosuch }}", "nosuch"),  # every operand of a chained comparison
    ('{{ {"key": nosuch} }}', "nosuch"),  # a dict literal's values
    ("{{ cite(*nosuch) }}", "nosuch"),  # *args of a call
    ("{{ a.name|replace(old=nosuch, new='') }}", "nosuch"),  # keyword arguments of a filter
    ("{% if year is divisibleby(nosuch) %}x{% endif %}", "nosuch"),  # a test's arguments
    ("{{ 'a' ~ nosuch }}", "nosuch"),
    ("{{ a.name if nosuch else '' }}", "nosuch"),
    ("{% with x = nosuch %}{{ x }}{% endwith %}", "nosuch"),
    ("{% macro line(x=nosuch) %}{{ x }}{% endmacro %}", "nosuch"),
]


@pytest.mark.parametrize(("expression", "name"), HIDDEN, ids=[h[0] for h in HIDDEN])
def test_every_operand_is_checked(tmp_path: Path, expression: str, name: str) -> None:
    (tmp_path / "bad.j2").write_text(
        "{% block title %}T{% endblock %}\n{% block body %}\n" + expression
        + "\n{% endblock %}\n", encoding="utf-8")
    found = [(p.line, p.field, p.message) for p in lint_narrative(tmp_path)]
    assert found == [(3, name, "name is not defined for templates")]


@pytest.mark.parametrize("expression", [
    "{% if 'trade' in charts %}{{ see('trade') }}{% endif %}",  # a name only `in` reached
    "{% set intro %}Text{% endset %}{{ intro }}",  # a block assignment defines its name
    "{% with x = m.bilateral_trade %}{{ x.text }}{% endwith %}",
    "{{ prose.paragraphs(section.id) }}",
])
def test_defined_names_are_not_reported(tmp_path: Path, expression: str) -> None:
    (tmp_path / "good.j2").write_text(
        "{% block title %}T{% endblock %}{% block body %}" + expression + "{% endblock %}",
        encoding="utf-8")
    assert lint_narrative(tmp_path) == []


def test_the_linter_types_only_names_of_the_template_api() -> None:
    assert {n: API.get(n) for n in VALUE_TYPES} == dict.fromkeys(VALUE_TYPES, "value")
    assert {n: API.get(n) for n in RESULT_TYPES} == dict.fromkeys(RESULT_TYPES, "function")


def test_word_and_powerpoint_template_problems(tmp_path: Path) -> None:
    templates = _copy(tmp_path)
    document = docx.Document(str(templates / "briefing.docx"))
    document.sections[0].header.paragraphs[0].add_run("{{ classification }}")
    document.save(str(templates / "briefing.docx"))
    spec = templates / "report.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("layout: Sources",
                                                             "layout: References"))
    result = run("check", "--templates", str(templates))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert any("briefing.docx: header" in line and "unknown tag '{{ classification }}'" in line
               for line in lines), result.stderr
    assert any("deck.pptx: deck[" in line and "].layout: no slide layout named 'References'"
               in line for line in lines), result.stderr


def test_an_incomplete_catalog_is_reported_by_check(tmp_path: Path) -> None:
    target = tmp_path / "templates"
    shutil.copytree(TEMPLATES, target)
    path = target / "locale" / "zh.po"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('msgid "heading.sources"', '#, fuzzy\nmsgid "heading.sources"'),
                    encoding="utf-8")
    result = run("check", "--templates", str(target))
    assert result.returncode == 1
    assert "zh.po" in result.stderr and "heading.sources: entry is marked fuzzy" in result.stderr
