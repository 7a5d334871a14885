"""`reportgen init`: a new dataset folder from templates/scaffold, with commented examples."""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from reportgen.errors import OutputError, Problem, TemplateError, relpath
from reportgen.files import write_atomic
from reportgen.sandbox import ConfinedLoader, Sandbox, bounded, render_located


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


# A folder name or path part the workflow may carry: letters (any script), digits, ".", "-", "_".
# Nothing GitHub or YAML reads as syntax (no "${{", quote, colon, space or control character).
_SAFE_PART = re.compile(r"[\w.-]+")
CHECKOUT = "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683"  # v4.2.2
WORKFLOW_HEADER = """\
# Regenerates a reportgen dataset weekly (Mondays 05:17 UTC), on demand, and whenever its data
# changes, as a reviewed change: reportgen's action opens or updates one pull request with the
# change summary, pictures of the changed pages and the briefing with its changes as Word tracked
# changes, for reviewers who sign off in Word (mode commit pushes the outputs instead). Set the
# action's `comments: "true"` for open questions as Word comments in that redline.
# Written by `reportgen init --ci`.
"""


def _environment(source: Path, **options: str) -> Sandbox:
    env = Sandbox(loader=ConfinedLoader(source), keep_trailing_newline=True,
                  autoescape=False, **options)
    # Values are written as YAML scalars, so any country name or path stays valid YAML.
    env.filters["yaml"] = lambda value: yaml.safe_dump(
        value, allow_unicode=True, default_flow_style=True, width=1000).strip().removesuffix(
        "\n...").strip()
    return env


def workflow(name: str, dataset: str, action: str) -> dict[str, Any]:
    """reportgen's own regeneration workflow for one dataset, as data (written by a YAML
    library: no value can add a key)."""
    return {
        "name": f"Regenerate {name}",
        "on": {
            "schedule": [{"cron": "17 5 * * 1"}],
            "workflow_dispatch": {"inputs": {"mode": {
                "description": "pr: open or update a pull request; commit: push the outputs "
                               "directly",
                "type": "choice", "options": ["pr", "commit"], "default": "pr"}}},
            "push": {"branches": ["main"], "paths": [f"{dataset}/**", "reportgen.toml"]},
        },
        "permissions": {"contents": "read"},
        "concurrency": {"group": f"regenerate-{name}-${{{{ github.ref }}}}",
                        "cancel-in-progress": False},
        "jobs": {"regenerate": {
            "runs-on": "ubuntu-24.04",
            "timeout-minutes": 30,
            # Push the pull request's branch (mode commit: the outputs), open or update the
            # pull request, and the issue of a scheduled run that fails.
            "permissions": {"contents": "write", "pull-requests": "write", "issues": "write"},
            "steps": [{"uses": CHECKOUT},
                      {"uses": action, "with": {"dataset": dataset,
                                                "mode": "${{ inputs.mode || 'pr' }}",
                                                "comments": "false"}}],
        }},
    }


def ci_workflow(dataset: Path, action: str, root: Path = Path()) -> Path:
    """Write the GitHub Actions workflow that regenerates `dataset` with reportgen's action
    (`action`: OWNER/REPO@REF) into root/.github/workflows/, root being the repository's top.

    The workflow is reportgen's own, never a template pack's; its name and the dataset's path
    are checked part by part, and it is written by PyYAML."""
    try:
        relative = dataset.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        raise OutputError(f"{dataset} is not inside {root.resolve()}: run reportgen init --ci "
                          "from the top folder of the dataset's repository") from None
    name = dataset.resolve().name
    if not all(_SAFE_PART.fullmatch(part) for part in relative.split("/")):
        raise OutputError(f"{relative!r}: a dataset path for a workflow holds only letters, "
                          "digits, '.', '-' and '_' in each folder name: rename the folder")
    target = root / ".github" / "workflows" / f"regenerate-{name}.yml"
    if target.exists():
        raise OutputError(f"{target} already exists: remove it or edit it by hand")
    text = WORKFLOW_HEADER + yaml.safe_dump(workflow(name, relative, action), sort_keys=False,
                                            allow_unicode=True, width=100)
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
