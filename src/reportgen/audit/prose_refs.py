"""The audit's rules on reference and the deck's plans (issue 21q; audit/prose.py runs them):
a thing referred to by a definite description before the sentence that introduces it ("Though
short, the first summit carried …" before "The first summit of President Lee and …"), and a
deck point that reads as a label with a plan's value ("Electricity links planned at double").
English editions."""

from __future__ import annotations

import re

from reportgen.audit.prose_terms import excerpt, found, sentences
from reportgen.errors import Problem

# (id, pattern, message, hint): points (`scope` "points") in an English edition.
PLAN_RULES: list[tuple[str, str, str, str]] = [
    ("deck.label_planned_at",
     r"^[A-Z][\w'’–-]*(?: [\w'’–-]+){0,6} (?:planned|expected|scheduled) at (?:about |nearly "
     r")?(?:double|triple|twice|\d+(?:\.\d+)?-fold)\b",
     "a label with a plan's multiple (\"Electricity links planned at double\"): a table "
     "row, not a claim (a plan's amount, \"… planned at 1 million tonnes\", is not caught yet)",
     "say it as the briefing does: \"The two sides plan to double cross-border electricity "
     "links\""),
]

# "the first summit", "the oil pipeline": two lower-case words after "the".
_DEFINITE = re.compile(r"\b[Tt]he ([a-z]{3,} [a-z]{3,})\b(?! (?:of|between|with|for) )")
_WORDS = {"two countries", "two sides", "two leaders", "two governments", "same time",
          "previous year", "following year", "year before"}


def reference_findings(paragraphs: list[tuple[str, str]], file: str, language: str
                       ) -> list[Problem]:
    """Each sentence of a body's paragraphs (where, text), in order, that refers to a thing by
    a definite description ("the first summit") no sentence before has used, where a later sentence
    introduces it with its full name ("The first summit of President Lee …", "the oil
    pipeline between Serbia and Hungary"). English only."""
    if language != "en":
        return []
    said = [(w, s) for w, text in paragraphs for s in sentences(" ".join(text.split()))]
    out = []
    for i, (where, sentence) in enumerate(said):
        for match in _DEFINITE.finditer(sentence):
            phrase = match.group(1)
            if phrase in _WORDS or any(phrase in s.lower() for _, s in said[:i]):
                continue
            full = re.compile(rf"\b[Tt]he {phrase} (?:of|between|with) [A-Z]")
            later = next((w for w, s in said[i + 1:] if full.search(s)), None)
            if later is not None:
                out.append(found(file, where, "order.reference_ahead", f"\"the {phrase}\" "
                                 f"before the sentence that introduces it ({later})",
                                 "tell the thing first; what refers back to it follows",
                                 excerpt(sentence)))
    return out
