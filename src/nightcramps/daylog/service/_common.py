"""Helpers the service modules share: decimals, listing a person's rows, storing a change the way
its columns are declared, the day record's "none today" answers, and moving an entry to another
day."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import Column, Float, Numeric, inspect, select
from sqlalchemy.orm import Session

from nightcramps.daylog.models import DayRecord
from nightcramps.daylog.service.timing import check_range, resolve_day
from nightcramps.errors import Invalid
from nightcramps.owner import Owner

E = TypeVar("E")


def to_decimal(value: float | None, places: int = 2) -> Decimal | None:
    """A float as stored (rounded to ``places``); None stays unknown."""
    return None if value is None else Decimal(str(round(value, places)))


def to_float(value: Decimal | None) -> float | None:
    """A stored decimal as a float; None stays unknown."""
    return None if value is None else float(value)


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


def _column(model: type[Any], name: str) -> Column[Any]:
    """The column of ``model`` mapped to the attribute ``name``."""
    column: Column[Any] = inspect(model).columns[name]
    return column


def _blank_by_default(column: Column[Any]) -> bool:
    """Whether the column is text that holds ``""`` when nothing was said (notes, a drink's
    kind): emptying it stores ``""``."""
    return column.default is not None and getattr(column.default, "arg", None) == ""


def stored(model: type[Any], name: str, value: Any) -> Any:
    """``value`` as column ``name`` of ``model`` stores it: a number for a ``Numeric`` column is
    rounded to the column's scale (minutes to 0.1, drinks to 0.01)."""
    kind = _column(model, name).type
    if value is None or not isinstance(kind, Numeric) or isinstance(kind, Float):
        return value
    return value if kind.scale is None else to_decimal(value, kind.scale)


def check_not_emptied(model: type[Any], changes: dict[str, Any]) -> None:
    """Refuse a change that empties (sets to null) a column an entry cannot be without.

    Raises:
        Invalid: for the first such column ("drinks cannot be empty.").
    """
    for name, value in changes.items():
        column = _column(model, name)
        if value is None and not column.nullable and not _blank_by_default(column):
            raise Invalid(f"{name} cannot be empty.", fields={name: "cannot be empty"})


def store_changes(row: Any, changes: dict[str, Any]) -> None:
    """Set the changed columns of ``row`` (an emptied text becomes ``""``, numbers are rounded to
    their column; see :func:`stored`). Check the changes first (:func:`check_not_emptied`)."""
    model = type(row)
    for name, value in changes.items():
        if value is None and _blank_by_default(_column(model, name)):
            value = ""
        setattr(row, name, stored(model, name, value))


def day_record(session: Session, owner: Owner, day: date) -> DayRecord | None:
    """The person's one-per-day answers for ``day``, if any were given."""
    return session.scalars(
        select(DayRecord).where(DayRecord.person_id == owner.person_id, DayRecord.day == day)
    ).one_or_none()


def clear_none_flag(session: Session, owner: Owner, day: date, flag: str | None) -> None:
    """A new entry wins over an earlier "none today" answer (``flag``) for the same day."""
    record = None if flag is None else day_record(session, owner, day)
    if flag is not None and record is not None and getattr(record, flag):
        setattr(record, flag, False)


def move_entry(
    session: Session,
    owner: Owner,
    entry: Any,
    changes: dict[str, Any],
    *,
    none_flag: str | None,
    time_attr: str,
    now: datetime | None,
) -> None:
    """Apply a changed time and/or day to an entry (taking ``at`` and ``day`` out of
    ``changes``); the entry's time is its column ``time_attr``, and moving it to a day
    withdraws that day's ``none_flag`` answer."""
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
        clear_none_flag(session, owner, resolved, none_flag)
    entry.day = resolved
