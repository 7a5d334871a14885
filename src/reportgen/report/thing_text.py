"""The sentences of figures about one thing and of a series over months (report/things.py
groups them; Together places them): "In February 2031, plans were announced for the oil pipeline
to be 300 kilometres long and carry about 5 million tonnes a year, with 120 kilometres of it in
the Serbian section"; "… totalled nearly 1.5 million tonnes in October 2023 – March 2024, with
111,700 tonnes in January 2024, 302,000 tonnes in February 2024 and …". Every frame is the
catalog's `sentence.thing.*` and `sentence.together.series*`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportgen.report.markup import escape
from reportgen.report.things import Aspect, ThingWords, aspects, bare, kind
from reportgen.report.views import MetricView
from reportgen.report.wording import cap

if TYPE_CHECKING:
    from reportgen.report.metric_text import MetricText as Prose
    from reportgen.report.together import Together

STATUSES = ("planned", "expected", "target")  # told "plans were announced for X to …"


def _cites(group: list[MetricView]) -> list[str]:
    return [i for x in group for i in (x.id, *(a.id for a in x.alternatives))]


def _close(p: Prose, text: str, group: list[MetricView], chart: bool) -> str:
    """The sentence stopped, with its chart reference and citations; "depending on the
    source" where a figure's sources disagree."""
    if any(a.value != x.value for x in group for a in x.alternatives):
        text = p.t("sentence.sources_differ", text=text)
    text = cap(text.strip().removesuffix(".").removesuffix("。"))
    refs = [p._chart_ref(x.id) for x in group] if chart else []
    ref = next((r for r in refs if r), "")
    return p.stop(p.join([text, ref]) if ref else text) + p.cite(*_cites(group))


def _attribute(p: Prose, a: Aspect) -> str:
    """An attribute as it runs into a sentence ("Hungarian investment", "capacity")."""
    return escape(p.lower(a.attribute))


def thing_sentence(p: Prose, group: list[MetricView], words: ThingWords,
                   chart: bool = True) -> str:
    """Figures of one thing in one sentence about it: its own attributes by their frames
    (`sentence.thing.attr.<kind>`), then the others and its parts as clauses ("…, with
    Hungarian investment of about €320 million, 180 kilometres of it in the Hungarian
    section and 120 kilometres in the Serbian section")."""
    said = aspects(group, words)
    status = group[0].status if group[0].status in STATUSES else "actual"
    tense = "" if status in STATUSES else ".actual"
    thing = max((a.thing for a in said), key=lambda t: len(t.split()))
    verbs, clauses, kinds = [], [], set()
    ranks = {k: i for i, k in enumerate(words.attributes.values())}
    # Its attributes in the catalog's order ("be 300 kilometres long and carry …, within …").
    for x, a in sorted(zip(group, said, strict=True), key=lambda xa: ranks[xa[1].kind]):
        if not a.part and a.kind != "-":
            kinds.add(a.kind)
            verbs.append(p.t(f"sentence.thing.attr.{a.kind}{tense}", value=p._values(x)["value"]))
    parts, owns = 0, set()
    for x, a in zip(group, said, strict=True):
        value = p._values(x)["value"]
        if not a.part and a.kind == "-":
            clauses.append(p.t("sentence.thing.with.attribute", attribute=_attribute(p, a),
                               value=value))
        elif a.part and a.kind in kinds:  # "180 kilometres of it in the Hungarian section"
            key = "sentence.thing.part.next" if parts else "sentence.thing.part.of"
            clauses.append(p.t(key, value=value, part=escape(p.lower(a.part))))
            parts += 1
        elif a.part:  # "a length of 120 kilometres for the Serbian section", the next "…
            # 90 kilometres for the Hungarian section"
            key = "sentence.thing.part.next.own" if a.attribute.lower() in owns \
                else "sentence.thing.part.own"
            owns.add(a.attribute.lower())
            clauses.append(p.t(key, attribute=_attribute(p, a), value=value,
                               part=escape(p.lower(a.part))))
    values = p._values(group[0])
    text = p.t(f"sentence.thing.{status}", when_cap=values["when_cap"], when=values["when"],
               thing=escape(p.lower(thing)), thing_bare=escape(bare(thing)),
               attributes=p.fmt.names(verbs))
    if clauses:
        text = p.t("sentence.thing.with", text=text.strip().removesuffix("."),
                   clauses=p.fmt.names(clauses))
    return _close(p, text, group, chart)


def series_sentence(p: Prose, group: list[MetricView], first: str,
                    chart: bool = True) -> str:
    """A total and its months in one sentence, the total first (`first`: its own clause):
    "… totalled nearly 1.5 million tonnes in October 2023 – March 2024, with 111,700 tonnes in
    January 2024, 302,000 tonnes in February 2024 and 672,800 tonnes in March 2024"; "rising
    from … to …" where each month's is more than the one before."""
    months = group[1:]
    shown = [p._values(x) for x in months]
    parts = [p.t("sentence.together.series.part", value=v["value"], when=v["when"])
             for v in shown]
    rising = all((b.value or 0.0) > (a.value or 0.0)
                 for a, b in zip(months, months[1:], strict=False))
    if rising:
        text = p.t("sentence.together.series.rising", first=first.strip().removesuffix("."),
                   start=parts[0], parts=p.fmt.names(parts[1:]))
    else:
        text = p.t("sentence.together.series", first=first.strip().removesuffix("."),
                   parts=p.fmt.names(parts))
    return _close(p, text, group, chart)


def bundle_sentence(together: Together, group: list[MetricView], chart: bool = True) -> str:
    """A bundle of report/things.py in one sentence: a series with its total (its first clause
    the total's own, as Together tells a figure first), or figures of one thing."""
    p, words = together.p, ThingWords(together.p.t.get)
    first = together.clause(group[0], "", first=True).strip().removesuffix(".")
    said = kind(group, words)
    if said == "series":
        return series_sentence(p, group, first, chart)
    if said == "balance":  # "… totalled PLN 20.3 billion in 2023, leaving the surplus at …"
        values = p._values(group[-1])
        balance = p.t("sentence.together.balance.part", subject_lc=values["subject_lc"],
                      value=values["value"])
        if len(group) == 3:
            second = p._values(group[1])
            first = p.t("sentence.together.balance.both", first=first, subject=p.lower(
                second["subject"]), value=second["value"])
        return _close(p, p.t("sentence.together.balance", first=first, balance=balance),
                      group, chart)
    return thing_sentence(p, group, words, chart)
