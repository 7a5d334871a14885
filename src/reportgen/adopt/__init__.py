"""`reportgen adopt`: take a publications unit's own Word or PowerPoint template into a templates folder."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportgen.errors import Problem, TemplateError, relpath

WORD_SUFFIXES = (".docx", ".dotx", ".docm", ".dotm")
DECK_SUFFIXES = (".pptx", ".potx", ".pptm", ".potm")


@dataclass
class Adoption:
    """What adopting one file did: where it went, each choice made, and what could not be mapped."""

    target: Path
    mapped: list[str] = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def adopt(source: Path, into: Path) -> Adoption:
    """Adopt `source` (a Word or PowerPoint file or template) into the templates folder `into`."""
    suffix = source.suffix.lower()
    if suffix in WORD_SUFFIXES:
        from reportgen.adopt.word import adopt_word  # each side imports only its own library

        return adopt_word(source, into)
    if suffix in DECK_SUFFIXES:
        from reportgen.adopt.deck import adopt_deck  # each side imports only its own library

        return adopt_deck(source, into)
    raise TemplateError([Problem(relpath(source), 0, 0, "", "not a Word or PowerPoint file",
                                 f"adopt takes {', '.join(WORD_SUFFIXES + DECK_SUFFIXES)}")])
