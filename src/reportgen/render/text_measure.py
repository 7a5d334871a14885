"""Measure text with the real font metrics of the template's fonts, to fit it into a box."""

from __future__ import annotations

import functools
import logging
import unicodedata
from dataclasses import dataclass

from fontTools.ttLib import TTFont  # matplotlib's own dependency
from matplotlib import font_manager
from PIL import ImageFont

from reportgen.render.fonts import EAST_ASIAN, INSTALLED, font_for, font_list, installed

log = logging.getLogger(__name__)

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
    # A template's font that is not installed is measured in matplotlib's stand-in (DejaVu
    # Sans), as LibreOffice draws it: said once here, not as matplotlib's warning on each build.
    quiet = logging.getLogger("matplotlib.font_manager")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        path = font_list().findfont(props, fallback_to_default=True)
    finally:
        quiet.setLevel(level)
    found = ImageFont.truetype(path, size=100)
    if not bold and family not in METRIC_TWINS and found.getname()[0] != family:
        log.info("font %s is not installed: text is measured in %s, which stands in for it",
                 family, found.getname()[0])
    return found


@functools.lru_cache(maxsize=16)
def line_height(family: str) -> float:
    """A line's height in a font as a multiple of the size, to two places: its ascent, descent
    and line gap, or its Windows ascent and descent where they are larger (Carlito: 1.22, the
    DejaVu Sans that stands in for a font not installed: 1.16)."""
    path = _font(family, False).path  # type: ignore[attr-defined]
    quiet = logging.getLogger("fontTools")  # a font's odd creation date is no concern here
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    with TTFont(path, fontNumber=0, lazy=True) as font:
        units = font["head"].unitsPerEm
        hhea, os2 = font["hhea"], font.get("OS/2")
        own = hhea.ascent - hhea.descent + hhea.lineGap
        win = os2.usWinAscent + os2.usWinDescent if os2 is not None else 0
    quiet.setLevel(level)
    return round(max(own, win) / units, 2)


@functools.lru_cache(maxsize=16)
def _stand_in(family: str) -> str:
    """The family that draws a template's font: its metric twin, else itself where installed,
    else the default sans serif (DejaVu Sans) that LibreOffice and matplotlib draw it in, never
    the East Asian font that merely has Latin letters too."""
    twin = METRIC_TWINS.get(family, family)
    return twin if installed([twin]) else str(font_manager.fontManager.defaultFamily["ttf"])


def _runs(text: str, family: str) -> list[tuple[str, str]]:
    """The text cut where the font drawing it changes: a template's Latin font draws no CJK,
    which the renderers take from the East Asian font (as LibreOffice and Office do)."""
    fonts = installed([_stand_in(family), EAST_ASIAN, INSTALLED.format(EAST_ASIAN)])
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
    of Han or kana (CJK); a word wider than the line after a hyphen or slash, else where it
    reaches the line's end (as LibreOffice and PowerPoint break it)."""
    return list(_wrapped(text, size_pt, width_pt, family, bold))


@functools.lru_cache(maxsize=1 << 14)
def _wrapped(text: str, size_pt: float, width_pt: float, family: str,
             bold: bool) -> tuple[str, ...]:
    lines: list[str] = []
    current = ""
    limit = width_pt * SAFETY
    for word, spaced in _tokens(" ".join(text.split())):
        trial = (f"{current} {word}" if spaced else current + word) if current else word
        if current and text_width(trial, size_pt, family, bold) > limit:
            lines.append(current)
            current = word
        else:
            current = trial
        # A word wider than the line (a web address) is broken as the renderers break it.
        while text_width(current, size_pt, family, bold) > limit and len(current) > 1:
            cut = _cut(current, size_pt, limit, family, bold)
            lines.append(current[:cut])
            current = current[cut:]
    if current:
        lines.append(current)
    return tuple(lines)


_BREAK_AFTER = "-/"  # where a line may break inside a word (a hyphen, an address's slash)


def _cut(word: str, size_pt: float, limit: float, family: str, bold: bool) -> int:
    """Where a word too wide for its line breaks: after its last hyphen or slash that leaves
    the line's part within the limit, else (no such place) after as many characters as fit."""
    fitting, wider = 1, len(word)  # word[:fitting] fits (or is one character); word does not
    while wider - fitting > 1:
        mid = (fitting + wider) // 2
        if text_width(word[:mid], size_pt, family, bold) <= limit:
            fitting = mid
        else:
            wider = mid
    places = [i + 1 for i, char in enumerate(word[:fitting]) if char in _BREAK_AFTER]
    return places[-1] if places else fitting


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


def height(paras: list[FitParagraph], size_pt: float, width_pt: float, family: str,
           line: float = LINE_HEIGHT) -> float:
    """The height the paragraphs take at size_pt; line: a line's height as a multiple of the
    size (the font's own and its spacing: text_style.TextStyle.line)."""
    total = 0.0
    for i, p in enumerate(paras):
        size = size_pt * p.scale
        n = wrap(p.text, size, width_pt - p.indent_pt, family, p.bold)
        total += n * size * line + (p.space_before_pt if i else 0.0)
    return total


def fit_size(paras: list[FitParagraph], width_pt: float, height_pt: float, family: str,
             start_pt: float, floor_pt: float, line: float = LINE_HEIGHT) -> float | None:
    """The largest size from start down to floor (in half points) at which the text fits.

    Start is tried first (most text fits there), then the sizes are searched by halves: the
    height text takes only grows with its size.
    """
    def fits(k: int) -> bool:
        return height(paras, start_pt - 0.5 * k, width_pt, family, line) <= height_pt

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
