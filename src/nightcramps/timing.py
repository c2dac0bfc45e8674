"""The calendar of a person, and the clock: the one place that says which day or night a moment
belongs to, and what time it is.

Two local dates matter, and every feature uses these functions for them:

- **the night of D** runs from the cut-over hour on D (noon by default) to the cut-over hour on
  D + 1. A cramp at 03:10 on the 24th is on the night of the 23rd.
- **the day D** runs from the day-start hour on D (04:00 by default, never later than the
  cut-over) to the day-start hour on D + 1. What happens on day D comes before the night of D: a
  coffee at 00:30 on the 24th is still the 23rd's, the evening before the night it may disturb.

"Now" comes from the clock in use, never from the machine directly: :func:`utcnow` reads the
clock set by :func:`use_clock` (the app factory sets its clock for every request, the CLI for
every command, tests fix it), so the app answers the same way on any date it runs.

Pure functions and a context variable; no I/O.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, date, datetime, time, timedelta
from time import monotonic
from zoneinfo import ZoneInfo

from nightcramps.errors import Invalid
from nightcramps.owner import Owner

Clock = Callable[[], datetime]
"""A function returning the current moment as an aware datetime."""

DAY_START_HOUR = 4
"""Default local hour at which a *day* begins.

A drink at 00:30 or stretches at 01:00 happen before that night's sleep, so they belong to the
evening before (day D precedes the night of D). The diary's night cut-over (noon by default) is too
late for a day: a coffee at 08:00 on the 24th is the 24th's. Four o'clock is the usual end of the
"late evening" in sleep diaries. Each person's day starts at the earlier of this hour (the
``day_start_hour`` setting) and their night cut-over, so a midnight cut-over gives midnight days."""

EVENING_HOUR = 17
"""From 17:00 local time it is evening: tonight's risk and the bedtime routine are worth showing."""

EARLIEST_YEAR, LATEST_YEAR = 1900, 2999
"""Dates outside these years are typing errors (and stay clear of date arithmetic overflows at
year 1 and 9999); every feature refuses them the same way."""

MAX_RANGE_DAYS = 3660
"""The longest date range one call may ask for (about ten years)."""

FUTURE_TOLERANCE = timedelta(minutes=5)
"""Clock skew allowed between a phone and the server before a time counts as the future."""


# ---------------------------------------------------------------------------- the clock


def system_clock() -> datetime:
    """The machine's clock, as an aware UTC datetime."""
    return datetime.now(UTC)


def fixed_clock(moment: datetime) -> Clock:
    """A clock that always says ``moment`` (aware)."""
    _require_aware(moment)
    return lambda: moment


def ticking_clock(start: datetime) -> Clock:
    """A clock that says ``start`` when made and then runs at the speed of real time.

    Tests of a live server use it: dates are fixed, while timeouts and durations still pass.
    """
    _require_aware(start)
    began = monotonic()
    return lambda: start + timedelta(seconds=monotonic() - began)


_clock: ContextVar[Clock] = ContextVar("nightcramps_clock", default=system_clock)


@contextmanager
def use_clock(clock: Clock) -> Iterator[None]:
    """Make ``clock`` the source of :func:`utcnow` inside the block (and the tasks and threads it
    starts with a copy of the context)."""
    token = _clock.set(clock)
    try:
        yield
    finally:
        _clock.reset(token)


def utcnow() -> datetime:
    """The current moment from the clock in use, as an aware UTC datetime."""
    return _clock.get()().astimezone(UTC)


def _require_aware(moment: datetime) -> None:
    if moment.tzinfo is None:
        raise ValueError("a clock needs an aware datetime (with a time zone)")


# ---------------------------------------------------------------------------- local time


def local(moment: datetime, tz: ZoneInfo) -> datetime:
    """``moment`` on the wall clock of zone ``tz`` (for showing it, or reading its hour)."""
    return moment.astimezone(tz)


def local_moment(value: datetime, tz: ZoneInfo) -> datetime:
    """Read a clock time typed by a person: naive values are in their zone, aware ones kept."""
    return value.replace(tzinfo=tz) if value.tzinfo is None else value


def day_start_hour(owner: Owner) -> int:
    """The local hour the person's day begins: the day-start hour, or the cut-over if earlier."""
    return min(owner.day_start_hour, owner.cutover_hour)


def _shifted_date(moment: datetime, tz: ZoneInfo, hour: int) -> date:
    """The local date of ``moment``, counting times before ``hour`` as the day before."""
    wall = moment.astimezone(tz)
    return wall.date() - timedelta(days=1) if wall.hour < hour else wall.date()


# ---------------------------------------------------------------------------- nights and days


def night_of(moment: datetime, owner: Owner) -> date:
    """The night (dated by its evening) that ``moment`` falls in.

    Before the cut-over hour a moment belongs to the night that started the evening before: with a
    cut-over at noon, 03:10 on the 24th is the night of the 23rd and 22:00 on the 24th is the night
    of the 24th.
    """
    return _shifted_date(moment, owner.tz, owner.cutover_hour)


def day_of(moment: datetime, owner: Owner) -> date:
    """The day whose exposures ``moment`` counts for: 00:30 on the 24th is still the 23rd, the day
    before the night of the 23rd; 04:00 on the 24th is the 24th."""
    return _shifted_date(moment, owner.tz, day_start_hour(owner))


def morning_of(moment: datetime, owner: Owner) -> date:
    """The calendar date of ``moment`` in the person's zone: the morning a sleep ends on."""
    return moment.astimezone(owner.tz).date()


def today(owner: Owner, now: datetime | None = None) -> date:
    """The person's current day (see :func:`day_of`)."""
    return day_of(now or utcnow(), owner)


def current_night(owner: Owner, now: datetime | None = None) -> date:
    """The night that ``now`` falls in (before the cut-over: the one ending; after: tonight)."""
    return night_of(now or utcnow(), owner)


def tonight(owner: Owner, now: datetime | None = None) -> date:
    """The night that follows today: this evening's, or in the small hours the one under way."""
    return today(owner, now)


def last_night(owner: Owner, now: datetime | None = None) -> date:
    """The night a morning check-in asks about: the one that began on the evening before today's
    date. At 07:00 and at 20:00 on the 24th it is the night of the 23rd; at 01:00 on the 24th too
    (the night still under way)."""
    return morning_of(now or utcnow(), owner) - timedelta(days=1)


def is_evening(owner: Owner, now: datetime | None = None) -> bool:
    """Whether it is evening for the person (from :data:`EVENING_HOUR` until midnight)."""
    return (now or utcnow()).astimezone(owner.tz).hour >= EVENING_HOUR


def night_window(night: date, owner: Owner) -> tuple[datetime, datetime]:
    """The half-open span ``[start, end)``, in UTC, that makes up the night ``night``."""
    return _window(night, owner.tz, owner.cutover_hour)


def day_window(day: date, owner: Owner) -> tuple[datetime, datetime]:
    """The half-open span ``[start, end)``, in UTC, that makes up the day ``day``."""
    return _window(day, owner.tz, day_start_hour(owner))


def _window(on: date, tz: ZoneInfo, hour: int) -> tuple[datetime, datetime]:
    # In UTC: Python subtracts two times of the same zone by their wall clocks, which would make
    # every night 24 hours long, also those in which the clocks change.
    start = datetime.combine(on, time(hour), tzinfo=tz).astimezone(UTC)
    end = datetime.combine(on + timedelta(days=1), time(hour), tzinfo=tz).astimezone(UTC)
    return start, end


def moment_in_night(night: date, clock: time, owner: Owner) -> datetime:
    """The aware moment of clock time ``clock`` during the night ``night``.

    Times from the cut-over hour onwards are on the evening's date; earlier times are on the next
    morning: during the night of the 23rd, 22:40 is the 23rd and 03:10 is the 24th.
    """
    on = night if clock.hour >= owner.cutover_hour else night + timedelta(days=1)
    return datetime.combine(on, clock, tzinfo=owner.tz)


def moment_in_day(day: date, clock: time, owner: Owner) -> datetime:
    """The aware moment of clock time ``clock`` during the day ``day`` (00:30 of the day of the
    23rd is on the 24th)."""
    on = day if clock.hour >= day_start_hour(owner) else day + timedelta(days=1)
    return datetime.combine(on, clock, tzinfo=owner.tz)


# ---------------------------------------------------------------------------- month grids


def month_weeks(year: int, month: int) -> list[list[date]]:
    """The weeks (Monday first) that show a month, padded with days of the months around it."""
    return calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)


def month_of(day: date) -> tuple[int, int]:
    """The (year, month) that holds ``day``."""
    return day.year, day.month


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    """The (year, month) ``delta`` months away."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


# ---------------------------------------------------------------------------- plausibility


def check_year(day: date, field: str) -> None:
    """Refuse a date outside the years a diary can hold, with a message that says how to fix it.

    Raises:
        Invalid: the year is before :data:`EARLIEST_YEAR` or after :data:`LATEST_YEAR`.
    """
    span = f"dates from {EARLIEST_YEAR} to {LATEST_YEAR}"
    if day.year < EARLIEST_YEAR:
        raise Invalid(
            f"{day.isoformat()} is too long ago; check the year ({span}).",
            fields={field: "too early"},
        )
    if day.year > LATEST_YEAR:
        raise Invalid(
            f"{day.isoformat()} is too far ahead; check the year ({span}).",
            fields={field: "too late"},
        )


def check_moment(moment: datetime, field: str, now: datetime | None = None) -> None:
    """Refuse a moment in the future or implausibly long ago.

    Raises:
        Invalid: the moment is before :data:`EARLIEST_YEAR` or after now (with a few minutes'
            tolerance for clocks that differ).
    """
    check_year(moment.date(), field)
    if moment > (now or utcnow()) + FUTURE_TOLERANCE:
        raise Invalid(
            f"{moment:%Y-%m-%d %H:%M} is in the future; log things once they have happened.",
            fields={field: "is in the future"},
        )


def check_day(day: date, owner: Owner, now: datetime | None = None, field: str = "day") -> None:
    """Refuse a day that has not begun yet or is implausibly long ago.

    Raises:
        Invalid: the day is after today, or outside the years a diary holds.
    """
    check_year(day, field)
    if day > today(owner, now):
        raise Invalid(
            f"{day.isoformat()} has not begun yet; log days that have started.",
            fields={field: "is in the future"},
        )


def check_night(night: date, owner: Owner, now: datetime | None = None) -> None:
    """Refuse a night that has not begun yet or is implausibly long ago.

    Raises:
        Invalid: the night starts after now, or is outside the years a diary holds.
    """
    check_year(night, "night_of")
    if night > current_night(owner, now):
        raise Invalid(
            f"The night of {night.isoformat()} has not started yet; log nights that have begun.",
            fields={"night_of": "is in the future"},
        )


def check_range(start: date | None, end: date | None) -> None:
    """Refuse reversed, implausible or over-long ranges with a message that says how to fix them.

    Raises:
        Invalid: a bound is outside the years a diary holds, ``end`` is before ``start``, or the
            range is longer than :data:`MAX_RANGE_DAYS`.
    """
    for name, value in (("from", start), ("to", end)):
        if value is not None:
            check_year(value, name)
    if start is not None and end is not None:
        if end < start:
            raise Invalid(
                f"The range ends ({end}) before it starts ({start}); swap from and to.",
                fields={"to": "is before from"},
            )
        if (end - start).days > MAX_RANGE_DAYS:
            raise Invalid("Ask for at most ten years at a time.", fields={"from": "too early"})
