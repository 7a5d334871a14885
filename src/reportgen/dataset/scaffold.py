"""`reportgen init`: a new dataset folder from templates/scaffold, with commented examples."""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

import jinja2
import yaml

from reportgen.errors import OutputError, Problem, TemplateError, relpath
from reportgen.files import write_atomic
from reportgen.sandbox import Sandbox, bounded, render_located


def country_id(name: str, taken: set[str]) -> str:
    """A short id for a country name: its ASCII letters, lower case, unique."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_")
    if not base or not base[0].isalpha():
        base = f"country_{base}" if base else "country"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}_{n}", n + 1
    return candidate


CI_TEMPLATE = "ci/regenerate.yml"


def _environment(source: Path, **options: str) -> Sandbox:
    env = Sandbox(loader=jinja2.FileSystemLoader(source), keep_trailing_newline=True,
                  autoescape=False, **options)
    # Values are written as YAML scalars, so any country name or path stays valid YAML.
    env.filters["yaml"] = lambda value: yaml.safe_dump(
        value, allow_unicode=True, default_flow_style=True, width=1000).strip().removesuffix(
        "\n...").strip()
    return env


def ci_workflow(dataset: Path, action: str, templates: Path, root: Path = Path()) -> Path:
    """Write the GitHub Actions workflow that regenerates `dataset` with reportgen's action
    (`action`: OWNER/REPO@REF) into root/.github/workflows/, root being the repository's top."""
    try:
        relative = dataset.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        raise OutputError(f"{dataset} is not inside {root.resolve()}: run reportgen init --ci "
                          "from the top folder of the dataset's repository") from None
    target = root / ".github" / "workflows" / f"regenerate-{dataset.resolve().name}.yml"
    if target.exists():
        raise OutputError(f"{target} already exists: remove it or edit it by hand")
    source = templates / "scaffold"
    if not (source / CI_TEMPLATE).is_file():
        raise TemplateError([Problem(relpath(source / CI_TEMPLATE), 0, 0, "",
                                     "the workflow template is missing",
                                     "restore templates/scaffold/ci/ from the repository")])
    # GitHub's own expressions are written ${{ … }}, so this template's fields are [[ … ]].
    env = _environment(source, variable_start_string="[[", variable_end_string="]]")
    context = {"dataset": relative, "name": dataset.resolve().name, "action": action}

    def render() -> str:
        env.start()
        return bounded(env.get_template(CI_TEMPLATE).generate(context))

    text = render_located(render, source / CI_TEMPLATE)
    write_atomic(target, text.encode("utf-8"))
    return target


def scaffold(target: Path, countries: tuple[str, str], year: int, templates: Path) -> list[Path]:
    """Write a new dataset folder; refuse to touch a folder that already has files."""

    if target.exists() and any(target.iterdir()):
        raise OutputError(f"{target} already exists and is not empty: choose a new folder")
    source = templates / "scaffold"
    # The dataset's files, and translations/README.md on how to give its text per language.
    files = sorted([*source.glob("*.yaml"), *source.glob("*/*.md")])
    if not files:
        raise TemplateError([Problem(relpath(source), 0, 0, "", "no scaffold files found",
                                     "restore templates/scaffold/ from the repository")])
    env = _environment(source)
    first = country_id(countries[0], set())
    second = country_id(countries[1], {first})
    context = {"a": {"id": first, "name": countries[0]},
               "b": {"id": second, "name": countries[1]}, "year": year}

    def render(name: str) -> str:
        env.start()
        return bounded(env.get_template(name).generate(context))

    written = []
    for path in files:
        name = path.relative_to(source).as_posix()
        text = render_located(functools.partial(render, name), path)
        write_atomic(target / name, text.encode("utf-8"))
        written.append(target / name)
    return written
