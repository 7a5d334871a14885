"""Fonts per script: which installed font draws each character, and what to install if none does."""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable

from babel.core import get_global
from fontTools.ttLib import TTFont  # matplotlib's own dependency
from matplotlib import font_manager

from reportgen.errors import OutputError

# The font named for East Asian text (w:eastAsia, a:ea) where a template names only Latin fonts,
# and the last of every fallback list: it covers CJK (Han, kana and Hangul).
EAST_ASIAN = "Noto Sans CJK SC"
EAST_ASIAN_SCRIPTS = {"Hans", "Hant", "Hani", "Jpan", "Kore"}
# The Debian package of each font reportgen names, for the error that asks to install it.
PACKAGES = {EAST_ASIAN: "fonts-noto-cjk", "Carlito": "fonts-crosextra-carlito",
            "Caladea": "fonts-crosextra-caladea", "DejaVu Sans": "fonts-dejavu-core"}


def _likely(locale: str) -> tuple[str, str, str]:
    """Language, script and territory CLDR finds most likely for a locale: zh → zh, Hans, CN."""
    language = locale.replace("-", "_").split("_")[0]
    full = get_global("likely_subtags").get(language, f"{language}_Latn_001")
    parts = full.split("_")
    return parts[0], parts[1] if len(parts) > 2 else "Latn", parts[-1]


def script(locale: str) -> str:
    return _likely(locale)[1]


def is_east_asian(locale: str) -> bool:
    return script(locale) in EAST_ASIAN_SCRIPTS


def language_tag(locale: str) -> str:
    """The BCP 47 tag for w:lang, a:lang and the PDF's /Lang: zh-CN, az-AZ (the script the
    territory implies, per CLDR), or the locale's own territory where it names one (en-GB)."""
    language, _, territory = _likely(locale)
    parts = locale.replace("-", "_").split("_")
    own = parts[-1] if len(parts) > 1 and parts[-1].isupper() else territory
    return f"{language}-{own}"


def installed(families: Iterable[str]) -> list[str]:
    """The families of the list that are installed, in order."""
    names = {f.name for f in font_manager.fontManager.ttflist}
    return [f for f in families if f in names]


@functools.lru_cache(maxsize=32)
def _charset(family: str) -> frozenset[int]:
    path = font_manager.findfont(font_manager.FontProperties(family=family),
                                 fallback_to_default=False)
    font = TTFont(path, fontNumber=0, lazy=True)
    try:
        return frozenset(font.getBestCmap() or {})
    finally:
        font.close()


def font_for(char: str, families: list[str]) -> str | None:
    """The first family of the list (installed ones only) that has a glyph for char."""
    return next((f for f in families if ord(char) in _charset(f)), None)


def _drawn(char: str) -> bool:
    """Whether a character needs a glyph (not a space, a control or a joiner)."""
    return not char.isspace() and unicodedata.category(char) not in ("Cc", "Cf")


def missing(texts: Iterable[str], families: list[str]) -> list[str]:
    """The characters of the texts that no family of the list can draw, in order."""
    fonts = installed(families)
    seen: dict[str, None] = {}
    for text in texts:
        for char in text:
            if char not in seen and _drawn(char) and font_for(char, fonts) is None:
                seen[char] = None
    return list(seen)


def require_glyphs(texts: Iterable[str], families: list[str], where: str) -> None:
    """Stop with the font to install, rather than draw a box for a character no font has."""
    chars = missing(texts, families)
    if not chars:
        return
    shown = ", ".join(f"'{c}' (U+{ord(c):04X} {unicodedata.name(c, '?')})" for c in chars[:5])
    east_asian = any(unicodedata.name(c, "").startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL"))
                     for c in chars)
    fix = (f"install the {EAST_ASIAN} font (Debian: apt-get install {PACKAGES[EAST_ASIAN]})"
           if east_asian and not installed([EAST_ASIAN]) else
           "install a font that covers them (Debian: fonts-noto-core, fonts-noto-extra)")
    raise OutputError(f"{where}: no installed font ({', '.join(installed(families)) or 'none'}) "
                      f"has a glyph for {shown}; {fix}")
