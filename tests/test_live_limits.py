"""A real server under what an anonymous client can send: huge bodies are refused unread and
its memory stays bounded; several workers start on a fresh database without racing."""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from nightcramps.config import sqlite_url
from nightcramps.web.guard import MAX_BODY_BYTES, MAX_UPLOAD_BYTES
from tests.served import Served, chunked, fresh_postgres, offer, plain_chunks, post_head, served

BODY_MB = 64
"""How much each attack offers to send (the server must read at most its limit of it)."""
MEMORY_BOUND_KB = 40 * 1024
"""The documented bound (docs/security.md): what any anonymous body may add to the server's
peak memory."""
SOCKET_BUFFERS = 8 * 1024 * 1024
"""What loopback's send and receive buffers can hold between the client and the server."""


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Served]:
    with served(sqlite_url(tmp_path / "live.sqlite3"), tmp_path) as running:
        yield running


def test_huge_bodies_are_refused_and_memory_stays_bounded(server: Served) -> None:
    """Declared, chunked, multipart and cross-site text bodies of 64 MB each: every one is
    refused (413, or 403 before reading), the server reads at most its limit of each, its peak
    memory grows by less than the documented bound, and it still answers."""
    with urllib.request.urlopen(f"{server.url}/", timeout=30) as first:
        assert first.status == 200  # everything a visit loads is loaded
    before = server.peak_rss_kb()
    size = BODY_MB * 1024 * 1024
    port = server.port
    cases = {
        "declared JSON": (
            post_head(
                port,
                "/api/v1/nights",
                {"Content-Type": "application/json", "Content-Length": str(size)},
            ),
            plain_chunks(BODY_MB),
            413,
        ),
        "chunked JSON": (
            post_head(
                port,
                "/api/v1/nights",
                {"Content-Type": "application/json", "Transfer-Encoding": "chunked"},
            ),
            chunked(BODY_MB),
            413,
        ),
        "cross-site text": (
            post_head(
                port,
                "/api/v1/nights",
                {
                    "Content-Type": "text/plain",
                    "Origin": "http://evil.example",
                    "Content-Length": str(size),
                },
            ),
            plain_chunks(BODY_MB),
            403,
        ),
        "multipart upload": (
            post_head(
                port,
                "/data/daily",
                {"Content-Type": "multipart/form-data; boundary=x", "Transfer-Encoding": "chunked"},
            ),
            chunked(BODY_MB),
            413,
        ),
    }
    for name, (head, chunks, status) in cases.items():
        answered, sent = offer(port, head, chunks)
        assert answered == status, name
        # What went out is what the server read plus what the sockets' buffers held.
        read_at_most = MAX_UPLOAD_BYTES if name == "multipart upload" else MAX_BODY_BYTES
        assert sent < read_at_most + SOCKET_BUFFERS, f"{name}: {sent} bytes were taken"
    grown = server.peak_rss_kb() - before
    assert grown < MEMORY_BOUND_KB, f"peak memory grew by {grown} kB"
    with urllib.request.urlopen(f"{server.url}/healthz", timeout=5) as health:
        assert health.status == 200


def test_several_workers_start_on_a_fresh_database(tmp_path: Path, database_url: str) -> None:
    """`serve --workers 2` on a database never migrated: the schema is made once, both workers
    come up and stay up, and nothing in the log is a traceback."""
    env = {"NIGHTCRAMPS_ACCOUNTS": "1", "NIGHTCRAMPS_SECRET_KEY": "k" * 40}
    with ExitStack() as stack:
        if database_url.startswith("sqlite"):
            url = sqlite_url(tmp_path / "fresh.sqlite3")
        else:
            url = stack.enter_context(fresh_postgres(database_url, "fresh_workers"))
        running = stack.enter_context(served(url, tmp_path, "--workers", "2", env=env))
        for _ in range(20):
            with urllib.request.urlopen(f"{running.url}/healthz", timeout=5) as health:
                assert health.status == 200
        assert len(running.children()) >= 2
    log = running.log.read_text()
    assert "Traceback" not in log and "UniqueViolation" not in log, log
