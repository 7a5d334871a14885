"""The audit's rules on events (issue 21i): a letter, a speech, a press conference or a signing
told as a meeting, a list of the people who "met", a headline used as an event's title then "was
held", a signing that "was held", "the signing of A and the signing of B", a speaker who attended
their own speech. Each is (id, pattern, message, hint); audit/prose.py adds them to its table.
"""

from __future__ import annotations

HEADLINE_VERBS = ("withdraws|stays|visits|meets|says|signs|calls|holds|congratulates|agrees|"
                  "announces|receives|hosts|opens|attends|skips|recalls|backs|urges|rejects")
EVENT_RULES: list[tuple[str, str, str, str]] = [
    ("events.met_not_meeting", r"\bDuring (?:the|a|an) (?:[\w-]+ ){0,3}(?:letter|speech|"
     r"address|press conference|press briefing|signing)\b[^.]*?\bmet\b",
     "a letter, speech, press conference or signing told as a meeting (\"During the "
     "letter …, A and B met\")",
     "tell it by its kind: \"In a letter to Y on D, X …\", \"X addressed …\", \"A and B "
     "held a joint press conference\" (give the event `kind:`)"),
    ("events.met_list", r"\bDuring [^.]*?\d{4}, (?:[^,.]+, ){3,}[^,.]+ and [^,.]+ met\.",
     "a list of five or more people who \"met\"",
     "name the principals: \"X, accompanied by A and B, visited C for talks with Y\""),
    ("events.title_held", r"(?:^|[.] )(?:The )?[A-Za-z][\w-]*(?: [A-Z][\w-]*)* (?:"
          + HEADLINE_VERBS + r")\b[^.]*\b(?:was|were) held\b",
     "a headline used as an event's title, then \"was held\" (\"The algeria withdraws "
     "… was held\")",
     "tell the headline in the past tense: \"Algeria withdrew its ambassador …\""),
    ("events.signing_held", r"\b[Tt]he signing of [^.]{3,200}? was held\b",
     "a signing that \"was held\"", "\"… was signed on D\", or who signed it"),
    ("events.signing_twice", r"\bthe signing of [^.]{3,200}? and the signing of\b",
     "\"the signing of A and the signing of B\"",
     "\"the two leaders signed A and B\""),
    ("events.attended_own", r"\battended the (?:speech|address|lecture|press conference) "
     r"by\b", "a speaker who \"attended\" their own speech",
     "\"X addressed …\" (a title \"Speech by X to Y\")"),
]
