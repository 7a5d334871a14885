"""lemminflect's English word forms, its tables read only for the words asked for.

lemminflect reads both its tables whole on their first use (about 120,000 lines parsed in pure
Python: a second of CPU on the build's path before LibreOffice can lay the briefing out). Each
table lists its words in order, so a word's lines are found by bisection in the decompressed
text and parsed by lemminflect's own codec, the lines of a word merged as its own loader merges
them (and the inflections' modal and auxiliary verbs taken from its own hard-coded list): every
answer is lemminflect's, for every word (tests/report/test_word_forms.py compares the two over
every word of both tables). Import the functions from here, not from lemminflect.
"""

from __future__ import annotations

import bisect
import gzip
from collections.abc import Callable
from typing import Any

from lemminflect import getAllLemmas, getInflection, getLemma
from lemminflect.codecs.InflectionLUCodec import InflectionLUCodec
from lemminflect.codecs.LemmaLUCodec import LemmaLUCodec
from lemminflect.core.Inflections import Inflections
from lemminflect.core.Lemmatizer import Lemmatizer
from lemminflect.core.LexicalUtils import categoryToUPos

__all__ = ["getAllLemmas", "getInflection", "getLemma"]

Entry = dict[str, tuple[str, ...]]


def _word(line: str) -> str:
    return line[:line.find(",")]


class WordTable:
    """One of lemminflect's look-up tables (word → {tag: spellings}), each word's lines parsed
    when it is first asked for; `get` is all lemminflect asks of its tables."""

    def __init__(self, path: str, parse: Callable[[str], Entry],
                 fixed: dict[str, Entry] | None = None) -> None:
        self._path = path
        self._parse = parse
        self._fixed = fixed or {}
        self._lines: list[str] | None = None
        self._read: dict[str, Entry | None] = {}

    def _all_lines(self) -> list[str]:
        if self._lines is None:
            with gzip.open(self._path, "rb") as f:
                # lemminflect's loader reads it line by line, split at "\n" only
                lines = f.read().decode().split("\n")
            if lines and not lines[-1]:
                lines.pop()  # the file's last line ends with one, which the split keeps
            self._lines = lines
        return self._lines

    def get(self, word: str, default: Any = None) -> Any:
        if word in self._fixed:
            return self._fixed[word]
        if word not in self._read:
            lines = self._all_lines()
            at = bisect.bisect_left(lines, word, key=_word)
            entry: Entry | None = None
            while at < len(lines) and _word(lines[at]) == word:
                entry = {**(entry or {}), **self._parse(lines[at])}
                at += 1
            self._read[word] = entry
        found = self._read[word]
        return default if found is None else found


def _lemmas(line: str) -> Entry:
    _, category, forms = LemmaLUCodec.fromString(line)
    return {categoryToUPos(category): forms}


def _inflections(line: str) -> Entry:
    forms: Entry = InflectionLUCodec.fromString(line)[2]
    return forms


def _install() -> None:
    """Give lemminflect's two singletons these tables in place of the ones it would load whole
    (it loads a table only where the attribute is missing)."""
    lemmatizer = Lemmatizer()
    if not hasattr(lemmatizer, "lemma_dict"):
        lemmatizer.lemma_dict = WordTable(lemmatizer.lemma_lu_fn, _lemmas)
    inflections = Inflections()
    if not hasattr(inflections, "infl_dict"):
        inflections.infl_dict = WordTable(inflections.infl_lu_fn, _inflections,
                                          InflectionLUCodec.updateForAuxMod({}))


_install()
