"""Templates are untrusted code: every known escape from a Jinja2 sandbox is refused, located,
and nothing runs; runaway templates stop with a located error."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from reportgen.dataset.loading import load_dataset
from reportgen.errors import TemplateError
from reportgen.report.catalog import load_catalog
from reportgen.report.formatting import Formatter
from reportgen.report.narrative import Narrative
from reportgen.report.views import build_views
from reportgen.sandbox import Sandbox, bounded, render_located

from .conftest import DATA, TEMPLATES

CANARY = "CANARY_FILE"

# Each known route out of a Jinja2 sandbox, written to run a shell command that would create
# the canary file if the route were open.
ESCAPES = {
    "lipsum globals": "{{ lipsum.__globals__['os'].popen('touch CANARY').read() }}",
    "cycler init globals": "{{ cycler.__init__.__globals__.os.popen('touch CANARY') }}",
    "joiner init globals": "{{ joiner.__init__.__globals__['os'].system('touch CANARY') }}",
    "namespace globals": "{{ namespace.__init__.__globals__['os'].system('touch CANARY') }}",
    "str mro subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "template reference context": "{{ self._TemplateReference__context }}",
    "underscore attribute of data": "{{ m._obj }}",
    "underscore item lookup": "{{ a['_obj'] }}",
    "attr filter": "{{ (lipsum|attr('__globals__'))['os'].system('touch CANARY') }}",
    "format string attack": "{{ '{0.__class__.__mro__}'.format(a) }}",
    "format_map attack": "{{ '{x.__class__}'.format_map({'x': a}) }}",
    "helper function globals": "{{ name.__globals__ }}",
    "bound method self": "{{ t.__self__ }}",
    "request of config": "{{ self.__init__.__globals__['__builtins__']['__import__']('os') }}",
    "range subclass": "{{ range.__class__ }}",
    "percent format": "{{ '%s' % a.__class__ }}",
}


def _narrative(tmp_path: Path, body: str) -> Narrative:
    folder = tmp_path / "templates"
    (folder / "narrative").mkdir(parents=True)
    (folder / "locale").mkdir()
    (folder / "locale" / "en.po").write_bytes((TEMPLATES / "locale" / "en.po").read_bytes())
    (folder / "narrative" / "test.j2").write_text(
        "{% block title %}T{% endblock %}\n{% block body %}\nfine\n" + body + "\n{% endblock %}\n",
        encoding="utf-8")
    fmt = Formatter(load_catalog(folder, "en"), "en")
    return Narrative(folder, build_views(load_dataset(DATA), fmt))


@pytest.mark.parametrize("body", ESCAPES.values(), ids=list(ESCAPES))
def test_every_known_escape_is_refused_located_and_runs_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str) -> None:
    monkeypatch.chdir(tmp_path)
    narrative = _narrative(tmp_path, body.replace("CANARY", str(tmp_path / CANARY)))
    with pytest.raises(TemplateError) as caught:
        narrative.render("summary", "test.j2")
    [problem] = caught.value.problems
    assert problem.file.endswith("test.j2") and problem.line == 4, problem
    assert not (tmp_path / CANARY).exists()
    assert "__globals__" not in str(problem) or "not allowed" in str(problem) or \
        "lacks" in str(problem)


@pytest.mark.parametrize(("body", "message"), [
    ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", "recursion too deep"),
    ("{{ 1 + 'a' }}", "TypeError"),
    ("{{ 1 / 0 }}", "ZeroDivisionError"),
    ("{% for i in range(1000000) %}x{% endfor %}", "range() of 1000000 items"),
    ("{% for i in range(9999) %}{% for j in range(9999) %}xxxxxxxxxx{% endfor %}{% endfor %}",
     "more than 2,000,000 characters"),
    ("{{ 'x' * 100 }}", ""),
], ids=["recursion", "type error", "division by zero", "huge range", "huge output", "fine"])
def test_runaway_and_failing_templates_give_a_located_error(
        tmp_path: Path, body: str, message: str) -> None:
    narrative = _narrative(tmp_path, body)
    if not message:
        assert narrative.render("summary", "test.j2").blocks
        return
    with pytest.raises(TemplateError) as caught:
        narrative.render("summary", "test.j2")
    [problem] = caught.value.problems
    assert problem.file.endswith("test.j2") and problem.line == 4, problem
    assert message in problem.message


def test_a_syntax_error_in_the_shared_macros_is_located(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    narrative = _narrative(tmp_path, "ok")
    (folder / "narrative" / "_say.j2").write_text("{% macro x() %}\n{% if %}\n{% endmacro %}\n")
    with pytest.raises(TemplateError, match=r"_say.j2:2:1: template syntax error"):
        Narrative(folder, narrative.views)


def test_a_render_past_its_deadline_stops(monkeypatch: pytest.MonkeyPatch) -> None:
    import reportgen.sandbox as sandbox

    monkeypatch.setattr(sandbox, "MAX_SECONDS", -1.0)
    env = Sandbox()
    env.start()
    template = env.from_string("{% for i in range(10) %}{{ i|string }}{% endfor %}")
    with pytest.raises(TemplateError, match="ran longer than"):
        render_located(lambda: bounded(template.generate()), "inline.j2")


# Loops whose bodies call nothing: the clock is checked at each item of every for loop too.
EMPTY_LOOPS = {
    "nested ranges": "{% for a in range(10000) %}{% for b in range(10000) %}"
                     "{% for c in range(10000) %}{% endfor %}{% endfor %}{% endfor %}",
    "nested long strings": "{% set s = 'x' * 100000 %}"
                           "{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}",
    "filtered loop": "{% set s = 'x' * 100000 %}"
                     "{% for a in s %}{% for b in s if false %}{% endfor %}{% endfor %}",
    "loop variable": "{% set s = 'x' * 100000 %}"
                     "{% for a in s %}{% for b in s %}{{ '' if loop.last }}"
                     "{% endfor %}{% endfor %}",
}


@pytest.mark.parametrize("body", EMPTY_LOOPS.values(), ids=list(EMPTY_LOOPS))
def test_the_deadline_interrupts_empty_nested_loops(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str) -> None:
    import time

    import reportgen.sandbox as sandbox

    monkeypatch.setattr(sandbox, "MAX_SECONDS", 0.5)
    narrative = _narrative(tmp_path, body)
    started = time.thread_time()  # the clock the limit reads: this thread's processor time
    with pytest.raises(TemplateError) as caught:
        narrative.render("summary", "test.j2")
    elapsed = time.thread_time() - started
    [problem] = caught.value.problems
    assert problem.file.endswith("test.j2") and problem.line == 4, problem
    assert "ran longer than 0.5 s" in problem.message
    assert elapsed < 3.0, elapsed  # stopped near its deadline (the whole loop would take hours)


def test_loops_behave_as_in_jinja_with_the_clock_on_them() -> None:
    items = [{"n": 1, "c": [{"n": 2, "c": []}]}, {"n": 3, "c": []}]
    source = ("{% for x in items recursive %}[{{ x.n }}{{ loop(x.c) if x.c }}"
              "{{ loop.index }}/{{ loop.length }}{{ '!' if loop.last }}]{% endfor %}"
              "|{% for a in 'abc' if a != 'b' %}{{ a }}{% else %}none{% endfor %}"
              "|{% for a in [] %}{{ a }}{% else %}none{% endfor %}")
    env = Sandbox()
    env.start()
    expected = jinja2.Environment().from_string(source).render(items=items)
    assert bounded(env.from_string(source).generate(items=items)) == expected
    assert expected == "[1[21/1!]1/2][32/2!]|ac|none"


def test_the_word_cover_tags_run_in_the_sandbox(tmp_path: Path, default_report) -> None:
    import io

    from docxtpl import DocxTemplate

    from reportgen.docx.writer import write_docx

    tpl = DocxTemplate(str(TEMPLATES / "briefing.docx"))
    doc = tpl.get_docx()
    doc.paragraphs[0].add_run("{{ title.__class__.__mro__ }}")
    hostile = tmp_path / "hostile.docx"
    doc.save(str(hostile))
    with pytest.raises(TemplateError) as caught:
        write_docx(default_report, hostile, "Table Grid", io.BytesIO())
    assert any("not allowed" in p.message for p in caught.value.problems), caught.value


def test_the_scaffold_runs_in_the_sandbox(tmp_path: Path) -> None:
    from reportgen.dataset.scaffold import scaffold

    templates = tmp_path / "templates"
    (templates / "scaffold").mkdir(parents=True)
    (templates / "scaffold" / "briefing.yaml").write_text("x: {{ a.__class__ }}\n")
    with pytest.raises(TemplateError, match=r"briefing.yaml:1:1: template does something not"):
        scaffold(tmp_path / "new", ("A", "B"), 2025, templates)
