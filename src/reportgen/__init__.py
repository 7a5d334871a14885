"""reportgen: turn a structured dataset into an annual briefing (.docx) and a slide deck (.pptx).

The public Python API, for calling reportgen from a scheduler or a notebook (docs/api.md):
`validate`, `build`, `check` and `diff`, which take paths and return plain results, and the
errors they raise. Everything else in the package is internal.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportgen.config import SHIPPED_TEMPLATES
from reportgen.errors import (
    DataError,
    LocaleError,
    OutputError,
    Problem,
    ReportgenError,
    TemplateError,
)

if TYPE_CHECKING:
    from reportgen.dataset.models import Dataset

__version__ = "0.1.0"
__all__ = ["BuildResult", "DataError", "LocaleError", "OutputError", "Problem", "ReportgenError",
           "Staleness", "TemplateError", "Validation", "build", "check", "diff", "validate"]

PathLike = str | Path


@dataclass(frozen=True)
class Validation:
    """A dataset that passed validation, with its warnings (likely mistakes)."""

    dataset: Dataset
    warnings: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote (nothing when the outputs were up to date) and what it noticed."""

    written: list[Path]
    changes: list[str]
    warnings: list[Problem]
    up_to_date: bool = False


@dataclass(frozen=True)
class Staleness:
    """Why outputs are not up to date; empty lists when they are."""

    missing: list[str]
    modified: list[str]
    inputs: list[str]

    @property
    def up_to_date(self) -> bool:
        return not (self.missing or self.modified or self.inputs)


def validate(dataset: PathLike, *, templates: PathLike = SHIPPED_TEMPLATES,
             strict: bool = False, locale: str | None = None) -> Validation:
    """Load and check a dataset folder. Raises DataError (or TemplateError) listing every
    problem, each with its file, line, column and field; with strict, warnings are errors.
    With a locale, the dataset comes back with its text in that language
    (translations/<locale>.yaml), each missing translation a warning."""
    from reportgen.pipeline.build import validate as run  # deferred: `import reportgen` stays light

    loaded, warnings = run(Path(dataset), Path(templates), strict, locale)
    return Validation(loaded, list(warnings))


def _options(dataset: PathLike, templates: PathLike, out: PathLike, formats: Sequence[str],
             **more: Any) -> Any:
    from reportgen.pipeline.build import FORMATS, BuildOptions

    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise ValueError(f"unknown format(s) {unknown or '(none)'}; choose from {FORMATS}")
    return BuildOptions(data=Path(dataset), templates=Path(templates), out=Path(out),
                        formats=tuple(formats), **more)


def build(dataset: PathLike, *, templates: PathLike = SHIPPED_TEMPLATES, out: PathLike = "output",
          formats: Sequence[str] = ("docx", "pptx"), charts: str = "native",
          locale: str | None = None, strict: bool = False, force: bool = False,
          cache: PathLike | None = ".cache/charts") -> BuildResult:
    """Build the briefing and deck of a dataset into OUT/NAME/, unless they are up to date
    (force rebuilds anyway). Nothing is written unless every output was made; raises
    DataError, TemplateError or OutputError. locale: one edition (`az`: NAME-briefing.az.docx),
    or `all` the templates have a catalog for (LocaleError for one they have not)."""
    from reportgen.pipeline.build import batch_office, editions
    from reportgen.pipeline.build import build as run
    from reportgen.pipeline.build import check as stale

    options = _options(dataset, templates, out, formats, charts=charts, strict=strict,
                       cache=Path(cache) if cache else None)
    built = BuildResult([], [], [], up_to_date=True)
    todo = [e for e in editions(options, locale) if force or not stale(e).up_to_date]
    # Several editions share one LibreOffice; one builds with its own.
    with batch_office() if len(todo) > 1 else contextlib.nullcontext() as office:
        for edition in todo:
            result = run(edition, office=office)
            built = BuildResult(built.written + result.written, built.changes + result.changes,
                                built.warnings + result.warnings)
    return built


def check(dataset: PathLike, *, templates: PathLike = SHIPPED_TEMPLATES, out: PathLike = "output",
          formats: Sequence[str] = ("docx", "pptx"), locale: str | None = None) -> Staleness:
    """Whether the outputs of a dataset (of each edition locale names) are up to date; reads
    hashes only, writes nothing."""
    from reportgen.pipeline.build import check as run
    from reportgen.pipeline.build import editions

    stale = Staleness([], [], [])
    for edition in editions(_options(dataset, templates, out, formats), locale):
        found = run(edition)
        stale = Staleness(stale.missing + found.missing, stale.modified + found.modified,
                          stale.inputs + found.inputs)
    return stale


def diff(dataset: PathLike, *, templates: PathLike = SHIPPED_TEMPLATES,
         out: PathLike = "output", locale: str | None = None) -> list[str] | None:
    """What the data and templates change since the last build (of the edition locale names),
    one line per change (figures, events, sections); None when there is no previous build."""
    from reportgen.pipeline.build import diff as run
    from reportgen.pipeline.build import editions

    [edition] = editions(_options(dataset, templates, out, ("docx",)), locale)
    found = run(edition)
    return None if found is None else found[0]
