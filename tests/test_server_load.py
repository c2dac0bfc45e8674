"""200 clients at once against a real server (issue #17): never a server error but 503, and every
change answered 2xx is in the database afterwards.

`nightcramps serve` runs in its own process on loopback (tests/served.py), on SQLite and, when
``NIGHTCRAMPS_TEST_DATABASE_URL`` is set, on a fresh PostgreSQL database. Each of the 200 clients
asks for the check-in page, a month of nights and logs a cramp, ``ROUNDS`` times: a bounded number
of requests, and the whole run is cut off after ``RUN_LIMIT_S``.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import httpx2 as httpx
from sqlalchemy import select

from nightcramps.accounts import service as accounts_service
from nightcramps.config import sqlite_url
from nightcramps.diary.demo import fill_demo_nights
from nightcramps.diary.models import Cramp
from nightcramps.storage.engine import make_engine
from nightcramps.storage.migrate import upgrade
from nightcramps.storage.session import make_sessionmaker, session_scope
from tests.served import fresh_postgres, served

CLIENTS = 200
ROUNDS = 2
RUN_LIMIT_S = 90.0
LAST_NIGHT = date(2026, 10, 31)
MONTH = "/api/v1/nights?from=2026-10-01&to=2026-10-31"


@dataclass
class Outcome:
    statuses: list[int] = field(default_factory=list)
    busy_without_retry_after: int = 0
    created: list[int] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def _cramp(client: int, round_: int) -> dict[str, object]:
    """A cramp on a night of January–September 2026 (in the past whenever the test runs)."""
    month = 1 + (client + round_) % 9
    day = 1 + client % 28
    return {
        "at": f"2026-{month:02d}-{day:02d}T03:{(client * 7 + round_) % 60:02d}:00",
        "muscle": "calf",
        "side": "left" if client % 2 else "right",
        "severity_0_10": 1 + client % 10,
    }


async def _one_client(http: httpx.AsyncClient, n: int, outcome: Outcome) -> None:
    for round_ in range(ROUNDS):
        for method, path in (("GET", "/"), ("GET", MONTH), ("POST", "/api/v1/cramps")):
            try:
                if method == "GET":
                    answer = await http.get(path)
                else:
                    answer = await http.post(path, json=_cramp(n, round_))
            except httpx.HTTPError as exc:
                outcome.failures.append(f"{method} {path}: {type(exc).__name__}")
                continue
            outcome.statuses.append(answer.status_code)
            if answer.status_code == 503 and "retry-after" not in answer.headers:
                outcome.busy_without_retry_after += 1
            if method == "POST" and answer.status_code == 201:
                outcome.created.append(int(answer.json()["id"]))


async def _hammer(url: str) -> Outcome:
    outcome = Outcome()
    limits = httpx.Limits(max_connections=CLIENTS, max_keepalive_connections=CLIENTS)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=60) as http:
        tasks = [_one_client(http, n, outcome) for n in range(CLIENTS)]
        try:
            await asyncio.wait_for(asyncio.gather(*tasks), RUN_LIMIT_S)
        except TimeoutError:
            outcome.failures.append(
                f"not done in {RUN_LIMIT_S:.0f} s: {len(outcome.statuses)} answers "
                f"({sorted(set(outcome.statuses))})"
            )
    return outcome


def _prepare(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    with session_scope(make_sessionmaker(engine)) as session:
        person = accounts_service.get_local_person(session=session, timezone="Europe/London")
        owner = accounts_service.owner_of(person, cutover_hour=12)
        fill_demo_nights(session=session, owner=owner, last=LAST_NIGHT, nights=60)
    engine.dispose()


def _stored(database_url: str, ids: list[int]) -> set[int]:
    engine = make_engine(database_url)
    try:
        with engine.connect() as conn:
            return set(conn.scalars(select(Cramp.id).where(Cramp.id.in_(ids))).all())
    finally:
        engine.dispose()


def _in_own_loop(url: str) -> Outcome:
    """Run the clients on an event loop of their own thread: a browser test earlier in the same
    process leaves Playwright's loop running on this one, where ``asyncio.run`` is refused."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(_hammer(url))).result()


@contextmanager
def _load_database(tmp_path: Path, database_url: str) -> Iterator[str]:
    if database_url.startswith("sqlite"):
        yield sqlite_url(tmp_path / "load.sqlite3")
        return
    with fresh_postgres(database_url, "server_load") as url:
        yield url


def test_200_clients_get_no_server_error_and_no_write_is_lost(
    tmp_path: Path, database_url: str
) -> None:
    """200 clients at once: every answer is 2xx or 503 with Retry-After (never another 5xx, no
    dropped connection), most are served, and every cramp answered 201 is stored."""
    with _load_database(tmp_path, database_url) as url:
        _prepare(url)
        started = time.monotonic()
        with served(url, tmp_path) as server:
            outcome = _in_own_loop(server.url)
            log = server.log.read_text()
        elapsed = time.monotonic() - started
        stored = _stored(url, outcome.created)
    server_errors = [s for s in outcome.statuses if s >= 500 and s != 503]
    assert not outcome.failures, outcome.failures[:5]
    assert server_errors == [], f"{len(server_errors)} server errors; log: {log[-2000:]}"
    assert outcome.busy_without_retry_after == 0
    assert len(outcome.statuses) == CLIENTS * ROUNDS * 3
    served_ok = [s for s in outcome.statuses if 200 <= s < 300]
    assert len(served_ok) >= len(outcome.statuses) * 0.9, sorted(set(outcome.statuses))
    assert set(outcome.created) <= stored, f"lost writes: {set(outcome.created) - stored}"
    assert len(outcome.created) >= CLIENTS * ROUNDS * 0.9
    assert "Traceback" not in log, log[-2000:]
    assert elapsed < RUN_LIMIT_S + 30
