"""Time to first byte of the diary pages with a year of nights, and the weight of a page.

The app runs under uvicorn on loopback (as `make run` serves it) against a SQLite database holding
365 demo nights. For comparison, the same requests against an empty diary, and the bare SQL query
that reads the year (the floor any implementation pays).
"""

from __future__ import annotations

import gzip
import http.client
import json
import sqlite3
import statistics
import tempfile
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import uvicorn

from nightcramps.accounts import service as accounts_service
from nightcramps.config import Settings
from nightcramps.diary.demo import fill_demo_nights
from nightcramps.diary.service import last_night
from nightcramps.storage.engine import make_engine
from nightcramps.storage.migrate import upgrade
from nightcramps.storage.session import make_sessionmaker, session_scope
from nightcramps.web.app import create_app

REPEATS = 60


def _prepare(path: Path, nights: int) -> Settings:
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    upgrade(engine)
    with session_scope(make_sessionmaker(engine)) as session:
        person = accounts_service.get_local_person(session=session, timezone="Europe/London")
        owner = accounts_service.owner_of(person, cutover_hour=12)
        if nights:
            fill_demo_nights(
                session=session, owner=owner, last=last_night(owner=owner), nights=nights
            )
    engine.dispose()
    return Settings(database_url=url, default_timezone="Europe/London")


def _serve(settings: Settings, port: int) -> uvicorn.Server:
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="error")
    server = uvicorn.Server(config)
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.01)
    return server


def _ttfb(port: int, path: str) -> tuple[float, bytes]:
    """Seconds until the status line and headers arrive, and the body."""
    conn = http.client.HTTPConnection("127.0.0.1", port)
    start = time.perf_counter()
    conn.request("GET", path)
    response = conn.getresponse()
    first = time.perf_counter() - start
    body = response.read()
    conn.close()
    return first, body


def _summary(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    return f"median {statistics.median(ordered) * 1000:6.1f} ms, p95 {p95 * 1000:6.1f} ms"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        full = _prepare(Path(tmp) / "year.sqlite3", 365)
        empty = _prepare(Path(tmp) / "empty.sqlite3", 0)
        tz = ZoneInfo("Europe/London")

        today = datetime.now(tz).date()
        year_ago = today - timedelta(days=365)
        paths = {
            "check-in /": "/",
            "diary month /diary": "/diary",
            "API, one year /api/v1/nights": f"/api/v1/nights?from={year_ago}&to={today}",
        }
        for label, settings, port in (("365 nights", full, 8761), ("empty diary", empty, 8762)):
            server = _serve(settings, port)
            print(f"{label}:")
            _, body = _ttfb(port, f"/api/v1/nights?from={year_ago}&to={today}")
            newest = json.loads(body)["data"][:1]
            night_paths = {
                f"night /diary/{n['night_of']}": f"/diary/{n['night_of']}" for n in newest
            }
            for name, path in {**paths, **night_paths}.items():
                _ttfb(port, path)  # warm up
                samples = [_ttfb(port, path)[0] for _ in range(REPEATS)]
                print(f"  {name:<34} TTFB {_summary(samples)}")
            server.should_exit = True
            time.sleep(0.3)

        db = Path(tmp) / "year.sqlite3"
        samples = []
        for _ in range(REPEATS):
            start = time.perf_counter()
            with sqlite3.connect(db) as conn:
                conn.execute(
                    "select n.*, c.* from night n left join cramp c on c.night_id = n.id "
                    "where n.night_of >= ? order by n.night_of desc",
                    (str(year_ago),),
                ).fetchall()
            samples.append(time.perf_counter() - start)
        print(f"bare SQL for the year (floor):       {_summary(samples)}")

        server = _serve(full, 8763)
        static = Path(__file__).resolve().parents[1] / "src/nightcramps/web/static"
        _, html = _ttfb(8763, "/diary")
        server.should_exit = True
        css = (static / "app.css").read_bytes()
        js = (static / "vendor/htmx-2.0.11.min.js").read_bytes()
        total = len(html) + len(css) + len(js)
        total_gz = sum(len(gzip.compress(b)) for b in (html, css, js))
        print(
            f"page weight of /diary (HTML {len(html) / 1024:.1f} KiB"
            f" + CSS {len(css) / 1024:.1f} KiB + htmx {len(js) / 1024:.1f} KiB): "
            f"{total / 1024:.1f} KiB, "
            f"{total_gz / 1024:.1f} KiB gzipped; no images, no web fonts, 3 requests"
        )


if __name__ == "__main__":
    main()
