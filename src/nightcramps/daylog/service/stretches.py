"""Stretching sessions under the names other features call: the bedtime-routine page logs one
when a routine is finished, and the guidance asks whether the person stretched that day. They are
the stretch kind's ``log_entry`` and ``list_entries`` (``kinds.STRETCH``)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from nightcramps.daylog.schemas import StretchCreate, StretchPublic
from nightcramps.daylog.service.entries import list_entries, log_entry
from nightcramps.daylog.service.kinds import STRETCH
from nightcramps.owner import Owner


def log_stretch(
    *, session: Session, owner: Owner, stretch_in: StretchCreate, now: datetime | None = None
) -> StretchPublic:
    """Record a stretching routine done (the bedtime-routine page calls this when finished).

    With neither ``at`` nor ``day`` it is logged for today. A "no stretching" answer for that
    day is withdrawn. The caller commits the session.

    Raises:
        Invalid: the time or day is in the future, or they disagree.
    """
    return log_entry(session=session, owner=owner, kind=STRETCH, entry_in=stretch_in, now=now)


def list_stretches(
    *, session: Session, owner: Owner, start: date | None = None, end: date | None = None
) -> list[StretchPublic]:
    """Stretching sessions from ``start`` to ``end`` inclusive, newest first."""
    return list_entries(session=session, owner=owner, kind=STRETCH, start=start, end=end)
