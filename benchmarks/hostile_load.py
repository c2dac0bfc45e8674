"""What an anonymous client or a busy day does to a real server (docs/security.md).

1. Bodies: the server's peak memory after one 100 MB body of each kind an anonymous client can
   send (declared JSON, chunked JSON, cross-site text/plain, a multipart upload).
2. Load: 50 clients with API tokens (10 people) for 30 s, each alternating a cramp and an
   intake entry, as the audit ran it: requests, server errors, p50/p99, and writes answered 201
   but missing afterwards. On SQLite, and on PostgreSQL when NIGHTCRAMPS_TEST_DATABASE_URL is
   set.

Run against another checkout's code with ``PYTHONPATH=/path/to/src`` (the server is started
with this interpreter and environment).
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import threading
import time
from pathlib import Path

import requests
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from tests.served import Served, chunked, fresh_postgres, offer, plain_chunks, post_head, served

from nightcramps.accounts import service as accounts_service
from nightcramps.accounts.models import Person
from nightcramps.config import sqlite_url
from nightcramps.diary.models import Cramp
from nightcramps.storage.engine import make_engine
from nightcramps.storage.migrate import upgrade

BODY_MB = 100
CLIENTS = 50
SECONDS = 30


def bodies(work: Path) -> None:
    print(f"### One {BODY_MB} MB body of each kind, no credentials (local mode, SQLite)\n")
    print("| Body | Answer | Server peak memory before → after |")
    print("|---|---|---|")
    size = BODY_MB * 1024 * 1024
    kinds = {
        "declared JSON to /api/v1/nights": (
            "/api/v1/nights",
            {"Content-Type": "application/json", "Content-Length": str(size)},
            False,
        ),
        "chunked JSON to /api/v1/nights": (
            "/api/v1/nights",
            {"Content-Type": "application/json", "Transfer-Encoding": "chunked"},
            True,
        ),
        "cross-site text/plain": (
            "/api/v1/nights",
            {
                "Content-Type": "text/plain",
                "Origin": "http://evil.example",
                "Content-Length": str(size),
            },
            False,
        ),
        "multipart to /data/daily": (
            "/data/daily",
            {"Content-Type": "multipart/form-data; boundary=x", "Transfer-Encoding": "chunked"},
            True,
        ),
    }
    for name, (path, headers, framed) in kinds.items():
        with served(sqlite_url(work / f"bodies-{len(name)}.sqlite3"), work) as server:
            requests.get(f"{server.url}/", timeout=60)
            before = server.peak_rss_kb()
            chunks = chunked(BODY_MB) if framed else plain_chunks(BODY_MB)
            try:
                status: object = offer(server.port, post_head(server.port, path, headers), chunks)[
                    0
                ]
            except (OSError, IndexError, ValueError) as exc:
                status = f"no answer ({type(exc).__name__})"
            after = server.peak_rss_kb()
        print(f"| {name} | {status} | {before // 1024} MB → {after // 1024} MB |")
    print()


def load(database_url: str, label: str, work: Path) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    with Session(engine) as session:
        tokens = []
        for n in range(10):
            person = Person(email=f"load{n}-{random.random()}@example.org", timezone="UTC")
            session.add(person)
            session.flush()
            tokens.append(accounts_service.create_token(session=session, person_id=person.id))
        session.commit()
    env = {"NIGHTCRAMPS_ACCOUNTS": "1", "NIGHTCRAMPS_SECRET_KEY": "k" * 40}
    with served(database_url, work, env=env) as server:
        results = _hammer(server, tokens)
    created = [cramp_id for status, _, cramp_id in results if cramp_id is not None]
    with engine.connect() as conn:
        stored = (
            set(conn.scalars(select(Cramp.id).where(Cramp.id.in_(created))).all())
            if created
            else set()
        )
        total = conn.scalar(select(func.count()).select_from(Cramp))
    engine.dispose()
    latencies = sorted(seconds for _, seconds, _ in results)
    errors = sum(1 for status, _, _ in results if isinstance(status, int) and status >= 500)
    failed = sum(1 for status, _, _ in results if not isinstance(status, int))
    busy = sum(1 for status, _, _ in results if status == 503)
    p99 = latencies[int(len(latencies) * 0.99) - 1] if latencies else float("nan")
    print(
        f"| {label} | {len(results)} | {len(results) / SECONDS:.0f} | {errors - busy} | {busy} | "
        f"{failed} | {len(set(created) - stored)} | {statistics.median(latencies) * 1000:.0f} ms | "
        f"{p99 * 1000:.0f} ms | {total} |"
    )


def _hammer(server: Served, tokens: list[str]) -> list[tuple[object, float, int | None]]:
    results: list[tuple[object, float, int | None]] = []
    lock = threading.Lock()
    stop = time.monotonic() + SECONDS

    def client(n: int) -> None:
        http = requests.Session()
        http.headers["Authorization"] = f"Bearer {tokens[n % len(tokens)]}"
        rng = random.Random(n)
        i = 0
        while time.monotonic() < stop:
            day = f"2026-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}"
            started = time.monotonic()
            cramp_id = None
            try:
                body: dict[str, str | int]
                if i % 2 == 0:
                    body = {
                        "at": f"{day}T03:10:00",
                        "muscle": "calf",
                        "side": "left",
                        "severity_0_10": 5,
                    }
                    answer = http.post(f"{server.url}/api/v1/cramps", json=body, timeout=60)
                    if answer.status_code == 201:
                        cramp_id = answer.json()["id"]
                else:
                    body = {"day": day, "phrase": "a glass of milk"}
                    answer = http.post(f"{server.url}/api/v1/intake", json=body, timeout=60)
                status: object = answer.status_code
            except requests.RequestException as exc:
                status = type(exc).__name__
            with lock:
                results.append((status, time.monotonic() - started, cramp_id))
            i += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        bodies(work)
        print(
            f"### {CLIENTS} clients with tokens for {SECONDS} s (cramps and intake, one process)\n"
        )
        print(
            "| Database | Requests | req/s | 5xx (not 503) | 503 | No answer | Lost writes "
            "| p50 | p99 | Cramps stored |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|")
        load(sqlite_url(work / "load.sqlite3"), "SQLite", work)
        postgres = os.environ.get("NIGHTCRAMPS_TEST_DATABASE_URL")
        if postgres:
            with fresh_postgres(postgres, "bench_load") as url:
                load(url, "PostgreSQL", work)
        print()


if __name__ == "__main__":
    main()
