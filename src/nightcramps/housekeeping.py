"""Work done when the app or a command opens the database: purge expired deletions and
sessions, and close imports whose reading stopped with the process that read them."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Engine, update
from sqlalchemy.orm import Session

from nightcramps.accounts import sessions as accounts_sessions
from nightcramps.config import Settings
from nightcramps.dailyvalues.models import ImportRecord
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
        close_stalled_imports(session, now=utcnow())
        return removed + accounts_sessions.purge_expired(
            session=session, now=utcnow(), lifetimes=lifetimes
        )


STALLED_AFTER = timedelta(minutes=10)
"""A file being read notes its progress twice a second; one silent this long was being read by
a process that stopped (a restart), so it is marked failed and can be imported again."""

STALLED = (
    "The app stopped while this file was being read, so nothing was stored. Import the file again."
)


def close_stalled_imports(session: Session, *, now: datetime) -> int:
    """Mark as failed the imports still ``reading`` with no progress for :data:`STALLED_AFTER`."""
    result = session.execute(
        update(ImportRecord)
        .where(ImportRecord.status == "reading", ImportRecord.updated_at < now - STALLED_AFTER)
        .values(status="failed", error=STALLED, finished_at=now)
    )
    return int(getattr(result, "rowcount", 0) or 0)
