"""The day-log factors of each day, as insights and guidance read them: numbers where something
was logged or answered, None where nothing is known (never a silent zero)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from nightcramps.daylog import exertion
from nightcramps.daylog.constants import EXERTION_WINDOW_DAYS
from nightcramps.daylog.models import (
    Activity,
    AlcoholIntake,
    CaffeineIntake,
    DayRecord,
    SleepPeriod,
    StretchSession,
)
from nightcramps.daylog.service.timing import check_range
from nightcramps.owner import Owner

FACTOR_KEYS = (
    "steps",
    "exercise_min",
    "stretched",
    "alcohol_drinks",
    "caffeine_mg",
    "sleep_h",
    "exertion_ratio",
)
"""The keys of every day in ``daily_factors``, in this order."""


def _columns(
    session: Session, owner: Owner, model: type[Any], start: date, end: date, *columns: Any
) -> Sequence[Any]:
    """Only the needed columns of a person's live rows between two days (fast for long ranges)."""
    return session.execute(
        select(model.day, *columns).where(
            model.person_id == owner.person_id,
            model.deleted_at.is_(None),
            model.day >= start,
            model.day <= end,
        )
    ).all()


def daily_factors(
    *, session: Session, owner: Owner, start: date, end: date
) -> dict[date, dict[str, float | None]]:
    """The day-log factors of every day from ``start`` to ``end`` inclusive.

    Each day maps exactly the keys of ``FACTOR_KEYS`` to a number or None (unknown). Nothing
    logged is unknown, never zero; zero needs an explicit answer ("rest day", "no alcohol",
    "no caffeine", "no stretching"). ``sleep_h`` is the sleep that ended on that day (the night
    before it), so it is known by bedtime and cannot be caused by that night's cramps.
    ``exertion_ratio`` compares the day's load with the 28 days before it.

    Raises:
        Invalid: ``end`` before ``start`` or a range over ten years.
    """
    check_range(start, end)
    first = start - timedelta(days=EXERTION_WINDOW_DAYS)
    records = {r.day: r for r in _day_records(session, owner, first, end)}
    workout_min: dict[date, float] = defaultdict(float)
    workout_load: dict[date, float] = defaultdict(float)
    for day, duration, intensity in _columns(
        session, owner, Activity, first, end, Activity.duration_min, Activity.intensity_0_10
    ):
        workout_min[day] += float(duration)
        workout_load[day] += exertion.session_load(float(duration), intensity)
    stretched = {row.day for row in _columns(session, owner, StretchSession, start, end)}
    drinks: dict[date, float] = defaultdict(float)
    for day, amount in _columns(session, owner, AlcoholIntake, start, end, AlcoholIntake.drinks):
        drinks[day] += float(amount)
    caffeine: dict[date, float] = defaultdict(float)
    for day, mg in _columns(session, owner, CaffeineIntake, start, end, CaffeineIntake.caffeine_mg):
        caffeine[day] += float(mg)
    sleep: dict[date, float] = defaultdict(float)
    for day, bed, wake in _columns(
        session, owner, SleepPeriod, start, end, SleepPeriod.bed_at, SleepPeriod.wake_at
    ):
        sleep[day] += (wake - bed).total_seconds() / 3600

    def answered(day: date, flag: str) -> bool:
        record = records.get(day)
        return record is not None and bool(getattr(record, flag))

    every_day = [first + timedelta(days=k) for k in range((end - first).days + 1)]
    loads: dict[date, float | None] = {}
    steps: dict[date, float | None] = {}
    for day in every_day:
        if day in workout_load:
            loads[day] = workout_load[day]
        elif answered(day, "no_exercise"):
            loads[day] = 0.0
        else:
            loads[day] = None
        record = records.get(day)
        steps[day] = None if record is None or record.steps is None else float(record.steps)
    days = [start + timedelta(days=k) for k in range((end - start).days + 1)]
    ratios = exertion.exertion_ratios(loads, steps, days)

    def known_or_zero(values: dict[date, float], day: date, flag: str) -> float | None:
        if day in values:
            return round(values[day], 2)
        return 0.0 if answered(day, flag) else None

    result: dict[date, dict[str, float | None]] = {}
    for day in days:
        if day in stretched:
            stretch_value: float | None = 1.0
        else:
            stretch_value = 0.0 if answered(day, "no_stretching") else None
        ratio = ratios[day]
        result[day] = {
            "steps": steps[day],
            "exercise_min": known_or_zero(workout_min, day, "no_exercise"),
            "stretched": stretch_value,
            "alcohol_drinks": known_or_zero(drinks, day, "no_alcohol"),
            "caffeine_mg": known_or_zero(caffeine, day, "no_caffeine"),
            "sleep_h": round(sleep[day], 2) if day in sleep else None,
            "exertion_ratio": None if ratio is None else round(ratio, 3),
        }
    return result


def _day_records(session: Session, owner: Owner, start: date, end: date) -> Sequence[Any]:
    return session.execute(
        select(
            DayRecord.day,
            DayRecord.steps,
            DayRecord.no_stretching,
            DayRecord.no_exercise,
            DayRecord.no_alcohol,
            DayRecord.no_caffeine,
        ).where(
            DayRecord.person_id == owner.person_id,
            DayRecord.day >= start,
            DayRecord.day <= end,
        )
    ).all()
