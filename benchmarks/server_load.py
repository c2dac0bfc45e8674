"""The server under load against bare FastAPI and bare Starlette, side by side (issue #17).

Four servers, each in its own process under the same ``uvicorn.run`` settings (one process, log
level warning, no server header): NightCramps on SQLite and on PostgreSQL (``nightcramps serve``,
local mode, a year of demo nights; PostgreSQL when ``NIGHTCRAMPS_TEST_DATABASE_URL`` is set), and
the bare FastAPI and Starlette apps of this folder serving the same bytes NightCramps answered.
Each gets, at 10 and at 50 keep-alive clients, for ``NIGHTCRAMPS_BENCH_SECONDS`` (10) seconds:

- ``GET /`` (the check-in page, as a browser asks: no token);
- ``GET /api/v1/nights`` for the last 30 nights;
- ``POST /api/v1/cramps`` on a random night of the 11 months before (outside the month read).

The load comes from this process (raw HTTP/1.1 on asyncio streams: far cheaper per request than
an HTTP client library, so that it does not starve the server of the second core), and each run
reports req/s, p50, p99, answers ≥ 500 (503s apart) and the server's CPU time per request, which
depends less on how much of the machine the server got than req/s does.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from tests.served import free_port, fresh_postgres, served

from benchmarks._bare_payloads import PAYLOADS_ENV
from nightcramps.accounts import service as accounts_service
from nightcramps.config import sqlite_url
from nightcramps.diary.demo import fill_demo_nights
from nightcramps.diary.service import last_night
from nightcramps.storage.engine import make_engine
from nightcramps.storage.migrate import upgrade
from nightcramps.storage.session import make_sessionmaker, session_scope

SECONDS = float(os.environ.get("NIGHTCRAMPS_BENCH_SECONDS", "10"))
CLIENTS = (10, 50)
WARM_UP_S = 1.0
REQUEST_TIMEOUT_S = 10.0
ZONE = "Europe/London"


@dataclass
class Run:
    """What one endpoint answered at one concurrency."""

    seconds: float
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    failures: int = 0
    cpu_s: float = 0.0

    @property
    def count(self) -> int:
        return len(self.latencies)

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0

    @property
    def server_errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500 and status != 503)

    @property
    def busy(self) -> int:
        return self.statuses.get(503, 0)


@dataclass(frozen=True)
class Endpoint:
    name: str
    method: str
    path: str
    bodies: tuple[bytes, ...] = ()

    def requests(self, port: int) -> Iterator[bytes]:
        head = f"{self.method} {self.path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        if not self.bodies:
            request = (head + "\r\n").encode()
            while True:
                yield request
        while True:
            for body in self.bodies:
                yield (
                    head.encode()
                    + b"Content-Type: application/json\r\n"
                    + f"Content-Length: {len(body)}\r\n\r\n".encode()
                    + body
                )


def endpoints(last: date) -> list[Endpoint]:
    month = f"/api/v1/nights?from={last - timedelta(days=29)}&to={last}"
    rng = random.Random(17)
    bodies = []
    for _ in range(500):
        night = last - timedelta(days=rng.randint(40, 330))
        moment = f"{night + timedelta(days=1)}T0{rng.randint(1, 5)}:{rng.randint(0, 59):02d}:00"
        cramp = {"at": moment, "muscle": "calf", "side": "left", "severity_0_10": 5}
        bodies.append(json.dumps(cramp).encode())
    return [
        Endpoint("GET / (check-in)", "GET", "/"),
        Endpoint("GET /api/v1/nights (a month)", "GET", month),
        Endpoint("POST /api/v1/cramps", "POST", "/api/v1/cramps", tuple(bodies)),
    ]


async def _answer(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """Read one response; its status and whether the server keeps the connection."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    if headers.get("transfer-encoding") == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip(), 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    else:
        await reader.readexactly(int(headers.get("content-length", "0")))
    return status, headers.get("connection", "").lower() != "close"


async def _client(port: int, requests: Iterator[bytes], stop: float, run: Run) -> None:
    reader = writer = None
    while time.monotonic() < stop:
        if writer is None:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
        assert reader is not None
        started = time.perf_counter()
        try:
            writer.write(next(requests))
            status, keep = await asyncio.wait_for(_answer(reader), REQUEST_TIMEOUT_S)
        except (OSError, asyncio.IncompleteReadError, TimeoutError, ValueError):
            run.failures += 1
            writer.close()
            writer = None
            continue
        run.latencies.append(time.perf_counter() - started)
        run.statuses[status] = run.statuses.get(status, 0) + 1
        if not keep:
            writer.close()
            writer = None
    if writer is not None:
        writer.close()


async def _hammer(port: int, endpoint: Endpoint, clients: int, seconds: float) -> Run:
    run = Run(seconds)
    stop = time.monotonic() + seconds
    requests = endpoint.requests(port)
    await asyncio.gather(*(_client(port, requests, stop, run) for _ in range(clients)))
    return run


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(port: int, pid: int, endpoint: Endpoint, clients: int) -> Run:
    asyncio.run(_hammer(port, endpoint, min(clients, 10), WARM_UP_S))
    before = _cpu_seconds(pid)
    run = asyncio.run(_hammer(port, endpoint, clients, SECONDS))
    run.cpu_s = _cpu_seconds(pid) - before
    return run


def prepare(database_url: str) -> date:
    """Migrate, make the local person and a year of demo nights; the last night."""
    engine = make_engine(database_url)
    upgrade(engine)
    with session_scope(make_sessionmaker(engine)) as session:
        person = accounts_service.get_local_person(session=session, timezone=ZONE)
        owner = accounts_service.owner_of(person, cutover_hour=12)
        last = last_night(owner=owner)
        fill_demo_nights(session=session, owner=owner, last=last, nights=365)
    engine.dispose()
    return last


def capture(url: str, points: list[Endpoint]) -> dict[str, object]:
    """What NightCramps answers, for the bare apps to serve."""
    with urllib.request.urlopen(f"{url}/", timeout=30) as answer:
        checkin = answer.read().decode()
    with urllib.request.urlopen(f"{url}{points[1].path}", timeout=30) as answer:
        nights = json.loads(answer.read())
    post = urllib.request.Request(
        f"{url}/api/v1/cramps",
        data=points[2].bodies[0],
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(post, timeout=30) as answer:
        cramp = json.loads(answer.read())
    return {"checkin": checkin, "nights": nights, "cramp": cramp}


@contextmanager
def bare(kind: str, payloads: Path, log: Path) -> Iterator[tuple[int, int]]:
    """A bare app in its own process; its port and pid."""
    port = free_port()
    env = {**os.environ, PAYLOADS_ENV: str(payloads)}
    command = [sys.executable, "-m", "benchmarks._serve_bare", kind, str(port)]
    with log.open("wb") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(log.read_text()) from None
                time.sleep(0.1)
        yield port, process.pid
    finally:
        process.terminate()
        process.wait(timeout=20)


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} / {five:.1f}"


def _row(server: str, run: Run) -> str:
    rate = run.count / run.seconds
    cpu = run.cpu_s / run.count * 1000 if run.count else float("nan")
    return (
        f"| {server} | {rate:,.0f} | {run.percentile(0.5) * 1000:.1f} | "
        f"{run.percentile(0.99) * 1000:.1f} | {run.server_errors} | {run.busy} | {run.failures} | "
        f"{cpu:.2f} |"
    )


def main() -> None:
    results: dict[tuple[str, int], dict[str, Run]] = {}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        databases = [("NightCramps SQLite", sqlite_url(work / "load.sqlite3"))]
        postgres = os.environ.get("NIGHTCRAMPS_TEST_DATABASE_URL")
        with contextmanager_or_none(postgres) as pg_url:
            if pg_url:
                databases.append(("NightCramps PostgreSQL", pg_url))
            points: list[Endpoint] = []
            payloads = work / "payloads.json"
            for label, url in databases:
                last = prepare(url)
                points = endpoints(last)
                with served(url, work) as server:
                    if not payloads.exists():
                        payloads.write_text(json.dumps(capture(server.url, points)))
                    _measure_all(label, server.port, server.process.pid, points, results)
            for kind, label in (("fastapi", "bare FastAPI"), ("starlette", "bare Starlette")):
                with bare(kind, payloads, work / f"{kind}.log") as (port, pid):
                    _measure_all(label, port, pid, points, results)
    print(f"{SECONDS:.0f} s per run after {WARM_UP_S:.0f} s of warm-up; {_load()} at the end.\n")
    for (name, clients), runs in results.items():
        print(f"### {name}, {clients} clients\n")
        print(
            "| Server | req/s | p50 ms | p99 ms | ≥500 (not 503) | 503 | no answer | CPU ms/req |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        for name_, run in runs.items():
            print(_row(name_, run))
        fastapi = runs.get("bare FastAPI")
        if fastapi and fastapi.count:
            ratios = ", ".join(
                f"{label} {run.count / fastapi.count:.2f}"
                for label, run in runs.items()
                if label.startswith("NightCramps")
            )
            print(f"\nreq/s ÷ bare FastAPI: {ratios}\n")


def _measure_all(
    label: str,
    port: int,
    pid: int,
    points: list[Endpoint],
    results: dict[tuple[str, int], dict[str, Run]],
) -> None:
    for clients in CLIENTS:
        for endpoint in points:
            run = measure(port, pid, endpoint, clients)
            results.setdefault((endpoint.name, clients), {})[label] = run
            print(f"<!-- {label}, {endpoint.name}, {clients}: {_row(label, run)} {_load()} -->")


@contextmanager
def contextmanager_or_none(postgres: str | None) -> Iterator[str | None]:
    """A fresh PostgreSQL database when one is configured, else None."""
    if not postgres:
        yield None
        return
    with fresh_postgres(postgres, "bench_server_load") as url:
        yield url


if __name__ == "__main__":
    main()
