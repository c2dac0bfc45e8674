"""Sleep entries: one a day, belonging to the day the sleep ends in (last night's is today's)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from nightcramps.daylog.constants import MAX_SLEEP_H
from nightcramps.daylog.models import SleepPeriod
from nightcramps.daylog.schemas import SleepCreate, SleepPublic, SleepUpdate
from nightcramps.daylog.service._common import get_row, list_rows
from nightcramps.daylog.service.timing import check_moment, local_moment
from nightcramps.errors import Conflict, Invalid
from nightcramps.owner import Owner
from nightcramps.timing import morning_of


def to_sleep_public(entry: SleepPeriod) -> SleepPublic:
    """The public view of a sleep entry, with its hours."""
    hours = (entry.wake_at - entry.bed_at).total_seconds() / 3600
    return SleepPublic(
        id=entry.id,
        day=entry.day,
        bed_at=entry.bed_at,
        wake_at=entry.wake_at,
        sleep_h=round(hours, 2),
    )


def _sleep_span(
    bed_at: datetime, wake_at: datetime, owner: Owner, now: datetime | None
) -> tuple[datetime, datetime, date]:
    bed = local_moment(bed_at, owner=owner)
    wake = local_moment(wake_at, owner=owner)
    check_moment(bed, "bed_at", now)
    check_moment(wake, "wake_at", now)
    if wake <= bed:
        raise Invalid(
            f"The wake time ({wake:%Y-%m-%d %H:%M}) is not after the bedtime "
            f"({bed:%Y-%m-%d %H:%M}); check the dates (waking is usually the next morning).",
            fields={"wake_at": "is not after bed_at"},
        )
    if wake - bed > timedelta(hours=MAX_SLEEP_H):
        raise Invalid(
            f"{(wake - bed).total_seconds() / 3600:.1f} hours is longer than one sleep can be "
            f"(at most {MAX_SLEEP_H}); check the dates.",
            fields={"wake_at": "too long after bed_at"},
        )
    # The sleep belongs to the day it ends in: the sleep before that day, known by its bedtime
    # (so it can help predict that night) and not caused by that night's cramps.
    day = morning_of(wake, owner)
    return bed, wake, day


def check_one_sleep(session: Session, owner: Owner, day: date, except_id: int | None) -> None:
    """Refuse a second live sleep ending on ``day`` (restoring a deleted one checks this too).

    Raises:
        Conflict: another sleep (not ``except_id``) already ends on that day.
    """
    existing = session.scalars(
        select(SleepPeriod).where(
            SleepPeriod.person_id == owner.person_id,
            SleepPeriod.day == day,
            SleepPeriod.deleted_at.is_(None),
        )
    ).first()
    if existing is not None and existing.id != except_id:
        raise Conflict(
            f"The sleep ending on {day.isoformat()} is already logged (entry {existing.id}); "
            "change that entry instead.",
            fields={"wake_at": "sleep already logged for this day"},
            existing_id=existing.id,
        )


def log_sleep(
    *, session: Session, owner: Owner, sleep_in: SleepCreate, now: datetime | None = None
) -> SleepPublic:
    """Record a sleep; it belongs to the day it ends in (last night's sleep is today's).

    Raises:
        Invalid: times in the future, wake not after bedtime, or over 20 hours.
        Conflict: a sleep ending on that day is already logged.
    """
    bed, wake, day = _sleep_span(sleep_in.bed_at, sleep_in.wake_at, owner, now)
    check_one_sleep(session, owner, day, except_id=None)
    entry = SleepPeriod(person_id=owner.person_id, day=day, bed_at=bed, wake_at=wake)
    session.add(entry)
    session.flush()
    return to_sleep_public(entry)


def update_sleep(
    *,
    session: Session,
    owner: Owner,
    sleep_id: int,
    sleep_in: SleepUpdate,
    now: datetime | None = None,
) -> SleepPublic:
    """Change a sleep entry's bedtime and/or wake time."""
    entry: SleepPeriod = get_row(session, owner, "sleep", sleep_id)
    changes = sleep_in.model_dump(exclude_unset=True)
    if any(changes.get(k, "") is None for k in ("bed_at", "wake_at")):
        raise Invalid("bed_at and wake_at cannot be empty.", fields={"bed_at": "cannot be empty"})
    bed, wake, day = _sleep_span(
        changes.get("bed_at", entry.bed_at), changes.get("wake_at", entry.wake_at), owner, now
    )
    if day != entry.day:
        check_one_sleep(session, owner, day, except_id=entry.id)
    entry.bed_at, entry.wake_at, entry.day = bed, wake, day
    session.flush()
    return to_sleep_public(entry)


def list_sleep(
    *, session: Session, owner: Owner, start: date | None = None, end: date | None = None
) -> list[SleepPublic]:
    """Sleep entries ending on the days from ``start`` to ``end`` inclusive, newest first."""
    return [to_sleep_public(s) for s in list_rows(session, owner, SleepPeriod, start, end)]
