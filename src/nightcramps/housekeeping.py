"""Work done when the app or a command opens the database: purge expired deletions and
sessions."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine

from nightcramps.accounts import sessions as accounts_sessions
from nightcramps.config import Settings
from nightcramps.storage import owned
from nightcramps.storage import registry as _registry  # noqa: F401  (maps every model to purge)
from nightcramps.storage.session import make_sessionmaker, session_scope
from nightcramps.timing import utcnow


def purge_expired(engine: Engine, settings: Settings) -> int:
    """Remove for good what was deleted more than ``undo_seconds`` ago, and the browser
    sessions past their end; returns rows removed."""
    window = timedelta(seconds=settings.undo_seconds)
    lifetimes = accounts_sessions.lifetimes_of(settings)
    with session_scope(make_sessionmaker(engine)) as session:
        removed = owned.purge_deleted(session, older_than=window)
        return removed + accounts_sessions.purge_expired(
            session=session, now=utcnow(), lifetimes=lifetimes
        )
