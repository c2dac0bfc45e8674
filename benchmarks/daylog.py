"""Day log: ``daily_factors`` over one and five years of a busy log, and the medicine matcher.

A person logs, every day, steps, a workout, two coffees, a drink, a bedtime stretch and a sleep
(about 6 rows a day) into a SQLite file. ``daily_factors`` (which also computes each day's
28-day exertion baseline) is timed over the last year and the last five years; the matcher is
timed on names that hit exactly, hit with a typo, and miss. Target: a year of factors well under
the 100 ms a page can spend on it.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from nightcramps.accounts import service as accounts_service
from nightcramps.daylog import medicines
from nightcramps.daylog import service as daylog_service
from nightcramps.daylog.models import (
    Activity,
    AlcoholIntake,
    CaffeineIntake,
    DayRecord,
    SleepPeriod,
    StretchSession,
)
from nightcramps.storage.engine import make_engine
from nightcramps.storage.migrate import upgrade

DAYS = 5 * 365
LAST = date(2026, 11, 23)
REPEATS = 7


def _time(run: Callable[[], Any], repeats: int = REPEATS) -> float:
    samples = []
    for _ in range(repeats):
        began = time.perf_counter()
        run()
        samples.append(time.perf_counter() - began)
    return statistics.median(samples) * 1000


def _fill(session: Session, person_id: int) -> int:
    rows: list[Any] = []
    for k in range(DAYS):
        day = LAST - timedelta(days=k)
        noon = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
        rows += [
            DayRecord(person_id=person_id, day=day, steps=6000 + (k * 37) % 5000,
                      no_stretching=False, no_exercise=False, no_alcohol=False,
                      no_caffeine=False, notes=""),
            Activity(person_id=person_id, day=day, activity_type="walking",
                     duration_min=30 + k % 40, intensity_0_10=3 + k % 5, notes=""),
            CaffeineIntake(person_id=person_id, day=day, caffeine_mg=95, source="coffee"),
            CaffeineIntake(person_id=person_id, day=day, caffeine_mg=40, source="tea"),
            AlcoholIntake(person_id=person_id, day=day, drinks=1, kind="wine"),
            StretchSession(person_id=person_id, day=day, routine="bedtime", duration_min=3),
            SleepPeriod(person_id=person_id, day=day, bed_at=noon - timedelta(hours=13),
                        wake_at=noon - timedelta(hours=5)),
        ]  # fmt: skip
    session.add_all(rows)
    session.commit()
    return len(rows)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'bench.sqlite3'}")
        upgrade(engine)
        with Session(engine) as session:
            person = accounts_service.get_local_person(session=session, timezone="Europe/London")
            owner = accounts_service.owner_of(person, cutover_hour=12)
            count = _fill(session, person.id)
            print(f"{count:,} rows over {DAYS:,} days\n")
            for label, days in (("1 year", 365), ("5 years", DAYS - 28)):
                start = LAST - timedelta(days=days - 1)

                def factors(first: date = start) -> Any:
                    return daylog_service.daily_factors(
                        session=session, owner=owner, start=first, end=LAST
                    )

                ms = _time(factors)
                print(f"- daily_factors, {label}: {ms:.0f} ms (median of {REPEATS})")
            ms = _time(lambda: daylog_service.day_log(session=session, owner=owner, day=LAST))
            print(f"- day_log (the Today page's data), one day: {ms:.1f} ms")
        engine.dispose()
    names = ["Lasix 40mg", "Symbicourt 200/6 2 puffs", "vitamin D3 1000 IU", "atorvastatine"]
    medicines.match_classes("warm up the index")
    per_name = _time(lambda: [medicines.match_classes(n) for n in names], repeats=51) / len(names)
    print(f"- medicine matcher: {per_name * 1000:.0f} µs per name (exact, typo, miss)")


if __name__ == "__main__":
    main()
