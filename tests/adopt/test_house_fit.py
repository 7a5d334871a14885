"""A house deck's text fits its own boxes: the India–UAE fixture (long sources with web
addresses, a sparse summary set large) built on each house deck of tests/fixtures/templates/deck,
adopted with `reportgen adopt`, reopened with python-pptx and rendered by LibreOffice."""

from __future__ import annotations

import shutil
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Emu

from reportgen.adopt import adopt
from reportgen.pipeline.build import BuildOptions, build, output_paths
from reportgen.pptx.template import open_template
from reportgen.pptx.text_style import text_style, theme_fonts
from reportgen.render.pdf import convert_to_pdf
from reportgen.render.text_measure import text_width

from ..conftest import FIXTURES, TEMPLATES, require_soffice
from ..pptx.test_writer import _page_problems
from .test_deck import DECKS, HOUSE

INDIA = FIXTURES / "india-uae-2024"


@dataclass(frozen=True)
class Deck:
    name: str
    deck: Path
    pdf: Path


@pytest.fixture(scope="module", params=sorted(DECKS))
def india(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Deck:
    require_soffice()
    folder = tmp_path_factory.mktemp(f"india-{request.param}")
    templates = folder / "templates"
    shutil.copytree(TEMPLATES, templates)
    adopt(HOUSE / DECKS[request.param][0], templates)
    out = folder / "out"
    build(BuildOptions(data=INDIA, templates=templates, out=out, formats=("pptx",)))
    deck = output_paths(INDIA.name, out)["pptx"]
    pdf = deck.with_suffix(".pdf")
    pdf.write_bytes(convert_to_pdf(deck.read_bytes(), ".pptx"))
    return Deck(request.param, deck, pdf)


def test_no_text_runs_below_its_box_or_into_the_footer_band(india: Deck) -> None:
    """Each character inside its shape's box (the sources' web addresses broken as LibreOffice
    breaks them, in the font the house's master sets): a line run past a body's bottom lands in
    the footer's box or in none, and is found."""
    slides = list(Presentation(str(india.deck)).slides)
    problems = []
    with pdfplumber.open(india.pdf) as document:
        assert len(document.pages) == len(slides)
        for number, (page, slide) in enumerate(zip(document.pages, slides, strict=True), 1):
            problems += _page_problems(number, page, slide)
    assert problems == []


def test_a_bullet_has_room_for_itself_and_a_space_before_its_text(india: Deck) -> None:
    """At any size (a sparse slide's points are set larger), the text starts at least a space
    after the bullet (measured in DejaVu Sans, which draws Arial's bullet here as LibreOffice
    does): the hang is widened where the house's is too narrow."""
    prs = Presentation(str(india.deck))
    checked = 0
    for slide in prs.slides:
        for shape in slide.placeholders:
            layout_ph = next((ph for ph in slide.slide_layout.placeholders
                              if ph.placeholder_format.idx == shape.placeholder_format.idx), None)
            if layout_ph is None or not shape.has_text_frame:
                continue
            style = text_style(layout_ph, theme_fonts(slide.slide_layout.slide_master))
            for p in shape.text_frame.paragraphs:
                ppr = p._p.pPr
                if ppr is not None and ppr.find(qn("a:buNone")) is not None or not p.runs \
                        or p.runs[0].font.size is None:  # no bullet, or the house's footer
                    continue
                size = p.runs[0].font.size.pt
                indent = ppr.get("indent") if ppr is not None else None
                hang = -Emu(int(indent)).pt if indent is not None else style.hanging_pt
                gap = hang - text_width(style.bullet, size, style.bullet_font)
                assert gap >= text_width(" ", size, style.font) - 0.01, (
                    slide.shapes.title.text, size, hang)
                checked += 1
    assert checked


def test_no_two_slides_are_titled_alike(india: Deck) -> None:
    titles = [s.shapes.title.text for s in Presentation(str(india.deck)).slides]
    assert [t for t, n in Counter(titles).items() if n > 1] == []


def test_the_style_is_read_through_layout_master_and_theme() -> None:
    """mecanon's content layout sets only sizes; its master's text styles set Montserrat, 90%
    lines and 10 pt before paragraphs; the theme's body font (Calibri) is not what is drawn."""
    prs = open_template(HOUSE / "mecanon" / "template.potx")
    layout = next(lay for lay in prs.slide_layouts if lay.name == "Conteúdo")
    master = layout.slide_master
    body = next(ph for ph in layout.placeholders if ph.placeholder_format.idx == 1)
    style = text_style(body, theme_fonts(master))
    assert style.font == "Montserrat" and style.space_before_pt == 10.0
    assert (style.margin_pt, style.hanging_pt) == (18.0, 18.0)
    assert style.insets == (91440, 45720, 91440, 45720) and style.autofit == "shrink"
    title = next(ph for ph in layout.placeholders if ph.placeholder_format.idx == 0)
    assert text_style(title, theme_fonts(master)).font == "Montserrat Medium"
    assert theme_fonts(master) == ("Calibri Light", "Calibri")
    shipped = open_template(TEMPLATES / "deck.pptx")
    ph = next(p for lay in shipped.slide_layouts for p in lay.placeholders
              if lay.name == "Text" and p.placeholder_format.idx == 1)
    ours = text_style(ph, theme_fonts(shipped.slide_master))
    assert (ours.font, ours.line, ours.space_before_pt) == ("Calibri", 1.22, 6.0)
