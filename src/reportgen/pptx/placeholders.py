"""Placeholders of a slide, found by their name in the layout and filled with measured text.

Text is fitted with the real font metrics (render/text_measure.py) into the placeholder's own
size less its own margins, as the layout defines them, so a restyled template is measured right.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from reportgen.errors import Problem, TemplateError, relpath
from reportgen.render.text_measure import FitParagraph, fit_size

BULLET_INDENT_PT = 18.0


@dataclass(frozen=True)
class SlideText:
    """A paragraph for a slide: text, bullet or not, bold, size relative to the base size."""

    text: str
    bullet: bool = True
    bold: bool = False
    scale: float = 1.0
    color: str | None = None


def names(layout: Any) -> list[str]:
    return [ph.name for ph in layout.placeholders]


def _layout_placeholder(layout: Any, name: str) -> Any:
    return next((ph for ph in layout.placeholders if ph.name == name), None)


class Placeholders:
    """Find, drop and fill the named placeholders of slides made from one template."""

    def __init__(self, template: Path, font: str) -> None:
        self.template = template
        self.font = font

    def find(self, slide: Any, layout: Any, name: str) -> Any:
        ph = _layout_placeholder(layout, name)
        if ph is None:
            raise TemplateError([Problem(relpath(self.template), 0, 0, f"layout '{layout.name}'",
                                         f"no placeholder named '{name}'",
                                         "placeholders: " + ", ".join(names(layout)))])
        return slide.placeholders[ph.placeholder_format.idx]

    def drop(self, slide: Any, layout: Any, name: str) -> None:
        el = self.find(slide, layout, name)._element
        el.getparent().remove(el)

    def room(self, shape: Any, layout: Any, name: str) -> tuple[float, float]:
        """Width and height in points that text has inside a placeholder, less its margins."""
        frame = _layout_placeholder(layout, name).text_frame
        width = Emu(shape.width - frame.margin_left - frame.margin_right).pt
        height = Emu(shape.height - frame.margin_top - frame.margin_bottom).pt
        return width, height

    def fits(self, slide: Any, layout: Any, name: str, lines: list[SlideText], start: float,
             floor: float) -> bool:
        width, height = self.room(self.find(slide, layout, name), layout, name)
        return fit_size(_paras(lines), width, height, self.font, start, floor) is not None

    def fill(self, slide: Any, layout: Any, name: str, lines: list[SlideText], start: float,
             floor: float, allow_overflow: bool = False) -> list[SlideText]:
        """Fill a placeholder with as many lines as fit (measured); return the ones left over.

        Without allow_overflow, text that does not fit even at `floor` is a template error.
        """
        shape = self.find(slide, layout, name)
        if not lines:
            self.drop(slide, layout, name)
            return []
        width, height = self.room(shape, layout, name)
        count = len(lines)
        size = None
        while count > 0:
            size = fit_size(_paras(lines[:count]), width, height, self.font, start, floor)
            if size is not None or not allow_overflow:
                break
            count -= 1
        if size is None:
            if allow_overflow:
                self.drop(slide, layout, name)
                return lines
            raise TemplateError([Problem(relpath(self.template), 0, 0, f"{layout.name} › {name}",
                                         f"text does not fit even at {floor:g} pt: "
                                         f"{lines[0].text[:60]}…",
                                         "shorten the text or enlarge the placeholder")])
        write_lines(shape.text_frame, lines[:count], size)
        return lines[count:]


def _paras(lines: list[SlideText]) -> list[FitParagraph]:
    return [FitParagraph(ln.text, ln.bold, ln.scale, BULLET_INDENT_PT if ln.bullet else 0.0)
            for ln in lines]


def place(shape: Any, left: int, top: int, width: int, height: int) -> None:
    """Give a placeholder its own position and size (all four, so nothing is half inherited)."""
    shape.left, shape.top, shape.width, shape.height = left, top, width, height


def write_lines(tf: Any, lines: list[SlideText], size: float) -> None:
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
    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.set("marL", "0")
    p_pr.set("indent", "0")
    if p_pr.find(qn("a:buNone")) is None:
        etree.SubElement(p_pr, qn("a:buNone"))
