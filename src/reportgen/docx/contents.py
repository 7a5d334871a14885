"""The briefing's contents and its lists of figures and tables, written between the cover and
the first heading: each a titled TOC field whose entries link to their bookmarks, with the page
a layout pass measured, at a tab on the right margin; the titles kept out of the house's heading
numbering."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.paragraph import CT_P
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.styles.style import CharacterStyle
from docx.text.paragraph import Paragraph

from reportgen.docx.fields import ContentsEntry, PageOf, Tab, index_paragraphs

CONTENTS_FIELD = 'TOC \\o "1-2" \\h \\z \\u'


def write_contents(first: Paragraph, entries: list[ContentsEntry],
                   paragraph: Callable[[str, str], Paragraph], styles: Mapping[str, Any],
                   labels: Mapping[str, str], text_width: int, page_of: PageOf
                   ) -> list[ContentsEntry]:
    """Contents and lists of figures and tables (of entries), before the first heading;
    `paragraph` adds a paragraph of a role's style, `text_width` is in twips.

    Returns their titles, as entries without a bookmark: a layout pass looks for the body's
    headings after them, so that a section called "Figures" is not found in the contents.
    """
    parts: list[BaseOxmlElement] = []
    titles: list[ContentsEntry] = []

    def index(heading: str, instruction: str, listed: list[tuple[str, ContentsEntry]]) -> None:
        title = paragraph("contents_heading", heading)
        _unnumbered(title._p, styles["contents_heading"])
        titles.append(ContentsEntry("index", "", heading))
        parts.append(title._p)
        parts.extend(index_paragraphs(instruction, [
            (styles[style].style_id, _margin_tab(styles[style], text_width), e,
             page_of(e.bookmark)) for style, e in listed]))

    headings = [(f"contents{e.kind}", e) for e in entries if e.kind in ("1", "2")]
    index(labels["heading.contents"], CONTENTS_FIELD, headings)
    for kind, key in (("Figure", "heading.figures"), ("Table", "heading.tables")):
        captions = [("figures_list", e) for e in entries if e.kind == kind]
        if captions:
            index(labels[key], f'TOC \\h \\z \\c "{kind}"', captions)
    for element in parts:
        first._p.addprevious(element)
    # The body starts on a page of its own, after the contents.
    first.paragraph_format.page_break_before = True
    return titles


def _margin_tab(style: CharacterStyle, text_width: int) -> list[Tab]:
    """The page number's tab at the right margin of the template's page, with the leader of
    the style's own right tab (dots if it has none); that tab cleared where it differs."""

    right = [t for t in style.element.iter(qn("w:tab"))
             if t.get(qn("w:val")) in ("right", "end")]
    leader = right[0].get(qn("w:leader"), "none") if right else "dot"
    tabs: list[Tab] = [("right", leader, text_width)]
    tabs += [("clear", "none", int(t.get(qn("w:pos")))) for t in right
             if int(t.get(qn("w:pos"))) != text_width]
    return tabs


def _unnumbered(p: CT_P, style: CharacterStyle) -> None:
    """Keep the title of the contents or a list out of the house's heading numbering and out of
    the contents, where its style (a house's TOC Heading is often based on Heading 1) would put
    it: "1 CONTENTS". Only where the style would, so other templates stay as they were."""
    ppr = p.get_or_add_pPr()
    chain = list(_style_chain(style))
    if any(s.element.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None for s in chain):
        ppr.get_or_add_numPr().get_or_add_numId().val = 0
    levels = [s.element.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}") for s in chain]
    level = next((el for el in levels if el is not None), None)
    if level is not None and int(level.get(qn("w:val"), "9")) < 9:
        ppr.insert_element_before(_outline_body(), "w:divId", "w:cnfStyle", "w:rPr",
                                  "w:sectPr", "w:pPrChange")


def _style_chain(style: CharacterStyle | None) -> Iterator[CharacterStyle]:
    seen: set[str] = set()
    while style is not None and style.style_id not in seen:
        seen.add(style.style_id)
        yield style
        style = style.base_style


def _outline_body() -> BaseOxmlElement:
    level = OxmlElement("w:outlineLvl")
    level.set(qn("w:val"), "9")
    return level
