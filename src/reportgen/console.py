"""What the command line prints: errors and warnings, each build's lines, a batch's progress bar,
what `diff` compares.

With cli.py, the only module that prints; a build's lines are printed by `build_job`, which a
batch (pipeline/run.py) runs in this process or in its --jobs workers.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from reportgen.errors import OutputError, Problem, ProblemsError, ReportgenError
from reportgen.pipeline import run
from reportgen.pipeline.build import staleness
from reportgen.pipeline.plan import label

EXIT_PROBLEMS = 1  # data or template problems; click itself exits 2 on usage errors

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID

    from reportgen.pipeline.build import BuildOptions, BuildResult, Step
    from reportgen.pipeline.manifest import Staleness
    from reportgen.pipeline.pages import Label, PageChange
    from reportgen.pipeline.redline import RedlineResult


def console(stderr: bool = True) -> Console:
    from rich.console import Console  # deferred: rich, only when something is printed

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def report_error(exc: ReportgenError, writes: bool = True) -> None:
    """Every problem on its own line, then how many (and that nothing was written)."""
    out = console()
    if isinstance(exc, ProblemsError):
        noun = "problem" if len(exc.problems) == 1 else "problems"
        for problem in exc.problems:
            out.print(str(problem), markup=False)
        after = " — nothing was written." if writes else ""
        out.print(f"[bold red]{len(exc.problems)} {exc.kind} {noun}[/]{after}")
    elif isinstance(exc, OutputError):
        out.print(f"[bold red]error:[/] {exc}")
    else:
        out.print(f"[bold red]error:[/] {exc}")


def warn(warnings: list[Problem]) -> None:
    if warnings:
        out = console()
        for problem in warnings:
            out.print(str(problem), markup=False)


def setup_logging(verbose: int, quiet: bool) -> None:
    level = logging.WARNING if quiet else (logging.DEBUG if verbose > 1 else
                                           logging.INFO if verbose else logging.WARNING)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


def edition_name(options: BuildOptions) -> str:
    """The output folder, and the edition where it is not the dataset's own language."""
    return f"{options.folder} ({options.edition})" if options.edition else str(options.folder)


def build_job(options: BuildOptions, step: Step | None, *, quiet: bool, check_only: bool,
              force: bool) -> bool:
    """Check or build one edition of a dataset and print what came of it; False when it failed
    or (check_only) is stale. A batch's job (pipeline/run.py), with the CLI's options bound.

    `step` is told each step of the build (a batch's progress bar); without it, a spinner shows
    them on a terminal.
    """
    try:
        stale = staleness(options)
    except ReportgenError as exc:
        report_error(exc)
        return False
    if check_only:
        return _stale(options, stale)
    if stale.up_to_date and not force:
        if not quiet:
            click.echo(f"{edition_name(options)}: up to date")
        return True
    try:
        result = _build(options, step, quiet)
    except ReportgenError as exc:
        report_error(exc)
        return False
    warn(result.warnings)
    if not quiet:
        for path in result.written:
            click.echo(f"wrote {path}")
        for line in result.changes:
            click.echo(f"  {line}")
    return True


def _stale(options: BuildOptions, stale: Staleness) -> bool:
    """`build --check`: whether the outputs are up to date, and if not why not."""
    if stale.up_to_date:
        click.echo(f"{edition_name(options)}: up to date")
        return True
    for title, items in (("missing", stale.missing), ("modified since built", stale.modified),
                         ("input changed", stale.inputs)):
        for item in items:
            click.echo(f"{title}: {item}")
    return False


def _build(options: BuildOptions, step: Step | None, quiet: bool) -> BuildResult:
    """The build, its steps told to `step`, else to a spinner on a terminal (not when quiet)."""
    if step is not None:
        return run.build(options, lambda s: step(f"{label(options)}: {s}"))
    out = console()
    if quiet or not out.is_terminal:
        return run.build(options)
    with out.status(f"building {options.name}…") as status:
        return run.build(options, lambda s: status.update(f"{s}…"))


class Bar:
    """A batch's progress bar: builds done of all, time elapsed, the last build that failed.

    Shown only on a terminal and without --quiet; elsewhere (CI logs, pipes) it does nothing,
    so the output is the summary lines alone.
    """

    def __init__(self, progress: Progress | None = None, task: TaskID | None = None) -> None:
        self.progress, self.task, self.failed = progress, task, 0
        self.shown = progress is not None

    def step(self, text: str) -> None:
        if self.progress is not None and self.task is not None:
            self.progress.update(self.task, description=text)

    def done(self, label: str, ok: bool) -> None:
        if self.progress is None or self.task is None:
            return
        self.failed += not ok
        fields: dict[str, Any] = {} if ok else {
            "failed": f"failed: {label}" if self.failed == 1 else
            f"{self.failed} failed, the last: {label}"}
        self.progress.update(self.task, advance=1, **fields)
        if self.progress.tasks[0].finished:
            self.progress.update(self.task, description="built")


@contextlib.contextmanager
def progress(quiet: bool, total: int) -> Iterator[Bar]:
    """The bar of a batch (more than one build), for as long as the batch runs.

    Only when both stdout and stderr are a terminal: the lines printed meanwhile go above the
    bar, on its terminal, so `reportgen build --all > log` keeps them all in the log.
    """
    out = None if total < 2 or quiet else console()  # rich: not for one build
    if out is None or not (out.is_terminal and console(False).is_terminal):
        yield Bar()
        return
    # The bar draws on the terminal it was started on, never into a build's captured output
    # (rich otherwise writes to whatever sys.stderr is when it refreshes, and a frame drawn
    # into a capture came out after the summary).
    out.file = out.file
    # deferred: rich's progress bar, only for a batch on a terminal
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}", markup=False), BarColumn(),
                  MofNCompleteColumn(), TimeElapsedColumn(),
                  TextColumn("{task.fields[failed]}", style="bold red", markup=False),
                  console=out) as bar:
        yield Bar(bar, bar.add_task("building", total=total, failed=""))


@contextlib.contextmanager
def exits_on_error(writes: bool = True) -> Iterator[None]:
    """A ReportgenError raised in the block is reported (saying that nothing was written, when
    the command writes) and ends the command with exit code 1."""
    try:
        yield
    except ReportgenError as exc:
        report_error(exc, writes)
        sys.exit(EXIT_PROBLEMS)


def diff(editions: list[BuildOptions], before: Path | None, pages: Path | None,
         redline: Path | None, *, comments: bool, dpi: int, markdown: bool, quiet: bool) -> None:
    """`reportgen diff`: each edition's changes since the last build (as a Markdown pull-request
    body with `markdown`), with pictures of the pages that differ and a redline when asked;
    exits 1 when an edition has no previous build to compare with."""
    # deferred: the dataset's and the report's modules (pydantic, Babel, Jinja2), as below
    from reportgen.pipeline.build import diff as run_diff
    from reportgen.pipeline.changes import markdown as as_markdown

    several = len(editions) > 1
    for edition in editions:
        with exits_on_error(writes=False):
            found = run_diff(edition, before)
        if found is None:
            manifest = (before or edition.folder) / edition.manifest_name
            console().print(f"{manifest}: no previous build to compare with; run "
                            "reportgen build first", markup=False)
            sys.exit(EXIT_PROBLEMS)
        lines, catalog = found
        if several:
            click.echo(f"{edition.locale}:")
        # One folder of pictures per edition when several are compared.
        folder = pages / str(edition.locale) if pages and several else pages
        changed = _diff_pages(edition, folder, catalog, before, dpi) if folder else None
        target = (redline.with_suffix(f".{edition.locale}{redline.suffix}")
                  if redline and several else redline)
        red = _redline(edition, target, before, comments) if target else None
        if markdown:
            click.echo(as_markdown(lines, catalog), nl=False)
            if red is not None:
                click.echo("\n" + catalog("redline.link", file=red.path.name) + "\n", nl=False)
            if changed is not None:
                from reportgen.pipeline.pages import markdown as pages_markdown  # PIL, numpy

                click.echo("\n" + pages_markdown(changed, catalog), nl=False)
            continue
        for line in lines or [catalog("change.none")]:
            click.echo(line)
        if red is not None and not quiet:
            click.echo(f"wrote {red.path}: {red.revisions} tracked changes, {red.charts} charts "
                       f"redrawn, {red.comments} comments")
        if changed is not None and not quiet:
            click.echo(f"{len(changed)} pages and slides look different; pictures in {folder}/"
                       if changed else catalog("pages.none"))


def _redline(options: BuildOptions, target: Path, before: Path | None,
             comments: bool) -> RedlineResult:
    from reportgen.pipeline.redline import write_redline  # deferred: python-docx

    with exits_on_error():
        return write_redline(options, target, before, comments)


def _diff_pages(options: BuildOptions, folder: Path, catalog: Label, before: Path | None,
                dpi: int) -> list[PageChange]:
    from reportgen.pipeline.pages import diff_pages  # deferred: PIL, numpy

    with exits_on_error(writes=False):
        return diff_pages(options, folder, catalog, before, dpi)
