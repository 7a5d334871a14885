"""The one scan of a Word template's tags, which the writer's checks and the linter share."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from reportgen.docx.tags import TAGS, scan
from reportgen.errors import TemplateError
from reportgen.lint import lint_docx

from ..conftest import TEMPLATES

TEMPLATE = TEMPLATES / "briefing.docx"


def test_the_shipped_template_uses_only_its_tags() -> None:
    tags = scan(docx.Document(str(TEMPLATE)), TEMPLATE)
    cover = [t.reads for t in tags if t.part == "document.xml"]
    assert cover == [("marking",), ("title",), ("subtitle",), ("occasion",), ("as_of",),
                     ("organisation",)]
    assert {n for t in tags for n in t.reads} <= set(TAGS)
    assert [(t.part, str(t)) for t in tags if t.part != "document.xml"] == [
        ("header2.xml", "{{ title }}"), ("header2.xml", "{{ marking }}")]


def _template(tmp_path: Path, *paragraphs: str) -> Path:
    document = docx.Document(str(TEMPLATE))
    page_break = document.paragraphs[-1]  # the cover's end: what follows it would be sample text
    for text in paragraphs:
        page_break.insert_paragraph_before(text)
    path = tmp_path / "briefing.docx"
    document.save(str(path))
    return path


def test_a_tag_reads_the_names_the_template_does_not_set_itself(tmp_path: Path) -> None:
    path = _template(tmp_path, "{%p if occasion %}", "{{ occasion|upper }}", "{%p endif %}",
                     "{% for c in countries %}{{ c }}{% endfor %}", "{{r year }}",
                     "{{ classification }}")
    added = [(str(t), t.reads) for t in scan(docx.Document(str(path)), path)
             if t.part == "document.xml"][-8:]
    assert added == [
        ("{% if occasion %}", ("occasion",)), ("{{ occasion|upper }}", ("occasion",)),
        ("{% endif %}", ()), ("{% for c in countries %}", ("countries",)), ("{{ c }}", ()),
        ("{% endfor %}", ()), ("{{ year }}", ("year",)), ("{{ classification }}",
                                                       ("classification",))]


def test_a_tag_that_does_not_parse_is_located(tmp_path: Path) -> None:
    path = _template(tmp_path, "{{ title | }}")
    with pytest.raises(TemplateError) as caught:
        scan(docx.Document(str(path)), path)
    [problem] = caught.value.problems
    assert problem.field.startswith("document.xml, paragraph ")
    assert problem.message.startswith("Word template tag error: ")


def test_the_linter_reports_what_the_writer_would_not_fill(tmp_path: Path) -> None:
    path = _template(tmp_path, "{% for c in countries %}{{ c }}{% endfor %}",
                     "{{ classification }}", "{{ title.upper() }}")
    found = [(p.message, p.hint) for p in lint_docx(path)]
    assert found == [
        ("unknown tag '{{ classification }}'", "tags available: " + ", ".join(TAGS)),
        ("'title.upper': tags are plain text, with no attributes",
         "use the tag alone, e.g. {{ title }}")]
