"""Stretching sessions: the routine done before bed (the bedtime-routine page logs them too)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from nightcramps.daylog.models import StretchSession
from nightcramps.daylog.schemas import StretchCreate, StretchPublic, StretchUpdate
from nightcramps.daylog.service._common import (
    clear_none_flag,
    get_row,
    list_rows,
    move_entry,
    to_decimal,
    to_float,
)
from nightcramps.daylog.service.timing import resolve_day
from nightcramps.errors import Invalid
from nightcramps.owner import Owner


def to_stretch_public(stretch: StretchSession) -> StretchPublic:
    """The public view of a stretching session."""
    return StretchPublic(
        id=stretch.id,
        day=stretch.day,
        at=stretch.at,
        routine=stretch.routine,
        duration_min=to_float(stretch.duration_min),
    )


def log_stretch(
    *, session: Session, owner: Owner, stretch_in: StretchCreate, now: datetime | None = None
) -> StretchPublic:
    """Record a stretching routine done (the bedtime-routine page calls this when finished).

    With neither ``at`` nor ``day`` it is logged for today. A "no stretching" answer for that
    day is withdrawn. The caller commits the session.

    Raises:
        Invalid: the time or day is in the future, or they disagree.
    """
    moment, day = resolve_day(stretch_in.at, stretch_in.day, owner=owner, now=now)
    clear_none_flag(session, owner, day, "stretch")
    stretch = StretchSession(
        person_id=owner.person_id,
        day=day,
        at=moment,
        routine=stretch_in.routine,
        duration_min=to_decimal(stretch_in.duration_min, 1),
    )
    session.add(stretch)
    session.flush()
    return to_stretch_public(stretch)


def update_stretch(
    *,
    session: Session,
    owner: Owner,
    stretch_id: int,
    stretch_in: StretchUpdate,
    now: datetime | None = None,
) -> StretchPublic:
    """Change a stretching session."""
    stretch: StretchSession = get_row(session, owner, "stretch", stretch_id)
    changes = stretch_in.model_dump(exclude_unset=True)
    move_entry(stretch, changes, owner, now, "stretch", session)
    if "routine" in changes and changes["routine"] is None:
        raise Invalid("routine cannot be empty.", fields={"routine": "cannot be empty"})
    for name, value in changes.items():
        setattr(stretch, name, to_decimal(value, 1) if name == "duration_min" else value)
    session.flush()
    return to_stretch_public(stretch)


def list_stretches(
    *, session: Session, owner: Owner, start: date | None = None, end: date | None = None
) -> list[StretchPublic]:
    """Stretching sessions from ``start`` to ``end`` inclusive, newest first."""
    return [to_stretch_public(s) for s in list_rows(session, owner, StretchSession, start, end)]
