"""Any entry by its kind (``kinds``): logging, listing, reading, changing, deleting and restoring
it as its declaration says. Each function returns the kind's public schema.

A dated entry (a kind with no ``custom_log`` / ``custom_update``) is logged on the day of its
time, or on the day given, and withdraws that day's "none today" answer; a change applies only
the fields sent, stored as their columns are declared (``_common.store_changes``).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, TypeVar

from pydantic import BaseModel
from sqlalchemy.orm import Session

from nightcramps.daylog.service._common import (
    check_not_emptied,
    clear_none_flag,
    list_rows,
    move_entry,
    store_changes,
    stored,
)
from nightcramps.daylog.service.entry_kind import EntryKind
from nightcramps.daylog.service.timing import resolve_day
from nightcramps.inputs import Input
from nightcramps.owner import Owner
from nightcramps.storage import owned
from nightcramps.storage.owned import SoftDeletable

M = TypeVar("M", bound=SoftDeletable)
C = TypeVar("C", bound=Input)
U = TypeVar("U", bound=Input)
P = TypeVar("P", bound=BaseModel)


def _row(
    session: Session,
    owner: Owner,
    kind: EntryKind[M, Any, Any, Any],
    entry_id: int,
    *,
    deleted: bool = False,
) -> M:
    """The person's live (or, with ``deleted``, deleted) entry of this kind.

    Raises:
        NotFound: "There is no workout number 7 in your log." (also for someone else's).
    """
    missing = kind.missing(deleted=deleted)
    return owned.get_owned(session, kind.model, entry_id, owner, missing=missing, deleted=deleted)


def get_entry(
    *, session: Session, owner: Owner, kind: EntryKind[Any, Any, Any, P], entry_id: int
) -> P:
    """One entry of this person, as its public schema.

    Raises:
        NotFound: no such entry, it was deleted, or it belongs to someone else.
    """
    return kind.public_of(_row(session, owner, kind, entry_id))


def list_entries(
    *,
    session: Session,
    owner: Owner,
    kind: EntryKind[Any, Any, Any, P],
    start: date | None = None,
    end: date | None = None,
) -> list[P]:
    """Entries from ``start`` to ``end`` inclusive, newest first (a kind without days lists
    every entry, in its own order).

    Raises:
        Invalid: ``end`` before ``start`` or a range over ten years.
    """
    if kind.custom_list is not None:
        return kind.custom_list(session=session, owner=owner)
    return [kind.public_of(row) for row in list_rows(session, owner, kind.model, start, end)]


def log_entry(
    *,
    session: Session,
    owner: Owner,
    kind: EntryKind[Any, C, Any, P],
    entry_in: C,
    now: datetime | None = None,
) -> P:
    """Record a new entry. A dated one goes on the day of its time (or the day given; with
    neither, today), and withdraws that day's "none today" answer for the kind.

    Raises:
        Invalid: the time or day is in the future, they disagree, or the kind's own checks fail.
        Conflict: the kind allows one entry and there is one (a sleep for that day).
    """
    if kind.custom_log is not None:
        return kind.custom_log(session=session, owner=owner, entry_in=entry_in, now=now)
    values = entry_in.model_dump(exclude={"at", "day"})
    moment, day = resolve_day(
        getattr(entry_in, "at", None), getattr(entry_in, "day", None), owner=owner, now=now
    )
    clear_none_flag(session, owner, day, kind.none_flag)
    model: Any = kind.model
    row = model(
        person_id=owner.person_id,
        day=day,
        **{kind.time_attr: moment},
        **{name: stored(kind.model, name, value) for name, value in values.items()},
    )
    session.add(row)
    session.flush()
    return kind.public_of(row)


def update_entry(
    *,
    session: Session,
    owner: Owner,
    kind: EntryKind[Any, Any, U, P],
    entry_id: int,
    entry_in: U,
    now: datetime | None = None,
) -> P:
    """Change an entry; only the fields given change (a new time or day may move a dated entry
    to another day).

    Raises:
        NotFound: no such live entry of this person.
        Invalid: a required field emptied, or the kind's own checks fail.
    """
    row = _row(session, owner, kind, entry_id)
    if kind.custom_update is not None:
        return kind.custom_update(
            session=session, owner=owner, entry=row, entry_in=entry_in, now=now
        )
    changes = entry_in.model_dump(exclude_unset=True)
    move_entry(
        session, owner, row, changes, none_flag=kind.none_flag, time_attr=kind.time_attr, now=now
    )
    check_not_emptied(kind.model, changes)
    store_changes(row, changes)
    session.flush()
    return kind.public_of(row)


def delete_entry(
    *,
    session: Session,
    owner: Owner,
    kind: EntryKind[Any, Any, Any, P],
    entry_id: int,
    now: datetime | None = None,
) -> P:
    """Delete an entry (as of ``now``); ``restore_entry`` brings it back within the undo
    window, after which ``storage.owned.purge_deleted`` removes it."""
    row = _row(session, owner, kind, entry_id)
    owned.soft_delete(session, row, now=now)
    return kind.public_of(row)


def restore_entry(
    *, session: Session, owner: Owner, kind: EntryKind[Any, Any, Any, P], entry_id: int
) -> P:
    """Undo the deletion of an entry; its day's "none today" answer for the kind, given since,
    is withdrawn.

    Raises:
        NotFound: no such deleted entry of this person.
        Conflict: restoring would contradict what was logged since (a second sleep for the same
            night).
    """
    row = _row(session, owner, kind, entry_id, deleted=True)
    if kind.check_restore is not None:
        kind.check_restore(session, owner, row)
    if kind.none_flag is not None:
        dated: Any = row
        clear_none_flag(session, owner, dated.day, kind.none_flag)
    owned.restore(session, row)
    return kind.public_of(row)
