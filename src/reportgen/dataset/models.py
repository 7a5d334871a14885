"""The dataset schema: pydantic models for every file of a dataset, with descriptions. The types
of their fields (ids, references, prose, periods) are declared in fields.py."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)
from pydantic.config import JsonDict, JsonValue

from reportgen.dataset.fields import (
    SENTENCE_FIELDS,
    AreaRef,
    CountryRef,
    EntityRef,
    EventRef,
    FigurePeriod,
    Id,
    Label,
    MetricRef,
    Per,
    Period,
    PersonRef,
    ProseField,
    ProseText,
    Qualifier,
    ReviewedPeriod,
    SentenceProse,
    SourceRef,
    Status,
    Strict,
    Text,
)

SPECIAL_UNITS = ("count", "rank", "ordinal", "multiplier", "percent")
# The units whose value is a whole number, with the least it can be.
WHOLE_UNITS = {"count": 0, "rank": 1, "ordinal": 1}
PUBLISH = "Shown in the outputs; `false` keeps an item out on purpose (the build then does not " \
          "require it to appear)."


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


class Briefing(Strict):
    """briefing.yaml: what the briefing is about and what its cover says."""

    title: Text = Field(description="Document title: cover, page headers, document property.")
    subtitle: Text = Field(description="Line under the title on the cover and the title slide.")
    language: str = Field(default="en", description="Language of the outputs, e.g. `en`.")
    year: int = Field(ge=1900, le=2200, description="The year the briefing reviews.")
    as_of: Period = Field(description="The date or month the information is current to.")
    marking: Text = Field(description="Classification or distribution marking on every page.")
    organisation: Text = Field(description="Who compiled the briefing (author property, cover).")
    countries: list[Country] = Field(
        min_length=2, max_length=2, description="The two countries, in the order of the title."
    )
    occasion: Occasion | None = Field(default=None, description="The occasion the sources report.")


class Source(Strict):
    id: Id = Field(description="Short id that facts cite, e.g. `azeri_observer`.")
    publisher: Text = Field(description="Who published it.")
    title: str | None = Field(default=None, description="Headline, when the source has one.")
    author: str | None = Field(default=None, description="Byline, when the source has one.")
    author_role: str | None = Field(default=None, description="The author's role, as printed.")
    website: str | None = Field(default=None, description="Publisher's site, e.g. `report.az`.")
    url: str | None = Field(default=None, description="Address of the article, when known.")
    date: dt.date | None = Field(default=None, description="Publication date, when known.")
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
                    "signing", "summit", "ceremony"]


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
        "`meeting`, `visit`, `call`, `letter`, `speech`, `press_conference`, `signing`, `summit` "
        "or `ceremony`; it sets the sentence that tells it (\"X visited C on D for talks with "
        "Y\", \"In a letter to Y on D, …\").")
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
    outcomes: list[ProseField] = Field(default_factory=list,
                                  description="What it achieved, as prose.")
    part_of: EventRef | None = Field(
        default=None, description="The event it was part of (a meeting during a visit), where "
        "its period, section and people do not tell; it is then told within that event (one that "
        "is itself part of another is not).")
    publish: bool = Field(default=True, description=PUBLISH)
    sources: list[SourceRef] = Field(description="Ids of the sources that report it.")


class EventsFile(Strict):
    """events.yaml."""

    events: list[Event] = Field(default_factory=list, description="The year's events.")


# No figure of a briefing comes near it (world output is about 10^14 dollars); past it, number
# formatting loses digits or fails (1e308).
MAX_FIGURE = 1e15
# The same bound in the JSON Schema of each model with a figure `value`.
_FIGURE_SCHEMA: JsonDict = {"properties": {"value": {"exclusiveMinimum": -MAX_FIGURE,
                                           "exclusiveMaximum": MAX_FIGURE}}}

_WHOLE_SCHEMA: list[JsonValue] = [
    {"if": {"properties": {"unit": {"const": unit}}, "required": ["unit"]},
     "then": {"properties": {"value": {"type": "integer", "minimum": least}}}}
    for unit, least in WHOLE_UNITS.items()]


def _figure(value: float | None) -> float | None:
    if value is not None and abs(value) >= MAX_FIGURE:
        raise ValueError(f"{value:g} is too large for a figure (at most {MAX_FIGURE:g})")
    return value


class Change(Strict):
    # A change needs its percent or its amount (a number, not null), each within a figure's range.
    model_config = ConfigDict(json_schema_extra={"allOf": [
        _FIGURE_SCHEMA, {"properties": {"amount": {"exclusiveMinimum": -MAX_FIGURE,
                                                   "exclusiveMaximum": MAX_FIGURE}}},
        {"anyOf": [{"required": [key], "properties": {key: {"type": "number"}}}
                   for key in ("value", "amount")]}]})
    _value = field_validator("value", "amount")(_figure)

    value: float | None = Field(default=None,
                                description="Year-on-year change in percent: 12.5 for +12.5 %.")
    qualifier: Qualifier = Field(default="exact", description="The source's hedge, e.g. `nearly`.")
    amount: float | None = Field(
        default=None, description="The change as an amount, in the figure's unit (2600000000 "
        "for €2.6 billion): \"rose 5.7%, or €2.6 billion, to €49.4 billion\"; with no `value`, "
        "\"rose by $2.3 billion to $29.9 billion\".")
    amount_qualifier: Qualifier = Field(default="exact",
                                        description="The source's hedge on `amount`.")

    @model_validator(mode="after")
    def _value_or_amount(self) -> Change:
        if self.value is None and self.amount is None:
            raise ValueError("a change needs its `value` (in percent) or its `amount` (in the "
                             "figure's unit), or both")
        return self


class Alternative(Strict):
    value: float = Field(description="The figure as this source gives it, in the metric's unit.")
    qualifier: Qualifier = Field(default="exact", description="This source's hedge on it.")
    sources: list[SourceRef] = Field(min_length=1, description="The sources that give it.")


class Metric(Strict):
    # In the JSON Schema too: a count, rank or ordinal is a whole number (Metric._whole).
    model_config = ConfigDict(json_schema_extra={"allOf": [*_WHOLE_SCHEMA, _FIGURE_SCHEMA]})
    _value = field_validator("value")(_figure)

    id: Id = Field(description="Short id that templates and charts refer to.")
    area: AreaRef = Field(description="Section the figure belongs to, e.g. `economy`.")
    label: ProseField = Field(description="What the figure measures, in full (tables, notes).")
    short_label: Label = Field(description="Short label for charts and slides (numbers allowed: "
                               "`G20 summit`).")
    noun: ProseField | None = Field(default=None,
                               description="Plural noun for counts, e.g. `schools`.")
    verb: ProseField | None = Field(
        default=None, description="For a count of things done: what was done to them, as a "
        "past participle (`signed`, `launched`): \"five agreements were signed\"; without it a "
        "count reads as things that exist (\"there were 78 facilities\").")
    holder: ProseField | None = Field(
        default=None, description="For a rank: who or what holds it (`the UAE`); with `among`: "
        "\"the UAE ranked third among India's trading partners\".")
    among: ProseField | None = Field(
        default=None, description="For a rank: the group it is ranked in (`India's trading "
        "partners`).")
    within: Label | None = Field(
        default=None, description="For an ordinal: the series it counts in (`since 2015`, `in "
        "eight months`): \"was the fifth in eight months\".")
    by: int | None = Field(
        default=None, ge=1000, le=9999, description="For a target, plan or expectation dated by "
        "the day or month it was announced: the year it aims at (\"$2 billion by 2027\").")
    value: float | None = Field(
        default=None, description="The figure as reported, in `unit` (3750000000: $3.75 bn); "
        "left out for a figure reported only as a change (\"trade rose 8.3%\").")
    unit: str = Field(
        description="ISO currency code (USD), a unit symbol (MW, GW), or one of "
        + ", ".join(SPECIAL_UNITS)
        + "."
    )
    qualifier: Qualifier = Field(default="exact", description="The source's hedge on the value.")
    period: FigurePeriod = Field(
        description="What the figure covers (January–October is not the year).")
    context: bool = Field(
        default=False, description="Given for context: a figure for an earlier year, a total "
        "over several years or a target, whose period need not fall within the briefing's year.")
    compare_with: MetricRef | None = Field(
        default=None, description="The same measure for an earlier period, as reported (a "
        "`context` figure): the prose sets the two side by side.")
    per: Per | None = Field(
        default=None, description="A rate: per day, week, month or year (`3` flights a week).")
    change: Change | None = Field(default=None, description="Reported year-on-year change.")
    with_: list[MetricRef] = Field(
        default_factory=list, alias="with", description="Ids of figures of the same section "
        "told in this figure's sentence, as clauses, where the data cannot tell that they "
        "belong together: a rank `with: [visitors, visitor_share]` reads \"South Korea ranked "
        "first among Vietnam's tourist source markets in 2024, with 4.5 million visitors, 26% "
        "of foreign arrivals\".")
    status: Status = Field(default="actual",
                           description="actual, expected, planned, scheduled or target.")
    key: bool = Field(default=False, description="Shown among the key figures.")
    places: list[EntityRef] = Field(default_factory=list,
                                    description="Place ids the figure concerns.")
    sentence: SentenceProse | None = Field(
        default=None, description="The figure's own sentence, with placeholders filled in by "
        "reportgen: " + ", ".join(f"{{{f}}}" for f in SENTENCE_FIELDS) + " and {entity_id}.")
    alternatives: list[Alternative] = Field(
        default_factory=list, description="The same figure as other sources give it, when the "
        "sources disagree: each is shown, attributed.")
    publish: bool = Field(default=True, description=PUBLISH)
    sources: list[SourceRef] = Field(min_length=1, description="Ids of the sources that report it.")

    @model_validator(mode="after")
    def _value_or_change(self) -> Metric:
        if self.value is None and (self.change is None or self.change.value is None):
            raise ValueError("a figure needs a `value`, or a `change` when the source reports "
                             "only the change (the change's `value`, in percent)")
        if self.value is None and (self.alternatives or self.per):
            raise ValueError("`alternatives` and `per` need a `value`")
        if self.compare_with == self.id:
            raise ValueError("`compare_with` names the figure itself")
        return self

    @field_validator("unit")
    @classmethod
    def _unit(cls, unit: str) -> str:
        if not unit.strip():
            raise ValueError("unit is empty")
        return unit

    @model_validator(mode="after")
    def _whole(self) -> Metric:
        # A rank of 2.5 is no "second-largest", an ordinal 0 no "0th": whole numbers from 1.
        if self.unit == "count" and self.value is not None and self.value < 0:
            raise ValueError(f"a count cannot be negative, got {self.value:g}: a fall is "
                             "given as `change`, a net figure (a balance) in its own unit")
        if self.unit in WHOLE_UNITS and self.value is not None and (
                self.value != int(self.value) or self.value < WHOLE_UNITS[self.unit]):
            article = "an" if self.unit[0] in "aeiou" else "a"
            raise ValueError(f"{article} {self.unit} is a whole number of at least "
                             f"{WHOLE_UNITS[self.unit]}, got {self.value:g}")
        return self


class MetricsFile(Strict):
    """metrics.yaml."""

    metrics: list[Metric] = Field(default_factory=list, description="Every figure quoted.")


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
