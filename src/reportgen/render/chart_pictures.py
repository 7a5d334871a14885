"""Chart pictures: each chart spec drawn once with matplotlib, in one house theme, as PNG."""

from __future__ import annotations

import hashlib
import io
import json
import logging
from dataclasses import asdict
from importlib import metadata
from pathlib import Path
from typing import Any

from matplotlib import font_manager

from reportgen.render.text_measure import LINE_HEIGHT, break_lines, text_width
from reportgen.report.charts import Bar, ChartSpec, RenderedChart, chart_specs
from reportgen.report.views import Views

log = logging.getLogger(__name__)

# One size for both documents: 16 cm wide in the briefing, about 18 cm on a slide.
WIDTH_IN, HEIGHT_IN, DPI = 6.4, 3.4, 200
NAVY, TEAL, GREY, LIGHT = "#1F3864", "#2E75B6", "#595959", "#BDD7EE"
FONTS = ["Carlito", "Calibri", "DejaVu Sans"]
STYLE_VERSION = "3"  # bump when the house theme changes, so cached charts are redrawn
LABEL_SHARE = 0.38  # of the width, for the labels beside horizontal bars
# A timeline label may take this many months of the axis, in at most this many lines.
TIMELINE_LABEL_MONTHS, TIMELINE_LABEL_LINES = 3.6, 5


def _theme() -> dict[str, Any]:
    available = {f.name for f in font_manager.fontManager.ttflist}
    family = [f for f in FONTS if f in available] or ["DejaVu Sans"]
    return {
        "font.family": family,
        "font.size": 11,
        "axes.edgecolor": GREY,
        "axes.labelcolor": GREY,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.titlesize": 12,
        "xtick.color": GREY,
        "ytick.color": GREY,
        "svg.hashsalt": "reportgen",
    }


def render_charts(views: Views, cache_dir: Path | None = None) -> list[RenderedChart]:
    """Render every chart of the dataset; reuse a cached image when its inputs are unchanged."""
    charts = []
    for spec in chart_specs(views):
        key_data = {"spec": asdict(spec), "style": STYLE_VERSION, "renderer": _renderer(),
                     "size": [WIDTH_IN, HEIGHT_IN, DPI]}
        key = hashlib.sha256(json.dumps(key_data, sort_keys=True).encode()).hexdigest()[:24]
        cached = cache_dir / f"{key}.png" if cache_dir else None
        if cached and cached.exists():
            png = cached.read_bytes()
            log.debug("chart %s from cache", spec.id)
        else:
            png = _draw(spec)
            if cached:
                cached.parent.mkdir(parents=True, exist_ok=True)
                tmp = cached.with_suffix(".tmp")
                tmp.write_bytes(png)
                tmp.replace(cached)
            log.debug("chart %s drawn", spec.id)
        charts.append(RenderedChart(spec=spec, png=png))
    return charts


def _renderer() -> str:
    """The matplotlib version, read without importing it: another version draws other pixels."""
    return metadata.version("matplotlib")


def _draw(spec: ChartSpec) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    theme: Any = _theme()
    with plt.rc_context(theme):
        fig, ax = plt.subplots(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI)
        try:
            {"comparison": _draw_comparison, "series": _draw_comparison, "bars": _draw_bars,
             "growth": _draw_growth,
             "timeline": _draw_timeline}[spec.kind](ax, spec, theme["font.family"][0])
            fig.tight_layout()
            buf = io.BytesIO()
            # No timestamp or software tag: the same chart gives the same bytes.
            fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
        finally:
            plt.close(fig)
    return buf.getvalue()


# Colour of each tone (ChartSpec.tone); the native deck charts map the same tones to the theme.
_TONES: dict[str, dict[str, Any]] = {
    "estimate": {"color": LIGHT, "edgecolor": TEAL, "hatch": "///", "linewidth": 0.8},
    "main": {"color": NAVY},
    "accent": {"color": TEAL},
    "negative": {"color": GREY},
}


def value_limits(spec: ChartSpec, plot_pt: float, size_pt: float,
                 family: str) -> tuple[float, float]:
    """Limits of a horizontal chart's value axis, with measured room for each bar's label.

    A label sits beyond its bar's end (left of a negative bar), so the axis must reach far
    enough for the widest label on each side, in the axis' own units.
    """
    values = [b.value for b in spec.bars]
    low, high = min(0.0, *values), max(0.0, *values)
    pad = 8.0  # points between a bar's end and its label, and after the label

    def room(side: list[Bar]) -> float:
        return max((text_width(b.text, size_pt, family, bold=True) + 2 * pad for b in side),
                   default=0.0)

    right = room([b for b in spec.bars if b.value >= 0])
    left = room([b for b in spec.bars if b.value < 0])
    share = min((left + right) / plot_pt, 0.6)
    span = (high - low) / (1 - share) or 1.0
    return low - left / plot_pt * span, high + right / plot_pt * span


def _labels(spec: ChartSpec, bars: list[Bar] | tuple[Bar, ...], size_pt: float,
            family: str) -> list[str]:
    """Category labels broken to the room each one has, measured as the deck's charts are."""
    width_pt, height_pt = WIDTH_IN * 72, HEIGHT_IN * 72
    if spec.horizontal:
        width, room = width_pt * LABEL_SHARE, height_pt * 0.85 / max(len(bars), 1)
    else:
        width, room = width_pt * 0.9 / max(len(bars), 1), height_pt * 0.25
    max_lines = max(1, int(room // (size_pt * LINE_HEIGHT)))
    return ["\n".join(break_lines(b.label, size_pt, width, family, max_lines)) for b in bars]


def _plot_width() -> float:
    """About how wide the bars' area of a horizontal chart is, in points, beside its labels."""
    return WIDTH_IN * 72 * (1 - LABEL_SHARE) * 0.9


def _draw_comparison(ax: Any, spec: ChartSpec, family: str) -> None:
    bars = spec.bars
    for i, bar in enumerate(bars):
        ax.bar(i, bar.value, width=0.55, **_TONES[spec.tone(bar)])
        ax.annotate(bar.text, (i, bar.value), xytext=(0, 4), textcoords="offset points",
                    ha="center", va="bottom", fontsize=12, fontweight="bold", color=NAVY)
    ax.set_xticks(range(len(bars)), _labels(spec, bars, 11, family))
    ax.set_ylim(0, max(b.value for b in bars) * 1.22)
    ax.set_xlim(-0.7, len(bars) - 0.3)
    ax.yaxis.set_visible(False)
    ax.spines["left"].set_visible(False)


def _draw_bars(ax: Any, spec: ChartSpec, family: str) -> None:
    bars = list(reversed(spec.bars))
    for i, bar in enumerate(bars):
        ax.barh(i, bar.value, height=0.55, **_TONES[spec.tone(bar)])
        ax.annotate(bar.text, (bar.value, i), xytext=(5, 0), textcoords="offset points",
                    va="center", fontsize=12, fontweight="bold", color=NAVY)
    ax.set_yticks(range(len(bars)), _labels(spec, bars, 11, family))
    ax.set_xlim(*value_limits(spec, _plot_width(), 12, family))
    ax.xaxis.set_visible(False)
    ax.spines["bottom"].set_visible(False)


def _draw_growth(ax: Any, spec: ChartSpec, family: str) -> None:
    bars = list(reversed(spec.bars))
    for i, bar in enumerate(bars):
        ax.barh(i, bar.value, height=0.55, **_TONES[spec.tone(bar)])
        ax.annotate(bar.text, (bar.value, i), xytext=(5 if bar.value >= 0 else -5, 0),
                    textcoords="offset points", va="center",
                    ha="left" if bar.value >= 0 else "right",
                    fontsize=12, fontweight="bold", color=NAVY)
    # 11 pt: still 12 pt on a slide, where the picture is shown about a tenth larger.
    ax.set_yticks(range(len(bars)), _labels(spec, bars, 11, family), fontsize=11)
    ax.set_xlim(*value_limits(spec, _plot_width(), 12, family))
    ax.axvline(0, color=GREY, linewidth=0.8)
    ax.xaxis.set_visible(False)
    ax.spines["bottom"].set_visible(False)
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)


def _draw_timeline(ax: Any, spec: ChartSpec, family: str) -> None:
    ax.set_xlim(0, 12)
    ax.set_ylim(-1.6, 1.6)
    ax.axhline(0, color=GREY, linewidth=1.2, zorder=1)
    for i, name in enumerate(spec.months):
        ax.text(i + 0.5, -0.22, name, ha="center", va="top", fontsize=9, color=GREY)
        ax.plot([i, i], [-0.06, 0.06], color=GREY, linewidth=0.8)
    width_pt = WIDTH_IN * 72 * 0.9 * TIMELINE_LABEL_MONTHS / 12
    # The right end of the last label above (True) and below (False) the line.
    ends = {True: -1.0, False: -1.0}
    for i, ev in enumerate(spec.events):
        mid = (ev.start + ev.end) / 2
        # Keep labels inside the axis: anchor them left or right near the edges.
        half = TIMELINE_LABEL_MONTHS / 2
        ha = "left" if mid < half else ("right" if mid > 12 - half else "center")
        low = {"left": mid, "right": mid - 2 * half, "center": mid - half}[ha]
        # Alternate sides, but never put a label where it would run into the previous one.
        up = i % 2 == 0
        if ends[up] > low:
            up = not up if ends[not up] <= low else ends[True] <= ends[False]
        ends[up] = low + 2 * half
        y = 0.5 if up else -0.62
        ax.plot([ev.start, ev.end], [0, 0], color=TEAL, linewidth=7,
                solid_capstyle="butt", zorder=2)
        ax.plot([mid, mid], [0, y * 0.85], color=TEAL, linewidth=0.8, zorder=1)
        text = "\n".join(break_lines((ev.label, ev.when), 10, width_pt, family,
                                     TIMELINE_LABEL_LINES, bold=True))
        ax.text(mid, y, text, ha=ha, va="bottom" if up else "top",
                fontsize=10, color=NAVY, fontweight="bold", linespacing=1.25)
    ax.axis("off")
