"""The accessibility check of the deck: the shipped decks pass; a deliberately broken template
(a pale theme colour) and broken slides are caught, each finding at its slide and shape."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Cm

from reportgen.audit import audit_deck
from reportgen.errors import TemplateError, relpath
from reportgen.pipeline.build import BuildOptions, build

from ..conftest import DATA, TEMPLATES, Built, _build

PALE = "BDD7EE"  # 1.5:1 on white: too pale for text (4.5:1) and for bars (3:1)


@pytest.fixture(scope="module")
def pale_templates(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped templates with the deck theme's first accent colour made pale."""
    templates = tmp_path_factory.mktemp("pale-deck") / "templates"
    shutil.copytree(TEMPLATES, templates)
    deck = templates / "deck.pptx"
    with zipfile.ZipFile(TEMPLATES / "deck.pptx") as source, \
            zipfile.ZipFile(deck, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if re.fullmatch(r"ppt/theme/theme\d+\.xml", item.filename):
                data = re.sub(rb'(<a:accent1><a:srgbClr val=")[0-9A-F]{6}', rb"\g<1>" +
                              PALE.encode(), data)
            target.writestr(item, data)
    return templates


def _findings(data: bytes) -> list[str]:
    return [str(f) for f in audit_deck(data, "d.pptx")]


@pytest.mark.parametrize("build_name", ["default_build", "fixture_build", "image_build"])
def test_the_shipped_decks_have_no_finding(build_name: str, request: pytest.FixtureRequest
                                           ) -> None:
    built: Built = request.getfixturevalue(build_name)
    assert _findings(built.pptx.read_bytes()) == []


@pytest.fixture(scope="module")
def pale_build(pale_templates: Path) -> Built:
    return _build(DATA, pale_templates.parent / "out", templates=pale_templates,
                  formats=("pptx",))


def test_a_pale_theme_colour_is_caught_on_its_slides(pale_build: Built) -> None:
    found = _findings(pale_build.pptx.read_bytes())
    charts = [f for f in found if "chart \"" in f]
    texts = [f for f in found if ", text \"" in f]
    assert charts and all(f"draws in #{PALE} on #FFFFFF, a contrast of 1.5:1, under 3.0:1"
                          in f for f in charts)
    assert re.match(r'd\.pptx: slide \d+: chart "Chart \w+": warning', charts[0])
    assert texts and re.match(r'd\.pptx: slide 1: shape "[^"]+", text "[^"]+": warning: '
                              rf"#{PALE} on #FFFFFF has a contrast of 1\.5:1", texts[0])


def test_the_build_warns_and_strict_makes_findings_errors(pale_templates: Path,
                                                         tmp_path: Path) -> None:
    options = BuildOptions(data=DATA, templates=pale_templates, out=tmp_path / "lenient",
                           formats=("pptx",))
    warnings = [w for w in build(options).warnings if w.file.endswith(".pptx")]
    assert warnings and all(p.warning for p in warnings)
    assert [str(w) for w in warnings] == _findings_at(options.outputs())
    strict = replace(options, out=tmp_path / "strict", strict=True)
    with pytest.raises(TemplateError) as caught:  # raised before build writes anything
        build(strict)
    assert all(not p.warning for p in caught.value.problems)
    assert sorted((p.field, p.message) for p in caught.value.problems) == \
        sorted((w.field, w.message) for w in warnings)
    assert not (tmp_path / "strict").exists()


def _findings_at(outputs: dict[str, Path]) -> list[str]:
    (deck,) = (path for name, path in outputs.items() if name.endswith(".pptx"))
    return [str(f) for f in audit_deck(deck.read_bytes(), relpath(deck))]


def test_broken_slides_are_caught(default_build: Built) -> None:
    deck = Presentation(str(default_build.pptx))
    slides = list(deck.slides)
    slides[1].shapes.title.text_frame.text = ""  # slide 2 untitled
    slides[3].shapes.title.text_frame.text = slides[2].shapes.title.text_frame.text
    tree = slides[4].shapes._spTree  # slide 5: the title read after the text
    title = slides[4].shapes.title._element
    tree.remove(title)
    tree.append(title)
    picture = slides[5].shapes.add_picture(io.BytesIO(_png()), Cm(1), Cm(1))
    picture._element.nvPicPr.cNvPr.set("descr", "")
    buf = io.BytesIO()
    deck.save(buf)
    found = _findings(buf.getvalue())
    assert any(f.startswith("d.pptx: slide 2: warning: has no title") for f in found)
    assert any(f.startswith("d.pptx: slide 4: title") and "repeats the title of slide 3" in f
               for f in found)
    assert any(f.startswith("d.pptx: slide 5: title") and "is not the first shape read" in f
               for f in found)
    assert any(f.startswith(f'd.pptx: slide 6: shape "{picture.name}": warning: has no '
                            "alternative text") for f in found)
    assert len(found) == 4, found


def _png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (40, 30), "navy").save(buf, format="PNG")
    return buf.getvalue()


def test_the_deck_language_must_be_the_datasets(default_build: Built) -> None:
    data = default_build.pptx.read_bytes()
    assert audit_deck(data, "d.pptx", "en") == []
    found = [f"{f.field}: {f.message}" for f in audit_deck(data, "d.pptx", "zh")]
    assert found == ["deck language: is en-GB, but the text is written in zh (the dataset's "
                     "language:)"]


def _recoloured(default_build: Built, change) -> bytes:  # type: ignore[no-untyped-def]
    deck = Presentation(str(default_build.pptx))
    change(deck)
    buf = io.BytesIO()
    deck.save(buf)
    return buf.getvalue()


def test_text_on_a_title_band_its_placeholder_fills_is_measured_against_the_band(
        default_build: Built) -> None:
    """The layout's title placeholder fills itself (a band): white titles on it read well and
    are not reported "#FFFFFF on #FFFFFF"; dark titles on it are reported against the band."""
    from lxml import etree
    from pptx.oxml.ns import qn

    def band(colour: str) -> Any:
        def change(deck: Any) -> None:
            for layout in deck.slide_layouts:
                for ph in layout.placeholders:
                    if ph.placeholder_format.idx == 0:
                        pr = ph._element.spPr
                        fill = etree.SubElement(pr, qn("a:solidFill"))
                        etree.SubElement(fill, qn("a:srgbClr"), val="1F3864")
                        pr.remove(fill)
                        pr.insert(1 if pr.find(qn("a:xfrm")) is not None else 0, fill)
            for slide in deck.slides:
                for run in (r for p in slide.shapes.title.text_frame.paragraphs for r in p.runs):
                    run.font.color.rgb = RGBColor.from_string(colour)
        return change

    white = [f for f in _findings(_recoloured(default_build, band("FFFFFF"))) if "contrast" in f]
    assert white == []
    dark = [f for f in _findings(_recoloured(default_build, band("000000")))
            if "contrast" in f]
    assert dark and all("#000000 on #1F3864" in f for f in dark), dark


def test_black_text_on_a_dark_gradient_background_is_caught(default_build: Built) -> None:
    from lxml import etree
    from pptx.oxml.ns import qn

    def change(deck: Any) -> None:
        master = deck.slide_master._element
        c_sld = master.find(qn("p:cSld"))
        old = c_sld.find(qn("p:bg"))
        if old is not None:
            c_sld.remove(old)
        bg = etree.Element(qn("p:bg"))
        pr = etree.SubElement(bg, qn("p:bgPr"))
        grad = etree.SubElement(pr, qn("a:gradFill"))
        stops = etree.SubElement(grad, qn("a:gsLst"))
        for pos, colour in (("0", "0B1E3F"), ("50000", "102A56"), ("100000", "16386E")):
            etree.SubElement(etree.SubElement(stops, qn("a:gs"), pos=pos), qn("a:srgbClr"),
                             val=colour)
        etree.SubElement(pr, qn("a:effectLst"))
        c_sld.insert(0, bg)
        for layout in deck.slide_layouts:  # the layouts show the master's background
            layout_bg = layout._element.find(f"{qn('p:cSld')}/{qn('p:bg')}")
            if layout_bg is not None:
                layout_bg.getparent().remove(layout_bg)

    found = [f for f in _findings(_recoloured(default_build, change)) if "contrast" in f]
    assert any("on #102A56" in f for f in found), found[:3]
