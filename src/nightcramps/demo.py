"""The demo person of `nightcramps demo`: nights in the diary and the days before them.

The days (fluids, minerals, steps, stretching, …) and which nights had cramps come from the
insights simulator (`insights/simulate.py`), whose simulated person has one real trigger — days
under 1.5 L of fluid double the odds of a cramp night — so the insights page has something to find
while most factors honestly show no clear link or not enough data. Nights are logged in the diary
with detailed cramps; the day-level values go in through the daily-CSV import, as a person's
spreadsheet would.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

import numpy as np
from sqlalchemy.orm import Session

from nightcramps.dailyvalues import service as dailyvalues_service
from nightcramps.dailyvalues.csvfile import DailyRow, write_daily_csv
from nightcramps.diary.demo import log_demo_night
from nightcramps.insights import simulate
from nightcramps.owner import Owner

NIGHT_COLUMNS = frozenset({"cramps", "worst_severity_0_10"})


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """What the demo logged."""

    nights: int
    cramp_nights: int
    days_with_values: int


def fill_demo(
    *, session: Session, owner: Owner, last: date, nights: int = 90, seed: int = 2026
) -> DemoSummary:
    """Log a simulated person's last ``nights`` logged nights up to ``last``, and their days.

    Like a real diary the simulated one has gaps, so it is simulated over twice the span and the
    most recent ``nights`` nights with an answer are kept (with the days between them).
    """
    spec = simulate.PersonSpec(nights=2 * nights)
    person = simulate.simulate_person(np.random.default_rng(seed), spec, last=last)
    answered = [row.day for row in person.rows if row.values.get("cramps") is not None]
    first = sorted(answered)[-nights] if len(answered) >= nights else min(answered, default=last)
    rows = [row for row in person.rows if row.day >= first]
    rng = random.Random(seed)
    logged = cramp_nights = 0
    for row in rows:
        count = row.values.get("cramps")
        if count is None:
            continue
        log_demo_night(session=session, owner=owner, day=row.day, cramps=int(count), rng=rng)
        logged += 1
        cramp_nights += count > 0
    days = [
        DailyRow(
            day=row.day, values={k: v for k, v in row.values.items() if k not in NIGHT_COLUMNS}
        )
        for row in rows
    ]
    days = [row for row in days if row.values]
    dailyvalues_service.import_daily_csv(session=session, owner=owner, text=write_daily_csv(days))
    return DemoSummary(nights=logged, cramp_nights=cramp_nights, days_with_values=len(days))
