"""Every figure goes through one formatter: amounts, periods, changes and derived estimates."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.dataset.fields import Period
from reportgen.dataset.metrics import Metric
from reportgen.report.catalog import load_catalog
from reportgen.report.formatting import Formatter, round_significant, significant_digits
from reportgen.report.views import derive_previous

from ..conftest import DATA, TEMPLATES, gathered
from ..falling import SHOWN, make_falling

FMT = Formatter(load_catalog(TEMPLATES, "en"), "en")


@pytest.mark.parametrize(("value", "unit", "expected"), [
    (2_440_000_000, "USD", "$2.44 billion"),
    (2_000_000, "CNY", "CN¥2 million"),
    (57_000, "count", "57,000"),
    (1570, "MW", "1,570 MW"),
    (3, "GW", "3 GW"),
    (21.9, "percent", "21.9%"),
    (1, "rank", "largest"),
    (4, "rank", "fourth-largest"),
    (3, "ordinal", "third"),
    (2, "multiplier", "×2"),
    (-1, "USD", "-$1"),  # CLDR's en pattern: the minus before the symbol, never "$-1"
    (-2_440_000_000, "USD", "-$2.44 billion"),
    (-7_000_000_000, "KZT", "-KZT 7 billion"),
    (-0.5, "EUR", "-€0.5"),
    (-1570, "MW", "-1,570 MW"),
    (-4.5, "percent", "-4.5%"),
])
def test_amounts(value: float, unit: str, expected: str) -> None:
    assert FMT.amount(value, unit) == expected


@pytest.mark.parametrize(("period", "expected"), [
    ("2025", "2025"),
    ("2025-04", "April 2025"),
    ("2025-01/2025-10", "January–October 2025"),
    ("2024-11/2025-02", "November 2024\u2009–\u2009February 2025"),  # spaced between longer parts
    ("2024-05-26/2024-05-27", "26–27 May 2024"),  # as an editor writes it, never "May 26 – 27"
    ("2024-12-20", "20 December 2024"),
    ({"start": "2025-08", "end": "2025-09", "start_part": "late", "end_part": "early"},
     "late August to early September 2025"),
])
def test_periods(period: object, expected: str) -> None:
    assert FMT.period(Period.model_validate(period)) == expected


def test_signed_change_and_qualifier() -> None:
    assert FMT.signed_percent(21.9) == "+21.9%"
    assert FMT.signed_percent(-4.5) == "-4.5%"
    assert FMT.qualified("57,000", "more_than") == "more than 57,000"
    assert FMT.qualified("57,000", "exact") == "57,000"


@pytest.mark.parametrize(("value", "digits"), [(2_440_000_000, 3), (57_000, 2), (351, 3),
                                               (21.9, 3), (2_000_000, 1)])
def test_significant_digits(value: float, digits: int) -> None:
    assert significant_digits(value) == digits


def _metric(value: float, unit: str, change: float) -> Metric:
    return Metric.model_validate({
        "id": "x", "area": "economy", "label": "X", "short_label": "X", "value": value,
        "unit": unit, "period": "2025-01/2025-10", "change": {"value": change},
        "sources": ["s"]})


@pytest.mark.parametrize(("value", "unit", "change", "expected_value", "expected_text"), [
    # 2.44 bn / 1.219 = 2.0016 bn, kept to the three significant digits reported.
    (2_440_000_000, "USD", 21.9, 2_000_000_000, "$2 billion"),
    (351, "count", 34, 262, "262"),             # 351 / 1.34 = 261.9
    (57_000, "count", 50, 38_000, "38,000"),    # 57,000 / 1.5
    (830_000_000, "EUR", -4.5, 870_000_000, "€870 million"),  # 830 / 0.955 = 869.1, 2 digits
    # "more than $3 billion, +17.1%": 2.56 bn, shown with the digits that make it differ from
    # the figure it comes from (never "$3 billion" again).
    (3_000_000_000, "USD", 17.1, 2_600_000_000, "$2.6 billion"),
    (10_600, "count", 50, 7_070, "7,070"),      # 7,066.7 people: a count stays whole
    (9, "count", 5, 9, "9"),  # 8.57: a whole count cannot differ by less than one
])
def test_previous_year_estimate(value: float, unit: str, change: float, expected_value: float,
                                expected_text: str) -> None:
    estimate = derive_previous(_metric(value, unit, change), FMT)
    assert estimate is not None
    assert estimate.value == pytest.approx(expected_value)
    assert estimate.text == expected_text
    assert estimate.period == "January–October 2024"
    assert "estimate" in estimate.derivation.lower()


def test_rounding_never_claims_more_precision() -> None:
    assert round_significant(261.94, 3) == 262
    assert round_significant(2_001_640_689, 3) == 2_000_000_000


@pytest.mark.parametrize(("value", "unit", "shown"), [
    (28_500_000, "t", "28.5 million t"),
    (5_600_000, "count", "5.6 million"),
    (57_000, "count", "57,000"),
    (1_570, "MW", "1,570 MW"),
    (7_000_000_000, "KZT", "KZT 7 billion"),  # no symbol of its own: the code, spaced
    (2_000_000, "CNY", "CN¥2 million"),
])
def test_large_amounts_in_words_and_currency_codes_spaced(value: float, unit: str,
                                                          shown: str) -> None:
    fmt = Formatter(load_catalog(TEMPLATES, "en"), "en")
    assert fmt.amount(value, unit) == shown


def test_a_hedged_change_reads_after_up_or_down() -> None:
    fmt = Formatter(load_catalog(TEMPLATES, "en"), "en")
    assert fmt.qualified(fmt.percent(12), "up_to", "change") == "as much as 12%"
    assert fmt.qualified(fmt.percent(12), "nearly", "change") == "nearly 12%"
    assert fmt.qualified("300", "up_to") == "up to 300"


AZ = Formatter(load_catalog(TEMPLATES, "az"), "az")
ZH = Formatter(load_catalog(TEMPLATES, "zh"), "zh")


@pytest.mark.parametrize(("fmt", "value", "unit", "expected"), [
    # Azerbaijani: decimal comma, full stop between thousands, the currency named after
    (AZ, 2_440_000_000, "USD", "2,44 milyard ABŞ dolları"),
    (AZ, 57_000, "count", "57.000"),
    (AZ, 21.9, "percent", "21,9%"),
    (AZ, 4, "rank", "dördüncü ən böyük"),
    (AZ, 33, "ordinal", "33-cü"),      # the ending follows the number's last word (üç)
    (AZ, 40, "ordinal", "40-cı"),      # (qırx)
    # Chinese: 亿 and 万 (units of 10^8 and 10^4), the currency named after
    (ZH, 2_440_000_000, "USD", "24.4亿美元"),
    (ZH, 57_000, "count", "57,000"),
    (ZH, 12_000_000, "count", "1200万"),
    (ZH, 4, "rank", "第四大"),
    (ZH, 33, "ordinal", "第33"),
    (FMT, 33, "ordinal", "33rd"),
])
def test_amounts_in_each_language(fmt: Formatter, value: float, unit: str,
                                  expected: str) -> None:
    assert fmt.amount(value, unit) == expected


@pytest.mark.parametrize(("fmt", "period", "expected"), [
    (AZ, "2025-01/2025-10", "yanvar–oktyabr 2025"),
    (AZ, "2025-04", "aprel 2025"),
    (AZ, {"start": "2025-08", "end": "2025-09", "start_part": "late", "end_part": "early"},
     "avqust ayının sonu – sentyabr ayının əvvəli, 2025"),
    (ZH, "2025-01/2025-10", "2025年1月–10月"),
    (ZH, "2025-04", "2025年4月"),
    (ZH, {"start": "2025-08", "end": "2025-09", "start_part": "late", "end_part": "early"},
     "2025年八月下旬至九月上旬"),
])
def test_periods_in_each_language(fmt: Formatter, period: object, expected: str) -> None:
    assert fmt.period(Period.model_validate(period)) == expected


def test_hedges_sit_where_each_language_puts_them() -> None:
    assert AZ.qualified("57.000", "more_than") == "57.000 səviyyəsindən çox"
    assert AZ.qualified("57.000", "at_least") == "ən azı 57.000"
    assert ZH.qualified("57,000", "more_than") == "超过57,000"
    assert AZ.signed_percent(-4.5) == "-4,5%"


@pytest.mark.parametrize("locale", ["en", "de", "nl", "en_CH", "zh", "ja", "ru"])
def test_a_negative_amount_puts_the_minus_where_the_locales_pattern_does(locale: str) -> None:
    """Before the symbol (en -$1, de -1 $) or after it (nl US$ -1, en_CH US$-1), as Babel's own
    format_currency does with CLDR's negative pattern."""
    from babel.numbers import format_currency, get_currency_symbol

    fmt = Formatter(load_catalog(TEMPLATES, "en"), locale)
    symbol = get_currency_symbol("USD", locale)
    cldr = format_currency(-1, "USD", locale=locale)
    ours = fmt.amount(-1, "USD")
    assert ours.count("-") == 1, ours
    assert (ours.index("-") < ours.index(symbol)) == (cldr.index("-") < cldr.index(symbol)), \
        (ours, cldr)


def test_a_fall_and_a_negative_amount_read_right_in_the_briefing(tmp_path: Path) -> None:
    """In the sentences, the key-figures table and the slide cards: "down 12.5%", "-12.5%",
    "-$1.25 billion"; never "$-1.25 billion" or "up -12.5%"."""
    report = gathered(make_falling(DATA, tmp_path / "falling")).report
    prose = "\n".join(b.text for s in report.sections for b in s.section.blocks)
    table = "\n".join("".join(r.text for r in cell) for row in report.key_figures.rows
                       for cell in row)
    assert SHOWN["fall"] in prose and SHOWN["balance"] in prose, prose
    assert SHOWN["signed fall"] in table, table
    cards = " ".join(" ".join(card) for card in report.key_figure_cards)
    assert SHOWN["fall"] in cards or SHOWN["signed fall"] in cards, cards
    for wrong in ("$-", "up -", "down -", "+-"):
        assert wrong not in prose + table + cards, wrong


@pytest.mark.parametrize(("period", "en", "az", "zh"), [
    ("2022-04/2023-03", "2022–23", "2022–2023", "2022–2023年度"),
    ("1999-07/2000-06", "1999–2000", "1999–2000", "1999–2000年度"),
    ("2020-04/2024-03", "2020–21 to 2023–24", "2020–2021 – 2023–2024",
     "2020–2021年度至2023–2024年度"),
])
def test_a_fiscal_year_is_written_as_an_editor_writes_it(period: str, en: str, az: str,
                                                         zh: str) -> None:
    shown = Period.model_validate(period)
    assert (FMT.period(shown), AZ.period(shown), ZH.period(shown)) == (en, az, zh)


@pytest.mark.parametrize("period", ["2022-01/2022-12", "2022-04/2023-02", "2022-04/2022-09"])
def test_other_month_spans_keep_their_months(period: str) -> None:
    assert FMT.split_years(Period.model_validate(period)) is None
    assert "–" in FMT.period(Period.model_validate(period))


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "mid-January 2024"), ("zh", "2024年1月中旬")])
def test_a_part_of_one_month_is_said_once(language: str, expected: str) -> None:
    """{start: 2024-01, end: 2024-01, start_part: mid, end_part: mid} read "mid-January to
    mid-January 2024"."""
    fmt = Formatter(load_catalog(TEMPLATES, language), language)
    period = Period.model_validate({"start": "2024-01", "end": "2024-01", "start_part": "mid",
                                    "end_part": "mid"})
    assert fmt.period(period) == expected
    later = period.model_copy(update={"end_part": "late"})
    assert fmt.period(later) != expected  # two parts of one month stay a span
