"""`nightcramps serve` run as people run it: its own process, a real port, a database of its own."""

from __future__ import annotations

import os
import select
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

CHUNK = b" " * 65536


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass(frozen=True)
class Served:
    """A running server: where it listens, its process and where its output goes."""

    port: int
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def peak_rss_kb(self) -> int:
        """The process's peak resident memory so far (VmHWM), in kB."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
        raise AssertionError("no VmHWM in /proc")

    def children(self) -> list[int]:
        """The pids of the server's worker processes."""
        found = subprocess.run(
            ["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True, check=False
        )
        return [int(pid) for pid in found.stdout.split()]


@contextmanager
def served(
    database_url: str, tmp_path: Path, *args: str, env: Mapping[str, str] | None = None
) -> Iterator[Served]:
    """Start ``nightcramps serve`` on a free port and stop it (and its workers) afterwards."""
    port = free_port()
    log = tmp_path / f"serve-{port}.log"
    environment = {
        **os.environ,
        "NIGHTCRAMPS_DATABASE_URL": database_url,
        "NIGHTCRAMPS_DEFAULT_TIMEZONE": "Europe/London",
        **(env or {}),
    }
    command = [sys.executable, "-m", "nightcramps", "serve", "--port", str(port), *args]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, env=environment, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    server = Served(port, process, log)
    try:
        _wait_until_answering(server)
        yield server
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _wait_until_answering(server: Served, timeout_s: float = 90) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise AssertionError(f"serve stopped: {server.log.read_text()}")
        try:
            with urllib.request.urlopen(f"{server.url}/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"serve did not answer in {timeout_s} s: {server.log.read_text()}")


def offer(port: int, head: bytes, chunks: Iterable[bytes]) -> tuple[int, int]:
    """Send ``head``, then ``chunks`` for as long as the server reads them; the answer's
    status and how many body bytes went out before it came."""
    sent = 0
    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        conn.sendall(head)
        for chunk in chunks:
            if select.select([conn], [], [], 0)[0]:
                break  # the server has answered: stop offering
            try:
                conn.sendall(chunk)
            except (BrokenPipeError, ConnectionResetError):
                break
            sent += len(chunk)
        conn.settimeout(10)
        status_line = conn.recv(4096).split(b"\r\n", 1)[0]
    return int(status_line.split()[1]), sent


def plain_chunks(total_mb: int) -> Iterator[bytes]:
    for _ in range(total_mb * 16):
        yield CHUNK


def chunked(total_mb: int) -> Iterator[bytes]:
    framed = b"%x\r\n" % len(CHUNK) + CHUNK + b"\r\n"
    for _ in range(total_mb * 16):
        yield framed
    yield b"0\r\n\r\n"


def post_head(port: int, path: str, headers: dict[str, str]) -> bytes:
    lines = [
        f"POST {path} HTTP/1.1",
        f"Host: 127.0.0.1:{port}",
        *(f"{k}: {v}" for k, v in headers.items()),
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


@contextmanager
def fresh_postgres(database_url: str, suffix: str) -> Iterator[str]:
    """A new, empty PostgreSQL database beside ``database_url``'s (its user may create them),
    named ``<database>_<suffix>``; its URL, and it is dropped afterwards."""
    from sqlalchemy import create_engine, make_url, text

    url = make_url(database_url)
    name = f"{url.database}_{suffix}"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    drop = text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    try:
        with admin.connect() as conn:
            conn.execute(drop)
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        yield url.set(database=name).render_as_string(hide_password=False)
        with admin.connect() as conn:
            conn.execute(drop)
    finally:
        admin.dispose()
