"""Which night a moment belongs to. Pure functions, no I/O."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo


def night_of(moment: datetime, *, tz: ZoneInfo, cutover_hour: int) -> date:
    """The night (dated by its evening) that ``moment`` falls in.

    Before the cut-over hour a moment belongs to the night that started the evening before: with a
    cut-over at noon, 03:10 on the 24th is the night of the 23rd and 22:00 on the 24th is the night
    of the 24th.
    """
    local = moment.astimezone(tz)
    if local.hour < cutover_hour:
        return local.date() - timedelta(days=1)
    return local.date()


def night_window(day: date, *, tz: ZoneInfo, cutover_hour: int) -> tuple[datetime, datetime]:
    """The half-open span of aware datetimes ``[start, end)`` that make up night ``day``."""
    start = datetime.combine(day, time(cutover_hour), tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), time(cutover_hour), tzinfo=tz)
    return start, end


def local_moment(value: datetime, *, tz: ZoneInfo) -> datetime:
    """Read a clock time typed by a person: naive values are in their zone, aware ones kept."""
    if value.tzinfo is None:
        return value.replace(tzinfo=tz)
    return value


def moment_in_night(day: date, clock: time, *, tz: ZoneInfo, cutover_hour: int) -> datetime:
    """The aware moment of clock time ``clock`` during night ``day``.

    Times from the cut-over hour onwards are on the evening's date; earlier times are on the next
    morning: during the night of the 23rd, 22:40 is the 23rd and 03:10 is the 24th.
    """
    on = day if clock.hour >= cutover_hour else day + timedelta(days=1)
    return datetime.combine(on, clock, tzinfo=tz)
