"""`reportgen adopt` on real and realistic house decks by others (tests/fixtures/templates/deck,
see its README), then `check --templates` and a build: each deck reopened with python-pptx and
rendered by LibreOffice."""

from __future__ import annotations

import io
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest
import yaml
from click.testing import CliRunner
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn

from reportgen.adopt import Adoption, adopt
from reportgen.audit.colours import contrast
from reportgen.audit.deck import audit_deck
from reportgen.cli import cli
from reportgen.errors import TemplateError
from reportgen.lint import lint_pptx
from reportgen.pipeline.build import BuildOptions, build, output_paths
from reportgen.pptx.template import deck_path, open_template
from reportgen.render.pdf import convert_to_pdf
from reportgen.report.structure import load_structure

from ..conftest import DATA, FIXTURES, TEMPLATES, require_soffice
from ..ooxml import new_schema_errors, package_problems
from ..pptx.test_writer import _page_problems

HOUSE = FIXTURES / "templates" / "deck"
# Each house deck: its file, and the layout adopt must choose for some of the deck's kinds.
DECKS = {
    "python-pptx-default": ("python-pptx-default/deck.pptx", {
        "Title": "Title Slide", "Text": "Title and Content", "Chart and Text": "Two Content",
        "Key Figures": "Two Content", "Section": "Section Header"}),
    "libreoffice": ("libreoffice/deck.pptx", {
        "Title": "Title Slide", "Text": "Title, Content", "Chart and Text": "Title, 2 Content",
        "Key Figures": "Title, 4 Content"}),
    "mecanon": ("mecanon/template.potx", {
        "Title": "Título da Apresentação (Limpo - Logo Mecanon)", "Text": "Conteúdo",
        "Chart and Text": "Conteúdo"}),
    "dark": ("dark/deck.potx", {
        "Title": "Title Slide", "Text": "Title and Content", "Chart and Text": "Two Content"}),
}


@dataclass(frozen=True)
class House:
    name: str
    source: Path
    templates: Path
    deck: Path
    adoption: Adoption

    @property
    def pdf(self) -> Path:
        require_soffice()
        pdf = self.deck.with_suffix(".pdf")
        if not pdf.exists():
            pdf.write_bytes(convert_to_pdf(self.deck.read_bytes(), ".pptx"))
        return pdf


_BUILT: dict[str, House] = {}


def _adopted_and_built(name: str, tmp_path_factory: pytest.TempPathFactory) -> House:
    """Each house deck adopted and built once per session."""
    if name not in _BUILT:
        _BUILT[name] = _adopt_and_build(name, tmp_path_factory)
    return _BUILT[name]


@pytest.fixture(scope="module", params=sorted(DECKS))
def house(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> House:
    return _adopted_and_built(request.param, tmp_path_factory)


@pytest.fixture
def dark(tmp_path_factory: pytest.TempPathFactory) -> House:
    return _adopted_and_built("dark", tmp_path_factory)


@pytest.fixture
def mecanon(tmp_path_factory: pytest.TempPathFactory) -> House:
    return _adopted_and_built("mecanon", tmp_path_factory)


@pytest.fixture
def libreoffice(tmp_path_factory: pytest.TempPathFactory) -> House:
    return _adopted_and_built("libreoffice", tmp_path_factory)


def _adopt_and_build(name: str, tmp_path_factory: pytest.TempPathFactory) -> House:
    folder = tmp_path_factory.mktemp(name)
    templates = folder / "templates"
    shutil.copytree(TEMPLATES, templates)
    source = HOUSE / DECKS[name][0]
    adoption = adopt(source, templates)
    out = folder / "out"
    build(BuildOptions(data=DATA, templates=templates, out=out, formats=("pptx",)))
    return House(name, source, templates, output_paths(DATA.name, out)["pptx"], adoption)


def _mapping(house: House) -> dict:
    return yaml.safe_load((house.templates / "report.yaml").read_text())["deck_layouts"]


def test_adopt_maps_each_kind_of_slide_by_type_and_geometry(house: House) -> None:
    mapping = _mapping(house)
    for name, layout in DECKS[house.name][1].items():
        assert mapping[name]["layout"] == layout, name
    # every kind the deck list uses got a layout, with a title and its main part
    assert set(mapping) == load_structure(house.templates).layouts
    for name, entry in mapping.items():
        assert "Title" in entry["placeholders"], name
    text = (house.templates / "report.yaml").read_text()
    assert "# deck_layouts: written by `reportgen adopt`" in text
    assert house.adoption.mapped and all("→ layout" in line for line in house.adoption.mapped)


def test_adopting_twice_replaces_the_mapping(house: House, tmp_path: Path) -> None:
    templates = tmp_path / "t"
    shutil.copytree(house.templates, templates)
    adopt(house.source, templates)
    text = (templates / "report.yaml").read_text()
    assert text.count("\ndeck_layouts:") == 1
    assert yaml.safe_load(text)["deck_layouts"] == _mapping(house)


def test_check_finds_nothing_in_an_adopted_deck(house: House) -> None:
    assert lint_pptx(deck_path(house.templates), load_structure(house.templates)) == []


def test_the_build_keeps_the_house_size_theme_and_masters(house: House) -> None:
    built, source = Presentation(str(house.deck)), open_template(house.source)
    assert (built.slide_width, built.slide_height) == (source.slide_width, source.slide_height)
    assert len(built.slide_masters) == len(source.slide_masters)
    theme = etree.fromstring(built.slide_master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme").blob)
    original = etree.fromstring(source.slide_master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme").blob)
    assert etree.tostring(theme.find(f".//{qn('a:clrScheme')}")) == \
        etree.tostring(original.find(f".//{qn('a:clrScheme')}"))
    layouts = {slide.slide_layout.name for slide in built.slides}
    assert layouts <= {layout.name for layout in source.slide_layouts}


def test_no_sample_slide_and_no_empty_placeholder_ships(house: House) -> None:
    source = open_template(house.source)
    samples = {shape.text_frame.text for slide in source.slides for shape in slide.shapes
               if shape.has_text_frame and len(shape.text_frame.text) > 12}
    for number, slide in enumerate(Presentation(str(house.deck)).slides, 1):
        assert slide.shapes.title is not None and slide.shapes.title.text_frame.text, number
        for shape in slide.placeholders:
            if shape.has_text_frame:
                assert shape.text_frame.text.strip(), (number, shape.name)
                assert shape.text_frame.text not in samples, (number, shape.name)


def test_the_deck_is_a_valid_package(house: House) -> None:
    assert package_problems(house.deck) == []
    assert new_schema_errors(house.deck, deck_path(house.templates)) == []


def test_no_accessibility_finding_of_contrast_or_titles(house: House) -> None:
    found = [str(p) for p in audit_deck(house.deck.read_bytes(), house.deck.name, "en")]
    assert [f for f in found if "contrast" in f or "title" in f] == []


def test_rendered_text_stays_inside_its_shapes(house: House) -> None:
    slides = list(Presentation(str(house.deck)).slides)
    with pdfplumber.open(house.pdf) as document:
        assert len(document.pages) == len(slides)
        problems = [p for number, (page, slide) in enumerate(
            zip(document.pages, slides, strict=True), 1)
            for p in _page_problems(number, page, slide)]
    assert problems == []


# --- one house at a time -------------------------------------------------------------------------
def test_a_dark_theme_draws_key_figures_in_a_colour_that_reads_on_it(dark: House) -> None:
    deck = Presentation(str(dark.deck))
    slide = next(s for s in deck.slides if s.slide_layout.name == "Two Content")
    runs = [r for shape in slide.placeholders if shape.placeholder_format.idx
            for p in shape.text_frame.paragraphs for r in p.runs]
    value = runs[0]._r.find(f"{qn('a:rPr')}/{qn('a:solidFill')}/{qn('a:schemeClr')}")
    assert value is not None and value.get("val") == "tx2"  # the theme's, never a literal
    assert not [r for r in runs if r._r.find(f".//{qn('a:srgbClr')}") is not None]
    # tx2 is mapped to lt2 on this master: light blue on the dark background
    assert contrast("9DC3E6", "161A22") >= 4.5


def test_a_one_line_22_pt_title_box_takes_its_titles(dark: House) -> None:
    deck = Presentation(str(dark.deck))
    agenda = next(s for s in deck.slides if s.shapes.title.text_frame.text == "Agenda")
    sizes = [r.font.size.pt for p in agenda.shapes.title.text_frame.paragraphs for r in p.runs]
    assert sizes == [22.0]


def test_a_potx_with_sample_slides_keeps_its_artwork(mecanon: House) -> None:
    assert any("7 sample slide" in note for note in mecanon.adoption.notes)
    deck = Presentation(str(mecanon.deck))
    assert len(deck.slides) > 10
    title = deck.slides[0]
    # the title slide's logo is a picture of its layout, drawn behind the slide's text
    assert any(shape.shape_type is not None and shape.shape_type == 13
               for shape in title.slide_layout.shapes)
    assert "China" in title.shapes.title.text_frame.text


def test_a_libreoffice_deck_fills_its_index_less_placeholders(libreoffice: House) -> None:
    source = zipfile.ZipFile(libreoffice.source)
    # "Title, Content": its content placeholder has neither type nor index
    assert "<p:ph/>" in source.read("ppt/slideLayouts/slideLayout3.xml").decode()
    deck = Presentation(str(libreoffice.deck))
    text = next(s for s in deck.slides if s.shapes.title.text_frame.text == "Agenda")
    body = [s for s in text.placeholders if s.placeholder_format.type != PP_PLACEHOLDER.TITLE
            and s.placeholder_format.type not in (PP_PLACEHOLDER.FOOTER,
                                                  PP_PLACEHOLDER.SLIDE_NUMBER)]
    assert len(body) == 1 and "Sources" in body[0].text_frame.text
    assert body[0].top > text.shapes.title.top + text.shapes.title.height // 2


# --- without a fixture deck ----------------------------------------------------------------------
def test_powerpoints_own_date_placeholder_named_date_is_filled(tmp_path: Path) -> None:
    """The shipped template's title layout with PowerPoint's own date placeholder (type dt,
    idx 10) renamed "Date": python-pptx does not copy it to the slide; it used to crash."""
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    prs = Presentation(str(templates / "deck.pptx"))
    date = next(ph for ph in prs.slide_layouts[0].placeholders if ph.name == "Date")
    date._element.ph.set("type", "dt")
    date._element.ph.set("idx", "10")
    prs.save(str(templates / "deck.pptx"))
    out = tmp_path / "out"
    build(BuildOptions(data=DATA, templates=templates, out=out, formats=("pptx",)))
    title = Presentation(str(output_paths(DATA.name, out)["pptx"])).slides[0]
    dates = [s for s in title.placeholders if s.placeholder_format.type == PP_PLACEHOLDER.DATE]
    assert len(dates) == 1 and "2025" in dates[0].text_frame.text


def test_a_macro_enabled_deck_is_adopted_without_its_macros(tmp_path: Path) -> None:
    source = HOUSE / "python-pptx-default" / "deck.pptx"
    pptm = tmp_path / "house.pptm"
    with zipfile.ZipFile(source) as z, zipfile.ZipFile(pptm, "w") as out:
        for info in z.infolist():
            data = z.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"application/vnd.openxmlformats-officedocument.presentationml.presentation"
                    b".main+xml", b"application/vnd.ms-powerpoint.presentation.macroEnabled"
                    b".main+xml").replace(b"</Types>", b'<Default Extension="bin" ContentType='
                                          b'"application/vnd.ms-office.vbaProject"/></Types>')
            if info.filename == "ppt/_rels/presentation.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdVba" Type='
                                    b'"http://schemas.microsoft.com/office/2006/relationships/'
                                    b'vbaProject" Target="vbaProject.bin"/></Relationships>')
            out.writestr(info, data)
        out.writestr("ppt/vbaProject.bin", b"\xd0\xcf\x11\xe0 not really a macro")
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    result = adopt(pptm, templates)
    assert any("macros" in note for note in result.notes)
    with zipfile.ZipFile(templates / "deck.pptx") as z:
        assert not [n for n in z.namelist() if "vba" in n.lower()]
        assert b"macroEnabled" not in z.read("[Content_Types].xml")


def test_a_template_kept_as_deck_potx_builds(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    (templates / "deck.pptx").unlink()
    data = (TEMPLATES / "deck.pptx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z, \
            zipfile.ZipFile(templates / "deck.potx", "w") as out:
        for info in z.infolist():
            part = z.read(info)
            if info.filename == "[Content_Types].xml":
                part = part.replace(b"presentation.main+xml", b"template.main+xml")
            out.writestr(info, part)
    assert deck_path(templates).name == "deck.potx"
    out_dir = tmp_path / "out"
    build(BuildOptions(data=DATA, templates=templates, out=out_dir, formats=("pptx",)))
    assert len(Presentation(str(output_paths(DATA.name, out_dir)["pptx"])).slides) > 5


def test_check_finds_every_problem_of_a_deck_at_once(tmp_path: Path) -> None:
    """A wrong deck_layouts entry (a part, an index, a layout) and a layout without a body:
    `check --templates` lists them all, located, with the fix; the build refuses the same."""
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    with (templates / "report.yaml").open("a") as spec:
        spec.write("deck_layouts:\n"
                   "  Agenda: {layout: Text, placeholders: {Title: 0, Body: 7}}\n"
                   "  Sources: {layout: Sources, placeholders: {Title: 0, Bdy: 1}}\n"
                   "  Text: {layout: Tekst, placeholders: {Title: 0, Body: 1}}\n")
    result = CliRunner().invoke(cli, ["check", "--templates", str(templates)])
    assert result.exit_code == 1, result.output
    lines = result.output
    assert "deck_layouts.Agenda.placeholders.Body: layout 'Text' has no placeholder of idx 7" \
        in lines
    assert "'Bdy' is not a part of a slide" in lines
    assert "no slide layout named 'Tekst' (deck_layouts.Text)" in lines
    assert "no placeholder for the body of a text" in lines  # Sources: no Body mapped
    with pytest.raises(TemplateError) as refused:
        build(BuildOptions(data=DATA, templates=templates, out=tmp_path / "out",
                           formats=("pptx",)))
    assert len(refused.value.problems) >= 4


@pytest.mark.parametrize(("make", "message"), [
    (lambda path: path.write_bytes(b"PK\x03\x04 cut short"), "not a complete Office file"),
    (lambda path: shutil.copy(TEMPLATES / "briefing.docx", path), "not a usable PowerPoint"),
    (lambda path: None, "no such file"),
])
def test_a_file_that_is_no_deck_is_a_located_error(tmp_path: Path, make, message: str
                                                   ) -> None:  # type: ignore[no-untyped-def]
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    source = tmp_path / "house.pptx"
    make(source)
    with pytest.raises(TemplateError) as refused:
        adopt(source, templates)
    assert message in str(refused.value)
    assert (templates / "deck.pptx").read_bytes() == (TEMPLATES / "deck.pptx").read_bytes()


def test_a_deck_without_any_title_layout_is_refused_with_the_fix(tmp_path: Path) -> None:
    prs = Presentation(str(HOUSE / "python-pptx-default" / "deck.pptx"))
    for layout in prs.slide_layouts:
        for ph in list(layout.placeholders):
            ph._element.getparent().remove(ph._element)
    source = tmp_path / "bare.pptx"
    prs.save(str(source))
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    with pytest.raises(TemplateError) as refused:
        adopt(source, templates)
    assert "no slide layout with a title placeholder" in str(refused.value)


def test_a_dataset_with_its_own_report_yaml_keeps_the_house_mapping(
        libreoffice: House, tmp_path: Path) -> None:
    """deck_layouts belong with the deck: a dataset's own report.yaml (here the shipped one,
    which has none) still builds on the adopted house deck."""
    data = tmp_path / DATA.name
    shutil.copytree(DATA, data)
    shutil.copy(TEMPLATES / "report.yaml", data / "report.yaml")
    out = tmp_path / "out"
    build(BuildOptions(data=data, templates=libreoffice.templates, out=out, formats=("pptx",)))
    deck = Presentation(str(output_paths(data.name, out)["pptx"]))
    assert {s.slide_layout.name for s in deck.slides} >= {"Title Slide", "Title, Content"}
