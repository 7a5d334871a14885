"""Chart pictures: each chart spec drawn once (render/chart_figure.py) as PNG, cached between
builds, many of them in worker processes, a build's few in a process of its own meanwhile."""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict
from importlib import metadata
from pathlib import Path

from PIL import Image  # matplotlib's own dependency

from reportgen.render.chart_figure import DPI, FONTS, HEIGHT_IN, WIDTH_IN, draw_figure
from reportgen.render.fonts import fonts_key, require_glyphs
from reportgen.report.charts import ChartSpec

log = logging.getLogger(__name__)

STYLE_VERSION = "5"  # bump when the house theme changes, so cached charts are redrawn
PER_WORKER = 6  # charts to draw for each worker process beyond the first to pay off


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
    import multiprocessing  # deferred: only when pictures are drawn

    import matplotlib.pyplot  # noqa: F401 (imported before the fork, so never in a worker)

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    workers = min(cores or 1, len(specs) // PER_WORKER)
    if (workers < 2 or "fork" not in multiprocessing.get_all_start_methods()
            or multiprocessing.current_process().name != "MainProcess"):
        return [_draw(spec) for spec in specs]
    from concurrent.futures import ProcessPoolExecutor  # deferred: as multiprocessing

    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(_draw, specs, chunksize=max(1, len(specs) // (4 * workers))))


def _texts(value: object) -> list[str]:
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
    import matplotlib.pyplot as plt  # deferred: matplotlib, only when a chart is drawn

    fig = draw_figure(spec)
    try:
        buf = io.BytesIO()
        # No timestamp or software tag: the same chart gives the same bytes.
        fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
    finally:
        plt.close(fig)
    return buf.getvalue()
