"""What is refused before a request's body is read, and the bound on what is read.

Every request passes :class:`RequestGuard` before any route. For a request that would change
something it decides, from the headers alone, what a route would refuse anyway: a browser's
request from another site (403), an API body that is not JSON (415), an API change by nobody
(401, accounts mode). Then it reads the body itself, at most the route's limit
(:data:`MAX_BODY_BYTES`, or :data:`MAX_UPLOAD_BYTES` for the routes that take a file), and
answers 413 past it; so no anonymous client can make the server hold more than a limit's worth.

On SQLite, requests that change something then wait their turn in one queue (:class:`WriteQueue`):
SQLite has one writer at a time, and letting forty threads race for its lock is what answered
"database is locked" under load. A request that waits longer than
:data:`WRITE_QUEUE_TIMEOUT_S` is answered 503 with ``Retry-After``. The body is read before the
request joins the queue, so a client sending slowly holds nobody up.

On both databases at most ``max_concurrent_requests`` requests are then worked on at once
(:class:`ConcurrencyLimit`); the others wait on the event loop, holding no thread and no
connection, up to ``request_queue_seconds``, and are then answered 503 with ``Retry-After``. The
connection pool is larger than that bound (``config.Settings``), so a request never waits for a
connection that another request holds while it waits for a thread: that wait, at 50 clients,
ran into the pool's timeout and answered 500 (issue #17).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

import anyio
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from nightcramps.web import errors
from nightcramps.web.errors import BUSY_RETRY_AFTER_S

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
MAX_BODY_BYTES = 256 * 1024
"""The largest body of a form or a JSON request (the largest the app's own pages send is a few
kilobytes)."""
MAX_UPLOAD_BYTES = 5 * 1024 * 1024 + 64 * 1024
"""The largest body of a route that takes a file: a 5 MB file and its form's wrapping."""
WRITE_QUEUE_TIMEOUT_S = 10.0
"""How long a change waits for SQLite's one writer before it is answered 503."""
JSON_TYPES = ("application/json", "application/merge-patch+json")
UNLIMITED_PREFIXES = ("/static/", "/healthz")
"""What never waits for a turn: files from disk and the health check touch no database."""


def bearer_token(headers: Mapping[str, str]) -> str | None:
    """The token of an ``Authorization: Bearer ...`` header, if one is sent."""
    scheme, _, token = headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return None


def from_another_site(headers: Mapping[str, str]) -> bool:
    """Whether a browser says this request comes from another site or origin.

    ``Origin`` must name this host when it is sent (a forged ``null`` never does), and
    ``Sec-Fetch-Site: cross-site`` is refused outright. Programs that send neither pass; they
    cannot carry the person's cookie without being the person.
    """
    origin = headers.get("origin")
    if origin is not None and origin.split("://", 1)[-1] != headers.get("host"):
        return True
    return headers.get("sec-fetch-site") == "cross-site"


class WriteQueue:
    """One change at a time on SQLite: the others wait here (on the event loop, holding no
    thread and no database lock) up to ``timeout_s``, then are answered 503."""

    def __init__(self, timeout_s: float = WRITE_QUEUE_TIMEOUT_S) -> None:
        self.timeout_s = timeout_s
        self._lock = anyio.Lock()

    async def run(self, app: ASGIApp, scope: Scope, receive: Receive, send: Send) -> bool:
        """Run the request in its turn; False when its turn did not come in time."""
        with anyio.move_on_after(self.timeout_s) as waited:
            await self._lock.acquire()
        if waited.cancelled_caught:
            return False
        try:
            await app(scope, receive, send)
        finally:
            self._lock.release()
        return True


class ConcurrencyLimit:
    """At most ``limit`` requests at once; the others wait here (on the event loop, holding no
    thread and no connection) up to ``timeout_s``, then are answered 503."""

    def __init__(self, limit: int, timeout_s: float) -> None:
        self.limit = limit
        self.timeout_s = timeout_s
        self._slots = anyio.Semaphore(limit)

    async def run(self, app: ASGIApp, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve the request in its turn, or answer 503 when its turn did not come in time."""
        try:
            self._slots.acquire_nowait()  # the usual case: no cancel scope, no waiting
        except anyio.WouldBlock:
            with anyio.move_on_after(self.timeout_s) as waited:
                await self._slots.acquire()
            if waited.cancelled_caught:
                await busy(scope, OVERLOADED)(scope, _no_body, send)
                return
        try:
            await app(scope, receive, send)
        finally:
            self._slots.release()


class RequestGuard:
    """Refuses from the headers what must never be read, and bounds what is read.

    ``upload_paths`` take a file (up to :data:`MAX_UPLOAD_BYTES`, any content type); every other
    route takes at most :data:`MAX_BODY_BYTES`. ``stream_paths`` take a file of any size (an
    export of several GB): their body is not read here but streamed to disk by the route, which
    bounds it; they do not join the write queue either (reading a large file would hold every
    other change up), and write in one transaction of their own that SQLite's wait serialises.
    ``limit`` bounds the requests worked on at once (all but :data:`UNLIMITED_PREFIXES`;
    a change takes its turn in the write queue first, then a place here).
    ``accounts`` turns on the refusal of API changes by nobody. ``write_queue`` (SQLite)
    serialises the requests that change something, except ``unqueued_paths``: routes that spend
    most of their time hashing a password (a second of argon2 in the queue would hold up every
    other change) and write only a row or two, which SQLite's own wait serialises.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        accounts: bool,
        upload_paths: Collection[str] = (),
        write_queue: WriteQueue | None = None,
        unqueued_paths: Collection[str] = (),
        stream_paths: Collection[str] = (),
        limit: ConcurrencyLimit | None = None,
    ) -> None:
        self.app = app
        self.limit = limit
        self.stream_paths = frozenset(stream_paths)
        self.unqueued_paths = frozenset(unqueued_paths)
        self.accounts = accounts
        self.upload_paths = frozenset(upload_paths)
        self.write_queue = write_queue

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        refusal = self._refusal(scope, headers)
        if refusal is not None:
            await refusal(scope, _no_body, send)
            return
        path: str = scope["path"]
        app = self.app
        if self.limit is not None and not path.startswith(UNLIMITED_PREFIXES):
            app = self._limited
        if path in self.stream_paths:
            await app(scope, receive, send)
            return
        limit = MAX_UPLOAD_BYTES if path in self.upload_paths else MAX_BODY_BYTES
        body = await _read_body(receive, headers, limit)
        if body is None:
            await _too_large(scope, limit)(scope, _no_body, send)
            return
        replay = _replay(body, receive)
        if (
            self.write_queue is None
            or scope["method"] in SAFE_METHODS
            or path in self.unqueued_paths
        ):
            await app(scope, replay, send)
            return
        if not await self.write_queue.run(app, scope, replay, send):
            await busy(scope, BUSY_WRITING)(scope, _no_body, send)

    async def _limited(self, scope: Scope, receive: Receive, send: Send) -> None:
        assert self.limit is not None
        await self.limit.run(self.app, scope, receive, send)

    def _refusal(self, scope: Scope, headers: Headers) -> Response | None:
        """A response for what the headers alone show must be refused; None to go on."""
        if scope["method"] in SAFE_METHODS or not scope["path"].startswith("/api/"):
            return None
        if bearer_token(headers) is not None:
            return None
        if from_another_site(headers):
            return _api_error(
                403,
                "This request came from another site; the API takes changes only from this app's "
                "own pages or with an 'Authorization: Bearer ...' token.",
            )
        if self.accounts and not _signed_in(scope):
            return _api_error(
                401,
                "Sign in first, or send an API token as 'Authorization: Bearer ...'.",
                {"WWW-Authenticate": "Bearer"},
            )
        kind = headers.get("content-type", "").split(";", 1)[0].strip().lower()
        has_body = headers.get("content-length", "0") != "0" or "transfer-encoding" in headers
        takes_files = scope["path"] in self.upload_paths or scope["path"] in self.stream_paths
        if has_body and kind not in JSON_TYPES and not takes_files:
            return _api_error(
                415,
                "Send the body as JSON with the header 'Content-Type: application/json'.",
            )
        return None


def _signed_in(scope: Scope) -> bool:
    session = scope.get("session")
    return isinstance(session, Mapping) and isinstance(session.get("person_id"), int)


async def _read_body(receive: Receive, headers: Headers, limit: int) -> bytes | None:
    """The whole body, or None as soon as it is seen to be longer than ``limit`` bytes."""
    declared = headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        return None
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break  # the client went away; the app sees an empty body and its disconnect
        chunk: bytes = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that hands the app the body already read, then listens to the client."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def _no_body() -> Message:
    """The ``receive`` of a refusal: the body is not read, and is not wanted."""
    return {"type": "http.request", "body": b"", "more_body": False}


def _api_error(status: int, message: str, headers: Mapping[str, str] | None = None) -> Response:
    return JSONResponse({"detail": message, "fields": {}}, status_code=status, headers=headers)


def _too_large(scope: Scope, limit: int) -> Response:
    size = f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit // 1024} kB"
    message = (
        f"This request is larger than the {size} this address accepts, so it was not read. "
        + (
            "A daily CSV of ten years is about 400 kB; split a larger file by years. A "
            "larger backup restores from the command line: nightcramps import backup FILE."
            if limit > MAX_BODY_BYTES
            else "Send less at a time."
        )
    )
    return _error(scope, 413, message)


BUSY_WRITING = (
    "The server is busy with other changes and did not get to this one; nothing was saved. "
    f"Try again in {BUSY_RETRY_AFTER_S} seconds."
)
OVERLOADED = (
    "The server is busy with other requests and did not get to this one; nothing was saved. "
    f"Try again in {BUSY_RETRY_AFTER_S} seconds."
)


def busy(scope: Scope, message: str) -> Response:
    """503 with ``Retry-After``: the request was not served, and can be sent again."""
    return _error(scope, 503, message, {"Retry-After": str(BUSY_RETRY_AFTER_S)})


def _error(
    scope: Scope, status: int, message: str, headers: Mapping[str, str] | None = None
) -> Response:
    """The refusal as the API says it (JSON) or as a page (the app's error page)."""
    if scope["path"].startswith("/api/"):
        return _api_error(status, message, headers)
    request = Request(scope)
    return errors.render_error(request, status, message, {}, headers=headers)
