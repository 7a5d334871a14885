"""The command line: the only layer that prints, sets up logging and picks exit codes."""

from __future__ import annotations

import contextlib
import io
import logging
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import asdict, replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import click

from reportgen import __version__
from reportgen.config import ConfigError, load_settings
from reportgen.errors import LocaleError, OutputError, ProblemsError, ReportgenError

EXIT_PROBLEMS = 1  # data or template problems; click itself exits 2 on usage errors


def _console(stderr: bool = True) -> Any:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def _report_error(exc: ReportgenError, writes: bool = True) -> None:
    console = _console()
    if isinstance(exc, ProblemsError):
        noun = "problem" if len(exc.problems) == 1 else "problems"
        for problem in exc.problems:
            console.print(str(problem), markup=False)
        after = " — nothing was written." if writes else ""
        console.print(f"[bold red]{len(exc.problems)} {exc.kind} {noun}[/]{after}")
    elif isinstance(exc, OutputError):
        console.print(f"[bold red]error:[/] {exc}")
    else:
        console.print(f"[bold red]error:[/] {exc}")


def _warn(warnings: list[Any]) -> None:
    if warnings:
        console = _console()
        for problem in warnings:
            console.print(str(problem), markup=False)


def _setup_logging(verbose: int, quiet: bool) -> None:
    level = logging.WARNING if quiet else (logging.DEBUG if verbose > 1 else
                                           logging.INFO if verbose else logging.WARNING)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reportgen")
@click.option("-v", "--verbose", count=True, help="More detail (-vv for debug output).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors.")
@click.pass_context
def cli(ctx: click.Context, verbose: int, quiet: bool) -> None:
    """Turn a dataset folder into an annual briefing (.docx) and a slide deck (.pptx).

    \b
    Examples:
      reportgen validate
      reportgen build
      reportgen build --data data/my-briefing --format docx,pptx,pdf
    """
    _setup_logging(verbose, quiet)
    try:
        settings = load_settings()
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None
    ctx.obj = {"quiet": quiet, "config": asdict(settings)}


def _formats(value: str | None, config: dict[str, Any]) -> tuple[str, ...]:
    from reportgen.pipeline.build import FORMATS

    items = [f.strip() for f in value.split(",")] if value else list(config["formats"])
    unknown = [f for f in items if f not in FORMATS]
    if unknown or not items:
        raise click.BadParameter(f"unknown format {', '.join(unknown) or '(none)'}; "
                                 f"choose from {', '.join(FORMATS)}", param_hint="--format")
    return tuple(items)


def _options(config: dict[str, Any], data: Path | None, templates: Path | None,
             out: Path | None, formats: str | None) -> Any:
    from reportgen.pipeline.build import BuildOptions

    return BuildOptions(
        data=data or Path(config["data"]), templates=templates or Path(config["templates"]),
        out=out or Path(config["out"]), formats=_formats(formats, config),
        cache=Path(".cache") / "charts")


def _paths(func: Any) -> Any:
    for option in reversed([
        click.option("--data", type=click.Path(path_type=Path), help="Dataset folder."),
        click.option("--templates", type=click.Path(path_type=Path), help="Templates folder."),
        click.option("--out", type=click.Path(path_type=Path), help="Output folder."),
        click.option("--format", "formats", metavar="LIST",
                     help="Comma-separated: docx, pptx, pdf (default from reportgen.toml)."),
    ]):
        func = option(func)
    return func


def _dataset(func: Any) -> Any:
    """Every command that works on one dataset takes it the same way: DATASET or --data."""
    return click.argument("dataset", required=False, type=click.Path(path_type=Path))(func)


def _pick(dataset: Path | None, data: Path | None) -> Path | None:
    if dataset and data:
        raise click.UsageError("give the dataset either as an argument or with --data")
    return dataset or data


def _datasets(config: dict[str, Any]) -> list[Path]:
    """Every dataset folder (one holding briefing.yaml) under the datasets folder."""
    root = Path(config["datasets"])
    found = sorted(p.parent for p in root.glob("*/briefing.yaml"))
    if not found:
        raise click.UsageError(f"no dataset (a folder with briefing.yaml) under {root}/")
    return found


def _shard_option(ctx: click.Context, param: click.Parameter,
                  value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    from reportgen.pipeline.batch import parse_shard  # here: not on the no-op path

    try:
        return parse_shard(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), ctx, param) from None


@cli.command()
@_dataset
@_paths
@click.option("--all", "all_datasets", is_flag=True,
              help="Build every dataset under the datasets folder, each into OUT/NAME/.")
@click.option("--jobs", type=click.IntRange(min=1), metavar="N",
              help="With --all: datasets built at once, in parallel processes (default: the "
                   "number of cores).")
@click.option("--shard", "shard_of", metavar="I/N", callback=_shard_option,
              help="With --all: build only shard I of N (numbered from 1), each dataset "
                   "assigned by a hash of its folder name, so that N machines (a CI matrix) "
                   "share a batch and adding a dataset moves no other.")
@click.option("--check", "check_only", is_flag=True,
              help="Write nothing; exit 1 if any output is stale or missing.")
@click.option("--force", is_flag=True, help="Rebuild even when everything is up to date.")
@click.option("--strict", is_flag=True, help="Treat dataset warnings as errors.")
@click.option("--charts", type=click.Choice(["native", "image"]), default="native",
              show_default=True, help="Deck charts: native (editable in PowerPoint) or image "
                                      "(the briefing's pictures).")
@click.option("--locale", metavar="LANG",
              help="Edition: wording catalog and number formats (templates/locale/LANG.po), "
                   "or all for every catalog there; another language than the dataset's is "
                   "written as NAME-briefing.LANG.docx. Default: reportgen.toml, else the "
                   "dataset's language.")
@click.pass_context
def build(ctx: click.Context, dataset: Path | None, data: Path | None, templates: Path | None,
          out: Path | None, formats: str | None, all_datasets: bool, jobs: int | None,
          shard_of: tuple[int, int] | None, check_only: bool, force: bool, strict: bool,
          charts: str, locale: str | None) -> None:
    """Build the briefing and the deck of a dataset into the output folder.

    Everything is rendered in memory first; files are replaced only when all of them were made,
    so a failed build leaves the previous outputs untouched. When no input changed since the
    last build (see OUT/NAME/manifest.json), it says "up to date" and does nothing.

    \b
    Examples:
      reportgen build
      reportgen build data/my-briefing --format docx
      reportgen build --all
      reportgen build --all --jobs 2
      reportgen build --all --shard 1/3
      reportgen build --check
      reportgen build --data data/my-briefing --out review --format docx,pptx,pdf
      reportgen build --format pptx --charts image
      reportgen build data/my-briefing --locale az
      reportgen build data/my-briefing --locale all
    """
    config = ctx.obj["config"]
    data = _pick(dataset, data)
    if all_datasets and (dataset or data):
        raise click.UsageError("--all builds every dataset; do not name one as well")
    if shard_of and not all_datasets:
        raise click.UsageError("--shard goes with --all: it picks this machine's share of every "
                               "dataset under the datasets folder")
    folders = [*_sharded(ctx.obj, _datasets(config), shard_of)] if all_datasets else [data]
    batch = []
    for folder in folders:
        options = replace(_options(config, folder, templates, out, formats), strict=strict,
                          charts=charts)
        batch += _editions(options, locale or config["locale"] or None)
    workers = min(jobs or os.cpu_count() or 1, len(batch))
    with _progress(ctx.obj, len(batch)) as bar:
        if workers > 1:
            failed = _build_parallel(ctx.obj, batch, workers, check_only, force, bar)
        else:
            shared = len(batch) > 1 and not check_only
            with _one_office() if shared else contextlib.nullcontext():
                failed = [_build_label(o) for o in batch
                          if not _build_serial(ctx, o, check_only, force, bar)]
    if failed:
        if len(batch) > 1:
            _console().print(f"[bold red]{len(failed)} of {len(batch)} builds failed:[/] "
                             + ", ".join(failed), markup=True, highlight=False)
        sys.exit(EXIT_PROBLEMS)


def _sharded(obj: dict[str, Any], folders: list[Path],
             shard_of: tuple[int, int] | None) -> list[Path]:
    """The datasets of this machine's shard (all without --shard); says how many, unless quiet."""
    if shard_of is None:
        return folders
    from reportgen.pipeline.batch import shard

    index, count = shard_of
    chosen = shard(folders, index, count)
    if not obj["quiet"]:
        click.echo(f"shard {index}/{count}: {len(chosen)} of {len(folders)} datasets"
                   + ("" if chosen else "; nothing to build"))
    return chosen


class _Bar:
    """A batch's progress bar: builds done of all, time elapsed, the last build that failed.

    Shown only on a terminal and without --quiet; elsewhere (CI logs, pipes) it does nothing,
    so the output is the summary lines alone.
    """

    def __init__(self, progress: Any = None, task: Any = None) -> None:
        self.progress, self.task, self.failed = progress, task, 0
        self.shown = progress is not None

    def step(self, text: str) -> None:
        if self.shown:
            self.progress.update(self.task, description=text)

    def done(self, label: str, ok: bool) -> None:
        if not self.shown:
            return
        self.failed += not ok
        fields = {} if ok else {"failed": f"failed: {label}" if self.failed == 1 else
                                f"{self.failed} failed, the last: {label}"}
        self.progress.update(self.task, advance=1, **fields)
        if self.progress.tasks[0].finished:
            self.progress.update(self.task, description="built")


@contextlib.contextmanager
def _progress(obj: dict[str, Any], total: int) -> Iterator[_Bar]:
    """The bar of a batch (more than one build), for as long as the batch runs.

    Only when both stdout and stderr are a terminal: the lines printed meanwhile go above the
    bar, on its terminal, so `reportgen build --all > log` keeps them all in the log.
    """
    console = None if total < 2 or obj["quiet"] else _console()  # rich: not for one build
    if console is None or not (console.is_terminal and _console(False).is_terminal):
        yield _Bar()
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}", markup=False), BarColumn(),
                  MofNCompleteColumn(), TimeElapsedColumn(),
                  TextColumn("{task.fields[failed]}", style="bold red", markup=False),
                  console=console) as progress:
        yield _Bar(progress, progress.add_task("building", total=total, failed=""))


def _editions(options: Any, locale: str | None) -> list[Any]:
    """The builds --locale asks for; a locale with no catalog is a usage error."""
    from reportgen.pipeline.build import editions

    try:
        return editions(options, locale)
    except LocaleError as exc:
        raise click.BadParameter(str(exc), param_hint="--locale") from None


def _build_label(options: Any) -> str:
    """The dataset's name, and the edition where it is not the dataset's own language."""
    return f"{options.name} ({options.edition})" if options.edition else str(options.name)


def _edition_name(options: Any) -> str:
    """The output folder, and the edition where it is not the dataset's own language."""
    return f"{options.folder} ({options.edition})" if options.edition else str(options.folder)


# What a build imports: loaded once by the server that forks the --jobs workers.
_PRELOAD = ["reportgen.cli", "reportgen.pipeline.build", "reportgen.dataset.loading",
            "reportgen.report.narrative", "reportgen.render.chart_pictures",
            "reportgen.docx.writer", "reportgen.docx.layout", "reportgen.pptx.writer",
            "reportgen.audit", "reportgen.render.office"]

# The LibreOffice that the builds of this process share (a batch's), or None: each build
# starts its own. One start per batch, or per --jobs worker, instead of one per build.
_shared_office: Any = None


@contextlib.contextmanager
def _one_office() -> Iterator[None]:
    """The builds inside this block share one LibreOffice, stopped when the block ends."""
    global _shared_office
    from reportgen.pipeline.build import batch_office

    with batch_office() as office:
        _shared_office = office
        try:
            yield
        finally:
            _shared_office = None


def _start_worker() -> None:
    """A --jobs worker process: one LibreOffice for every build it makes, stopped (with its
    profile) when the worker exits; if the worker is killed, LibreOffice sees it and stops."""
    from multiprocessing.util import Finalize

    lifetime = contextlib.ExitStack()
    lifetime.enter_context(_one_office())
    Finalize(None, lifetime.close, exitpriority=10)


def _build_serial(ctx: click.Context, options: Any, check_only: bool, force: bool,
                  bar: _Bar) -> bool:
    """_build_one in a batch built one at a time; under a progress bar, its lines are printed
    whole above the bar, and the bar shows its steps."""
    if not bar.shown:
        return _build_one(ctx, options, check_only, force)
    bar.step(f"building {_build_label(options)}")
    ok, out, err = _build_captured(ctx.obj, options, check_only, force, bar.step)
    sys.stdout.write(out)
    sys.stderr.write(err)
    bar.done(_build_label(options), ok)
    return ok


def _build_parallel(obj: dict[str, Any], batch: list[Any], workers: int, check_only: bool,
                    force: bool, bar: _Bar) -> list[str]:
    """Build datasets in parallel processes; each one's messages printed whole, in order.

    Returns the names of the datasets that failed; the others are built whatever happens to them.
    The bar counts each build as it ends, whichever ends first.
    """
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor

    context = None
    if "forkserver" in multiprocessing.get_all_start_methods():
        # The workers are forked from a server that has imported what a build needs, once.
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_PRELOAD)

    def counted(label: str) -> Callable[[Future[tuple[bool, str, str]]], None]:
        return lambda future: bar.done(label, not future.exception() and future.result()[0])

    failed = []
    bar.step(f"building, {workers} at once")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                             initializer=_start_worker) as pool:
        futures = [pool.submit(_build_captured, obj, o, check_only, force) for o in batch]
        for options, future in zip(batch, futures, strict=True):
            future.add_done_callback(counted(_build_label(options)))
        for options, future in zip(batch, futures, strict=True):
            try:
                ok, out, err = future.result()
            except Exception as exc:  # noqa: BLE001 (a worker that died: that dataset failed)
                ok, out, err = False, "", f"{options.name}: the build stopped: {exc!r}\n"
            sys.stdout.write(out)
            sys.stderr.write(err)
            if not ok:
                failed.append(_build_label(options))
    return failed


def _no_step(_: str) -> None:
    """Steps shown nowhere: no spinner in what is kept to be printed whole."""


def _build_captured(obj: dict[str, Any], options: Any, check_only: bool, force: bool,
                    step: Callable[[str], None] = _no_step) -> tuple[bool, str, str]:
    """_build_one in a worker process (or under a progress bar), its output kept to be printed
    whole by the parent."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        ok = _build_one(SimpleNamespace(obj=obj), options, check_only, force, step)
    return ok, out.getvalue(), err.getvalue()


def _build_one(ctx: Any, options: Any, check_only: bool, force: bool,
               step: Callable[[str], None] | None = None) -> bool:
    """Check or build one dataset; False when it failed or (with --check) is stale.

    `step` is told each step of the build (a batch's progress bar); without it, a spinner shows
    them on a terminal.
    """
    from reportgen.pipeline.build import build as run_build
    from reportgen.pipeline.build import check

    try:
        stale = check(options)
    except ReportgenError as exc:
        _report_error(exc)
        return False
    if check_only:
        if stale.up_to_date:
            click.echo(f"{_edition_name(options)}: up to date")
            return True
        for label, items in (("missing", stale.missing), ("modified since built", stale.modified),
                             ("input changed", stale.inputs)):
            for item in items:
                click.echo(f"{label}: {item}")
        return False
    if stale.up_to_date and not force:
        if not ctx.obj["quiet"]:
            click.echo(f"{_edition_name(options)}: up to date")
        return True
    console = _console()
    quiet = ctx.obj["quiet"] or not console.is_terminal
    try:
        if step is not None:
            result = run_build(options, lambda s: step(f"{_build_label(options)}: {s}"),
                               _shared_office)
        elif quiet:
            result = run_build(options, office=_shared_office)
        else:
            with console.status(f"building {options.name}…") as status:
                result = run_build(options, lambda s: status.update(f"{s}…"), _shared_office)
    except ReportgenError as exc:
        _report_error(exc)
        return False
    _warn(result.warnings)
    if not ctx.obj["quiet"]:
        for path in result.written:
            click.echo(f"wrote {path}")
        for line in result.changes:
            click.echo(f"  {line}")
    return True


@cli.command()
@_dataset
@_paths
@click.option("--markdown", is_flag=True, help="Print a Markdown pull-request body.")
@click.option("--locale", metavar="LANG", help="The edition to compare (as for build), or all.")
@click.option("--before", type=click.Path(path_type=Path, file_okay=False), metavar="FOLDER",
              help="A copy of OUT/NAME kept from the previous build: compare with it, and take "
                   "OUT/NAME as the new build (default: OUT/NAME is the previous build).")
@click.option("--pages", type=click.Path(path_type=Path, file_okay=False), metavar="DIR",
              help="Write before/after pictures of every page and slide that looks different, "
                   "and a contact sheet, into DIR (needs LibreOffice and poppler-utils).")
@click.option("--dpi", default=60, show_default=True, help="Resolution of the page pictures.")
@click.pass_context
def diff(ctx: click.Context, dataset: Path | None, data: Path | None, templates: Path | None,
         out: Path | None, formats: str | None, markdown: bool, before: Path | None,
         pages: Path | None, dpi: int, locale: str | None) -> None:
    """List the figures, events and sections that changed since the last build.

    With --pages, also compare the two builds page by page as rendered (not as bytes) and
    picture the pages that differ. Without --before, the new build is made in a temporary
    folder and OUT is left as it is; with it (as CI runs it, after the build:
    `reportgen diff --before KEPT/NAME --markdown --pages DIR`), OUT/NAME is the new build.

    \b
    Examples:
      reportgen diff
      reportgen diff data/my-briefing
      reportgen diff --markdown
      reportgen diff data/my-briefing --locale az
      reportgen diff data/my-briefing --pages review/pages
    """
    from reportgen.pipeline.build import diff as run_diff
    from reportgen.pipeline.changes import markdown as as_markdown

    options = _options(ctx.obj["config"], _pick(dataset, data), templates, out, formats)
    found_all = _editions(options, locale or ctx.obj["config"]["locale"] or None)
    for edition in found_all:
        try:
            found = run_diff(edition, before)
        except ReportgenError as exc:
            _report_error(exc, writes=False)
            sys.exit(EXIT_PROBLEMS)
        if found is None:
            _console().print(f"{(before or edition.folder) / edition.manifest_name}: no previous "
                             "build to compare with; run reportgen build first", markup=False)
            sys.exit(EXIT_PROBLEMS)
        lines, catalog = found
        if len(found_all) > 1:
            click.echo(f"{edition.locale}:")
        # One folder of pictures per edition when several are compared.
        folder = pages / edition.locale if pages and len(found_all) > 1 else pages
        changed = _diff_pages(edition, folder, catalog, before, dpi) if folder else None
        if markdown:
            click.echo(as_markdown(lines, catalog), nl=False)
            if changed is not None:
                from reportgen.pipeline.pages import markdown as pages_markdown

                click.echo("\n" + pages_markdown(changed, catalog), nl=False)
            continue
        for line in lines or [catalog("change.none")]:
            click.echo(line)
        if changed is not None and not ctx.obj["quiet"]:
            click.echo(f"{len(changed)} pages and slides look different; pictures in {folder}/"
                       if changed else catalog("pages.none"))


def _diff_pages(options: Any, folder: Path, catalog: Any, before: Path | None,
                dpi: int) -> list[Any]:
    from reportgen.pipeline.pages import diff_pages

    try:
        return diff_pages(options, folder, catalog, before, dpi)
    except ReportgenError as exc:
        _report_error(exc, writes=False)
        sys.exit(EXIT_PROBLEMS)


@cli.command()
@_dataset
@_paths
@click.option("--dpi", default=50, show_default=True, help="Resolution of the page images.")
@click.option("--locale", metavar="LANG", help="The edition to render (as for build), or all.")
@click.pass_context
def preview(ctx: click.Context, dataset: Path | None, data: Path | None, templates: Path | None,
            out: Path | None,
            formats: str | None, dpi: int, locale: str | None) -> None:
    """Render every page and slide of the built outputs to PNG, plus one contact sheet.

    Needs LibreOffice and poppler-utils. Images go to OUT/NAME/preview/.

    \b
    Examples:
      reportgen preview
      reportgen preview --dpi 80
    """
    from reportgen.pipeline.build import output_paths
    from reportgen.pipeline.preview import contact_sheet, render_pages

    options = _options(ctx.obj["config"], _pick(dataset, data), templates, out, formats)
    folder = options.folder / "preview"
    try:
        images = []
        for edition in _editions(options, locale or ctx.obj["config"]["locale"] or None):
            paths = output_paths(edition.name, edition.out, edition.edition)
            mark = f"{edition.edition}-" if edition.edition else ""
            for kind, prefix in (("docx", "briefing"), ("pptx", "deck")):
                if not paths[kind].exists():
                    raise OutputError(f"{paths[kind]} does not exist: run reportgen build first")
                images += render_pages(paths[kind], mark + prefix, folder, dpi)
        contact_sheet(images, folder / "contact-sheet.png")
    except ReportgenError as exc:
        _report_error(exc)
        sys.exit(EXIT_PROBLEMS)
    if not ctx.obj["quiet"]:
        click.echo(f"wrote {len(images)} pages to {folder}/ and {folder / 'contact-sheet.png'}")


@cli.command()
@_dataset
@click.option("--data", type=click.Path(path_type=Path), help="Dataset folder.")
@click.option("--templates", type=click.Path(path_type=Path), help="Templates folder.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--locale", metavar="LANG",
              help="Also check the dataset's text in LANG (translations/LANG.yaml): each "
                   "missing translation is a warning.")
@click.pass_context
def validate(ctx: click.Context, dataset: Path | None, data: Path | None,
             templates: Path | None, strict: bool, locale: str | None) -> None:
    """Check a dataset and report every problem with file:line:column and field.

    \b
    Examples:
      reportgen validate
      reportgen validate data/my-briefing
      reportgen validate --strict
      reportgen validate --locale az
    """
    from reportgen.pipeline.build import validate as run_validate

    config = ctx.obj["config"]
    folder = _pick(dataset, data) or Path(config["data"])
    try:
        loaded, warnings = run_validate(folder, templates or Path(config["templates"]), strict,
                                        locale)
    except ReportgenError as exc:
        _report_error(exc, writes=False)
        sys.exit(EXIT_PROBLEMS)
    _warn(warnings)
    from reportgen.report.prose import plain_sentences  # notes on the prose, never a failure
    _warn(plain_sentences(loaded) if not ctx.obj["quiet"] else [])
    if not ctx.obj["quiet"]:
        edition = loaded.edition
        text = (f"; text in {edition.locale}: {len(edition.untranslated)} untranslated, "
                f"{len(edition.unreviewed)} unreviewed") if edition else ""
        click.echo(f"{folder}: ok — {len(loaded.metrics)} figures, {len(loaded.events)} events, "
                   f"{len(loaded.facts)} facts, {len(loaded.sources)} sources{text}")


@cli.command("check")
@_dataset
@click.option("--templates", type=click.Path(path_type=Path), help="Templates folder.")
@click.option("--outputs", is_flag=True,
              help="Check the built briefing and deck for accessibility instead (run "
                   "reportgen build first).")
@click.option("--data", type=click.Path(path_type=Path), help="Dataset folder (--outputs).")
@click.option("--out", type=click.Path(path_type=Path), help="Output folder (--outputs).")
@click.pass_context
def check_templates(ctx: click.Context, dataset: Path | None, templates: Path | None,
                    outputs: bool, data: Path | None, out: Path | None) -> None:
    """Lint the templates: names and attributes the dataset model does not define, tags the
    Word template uses that reportgen does not fill, layouts the deck lacks, numbers typed
    into narrative templates (figures belong in the dataset), and wording catalogs with an entry
    missing, fuzzy or with other {fields} than en.po.

    With --outputs, check the built .docx and .pptx of a dataset for accessibility instead:
    headings without skipped levels, alternative text on every picture and chart, table header
    rows, languages, slide titles and reading order, colour contrast, colour never the only cue,
    link texts (docs/accessibility.md). Exit 1 on any finding.

    \b
    Examples:
      reportgen check
      reportgen check --templates my-templates
      reportgen check --outputs
      reportgen check --outputs data/my-briefing --out review
    """
    if outputs:
        _check_outputs(ctx, _pick(dataset, data), out, templates)
        return
    if dataset or data or out:
        raise click.UsageError("a dataset, --data and --out go with --outputs")
    from reportgen.errors import TemplateError
    from reportgen.lint import lint_catalogs, lint_docx, lint_narrative, lint_pptx
    from reportgen.report.structure import load_structure

    folder = templates or Path(ctx.obj["config"]["templates"])
    try:
        structure = load_structure(folder)
        problems = (lint_narrative(folder / "narrative")
                    + lint_docx(folder / "briefing.docx")
                    + lint_pptx(folder / "deck.pptx", structure.deck)
                    + lint_catalogs(folder, structure.areas))
        if problems:
            raise TemplateError(problems)
    except ReportgenError as exc:
        _report_error(exc, writes=False)
        sys.exit(EXIT_PROBLEMS)
    click.echo(f"{folder}: ok")


def _check_outputs(ctx: click.Context, data: Path | None, out: Path | None,
                   templates: Path | None) -> None:
    """The accessibility check of a dataset's built briefing and deck, found where build
    writes them, against the language the dataset is written in."""
    from reportgen.audit import audit
    from reportgen.errors import relpath
    from reportgen.pipeline.build import output_paths
    from reportgen.pipeline.build import validate as run_validate

    config = ctx.obj["config"]
    folder = data or Path(config["data"])
    try:
        loaded, _ = run_validate(folder, templates or Path(config["templates"]))
    except ReportgenError as exc:
        _report_error(exc, writes=False)
        sys.exit(EXIT_PROBLEMS)
    paths = output_paths(folder.resolve().name, out or Path(config["out"]))
    present = {kind: paths[kind] for kind in ("docx", "pptx") if paths[kind].is_file()}
    if not present:
        _console().print(f"{relpath(paths['docx'].parent)}: no briefing or deck to check; run "
                         "reportgen build first", markup=False)
        sys.exit(EXIT_PROBLEMS)
    language = config["locale"] or loaded.briefing.language
    documents = {kind: path.read_bytes() for kind, path in present.items()}
    names = {kind: relpath(path) for kind, path in present.items()}
    from reportgen.audit.prose import check_prose  # the house style, beside accessibility
    findings = audit(documents, names, language) + check_prose(documents, names, language)
    console = _console()
    for finding in findings:
        console.print(str(finding), markup=False)
    if findings:
        noun = "finding" if len(findings) == 1 else "findings"
        console.print(f"[bold red]{len(findings)} accessibility or house-style {noun}[/]")
        sys.exit(EXIT_PROBLEMS)
    click.echo(", ".join(relpath(p) for p in present.values())
               + ": no accessibility or house-style finding")


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--countries", nargs=2, required=True, metavar="A B",
              help="The two countries, in the order of the title.")
@click.option("--year", type=click.IntRange(1900, 2200), required=True,
              help="The year the briefing reviews.")
@click.option("--templates", type=click.Path(path_type=Path), help="Templates folder.")
@click.option("--ci", "action", metavar="OWNER/REPO@REF",
              help="Also write .github/workflows/regenerate-NAME.yml, which regenerates the "
                   "dataset as a pull request with reportgen's action at this reference (the "
                   "repository holding reportgen and a commit SHA).")
@click.pass_context
def init(ctx: click.Context, folder: Path, countries: tuple[str, str], year: int,
         templates: Path | None, action: str | None) -> None:
    """Create a new dataset folder with every file and commented examples.

    Values to fill in start with TODO; `reportgen validate FOLDER` lists those left. Run it from
    the top folder of the dataset's repository when you give --ci.

    \b
    Examples:
      reportgen init data/freedonia-sylvania-2031 --countries Freedonia Sylvania --year 2031
      reportgen init data/a-b-2032 --countries A B --year 2032 --ci my-org/reportgen@v1.2.3
    """
    import re

    from reportgen.dataset.scaffold import ci_workflow, scaffold

    if action is not None and not re.fullmatch(r"[\w.-]+/[\w.-]+(/[\w./-]+)?@[\w./-]+", action):
        raise click.BadParameter(f"{action!r} is not an action reference: give OWNER/REPO@REF, "
                                 "e.g. my-org/reportgen@ and a commit SHA", param_hint="--ci")
    chosen = templates or Path(ctx.obj["config"]["templates"])
    try:
        written = scaffold(folder, countries, year, chosen)
        if action is not None:
            written.append(ci_workflow(folder, action, chosen))
    except ReportgenError as exc:
        _report_error(exc)
        sys.exit(EXIT_PROBLEMS)
    for path in written:
        click.echo(f"wrote {path}")
    click.echo(f"next: fill in the TODO values, then run reportgen validate {folder}")


@cli.command()
@click.option("--file", "file_name", metavar="NAME",
              help="One dataset file's schema, e.g. metrics.yaml, or translation.yaml for "
                   "translations/LANG.yaml (default: the whole dataset).")
@click.option("--write", "folder", type=click.Path(path_type=Path),
              help="Write every schema as NAME.schema.json into this folder instead.")
def schema(file_name: str | None, folder: Path | None) -> None:
    """Print the dataset's JSON Schema (draft 2020-12), for editors and other tools.

    \b
    Examples:
      reportgen schema > dataset.schema.json
      reportgen schema --file metrics.yaml
      reportgen schema --file translation.yaml
      reportgen schema --write docs/schema
    """
    import json

    from reportgen.dataset.models import DATASET_FILES
    from reportgen.dataset.schema import TRANSLATION_FILE, json_schema, translation_schema
    from reportgen.files import write_atomic

    def of(name: str | None) -> dict[str, Any]:
        return translation_schema() if name == TRANSLATION_FILE else json_schema(name)

    names = [*DATASET_FILES, TRANSLATION_FILE]
    if file_name is not None and file_name not in names:
        raise click.BadParameter(f"{file_name!r} is not a dataset file; one of "
                                 + ", ".join(names), param_hint="--file")
    if folder is None:
        click.echo(json.dumps(of(file_name), indent=2, ensure_ascii=False))
        return
    for name in (None, *names):
        target = folder / f"{name or 'dataset'}.schema.json"
        text = json.dumps(of(name), indent=2, ensure_ascii=False) + "\n"
        write_atomic(target, text.encode())
        click.echo(f"wrote {target}")


def main() -> None:
    cli(prog_name="reportgen")
