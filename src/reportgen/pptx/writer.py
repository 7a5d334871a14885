"""Write the slide deck (.pptx) from templates/deck.pptx, choosing every slide's layout by name."""

from __future__ import annotations

import copy
import io
import logging
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.exc import PackageNotFoundError
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Pt

from reportgen.errors import (
    Problem,
    ReportgenError,
    TemplateError,
    relpath,
    unreadable_template,
)
from reportgen.pptx.charts import Box, add_chart
from reportgen.pptx.notes import SpeakerNotes
from reportgen.pptx.placeholders import Placeholders, SlideText, names, place, write_lines
from reportgen.pptx.scripts import name_scripts
from reportgen.render.text_measure import FitParagraph, fit_size, height
from reportgen.report.charts import RenderedChart
from reportgen.report.markup import Run
from reportgen.report.structure import SlideSpec, Structure
from reportgen.report.tree import Report, ReportSection

log = logging.getLogger(__name__)

CHART_MODES = ("native", "image")
BODY_START, BODY_FLOOR = 20.0, 14.0
# A section's text slide of a few points only is set larger (down to BODY_START as they need),
# so that it does not read as a slide left near-empty.
SPARSE_LINES, SPARSE_START = 3, 28.0
TITLE_START, TITLE_FLOOR = 32.0, 24.0
CAPTION_START, CAPTION_FLOOR = 12.0, 11.0
GAP_PT = 6.0  # between a caption that grew and the chart above it
CAPTION_MAX_SHARE = 0.4  # of the chart's height, which a long caption may take over


def write_pptx(report: Report, template: Path, structure: Structure, out: IO[bytes],
               charts: str = "native") -> None:
    """Build the deck slide by slide from the structure's deck specification; save to out.

    charts: "native" draws bar and column charts as editable PowerPoint charts, "image" places
    the briefing's pictures. The timeline is a picture either way.
    """

    if charts not in CHART_MODES:
        raise ReportgenError(f"charts: '{charts}' is not a chart mode; use one of "
                             + ", ".join(CHART_MODES))
    prs = open_template(template)
    _Deck(prs, template, report, structure, native=charts == "native").build()
    _set_properties(prs, report)
    name_scripts(prs, report.language)
    buf = io.BytesIO()
    prs.save(buf)
    out.write(buf.getvalue())


def missing_layouts(template: Path, available: list[str], deck: list[SlideSpec]) -> list[Problem]:
    """Every layout report.yaml's deck names that the template lacks (build and check alike)."""
    return [Problem(relpath(template), 0, 0, f"deck[{i}].layout",
                    f"no slide layout named '{name}'",
                    "layouts in the template: " + ", ".join(available))
            for i, item in enumerate(deck) for name in item.layouts if name not in available]


# What opening a broken Office file raises: python-pptx's PackageNotFoundError (not a zip, cut
# short), KeyError (a part missing), ValueError (the other kind of document), lxml's syntax error.
BROKEN_PACKAGE = (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError,
                  etree.XMLSyntaxError, OSError, EOFError)


def open_template(template: Path) -> Any:
    """The PowerPoint template, opened, or a located TemplateError when it is no usable .pptx."""
    try:
        return Presentation(str(template))
    except BROKEN_PACKAGE as exc:
        raise unreadable_template(template, "PowerPoint", exc) from None


def _theme_font(prs: Any) -> str:
    theme = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(theme.blob)
    ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    found = root.xpath("//a:minorFont/a:latin/@typeface", namespaces=ns)
    return str(found[0]) if found else "Calibri"


class _Deck:
    def __init__(self, prs: Any, template: Path, report: Report, structure: Structure,
                 native: bool) -> None:
        self.prs = prs
        self.template = template
        self.report = report
        self.structure = structure
        self.native = native
        self.font = _theme_font(prs)
        self.layouts = {layout.name: layout for layout in prs.slide_layouts}
        self.labels = report.labels
        self.footer = self.labels.get("deck.footer", "")
        self.placeholders = Placeholders(template, self.font)
        self.notes = SpeakerNotes(report)
        # What each `content` of report.yaml's deck list becomes.
        self.builders: dict[str, Callable[[SlideSpec], None]] = {
            "title": self._title, "agenda": self._agenda, "key_figures": self._key_figures,
            "sections": self._sections, "section": self._section, "timeline": self._timeline,
            "sources": self._sources, "closing": self._closing}

    # --- slide sequence
    def build(self) -> None:
        self._check_layouts(self.structure.deck)
        for item in self.structure.deck:
            self.builders[item.content](item)

    def _check_layouts(self, spec: list[SlideSpec]) -> None:
        missing = missing_layouts(self.template, list(self.layouts), spec)
        if missing:
            raise TemplateError(missing)

    def _title(self, spec: SlideSpec) -> None:
        c = self.report.cover
        slide, layout = self._slide(spec.layout, footer=False)
        self._text(slide, layout, "Title", [SlideText(c.title, bullet=False)], TITLE_START + 8,
                   TITLE_FLOOR)
        self._text(slide, layout, "Subtitle", [SlideText(c.subtitle, bullet=False)], 20, 14)
        self._text(slide, layout, "Marking", [SlideText(c.marking, bullet=False, bold=True)], 12, 9)
        self._text(slide, layout, "Date", [SlideText(c.as_of, bullet=False)], 14, 11)
        self._notes(slide, self.notes.text([self.notes.occasion()]))

    def _agenda(self, spec: SlideSpec) -> None:
        slide, layout = self._slide(spec.layout)
        self._set_title(slide, layout, self.labels["heading.agenda"])
        self._text(slide, layout, "Body", [SlideText(t) for t in self._agenda_items()], BODY_START,
                   BODY_FLOOR)
        self._notes(slide, self.notes.text([self.notes.occasion(),
                                               [Run(self.report.cover.as_of)]]))

    def _agenda_items(self) -> list[str]:
        """What the deck goes on to show, in the order of its specification."""
        items: list[str] = []
        for item in self.structure.deck:
            if item.content == "key_figures" and self.report.key_figure_cards:
                items.append(self.labels["heading.key_figures"])
            elif item.content in ("sections", "section"):
                for section_id in item.sections or [item.section or ""]:
                    area = self.report.section(section_id)
                    spec = self.structure.section(section_id)
                    if area is not None and spec is not None and spec.heading_in_summary:
                        items.append(area.section.title)
            elif item.content == "timeline" and self.report.timeline_chart is not None:
                items.append(self.labels["heading.timeline"])
            elif item.content == "sources":
                items.append(self.labels["heading.sources"])
        return list(dict.fromkeys(items))

    def _key_figures(self, spec: SlideSpec) -> None:
        cards = self.report.key_figure_cards
        layout = self.layouts[spec.layout or ""]
        per_slide = sum(1 for name in names(layout) if name.startswith("Figure "))
        notes = self.notes.text([], figures=self.report.key_figure_notes)
        for start in range(0, len(cards), per_slide or 1):
            slide, layout = self._slide(spec.layout)
            title = self.labels["heading.key_figures"]
            self._set_title(slide, layout, title if start == 0 else self._continued(title))
            chunk = cards[start:start + per_slide]
            for i in range(per_slide):
                name = f"Figure {i + 1}"
                if i < len(chunk):
                    value, label, period = chunk[i]
                    self._text(slide, layout, name, [
                        SlideText(value, bullet=False, bold=True, scale=1.9, color="1F3864"),
                        SlideText(label, bullet=False),
                        SlideText(period, bullet=False, scale=0.85, color="595959")], 16, 11)
                else:
                    self._drop(slide, layout, name)
            self._notes(slide, notes)

    def _sections(self, spec: SlideSpec) -> None:
        for section_id in spec.sections:
            area = self.report.section(section_id)
            if area is not None:
                self._area(area, spec.divider_layout, spec.chart_layout, spec.text_layout)

    def _section(self, spec: SlideSpec) -> None:
        area = self.report.section(spec.section or "")
        if area is not None:
            chart_layout = spec.layout if "Chart" in names(
                self.layouts[spec.layout or ""]) else None
            self._area(area, spec.divider_layout, chart_layout, spec.layout)

    def _area(self, area: ReportSection, divider_layout: str | None, chart_layout: str | None,
              text_layout: str | None) -> None:
        """A section's slides: one per chart with the takeaways beside it, or its points alone.

        A divider only where the section takes more than one slide; each slide's title states
        the section's point (its headline) where that fits, else the section's name.
        """
        charts = area.charts if chart_layout else []
        section = area.section
        if charts:
            # Several chart slides share the section's points, so that none stands bare.
            points = section.points if len(charts) > 1 and section.points else section.takeaways
            lines = [SlideText(b.text) for b in points]
        else:
            lines = [SlideText(b.text) for b in (section.points or section.takeaways)
                     if b.text != section.headline] or [
                SlideText(b.text) for b in section.blocks if b.kind != "heading"]
        if divider_layout and len(charts) + (0 if charts else 1) > 1:
            self._divider(divider_layout, area)
        notes = self.notes.section(area)
        shown = False
        share = -(-len(lines) // len(charts)) if charts else 0  # per slide, rounded up
        for n, chart in enumerate(charts):
            slide, layout = self._slide(chart_layout)
            if n == 0:
                self._section_title(slide, layout, area)
            else:  # the point was made on the first slide; a title of its own (accessibility)
                self._chart_title(slide, layout, chart, section.title)
            self._chart(slide, layout, chart)
            if "Takeaways" in names(layout):
                last = n == len(charts) - 1
                mine, later = (lines, []) if last else (lines[:share], lines[share:])
                own = section.chart_points.get(chart.id) if len(charts) > 1 else None
                if own:  # beside each of several charts, that chart's own figures
                    mine, later = [SlideText(b.text) for b in own], ([] if last else lines)
                lines = self._text(slide, layout, "Takeaways", mine, BODY_START, BODY_FLOOR,
                                   allow_overflow=True) + later
            self._notes(slide, notes)
            shown = True
        if lines and text_layout:
            self._text_slides(text_layout, section.title, lines, notes, continued=shown,
                              area=area)

    def _section_title(self, slide: Any, layout: Any, area: ReportSection) -> None:
        """The section's headline as the slide's title where it fits, else its name."""
        headline = [SlideText(area.section.headline, bullet=False)]
        if area.section.headline and self.placeholders.fits(slide, layout, "Title", headline,
                                                            TITLE_START, TITLE_FLOOR):
            self._text(slide, layout, "Title", headline, TITLE_START, TITLE_FLOOR)
        else:
            self._set_title(slide, layout, area.section.title)

    def _chart_title(self, slide: Any, layout: Any, chart: RenderedChart, section: str) -> None:
        """A later chart slide of a section, titled with its chart's title where it fits: every
        slide's title differs from the others', for a screen reader's list of slides."""
        title = [SlideText(chart.spec.title, bullet=False)]
        if chart.spec.title and self.placeholders.fits(slide, layout, "Title", title,
                                                       TITLE_START, TITLE_FLOOR):
            self._text(slide, layout, "Title", title, TITLE_START, TITLE_FLOOR)
        else:
            self._set_title(slide, layout, self._continued(section))

    def _divider(self, layout_name: str, area: ReportSection) -> None:
        """A section divider: the section's title and its one-line headline."""
        slide, layout = self._slide(layout_name)
        self._set_title(slide, layout, area.section.title)
        headline = area.section.headline
        subtitle = [SlideText(headline, bullet=False)] if headline else []
        if "Subtitle" in names(layout):
            self._text(slide, layout, "Subtitle", subtitle, 18, 14)
        self._notes(slide, self.notes.divider(area))

    def _text_slides(self, layout_name: str, title: str, lines: list[SlideText], notes: str,
                     continued: bool = False, area: ReportSection | None = None) -> None:
        """Slides of text, as many as the lines need. A section's (area given) first slide of
        SPARSE_LINES points or fewer is set larger; a list such as the sources keeps its size."""
        while lines:
            slide, layout = self._slide(layout_name)
            if area is not None and not continued:
                self._section_title(slide, layout, area)
            else:
                self._set_title(slide, layout, self._continued(title) if continued else title)
            sparse = area is not None and not continued and len(lines) <= SPARSE_LINES
            start = SPARSE_START if sparse else BODY_START
            rest = self._text(slide, layout, "Body", lines, start, BODY_FLOOR,
                              allow_overflow=True)
            self._notes(slide, notes)
            if len(rest) == len(lines):  # not even one paragraph fits: never loop forever
                raise TemplateError([Problem(relpath(self.template), 0, 0, layout_name,
                                             "the body placeholder is too small for one "
                                             "paragraph at the minimum size",
                                             "enlarge the Body placeholder in the layout")])
            lines = rest
            continued = True

    def _timeline(self, spec: SlideSpec) -> None:
        chart = self.report.timeline_chart
        if chart is None:
            return
        slide, layout = self._slide(spec.layout)
        self._set_title(slide, layout, self.labels["heading.timeline"])
        self._chart(slide, layout, chart)
        self._notes(slide, self.notes.timeline())

    def _sources(self, spec: SlideSpec) -> None:
        lines = [SlideText(f"[{i}] {entry}", bullet=False)
                 for i, entry in enumerate(self.report.sources, 1)]
        # A word on estimates only where the deck shows some.
        note = self.labels["deck.sources_note" if self.report.estimate_notes
                           else "deck.sources_note_plain"]
        lines.append(SlideText(note, bullet=False, scale=0.9, color="595959"))
        notes = "\n".join([note, *self.report.estimate_notes])
        self._text_slides(spec.layout or "Sources", self.labels["heading.sources"], lines, notes)

    def _closing(self, spec: SlideSpec) -> None:
        slide, layout = self._slide(spec.layout)
        self._set_title(slide, layout, self.labels["deck.closing"])
        self._text(slide, layout, "Subtitle", [SlideText(self.report.cover.title, bullet=False)],
                   20, 14)
        self._notes(slide, self.notes.text([self.notes.occasion()]))

    # --- charts
    def _chart(self, slide: Any, layout: Any, chart: RenderedChart) -> None:
        """Caption first (it may need more lines), then the chart in the space left above it."""
        caption_top = self._caption(slide, layout, chart.caption)
        box = self._placeholder(slide, layout, "Chart")
        area = Box(box.left, box.top, box.width, min(box.height, caption_top - box.top))
        self._drop(slide, layout, "Chart")
        if self.native and chart.spec.native:

            add_chart(slide, chart.spec, area, self.font)
        else:
            self._picture(slide, chart, area)

    def _caption(self, slide: Any, layout: Any, text: str) -> int:
        """Fit the caption; a long one grows upwards over the chart. Returns the space's end.

        Shapes beside the chart (the takeaways) are shortened to end above the caption too.
        """
        shape = self._placeholder(slide, layout, "Caption")
        chart = self._placeholder(slide, layout, "Chart")
        gap = Pt(GAP_PT)
        width, room = self.placeholders.room(shape, layout, "Caption")
        margins = shape.height - Pt(room)
        paras = [FitParagraph(text)]
        size = fit_size(paras, width, room, self.font,
                        CAPTION_START, CAPTION_FLOOR)
        if size is None:
            size = CAPTION_FLOOR
            needed = int(Pt(height(paras, size, width, self.font)) + margins)
            grow = needed - shape.height
            if grow > chart.height * CAPTION_MAX_SHARE:
                raise TemplateError([Problem(
                    relpath(self.template), 0, 0, f"{layout.name} › Caption",
                    f"caption too long for the slide: {text[:60]}…",
                    "shorten the chart's title in charts.yaml or enlarge the Caption placeholder")])
            place(shape, shape.left, shape.top - grow, shape.width, needed)
        write_lines(shape.text_frame, [SlideText(text, bullet=False)], size)
        end = min(chart.top + chart.height, shape.top - gap)
        for name in ("Takeaways",):
            if name in names(layout):
                beside = self._placeholder(slide, layout, name)
                if beside.top + beside.height > end:
                    place(beside, beside.left, beside.top, beside.width, end - beside.top)
        return end

    def _picture(self, slide: Any, chart: RenderedChart, box: Box) -> None:
        """Place a chart's picture inside box, keeping its aspect ratio."""

        with Image.open(io.BytesIO(chart.png)) as img:
            ratio = img.width / img.height
        width, height_ = box.width, int(box.width / ratio)
        if height_ > box.height:
            height_, width = box.height, int(box.height * ratio)
        left = box.left + (box.width - width) // 2
        top = box.top + (box.height - height_) // 2
        pic = slide.shapes.add_picture(io.BytesIO(chart.png), left, top, width, height_)
        pic._element.nvPicPr.cNvPr.set("descr", chart.alt)
        pic.name = f"Chart {chart.id}"

    # --- notes
    def _notes(self, slide: Any, text: str) -> None:
        if text:
            slide.notes_slide.notes_text_frame.text = text

    # --- helpers
    def _continued(self, title: str) -> str:
        return self.labels["deck.continued"].format(title=title)

    def _slide(self, layout_name: str | None, footer: bool = True) -> tuple[Any, Any]:
        layout = self.layouts[layout_name or ""]
        slide = self.prs.slides.add_slide(layout)
        if footer:
            self._footer(slide, layout)
        return slide, layout

    def _footer(self, slide: Any, layout: Any) -> None:
        """python-pptx does not copy footer and slide-number placeholders: copy and fill them."""

        number = len(self.prs.slides)
        text = self.footer.format(marking=self.report.cover.marking,
                                  title=self.report.cover.title)
        for ph in layout.placeholders:
            kind = ph.placeholder_format.type
            if kind not in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER):
                continue
            el = copy.deepcopy(ph._element)
            el.nvSpPr.cNvPr.set("id", str(_next_id(slide)))
            slide.shapes._spTree.append(el)
            shape = slide.placeholders[ph.placeholder_format.idx]
            tf = shape.text_frame
            tf.clear()
            if kind == PP_PLACEHOLDER.FOOTER:
                tf.paragraphs[0].text = text
            else:
                _slide_number_field(tf.paragraphs[0], number)

    def _placeholder(self, slide: Any, layout: Any, name: str) -> Any:
        return self.placeholders.find(slide, layout, name)

    def _drop(self, slide: Any, layout: Any, name: str) -> None:
        self.placeholders.drop(slide, layout, name)

    def _set_title(self, slide: Any, layout: Any, title: str) -> None:
        self._text(slide, layout, "Title", [SlideText(title, bullet=False)], TITLE_START,
                   TITLE_FLOOR)

    def _text(self, slide: Any, layout: Any, name: str, lines: list[SlideText], start: float,
              floor: float, allow_overflow: bool = False) -> list[SlideText]:
        return self.placeholders.fill(slide, layout, name, lines, start, floor, allow_overflow)


def _slide_number_field(paragraph: Any, number: int) -> None:
    """A slide-number field, before the paragraph's end mark as the schema's order wants."""

    fld = etree.Element(qn("a:fld"))
    fld.set("id", "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}")
    fld.set("type", "slidenum")
    etree.SubElement(fld, qn("a:rPr")).set("lang", "en-GB")
    etree.SubElement(fld, qn("a:t")).text = str(number)
    end = paragraph._p.find(qn("a:endParaRPr"))
    if end is not None:
        end.addprevious(fld)
    else:
        paragraph._p.append(fld)


def _next_id(slide: Any) -> int:
    ids = [int(x) for x in slide.shapes._spTree.xpath("//p:cNvPr/@id")]
    return max(ids, default=1) + 1


def _set_properties(prs: Any, report: Report) -> None:
    report.properties.apply(prs.core_properties)
