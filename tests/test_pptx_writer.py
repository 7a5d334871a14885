"""The slide deck, reopened with python-pptx and rendered by LibreOffice."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER

from reportgen.structure import load_structure

from .conftest import TEMPLATES, Built

EMU_PER_PT = 12700


def _slides(path: Path) -> list:
    return list(Presentation(str(path)).slides)


def test_slides_use_named_layouts_in_the_specified_order(default_build: Built) -> None:
    layouts = [s.slide_layout.name for s in _slides(default_build.pptx)]
    assert layouts[:3] == ["Title", "Agenda", "Key Figures"]
    assert layouts[-3:] == ["Timeline", "Text", "Sources"]
    template_layouts = {layout.name for layout in Presentation(str(TEMPLATES / "deck.pptx"))
                        .slide_layouts}
    spec = {s.layout or s.chart_layout for s in load_structure(TEMPLATES).deck}
    assert spec <= template_layouts
    assert set(layouts) <= template_layouts
    # One chart slide per area with a chart: summary, economy, energy, transport, humanitarian.
    assert layouts.count("Chart and Text") == 5


def test_every_picture_has_alt_text(default_build: Built) -> None:
    pictures = [shape for slide in _slides(default_build.pptx) for shape in slide.shapes
                if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(pictures) == 6
    for picture in pictures:
        descr = picture._element.nvPicPr.cNvPr.get("descr")
        assert descr and len(descr) > 40


def test_no_empty_placeholder_and_footer_number_notes(default_build: Built) -> None:
    slides = _slides(default_build.pptx)
    for number, slide in enumerate(slides, 1):
        kinds = {}
        for ph in slide.placeholders:
            kinds[ph.placeholder_format.type] = ph
            assert ph.has_text_frame and ph.text_frame.text.strip(), (number, ph.name)
            assert "{{" not in ph.text_frame.text and "None" not in ph.text_frame.text
        if number == 1:
            continue
        assert kinds[PP_PLACEHOLDER.FOOTER].text_frame.text.startswith("OFFICIAL")
        assert kinds[PP_PLACEHOLDER.SLIDE_NUMBER].text_frame.text == str(number)
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip(), number


def test_key_figures_slide_shows_figures_with_periods(default_build: Built) -> None:
    slide = _slides(default_build.pptx)[2]
    text = "\n".join(shape.text_frame.text for shape in slide.placeholders)
    assert "$2.44 billion" in text and "+21.9% year on year" in text
    assert "351" in text and "January\u2009–\u2009November 2025" in text
    assert "more than 57,000" in text and "nearly +50% year on year" in text
    assert "1,570 MW" in text


def _text_boxes(slide) -> list[tuple[float, float, float, float]]:
    return [(s.left / EMU_PER_PT, s.top / EMU_PER_PT, (s.left + s.width) / EMU_PER_PT,
             (s.top + s.height) / EMU_PER_PT) for s in slide.shapes if s.has_text_frame
            and s.text_frame.text.strip()]


@pytest.mark.parametrize("which", ["default_build", "fixture_build"])
def test_rendered_text_stays_inside_its_boxes(which: str, request: pytest.FixtureRequest) -> None:
    built: Built = request.getfixturevalue(which)
    slides = _slides(built.pptx)
    pdf = built.pdf_of(".pptx")
    with pdfplumber.open(pdf) as document:
        assert len(document.pages) == len(slides)
        for number, (page, slide) in enumerate(zip(document.pages, slides, strict=True), 1):
            boxes = _text_boxes(slide)
            for char in page.chars:
                if not char["text"].strip():
                    continue
                x0, x1, top, bottom = char["x0"], char["x1"], char["top"], char["bottom"]
                assert x0 >= 0 and x1 <= page.width and top >= 0 and bottom <= page.height
                inside = any(b[0] - 2 <= x0 and x1 <= b[2] + 2 and b[1] - 2 <= top
                             and bottom <= b[3] + 2 for b in boxes)
                assert inside, f"slide {number}: {char['text']!r} at ({x0:.0f}, {top:.0f})"


def test_rendered_deck_text(default_build: Built) -> None:
    import subprocess

    pdf = default_build.pdf_of(".pptx")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = " ".join(text.split())
    for expected in ("China–Azerbaijan Relations in 2025", "Key figures", "$2.44 billion",
                     "Timeline of events", "Azeri Observer"):
        assert expected in flat
    assert not re.search(r"\{\{|\bNone\b|\bnan\b", text)


def test_missing_layout_is_a_clear_error(tmp_path: Path) -> None:
    import shutil

    from reportgen.build import BuildOptions, build
    from reportgen.errors import TemplateError

    from .conftest import DATA

    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    spec = templates / "report.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("layout: Timeline",
                                                             "layout: Time line"))
    with pytest.raises(TemplateError, match=r"no slide layout named 'Time line' \(layouts in the "
                                            r"template: Title, Agenda, "):
        build(BuildOptions(data=DATA, templates=templates, out=tmp_path / "out",
                           formats=("pptx",)))
