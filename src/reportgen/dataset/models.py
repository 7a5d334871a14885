"""The dataset schema: pydantic models for every file of a dataset, with descriptions. The types
of their fields (ids, references, prose, periods) are declared in fields.py."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from reportgen.dataset.fields import (
    PUBLISH,
    AreaRef,
    CountryRef,
    Dated,
    EntityRef,
    EventRef,
    Id,
    MetricRef,
    Period,
    PersonRef,
    ProseField,
    ProseText,
    ReviewedPeriod,
    SourceRef,
    Strict,
    Text,
)

# metrics.yaml's models are declared in metrics.py. Two re-exports remain for the last two modules
# that import them from here, report/formatting.py (SPECIAL_UNITS) and report/together_notes.py
# (Metric); when they name dataset.metrics, these lines go.
from reportgen.dataset.metrics import SPECIAL_UNITS as SPECIAL_UNITS
from reportgen.dataset.metrics import Metric as Metric
from reportgen.dataset.metrics import MetricsFile


class Country(Strict):
    id: Id = Field(description="Short id used elsewhere in the dataset, e.g. `cn`.")
    name: Text = Field(description="Common name, e.g. `Freedonia`.")
    long_name: Text = Field(description="Formal name, e.g. `Republic of Freedonia`.")
    adjective: Text = Field(description="Adjective, e.g. `Freedonian`.")


class Occasion(Strict):
    name: Text = Field(description="What the occasion was, e.g. `year-end press briefing`.")
    speaker: PersonRef = Field(description="Person id of the main speaker (entities.yaml people).")
    speakers: list[PersonRef] = Field(default_factory=list,
                                      description="Further speakers, when there were several.")
    venue: EntityRef | None = Field(default=None, description="Organisation id of the venue.")
    place: EntityRef | None = Field(default=None, description="Place id where it was held.")
    period: Period = Field(description="When it was held, to the precision the sources give.")
    weekday: int | None = Field(default=None, ge=1, le=7, description="ISO weekday (1 = Monday).")
    audience: Text | None = Field(default=None, description="Who attended, as prose.")
    sources: list[SourceRef] = Field(description="Ids of the sources that report it.")


class SectionTitle(Strict):
    id: AreaRef = Field(description="The section's id, as items name it in `area` "
                        "(`politics`).")
    title: Text = Field(description="Its heading in both documents, in place of the "
                        "shipped one (`Politics and security`).")


class Briefing(Strict):
    """briefing.yaml: what the briefing is about and what its cover says."""

    title: Text = Field(description="Document title: cover, page headers, document property.")
    subtitle: Text = Field(description="Line under the title on the cover and the title slide.")
    language: str = Field(default="en", description="Language of the outputs, e.g. `en`.")
    year: int = Field(ge=1900, le=2200, description="The year the briefing reviews.")
    as_of: Period = Field(description="The date or month the information is current to; "
                          "it may fall after `year` (a review of 2031 current to `2032-02`).")
    marking: Text = Field(description="Classification or distribution marking on every page.")
    organisation: Text = Field(description="Who compiled the briefing (author property, cover).")
    countries: list[Country] = Field(
        min_length=2, max_length=2, description="The two countries, in the order of the title."
    )
    occasion: Occasion | None = Field(default=None, description="The occasion the sources report.")
    sections: list[SectionTitle] = Field(
        default_factory=list, description="Headings of the year's own, where the shipped "
        "section titles do not fit it (`- {id: politics, title: Politics and security}`).")

    def section_title(self, section_id: str) -> str | None:
        """The dataset's own heading for a section, if it gives one."""
        return next((s.title for s in self.sections if s.id == section_id), None)


class Source(Strict):
    id: Id = Field(description="Short id that facts cite, e.g. `azeri_observer`.")
    publisher: Text = Field(description="Who published it.")
    title: str | None = Field(default=None, description="Headline, when the source has one.")
    author: str | None = Field(default=None, description="Byline, when the source has one.")
    author_role: str | None = Field(default=None, description="The author's role, as printed.")
    website: str | None = Field(default=None, description="Publisher's site, e.g. `report.az`.")
    url: str | None = Field(default=None, description="Address of the article, when known.")
    date: Dated | None = Field(
        default=None, description="Publication date, when known: the day (`2031-04-17`), or "
        "the month (`2031-04`) or year (`2031`) where the source gives only that.")
    language: str | None = Field(
        default=None, description="The language the source is written in, when not the "
        "dataset's, e.g. `ru`: its title is tagged so in both documents.")
    kind: str = Field(default="news report", description="What it is, e.g. `news report`.")
    description: Text = Field(description="One sentence on what the source covers.")
    file: str | None = Field(default=None, description="Local copy of the text, for reviewers: "
                             "a path inside the dataset folder, e.g. `sources/article.txt` "
                             "(checked: present, UTF-8 text).")
    via: Text | None = Field(default=None, description="Whom the source itself cites for its "
                            "figures, e.g. `Kazinform` for \"according to Kazinform\".")


class SourcesFile(Strict):
    """sources.yaml."""

    sources: list[Source] = Field(min_length=1, description="Every source the dataset cites.")


class Entity(Strict):
    id: Id = Field(description="Short id used elsewhere in the dataset.")
    name: Text = Field(description="Name as the sources give it (may contain numbers).")
    sources: list[SourceRef] = Field(description="Ids of the sources that name it.")


class Person(Entity):
    role: Text = Field(description="Office or role, as the sources give it.")
    country: CountryRef | None = Field(default=None,
                                       description="Country id the person represents.")


class Organisation(Entity):
    short_name: Text | None = Field(default=None, description="Abbreviation, e.g. `SCO`.")


class EntitiesFile(Strict):
    """entities.yaml: the people, organisations, places and documents the sources name."""

    people: list[Person] = Field(default_factory=list, description="Named people.")
    organisations: list[Organisation] = Field(default_factory=list, description="Organisations.")
    places: list[Entity] = Field(default_factory=list, description="Cities, regions, corridors.")
    documents: list[Entity] = Field(
        default_factory=list, description="Agreements, plans, initiatives, strategies."
    )


EventKind = Literal["meeting", "visit", "call", "letter", "speech", "press_conference",
                    "signing", "summit", "ceremony", "clash", "ceasefire", "closure",
                    "suspension"]


class Event(Strict):
    id: Id = Field(description="Short id.")
    area: AreaRef = Field(description="Section the event belongs to, e.g. `politics`.")
    title: ProseField = Field(description="Full title, for the timeline table.")
    short_title: ProseField = Field(description="Short title, for the timeline chart.")
    period: ReviewedPeriod = Field(
        description="When it happened, to the precision the sources give.")
    high_level: bool = Field(default=False, description="Shown on the timeline chart.")
    kind: EventKind | None = Field(
        default=None, description="What kind of event it was, where its title does not say: "
        "`meeting`, `visit`, `call`, `letter`, `speech`, `press_conference`, `signing`, `summit`, "
        "`ceremony`, or for what is not diplomacy `clash` (fighting), `ceasefire`, `closure`, "
        "`suspension`; it sets the sentence that tells it (\"X visited C on D for talks with "
        "Y\", \"In a letter to Y on D, …\", \"A and B forces clashed on D\").")
    participants: list[PersonRef] = Field(default_factory=list, description="Person ids.")
    places: list[EntityRef] = Field(default_factory=list, description="Place ids.")
    organisations: list[EntityRef] = Field(default_factory=list,
                                           description="Organisation ids.")
    documents: list[EntityRef] = Field(default_factory=list,
                                       description="Documents signed or discussed.")
    metrics: list[MetricRef] = Field(default_factory=list,
                                     description="Metric ids that quantify it.")
    anniversary: int | None = Field(default=None, ge=1, description="Anniversary it marks, if any.")
    commemorates: ProseField | None = Field(default=None,
                                       description="What the anniversary commemorates.")
    outcomes: list[ProseField] = Field(
        default_factory=list, description="What it achieved, as prose: a clause (\"the two "
        "governments agreed to …\") or a noun phrase the briefing reads as what the parties did "
        "(\"the signing of …\", \"the conclusion of …\", \"an agreement on …\"); `validate` "
        "names one it cannot read.")
    part_of: EventRef | None = Field(
        default=None, description="The event it was part of (a meeting during a visit), where "
        "its period, section and people do not tell; it is then told within that event (one that "
        "is itself part of another is not).")
    publish: bool = Field(default=True, description=PUBLISH)
    sources: list[SourceRef] = Field(description="Ids of the sources that report it.")


class EventsFile(Strict):
    """events.yaml."""

    events: list[Event] = Field(default_factory=list, description="The year's events.")


FactKind = Literal["statement", "assessment", "quote", "position", "outlook"]


class Original(Strict):
    language: str = Field(description="Language the words were spoken or written in, e.g. `zh`.")
    # Checked as prose, but never translated: these are the speaker's own words.
    text: Annotated[str, ProseText()] = Field(
        description="The quote in that language, as the source gives it, with the same "
        "{references} as the fact's `text`.")


class Fact(Strict):
    id: Id = Field(description="Short id that templates refer to.")
    area: AreaRef = Field(description="Section the fact belongs to.")
    kind: FactKind = Field(description="statement, assessment, quote, position or outlook.")
    text: ProseField = Field(
        description="The fact as prose, without digits (figures go in metrics).")
    speaker: PersonRef | None = Field(default=None,
                                      description="Person id, for quotes and positions.")
    original: Original | None = Field(
        default=None, description="A quote's original-language form, where the source gives "
        "it: the edition in that language shows it instead of a translation.")
    year: int | None = Field(default=None, description="The year an outlook refers to.")
    publish: bool = Field(default=True, description=PUBLISH)
    sources: list[SourceRef] = Field(min_length=1, description="Ids of the sources that report it.")


class FactsFile(Strict):
    """facts.yaml."""

    facts: list[Fact] = Field(default_factory=list, description="Qualitative facts per area.")


class SeriesColumn(Strict):
    name: str = Field(description="Column header in the CSV file.")
    label: Text = Field(description="What the column measures, for charts and tables.")
    unit: str = Field(description="Unit of the column's values, as for a metric's `unit`.")


class Series(Strict):
    id: Id = Field(description="Short id that charts refer to.")
    area: AreaRef = Field(description="Section the series belongs to.")
    label: Text = Field(description="What the series shows, for its table and chart.")
    file: str = Field(description="CSV file in the dataset folder, with a header row.")
    period_column: str = Field(default="period", description="Column holding each row's period.")
    columns: list[SeriesColumn] = Field(min_length=1, description="The value columns, declared.")
    publish: bool = Field(default=True, description=PUBLISH)
    sources: list[SourceRef] = Field(min_length=1, description="Ids of the sources of the figures.")


class SeriesFile(Strict):
    """series.yaml: tabular series kept in CSV files, with declared columns and units."""

    series: list[Series] = Field(default_factory=list, description="Series read from CSV.")


class SeriesRow(BaseModel):
    """One validated CSV row: its period and its values by column name."""

    model_config = ConfigDict(frozen=True)

    period: Period
    values: dict[str, float]


ChartKind = Literal["comparison", "bars", "growth", "timeline", "series"]


class Chart(Strict):
    id: Id = Field(description="Short id.")
    area: AreaRef = Field(description="Section the chart is placed in.")
    kind: ChartKind = Field(description="comparison, bars, growth, timeline or series.")
    title: ProseField = Field(
        description="Chart title; the caption adds periods and estimate labels.")
    metrics: list[MetricRef] = Field(default_factory=list, description="Metric ids charted.")
    series: Id | None = Field(default=None, description="For kind series: the series id.")
    column: str | None = Field(default=None, description="For kind series: the column charted.")


class ChartsFile(Strict):
    """charts.yaml."""

    charts: list[Chart] = Field(default_factory=list, description="Charts in both documents.")


# The files of a dataset folder and the model each is read with, in reading order.
DATASET_FILES: dict[str, type[Strict]] = {
    "briefing.yaml": Briefing,
    "sources.yaml": SourcesFile,
    "entities.yaml": EntitiesFile,
    "events.yaml": EventsFile,
    "metrics.yaml": MetricsFile,
    "facts.yaml": FactsFile,
    "charts.yaml": ChartsFile,
    "series.yaml": SeriesFile,
}
REQUIRED_FILES = ("briefing.yaml", "sources.yaml", "metrics.yaml")


class Edition(BaseModel):
    """The language a loaded dataset's text is in, when it is not the dataset's own, and which
    of its text fields ("metrics.yaml bilateral_trade.label") are unreviewed or untranslated."""

    model_config = ConfigDict(frozen=True)

    locale: str
    original: str = Field(description="The dataset's own language, which untranslated text "
                          "is shown in.")
    unreviewed: tuple[str, ...] = ()
    untranslated: tuple[str, ...] = ()


class Dataset(BaseModel):
    """A whole, validated dataset folder."""

    model_config = ConfigDict(frozen=True)

    name: str
    briefing: Briefing
    sources: list[Source]
    people: list[Person]
    organisations: list[Organisation]
    places: list[Entity]
    documents: list[Entity]
    events: list[Event]
    metrics: list[Metric]
    facts: list[Fact]
    charts: list[Chart]
    series: list[Series] = []
    series_rows: dict[str, list[SeriesRow]] = {}
    # "metrics:trade" → (file, line, field path): where each item was written, for located errors
    locations: dict[str, tuple[str, int, str]] = {}
    # The language of its text when not the dataset's own (load_dataset(locale=...)).
    edition: Edition | None = None

    def entity(self, entity_id: Id) -> Entity:
        for group in (self.people, self.organisations, self.places, self.documents):
            for item in group:
                if item.id == entity_id:
                    return item
        raise KeyError(entity_id)
