"""The house-style rules on one figure's sentence (issue 21z): a hedged figure given to more
than three significant digits ("about 9.4596 million"), a range of sources with its unit said
twice ("between 180 kilometres and 190 kilometres"), and a multiple still to come told as done
("… doubled" beside "plans"). Each is (id, pattern, message, hint); audit/prose.py adds them
to its table."""

from __future__ import annotations

HEDGE = r"\b(?:about|nearly|almost|more than|less than|at least|over|some) "
# A number of more than three significant digits: "9.4596 million", "12.34 billion", "1,234",
# "12,345" (trailing zeros are no digits of precision: "12,300" has three).
PRECISE = (r"[$€£¥]?(?:\d\.\d{3,}|\d\d\.\d{2,}|\d{3}\.\d+)(?= (?:thousand|million|billion|"
           r"trillion)\b)|[$€£¥]?(?:\d,\d\d[1-9]|\d\d,\d(?:[1-9]\d|\d[1-9])|\d{3},(?:[1-9]\d\d|"
           r"\d[1-9]\d|\d\d[1-9]))(?![\d,])")
# A value's unit word, after its scale: "kilometres", "bcm", "million tonnes", "%"; never a
# scale alone ("between $2.2 billion and $3.1 billion" is as an editor writes it).
SCALE = r"(?:thousand|million|billion|trillion)"
UNIT = r"(?:%|(?:" + SCALE + r" )?(?!" + SCALE + r"\b)[a-zA-Z]+)"

FIGURE_TEXT_RULES: list[tuple[str, str, str, str]] = [
    ("numbers.hedged_precise", HEDGE + r"(?:" + PRECISE + r")",
     "a hedged figure given to more than three significant digits (\"about 9.4596 million\")",
     "a figure the source hedges is told to three significant digits: \"about 9.46 "
     "million\"; the exact figure stays in the tables"),
    ("numbers.range_unit_twice", r"\bbetween [$€£¥]?[\d.,]+ (" + UNIT + r") and [$€£¥]?[\d.,]+ "
     r"\1\b",
     "a range with its unit said twice (\"between 180 kilometres and 190 kilometres\")",
     "say the unit once: \"180–190 kilometres\"; the note says which source gives which"),
    ("figures.plan_done", r"\b(?:[Pp]lans?|[Pp]lanned)\b[^.]{0,120}?\b(?:"
     r"doubled|tripled|quadrupled|grew [\d.,]+-fold)\b|\b(?:doubled|tripled|quadrupled|grew "
     r"[\d.,]+-fold)\b[^.]{0,60}?\b(?:according to plans|under (?:the )?plans?)\b",
     "a multiple still to come told as done (\"… doubled\" of a plan)",
     "tell it as a plan: \"Under plans announced in February 2031, … would double\""),
]
