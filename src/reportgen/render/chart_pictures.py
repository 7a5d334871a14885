"""Chart pictures: each chart spec drawn once with matplotlib, in one house theme, as PNG."""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from PIL import Image  # matplotlib's own dependency

from reportgen.render.fonts import EAST_ASIAN, INSTALLED, fonts_key, installed, require_glyphs
from reportgen.render.text_measure import LINE_HEIGHT, break_lines, text_width
from reportgen.report.charts import Bar, ChartSpec, Mark

log = logging.getLogger(__name__)

# One size for both documents: 16 cm wide in the briefing, about 18 cm on a slide.
WIDTH_IN, HEIGHT_IN, DPI = 6.4, 3.4, 200
NAVY, TEAL, GREY, LIGHT = "#1F3864", "#2E75B6", "#595959", "#BDD7EE"
# The house font, then fallbacks matplotlib takes a missing glyph from (CJK from the last).
# A falling figure's bar: lighter than the teal of a rising one, so that the two differ in
# greyscale too (grey levels 140 against 103), yet 3.4:1 against white (WCAG 1.4.11).
NEGATIVE = "#8C8C8C"
FONTS = ["Carlito", "Calibri", "DejaVu Sans", EAST_ASIAN, INSTALLED.format(EAST_ASIAN)]
STYLE_VERSION = "5"  # bump when the house theme changes, so cached charts are redrawn
LINE_TICKS = 5  # periods named along a long series' line
PER_WORKER = 6  # charts to draw for each worker process beyond the first to pay off
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


def render_charts(specs: Sequence[ChartSpec], cache_dir: Path | None = None
                  ) -> dict[str, bytes]:
    """The picture of each chart spec, by chart id: drawn once, or a cached image where its
    inputs are unchanged."""
    pngs, cached, missing = _from_cache_all(specs, cache_dir)
    drawn = _draw_all([specs[n] for n in missing])
    return _with_drawn(specs, pngs, cached, dict(zip(missing, drawn, strict=True)))


def _from_cache_all(specs: Sequence[ChartSpec], cache_dir: Path | None
                    ) -> tuple[dict[int, bytes], dict[int, Path], list[int]]:
    """Each spec's picture found in the cache (by its number), where each would be cached, and
    the numbers of those to draw."""
    pngs: dict[int, bytes] = {}
    cached: dict[int, Path] = {}
    for number, spec in enumerate(specs):
        require_glyphs(_texts(asdict(spec)), FONTS, f"chart '{spec.id}'")
        key_data = {"spec": asdict(spec), "style": STYLE_VERSION, "renderer": _renderer(),
                    "size": [WIDTH_IN, HEIGHT_IN, DPI], "fonts": fonts_key(tuple(FONTS))}
        key = hashlib.sha256(json.dumps(key_data, sort_keys=True).encode()).hexdigest()[:24]
        if cache_dir:
            cached[number] = cache_dir / f"{key}.png"
            png = _from_cache(cached[number])
            if png is not None:
                log.debug("chart %s from cache", spec.id)
                pngs[number] = png
    return pngs, cached, [number for number in range(len(specs)) if number not in pngs]


def _with_drawn(specs: Sequence[ChartSpec], pngs: dict[int, bytes], cached: dict[int, Path],
                drawn: dict[int, bytes]) -> dict[str, bytes]:
    """The pictures by chart id, those drawn now kept in the cache."""
    for number, png in drawn.items():
        if number in cached:
            _to_cache(cached[number], png)
        log.debug("chart %s drawn", specs[number].id)
        pngs[number] = png
    return {spec.id: pngs[number] for number, spec in enumerate(specs)}


class Drawing(Mapping[str, bytes]):
    """Chart pictures by chart id, some still being drawn in a process of their own: reading
    one of those waits for them (knowing which there are does not). close() stops the drawing
    if it is still running."""

    def __init__(self, ids: list[str], done: Callable[[], dict[str, bytes]],
                 close: Callable[[], None]) -> None:
        self._ids, self._done, self._close = ids, done, close
        self._pictures: dict[str, bytes] | None = None

    def __getitem__(self, chart_id: str) -> bytes:
        if self._pictures is None:
            self._pictures = self._done()
        return self._pictures[chart_id]

    def __contains__(self, chart_id: object) -> bool:
        return chart_id in self._ids

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def close(self) -> None:
        self._close()


def draw_meanwhile(specs: Sequence[ChartSpec], cache_dir: Path | None = None
                   ) -> Mapping[str, bytes]:
    """As render_charts, but the pictures that are not cached are drawn in a forked process
    while the caller goes on (matplotlib is imported there, not here), so that the briefing is
    written on one core as they are drawn on the other: the build's first use of one waits for
    it. Many of them are drawn by render_charts' workers; without fork (or in a batch's worker
    process), here and now."""
    import multiprocessing  # deferred: only when a picture is drawn

    pngs, cached, missing = _from_cache_all(specs, cache_dir)
    if not missing or len(missing) >= 2 * PER_WORKER \
            or "fork" not in multiprocessing.get_all_start_methods() \
            or multiprocessing.current_process().name != "MainProcess":
        drawn = _draw_all([specs[n] for n in missing])
        return _with_drawn(specs, pngs, cached, dict(zip(missing, drawn, strict=True)))
    from concurrent.futures import ProcessPoolExecutor  # deferred: as multiprocessing

    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
    future = pool.submit(_draw_each, [specs[n] for n in missing])

    def done() -> dict[str, bytes]:
        try:
            drawn = future.result()
        finally:
            pool.shutdown()
        return _with_drawn(specs, pngs, cached, dict(zip(missing, drawn, strict=True)))

    def close() -> None:
        pool.shutdown(cancel_futures=True)

    return Drawing([spec.id for spec in specs], done, close)


def _draw_each(specs: list[ChartSpec]) -> list[bytes]:
    return [_draw(spec) for spec in specs]


def picture(spec: ChartSpec, pictures: Mapping[str, bytes] | None) -> bytes:
    """A chart's picture: the one drawn for the build (pictures, by chart id), else drawn now
    (a writer called on its own, as the tests do)."""
    if pictures is not None and spec.id in pictures:
        return pictures[spec.id]
    return render_charts([spec])[spec.id]


def _draw_all(specs: list[ChartSpec]) -> list[bytes]:
    """The pictures of these specs, in their order: drawn in worker processes when there are
    many and cores to spare, else here. Forked after matplotlib is imported, a worker starts at
    once; a build that is itself one of a batch's worker processes draws its own charts."""
    if not specs:
        return []
    import multiprocessing

    import matplotlib.pyplot  # noqa: F401 (imported before the fork, so never in a worker)

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    workers = min(cores or 1, len(specs) // PER_WORKER)
    if (workers < 2 or "fork" not in multiprocessing.get_all_start_methods()
            or multiprocessing.current_process().name != "MainProcess"):
        return [_draw(spec) for spec in specs]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(_draw, specs, chunksize=max(1, len(specs) // (4 * workers))))


def _texts(value: Any) -> list[str]:
    """Every string of a chart spec: what the picture may show."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    if isinstance(value, list | tuple):
        return [t for v in value for t in _texts(v)]
    return []


def _from_cache(cached: Path) -> bytes | None:
    """A cached picture, or None when it is missing or unreadable: a cache is disposable, so a
    corrupt entry is drawn again, never an error."""
    try:
        png = cached.read_bytes()
        with Image.open(io.BytesIO(png)) as image:
            image.verify()
    except Exception:  # noqa: BLE001 (whatever is wrong with a cache entry, draw it again)
        log.debug("chart cache entry %s unreadable: drawn again", cached)
        return None
    return png


def _to_cache(cached: Path, png: bytes) -> None:
    """Keep a picture for the next build, if the cache folder can hold it (else go on without)."""
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_name(f".{cached.name}.{os.getpid()}.tmp")
        tmp.write_bytes(png)
        tmp.replace(cached)
    except OSError as exc:
        log.warning("chart cache %s not written (%s); charts are drawn each build",
                    cached.parent, exc.strerror or exc)


def _renderer() -> str:
    """The matplotlib version, read without importing it: another version draws other pixels."""
    return metadata.version("matplotlib")


def _draw(spec: ChartSpec) -> bytes:
    import matplotlib.pyplot as plt

    fig = draw_figure(spec)
    try:
        buf = io.BytesIO()
        # No timestamp or software tag: the same chart gives the same bytes.
        fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
    finally:
        plt.close(fig)
    return buf.getvalue()


def draw_figure(spec: ChartSpec) -> Any:
    """The chart as a laid-out matplotlib figure, in the house theme; the caller closes it."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

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


def _draw_line(ax: Any, spec: ChartSpec, family: str) -> None:
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


def _draw_timeline(ax: Any, spec: ChartSpec, family: str) -> None:
    labels = timeline_layout(spec, family)
    # The picture grows by the rows that do not fit into its usual height, at the same scale.
    reach = {side: max((_base(side) + p.offset + p.height + TIMELINE_MARGIN_PT
                        for p in labels if p.up == side), default=0.0) for side in (True, False)}
    grow = {side: max(reach[side] - _ROOM_PT, 0.0) for side in (True, False)}
    if grow[True] or grow[False]:
        ax.figure.set_size_inches(WIDTH_IN, HEIGHT_IN + (grow[True] + grow[False]) / 72)
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
