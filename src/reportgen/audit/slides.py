"""A built deck read back for the house-style check (audit/prose.py): each slide's title, its
points (bulleted or not), its headings and whether a picture shows what it says."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.oxml.ns import qn


@dataclass(frozen=True)
class _Slide:
    number: int
    title: str
    points: list[str]  # the paragraphs of its text but the title, footer, date and number
    bullets: int  # how many of them are points (a bullet; not a heading, a note or a source)
    pictured: bool  # a chart, picture or table shows what the slide says
    headings: list[str] = field(default_factory=list)  # bold lines without a bullet
    bulleted: list[str] = field(default_factory=list)  # the points with a bullet


def _slides(document: IO[bytes]) -> Iterator[_Slide]:
    deck = Presentation(document)
    margins = (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.DATE)
    for number, slide in enumerate(deck.slides, 1):
        title = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
        paragraphs = [p for shape in slide.shapes
                      if shape.has_text_frame and shape != slide.shapes.title and not (
                          shape.is_placeholder and shape.placeholder_format.type in margins)
                      for p in shape.text_frame.paragraphs if p.text.strip()]
        bulleted = [p for p in paragraphs
                    if p._p.pPr is None or p._p.pPr.find(qn("a:buNone")) is None]
        headings = [p.text for p in paragraphs if p not in bulleted and p.runs
                    and all(r.font.bold for r in p.runs if r.text.strip())]
        pictured = any(shape.shape_type in (MSO_SHAPE_TYPE.PICTURE, MSO_SHAPE_TYPE.TABLE)
                       or getattr(shape, "has_chart", False) or getattr(shape, "has_table", False)
                       or shape.is_placeholder and shape.placeholder_format.type in (
                           PP_PLACEHOLDER.PICTURE, PP_PLACEHOLDER.CHART, PP_PLACEHOLDER.TABLE)
                       for shape in slide.shapes)
        yield _Slide(number, title, [p.text for p in paragraphs], len(bulleted), pictured,
                     headings, [p.text for p in bulleted])
