"""Workouts and light exercise: logging, changing and listing them, with their effort and load."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from nightcramps.daylog import exertion
from nightcramps.daylog.models import Activity
from nightcramps.daylog.schemas import ActivityCreate, ActivityPublic, ActivityUpdate, Effort
from nightcramps.daylog.service._common import (
    clear_none_flag,
    get_row,
    list_rows,
    move_entry,
    to_decimal,
)
from nightcramps.daylog.service.timing import resolve_day
from nightcramps.errors import Invalid
from nightcramps.owner import Owner


def effort_of(intensity_0_10: int) -> Effort:
    """The effort word for a 0-10 intensity (WHO: moderate is 5-6, vigorous 7-8)."""
    if intensity_0_10 >= 7:
        return "vigorous"
    if intensity_0_10 >= 5:
        return "moderate"
    return "light"


def to_activity_public(activity: Activity) -> ActivityPublic:
    """The public view of a workout."""
    minutes = float(activity.duration_min)
    return ActivityPublic(
        id=activity.id,
        day=activity.day,
        started_at=activity.started_at,
        activity_type=activity.activity_type,
        duration_min=minutes,
        intensity_0_10=activity.intensity_0_10,
        effort=effort_of(activity.intensity_0_10),
        load=exertion.session_load(minutes, activity.intensity_0_10),
        notes=activity.notes,
    )


def log_activity(
    *, session: Session, owner: Owner, activity_in: ActivityCreate, now: datetime | None = None
) -> ActivityPublic:
    """Record a workout or light exercise on its day (a "rest day" answer is withdrawn)."""
    moment, day = resolve_day(activity_in.at, activity_in.day, owner=owner, now=now)
    clear_none_flag(session, owner, day, "activity")
    activity = Activity(
        person_id=owner.person_id,
        day=day,
        started_at=moment,
        activity_type=activity_in.activity_type,
        duration_min=to_decimal(activity_in.duration_min, 1),
        intensity_0_10=activity_in.intensity_0_10,
        notes=activity_in.notes,
    )
    session.add(activity)
    session.flush()
    return to_activity_public(activity)


def update_activity(
    *,
    session: Session,
    owner: Owner,
    activity_id: int,
    activity_in: ActivityUpdate,
    now: datetime | None = None,
) -> ActivityPublic:
    """Change a workout; only the fields given change (a new time may move it to another day)."""
    activity: Activity = get_row(session, owner, "activity", activity_id)
    changes = activity_in.model_dump(exclude_unset=True)
    move_entry(activity, changes, owner, now, "activity", session, time_attr="started_at")
    for name, value in changes.items():
        if value is None and name != "notes":
            raise Invalid(f"{name} cannot be empty.", fields={name: "cannot be empty"})
        if name == "duration_min":
            value = to_decimal(value, 1)
        setattr(activity, name, (value or "") if name == "notes" else value)
    session.flush()
    return to_activity_public(activity)


def list_activities(
    *, session: Session, owner: Owner, start: date | None = None, end: date | None = None
) -> list[ActivityPublic]:
    """Workouts from ``start`` to ``end`` inclusive, newest first."""
    rows = list_rows(session, owner, Activity, start, end)
    return [to_activity_public(a) for a in rows]
