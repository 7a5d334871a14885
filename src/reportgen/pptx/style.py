"""The deck's look, read from the template: each placeholder's own text size (its layout, its
master, the master's text styles) and the theme colours to draw emphasis and notes in.

The one table of what reportgen itself decides is here: how far text may shrink below its
placeholder's own size before it continues on a further slide (or is refused).
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.shapes.placeholder import LayoutPlaceholder
from pptx.slide import SlideMaster

from reportgen.audit.colours import DEFAULT_COLOUR_MAP, contrast, relative_luminance, theme_colours
from reportgen.pptx.roles import TITLES, kind_of

# Text shrinks from its placeholder's own size down to the smaller of a floor in points and a
# share of that size: a title box set for 22 pt may take a long title at 16.5 pt; a body set
# for 20 pt goes down to 14 pt, then continues on a further slide.
SHRINK: dict[str, tuple[float, float]] = {
    "Title": (24.0, 0.75), "Subtitle": (14.0, 0.7), "Marking": (9.0, 0.75),
    "Date": (11.0, 0.75), "Body": (14.0, 1.0), "Takeaways": (14.0, 1.0),
    "Figure": (11.0, 0.7), "Caption": (11.0, 0.9), "Footer": (8.0, 0.7),
}
FALLBACK_PT = 18.0  # PowerPoint's own size for text no style sizes
SPARSE_SCALE = 1.4  # a section's slide of a few points: its body size times this, at most
CAPTION_SCALE = 0.6  # a caption the layout has no box for: of the chart box's own text size


def own_size(ph: LayoutPlaceholder) -> float:
    """The size a layout placeholder's first-level text takes where the slide sets none."""
    lvl = f"{qn('a:lstStyle')}/{qn('a:lvl1pPr')}/{qn('a:defRPr')}"
    sources = [ph._element]
    base = getattr(ph, "_base_placeholder", None)
    if base is not None:
        sources.append(base._element)
    for element in sources:
        found = element.find(f"{qn('p:txBody')}/{lvl}")
        if found is not None and found.get("sz"):
            return int(found.get("sz")) / 100
    master = ph.part.slide_master if hasattr(ph.part, "slide_master") else None
    if master is not None:
        style = "p:titleStyle" if kind_of(ph) in TITLES else "p:bodyStyle"
        found = master._element.find(f"{qn('p:txStyles')}/{qn(style)}/{qn('a:lvl1pPr')}/"
                                     f"{qn('a:defRPr')}")
        if found is not None and found.get("sz"):
            return int(found.get("sz")) / 100
    return FALLBACK_PT


def fit_range(role: str, ph: LayoutPlaceholder) -> tuple[float, float]:
    """From which size down to which a part's text is fitted into its placeholder."""
    start = own_size(ph)
    floor, share = SHRINK["Figure" if role.startswith("Figure") else role]
    return start, min(floor, start * share)


@dataclass(frozen=True)
class Ink:
    """A theme colour to draw text in: a slot of the master's colour map, lighter or darker."""

    slot: str
    lum_mod: int | None = None
    lum_off: int | None = None

    def element(self) -> etree._Element:
        fill = etree.Element(qn("a:solidFill"))
        colour = etree.SubElement(fill, qn("a:schemeClr"), val=self.slot)
        if self.lum_mod is not None:
            etree.SubElement(colour, qn("a:lumMod"), val=str(self.lum_mod))
        if self.lum_off is not None:
            etree.SubElement(colour, qn("a:lumOff"), val=str(self.lum_off))
        return fill


@dataclass(frozen=True)
class Palette:
    """Emphasis (a key figure's value) and muted text (its period, the note under the sources),
    chosen from the theme so that they read on the master's background, light or dark."""

    emphasis: Ink
    muted: Ink

    def ink(self, role: str | None) -> Ink | None:
        return {"emphasis": self.emphasis, "muted": self.muted}.get(role or "")


def palette(master: SlideMaster) -> Palette:
    try:
        slots = theme_colours(etree.fromstring(master.part.part_related_by(RT.THEME).blob))
    except (KeyError, etree.XMLSyntaxError):  # no theme: Office's own colours stand in
        slots = {}
    mapping = master._element.find(qn("p:clrMap"))
    colour_map = {**DEFAULT_COLOUR_MAP, **(dict(mapping.attrib) if mapping is not None else {})}
    text = slots.get(colour_map["tx1"], "000000")
    background = slots.get(colour_map["bg1"], "FFFFFF")
    accent = slots.get(colour_map["tx2"], text)
    emphasis = Ink("tx2") if contrast(accent, background) >= 4.5 else Ink("tx1")
    # "Text 1, lighter 35%" on a light theme; on a dark one its text is light: darker 15%.
    muted = Ink("tx1", 65000, 35000) if relative_luminance(text) < 0.5 else Ink("tx1", 85000)
    return Palette(emphasis, muted)
