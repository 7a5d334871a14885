"""The notes `reportgen validate` prints for metrics whose sentence falls back to a plain frame,
because the data cannot tell what they are, each with the field that would fix it.
"""

from __future__ import annotations

from functools import cache

from reportgen.dataset.metrics import Metric
from reportgen.dataset.models import Dataset
from reportgen.errors import Problem, TemplateError
from reportgen.report.catalog import SHIPPED, load_catalog
from reportgen.report.figure_clauses import ClauseWords, clause_shape, measure_shape
from reportgen.report.formatting import SPANS
from reportgen.report.label_shape import LabelWords, count_shape
from reportgen.report.metric_text import LENGTH_UNITS
from reportgen.report.wording import label_reads


@cache
def _label_words(language: str) -> tuple[LabelWords, frozenset[str]] | None:
    """The catalog's words that mark a count's label: its shapes, and a capacity."""
    try:
        catalog = load_catalog(SHIPPED, language)
    except TemplateError:  # a language the shipped templates lack: its labels are not read
        return None
    capacity = catalog.get("words.count.capacity", "-").lower().split()
    return LabelWords(catalog.get), frozenset(capacity) - {"-"}


@cache
def _clause_words(language: str) -> ClauseWords | None:
    try:
        return ClauseWords(load_catalog(SHIPPED, language).get)
    except TemplateError:  # a language the shipped templates lack: its labels are not read
        return None


def _done_on_the_day(m: Metric, words: tuple[LabelWords, frozenset[str]] | None) -> bool:
    """Whether `verb:` would turn a figure's "there were N …" into "N … were signed": a count
    of one day (over a span or a month, things that exist are as likely), told by the plain
    frame (no change, rate or capacity, which frame it otherwise), whose label does not say
    already what the things did. A count with a `noun:` whose label says nothing of them has
    the note of together_notes ("reads there were N …"), which names `verb:` too; a label that
    says what something can hold (`words.count.capacity`) is no count of things done."""
    if m.unit != "count" or m.verb or m.noun or m.status != "actual" or m.change is not None \
            or m.per or m.qualifier == "up_to":
        return False
    if not (m.period.single and m.period.start.day is not None):
        return False
    parts = m.label.lower().split()
    if words is None or not parts or words[1] & set(parts):  # what something can hold
        return False
    return count_shape(m.label, parts[0], words[0]) is None


def _named_short(m: Metric, words: ClauseWords | None) -> bool:
    """Whether a figure's sentence names it by its short label ("Years without a joint
    statement was 17 years"): an amount or a level whose label does not read as a subject
    (`label_reads`) nor as a measure, clause or length the prose tells by its own frame
    (figure_clauses.py), and no change, rate or grouping that another frame tells."""
    if m.unit in ("count", "rank", "ordinal", "percent", "multiplier") or label_reads(m.label) \
            or m.with_ or m.change or m.per or m.alternatives or m.unit in SPANS | LENGTH_UNITS \
            or (m.label.count(", ") == 1 and len(m.label.split()) <= 12):  # "Cars, the largest …"
        return False
    return words is None or (measure_shape(m.label, words) is None
                             and clause_shape(m.label, None, words) is None)


def _plain_fix(m: Metric, words: tuple[LabelWords, frozenset[str]] | None = None,
               clauses: ClauseWords | None = None) -> str:
    """The field that would give a figure a sentence of its own kind, or "" when it has one."""
    if m.unit == "count" and not m.noun and not label_reads(m.label):
        return "add `noun:` (what it counts, e.g. `schools`) to write \"there were 216 schools\""
    if _done_on_the_day(m, words):
        return ("a count on one day is usually of things done: add `verb:` (e.g. `signed`) to "
                "write \"five agreements were signed\" rather than \"there were five agreements\"")
    if _named_short(m, clauses):
        return (f"its label does not read as a sentence's subject (more than ten words, or a "
                f"comma, colon, bracket or dash), so its sentence names it by `short_label` "
                f"(\"{m.short_label}\"): shorten `label` to the thing measured (`Korean "
                f"visitors to Japan`, `Duration of the Tokyo summit`), or give its own "
                f"`sentence:` (\"Drivers reported paying bribes of {{value}} a vehicle\")")
    if m.unit == "rank" and not (m.holder and m.among):
        return ("add `holder:` (who holds the rank, e.g. `the UAE`) and `among:` (the group, "
                "e.g. `India's trading partners`) to write \"the UAE ranked third among …\"")
    if m.status in ("planned", "target", "expected") and not m.by and not m.announced \
            and m.period.start.month is not None:
        return ("a plan, target or expectation dated by a month or day is told as announced then "
                "(\"Plans announced in May 2031 put …\", \"Estimates made in May 2031 put …\"): "
                "where the source names the year it aims at, add `by:` to write \"… by 2033\"; "
                "where it names none, add `announced: true` to say the month is right and stop "
                "this note")
    return ""


def plain_sentences(dataset: Dataset) -> list[Problem]:
    """The figures whose sentence falls back to a plain frame, because the data cannot tell
    what they are, each located with the field that would fix it (`reportgen validate` prints
    them as notes; they never fail a build)."""
    found = []
    words = _label_words(dataset.briefing.language)
    for m in dataset.metrics:
        fix = "" if m.sentence or not m.publish else _plain_fix(
            m, words, _clause_words(dataset.briefing.language))
        if not fix:
            continue
        file, line, path = dataset.locations.get(f"metrics:{m.id}", ("metrics.yaml", 0, m.id))
        found.append(Problem(file, line, 1, f"{path} ({m.id})",
                             "note: falls back to a plain sentence", fix))
    return found
