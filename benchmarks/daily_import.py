"""The daily-CSV import at its limits: time and peak memory, and whether the server keeps answering.

Everything goes through the front doors, in fresh processes on a SQLite file:

- the CLI (``nightcramps import daily-csv``) imports the largest valid file (3,600 nights, every
  one of the 13 columns known: 46,800 values, about 208 kB), then imports it again (nothing
  changes), then is given a file of every night since 1900 (refused: more than ten years) and a
  200 MB file (refused: too large); each run's time and peak RSS (``wait4``) are printed;
- a server (``nightcramps serve``) imports the same large file over ``POST
  /api/v1/import/daily-csv`` while a second client polls ``GET /healthz`` every 20 ms; the import's
  time, the worst and median ``/healthz`` latency during it, and the server's RSS before and at
  its peak (``VmHWM``) are printed; then the same for the since-1900 file and a 200 MB body.

The machine's clock dates the files (the last night is two days ago), as the server runs on it.
Run with ``python -m benchmarks daily_import``.
"""

from __future__ import annotations

import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from nightcramps.dailyvalues.columns import CSV_HEADER

NIGHTS = 3600
"""The audit's "largest valid file": ten years of nights, every column known."""
BIG_BYTES = 200_000_000
POLL_S = 0.02


def _row(day: date, k: int) -> str:
    cramps = k % 4
    worst = 3 + k % 7 if cramps else 0
    cells = [day.isoformat(), cramps, worst, 1200 + k % 900, 250 + k % 150, 2500 + k % 900]
    cells += [700 + k % 400, 2200 + k % 1500, 4000 + k * 37 % 9000, k % 90, k % 2, k % 4]
    cells += [k % 300, 5 + (k % 40) / 10]
    return ",".join(str(c) for c in cells)


def write_file(path: Path, *, nights: int, last: date) -> int:
    """A valid daily CSV of ``nights`` nights ending on ``last``, every cell known; its size."""
    lines = [",".join(CSV_HEADER)]
    lines += [_row(last - timedelta(days=nights - 1 - k), k) for k in range(nights)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path.stat().st_size


def write_huge_file(path: Path, size: int) -> None:
    """A file of ``size`` bytes that starts like a daily CSV (refused for its size)."""
    block = (("2020-01-01," + "1," * 12 + "1\n") * 4000).encode()
    with path.open("wb") as out:
        out.write((",".join(CSV_HEADER) + "\n").encode())
        written = 0
        while written < size:
            out.write(block)
            written += len(block)


def _env(folder: Path) -> dict[str, str]:
    return {
        **os.environ,
        "NIGHTCRAMPS_DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}",
        "NIGHTCRAMPS_DEMO_DATABASE_URL": f"sqlite:///{folder / 'demo.sqlite3'}",
        "NIGHTCRAMPS_DEFAULT_TIMEZONE": "UTC",
    }


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float
    code: int
    said: str


def _cli(env: dict[str, str], *args: str) -> Run:
    """Run ``nightcramps ARGS`` in a fresh process: its time, peak RSS, exit code, stderr."""
    with tempfile.TemporaryFile() as err:
        began = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "nightcramps", *args],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - began
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        said = err.read().decode(errors="replace").strip().splitlines()
    return Run(seconds, usage.ru_maxrss / 1024, process.returncode, said[0][:110] if said else "")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _status_kb(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


class Server:
    """``nightcramps serve`` in its own process on a free loopback port."""

    def __init__(self, env: dict[str, str]) -> None:
        self.port = _free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "nightcramps", "serve", "--port", str(self.port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def __enter__(self) -> Server:
        deadline = time.monotonic() + 60
        while True:
            try:
                self.get("/healthz")
                break
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError("the server did not start") from None
                time.sleep(0.1)
        time.sleep(5)  # let the warm-up thread (food rankings) finish before measuring
        return self

    def __exit__(self, *exc: object) -> None:
        self.process.terminate()  # our own child, by its pid
        self.process.wait(timeout=20)

    def connection(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)

    def get(self, path: str) -> int:
        connection = self.connection()
        connection.request("GET", path)
        status = connection.getresponse().status
        connection.close()
        return status

    def rss_mb(self) -> float:
        return _status_kb(self.process.pid, "VmRSS") / 1024

    def peak_mb(self) -> float:
        return _status_kb(self.process.pid, "VmHWM") / 1024


def _chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as source:
        while chunk := source.read(1 << 20):
            yield chunk


def _post(server: Server, path: Path, result: dict[str, object]) -> None:
    connection = server.connection()
    began = time.perf_counter()
    try:
        headers = {"Content-Type": "text/csv", "Content-Length": str(path.stat().st_size)}
        connection.request("POST", "/api/v1/import/daily-csv", body=_chunks(path), headers=headers)
        answer = connection.getresponse()
        answer.read()
        result["status"] = answer.status
    except OSError as exc:  # the server may close the connection on a refused huge body
        result["status"] = f"connection closed ({type(exc).__name__})"
    result["seconds"] = time.perf_counter() - began
    connection.close()


def _import_over_http(server: Server, path: Path) -> str:
    """POST the file while polling /healthz; a line with the figures."""
    before = server.rss_mb()
    result: dict[str, object] = {}
    poster = threading.Thread(target=_post, args=(server, path, result))
    latencies = []
    poll = server.connection()
    poster.start()
    while poster.is_alive():
        began = time.perf_counter()
        poll.request("GET", "/healthz")
        poll.getresponse().read()
        latencies.append(time.perf_counter() - began)
        time.sleep(POLL_S)
    poster.join()
    poll.close()
    seconds = float(result["seconds"])  # type: ignore[arg-type]
    return (
        f"{result['status']} in {seconds:.2f} s; /healthz worst {max(latencies) * 1000:.0f} ms, "
        f"median {statistics.median(latencies) * 1000:.1f} ms ({len(latencies)} polls); "
        f"server RSS {before:.0f} MB before, peak {server.peak_mb():.0f} MB"
    )


def _idle_worst(server: Server) -> float:
    poll = server.connection()
    latencies = []
    for _ in range(50):
        began = time.perf_counter()
        poll.request("GET", "/healthz")
        poll.getresponse().read()
        latencies.append(time.perf_counter() - began)
        time.sleep(POLL_S)
    poll.close()
    return max(latencies) * 1000


def main() -> None:
    last = datetime.now(UTC).date() - timedelta(days=2)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        large, since_1900, huge = folder / "large.csv", folder / "1900.csv", folder / "huge.csv"
        size = write_file(large, nights=NIGHTS, last=last)
        nights_1900 = (last - date(1900, 1, 1)).days + 1
        size_1900 = write_file(since_1900, nights=nights_1900, last=last)
        write_huge_file(huge, BIG_BYTES)
        print(f"Large file: {NIGHTS:,} nights, {NIGHTS * 13:,} values, {size / 1000:.0f} kB")
        print(f"Since 1900: {nights_1900:,} nights, {size_1900 / 1e6:.1f} MB; huge: 200 MB\n")

        env = _env(folder)
        print("CLI (a fresh process each; time, peak RSS):\n")
        print(f"- start-up only (`night list`): {_line(_cli(env, 'night', 'list'))}")
        for label, path in (("large file", large), ("same file again", large)):
            print(f"- {label}: {_line(_cli(env, 'import', 'daily-csv', str(path)))}")
        for label, path in (("since 1900", since_1900), ("200 MB", huge)):
            print(f"- {label}: {_line(_cli(env, 'import', 'daily-csv', str(path)))}")

        print("\nAPI (POST /api/v1/import/daily-csv while polling /healthz every 20 ms):\n")
        for label, path in (("large file", large), ("since 1900", since_1900), ("200 MB", huge)):
            server_folder = folder / label.replace(" ", "-")
            server_folder.mkdir()
            with Server(_env(server_folder)) as server:
                idle = _idle_worst(server)
                print(f"- {label}: {_import_over_http(server, path)} (idle worst {idle:.0f} ms)")


def _line(run: Run) -> str:
    said = f", said: {run.said}" if run.said else ""
    return f"{run.seconds:.2f} s, {run.peak_mb:.0f} MB, exit {run.code}{said}"


if __name__ == "__main__":
    main()
