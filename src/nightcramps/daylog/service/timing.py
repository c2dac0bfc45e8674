"""Days and times: which day a moment belongs to, and refusing times that cannot be right.

A day begins at 04:00 local time (or at the night cut-over if that is earlier), so what happens
just after midnight still counts for the day before, the day before that night.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from nightcramps.daylog.constants import DAY_ROLLOVER_HOUR, EARLIEST_DAY_YEAR
from nightcramps.errors import Invalid
from nightcramps.owner import Owner
from nightcramps.storage.base import utcnow

MAX_RANGE_DAYS = 3660
"""The longest date range one call may ask for (about ten years)."""

FUTURE_TOLERANCE = timedelta(minutes=5)
"""Clock skew allowed between a phone and the server before a time counts as the future."""


def day_start_hour(owner: Owner) -> int:
    """Local hour a new day begins: 04:00, or the night cut-over if that is earlier."""
    return min(DAY_ROLLOVER_HOUR, owner.cutover_hour)


def day_of(moment: datetime, *, owner: Owner) -> date:
    """The day a moment belongs to: 00:30 on the 24th is still the 23rd (before that night)."""
    local = moment.astimezone(owner.tz)
    if local.hour < day_start_hour(owner):
        return local.date() - timedelta(days=1)
    return local.date()


def today(*, owner: Owner, now: datetime | None = None) -> date:
    """The person's current day."""
    return day_of(now or utcnow(), owner=owner)


def local_moment(value: datetime, *, owner: Owner) -> datetime:
    """A clock time as typed: naive values are in the person's zone, aware ones kept."""
    return value.replace(tzinfo=owner.tz) if value.tzinfo is None else value


def check_moment(moment: datetime, now: datetime | None, field: str) -> None:
    """Refuse a moment in the future or implausibly long ago (the sleep entries check theirs
    with this too)."""
    if moment.year <= EARLIEST_DAY_YEAR:
        raise Invalid(
            f"{moment:%Y-%m-%d} is too long ago; check the year.", fields={field: "too early"}
        )
    if moment > (now or utcnow()) + FUTURE_TOLERANCE:
        raise Invalid(
            f"{moment.isoformat(timespec='minutes')} is in the future; log things once they "
            "have happened.",
            fields={field: "is in the future"},
        )


def check_day(day: date, *, owner: Owner, now: datetime | None, field: str = "day") -> None:
    """Refuse a day that has not begun yet or is implausibly long ago."""
    if day.year < EARLIEST_DAY_YEAR:
        raise Invalid(
            f"{day.isoformat()} is too long ago; check the year.", fields={field: "too early"}
        )
    if day > today(owner=owner, now=now):
        raise Invalid(
            f"{day.isoformat()} has not begun yet; log days that have started.",
            fields={field: "is in the future"},
        )


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
    moment = None if at is None else local_moment(at, owner=owner)
    if moment is None:
        resolved = day or today(owner=owner, now=now)
    else:
        check_moment(moment, now, at_field)
        resolved = day_of(moment, owner=owner)
        if day is not None and day != resolved:
            raise Invalid(
                f"{moment:%Y-%m-%d %H:%M} belongs to the day {resolved.isoformat()}, not "
                f"{day.isoformat()} (times before {day_start_hour(owner):02d}:00 count for the "
                "day before); leave day out or fix the time.",
                fields={"day": "does not match the time"},
            )
    check_day(resolved, owner=owner, now=now)
    return moment, resolved


def check_range(start: date | None, end: date | None) -> None:
    """Refuse reversed, too early or over-long ranges with a message that says how to fix them."""
    for name, value in (("from", start), ("to", end)):
        if value is not None and value.year < EARLIEST_DAY_YEAR:
            raise Invalid(
                f"{value.isoformat()} is too long ago; check the year.", fields={name: "too early"}
            )
    if start is not None and end is not None:
        if end < start:
            raise Invalid(
                f"The range ends ({end}) before it starts ({start}); swap from and to.",
                fields={"to": "is before from"},
            )
        if (end - start).days > MAX_RANGE_DAYS:
            raise Invalid("Ask for at most ten years at a time.", fields={"from": "too early"})
