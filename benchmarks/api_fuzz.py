"""schemathesis over the whole JSON API for ten minutes per database (docs/security.md).

The same generated requests as ``tests/test_api_fuzz.py`` (which sends 40 per operation in
``make test``), in rounds with new seeds until the time is up, against a diary filled with every
kind of row: server errors and schema mismatches must be 0. On SQLite, and on PostgreSQL when
``NIGHTCRAMPS_TEST_DATABASE_URL`` is set. ``NIGHTCRAMPS_FUZZ_SECONDS`` shortens the run.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path

from tests.fuzzing import fuzz
from tests.served import fresh_postgres
from tests.sweeps.people import local_person, seed_person

from nightcramps import timing
from nightcramps.config import Settings, sqlite_url
from nightcramps.storage.engine import make_engine
from nightcramps.storage.migrate import upgrade
from nightcramps.web.app import create_app

SECONDS = float(os.environ.get("NIGHTCRAMPS_FUZZ_SECONDS", "600"))
START = datetime(2026, 11, 24, 9, tzinfo=UTC)
"""The app's clock starts where the test suite's does: the seeded diary is of November 2026."""


def run(database_url: str, label: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    engine.dispose()
    settings = Settings(
        database_url=database_url,
        default_timezone="Europe/London",
        allowed_hosts=["testserver", "127.0.0.1"],
    )
    app = create_app(settings, migrate=False, clock=timing.ticking_clock(START))
    with ExitStack() as stack:
        seeded = seed_person(local_person(app, stack, app.openapi()), "FUZZ")
        ids = sorted({row for rows in seeded.ids.values() for row in rows})
        report = fuzz(app, examples=50, seconds=SECONDS, ids=ids)
    app.state.engine.dispose()
    codes = ", ".join(f"{code}: {n}" for code, n in sorted(report.statuses.items()))
    print(
        f"| {label} | {SECONDS:.0f} s | {len(report.operations)} | {report.rounds} | "
        f"{report.requests} | {len(report.failures)} | {codes} |"
    )
    for failure in report.failures[:10]:
        print(f"|  | failure | {failure} |")


def main() -> None:
    print("| Database | Time | Operations | Full rounds | Requests | Failures | Answers |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        run(sqlite_url(Path(folder) / "fuzz.sqlite3"), "SQLite")
    postgres = os.environ.get("NIGHTCRAMPS_TEST_DATABASE_URL")
    if postgres:
        with fresh_postgres(postgres, "bench_fuzz") as url:
            run(url, "PostgreSQL")
    print()


if __name__ == "__main__":
    main()
