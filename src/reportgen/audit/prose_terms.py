"""What the house-style rules (audit/prose.py) are written with: the names of months and days,
the hedges a figure takes, and how a finding is reported."""

from __future__ import annotations

import re

from reportgen.errors import Problem

MONTH = ("(?:January|February|March|April|May|June|July|August|September|October|November|"
         "December)")
WEEKDAY = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
QUALIFIER = "(?:more than |about |nearly |less than |up to |at least |some |over )?"
SENTENCE_END = re.compile(r"(?<=[.!?。])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")


def sentences(text: str) -> list[str]:
    """A paragraph's sentences, as the house-style rules read them."""
    return [s.strip() for s in SENTENCE_END.split(text) if s.strip()]


def excerpt(text: str, match: re.Match[str] | None = None) -> str:
    if match is None:
        return text if len(text) <= 90 else text[:87] + "…"
    start = max(0, match.start() - 30)
    end = min(len(text), match.end() + 30)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def found(file: str, where: str, rule: str, message: str, hint: str, words: str) -> Problem:
    return Problem(file, 0, 0, where, f"{rule}: {message}: «{words}»", hint, warning=True)
