"""Browser sessions kept in the database: made, read, changed, listed and ended.

The cookie holds only a random id (``new_session_id``); the ``browser_session`` row holds its
SHA-256 digest and the session's contents as JSON. ``web.sessions.ServerSessionMiddleware`` calls
these functions, each in a short transaction of its own; the account security page and its API
list and end a person's sessions with them. No HTTP here.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from nightcramps.accounts.models import BrowserSession
from nightcramps.config import Settings
from nightcramps.errors import NotFound

TOUCH_EVERY = timedelta(hours=1)
"""``last_seen_at`` is written at most this often: a read of a page writes nothing, and the idle
timeout is counted to the hour."""

SESSION_ID = re.compile(r"^[A-Za-z0-9_-]{43}$")
"""What ``new_session_id`` makes (32 random bytes, base64url): any other cookie is not looked up."""


def new_session_id() -> str:
    """A new random session id for a cookie (256 bits)."""
    return secrets.token_urlsafe(32)


def digest(session_id: str) -> str:
    """What the database stores of a session id (its SHA-256, in hex)."""
    return hashlib.sha256(session_id.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Lifetimes:
    """How long sessions last: ``absolute`` from sign-in, ``idle`` without use."""

    absolute: timedelta
    idle: timedelta


def lifetimes_of(settings: Settings) -> Lifetimes:
    """The session lifetimes the settings give."""
    return Lifetimes(
        absolute=timedelta(days=settings.session_max_age_days),
        idle=timedelta(days=settings.session_idle_days),
    )


@dataclass(frozen=True, slots=True)
class Stored:
    """A session as read at the start of a request."""

    row_id: int
    person_id: int | None
    data: str
    created_at: datetime
    expires_at: datetime
    last_seen_at: datetime
    ended: bool
    """Past its absolute or idle end: it counts as no session (and its row is deleted)."""


def _ends_at(row: BrowserSession, lifetimes: Lifetimes) -> datetime:
    """When ``row`` ends: its absolute expiry, or earlier when it has been idle too long."""
    return min(row.expires_at, row.last_seen_at + lifetimes.idle)


def load(
    *, session: Session, session_id: str, now: datetime, lifetimes: Lifetimes
) -> Stored | None:
    """The session with this id (one read by a unique index; nothing is written), or None."""
    row = session.scalars(
        select(BrowserSession).where(BrowserSession.digest == digest(session_id))
    ).first()
    if row is None:
        return None
    return Stored(
        row_id=row.id,
        person_id=row.person_id,
        data=row.data,
        created_at=row.created_at,
        expires_at=row.expires_at,
        last_seen_at=row.last_seen_at,
        ended=_ends_at(row, lifetimes) <= now,
    )


def needs_touch(stored: Stored, now: datetime) -> bool:
    """Whether ``last_seen_at`` is old enough to be written again (``TOUCH_EVERY``)."""
    return now - stored.last_seen_at >= TOUCH_EVERY


def touch(*, session: Session, row_id: int, now: datetime) -> None:
    """Note that a session was used (the idle timeout counts from here)."""
    session.execute(
        update(BrowserSession).where(BrowserSession.id == row_id).values(last_seen_at=now)
    )


def create(
    *,
    session: Session,
    data: str,
    person_id: int | None,
    user_agent: str,
    now: datetime,
    expires_at: datetime,
    created_at: datetime | None = None,
) -> str:
    """Store a new session; returns the id for its cookie (never stored itself)."""
    session_id = new_session_id()
    session.add(
        BrowserSession(
            digest=digest(session_id),
            person_id=person_id,
            data=data,
            user_agent=browser_label(user_agent),
            created_at=created_at or now,
            last_seen_at=now,
            expires_at=expires_at,
        )
    )
    session.flush()
    return session_id


def save(*, session: Session, row_id: int, data: str, person_id: int | None, now: datetime) -> bool:
    """Write a changed session back; False when it was ended meanwhile (it stays ended)."""
    result = session.execute(
        update(BrowserSession)
        .where(BrowserSession.id == row_id)
        .values(data=data, person_id=person_id, last_seen_at=now)
    )
    return bool(getattr(result, "rowcount", 0))


def rotate(
    *, session: Session, row_id: int, data: str, person_id: int | None, now: datetime
) -> str | None:
    """Give a session a new id (keeping its row, contents and lifetime); the old id stops
    working at once. Returns the new id, or None when the session was ended meanwhile."""
    session_id = new_session_id()
    result = session.execute(
        update(BrowserSession)
        .where(BrowserSession.id == row_id)
        .values(digest=digest(session_id), data=data, person_id=person_id, last_seen_at=now)
    )
    return session_id if getattr(result, "rowcount", 0) else None


def end(*, session: Session, row_id: int) -> None:
    """End a session (sign-out): its id no longer finds anything."""
    session.execute(delete(BrowserSession).where(BrowserSession.id == row_id))


def purge_expired(*, session: Session, now: datetime, lifetimes: Lifetimes) -> int:
    """Delete every session past its absolute or idle end; returns how many."""
    result = session.execute(
        delete(BrowserSession).where(
            or_(
                BrowserSession.expires_at <= now,
                BrowserSession.last_seen_at <= now - lifetimes.idle,
            )
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)


# ---------------------------------------------------------------------------- a person's sessions


def list_sessions(
    *, session: Session, person_id: int, now: datetime, lifetimes: Lifetimes
) -> Sequence[BrowserSession]:
    """A person's live sessions, the most recently used first."""
    rows = session.scalars(
        select(BrowserSession)
        .where(BrowserSession.person_id == person_id)
        .order_by(BrowserSession.last_seen_at.desc(), BrowserSession.id.desc())
    ).all()
    return [row for row in rows if _ends_at(row, lifetimes) > now]


def ends_at(row: BrowserSession, lifetimes: Lifetimes) -> datetime:
    """When a listed session ends if it is not used again (idle) or at the latest (absolute)."""
    return _ends_at(row, lifetimes)


def end_session(*, session: Session, person_id: int, row_id: int) -> BrowserSession:
    """End one of a person's sessions (sign it out); returns what it was.

    Raises:
        NotFound: no such session of theirs (someone else's is never said to exist).
    """
    row = session.get(BrowserSession, row_id)
    if row is None or row.person_id != person_id:
        raise NotFound(f"You have no signed-in session number {row_id}; reload the list.")
    session.delete(row)
    session.flush()
    return row


def end_other_sessions(*, session: Session, person_id: int, keep: int | None) -> int:
    """End all of a person's sessions but ``keep`` (this browser's); returns how many ended."""
    query = delete(BrowserSession).where(BrowserSession.person_id == person_id)
    if keep is not None:
        query = query.where(BrowserSession.id != keep)
    result = session.execute(query)
    return int(getattr(result, "rowcount", 0) or 0)


# ---------------------------------------------------------------------------- browser labels

_BROWSERS = (
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("Firefox/", "Firefox"),
    ("SamsungBrowser/", "Samsung Internet"),
    ("Chromium/", "Chromium"),
    ("Chrome/", "Chrome"),  # also HeadlessChrome/
    ("Safari/", "Safari"),
    ("curl/", "curl"),
    ("python-httpx/", "Python httpx"),
    ("python-requests/", "Python requests"),
    ("testclient", "test client"),
)
_SYSTEMS = (
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Android", "Android"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("Macintosh", "macOS"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
)


def browser_label(user_agent: str) -> str:
    """A short name for a browser from its User-Agent: "Firefox on Linux", "Safari on iPhone";
    an unknown one is its first word (at most 40 characters), or "unknown browser"."""
    browser = next((name for key, name in _BROWSERS if key in user_agent), None)
    system = next((name for key, name in _SYSTEMS if key in user_agent), None)
    if browser is None:
        first = user_agent.strip().split(" ", 1)[0][:40]
        browser = first or "unknown browser"
    return f"{browser} on {system}" if system else browser
