"""Work done when the app or a command opens the database: purge expired deletions."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine

from nightcramps.config import Settings
from nightcramps.diary import service as diary_service
from nightcramps.storage.session import make_sessionmaker, session_scope


def purge_expired(engine: Engine, settings: Settings) -> int:
    """Remove for good what was deleted more than ``undo_seconds`` ago; returns rows removed."""
    with session_scope(make_sessionmaker(engine)) as session:
        return diary_service.purge_deleted(
            session=session, older_than=timedelta(seconds=settings.undo_seconds)
        )
