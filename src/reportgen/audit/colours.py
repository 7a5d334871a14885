"""Colours as Office stores them (theme slots, system colours, lighter and darker variants)
resolved to RGB, and the WCAG 2.1 contrast ratio between two of them."""

from __future__ import annotations

import colorsys
from typing import Any

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
WHITE = "FFFFFF"
# WCAG 2.1 AA: 1.4.3 (text; large text is at least 18 pt, or 14 pt bold) and 1.4.11 (graphics).
TEXT_RATIO, LARGE_TEXT_RATIO, GRAPHICS_RATIO = 4.5, 3.0, 3.0
# How a document names the theme's slots: Word's themeColor values and the slide master's
# colour map both lead to the twelve slots of a:clrScheme.
WORD_THEME_SLOTS = {"text1": "dk1", "background1": "lt1", "text2": "dk2", "background2": "lt2",
                    "dark1": "dk1", "light1": "lt1", "dark2": "dk2", "light2": "lt2",
                    "hyperlink": "hlink", "followedHyperlink": "folHlink"}
DEFAULT_COLOUR_MAP = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}


def _a(tag: str) -> str:
    return f"{{{A}}}{tag}"


def theme_colours(theme: Any) -> dict[str, str]:
    """The twelve slots of a theme part (lxml element of a:theme) as RGB hex."""
    scheme = theme.find(f".//{_a('clrScheme')}")
    slots: dict[str, str] = {}
    if scheme is None:
        return slots
    for slot in scheme:
        for colour in slot:
            value = colour.get("val") if colour.tag == _a("srgbClr") else colour.get("lastClr")
            if value:
                slots[slot.tag.split("}")[1]] = value.upper()
    return slots


def relative_luminance(rgb: str) -> float:
    """WCAG 2.1's relative luminance of an RGB hex colour."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(rgb[i:i + 2], 16)) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    """The WCAG contrast ratio of two colours, from 1 (none) to 21 (black on white)."""
    light, dark = sorted((relative_luminance(one), relative_luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _adjust(rgb: str, element: Any) -> str:
    """Apply a colour element's lumMod/lumOff, tint and shade children (DrawingML 20.1.2.3)."""
    r, g, b = (int(rgb[i:i + 2], 16) / 255 for i in (0, 2, 4))
    hue, light, sat = colorsys.rgb_to_hls(r, g, b)
    for child in element:
        name, value = child.tag.split("}")[1], int(child.get("val", "100000")) / 100000
        if name == "lumMod":
            light *= value
        elif name == "lumOff":
            light += value
        elif name == "tint":  # towards white
            light = 1 - (1 - light) * value
        elif name == "shade":  # towards black
            light *= value
    r, g, b = colorsys.hls_to_rgb(hue, min(max(light, 0.0), 1.0), sat)
    return "".join(f"{round(c * 255):02X}" for c in (r, g, b))


def drawing_colour(element: Any, slots: dict[str, str],
                   colour_map: dict[str, str] | None = None) -> str | None:
    """The RGB of a DrawingML colour choice (srgbClr, schemeClr, sysClr, prstClr) or of a fill
    holding one (solidFill; a pattern's foreground), None when it names no colour."""
    if element is None:
        return None
    tag = element.tag.split("}")[1]
    if tag == "solidFill":
        return drawing_colour(next(iter(element), None), slots, colour_map)
    if tag == "pattFill":
        return drawing_colour(element.find(_a("fgClr")), slots, colour_map)
    if tag == "fgClr":
        return drawing_colour(next(iter(element), None), slots, colour_map)
    if tag == "srgbClr":
        base = element.get("val", "").upper()
    elif tag == "sysClr":
        base = (element.get("lastClr") or "").upper()
    elif tag == "schemeClr":
        name = element.get("val", "")
        name = {**DEFAULT_COLOUR_MAP, **(colour_map or {})}.get(name, name)
        base = slots.get(name, "")
    elif tag == "prstClr":
        base = {"black": "000000", "white": "FFFFFF"}.get(element.get("val", ""), "")
    else:
        return None
    return _adjust(base, element) if len(base) == 6 else None


def word_colour(colour: Any, slots: dict[str, str], qn: Any) -> str | None:
    """The RGB of a WordprocessingML w:color (a theme colour wins over its cached value)."""
    theme = colour.get(qn("w:themeColor"))
    value = slots.get(WORD_THEME_SLOTS.get(theme, theme)) if theme else colour.get(qn("w:val"))
    if not value or value == "auto" or len(value) != 6:
        return None
    for attribute, towards_white in (("w:themeTint", True), ("w:themeShade", False)):
        amount = colour.get(qn(attribute))
        if amount and theme:
            factor = int(amount, 16) / 255
            channels = [int(value[i:i + 2], 16) for i in (0, 2, 4)]
            channels = [round(255 - (255 - c) * factor) if towards_white else round(c * factor)
                        for c in channels]
            value = "".join(f"{c:02X}" for c in channels)
    return value.upper()
