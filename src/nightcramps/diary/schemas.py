"""What the diary accepts and returns (API bodies, forms and CLI input share these)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from nightcramps import timing
from nightcramps.constants import MAX_CRAMP_DURATION_MIN
from nightcramps.inputs import Input, deprecated, fixed, read_only, renamed

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


def _plausible_date(value: date | None) -> date | None:
    if value is not None and not timing.EARLIEST_YEAR <= value.year <= timing.LATEST_YEAR:
        raise ValueError(f"{value.isoformat()} is not a plausible date for a diary entry")
    return value


def _plausible_moment(value: datetime | None) -> datetime | None:
    if value is not None:
        _plausible_date(value.date())
    return value


PlausibleDate = Annotated[date, AfterValidator(_plausible_date)]
PlausibleMoment = Annotated[datetime, AfterValidator(_plausible_moment)]


STARTED_AT = "When the cramp began; without a zone it is read in the person's time zone."


class CrampCreate(Input):
    """A new cramp. Give ``started_at`` (a clock time) or, for "some time in the night",
    ``night_of`` (with both, they must agree). ``at`` is the old name of ``started_at``."""

    at: PlausibleMoment | None = Field(
        default=None, validation_alias=renamed("started_at", "at"), description=STARTED_AT
    )
    night_of: PlausibleDate | None = Field(
        default=None,
        description=(
            "The night (dated by its evening) when the time is not known; with started_at it "
            "must be that time's night."
        ),
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
            raise ValueError(
                "give the time of the cramp (started_at) or the night it happened (night_of)"
            )
        return self

    @field_validator("relief")
    @classmethod
    def _unique_relief(cls, value: list[Relief]) -> list[Relief]:
        return list(dict.fromkeys(value))


class CrampUpdate(Input):
    """Changes to a cramp; fields left out stay as they are. ``at`` is the old name of
    ``started_at``; a new time, or a new night, may move the cramp to another night."""

    id: int | None = fixed("The cramp's number, as in the address.")
    at: PlausibleMoment | None = Field(
        default=None, validation_alias=renamed("started_at", "at"), description=STARTED_AT
    )
    night_of: PlausibleDate | None = Field(
        default=None,
        description=(
            "Moves the cramp to that night (keeping its clock time); with a new started_at it "
            "must be that time's night."
        ),
    )
    muscle: Muscle | None = None
    side: Side | None = None
    severity_0_10: Severity | None = None
    duration_min: DurationMin | None = None
    relief: list[Relief] | None = None
    relief_effect: ReliefEffect | None = None
    notes: Notes | None = None


class CrampPublic(BaseModel):
    """A cramp as returned by the API and the CLI."""

    model_config = ConfigDict(from_attributes=True)

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


NightStatus = Literal["cramps", "no_cramps", "unknown"]
CountSource = Literal["diary", "import"]

STATUS_IN = (
    'The night\'s answer: "no_cramps" marks it cramp-free, "unknown" withdraws that answer. '
    '"cramps" is what a night with cramps shows (cramps are logged with POST /api/v1/cramps); '
    "the night must end up with the status sent, or nothing is changed."
)
NO_CRAMPS_IN = 'true is status "no_cramps", false is "unknown".'


class _NightAnswer(Input):
    """What a night's GET body holds besides its own answer: counts computed from its cramps."""

    cramp_count: int | None = read_only("the number of cramps logged for the night.")
    worst_severity_0_10: int | None = read_only("the worst severity of the night's cramps.")
    counted_from: CountSource | None = read_only("diary or import (where the count comes from).")
    cramps: list[dict[str, Any]] | None = read_only(
        "the night's cramps (log and change them at /api/v1/cramps)."
    )

    status: NightStatus | None = Field(default=None, exclude=True, description=STATUS_IN)

    def _no_cramps_of_status(self, no_cramps: bool | None) -> bool | None:
        """The stored answer ``status`` stands for (None: no status given); when the old
        ``no_cramps`` is given too, the two must agree."""
        if self.status is None:
            return None
        wanted = self.status == "no_cramps"
        if "no_cramps" in self.model_fields_set and no_cramps is not None and no_cramps != wanted:
            raise ValueError(
                f'status "{self.status}" and no_cramps {str(no_cramps).lower()} disagree; '
                "give status only"
            )
        return wanted


class NightCreate(_NightAnswer):
    """Record a night: "no cramps" and/or how sleep went. ``no_cramps`` is the old way to give
    ``status``."""

    night_of: PlausibleDate
    no_cramps: bool = deprecated("status", default=False, description=NO_CRAMPS_IN)
    sleep_disturbance_0_10: Disturbance | None = None
    notes: Notes = ""

    @model_validator(mode="after")
    def _status(self) -> NightCreate:
        wanted = self._no_cramps_of_status(self.no_cramps)
        if wanted is not None:
            self.no_cramps = wanted
        return self


class NightUpdate(_NightAnswer):
    """Changes to a night; fields left out stay as they are. ``no_cramps`` is the old way to give
    ``status``."""

    night_of: date | None = fixed("The night, as in the address.")
    no_cramps: bool | None = deprecated("status", default=None, description=NO_CRAMPS_IN)
    sleep_disturbance_0_10: Disturbance | None = None
    notes: Notes | None = None

    @model_validator(mode="after")
    def _status(self) -> NightUpdate:
        wanted = self._no_cramps_of_status(self.no_cramps)
        if wanted is not None:
            self.no_cramps = wanted
        return self


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
