"""The one exception family of reportgen; only the CLI turns these into messages and exit codes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the user's input, located as precisely as the input allows."""

    file: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""
    warning: bool = False  # a likely mistake that does not stop the build (unless --strict)

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}:{self.column or 1}"
        text = f"{where}: {self.field}: " if self.field else f"{where}: "
        text += ("warning: " if self.warning else "") + self.message
        return f"{text} ({self.hint})" if self.hint else text


class ReportgenError(Exception):
    """Base class: every error reportgen raises for a user's mistake or environment."""


class ProblemsError(ReportgenError):
    """Several located problems, reported together."""

    kind = "problem"

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class DataError(ProblemsError):
    """The dataset is malformed or inconsistent."""

    kind = "data"


class TemplateError(ProblemsError):
    """A template (narrative, catalog, Word or PowerPoint) is missing something or is broken."""

    kind = "template"


class OutputError(ReportgenError):
    """An output could not be written or converted."""


class LocaleError(ReportgenError):
    """An edition was asked for in a language the templates have no wording catalog for."""


def relpath(path: Path) -> str:
    """Show a path relative to the working directory when it lies below it, as users typed it."""
    # The folder is resolved, never the file itself: a symlink is shown by its own name, not as
    # the file it points to (which may lie outside the dataset, or nowhere).
    try:
        return str((path.parent.resolve() / path.name).relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):
        return str(path)


def unreadable_template(path: Path, kind: str, exc: BaseException) -> TemplateError:
    """A Word or PowerPoint template that does not open (not a zip, cut short, the other kind,
    broken XML inside), as one located problem instead of the library's traceback."""
    detail = " ".join(str(exc).split())[:200] or type(exc).__name__
    if "Package not found" in detail or "zip" in detail.lower():
        detail = "not a complete Office file (cut short, or not a zip archive at all)"
    return TemplateError([Problem(relpath(path), 0, 0, "", f"not a usable {kind} template: "
                                  f"{detail}", f"restore it from a copy, or save it again as a "
                                  f"{kind} file from the application")])
