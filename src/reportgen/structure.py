"""The report structure (templates/report.yaml): section order and the deck's slide sequence."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field

from reportgen.model import Id, Strict

SlideContent = Literal["title", "agenda", "key_figures", "sections", "section", "timeline",
                       "sources", "closing"]


class SectionSpec(Strict):
    id: Id = Field(description="Section id; dataset items name it as their `area`.")
    template: str = Field(description="Narrative template in templates/narrative/.")
    heading_in_summary: bool = Field(default=True, description="Listed on the agenda slide.")


class SlideSpec(Strict):
    content: SlideContent = Field(description="What the slide (or run of slides) shows.")
    layout: str | None = Field(default=None, description="Slide layout name in deck.pptx.")
    section: Id | None = Field(default=None, description="For content: section.")
    sections: list[Id] = Field(default_factory=list, description="For content: sections.")
    chart_layout: str | None = Field(default=None, description="For sections: layout with chart.")
    text_layout: str | None = Field(default=None, description="For sections: layout without one.")


class Structure(Strict):
    """templates/report.yaml."""

    sections: list[SectionSpec] = Field(min_length=1, description="Briefing sections in order.")
    deck: list[SlideSpec] = Field(min_length=1, description="Deck slides in order.")
    table_style: str = Field(default="Table Grid", description="Word table style for tables.")

    @property
    def areas(self) -> set[str]:
        return {s.id for s in self.sections}


def load_structure(templates: Path) -> Structure:
    from reportgen.errors import TemplateError
    from reportgen.loader import load_yaml_model

    result: Structure = load_yaml_model(templates / "report.yaml", Structure, TemplateError)
    return result
