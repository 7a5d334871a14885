"""A figure's value as a sentence says it (issue 21z): a hedged value to three significant
digits ("about 9.46 million", never "about 9.4596 million"), kept apart from the values it is
told beside; two values of one unit as a range with the unit once ("180–190 kilometres"); a
multiple still to come as a verb ("would double"). Every text comes through the formatter and
the catalog.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from reportgen.report.formatting import Formatter, round_significant, significant_digits

if TYPE_CHECKING:
    from reportgen.report.views import MetricView

# Hedges under which a figure is told to three significant digits in prose; an exact figure or
# a ceiling ("up to") keeps its own digits.
HEDGED = frozenset({"about", "nearly", "more_than", "less_than", "at_least"})
HEDGED_DIGITS = 3

# A value as text: what comes before its number (a hedge, a currency sign), its number, and
# what follows (its scale and unit word): "about $1.2 billion" → "about $", "1.2", " billion".
_NUMBER = re.compile(r"(\D*?)(\d[\d,.\u00a0\u202f]*\d|\d)(\D*)")


def said(fmt: Formatter, value: float, unit: str, qualifier: str,
         against: tuple[float, ...] = ()) -> str:
    """A value with its hedge as a sentence says it: a count "five" or "12,000", an amount in
    its unit's word; a hedged one to three significant digits ("about 9.46 million"), or as
    many more as keep it apart from the figures it is told `against` (another source's, an
    earlier year's), so that it never reads as one of them."""
    digits = None
    if qualifier in HEDGED and significant_digits(value) > HEDGED_DIGITS:
        digits = HEDGED_DIGITS
        while digits < significant_digits(value) and any(
                o != value and round_significant(o, digits) == round_significant(value, digits)
                for o in against):
            digits += 1
    text = fmt.count(value, digits) if unit == "count" else fmt.amount(
        value, unit, digits, words=True)
    return fmt.qualified(text, qualifier)


def span(fmt: Formatter, low: str, high: str) -> str | None:
    """Two values of one unit as a range with the unit said once, as an editor writes it ("180
    kilometres", "190 kilometres" → "180–190 kilometres"; "$1.2 billion", "$1.5 billion" →
    "$1.2–1.5 billion"), by the catalog's `number.range`; None where they differ in more than
    their numbers ("about 7.5 bcm" and "7.6 bcm", "$950 million" and "$1.2 billion") or either
    has none in digits ("four")."""
    a, b = _NUMBER.fullmatch(low), _NUMBER.fullmatch(high)
    if a is None or b is None or a.group(1) != b.group(1) or a.group(3) != b.group(3):
        return None
    return a.group(1) + fmt.t("number.range", low=a.group(2), high=b.group(2)) + a.group(3)


def ranged(fmt: Formatter, low: str, high: str) -> str:
    """A range as a sentence or table says it: `span`, else the catalog's "between … and …"."""
    return span(fmt, low, high) or fmt.t("number.between", low=low, high=high)


def fold_to(fmt: Formatter, n: float, qualifier: str = "exact") -> str:
    """A multiple still to come, as the verb after "would" or "to": "double", "grow 4.2-fold",
    "nearly double" (the catalog's `fold.to.*`)."""
    key = f"fold.to.{n:g}"
    if fmt.t.has(key) and qualifier in ("exact", "nearly", "more_than"):
        return fmt.qualified(fmt.t(key), qualifier)
    return fmt.t("fold.to.other", number=fmt.qualified(fmt.number(n), qualifier))


def against(x: MetricView, metrics: dict[str, MetricView], value: float) -> tuple[float, ...]:
    """The values a figure's `value` is told beside: its other sources' and its earlier
    year's (`compare_with`), which its rounding must not make it equal (`said`)."""
    earlier = metrics.get(x.metric.compare_with or "")
    return tuple(v for v in (x.value, *(a.value for a in x.alternatives),
                             earlier.value if earlier else None) if v is not None and v != value)


def value_of(fmt: Formatter, x: MetricView, text: Callable[[float], str]) -> str:
    """A figure's value as `text` says it, or its range where its source gives one
    (`value_to`): "4–5 million tonnes", the unit once."""
    assert x.value is not None
    low = text(x.value)
    return low if x.metric.value_to is None else ranged(fmt, low, text(x.metric.value_to))
