"""The public Python API (docs/api.md), which the package root `reportgen` hands out: `validate`,
`build`, `check` and `diff`, which take paths and return plain results, and the errors they
raise. Imported when one of them is first asked for, not by `import reportgen` nor the command
line, so that a no-op rebuild imports none of it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen.config import SHIPPED_TEMPLATES
from reportgen.errors import (
    DataError,
    LocaleError,
    OutputError,
    Problem,
    ReportgenError,
    TemplateError,
)
from reportgen.pipeline.build import BuildResult
from reportgen.pipeline.manifest import Staleness

if TYPE_CHECKING:
    from reportgen.dataset.models import Dataset
    from reportgen.pipeline.build import BuildOptions

__all__ = ["BuildResult", "DataError", "LocaleError", "OutputError", "Problem", "ReportgenError",
           "Staleness", "TemplateError", "Validation", "build", "check", "diff", "validate"]

PathLike = str | Path


@dataclass(frozen=True)
class Validation:
    """A dataset that passed validation, with its warnings (likely mistakes)."""

    dataset: Dataset
    warnings: list[Problem] = field(default_factory=list)


def validate(dataset: PathLike, *, templates: PathLike = SHIPPED_TEMPLATES,
             strict: bool = False, locale: str | None = None) -> Validation:
    """Load and check a dataset folder. Raises DataError (or TemplateError) listing every
    problem, each with its file, line, column and field; with strict, warnings are errors.
    With a locale, the dataset comes back with its text in that language
    (translations/<locale>.yaml), each missing translation a warning."""
    from reportgen.pipeline.build import validate as run  # deferred: pydantic, Babel

    loaded, warnings = run(Path(dataset), Path(templates), strict, locale)
    return Validation(loaded, list(warnings))


def _editions(dataset: PathLike, templates: PathLike, out: PathLike, formats: Sequence[str],
              locale: str | None, *, charts: str = "native", strict: bool = False,
              cache: Path | None = None) -> list[BuildOptions]:
    from reportgen.pipeline import plan  # deferred: `import reportgen` stays light

    return plan.editions(plan.options(Path(dataset), Path(templates), Path(out), formats,
                                      cache=cache, charts=charts, strict=strict), locale)


def build(dataset: PathLike, *, templates: PathLike = SHIPPED_TEMPLATES, out: PathLike = "output",
          formats: Sequence[str] = ("docx", "pptx"), charts: str = "native",
          locale: str | None = None, strict: bool = False, force: bool = False,
          cache: PathLike | None = ".cache/charts") -> BuildResult:
    """Build the briefing and deck of a dataset into OUT/NAME/, unless they are up to date
    (force rebuilds anyway). Nothing is written unless every output was made; raises
    DataError, TemplateError or OutputError. locale: one edition (`az`: NAME-briefing.az.docx),
    or `all` the templates have a catalog for (LocaleError for one they have not)."""
    from reportgen.pipeline import run  # deferred: the build's modules

    return run.build_all(_editions(dataset, templates, out, formats, locale, charts=charts,
                                   strict=strict, cache=Path(cache) if cache else None), force)


def check(dataset: PathLike, *, templates: PathLike = SHIPPED_TEMPLATES, out: PathLike = "output",
          formats: Sequence[str] = ("docx", "pptx"), locale: str | None = None) -> Staleness:
    """Whether the outputs of a dataset (of each edition locale names) are up to date; reads
    hashes only, writes nothing."""
    from reportgen.pipeline import run  # deferred: the build's modules

    return run.check_all(_editions(dataset, templates, out, formats, locale))


def diff(dataset: PathLike, *, templates: PathLike = SHIPPED_TEMPLATES,
         out: PathLike = "output", locale: str | None = None) -> list[str] | None:
    """What the data and templates change since the last build (of the edition locale names),
    one line per change (figures, events, sections); None when there is no previous build."""
    from reportgen.pipeline.build import diff as run  # deferred: pydantic, Babel, Jinja2

    [edition] = _editions(dataset, templates, out, ("docx",), locale)
    found = run(edition)
    return None if found is None else found[0]
