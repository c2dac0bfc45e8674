"""Sleep entries: one a day, belonging to the day the sleep ends in (last night's is today's).
These are the sleep kind's own log, change and restore check (``kinds.SLEEP``)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from nightcramps.daylog.constants import MAX_SLEEP_H
from nightcramps.daylog.models import SleepPeriod
from nightcramps.daylog.schemas import SleepCreate, SleepPublic, SleepUpdate
from nightcramps.daylog.service.timing import check_moment, local_moment
from nightcramps.errors import Conflict, Invalid
from nightcramps.owner import Owner
from nightcramps.timing import morning_of


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


def check_restore(session: Session, owner: Owner, entry: SleepPeriod) -> None:
    """Refuse restoring a sleep when another was logged for its day since it was deleted."""
    check_one_sleep(session, owner, entry.day, except_id=entry.id)


def _on_its_day(entry: SleepPeriod, day: date | None) -> SleepPublic:
    """The sleep, refused (so nothing is stored) when the ``day`` sent is not the day it ends."""
    if day is not None and day != entry.day:
        raise Invalid(
            f"This sleep ends on {entry.day.isoformat()}, not {day.isoformat()}: a sleep belongs "
            "to the day it ends in. Leave day out, or fix wake_at.",
            fields={"day": "does not match wake_at"},
        )
    return SleepPublic.model_validate(entry)


def log_sleep(
    *, session: Session, owner: Owner, entry_in: SleepCreate, now: datetime | None = None
) -> SleepPublic:
    """Record a sleep; it belongs to the day it ends in (last night's sleep is today's).

    Raises:
        Invalid: times in the future, wake not after bedtime, or over 20 hours; a ``day`` sent
            that is not the day it ends in.
        Conflict: a sleep ending on that day is already logged.
    """
    bed, wake, day = _sleep_span(entry_in.bed_at, entry_in.wake_at, owner, now)
    check_one_sleep(session, owner, day, except_id=None)
    entry = SleepPeriod(person_id=owner.person_id, day=day, bed_at=bed, wake_at=wake)
    session.add(entry)
    session.flush()
    return _on_its_day(entry, entry_in.day)


def update_sleep(
    *,
    session: Session,
    owner: Owner,
    entry: SleepPeriod,
    entry_in: SleepUpdate,
    now: datetime | None = None,
) -> SleepPublic:
    """Change a sleep entry's bedtime and/or wake time (its day follows the wake time).

    Raises:
        Invalid: a time emptied or implausible; a ``day`` sent that is not the day it ends in.
        Conflict: the new wake time moves it to a day that has a sleep.
    """
    changes = entry_in.model_dump(exclude_unset=True)
    if any(changes.get(k, "") is None for k in ("bed_at", "wake_at")):
        raise Invalid("bed_at and wake_at cannot be empty.", fields={"bed_at": "cannot be empty"})
    bed, wake, day = _sleep_span(
        changes.get("bed_at", entry.bed_at), changes.get("wake_at", entry.wake_at), owner, now
    )
    if day != entry.day:
        check_one_sleep(session, owner, day, except_id=entry.id)
    entry.bed_at, entry.wake_at, entry.day = bed, wake, day
    session.flush()
    return _on_its_day(entry, entry_in.day)
