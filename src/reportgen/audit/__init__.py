"""The accessibility check of the generated briefing and deck themselves (docs/accessibility.md).

It reads the finished files back, as an assistive technology or a converter would, and reports
each finding at its paragraph or slide; the build runs it on what it is about to write.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from reportgen.audit.briefing import audit_briefing
from reportgen.audit.deck import audit_deck
from reportgen.errors import Problem, relpath

AUDITS = {"docx": audit_briefing, "pptx": audit_deck}


def audit(documents: Mapping[str, bytes], names: Mapping[str, str],
          language: str | None = None) -> list[Problem]:
    """The findings of every .docx and .pptx among documents (format → bytes), each located
    in the file names gives it; language, when given, is the one the documents are written in
    (the dataset's `language:`), which their language tags must name."""
    return [found for kind, data in documents.items() if kind in AUDITS
            for found in AUDITS[kind](data, names[kind], language)]


def audit_files(paths: Mapping[str, Path], language: str | None = None) -> list[Problem]:
    """`reportgen audit`: the findings of built files (format → path), located in each."""
    return audit({kind: path.read_bytes() for kind, path in paths.items()},
                 {kind: relpath(path) for kind, path in paths.items()}, language)


__all__ = ["audit", "audit_briefing", "audit_deck", "audit_files"]
