"""Insights for one person with five years of nights: the whole service call and its parts.

A simulated person (``nightcramps.insights.simulate``) with 1,826 nights is imported through the
daily CSV into a SQLite file; then ``insights_service.insights`` (read the combined daily values,
trigger analysis of 13 factors, tonight's forecast with its rolling-origin calibration) is timed,
and its parts separately. Target: well under one second for the whole call.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy.orm import Session

from nightcramps.accounts import service as accounts_service
from nightcramps.dailyvalues import service as dailyvalues_service
from nightcramps.insights import service as insights_service
from nightcramps.insights.analysis import analyse
from nightcramps.insights.series import build_series
from nightcramps.insights.simulate import PersonSpec, simulate_person, to_daily_csv
from nightcramps.insights.tonight import forecast
from nightcramps.storage.engine import make_engine
from nightcramps.storage.migrate import upgrade

NIGHTS = 5 * 365 + 1
REPEATS = 7
NOW = datetime(2026, 11, 21, 20, 0, tzinfo=UTC)


def _time(run: Callable[[], Any]) -> float:
    samples = []
    for _ in range(REPEATS):
        began = time.perf_counter()
        run()
        samples.append(time.perf_counter() - began)
    return statistics.median(samples) * 1000


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'bench.sqlite3'}")
        upgrade(engine)
        person = simulate_person(
            np.random.default_rng(1), PersonSpec(nights=NIGHTS), last=date(2026, 11, 20)
        )
        with Session(engine) as session:
            local = accounts_service.get_local_person(session=session, timezone="Europe/London")
            owner = accounts_service.owner_of(local, cutover_hour=12)
            began = time.perf_counter()
            dailyvalues_service.import_daily_csv(
                session=session, owner=owner, text=to_daily_csv(person), now=NOW
            )
            session.commit()
            imported_ms = (time.perf_counter() - began) * 1000
            end = insights_service.tonight_of(owner=owner, now=NOW)
            start = end - timedelta(days=insights_service.ANALYSIS_SPAN_DAYS - 1)

            def read() -> Any:
                return dailyvalues_service.daily_frame(
                    session=session, owner=owner, start=start, end=end
                )

            frame = read()
            plain = {day: values.plain() for day, values in frame.items()}
            series = build_series(plain, start=min(plain), end=end)
            rows = [
                ("import the daily CSV (once)", imported_ms),
                ("read combined daily values", _time(read)),
                ("trigger analysis (13 factors)", _time(lambda: analyse(series))),
                ("tonight's forecast", _time(lambda: forecast(series, evaluate=False))),
                ("rolling-origin calibration", _time(lambda: forecast(series))),
                (
                    "whole insights call (service)",
                    _time(
                        lambda: insights_service.to_public(
                            insights_service.insights(session=session, owner=owner, now=NOW)
                        )
                    ),
                ),
            ]
        engine.dispose()
    print(f"One person, {NIGHTS} nights ({person.logged_nights} logged), median of {REPEATS}:\n")
    print("| step | ms |")
    print("|---|---:|")
    for name, ms in rows:
        print(f"| {name} | {ms:.0f} |")


if __name__ == "__main__":
    main()
