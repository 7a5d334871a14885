"""The house-style rules on figures told apart (audit/prose.py): figures of one kind and period
in sentences of their own, one after the other (issue 21f, 21h), and one measure told for
cumulative periods that a later one supersedes (issue 21h)."""

from __future__ import annotations

import re

from reportgen.audit.prose_terms import MONTH, QUALIFIER, excerpt, found
from reportgen.errors import Problem

# Two figures of one frame and period in sentences of their own, one after the other.
# Each found by its frame, unit sign and period (a dollar and a yen figure are not of one kind).
FIGURE_FRAMES = [re.compile(r"\breached " + QUALIFIER + r"([$€£¥]?)[^,]+? (in [^,]+), [\d.,]+% "
                            r"(?:more|less) than a year earlier"),
                 re.compile(r"\b(?:came to|totalled) " + QUALIFIER
                            + r"([$€£¥]?)\d[^,;]*? (in [^,;.]+)\.?$"),
                 # (issue 21h) a rise and a fall of one period: "exports fell 24.8% in …",
                 # "imports rose 9.7% in …"; two ranks of one holder and period; counts of
                 # things done on one day ("On 28 October 2024, nine ministers were …").
                 re.compile(r"\b(?:rose|fell) [\d.,]+%(?:, or [^,]+,)? (?:to " + QUALIFIER
                            + r"([$€£¥]?)\d[^,;]*? )?(in [^,;.]+)\.?$"),
                 re.compile(r"^(.+?) ranked \w+ among [^,;]+ (in [^,;.]+)\.?$"),
                 re.compile(r"^On (\d[^,]+), [^.;]*? were ([a-z][^.;]*?)\.?$")]


def split_figures(said: list[str], file: str, where: str) -> list[Problem]:
    """Figures of one frame and period in sentences of their own, one after the other."""
    out, told = [], None  # the frame and period of the sentence before
    for sentence in said:
        frame = next(((i, m.group(1), m.group(2)) for i, f in enumerate(FIGURE_FRAMES)
                      if (m := f.search(sentence))), None)
        if frame is not None and frame == told:
            out.append(found(file, where, "figures.split", "figures of one kind and period "
                                f"told in sentences of their own ({frame[2]})",
                                "tell them in one sentence, the period once: \"exports rose "
                                "9.1% to $58.3 billion in 2024 and imports 9.6% to $28.4 "
                                "billion\"", excerpt(sentence)))
        told = frame
    return out
# A figure's subject and cumulative period: "Brazilian exports to Argentina fell 33.1% to $5
# billion in January–May 2024" (months from one start, in one year).
SUBJECT = re.compile(r"^(?:In [^,]+, )?([A-Z][^,;]*?) (?:reached|rose|fell|came to|totalled|was)\b")
CUMULATIVE = re.compile(r"\b(" + MONTH + r")[–-](" + MONTH + r") (\d{4})\b")
VALUED = re.compile(r"\b(?:to|reached|came to|totalled|was) " + QUALIFIER + r"[$€£¥]?\d")


def overlap(said: list[str], file: str, where: str,
             seen: dict[tuple[str, str, str], str]) -> list[Problem]:
    """One measure for cumulative periods from the same start, each with its value, in the
    body (January–April, then January–May): the later supersedes the earlier. `seen` gathers
    the periods of the body's measures so far."""
    out: list[Problem] = []
    for sentence in said:
        subject, period = SUBJECT.search(sentence), CUMULATIVE.search(sentence)
        if subject is None or period is None or not VALUED.search(sentence):
            continue
        start, end, year = period.groups()
        key = (subject.group(1).lower(), start, year)
        if key in seen and seen[key] != end:
            out.append(found(file, where, "figures.overlap", f"one measure for {start}–"
                                f"{seen[key]} and {start}–{end} {year}, each with its value",
                                "tell the latest cumulative period; the earlier stays in the "
                                "key figures table", excerpt(sentence)))
        seen.setdefault(key, end)
    return out
