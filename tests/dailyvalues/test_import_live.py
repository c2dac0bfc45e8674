"""A large daily-CSV import over a real server does not hold up anybody else's requests.

The app runs under uvicorn in a thread on a free loopback port (as ``nightcramps serve`` runs it):
one client POSTs ten years of nights to the API while another polls ``GET /healthz``. The import
runs in a worker thread, so the event loop keeps answering; when it ran on the loop, every poll
waited for the whole import (seconds).
"""

from __future__ import annotations

import gc
import http.client
import socket
import threading
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

import pytest
import uvicorn

from nightcramps import timing
from nightcramps.config import Settings
from nightcramps.dailyvalues.columns import CSV_HEADER
from nightcramps.web.app import create_app

NIGHTS = 3600
"""Ten years of nights with every column known (46,800 values, about 210 kB): the largest valid
file, and an import of well over a second before the values were written in batches."""
LAST = date(2026, 11, 22)
"""Before the tests' clock (24 Nov 2026, whose night in progress is the 23rd)."""
WORST_S = 0.1
POLL_S = 0.01


def _large_csv() -> bytes:
    lines = [",".join(CSV_HEADER)]
    for k in range(NIGHTS):
        day = LAST - timedelta(days=NIGHTS - 1 - k)
        cramps = k % 4
        cells = [day.isoformat(), cramps, 3 + k % 7 if cramps else 0, 1200 + k % 900, 300, 2500]
        cells += [800, 2200, 4000 + k % 9000, k % 90, k % 2, k % 4, k % 300, 5 + (k % 40) / 10]
        lines.append(",".join(str(c) for c in cells))
    return ("\n".join(lines) + "\n").encode()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def live_port(settings: Settings, clock_start: datetime) -> Iterator[int]:
    """The app served by uvicorn in a thread on the test database; its port."""
    port = _free_port()
    app = create_app(settings, migrate=False, clock=timing.ticking_clock(clock_start))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "the live server did not start within 10 s"
        time.sleep(0.02)
    yield port
    server.should_exit = True
    thread.join(timeout=30)


@pytest.fixture
def frozen_heap() -> Iterator[None]:
    """Keep the garbage collector off what the test process already holds.

    This process also holds pytest, hypothesis and every test module: a full collection of that
    heap stops every thread for 150-400 ms, and the import's allocations set one off. A server
    process holds far less (``benchmarks/daily_import.py``: worst /healthz 29-41 ms); what is tested
    here is that the import leaves the event loop free, so the heap the server shares with pytest
    is frozen (``gc.freeze``) for the test, and unfrozen after.
    """
    gc.collect()
    gc.freeze()
    yield
    gc.unfreeze()


def _post_import(port: int, body: bytes, result: dict[str, Any]) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request(
        "POST", "/api/v1/import/daily-csv", body=body, headers={"Content-Type": "text/csv"}
    )
    answer = connection.getresponse()
    result["status"], result["body"] = answer.status, answer.read()
    connection.close()


@pytest.mark.usefixtures("frozen_heap")
def test_health_is_answered_during_a_large_import(live_port: int) -> None:
    """While ten years of nights are imported over HTTP, every /healthz answers within 100 ms."""
    result: dict[str, Any] = {}
    importer = threading.Thread(target=_post_import, args=(live_port, _large_csv(), result))
    poll = http.client.HTTPConnection("127.0.0.1", live_port, timeout=60)
    latencies = []
    poll.request("GET", "/healthz")  # the first request to a new server (its set-up) is not timed
    poll.getresponse().read()
    importer.start()
    while importer.is_alive():
        began = time.perf_counter()
        poll.request("GET", "/healthz")
        answer = poll.getresponse()
        answer.read()
        latencies.append(time.perf_counter() - began)
        assert answer.status == 200
        time.sleep(POLL_S)
    importer.join()
    poll.close()
    assert result["status"] == 200, result["body"]
    assert b'"rows":3600' in result["body"] and b'"values_added":46800' in result["body"]
    assert max(latencies) < WORST_S, f"worst /healthz {max(latencies) * 1000:.0f} ms"
    assert len(latencies) >= 5, "the import was too quick for the polls to mean anything"
