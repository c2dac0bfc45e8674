"""The bedtime-stretch reminder: a calendar file with an alarm, and when the in-app reminder is due.

Pure functions; the service reads and stores the reminder time.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, vRecur

from nightcramps import timing
from nightcramps.guidance.constants import REMINDER_WINDOW_H
from nightcramps.owner import Owner

EVENT_MINUTES = 5
"""Length of the calendar event: the routine takes about three to four minutes."""

CLOCK = re.compile(r"(?P<h>\d{1,2}):(?P<m>\d{2})(:\d{2})?")

PRODID = "-//NightCramps//Bedtime stretch reminder//EN"


def parse_clock(text: str) -> time:
    """A clock time typed as HH:MM or H:MM (seconds, as some browsers send them, are dropped).

    Raises:
        ValueError: the text is not a clock time; the message says how to write one.
    """
    match = CLOCK.fullmatch(text.strip())
    if match is None or int(match["h"]) > 23 or int(match["m"]) > 59:
        raise ValueError(f"write the time as HH:MM, for example 21:30 (not {text!r})")
    return time(int(match["h"]), int(match["m"]))


def next_occurrence(clock: time, *, tz: ZoneInfo, now: datetime) -> datetime:
    """The next moment (today or tomorrow) when the local clock shows ``clock``."""
    local_now = timing.local(now, tz)
    candidate = datetime.combine(local_now.date(), clock, tzinfo=tz)
    if candidate <= local_now:
        candidate = datetime.combine(local_now.date() + timedelta(days=1), clock, tzinfo=tz)
    return candidate


def reminder_calendar(
    clock: time, *, tz: ZoneInfo, now: datetime, uid: str, url: str | None = None
) -> bytes:
    """An iCalendar file with a daily event at ``clock`` (local time) and an alarm at its start.

    The event repeats every day (RRULE:FREQ=DAILY) in the person's time zone, so it stays at the
    same clock time across daylight-saving changes; the VTIMEZONE is included for calendars that
    need it. Many calendar apps drop imported alarms, which is why the app reminds as well.
    """
    start = next_occurrence(clock, tz=tz, now=now)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "NightCramps bedtime stretches")
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", now)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=EVENT_MINUTES))
    event.add("rrule", vRecur(freq="daily"))
    event.add("summary", "Bedtime stretches")
    event.add(
        "description",
        "Calf and hamstring stretches: each held 10 seconds, 3 times, both legs "
        "(Hallegraeff JM et al., J Physiother 2012)."
        + (f" Open the guided routine: {url}" if url else ""),
    )
    if url:
        event.add("url", url)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", "Time for your bedtime stretches")
    alarm.add("trigger", timedelta(0))
    event.add_component(alarm)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    ical: bytes = calendar.to_ical()
    return ical


def reminder_moment(clock: time, *, night: date, owner: Owner) -> datetime:
    """When the reminder falls during ``night`` (00:30 is the next morning's clock)."""
    return timing.moment_in_night(night, clock, owner)


def is_due(
    clock: time | None,
    *,
    now: datetime,
    night: date,
    owner: Owner,
    done_tonight: bool,
) -> bool:
    """Whether the home page should say "time for your bedtime stretches" now.

    Due from the reminder time for ``REMINDER_WINDOW_H`` hours, unless stretching has been logged
    for ``night`` already.
    """
    if clock is None or done_tonight:
        return False
    start = reminder_moment(clock, night=night, owner=owner)
    return start <= now < start + timedelta(hours=REMINDER_WINDOW_H)
