"""What guidance accepts and returns (API bodies, forms and CLI output share these)."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, Field, field_validator

from nightcramps import timing
from nightcramps.constants import MAX_CRAMP_DURATION_MIN
from nightcramps.diary.schemas import CrampPublic, Muscle, Relief, ReliefEffect, Severity, Side
from nightcramps.guidance.knowledge import Grade, Kind
from nightcramps.guidance.redflags import Urgency
from nightcramps.guidance.reminders import parse_clock
from nightcramps.guidance.routines import BY_SLUG as ROUTINE_SLUGS
from nightcramps.inputs import Input, read_only

MAX_ROUTINE_MIN = 180
"""Longest stretching session the routine page logs (the day log's own plausibility limit)."""


def _plausible(value: datetime | None) -> datetime | None:
    if value is not None and not timing.EARLIEST_YEAR <= value.year <= timing.LATEST_YEAR:
        raise ValueError(f"give a date between {timing.EARLIEST_YEAR} and {timing.LATEST_YEAR}")
    return value


class CitationPublic(BaseModel):
    """A publication or guideline behind a claim."""

    key: str
    authors: str = Field(description="Personal authors, or the body that issued it.")
    title: str
    source: str = Field(description="Journal or issuing body.")
    year: int = Field(description="Year published or last reviewed; if accessed, year read.")
    accessed: bool = Field(description="True when no date was found and year is the year read.")
    locator: str = Field(description="Volume, pages or review number; empty if none.")
    kind: str
    short: str = Field(description="The citation as shown beside a claim.")


class GuidanceEntryPublic(BaseModel):
    """A cause, remedy or safety topic with its evidence grade and sources."""

    slug: str
    title: str
    kind: Kind
    grade: Grade
    grade_meaning: str
    summary: str
    article_claim: str
    evidence: str
    grade_note: str
    advice: str
    citations: list[CitationPublic]
    factors: list[str] = Field(description="Logged factors this entry explains.")
    url: str


class GuidanceEntriesPublic(BaseModel):
    """The knowledge base."""

    data: list[GuidanceEntryPublic]
    count: int


class FindingPublic(BaseModel):
    """A red flag: how urgent, what it can mean, and the source. Never a diagnosis."""

    key: str
    urgency: Urgency = Field(description="emergency, today, soon or next visit.")
    title: str
    message: str
    detail: str = Field(
        description="What in the diary or profile raised it; empty for questionnaire answers."
    )
    source: Literal["checkup", "diary", "profile"]
    citation: str


class CheckupPublic(BaseModel):
    """The red flags found, most urgent first, and what to do about the most urgent."""

    urgency: Urgency | None = Field(description="The most urgent level found; null for none.")
    headline: str | None
    action: str | None = Field(description="What to do at that level; null when nothing found.")
    findings: list[FindingPublic]
    unanswered: list[str] = Field(
        description="Keys of the questions asked of this person that were not answered: a "
        "question not answered raises nothing, so the check-up is incomplete without them."
    )
    safety_net: str = Field(description="The line every check-up ends with.")


class CheckupQuestionPublic(BaseModel):
    """A check-up question as asked of this person (some depend on the profile)."""

    key: str
    label: str
    urgency: Urgency = Field(description="How urgent a yes is.")
    only_if: str | None = Field(description="Asked only after a yes to this question.")
    citation: str


Answer = Annotated[bool | None, Field(description="true = yes, false = no, null = not answered")]


class CheckupAnswers(Input):
    """Answers to the check-up questions (GET /api/v1/checkup/questions lists those asked of
    you); a question left out is not answered."""

    cold_pale_leg: Answer = None
    saddle_numbness: Answer = None
    dark_urine: Answer = None
    tetanus: Answer = None
    calf_swelling_breathless: Answer = None
    calf_swelling: Answer = None
    preeclampsia: Answer = None
    rest_pain_foot: Answer = None
    palpitations_weakness: Answer = None
    tingling_mouth: Answer = None
    confusion_nausea: Answer = None
    yellow_skin: Answer = None
    severe_persistent: Answer = None
    toxin_exposure: Answer = None
    long_cramps: Answer = None
    numbness: Answer = None
    weakness: Answer = None
    twitching: Answer = None
    widespread: Answer = None
    walking_pain: Answer = None
    spinal_stenosis: Answer = None
    tremor_stiffness: Answer = None
    thyroid_symptoms: Answer = None
    diabetes_symptoms: Answer = None
    low_sugar_night: Answer = None
    kidney_symptoms: Answer = None
    rising: Answer = None
    new_medicine: Answer = None
    sleep_disturbed: Answer = None
    restless_legs: Answer = None
    varicose_veins: Answer = None
    takes_quinine: Answer = None
    quinine_bleeding: Answer = None


class RoutineLogCreate(Input):
    """A finished routine, as the routine page reports it."""

    routine: str = Field(description="The routine's slug: bedtime, seated or nhs-wall.")
    duration_min: Annotated[float, Field(gt=0, le=MAX_ROUTINE_MIN)]
    finished_at: AwareDatetime | None = Field(
        default=None, description="When it was finished (with its zone); default: now."
    )

    _plausible_time = field_validator("finished_at")(_plausible)

    @field_validator("routine")
    @classmethod
    def _known(cls, value: str) -> str:
        if value not in ROUTINE_SLUGS:
            raise ValueError(f"choose one of {', '.join(ROUTINE_SLUGS)}")
        return value


class RoutineLoggedPublic(BaseModel):
    """The stretching session the routine logged."""

    id: int
    day: date = Field(description="The day (and night) it counts for.")
    routine: str
    duration_min: float | None
    at: datetime | None


ClockText = Annotated[
    str,
    Field(
        pattern=r"^\d{1,2}:\d{2}(:\d{2})?$",
        description="Local clock time, HH:MM (24-hour), e.g. 21:30.",
        examples=["21:30"],
    ),
]


class ReminderUpdate(Input):
    """The bedtime-stretch reminder time; null removes the reminder. The rest of the reminder's
    GET body is accepted and ignored."""

    remind_at: ClockText | None
    due: bool | None = read_only("whether to remind now.")
    done_tonight: bool | None = read_only("whether tonight's stretching is logged.")
    calendar_url: str | None = read_only("the reminder as a calendar file.")

    @field_validator("remind_at")
    @classmethod
    def _a_clock_time(cls, value: str | None) -> str | None:
        return None if value is None else f"{parse_clock(value):%H:%M}"

    @property
    def clock(self) -> time | None:
        """The reminder as a clock time."""
        return None if self.remind_at is None else parse_clock(self.remind_at)


class ReminderPublic(BaseModel):
    """The reminder and whether it is due now."""

    remind_at: str | None = Field(description="Local clock time, HH:MM; null when not set.")
    due: bool = Field(description="Past the reminder time tonight and no stretching logged.")
    done_tonight: bool = Field(description="A stretching session is logged for tonight.")
    calendar_url: str | None


class CrampNowCreate(Input):
    """A cramp timed on the cramp-now screen."""

    started_at: AwareDatetime = Field(description="When the timer was started, with its zone.")
    duration_s: Annotated[
        float, Field(gt=0, le=MAX_CRAMP_DURATION_MIN * 60, description="Seconds it lasted.")
    ]
    muscle: Muscle = "calf"
    side: Side
    severity_0_10: Severity
    relief: list[Relief] = Field(default_factory=list)
    relief_effect: ReliefEffect | None = None

    _plausible_time = field_validator("started_at")(_plausible)


class CrampNowLoggedPublic(BaseModel):
    """The cramp logged from the timer, and any red flag it raised."""

    cramp: CrampPublic
    night_url: str
    findings: list[FindingPublic]
    headline: str | None = Field(
        description="What to do about the most urgent finding; null when there is none."
    )
