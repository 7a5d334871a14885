"""Narrative templates: no figures typed in, data that cannot turn into markup, clear errors."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import pytest

from reportgen.dataset.loading import load_dataset
from reportgen.errors import ReportgenError, TemplateError
from reportgen.pipeline.build import prepare
from reportgen.report import narrative
from reportgen.report.catalog import load_catalog
from reportgen.report.formatting import Formatter
from reportgen.report.markup import parse_blocks
from reportgen.report.narrative import Narrative
from reportgen.report.views import build_views

from ..conftest import DATA, FIXTURES, TEMPLATES

JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)


@pytest.mark.parametrize("template", sorted((TEMPLATES / "narrative").glob("*.j2")),
                         ids=lambda p: p.name)
def test_no_figure_is_typed_into_a_template(template: Path) -> None:
    prose = JINJA.sub("", template.read_text(encoding="utf-8"))
    assert not re.search(r"\d", prose), re.findall(r".{0,30}\d.{0,30}", prose)


def test_blocks_and_citations_are_parsed() -> None:
    blocks = parse_blocks("## Heading\n\nA sentence.[^trade] More\ntext.\n\n- a bullet\n> a quote")
    assert [b.kind for b in blocks] == ["heading", "paragraph", "bullet", "quote"]
    assert [r.cite for r in blocks[1].runs] == [None, "trade", None]
    assert blocks[1].text == "A sentence. More text."


def test_a_chart_reference_takes_its_space_along() -> None:
    """Shown: "rose (see Figure 2)." Not shown (the deck, an omitted chart): "rose."."""
    runs = parse_blocks("Trade rose [@trade].[^bilateral_trade] Then [@growth]")[0].runs
    assert [(r.text, r.ref, r.space, r.cite) for r in runs] == [
        ("Trade rose", None, "", None), ("", "trade", " ", None), (".", None, "", None),
        ("", None, "", "bilateral_trade"), (" Then", None, "", None), ("", "growth", " ", None)]
    assert "".join(r.text for r in runs) == "Trade rose. Then"


def test_see_names_a_chart_of_the_dataset(tmp_path: Path) -> None:
    narrative = _narrative(tmp_path, DATA, "{% block title %}T{% endblock %}{% block body %}"
                                           "Up {{ see('trade') }}.{% if 'nope' in charts %}"
                                           "{{ see('nope') }}{% endif %}{% endblock %}")
    runs = narrative.render("economy", "test.j2").blocks[0].runs
    assert [r.ref for r in runs] == [None, "trade", None]
    typo = _narrative(tmp_path / "typo", DATA, "{% block title %}T{% endblock %}\n"
                                               "{% block body %}\n{{ see('trades') }}\n"
                                               "{% endblock %}")
    with pytest.raises(TemplateError, match=r"test.j2:3:1: .*no chart 'trades'"):
        typo.render("economy", "test.j2")


def _narrative(tmp_path: Path, data: Path, template: str) -> Narrative:
    folder = tmp_path / "templates"
    (folder / "narrative").mkdir(parents=True)
    (folder / "locale").mkdir()
    (folder / "locale" / "en.po").write_bytes((TEMPLATES / "locale" / "en.po").read_bytes())
    (folder / "narrative" / "test.j2").write_text(template, encoding="utf-8")
    fmt = Formatter(load_catalog(folder, "en"), "en")
    return Narrative(folder, build_views(load_dataset(data), fmt))


def test_the_template_api_lists_every_name_the_templates_are_given(tmp_path: Path) -> None:
    """The linter knows templates' names from Narrative.template_api(): it must be all of them."""
    narrative = _narrative(tmp_path, DATA, "{% block title %}T{% endblock %}{% block body %}"
                                           "{% endblock %}")
    given = set(narrative.env.globals) - set(jinja2.Environment().globals)
    api = Narrative.template_api()
    # `section` is given per render; `say` only where a _say.j2 exists.
    assert given == set(api) - {"section", "say"}
    functions = {name for name, kind in api.items() if kind == "function"}
    assert functions == {name for name in given if callable(narrative.env.globals[name])
                         and not hasattr(narrative.env.globals[name], "_obj")}


def test_dataset_text_cannot_become_markup(tmp_path: Path, dataset_copy: Path) -> None:
    facts = dataset_copy / "facts.yaml"
    hostile = "- looks like a bullet [^bilateral_trade] [@trade] {{ seven * seven }} <b>&amp;"
    facts.write_text(facts.read_text(encoding="utf-8").replace(
        "text: harvest year", f"text: '{hostile}'"), encoding="utf-8")
    narrative = _narrative(tmp_path, dataset_copy,
                           "{% block title %}T{% endblock %}{% block body %}"
                           "{{ f.harvest_year.text }}{% endblock %}")
    section = narrative.render("summary", "test.j2")
    assert [b.kind for b in section.blocks] == ["paragraph"]
    assert section.blocks[0].text == hostile
    assert all(r.cite is None and r.ref is None for r in section.blocks[0].runs)


def test_template_error_names_file_and_line(tmp_path: Path) -> None:
    narrative = _narrative(tmp_path, DATA, "{% block title %}T{% endblock %}\n{% block body %}\n"
                                           "ok\n{{ m.no_such_metric.text }}\n{% endblock %}")
    with pytest.raises(TemplateError, match=r"test.j2:4:1: template uses something the dataset "
                                            r"lacks: .*no_such_metric"):
        narrative.render("summary", "test.j2")


def test_sections_read_as_prose_with_periods_and_estimates(default_sections: dict) -> None:
    economy = " ".join(b.text for b in default_sections["economy"].blocks)
    assert "Bilateral trade reached $2.44 billion in January–October 2025" in economy
    assert "up 21.9% on the same period a year earlier" in economy
    assert "estimated" not in economy  # how an estimate was made is a note, not the body
    humanitarian = " ".join(b.text for b in default_sections["humanitarian"].blocks)
    assert "More than 57,000 Chinese tourists visited Azerbaijan" in humanitarian
    assert "up nearly 50%" in humanitarian


@pytest.fixture(scope="module")
def default_sections() -> dict:
    from reportgen.report.structure import load_structure

    structure = load_structure(TEMPLATES)
    fmt = Formatter(load_catalog(TEMPLATES, "en"), "en")
    narrative = Narrative(TEMPLATES, build_views(load_dataset(DATA, structure.areas), fmt))
    return {s.id: narrative.render(s.id, s.template) for s in structure.sections}


def test_every_section_gives_two_or_three_short_takeaways(default_sections: dict) -> None:
    for section_id, section in default_sections.items():
        if section_id == "outlook" or not section.takeaways:
            continue
        assert 2 <= len(section.takeaways) <= 3, section_id
        for takeaway in section.takeaways:
            assert len(takeaway.text) <= 160, (section_id, takeaway.text)


def test_area_headlines_are_one_line_with_figures_without_a_date(default_sections: dict) -> None:
    assert default_sections["economy"].headline == "Bilateral trade up 21.9% to $2.44 billion"
    assert default_sections["transport"].headline.startswith(
        "Trans-Caspian freight trains up 34% to 351")
    for section_id in ("politics", "economy", "energy", "transport", "humanitarian"):
        headline = default_sections[section_id].headline
        assert headline and "\n" not in headline and len(headline) < 100, section_id


def test_every_section_with_a_chart_points_the_reader_to_it(default_sections: dict) -> None:
    expected = {"summary": "growth", "politics": "timeline", "economy": "trade",
                "energy": "energy_capacity", "transport": "freight", "humanitarian": "tourists"}
    for section, chart in expected.items():
        refs = [r.ref for b in default_sections[section].blocks for r in b.runs if r.ref]
        assert refs == [chart], section


DATASETS = [DATA, *sorted(p.parent for p in FIXTURES.rglob("briefing.yaml"))]
EDITIONS = [(d, None) for d in DATASETS] + [(DATA, "az"), (DATA, "zh")]


@pytest.mark.parametrize(("data", "locale"), EDITIONS,
                         ids=[f"{d.name}-{loc or 'own'}" for d, loc in EDITIONS])
def test_shipped_sections_are_composed_as_their_templates_render_them(
        data: Path, locale: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    """The shipped templates are not run but composed (narrative.compose); running them gives
    the same blocks, in every section of every dataset (or the same error)."""
    def outcome() -> object:
        try:
            return prepare(data, TEMPLATES, locale=locale).sections
        except ReportgenError as exc:
            return str(exc)

    composed = outcome()
    monkeypatch.setattr(narrative, "COMPOSED", ())  # every template run by Jinja2
    rendered = outcome()
    assert composed == rendered
    assert isinstance(composed, str) or any(s.blocks for s in composed)
