"""Placing a day-log entry on its day: the calendar itself is :mod:`nightcramps.timing`."""

from __future__ import annotations

from datetime import date, datetime

from nightcramps import timing
from nightcramps.errors import Invalid
from nightcramps.owner import Owner
from nightcramps.timing import (
    FUTURE_TOLERANCE,
    MAX_RANGE_DAYS,
    check_day,
    check_moment,
    check_range,
    day_of,
    day_start_hour,
    today,
)

__all__ = [
    "FUTURE_TOLERANCE",
    "MAX_RANGE_DAYS",
    "check_day",
    "check_moment",
    "check_range",
    "day_of",
    "day_start_hour",
    "local_moment",
    "resolve_day",
    "today",
]


def local_moment(value: datetime, *, owner: Owner) -> datetime:
    """A clock time as typed: naive values are in the person's zone, aware ones kept."""
    return timing.local_moment(value, owner.tz)


def resolve_day(
    at: datetime | None,
    day: date | None,
    *,
    owner: Owner,
    now: datetime | None = None,
    at_field: str = "at",
) -> tuple[datetime | None, date]:
    """The moment (aware, or None) and the day of an entry given ``at`` and/or ``day``.

    Raises:
        Invalid: the time or day is in the future, or they disagree.
    """
    moment = None if at is None else timing.local_moment(at, owner.tz)
    if moment is None:
        resolved = day or today(owner, now)
    else:
        check_moment(moment, at_field, now)
        resolved = day_of(moment, owner)
        if day is not None and day != resolved:
            raise Invalid(
                f"{moment:%Y-%m-%d %H:%M} belongs to the day {resolved.isoformat()}, not "
                f"{day.isoformat()} (times before {day_start_hour(owner):02d}:00 count for the "
                "day before); leave day out or fix the time.",
                fields={"day": "does not match the time"},
            )
    check_day(resolved, owner, now)
    return moment, resolved
