"""Placeholders of a slide, found by the part they play in their layout (pptx/roles.py) and
filled with measured text.

Text is fitted with the real font metrics (render/text_measure.py) into the placeholder's own
size less its own margins, as the layout defines them, so a restyled template is measured right.
"""

from __future__ import annotations

import copy
from pathlib import Path

from lxml import etree
from pptx.oxml.ns import qn
from pptx.presentation import Presentation
from pptx.shapes.autoshape import Shape
from pptx.shapes.placeholder import LayoutPlaceholder
from pptx.slide import Slide, SlideLayout
from pptx.text.text import TextFrame, _Paragraph
from pptx.util import Emu, Pt

from reportgen.errors import Problem, TemplateError, relpath
from reportgen.pptx.plan import SlideText
from reportgen.pptx.roles import LayoutRoles, placeholders
from reportgen.pptx.style import Palette
from reportgen.pptx.text_style import TextStyle, text_style, theme_fonts
from reportgen.render.text_measure import FitParagraph, fit_size

EMU_PER_PT = 12700


def names(layout: SlideLayout) -> list[str]:
    return [ph.name for ph in placeholders(layout)]


def number_placeholders(prs: Presentation) -> None:
    """Give every layout placeholder without an index one of its own, as PowerPoint does.

    LibreOffice saves a layout's content placeholders without an index, so they all read as
    index 0, the title's, and a slide's body would take the title's place and size.
    """
    for layout in prs.slide_layouts:
        phs = placeholders(layout)
        used = {ph.placeholder_format.idx for ph in phs}
        for ph in phs:
            element = ph._element.ph
            if element is not None and element.get("idx") is None and \
                    element.get("type") not in ("title", "ctrTitle"):
                free = max(used | {10}) + 1
                element.set("idx", str(free))
                used.add(free)


class Placeholders:
    """Find, drop and fill the placeholders of slides made from one template, by their part."""

    def __init__(self, template: Path, palette: Palette) -> None:
        self.template = template
        self.palette = palette
        self._styles: dict[tuple[str, str], TextStyle] = {}

    def style(self, view: LayoutRoles, role: str) -> TextStyle:
        """How the role's placeholder sets its text (its layout, master and theme), read once."""
        key = (view.name, role)
        if key not in self._styles:
            self._styles[key] = text_style(self.layout_placeholder(view, role),
                                           theme_fonts(view.layout.slide_master))
        return self._styles[key]

    def layout_placeholder(self, view: LayoutRoles, role: str) -> LayoutPlaceholder:
        ph = view.roles.get(role)
        if ph is None:
            raise TemplateError([Problem(
                relpath(self.template), 0, 0, f"layout '{view.layout.name}'",
                f"no placeholder for the {role.lower()}",
                "placeholders: " + ", ".join(names(view.layout)) + "; map one in report.yaml's "
                "deck_layouts (reportgen adopt writes it), or add one to the layout")])
        return ph

    def find(self, slide: Slide, view: LayoutRoles, role: str) -> Shape:
        ph = self.layout_placeholder(view, role)
        idx = ph.placeholder_format.idx
        for shape in slide.placeholders:
            if shape.placeholder_format.idx == idx:
                return shape
        # python-pptx leaves the date, footer and slide number on the layout: copy it over.
        el = copy.deepcopy(ph._element)
        ids = [int(x) for x in slide.shapes._spTree.xpath("//p:cNvPr/@id")]
        el.nvSpPr.cNvPr.set("id", str(max(ids, default=1) + 1))
        slide.shapes._spTree.append(el)
        shape = next(s for s in slide.placeholders if s.placeholder_format.idx == idx)
        shape.text_frame.clear()  # the layout's sample date, not this slide's
        return shape

    def drop(self, slide: Slide, view: LayoutRoles, role: str) -> None:
        el = self.find(slide, view, role)._element
        el.getparent().remove(el)

    def room(self, shape: Shape, view: LayoutRoles, role: str) -> tuple[float, float]:
        """Width and height in points that text has inside a placeholder, less its insets (its
        own, else its master's)."""
        return room(shape, self.style(view, role))

    def fits(self, slide: Slide, view: LayoutRoles, name: str, lines: list[SlideText],
             start: float, floor: float) -> bool:
        width, height = self.room(self.find(slide, view, name), view, name)
        style = self.style(view, name)
        return fit_size(_paras(lines, style, start), width, height, style.font, start, floor,
                        style.line) is not None

    def fill(self, slide: Slide, view: LayoutRoles, name: str, lines: list[SlideText],
             start: float, floor: float, allow_overflow: bool = False) -> list[SlideText]:
        """Fill a placeholder with as many lines as fit (measured); return the ones left over.

        Without allow_overflow, text that does not fit even at `floor` is a template error.
        """
        shape = self.find(slide, view, name)
        if not lines:
            self.drop(slide, view, name)
            return []
        width, height = self.room(shape, view, name)
        style = self.style(view, name)
        count = len(lines)
        size = None
        while count > 0:
            size = fit_size(_paras(lines[:count], style, start), width, height, style.font,
                            start, floor, style.line)
            if size is not None or not allow_overflow:
                break
            count -= 1
        if size is None:
            if allow_overflow:
                self.drop(slide, view, name)
                return lines
            raise TemplateError([Problem(relpath(self.template), 0, 0,
                                         f"{view.layout.name} › {name}",
                                         f"text does not fit even at {floor:g} pt: "
                                         f"{lines[0].text[:60]}…",
                                         "shorten the text or enlarge the placeholder")])
        write_lines(shape.text_frame, lines[:count], size, self.palette, style)
        return lines[count:]


def room(shape: Shape, style: TextStyle) -> tuple[float, float]:
    """Width and height in points that text has inside a shape, less the style's insets."""
    left, top, right, bottom = style.insets
    return Emu(shape.width - left - right).pt, Emu(shape.height - top - bottom).pt


def _paras(lines: list[SlideText], style: TextStyle, start: float) -> list[FitParagraph]:
    """The lines to measure: a bullet's text indented as it will be at the largest size tried
    (its bullet widest), each paragraph after the first spaced as the style spaces it."""
    return [FitParagraph(ln.text, ln.bold, ln.scale,
                         style.bullet_indent(start * ln.scale)[0] if ln.bullet else 0.0,
                         style.space_before_pt)
            for ln in lines]


def place(shape: Shape, left: int, top: int, width: int, height: int) -> None:
    """Give a placeholder its own position and size (all four, so nothing is half inherited)."""
    shape.left, shape.top, shape.width, shape.height = Emu(left), Emu(top), Emu(width), Emu(height)


def write_lines(tf: TextFrame, lines: list[SlideText], size: float,
                palette: Palette | None = None, style: TextStyle | None = None) -> None:
    """The lines as paragraphs at size; a bullet's hang widened where the style's is too narrow
    for the bullet and a space at that size; a scale PowerPoint found to shrink the layout's own
    sample text not applied to text fitted here."""
    tf.clear()
    tf.word_wrap = True
    if style is not None and style.scaled:
        _plain_autofit(tf)
    for i, line in enumerate(lines):
        p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        points = round(size * line.scale * 2) / 2
        if not line.bullet:
            _no_bullet(p)
        elif style is not None and style.bullet_indent(points) != (style.margin_pt,
                                                                    style.hanging_pt):
            margin, hang = style.bullet_indent(points)
            p_pr = p._p.get_or_add_pPr()
            p_pr.set("marL", str(round(margin * EMU_PER_PT)))
            p_pr.set("indent", str(-round(hang * EMU_PER_PT)))
        run = p.add_run()
        run.text = line.text
        run.font.size = Pt(points)
        run.font.bold = line.bold or None
        ink = palette.ink(line.color) if palette else None
        if ink is not None:
            run._r.get_or_add_rPr().insert(0, ink.element())  # a fill comes first in a:rPr


def _plain_autofit(tf: TextFrame) -> None:
    body = tf._txBody.bodyPr
    for child in list(body):
        if etree.QName(child).localname in ("noAutofit", "normAutofit", "spAutoFit"):
            body.remove(child)
    etree.SubElement(body, qn("a:normAutofit"))


def _no_bullet(paragraph: _Paragraph) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.set("marL", "0")
    p_pr.set("indent", "0")
    if p_pr.find(qn("a:buNone")) is None:
        etree.SubElement(p_pr, qn("a:buNone"))
