"""``kill -9`` in the middle of an import leaves the database exactly as it was.

The CLI reads and stores an import in one transaction, so a process killed while reading the
file, or while writing its values, leaves nothing of it: not the record, not a value. The test
runs the real CLI on the test database (SQLite or PostgreSQL), kills it with SIGKILL at several
moments, and compares what is stored with what was there before.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, text

from nightcramps.config import Settings
from nightcramps.dailyvalues.models import DailyValue, ImportRecord

HEADER = "Day,Time,Group,Food Name,Amount,Energy (kcal),Magnesium (mg),Potassium (mg),Category"


def _servings(path: Path, rows: int, first: date) -> Path:
    lines = [HEADER]
    for i in range(rows):
        day = first + timedelta(days=i // 100)
        meal = f"{day},8:{i % 60:02d} AM,Breakfast,Food {i % 97},1.00 cup"
        lines.append(f"{meal},150,{i % 80},{i % 300},Cereals")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run(settings: Settings, path: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "NIGHTCRAMPS_DATABASE_URL": settings.database_url,
        "NIGHTCRAMPS_DEFAULT_TIMEZONE": "Europe/London",
    }
    command = [sys.executable, "-m", "nightcramps", "import", str(path), "--yes", "--json"]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _state(engine: Engine) -> tuple[int, int, float]:
    with engine.connect() as connection:
        records = connection.scalar(select(func.count()).select_from(ImportRecord)) or 0
        values = connection.scalar(select(func.count()).select_from(DailyValue)) or 0
        total = connection.scalar(select(func.coalesce(func.sum(DailyValue.value), 0))) or 0
    return records, values, float(total)


@pytest.mark.slow
def test_kill_9_during_an_import_leaves_the_database_as_before(
    settings: Settings, engine: Engine, tmp_path: Path
) -> None:
    before = _run(settings, _servings(tmp_path / "old.csv", 300, date(2016, 1, 1)))
    assert before.wait(timeout=120) == 0
    stored = _state(engine)
    assert stored[0] == 1 and stored[1] > 0
    big = _servings(tmp_path / "servings.csv", 700_000, date(2017, 1, 1))
    left: list[tuple[float, tuple[int, int, float]]] = []
    # Kill moments from early to late until three land inside the import: how long the CLI takes
    # to start and to import depends on the machine, so no fixed delay is sure to hit it.
    for delay_s in (0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0):
        if sum(state == stored for _, state in left) >= 3:
            break
        process = _run(settings, big)
        time.sleep(delay_s)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        process.wait(timeout=120)
        if process.returncode == -signal.SIGKILL:
            left.append((delay_s, _state(engine)))
    finished = _run(settings, big)  # to the end: what the whole import stores
    assert finished.wait(timeout=120) == 0
    complete = _state(engine)
    assert complete[0] == 2 and complete[1] > stored[1]
    # All or nothing: a kill leaves the database as before, or (killed after the commit, while
    # the process was still exiting) with the whole import, never part of it.
    assert all(state in (stored, complete) for _, state in left), (stored, complete, left)
    mid_import = sum(state == stored for _, state in left)
    assert mid_import >= 2, "the import finished before it could be killed: make the file larger"
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
