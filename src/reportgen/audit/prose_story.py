"""The audit's rules on the story a briefing and its deck tell (issue 21o), with audit/prose.py's
table: the summary opening its figures with one month's ("… rose 7.1% in October 2031") while
the briefing gives a figure of a year or of several months; a slide titled with what lies ahead
("A trade mission to Mexico is to be led by …", "Funding planned at CA$9.9 million") that is no
slide of the outlook, the deck's last of points.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reportgen.audit.prose_terms import MONTH, excerpt, found, sentences
from reportgen.audit.slides import _Slide
from reportgen.errors import Problem

if TYPE_CHECKING:
    from docx.document import Document as DocumentObject

# A figure of money or a change ("$2.4 billion", "7.1%", "CA$818 million", "THB 80.7 billion"):
# a count of people as of a month is a level, no month's figure.
FIGURE = re.compile(r"(?:[$€£¥]|\b[A-Z]{2,3}\$?\s?)\d|\d%")
ONE_MONTH = re.compile(r"\bin " + MONTH + r" \d{4}\b")  # "in October 2031", not a range
LONGER = re.compile(r"\bin (?:" + MONTH + r"\s?[–-]\s?" + MONTH + r" )?\d{4}\b")
# An outlook item: what is to happen ("… is to be led by …", "… will …").
AHEAD = re.compile(r"\b(?:is|are) to (?:be |hold |lead |sign |open |visit |meet )|\bwill\b")
# On the summary's slide, an expectation or a target too: the year in brief says what was.
AHEAD_SUMMARY = re.compile(AHEAD.pattern + r"|\bexpected (?:at|to)\b|\btarget of\b")


def story_briefing(doc: DocumentObject, file: str, language: str) -> list[Problem]:
    """The story rules on a built briefing: its body's sentences, the summary's (those under
    its first heading of level 1) counted apart."""
    if language != "en":
        return []
    said: list[str] = []
    summary, headings = 0, 0
    for paragraph in doc.paragraphs:
        style = paragraph.style.name if paragraph.style is not None else ""
        if style.startswith("Heading 1"):
            headings += 1
            summary = summary or (len(said) if headings == 2 else 0)
        elif headings and not style.startswith(("Caption", "TOC", "Title", "Subtitle")):
            said += sentences(" ".join(paragraph.text.split()))
    return summary_month(said, summary, file)


def summary_month(sentences: list[str], summary: int, file: str) -> list[Problem]:
    """The body's first sentence with a figure, among its first `summary` sentences (the
    summary), a change of one month (a stock as of a month is a level, not flagged), while a
    later sentence gives a figure of that year or of several of its months: the summary leads
    with the year's figure, the section gives the months."""
    first = next((i for i, s in enumerate(sentences[:summary]) if FIGURE.search(s)), None)
    month = ONE_MONTH.search(sentences[first]) if first is not None else None
    if first is None or month is None or "%" not in sentences[first] \
            or LONGER.search(ONE_MONTH.sub("", sentences[first])):
        return []
    year = month.group(0)[-4:]  # a figure of that year's whole or months: an earlier year's
    if not any(FIGURE.search(s) and any(m.group(0).endswith(year) for m in LONGER.finditer(
            ONE_MONTH.sub("", s))) for s in sentences[first + 1:]):  # is context, no lead
        return []
    return [found(file, "summary", "order.summary_month", "the summary's figures open with one "
                  "month's while the briefing gives the year's or several months'",
                  "lead with the figure of the year (or of its months so far); one month's "
                  "belongs in its section", excerpt(sentences[first]))]


def titles_ahead(slides: list[_Slide], file: str, language: str) -> list[Problem]:
    """A slide of points titled with an outlook item before the deck's last slide of points
    (the outlook's), or the summary's (the first after the agenda) titled with what lies ahead
    (an outlook item, an expectation, a target): no main point of the year."""
    if language != "en":
        return []
    shown = [s for s in slides if s.bullets and s.number > 2]
    last = max((s.number for s in shown if not s.title.startswith("Sources")), default=0)
    return [found(file, f"slide {s.number}", "deck.title_ahead", "a slide title that looks "
                  "ahead (an outlook item or a plan) on a slide of the year",
                  "title it with the section's main point: its high-level event with what "
                  "came of it, or its key figure with its change", excerpt(s.title))
            for s in shown if s.number < last and AHEAD.search(s.title)
            or s is shown[0] and AHEAD_SUMMARY.search(s.title)]
