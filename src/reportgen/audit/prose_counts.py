"""The house-style rules on counts, shares, lengths and numbers told as records (issue 21l): "there
were N X taking part in …", "with X's share of Y of V%", "Railway length was 392 km", "The number
of meetings of 13 is scheduled", "more than 18% more than", "In 2024, … a year", an amount given
to the last digit ("€55.474 billion"). Each is (id, pattern, message, hint); audit/prose.py adds
them to its table."""

from __future__ import annotations

from reportgen.audit.prose_terms import QUALIFIER

NUMBER = QUALIFIER + r"[\d,.]+(?: (?:thousand|million|billion))?"
# What follows counted things that says what they do, where they go or what has them.
DOING = r"(?:[a-z]+ing|[a-z]+ed|to|from|in the|on which|in which|whose|that|who)\b"

COUNT_RULES: list[tuple[str, str, str, str]] = [
    ("figures.there_were", r"\b[Tt]here were " + NUMBER + r" (?:[\w'’-]+ )(?:[a-z][\w'’-]* )"
     r"{0,2}" + DOING,
     "\"there were N X …\": counted things told as a record, not by what they do",
     "tell them by what they are and do: \"more than 2,000 personnel took part in …\", \"1.8 "
     "million visitors came to …\", \"the delegation had 12 ministers\" (label the figure as "
     "the things and what they do, docs/dataset.md)"),
    ("figures.share_label", r"\bwith (?:the )?[^,.;]{0,60}?share of [^,.;]{1,80}? of "
     + QUALIFIER + r"[\d.,]+%",
     "\"with X's share of Y of V%\": a share's label read as a clause",
     "\"…, with Spain accounting for 25.8% of Portuguese exports\", \"…, equal to 23% of "
     "Portugal's GDP\""),
    ("figures.length_label", r"(?:^|[.] )(?:The )?(?:[Ll]ength of [^.]{1,80}?|[A-Z][a-z]+ "
     r"length) was " + QUALIFIER + r"[\d,.]+ (?:kilometres|metres|miles|km|m)\b",
     "a length told by its label (\"Railway length was 392 kilometres\")",
     "tell it of the thing: \"The railway line is 392 kilometres long\""),
    ("figures.number_scheduled", r"\b[Nn]umber of [^.]{1,80}? of " + NUMBER
     + r" (?:is|was) (?:scheduled|planned|expected)\b",
     "\"The number of X of N is scheduled\": a count of things to come told as a record",
     "\"13 meetings were scheduled on …\""),
    ("numbers.more_than_twice", r"\b(?:more|less) than [\d.,]+% (?:more|less) than\b",
     "\"more than 18% more than a year earlier\": the comparison said twice",
     "\"…, up more than 18% on a year earlier\""),
    ("dates.rate_year_twice", r"\bIn (?:19|20)\d\d, [^.]*?\ba (?:year|week|month|day)\b"
     r"(?! (?:earlier|ago|before|later|on))",
     "a period and a rate of the same time in one sentence (\"In 2024, … three … a year\")",
     "say the rate alone: \"three exercises a year\""),
    ("numbers.unrounded", r"[$€£¥]\d{2,3}\.\d{3} (?:million|billion|trillion)\b",
     "an amount in the body to the last digit (\"€55.474 billion\")",
     "round it as a reader expects (\"€55.5 billion\"); the exact figure stays in the tables"),
]
