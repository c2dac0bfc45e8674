"""The clinician report as data: what ``report.service.build_report`` returns and the template,
the page and the PDF show. Every figure that can be unknown is ``None`` (never 0), and each
section carries what it could not know, so the page can say it."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

Paper = Literal["A4", "Letter"]


class ReportPerson(BaseModel):
    """Who the report is about: no more than a clinician needs to match it to a patient (never
    the email address)."""

    name: str | None = Field(description="The profile's display name; null when not given.")
    birth_year: int | None


class GlanceSpan(BaseModel):
    """One stretch of nights (the first or the last 4 weeks of the period) in figures.

    Rates are per 7 nights *logged*: nights not logged are unknown, not cramp-free, so they
    neither lower nor raise a rate.
    """

    start: date
    end: date
    nights: int
    nights_logged: int
    cramp_nights_per_week: float | None
    cramps_per_week: float | None
    median_worst_severity_0_10: float | None = Field(
        description="Median over cramp nights of the night's worst severity."
    )
    median_duration_min: float | None = Field(description="Median over cramps with a duration.")
    median_sleep_disturbance_0_10: float | None
    sleep_rated_nights: int


class CountLine(BaseModel):
    """A label and how often it was seen ("calf", 12)."""

    label: str
    count: int


class ReliefLine(BaseModel):
    """One way of relieving a cramp: how often it was tried and how often it helped."""

    method: str
    tried: int
    helped: int = Field(description='Times it worked "mostly" or "completely".')
    rated: int = Field(description="Times how well it worked was said.")


class CrampsSummary(BaseModel):
    """The cramps of the whole period."""

    cramp_nights: int
    cramps: int
    cramps_with_detail: int = Field(
        description="Cramps logged one by one (imported daily counts have no detail)."
    )
    typical_severity_0_10: float | None = Field(description="Median severity of the cramps.")
    worst_severity_0_10: int | None
    median_duration_min: float | None
    longest_duration_min: float | None
    time_of_night: list[CountLine]
    time_unknown: int
    duration_unknown: int
    muscles: list[CountLine]
    sides: list[CountLine]
    relief: list[ReliefLine]
    median_sleep_disturbance_0_10: float | None
    sleep_rated_nights: int


class ClassFlag(BaseModel):
    """A drug class linked with cramps, recognised in a medicine's name."""

    class_name: str
    evidence_grade: str
    association: str = Field(description='e.g. "SSR 1.47 (1.29-1.67)"; "" when not measured.')
    source: str


class MedicineLine(BaseModel):
    """A medicine taken during the period, with the classes linked with cramps flagged."""

    name: str
    dose: str
    started_on: date | None
    stopped_on: date | None
    flags: list[ClassFlag]


class MagnesiumSummary(BaseModel):
    """Supplemental magnesium (supplements and magnesium medicines) against the upper limit."""

    limit_mg: float | None
    days_above: list[date]
    highest_mg: float | None
    days_known: int = Field(description="Days whose magnesium intake (all sources) is known.")
    days: int


class WarningLine(BaseModel):
    """A warning sign found by the check-up's diary and profile checks."""

    title: str
    urgency: str
    detail: str
    source: str
    citation: str


class FactorLine(BaseModel):
    """One factor of the insights with its odds ratio and 95% interval."""

    factor: str
    verdict: str
    odds_ratio: float
    ci_low: float
    ci_high: float
    q_value: float | None


class InsightsSummary(BaseModel):
    """The insights' trigger analysis as of the report's date."""

    nights_used: int
    cramp_nights: int
    factors: list[FactorLine]
    not_enough_data: int


class ExperimentSummary(BaseModel):
    """A personal experiment's result (memo 1): the newest ended one whose nights overlap the
    period; the report's ``experiment`` is None when there is none, and the page says so."""

    design: str
    verdict: str


class WeekLine(BaseModel):
    """One week of the period for the weekly chart (oldest first)."""

    start: date
    cramp_nights: int
    free_nights: int
    not_logged: int
    worst: int | None


class GridMark(BaseModel):
    """Something on a night's line of the grid, at ``at``: the share of the way from 18:00 to
    12:00 the next morning (0 to 1)."""

    at: float
    clock: str = Field(description="The local time, HH:MM.")
    label: str = Field(description="C caffeine, A alcohol, E exercise; or the cramp's muscle.")
    severity_0_10: int | None = None


class GridSpan(BaseModel):
    """A logged sleep on a night's line: shares of the line and local clock times."""

    start: float
    end: float
    clock: str = Field(description="HH:MM-HH:MM, local time, as logged.")


class GridNight(BaseModel):
    """One night of the night grid (page 2), 18:00 on ``night_of`` to 12:00 the next day."""

    night_of: date
    status: str = Field(description="cramps, no_cramps or unknown (not logged).")
    sleep: list[GridSpan] = Field(description="Logged sleep on the line.")
    cramps: list[GridMark]
    cramps_untimed: int = Field(description="Cramps of the night logged without a time.")
    letters: list[GridMark] = Field(description="Evening caffeine, alcohol and exercise.")
    sleep_h: float | None = Field(description="Hours of that night's sleep, logged or imported.")
    caffeine_mg: float | None = Field(description="The day's caffeine; None when unknown.")
    drinks: float | None
    exercise_min: float | None
    medicines_started: list[str]


class Report(BaseModel):
    """The one-page clinician report of one person over one period."""

    person: ReportPerson
    start: date
    end: date
    generated_on: date
    app_version: str
    paper: Paper
    nights: int
    nights_logged: int
    first: GlanceSpan
    last: GlanceSpan
    spans_overlap: bool = Field(description="The period is shorter than 8 weeks.")
    weeks: list[WeekLine]
    cramps: CrampsSummary
    medicines: list[MedicineLine]
    keeps_medicine_list: bool
    magnesium: MagnesiumSummary
    warnings: list[WarningLine]
    checkup_unanswered: bool
    insights: InsightsSummary
    experiment: ExperimentSummary | None
    sources: list[str]
    missing: list[str] = Field(description="What the diary does not say, in sentences.")
    grid: list[GridNight] = Field(
        default_factory=list, description="Page 2, when asked for: the last 14 nights."
    )
