"""The audit's rule on an event told as its title's noun phrase and "took place" or "was held"
when the title names a deed and who did it (issue 21x): "President A's call for … took place in
D", "The general strike of X and blockade of … took place on D", "The talks of A and B in P
were held in D". An editor writes the deed: "President A called for … in D". (id, pattern,
message, hint); audit/prose.py adds it.
"""

from __future__ import annotations

# The deed nouns report/title_deeds.py reads (the catalog's `words.deed_nouns`), as a title
# names them; "talks", "meeting" and "summit" only with their doers' names after "of" or a
# possessive (a named session "was held" as an editor writes it).
_DEED = (r"(?:call|appeal|strike|blockade|end|award|decision|announcement|proposal|request|"
         r"protest|visit)")
_HELD = r"(?:round of [\w ]{0,30}?talks|talks|meeting|summit|negotiations|consultations)"
_NAME = r"[A-Z][\w’'-]+(?: [A-Z][\w’'-]+){0,4}"
_TOLD = r"[^.]{0,160}? (?:took place|was held|were held)\b"
DEED_NOUN_RULES: list[tuple[str, str, str, str]] = [
    ("events.deed_noun_told",
     r"(?:\b" + _NAME + r"(?:'s|’s) (?:[a-z]+ ){0,2}" + _DEED + r"|\b[Tt]he (?:[a-z]+ ){0,2}"
     + _DEED + r" (?:of|to) (?:the )?" + _NAME + r"|\b[Tt]he (?:[a-z]+ ){0,2}" + _HELD
     + r" of " + _NAME + r")" + _TOLD,
     "a deed and who did it told as a noun phrase that \"took place\" or \"was held\" "
     "(\"President A's call for … took place in D\")",
     "tell the deed: \"President A called for … in D\" (write the event's title as who did "
     "what: \"A's appeal to …\", \"Talks of A and B in P\"; the catalog's `words.deed_nouns` "
     "reads it)"),
]
