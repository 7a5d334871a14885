"""The house-style check of a built briefing and deck: the marks of prose assembled from records
rather than written (docs/prose.md), found in the documents read back, in the manner of proselint
and Vale (a table of rules, each a pattern with its message and its fix).

Each finding names its document, its paragraph or slide, the rule and the words that broke it.
The wording rules are English ones and run on an English edition; the rules on repetition and
on a list posing as prose hold in every language.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from docx import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from reportgen.audit.events import EVENT_RULES
from reportgen.audit.prose_counts import COUNT_RULES
from reportgen.audit.prose_deck import DECK_RULES, deck_titles
from reportgen.audit.prose_deed_nouns import DEED_NOUN_RULES
from reportgen.audit.prose_deeds import DEED_RULES
from reportgen.audit.prose_events import EVENT_OUTCOME_RULES
from reportgen.audit.prose_figure_text import FIGURE_TEXT_RULES
from reportgen.audit.prose_figures import overlap as _overlap
from reportgen.audit.prose_figures import split_figures as _split_figures
from reportgen.audit.prose_lead import LEAD_RULES, titles_twice
from reportgen.audit.prose_measures import MEASURE_RULES
from reportgen.audit.prose_order import OUTLOOK_RULES, Order, order_findings
from reportgen.audit.prose_refs import PLAN_RULES, reference_findings
from reportgen.audit.prose_roles import ROLE_RULES
from reportgen.audit.prose_siblings import sibling_findings
from reportgen.audit.prose_story import story_briefing, titles_ahead
from reportgen.audit.prose_terms import MONTH, QUALIFIER, WEEKDAY, sentences
from reportgen.audit.prose_terms import excerpt as _excerpt
from reportgen.audit.prose_terms import found as _found
from reportgen.audit.prose_things import thing_findings
from reportgen.audit.slides import _Slide, _slides
from reportgen.errors import Problem, relpath

if TYPE_CHECKING:
    from docx.document import Document as DocumentObject


@dataclass(frozen=True)
class Rule:
    """One mark of assembled prose: where it applies ("body", "points" or both), the pattern
    that finds it, what is wrong and how an editor writes it instead."""

    id: str
    pattern: re.Pattern[str]
    message: str
    hint: str
    scope: tuple[str, ...] = ("body",)
    language: str = "en"


def _rule(rule_id: str, pattern: str, message: str, hint: str,
          scope: tuple[str, ...] = ("body",)) -> Rule:
    return Rule(rule_id, re.compile(pattern), message, hint, scope)


RULES = [
    _rule("records.stood_at", r"\b(?:stood at|numbered) " + QUALIFIER + r"[$€£¥]?[\d,.]+",
          "a label reads as the subject of a record (\"X stood at V in P\")",
          "say what the figure is: \"trade reached …\", \"the number of … was …\""),
    _rule("records.brought_together",
          r"(?:^|\. )It brought together\b|\bbrought together\b[^.]*\band resulted in\b",
          "\"(It) brought together … and resulted in …\": an event told as a record",
          "tell the event: \"During the state visit in April, President … met …\", then what "
          "came of it"),
    _rule("records.outcomes", r"\bOutcomes included\b",
          "\"Outcomes included …\": a list heading read as a sentence",
          "tie the outcomes to the event: \"During the visit, the two sides signed …\""),
    _rule("records.label_value", r"^[A-Z][^:.!?]{2,80}: " + QUALIFIER + r"[$€£¥]?\d[^:]*$",
          "\"Label: value in period\": a table row, not a claim",
          "a short claim with its figure: \"Trade up 12.5% to €830 million\"",
          scope=("points",)),
    _rule("records.label_at", r"^[A-Z][\w'’ -]{2,60}?(?<!expected)(?<!planned)(?<!scheduled) at "
          + QUALIFIER + r"(?:between )?(?:[$€£¥]?\d|(?:first|second|third|fourth|fifth|sixth|"
          r"seventh|eighth|ninth|tenth)\b)",
          "\"Label at value\": a table row, not a claim (\"Share of arrivals at 25.98%\")",
          "say what the figure is: \"South Koreans made up 25.98% of arrivals\", \"Trade up "
          "12.5% to €830 million\"", scope=("points",)),
    _rule("dates.year_twice", r"\b((?:19|20)\d\d)\b(?![–-]\d)[^.]*?\b\1\b(?![–-]\d)",
          "the same year twice in one point (\"Trade target 2030 of $150 billion by 2030\")",
          "say the year once", scope=("points",)),
    _rule("records.label_value_body", r"^[A-Z][^:.!?]{2,80}: " + QUALIFIER + r"[$€£¥]?\d",
          "\"Label: value\" in the body: a table row, not a sentence",
          "write it as a sentence about the thing the figure measures"),
    _rule("skeleton.colon_the", r"\b(?:ahead|confident|about \d{4}|to \d{4}): (?:The|A|An) ",
          "the skeleton shows: a lead-in and a colon before a whole sentence",
          "say the sentence itself, attributed once (\"…, the ambassador said.\")"),
    _rule("skeleton.list_lead", r":$",
          "a paragraph that ends with a colon: a list posing as prose",
          "tell the items in a sentence"),
    _rule("skeleton.chart_sentence",
          r"(?:^|[.!?] )(?:The chart “[^”]*” sets out these figures|The high-level events of "
          r"the year are (?:also )?shown on a timeline)",
          "a sentence that only points to a chart (\"… are also shown on a timeline\")",
          "put the reference at the end of the sentence about what the chart shows: \"… rose "
          "12% to €830 million (see Figure 2).\""),
    _rule("notes.source_named", r"(?:^|[.!?] )According to (?:the )?[A-Z][^,.]{0,60},",
          "a source named in the body (\"According to Reuters, …\")",
          "state it; the footnote names the source. A view keeps its owner in the words (\"is "
          "seen as\", \"the minister said\")"),
    _rule("notes.source_gives", r"\b(?:give|gives) " + QUALIFIER + r"[$€£¥]?\d",
          "a source and its figure in the body (\"News.Az gives more than 16,000.\")",
          "give the range once (\"between … and …, depending on the source\") and name the "
          "sources in the footnotes"),
    _rule("notes.derivation", r"\bThe sources do not give\b|\bon the reported change\b",
          "how an estimate was made, told in the body", "a note on the figure belongs in the "
          "footnote"),
    _rule("notes.estimate_in_body", r"≈",
          "an estimate marked ≈ in the body", "estimates go to the tables and notes"),
    _rule("numbers.times", r"\b(?:[1-9]|one|two) times\b",
          "a small count of times in digits or as \"two times\"", "\"once\", \"twice\", "
          "\"three times\""),
    _rule("numbers.multiply", r"\bmultiply by\b|\bgrew ×|\b×\d",
          "a multiple written as a formula", "\"doubled\", \"a 25-fold increase\""),
    _rule("numbers.year_grouped", r"\b\d,\d{3} year\b|\b[12]\d,\d{3}\b(?= \(scheduled\))",
          "a year written as a quantity (\"2,033 year\")", "years as years: \"in 2033\""),
    _rule("numbers.fractional_count",
          r"\b\d[\d,]*\.\d+ (?!million|billion|trillion|thousand|per\b|percent)[a-z]{4,}s\b",
          "a fractional count of people or things", "round a count to a whole number"),
    _rule("dates.month_day", MONTH + r" \d{1,2}(?:\s*[–-]\s*\d{1,2})?, \d{4}",
          "a date written month-first (\"May 26 – 27, 2030\")",
          "\"on 26–27 May 2030\", \"on 20 December 2030\""),
    _rule("dates.in_a_day", r"\bin " + MONTH + r" \d{1,2}\b|\bin \d{1,2}(?:–\d{1,2})? " + MONTH,
          "\"in\" before a day (\"in May 26 – 27, 2030\")", "\"on 26–27 May 2030\""),
    _rule("mechanics.doubled_word", r"(?i)\b(the|a|an|of|and|to|in|on|was)\s+\1\b",
          "the same word twice (\"The the meeting …\")",
          "say it once: the frame and the label both brought it"),
    _rule("dates.weekday_in_date", r"\bon an? " + WEEKDAY + r" in " + MONTH + r" \d{1,2}\b",
          "a weekday run into a date (\"on a Friday in December 20, 2030\")",
          "\"on Friday 20 December 2030\""),
]
# Figures told as records rather than as what they are (docs/prose.md, "Figures").
ORDINAL_WORD = ("(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
                r"\d+(?:st|nd|rd|th))")
FISCAL = "(?:" + "|".join(f"{a} \\d{{4}}\\s*–\\s*{b}" for a, b in zip(
    MONTH[3:-1].split("|")[1:], MONTH[3:-1].split("|")[:-1], strict=True)) + r") \d{4}"
RULES += [
    _rule("records.came_to", r"\bcame to " + QUALIFIER + r"[-−]?[$€£¥]?\d",
          "a figure that \"came to\" its value, as read off a record (\"Saudi deposits came to "
          "$10.3 billion\")", "say what the figure is: a stock or a flow \"totalled\", a change "
          "\"rose 5% to\", things done \"22 agreements worth … were signed\""),
    _rule("records.rank_was", r"\b[Rr]ank (?:among|of|as)\b[^.]{0,120}? was " + ORDINAL_WORD,
          "a rank told as its table heading (\"X's rank among Y was third\")",
          "\"X ranked third among Y\": give the figure `holder:` and `among:`"),
    _rule("records.came_to_level", r"\b(?:came to|totalled) " + QUALIFIER
          + r"\d[\d,.]*(?:%| (?:years|"
          r"months|weeks|days|hours)\b)",
          "a share or a duration that \"came to\", as if it were a sum",
          "\"was 88%\", \"was 15 years\""),
    _rule("records.number_came_to", r"\b[Tt]he number of [^.,;]{1,80}? (?:came to|totalled)\b",
          "a count told by its label form (\"The number of activities came to 34\")",
          "tell what was counted: \"34 activities were held\", \"there were 34 …\" (give "
          "the figure `noun:` and, for things done, `verb:`)"),
    _rule("records.plan_dated", r"\bwill reach [^.]{1,80}? (?:in|on) (?:\d{1,2} )?" + MONTH
          + r" \d{4}, according to plans",
          "a plan dated by the month it was announced, as if it aimed at that month",
          "\"Plans announced in February 2024 put … at …\", or give `by:` the year it aims at"),
    _rule("dates.fiscal_spelled", r"\b" + FISCAL,
          "a fiscal year spelled out month by month (\"April 2022 – March 2023\")",
          "as an editor writes it: \"2022–23\""),
]
# Related figures told apart, and labels as subjects (issue 21f, docs/prose.md "Figures").
RULES += [
    _rule("records.label_clause", r"\b(?:when|while) [^.,;]{3,80}? (?:came to|totalled)\b",
          "a label that carries a clause as the subject (\"two-way trade when diplomatic ties "
          "were established came to …\")",
          "the clause after the period: \"In 1992, when diplomatic ties were established, "
          "trade came to …\""),
    _rule("records.bare_label", r"(?:^|[.,] )(?:[Rr]ise|[Ii]ncrease|[Dd]ecrease|[Ff]all|[Gg]rowth) "
          r"in [^.]{1,80}? (?:came to|totalled)\b",
          "a label without its article as the subject (\"Rise in surplus came to …\")",
          "give the change on the figure it changes (`change: {amount: …}`): \"the surplus "
          "widened by $2.3 billion to $29.9 billion\""),
]
# Events told as records, and the period of a visit said in sentence after sentence (issue 21e).
DAY_RANGE = r"\d{1,2}(?: " + MONTH + r")?\s*[–-]\s*\d{1,2} " + MONTH + r" \d{4}"
RULES += [
    _rule("records.took_place", r"\btook place (?:on|in|at|from|during)\b",
          "an event told as a record (\"X took place on D\")",
          "tell what happened: \"A paid an official visit to C on D\", \"A and B held talks\" "
          "(give the event `participants:`)"),
    _rule("records.result_clause", r"\bresulted in (?:[\w'’-]+ ){1,3}(?:reaffirmed|recognised|"
          r"recognized|directed|announced|agreed to|signed the|were|was|takes|took)\b",
          "a clause after \"resulted in\" (\"The speech resulted in the president reaffirmed …\")",
          "an outcome that says who did what is a sentence of its own; \"resulted in\" takes what "
          "came of the event (\"the signing of …\")"),
    _rule("records.events_included", r"\b[Hh]igh-level events (?:included|were)\b",
          "the year's events as a list (\"The year's high-level events included A and B\")",
          "name the main event as a sentence; its section tells it in full"),
    _rule("dates.range_figure", r"(?:^|[.!?] )On " + DAY_RANGE + r", (?:there (?:were|was) )?"
          + QUALIFIER + r"\d",
          "a figure dated with a visit's whole range and no referent (\"On 30 June – 3 July, "
          "34 activities were held\")",
          "tell it within the event: \"During the visit more than 40 agreements were signed\""),
    _rule("records.event_stub", r"^[A-Z][^()]{2,80} \((?:\d{1,2}(?:\s*[–-]\s*\d{1,2})? )?(?:"
          + MONTH + r"[^()]*)?\d{4}\)$",
          "an event as \"Label (date)\": a timeline row, not a claim",
          "a short claim: \"Pham Minh Chinh visits Seoul, 30 June – 3 July 2024\"",
          scope=("points",)),
]
# Events told by what kind they were, not as a meeting of everyone named (audit/events.py).
RULES += [_rule(*rule) for rule in EVENT_RULES]
RULES += [_rule(*rule) for rule in COUNT_RULES]
RULES += [_rule(*rule) for rule in MEASURE_RULES]  # clauses and measures (figure_clauses)
RULES += [_rule(*rule) for rule in EVENT_OUTCOME_RULES]  # outcomes and meetings (21m)
RULES += [_rule(*rule) for rule in OUTLOOK_RULES]
RULES += [_rule(*rule) for rule in DEED_RULES]  # deeds told by their own verb (21q)
RULES += [_rule(*rule) for rule in DEED_NOUN_RULES]  # titles told as deeds (21x)
RULES += [_rule(*rule) for rule in ROLE_RULES]  # who an event's people were to it (21v)
RULES += [_rule(*rule, scope=("points",)) for rule in DECK_RULES]  # audit/prose_deck.py
RULES += [_rule(*rule) for rule in LEAD_RULES]  # audit/prose_lead.py (21r)
RULES += [_rule(*rule) for rule in FIGURE_TEXT_RULES]  # one figure's sentence (21z)
RULES += [_rule(*rule, scope=("points",)) for rule in PLAN_RULES]  # audit/prose_refs.py (21q)
# The deck (issue 21k): an event as "Label, date" is a timeline row, not a claim.
DATE_TAIL = (r", (?:[^,]+, )?(?:\d{1,2}(?:\s*[–-]\s*\d{1,2})? )?(?:" + MONTH + r"(?:\s*[–-]\s*"
             r"(?:\d{1,2} )?" + MONTH + r")? )?\d{4}$")
EVENT_LABEL = re.compile(r"^(?:[^\s,]+ ){0,9}[^\s,]+" + DATE_TAIL)
# A slide title that strings labels together, or sets a label against its value.
TITLE_JOINED = re.compile(r"\S \u00b7 \S")
NUMBER_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b"
TITLE_LABEL = re.compile(r"^[^:]{2,60}: " + QUALIFIER + r"(?:[$€£¥]?\d|" + NUMBER_WORD + ")",
                         re.IGNORECASE)
THIN_POINTS = 3  # a slide of points carries at least this many
MAX_POINTS = 5  # and at most this many
# A point's period: "in January–June 2031", "on 16 September 2031", "in 2030".
PERIOD_PHRASE = re.compile(r"\s(?:in|on)\s(?:[^,\d]*\s)?\d[^,]*?\b(?:19|20)\d\d\b|\s(?:in|on)\s"
                           r"(?:[A-Z][a-z]+(?:[–-][A-Z][a-z]+)?\s)?(?:19|20)\d\d\b")
# A title that ends in a period: "… (April 2031)", "… in January–October 2031", "… on 9 May".
TITLE_DATED = re.compile(r"\([^()]*\d{4}\)$|\b(?:in|on|during) (?:[^,;:]* )?(?:\d{4}|" + MONTH
                         + r")$")
SOURCE_ENTRY = re.compile(r"^\[\d+\] ")  # an entry of the sources list, not prose
PRONOUN_OPENING = re.compile(r"^(?:It|They|He|She|These|Both reports) [a-z]")
PERIOD = re.compile("(" + MONTH + r"(?:\s*[–-]\s*" + MONTH + r")?)(?:,?\s+(\d{4}))?")


def _range_again(sentence: str, said: set[str], file: str, where: str,
                 language: str) -> list[Problem]:
    """A visit's range of days said again in a paragraph that has said it (`said` gathers the
    ranges of the paragraph's sentences so far); English dates only."""
    ranges = set(re.findall(DAY_RANGE, sentence)) if language == "en" else set()
    again = next((r for r in sorted(ranges) if r in said), None)
    said |= ranges
    if again is None:
        return []
    return [_found(file, where, "dates.range_repeated", f"the range {again} said again in the "
                   "same paragraph", "say a visit's range once; what happened during it is "
                   "dated by its own day or by \"during the visit\"", _excerpt(sentence))]


def check_text(paragraphs: list[tuple[str, str]], file: str, scope: str,
               language: str = "en") -> list[Problem]:
    """The findings of paragraphs (where, text) of one document part: "body" or "points"."""
    found: list[Problem] = sibling_findings(paragraphs, file, language)  # prose_siblings (21w)
    found += thing_findings(paragraphs, file, language) if scope == "body" else []  # 21y
    found += reference_findings(paragraphs, file, language) if scope == "body" else []  # 21q
    seen: dict[str, str] = {}
    cumulative: dict[tuple[str, str, str], str] = {}  # each measure's cumulative periods
    order = Order()  # what the body has told so far (audit/prose_order.py)
    for where, text in paragraphs:
        text = " ".join(text.split())
        if not text:
            continue
        for rule in RULES:
            if scope not in rule.scope or rule.language != language and rule.id != \
                    "skeleton.list_lead":
                continue
            match = rule.pattern.search(text)
            if match:
                found.append(_found(file, where, rule.id, rule.message, rule.hint,
                                    _excerpt(text, match)))
        if scope != "body":
            continue
        if language == "en" and PRONOUN_OPENING.match(text):
            found.append(_found(file, where, "order.pronoun", "a paragraph opens with a "
                                "pronoun whose referent is not in the sentence before",
                                "name the thing again", _excerpt(text)))
        found += _split_figures(sentences(text), file, where) if language == "en" else []
        found += _overlap(sentences(text), file, where, cumulative) if language == "en" else []
        found += order_findings(sentences(text), file, where, order) if language == "en" else []
        said_ranges: set[str] = set()
        for sentence in sentences(text):
            # The same months twice, in the same year or with the year said once.
            periods = [(re.sub(r"\s", "", m.group(1)), m.group(2))
                       for m in PERIOD.finditer(sentence)]
            twice = next((p for i, (p, y) in enumerate(periods) for q, z in periods[i + 1:]
                          if p == q and (y == z or not y or not z)), None)
            if language == "en" and twice:
                found.append(_found(file, where, "dates.period_twice", f"the period {twice} "
                                    "said twice in one sentence", "say each period once",
                                    _excerpt(sentence)))
            found += _range_again(sentence, said_ranges, file, where, language)
            key = re.sub(r"\W+", " ", sentence).strip().lower()
            if len(key.split()) >= 6:
                if key in seen:
                    found.append(_found(file, where, "repetition.sentence", "the same sentence "
                                        f"again (first in {seen[key]})", "say it once",
                                        _excerpt(sentence)))
                else:
                    seen[key] = where
    return found


def _body(doc: DocumentObject) -> Iterator[tuple[str, str]]:
    """The briefing's running text: the paragraphs under its headings, without the headings,
    captions, the contents, the cover, what follows a table in its part (the notes on the key
    figures) and the entries of the sources list."""
    started = tabular = False
    number = 0
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:tbl"):
            tabular = True
            continue
        if child.tag != qn("w:p"):
            continue
        number += 1
        paragraph = Paragraph(child, doc)
        style = paragraph.style.name if paragraph.style is not None else ""
        if style.startswith("Heading"):
            started = True
            tabular = tabular and not style.startswith("Heading 1")
            continue
        if not started or tabular or style.startswith(("Caption", "TOC", "Title", "Subtitle")):
            continue
        if SOURCE_ENTRY.match(paragraph.text):  # "[3] Publisher, “Title”. …": a reference
            continue
        yield f"paragraph {number}", paragraph.text


def _deck_structure(slide: _Slide, file: str, language: str) -> list[Problem]:
    """A slide of one or two points (a chart's slide aside); a title that ends in a date."""
    where = f"slide {slide.number}"
    found = []
    if not slide.pictured and 0 < slide.bullets < THIN_POINTS:
        found.append(_found(file, where, "deck.thin_slide", f"a slide of {slide.bullets} "
                            "point(s): three to five points make a slide",
                            "merge the section with a neighbour or give it more points",
                            _excerpt(slide.title)))
    found += _deck_points(slide, file, language)
    # A slide of points or a chart (not the cover: "… Relations in 2031").
    shows = slide.bullets > 0 or slide.pictured
    match = TITLE_DATED.search(slide.title) if language == "en" and shows else None
    if match:
        found.append(_found(file, where, "deck.title_dated", "a slide title that ends in a "
                            "date: the latest event, not the section's main point",
                            "title it with its main point (\"Trade up 12.5% to €830 "
                            "million\"); the points give the dates", _excerpt(slide.title)))
    return found + _title_claims(slide, file, where, shows)


def _title_claims(slide: _Slide, file: str, where: str, shows: bool) -> list[Problem]:
    """A slide title that strings sections' labels or main points together with "·", or sets
    a label against its value ("State visit: nine ministers"): a title states one claim."""
    if not shows:
        return []
    found = []
    if TITLE_JOINED.search(slide.title):
        found.append(_found(file, where, "deck.title_joined", "a slide title of labels strung "
                            "together with \"·\": no claim",
                            "title the slide with one claim; a thin section gives its points "
                            "to the summary's slide", _excerpt(slide.title)))
    if TITLE_LABEL.search(slide.title):
        found.append(_found(file, where, "deck.title_label", "a slide title as \"Label: value\"",
                            "state the claim: \"22 agreements signed\", \"Trade up 5% to "
                            "€14.1 billion\"", _excerpt(slide.title)))
    return found


def _says_title(point: str, title: str) -> bool:
    """Whether a point is its slide's title again, with only its period added."""
    bare = re.sub(r"\s\([^()]*\d{4}\)$", "", PERIOD_PHRASE.sub("", point))
    bare = " ".join(bare.replace(",", " ").split())
    return bool(title) and bare == " ".join(title.replace(",", " ").split())


def _deck_points(slide: _Slide, file: str, language: str) -> list[Problem]:
    """More than five points on a slide (a list of sections aside: an agenda has no figure);
    a section's heading set as a point (a bold line over the points); a point that is the
    title again."""
    where = f"slide {slide.number}"
    found = []
    if slide.bullets > MAX_POINTS and any(c.isdigit() for p in slide.bulleted for c in p):
        found.append(_found(file, where, "deck.too_many", f"a slide of {slide.bullets} points: "
                            "three to five points make a slide",
                            "keep the section's five most important points", slide.title))
    if slide.bullets:
        found += [_found(file, where, "deck.heading_point", "a section's heading set as a point",
                         "title the slide with what the sections say; no heading among the "
                         "points", _excerpt(h)) for h in slide.headings]
    if language == "en":
        found += [_found(file, where, "deck.event_label", "an event as \"Label, date\" "
                         "(\"Letter on Western Sahara, 30 July 2024\"): a timeline row, not a "
                         "claim", "say what came of it (\"France recognised the autonomy plan "
                         "… on 30 July 2024\"): give the event `participants:` and `outcomes:`",
                         _excerpt(p)) for p in slide.bulleted if EVENT_LABEL.search(p)]
        found += [_found(file, where, "deck.title_again", "a point that says the slide's "
                         "title again", "leave it out: the title says it",
                         _excerpt(p)) for p in slide.bulleted if _says_title(p, slide.title)]
    return found


def check_briefing(data: bytes, name: str, language: str = "en") -> list[Problem]:
    """The house-style findings of a built briefing's body."""
    doc = Document(io.BytesIO(data))
    return check_text(list(_body(doc)), name, "body", language) \
        + story_briefing(doc, name, language)


def check_deck(data: bytes, name: str, language: str = "en") -> list[Problem]:
    """The house-style findings of a built deck: "Label: value" points, slides of one or two
    points, titles that end in a date."""
    found = []
    slides = list(_slides(io.BytesIO(data)))
    for slide in slides:
        found += check_text([(f"slide {slide.number}", p) for p in slide.points], name,
                            "points", language)
        found += _deck_structure(slide, name, language)
    return found + deck_titles(slides, name, language) + titles_twice(slides, name) \
        + titles_ahead(slides, name, language)


CHECKS = {"docx": check_briefing, "pptx": check_deck}


def check_prose(documents: dict[str, bytes], names: dict[str, str],
                language: str | None = None) -> list[Problem]:
    """The house-style findings of every .docx and .pptx among documents (format → bytes)."""
    language = (language or "en").split("_")[0].split("-")[0]
    return [found for kind, data in documents.items() if kind in CHECKS
            for found in CHECKS[kind](data, names[kind], language)]


def check_prose_files(paths: Mapping[str, Path], language: str | None = None) -> list[Problem]:
    """`reportgen audit`: the house-style findings of built files (format → path)."""
    return check_prose({kind: path.read_bytes() for kind, path in paths.items()},
                       {kind: relpath(path) for kind, path in paths.items()}, language)


__all__ = ["RULES", "check_briefing", "check_deck", "check_prose", "check_prose_files",
           "check_text", "sentences"]
