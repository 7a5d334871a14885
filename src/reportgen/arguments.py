"""The command line's shared arguments and options (the dataset, folders, formats, --shard,
--locale), turned into what pipeline/plan.py plans with; a wrong value is a usage error."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import click

from reportgen.config import Settings
from reportgen.errors import LocaleError
from reportgen.pipeline import plan
from reportgen.pipeline.batch import parse_shard, shard
from reportgen.pipeline.build import BuildOptions

Command = TypeVar("Command", bound=Callable[..., Any])  # a command's function, decorated
Given = ParamSpec("Given")  # what a planner is given


@dataclass(frozen=True)
class Invocation:
    """What the `reportgen` group hands every command (click's context object): the settings
    of reportgen.toml and whether -q asked for errors only."""

    settings: Settings
    quiet: bool = False

    def locale(self, option: str | None) -> str | None:
        """The edition --locale asks for, else reportgen.toml's (None: the dataset's own)."""
        return option or self.settings.locale or None


# A command decorated with it takes the Invocation as its first parameter.
pass_invocation = click.make_pass_decorator(Invocation)


def build_options(config: Settings, data: Path | None, templates: Path | None,
                  out: Path | None, formats: str | None) -> BuildOptions:
    """One build's options, from the command line, else from reportgen.toml."""
    items = [f.strip() for f in formats.split(",")] if formats else list(config.formats)
    try:
        return plan.options(data or Path(config.data), templates or Path(config.templates),
                            out or Path(config.out), items, cache=Path(".cache") / "charts")
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--format") from None


def paths(func: Command) -> Command:
    """The folders and formats of a command that builds or reads a build."""
    for option in reversed([
        click.option("--data", type=click.Path(path_type=Path), help="Dataset folder."),
        click.option("--templates", type=click.Path(path_type=Path), help="Templates folder."),
        click.option("--out", type=click.Path(path_type=Path), help="Output folder."),
        click.option("--format", "formats", metavar="LIST",
                     help="Comma-separated: docx, pptx, pdf (default from reportgen.toml)."),
    ]):
        func = option(func)
    return func


def dataset(func: Command) -> Command:
    """Every command that works on one dataset takes it the same way: DATASET or --data."""
    return click.argument("dataset", required=False, type=click.Path(path_type=Path))(func)


def pick(dataset: Path | None, data: Path | None) -> Path | None:
    """The dataset given as the argument or with --data (not both)."""
    if dataset and data:
        raise click.UsageError("give the dataset either as an argument or with --data")
    return dataset or data


def datasets(config: Settings) -> list[Path]:
    """Every dataset folder under the datasets folder of reportgen.toml (--all)."""
    try:
        return plan.datasets(Path(config.datasets))
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None


def shard_option(ctx: click.Context, param: click.Parameter,
                 value: str | None) -> tuple[int, int] | None:
    """--shard I/N as (I, N)."""
    if value is None:
        return None
    try:
        return parse_shard(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), ctx, param) from None


def sharded(quiet: bool, folders: list[Path],
            shard_of: tuple[int, int] | None) -> list[Path]:
    """The datasets of this machine's shard (all without --shard); says how many, unless quiet."""
    if shard_of is None:
        return folders
    index, count = shard_of
    chosen = shard(folders, index, count)
    if not quiet:
        click.echo(f"shard {index}/{count}: {len(chosen)} of {len(folders)} datasets"
                   + ("" if chosen else "; nothing to build"))
    return chosen


def planned(planner: Callable[Given, list[BuildOptions]], *args: Given.args,
            **kwargs: Given.kwargs) -> list[BuildOptions]:
    """The builds a plan makes for --locale; a locale with no catalog is a usage error."""
    try:
        return planner(*args, **kwargs)
    except LocaleError as exc:
        raise click.BadParameter(str(exc), param_hint="--locale") from None
