"""Write the slide deck (.pptx) from templates/deck.pptx, choosing every slide's layout by name."""

from __future__ import annotations

import copy
import io
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from reportgen.content import AreaSection, Report
from reportgen.errors import Problem, TemplateError, relpath
from reportgen.narrative import Block
from reportgen.structure import SlideSpec, Structure
from reportgen.textfit import Para, fit_size

log = logging.getLogger(__name__)

EMU_PER_PT = 12700
BULLET_INDENT_PT = 18.0
INSET_X_PT, INSET_Y_PT = 7.2, 3.6  # python-pptx/Office default insets: 0.1 in and 0.05 in
BODY_START, BODY_FLOOR = 20.0, 14.0
TITLE_START, TITLE_FLOOR = 32.0, 24.0


@dataclass(frozen=True)
class Line:
    """A paragraph for a slide: text, bullet or not, bold, size relative to the base size."""

    text: str
    bullet: bool = True
    bold: bool = False
    scale: float = 1.0
    color: str | None = None


def write_pptx(report: Report, template: Path, structure: Structure, out: IO[bytes]) -> None:
    """Build the deck slide by slide from the structure's deck specification; save to out."""
    from pptx import Presentation

    prs = Presentation(str(template))
    _Deck(prs, template, report).build(structure.deck)
    _set_properties(prs, report)
    buf = io.BytesIO()
    prs.save(buf)
    out.write(buf.getvalue())


def _theme_font(prs: Any) -> str:
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    theme = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(theme.blob)
    ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    found = root.xpath("//a:minorFont/a:latin/@typeface", namespaces=ns)
    return str(found[0]) if found else "Calibri"


class _Deck:
    def __init__(self, prs: Any, template: Path, report: Report) -> None:
        self.prs = prs
        self.template = template
        self.report = report
        self.font = _theme_font(prs)
        self.layouts = {layout.name: layout for layout in prs.slide_layouts}
        self.footer = report.labels.get("deck.footer", "")

    # --- slide sequence
    def build(self, spec: list[SlideSpec]) -> None:
        self._check_layouts(spec)
        for item in spec:
            getattr(self, f"_{item.content}")(item)

    def _check_layouts(self, spec: list[SlideSpec]) -> None:
        wanted = [(i, name) for i, s in enumerate(spec)
                  for name in (s.layout, s.chart_layout, s.text_layout) if name]
        missing = [Problem(relpath(self.template), 0, 0, f"deck[{i}].layout",
                           f"no slide layout named '{name}'",
                           "layouts in the template: " + ", ".join(self.layouts))
                   for i, name in wanted if name not in self.layouts]
        if missing:
            raise TemplateError(missing)

    def _title(self, spec: SlideSpec) -> None:
        c = self.report.cover
        slide, layout = self._slide(spec.layout, footer=False)
        self._text(slide, layout, "Title", [Line(c.title, bullet=False)], TITLE_START + 8,
                   TITLE_FLOOR)
        self._text(slide, layout, "Subtitle", [Line(c.subtitle, bullet=False)], 20, 14)
        self._text(slide, layout, "Marking", [Line(c.marking, bullet=False, bold=True)], 12, 9)
        self._text(slide, layout, "Date", [Line(c.as_of, bullet=False)], 14, 11)
        self._notes(slide, c.occasion)

    def _agenda(self, spec: SlideSpec) -> None:
        titles = [s.section.title for s in self.report.sections]
        titles += [self.report.labels["heading.timeline"], self.report.labels["heading.sources"]]
        slide, layout = self._slide(spec.layout)
        self._set_title(slide, layout, self.report.labels["heading.agenda"])
        self._text(slide, layout, "Body", [Line(t) for t in titles], BODY_START, BODY_FLOOR)
        self._notes(slide, f"{self.report.cover.occasion}. {self.report.cover.as_of}.")

    def _key_figures(self, spec: SlideSpec) -> None:
        cards = self.report.key_figure_cards
        per_slide = sum(1 for name in _placeholder_names(self.layouts[spec.layout])
                        if name.startswith("Figure "))
        for start in range(0, len(cards), per_slide or 1):
            slide, layout = self._slide(spec.layout)
            title = self.report.labels["heading.key_figures"]
            self._set_title(slide, layout, title if start == 0 else self._continued(title))
            chunk = cards[start:start + per_slide]
            for i in range(per_slide):
                name = f"Figure {i + 1}"
                if i < len(chunk):
                    value, label, period = chunk[i]
                    self._text(slide, layout, name, [
                        Line(value, bullet=False, bold=True, scale=1.9, color="1F3864"),
                        Line(label, bullet=False),
                        Line(period, bullet=False, scale=0.85, color="595959")], 16, 11)
                else:
                    self._drop(slide, layout, name)
            self._notes(slide, "\n".join(f"{label}: {value} ({period})."
                                         for value, label, period in chunk))

    def _sections(self, spec: SlideSpec) -> None:
        for section_id in spec.sections:
            area = self.report.section(section_id)
            if area is not None:
                self._area(area, spec.chart_layout, spec.text_layout)

    def _section(self, spec: SlideSpec) -> None:
        area = self.report.section(spec.section or "")
        if area is not None:
            self._area(area, spec.layout if area.charts else None, spec.layout)

    def _area(self, area: AreaSection, chart_layout: str | None, text_layout: str | None) -> None:
        lines = [Line(b.text) for b in area.section.takeaways] or [
            Line(b.text) for b in area.section.blocks if b.kind != "heading"]
        notes = self._section_notes(area)
        title = area.section.title
        if area.charts and chart_layout:
            for n, chart in enumerate(area.charts):
                slide, layout = self._slide(chart_layout)
                self._set_title(slide, layout, title)
                self._picture(slide, layout, chart.png, chart.alt, chart.id)
                self._text(slide, layout, "Caption", [Line(chart.caption, bullet=False)], 12, 10)
                rest = self._text(slide, layout, "Takeaways", lines if n == 0 else [],
                                  BODY_START, BODY_FLOOR, allow_overflow=True)
                self._notes(slide, notes)
                lines = rest
        if lines and text_layout:
            self._text_slides(text_layout, title if not area.charts else self._continued(title),
                              lines, notes)

    def _text_slides(self, layout_name: str, title: str, lines: list[Line], notes: str) -> None:
        while lines:
            slide, layout = self._slide(layout_name)
            self._set_title(slide, layout, title)
            rest = self._text(slide, layout, "Body", lines, BODY_START, BODY_FLOOR,
                              allow_overflow=True)
            self._notes(slide, notes)
            if len(rest) == len(lines):  # not even one paragraph fits: never loop forever
                raise TemplateError([Problem(relpath(self.template), 0, 0, layout_name,
                                             "the body placeholder is too small for one "
                                             "paragraph at the minimum size",
                                             "enlarge the Body placeholder in the layout")])
            lines = rest
            title = title if title.endswith(")") else self._continued(title)

    def _timeline(self, spec: SlideSpec) -> None:
        chart = self.report.timeline_chart
        if chart is None:
            return
        slide, layout = self._slide(spec.layout)
        self._set_title(slide, layout, self.report.labels["heading.timeline"])
        self._picture(slide, layout, chart.png, chart.alt, chart.id)
        self._text(slide, layout, "Caption", [Line(chart.caption, bullet=False)], 12, 10)
        rows = self.report.timeline.rows
        self._notes(slide, "\n".join(" — ".join("".join(r.text for r in cell) for cell in row)
                                     for row in rows))

    def _sources(self, spec: SlideSpec) -> None:
        lines = [Line(f"[{i}] {entry}", bullet=False)
                 for i, entry in enumerate(self.report.sources, 1)]
        lines.append(Line(self.report.labels["deck.sources_note"], bullet=False, scale=0.9,
                          color="595959"))
        notes = "\n".join([self.report.labels["deck.sources_note"], *self.report.estimate_notes])
        self._text_slides(spec.layout or "Sources", self.report.labels["heading.sources"],
                          lines, notes)

    def _closing(self, spec: SlideSpec) -> None:
        slide, layout = self._slide(spec.layout, footer=False)
        self._set_title(slide, layout, self.report.cover.title)
        self._text(slide, layout, "Subtitle", [Line(self.report.cover.marking, bullet=False)],
                   18, 12)

    # --- helpers
    def _continued(self, title: str) -> str:
        return self.report.labels["deck.continued"].format(title=title)

    def _section_notes(self, area: AreaSection) -> str:
        paragraphs = [_plain(b) for b in area.section.blocks]
        return "\n\n".join(p for p in paragraphs if p)

    def _slide(self, layout_name: str | None, footer: bool = True) -> tuple[Any, Any]:
        layout = self.layouts[layout_name or ""]
        slide = self.prs.slides.add_slide(layout)
        if footer:
            self._footer(slide, layout)
        return slide, layout

    def _footer(self, slide: Any, layout: Any) -> None:
        """python-pptx does not copy footer and slide-number placeholders: copy and fill them."""
        from pptx.enum.shapes import PP_PLACEHOLDER

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
        for ph in layout.placeholders:
            if ph.name == name:
                return slide.placeholders[ph.placeholder_format.idx]
        raise TemplateError([Problem(relpath(self.template), 0, 0, f"layout '{layout.name}'",
                                     f"no placeholder named '{name}'",
                                     "placeholders: " + ", ".join(_placeholder_names(layout)))])

    def _drop(self, slide: Any, layout: Any, name: str) -> None:
        el = self._placeholder(slide, layout, name)._element
        el.getparent().remove(el)

    def _set_title(self, slide: Any, layout: Any, title: str) -> None:
        self._text(slide, layout, "Title", [Line(title, bullet=False)], TITLE_START, TITLE_FLOOR)

    def _text(self, slide: Any, layout: Any, name: str, lines: list[Line], start: float,
              floor: float, allow_overflow: bool = False) -> list[Line]:
        """Fill a placeholder with as many lines as fit (measured); return the ones left over."""
        shape = self._placeholder(slide, layout, name)
        if not lines:
            self._drop(slide, layout, name)
            return []
        width = shape.width / EMU_PER_PT - 2 * INSET_X_PT
        height = shape.height / EMU_PER_PT - 2 * INSET_Y_PT
        count = len(lines)
        size = None
        while count > 0:
            paras = [Para(ln.text, ln.bold, ln.scale, BULLET_INDENT_PT if ln.bullet else 0.0)
                     for ln in lines[:count]]
            size = fit_size(paras, width, height, self.font, start, floor)
            if size is not None or not allow_overflow:
                break
            count -= 1
        if size is None:
            if allow_overflow:
                self._drop(slide, layout, name)
                return lines
            raise TemplateError([Problem(relpath(self.template), 0, 0, f"{layout.name} › {name}",
                                         f"text does not fit even at {floor:g} pt: "
                                         f"{lines[0].text[:60]}…",
                                         "shorten the text or enlarge the placeholder")])
        _fill(shape.text_frame, lines[:count], size)
        return lines[count:]

    def _picture(self, slide: Any, layout: Any, png: bytes, alt: str, name: str) -> None:
        """Place a chart inside the Chart placeholder's box, keeping its aspect, then drop it."""
        from PIL import Image

        box = self._placeholder(slide, layout, "Chart")
        with Image.open(io.BytesIO(png)) as img:
            ratio = img.width / img.height
        width, height = box.width, int(box.width / ratio)
        if height > box.height:
            height, width = box.height, int(box.height * ratio)
        left = box.left + (box.width - width) // 2
        top = box.top + (box.height - height) // 2
        self._drop(slide, layout, "Chart")
        pic = slide.shapes.add_picture(io.BytesIO(png), left, top, width, height)
        pic._element.nvPicPr.cNvPr.set("descr", alt)
        pic.name = f"Chart {name}"

    def _notes(self, slide: Any, text: str) -> None:
        if text:
            slide.notes_slide.notes_text_frame.text = text


def _fill(tf: Any, lines: list[Line], size: float) -> None:
    from pptx.dml.color import RGBColor
    from pptx.util import Pt

    tf.clear()
    tf.word_wrap = True
    for i, line in enumerate(lines):
        p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        if not line.bullet:
            _no_bullet(p)
        run = p.add_run()
        run.text = line.text
        run.font.size = Pt(round(size * line.scale * 2) / 2)
        run.font.bold = line.bold or None
        if line.color:
            run.font.color.rgb = RGBColor.from_string(line.color)


def _no_bullet(paragraph: Any) -> None:
    from pptx.oxml.ns import qn

    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.set("marL", "0")
    p_pr.set("indent", "0")
    if p_pr.find(qn("a:buNone")) is None:
        from lxml import etree

        etree.SubElement(p_pr, qn("a:buNone"))


def _slide_number_field(paragraph: Any, number: int) -> None:
    from lxml import etree
    from pptx.oxml.ns import qn

    fld = etree.SubElement(paragraph._p, qn("a:fld"))
    fld.set("id", "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}")
    fld.set("type", "slidenum")
    etree.SubElement(fld, qn("a:rPr")).set("lang", "en-GB")
    etree.SubElement(fld, qn("a:t")).text = str(number)


def _next_id(slide: Any) -> int:
    ids = [int(x) for x in slide.shapes._spTree.xpath("//p:cNvPr/@id")]
    return max(ids, default=1) + 1


def _placeholder_names(layout: Any) -> list[str]:
    return [ph.name for ph in layout.placeholders]


def _plain(block: Block) -> str:
    return "".join(r.text for r in block.runs).strip()


def _set_properties(prs: Any, report: Report) -> None:
    p = report.properties
    core = prs.core_properties
    core.title = p.title
    core.subject = p.subject
    core.author = p.author
    core.last_modified_by = p.author
    core.keywords = p.keywords
    core.language = p.language
    core.created = p.created.replace(tzinfo=None)
    core.modified = p.created.replace(tzinfo=None)
    core.revision = 1
