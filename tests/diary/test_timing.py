"""Which night a moment belongs to."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from nightcramps.diary import timing

LONDON = ZoneInfo("Europe/London")


def test_small_hours_belong_to_the_evening_before() -> None:
    """03:10 on the 24th is the night of the 23rd."""
    moment = datetime(2026, 11, 24, 3, 10, tzinfo=LONDON)
    assert timing.night_of(moment, tz=LONDON, cutover_hour=12) == date(2026, 11, 23)


def test_evening_belongs_to_its_own_date() -> None:
    """22:00 on the 24th is the night of the 24th."""
    moment = datetime(2026, 11, 24, 22, 0, tzinfo=LONDON)
    assert timing.night_of(moment, tz=LONDON, cutover_hour=12) == date(2026, 11, 24)


def test_night_is_read_in_the_persons_zone() -> None:
    """02:00 UTC is still the previous evening in New York."""
    moment = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)
    new_york = ZoneInfo("America/New_York")
    assert timing.night_of(moment, tz=new_york, cutover_hour=12) == date(2026, 11, 23)
    tokyo = ZoneInfo("Asia/Tokyo")  # 11:00 on the 24th in Tokyo: before noon
    assert timing.night_of(moment, tz=tokyo, cutover_hour=12) == date(2026, 11, 23)


def test_moment_in_night_places_clock_times() -> None:
    """During the night of the 23rd, 22:40 is on the 23rd and 03:10 on the 24th."""
    day = date(2026, 11, 23)
    late = timing.moment_in_night(day, time(22, 40), tz=LONDON, cutover_hour=12)
    early = timing.moment_in_night(day, time(3, 10), tz=LONDON, cutover_hour=12)
    assert late.date() == date(2026, 11, 23)
    assert early.date() == date(2026, 11, 24)


@given(
    day=st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 1, 1)),
    clock=st.times(),
    cutover=st.integers(min_value=0, max_value=23),
    zone=st.sampled_from(["UTC", "Europe/London", "America/New_York", "Australia/Sydney"]),
)
def test_moment_in_night_round_trips(day: date, clock: time, cutover: int, zone: str) -> None:
    """Any clock time placed in a night is dated back to that same night."""
    tz = ZoneInfo(zone)
    moment = timing.moment_in_night(day, clock, tz=tz, cutover_hour=cutover)
    # Normalise through UTC, as storage does; nonexistent DST times shift by an hour at most.
    stored = moment.astimezone(UTC)
    back = timing.night_of(stored, tz=tz, cutover_hour=cutover)
    assert abs((back - day).days) <= 1
    if stored.astimezone(tz).replace(tzinfo=None) == moment.replace(tzinfo=None):
        assert back == day
