"""The Today page (and the same page for an earlier day): one-tap logging of the day before the
night. Its buttons are in ``taps`` and its forms in ``forms``; both show this page again, with
the reason, when a write is refused."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from fastapi import APIRouter, Request, Response

from nightcramps import charts, timing
from nightcramps.dailyvalues import dayview
from nightcramps.dailyvalues import service as dailyvalues_service
from nightcramps.daylog import service as daylog_service
from nightcramps.daylog.constants import COFFEE_CUP_CAFFEINE_MG, INTENSITY_WORDS
from nightcramps.daylog.routes._common import viewable_day
from nightcramps.owner import Owner
from nightcramps.web.deps import CurrentPerson, OwnerDep, SessionDep
from nightcramps.web.pages import render

router = APIRouter()

NONE_ANSWERS = {
    "stretching": ("no_stretching", "No stretching today"),
    "exercise": ("no_exercise", "Rest day: no exercise"),
    "alcohol": ("no_alcohol", "No alcohol today"),
    "caffeine": ("no_caffeine", "No caffeine today"),
}
ACTIVITY_TYPES = ("walking", "running", "cycling", "swimming", "gym", "yoga", "gardening", "other")


def _clock(value: datetime | None, owner: Owner) -> str:
    return "" if value is None else timing.local(value, owner.tz).strftime("%H:%M")


CHART_DAYS = 28
"""The Today page's charts show the four weeks up to the day shown."""

CHART_FACTORS = (
    ("steps", "Steps per day", "steps", None, ""),
    ("exertion_ratio", "Exertion against your usual (1 = usual)", "ratio", 1.0, "your usual load"),
    ("sleep_h", "Sleep before each day (hours)", "h", None, ""),
)
"""The day values drawn against the nights: key, title, unit, reference line and its name."""


def _day_charts(session: Any, owner: Owner, day: date) -> list[Any]:
    """Steps, exertion and sleep over the last four weeks, each with the night after every day
    (cramps, none, or not logged) in a strip under the bars."""
    start = day - timedelta(days=CHART_DAYS - 1)
    frame = dailyvalues_service.daily_frame(session=session, owner=owner, start=start, end=day)
    days = [start + timedelta(days=k) for k in range(CHART_DAYS)]
    nights: dict[date, bool | None] = {}
    for d in days:
        cramps = frame[d].get("cramps") if d in frame else None
        nights[d] = None if cramps is None else cramps > 0
    drawn = []
    for key, title, unit, reference, reference_label in CHART_FACTORS:
        values = [charts.Day(d, frame[d].get(key) if d in frame else None) for d in days]
        drawn.append(charts.daily_intake(title, unit, values, reference, nights, reference_label))
    return drawn


def _today_context(session: Any, owner: Owner, day: date, person_tz: str) -> dict[str, Any]:
    log = dayview.day_view(session=session, owner=owner, day=day)
    current = daylog_service.today(owner=owner)
    sleep = log.sleep[0] if log.sleep else None
    return {
        "day": day,
        "is_today": day == current,
        "prev_day": day - timedelta(days=1),
        "next_day": day + timedelta(days=1) if day < current else None,
        "log": log,
        "sleep": sleep,
        "sleep_bed": _clock(sleep.bed_at if sleep else None, owner),
        "sleep_wake": _clock(sleep.wake_at if sleep else None, owner),
        "medicines": daylog_service.list_medicines(session=session, owner=owner),
        "activity_types": ACTIVITY_TYPES,
        "efforts": INTENSITY_WORDS,
        "coffee_mg": COFFEE_CUP_CAFFEINE_MG,
        "none_answers": NONE_ANSWERS,
        "tz": person_tz,
        "errors": {},
        "values": {},
        "failed": None,
        "message": None,
        "day_charts": _day_charts(session, owner, day),
    }


def render_today(
    request: Request,
    session: Any,
    owner: Owner,
    person: Any,
    day: date,
    *,
    failed: str | None = None,
    errors: dict[str, str] | None = None,
    values: dict[str, Any] | None = None,
    message: str | None = None,
    status_code: int = 200,
) -> Response:
    """The Today page for ``day``; after a refused write, with the failed form, what to fix and
    the values typed."""
    context = _today_context(session, owner, day, person.timezone)
    context.update(failed=failed, errors=errors or {}, values=values or {}, message=message)
    return render(request, "daylog/today.html", context, status_code=status_code)


@router.get("/today")
def today_page(
    request: Request, session: SessionDep, owner: OwnerDep, person: CurrentPerson
) -> Response:
    """Today: one-tap logging of the day before the night."""
    return render_today(request, session, owner, person, daylog_service.today(owner=owner))


@router.get("/today/{day}")
def day_page(
    request: Request, day: date, session: SessionDep, owner: OwnerDep, person: CurrentPerson
) -> Response:
    """The same page for an earlier day."""
    return render_today(request, session, owner, person, viewable_day(day, owner))
