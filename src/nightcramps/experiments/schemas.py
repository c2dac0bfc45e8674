"""What the experiments' API, pages and CLI take and give."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from nightcramps.inputs import Input

Remedy = Literal["stretching", "fluids", "food", "magnesium"]
REMEDY_KEYS: tuple[Remedy, ...] = ("stretching", "fluids", "food", "magnesium")
Status = Literal["run_in", "running", "stopped", "finished"]
Arm = Literal["A", "B"]
Verdict = Literal["likely_helps", "may_help", "no_clear_difference", "likely_worse", "inconclusive"]


class ExperimentCreate(Input):
    """Start an experiment with one remedy, on the pre-declared design for it."""

    remedy: Remedy = Field(
        description="stretching (bedtime calf stretches), fluids (drink to your target), food "
        "(an electrolyte-rich evening food) or magnesium (only agreed with your doctor)."
    )
    doctor_agreed: bool = Field(
        False,
        description='"Agreed with my doctor": required for magnesium, and for any remedy the '
        "profile says needs it.",
    )


class AdherenceUpdate(Input):
    """The evening's one tap."""

    adhered: bool = Field(
        description="True: you did tonight's assignment (the remedy on a remedy night, your "
        "usual routine on an as-usual night); false: you did not."
    )


class StopCreate(Input):
    """Stop an experiment before its end; the reason is kept with it."""

    reason: str = Field(min_length=1, max_length=500, description="Why you are stopping.")


class GatePublic(BaseModel):
    """The run-in's requirement, checked on the diary's last nights."""

    nights: int = Field(description="Nights the gate looks at (the run-in's length).")
    first_night: date
    last_night: date
    logged_nights: int
    cramp_nights: int
    cramps: int
    needed_logged: int
    needed_cramp_nights_per_week: float
    passed: bool
    cramps_per_night: float | None = Field(description="The rate on the logged nights.")
    message: str


class ScheduleNightPublic(BaseModel):
    """One night of the calendar."""

    day: date
    arm: Arm
    period: int
    washout: bool
    tonight: str = Field(description='What to do that evening, e.g. "stretch" or "as usual".')
    adhered: bool | None = None


class DesignPublic(BaseModel):
    """The pre-declared design of an experiment with one remedy."""

    remedy: Remedy
    remedy_label: str
    blocks: int
    period_nights: int
    washout_nights: int
    run_in_nights: int
    total_nights: int


class PlanPublic(BaseModel):
    """What the design screen shows before anything is stored."""

    design: DesignPublic
    gate: GatePublic
    run_in_starts_on: date
    starts_on: date
    ends_on: date
    power: float | None = Field(
        description="How often (0-1) the experiment would say 'likely helps' if the remedy cut "
        "cramps by a third, simulated on this person's run-in rate; null without a rate."
    )
    power_sentence: str
    refused: str | None = Field(
        description="Why this experiment cannot be started now (null when it can)."
    )
    notes: list[str]
    example_calendar: list[ScheduleNightPublic] = Field(
        description="An example of the randomised calendar (the real one is drawn on start)."
    )


class PeriodProgressPublic(BaseModel):
    """During the experiment: a period's logging and adherence (never its cramps)."""

    period: int
    arm: Arm
    first_night: date
    last_night: date
    nights_logged: int
    adherence_answers: int
    adhered: int


class ExperimentPublic(BaseModel):
    """An experiment: its design, calendar and progress. No running effect is shown."""

    id: int
    remedy: Remedy
    remedy_label: str
    status: Status
    blocks: int
    period_nights: int
    washout_nights: int
    run_in_nights: int
    run_in_starts_on: date
    starts_on: date
    ends_on: date
    doctor_agreed: bool
    sequence_hash: str
    extension_hash: str
    extended_blocks: int
    stop_reason: str
    stopped_by: str
    stopped_on: date | None
    created_at: datetime
    tonight: ScheduleNightPublic | None = Field(
        description="Tonight's assignment while the experiment runs."
    )
    nights_done: int
    nights_logged: int
    nights_left: int
    adherence_percent: int | None
    periods: list[PeriodProgressPublic]
    calendar: list[ScheduleNightPublic]


class ExperimentListPublic(BaseModel):
    data: list[ExperimentPublic]
    count: int


class TonightPublic(BaseModel):
    """The evening card: tonight's assignment and its one tap (null when none runs)."""

    experiment_id: int
    remedy: Remedy
    status: Status
    day: date
    line: str = Field(description='"Tonight: stretch", "Tonight: as usual", or the run-in line.')
    question: str | None
    adhered: bool | None
    nights_left: int


class PeriodResultPublic(BaseModel):
    """One row of the per-period table (CENT 17a)."""

    period: int
    arm: Arm
    first_night: date
    last_night: date
    nights: int
    nights_analysable: int
    nights_logged: int
    cramp_nights: int
    cramps: int
    adherence_percent: int | None


class BandPublic(BaseModel):
    label: str
    probability: float


class ResultsPublic(BaseModel):
    """The result, once the experiment has ended."""

    experiment_id: int
    remedy: Remedy
    status: Status
    verdict: Verdict
    verdict_title: str
    sentence: str
    rule: str
    rate_ratio_median: float | None
    rate_ratio_low95: float | None
    rate_ratio_high95: float | None
    p_fewer: float | None
    p_20pct_fewer: float | None
    p_more: float | None
    cramps_per_week_remedy: float | None
    cramps_per_week_usual: float | None
    trend_ratio: float | None
    trend_sentence: str
    nights_analysed: int
    nights_washout: int
    nights_missing: int
    bands: list[BandPublic]
    periods: list[PeriodResultPublic]
    quality: list[str]
    sensitivity: str
    per_protocol: str
    caveats: list[str]
    can_extend: bool
    extend_note: str | None
    analysis: dict[str, object] = Field(
        description="The analysis as `experiment analyse` gives it."
    )
