"""Does hashing passwords freeze the server? The worst ``/healthz`` latency while sign-ups run.

``nightcramps serve`` runs in its own process, in accounts mode, on a fresh SQLite file. Twelve
clients each sign up once, all at the same moment (argon2id, about 0.4 s of CPU each), while one
more client asks ``/healthz`` every 20 ms. On an event loop that hashes, every ``/healthz`` waits
for the hashes queued before it; with the hashing in worker threads it answers at once. For
comparison, the same ``/healthz`` polling on the idle server. The sign-up limit is raised for the
run (``NIGHTCRAMPS_SIGNUPS_PER_HOUR``), since all twelve come from one address.
"""

from __future__ import annotations

import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

SIGNUPS = 12
ROUNDS = 3
POLL_S = 0.02
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _start(db: Path, port: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "NIGHTCRAMPS_ACCOUNTS": "1",
        "NIGHTCRAMPS_SECRET_KEY": "b" * 40,
        "NIGHTCRAMPS_SECURE_COOKIES": "false",
        "NIGHTCRAMPS_SIGNUPS_PER_HOUR": "1000",
        "NIGHTCRAMPS_DATABASE_URL": f"sqlite:///{db}",
    }
    command = [sys.executable, "-m", "nightcramps", "serve", "--port", str(port)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            _get(port, "/healthz")
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("the server did not start within 60 s")


def _get(port: int, path: str, cookie: str = "") -> tuple[int, str, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    response = conn.getresponse()
    body = response.read().decode()
    conn.close()
    return response.status, response.getheader("set-cookie") or "", body


def _sign_up(port: int, n: int, start: threading.Event, statuses: list[int]) -> None:
    _, set_cookie, page = _get(port, "/signup")
    cookie = set_cookie.split(";", 1)[0]
    match = CSRF.search(page)
    assert match, page[:300]
    form = {
        "email": f"bench{n}@example.org",
        "password": f"sturdy benchmark phrase {n}",
        "timezone": "Europe/London",
        "csrf_token": match.group(1),
    }
    start.wait()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
    conn.request("POST", "/signup", body=urlencode(form), headers=headers)
    statuses.append(conn.getresponse().status)
    conn.close()


def _poll(port: int, stop: threading.Event, samples: list[float]) -> None:
    while not stop.is_set():
        began = time.perf_counter()
        _get(port, "/healthz")
        samples.append(time.perf_counter() - began)
        time.sleep(POLL_S)


def _polled(port: int, seconds: float | None, work: list[threading.Thread]) -> list[float]:
    samples: list[float] = []
    stop = threading.Event()
    poller = threading.Thread(target=_poll, args=(port, stop, samples))
    poller.start()
    for thread in work:
        thread.start()
    for thread in work:
        thread.join()
    if seconds:
        time.sleep(seconds)
    time.sleep(0.1)
    stop.set()
    poller.join()
    return samples


def _line(label: str, samples: list[float]) -> str:
    return (
        f"  {label:<34} {len(samples):4d} requests, median "
        f"{statistics.median(samples) * 1000:6.1f} ms, worst {max(samples) * 1000:7.1f} ms"
    )


def _burst(port: int, round_: int) -> tuple[list[float], list[int], float]:
    """One round: twelve clients fetch their forms, then all post at once while polled."""
    start = threading.Event()
    statuses: list[int] = []
    clients = [
        threading.Thread(target=_sign_up, args=(port, round_ * 100 + n, start, statuses))
        for n in range(SIGNUPS)
    ]
    for thread in clients:
        thread.start()
    time.sleep(1.0)
    began = time.perf_counter()
    samples = _polled(port, None, [threading.Thread(target=_release(start, clients))])
    return samples, statuses, time.perf_counter() - began


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        port = _free_port()
        server = _start(Path(tmp) / "bench.sqlite3", port)
        try:
            time.sleep(3.0)  # let `serve` finish warming its food tables
            idle = _polled(port, 2.0, [])
            rounds = [_burst(port, r) for r in range(ROUNDS)]
        finally:
            server.terminate()
            server.wait(timeout=10)
        print(_line("/healthz, idle server", idle))
        for r, (samples, statuses, took) in enumerate(rounds, 1):
            print(_line(f"/healthz, {SIGNUPS} sign-ups, round {r}", samples))
            done = sum(s == 303 for s in statuses)
            print(f"    sign-ups created: {done} of {SIGNUPS}, all done in {took:.2f} s")
        worst = max(max(samples) for samples, _, _ in rounds)
        print(f"  worst /healthz over {ROUNDS} rounds: {worst * 1000:.0f} ms")


def _release(start: threading.Event, clients: list[threading.Thread]) -> Callable[[], None]:
    """Let every client post, then wait for them all."""

    def run() -> None:
        start.set()
        for thread in clients:
            thread.join()

    return run


if __name__ == "__main__":
    main()
