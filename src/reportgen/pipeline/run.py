"""Running planned builds (plan.py): one after another or in --jobs worker processes, each
process with one LibreOffice shared by its builds, each build's output captured to be printed
whole; and the results and staleness of several builds merged into one. The CLI and the
Python API (reportgen/__init__.py) both run their builds through here."""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Protocol

from reportgen.pipeline import build as one
from reportgen.pipeline.build import BuildOptions, BuildResult, Step
from reportgen.pipeline.manifest import Staleness
from reportgen.pipeline.plan import label

if TYPE_CHECKING:
    from concurrent.futures import Future

    from reportgen.render.office import Office

# A build as a batch runs it: prints what it has to say and answers whether it succeeded. For
# --jobs it is sent to worker processes, so a function of a module (or a functools.partial).
Job = Callable[[BuildOptions, Step | None], bool]

# What a build imports: loaded once by the server that forks the --jobs workers (with the
# module of the job).
PRELOAD = ["reportgen.pipeline.run", "reportgen.dataset.loading", "reportgen.report.narrative",
           "reportgen.render.chart_pictures", "reportgen.docx.writer", "reportgen.docx.layout",
           "reportgen.pptx.writer", "reportgen.audit", "reportgen.render.office"]

# The LibreOffice that the builds of this process share (a batch's, or a --jobs worker's), or
# None: each build starts its own. One start per batch or worker instead of one per build.
_office: Office | None = None


class Progress(Protocol):
    """What a batch tells its progress bar: each step, and each build as it ends."""

    shown: bool

    def step(self, text: str) -> None: ...

    def done(self, label: str, ok: bool) -> None: ...


@contextlib.contextmanager
def one_office() -> Iterator[Office | None]:
    """One LibreOffice for the builds of this block, started by the first build that needs it
    and stopped when the block ends (None where LibreOffice is not installed)."""
    from reportgen.render.pdf import find_soffice, start_office  # deferred: not on --help

    if find_soffice() is None:
        yield None
        return
    with contextlib.closing(start_office()) as office:
        yield office


@contextlib.contextmanager
def shared_office() -> Iterator[None]:
    """The builds this process makes inside the block (`build` below) share one LibreOffice."""
    global _office
    with one_office() as office:
        _office = office
        try:
            yield
        finally:
            _office = None


def build(options: BuildOptions, step: Step = lambda _: None) -> BuildResult:
    """One build, with this process's shared LibreOffice when there is one."""
    return one.build(options, step, _office)


def build_all(builds: Sequence[BuildOptions], force: bool = False) -> BuildResult:
    """Build each of these that is not up to date (each one with force), sharing a LibreOffice
    when more than one is built; one result for all (up to date when none was built). The
    LibreOffice is handed to each build, not shared through the process, so that threads may
    each call this at once."""
    todo = [options for options in builds if force or not one.staleness(options).up_to_date]
    merged = BuildResult(up_to_date=not todo)
    with one_office() if len(todo) > 1 else contextlib.nullcontext() as office:
        for options in todo:
            result = one.build(options, office=office)
            merged.written.extend(result.written)
            merged.changes.extend(result.changes)
            merged.warnings.extend(result.warnings)
    return merged


def check_all(builds: Sequence[BuildOptions]) -> Staleness:
    """Why the outputs of these builds are not up to date, all together; reads hashes only."""
    merged = Staleness()
    for options in builds:
        found = one.staleness(options)
        merged.missing.extend(found.missing)
        merged.modified.extend(found.modified)
        merged.inputs.extend(found.inputs)
    return merged


def run(batch: Sequence[BuildOptions], job: Job, progress: Progress, jobs: int | None = None,
        share_office: bool = True) -> list[str]:
    """Run the job on every build of the batch, in `jobs` worker processes (default: one per
    core) when there are several; the labels of the builds that failed, the others built
    whatever happens to them. Without share_office (a check), no LibreOffice is started."""
    workers = min(jobs or os.cpu_count() or 1, len(batch))
    if workers > 1:
        return _parallel(batch, job, workers, progress)
    shared = len(batch) > 1 and share_office
    with shared_office() if shared else contextlib.nullcontext():
        return [label(options) for options in batch if not _serial(job, options, progress)]


def _serial(job: Job, options: BuildOptions, progress: Progress) -> bool:
    """The job in a batch built one at a time; under a progress bar, its lines are printed whole
    above the bar, and the bar shows its steps."""
    if not progress.shown:
        return job(options, None)
    progress.step(f"building {label(options)}")
    ok, out, err = _captured(job, options, progress.step)
    sys.stdout.write(out)
    sys.stderr.write(err)
    progress.done(label(options), ok)
    return ok


def _no_step(_: str) -> None:
    """Steps shown nowhere: no spinner in what is kept to be printed whole."""


def _captured(job: Job, options: BuildOptions, step: Step = _no_step) -> tuple[bool, str, str]:
    """The job in a worker process (or under a progress bar), its output kept to be printed
    whole by the parent."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        ok = job(options, step)
    return ok, out.getvalue(), err.getvalue()


def _start_worker() -> None:
    """A --jobs worker process: one LibreOffice for every build it makes, stopped (with its
    profile) when the worker exits; if the worker is killed, LibreOffice sees it and stops."""
    from multiprocessing.util import Finalize  # deferred, as the pool below

    lifetime = contextlib.ExitStack()
    lifetime.enter_context(shared_office())
    Finalize(None, lifetime.close, exitpriority=10)


def _parallel(batch: Sequence[BuildOptions], job: Job, workers: int,
              progress: Progress) -> list[str]:
    """Builds in parallel processes; each one's messages printed whole, in order. The bar
    counts each build as it ends, whichever ends first."""
    import multiprocessing  # deferred, as the pool: only a batch with --jobs pays for them
    from concurrent.futures import ProcessPoolExecutor

    context = None
    if "forkserver" in multiprocessing.get_all_start_methods():
        # The workers are forked from a server that has imported what a build needs, once.
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([getattr(job, "func", job).__module__, *PRELOAD])

    def counted(name: str) -> Callable[[Future[tuple[bool, str, str]]], None]:
        return lambda future: progress.done(name, not future.exception() and future.result()[0])

    failed = []
    progress.step(f"building, {workers} at once")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                             initializer=_start_worker) as pool:
        futures = [pool.submit(_captured, job, options) for options in batch]
        for options, future in zip(batch, futures, strict=True):
            future.add_done_callback(counted(label(options)))
        for options, future in zip(batch, futures, strict=True):
            try:
                ok, out, err = future.result()
            except Exception as exc:  # noqa: BLE001 (a worker that died: that dataset failed)
                ok, out, err = False, "", f"{options.name}: the build stopped: {exc!r}\n"
            sys.stdout.write(out)
            sys.stderr.write(err)
            if not ok:
                failed.append(label(options))
    return failed
