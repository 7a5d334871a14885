"""Measure text with the real font metrics of the template's fonts, to fit it into a box."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from matplotlib import font_manager
from PIL import ImageFont

# Office fonts and their metric-compatible free equivalents, which LibreOffice substitutes.
METRIC_TWINS = {"Calibri": "Carlito", "Cambria": "Caladea", "Arial": "Liberation Sans",
                "Times New Roman": "Liberation Serif", "Courier New": "Liberation Mono"}
LINE_HEIGHT = 1.22   # Calibri/Carlito ascent + descent as a multiple of the size
SAFETY = 0.96        # renderers differ slightly in kerning: keep a margin on each line


@dataclass(frozen=True)
class FitParagraph:
    """A paragraph to fit: its text, whether it is bold, and its size relative to the base size."""

    text: str
    bold: bool = False
    scale: float = 1.0
    indent_pt: float = 0.0
    space_before_pt: float = 6.0


@functools.lru_cache(maxsize=16)
def _font(family: str, bold: bool) -> object:
    props = font_manager.FontProperties(family=METRIC_TWINS.get(family, family),
                                        weight="bold" if bold else "normal")
    path = font_manager.findfont(props, fallback_to_default=True)
    return ImageFont.truetype(path, size=100)


def text_width(text: str, size_pt: float, family: str, bold: bool = False) -> float:
    """Width of one line of text in points."""
    font = _font(family, bold)
    return float(font.getlength(text)) * size_pt / 100  # type: ignore[attr-defined]


def wrap_lines(text: str, size_pt: float, width_pt: float, family: str,
               bold: bool = False) -> list[str]:
    """The text broken at spaces into lines no wider than width_pt (a long word stays whole)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}" if current else word
        if current and text_width(trial, size_pt, family, bold) > width_pt * SAFETY:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return lines


def wrap(text: str, size_pt: float, width_pt: float, family: str, bold: bool = False) -> int:
    """How many lines the text takes when wrapped at word boundaries to width_pt."""
    return max(len(wrap_lines(text, size_pt, width_pt, family, bold)), 1)


def break_lines(parts: tuple[str, ...] | list[str], size_pt: float, width_pt: float, family: str,
                max_lines: int, bold: bool = False) -> list[str]:
    """Each part wrapped to width_pt; past max_lines, the longest part loses lines and ends in '…'.

    For labels in charts, whose renderers wrap (or overflow) in their own ways: breaking the
    lines here, with the real font metrics, gives the same picture everywhere. A label's last
    part (a period, say) is kept whole as long as the first can give way.
    """
    groups = [wrap_lines(part, size_pt, width_pt, family, bold) or [""] for part in parts]
    max_lines = max(max_lines, len(groups))
    while sum(len(g) for g in groups) > max_lines:
        longest = max(groups, key=len)
        del longest[-1]
        line = longest[-1].rstrip(" ,;:.") + "…"
        while " " in line and text_width(line, size_pt, family, bold) > width_pt * SAFETY:
            line = line.rsplit(" ", 1)[0].rstrip(" ,;:.") + "…"
        longest[-1] = line
    return [line for group in groups for line in group]


def height(paras: list[FitParagraph], size_pt: float, width_pt: float, family: str) -> float:
    total = 0.0
    for i, p in enumerate(paras):
        size = size_pt * p.scale
        n = wrap(p.text, size, width_pt - p.indent_pt, family, p.bold)
        total += n * size * LINE_HEIGHT + (p.space_before_pt if i else 0.0)
    return total


def fit_size(paras: list[FitParagraph], width_pt: float, height_pt: float, family: str,
             start_pt: float, floor_pt: float) -> float | None:
    """The largest size from start down to floor (in half points) at which the text fits."""
    size = start_pt
    while size >= floor_pt:
        if height(paras, size, width_pt, family) <= height_pt:
            return size
        size -= 0.5
    return None
