"""Work done when the app or a command opens the database: purge expired deletions."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine

from nightcramps.config import Settings
from nightcramps.daylog import service as daylog_service
from nightcramps.diary import service as diary_service
from nightcramps.nutrition import service as nutrition_service
from nightcramps.storage.session import make_sessionmaker, session_scope

PURGERS = (
    diary_service.purge_deleted,
    nutrition_service.purge_deleted,
    daylog_service.purge_deleted,
)
"""Every feature whose deletes can be undone, and so must be purged once the window has passed."""


def purge_expired(engine: Engine, settings: Settings) -> int:
    """Remove for good what was deleted more than ``undo_seconds`` ago; returns rows removed."""
    window = timedelta(seconds=settings.undo_seconds)
    with session_scope(make_sessionmaker(engine)) as session:
        return sum(purge(session=session, older_than=window) for purge in PURGERS)
