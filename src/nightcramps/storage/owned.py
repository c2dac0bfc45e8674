"""Rows that belong to one person, and deletions that can be undone: one mechanism for every
feature.

A model takes :class:`OwnedRow` for its id, owner and timestamps, and :class:`SoftDeletable` when a
deletion must be undoable. The services then find a row with :func:`get_owned`, delete and restore
it with :func:`soft_delete` / :func:`restore`, and :func:`purge_deleted` removes, once the undo
window has passed, what any feature deleted.

    entry = get_owned(session, IntakeEntry, entry_id, owner,
                      missing="There is no intake entry number {id}.")
    soft_delete(session, entry)
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import ForeignKey, delete
from sqlalchemy.orm import Mapped, Session, declared_attr, mapped_column

from nightcramps.errors import NotFound
from nightcramps.owner import Owner
from nightcramps.storage.base import Base, UTCDateTime
from nightcramps.timing import utcnow

MAX_ID = 2_147_483_647
"""Largest row id there can be (a 32-bit integer, the smallest limit of our databases)."""

T = TypeVar("T")


class OwnedRow:
    """Columns of a row that belongs to one person: its id, its owner and when it was made and
    last changed."""

    id: Mapped[int] = mapped_column(primary_key=True)

    @declared_attr
    def person_id(cls) -> Mapped[int]:
        return mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)

    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class SoftDeletable:
    """A row whose deletion can be undone until the undo window has passed."""

    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    """Set when deleted; the row can be restored until it is purged."""


def get_owned(
    session: Session,
    model: type[T],
    row_id: int,
    owner: Owner,
    *,
    missing: str,
    deleted: bool | None = False,
) -> T:
    """This person's row of ``model`` numbered ``row_id``: live by default, deleted with
    ``deleted=True``, either with ``deleted=None``.

    A row of someone else is reported exactly like a row that does not exist, so an id guessed
    from another account tells nothing.

    Raises:
        NotFound: with ``missing``, in which ``{id}`` stands for the number asked for.
    """
    row: Any = session.get(model, row_id) if 1 <= row_id <= MAX_ID else None
    if (
        row is None
        or row.person_id != owner.person_id
        or (deleted is not None and (getattr(row, "deleted_at", None) is not None) != deleted)
    ):
        raise NotFound(missing.format(id=row_id))
    found: T = row
    return found


def soft_delete(session: Session, row: SoftDeletable, *, now: datetime | None = None) -> None:
    """Mark ``row`` deleted; :func:`restore` brings it back until it is purged."""
    row.deleted_at = now or utcnow()
    session.flush()


def restore(session: Session, row: SoftDeletable) -> None:
    """Undo the deletion of ``row``."""
    row.deleted_at = None
    session.flush()


def soft_deletable_models() -> Iterator[type[SoftDeletable]]:
    """Every model whose deletions can be undone, children before the tables they refer to."""
    tables = {mapper.local_table: mapper.class_ for mapper in Base.registry.mappers}
    for table in reversed(Base.metadata.sorted_tables):
        model = tables.get(table)
        if model is not None and issubclass(model, SoftDeletable):
            yield model


def purge_deleted(session: Session, *, older_than: timedelta, now: datetime | None = None) -> int:
    """Remove for good every row of every feature deleted longer ago than ``older_than``;
    returns how many rows were removed (rows that go with them, such as a deleted night's
    cramps, are removed by the database and not counted)."""
    cutoff = (now or utcnow()) - older_than
    removed = 0
    for model in soft_deletable_models():
        column: Any = model.deleted_at
        # "fetch": rows this session holds are removed from it too, so a purged row is never
        # found again by a later lookup in the same session.
        result: Any = session.execute(
            delete(model).where(column < cutoff).execution_options(synchronize_session="fetch")
        )
        removed += result.rowcount or 0
    session.flush()
    return removed


__all__ = [
    "MAX_ID",
    "OwnedRow",
    "SoftDeletable",
    "get_owned",
    "purge_deleted",
    "restore",
    "soft_delete",
    "soft_deletable_models",
]
