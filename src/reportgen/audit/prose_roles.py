"""The audit's rules on who an event's people were to it (issue 21v): a host who "attended"
their own visit, "A and B met at the meeting of A and B", fighting that "was held", a
headline's adjective read as its subject ("Armed clashed on …"), a person named twice in one
sentence. Each is (id, pattern, message, hint); audit/prose.py adds them to its table.
"""

from __future__ import annotations

# The offices a person is named by again ("President Erdoğan"), in English.
_OFFICES = (r"(?:President|Minister|Chancellor|Premier|Emir|King|Queen|Secretary|Ambassador|"
            r"Prince|Sheikh|Governor|Mayor)")
ROLE_RULES: list[tuple[str, str, str, str]] = [
    ("events.host_attended", r"\battended (?:the |a |an )?(?:[\w'’-]+ ){0,6}?visit\b",
     "someone \"attended\" a visit (its host, or its visitor)",
     "\"A visited P on D for talks with B\": give the people `country:` and the event "
     "`kind: visit`"),
    ("events.met_at_meeting", r"\bmet at the (?:[\w'’-]+ ){0,3}?(?:meeting|session|talks|"
     r"dinner|consultations)\b",
     "\"A and B met at the meeting of …\": who met, said twice",
     "\"A and B held the first meeting of …\", \"A met B in P on D\""),
    ("events.strife_held", r"\b(?:fighting|clashes|hostilities|skirmishes|shelling|ceasefire|"
     r"truce)\b[^.]{0,100}? (?:was|were) held\b",
     "fighting or a ceasefire that \"was held\"",
     "who clashed: \"A and B forces clashed on D\" (the event's `kind: clash`), \"… took "
     "effect on D\""),
    ("events.no_subject", r"(?:^|(?<=[.!?] ))[A-Z][a-z]+ed [a-z]+ed (?:on|in|at|near|along|"
     r"across|over)\b",
     "a headline's adjective read as its subject (\"Armed clashed on the border\")",
     "tell who did it: give the event `kind:` (clash, …) or a title written as a clause"),
    ("events.name_twice", r"\b(?!" + _OFFICES + r"\b)[A-Z][\w-]+ ([A-Z][\w-]{3,})\b(?! [A-Z])"
     r"[^.]{1,200}?\b" + _OFFICES + r" \1\b(?! [A-Z])",
     "a person named in full, then by office and name in the same sentence (\"Recep Tayyip "
     "Erdoğan and … met at the meeting of President Erdoğan and …\")",
     "name each person once: \"A met B in P on D\""),
]
