"""The notes `reportgen validate` prints for metrics whose sentence falls back to a plain frame,
because the data cannot tell what they are, each with the field that would fix it.
"""

from __future__ import annotations

from reportgen.dataset.metrics import Metric
from reportgen.dataset.models import Dataset
from reportgen.errors import Problem
from reportgen.report.wording import label_reads


def _plain_fix(m: Metric) -> str:
    """The field that would give a figure a sentence of its own kind, or "" when it has one."""
    if m.unit == "count" and not m.noun and not label_reads(m.label):
        return "add `noun:` (what it counts, e.g. `schools`) to write \"there were 216 schools\""
    if m.unit == "count" and not m.verb and m.period.start.day is not None:
        return ("a count on one day is usually of things done: add `verb:` (e.g. `signed`) to "
                "write \"five agreements were signed\" rather than \"there were five agreements\"")
    if m.unit == "rank" and not (m.holder and m.among):
        return ("add `holder:` (who holds the rank, e.g. `the UAE`) and `among:` (the group, "
                "e.g. `India's trading partners`) to write \"the UAE ranked third among …\"")
    if m.status in ("planned", "target", "expected") and not m.by \
            and m.period.start.month is not None:
        return ("a plan, target or expectation dated by a month or day is told as announced then "
                "(\"Plans announced in May 2031 put …\", \"Estimates made in May 2031 put …\"): "
                "where the source names the year it aims at, add `by:` to write \"… by 2033\"; "
                "where it names none, leave it so")
    return ""


def plain_sentences(dataset: Dataset) -> list[Problem]:
    """The figures whose sentence falls back to a plain frame, because the data cannot tell
    what they are, each located with the field that would fix it (`reportgen validate` prints
    them as notes; they never fail a build)."""
    found = []
    for m in dataset.metrics:
        fix = "" if m.sentence or not m.publish else _plain_fix(m)
        if not fix:
            continue
        file, line, path = dataset.locations.get(f"metrics:{m.id}", ("metrics.yaml", 0, m.id))
        found.append(Problem(file, line, 1, f"{path} ({m.id})",
                             "note: falls back to a plain sentence", fix))
    return found
