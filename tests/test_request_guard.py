"""What is refused before a body is read (403, 401, 415, 413), and SQLite's queue of changes."""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import anyio
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from starlette.types import ASGIApp, Receive, Scope, Send

from nightcramps.accounts import service as accounts_service
from nightcramps.accounts.models import Person
from nightcramps.config import Settings
from nightcramps.diary.models import Cramp
from nightcramps.web.app import create_app
from nightcramps.web.guard import MAX_BODY_BYTES, MAX_UPLOAD_BYTES, WriteQueue

CRAMP = {"at": "2026-11-24T03:10:00", "muscle": "calf", "side": "left", "severity_0_10": 6}
HEADER = "date,steps\n"


def _cramps(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(Cramp)) or 0)


@pytest.fixture
def accounts_client(settings: Settings) -> Iterator[TestClient]:
    data = {**settings.model_dump(), "accounts": True, "secret_key": "s" * 40}
    accounts = Settings.model_validate({**data, "secure_cookies": False})
    with TestClient(create_app(accounts, migrate=False), follow_redirects=False) as client:
        yield client


def test_a_json_body_over_the_limit_is_refused_unread(client: TestClient, engine: Engine) -> None:
    """A declared length over the limit is answered 413 with the limit, and nothing is stored."""
    padding = "x" * MAX_BODY_BYTES
    answer = client.post("/api/v1/cramps", json={**CRAMP, "notes": padding})
    assert answer.status_code == 413
    assert "larger than the 256 kB this address accepts" in answer.json()["detail"]
    assert _cramps(engine) == 0
    assert client.post("/api/v1/cramps", json=CRAMP).status_code == 201


def test_a_body_without_a_declared_length_is_cut_off_at_the_limit(client: TestClient) -> None:
    """Without a declared length (chunked), the body is counted as it comes (a real server
    stops reading there: tests/test_live_limits.py)."""

    def chunks() -> Iterator[bytes]:
        for _ in range(64):
            yield b" " * 65536

    answer = client.post(
        "/api/v1/cramps", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert answer.status_code == 413
    assert "Send less at a time" in answer.json()["detail"]


def test_a_page_form_over_the_limit_gets_the_error_page(client: TestClient) -> None:
    """A form is refused as a page, saying what to do."""
    form = {"notes": "x" * (MAX_BODY_BYTES + 1), "csrf_token": "whatever"}
    answer = client.post("/cramps", data=form)
    assert answer.status_code == 413
    assert "text/html" in answer.headers["content-type"]
    assert "Send less at a time" in answer.text


def test_a_file_route_takes_a_file_but_not_a_larger_one(client: TestClient) -> None:
    """The daily CSV import takes a file of megabytes; past its limit it is refused unread."""
    rows = "".join(f"2020-01-{d:02d},{1000 + d}\n" for d in range(1, 29))
    accepted = client.post(
        "/api/v1/import/daily-csv",
        content=(HEADER + rows).encode(),
        headers={"Content-Type": "text/csv"},
    )
    assert accepted.status_code == 200, accepted.text
    too_big = b"x" * (MAX_UPLOAD_BYTES + 1)
    answer = client.post(
        "/api/v1/import/daily-csv", content=too_big, headers={"Content-Type": "text/csv"}
    )
    assert answer.status_code == 413
    assert "split a larger file by years" in answer.json()["detail"]
    backup = client.post(
        "/api/v1/import/backup", content=too_big, headers={"Content-Type": "application/zip"}
    )
    assert backup.status_code == 413
    assert "nightcramps import backup FILE" in backup.json()["detail"]


def test_another_sites_request_is_refused_before_its_body(client: TestClient) -> None:
    """A page on another site can send text/plain without asking (no-cors); it gets 403 before
    a byte of its body is read, however large."""
    body = b"x" * (MAX_BODY_BYTES * 4)
    for headers in (
        {"Origin": "http://evil.example", "Content-Type": "text/plain"},
        {"Sec-Fetch-Site": "cross-site", "Content-Type": "text/plain"},
        {"Origin": "null", "Content-Type": "application/json"},
    ):
        answer = client.post("/api/v1/cramps", content=body, headers=headers)
        assert answer.status_code == 403, headers
        assert "came from another site" in answer.json()["detail"]


def test_an_api_body_that_is_not_json_is_refused(client: TestClient) -> None:
    """Changes through the API are JSON; anything else is 415 with the header to send."""
    answer = client.post(
        "/api/v1/cramps", content=b"muscle=calf", headers={"Content-Type": "text/plain"}
    )
    assert answer.status_code == 415
    assert "Content-Type: application/json" in answer.json()["detail"]


def test_nobody_signed_in_is_refused_before_the_body(accounts_client: TestClient) -> None:
    """In accounts mode an API change without a session or token is 401, unread."""
    body = b"x" * (MAX_BODY_BYTES * 4)
    answer = accounts_client.post(
        "/api/v1/cramps", content=body, headers={"Content-Type": "application/json"}
    )
    assert answer.status_code == 401
    assert answer.headers["WWW-Authenticate"] == "Bearer"
    assert "Sign in first" in answer.json()["detail"]


def test_a_token_is_checked_by_the_route(accounts_client: TestClient) -> None:
    """A request with a token passes the guard; the route refuses a made-up one."""
    answer = accounts_client.post(
        "/api/v1/cramps", json=CRAMP, headers={"Authorization": "Bearer nc_made_up"}
    )
    assert answer.status_code == 401
    assert "token" in answer.json()["detail"]


def test_write_queue_answers_false_when_the_turn_does_not_come() -> None:
    """A change that waits past the queue's timeout does not run."""
    queue = WriteQueue(timeout_s=0.05)
    ran: list[str] = []

    def app(name: str, seconds: float) -> ASGIApp:
        async def asgi(_scope: Scope, _receive: Receive, _send: Send) -> None:
            await anyio.sleep(seconds)
            ran.append(name)

        return asgi

    async def main() -> list[bool]:
        results: list[bool] = []

        async def run(name: str, seconds: float) -> None:
            results.append(await queue.run(app(name, seconds), {}, None, None))  # type: ignore[arg-type]

        async with anyio.create_task_group() as tasks:
            tasks.start_soon(run, "slow", 0.3)
            await anyio.sleep(0.01)
            tasks.start_soon(run, "late", 0.0)
        return results

    # Its own thread: a session-wide browser (Playwright) may hold this thread's event loop.
    with ThreadPoolExecutor(1) as thread:
        assert thread.submit(anyio.run, main).result() == [False, True]
    assert ran == ["slow"]


def test_a_change_that_cannot_get_its_turn_is_503(client: TestClient, engine: Engine) -> None:
    """On SQLite, while a long change holds the one writer, another that waits too long is
    answered 503 with Retry-After, and saves nothing."""
    queue = client.app.state.write_queue  # type: ignore[attr-defined]
    if queue is None:
        pytest.skip("only SQLite queues its changes")
    queue.timeout_s = 0.2
    holding = threading.Event()

    async def slow(_scope: Scope, _receive: Receive, _send: Send) -> None:
        holding.set()
        await anyio.sleep(1.0)

    assert client.portal is not None
    held = client.portal.start_task_soon(queue.run, slow, {}, None, None)
    assert holding.wait(5)
    refused = client.post("/api/v1/cramps", json=CRAMP)
    held.result(5)
    assert refused.status_code == 503
    assert refused.headers["Retry-After"] == "2"
    assert "nothing was saved" in refused.json()["detail"]
    assert client.post("/api/v1/cramps", json=CRAMP).status_code == 201
    assert _cramps(engine) == 1


def test_a_sign_in_does_not_wait_in_the_queue(accounts_client: TestClient) -> None:
    """Checking a password (argon2) does not take the queue's turn, nor wait for one: while a
    change holds the queue, a sign-in is still answered (here: the wrong password)."""
    queue = accounts_client.app.state.write_queue  # type: ignore[attr-defined]
    if queue is None:
        pytest.skip("only SQLite queues its changes")
    queue.timeout_s = 0.2
    page = accounts_client.get("/signin")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token
    holding = threading.Event()

    async def slow(_scope: Scope, _receive: Receive, _send: Send) -> None:
        holding.set()
        await anyio.sleep(1.0)

    assert accounts_client.portal is not None
    held = accounts_client.portal.start_task_soon(queue.run, slow, {}, None, None)
    assert holding.wait(5)
    form = {"email": "nobody@example.org", "password": "x" * 12, "csrf_token": token.group(1)}
    answer = accounts_client.post("/signin", data=form)
    held.result(5)
    assert answer.status_code == 401
    assert "Wrong email or password" in answer.text


def test_fifty_clients_with_tokens_get_no_server_error(
    accounts_client: TestClient, engine: Engine
) -> None:
    """Fifty clients with tokens (ten people), reading and writing at once as the audit's load
    did: every answer is 2xx (or 503 to retry, never 500), and every write answered 201 is
    stored."""
    tokens = []
    with Session(engine) as session:
        for n in range(10):
            person = Person(email=f"load{n}@example.org", timezone="Europe/London")
            session.add(person)
            session.flush()
            tokens.append(accounts_service.create_token(session=session, person_id=person.id))
        session.commit()
    statuses: list[int] = []
    created = 0
    lock = threading.Lock()

    def client_(n: int) -> None:
        nonlocal created
        auth = {"Authorization": f"Bearer {tokens[n % 10]}"}
        for _ in range(3):
            wrote = accounts_client.post("/api/v1/cramps", json=CRAMP, headers=auth)
            read = accounts_client.get("/api/v1/nights", headers=auth)
            with lock:
                statuses.extend([wrote.status_code, read.status_code])
                created += wrote.status_code == 201

    threads = [threading.Thread(target=client_, args=(n,)) for n in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not [s for s in statuses if s >= 500 and s != 503], sorted(set(statuses))
    assert created == statuses.count(201) and created >= 140
    assert _cramps(engine) == created


def test_a_database_locked_by_another_program_is_503(
    client: TestClient, engine: Engine, database_url: str
) -> None:
    """When another program holds SQLite's write lock past the wait, a change is answered 503
    with Retry-After (never 500), and the diary is as it was."""
    if not database_url.startswith("sqlite"):
        pytest.skip("a SQLite file lock")
    token = _csrf(client)
    other = sqlite3.connect(engine.url.database or "", isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")
        answer = client.post("/api/v1/cramps", json=CRAMP)
        page = client.post("/checkin/no-cramps", data={"csrf_token": token})
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert answer.status_code == 503
    assert answer.headers["Retry-After"] == "2"
    assert "nothing was saved" in answer.json()["detail"]
    assert page.status_code == 503
    assert "Try again in 2 seconds" in page.text
    assert _cramps(engine) == 0


def _csrf(client: TestClient) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/").text)
    assert match
    return match.group(1)
