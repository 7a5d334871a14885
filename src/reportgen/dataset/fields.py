"""The types of a dataset's fields, apart from the files' models (models.py): ids, references,
prose, labels, periods, and the marks (Ref, ProseText, InYear, Translatable) that checks.py and
translations.py read off each field; `Strict`, the base of every model."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

# Ids are what templates and prose ({id}) refer to: lower-case letters, digits and underscores.
Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
# ProseField may name an entity as {entity_id}: its name (digits allowed) comes from entities.yaml.
PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")

_MONTH = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
Part = Literal["early", "mid", "late"]
Qualifier = Literal["exact", "about", "nearly", "more_than", "less_than", "up_to", "at_least"]
Status = Literal["actual", "expected", "planned", "scheduled", "target"]
Per = Literal["day", "week", "month", "year"]
# What a figure dated by a month or a day is (issue 21w): that period's own amount, a level at
# its end, or a running total up to it.
Measure = Literal["flow", "stock", "cumulative"]
# What a figure's own `sentence` may name, besides {entity_id}: filled in through the formatter.
SENTENCE_FIELDS = ("value", "period", "change", "direction", "label", "short_label", "noun",
                   "previous", "previous_period", "a", "b", "a_adjective", "b_adjective",
                   "when")


# What a field means beyond its type, declared on the field (typing.Annotated metadata, which
# pydantic keeps in FieldInfo.metadata and leaves out of the JSON Schema). dataset/checks.py walks
# every file's model and applies the check each mark declares, so a new field typed with one of
# the aliases below is checked without the checker naming it.
@dataclass(frozen=True)
class Ref:
    """The field holds the id of a `group` item defined elsewhere: a source, person, entity
    (person, organisation, place or document), metric, country (briefing.yaml), or an area
    (a section of report.yaml)."""

    group: str


@dataclass(frozen=True)
class ProseText:
    """The field is prose: no digits (figures go in metrics) unless `digits`, and a
    {placeholder} names an entity, unless it is one of `fields` (filled in by reportgen)."""

    fields: tuple[str, ...] = ()
    digits: bool = False


@dataclass(frozen=True)
class InYear:
    """The period must overlap the year the briefing reviews, unless the item's boolean field
    `unless` is set (a figure given for context)."""

    unless: str = ""


@dataclass(frozen=True)
class Translatable:
    """The field is text a reader sees: a translation (translations/<locale>.yaml) gives it in
    another language, and an edition in that language needs it."""


SourceRef = Annotated[Id, Ref("source")]
PersonRef = Annotated[Id, Ref("person")]
EntityRef = Annotated[Id, Ref("entity")]
MetricRef = Annotated[Id, Ref("metric")]
EventRef = Annotated[Id, Ref("event")]
CountryRef = Annotated[Id, Ref("country")]
AreaRef = Annotated[Id, Ref("area")]
ProseField = Annotated[str, ProseText(), Translatable()]
# A short label for charts and slides may hold a harmless number ("G20 summit", "Top 5 goods").
Label = Annotated[str, ProseText(digits=True), Translatable()]
# A figure's own sentence, which may also name the figure's SENTENCE_FIELDS.
SentenceProse = Annotated[str, ProseText(SENTENCE_FIELDS), Translatable()]
# Text a reader sees that is no prose: a name, a title, a marking (digits allowed).
Text = Annotated[str, Translatable()]


class Strict(BaseModel):
    """Base for every model: unknown keys are errors, so a typo never goes unnoticed; numbers
    are finite (no .nan, .inf or 1e400) and never a true or false."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    @field_validator("*", mode="before")
    @classmethod
    def _no_bool_as_number(cls, value: Any, info: ValidationInfo) -> Any:
        # Lax pydantic reads `true` as 1 where a number is expected (a figure shown as "$1").
        if isinstance(value, bool) and info.field_name is not None:
            annotation = cls.model_fields[info.field_name].annotation
            if annotation in (int, float, int | None, float | None):
                raise ValueError(f"expected a number, got {str(value).lower()}")
        return value


class Month(Strict):
    """A year, a month of a year, or a day of a month: written `2031`, `2031-04` or `2031-04-17`
    as the start or end of a Period."""

    year: int = Field(ge=1900, le=2200, description="The year, 1900 to 2200.")
    month: int | None = Field(default=None, ge=1, le=12, description="The month, 1 to 12.")
    day: int | None = Field(default=None, ge=1, le=31, description="The day of the month.")

    @classmethod
    def parse(cls, text: str) -> Month:
        match = _MONTH.match(text.strip())
        if not match:
            raise ValueError(f"'{text}' is not a year (YYYY), a month (YYYY-MM) or a day "
                             "(YYYY-MM-DD)")
        year, month, day = match.groups()
        return cls(year=int(year), month=int(month) if month else None,
                   day=int(day) if day else None)

    @model_validator(mode="after")
    def _real_day(self) -> Month:
        if self.day is not None and self.month is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            if self.day > last:
                raise ValueError(f"{self.year}-{self.month:02d} has {last} days, not {self.day}")
        return self

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        month = self.month or 12
        return dt.date(self.year, month,
                       self.day or calendar.monthrange(self.year, month)[1])

    def isoformat(self) -> str:
        """As written: `2031`, `2031-04` or `2031-04-17`."""
        return str(self.year) + "".join(f"-{n:02d}" for n in (self.month, self.day)
                                        if n is not None)

    @classmethod
    def read(cls, value: Any) -> Any:
        """A year, month or day as YAML gives it (an int, a text or, for a day, a date)."""
        if isinstance(value, dt.date):
            return cls(year=value.year, month=value.month, day=value.day)
        if isinstance(value, int) and not isinstance(value, bool):
            return cls(year=value)
        return cls.parse(value) if isinstance(value, str) else value


# A source's date: the day it was published, or only its month or year where that is all the
# source gives (`2031-04-17`, `2031-04`, `2031`).
Dated = Annotated[Month, BeforeValidator(Month.read), WithJsonSchema({
    "anyOf": [{"type": "string", "pattern": r"^\d{4}(-\d{1,2}(-\d{1,2})?)?$"},
              {"type": "integer"}]})]


class Period(Strict):
    """What a figure covers or when an event happened: a year, a month, a day or a span.

    Written as a year `2031`, a month `2031-04`, a day `2031-04-17` (quoted or not), a span
    `2031-01/2031-10` or `2010/2031` (several years), or as a mapping with `start`, `end` (each
    a year, month or day) and optional `start_part`/`end_part` (early, mid, late) for "late
    August to early September": `{start: 2031-08, end: 2031-09, start_part: late}`.
    """

    start: Month = Field(description="First year or month covered.")
    end: Month = Field(description="Last year or month covered (same as start for one month).")
    start_part: Part | None = Field(default=None, description="early, mid or late (start).")
    end_part: Part | None = Field(default=None, description="early, mid or late (end).")

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> dict[str, Any]:
        # As written in YAML: text or a year, or a mapping whose months are text too.
        month = {"anyOf": [{"type": "string", "pattern": r"^\d{4}(-\d{1,2}(-\d{1,2})?)?$"},
                           {"type": "integer"}]}
        part = {"enum": ["early", "mid", "late"]}
        return {
            "title": "Period",
            "description": "A year (2031), a month (2031-04), a day (2031-04-17, quoted or "
                           "not), a span "
                           "(2031-01/2031-10, 2010/2031), or {start, end, start_part, end_part}.",
            "anyOf": [
                {"type": "string",
                 "pattern": r"^\d{4}(-\d{1,2}(-\d{1,2})?)?(/\d{4}(-\d{1,2}(-\d{1,2})?)?)?$"},
                {"type": "integer"},
                {"type": "object", "additionalProperties": False, "required": ["start"],
                 "properties": {"start": month, "end": month, "start_part": part,
                                "end_part": part}},
            ],
        }

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        if isinstance(data, int | dt.date):  # YAML reads an unquoted 2031-04-17 as a date
            data = str(data)
        if isinstance(data, str):
            start, _, end = data.partition("/")
            return {"start": Month.parse(start), "end": Month.parse(end or start)}
        if isinstance(data, dict):
            data = dict(data)
            for key in ("start", "end"):
                if isinstance(data.get(key), str | int | dt.date):
                    data[key] = Month.parse(str(data[key]))
            data.setdefault("end", data.get("start"))
        return data

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end.last_day() < self.start.first_day():
            raise ValueError("the period ends before it starts")
        if (self.start.month is None) != (self.end.month is None):
            raise ValueError("start and end must both be years or both be months")
        return self

    @property
    def single(self) -> bool:
        return self.start == self.end

    @property
    def years(self) -> set[int]:
        return set(range(self.start.year, self.end.year + 1))


ReviewedPeriod = Annotated[Period, InYear()]
# A figure's period: within the year, unless the figure is given for context.
FigurePeriod = Annotated[Period, InYear(unless="context")]

# The description of every `publish:` field.
PUBLISH = "Shown in the outputs; `false` keeps an item out on purpose (the build then does not " \
          "require it to appear)."
