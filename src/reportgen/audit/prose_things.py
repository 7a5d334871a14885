"""The house-style rules on figures about one thing told one sentence each (issue 21y;
audit/prose.py runs them on the body): plans or estimates of one announcement in sentences of
their own ("Plans announced put …" again and again), attributes of one thing in sentences of
their own ("… the length of the oil pipeline …", "… the capacity of the oil pipeline …"), and a
series of one measure over months told one month a sentence. English wording: an English
edition only.
"""

from __future__ import annotations

import re

from reportgen.audit.prose_terms import MONTH, excerpt, found, sentences
from reportgen.errors import Problem

ANNOUNCED = re.compile(r"^(?:During [^,]+, )?(?:plans announced|estimates made)\b[^.]*? put ",
                       re.IGNORECASE)
ATTRIBUTES = "length|capacity|cost|price|term|duration|value|investment"
PARTS = "section|stretch|part|segment|leg|phase"
# "the length of the Hungarian section of the oil pipeline at …", "The Serbian section of the
# oil pipeline will be …": the thing an attribute or a part is of.
OF_THING = re.compile(r"\b(?:" + ATTRIBUTES + r") (?:of|in) (?:the )?([^,.]+?) (?:at|was|were|"
                      r"is|will|totalled|came|reached|put)\b", re.IGNORECASE)
PART_OF = re.compile(r"^(?:The )?[\w-]+ (?:" + PARTS + r") of (?:the )?([^,.]+?) (?:will|is|"
                     r"was)\b")
INNER = re.compile(r"^.*?\b(?:" + PARTS + "|" + ATTRIBUTES + r") (?:of|in) (?:the )?",
                   re.IGNORECASE)
# "The fall in goods crossing totalled 302,000 tonnes in February 2024."
MONTHLY = re.compile(r"^([A-Z][^,;]*?) (?:totalled|came to|reached|was|were) [^;]*? "
                     r"in (?:" + MONTH + r") \d{4}\.?$")
NEAR = 3  # sentences apart that still read as one passage


def thing(sentence: str) -> str | None:
    """The thing a sentence tells an attribute or a part of, by its first two words."""
    match = OF_THING.search(sentence) or PART_OF.search(sentence)
    if match is None:
        return None
    said = match.group(1)
    for _ in range(3):
        said = INNER.sub("", said)
    return " ".join(said.lower().split()[:2])


def thing_findings(paragraphs: list[tuple[str, str]], file: str,
                   language: str = "en") -> list[Problem]:
    """Plans of one announcement, attributes of one thing or the months of one measure told
    one sentence each, in the body read in order."""
    if language != "en":
        return []
    out: list[Problem] = []
    said = [(where, s) for where, text in paragraphs for s in sentences(" ".join(text.split()))]
    for i, (where, s) in enumerate(said):
        before = [t for _, t in said[max(0, i - NEAR):i]]
        if ANNOUNCED.search(s) and before and ANNOUNCED.search(before[-1]):
            out.append(found(file, where, "figures.plans_split", "plans or estimates of one "
                             "announcement told one sentence each (\"Plans announced put …\")",
                             "tell the figures of one thing together: \"plans were announced "
                             "for the pipeline to be 300 kilometres long and carry …\"",
                             excerpt(s)))
        own = thing(s)
        if own is not None and any(thing(t) == own for t in before):
            out.append(found(file, where, "figures.thing_split", f"attributes of one thing "
                             f"({own}) told in sentences of their own", "tell them in one "
                             "sentence about the thing, the whole before its parts: \"… is to "
                             "be 300 kilometres long, 120 kilometres of it in …\"", excerpt(s)))
        month = MONTHLY.match(s)
        last = MONTHLY.match(before[-1]) if before else None
        if month and last and month.group(1).lower() == last.group(1).lower():
            out.append(found(file, where, "figures.series_split", "one measure told one month "
                             "a sentence", "tell the series in one sentence, its total first: "
                             "\"… fell by 1.5 million tonnes in October–March, rising from … "
                             "in January to … in March\"", excerpt(s)))
    return out
