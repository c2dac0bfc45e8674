"""What the day log accepts and returns (API bodies, forms and CLI input share these).

Dated entries take ``at`` (a clock time; without a zone it is read in the person's zone) and/or
``day`` (the person's local date). With neither, the entry is for today. Times before 04:00 belong
to the day before (a drink at 00:30 precedes that night's sleep). A workout's time is
``started_at``, as GET returns it (``at`` is its old name).

Every input takes the fields its GET body holds (docs/api.md): what the server computes (a
workout's effort and load, a sleep's hours) is accepted and ignored, an ``id`` must be the one in
the address.

The entries' public schemas read a stored row as it is (``from_attributes``:
``ActivityPublic.model_validate(row)``); their fields are the row's columns and properties.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from nightcramps.content.grades import Grade
from nightcramps.daylog.constants import (
    INTENSITY_WORDS,
    MAX_CAFFEINE_MG_PER_ENTRY,
    MAX_DRINKS_PER_ENTRY,
    MAX_STANDING_SITTING_H,
    MAX_STEPS_PER_DAY,
    MAX_STRETCH_MIN,
    MAX_UNITS_PER_ENTRY,
    MAX_WORKOUT_MIN,
)
from nightcramps.inputs import Input, fixed, read_only, renamed

EvidenceGrade = Grade
"""The product's evidence grades, defined once in ``nightcramps.content.grades``."""
Effort = Literal["light", "moderate", "vigorous"]


Notes = Annotated[str, Field(max_length=2000)]


def _intensity_words(value: Any) -> Any:
    """Accept 'light', 'moderate' or 'vigorous' for the 0-10 scale."""
    if isinstance(value, str):
        word = value.strip().lower()
        if word in INTENSITY_WORDS:
            return INTENSITY_WORDS[word]
        if not word.lstrip("-").isdigit():
            raise ValueError(
                f"give a number from 0 to 10 or one of light, moderate, vigorous (not {value!r})"
            )
    return value


Intensity = Annotated[
    int,
    BeforeValidator(_intensity_words),
    Field(
        ge=0,
        le=10,
        description=(
            "Effort relative to your own capacity, 0-10, or light (3), moderate (5), vigorous (7)."
        ),
    ),
]
WorkoutMin = Annotated[
    float, Field(gt=0, le=MAX_WORKOUT_MIN, description="Minutes of exercise (at most 1,440).")
]
StretchMin = Annotated[
    float, Field(gt=0, le=MAX_STRETCH_MIN, description="Minutes spent stretching.")
]
Hours = Annotated[float, Field(ge=0, le=MAX_STANDING_SITTING_H)]


def _clean_text(value: Any) -> Any:
    return " ".join(value.split()) if isinstance(value, str) else value


Label = Annotated[str, BeforeValidator(_clean_text), Field(max_length=50)]

ENTRY_ID = "The entry's number, as in the address."
WORKOUT_AT = "When the workout started; without a zone it is read in your time zone."


class _Dated(Input):
    at: datetime | None = Field(
        default=None,
        description="When; without a zone it is read in your time zone.",
    )
    day: date | None = Field(
        default=None,
        description="The local day (YYYY-MM-DD) when the time is not given. Default: today.",
    )


# ---------------------------------------------------------------------------- activity


class _ActivityComputed(Input):
    effort: Effort | None = read_only("light, moderate or vigorous, from intensity_0_10.")
    load: float | None = read_only("duration_min x intensity_0_10.")


class ActivityCreate(_Dated, _ActivityComputed):
    """A workout or some light exercise."""

    at: datetime | None = Field(
        default=None, validation_alias=renamed("started_at", "at"), description=WORKOUT_AT
    )
    activity_type: Annotated[
        str,
        BeforeValidator(_clean_text),
        Field(min_length=1, max_length=50, description="walking, running, cycling, gym, ..."),
    ]
    duration_min: WorkoutMin
    intensity_0_10: Intensity

    notes: Notes = ""

    @field_validator("activity_type")
    @classmethod
    def _lower(cls, value: str) -> str:
        return value.lower()


class ActivityUpdate(_ActivityComputed):
    """Changes to a workout; fields left out stay as they are."""

    id: int | None = fixed(ENTRY_ID)
    at: datetime | None = Field(
        default=None, validation_alias=renamed("started_at", "at"), description=WORKOUT_AT
    )
    day: date | None = None
    activity_type: (
        Annotated[str, BeforeValidator(_clean_text), Field(min_length=1, max_length=50)] | None
    ) = None
    duration_min: WorkoutMin | None = None
    intensity_0_10: Intensity | None = None
    notes: Notes | None = None


class ActivityPublic(BaseModel):
    """A workout as returned by the API and the CLI."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    day: date
    started_at: datetime | None
    activity_type: str
    duration_min: float
    intensity_0_10: int
    effort: Effort = Field(description="light (0-4), moderate (5-6) or vigorous (7-10)")
    load: float = Field(description="duration_min x intensity_0_10 (session-RPE load)")
    notes: str


# ---------------------------------------------------------------------------- stretching


class StretchCreate(_Dated):
    """A stretching routine done (the bedtime-routine page logs one when it is finished)."""

    routine: Annotated[
        str,
        BeforeValidator(_clean_text),
        Field(min_length=1, max_length=100, description="Which routine, e.g. 'bedtime calf'."),
    ]
    duration_min: StretchMin | None = None


class StretchUpdate(Input):
    """Changes to a stretching session."""

    id: int | None = fixed(ENTRY_ID)
    at: datetime | None = None
    day: date | None = None
    routine: (
        Annotated[str, BeforeValidator(_clean_text), Field(min_length=1, max_length=100)] | None
    ) = None
    duration_min: StretchMin | None = None


class StretchPublic(BaseModel):
    """A stretching session."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    day: date
    at: datetime | None
    routine: str
    duration_min: float | None


# ---------------------------------------------------------------------------- alcohol, caffeine


class AlcoholCreate(_Dated):
    """Alcoholic drinks; standard units if you know them (they differ between countries)."""

    drinks: Annotated[float, Field(gt=0, le=MAX_DRINKS_PER_ENTRY, description="Number of drinks.")]
    standard_units: (
        Annotated[
            float, Field(gt=0, le=MAX_UNITS_PER_ENTRY, description="Standard units, if known.")
        ]
        | None
    ) = None
    kind: Label = ""


class AlcoholUpdate(Input):
    """Changes to an alcohol entry."""

    id: int | None = fixed(ENTRY_ID)
    at: datetime | None = None
    day: date | None = None
    drinks: Annotated[float, Field(gt=0, le=MAX_DRINKS_PER_ENTRY)] | None = None
    standard_units: Annotated[float, Field(gt=0, le=MAX_UNITS_PER_ENTRY)] | None = None
    kind: Label | None = None


class AlcoholPublic(BaseModel):
    """An alcohol entry."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    day: date
    at: datetime | None
    drinks: float
    standard_units: float | None
    kind: str


class CaffeineCreate(_Dated):
    """Caffeine in milligrams, e.g. coffee 95 mg."""

    caffeine_mg: Annotated[
        float, Field(gt=0, le=MAX_CAFFEINE_MG_PER_ENTRY, description="Milligrams of caffeine.")
    ]
    source: Label = ""


class CaffeineUpdate(Input):
    """Changes to a caffeine entry."""

    id: int | None = fixed(ENTRY_ID)
    at: datetime | None = None
    day: date | None = None
    caffeine_mg: Annotated[float, Field(gt=0, le=MAX_CAFFEINE_MG_PER_ENTRY)] | None = None
    source: Label | None = None


class CaffeinePublic(BaseModel):
    """A caffeine entry."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    day: date
    at: datetime | None
    caffeine_mg: float
    source: str


# ---------------------------------------------------------------------------- sleep


class _SleepComputed(Input):
    day: date | None = Field(
        default=None,
        exclude=True,
        description="The day the sleep ends in; it follows wake_at, and must agree with it.",
    )
    sleep_h: float | None = read_only("the hours from bed_at to wake_at.")


class SleepCreate(_SleepComputed):
    """One sleep. It belongs to the day it ends in (last night's sleep is today's)."""

    bed_at: datetime = Field(description="When you went to sleep; no zone means your zone.")
    wake_at: datetime = Field(description="When you woke up for the day.")


class SleepUpdate(_SleepComputed):
    """Changes to a sleep entry."""

    id: int | None = fixed(ENTRY_ID)
    bed_at: datetime | None = None
    wake_at: datetime | None = None


class SleepPublic(BaseModel):
    """A sleep entry with its hours."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    day: date = Field(description="The day this sleep ended in (the sleep before that day).")
    bed_at: datetime
    wake_at: datetime
    sleep_h: float


# ---------------------------------------------------------------------------- medicines


def _has_letter(value: str) -> str:
    if not any(ch.isalpha() for ch in value):
        raise ValueError("type the medicine's name (letters), e.g. 'furosemide 40 mg'")
    return value


MedicineName = Annotated[
    str,
    BeforeValidator(_clean_text),
    Field(min_length=1, max_length=200, description="As on the box, e.g. 'Lasix 40 mg'."),
]


class _MedicineComputed(Input):
    taking: bool | None = read_only("true while no stop date is set (set stopped_on instead).")
    matches: list[dict[str, Any]] | None = read_only("the drug classes recognised in the name.")


class MedicineCreate(_MedicineComputed):
    """A medicine you take or took."""

    name: MedicineName
    dose: Annotated[str, BeforeValidator(_clean_text), Field(max_length=100)] = ""
    started_on: date | None = Field(default=None, description="First day taken, if known.")
    stopped_on: date | None = Field(default=None, description="Last day taken; empty if current.")
    notes: Notes = ""

    @field_validator("name")
    @classmethod
    def _name_has_letter(cls, value: str) -> str:
        return _has_letter(value)

    @model_validator(mode="after")
    def _in_order(self) -> MedicineCreate:
        if self.started_on and self.stopped_on and self.stopped_on < self.started_on:
            raise ValueError("stopped_on is before started_on; swap or fix the dates")
        return self


class MedicineUpdate(_MedicineComputed):
    """Changes to a medicine entry."""

    id: int | None = fixed(ENTRY_ID)
    name: MedicineName | None = None
    dose: Annotated[str, BeforeValidator(_clean_text), Field(max_length=100)] | None = None
    started_on: date | None = None
    stopped_on: date | None = None
    notes: Notes | None = None

    @field_validator("name")
    @classmethod
    def _name_has_letter(cls, value: str | None) -> str | None:
        return None if value is None else _has_letter(value)


class MedicineStop(Input):
    """The last day a medicine was taken (default: today)."""

    stopped_on: date | None = None


class AssociationPublic(BaseModel):
    """The published size of an association between a drug class and cramps."""

    measure: str
    ratio: float
    ci_low: float
    ci_high: float
    p_value: str
    significant: bool


class MedicineMatchPublic(BaseModel):
    """A drug class recognised in what was typed, with what is known about it and cramps."""

    class_key: str
    class_name: str
    drugs: list[str] = Field(description="The medicines recognised, by generic name.")
    typed: list[str] = Field(description="The words that were recognised.")
    exact: bool = Field(description="False when recognised despite a typing error.")
    association: AssociationPublic | None = Field(
        description="The size of the association when a study measured it; null otherwise."
    )
    evidence_grade: EvidenceGrade
    summary: str
    citations: list[str]
    guidance: str


class MedicineCheckPublic(BaseModel):
    """What the medicine check found in a name."""

    name: str
    matches: list[MedicineMatchPublic]
    message: str


class MedicinePublic(BaseModel):
    """A medicine entry with the classes recognised in its name."""

    id: int
    name: str
    dose: str
    started_on: date | None
    stopped_on: date | None
    taking: bool = Field(description="True while no stop date is set.")
    notes: str
    matches: list[MedicineMatchPublic]


# ---------------------------------------------------------------------------- the day


class DayUpdate(Input):
    """One-per-day answers; fields left out stay as they are, null clears a value.

    The ``no_*`` answers say "none today" explicitly; they turn an unknown into a zero. The
    rest of the day's GET body (its entries, factors and values) is accepted and ignored.
    """

    day: date | None = fixed("The day, as in the address.")
    activities: list[dict[str, Any]] | None = read_only("the day's workouts (/api/v1/activities).")
    stretches: list[dict[str, Any]] | None = read_only("the day's stretching (/api/v1/stretches).")
    alcohol: list[dict[str, Any]] | None = read_only("the day's alcohol (/api/v1/alcohol).")
    caffeine: list[dict[str, Any]] | None = read_only("the day's caffeine (/api/v1/caffeine).")
    sleep: list[dict[str, Any]] | None = read_only("the sleep ending this day (/api/v1/sleep).")
    imported_workouts: list[dict[str, Any]] | None = read_only(
        "workouts imported from other apps (/api/v1/imports)."
    )
    medicines: list[dict[str, Any]] | None = read_only("medicines taken (/api/v1/medicines).")
    factors: dict[str, Any] | None = read_only("the day log's factors.")
    values: dict[str, Any] | None = read_only("what the day counts as.")

    steps: Annotated[int, Field(ge=0, le=MAX_STEPS_PER_DAY)] | None = None
    standing_h: Hours | None = Field(default=None, description="Hours spent standing for long.")
    sitting_h: Hours | None = Field(default=None, description="Hours spent sitting for long.")
    massage_used: bool | None = None
    heat_used: bool | None = None
    no_stretching: bool | None = None
    no_exercise: bool | None = None
    no_alcohol: bool | None = None
    no_caffeine: bool | None = None
    notes: Notes | None = None

    @model_validator(mode="after")
    def _fits_in_a_day(self) -> DayUpdate:
        if (
            self.standing_h is not None
            and self.sitting_h is not None
            and self.standing_h + self.sitting_h > MAX_STANDING_SITTING_H
        ):
            raise ValueError("standing_h and sitting_h together exceed 24 hours")
        return self


class DayFactorsPublic(BaseModel):
    """The day's factors as numbers for analysis; null is unknown (never zero)."""

    steps: float | None
    exercise_min: float | None
    stretched: float | None = Field(description="1 stretched, 0 explicitly not, null unknown.")
    alcohol_drinks: float | None
    caffeine_mg: float | None
    sleep_h: float | None = Field(
        description="Hours of the sleep that ended on this day (the night before it)."
    )
    exertion_ratio: float | None = Field(
        description="Today's load against the mean of the previous 28 days; 1 = usual."
    )


class DayLogPublic(BaseModel):
    """Everything logged for one day."""

    day: date
    steps: int | None
    standing_h: float | None
    sitting_h: float | None
    massage_used: bool | None
    heat_used: bool | None
    no_stretching: bool
    no_exercise: bool
    no_alcohol: bool
    no_caffeine: bool
    notes: str
    activities: list[ActivityPublic]
    stretches: list[StretchPublic]
    alcohol: list[AlcoholPublic]
    caffeine: list[CaffeinePublic]
    sleep: list[SleepPublic]
    medicines: list[MedicinePublic] = Field(description="Medicines being taken on this day.")
    factors: DayFactorsPublic = Field(
        description=(
            "The day log's own factors (only what was logged in the day log). What the day counts "
            "as, with imported values and the caffeine of food and drinks, is ``values``."
        )
    )


class DayValuePartPublic(BaseModel):
    """One detailed log's part of a value that adds up across logs (caffeine)."""

    source: str = Field(description="nutrition (food and drinks logged) or daylog (entered here).")
    label: str = Field(description="The part in words, e.g. 'in food and drinks logged'.")
    value: float


class DayValuePublic(BaseModel):
    """One factor of the day as every reader counts it (the export, the insights, this view)."""

    value: float | None = Field(description="null is unknown (never zero).")
    source: str | None = Field(
        description=(
            "daylog, nutrition, nutrition+daylog (caffeine: the parts added up), import (a daily "
            "CSV), an app it was imported from (apple-health, cronometer, myfitnesspal, fitbit, "
            "garmin), steps (exertion from the day's steps against the 28 days before, logged or "
            "imported), or null when unknown."
        )
    )
    imported: bool = Field(
        description=(
            "True when the value was imported (a daily CSV or another app's export). Anything "
            "logged in detail for this day replaces it; it is never added to."
        )
    )
    parts: list[DayValuePartPublic] = Field(
        description="For caffeine: the amount in food and drinks logged and the amount entered."
    )
    note: str = Field(description="Where the value comes from, in words; empty when plain.")


class ImportedWorkoutPublic(BaseModel):
    """A workout an import from another app brought (it is not a day-log entry: undo the
    import to remove it)."""

    model_config = ConfigDict(from_attributes=True)

    import_id: int
    source: str
    started_at: datetime
    ended_at: datetime
    activity: str
    duration_min: float
    energy_kcal: float | None
    distance_km: float | None
    device: str


class DayViewPublic(DayLogPublic):
    """Everything logged for one day, and what the day counts as (``values``)."""

    values: dict[str, DayValuePublic] = Field(
        description=(
            "Each factor of the day (steps, exercise_min, stretched, alcohol_drinks, caffeine_mg, "
            "sleep_h, exertion_ratio) from the combined daily values: day-log entries, the "
            "caffeine of food and drinks logged, and imported values where nothing detailed is "
            "known; also what only imports give (active_energy_kcal, distance_km, in_bed_h, "
            "body_mass_kg)."
        )
    )
    imported_workouts: list[ImportedWorkoutPublic] = Field(
        default_factory=list, description="Workouts imported from other apps for this day."
    )


class ActivitiesPublic(BaseModel):
    """Workouts in a date range, newest first."""

    data: list[ActivityPublic]
    count: int


class StretchesPublic(BaseModel):
    """Stretching sessions in a date range, newest first."""

    data: list[StretchPublic]
    count: int


class AlcoholListPublic(BaseModel):
    """Alcohol entries in a date range, newest first."""

    data: list[AlcoholPublic]
    count: int


class CaffeineListPublic(BaseModel):
    """Caffeine entries in a date range, newest first."""

    data: list[CaffeinePublic]
    count: int


class SleepListPublic(BaseModel):
    """Sleep entries in a date range, newest first."""

    data: list[SleepPublic]
    count: int


class MedicinesPublic(BaseModel):
    """Medicine entries, current ones first."""

    data: list[MedicinePublic]
    count: int


class DailyFactorsPublic(BaseModel):
    """The factors of each day in a range (days with nothing logged have every value null)."""

    data: dict[date, DayFactorsPublic]
