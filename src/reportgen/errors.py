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


def relpath(path: Path) -> str:
    """Show a path relative to the working directory when it lies below it, as users typed it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
