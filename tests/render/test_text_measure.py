"""Measuring text with the template font's metrics (Carlito stands in for Calibri)."""

from __future__ import annotations

import pytest

from reportgen.render.text_measure import (
    FitParagraph,
    break_lines,
    fit_size,
    height,
    text_width,
    wrap_lines,
)

FONT = "Calibri"


def test_wrapped_lines_fit_the_width_and_keep_every_word() -> None:
    text = "Trans-Caspian freight trains dispatched from one country to the other in the year"
    lines = wrap_lines(text, 14, 120, FONT)
    assert len(lines) > 1 and " ".join(lines) == text
    assert all(text_width(line, 14, FONT) <= 120 for line in lines)


@pytest.mark.parametrize(("max_lines", "expected_last"), [(9, "2031"), (3, "2031"), (2, "2031")])
def test_break_lines_shortens_the_longest_part_and_keeps_the_last(max_lines: int,
                                                                  expected_last: str) -> None:
    label = "Capacity of new solar and wind projects; " * 3
    lines = break_lines((label.strip(), "January – June 2031"), 14, 150, FONT, max_lines)
    assert len(lines) <= max_lines
    assert lines[-1].endswith(expected_last)
    if len(lines) < len(break_lines((label.strip(), "January – June 2031"), 14, 150, FONT, 99)):
        assert lines[-2].endswith("…")
    assert all(text_width(line, 14, FONT) <= 150 for line in lines)


def test_fit_size_shrinks_to_the_floor_and_no_further() -> None:
    short = [FitParagraph("A short line")]
    assert fit_size(short, 300, 100, FONT, 20, 14) == 20
    long = [FitParagraph("word " * 200)]
    assert fit_size(long, 300, 100, FONT, 20, 14) is None


CHINESE = "2025年1月 – 10月，双边贸易额达到24.4亿美元，比上年同期增长21.9%。"


def test_chinese_is_measured_with_the_east_asian_font_and_wraps_between_characters() -> None:
    # a Chinese character is one em wide in Noto Sans CJK, far wider than Carlito's box for it
    assert text_width("年年年年", 10, "Calibri") == pytest.approx(40, abs=0.5)
    lines = wrap_lines(CHINESE, 12, 120, "Calibri")
    assert len(lines) > 1 and "".join(lines).replace(" ", "") == CHINESE.replace(" ", "")
    assert all(text_width(line, 12, "Calibri") <= 120 for line in lines)
    # a closing mark never starts a line
    assert not [line for line in lines if line[0] in "，。"]


def test_a_long_chinese_label_is_shortened_to_fit() -> None:
    [line] = break_lines((CHINESE,), 12, 100, "Calibri", max_lines=1)
    assert line.endswith("…") and text_width(line, 12, "Calibri") <= 100


@pytest.mark.parametrize("words", [3, 20, 45, 70, 120, 400])
@pytest.mark.parametrize(("start", "floor"), [(28.0, 14.0), (20.0 * 1.4, 20.0), (16.5, 12.375)])
def test_fit_size_finds_the_size_trying_each_half_point_would(words: int, start: float,
                                                              floor: float) -> None:
    """The search by halves gives the size the plain walk down from start gives."""
    paras = [FitParagraph("Bilateral trade rose to a record " * (words // 6 + 1)),
             FitParagraph("A second point, bold", bold=True, indent_pt=18.0)]
    size, walked = start, None
    while size >= floor:
        if height(paras, size, 400, FONT) <= 300:
            walked = size
            break
        size -= 0.5
    assert fit_size(paras, 400, 300, FONT, start, floor) == walked


def test_a_web_address_wider_than_the_line_takes_the_lines_a_renderer_gives_it() -> None:
    """Broken after its slashes and hyphens (else where the line ends), never measured as one
    line running past the box's edge."""
    url = "https://www.example.org/news/india-uae-sign-pact-on-trans-continental-trade-corridor"
    lines = wrap_lines(f"Online at {url}", 14, 150, FONT)
    assert len(lines) >= 3 and "".join(lines[1:]) == url and lines[0] == "Online at"
    assert all(text_width(line, 14, FONT) <= 150 for line in lines)
    assert all(line.endswith(("/", "-")) for line in lines[1:-1])
    assert len(wrap_lines("x" * 200, 14, 150, FONT)) > 1  # no place to break: by characters
