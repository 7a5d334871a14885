"""The command line: each command parses its options and calls the package that does the work.

With console.py (what it prints), the only layer that prints, sets up logging and picks exit
codes. Builds are planned by pipeline/plan.py and run by pipeline/run.py.
"""

from __future__ import annotations

import functools
import re
import shutil
import sys
from dataclasses import replace
from pathlib import Path

import click

import reportgen.arguments as arg
import reportgen.console as console
from reportgen.arguments import Invocation, pass_invocation
from reportgen.config import ConfigError, Settings, load_settings
from reportgen.console import EXIT_PROBLEMS
from reportgen.pipeline import plan, run
from reportgen.pipeline.build import output_paths, prose_notes
from reportgen.pipeline.build import validate as run_validate
from reportgen.version import __version__


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
    console.setup_logging(verbose, quiet)
    try:
        settings = load_settings()
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None
    ctx.obj = Invocation(settings, quiet)


@cli.command()
@arg.dataset
@arg.paths
@click.option("--all", "all_datasets", is_flag=True,
              help="Build every dataset under the datasets folder, each into OUT/NAME/.")
@click.option("--jobs", type=click.IntRange(min=1), metavar="N",
              help="With --all: datasets built at once, in parallel processes (default: the "
                   "number of cores).")
@click.option("--shard", "shard_of", metavar="I/N", callback=arg.shard_option,
              help="With --all: build only shard I of N (numbered from 1), each dataset "
                   "assigned by a hash of its folder name, so that N machines (a CI matrix) "
                   "share a batch and adding a dataset moves no other.")
@click.option("--check", "check_only", is_flag=True,
              help="Write nothing; exit 1 if any output is stale or missing.")
@click.option("--force", is_flag=True, help="Rebuild even when everything is up to date.")
@click.option("--strict", is_flag=True, help="Treat dataset warnings as errors.")
@click.option("--charts", type=click.Choice(["native", "image"]), default="native",
              show_default=True, help="Charts in the briefing and the deck: native (Word and "
                                      "PowerPoint charts, their data embedded: Edit Data opens "
                                      "it) or image (pictures).")
@click.option("--locale", metavar="LANG",
              help="Edition: wording catalog and number formats (templates/locale/LANG.po), "
                   "or all for every catalog there; another language than the dataset's is "
                   "written as NAME-briefing.LANG.docx. Default: reportgen.toml, else the "
                   "dataset's language.")
@pass_invocation
def build(invocation: Invocation, dataset: Path | None, data: Path | None, templates: Path | None,
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
    config = invocation.settings
    data = arg.pick(dataset, data)
    if all_datasets and (dataset or data):
        raise click.UsageError("--all builds every dataset; do not name one as well")
    if shard_of and not all_datasets:
        raise click.UsageError("--shard goes with --all: it picks this machine's share of every "
                               "dataset under the datasets folder")
    options = replace(arg.build_options(config, data, templates, out, formats), strict=strict,
                      charts=charts)
    folders = ([options.data] if not all_datasets
               else arg.sharded(invocation.quiet, arg.datasets(config), shard_of))
    batch = arg.planned(plan.batch, options, folders, invocation.locale(locale))
    job = functools.partial(console.build_job, quiet=invocation.quiet, check_only=check_only,
                            force=force)
    with console.progress(invocation.quiet, len(batch)) as bar:
        failed = run.run(batch, job, bar, jobs, share_office=not check_only)
    if failed:
        if len(batch) > 1:
            console.console().print(f"[bold red]{len(failed)} of {len(batch)} builds failed:[/] "
                                    + ", ".join(failed), markup=True, highlight=False)
        sys.exit(EXIT_PROBLEMS)


@cli.command()
@arg.dataset
@arg.paths
@click.option("--markdown", is_flag=True, help="Print a Markdown pull-request body.")
@click.option("--locale", metavar="LANG", help="The edition to compare (as for build), or all.")
@click.option("--before", type=click.Path(path_type=Path, file_okay=False), metavar="FOLDER",
              help="A copy of OUT/NAME kept from the previous build: compare with it, and take "
                   "OUT/NAME as the new build (default: OUT/NAME is the previous build).")
@click.option("--pages", type=click.Path(path_type=Path, file_okay=False), metavar="DIR",
              help="Write before/after pictures of every page and slide that looks different, "
                   "and a contact sheet, into DIR (needs LibreOffice and poppler-utils).")
@click.option("--dpi", default=60, show_default=True, help="Resolution of the page pictures.")
@click.option("--redline", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE",
              help="Write the new briefing with every change as Word tracked changes to FILE "
                   "(.docx; one FILE.LANG.docx per edition with --locale all).")
@click.option("--comments", is_flag=True,
              help="With --redline: the edition's open questions (estimates, disagreeing "
                   "sources, earlier periods, unreviewed translations) as Word comments.")
@pass_invocation
def diff(invocation: Invocation, dataset: Path | None, data: Path | None, templates: Path | None,
         out: Path | None, formats: str | None, markdown: bool, before: Path | None,
         pages: Path | None, dpi: int, locale: str | None, redline: Path | None,
         comments: bool) -> None:
    """List the figures, events, sections and data annex sheets changed since the last build.

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
      reportgen diff data/my-briefing --redline review/redline.docx --comments
    """
    options = arg.build_options(invocation.settings, arg.pick(dataset, data), templates, out,
                                formats)
    editions = arg.planned(plan.editions, options, invocation.locale(locale))
    if comments and not redline:
        raise click.UsageError("--comments needs --redline FILE")
    console.diff(editions, before, pages, redline, comments=comments, dpi=dpi,
                 markdown=markdown, quiet=invocation.quiet)


@cli.command()
@arg.dataset
@arg.paths
@click.option("--dpi", default=50, show_default=True, help="Resolution of the page images.")
@click.option("--locale", metavar="LANG", help="The edition to render (as for build), or all.")
@pass_invocation
def preview(invocation: Invocation, dataset: Path | None, data: Path | None, templates: Path | None,
            out: Path | None,
            formats: str | None, dpi: int, locale: str | None) -> None:
    """Render every page and slide of the built outputs to PNG, plus one contact sheet.

    Needs LibreOffice and poppler-utils. Images go to OUT/NAME/preview/.

    \b
    Examples:
      reportgen preview
      reportgen preview --dpi 80
    """
    from reportgen.pipeline.preview import preview as run_preview  # deferred: PIL

    options = arg.build_options(invocation.settings, arg.pick(dataset, data), templates, out,
                                formats)
    editions = arg.planned(plan.editions, options, invocation.locale(locale))
    folder = options.folder / "preview"
    with console.exits_on_error():
        images = run_preview(editions, folder, dpi)
    if not invocation.quiet:
        click.echo(f"wrote {len(images)} pages to {folder}/ and {folder / 'contact-sheet.png'}")


@cli.command()
@arg.dataset
@click.option("--data", type=click.Path(path_type=Path), help="Dataset folder.")
@click.option("--templates", type=click.Path(path_type=Path), help="Templates folder.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--locale", metavar="LANG",
              help="Also check the dataset's text in LANG (translations/LANG.yaml): each "
                   "missing translation is a warning.")
@pass_invocation
def validate(invocation: Invocation, dataset: Path | None, data: Path | None,
             templates: Path | None, strict: bool, locale: str | None) -> None:
    """Check a dataset and report every problem with file:line:column and field.

    \b
    Examples:
      reportgen validate
      reportgen validate data/my-briefing
      reportgen validate --strict
      reportgen validate --locale az
    """
    config = invocation.settings
    folder = arg.pick(dataset, data) or Path(config.data)
    with console.exits_on_error(writes=False):
        loaded, warnings = run_validate(folder, templates or Path(config.templates), strict,
                                        locale)
    console.warn(warnings)
    console.warn(prose_notes(loaded) if not invocation.quiet else [])  # never a failure
    if not invocation.quiet:
        edition = loaded.edition
        text = (f"; text in {edition.locale}: {len(edition.untranslated)} untranslated, "
                f"{len(edition.unreviewed)} unreviewed") if edition else ""
        click.echo(f"{folder}: ok — {len(loaded.metrics)} figures, {len(loaded.events)} events, "
                   f"{len(loaded.facts)} facts, {len(loaded.sources)} sources{text}")


@cli.command("check")
@arg.dataset
@click.option("--templates", type=click.Path(path_type=Path), help="Templates folder.")
@click.option("--outputs", is_flag=True,
              help="Check the built briefing and deck for accessibility instead (run "
                   "reportgen build first).")
@click.option("--data", type=click.Path(path_type=Path), help="Dataset folder (--outputs).")
@click.option("--out", type=click.Path(path_type=Path), help="Output folder (--outputs).")
@pass_invocation
def check_templates(invocation: Invocation, dataset: Path | None, templates: Path | None,
                    outputs: bool, data: Path | None, out: Path | None) -> None:
    """Lint the templates: names and attributes the dataset model does not define, tags the
    Word template uses that reportgen does not fill, layouts the deck lacks, numbers typed
    into narrative templates (figures belong in the dataset), and wording catalogs with an entry
    missing, fuzzy or with other {fields} than en.po.

    With --outputs, audit the built briefing and deck for accessibility instead, as
    `reportgen audit` does.

    \b
    Examples:
      reportgen check
      reportgen check --templates my-templates
      reportgen check --outputs
      reportgen check --outputs data/my-briefing --out review
    """
    if outputs:  # the same as reportgen audit, where it was first documented
        _audit(invocation.settings, arg.pick(dataset, data), templates, out)
        return
    if dataset or data or out:
        raise click.UsageError("a dataset, --data and --out go with --outputs")
    from reportgen.lint import lint_templates  # deferred: python-docx, python-pptx, Jinja2

    folder = templates or Path(invocation.settings.templates)
    with console.exits_on_error(writes=False):
        lint_templates(folder)
    click.echo(f"{folder}: ok")


@cli.command("adopt")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--into", type=click.Path(path_type=Path, file_okay=False), required=True,
              help="The templates folder to adopt it into (created from the shipped one if new).")
@pass_invocation
def adopt_template(invocation: Invocation, file: Path, into: Path) -> None:
    """Adopt a house's own Word template (.docx, .dotx, .docm, .dotm) or PowerPoint template
    as published: map each part of the briefing or deck to its styles or layouts, remove its
    sample content, and write the mapping into the folder's report.yaml, commented, for you to
    change any choice. Then build with --templates FOLDER.

    \b
    Examples:
      reportgen adopt templates/briefing.docx --into house-templates
    """
    from reportgen.adopt import adopt  # deferred: python-docx, python-pptx

    created = not into.exists()
    shipped = Path(invocation.settings.templates)
    if created and not (shipped / "report.yaml").is_file():
        raise click.UsageError(f"{into} is new, and there is no templates folder to start it "
                               f"from at {shipped}: run in the project's folder, or set "
                               "templates in reportgen.toml")
    try:
        with console.exits_on_error(writes=False):
            if created:
                shutil.copytree(shipped, into)
            result = adopt(file, into)
    except SystemExit:
        if created:
            shutil.rmtree(into, ignore_errors=True)  # a failed adoption leaves no half folder
        raise
    for line in result.mapped:
        click.echo(f"mapped   {line}")
    for line in result.unmapped:
        click.echo(f"unmapped {line}")
    for line in result.notes:
        click.echo(f"note     {line}")
    click.echo(f"wrote {result.target}; next: reportgen check --templates {into}, then "
               f"reportgen build --templates {into}")


@cli.command()
@arg.dataset
@click.option("--data", type=click.Path(path_type=Path), help="Dataset folder.")
@click.option("--templates", type=click.Path(path_type=Path), help="Templates folder.")
@click.option("--out", type=click.Path(path_type=Path), help="Output folder.")
@pass_invocation
def audit(invocation: Invocation, dataset: Path | None, data: Path | None, templates: Path | None,
          out: Path | None) -> None:
    """Check the built .docx and .pptx of a dataset for accessibility (run reportgen build
    first): headings without skipped levels, alternative text on every picture and chart, table
    header rows, languages, slide titles and reading order, colour contrast, colour never the
    only cue, link texts (docs/accessibility.md); and the house style of the prose, the marks of
    sentences assembled from records (docs/prose.md). Exit 1 on any finding.

    \b
    Examples:
      reportgen audit
      reportgen audit data/my-briefing --out review
    """
    _audit(invocation.settings, arg.pick(dataset, data), templates, out)


def _audit(config: Settings, data: Path | None, templates: Path | None, out: Path | None) -> None:
    """Audit a dataset's built briefing and deck (`audit`, `check --outputs`); exit 1 on any
    finding."""
    from reportgen.audit import audit_files  # deferred: python-docx, python-pptx, lxml
    from reportgen.errors import relpath

    folder = data or Path(config.data)
    with console.exits_on_error(writes=False):
        loaded, _ = run_validate(folder, templates or Path(config.templates))
    paths = output_paths(folder.resolve().name, out or Path(config.out))
    present = {kind: paths[kind] for kind in ("docx", "pptx") if paths[kind].is_file()}
    if not present:
        console.console().print(f"{relpath(paths['docx'].parent)}: no briefing or deck to "
                                "check; run reportgen build first", markup=False)
        sys.exit(EXIT_PROBLEMS)
    from reportgen.audit.prose import check_prose_files  # the house style, beside accessibility
    language = config.locale or loaded.briefing.language
    findings = audit_files(present, language) + check_prose_files(present, language)
    console.warn(findings)
    if findings:
        noun = "finding" if len(findings) == 1 else "findings"
        console.console().print(f"[bold red]{len(findings)} accessibility or house-style "
                                f"{noun}[/]")
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
@pass_invocation
def init(invocation: Invocation, folder: Path, countries: tuple[str, str], year: int,
         templates: Path | None, action: str | None) -> None:
    """Create a new dataset folder with every file and commented examples.

    Values to fill in start with TODO; `reportgen validate FOLDER` lists those left. Run it from
    the top folder of the dataset's repository when you give --ci.

    \b
    Examples:
      reportgen init data/freedonia-sylvania-2031 --countries Freedonia Sylvania --year 2031
      reportgen init data/a-b-2032 --countries A B --year 2032 --ci my-org/reportgen@v1.2.3
    """
    from reportgen.dataset.scaffold import ci_workflow, scaffold  # deferred: pydantic, Jinja2

    if action is not None and not re.fullmatch(r"[\w.-]+/[\w.-]+(/[\w./-]+)?@[\w./-]+", action):
        raise click.BadParameter(f"{action!r} is not an action reference: give OWNER/REPO@REF, "
                                 "e.g. my-org/reportgen@ and a commit SHA", param_hint="--ci")
    chosen = templates or Path(invocation.settings.templates)
    with console.exits_on_error():
        written = scaffold(folder, countries, year, chosen)
        if action is not None:
            written.append(ci_workflow(folder, action))
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
    from reportgen.dataset.schema import SCHEMA_FILES, schema_text, write_schemas  # pydantic

    if file_name is not None and file_name not in SCHEMA_FILES:
        raise click.BadParameter(f"{file_name!r} is not a dataset file; one of "
                                 + ", ".join(SCHEMA_FILES), param_hint="--file")
    if folder is None:
        click.echo(schema_text(file_name))
        return
    for target in write_schemas(folder):
        click.echo(f"wrote {target}")


def main() -> None:
    cli(prog_name="reportgen")
