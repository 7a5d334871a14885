"""One chart spec drawn as a matplotlib figure in the house theme: its size, colours and fonts,
its bars, line or timeline, each label measured before it is placed. render/chart_pictures.py
turns the figures into cached PNG pictures."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from reportgen.render.fonts import EAST_ASIAN, INSTALLED, installed
from reportgen.render.text_measure import LINE_HEIGHT, break_lines, text_width
from reportgen.report.charts import Bar, ChartSpec, Mark

if TYPE_CHECKING:  # matplotlib is imported only when a chart is drawn
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

# One size for both documents: 16 cm wide in the briefing, about 18 cm on a slide.
WIDTH_IN, HEIGHT_IN, DPI = 6.4, 3.4, 200
NAVY, TEAL, GREY, LIGHT = "#1F3864", "#2E75B6", "#595959", "#BDD7EE"
# The house font, then fallbacks matplotlib takes a missing glyph from (CJK from the last).
# A falling figure's bar: lighter than the teal of a rising one, so that the two differ in
# greyscale too (grey levels 140 against 103), yet 3.4:1 against white (WCAG 1.4.11).
NEGATIVE = "#8C8C8C"
FONTS = ["Carlito", "Calibri", "DejaVu Sans", EAST_ASIAN, INSTALLED.format(EAST_ASIAN)]
LINE_TICKS = 5  # periods named along a long series' line
LABEL_SHARE = 0.38  # of the width, for the labels beside horizontal bars
# A timeline label may take this many months of the axis, in at most this many lines.
TIMELINE_LABEL_MONTHS, TIMELINE_LABEL_LINES = 3.6, 5
TIMELINE_SIZE, TIMELINE_SPACING = 10, 1.25  # points, and line height as a multiple of the size
# The timeline's y-axis runs from -TIMELINE_Y to TIMELINE_Y; the first row of labels starts at
# TIMELINE_ABOVE above the line and TIMELINE_BELOW below it (under the month names).
TIMELINE_Y, TIMELINE_ABOVE, TIMELINE_BELOW = 1.6, 0.5, 0.62
TIMELINE_GAP_PT = 4.0      # between two labels' boxes, across and along the axis
TIMELINE_MARGIN_PT = 6.0   # kept between the outermost label and the picture's edge
# tight_layout leaves this much around the axes (1.08 × the font size); the axes fill the rest,
# so a point is this many months across and this many units up.
_PAD_PT = 1.08 * 11
_PT_PER_MONTH = (WIDTH_IN * 72 - 2 * _PAD_PT) / 12
_PT_PER_UNIT = (HEIGHT_IN * 72 - 2 * _PAD_PT) / (2 * TIMELINE_Y)
_ROOM_PT = TIMELINE_Y * _PT_PER_UNIT  # from the line to either edge of the usual picture


def _theme() -> dict[str, Any]:
    family = installed(FONTS) or ["DejaVu Sans"]
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


def draw_figure(spec: ChartSpec) -> Figure:
    """The chart as a laid-out matplotlib figure, in the house theme; the caller closes it."""
    import matplotlib  # deferred: only when a chart is drawn

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt  # deferred: after the backend is chosen

    theme: Any = _theme()
    with plt.rc_context(theme):
        fig, ax = plt.subplots(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI)
        try:
            draw = _draw_line if spec.line else {
                "comparison": _draw_comparison, "series": _draw_comparison, "bars": _draw_bars,
                "growth": _draw_growth, "timeline": _draw_timeline}[spec.kind]
            draw(ax, spec, theme["font.family"][0])
            fig.tight_layout()
        except BaseException:
            plt.close(fig)
            raise
    return fig


# Colour of each tone (ChartSpec.tone); the native deck charts map the same tones to the theme.
_TONES: dict[str, dict[str, Any]] = {
    "estimate": {"color": LIGHT, "edgecolor": TEAL, "hatch": "///", "linewidth": 0.8},
    "main": {"color": NAVY},
    "accent": {"color": TEAL},
    "negative": {"color": NEGATIVE},
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


def _draw_comparison(ax: Axes, spec: ChartSpec, family: str) -> None:
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


def _draw_line(ax: Axes, spec: ChartSpec, family: str) -> None:
    """A long series: one line, its first and last values written, a few periods along it."""
    bars = spec.bars
    ax.plot(range(len(bars)), [b.value for b in bars], color=NAVY, linewidth=1.5)
    for i, ha in zip(spec.labelled, ("left", "right"), strict=True):
        ax.annotate(bars[i].text, (i, bars[i].value), xytext=(0, 6), textcoords="offset points",
                    ha=ha, va="bottom", fontsize=12, fontweight="bold", color=NAVY)
    ticks = sorted({round(i * (len(bars) - 1) / (LINE_TICKS - 1)) for i in range(LINE_TICKS)})
    ax.set_xticks(ticks, [" ".join(bars[i].label) for i in ticks], fontsize=11)
    low, high = min(b.value for b in bars), max(b.value for b in bars)
    ax.set_ylim(min(0.0, low), max(0.0, high) * 1.22 or 1.0)
    ax.set_xlim(-0.5, len(bars) - 0.5)
    ax.yaxis.set_visible(False)
    ax.spines["left"].set_visible(False)


def _draw_bars(ax: Axes, spec: ChartSpec, family: str) -> None:
    bars = list(reversed(spec.bars))
    for i, bar in enumerate(bars):
        ax.barh(i, bar.value, height=0.55, **_TONES[spec.tone(bar)])
        ax.annotate(bar.text, (bar.value, i), xytext=(5, 0), textcoords="offset points",
                    va="center", fontsize=12, fontweight="bold", color=NAVY)
    ax.set_yticks(range(len(bars)), _labels(spec, bars, 11, family))
    ax.set_xlim(*value_limits(spec, _plot_width(), 12, family))
    ax.xaxis.set_visible(False)
    ax.spines["bottom"].set_visible(False)


def _draw_growth(ax: Axes, spec: ChartSpec, family: str) -> None:
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


@dataclass(frozen=True)
class TimelineLabel:
    """Where one event's label sits: its lines, its side of the axis line, and its box.

    Horizontal positions are in months (the axis' own units); vertical ones in points from the
    axis line, outwards on the label's side, so that a box is measured with the real font
    metrics before anything is drawn.
    """

    mark: Mark
    lines: tuple[str, ...]
    ha: str         # anchored left, right or centre on the event's middle
    up: bool        # above the line (True) or below
    left: float     # months
    right: float    # months
    offset: float   # points from the side's first row to the box's edge nearest the line
    height: float   # points

    @property
    def mid(self) -> float:
        return (self.mark.start + self.mark.end) / 2


def timeline_layout(spec: ChartSpec, family: str) -> list[TimelineLabel]:
    """Every label of the timeline, in rows above and below the line, no two boxes overlapping.

    Labels alternate sides; a label that would run into one already placed on its side goes to
    the other side, and where both are taken, to the nearest free row on the side that grows
    the picture least. Boxes are measured as drawn: each line's width with the real metrics,
    TIMELINE_SIZE × TIMELINE_SPACING points per line.
    """
    width_pt = WIDTH_IN * 72 * 0.9 * TIMELINE_LABEL_MONTHS / 12
    half = TIMELINE_LABEL_MONTHS / 2
    placed: list[TimelineLabel] = []
    for i, ev in enumerate(spec.events):
        mid = (ev.start + ev.end) / 2
        lines = tuple(break_lines((ev.label, ev.when), TIMELINE_SIZE, width_pt, family,
                                  TIMELINE_LABEL_LINES, bold=True))
        # Keep labels inside the axis: anchor them left or right near the edges.
        ha = "left" if mid < half else ("right" if mid > 12 - half else "center")
        width = max(text_width(line, TIMELINE_SIZE, family, bold=True)
                    for line in lines) / _PT_PER_MONTH
        left = {"left": mid, "right": mid - width, "center": mid - width / 2}[ha]
        height = len(lines) * TIMELINE_SIZE * TIMELINE_SPACING

        preferred = i % 2 == 0
        offsets = {side: _lowest_row(placed, side, left, left + width, height)
                   for side in (preferred, not preferred)}
        if offsets[preferred] == 0:
            up = preferred
        elif offsets[not preferred] == 0:
            up = not preferred
        else:  # both sides taken: the side whose room the label overflows least
            up = min((preferred, not preferred), key=lambda side: (
                max(_base(side) + offsets[side] + height - _ROOM_PT, 0.0), offsets[side]))
        placed.append(TimelineLabel(ev, lines, ha, up, left, left + width, offsets[up], height))
    return placed


def _lowest_row(placed: list[TimelineLabel], up: bool, left: float, right: float,
                height: float) -> float:
    """The lowest row on one side where a box runs into no label already placed there."""
    gap_x = TIMELINE_GAP_PT / _PT_PER_MONTH
    beside = [p for p in placed if p.up == up and p.left < right + gap_x and left < p.right + gap_x]
    rows = sorted({0.0, *(p.offset + p.height + TIMELINE_GAP_PT for p in beside)})
    # The row just beyond the outermost label is always free, so one of them fits.
    return next(row for row in rows if all(
        row + height + TIMELINE_GAP_PT <= p.offset or p.offset + p.height + TIMELINE_GAP_PT <= row
        for p in beside))


def _base(up: bool) -> float:
    """Points from the axis line to the first row of labels above (True) or below it."""
    return (TIMELINE_ABOVE if up else TIMELINE_BELOW) * _PT_PER_UNIT


def _draw_timeline(ax: Axes, spec: ChartSpec, family: str) -> None:
    labels = timeline_layout(spec, family)
    # The picture grows by the rows that do not fit into its usual height, at the same scale.
    reach = {side: max((_base(side) + p.offset + p.height + TIMELINE_MARGIN_PT
                        for p in labels if p.up == side), default=0.0) for side in (True, False)}
    grow = {side: max(reach[side] - _ROOM_PT, 0.0) for side in (True, False)}
    if grow[True] or grow[False]:
        cast("Figure", ax.figure).set_size_inches(  # an Axes of a Figure, not a SubFigure
            WIDTH_IN, HEIGHT_IN + (grow[True] + grow[False]) / 72)
    ax.set_xlim(0, 12)
    ax.set_ylim(-TIMELINE_Y - grow[False] / _PT_PER_UNIT, TIMELINE_Y + grow[True] / _PT_PER_UNIT)
    ax.axhline(0, color=GREY, linewidth=1.2, zorder=1)
    for i, name in enumerate(spec.months):
        ax.text(i + 0.5, -0.22, name, ha="center", va="top", fontsize=9, color=GREY)
        ax.plot([i, i], [-0.06, 0.06], color=GREY, linewidth=0.8)
    for label in labels:
        ev, mid, sign = label.mark, label.mid, 1 if label.up else -1
        base = TIMELINE_ABOVE if label.up else -TIMELINE_BELOW
        y = base + sign * label.offset / _PT_PER_UNIT
        # A leader that passes behind a nearer label is hidden by that label's background.
        crossed = any(o.up == label.up and o.offset > label.offset
                      and label.left <= o.mid <= label.right for o in labels)
        background = ({"bbox": {"boxstyle": "square,pad=0.1", "facecolor": "white",
                                "edgecolor": "none"}} if crossed else {})
        ax.plot([ev.start, ev.end], [0, 0], color=TEAL, linewidth=7,
                solid_capstyle="butt", zorder=2)
        # The first row's leader stops short of its label; a further row's reaches its label,
        # showing in the gaps between the labels it passes behind.
        end = y - base * 0.15 if not label.offset else y - sign * 1.5 / _PT_PER_UNIT
        ax.plot([mid, mid], [0, end], color=TEAL, linewidth=0.8, zorder=1)
        ax.text(mid, y, "\n".join(label.lines), ha=label.ha, va="bottom" if label.up else "top",
                fontsize=TIMELINE_SIZE, color=NAVY, fontweight="bold",
                linespacing=TIMELINE_SPACING, **background)
    ax.axis("off")
