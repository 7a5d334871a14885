"""Render the charts once, in one house theme, as PNGs with captions and alt text."""

from __future__ import annotations

import hashlib
import io
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportgen.compute import FigureView, Views
from reportgen.model import Chart

log = logging.getLogger(__name__)

# One size for both documents: 16 cm wide in the briefing, about 18 cm on a slide.
WIDTH_IN, HEIGHT_IN, DPI = 6.4, 3.4, 200
NAVY, TEAL, GREY, LIGHT = "#1F3864", "#2E75B6", "#595959", "#BDD7EE"
FONTS = ["Carlito", "Calibri", "DejaVu Sans"]
STYLE_VERSION = "1"  # bump when the house theme changes, so cached charts are redrawn


@dataclass(frozen=True)
class RenderedChart:
    """A chart as both documents place it."""

    id: str
    area: str
    kind: str
    png: bytes
    width_in: float
    height_in: float
    caption: str
    alt: str
    sources: list[str]


def _theme() -> dict[str, Any]:
    from matplotlib import font_manager

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
    for chart in views.dataset.charts:
        spec = _spec(chart, views)
        key = hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:24]
        cached = cache_dir / f"{key}.png" if cache_dir else None
        if cached and cached.exists():
            png = cached.read_bytes()
            log.debug("chart %s from cache", chart.id)
        else:
            png = _draw(spec)
            if cached:
                cached.parent.mkdir(parents=True, exist_ok=True)
                tmp = cached.with_suffix(".tmp")
                tmp.write_bytes(png)
                tmp.replace(cached)
            log.debug("chart %s drawn", chart.id)
        charts.append(RenderedChart(
            id=chart.id, area=chart.area, kind=chart.kind, png=png, width_in=WIDTH_IN,
            height_in=HEIGHT_IN, caption=spec["caption"], alt=spec["alt"],
            sources=spec["sources"]))
    return charts


def _spec(chart: Chart, views: Views) -> dict[str, Any]:
    """Everything a chart shows, as plain data: the cache key and the drawing's only input."""
    fmt, t = views.fmt, views.fmt.t
    figures: list[FigureView] = [views.metrics[m] for m in chart.metrics]
    sources = sorted({s.id for f in figures for s in f.sources})
    spec: dict[str, Any] = {"kind": chart.kind, "style": STYLE_VERSION,
                            "size": [WIDTH_IN, HEIGHT_IN, DPI], "sources": sources}
    if chart.kind == "comparison":
        x = figures[0]
        prev = x.previous
        assert prev is not None  # the loader requires a change for comparison charts
        spec["bars"] = [
            {"label": t("label.same_period_last_year", year=prev.year) + "\n(" + t(
                "label.estimate") + ")", "value": prev.value, "text": fmt.estimate(prev.text),
             "estimate": True},
            {"label": x.period, "value": x.value, "text": x.text, "estimate": False},
        ]
        spec["caption"] = t("caption.comparison", title=chart.title, period=x.period,
                            previous_year=prev.year, change=x.change_signed)
        spec["alt"] = t("alt.comparison", label=x.label, period=x.period, value=x.text,
                        previous_year=prev.year, previous=prev.text, change=x.change_signed)
    elif chart.kind == "bars":
        spec["bars"] = [{"label": f.short_label, "value": f.value, "text": f.text,
                         "estimate": False} for f in figures]
        spec["caption"] = t("caption.bars", title=chart.title, unit=figures[0].unit)
        spec["alt"] = t("alt.bars", title=chart.title, items="; ".join(
            t("alt.item", label=f.short_label, value=f.text) for f in figures))
    elif chart.kind == "growth":
        spec["bars"] = [{"label": f"{f.short_label}\n{f.period}",
                         "value": f.metric.change.value if f.metric.change else 0.0,
                         "text": f.change_signed, "estimate": False} for f in figures]
        spec["caption"] = t("caption.growth", title=chart.title)
        spec["alt"] = t("alt.growth", items="; ".join(
            t("alt.item", label=f"{f.short_label} ({f.period})", value=f.change_signed)
            for f in figures))
    else:  # timeline
        events = [e for e in views.events if e.high_level]
        year = views.dataset.briefing.year
        spec["events"] = [{
            "label": e.short_title, "when": e.period,
            "start": _month_pos(e.event.period.start.month, e.event.period.start_part, True),
            "end": _month_pos(e.event.period.end.month, e.event.period.end_part, False),
        } for e in events]
        spec["months"] = [fmt.month(_m(year, i), with_year=False)[:3] for i in range(1, 13)]
        spec["sources"] = sorted({s.id for e in events for s in e.sources})
        spec["caption"] = t("caption.timeline", title=chart.title, year=year)
        spec["alt"] = t("alt.timeline", year=year, items="; ".join(
            t("alt.item", label=e.short_title, value=e.period) for e in events))
    return spec


def _m(year: int, month: int) -> Any:
    from reportgen.model import Month

    return Month(year=year, month=month)


def _month_pos(month: int | None, part: str | None, start: bool) -> float:
    """Position on a 0–12 axis: the start or end of a month, or the part of it the source gives."""
    if month is None:
        return 0.0 if start else 12.0
    base = month - 1
    if part == "early":
        return base + (0.0 if start else 0.33)
    if part == "mid":
        return base + (0.33 if start else 0.66)
    if part == "late":
        return base + (0.66 if start else 1.0)
    return base + (0.0 if start else 1.0)


def _draw(spec: dict[str, Any]) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    theme: Any = _theme()
    with plt.rc_context(theme):
        fig, ax = plt.subplots(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI)
        try:
            {"comparison": _draw_comparison, "bars": _draw_bars, "growth": _draw_growth,
             "timeline": _draw_timeline}[spec["kind"]](ax, spec)
            fig.tight_layout()
            buf = io.BytesIO()
            # No timestamp or software tag: the same chart gives the same bytes.
            fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
        finally:
            plt.close(fig)
    return buf.getvalue()


def _bar_style(bar: dict[str, Any]) -> dict[str, Any]:
    if bar["estimate"]:
        return {"color": LIGHT, "edgecolor": TEAL, "hatch": "///", "linewidth": 0.8}
    return {"color": NAVY}


def _draw_comparison(ax: Any, spec: dict[str, Any]) -> None:
    bars = spec["bars"]
    for i, bar in enumerate(bars):
        ax.bar(i, bar["value"], width=0.55, **_bar_style(bar))
        ax.annotate(bar["text"], (i, bar["value"]), xytext=(0, 4), textcoords="offset points",
                    ha="center", va="bottom", fontsize=12, fontweight="bold", color=NAVY)
    ax.set_xticks(range(len(bars)), [b["label"] for b in bars])
    ax.set_ylim(0, max(b["value"] for b in bars) * 1.22)
    ax.set_xlim(-0.7, len(bars) - 0.3)
    ax.yaxis.set_visible(False)
    ax.spines["left"].set_visible(False)


def _draw_bars(ax: Any, spec: dict[str, Any]) -> None:
    bars = list(reversed(spec["bars"]))
    values = [b["value"] for b in bars]
    ax.barh(range(len(bars)), values, height=0.55, color=NAVY)
    for i, bar in enumerate(bars):
        ax.annotate(bar["text"], (bar["value"], i), xytext=(5, 0), textcoords="offset points",
                    va="center", fontsize=12, fontweight="bold", color=NAVY)
    ax.set_yticks(range(len(bars)), [b["label"] for b in bars])
    ax.set_xlim(0, max(values) * 1.3)
    ax.xaxis.set_visible(False)
    ax.spines["bottom"].set_visible(False)


def _draw_growth(ax: Any, spec: dict[str, Any]) -> None:
    bars = list(reversed(spec["bars"]))
    values = [b["value"] for b in bars]
    ax.barh(range(len(bars)), values, height=0.55, color=[TEAL if v >= 0 else GREY
                                                          for v in values])
    for i, bar in enumerate(bars):
        ax.annotate(bar["text"], (bar["value"], i), xytext=(5 if bar["value"] >= 0 else -5, 0),
                    textcoords="offset points", va="center",
                    ha="left" if bar["value"] >= 0 else "right",
                    fontsize=12, fontweight="bold", color=NAVY)
    ax.set_yticks(range(len(bars)), [b["label"] for b in bars], fontsize=10)
    low = min(0.0, min(values))
    ax.set_xlim(low * 1.3, max(0.0, max(values)) * 1.35)
    ax.axvline(0, color=GREY, linewidth=0.8)
    ax.xaxis.set_visible(False)
    ax.spines["bottom"].set_visible(False)
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)


def _draw_timeline(ax: Any, spec: dict[str, Any]) -> None:
    events = spec["events"]
    ax.set_xlim(0, 12)
    ax.set_ylim(-1.6, 1.6)
    ax.axhline(0, color=GREY, linewidth=1.2, zorder=1)
    for i, name in enumerate(spec["months"]):
        ax.text(i + 0.5, -0.22, name, ha="center", va="top", fontsize=9, color=GREY)
        ax.plot([i, i], [-0.06, 0.06], color=GREY, linewidth=0.8)
    for i, ev in enumerate(events):
        up = i % 2 == 0
        y = 0.95 if up else -0.95
        mid = (ev["start"] + ev["end"]) / 2
        ax.plot([ev["start"], ev["end"]], [0, 0], color=TEAL, linewidth=7,
                solid_capstyle="butt", zorder=2)
        ax.plot([mid, mid], [0, y * 0.72], color=TEAL, linewidth=0.8, zorder=1)
        # Keep labels inside the axis: anchor them left or right near the edges.
        ha = "left" if mid < 2.5 else ("right" if mid > 9.5 else "center")
        ax.text(mid, y, f"{ev['label']}\n{ev['when']}", ha=ha, va="bottom" if up else "top",
                fontsize=10, color=NAVY, fontweight="bold", linespacing=1.25, wrap=True)
    ax.axis("off")
