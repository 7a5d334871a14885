"""Measuring text with the template font's metrics (Carlito stands in for Calibri)."""

from __future__ import annotations

import pytest

from reportgen.render.text_measure import (
    FitParagraph,
    break_lines,
    fit_size,
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
