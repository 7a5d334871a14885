"""Chart specs: one plain structure that the briefing's pictures and the deck's charts share."""

from __future__ import annotations

import pytest

from reportgen.dataset.loading import load_dataset
from reportgen.render.chart_pictures import value_limits
from reportgen.render.text_measure import text_width
from reportgen.report.catalog import load_catalog
from reportgen.report.charts import Bar, ChartSpec, chart_specs
from reportgen.report.formatting import Formatter
from reportgen.report.views import build_views

from ..conftest import DATA, FIXTURES, TEMPLATES


def _specs(data: object) -> dict[str, ChartSpec]:
    fmt = Formatter(load_catalog(TEMPLATES, "en"), "en")
    return {s.id: s for s in chart_specs(build_views(load_dataset(data), fmt))}  # type: ignore


def test_comparison_spec_flags_and_labels_the_estimate() -> None:
    trade = _specs(DATA)["trade"]
    estimate, current = trade.bars
    assert estimate.estimate and not current.estimate
    assert (estimate.value, estimate.text) == (2.0e9, "≈$2 billion")
    assert (current.value, current.text) == (2.44e9, "$2.44 billion")
    assert estimate.label == ("Same period of 2024", "(estimate)")
    assert trade.tone(estimate) == "estimate" and trade.native and not trade.horizontal
    assert "estimate" in trade.caption and "$2.44 billion" in trade.alt


def test_growth_spec_marks_falling_figures() -> None:
    growth = _specs(FIXTURES / "minimal")["growth"]
    assert [b.text for b in growth.bars] == ["-4.5%", "about +12%"] or \
        [b.value for b in growth.bars] == [-4.5, 12.0]
    assert [growth.tone(b) for b in growth.bars] == ["negative", "accent"]
    timeline = _specs(FIXTURES / "minimal")["timeline"]
    assert not timeline.native and timeline.events


@pytest.mark.parametrize("values", [(-4.5, 12.0), (21.9, 34.0, 50.0), (-3.0, -8.0)])
def test_value_limits_leave_measured_room_for_every_label(values: tuple[float, ...]) -> None:
    bars = tuple(Bar((f"b{i}",), v, f"{v:+.1f}%") for i, v in enumerate(values))
    spec = ChartSpec(id="g", area="a", kind="growth", title="t", bars=bars)
    plot_pt = 300.0
    low, high = value_limits(spec, plot_pt, 16, "Calibri")
    per_pt = (high - low) / plot_pt
    for bar in bars:
        needed = text_width(bar.text, 16, "Calibri", bold=True) * per_pt
        if bar.value >= 0:
            assert bar.value + needed <= high
        else:
            assert bar.value - needed >= low
    assert low <= min(0.0, *values) and high >= max(0.0, *values)
