"""The house-style rules on order (issue 21n; audit/prose.py runs them on a briefing's body):
the summary opening with a constant ("The land border … was more than 1,200 kilometres in
2024."), not the year's main event or headline figure; a fact about a visit told after another
visit ("The documents signed during the state visit …" after an official visit), where it
belongs right after its own."""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportgen.audit.prose_terms import QUALIFIER, excerpt, found
from reportgen.errors import Problem

# A level that does not move, as a sentence: "X was more than 1,200 kilometres in 2024."
CONSTANT = re.compile(r"^[A-Z][^.;]*? (?:was|were|is|are) " + QUALIFIER + r"[\d.,]+ "
                      r"(?:kilometres|km|metres|miles|square kilometres|years)\b[^.;]*\.?$")
# A visit told by its kind ("paid a state visit", "an official visit"), and a sentence that
# refers back to a visit of a kind ("during the state visit").
VISIT = re.compile(r"\b(?:paid|made|began|on) (?:a|an|his|her|their) (\w+) visit\b")
DURING = re.compile(r"\b(?:during|of|on) the (\w+) visit\b")


@dataclass
class Order:
    """What the body has told so far: whether the summary's first sentence was read, and the
    kind of the visit told last."""

    opened: bool = False
    visit: str = ""


def order_findings(said: list[str], file: str, where: str, state: Order) -> list[Problem]:
    """A paragraph's sentences against the order rules (see the module's docstring)."""
    out = []
    for sentence in said:
        if not state.opened:
            state.opened = True
            if CONSTANT.search(sentence):
                out.append(found(file, where, "order.summary_constant", "the summary opens with "
                                 "a figure that does not move, not the year's main event or "
                                 "headline figure", "open with the year's main event or a "
                                 "figure that moved; the constant belongs in its section",
                                 excerpt(sentence)))
        back = DURING.search(sentence)
        if back and state.visit and back.group(1).lower() != state.visit:
            out.append(found(file, where, "order.other_visit", f"a fact about the "
                             f"{back.group(1)} visit told after the {state.visit} visit",
                             "tell it right after the visit it is about", excerpt(sentence)))
        told = VISIT.search(sentence)
        if told:
            state.visit = told.group(1).lower()
    return out


# The outlook's sentences complete (report/ahead.py), as (id, pattern, message, hint) for
# audit/prose.py's table; never inside a quote, which stands as it was said.
OUTLOOK_RULES: list[tuple[str, str, str, str]] = [
    ("outlook.incomplete", r"^[^“]*?\b(?:is|are) expected\.(?:\s|$)",
     "an expectation with nothing after it (\"… is expected.\")",
     "say what is expected and when: give the fact its `year:` (\"… is expected in 2032.\")"),
    ("outlook.padding", r"^[^“]*?\bin the future\.(?:\s|$)",
     "padding at the end of a sentence (\"… in the future.\")",
     "leave it out, or say when"),
]
