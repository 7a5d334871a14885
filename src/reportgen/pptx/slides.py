"""The slides of a deck, one at a time: each added on its layout with its footer and slide
number, its parts filled with text fitted into their placeholders (placeholders.py), titles that
fall back where they do not fit, text continued on further slides where it does not fit, and
continued titles no two alike."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from pathlib import Path

from lxml import etree
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.presentation import Presentation
from pptx.shapes.autoshape import Shape
from pptx.shapes.placeholder import LayoutPlaceholder
from pptx.slide import Slide, SlideLayout
from pptx.text.text import _Paragraph

from reportgen.errors import Problem, TemplateError, relpath
from reportgen.pptx.placeholders import Placeholders, number_placeholders, room, write_lines
from reportgen.pptx.plan import SlideText
from reportgen.pptx.plan import sparse as few
from reportgen.pptx.roles import LayoutRoles, placeholders
from reportgen.pptx.style import SPARSE_SCALE, fit_range, palette
from reportgen.pptx.template import deck_font, layout_views
from reportgen.pptx.text_style import text_style, theme_fonts
from reportgen.render.text_measure import FitParagraph, fit_size
from reportgen.report.structure import Structure
from reportgen.report.tree import Report, ReportSection


class SlideDrawer:
    """Adds slides to the template's deck and fills their parts: what every kind of slide uses."""

    def __init__(self, prs: Presentation, template: Path, report: Report, structure: Structure,
                 native: bool, pictures: Mapping[str, bytes] | None = None) -> None:
        self.prs = prs
        self.template = template
        self.report = report
        self.structure = structure
        self.native, self.pictures = native, pictures
        self.font = deck_font(prs)
        self.palette = palette(prs.slide_master)
        number_placeholders(prs)
        self.views = layout_views(prs, template, structure)
        self.labels = report.labels
        self.footer = self.labels.get("deck.footer", "")
        self.continued: dict[str, int] = {}  # slides titled as continuing each title so far
        self.placeholders = Placeholders(template, self.palette)

    def _notes(self, slide: Slide, text: str) -> None:
        if text:
            frame = slide.notes_slide.notes_text_frame
            assert frame is not None, "a notes slide has its body placeholder"
            frame.text = text

    def _continued(self, title: str) -> str:
        """ "Economy (continued)", then "Economy (continued, 2)" and on, counted over the whole
        deck (text slides, chart slides, key figures): no two slides titled alike."""
        n = self.continued[title] = self.continued.get(title, 0) + 1
        if n > 1:
            return self.labels["deck.continued_again"].format(title=title, n=n)
        return self.labels["deck.continued"].format(title=title)

    def _slide(self, layout_name: str | None, footer: bool = True) -> tuple[Slide, LayoutRoles]:
        view = self.views[layout_name or ""]
        slide = self.prs.slides.add_slide(view.layout)
        if footer:
            self._footer(slide, view.layout)
        return slide, view

    def _footer(self, slide: Slide, layout: SlideLayout) -> None:
        """python-pptx does not copy footer and slide-number placeholders: copy and fill them.
        The footer's text is fitted into its box: smaller, then shortened, never wrapped off."""

        number = len(self.prs.slides)
        text = self.footer.format(marking=self.report.cover.marking,
                                  title=self.report.cover.title)
        for ph in placeholders(layout):
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
                self._footer_text(shape, ph, layout, text)
            else:
                _slide_number_field(tf.paragraphs[0], number)

    def _footer_text(self, shape: Shape, ph: LayoutPlaceholder, layout: SlideLayout,
                     text: str) -> None:
        style = text_style(ph, theme_fonts(layout.slide_master))
        width, room_ = room(shape, style)
        start, floor = fit_range("Footer", ph)

        def fitting(text: str, smallest: float) -> float | None:
            return fit_size([FitParagraph(text)], width, room_, style.font, start, smallest,
                            style.line)

        if fitting(text, start) is not None:
            shape.text_frame.paragraphs[0].text = text  # as the house set it
            return
        size = fitting(text, floor)
        while size is None and len(text) > 1:
            text = text[:max(1, len(text) * 4 // 5)].rstrip(" —–-·|,") + "…"
            size = fitting(text, floor)
        write_lines(shape.text_frame, [SlideText(text, bullet=False)], size or floor)

    def _placeholder(self, slide: Slide, view: LayoutRoles, name: str) -> Shape:
        return self.placeholders.find(slide, view, name)

    def _drop(self, slide: Slide, view: LayoutRoles, name: str) -> None:
        self.placeholders.drop(slide, view, name)

    def _set_title(self, slide: Slide, view: LayoutRoles, title: str) -> None:
        self._text(slide, view, "Title", [SlideText(title, bullet=False)])

    def _text(self, slide: Slide, view: LayoutRoles, name: str, lines: list[SlideText],
              allow_overflow: bool = False, scale: float = 1.0) -> list[SlideText]:
        """Fill a part from its placeholder's own size down to its floor (style.SHRINK); scale
        starts a sparse slide larger."""
        start, floor = fit_range(name, self.placeholders.layout_placeholder(view, name))
        return self.placeholders.fill(slide, view, name, lines, start * scale, floor,
                                      allow_overflow)

    def _fits(self, slide: Slide, view: LayoutRoles, role: str, lines: list[SlideText]) -> bool:
        start, floor = fit_range(role, self.placeholders.layout_placeholder(view, role))
        return self.placeholders.fits(slide, view, role, lines, start, floor)

    def _fitting_title(self, slide: Slide, view: LayoutRoles, title: str, fallback: str) -> None:
        """title as the slide's title where it fits its box, else fallback."""
        lines = [SlideText(title, bullet=False)]
        if title and self._fits(slide, view, "Title", lines):
            self._text(slide, view, "Title", lines)
        else:
            self._set_title(slide, view, fallback)

    def _section_title(self, slide: Slide, view: LayoutRoles, area: ReportSection) -> None:
        """The section's headline as the slide's title where it fits, else its name."""
        self._fitting_title(slide, view, area.section.headline, area.section.title)

    def _text_slides(self, layout_name: str, title: str, lines: list[SlideText], notes: str,
                     continued: bool = False, area: ReportSection | None = None,
                     merged: list[str] | None = None) -> None:
        """Slides of text, as many as the lines need. A section's (area given) first slide of
        few points (plan.sparse) is set larger; a list such as the sources keeps its size.
        Sections merged on one slide are titled with their names where they fit, else the
        first one's."""
        while lines:
            slide, view = self._slide(layout_name)
            if area is not None and not continued:
                self._section_title(slide, view, area)
            elif merged and not continued:
                self._fitting_title(slide, view, title, merged[0])
            else:
                self._set_title(slide, view, self._continued(title) if continued else title)
            sparse = (area is not None or bool(merged)) and not continued and few(lines)
            rest = self._text(slide, view, "Body", lines, allow_overflow=True,
                              scale=SPARSE_SCALE if sparse else 1.0)
            if rest and len(rest) < len(lines):
                # The lines shared evenly among the slides they need, so that the last is not
                # left with one or two (a sources list of eight read 7 + 1).
                shown = len(lines) - len(rest)
                even = -(-len(lines) // -(-len(lines) // shown))
                if even < shown:
                    rest = self._text(slide, view, "Body", lines[:even],
                                      allow_overflow=True) + lines[even:]
            self._notes(slide, notes)
            if len(rest) == len(lines):  # not even one paragraph fits: never loop forever
                raise TemplateError([Problem(relpath(self.template), 0, 0, layout_name,
                                             "the body placeholder is too small for one "
                                             "paragraph at the minimum size",
                                             "enlarge the Body placeholder in the layout")])
            lines = rest
            continued = True


def drop_empty(slide: Slide) -> None:
    """A placeholder the slide left empty would show its prompt text in PowerPoint ("Click to
    add text") and an empty box elsewhere: remove it."""
    for shape in list(slide.placeholders):
        element = shape._element
        if element.tag == qn("p:sp") and not shape.text_frame.text.strip() and \
                element.find(f".//{qn('a:fld')}") is None:
            element.getparent().remove(element)


def title_first(slide: Slide) -> None:
    """The title first in the reading order (a screen reader's), wherever the house's layout
    put its title placeholder."""
    title = slide.shapes.title
    tree = slide.shapes._spTree
    shapes = [el for el in tree.iterchildren() if el.tag in
              (qn("p:sp"), qn("p:pic"), qn("p:graphicFrame"), qn("p:grpSp"), qn("p:cxnSp"))]
    if title is not None and shapes and shapes[0] is not title._element:
        shapes[0].addprevious(title._element)


def _slide_number_field(paragraph: _Paragraph, number: int) -> None:
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


def _next_id(slide: Slide) -> int:
    ids = [int(x) for x in slide.shapes._spTree.xpath("//p:cNvPr/@id")]
    return max(ids, default=1) + 1
