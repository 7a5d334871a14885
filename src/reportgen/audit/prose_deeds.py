"""The audit's rules on events told by a verb not their own (issue 21q): a deed "was held" (a
handover, a return, a ruling is done, not held), a clause glued after "brought" ("… brought the
court found that …"), an event's count told again "During the return, 12 migrants were
returned", a signing told again after the visit that signed ("During the signing, seven
memoranda … were signed"). Each is (id, pattern, message, hint); audit/prose.py adds them.
"""

from __future__ import annotations

DEEDS = (r"(?:handover|hand-over|return|repatriation|transfer|release|delivery|launch|ruling|"
         r"ratification|withdrawal|expulsion|evacuation|closure|suspension|deportation)")
DEED_RULES: list[tuple[str, str, str, str]] = [
    ("events.deed_held", r"\b[Tt]he " + DEEDS + r"\b[^.]{0,120}? (?:was|were) held\b",
     "a deed told as \"was held\" (\"The handover of the site to Italy was held on D\")",
     "tell it with its own verb: \"The site was handed over to Italy on D\" (the catalog's "
     "`words.title_verbs` reads the title's noun)"),
    ("events.brought_clause", r"\bbrought (?:the|a|an) \w+(?: \w+)? (?:found|ruled|decided|"
     r"agreed|said|ordered|held|declared)\b",
     "a clause glued after \"brought\" (\"… brought the court found that …\")",
     "tell the outcome as its own sentence: \"The court found that …\""),
    ("events.count_again", r"\bDuring the (?:return|handover|transfer|release|delivery|"
     r"signing|evacuation), (?:about |more than |some )?[\w,-]+ [\w ]{1,40}? (?:was|were) "
     r"(?:returned|handed over|transferred|released|delivered|signed|evacuated)\b",
     "an event's count told again by its own verb (\"During the return, 12 migrants were "
     "returned\")",
     "list the figure in the event's `metrics:` with `noun:` and `verb:`: it is told in the "
     "event's sentence (\"The first 12 migrants … were returned …\")"),
]
