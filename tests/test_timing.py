"""The calendar of a person (nightcramps.timing): nights, days, last night, tonight and month
grids at their edges, in several zones, and the clock the app reads."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nightcramps import timing
from nightcramps.errors import Invalid
from nightcramps.owner import Owner

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")


def person(zone: str = "Europe/London", cutover: int = 12, day_start: int = 4) -> Owner:
    return Owner(person_id=1, tz=ZoneInfo(zone), cutover_hour=cutover, day_start_hour=day_start)


def at(
    year: int, month: int, day: int, hour: int, minute: int, zone: str = "Europe/London"
) -> datetime:
    """A wall-clock moment in ``zone``, normalised to UTC as storage does."""
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(zone)).astimezone(UTC)


# ---------------------------------------------------------------------------- the edges

EDGES = [
    # (local wall clock on 24 Nov 2026, night_of, day_of)
    ((0, 30), date(2026, 11, 23), date(2026, 11, 23)),
    ((3, 59), date(2026, 11, 23), date(2026, 11, 23)),
    ((4, 0), date(2026, 11, 23), date(2026, 11, 24)),
    ((11, 59), date(2026, 11, 23), date(2026, 11, 24)),
    ((12, 0), date(2026, 11, 24), date(2026, 11, 24)),
    ((23, 59), date(2026, 11, 24), date(2026, 11, 24)),
]


@pytest.mark.parametrize(("clock", "night", "day"), EDGES)
@pytest.mark.parametrize("zone", ["Europe/London", "America/New_York", "Asia/Kolkata"])
def test_night_and_day_at_their_boundaries(
    clock: tuple[int, int], night: date, day: date, zone: str
) -> None:
    """00:30 and 03:59 belong to the evening before; 04:00 starts the day, 12:00 the night."""
    moment = at(2026, 11, 24, *clock, zone=zone)
    assert timing.night_of(moment, person(zone)) == night
    assert timing.day_of(moment, person(zone)) == day


def test_a_coffee_after_midnight_counts_before_the_night_it_may_disturb() -> None:
    """00:30 on the 24th: the day of the 23rd, which comes before the night of the 23rd."""
    moment = at(2026, 11, 24, 0, 30)
    assert timing.day_of(moment, person()) == timing.night_of(moment, person())


@pytest.mark.parametrize(
    ("zone", "change_day"),
    [
        ("Europe/London", date(2026, 3, 29)),  # 01:00 GMT -> 02:00 BST
        ("Europe/London", date(2026, 10, 25)),  # 02:00 BST -> 01:00 GMT
        ("America/New_York", date(2026, 3, 8)),  # 02:00 EST -> 03:00 EDT
        ("America/New_York", date(2026, 11, 1)),  # 02:00 EDT -> 01:00 EST
    ],
)
def test_dst_change_days_keep_nights_and_days_whole(zone: str, change_day: date) -> None:
    """On a change day every hour still lands on the right night and day, and the night
    spanning the change is 23 or 25 hours long."""
    owner = person(zone)
    tz = ZoneInfo(zone)
    night = change_day - timedelta(days=1)  # the night in which the clocks change
    for hour in range(24):
        moment = datetime.combine(change_day, time(hour, 30), tzinfo=tz)
        expected_night = night if hour < 12 else change_day
        expected_day = night if hour < 4 else change_day
        assert timing.night_of(moment.astimezone(UTC), owner) == expected_night
        assert timing.day_of(moment.astimezone(UTC), owner) == expected_day
    start, end = timing.night_window(night, owner)
    assert (end - start) in (timedelta(hours=23), timedelta(hours=25))
    assert timing.night_of(start, owner) == night
    assert timing.night_of(end - timedelta(microseconds=1), owner) == night


def test_new_years_eve_rolls_over_into_the_new_year() -> None:
    """23:30 on 31 December is the night of the 31st; 03:00 on 1 January still is."""
    owner = person()
    assert timing.night_of(at(2026, 12, 31, 23, 30), owner) == date(2026, 12, 31)
    assert timing.night_of(at(2027, 1, 1, 3, 0), owner) == date(2026, 12, 31)
    assert timing.day_of(at(2027, 1, 1, 3, 0), owner) == date(2026, 12, 31)
    assert timing.last_night(owner, at(2027, 1, 1, 13, 0)) == date(2026, 12, 31)
    assert timing.tonight(owner, at(2026, 12, 31, 23, 30)) == date(2026, 12, 31)


def test_29_february_is_a_night_like_any_other() -> None:
    """In a leap year the small hours of 1 March belong to the night of 29 February."""
    owner = person()
    assert timing.night_of(at(2028, 3, 1, 2, 0), owner) == date(2028, 2, 29)
    assert timing.day_of(at(2028, 2, 29, 23, 0), owner) == date(2028, 2, 29)
    assert timing.last_night(owner, at(2028, 3, 1, 8, 0)) == date(2028, 2, 29)
    assert timing.month_weeks(2028, 2)[-1][1] == date(2028, 2, 29)


# ---------------------------------------------------------------------------- named nights


@pytest.mark.parametrize(
    ("wall", "last", "tonight", "current"),
    [
        ((2026, 12, 1, 1, 0), date(2026, 11, 30), date(2026, 11, 30), date(2026, 11, 30)),
        ((2026, 12, 1, 7, 0), date(2026, 11, 30), date(2026, 12, 1), date(2026, 11, 30)),
        ((2026, 12, 1, 13, 0), date(2026, 11, 30), date(2026, 12, 1), date(2026, 12, 1)),
        ((2026, 12, 1, 23, 30), date(2026, 11, 30), date(2026, 12, 1), date(2026, 12, 1)),
    ],
)
def test_last_night_tonight_and_the_current_night_through_a_day(
    wall: tuple[int, int, int, int, int], last: date, tonight: date, current: date
) -> None:
    """On the 1st, 'last night' is the 30th all day; 'tonight' is the 1st from 04:00."""
    now = at(*wall)
    owner = person()
    assert timing.last_night(owner, now) == last
    assert timing.tonight(owner, now) == tonight
    assert timing.current_night(owner, now) == current


def test_zone_decides_the_date() -> None:
    """The same instant is a different night in New York and in Tokyo."""
    moment = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)
    assert timing.night_of(moment, person("America/New_York")) == date(2026, 11, 23)
    assert timing.night_of(moment, person("Asia/Tokyo")) == date(2026, 11, 23)  # 11:00 there
    assert timing.night_of(moment, person("Pacific/Kiritimati")) == date(2026, 11, 24)  # 16:00


def test_day_never_starts_after_the_cut_over() -> None:
    """With a midnight cut-over the day starts at midnight too (the earlier of the two)."""
    owner = person(cutover=0)
    assert timing.day_start_hour(owner) == 0
    assert timing.day_of(at(2026, 11, 24, 0, 30), owner) == date(2026, 11, 24)


def test_moment_in_day_places_small_hours_on_the_next_morning() -> None:
    """00:30 typed for the day of the 23rd is 00:30 on the 24th; 08:00 is on the 23rd."""
    owner = person()
    assert timing.moment_in_day(date(2026, 11, 23), time(0, 30), owner).date() == date(2026, 11, 24)
    assert timing.moment_in_day(date(2026, 11, 23), time(8, 0), owner).date() == date(2026, 11, 23)


@given(
    day=st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 1, 1)),
    clock=st.times(),
    cutover=st.integers(min_value=0, max_value=23),
    day_start=st.integers(min_value=0, max_value=23),
    zone=st.sampled_from(["UTC", "Europe/London", "America/New_York", "Australia/Sydney"]),
)
def test_placing_a_clock_time_round_trips(
    day: date, clock: time, cutover: int, day_start: int, zone: str
) -> None:
    """Any clock time placed in a night (or a day) is dated back to that night (or day), except
    for wall times that a DST change skips, which move by at most one date."""
    owner = person(zone, cutover, day_start)
    for place, date_back in (
        (timing.moment_in_night, timing.night_of),
        (timing.moment_in_day, timing.day_of),
    ):
        moment = place(day, clock, owner)
        stored = moment.astimezone(UTC)
        back = date_back(stored, owner)
        assert abs((back - day).days) <= 1
        if stored.astimezone(owner.tz).replace(tzinfo=None) == moment.replace(tzinfo=None):
            assert back == day


# ---------------------------------------------------------------------------- month grids


@pytest.mark.parametrize(("year", "month"), [(2026, 12), (2027, 3), (2026, 2), (2028, 2)])
def test_month_weeks_cover_whole_weeks_around_the_month(year: int, month: int) -> None:
    """Every week starts on a Monday, holds seven days, and the month's days are all there."""
    weeks = timing.month_weeks(year, month)
    days = [d for week in weeks for d in week]
    assert all(len(week) == 7 and week[0].weekday() == 0 for week in weeks)
    assert days == sorted(days) and len(set(days)) == len(days)
    in_month = [d for d in days if d.month == month]
    assert in_month[0].day == 1 and (in_month[-1] + timedelta(days=1)).month != month


def test_shift_month_crosses_years() -> None:
    """December plus one is January of the next year; January minus one is December."""
    assert timing.shift_month(2026, 12, 1) == (2027, 1)
    assert timing.shift_month(2027, 1, -1) == (2026, 12)


# ---------------------------------------------------------------------------- the clock


def test_utcnow_reads_the_clock_in_use() -> None:
    """Inside use_clock, utcnow is that clock's time (in UTC); leaving the block puts back the
    clock that was in use before it."""
    outer = datetime(2026, 12, 1, 13, 0, tzinfo=UTC)
    inner = datetime(2026, 12, 31, 23, 30, tzinfo=LONDON)
    with timing.use_clock(timing.fixed_clock(outer)):
        with timing.use_clock(timing.fixed_clock(inner)):
            assert timing.utcnow() == inner
            assert timing.utcnow().tzinfo is UTC
        assert timing.utcnow() == outer


def test_a_ticking_clock_starts_where_it_is_told_and_moves_on() -> None:
    """A ticking clock says its start first and then later moments, never earlier ones."""
    start = datetime(2027, 3, 1, 13, 0, tzinfo=UTC)
    clock = timing.ticking_clock(start)
    first, second = clock(), clock()
    assert start <= first <= second < start + timedelta(seconds=5)


def test_a_clock_needs_a_zone() -> None:
    """A naive moment is refused: it would move nights by the machine's zone."""
    with pytest.raises(ValueError, match="aware"):
        timing.fixed_clock(datetime(2026, 12, 1, 13, 0))


def test_threads_started_inside_a_clock_do_not_see_it_without_its_context() -> None:
    """The clock is a context variable: code run in another thread's own context sees the system
    clock, which is why the app sets its clock per request, inside the request's context."""
    fixed = datetime(2000, 1, 1, tzinfo=UTC)
    seen: list[datetime] = []
    with timing.use_clock(timing.fixed_clock(fixed)):
        thread = threading.Thread(target=lambda: seen.append(timing.utcnow()))
        thread.start()
        thread.join()
    assert seen[0].year > 2000


# ---------------------------------------------------------------------------- plausibility


def test_check_day_refuses_a_day_that_has_not_begun() -> None:
    """At 01:00 on the 24th the 24th has not begun (it is still the day of the 23rd)."""
    now = at(2026, 11, 24, 1, 0)
    timing.check_day(date(2026, 11, 23), person(), now)
    with pytest.raises(Invalid, match="has not begun"):
        timing.check_day(date(2026, 11, 24), person(), now)


@pytest.mark.parametrize("year", [1899, 3000])
def test_implausible_years_are_refused_with_the_fix(year: int) -> None:
    """A date before 1900 or after 2999 is a typing error: 'check the year'."""
    with pytest.raises(Invalid, match="check the year"):
        timing.check_year(date(year, 1, 1), "day")


def test_check_range_says_how_to_fix_a_reversed_range() -> None:
    """A range that ends before it starts is refused with 'swap from and to'."""
    with pytest.raises(Invalid, match="swap from and to"):
        timing.check_range(date(2026, 11, 24), date(2026, 11, 1))
