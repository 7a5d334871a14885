"""The notes `reportgen validate` gives on figures told apart that belong in one sentence, or
that read badly alone (issue 21f, 21h): each located where the dataset defines the figure, with
the field that fixes it. A note never fails a build.
"""

from __future__ import annotations

from functools import cache

from reportgen.dataset.models import Dataset, Metric
from reportgen.errors import Problem, TemplateError
from reportgen.report.catalog import SHIPPED, load_catalog
from reportgen.report.figure_clauses import ClauseWords, clause_shape
from reportgen.report.formatting import is_currency
from reportgen.report.label_shape import LabelWords, count_shape


@cache
def _label_words(language: str) -> LabelWords:
    return LabelWords(load_catalog(SHIPPED, language).get)


@cache
def _clause_words(language: str) -> ClauseWords:
    return ClauseWords(load_catalog(SHIPPED, language).get)


def _unshaped(dataset: Dataset) -> list[Metric]:
    """Counts of things that exist whose label does not say what the things do, where they
    are or what has them (report/label_shape.py), nor is a clause of what can or will be done
    with them (report/figure_clauses.py): told "there were N X in P"."""
    try:
        words = _label_words(dataset.briefing.language)
        clauses = _clause_words(dataset.briefing.language)
    except TemplateError:  # a language the shipped templates lack: no note
        return []
    return [m for m in dataset.metrics
            if m.unit == "count" and m.publish and not m.sentence and not m.verb and m.noun
            and m.status == "actual" and m.change is None
            and count_shape(m.label, m.noun, words, rate=bool(m.per)) is None
            and clause_shape(m.label, m.noun, clauses) is None]


def _changed_by(m: Metric, dataset: Dataset) -> Metric | None:
    """The figure whose change `m` reports as a figure of its own: of the same section, unit
    and period, with no change of its own, its label naming the other's after a few words
    ("Increase in German exports to Poland …" names "German exports to Poland")."""
    if m.change is not None or m.value is None or m.unit in ("rank", "ordinal", "percent"):
        return None
    label = m.label.lower()
    for other in dataset.metrics:
        name = other.label.lower()
        at = label.find(name)
        if (other.id != m.id and other.area == m.area and other.unit == m.unit
                and other.period == m.period and at > 0 and len(label[:at].split()) <= 3
                and not (other.change and other.change.amount is not None)):
            return other
    return None


def _separate(dataset: Dataset) -> list[tuple[Metric, list[Metric]]]:
    """A rank with a count and a share of the same section and period, each in a sentence of
    its own (no `with` ties them)."""
    tied = {i for m in dataset.metrics for i in m.with_}
    found = []
    for rank in dataset.metrics:
        if rank.unit != "rank" or rank.with_ or rank.id in tied or not rank.publish:
            continue
        near = [m for m in dataset.metrics if m.area == rank.area and m.period == rank.period
                and m.publish and not m.sentence and m.id not in tied]
        count = next((m for m in near if m.unit == "count"), None)
        share = next((m for m in near if m.unit == "percent"), None)
        if count and share:
            found.append((rank, [count, share]))
    return found


def _negative(m: Metric) -> bool:
    """A plain amount below zero with no change: read as "-$10.8 billion"."""
    return (m.publish and not m.sentence and m.value is not None and m.value < 0
            and m.change is None and m.unit not in ("percent", "rank", "ordinal", "multiplier"))


def _unshared(dataset: Dataset) -> list[tuple[Metric, Metric]]:
    """An amount and a share of the same section and period, the share with no `noun:` and
    neither tying the other (`with`): "… was €8.1 billion in 2022. In 2022, France's share of
    foreign capital was 30.8%"."""
    tied = {i for m in dataset.metrics for i in m.with_} | {
        m.id for m in dataset.metrics if m.with_}
    found = []
    for share in dataset.metrics:
        if share.unit != "percent" or share.change or share.id in tied or not share.publish \
                or share.sentence:
            continue
        amount = next((m for m in dataset.metrics if m.area == share.area and m.publish
                       and m.period == share.period and m.id not in tied and not m.sentence
                       and m.unit not in ("percent", "rank", "ordinal", "multiplier", "count")
                       and m.value is not None and m.change is None), None)
        if amount is not None:
            found.append((amount, share))
    return found


def _unmeasured(dataset: Dataset) -> list[Metric]:
    """Amounts dated by one month that may be a level or a running total, not that month's
    own amount (issue 21w): an actual amount of money with no change, no `measure` and no
    later figure comparing itself with it."""
    compared = {m.compare_with for m in dataset.metrics}
    return [m for m in dataset.metrics
            if m.publish and not m.sentence and m.measure is None and m.status == "actual"
            and m.change is None and not m.per and m.value is not None and not m.compare_with
            and m.period.start == m.period.end and m.period.start.month is not None
            and m.period.start.day is None and m.id not in compared and is_currency(m.unit)]


def together_notes(dataset: Dataset) -> list[Problem]:
    """Figures told apart that belong in one sentence, each located with the fix (`reportgen
    validate` prints them as notes; they never fail a build): a figure that is the change of
    another, a rank, a count and a share of one section and period, an amount and a share of
    one section and period; a count whose label cannot say what the things do or where they
    are (issue 21l); and an amount below zero, which reads as "-$10.8 billion"."""
    def where(m: Metric) -> tuple[str, int, str]:
        file, line, path = dataset.locations.get(f"metrics:{m.id}", ("metrics.yaml", 0, m.id))
        return file, line, f"{path} ({m.id})"

    found = []
    for m in dataset.metrics:
        other = _changed_by(m, dataset) if m.publish else None
        if other is not None and m.value is not None:
            hedge = f", amount_qualifier: {m.qualifier}" if m.qualifier != "exact" else ""
            file, line, path = where(m)
            found.append(Problem(file, line, 1, path, f"note: reads as the change of "
                                 f"`{other.id}`, told in a sentence of its own",
                                 f"give it on `{other.id}` as `change: {{amount: "
                                 f"{m.value:.0f}{hedge}}}` (with the change's `value` in "
                                 "percent where the source gives one) and remove this figure: "
                                 "\"… rose 5.7%, or €2.6 billion, to €49.4 billion\""))
    for rank, others in _separate(dataset):
        file, line, path = where(rank)
        ids = ", ".join(o.id for o in others)
        found.append(Problem(file, line, 1, path, "note: a rank, a count and a share of the "
                             "same section and period are told in separate sentences",
                             f"add `with: [{ids}]` to tell them in the rank's sentence (and a "
                             "`noun:` on the share, e.g. `foreign arrivals`): \"… ranked first "
                             "among …, with 4.5 million visitors, 26% of foreign arrivals\""))
    for amount, share in _unshared(dataset):
        file, line, path = where(amount)
        found.append(Problem(file, line, 1, path, f"note: an amount and the share `{share.id}` "
                             "of the same section and period are told in separate sentences",
                             f"where the share is of this amount's total, add `with: "
                             f"[{share.id}]` here and a `noun:` on the share (what it is a "
                             "share of, e.g. `all foreign capital in Morocco`): \"… totalled €8.1 "
                             "billion in 2022, with 30.8% of all foreign capital in Morocco\""))
    for m in _unshaped(dataset):
        file, line, path = where(m)
        found.append(Problem(file, line, 1, path, "note: reads \"there were N "
                             f"{m.noun} in …\": its label does not say what they do or where "
                             "they are", "label it as the things, then what they do, where they "
                             "go or what has them (`Military personnel taking part in Exercise "
                             "X`, `Visitors from A to B`, `Ministers in the A delegation`, "
                             "`Products on which A cut tariffs`, `People the entry centre can "
                             "accommodate`), with `noun:` the things; or "
                             "`verb:` for things done (`signed`)"))
    for m in _unmeasured(dataset):
        file, line, path = where(m)
        found.append(Problem(file, line, 1, path, "note: dated by one month, it reads as "
                             "that month's own amount (\"totalled $20.2 billion in November "
                             "2024\")", "say what it is: `measure: stock` for a level at that "
                             "date (\"as of November 2024, …\"), `measure: cumulative` for a "
                             "running total (\"… by November 2024\"; with `since: 2014`, "
                             "\"between 2014 and November 2024\"), or `measure: flow` where it "
                             "is that period's own"))
    for m in dataset.metrics:
        if _negative(m):
            file, line, path = where(m)
            found.append(Problem(file, line, 1, path, "note: a negative amount reads as "
                                 f"\"{m.value:,.0f}\", not as what it is",
                                 "for a fall, give it on the figure that fell as `change: "
                                 "{amount: …}` (\"fell by $10.8 billion to …\") and remove "
                                 "this figure; for a balance, label it as the surplus or deficit "
                                 "it is and give the value without its sign (`label: Brazil's "
                                 "trade deficit with Argentina`)"))
    return found
