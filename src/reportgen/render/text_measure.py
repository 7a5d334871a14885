"""Measure text with the real font metrics of the template's fonts, to fit it into a box."""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

from matplotlib import font_manager
from PIL import ImageFont

from reportgen.render.fonts import EAST_ASIAN, INSTALLED, font_for, font_list, installed

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
    path = font_list().findfont(props, fallback_to_default=True)
    return ImageFont.truetype(path, size=100)


def _runs(text: str, family: str) -> list[tuple[str, str]]:
    """The text cut where the font drawing it changes: a template's Latin font draws no CJK,
    which the renderers take from the East Asian font (as LibreOffice and Office do)."""
    fonts = installed([METRIC_TWINS.get(family, family), EAST_ASIAN, INSTALLED.format(EAST_ASIAN)])
    runs: list[tuple[str, str]] = []
    for char in text:
        face = (font_for(char, fonts) if not char.isspace() else None) or (
            runs[-1][0] if runs else family)
        if runs and runs[-1][0] == face:
            runs[-1] = (face, runs[-1][1] + char)
        else:
            runs.append((face, char))
    return runs


@functools.lru_cache(maxsize=1 << 16)
def _length(text: str, family: str, bold: bool) -> float:
    """Width of one line of text at 100 pt. Kept per text: a fit measures the same words and
    lines again at each size it tries (the width scales with the size; kerning and shaping
    make a line's width other than the sum of its words', so a line is measured whole)."""
    total = 0.0
    for face, part in _runs(text, family):
        total += float(_font(face, bold).getlength(part))  # type: ignore[attr-defined]
    return total


def text_width(text: str, size_pt: float, family: str, bold: bool = False) -> float:
    """Width of one line of text in points, each character measured in the font that draws it."""
    return _length(text, family, bold) * size_pt / 100


def _wide(char: str) -> bool:
    """A character of the scripts written without spaces (CJK: Han, kana), full-width."""
    return unicodedata.east_asian_width(char) in ("W", "F")


# A line may break after any wide character, but never before a closing mark: "增长，" stays.
_CLOSING = set("，。、；：！？）》」』”’")


@functools.lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[tuple[str, bool], ...]:
    """The text as pieces a line may break between, each with whether a space came before it:
    words between spaces, and in CJK text each character (with the marks that close after it)."""
    tokens: list[tuple[str, bool]] = []
    space = False
    for word in text.split(" "):
        if not word:
            space = True
            continue
        piece = ""
        for char in word:
            if piece and (_wide(char) or _wide(piece[-1])) and char not in _CLOSING:
                tokens.append((piece, space))
                piece, space = "", False
            piece += char
        tokens.append((piece, space))
        space = True
    return tuple(tokens)


def wrap_lines(text: str, size_pt: float, width_pt: float, family: str,
               bold: bool = False) -> list[str]:
    """The text broken into lines no wider than width_pt: at spaces, and between the characters
    of Han or kana (CJK) (a long word stays whole)."""
    return list(_wrapped(text, size_pt, width_pt, family, bold))


@functools.lru_cache(maxsize=1 << 14)
def _wrapped(text: str, size_pt: float, width_pt: float, family: str,
             bold: bool) -> tuple[str, ...]:
    lines: list[str] = []
    current = ""
    for word, spaced in _tokens(" ".join(text.split())):
        trial = (f"{current} {word}" if spaced else current + word) if current else word
        if current and text_width(trial, size_pt, family, bold) > width_pt * SAFETY:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return tuple(lines)


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
        while len(line) > 2 and text_width(line, size_pt, family, bold) > width_pt * SAFETY:
            # a word less, or in CJK text (no spaces) a character less
            cut = line.rsplit(" ", 1)[0] if " " in line else line[:-2]
            line = cut.rstrip(" ,;:.，、") + "…"
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
    """The largest size from start down to floor (in half points) at which the text fits.

    Start is tried first (most text fits there), then the sizes are searched by halves: the
    height text takes only grows with its size.
    """
    def fits(k: int) -> bool:
        return height(paras, start_pt - 0.5 * k, width_pt, family) <= height_pt

    if start_pt < floor_pt:
        return None
    if fits(0):
        return start_pt
    steps = int((start_pt - floor_pt) / 0.5)  # the smallest size tried: start - 0.5 * steps
    while start_pt - 0.5 * (steps + 1) >= floor_pt:
        steps += 1
    while steps > 0 and start_pt - 0.5 * steps < floor_pt:
        steps -= 1
    if steps == 0 or not fits(steps):
        return None
    low, high = 0, steps  # fits(high), not fits(low)
    while high - low > 1:
        mid = (low + high) // 2
        if fits(mid):
            high = mid
        else:
            low = mid
    return start_pt - 0.5 * high
