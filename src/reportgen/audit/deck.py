"""The accessibility check of a generated deck, read back from its slides: titles, reading order,
alternative text, tables, languages, colour only, contrast and links, each finding located at
its slide and shape."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import IO, Any

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

from reportgen.audit.colours import (
    GRAPHICS_RATIO,
    LARGE_TEXT_RATIO,
    TEXT_RATIO,
    WHITE,
    contrast,
    drawing_colour,
    theme_colours,
)
from reportgen.audit.wording import (
    alt_problem,
    finding,
    language_mismatch,
    language_scripts,
    link_problem,
    text_scripts,
)
from reportgen.errors import Problem

DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"
TITLE_TYPES = ("title", "ctrTitle")
# Placeholders a screen reader skips, which need no place in the reading order.
FURNITURE = ("ftr", "sldNum", "dt")
FILLS = ("a:solidFill", "a:pattFill")


class _Slide:
    """One slide with what its text is drawn on: its theme's colours and its background."""

    def __init__(self, number: int, slide: Any) -> None:
        self.number, self.slide = number, slide
        master = slide.slide_layout.slide_master
        self.master = master
        theme = master.part.part_related_by(RT.THEME)
        self.slots = theme_colours(etree.fromstring(theme.blob))
        mapping = master._element.find(qn("p:clrMap"))
        self.colour_map = dict(mapping.attrib) if mapping is not None else {}
        for owner in (slide, slide.slide_layout):  # a layout or slide may remap the colours
            override = owner._element.find(f"{qn('p:clrMapOvr')}/{qn('a:overrideClrMapping')}")
            if override is not None:
                self.colour_map = dict(override.attrib)
                break
        self.background = self._background()

    def colour(self, element: Any) -> str | None:
        return drawing_colour(element, self.slots, self.colour_map)

    def _background(self) -> str:
        for owner in (self.slide, self.slide.slide_layout, self.master):
            bg = owner._element.find(f"{qn('p:cSld')}/{qn('p:bg')}")
            if bg is None:
                continue
            fill = bg.find(f"{qn('p:bgPr')}/{qn('a:solidFill')}")
            stops = bg.findall(f"{qn('p:bgPr')}/{qn('a:gradFill')}/{qn('a:gsLst')}/{qn('a:gs')}")
            if fill is None and stops:  # a gradient: its middle stands for it
                fill = next(iter(stops[len(stops) // 2]), None)
            if fill is None:
                ref = bg.find(qn("p:bgRef"))
                fill = next(iter(ref), None) if ref is not None else None
            found = self.colour(fill) if fill is not None else None
            if found:
                return found
        return self.slots.get(self.colour_map.get("bg1", "lt1"), WHITE)

    def __str__(self) -> str:
        return f"slide {self.number}"


def audit_deck(source: bytes | IO[bytes], file: str,
               language: str | None = None) -> list[Problem]:
    """Every accessibility finding of a .pptx: its file name is only used to locate them."""
    data = source if isinstance(source, bytes) else source.read()
    deck = Presentation(io.BytesIO(data))
    found: list[Problem] = _deck_language(deck, file, language)
    titles: dict[str, int] = {}
    for number, slide in enumerate(deck.slides, 1):
        here = _Slide(number, slide)
        found += _title(here, file, titles)
        for shape in _shapes(slide.shapes):
            found += _alt(here, shape, file)
            found += _table(here, shape, file)
            found += _text(here, shape, file)
            if getattr(shape, "has_chart", False) and shape.has_chart:
                found += _chart(here, shape, file)
    return found


def _shapes(shapes: Any) -> Iterator[Any]:
    for shape in shapes:
        yield shape
        if shape.shape_type is not None and hasattr(shape, "shapes"):
            yield from _shapes(shape.shapes)


def _placeholder_type(shape: Any) -> str | None:
    ph = shape._element.find(f".//{qn('p:nvPr')}/{qn('p:ph')}")
    return ph.get("type", "body") if ph is not None else None


def _deck_language(deck: Any, file: str, language: str | None) -> list[Problem]:
    default = deck.part._element.find(
        f"{qn('p:defaultTextStyle')}/{qn('a:defPPr')}/{qn('a:defRPr')}")
    tag = default.get("lang") if default is not None else None
    if tag and language_scripts(tag) is not None:
        mismatch = language_mismatch(tag, language)
        return [finding(file, "deck language", mismatch, "set the language on the slide "
                        "master (Review › Language) and save the template")] if mismatch else []
    return [finding(file, "deck language", f"is {'not set' if not tag else repr(tag)}: a "
                    "screen reader would read the slides in its user's own language",
                    "set the language in PowerPoint (Review › Language) on the slide master "
                    "and save the template")]


def _title(here: _Slide, file: str, titles: dict[str, int]) -> list[Problem]:
    shapes = [s for s in here.slide.shapes if _placeholder_type(s) not in FURNITURE]
    title = next((s for s in shapes if _placeholder_type(s) in TITLE_TYPES), None)
    text = " ".join(title.text_frame.text.split()) if title is not None else ""
    if not text:
        return [finding(file, str(here), "has no title, so a screen reader's list of slides "
                        "shows it as untitled", "give its layout a title placeholder and fill "
                        "it")]
    found = []
    if text in titles:
        found.append(finding(file, f"{here}: title \"{text[:60]}\"", f"repeats the title of "
                             f"slide {titles[text]}", "make each slide's title say what is "
                             "on that slide"))
    titles.setdefault(text, here.number)
    if shapes[0] is not title:
        found.append(finding(file, f"{here}: title \"{text[:60]}\"", "is not the first shape "
                             f"read (\"{shapes[0].name}\" comes before it)", "move the title "
                             "to the top of the reading order (Home › Arrange › Selection "
                             "Pane; the order is bottom-up there)"))
    return found


def _alt(here: _Slide, shape: Any, file: str) -> list[Problem]:
    """Pictures, charts and other graphics say what they show (text boxes and tables speak for
    themselves)."""
    element = shape._element
    if element.tag == qn("p:pic") or (element.tag == qn("p:graphicFrame")
                                       and not getattr(shape, "has_table", False)):
        c_nv_pr = element.find(f".//{qn('p:cNvPr')}")
        if any(d.get("val") in ("1", "true") for d in c_nv_pr.iter(DECORATIVE)):
            return []
        problem = alt_problem(c_nv_pr.get("descr", ""), c_nv_pr.get("name", ""))
        if problem:
            return [finding(file, f"{here}: shape \"{shape.name}\"", problem,
                            "describe what it shows (PowerPoint: right-click › View Alt "
                            "Text), or mark it decorative")]
    return []


def _table(here: _Slide, shape: Any, file: str) -> list[Problem]:
    if not getattr(shape, "has_table", False):
        return []
    tbl = shape.table._tbl
    found = []
    pr = tbl.find(qn("a:tblPr"))
    if pr is None or pr.get("firstRow") not in ("1", "true"):
        found.append(finding(file, f"{here}: table \"{shape.name}\"", "has no header row",
                             "Table Design › Header Row"))
    header = tbl.find(qn("a:tr"))
    if header is not None and any(c.get("gridSpan", "1") != "1" or c.get("hMerge")
                                  or c.get("vMerge") for c in header.findall(qn("a:tc"))):
        found.append(finding(file, f"{here}: table \"{shape.name}\"", "has merged cells in its "
                             "header row", "split the header cells: one header per column"))
    return found


def _run_colour(here: _Slide, shape: Any, run: Any, level: int) -> str:
    """The colour a run is drawn in: its own, the shape's list style, its layout's and
    master's placeholder, the master's text styles, the theme's text colour."""
    rpr = run.find(qn("a:rPr"))
    for fill in FILLS:
        own = rpr.find(qn(fill)) if rpr is not None else None
        if own is not None:
            return here.colour(own) or WHITE
    lvl = f"a:lvl{level + 1}pPr"
    sources = [shape._element]
    kind = _placeholder_type(shape)
    base = shape
    while kind is not None and getattr(base, "_base_placeholder", None) is not None:
        base = base._base_placeholder
        sources.append(base._element)
    style = ("p:titleStyle" if kind in TITLE_TYPES else "p:bodyStyle" if kind else
             "p:otherStyle")
    styles = here.master._element.find(qn("p:txStyles"))
    for source in sources:
        for fill in FILLS:
            found = source.find(f".//{qn('a:lstStyle')}/{qn(lvl)}/{qn('a:defRPr')}/{qn(fill)}")
            if found is not None:
                return here.colour(found) or WHITE
    if styles is not None:
        for fill in FILLS:
            found = styles.find(f"{qn(style)}/{qn(lvl)}/{qn('a:defRPr')}/{qn(fill)}")
            if found is not None:
                return here.colour(found) or WHITE
    return here.slots.get(here.colour_map.get("tx1", "dk1"), "000000")


def _shape_fill(here: _Slide, shape: Any) -> str:
    """What a shape's text is drawn on: its own fill, else the topmost filled shape beneath its
    centre (the slide's, then its layout's and master's furniture), else the background."""
    own = _own_fill(here, shape)
    if own:
        return own
    if shape.left is None or shape.width is None:
        return here.background
    x, y = shape.left + shape.width // 2, shape.top + shape.height // 2
    layout = here.slide.slide_layout
    owners = [layout, here.slide]
    if layout._element.get("showMasterSp") not in ("0", "false"):
        owners.insert(0, here.master)
    beneath = here.background
    for owner in owners:
        for other in owner.shapes:
            if other._element is shape._element:
                return beneath
            fill = _fill_of(here, other._element)
            if fill is None or _placeholder_type(other) is not None or other.left is None:
                continue
            if other.left <= x <= other.left + other.width and \
                    other.top <= y <= other.top + other.height:
                beneath = fill
    return beneath


def _fill_of(here: _Slide, element: Any) -> str | None:
    """The colour an element's spPr fills it with: a solid fill, or the middle of a gradient."""
    pr = element.find(qn("p:spPr"))
    if pr is None:
        return None
    fill = pr.find(qn("a:solidFill"))
    if fill is not None:
        return here.colour(fill)
    stops = pr.findall(f"{qn('a:gradFill')}/{qn('a:gsLst')}/{qn('a:gs')}")
    if stops:
        return here.colour(next(iter(stops[len(stops) // 2]), None))
    return None


def _own_fill(here: _Slide, shape: Any) -> str | None:
    """A shape's own fill, or the one its placeholder inherits from its layout and master (a
    title band drawn by the title placeholder itself)."""
    base = shape
    while base is not None:
        found = _fill_of(here, base._element)
        if found:
            return found
        base = getattr(base, "_base_placeholder", None) if _placeholder_type(base) else None
    return None


def _text(here: _Slide, shape: Any, file: str) -> list[Problem]:
    if not getattr(shape, "has_text_frame", False) or not shape.has_text_frame:
        return []
    found: list[Problem] = []
    background = _shape_fill(here, shape)
    for paragraph in shape.text_frame.paragraphs:
        level = paragraph.level
        for run in paragraph._p.iter(qn("a:r")):
            text = "".join(t.text or "" for t in run.iter(qn("a:t")))
            if not text.strip():
                continue
            rgb = _run_colour(here, shape, run, level)
            size = run.find(qn("a:rPr"))
            points = int(size.get("sz", "1800")) / 100 if size is not None else 18.0
            bold = size is not None and size.get("b") in ("1", "true")
            needed = LARGE_TEXT_RATIO if points >= 18 or (bold and points >= 14) else TEXT_RATIO
            ratio = contrast(rgb, background)
            if ratio < needed:
                found.append(finding(file, f"{here}: shape \"{shape.name}\", text "
                                     f"\"{text.strip()[:40]}\"",
                                     f"#{rgb} on #{background} has a contrast of {ratio:.1f}:1, "
                                     f"under {needed}:1", "darken the text colour in the "
                                     "template's theme or slide master"))
            found += _language(here, shape, run, text, file)
            link = run.find(f"{qn('a:rPr')}/{qn('a:hlinkClick')}")
            problem = link_problem(text) if link is not None else None
            if problem:
                found.append(finding(file, f"{here}: shape \"{shape.name}\", link", problem,
                                     "let the link's text name where it goes"))
    return found


def _language(here: _Slide, shape: Any, run: Any, text: str, file: str) -> list[Problem]:
    scripts = text_scripts(text)
    if not scripts:
        return []
    rpr = run.find(qn("a:rPr"))
    tags = [t for t in ((rpr.get("lang"), rpr.get("altLang")) if rpr is not None else ()) if t]
    if not tags:
        return []  # untagged runs take the deck's language, checked once
    written = set().union(*(language_scripts(t) or set() for t in tags))
    # PowerPoint tags a run with one language. Latin letters belong to text in any language
    # (units, abbreviations, names: "40MW" in a CJK sentence), other scripts do not.
    missing = scripts - written - {"Latn"}
    if not missing:
        return []
    return [finding(file, f"{here}: shape \"{shape.name}\", text \"{text.strip()[:40]}\"",
                    f"is in {', '.join(sorted(missing))} script but tagged {tags[0]}",
                    "tag the run with its language (Review › Language)")]


def _chart(here: _Slide, shape: Any, file: str) -> list[Problem]:
    """Every bar, line or slice stands out from the background (3:1), and what tells points
    apart is not colour alone: each point is labelled, or they differ in pattern too."""
    space = shape.chart._chartSpace
    c = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
    background = here.background
    for frame in (space.find(f"{c}chart/{c}plotArea/{c}spPr"), space.find(f"{c}spPr")):
        fill = frame.find(qn("a:solidFill")) if frame is not None else None
        if fill is not None:
            background = here.colour(fill) or background
            break
    found: list[Problem] = []
    fills: set[tuple[str, str]] = set()
    labelled = True
    for series in space.iter(f"{c}ser"):
        points = [series, *series.findall(f"{c}dPt")]
        for point in points:
            pr = point.find(f"{c}spPr")
            if pr is None:
                continue
            for kind in FILLS:
                fill = pr.find(qn(kind))
                rgb = here.colour(fill) if fill is not None else None
                if rgb:
                    fills.add((rgb, kind))
        labels = series.find(f"{c}dLbls")
        shown = labels is not None and (
            any(el.get("val") == "1" for el in labels.iter(f"{c}showVal", f"{c}showCatName"))
            or labels.find(f"{c}dLbl") is not None)
        labelled = labelled and shown
    for rgb, _kind in sorted(fills):
        ratio = contrast(rgb, background)
        if ratio < GRAPHICS_RATIO:
            found.append(finding(file, f"{here}: chart \"{shape.name}\"",
                                 f"draws in #{rgb} on #{background}, a contrast of "
                                 f"{ratio:.1f}:1, under {GRAPHICS_RATIO}:1",
                                 "darken the theme colour the chart uses (Design › Variants › "
                                 "Colors)"))
    colours = {rgb for rgb, kind in fills if kind == "a:solidFill"}
    if len(colours) > 1 and not labelled:
        found.append(finding(file, f"{here}: chart \"{shape.name}\"", "tells its points apart "
                             "by colour alone", "label each point, or give them patterns"))
    return found
