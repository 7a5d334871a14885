"""The command line: the only layer that prints, sets up logging and picks exit codes."""

from __future__ import annotations

import logging
import sys
import tomllib
from pathlib import Path
from typing import Any

import click

from reportgen import __version__
from reportgen.errors import OutputError, ProblemsError, ReportgenError

CONFIG_FILE = "reportgen.toml"
DEFAULTS = {"data": "data", "templates": "templates", "out": "output",
            "formats": ["docx", "pptx"]}
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _config() -> dict[str, Any]:
    """Settings from reportgen.toml in the working directory, over the built-in defaults."""
    path = Path(CONFIG_FILE)
    settings: dict[str, Any] = dict(DEFAULTS)
    if path.exists():
        try:
            table = tomllib.loads(path.read_text(encoding="utf-8")).get("reportgen", {})
        except tomllib.TOMLDecodeError as exc:
            raise click.UsageError(f"{CONFIG_FILE}: {exc}") from None
        unknown = set(table) - set(DEFAULTS)
        if unknown:
            raise click.UsageError(f"{CONFIG_FILE}: unknown setting(s) {', '.join(sorted(unknown))}"
                                   f"; known: {', '.join(DEFAULTS)}")
        settings.update(table)
    return settings


def _console(stderr: bool = True) -> Any:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def _report_error(exc: ReportgenError) -> None:
    console = _console()
    if isinstance(exc, ProblemsError):
        noun = "problem" if len(exc.problems) == 1 else "problems"
        for problem in exc.problems:
            console.print(str(problem), markup=False)
        console.print(f"[bold red]{len(exc.problems)} {exc.kind} {noun}[/] — nothing was written.")
    elif isinstance(exc, OutputError):
        console.print(f"[bold red]error:[/] {exc}")
    else:
        console.print(f"[bold red]error:[/] {exc}")


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
    ctx.obj = {"quiet": quiet, "config": _config()}


def _formats(value: str | None, config: dict[str, Any]) -> tuple[str, ...]:
    from reportgen.build import FORMATS

    items = [f.strip() for f in value.split(",")] if value else list(config["formats"])
    unknown = [f for f in items if f not in FORMATS]
    if unknown or not items:
        raise click.BadParameter(f"unknown format {', '.join(unknown) or '(none)'}; "
                                 f"choose from {', '.join(FORMATS)}", param_hint="--format")
    return tuple(items)


@cli.command()
@click.option("--data", type=click.Path(path_type=Path), help="Dataset folder.")
@click.option("--templates", type=click.Path(path_type=Path), help="Templates folder.")
@click.option("--out", type=click.Path(path_type=Path), help="Output folder.")
@click.option("--format", "formats", metavar="LIST",
              help="Comma-separated: docx, pptx, pdf (default from reportgen.toml).")
@click.option("--charts", type=click.Choice(["native", "image"]), default="native",
              show_default=True, help="Deck charts: native (editable in PowerPoint) or image "
                                      "(the briefing's pictures).")
@click.pass_context
def build(ctx: click.Context, data: Path | None, templates: Path | None, out: Path | None,
          formats: str | None, charts: str) -> None:
    """Build the briefing and the deck into the output folder.

    Everything is rendered in memory first; files are replaced only when all of them were made,
    so a failed build leaves the previous outputs untouched.

    \b
    Examples:
      reportgen build
      reportgen build --format docx
      reportgen build --data data/my-briefing --out /tmp/out --format docx,pptx,pdf
      reportgen build --format pptx --charts image
    """
    from reportgen.build import BuildOptions
    from reportgen.build import build as run_build

    config = ctx.obj["config"]
    options = BuildOptions(
        data=data or Path(config["data"]), templates=templates or Path(config["templates"]),
        out=out or Path(config["out"]), formats=_formats(formats, config),
        cache=Path(".cache") / "charts", charts=charts)
    console = _console()
    quiet = ctx.obj["quiet"] or not console.is_terminal
    try:
        if quiet:
            result = run_build(options)
        else:
            with console.status("building…") as status:
                result = run_build(options, step=lambda s: status.update(f"{s}…"))
    except ReportgenError as exc:
        _report_error(exc)
        sys.exit(EXIT_PROBLEMS)
    if not ctx.obj["quiet"]:
        for path in result.written:
            click.echo(f"wrote {path}")


@cli.command()
@click.option("--data", type=click.Path(path_type=Path), help="Dataset folder.")
@click.option("--templates", type=click.Path(path_type=Path), help="Templates folder.")
@click.pass_context
def validate(ctx: click.Context, data: Path | None, templates: Path | None) -> None:
    """Check a dataset and report every problem with file:line:column and field.

    \b
    Examples:
      reportgen validate
      reportgen validate --data data/my-briefing
    """
    from reportgen.build import validate as run_validate

    config = ctx.obj["config"]
    folder = data or Path(config["data"])
    try:
        dataset = run_validate(folder, templates or Path(config["templates"]))
    except ReportgenError as exc:
        _report_error(exc)
        sys.exit(EXIT_PROBLEMS)
    if not ctx.obj["quiet"]:
        click.echo(f"{folder}: ok — {len(dataset.metrics)} figures, {len(dataset.events)} events, "
                   f"{len(dataset.facts)} facts, {len(dataset.sources)} sources")


def main() -> None:
    cli(prog_name="reportgen")
