"""The open questions of an edition, for a reviewer: estimates, disagreeing sources, figures for
an earlier period than the briefing's year, and text whose translation is not yet reviewed.

Each question names the text it is about as the documents show it, so that a writer can attach
it where that text appears; what to ask is worded through the edition's catalog.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from reportgen.dataset.fields import PLACEHOLDER
from reportgen.report.views import Views

MIN_FRAGMENT = 16


@dataclass(frozen=True)
class Question:
    """Text as the briefing shows it, and what a reviewer should check about it."""

    text: str
    note: str


def open_questions(views: Views) -> list[Question]:
    """Every open question of the dataset as loaded (in the edition's language)."""
    t = views.fmt.t
    year = views.dataset.briefing.year
    questions: list[Question] = []
    for x in views.metrics.values():
        if x.previous is not None:
            questions.append(Question(x.previous.text, t("question.estimate", text=x.previous.text,
                                                          derivation=x.previous.derivation)))
        if x.alternatives:
            others = "; ".join(f"{a.text} ({', '.join(s.publisher for s in a.sources)})"
                               for a in x.alternatives)
            mine = f"{x.text} ({', '.join(s.publisher for s in x.sources)})"
            questions.append(Question(x.text, t("question.sources", label=x.short_label,
                                                alternatives=f"{mine}; {others}")))
        if x.metric.period.end.year < year:
            questions.append(Question(x.text, t("question.period", label=x.short_label,
                                                period=x.period, year=year)))
    # One question per text shown: a country's name and its adjective are often one word.
    unreviewed: dict[str, list[str]] = {}
    edition = views.dataset.edition
    for where in edition.unreviewed if edition else ():
        text = _shown(views, _field_text(views.dataset, where) or "")
        if text:
            unreviewed.setdefault(text, []).append(where)
    questions += [Question(text, t("question.translation", where=", ".join(wheres)))
                  for text, wheres in unreviewed.items()]
    return questions


def _shown(views: Views, text: str) -> str | None:
    """Dataset text as the documents show it: its entity names filled in. A sentence pattern
    with figure placeholders is shown composed, so only its longest literal stretch (of at
    least MIN_FRAGMENT characters) can be found as written."""
    names = set(PLACEHOLDER.findall(text))
    if names <= views.names.keys():
        return views.resolve(text).strip() or None
    fragments = [f.strip() for f in re.split(r"\{[^{}]*\}", text) if f.strip()]
    best = max(fragments, key=len, default="")
    return best if len(best) >= MIN_FRAGMENT else None


def _field_text(dataset: BaseModel, where: str) -> str | None:
    """The text at a location an edition lists ("metrics.yaml bilateral_trade.label"): the
    file's model on the dataset, then each part an item id, a key or a field name."""
    fname, _, path = where.partition(" ")
    node: Any = getattr(dataset, fname.removesuffix(".yaml").replace("-", "_"), None)
    for part in path.split(".") if path else ():
        if isinstance(node, list):
            found = [i for i in node if getattr(i, "id", None) == part]
            node = found[0] if found else (node[int(part)] if part.isdigit()
                                           and int(part) < len(node) else None)
        elif isinstance(node, dict):
            node = node.get(part)
        else:
            node = getattr(node, part, None)
        if node is None:
            return None
    return node if isinstance(node, str) else None
