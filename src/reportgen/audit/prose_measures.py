"""The house-style rules on figures whose label is a clause or a measure of a thing (issue 21,
report/figure_clauses.py): "there were about 200 people the entry centre can accommodate",
"Natural gas the interconnector would replace should reach …", "Interconnector voltage totalled
500 kV", "Deal term was five years", "Time the Commission had been inactive was seven years".
Each is (id, pattern, message, hint); audit/prose.py adds them to its table."""

from __future__ import annotations

from reportgen.audit.prose_terms import QUALIFIER

# A verb group that makes a label a clause: "… the centres could accommodate".
MODAL = r"\b(?:can|could|would|will|may|might|should|must|(?:is|are) (?:set |due )?to)\b"
# A record's verb after a label used as its subject.
RECORD = r"(?:was|were|totalled|stood at|came to|should reach|will reach|reached)"
MEASURES = r"(?:[Vv]oltage|[Cc]apacity|[Tt]erm|[Cc]ost|[Dd]uration|[Pp]rice)"

MEASURE_RULES: list[tuple[str, str, str, str]] = [
    ("figures.clause_label", r"\b[Tt]here (?:were|are|was) " + QUALIFIER + r"[\d,.]+ [\w'’-]+"
     r"(?: [\w'’-]+)? (?:the|[A-Z][\w–-]+) [^.;]{0,60}?" + MODAL,
     "\"there were N X the Y can …\": a label that is a clause told as a record",
     "tell the clause: \"the centre can accommodate about 200 people\" (figure_clauses.py)"),
    ("figures.clause_subject", r"(?:(?:^|[.] )[A-Z][a-z]+(?: [a-z]+){0,3} the [^.;]{1,50}?"
     + MODAL + r" \w+ " + RECORD + r" |\bput [a-z][\w ]{0,40}? the [^.;]{1,50}?" + MODAL
     + r" \w+ at )",
     "\"X the Y would replace should reach V\": a clause used as a record's subject",
     "\"the interconnector would replace 4.5 bcm of natural gas a year\""),
    ("figures.measure_label", r"(?:^|[.] )(?:(?:The )?" + MEASURES + r" of [^.;]{1,60}?|"
     r"(?:[A-Z][\w–-]* ){1,2}(?:voltage|capacity|term|cost|duration|price)) " + RECORD + r" ",
     "a measure told by its label (\"Interconnector voltage totalled 500 kV\", \"Deal term "
     "was five years\")",
     "tell it of the thing: \"the line operates at 500 kV\", \"the deal runs for five years\""),
    ("figures.time_label", r"(?:^|[.,] |\bput )[Tt]ime (?:until |the |that )[^.;]{1,80}? (?:"
     + RECORD + r"|at) ",
     "a time told by its label (\"Time the Commission had been inactive was seven years\")",
     "\"the Commission had been inactive for seven years\", \"… is expected to become "
     "operational within five years\""),
]
