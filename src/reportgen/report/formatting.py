"""The one place where numbers, amounts, periods and lists become text (Babel + catalog)."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from decimal import Decimal
from functools import cache

from babel import Locale
from babel.dates import format_date, format_interval, format_skeleton, get_day_names
from babel.lists import format_list
from babel.localedata import locale_identifiers
from babel.numbers import (
    format_compact_decimal,
    format_decimal,
    get_currency_name,
    get_currency_symbol,
    get_minus_sign_symbol,
    get_plus_sign_symbol,
    list_currencies,
)
from num2words import num2words

from reportgen.dataset.fields import Month, Period
from reportgen.dataset.models import SPECIAL_UNITS
from reportgen.report.catalog import Catalog

# Amounts of money from this size up are written "3.75 billion" rather than "3,750,000,000".
COMPACT_FROM = 1_000_000


def significant_digits(value: float) -> int:
    """How many significant digits a reported figure carries: 3750000000 → 3, 12000 → 2."""
    digits = Decimal(repr(abs(value))).normalize().as_tuple().digits
    return max(1, len(digits))


def round_significant(value: float, digits: int) -> float:
    """Round to a number of significant digits, as a derived figure may claim no more precision."""
    if value == 0:
        return 0.0
    return float(f"{value:.{digits}g}")


def reader_digits(value: float) -> int:
    """The significant digits a sentence gives a large amount, as a reader expects it: two
    decimals under ten of its scale, one from ten ("$1.52 billion", "€55.5 billion", "$171.9
    billion"); the exact figure stays in the tables."""
    scale = 1000 ** int(math.log10(abs(value)) // 3)
    whole = len(str(int(abs(value) / scale)))
    return whole + (2 if whole == 1 else 1)


# Units of a length of time, whose small whole numbers a sentence says in words.
SPANS = frozenset({"years", "months", "weeks", "days", "hours", "minutes"})


def is_currency(unit: str) -> bool:
    return len(unit) == 3 and unit.isupper() and unit in list_currencies()


@cache
def minus_before_symbol(locale: str) -> bool:
    """Whether the locale's negative currency pattern (CLDR) puts the minus before the currency
    symbol: "-¤#,##0.00" (en: -$1, de: -1 $) rather than after it ("¤ -#,##0.00", nl: US$ -1)."""
    pattern = Locale.parse(locale).currency_formats["standard"]
    negative = pattern.prefix[1] + "#" + pattern.suffix[1]
    return negative.find("-") < negative.find("¤")


@cache
def distinct_symbol(unit: str, locale: str) -> str:
    """A currency's symbol that no other currency shares, for a briefing that quotes two
    written with the same sign (en: USD "$" beside CAD "CA$" → "US$"): the symbol most of the
    language's regional locales give it (CLDR, through Babel) that contains its bare symbol
    and is not that symbol; else its ISO code."""
    bare = get_currency_symbol(unit, locale)
    language = Locale.parse(locale).language
    seen = Counter(get_currency_symbol(unit, i) for i in sorted(locale_identifiers())
                   if i == language or i.startswith(language + "_"))
    return next((s for s, _ in seen.most_common()
                 if s != bare and s != unit and bare in s), unit)


def currency_symbol(unit: str, locale: str, distinct: set[str]) -> str:
    """A currency's symbol in a briefing: its own, or one no other has where it is among the
    `distinct` ones (`same_sign`)."""
    return (distinct_symbol if unit in distinct else get_currency_symbol)(unit, locale)


def same_sign(units: set[str], locale: str) -> set[str]:
    """The currencies of a briefing whose symbol another of them contains or repeats ("$"
    beside "CA$" or another "$"): each is then written with `distinct_symbol`. One currency
    alone keeps its own symbol."""
    symbols = {u: get_currency_symbol(u, locale) for u in sorted(units) if is_currency(u)}

    def shared(s: str, t: str) -> bool:  # "$" and "$", or a bare sign within "CA$"
        return s == t or (s in t and not any(c.isalpha() for c in s))

    return {u for u, s in symbols.items()
            if any(o != u and shared(s, t) for o, t in symbols.items())}


def with_sign(size: str, negative: bool, locale: str) -> str:
    """A change's size with the language's sign: +12.5%, −111,700 t."""
    return (get_minus_sign_symbol(locale) if negative else get_plus_sign_symbol(locale)) + size


class Formatter:
    """Formats figures for one locale; templates, charts and writers all go through it."""

    def __init__(self, catalog: Catalog, locale: str) -> None:
        self.t = catalog
        self.locale = locale
        # Dates and lists as the edition's editors write them: the catalog may name a regional
        # variant (en: en_GB, "20 December 2030", "A, B and C"), otherwise the language's own.
        self.date_locale = catalog.get("date.locale", "") or locale
        self.distinct: set[str] = set()  # currencies told apart (`same_sign`, build_views)

    # --- numbers
    def number(self, value: float, digits: int | None = None) -> str:
        """A plain number with the locale's grouping: 1,234 or 12.5."""
        if digits is not None:
            value = round_significant(value, digits)
        return format_decimal(value, locale=self.locale)

    def _compact(self, value: float, digits: int) -> str:
        value = round_significant(value, digits)
        # Enough fraction digits to keep every significant digit: 3.75 billion, 8 million.
        try:
            return format_compact_decimal(value, format_type="long", fraction_digits=digits,
                                          locale=self.locale)
        except KeyError:  # some locales (zh) only have the short compact forms
            return format_compact_decimal(value, format_type="short", fraction_digits=digits,
                                          locale=self.locale)

    def amount(self, value: float, unit: str, digits: int | None = None,
               words: bool = False) -> str:
        """A value in its unit, without qualifier: $3.75 billion, 1,234 MW, 812, 12.5%.

        words: as a sentence says it, with the unit's word where the catalog has one ("1
        million tonnes", not the table's "1 million t")."""
        given, digits = digits, digits or significant_digits(value)
        if words and abs(value) >= COMPACT_FROM and not given:
            digits = min(digits, reader_digits(value))  # €55.474 billion → €55.5 billion
        number = (self._compact(value, digits) if abs(value) >= COMPACT_FROM
                  else self.number(value, digits))
        if is_currency(unit):
            if self.t("number.currency_by") == "name":  # 3,75 milyard ABŞ dolları
                name = get_currency_name(unit, count=2, locale=self.locale)
                return self.t("number.currency", symbol=name, number=number)
            symbol = currency_symbol(unit, self.locale, self.distinct)
            # A currency without a symbol of its own in the locale shows its code: KZT 7 billion.
            key = "number.currency_code" if symbol == unit else "number.currency"
            if value < 0 and minus_before_symbol(self.locale):  # -$1, not $-1
                return get_minus_sign_symbol(self.locale) + self.amount(-value, unit, digits)
            return self.t(key, symbol=symbol, number=number)
        if unit == "percent":
            return self.percent(value)
        if unit == "rank":
            return self.rank(int(value))
        if unit == "ordinal":
            return self.ordinal(int(value))
        if unit == "multiplier":
            return self.t("number.multiplier", number=self.number(value))
        if unit == "count":
            return number
        shown = (self.t.get(f"unit.{unit}", "") if words else "") or unit
        if words and unit in SPANS and value == int(value) and value > 1:
            number = self.count(value)  # a length by the house rule: "three days"
        return self.t("number.unit", number=number, unit=shown)

    def qualified(self, text: str, qualifier: str, use: str = "") -> str:
        """Put the source's hedge before a figure: "more than 12,000".

        use: "change" for the size of a change after "up" or "down", where a language may need
        other words ("up as much as 12%", not "up up to 12%").
        """
        key = f"qualifier.{use}.{qualifier}" if use else ""
        if not (key and self.t.has(key)):
            key = f"qualifier.{qualifier}"
        return self.t(key, number=text)

    def percent(self, value: float) -> str:
        return self.t("number.percent", number=self.number(value))

    def signed_percent(self, value: float) -> str:
        """A change with its sign, for tables and charts: +12.5%, −4.5%."""
        return with_sign(self.percent(abs(value)), value < 0, self.locale)

    def estimate(self, text: str) -> str:
        """Mark a figure derived by reportgen, in tables and charts: ≈$2.00 billion."""
        return self.t("number.estimate", number=text)

    # --- words for numbers
    def ordinal(self, n: int) -> str:
        """first, …, tenth from the catalog; beyond, the digits with the language's ending
        (num2words: 33rd, 33-cü), or the bare digits where it has none (第33)."""
        key = f"ordinal.{n}"
        if self.t.has(key):
            return self.t(key)
        try:
            digits = num2words(n, to="ordinal_num", lang=self.locale)
        except NotImplementedError:  # a language num2words does not know (zh): the digits
            digits = self.number(n)
        return self.t("ordinal.other", ordinal=digits)

    def rank(self, n: int) -> str:
        key = f"rank.{n}"
        return self.t(key) if self.t.has(key) else self.t("rank.other", ordinal=self.ordinal(n))

    def count(self, n: float, digits: int | None = None) -> str:
        """A whole count in prose, by the house rule: small numbers in words where the catalog
        says so (en: "five"), otherwise digits (to `digits` significant ones where given)."""
        below = int(self.t.get("number.words_below", "0") or 0)
        if n == int(n) and 0 < n < below:
            try:
                return num2words(int(n), lang=self.locale)
            except NotImplementedError:
                pass
        return self.amount(n, "count", digits)

    def fold(self, n: float, qualifier: str = "exact") -> str:
        """A multiple as a change: "doubled", "grew 4.2-fold", "grew more than 25-fold"."""
        key = f"fold.{n:g}"
        if self.t.has(key) and qualifier in ("exact", "nearly", "more_than"):
            return self.qualified(self.t(key), qualifier)  # "nearly doubled"
        return self.t("fold.other", number=self.qualified(self.number(n), qualifier))

    def multiplier(self, n: float) -> str:
        key = f"multiplier.{n:g}"
        return self.t(key) if self.t.has(key) else self.t("multiplier.other", number=self.number(n))

    # --- time
    def month(self, month: Month, with_year: bool = True) -> str:
        if month.month is None:
            return str(month.year)
        if month.day is not None:
            return format_skeleton("yMMMMd" if with_year else "MMMMd", month.first_day(),
                                   locale=self.date_locale)
        if with_year:
            return format_skeleton("yMMMM", month.first_day(), locale=self.date_locale)
        return format_date(month.first_day(), "LLLL", locale=self.date_locale)

    def period(self, period: Period) -> str:
        """January – October 2031; April 2031; 2031; late August to early September 2031."""
        start, end = period.start, period.end
        if period.start_part or period.end_part:
            def part(m: Month, which: str | None) -> str:
                name = self.month(m, with_year=False)
                return self.t(f"part.{which}", month=name) if which else name
            if start == end and period.start_part == period.end_part:  # "mid-January 2024"
                return self.t(f"part.{period.start_part}", month=self.month(start))
            return self.t("period.span", start=part(start, period.start_part),
                          end=part(end, period.end_part), year=end.year)
        if start.month is None:
            if period.single:
                return str(start.year)
            return _closed(format_interval(dt.date(start.year, 1, 1), dt.date(end.year, 12, 31),
                                           "y", locale=self.date_locale))
        if period.single:
            return self.month(start)
        split = self.split_years(period)
        if split is not None:  # a fiscal year: "2022–23", not "April 2022 – March 2023"
            return split[0] if len(split) == 1 else self.t(
                "period.split_years", start=split[0], end=split[1])
        if start.day is not None and end.day is not None:
            # Days written out as an editor writes them ("13–14 February 2031", not CLDR's
            # abbreviated "13 – 14 Feb 2031"; "29 September – 2 October 2031").
            if (start.year, start.month) == (end.year, end.month):
                month = format_skeleton("yMMMM", start.first_day(), locale=self.date_locale)
                return self.t("period.days", first=str(start.day), last=str(end.day),
                              month=month)
            return self.t("period.day_span", start=self.month(start, start.year != end.year),
                          end=self.month(end))
        skeleton = "yMMMMd" if start.day is not None or end.day is not None else "yMMMM"
        return _closed(format_interval(start.first_day(), end.last_day(), skeleton,
                                       locale=self.date_locale))

    def split_years(self, period: Period) -> tuple[str, ...] | None:
        """A period of whole twelve-month years that do not start in January (a fiscal year,
        April 2022 – March 2023) as an editor writes it: ("2022–23",), or the first and the
        last of several ("2020–21", "2023–24"); None for any other period."""
        start, end = period.start, period.end
        if (start.month in (None, 1) or end.month is None or start.day is not None
                or end.day is not None or period.start_part or period.end_part):
            return None
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        if months % 12:
            return None

        digits = int(self.t.get("period.split_digits", "4") or 4)  # en: 2022–23

        def year(first: int) -> str:
            last = str(first + 1)
            if digits < 4 and first // 100 == (first + 1) // 100:  # 1999–2000, not 1999–00
                last = last[-digits:]
            return self.t("period.split_year", first=str(first), last=last)

        return (year(start.year),) if months == 12 else (year(start.year), year(end.year - 1))

    def weekday(self, iso_weekday: int) -> str:
        return get_day_names("wide", locale=self.locale)[iso_weekday - 1]

    # --- lists
    def names(self, items: list[str]) -> str:
        """Alpha, Beta, Gamma and Delta."""
        return format_list(items, locale=self.date_locale) if items else ""


def _closed(interval: str) -> str:
    """An interval as an editor sets it: a closed dash between single words or numbers
    ("January–October 2031", "26–27 May 2030"), a spaced one between longer parts ("November
    2030 – February 2031")."""
    for dash in (" – ", "\u2009–\u2009"):
        first, found, rest = interval.partition(dash)
        if found and " " not in first.strip():
            return first + "–" + rest
    return interval


def shift_year(period: Period, years: int) -> Period:
    """The same period a number of years earlier or later."""
    def move(m: Month) -> Month:
        day = m.day
        if day is not None and m.month == 2 and day == 29:
            day = 28  # the same day a year earlier or later, where there is one
        return Month(year=m.year + years, month=m.month, day=day)

    return Period(start=move(period.start), end=move(period.end),
                  start_part=period.start_part, end_part=period.end_part)


__all__ = ["SPECIAL_UNITS", "Formatter", "round_significant", "shift_year", "significant_digits"]
