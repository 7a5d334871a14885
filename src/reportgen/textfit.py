"""Measure text with the real font metrics of the template's fonts, to fit it into a box."""

from __future__ import annotations

import functools
from dataclasses import dataclass

# Office fonts and their metric-compatible free equivalents, which LibreOffice substitutes.
METRIC_TWINS = {"Calibri": "Carlito", "Cambria": "Caladea", "Arial": "Liberation Sans",
                "Times New Roman": "Liberation Serif", "Courier New": "Liberation Mono"}
LINE_HEIGHT = 1.22   # Calibri/Carlito ascent + descent as a multiple of the size
SAFETY = 0.96        # renderers differ slightly in kerning: keep a margin on each line


@dataclass(frozen=True)
class Para:
    """A paragraph to fit: its text, whether it is bold, and its size relative to the base size."""

    text: str
    bold: bool = False
    scale: float = 1.0
    indent_pt: float = 0.0
    space_before_pt: float = 6.0


@functools.lru_cache(maxsize=16)
def _font(family: str, bold: bool) -> object:
    from matplotlib import font_manager
    from PIL import ImageFont

    props = font_manager.FontProperties(family=METRIC_TWINS.get(family, family),
                                        weight="bold" if bold else "normal")
    path = font_manager.findfont(props, fallback_to_default=True)
    return ImageFont.truetype(path, size=100)


def text_width(text: str, size_pt: float, family: str, bold: bool = False) -> float:
    """Width of one line of text in points."""
    font = _font(family, bold)
    return float(font.getlength(text)) * size_pt / 100  # type: ignore[attr-defined]


def wrap(text: str, size_pt: float, width_pt: float, family: str, bold: bool = False) -> int:
    """How many lines the text takes when wrapped at word boundaries to width_pt."""
    lines, current = 0, ""
    for word in text.split():
        trial = f"{current} {word}" if current else word
        if current and text_width(trial, size_pt, family, bold) > width_pt * SAFETY:
            lines += 1
            current = word
        else:
            current = trial
    return lines + 1 if current else max(lines, 1)


def height(paras: list[Para], size_pt: float, width_pt: float, family: str) -> float:
    total = 0.0
    for i, p in enumerate(paras):
        size = size_pt * p.scale
        n = wrap(p.text, size, width_pt - p.indent_pt, family, p.bold)
        total += n * size * LINE_HEIGHT + (p.space_before_pt if i else 0.0)
    return total


def fit_size(paras: list[Para], width_pt: float, height_pt: float, family: str,
             start_pt: float, floor_pt: float) -> float | None:
    """The largest size from start down to floor (in half points) at which the text fits."""
    size = start_pt
    while size >= floor_pt:
        if height(paras, size, width_pt, family) <= height_pt:
            return size
        size -= 0.5
    return None
