"""Work done when the app or a command opens the database: purge expired deletions and
sessions."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine

from nightcramps.accounts import sessions as accounts_sessions
from nightcramps.config import Settings
from nightcramps.daylog import service as daylog_service
from nightcramps.diary import service as diary_service
from nightcramps.nutrition import service as nutrition_service
from nightcramps.storage.session import make_sessionmaker, session_scope
from nightcramps.timing import utcnow

PURGERS = (
    diary_service.purge_deleted,
    nutrition_service.purge_deleted,
    daylog_service.purge_deleted,
)
"""Every feature whose deletes can be undone, and so must be purged once the window has passed."""


def purge_expired(engine: Engine, settings: Settings) -> int:
    """Remove for good what was deleted more than ``undo_seconds`` ago, and the browser
    sessions past their end; returns rows removed."""
    window = timedelta(seconds=settings.undo_seconds)
    lifetimes = accounts_sessions.lifetimes_of(settings)
    with session_scope(make_sessionmaker(engine)) as session:
        removed = sum(purge(session=session, older_than=window) for purge in PURGERS)
        return removed + accounts_sessions.purge_expired(
            session=session, now=utcnow(), lifetimes=lifetimes
        )
