"""The day view and intake logging (issue #3, part B): how long a person waits.

In-process against a SQLite file: `log_intake` for a typed phrase, `get_day` for a day of 15
entries with and without "close the gap", `daily_factors` over a year of logged days, and the
/day page through the app (Starlette's TestClient, no network). For comparison, the bare SQL that
reads the day's entries (the floor any implementation pays).
"""

from __future__ import annotations

import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from fastapi.testclient import TestClient

from nightcramps.accounts import service as accounts_service
from nightcramps.accounts.schemas import ProfileUpdate
from nightcramps.config import Settings
from nightcramps.foods import service as foods_service
from nightcramps.nutrition import service as nutrition_service
from nightcramps.nutrition.schemas import IntakeCreate
from nightcramps.storage.engine import make_engine
from nightcramps.storage.migrate import upgrade
from nightcramps.storage.session import make_sessionmaker, session_scope
from nightcramps.web.app import create_app

PHRASES = [
    "1 cup milk",
    "2 slices whole wheat bread",
    "1 medium banana",
    "1 cup of coffee",
    "8 oz plain low fat yogurt",
    "3 ounces halibut, cooked",
    "1 cup brown rice, cooked",
    "1 cup spinach, boiled",
    "1/2 cup black beans",
    "250 ml orange juice",
    "500 ml water",
    "1 tbsp olive oil",
    "1 cup of tea",
    "2 tbsp peanut butter",
    "1 medium apple",
]
REPEATS = 40
DAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def _stats(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    return f"median {statistics.median(ordered) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms"


def _time(func: Callable[[], object], repeats: int = REPEATS) -> list[float]:
    func()  # warm-up
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        samples.append(time.perf_counter() - start)
    return samples


def main() -> None:
    foods_service.warm_up()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        url = f"sqlite:///{path}"
        engine = make_engine(url)
        upgrade(engine)
        factory = make_sessionmaker(engine)
        with session_scope(factory) as session:
            person = accounts_service.get_local_person(session=session, timezone="Europe/London")
            accounts_service.update_profile(
                session=session,
                person=person,
                profile_in=ProfileUpdate(birth_year=1960, sex="female"),
            )
            owner = accounts_service.owner_of(person, cutover_hour=12)
            log_samples = []
            for back in range(365):
                day = DAY - timedelta(days=back)
                for hour, phrase in enumerate(PHRASES if back == 0 else PHRASES[:6]):
                    at = datetime(day.year, day.month, day.day, 7 + hour % 14, 0, tzinfo=owner.tz)
                    kind = "drink" if "ml" in phrase or "coffee" in phrase else "food"
                    start = time.perf_counter()
                    nutrition_service.log_intake(
                        session=session,
                        owner=owner,
                        intake_in=IntakeCreate(phrase=phrase, at=at, kind=kind),
                        now=NOW,
                    )
                    log_samples.append(time.perf_counter() - start)
            print(f"- log_intake (typed phrase, {len(log_samples)} entries): {_stats(log_samples)}")

            def day_with_gaps() -> object:
                return nutrition_service.get_day(session=session, owner=owner, day=DAY)

            def day_without_gaps() -> object:
                return nutrition_service.get_day(
                    session=session, owner=owner, day=DAY, with_gaps=False
                )

            def year_of_factors() -> object:
                return nutrition_service.daily_factors(
                    session=session, owner=owner, start=DAY - timedelta(days=364), end=DAY
                )

            print(f"- get_day, 15 entries, with gaps: {_stats(_time(day_with_gaps))}")
            print(f"- get_day, 15 entries, no gaps: {_stats(_time(day_without_gaps))}")
            print(
                "- daily_factors, 365 days (2,199 entries): "
                f"{_stats(_time(year_of_factors, repeats=10))}"
            )
        engine.dispose()
        con = sqlite3.connect(path)

        def floor() -> object:
            return con.execute(
                "SELECT * FROM intake_entry WHERE person_id = 1 AND day = ? AND deleted_at IS NULL",
                (DAY.isoformat(),),
            ).fetchall()

        print(f"- bare SQL for the day's entries (floor): {_stats(_time(floor))}")
        con.close()
        app = create_app(Settings(database_url=url, default_timezone="Europe/London"))
        with TestClient(app, base_url="http://127.0.0.1") as client:
            page = client.get(f"/day/{DAY.isoformat()}")
            print(f"- /day page: {len(page.content) / 1024:.1f} KiB of HTML")

            def day_page() -> object:
                return client.get(f"/day/{DAY.isoformat()}")

            print(f"- /day page through the app (TestClient): {_stats(_time(day_page))}")


if __name__ == "__main__":
    main()
