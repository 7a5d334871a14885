"""The slide deck, reopened with python-pptx, rendered by LibreOffice and checked as a package."""

from __future__ import annotations

import re
import shutil
from collections import defaultdict
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER

from reportgen.errors import TemplateError
from reportgen.pipeline.build import BuildOptions, build
from reportgen.report.structure import load_structure

from ..conftest import DATA, FIXTURES, TEMPLATES, Built, pdf_text
from ..ooxml import new_schema_errors, package_problems

EMU_PER_PT = 12700
# The default deck, slide by slide: the layout each slide is meant to use. Beside a chart, that
# chart's points; the section's other points follow on a slide of text, where a section of one
# or two points joins a neighbour's slide whose title can say both (transport's two join
# energy's three, under energy's main point and transport's name); the outlook, with three
# points of its own, stands on its own slide, never on the summary's.
# A divider only where a section has more than one chart: none in the default deck.
DEFAULT_LAYOUTS = [
    "Title", "Agenda", "Key Figures",
    "Chart and Text",                                   # executive summary
    "Text", "Timeline",                                 # politics: its chart is the timeline
    "Chart and Text", "Text",                           # economy
    "Chart and Text", "Text",                           # energy
    "Chart and Text",                                   # transport, its points beside its chart
    "Chart and Text", "Text",                           # humanitarian
    "Text",                                             # outlook
    "Sources",
]
BUILDS = ["default_build", "fixture_build", "image_build", "stress_build"]


def _slides(path: Path) -> list:
    return list(Presentation(str(path)).slides)


def _built(request: pytest.FixtureRequest, which: str) -> Built:
    built: Built = request.getfixturevalue(which)
    return built


# --- reopened with python-pptx -----------------------------------------------------------------
def test_slides_use_the_intended_layouts_in_the_specified_order(default_build: Built) -> None:
    slides = _slides(default_build.pptx)
    assert [s.slide_layout.name for s in slides] == DEFAULT_LAYOUTS
    titles = [s.shapes.title.text_frame.text for s in slides if s.shapes.title is not None]
    # A section's slide states its main point as one claim (a key figure with its change, else
    # what its weightiest high-level event changed or who did what), without a date, where it
    # fits the title, else its name; the summary's, the lead figure with the year's main event
    # where each alone is another slide's title; never labels strung together with "·".
    assert titles[3:8] == [
        "Bilateral trade up 21.9% to $2.44 billion as President Ilham Aliyev visits China",
        "President Ilham Aliyev visits China",
        "Timeline of events",
        "Bilateral trade up 21.9% to $2.44 billion",
        "Economy and trade (continued)"]
    assert titles[9] == "Energy (continued)"  # transport's points stay beside its chart
    # The outlook's points on a slide of their own, titled by its occasion where no point of
    # it fits a title's line.
    assert titles[13] == "Ambassador's year-end briefing, Baku"
    assert not [t for t in titles if " · " in t]
    assert len(set(titles)) == len(titles)  # no two slides titled alike
    template_layouts = {layout.name for layout in Presentation(str(TEMPLATES / "deck.pptx"))
                        .slide_layouts}
    assert {name for s in load_structure(TEMPLATES).deck for name in s.layouts} <= template_layouts


def test_a_divider_only_where_a_section_takes_several_slides(tmp_path: Path) -> None:
    """Economy with a second chart takes two slides: a divider with its headline goes first;
    the sections that take one slide go without."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    with (data / "charts.yaml").open("a", encoding="utf-8") as charts:
        charts.write("  - {id: trade_change, area: economy, kind: growth, "
                     "title: Change in bilateral trade, metrics: [bilateral_trade]}\n")
    build(BuildOptions(data=data, templates=TEMPLATES, out=tmp_path / "out", formats=("pptx",)))
    slides = _slides(tmp_path / "out" / "data" / "data-deck.pptx")
    layouts = [s.slide_layout.name for s in slides]
    assert layouts.count("Section") == 1
    divider = slides[layouts.index("Section")]
    assert divider.shapes.title.text_frame.text == "Economy and trade"
    subtitles = [ph.text_frame.text for ph in divider.placeholders
                 if ph.placeholder_format.idx == 1]
    assert subtitles == ["Bilateral trade up 21.9% to $2.44 billion"]
    assert layouts[layouts.index("Section") + 1:][:2] == ["Chart and Text", "Chart and Text"]
    # The second chart slide is titled with its chart, not the divider's title again.
    assert slides[layouts.index("Section") + 2].shapes.title.text_frame.text == \
        "Change in bilateral trade"


def test_agenda_follows_the_deck_specification(default_build: Built) -> None:
    body = _slides(default_build.pptx)[1].placeholders[1].text_frame.text.splitlines()
    assert body[0] == "Key figures" and body[-2:] == ["Outlook", "Sources"]
    assert body[body.index("Timeline of events") - 1].startswith("Politics")
    assert "Executive summary" not in body  # heading_in_summary: false in report.yaml
    assert "Economy and trade" in body


@pytest.mark.parametrize("which", BUILDS)
def test_footer_slide_number_and_notes_on_every_slide_but_the_title(
        which: str, request: pytest.FixtureRequest) -> None:
    built = _built(request, which)
    for number, slide in enumerate(_slides(built.pptx), 1):
        kinds = {}
        for ph in slide.placeholders:
            kinds[ph.placeholder_format.type] = ph
            assert ph.has_text_frame and ph.text_frame.text.strip(), (number, ph.name)
            assert "{{" not in ph.text_frame.text and "None" not in ph.text_frame.text
        if number == 1:
            assert PP_PLACEHOLDER.FOOTER not in kinds
            continue
        footer = kinds[PP_PLACEHOLDER.FOOTER].text_frame.text
        assert footer.startswith(("OFFICIAL — OPEN-SOURCE BRIEFING", "TEST — NOT FOR")), number
        assert kinds[PP_PLACEHOLDER.SLIDE_NUMBER].text_frame.text == str(number)
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip(), number


def test_speaker_notes_give_talking_points_figures_with_periods_and_sources(
        default_build: Built) -> None:
    slides = _slides(default_build.pptx)
    notes = [s.notes_slide.notes_text_frame.text if s.has_notes_slide else "" for s in slides]
    economy = notes[DEFAULT_LAYOUTS.index("Chart and Text", 6)]  # the economy slide
    talking, rest = economy.split("\nFigures:\n")
    figures, sources = rest.split("\nSources:\n")
    assert talking.startswith("Talking points:\nBilateral trade reached $2.44 billion in January")
    assert "Bilateral trade turnover: $2.44 billion, January–October 2025, +21.9% on" \
           in figures
    assert "Estimate: $2 billion for January–October 2024, derived" in figures
    assert sources.startswith("[2] Azeri Observer")
    key_figures = notes[2]
    for period in ("January–October 2025", "January–November 2025"):
        assert period in key_figures
    assert "Sources:" in key_figures
    timeline = notes[DEFAULT_LAYOUTS.index("Timeline")]
    assert "Events:" in timeline and "April 2025 — " in timeline and "Sources:" in timeline
    for number, (layout, text) in enumerate(zip(DEFAULT_LAYOUTS, notes, strict=True), 1):
        if layout in ("Chart and Text", "Text", "Key Figures", "Timeline"):
            assert "Sources:\n[" in text, number


def test_key_figures_slide_shows_figures_with_periods(default_build: Built) -> None:
    slide = _slides(default_build.pptx)[2]
    text = "\n".join(shape.text_frame.text for shape in slide.placeholders)
    assert "$2.44 billion" in text and "+21.9% year on year" in text
    assert "351" in text and "January–November 2025" in text
    assert "more than 57,000" in text and "nearly +50% year on year" in text
    assert "1,570 MW" in text


@pytest.mark.parametrize("which", BUILDS)
def test_every_picture_and_chart_says_what_it_shows(which: str,
                                                    request: pytest.FixtureRequest) -> None:
    built = _built(request, which)
    graphics = [shape for slide in _slides(built.pptx) for shape in slide.shapes
                if shape.shape_type in (MSO_SHAPE_TYPE.PICTURE, MSO_SHAPE_TYPE.CHART)]
    assert graphics
    for shape in graphics:
        c_nv_pr = shape._element.xpath("./*[1]/p:cNvPr")[0]
        descr = c_nv_pr.get("descr")
        assert descr and len(descr) > 40, shape.name
        assert descr.split()[0] in ("Bar", "Horizontal", "Timeline"), descr


def test_native_charts_by_default_and_pictures_with_charts_image(
        default_build: Built, image_build: Built) -> None:
    def kinds(built: Built) -> list[list[str]]:
        return [[s.shape_type.name for s in slide.shapes
                 if s.shape_type in (MSO_SHAPE_TYPE.PICTURE, MSO_SHAPE_TYPE.CHART)]
                for slide in _slides(built.pptx)]

    native, image = kinds(default_build), kinds(image_build)
    assert sum(k.count("CHART") for k in native) == 5
    assert sum(k.count("PICTURE") for k in native) == 1  # the timeline
    assert sum(k.count("PICTURE") for k in image) == 6
    assert [len(k) for k in native] == [len(k) for k in image]


# Expected per chart of the default dataset: values as in metrics.yaml (the earlier ones derived
# from the reported change), and the labels exactly as the briefing prints them.
EXPECTED_CHARTS = {
    "trade": ([2.0e9, 2.44e9], ["≈$2 billion", "$2.44 billion"]),
    "energy_capacity": ([1570.0, 240.0], ["1,570 MW", "240 MW"]),
    "freight": ([262.0, 351.0], ["≈262", "351"]),
    "tourists": ([38000.0, 57000.0], ["≈38,000", "more than 57,000"]),
    "growth": ([21.9, 34.0, 50.0], ["+21.9%", "+34%", "nearly +50%"]),
}


def test_native_charts_hold_the_dataset_values_and_the_briefing_labels(
        default_build: Built) -> None:
    charts = {shape.name.removeprefix("Chart "): shape.chart for slide in
              _slides(default_build.pptx) for shape in slide.shapes if shape.has_chart}
    assert set(charts) == set(EXPECTED_CHARTS)
    for chart_id, (values, labels) in EXPECTED_CHARTS.items():
        chart = charts[chart_id]
        series = chart.plots[0].series[0]
        assert list(series.values) == pytest.approx(values), chart_id
        shown = [p.data_label.text_frame.text for p in series.points]
        assert shown == labels, chart_id
        xml = chart._chartSpace
        assert not chart.has_legend and not chart.has_title
        assert not xml.xpath(".//c:majorGridlines")
        sizes = [int(s) for s in xml.xpath(".//@sz")]
        assert sizes and min(sizes) >= 1200, (chart_id, sizes)
        axis_ids = [int(v) for v in xml.xpath(".//c:axId/@val | .//c:crossAx/@val")]
        assert min(axis_ids) > 0
        # Editable: the data behind the chart travels with it as an embedded workbook.
        assert chart.part.chart_workbook.xlsx_part is not None
    estimate = charts["trade"].plots[0].series[0].points[0]
    assert estimate.format.fill.type is not None and "(estimate)" in \
           charts["trade"].plots[0].categories[0]
    assert charts["trade"]._chartSpace.xpath(".//c:dPt[c:idx/@val='0']//a:pattFill")


# --- the package ---------------------------------------------------------------------------------
@pytest.mark.parametrize("which", BUILDS)
def test_every_part_is_schema_valid(which: str, request: pytest.FixtureRequest) -> None:
    built = _built(request, which)
    assert new_schema_errors(built.pptx, TEMPLATES / "deck.pptx") == []


@pytest.mark.parametrize("which", BUILDS)
def test_relationships_resolve_and_shape_ids_are_unique(which: str,
                                                        request: pytest.FixtureRequest) -> None:
    built = _built(request, which)
    assert package_problems(built.pptx) == []


# --- rendered by LibreOffice ---------------------------------------------------------------------
def _chart_text(chart_space: etree._Element) -> str:
    """What a native chart writes: its category labels and data labels (python-pptx's xpath)."""
    categories = chart_space.xpath(".//c:cat//c:pt/c:v/text()")
    labels = chart_space.xpath(".//c:dLbl//a:t/text()")
    return " ".join([*categories, *labels])


def _shapes(slide) -> list[tuple[str, tuple[float, float, float, float], str]]:
    """Every shape that shows text: its name, its box in points and the text it holds."""
    found = []
    for shape in slide.shapes:
        box = (shape.left / EMU_PER_PT, shape.top / EMU_PER_PT,
               (shape.left + shape.width) / EMU_PER_PT, (shape.top + shape.height) / EMU_PER_PT)
        if shape.has_chart:
            text = _chart_text(shape.chart._chartSpace)
        elif shape.has_text_frame:
            text = shape.text_frame.text
        else:
            continue
        if text.strip():
            found.append((shape.name, box, text))
    return found


def _alnum(text: str) -> int:
    return sum(ch.isalnum() for ch in text)


def _inside(char: dict, box: tuple[float, float, float, float], slack: float = 2.0) -> bool:
    return (box[0] - slack <= char["x0"] and char["x1"] <= box[2] + slack
            and box[1] - slack <= char["top"] and char["bottom"] <= box[3] + slack)


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height_ = min(a[3], b[3]) - max(a[1], b[1])
    return max(width, 0.0) * max(height_, 0.0)


def _page_problems(number: int, page, slide) -> list[str]:
    """Every character inside the slide and inside the box of the shape it belongs to; each
    shape's characters all there (none spilled into a neighbour); no two blocks overlapping."""
    problems = []
    shapes = _shapes(slide)
    chars = [c for c in page.chars if c["text"].strip()]
    owned: dict[str, list[dict]] = defaultdict(list)
    for char in chars:
        where = f"slide {number}: {char['text']!r} at ({char['x0']:.0f}, {char['top']:.0f})"
        if not (char["x0"] >= 0 and char["x1"] <= page.width and char["top"] >= 0
                and char["bottom"] <= page.height):
            problems.append(f"{where} is off the slide")
            continue
        homes = [s for s in shapes if _inside(char, s[1])]
        if not homes:
            problems.append(f"{where} lies outside every shape")
            continue
        smallest = min(homes, key=lambda s: (s[1][2] - s[1][0]) * (s[1][3] - s[1][1]))
        owned[smallest[0]].append(char)
    for name, _box, text in shapes:
        shown = sum(_alnum(c["text"]) for c in owned[name])
        if shown != _alnum(text):
            problems.append(f"slide {number}: {name} shows {shown} of its {_alnum(text)} "
                            "letters and digits inside its box")
    blocks = {name: (min(c["x0"] for c in cs), min(c["top"] for c in cs),
                     max(c["x1"] for c in cs), max(c["bottom"] for c in cs))
              for name, cs in owned.items()}
    names = sorted(blocks)
    for i, first in enumerate(names):
        for second in names[i + 1:]:
            if _overlap(blocks[first], blocks[second]) > 0.5:
                problems.append(f"slide {number}: the text of {first} and {second} overlap")
    problems += _overprinted(number, chars)
    return problems


def _overprinted(number: int, chars: list[dict]) -> list[str]:
    """Characters drawn over one another. Kerning lets neighbours on a line overlap a little
    (up to about 40 % of the narrower one): more than half is two texts on top of each other;
    so is any real overlap between characters of different lines."""
    boxes = sorted(chars, key=lambda c: c["x0"])
    problems = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if b["x0"] >= a["x1"]:
                break
            width = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
            height_ = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
            narrower = min(a["x1"] - a["x0"], b["x1"] - b["x0"]) or 1.0
            lower = min(a["bottom"] - a["top"], b["bottom"] - b["top"]) or 1.0
            same_line = abs(a["top"] - b["top"]) < 1.0
            if (width / narrower > 0.5 and height_ > 0) if same_line else (
                    width / narrower > 0.25 and height_ / lower > 0.25):
                problems.append(f"slide {number}: {a['text']!r} and {b['text']!r} drawn over "
                                f"each other at ({a['x0']:.0f}, {a['top']:.0f})")
    return problems


@pytest.mark.parametrize("which", BUILDS)
def test_rendered_text_stays_inside_its_shapes_without_overlap(
        which: str, request: pytest.FixtureRequest) -> None:
    built = _built(request, which)
    slides = _slides(built.pptx)
    with pdfplumber.open(built.pdf_of(".pptx")) as document:
        assert len(document.pages) == len(slides)
        problems = [p for number, (page, slide) in enumerate(
            zip(document.pages, slides, strict=True), 1) for p in _page_problems(number, page,
                                                                                  slide)]
    assert problems == []


def test_rendered_chart_text_is_at_least_12_pt(default_build: Built) -> None:
    slides = _slides(default_build.pptx)
    with pdfplumber.open(default_build.pdf_of(".pptx")) as document:
        for page, slide in zip(document.pages, slides, strict=True):
            for _name, box, _text in [s for s in _shapes(slide) if s[0].startswith("Chart ")]:
                sizes = [c["size"] for c in page.chars if _inside(c, box) and c["text"].strip()]
                assert sizes and min(sizes) >= 11.9


def test_rendered_key_figures_slide_shows_figures_with_periods(default_build: Built) -> None:
    slide = _slides(default_build.pptx)[2]
    with pdfplumber.open(default_build.pdf_of(".pptx")) as document:
        page = document.pages[2]
        cards = [" ".join((page.within_bbox(box).extract_text() or "").split())
                 for name, box, _text in _shapes(slide) if name.startswith("Text Placeholder")]
    for card in ("$2.44 billion Bilateral trade January–October 2025 · +21.9% year on year",
                 "351 Trans-Caspian freight trains January–November 2025 · +34% year on year",
                 "more than 57,000 Chinese tourist arrivals January–October 2025 · nearly +50% "
                 "year on year", "1,570 MW Capacity of new solar and wind projects 2025"):
        assert card in cards


def test_rendered_deck_text(default_build: Built) -> None:
    text = pdf_text(default_build.pdf_of(".pptx"))
    flat = " ".join(text.split())
    for expected in ("China–Azerbaijan Relations in 2025", "Key figures", "$2.44 billion",
                     "≈$2 billion", "Same period of 2024", "(estimate)", "Timeline of events",
                     "Azeri Observer"):
        assert expected in flat, expected
    assert not re.search(r"\{\{|\bNone\b|\bnan\b", text)


# --- stress: three times longer labels and takeaways -------------------------------------------
def test_stress_text_continues_on_further_slides_instead_of_shrinking(stress_build: Built,
                                                                      default_build: Built) -> None:
    slides = _slides(stress_build.pptx)
    # Three times longer points: a slide keeps the short ones (at most five), so the deck grows
    # no shorter (but for a thin section whose points join the summary's slide); what does not
    # fit continues on further slides.
    assert len(slides) >= len(_slides(default_build.pptx)) - 1
    titles = [s.shapes.title.text_frame.text for s in slides if s.shapes.title is not None]
    assert sum(t.endswith("(continued)") for t in titles) >= 1
    for number, slide in enumerate(slides, 1):
        for shape in slide.placeholders:
            if shape.placeholder_format.type not in (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT):
                continue
            name = slide.slide_layout.placeholders.get(shape.placeholder_format.idx).name
            if name in ("Body", "Takeaways"):
                sizes = [r.font.size.pt for p in shape.text_frame.paragraphs for r in p.runs]
                # the sources note: 0.9× the body, in half points
                assert min(sizes) >= 14.0 * 0.9 - 0.25, (number, name, sizes)
    assert slides[-1].slide_layout.name == "Closing"


# --- errors ------------------------------------------------------------------------------------
def _templates_with(tmp_path: Path, old: str, new: str) -> Path:
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    spec = templates / "report.yaml"
    text = spec.read_text(encoding="utf-8")
    assert old in text
    spec.write_text(text.replace(old, new), encoding="utf-8")
    return templates


def test_missing_layout_is_a_clear_error(tmp_path: Path) -> None:
    templates = _templates_with(tmp_path, "layout: Timeline", "layout: Time line")
    with pytest.raises(TemplateError, match=r"no slide layout named 'Time line' \(layouts in the "
                                            r"template: Title, Agenda, Section, Key Figures"):
        build(BuildOptions(data=DATA, templates=templates, out=tmp_path / "out",
                           formats=("pptx",)))


@pytest.mark.parametrize(("old", "new", "message"), [
    ("sections: [economy, energy", "sections: [econmy, energy",
     r"deck names section\(s\) econmy that `sections` does not define"),
    ("{content: timeline, layout: Timeline}", "{content: timeline}",
     r"report.yaml:\d+:\d+: deck\[5\]: .*content 'timeline' needs a `layout`"),
])
def test_incomplete_deck_entry_is_a_located_error(tmp_path: Path, old: str, new: str,
                                                  message: str) -> None:
    templates = _templates_with(tmp_path, old, new)
    with pytest.raises(TemplateError, match=message):
        load_structure(templates)


def test_dividers_are_dropped_with_their_line_in_the_specification(tmp_path: Path) -> None:
    templates = _templates_with(tmp_path, "    divider_layout: Section\n", "")
    build(BuildOptions(data=FIXTURES / "minimal", templates=templates, out=tmp_path / "out",
                       formats=("pptx",)))
    deck = tmp_path / "out" / "minimal" / "minimal-deck.pptx"
    layouts = [s.slide_layout.name for s in _slides(deck)]
    assert "Section" not in layouts and "Chart and Text" in layouts


def test_unknown_chart_mode_is_an_error(tmp_path: Path) -> None:
    from reportgen.errors import ReportgenError

    with pytest.raises(ReportgenError, match=r"charts: 'pie' is not a chart mode; use one of "
                                             r"native, image"):
        build(BuildOptions(data=FIXTURES / "minimal", templates=TEMPLATES, out=tmp_path,
                           formats=("pptx",), charts="pie"))
    assert not (tmp_path / "minimal").exists()


def test_no_near_empty_section_slide_for_a_dataset_of_real_articles(tmp_path: Path) -> None:
    """Kazakhstan–Uzbekistan 2025: a section slide without a chart shows its points (three to
    six), its title states the point, and a divider stands only before a section of several
    slides."""
    data = FIXTURES / "kazakhstan-uzbekistan-2025"
    build(BuildOptions(data=data, templates=TEMPLATES, out=tmp_path, formats=("pptx",)))
    slides = _slides(tmp_path / data.name / f"{data.name}-deck.pptx")
    layouts = [s.slide_layout.name for s in slides]
    for i, layout in enumerate(layouts):
        if layout == "Section":
            section = slides[i].shapes.title.text_frame.text
            assert layouts[i + 1:i + 3] == ["Chart and Text"] * 2, section
    shown = {}
    for slide in slides:
        if slide.slide_layout.name != "Text":
            continue
        body = slide.placeholders[1]  # the layout's Body
        shown[slide.shapes.title.text_frame.text] = [
            p.text for p in body.text_frame.paragraphs if p.text.strip()]
    assert all(3 <= len(bullets) <= 5 for bullets in shown.values()), shown
    # Politics has nine items: its slide shows more than three short bullets; its title is what
    # its weightiest high-level event gave, as a claim (never "Event: figure").
    politics = shown["Joint projects launched at about $1.3 billion"]
    assert len(politics) >= 4
    assert politics[0] == ("President Kassym-Jomart Tokayev paid a state visit to Uzbekistan in "
                           "November 2025")
    titles = [s.shapes.title.text_frame.text for s in slides if s.shapes.title is not None]
    assert any(title.startswith("Bilateral trade") and "up about 15%" in title
               for title in titles), titles


# --- sparse sections ---------------------------------------------------------------------------
def _body_sizes(slide: Any) -> list[float]:
    layout = slide.slide_layout.placeholders
    return [r.font.size.pt for shape in slide.placeholders
            if layout.get(shape.placeholder_format.idx).name == "Body"
            for p in shape.text_frame.paragraphs for r in p.runs]


def test_a_section_of_few_points_is_set_larger_and_the_sources_are_not(
        default_build: Built) -> None:
    """The default dataset's politics has three points on a slide of its own: that slide is not
    left near-empty at the body size; the sources keep the body size, however few they are."""
    from pptx import Presentation

    from reportgen.pptx.style import SPARSE_SCALE, own_size

    layouts = {layout.name: layout for layout in Presentation(str(TEMPLATES / "deck.pptx"))
               .slide_layouts}
    body = own_size(layouts["Text"].placeholders[1])  # the template's own sizes
    sources = own_size(layouts["Sources"].placeholders[1])
    slides = _slides(default_build.pptx)
    by_title = {s.shapes.title.text_frame.text: s for s in slides if s.shapes.title is not None}
    politics = by_title["President Ilham Aliyev visits China"]
    assert body < max(_body_sizes(politics)) <= body * SPARSE_SCALE
    assert max(_body_sizes(by_title["Sources"])) <= sources


def test_a_thin_section_gives_its_points_to_the_summary_slide(tmp_path: Path) -> None:
    """Georgia–Armenia's politics has one point: it joins the summary's slide (the year in
    brief), before economy's chart, whose own other points stand beside it; no section's
    heading among the points, three of them, none lost from the notes, no title of names."""
    data = FIXTURES / "georgia-armenia-2024"
    build(BuildOptions(data=data, templates=TEMPLATES, out=tmp_path, formats=("pptx",)))
    slides = _slides(tmp_path / data.name / f"{data.name}-deck.pptx")
    text = [s for s in slides if s.slide_layout.name == "Text"]
    assert len(text) == 1
    assert slides.index(text[0]) < next(i for i, s in enumerate(slides)
                                        if s.slide_layout.name == "Chart and Text")
    (body,) = [s for s in text[0].placeholders if s.placeholder_format.idx == 1]
    paragraphs = [p for p in body.text_frame.paragraphs if p.text]
    assert not [p.text for p in paragraphs if p.runs[0].font.bold]  # no heading as a point
    assert 3 <= len(paragraphs) <= 5
    assert any("strategic partnership" in p.text for p in paragraphs)
    # Its one claim is economy's title: the slide takes another of the year's figures, never
    # the summary's name (issue 21o), and no two slides alike.
    title = text[0].shapes.title.text_frame.text
    assert title != "Executive summary" and "$618 million" in title
    assert title not in [s.shapes.title.text_frame.text for s in slides if s is not text[0]]
    notes = text[0].notes_slide.notes_text_frame.text
    assert "strategic partnership" in notes and "853.7" in notes


def test_a_list_over_several_slides_is_shared_evenly(tmp_path: Path) -> None:
    """Türkiye–Hungary's eight sources need two slides: they are shared about evenly (the
    closing note counts as a line), so that the second is not left with one source (it read
    7 + 1), and none is lost or repeated."""
    data = FIXTURES / "turkey-hungary-2025"
    build(BuildOptions(data=data, templates=TEMPLATES, out=tmp_path, formats=("pptx",)))
    slides = _slides(tmp_path / data.name / f"{data.name}-deck.pptx")
    listed = [[p.text for shape in s.placeholders if shape != s.shapes.title
               and shape.has_text_frame for p in shape.text_frame.paragraphs
               if p.text.startswith("[")]
              for s in slides if s.shapes.title is not None
              and s.shapes.title.text_frame.text.startswith("Sources")]
    assert len(listed) == 2, listed
    numbers = [line.split("]")[0] + "]" for part in listed for line in part]
    assert numbers == [f"[{n}]" for n in range(1, 9)]
    assert min(len(part) for part in listed) >= 3, [len(part) for part in listed]
