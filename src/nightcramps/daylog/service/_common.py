"""Helpers the service modules share: decimals, finding and listing a person's rows, the day
record's "none today" answers, and moving an entry to another day."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from nightcramps.daylog.models import DayRecord
from nightcramps.daylog.schemas import EntryKind
from nightcramps.daylog.service.kinds import KIND_NAMES, MODELS, NONE_FLAGS
from nightcramps.daylog.service.timing import check_range, resolve_day
from nightcramps.errors import NotFound
from nightcramps.owner import Owner

E = TypeVar("E")


def to_decimal(value: float | None, places: int = 2) -> Decimal | None:
    """A float as stored (rounded to ``places``); None stays unknown."""
    return None if value is None else Decimal(str(round(value, places)))


def to_float(value: Decimal | None) -> float | None:
    """A stored decimal as a float; None stays unknown."""
    return None if value is None else float(value)


def get_row(
    session: Session, owner: Owner, kind: EntryKind, entry_id: int, *, deleted: bool = False
) -> Any:
    """The person's live (or, with ``deleted``, deleted) entry of this kind.

    Raises:
        NotFound: no such entry, in that state, belonging to this person.
    """
    model = MODELS[kind]
    entry = session.get(model, entry_id)
    if (
        entry is None
        or entry.person_id != owner.person_id
        or ((entry.deleted_at is not None) != deleted)
    ):
        what = "deleted " if deleted else ""
        raise NotFound(f"There is no {what}{KIND_NAMES[kind]} number {entry_id} in your log.")
    return entry


def list_rows(
    session: Session,
    owner: Owner,
    model: type[E],
    start: date | None,
    end: date | None,
) -> Sequence[E]:
    """The person's live rows of ``model`` from ``start`` to ``end`` inclusive, newest first."""
    check_range(start, end)
    column: Any = model.day  # type: ignore[attr-defined]
    query: Any = select(model).where(
        model.person_id == owner.person_id,  # type: ignore[attr-defined]
        model.deleted_at.is_(None),  # type: ignore[attr-defined]
    )
    if start is not None:
        query = query.where(column >= start)
    if end is not None:
        query = query.where(column <= end)
    query = query.order_by(column.desc(), model.id.desc())  # type: ignore[attr-defined]
    result: Sequence[E] = session.scalars(query).all()
    return result


def day_record(session: Session, owner: Owner, day: date) -> DayRecord | None:
    """The person's one-per-day answers for ``day``, if any were given."""
    return session.scalars(
        select(DayRecord).where(DayRecord.person_id == owner.person_id, DayRecord.day == day)
    ).one_or_none()


def clear_none_flag(session: Session, owner: Owner, day: date, kind: str) -> None:
    """A new entry wins over an earlier "none today" answer for the same day."""
    record = day_record(session, owner, day)
    if record is not None and getattr(record, NONE_FLAGS[kind]):
        setattr(record, NONE_FLAGS[kind], False)


def move_entry(
    entry: Any,
    changes: dict[str, Any],
    owner: Owner,
    now: datetime | None,
    kind: str,
    session: Session,
    time_attr: str = "at",
) -> None:
    """Apply a changed time and/or day to an entry (taking ``at`` and ``day`` out of
    ``changes``)."""
    if "at" not in changes and "day" not in changes:
        return
    at = changes.pop("at", None)
    day = changes.pop("day", None)
    if at is None and day is None:
        setattr(entry, time_attr, None)
        return
    moment, resolved = resolve_day(at, day, owner=owner, now=now)
    if moment is not None or day is not None:
        setattr(entry, time_attr, moment)
    if resolved != entry.day:
        clear_none_flag(session, owner, resolved, kind)
    entry.day = resolved
