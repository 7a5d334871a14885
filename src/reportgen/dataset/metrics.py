"""metrics.yaml's models: a metric (one measured value, with its period, change, alternatives and
sources), the bounds of a figure and the units reportgen reads itself. models.py declares the
dataset's other files and the whole Dataset."""

from __future__ import annotations

from pydantic import ConfigDict, Field, field_validator, model_validator
from pydantic.config import JsonDict, JsonValue

from reportgen.dataset.fields import (
    PUBLISH,
    SENTENCE_FIELDS,
    AreaRef,
    EntityRef,
    FigurePeriod,
    Id,
    Label,
    Measure,
    MetricRef,
    Per,
    ProseField,
    Qualifier,
    SentenceProse,
    SourceRef,
    Status,
    Strict,
)

SPECIAL_UNITS = ("count", "rank", "ordinal", "multiplier", "percent")
# The units whose value is a whole number, with the least it can be.
WHOLE_UNITS = {"count": 0, "rank": 1, "ordinal": 1}
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

# `announced: true` only on a plan, target or expectation with no `by` (Metric._value_or_change).
_ANNOUNCED_SCHEMA: JsonDict = {
    "if": {"properties": {"announced": {"const": True}}, "required": ["announced"]},
    "then": {"required": ["status"], "not": {"required": ["by"]},
             "properties": {"status": {"enum": ["planned", "target", "expected"]}}}}


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
        "\"rose by $2.3 billion to $29.9 billion\"; on a figure with no `value` either, "
        "\"fell by 111,700 tonnes\".")
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
    model_config = ConfigDict(json_schema_extra={"allOf": [*_WHOLE_SCHEMA, _FIGURE_SCHEMA,
                                                           _ANNOUNCED_SCHEMA]})
    _value = field_validator("value", "value_to")(_figure)

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
    announced: bool = Field(
        default=False, description="For a target, plan or expectation dated by the day or "
        "month it was announced, when the source names no year it aims at: `true` says the "
        "month is right (\"Plans announced in May 2027 put …\"), and `validate` stops its note.")
    value: float | None = Field(
        default=None, description="The figure as reported, in `unit` (3750000000: $3.75 bn); "
        "left out for a figure reported only as a change (\"trade rose 8.3%\").")
    value_to: float | None = Field(
        default=None, description="The top of a range the source gives, in `unit`, above "
        "`value` (its bottom): \"between 4 and 5 million t\" is `value: 4000000`, `value_to: "
        "5000000`, told \"4–5 million tonnes\". Not with `change`, `compare_with` or "
        "`alternatives`, nor for a rank, ordinal or multiplier; a chart shows `value`.")
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
    measure: Measure | None = Field(
        default=None, description="What a figure dated by a month or a day is, where its "
        "label cannot say: `flow`, that period's own amount (\"exports totalled $1 billion in "
        "May 2031\"); `stock`, a level at that date (\"as of May 2031, 1,000 companies "
        "operated …\"); `cumulative`, a running total up to it (\"… totalled $20.2 billion by "
        "May 2031\"; with `since`, \"between 2024 and May 2031\").")
    since: int | None = Field(
        default=None, ge=1000, le=9999, description="For a `cumulative` figure: the year the "
        "total runs from (\"between 2024 and May 2031\").")
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

    @property
    def percent_change(self) -> float | None:
        """The reported change in percent, where there is one (what a growth chart shows)."""
        return self.change.value if self.change else None

    @model_validator(mode="after")
    def _value_or_change(self) -> Metric:
        if self.value is None and (self.change is None or (self.change.value is None
                                                           and self.change.amount is None)):
            raise ValueError("a figure needs a `value`, or a `change` when the source reports "
                             "only the change (its `value` in percent, or its `amount` in the "
                             "figure's unit)")
        if self.value is None and (self.alternatives or self.per):
            raise ValueError("`alternatives` and `per` need a `value`")
        if self.announced and (self.by or self.status not in ("planned", "target", "expected")):
            raise ValueError("`announced: true` is for a plan, target or expectation whose source "
                             "names no year it aims at: remove `announced`, or remove `by:`")
        if self.since is not None and self.measure != "cumulative":
            raise ValueError("`since` is the year a running total starts from: add `measure: "
                             "cumulative`, or remove `since`")
        if self.compare_with == self.id:
            raise ValueError("`compare_with` names the figure itself")
        self._range()
        return self

    def _range(self) -> None:
        """A range (`value_to`) is a value's bottom and top, told "4–5 million tonnes"."""
        if self.value_to is None:
            return
        if self.value is None or self.value_to <= self.value:
            raise ValueError("`value_to` is the top of a range whose bottom is `value`: give "
                             "both, `value_to` the larger (`value: 4000000`, `value_to: "
                             "5000000` for \"between 4 and 5 million t\")")
        if self.change or self.compare_with or self.alternatives \
                or self.unit in ("rank", "ordinal", "multiplier"):
            raise ValueError("a range (`value_to`) is told as it is: remove `change`, "
                             "`compare_with` or `alternatives`, or give one value; a rank, "
                             "ordinal or multiplier has no range")

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

