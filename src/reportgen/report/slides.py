"""What a slide's title and points may say, whatever the language: the tests the deck's points
and titles pass (prose.py writes them, pptx/plan.py places them).

- A point never says its slide's title again ("Trade up 9.2% to $86.7 billion" over "Trade up
  9.2% to $86.7 billion in 2024"; a title rounds: "$854 million" over "$853.7 million").
- A point with no figure says something short.
- A label names a year once: "Trade target of $150 billion by 2030", not "Trade target 2030 of
  $150 billion by 2030".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

FACT_POINT_MAX = 100  # characters of a point with no figure: it says something short
PERIOD_WORDS = 4  # "in January–October 2031", "on 16 September 2031"
MARKERS = re.compile(r"\[[\^@][a-z][a-z0-9_]*\]")


def plain(line: str) -> str:
    """A point or title as a reader sees it: without citation markers or spare spaces."""
    return " ".join(MARKERS.sub("", line).split())


def repeats(line: str, title: str) -> bool:
    """Whether a point says its slide's title again: the title's words in their order, with at
    most a period added ("Surviving victims down to 50,000 in December 2031, from 60,000"
    under "Surviving victims down to 50,000, from 60,000"), or the event a title names before
    what came of it (see `names_event`)."""
    # A title rounds its amounts ("$854 million" for "$853.7 million"): any number is a number.
    said = [_number(w) for w in plain(line).rstrip(".。").replace(",", " ").split()]
    head = [_number(w) for w in plain(title).rstrip(".。").replace(",", " ").split()]
    if names_event(line, title):
        return True
    if not head or len(said) - len(head) > PERIOD_WORDS or len(said) < len(head):
        return False
    words = iter(said)
    return all(any(w == h for w in words) for h in head)


def _number(word: str) -> str:
    """A word with its number to two significant digits: "$853.7" and "$854" read alike,
    "91" and "105" do not."""
    def rounded(m: re.Match[str]) -> str:
        try:
            return f"{float(m.group(0).rstrip('.')):.2g}"
        except ValueError:
            return m.group(0)
    return re.sub(r"\d[\d.]*", rounded, word)


def names_event(line: str, title: str) -> bool:
    """Whether a point is the event its slide's title names before what came of it: "Summit in
    Sylvania (10–12 June 2031)" under "Summit in Sylvania: 12 agreements" (it adds the dates)."""
    event = re.sub(r"\s*[(（][^()（）]*[)）]$", "", plain(line))
    head = re.split("[:：]", plain(title))[0].strip()
    return event != plain(line) and event == head and head != plain(title)


def short_enough(text: str) -> bool:
    """A point with no figure only where it says something short."""
    return any(c.isdigit() for c in text) or len(plain(text)) <= FACT_POINT_MAX


def once(label: str, years: Sequence[str]) -> str:
    """A label without a year its frame says anyway: "Trade target 2030" → "Trade target" when
    the point ends "by 2030"."""
    for year in years:
        if year and re.search(rf"\b{re.escape(year)}\b", label) and label.strip() != year:
            label = " ".join(re.sub(rf"\b{re.escape(year)}\b", "", label).split())
    return label
