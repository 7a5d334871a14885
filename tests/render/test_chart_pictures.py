"""Chart specs: one plain structure that the briefing's pictures and the deck's charts share."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
import pytest

from reportgen.dataset.loading import load_dataset
from reportgen.render import chart_pictures
from reportgen.render.chart_figure import (
    HEIGHT_IN,
    TIMELINE_SIZE,
    WIDTH_IN,
    draw_figure,
    timeline_layout,
    value_limits,
)
from reportgen.render.chart_pictures import render_charts
from reportgen.render.text_measure import text_width
from reportgen.report.catalog import load_catalog
from reportgen.report.charts import Bar, ChartSpec, Mark, chart_specs
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


def _crowded(month: int) -> ChartSpec:
    """Five events in one month (1-based), and one in each of the three nearest other months."""
    titles = ["State visit and talks between the two presidents", "Intergovernmental commission",
              "Opening of the industrial cooperation centre", "Business forum",
              "Signing of the strategic partnership declaration"]
    marks = [Mark(title, f"month {month}", month - 1, month) for title in titles]
    nearest = sorted(range(1, 13), key=lambda m: (abs(m - month), m))[1:4]
    for j, near in enumerate(nearest):
        marks.insert(2 * j + 1, Mark(f"Meeting of the ministers, round {'abc'[j]}",
                                     f"month {near}", near - 1, near))
    return ChartSpec(id="timeline", area="politics", kind="timeline", title="t",
                     events=tuple(marks), months=tuple(f"M{i}" for i in range(1, 13)))


@pytest.mark.parametrize("month", [6, 11, 1])
def test_timeline_labels_never_overlap(month: int) -> None:
    spec = _crowded(month)
    assert sum(m.start == month - 1 for m in spec.events) == 5 and len(spec.events) == 8
    fig = draw_figure(spec)
    try:
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
        texts = fig.axes[0].texts
        boxes = [t.get_window_extent(renderer) for t in texts]
        picture = fig.bbox
    finally:
        plt.close(fig)
    labels = [t for t in texts if t.get_fontsize() == TIMELINE_SIZE]
    assert len(labels) == len(spec.events) and all(t.get_fontsize() >= 9 for t in texts)
    for (i, a), (j, b) in itertools.combinations(enumerate(boxes), 2):
        assert not a.overlaps(b), (texts[i].get_text(), texts[j].get_text())
    for box in boxes:  # every label inside the picture: nothing cut off
        assert picture.x0 <= box.x0 and box.x1 <= picture.x1
        assert picture.y0 <= box.y0 and box.y1 <= picture.y1


def test_timeline_grows_only_when_its_labels_need_the_room() -> None:
    default = _specs(DATA)["timeline"]
    assert {label.offset for label in timeline_layout(default, "Carlito")} == {0.0}
    fig = draw_figure(default)
    assert tuple(fig.get_size_inches()) == (WIDTH_IN, HEIGHT_IN)
    plt.close(fig)
    fig = draw_figure(_crowded(6))
    assert fig.get_size_inches()[1] > HEIGHT_IN
    plt.close(fig)


@pytest.mark.parametrize("corrupt", [b"", b"not a png", b"\x89PNG\r\n\x1a\n cut short"],
                         ids=["empty", "garbage", "truncated"])
def test_a_corrupt_cache_entry_is_drawn_again(tmp_path: Path, corrupt: bytes) -> None:
    views = _minimal_views()
    cache = tmp_path / "cache"
    first = render_charts(chart_specs(views), cache)
    for entry in cache.iterdir():
        entry.write_bytes(corrupt)
    again = render_charts(chart_specs(views), cache)
    assert again == first
    assert sorted(e.read_bytes() for e in cache.iterdir()) == sorted(first.values())


def test_a_cache_path_that_is_a_file_is_ignored(tmp_path: Path) -> None:
    views = _minimal_views()
    cache = tmp_path / "cache"
    cache.write_bytes(b"a file where the cache folder belongs")
    charts = render_charts(chart_specs(views), cache)
    assert charts and all(png.startswith(b"\x89PNG") for png in charts.values())
    assert cache.read_bytes() == b"a file where the cache folder belongs"


def _minimal_views() -> Any:
    return build_views(load_dataset(FIXTURES / "minimal"),
                       Formatter(load_catalog(TEMPLATES, "en"), "en"))


def test_a_long_series_is_a_line_with_its_ends_labelled_in_both_documents(
        tmp_path: Path) -> None:
    import io
    import shutil

    from pptx import Presentation
    from pptx.enum.chart import XL_CHART_TYPE

    from reportgen.pptx.charts import add_chart
    from reportgen.render.native_chart import Box
    from reportgen.report.charts import MAX_BARS

    data = tmp_path / "long"
    shutil.copytree(FIXTURES / "minimal", data)
    years = range(1900, 1900 + 3 * MAX_BARS)
    (data / "trade_by_year.csv").write_text("year,exports,imports\n" + "".join(
        f"{y},{1000 + y},{2000 + y}\n" for y in years), encoding="utf-8")
    spec = _specs(data)["exports_by_year"]
    assert spec.line and spec.labelled == (0, len(years) - 1)
    assert spec.alt == (f"Line chart of {spec.title}, Freedonian exports, {len(years)} values, "
                        f"from 1900 {spec.bars[0].text} to {years[-1]} {spec.bars[-1].text}.")
    fig = draw_figure(spec)
    try:
        ax = fig.axes[0]
        assert len(ax.lines) == 1 and list(ax.lines[0].get_ydata()) == [b.value for b in spec.bars]
        assert [t.get_text() for t in ax.texts] == [spec.bars[0].text, spec.bars[-1].text]
        assert len(ax.get_xticklabels()) <= 5
    finally:
        plt.close(fig)
    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    add_chart(slide, spec, Box(0, 0, 8_000_000, 4_000_000), "Carlito")
    buf = io.BytesIO()
    deck.save(buf)
    chart = next(s for s in Presentation(buf).slides[0].shapes if s.has_chart).chart
    assert chart.chart_type == XL_CHART_TYPE.LINE
    assert list(chart.plots[0].categories) == [str(y) for y in years]
    labels = chart._chartSpace.xpath(".//c:dLbl//a:t/text()")
    assert labels == [spec.bars[0].text, spec.bars[-1].text]


def _grey_bars(spec: ChartSpec) -> list[tuple[str, float, float]]:
    """Each bar of a drawn chart seen in greyscale: its tone, and the mean and spread of the
    grey levels inside it (a hatch spreads them)."""
    from PIL import Image, ImageStat

    fig = draw_figure(spec)
    try:
        fig.canvas.draw()
        grey = Image.frombuffer("RGBA", fig.canvas.get_width_height(),
                                bytes(fig.canvas.buffer_rgba())).convert("L")  # type: ignore
        height = grey.height
        ordered = list(reversed(spec.bars)) if spec.horizontal else list(spec.bars)
        bars = []
        for bar, patch in zip(ordered, fig.axes[0].patches, strict=True):
            box = patch.get_window_extent()
            w, h = box.width * 0.2, box.height * 0.2  # the inner part, clear of the edges
            crop = grey.crop((int(box.x0 + w), int(height - box.y1 + h), int(box.x1 - w),
                              int(height - box.y0 - h)))
            stat = ImageStat.Stat(crop)
            bars.append((spec.tone(bar), stat.mean[0], stat.stddev[0]))
    finally:
        plt.close(fig)
    return bars


@pytest.mark.parametrize(("data", "chart"), [(DATA, "trade"), (FIXTURES / "minimal", "growth")])
def test_bars_of_different_tones_differ_in_greyscale(data: Path, chart: str) -> None:
    """Read without colour (printed in black and white, or by a reader who cannot tell the
    hues apart), bars that mean different things still look different."""
    bars = _grey_bars(_specs(data)[chart])
    assert len({tone for tone, _, _ in bars}) >= 2
    for (tone_a, mean_a, spread_a), (tone_b, mean_b, spread_b) in itertools.combinations(bars,
                                                                                          2):
        if tone_a != tone_b:
            assert abs(mean_a - mean_b) >= 25 or abs(spread_a - spread_b) >= 15, (tone_a, tone_b)
    for tone, mean, spread in bars:  # and each stands out from the white page
        assert 255 - mean >= 40 or spread >= 15, tone


_DRAWN_BY = "drawn-by"  # a file, beside the test's charts, of the processes that drew them


def _draw_noting_the_process(spec: ChartSpec) -> bytes:
    import os

    with open(Path(os.environ["REPORTGEN_TEST_DRAWN"]) / _DRAWN_BY, "a") as noted:
        noted.write(f"{os.getpid()}\n")
    return chart_pictures._draw_alone(spec)


def test_many_charts_are_drawn_in_worker_processes_with_the_same_bytes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    views = build_views(load_dataset(DATA), Formatter(load_catalog(TEMPLATES, "en"), "en"))
    serial = list(render_charts(chart_specs(views)).values())
    assert len(serial) >= 4
    monkeypatch.setattr(chart_pictures, "PER_WORKER", 2)  # the default's charts are enough
    monkeypatch.setattr(chart_pictures, "_draw_alone", chart_pictures._draw, raising=False)
    monkeypatch.setattr(chart_pictures, "_draw", _draw_noting_the_process)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: {0, 1}, raising=False)
    monkeypatch.setenv("REPORTGEN_TEST_DRAWN", str(tmp_path))
    parallel = list(render_charts(chart_specs(views)).values())
    drawn_by = (tmp_path / _DRAWN_BY).read_text().split()
    assert len(drawn_by) == len(serial) and str(os.getpid()) not in drawn_by
    assert len(set(drawn_by)) <= 2  # at most the two workers (one may take every chart)
    assert parallel == serial


def test_a_few_pictures_are_drawn_meanwhile_in_a_process_of_their_own(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The build's pictures (the timeline) are drawn in a forked process while it writes the
    briefing: known at once, the same bytes as drawn here when read, and cached; cached ones
    are read at once, drawn nowhere."""
    import os

    from reportgen.render.chart_pictures import Drawing, draw_meanwhile

    views = build_views(load_dataset(DATA), Formatter(load_catalog(TEMPLATES, "en"), "en"))
    specs = [s for s in chart_specs(views) if not s.native]  # what a build draws: the timeline
    assert specs and len(specs) < 2 * chart_pictures.PER_WORKER
    here = render_charts(specs)
    monkeypatch.setattr(chart_pictures, "_draw_alone", chart_pictures._draw, raising=False)
    monkeypatch.setattr(chart_pictures, "_draw", _draw_noting_the_process)
    monkeypatch.setenv("REPORTGEN_TEST_DRAWN", str(tmp_path))
    cache = tmp_path / "cache"
    drawing = draw_meanwhile(specs, cache)
    assert isinstance(drawing, Drawing)
    assert list(drawing) == list(here) and all(s.id in drawing for s in specs)
    assert {s.id: drawing[s.id] for s in specs} == here
    drawn_by = (tmp_path / _DRAWN_BY).read_text().split()
    assert len(drawn_by) == len(specs) and str(os.getpid()) not in drawn_by
    assert sorted(e.read_bytes() for e in cache.iterdir()) == sorted(here.values())
    drawing.close()  # done: nothing left to stop
    again = draw_meanwhile(specs, cache)
    assert again == here and not isinstance(again, Drawing)
    assert len((tmp_path / _DRAWN_BY).read_text().split()) == len(specs)  # none drawn again
