"""What the diary accepts and returns (API bodies, forms and CLI input share these)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    Field,
    field_validator,
    model_validator,
)

from nightcramps.constants import MAX_CRAMP_DURATION_MIN
from nightcramps.inputs import Input

Muscle = Literal["calf", "foot", "thigh", "hamstring", "other"]
Side = Literal["left", "right", "both"]
Relief = Literal["stretch", "massage", "heat", "walking", "other"]
ReliefEffect = Literal["none", "a_little", "mostly", "completely"]
Severity = Annotated[int, Field(ge=0, le=10, description="0 = no pain, 10 = worst imaginable")]
Disturbance = Annotated[int, Field(ge=0, le=10, description="0 = slept through, 10 = no sleep")]
DurationMin = Annotated[
    float,
    Field(
        gt=0,
        le=MAX_CRAMP_DURATION_MIN,
        description="Minutes the cramp lasted (fractions allowed: 0.5 = 30 seconds).",
    ),
]
Notes = Annotated[str, Field(max_length=2000)]


EARLIEST = date(1900, 1, 1)
"""No diary entry can be older than this: an earlier date is a typing error."""


def _plausible_date(value: date | None) -> date | None:
    if value is not None and not EARLIEST <= value <= date(2999, 12, 31):
        raise ValueError(f"{value.isoformat()} is not a plausible date for a diary entry")
    return value


def _plausible_moment(value: datetime | None) -> datetime | None:
    if value is not None:
        _plausible_date(value.date())
    return value


PlausibleDate = Annotated[date, AfterValidator(_plausible_date)]
PlausibleMoment = Annotated[datetime, AfterValidator(_plausible_moment)]


class CrampCreate(Input):
    """A new cramp. Give ``at`` (a clock time) or, for "some time in the night", ``night_of``."""

    at: PlausibleMoment | None = Field(
        default=None,
        description="When the cramp began; without a zone it is read in the person's time zone.",
    )
    night_of: PlausibleDate | None = Field(
        default=None,
        description="The night (dated by its evening) when the time is not known.",
    )
    muscle: Muscle
    side: Side
    severity_0_10: Severity
    duration_min: DurationMin | None = None
    relief: list[Relief] = Field(default_factory=list)
    relief_effect: ReliefEffect | None = None
    notes: Notes = ""

    @model_validator(mode="after")
    def _needs_a_night(self) -> CrampCreate:
        if self.at is None and self.night_of is None:
            raise ValueError("give the time of the cramp (at) or the night it happened (night_of)")
        return self

    @field_validator("relief")
    @classmethod
    def _unique_relief(cls, value: list[Relief]) -> list[Relief]:
        return list(dict.fromkeys(value))


class CrampUpdate(Input):
    """Changes to a cramp; fields left out stay as they are."""

    at: PlausibleMoment | None = None
    muscle: Muscle | None = None
    side: Side | None = None
    severity_0_10: Severity | None = None
    duration_min: DurationMin | None = None
    relief: list[Relief] | None = None
    relief_effect: ReliefEffect | None = None
    notes: Notes | None = None


class CrampPublic(BaseModel):
    """A cramp as returned by the API and the CLI."""

    id: int
    night_of: date
    started_at: datetime | None
    muscle: Muscle
    side: Side
    severity_0_10: int
    duration_min: float | None
    relief: list[Relief]
    relief_effect: ReliefEffect | None
    notes: str


class NightCreate(Input):
    """Record a night: "no cramps" and/or how sleep went."""

    night_of: PlausibleDate
    no_cramps: bool = False
    sleep_disturbance_0_10: Disturbance | None = None
    notes: Notes = ""


class NightUpdate(Input):
    """Changes to a night; fields left out stay as they are."""

    no_cramps: bool | None = None
    sleep_disturbance_0_10: Disturbance | None = None
    notes: Notes | None = None


NightStatus = Literal["cramps", "no_cramps", "unknown"]
CountSource = Literal["diary", "import"]


class NightPublic(BaseModel):
    """A night as returned by the API and the CLI."""

    night_of: date
    status: NightStatus = Field(
        description="cramps, no_cramps (explicitly cramp-free) or unknown (logged, no answer yet)"
    )
    cramp_count: int
    worst_severity_0_10: int | None
    counted_from: CountSource = Field(
        "diary",
        description=(
            "diary (the night's own answer) or import (a count and worst severity from an "
            "imported daily summary, with no per-cramp detail; a cramp logged here replaces it)"
        ),
    )
    sleep_disturbance_0_10: int | None
    notes: str
    cramps: list[CrampPublic]


class NightsPublic(BaseModel):
    """A list of nights in a date range (nights not logged are absent, not cramp-free)."""

    data: list[NightPublic]
    count: int
