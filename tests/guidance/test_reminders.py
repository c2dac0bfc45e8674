"""The bedtime reminder: the calendar file and when the in-app reminder is due (pure functions)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from nightcramps.guidance import reminders
from nightcramps.owner import Owner

LONDON = ZoneInfo("Europe/London")
OWNER = Owner(person_id=1, tz=LONDON, cutover_hour=12)
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def test_calendar_has_a_daily_event_with_an_alarm() -> None:
    """The file holds one daily event at the local time with a display alarm at its start."""
    body = reminders.reminder_calendar(
        time(21, 30), tz=LONDON, now=NOW, uid="u-1", url="http://x/routine"
    )
    calendar = Calendar.from_ical(body)
    (event,) = calendar.walk("VEVENT")
    assert b"RRULE:FREQ=DAILY" in body
    start = event.decoded("DTSTART")
    assert start == datetime(2026, 11, 24, 21, 30, tzinfo=LONDON)
    assert str(start.tzinfo) == "Europe/London"
    (alarm,) = event.walk("VALARM")
    assert alarm["ACTION"] == "DISPLAY"
    assert alarm.decoded("TRIGGER") == timedelta(0)
    assert calendar.walk("VTIMEZONE"), "the zone is included for calendars that need it"
    assert str(event["URL"]) == "http://x/routine"


def test_calendar_starts_tomorrow_when_the_time_has_passed() -> None:
    """A reminder time earlier than now starts the next day."""
    calendar = Calendar.from_ical(
        reminders.reminder_calendar(time(8, 0), tz=LONDON, now=NOW, uid="u")
    )
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("DTSTART").date() == date(2026, 11, 25)


@pytest.mark.parametrize(
    "text,expected", [("21:30", time(21, 30)), ("9:05", time(9, 5)), (" 22:00 ", time(22, 0))]
)
def test_clock_times_are_read(text: str, expected: time) -> None:
    """HH:MM and H:MM are read as clock times."""
    assert reminders.parse_clock(text) == expected


@pytest.mark.parametrize("text", ["25:00", "evening", "", "21.30"])
def test_bad_clock_times_say_how_to_write_them(text: str) -> None:
    """A time that cannot be read raises a message with an example."""
    with pytest.raises(ValueError, match="HH:MM"):
        reminders.parse_clock(text)


def due(clock: time | None, local: datetime, night: date, done: bool = False) -> bool:
    return reminders.is_due(
        clock, now=local.astimezone(UTC), night=night, owner=OWNER, done_tonight=done
    )


def test_due_from_the_reminder_time_for_some_hours() -> None:
    """21:30 reminder: due at 21:45 and at 01:00, not at 21:00 or the next morning."""
    night = date(2026, 11, 23)
    assert due(time(21, 30), datetime(2026, 11, 23, 21, 45, tzinfo=LONDON), night)
    assert due(time(21, 30), datetime(2026, 11, 24, 1, 0, tzinfo=LONDON), night)
    assert not due(time(21, 30), datetime(2026, 11, 23, 21, 0, tzinfo=LONDON), night)
    assert not due(time(21, 30), datetime(2026, 11, 24, 9, 0, tzinfo=LONDON), night)


def test_a_reminder_after_midnight_is_on_the_next_morning() -> None:
    """A 00:30 reminder for the night of the 23rd falls at 00:30 on the 24th."""
    night = date(2026, 11, 23)
    assert not due(time(0, 30), datetime(2026, 11, 23, 23, 0, tzinfo=LONDON), night)
    assert due(time(0, 30), datetime(2026, 11, 24, 0, 40, tzinfo=LONDON), night)


def test_not_due_when_done_or_unset() -> None:
    """Once the routine is done, or with no reminder, nothing is due."""
    at = datetime(2026, 11, 23, 21, 45, tzinfo=LONDON)
    assert not due(time(21, 30), at, date(2026, 11, 23), done=True)
    assert not due(None, at, date(2026, 11, 23))
