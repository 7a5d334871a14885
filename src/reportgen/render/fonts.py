"""Fonts per script: which font draws each character, and what to install if none does.

reportgen ships the fonts its templates name (Carlito and Caladea, Calibri's and Cambria's metric
twins) and a Noto Sans CJK SC subset, in typefaces/ beside this module (made by
tools/ship_fonts.py): charts, text measuring and LibreOffice use these before any installed copy,
so the outputs are the same on every machine; installed fonts remain the fallback.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import functools
import hashlib
import logging
import os
import shutil
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import matplotlib
from babel.core import get_global
from fontTools.ttLib import TTFont  # matplotlib's own dependency
from matplotlib import font_manager

from reportgen.errors import OutputError

log = logging.getLogger(__name__)

SHIPPED = Path(__file__).with_name("typefaces")
FONT_SUFFIXES = (".ttf", ".otf", ".ttc")

# The font named for East Asian text (w:eastAsia, a:ea) where a template names only Latin fonts,
# and the last of every fallback list: it covers CJK (Han, kana and Hangul).
EAST_ASIAN = "Noto Sans CJK SC"
EAST_ASIAN_SCRIPTS = {"Hans", "Hant", "Hani", "Jpan", "Kore"}
# An installed copy of a shipped family keeps serving, under this name, the characters the
# shipped copy lacks (the CJK subset has GB 2312's common Han, not every Han character).
INSTALLED = "{} (installed)"
SHIPPED_FAMILIES = ("Carlito", "Caladea", EAST_ASIAN)  # the families of typefaces/
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


# The alphabetic scripts (beside Latin and CJK, which the document's own tags cover) a run of
# text in another language may be written in, by the first word of their letters' names.
_ALPHABETS = {"CYRILLIC": "Cyrl", "GREEK": "Grek", "ARMENIAN": "Armn", "GEORGIAN": "Geor",
              "ARABIC": "Arab", "HEBREW": "Hebr", "THAI": "Thai", "DEVANAGARI": "Deva"}
RIGHT_TO_LEFT = {"Arab", "Hebr"}


def alphabets(text: str) -> set[str]:
    """The scripts of _ALPHABETS the letters of a text are in."""
    return {found for char in text if char.isalpha()
            and (found := _ALPHABETS.get(unicodedata.name(char, "").split(" ")[0]))}


def tags_by_script(languages: Iterable[str], locale: str) -> dict[str, str]:
    """For each script of _ALPHABETS that a language of the list (the dataset's sources' and
    quotes' own) is written in and the edition's is not, the tag to give text in it:
    ru → {"Cyrl": "ru-RU"}."""
    own = script(locale)
    return {written: language_tag(language) for language in sorted(set(languages))
            if (written := script(language)) in _ALPHABETS.values() and written != own}


def split_by_script(run: Any, text_tag: str, tags: dict[str, str],
                    preserve: bool = False) -> list[Any]:
    """A Word or PowerPoint run of plain text (one `text_tag` child beside its properties) whose
    letters pass between a script of `tags` and another (a Latin publisher before a Cyrillic
    title) cut into a run per stretch, each a copy with the run's properties, so that only the
    other language's words are tagged with it; any other run as it is. `preserve` marks each
    piece's text xml:space="preserve" (Word drops a w:t's edge spaces otherwise)."""
    texts = [c for c in run if c.tag == text_tag]
    if len(texts) != 1 or any(c is not texts[0] and not c.tag.endswith("}rPr") for c in run):
        return [run]
    pieces = _stretches(texts[0].text or "", tags)
    if len(pieces) < 2:
        return [run]
    runs = []
    for text in pieces:
        piece = copy.deepcopy(run)
        piece.find(text_tag).text = text
        if preserve:
            piece.find(text_tag).set(_XML_SPACE, "preserve")
        run.addprevious(piece)
        runs.append(piece)
    run.getparent().remove(run)
    return runs


_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _stretches(text: str, tags: dict[str, str]) -> list[str]:
    """The text cut where its letters pass from a script of `tags` to any other or back; spaces,
    digits and punctuation stay with the letters before them."""
    stretches, start, current = [], 0, None
    for at, char in enumerate(text):
        if not char.isalpha():
            continue
        found = alphabets(char) & tags.keys()
        kind = next(iter(found)) if found else ""  # Latin, or a script not tagged
        if current is not None and kind != current:
            stretches.append(text[start:at])
            start = at
        current = kind
    return [*stretches, text[start:]]


def is_east_asian(locale: str) -> bool:
    return script(locale) in EAST_ASIAN_SCRIPTS


def language_tag(locale: str) -> str:
    """The BCP 47 tag for w:lang, a:lang and the PDF's /Lang: zh-CN, az-AZ (the script the
    territory implies, per CLDR), or the locale's own territory where it names one (en-GB)."""
    language, _, territory = _likely(locale)
    parts = locale.replace("-", "_").split("_")
    own = parts[-1] if len(parts) > 1 and parts[-1].isupper() else territory
    return f"{language}-{own}"


def shipped_files() -> list[Path]:
    """The font files reportgen carries, in a stable order."""
    return sorted(p for p in SHIPPED.iterdir() if p.suffix.lower() in FONT_SUFFIXES)


@functools.lru_cache(maxsize=8)
def fonts_key(families: tuple[str, ...]) -> str:
    """The font files these families resolve to, as a key for a cache of what is drawn with
    them: each file's name, size and modification time, so that installing, upgrading or
    shipping another font changes the key."""
    manager = font_list()
    digest = hashlib.sha256()
    for family in installed(families):
        for weight in ("normal", "bold"):
            path = manager.findfont(font_manager.FontProperties(family=family, weight=weight),
                                    fallback_to_default=False)
            stat = os.stat(path)
            digest.update(f"{family}:{weight}:{Path(path).name}:{stat.st_size}:"
                          f"{stat.st_mtime_ns if not path.startswith(str(SHIPPED)) else 0}"
                          .encode())
    return digest.hexdigest()[:16]


# matplotlib's entries for the installed fonts, as on disk
_INSTALLED: list[font_manager.FontEntry] = []


@functools.lru_cache(maxsize=1)
def font_list() -> font_manager.FontManager:
    """matplotlib's font list, brought up to date and with the shipped fonts first.

    matplotlib keeps its list of installed fonts in a cache file that it rebuilds only for a new
    matplotlib version, so a font installed since (apt-get install fonts-noto-cjk) stays unseen:
    the files on disk are compared with the list, and the list (and its cache file) follows them.
    A cache file holding reportgen's own entries (below) is not trusted: it is rebuilt.
    The shipped fonts are put first and an installed copy of a shipped family is renamed
    (INSTALLED), so that the shipped file is the one a family name finds on every machine;
    the cache file keeps the entries as they are on disk.
    """
    manager = font_manager.fontManager
    shipped = {str(p) for p in shipped_files()}
    if not _INSTALLED:
        _INSTALLED.extend(_installed_entries(manager, shipped))
    others = list(_INSTALLED)
    manager.ttflist = []
    for path in sorted(shipped):
        manager.addfont(path)
    names = {f.name for f in manager.ttflist}
    manager.ttflist += [dataclasses.replace(f, name=INSTALLED.format(f.name))
                        if f.name in names else f for f in others]
    manager._findfont_cached.cache_clear()  # type: ignore[attr-defined]
    return manager


def _installed_entries(manager: font_manager.FontManager, shipped: set[str]
                       ) -> list[font_manager.FontEntry]:
    """The entries of the installed fonts (and matplotlib's own), following the files on disk;
    the cache file is rewritten when they changed."""
    cache = Path(matplotlib.get_cachedir(), f"fontlist-v{manager.__version__}.json")
    if any(f.fname in shipped or f.name.endswith(INSTALLED.format("")) for f in
           manager.ttflist):  # written with reportgen's entries: not what it claims to hold
        log.debug("matplotlib's font cache holds reportgen's entries: rebuilt")
        manager.ttflist = font_manager.FontManager().ttflist
        with contextlib.suppress(OSError):
            font_manager.json_dump(manager, cache)
    own = str(Path(font_manager.__file__).parent / "mpl-data")
    system = set(font_manager.findSystemFonts())
    listed = {f.fname for f in manager.ttflist if not f.fname.startswith(own)}
    gone, new = listed - system, sorted(system - listed)
    manager.ttflist = [f for f in manager.ttflist if f.fname not in gone]
    count = len(manager.ttflist)
    for path in new:
        with contextlib.suppress(OSError, RuntimeError, ValueError):
            manager.addfont(path)  # one FreeType cannot read is skipped, as matplotlib does
    if gone or len(manager.ttflist) > count:
        log.debug("font list: %d fonts installed, %d removed since matplotlib's cache",
                  len(new), len(gone))
        with contextlib.suppress(OSError):
            font_manager.json_dump(manager, cache)
    return list(manager.ttflist)


def fontconfig_file(folder: Path, copy: bool = False) -> Path:
    """A fontconfig file for LibreOffice (FONTCONFIG_FILE): the shipped fonts, then the system's
    for every other family and for glyph fallback, with installed copies of the shipped families
    set aside so that the shipped ones are drawn on every machine; its cache lives in folder.

    With copy, the shipped fonts are copied into folder first and named from there: a confined
    LibreOffice (render/office.py) sees its own folder and the system's, not the checkout."""
    source, files = SHIPPED, shipped_files()
    if copy:
        source = folder / "typefaces"
        source.mkdir(exist_ok=True)
        files = [Path(shutil.copyfile(path, source / path.name)) for path in files]
    rejected = "".join(f"<pattern><patelt name='family'><string>{escape(name)}</string>"
                       f"</patelt></pattern>" for name in SHIPPED_FAMILIES)
    # A pattern accepted is kept from a pattern rejected (a glob only from a glob).
    accepted = "".join(f"<pattern><patelt name='file'><string>{escape(str(path))}</string>"
                       f"</patelt></pattern>" for path in files)
    conf = folder / "fonts.conf"
    conf.write_text(
        "<?xml version='1.0'?>\n<!DOCTYPE fontconfig SYSTEM 'urn:fontconfig:fonts.dtd'>\n"
        f"<fontconfig><dir>{escape(str(source))}</dir>"
        f"<cachedir>{escape(str(folder / 'fontconfig'))}</cachedir>"
        "<include ignore_missing='yes'>/etc/fonts/fonts.conf</include>"
        f"<selectfont><acceptfont>{accepted}</acceptfont>"
        f"<rejectfont>{rejected}</rejectfont></selectfont></fontconfig>\n", encoding="utf-8")
    return conf


def installed(families: Iterable[str]) -> list[str]:
    """The families of the list that are available (shipped or installed), in order."""
    names = {f.name for f in font_list().ttflist}
    return [f for f in families if f in names]


@functools.lru_cache(maxsize=32)
def _charset(family: str) -> frozenset[int]:
    path = font_list().findfont(font_manager.FontProperties(family=family),
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


def _emoji(char: str) -> bool:
    """A pictograph of the emoji blocks (faces, symbols and pictographs, dingbats)."""
    return 0x1F000 <= ord(char) <= 0x1FAFF or 0x2600 <= ord(char) <= 0x27BF


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
    if any(_emoji(c) for c in chars):
        fix = ("pictures and documents are drawn without emoji: write the word instead "
               "(or leave the symbol out)")
    elif east_asian:
        fix = (f"reportgen's own {EAST_ASIAN} has GB 2312's common characters only; install "
               f"the whole font for the others (Debian: apt-get install {PACKAGES[EAST_ASIAN]})")
    else:
        fix = "install a font that covers them (Debian: fonts-noto-core, fonts-noto-extra)"
    raise OutputError(f"{where}: no font ({', '.join(installed(families)) or 'none'}) "
                      f"has a glyph for {shown}; {fix}")
