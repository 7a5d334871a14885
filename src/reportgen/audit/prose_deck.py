"""The audit's rules on a deck's titles and points (issue 21o), with audit/prose.py's table:
a count with no referent ("10,229 products in 2020"), a rate with its period twice ("three
exercises a year in 2024"); a slide titled with a section's name (the agenda's or "Executive
summary") rather than its main point; an amount in a title more precise than a reader takes
in ("€55.474 billion").
"""

from __future__ import annotations

import re

from reportgen.audit.prose_terms import excerpt, found
from reportgen.audit.slides import _Slide
from reportgen.errors import Problem

# (id, pattern, message, hint): points (`scope` "points") in an English edition.
DECK_RULES: list[tuple[str, str, str, str]] = [
    ("deck.count_bare", r"^(?:more than |about |nearly )?\d[\d,.]* [a-z]+ in \d{4}$",
     "a count with no referent (\"10,229 products in 2020\")",
     "say what was counted: a `label:` that opens with the noun (\"Products on which … cut "
     "tariffs\") is said after it"),
    ("deck.rate_period_twice", r"\ba (?:year|month|week|day) in \d{4}$",
     "a rate with its period twice (\"three exercises a year in 2024\")",
     "say the period once: \"three exercises a year\""),
]

SUMMARY_NAMES = re.compile(r"^(?:Executive summary|Summary|Overview)$")
UNROUNDED = re.compile(r"[$€£¥]\s?\d+\.\d{3,}\s?(?:billion|million|trillion|bn|m)\b")


def deck_titles(slides: list[_Slide], file: str, language: str) -> list[Problem]:
    """A slide of points titled with a section's name (an agenda's line, or the summary's
    name in English) and an unrounded amount in a title."""
    agenda = {p for s in slides if s.number == 2 for p in s.bulleted}  # its list of sections
    out = []
    for s in slides:
        where = f"slide {s.number}"
        if not (s.bullets or s.pictured):
            continue
        named = s.number != 2 and s.title in agenda and s.bullets > 0 or (
            language == "en" and bool(SUMMARY_NAMES.match(s.title)))
        if named:
            out.append(found(file, where, "deck.title_name", "a slide titled with a section's "
                             "name, not its main point",
                             "title it with the section's main point (\"Trade up 24.1% to "
                             "$94.5 billion\")", excerpt(s.title)))
        if UNROUNDED.search(s.title):
            out.append(found(file, where, "deck.title_unrounded", "an amount in a title more "
                             "precise than a reader takes in",
                             "round it: \"€55.5 billion\"", excerpt(s.title)))
    return out
