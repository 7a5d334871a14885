"""What counts as real alternative text, a link text that says where it goes, and whether a run's
language tag fits the script its text is written in."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from babel.core import Locale, UnknownLocaleError, get_global

from reportgen.errors import Problem

# A picture's name as Office or a camera gives it: a file name, or "Picture 3", "image1".
_FILE_NAME = re.compile(r"^\S+\.(png|jpe?g|gif|bmp|tiff?|emf|wmf|svg|webp)$", re.I)
_DEFAULT_NAME = re.compile(r"^(picture|image|graphic|chart|object|img|photo)\s*\d*$", re.I)
# Link texts that do not say where they go (WCAG 2.4.4), in lower case without punctuation.
VAGUE_LINKS = {"here", "click here", "link", "this link", "more", "read more", "click", "this",
               "details", "see here", "go", "page", "website", "url"}
_URL = re.compile(r"^(https?://|www\.)\S+$", re.I)
# The ISO 15924 script of a letter, from the first word of its Unicode name.
_SCRIPTS = {"LATIN": "Latn", "CYRILLIC": "Cyrl", "GREEK": "Grek", "ARMENIAN": "Armn",
            "GEORGIAN": "Geor", "ARABIC": "Arab", "HEBREW": "Hebr", "CJK": "Hani",
            "HIRAGANA": "Jpan", "KATAKANA": "Jpan", "HANGUL": "Kore", "THAI": "Thai",
            "DEVANAGARI": "Deva"}
# Scripts a language's usual script includes (Japanese writing uses Han characters, too).
# language[-script][-region][-variants…] (BCP 47), wide enough for the tags Office writes
_BCP47 = re.compile(r"([A-Za-z]{2,3})(?:-([A-Za-z]{4}))?(?:-(?:[A-Za-z]{2}|\d{3}))?"
                    r"(?:-[A-Za-z0-9]{5,8}|-\d[A-Za-z0-9]{3})*")
_INCLUDES = {"Hans": {"Hani"}, "Hant": {"Hani"}, "Jpan": {"Hani", "Jpan"},
             "Kore": {"Hani", "Kore"}}


def alt_problem(alt: str, name: str) -> str | None:
    """Why an alternative text would not tell a screen-reader user what the picture shows."""
    text = " ".join(alt.split())
    if not text:
        return "has no alternative text"
    if _FILE_NAME.match(text) or _DEFAULT_NAME.match(text) or text == name.strip():
        return f"has only a file or shape name as alternative text (\"{text}\")"
    if _words(text) < 3:
        return f"has an alternative text too short to describe it (\"{text}\")"
    return None


def _words(text: str) -> int:
    """Words in a text, each Han or kana (CJK) character counted as one (those scripts put
    no spaces between words)."""
    ideograph = [bool(text_scripts(char) & {"Hani", "Jpan"}) for char in text]
    rest = "".join(" " if is_one else char for char, is_one in zip(text, ideograph, strict=True))
    return len(rest.split()) + sum(ideograph)


def link_problem(text: str) -> str | None:
    """Why a link's text would not say where it goes."""
    words = " ".join(re.sub(r"[^\w\s/:.]", " ", text).split()).lower()
    if not words:
        return "has no text"
    if words in VAGUE_LINKS:
        return f"says \"{text.strip()}\", not where it goes"
    if _URL.match(text.strip()):
        return f"is a bare address (\"{text.strip()}\"), not a name of where it goes"
    return None


def text_scripts(text: str) -> set[str]:
    """The scripts of the letters of a text."""
    found = set()
    for char in text:
        if char.isalpha():
            script = _SCRIPTS.get(unicodedata.name(char, "").split(" ")[0])
            if script:
                found.add(script)
    return found


@cache
def language_scripts(tag: str) -> set[str] | None:
    """The scripts a language tag (BCP 47, "en-GB", "zh-Hans") is written in; None when the tag
    is no language CLDR knows."""
    try:
        locale = Locale.parse(tag.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        # A well-formed tag whose combination CLDR has no data for ("en-RU": English as used
        # in Russia) is still that language: its language and script subtags say so.
        match = _BCP47.fullmatch(tag.replace("_", "-"))
        if match is None:
            return None
        try:
            locale = Locale.parse("_".join(p for p in match.group(1, 2) if p))
        except (UnknownLocaleError, ValueError, TypeError):
            return None
    script = locale.script
    if not script:
        likely = get_global("likely_subtags").get(locale.language, "")
        parts = likely.split("_")
        script = parts[1] if len(parts) > 1 and len(parts[1]) == 4 else None
    if not script:
        return None
    return _INCLUDES.get(script, set()) | {script}


def language_mismatch(tag: str, language: str | None) -> str | None:
    """Why a document's language tag does not name the language it is written in."""
    if not language:
        return None
    primary = tag.replace("_", "-").split("-")[0].lower()
    if primary == language.replace("_", "-").split("-")[0].lower():
        return None
    return f"is {tag}, but the text is written in {language} (the dataset's language:)"


def finding(file: str, where: str, message: str, hint: str) -> Problem:
    """One accessibility finding: a warning of the build, located at its page or slide."""
    return Problem(file, 0, 0, where, message, hint, warning=True)
