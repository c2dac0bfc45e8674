"""Any entry by kind: fetching one, deleting it, undoing the deletion, and purging deletions
past the undo window."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from nightcramps.daylog.schemas import EntryKind
from nightcramps.daylog.service._common import clear_none_flag, get_row
from nightcramps.daylog.service.activity import to_activity_public
from nightcramps.daylog.service.intakes import to_alcohol_public, to_caffeine_public
from nightcramps.daylog.service.kinds import MODELS, NONE_FLAGS
from nightcramps.daylog.service.medicines import to_medicine_public
from nightcramps.daylog.service.sleep import check_one_sleep, to_sleep_public
from nightcramps.daylog.service.stretches import to_stretch_public
from nightcramps.owner import Owner
from nightcramps.timing import utcnow


def to_public(kind: EntryKind, entry: Any) -> Any:
    """The public schema of any entry."""
    converters: dict[str, Callable[[Any], Any]] = {
        "activity": to_activity_public,
        "stretch": to_stretch_public,
        "alcohol": to_alcohol_public,
        "caffeine": to_caffeine_public,
        "sleep": to_sleep_public,
        "medicine": to_medicine_public,
    }
    return converters[kind](entry)


def get_entry(*, session: Session, owner: Owner, kind: EntryKind, entry_id: int) -> Any:
    """One entry of this person, as its public schema.

    Raises:
        NotFound: no such entry, it was deleted, or it belongs to someone else.
    """
    return to_public(kind, get_row(session, owner, kind, entry_id))


def delete_entry(*, session: Session, owner: Owner, kind: EntryKind, entry_id: int) -> Any:
    """Delete an entry; ``restore_entry`` brings it back within the undo window."""
    entry = get_row(session, owner, kind, entry_id)
    entry.deleted_at = utcnow()
    session.flush()
    return to_public(kind, entry)


def restore_entry(*, session: Session, owner: Owner, kind: EntryKind, entry_id: int) -> Any:
    """Undo the deletion of an entry.

    Raises:
        Conflict: restoring would contradict what was logged since (a second sleep for the same
            night, or a "none today" answer given after the deletion).
    """
    entry = get_row(session, owner, kind, entry_id, deleted=True)
    if kind == "sleep":
        check_one_sleep(session, owner, entry.day, except_id=entry.id)
    if kind in NONE_FLAGS:
        clear_none_flag(session, owner, entry.day, kind)
    entry.deleted_at = None
    session.flush()
    return to_public(kind, entry)


def purge_deleted(*, session: Session, older_than: timedelta, now: datetime | None = None) -> int:
    """Remove for good what was deleted longer ago than ``older_than``; returns rows removed."""
    cutoff = (now or utcnow()) - older_than
    removed = 0
    for model in MODELS.values():
        for entry in session.scalars(select(model).where(model.deleted_at < cutoff)):
            session.delete(entry)
            removed += 1
    session.flush()
    return removed
