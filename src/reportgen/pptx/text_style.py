"""How a placeholder sets its text, read as PowerPoint and LibreOffice read it: from the layout's
placeholder, then the master's placeholder it inherits from, then the master's text styles, then
the theme's fonts. Text is measured with what is read here (its font, spacing between lines and
paragraphs, the box's insets, the bullet's hanging indent), so a house template's text fits the
boxes the way it will be drawn.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.shapes.placeholder import LayoutPlaceholder
from pptx.slide import SlideMaster
from pptx.util import Emu, Inches

from reportgen.pptx.roles import FURNITURE, TITLES, kind_of
from reportgen.render.text_measure import line_height, text_width

# Office's own insets where no placeholder of the chain sets one: 0.1" left and right, 0.05"
# top and bottom.
DEFAULT_INSETS = (int(Inches(0.1)), int(Inches(0.05)), int(Inches(0.1)), int(Inches(0.05)))
_INSETS = ("lIns", "tIns", "rIns", "bIns")
_AUTOFIT = {"noAutofit": "none", "normAutofit": "shrink", "spAutoFit": "grow"}


@dataclass(frozen=True)
class TextStyle:
    """A placeholder's first-level text as its layout, master and theme set it."""

    font: str
    line: float  # a line's height as a multiple of the size (the font's, times its spacing)
    space_before_pt: float  # before each paragraph but the first, at the size the style sets
    insets: tuple[int, int, int, int]  # left, top, right, bottom, in EMU
    margin_pt: float  # a bullet paragraph's left margin (marL)
    hanging_pt: float  # how far its bullet hangs left of the text (-indent)
    bullet: str  # the bullet character
    bullet_font: str
    autofit: str  # "none", "shrink" (normAutofit), "grow" (spAutoFit), "" (not set)
    scaled: bool  # a shrink that carries the scale PowerPoint found for the layout's sample text

    def bullet_indent(self, size_pt: float) -> tuple[float, float]:
        """A bullet paragraph's left margin and hanging indent at size_pt: the style's, widened
        where the hang leaves less than a space of the text's font between the bullet and the
        text, as it does at the sizes a sparse slide is set in (the bullet grows with the size,
        the house's hang does not)."""
        need = text_width(self.bullet, size_pt, self.bullet_font) + \
            text_width(" ", size_pt, self.font)
        if need <= self.hanging_pt:
            return self.margin_pt, self.hanging_pt
        return self.margin_pt + need - self.hanging_pt, need


def text_style(ph: LayoutPlaceholder, theme_fonts: tuple[str, str]) -> TextStyle:
    """The style of a layout placeholder's text; theme_fonts: the theme's major and minor Latin
    fonts, which +mj-lt and +mn-lt name."""
    chain = _chain(ph)
    ppr = [el.find(f"{qn('p:txBody')}/{qn('a:lstStyle')}/{qn('a:lvl1pPr')}") for el in chain]
    ppr += [_master_style(ph)]
    levels = [p for p in ppr if p is not None]
    title = kind_of(ph) in TITLES
    major, minor = theme_fonts
    font = _first(levels, f"{qn('a:defRPr')}/{qn('a:latin')}", "typeface") or (
        "+mj-lt" if title else "+mn-lt")
    font = {"+mj-lt": major, "+mn-lt": minor}.get(font, font)
    size = _own_size(levels)
    spacing = _first(levels, f"{qn('a:lnSpc')}/{qn('a:spcPct')}", "val")
    before_pts = _first(levels, f"{qn('a:spcBef')}/{qn('a:spcPts')}", "val")
    before_pct = _first(levels, f"{qn('a:spcBef')}/{qn('a:spcPct')}", "val")
    before = int(before_pts) / 100 if before_pts is not None else (
        int(before_pct) / 100_000 * size if before_pct is not None else 0.0)
    margin = next((p.get("marL") for p in levels if p.get("marL") is not None), "0")
    indent = next((p.get("indent") for p in levels if p.get("indent") is not None), "0")
    bullet_font = _first(levels, qn("a:buFont"), "typeface") or font
    bullet = _first(levels, qn("a:buChar"), "char") or "•"
    bodies = [el.find(f"{qn('p:txBody')}/{qn('a:bodyPr')}") for el in chain]
    bodies = [b for b in bodies if b is not None]
    left, top, right, bottom = (
        int(next((b.get(name) for b in bodies if b.get(name) is not None), default))
        for name, default in zip(_INSETS, DEFAULT_INSETS, strict=True))
    fit = next((child for b in bodies for child in b
                if etree.QName(child).localname in _AUTOFIT), None)
    autofit = _AUTOFIT[etree.QName(fit).localname] if fit is not None else ""
    scaled = fit is not None and bool({"fontScale", "lnSpcReduction"} & set(fit.attrib))
    # Line spacing below 100% is measured as 100%: renderers differ in how they tighten it.
    line = line_height(font) * max(int(spacing) / 100_000 if spacing else 1.0, 1.0)
    return TextStyle(font, line, before, (left, top, right, bottom), Emu(int(margin)).pt,
                     -Emu(int(indent)).pt, bullet, bullet_font, autofit, scaled)


def theme_fonts(master: SlideMaster) -> tuple[str, str]:
    """The theme's major and minor Latin fonts (Office's Calibri where there are none)."""
    try:
        theme = master.part.part_related_by(RT.THEME).blob
    except KeyError:  # no theme: Office's own font stands in
        theme = b""
    return _theme_fonts(theme)


@functools.lru_cache(maxsize=8)
def _theme_fonts(theme: bytes) -> tuple[str, str]:
    try:
        root = etree.fromstring(theme) if theme else None
    except etree.XMLSyntaxError:
        root = None
    def latin(kind: str) -> str:
        found = [] if root is None else root.xpath(
            f"//a:{kind}/a:latin/@typeface",
            namespaces={"a": "http://schemas.openxmlformats.org/drawingml/2006/main"})
        return str(found[0]) if found else "Calibri"

    return latin("majorFont"), latin("minorFont")


def _chain(ph: LayoutPlaceholder) -> list[etree._Element]:
    """The placeholder's element, then the master's placeholder it inherits from."""
    chain = [ph._element]
    base = getattr(ph, "_base_placeholder", None)
    if base is not None:
        chain.append(base._element)
    return chain


def _master_style(ph: LayoutPlaceholder) -> etree._Element | None:
    """The master's text style of the placeholder's kind: titles', the footer's and its kin's
    (otherStyle), or the body's."""
    master = ph.part.slide_master if hasattr(ph.part, "slide_master") else None
    if master is None:
        return None
    kind = kind_of(ph)
    style = "p:titleStyle" if kind in TITLES else "p:otherStyle" if kind in FURNITURE \
        else "p:bodyStyle"
    return master._element.find(f"{qn('p:txStyles')}/{qn(style)}/{qn('a:lvl1pPr')}")


def _first(levels: list[etree._Element], path: str, attribute: str) -> str | None:
    for level in levels:
        found = level.find(path)
        if found is not None and found.get(attribute) is not None:
            return str(found.get(attribute))
    return None


def _own_size(levels: list[etree._Element]) -> float:
    size = _first(levels, qn("a:defRPr"), "sz")
    return int(size) / 100 if size else 18.0
