"""Server-side sessions: ``request.session`` is a dict kept in the database, and the cookie holds
only a random id.

What it promises (docs/security.md, "Sessions"):

- **Nothing personal in the cookie.** ``nightcramps_session`` is 32 random bytes (base64url); the
  ``browser_session`` row holds the SHA-256 digest of it and the session's JSON (CSRF token,
  flash messages, check-up answers, who signed in).
- **Sign-out ends it for everyone holding the cookie:** a cleared session's row is deleted, so a
  copy of the cookie finds nothing afterwards. Sign-in and sign-up (the session cleared and
  refilled, or ``person_id`` set to someone else) get a new id and the old row goes (no
  fixation); :func:`rotate` gives the same session a new id (after a password change).
- **It ends on its own:** ``session_max_age_days`` after sign-in (absolute; the cookie's
  ``Max-Age`` is what remains of it, never slid) and after ``session_idle_days`` without use.
- **Cheap:** a request without the cookie touches no table; one with it costs one indexed read
  (and, at most once an hour, an update of ``last_seen_at``). A row is written only when a
  request changed the session, so a script's request (``POST /timezone/browser``) or a bearer
  token's never does; a row is made only when something is stored. An anonymous visitor's page
  needs a CSRF token before anything is stored: it is derived from the cookie's id with the
  secret key (HMAC), so reading the sign-in page stores nothing either.
- **Off the event loop:** every database call runs in a worker thread, in its own short
  transaction. A changed session is written after the app has finished the request (its own
  transaction is committed by then, so the two never wait on SQLite's one write lock), in the
  app's SQLite write queue (``web.guard.WriteQueue``) like any other change, and the answer is
  held back until it is written, so the browser's next request finds it. Noting ``last_seen_at``
  and deleting an ended row wait for nobody: they run after the answer is sent, and are skipped
  when the database is too busy (the next use, or the purge, does them).
- Static files (``/static/``) get no session and cost no read.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import anyio.to_thread
from fastapi import Request
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session, sessionmaker
from starlette.datastructures import MutableHeaders
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from nightcramps.accounts import sessions as stored_sessions
from nightcramps.accounts.sessions import Lifetimes, Stored
from nightcramps.storage.session import session_scope
from nightcramps.timing import utcnow
from nightcramps.web.guard import WriteQueue, busy

DATABASE_BUSY = (
    "The database is busy or not answering, so this request was not served. Try again in a "
    "few seconds."
)
PURGE_EVERY = timedelta(hours=1)
"""How often (at most) making a session also deletes the expired ones."""


class ServerSession(dict[str, Any]):
    """``request.session``: a plain dict of JSON values, plus what the middleware needs to know
    about this request's use of it."""

    def __init__(self, data: dict[str, Any], *, row_id: int | None, anchor: str) -> None:
        super().__init__(data)
        self.row_id = row_id
        """The ``browser_session`` row this request read (None: nothing stored yet)."""
        self.anchor = anchor
        """The cookie id an anonymous CSRF token is derived from (the cookie's, or a new one)."""
        self.cleared = False
        self.rotate_asked = False
        self.csrf_read = False

    def clear(self) -> None:
        self.cleared = True
        super().clear()

    def get(self, key: str, default: Any = None) -> Any:
        if key == "csrf":
            self.csrf_read = True
        return super().get(key, default)

    def __getitem__(self, key: str) -> Any:
        if key == "csrf":
            self.csrf_read = True
        return super().__getitem__(key)


def _dump(data: dict[str, Any]) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"))


def _contents(stored: Stored) -> dict[str, Any] | None:
    """A stored session's contents (None if the row does not hold a JSON object)."""
    try:
        data = json.loads(stored.data)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


async def _no_body() -> Message:
    return {"type": "http.request", "body": b"", "more_body": False}


async def _no_send(_message: Message) -> None:
    return None


def current_session_id(request: Request) -> int | None:
    """The row id of this browser's session (None when nothing is stored for it)."""
    session = request.scope.get("session")
    return session.row_id if isinstance(session, ServerSession) else None


def rotate(request: Request) -> None:
    """Give this browser's session a new id when the request ends (its contents and lifetime
    stay); a copy of the old cookie then finds nothing."""
    session = request.scope.get("session")
    if isinstance(session, ServerSession):
        session.rotate_asked = True


@dataclass(frozen=True, slots=True)
class _Write:
    """What the end of a request does to the stored session."""

    kind: str
    """'create', 'login' (a new session replacing ``row_id``), 'save', 'rotate' or 'end'."""
    data: str
    person_id: int | None
    row_id: int | None
    created_at: datetime | None
    expires_at: datetime | None
    user_agent: str
    purge: bool


class ServerSessionMiddleware:
    """Puts a database-backed ``ServerSession`` in ``scope["session"]`` (see the module)."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        sessionmaker: sessionmaker[Session],
        secret_key: str,
        cookie_name: str,
        secure: bool,
        max_age: timedelta,
        idle: timedelta,
        write_queue: WriteQueue | None = None,
        ignore_prefixes: tuple[str, ...] = ("/static/",),
    ) -> None:
        self.app = app
        self.factory = sessionmaker
        self.secret = secret_key.encode()
        self.cookie_name = cookie_name
        self.secure = secure
        self.lifetimes = Lifetimes(absolute=max_age, idle=idle)
        self.write_queue = write_queue
        self.ignore_prefixes = ignore_prefixes
        self._last_purge: datetime | None = None

    # ------------------------------------------------------------------------ helpers

    def _in_thread(self, work: Callable[[Session], Any]) -> Any:
        with session_scope(self.factory) as db:
            return work(db)

    def anonymous_csrf(self, anchor: str) -> str:
        """The CSRF token of a session with nothing stored yet, bound to its cookie id."""
        return hmac.new(self.secret, b"csrf:" + anchor.encode(), hashlib.sha256).hexdigest()

    def _cookie_sent(self, scope: Scope) -> str | None:
        for name, value in scope.get("headers", ()):
            if name == b"cookie":
                sent = cookie_parser(value.decode("latin-1")).get(self.cookie_name)
                if sent and stored_sessions.SESSION_ID.match(sent):
                    return sent
        return None

    def _set_cookie(self, headers: MutableHeaders, value: str, max_age: int) -> None:
        parts = [f"{self.cookie_name}={value}", "Path=/", f"Max-Age={max_age}", "HttpOnly"]
        parts.append("SameSite=Lax")
        if self.secure:
            parts.append("Secure")
        headers.append("Set-Cookie", "; ".join(parts))

    @staticmethod
    def _user_agent(scope: Scope) -> str:
        for name, value in scope.get("headers", ()):
            if name == b"user-agent":
                return str(value.decode("latin-1"))
        return ""

    # ------------------------------------------------------------------------ the request

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if str(scope.get("path", "")).startswith(self.ignore_prefixes):
            # No read and nothing kept; an empty session lets an error page (a missing file's
            # 404) be drawn as everywhere else.
            scope["session"] = {}
            await self.app(scope, receive, send)
            return
        now = utcnow()
        sent = self._cookie_sent(scope)
        stored: Stored | None = None
        if sent is not None:
            try:
                stored = await anyio.to_thread.run_sync(
                    self._in_thread,
                    lambda db: stored_sessions.load(
                        session=db, session_id=sent, now=now, lifetimes=self.lifetimes
                    ),
                )
            except (OperationalError, PoolTimeout):  # a locked file, a full pool: 503, not 500
                scope["session"] = {}
                await busy(scope, DATABASE_BUSY)(scope, receive, send)
                return
        data = _contents(stored) if stored is not None and not stored.ended else None
        ended = stored.row_id if stored is not None and data is None else None
        anchor = sent or ""
        if data is None:
            stored = None
            anchor = sent or stored_sessions.new_session_id()
            data = {"csrf": self.anonymous_csrf(anchor)}
        session = ServerSession(data, row_id=stored.row_id if stored else None, anchor=anchor)
        scope["session"] = session
        before = _dump(session)
        held: list[Message] = []
        write: _Write | None = None

        async def send_wrapper(message: Message) -> None:
            nonlocal write
            if message["type"] == "http.response.start":
                write = self._plan(scope, session, stored, before, now)
                if write is None:
                    self._cookie_only(message, session, stored, sent)
                else:
                    held.append(message)
                    return
            elif write is not None:
                held.append(message)
                return
            await send(message)

        await self.app(scope, receive, send_wrapper)
        if write is not None:
            planned = write
            cookie = await self._queued(scope, lambda db: self._apply(db, planned, now))
            headers = MutableHeaders(scope=held[0])
            if cookie is not None:
                value, max_age = cookie
                self._set_cookie(headers, value, max_age)
            for message in held:
                await send(message)
        elif ended is not None:  # after the answer: nobody waits for this
            row_id = ended
            await self._queued(
                scope,
                lambda db: stored_sessions.end(session=db, row_id=row_id),
                best_effort=True,
            )
        elif stored is not None and stored_sessions.needs_touch(stored, now):
            row_id = stored.row_id
            await self._queued(
                scope,
                lambda db: stored_sessions.touch(session=db, row_id=row_id, now=now),
                best_effort=True,
            )

    async def _queued(
        self, scope: Scope, work: Callable[[Session], Any], *, best_effort: bool = False
    ) -> Any:
        """Run ``work`` in a worker thread, in its own transaction, in SQLite's write queue (the
        app's changes wait there for the one writer; see ``web.guard``). ``best_effort`` work is
        dropped when its turn does not come in time or the database stays locked."""

        def run() -> Any:
            try:
                return self._in_thread(work)
            except OperationalError:
                if best_effort:
                    return None
                raise

        if self.write_queue is None:
            return await anyio.to_thread.run_sync(run)
        done: list[Any] = []

        async def turn(_scope: Scope, _receive: Receive, _send: Send) -> None:
            done.append(await anyio.to_thread.run_sync(run))

        if not await self.write_queue.run(turn, scope, _no_body, _no_send):
            if best_effort:
                return None
            # Its turn did not come in time: write anyway (SQLite's busy timeout still waits).
            done.append(await anyio.to_thread.run_sync(run))
        return done[0]

    def _plan(
        self,
        scope: Scope,
        session: ServerSession,
        stored: Stored | None,
        before: str,
        now: datetime,
    ) -> _Write | None:
        """What must be written for this request, decided as its answer starts (None: nothing)."""
        after = _dump(session)
        person_id = session.get("person_id")
        person_id = person_id if isinstance(person_id, int) else None
        if stored is None:
            if after == before or not session:
                return None
            kind = "create"
        elif not session:
            kind = "end"
        elif session.cleared or person_id != stored.person_id:
            kind = "login" if person_id is not None else "create"
        elif session.rotate_asked:
            kind = "rotate"
        elif after != before:
            kind = "save"
        else:
            return None
        new_lifetime = kind in ("create", "login")
        if new_lifetime and "csrf" not in session:
            # A page drawn next needs one anyway: made now, it costs no second write.
            session["csrf"] = stored_sessions.new_session_id()
            after = _dump(session)
        purge = False
        if new_lifetime and (self._last_purge is None or now - self._last_purge >= PURGE_EVERY):
            self._last_purge = now
            purge = True
        return _Write(
            kind=kind,
            data=after,
            person_id=person_id,
            row_id=stored.row_id if stored is not None else None,
            created_at=None if new_lifetime or stored is None else stored.created_at,
            expires_at=(
                now + self.lifetimes.absolute
                if new_lifetime or stored is None
                else stored.expires_at
            ),
            user_agent=self._user_agent(scope),
            purge=purge,
        )

    def _apply(self, db: Session, write: _Write, now: datetime) -> tuple[str, int] | None:
        """Do ``write`` (in a worker thread); the cookie to set as (value, Max-Age), if any."""
        assert write.expires_at is not None
        max_age = max(0, int((write.expires_at - now).total_seconds()))
        if write.kind == "end":
            assert write.row_id is not None
            stored_sessions.end(session=db, row_id=write.row_id)
            return "", 0
        if write.kind == "save":
            assert write.row_id is not None
            stored_sessions.save(
                session=db,
                row_id=write.row_id,
                data=write.data,
                person_id=write.person_id,
                now=now,
            )
            return None
        if write.kind == "rotate":
            assert write.row_id is not None
            new_id = stored_sessions.rotate(
                session=db,
                row_id=write.row_id,
                data=write.data,
                person_id=write.person_id,
                now=now,
            )
            return (new_id, max_age) if new_id is not None else ("", 0)
        if write.row_id is not None:  # 'login', or a session emptied and refilled
            stored_sessions.end(session=db, row_id=write.row_id)
        if write.purge:
            stored_sessions.purge_expired(session=db, now=now, lifetimes=self.lifetimes)
        new_id = stored_sessions.create(
            session=db,
            data=write.data,
            person_id=write.person_id,
            user_agent=write.user_agent,
            now=now,
            expires_at=write.expires_at,
        )
        return new_id, max_age

    def _cookie_only(
        self,
        message: Message,
        session: ServerSession,
        stored: Stored | None,
        sent: str | None,
    ) -> None:
        """Cookies that need no write: an anonymous visitor's first page (its CSRF token is
        bound to the new id), or an emptied session's cookie removed."""
        headers = MutableHeaders(scope=message)
        if stored is None and not session and sent is not None:
            self._set_cookie(headers, "", 0)
        elif stored is None and sent is None and session.csrf_read:
            self._set_cookie(headers, session.anchor, int(self.lifetimes.absolute.total_seconds()))
