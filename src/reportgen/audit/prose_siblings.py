"""The house-style rules on figures told apart that belong together, and on currencies that can
be confused (issue 21w), read from the finished text (audit/prose.py calls `sibling_findings`):

- `figures.one_frame`: three sentences in a row of one paragraph, each with a figure in digits,
  that open with the same words of a frame, numbers aside ("Plans announced on 18 September
  2031 put …" three times), which one sentence tells;
- `currency.bare_sign`: a bare "$" amount in a document part that also writes another dollar
  with its prefix ("CA$818 million"), so that the reader cannot tell which dollar it is.
"""

from __future__ import annotations

import re

from reportgen.audit.prose_terms import excerpt, found, sentences
from reportgen.errors import Problem

OPENING = 4  # the words of a sentence's frame compared
IN_A_ROW = 3  # sentences of one frame in a row
NUMBER = re.compile(r"\d[\d,.]*")
# A dollar amount with a prefix ("CA$818", "US$34.3", "A$2") and a bare one ("$34.3").
PREFIXED = re.compile(r"\b[A-Z]{1,3}\$\s?\d")
BARE = re.compile(r"(?<![A-Za-z$])\$\s?\d")


def _opening(sentence: str) -> str:
    """A sentence's first words with its numbers masked: the frame it opens with."""
    words = NUMBER.sub("#", sentence).split()[:OPENING]
    return " ".join(words) if len(words) == OPENING else ""


def one_frame(paragraphs: list[tuple[str, str]], file: str) -> list[Problem]:
    """Three sentences in a row of one paragraph, each with a figure, opening with one frame."""
    out = []
    for where, text in paragraphs:
        said = sentences(" ".join(text.split()))
        for i in range(IN_A_ROW - 1, len(said)):
            frame = _opening(said[i])
            run = said[i - IN_A_ROW + 1:i + 1]
            if frame and all(_opening(t) == frame and NUMBER.search(t) for t in run):
                out.append(found(file, where, "figures.one_frame", f"{IN_A_ROW} sentences in a "
                                 f"row open with one frame («{frame}»)", "tell what they share "
                                 "once and each figure by what differs: \"On 18 September 2031, "
                                 "plans were announced for Canadian funding of CA$9.9 million "
                                 "for …, CA$5.5 million for … and CA$4.4 million against …\"",
                                 excerpt(said[i])))
                break
    return out


def bare_sign(paragraphs: list[tuple[str, str]], file: str) -> list[Problem]:
    """A bare "$" amount where the same part writes another dollar with its prefix."""
    if not any(PREFIXED.search(text) for _, text in paragraphs):
        return []
    out = []
    for where, text in paragraphs:
        match = BARE.search(text)
        if match:
            out.append(found(file, where, "currency.bare_sign", "a bare \"$\" beside another "
                             "dollar written with its prefix", "write each dollar with a "
                             "symbol of its own: \"US$34.3 billion\" beside \"CA$818 million\"",
                             excerpt(text, match)))
    return out


def sibling_findings(paragraphs: list[tuple[str, str]], file: str,
                     language: str) -> list[Problem]:
    """The findings of both rules in one document part (English text)."""
    if language != "en":
        return []
    return one_frame(paragraphs, file) + bare_sign(paragraphs, file)
