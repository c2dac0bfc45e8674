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
from nightcramps.daylog.models import DayRecord
from nightcramps.daylog.service.entry_kind import AnyKind, Contribution
from nightcramps.daylog.service.kinds import KINDS
from nightcramps.daylog.service.timing import check_range
from nightcramps.owner import Owner

COUNTED: tuple[tuple[AnyKind, Contribution], ...] = tuple(
    (kind, kind.contribution) for kind in KINDS if kind.contribution is not None
)
"""The kinds that count toward a factor, with how (``EntryKind.contribution``)."""

FACTOR_KEYS = ("steps", *(counted.factor for _, counted in COUNTED), "exertion_ratio")
"""The keys of every day in ``daily_factors``, in this order: steps (from the day's answers),
each kind's factor, and the exertion ratio of the day's load."""

Totals = dict[date, float]


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


def _totals(
    session: Session, owner: Owner, kind: AnyKind, counted: Contribution, start: date, end: date
) -> tuple[Totals, Totals]:
    """A kind's amounts and training loads added up by day, for the days that have entries."""
    amounts: Totals = defaultdict(float)
    loads: Totals = defaultdict(float)
    for row in _columns(session, owner, kind.model, start, end, *counted.columns):
        if counted.amount is None:
            amounts[row.day] = 1.0  # there was an entry; how many does not matter
        else:
            amounts[row.day] += counted.amount(row)
        if counted.load is not None:
            loads[row.day] += counted.load(row)
    return amounts, loads


def _answered(records: dict[date, Any], day: date, flag: str | None) -> bool:
    """Whether ``day`` has the "none today" answer ``flag``."""
    record = records.get(day)
    return flag is not None and record is not None and bool(getattr(record, flag))


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
    days = [start + timedelta(days=k) for k in range((end - start).days + 1)]
    result: dict[date, dict[str, float | None]] = {day: {} for day in days}
    for day in days:
        steps = records[day].steps if day in records else None
        result[day]["steps"] = None if steps is None else float(steps)
    load: Totals = defaultdict(float)
    load_flags: list[str | None] = []
    for kind, counted in COUNTED:
        # A kind that is exercise is read from the 28 days before too, for the baseline.
        since = first if counted.load is not None else start
        amounts, loads = _totals(session, owner, kind, counted, since, end)
        for day in days:
            result[day][counted.factor] = _known_or_zero(amounts, records, day, kind.none_flag)
        if counted.load is not None:
            load_flags.append(kind.none_flag)
            for day, value in loads.items():
                load[day] += value
    ratios = _exertion_ratios(records, load, load_flags, first, end, days)
    for day, ratio in ratios.items():
        result[day]["exertion_ratio"] = None if ratio is None else round(ratio, 3)
    return result


def _known_or_zero(
    amounts: Totals, records: dict[date, Any], day: date, flag: str | None
) -> float | None:
    """The day's amount; with none logged, 0 after a "none today" answer, else unknown."""
    if day in amounts:
        return round(amounts[day], 2)
    return 0.0 if _answered(records, day, flag) else None


def _exertion_ratios(
    records: dict[date, Any],
    load: Totals,
    load_flags: list[str | None],
    first: date,
    end: date,
    days: list[date],
) -> dict[date, float | None]:
    """Each day's exertion ratio from the training load and the steps of the 28 days before it
    (a day's load is known when exercise was logged, or 0 when a rest day was answered)."""
    loads: dict[date, float | None] = {}
    steps: dict[date, float | None] = {}
    for offset in range((end - first).days + 1):
        day = first + timedelta(days=offset)
        if day in load:
            loads[day] = load[day]
        elif any(_answered(records, day, flag) for flag in load_flags):
            loads[day] = 0.0
        else:
            loads[day] = None
        record_steps = records[day].steps if day in records else None
        steps[day] = None if record_steps is None else float(record_steps)
    return exertion.exertion_ratios(loads, steps, days)


def _day_records(session: Session, owner: Owner, start: date, end: date) -> Sequence[Any]:
    """The days' steps and "none today" answers (only those columns)."""
    flags = [getattr(DayRecord, kind.none_flag) for kind in KINDS if kind.none_flag]
    return session.execute(
        select(DayRecord.day, DayRecord.steps, *flags).where(
            DayRecord.person_id == owner.person_id,
            DayRecord.day >= start,
            DayRecord.day <= end,
        )
    ).all()
