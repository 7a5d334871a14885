"""The audit's rules on what leads (issue 21r), with audit/prose.py's table: a paragraph that
opens with "The state visit …" before a later sentence introduces "a state visit" (the event is
told first, then what is said of it); a qualifier said twice ("up to up to"); two slides with
the same title.
"""

from __future__ import annotations

from reportgen.audit.prose_terms import excerpt, found
from reportgen.audit.slides import _Slide
from reportgen.errors import Problem

# (id, pattern, message, hint, scope): English editions.
LEAD_RULES: list[tuple[str, str, str, str, tuple[str, ...]]] = [
    ("order.referent_first",
     r"^The ((?:[a-z]+ )?[a-z]+) [a-z][^.]*\.\s.*\b(?:a|an) \1\b",
     "a paragraph opens with \"The state visit …\" before a later sentence introduces it",
     "tell the event first (\"Prime Minister … paid a state visit to …\"), then what is said "
     "of it", ("body",)),
    ("deck.qualifier_twice", r"\b(up to|about|more than|nearly|almost|over) \1\b",
     "a qualifier said twice (\"up to up to 122 million kWh\")", "say it once",
     ("body", "points")),
]


def titles_twice(slides: list[_Slide], file: str) -> list[Problem]:
    """Two slides of points or a chart with the same title: each slide says its own point."""
    seen: dict[str, int] = {}
    out = []
    for s in slides:
        if not (s.bullets or s.pictured) or not s.title.strip():
            continue
        first = seen.setdefault(s.title.strip(), s.number)
        if first != s.number:
            out.append(found(file, f"slide {s.number}", "deck.title_twice",
                             f"the title of slide {first} again",
                             "title each slide with its own section's main point",
                             excerpt(s.title)))
    return out
