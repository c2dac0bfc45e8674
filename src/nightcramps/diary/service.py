"""The night diary's operations. No HTTP and no terminal here: pages, API and CLI call these."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, selectinload

from nightcramps import timing
from nightcramps.diary.models import Cramp, Night
from nightcramps.diary.schemas import (
    CrampCreate,
    CrampPublic,
    CrampUpdate,
    NightCreate,
    NightPublic,
    NightStatus,
    NightUpdate,
)
from nightcramps.errors import Conflict, Invalid, NotFound
from nightcramps.owner import Owner
from nightcramps.storage import owned
from nightcramps.timing import utcnow

NO_SUCH_CRAMP = "There is no cramp number {id} in your diary."

MAX_RANGE_DAYS = timing.MAX_RANGE_DAYS


def current_night(*, owner: Owner, now: datetime | None = None) -> date:
    """The night in progress now (see :func:`nightcramps.timing.current_night`)."""
    return timing.current_night(owner, now)


def last_night(*, owner: Owner, now: datetime | None = None) -> date:
    """The night a morning check-in asks about (see :func:`nightcramps.timing.last_night`)."""
    return timing.last_night(owner, now)


def _check_not_future(day: date, *, owner: Owner, now: datetime | None) -> None:
    timing.check_night(day, owner, now)


def _get_night(session: Session, owner: Owner, day: date, *, deleted: bool = False) -> Night | None:
    query = select(Night).where(Night.person_id == owner.person_id, Night.night_of == day)
    night = session.scalars(query).one_or_none()
    if night is None or (night.deleted_at is not None) != deleted:
        return None
    return night


def _insert_or_nothing(session: Session) -> Any:
    """An insert into ``night`` that does nothing when the night is already there."""
    dialect = session.get_bind().dialect.name
    insert_into = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return insert_into(Night).on_conflict_do_nothing(index_elements=["person_id", "night_of"])


def _night_for_writing(session: Session, owner: Owner, day: date) -> Night:
    """The night row to attach data to, created (or revived if deleted) as needed."""
    query = select(Night).where(Night.person_id == owner.person_id, Night.night_of == day)
    night = session.scalars(query).one_or_none()
    if night is None:
        # Two requests may open the same night at once (a phone and a laptop retrying): the
        # second's insert finds the first's row and does nothing, and both read that row.
        row = {"person_id": owner.person_id, "night_of": day, "no_cramps": False, "notes": ""}
        session.execute(_insert_or_nothing(session).values(row))
        night = session.scalars(query).one()
    elif night.deleted_at is not None:
        # A deleted night is gone for the person: starting it again must not bring back its
        # deleted cramps, so purge them now rather than let an undo resurrect half of it.
        for cramp in list(night.cramps):
            session.delete(cramp)
        night.deleted_at = None
        night.no_cramps = False
        night.sleep_disturbance_0_10 = None
        night.notes = ""
        session.flush()
    return night


def _resolve_cramp_moment(
    cramp_in: CrampCreate | CrampUpdate, owner: Owner, now: datetime | None
) -> tuple[datetime | None, date | None]:
    if cramp_in.at is None:
        return None, getattr(cramp_in, "night_of", None)
    moment = timing.local_moment(cramp_in.at, owner.tz)
    if moment > (now or utcnow()) + timing.FUTURE_TOLERANCE:
        raise Invalid(
            f"{timing.local(moment, owner.tz):%Y-%m-%d %H:%M} is in the future; "
            "give the time the cramp began.",
            fields={"at": "is in the future"},
        )
    return moment, timing.night_of(moment, owner)


def log_cramp(
    *, session: Session, owner: Owner, cramp_in: CrampCreate, now: datetime | None = None
) -> Cramp:
    """Record a cramp on the night it belongs to (creating that night if needed).

    A night previously marked "no cramps" is switched to having cramps: the newer, more specific
    entry wins, and the change is visible on the night.

    Raises:
        Invalid: the time is in the future, or ``at`` and ``night_of`` disagree.
    """
    moment, day = _resolve_cramp_moment(cramp_in, owner, now)
    assert day is not None  # guaranteed by CrampCreate's validator
    if cramp_in.at is not None and cramp_in.night_of is not None and cramp_in.night_of != day:
        raise Invalid(
            f"A cramp at {moment:%Y-%m-%d %H:%M} belongs to the night of {day.isoformat()}, "
            f"not {cramp_in.night_of.isoformat()}; leave night_of out or fix the time.",
            fields={"night_of": "does not match the time"},
        )
    _check_not_future(day, owner=owner, now=now)
    night = _night_for_writing(session, owner, day)
    night.no_cramps = False
    cramp = Cramp(
        night=night,
        person_id=owner.person_id,
        started_at=moment,
        muscle=cramp_in.muscle,
        side=cramp_in.side,
        severity_0_10=cramp_in.severity_0_10,
        duration_min=_decimal(cramp_in.duration_min),
        relief=list(cramp_in.relief),
        relief_effect=cramp_in.relief_effect,
        notes=cramp_in.notes,
    )
    session.add(cramp)
    session.flush()
    return cramp


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(round(value, 2)))


def record_night(
    *, session: Session, owner: Owner, night_in: NightCreate, now: datetime | None = None
) -> Night:
    """Record a night's answer: "no cramps", sleep disturbance and notes.

    Raises:
        Conflict: "no cramps" for a night that already has cramps logged (delete them first).
        Invalid: the night is in the future.
    """
    _check_not_future(night_in.night_of, owner=owner, now=now)
    night = _night_for_writing(session, owner, night_in.night_of)
    if night_in.no_cramps and _live_cramps(night):
        raise Conflict(
            f"The night of {night.night_of.isoformat()} already has "
            f"{len(_live_cramps(night))} cramp(s) logged; "
            "delete them before marking it cramp-free.",
            fields={"no_cramps": "the night has cramps"},
        )
    night.no_cramps = night_in.no_cramps or night.no_cramps
    if night_in.sleep_disturbance_0_10 is not None:
        night.sleep_disturbance_0_10 = night_in.sleep_disturbance_0_10
    if night_in.notes:
        night.notes = night_in.notes
    session.flush()
    return night


OPEN_NIGHTS_BATCH = 2000
"""Nights written per statement by :func:`open_nights`."""


def open_nights(
    *, session: Session, owner: Owner, days: Collection[date], now: datetime | None = None
) -> int:
    """Make sure each of ``days`` has a night, without an answer of its own (what an imported
    cramp count needs); the number of nights created or revived.

    The same as ``record_night(NightCreate(night_of=day))`` for each day, but new nights are
    written in batches of plain rows: a ten-year import opens 3,600 of them, and one ORM object
    and flush each took most of its time. A deleted night is revived as ``record_night`` revives
    it (its deleted cramps purged); a night already there is left as it is.

    Raises:
        Invalid: one of the nights has not started yet.
    """
    wanted = sorted(set(days))
    if not wanted:
        return 0
    _check_not_future(wanted[-1], owner=owner, now=now)
    query = select(Night.night_of, Night.deleted_at).where(
        Night.person_id == owner.person_id,
        Night.night_of >= wanted[0],
        Night.night_of <= wanted[-1],
    )
    stored: dict[date, datetime | None] = dict(session.execute(query).all())
    new = [day for day in wanted if day not in stored]
    revived = [day for day in wanted if day in stored and stored[day] is not None]
    stamp = utcnow()
    for start in range(0, len(new), OPEN_NIGHTS_BATCH):
        batch = new[start : start + OPEN_NIGHTS_BATCH]
        session.execute(
            insert(Night),
            [
                {
                    "person_id": owner.person_id,
                    "night_of": day,
                    "no_cramps": False,
                    "notes": "",
                    "created_at": stamp,
                    "updated_at": stamp,
                }
                for day in batch
            ],
        )
    for day in revived:
        _night_for_writing(session, owner, day)
    return len(new) + len(revived)


def update_night(*, session: Session, owner: Owner, day: date, night_in: NightUpdate) -> Night:
    """Change a night's answer, sleep disturbance or notes."""
    night = get_night(session=session, owner=owner, day=day)
    changes = night_in.model_dump(exclude_unset=True)
    if changes.get("no_cramps") and _live_cramps(night):
        raise Conflict(
            "This night has cramps logged; delete them before marking it cramp-free.",
            fields={"no_cramps": "the night has cramps"},
        )
    if "no_cramps" in changes and changes["no_cramps"] is None:
        raise Invalid("no_cramps must be true or false.", fields={"no_cramps": "cannot be null"})
    for name, value in changes.items():
        if name == "notes" and value is None:
            value = ""
        setattr(night, name, value)
    session.flush()
    return night


def get_night(*, session: Session, owner: Owner, day: date) -> Night:
    """One night of this person.

    Raises:
        NotFound: nothing was logged for that night (or it was deleted).
    """
    night = _get_night(session, owner, day)
    if night is None:
        raise NotFound(f"Nothing is logged for the night of {day.isoformat()}.")
    return night


def list_nights(
    *, session: Session, owner: Owner, start: date | None = None, end: date | None = None
) -> Sequence[Night]:
    """The logged nights from ``start`` to ``end`` inclusive, newest first."""
    timing.check_range(start, end)
    query = (
        select(Night)
        .where(Night.person_id == owner.person_id, Night.deleted_at.is_(None))
        .options(selectinload(Night.cramps))
        .order_by(Night.night_of.desc())
    )
    if start is not None:
        query = query.where(Night.night_of >= start)
    if end is not None:
        query = query.where(Night.night_of <= end)
    return session.scalars(query).all()


def get_cramp(*, session: Session, owner: Owner, cramp_id: int, deleted: bool = False) -> Cramp:
    """One cramp of this person (a cramp of someone else is reported as not found)."""
    cramp = owned.get_owned(session, Cramp, cramp_id, owner, missing=NO_SUCH_CRAMP, deleted=None)
    if deleted and cramp.deleted_at is None:
        raise NotFound(f"Cramp number {cramp_id} is not deleted, so there is nothing to restore.")
    if not deleted and (cramp.deleted_at is not None or cramp.night.deleted_at is not None):
        raise NotFound(
            f"Cramp number {cramp_id} was deleted; restore it first if you want it back."
        )
    return cramp


def update_cramp(
    *,
    session: Session,
    owner: Owner,
    cramp_id: int,
    cramp_in: CrampUpdate,
    now: datetime | None = None,
) -> Cramp:
    """Change a cramp; a new time, or a new night, may move it to another night.

    A time decides the night. Without a time, ``night_of`` moves the cramp to that night, and a
    cramp whose time is known keeps its clock time there (03:10 of the 23rd's night becomes 03:10
    of the 20th's).

    Raises:
        Invalid: the new time or night is in the future, or a field that cannot be empty is.
    """
    cramp = get_cramp(session=session, owner=owner, cramp_id=cramp_id)
    changes = cramp_in.model_dump(exclude_unset=True)
    changes.pop("night_of", None)
    new_night = cramp_in.night_of if "night_of" in cramp_in.model_fields_set else None
    if "at" in changes:
        moment, day = _resolve_cramp_moment(cramp_in, owner, now)
        if moment is None:
            cramp.started_at = None  # the time is no longer known
            day = new_night
        if day is not None:
            _move_cramp(session, owner, cramp, day, now)
        if moment is not None:
            cramp.started_at = moment
        changes.pop("at")
    elif new_night is not None and new_night != cramp.night.night_of:
        if cramp.started_at is not None:
            clock = timing.local(cramp.started_at, owner.tz).time()
            moment = timing.moment_in_night(new_night, clock, owner)
            _resolve_cramp_moment(CrampUpdate(at=moment), owner, now)  # refuses the future
            cramp.started_at = moment
        _move_cramp(session, owner, cramp, new_night, now)
    for name, value in changes.items():
        if value is None and name in {"muscle", "side", "severity_0_10", "relief"}:
            raise Invalid(f"{name} cannot be empty.", fields={name: "cannot be empty"})
        if name == "notes" and value is None:
            value = ""  # null clears the notes, as it does for a night and the day log's entries
        if name == "duration_min":
            value = _decimal(value)
        setattr(cramp, name, value)
    session.flush()
    return cramp


def _move_cramp(
    session: Session, owner: Owner, cramp: Cramp, day: date, now: datetime | None
) -> None:
    """Put ``cramp`` on the night ``day`` (a night with a cramp is not cramp-free)."""
    _check_not_future(day, owner=owner, now=now)
    if day != cramp.night.night_of:
        cramp.night = _night_for_writing(session, owner, day)
    cramp.night.no_cramps = False


def delete_cramp(*, session: Session, owner: Owner, cramp_id: int) -> Cramp:
    """Delete a cramp; it can be restored within the undo window."""
    cramp = get_cramp(session=session, owner=owner, cramp_id=cramp_id)
    owned.soft_delete(session, cramp)
    return cramp


def restore_cramp(*, session: Session, owner: Owner, cramp_id: int) -> Cramp:
    """Undo the deletion of a cramp."""
    cramp = get_cramp(session=session, owner=owner, cramp_id=cramp_id, deleted=True)
    cramp.night.deleted_at = None
    cramp.night.no_cramps = False
    owned.restore(session, cramp)
    return cramp


def delete_night(*, session: Session, owner: Owner, day: date) -> Night:
    """Delete a night with its cramps; it can be restored within the undo window."""
    night = get_night(session=session, owner=owner, day=day)
    owned.soft_delete(session, night)
    return night


def restore_night(*, session: Session, owner: Owner, day: date) -> Night:
    """Undo the deletion of a night (its cramps come back with it)."""
    night = _get_night(session, owner, day, deleted=True)
    if night is None:
        raise NotFound(f"There is no deleted night of {day.isoformat()} to restore.")
    owned.restore(session, night)
    return night


def _live_cramps(night: Night) -> list[Cramp]:
    return [c for c in night.cramps if c.deleted_at is None]


def night_status(night: Night) -> NightStatus:
    """cramps, no_cramps or unknown (logged, but neither a cramp nor "no cramps" yet)."""
    if _live_cramps(night):
        return "cramps"
    return "no_cramps" if night.no_cramps else "unknown"


def to_cramp_public(cramp: Cramp) -> CrampPublic:
    """The public view of a cramp."""
    return CrampPublic.model_validate(cramp)


def to_night_public(night: Night) -> NightPublic:
    """The public view of a night, with its live cramps."""
    cramps = _live_cramps(night)
    return NightPublic(
        night_of=night.night_of,
        status=night_status(night),
        cramp_count=len(cramps),
        worst_severity_0_10=max((c.severity_0_10 for c in cramps), default=None),
        sleep_disturbance_0_10=night.sleep_disturbance_0_10,
        notes=night.notes,
        cramps=[to_cramp_public(c) for c in cramps],
    )
