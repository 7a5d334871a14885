"""The audit's rules on what came of an event and who met whom (issue 21m): "X resulted in Y",
a circular meeting ("During the meeting of A with B, A met B"), a count of an event split off
as its own sentence with the day said again ("On 23 October 2024, 11 agreements were signed."),
a person "inaugurated" (they attended the inauguration), a leftover "attended on". Each is (id,
pattern, message, hint); audit/prose.py adds them to its table.
"""

from __future__ import annotations

DAY = r"\d{1,2}(?:\s*[–-]\s*\d{1,2})? [A-Z][a-z]+ \d{4}"
EVENT_OUTCOME_RULES: list[tuple[str, str, str, str]] = [
    ("events.resulted_in", r"\bresulted in\b",
     "an event's outcomes as \"X resulted in Y\"",
     "tell what the parties did: \"During the visit, the two sides concluded …\", \"The "
     "ministers reached agreement in principle on …\" (write an outcome as a clause, or as a "
     "noun the catalog reads: \"the signing of …\", \"an agreement on …\")"),
    ("events.met_circular", r"\bDuring (?:the|a|an) [^.]*?\b(?:meeting|workshop|forum|closing|"
     r"talks)\b[^.]*?, (?:[^,.]+, )*[^,.]+ met\b",
     "a circular meeting: \"During the meeting of A with B, A met B\"",
     "tell the meeting once: \"A met B in P on D\""),
    ("events.count_dated", r"(?:^|[.] )On " + DAY + r", (?:there (?:were|was) )?(?:more than |"
     r"about |some |nearly |over )?[\d,]+ (?:[\w-]+ ){1,3}(?:were|was) [a-z]+ed\.",
     "a count split off its event with the day said again (\"On 23 October 2024, 11 "
     "agreements were signed.\")",
     "list the figure in the event's `metrics:`: it is told in the event's sentences "
     "(\"… where 11 agreements were signed\")"),
    ("events.inaugurated_person", r"\binaugurated (?:President|Prime Minister|King|Queen|"
     r"Premier|Chancellor|Emir|Sultan)\b",
     "a guest who \"inaugurated\" the president (they attended the inauguration)",
     "\"X attended the inauguration of President Y\" (cut \", attended by X\" from the title "
     "or list X in `participants:`)"),
    ("events.attended_on", r", attended (?:on|in)\b",
     "a leftover fragment \"…, attended on D\"",
     "\"X attended Y on D\""),
]
