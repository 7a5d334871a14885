"""The report structure (templates/report.yaml): section order and the deck's slide sequence."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from reportgen.dataset.fields import Id, Strict
from reportgen.dataset.loading import load_yaml_model
from reportgen.errors import TemplateError

SlideContent = Literal["title", "agenda", "key_figures", "sections", "section", "timeline",
                       "sources", "closing"]


class SectionSpec(Strict):
    id: Id = Field(description="Section id; dataset items name it as their `area`.")
    title: str = Field(default="", description="Heading of the section in both documents.")
    template: str = Field(default="section.j2",
                          description="Narrative template in narrative/ (the dataset's, else "
                          "the shipped one).")
    heading_in_summary: bool = Field(default=True, description="Listed on the agenda slide.")


BriefingContent = Literal["sections", "key_figures", "timeline", "sources"]


class BriefingPart(Strict):
    content: BriefingContent = Field(description="What this part of the briefing shows.")
    sections: list[Id] = Field(default_factory=list, description="For content: sections.")

    @model_validator(mode="after")
    def _complete(self) -> BriefingPart:
        if self.content == "sections" and not self.sections:
            raise ValueError("content 'sections' needs a list of `sections`")
        return self


class SlideSpec(Strict):
    content: SlideContent = Field(description="What the slide (or run of slides) shows.")
    layout: str | None = Field(default=None, description="Slide layout name in deck.pptx.")
    section: Id | None = Field(default=None, description="For content: section.")
    sections: list[Id] = Field(default_factory=list, description="For content: sections.")
    chart_layout: str | None = Field(default=None, description="For sections: layout with chart.")
    text_layout: str | None = Field(default=None, description="For sections: layout without one.")
    divider_layout: str | None = Field(
        default=None, description="For section(s): a divider slide before each section.")

    @model_validator(mode="after")
    def _complete(self) -> SlideSpec:
        if self.content == "sections":
            if not self.sections:
                raise ValueError("content 'sections' needs a list of `sections`")
            if not (self.chart_layout or self.text_layout):
                raise ValueError("content 'sections' needs `chart_layout` or `text_layout`")
        elif self.content == "section" and not (self.section and self.layout):
            raise ValueError("content 'section' needs `section` and `layout`")
        elif self.content != "section" and not self.layout:
            raise ValueError(f"content '{self.content}' needs a `layout`")
        return self

    @property
    def layouts(self) -> list[str]:
        """Every layout name the entry uses."""
        names = (self.layout, self.chart_layout, self.text_layout, self.divider_layout)
        return [n for n in names if n]


class DeckLayout(Strict):
    """A layout name of the deck list, drawn on a house layout (`reportgen adopt` writes these)."""

    layout: str = Field(description="The house layout's name in deck.pptx.")
    placeholders: dict[str, int] = Field(
        default_factory=dict, description="Each part (Title, Subtitle, Body, Chart, Takeaways, "
        "Caption, Marking, Date, Figure N) and the index of the placeholder it goes in.")


class Structure(Strict):
    """templates/report.yaml."""

    sections: list[SectionSpec] = Field(min_length=1, description="Briefing sections in order.")
    deck: list[SlideSpec] = Field(min_length=1, description="Deck slides in order.")
    deck_layouts: dict[str, DeckLayout] = Field(
        default_factory=dict, description="The deck list's layout names mapped to a house "
        "deck's layouts and placeholders (written by `reportgen adopt`).")
    briefing: list[BriefingPart] = Field(
        default_factory=list, description="The briefing's parts in order; by default the first "
        "section, the key figures, the other sections, the timeline and the sources.")
    table_style: str = Field(default="Table Grid", description="Word table style for tables.")
    word: dict[str, str] = Field(
        default_factory=dict, description="The Word template's style for each role of the "
        "briefing (title, heading1, body, caption, …), where Word's built-in one is not it; "
        "`reportgen adopt` writes it (docs/templates.md).")

    @property
    def layouts(self) -> set[str]:
        """Every slide layout the deck uses: what the template must have (check and build)."""
        return {name for item in self.deck for name in item.layouts}

    @property
    def areas(self) -> set[str]:
        return {s.id for s in self.sections}

    @property
    def briefing_parts(self) -> list[BriefingPart]:
        """The briefing's parts as report.yaml lists them, or the default order."""
        if self.briefing:
            return self.briefing
        first, *rest = [s.id for s in self.sections]
        parts = [BriefingPart(content="sections", sections=[first]),
                 BriefingPart(content="key_figures")]
        parts += [BriefingPart(content="sections", sections=rest)] if rest else []
        return [*parts, BriefingPart(content="timeline"), BriefingPart(content="sources")]

    @model_validator(mode="after")
    def _known_sections(self) -> Structure:
        for name, items in (("deck", self.deck), ("briefing", self.briefing)):
            unknown = [section_id for item in items
                       for section_id in (*item.sections, getattr(item, "section", None))
                       if section_id and section_id not in self.areas]
            if unknown:
                raise ValueError(f"{name} names section(s) {', '.join(unknown)} that `sections` "
                                 f"does not define (defined: "
                                 f"{', '.join(s.id for s in self.sections)})")
        return self

    def section(self, section_id: str) -> SectionSpec | None:
        return next((s for s in self.sections if s.id == section_id), None)


def load_structure(templates: Path, dataset: Path | None = None) -> Structure:
    """templates/report.yaml, or the dataset's own report.yaml where it brings one."""
    own = dataset is not None and (dataset / "report.yaml").is_file()
    result: Structure = load_yaml_model((dataset if own and dataset else templates)
                                        / "report.yaml", Structure, TemplateError)
    template_keys = {"word", "table_style"} - result.model_fields_set
    if own and template_keys and (templates / "report.yaml").is_file():
        # What belongs to the Word template (its styles) comes with it, where the dataset's
        # own report.yaml does not say otherwise.
        shipped = load_yaml_model(templates / "report.yaml", Structure, TemplateError)
        result = result.model_copy(update={key: getattr(shipped, key) for key in template_keys})
    return result
