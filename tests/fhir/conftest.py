"""A populated diary for the FHIR export's tests, on the tests' fixed clock.

What it holds (November 2026, London), and so what the bundle of START..END must hold:

* 3 cramps on 2 nights (one "some time in the night", without a time), 2 cramp-free nights (one
  with a sleep-disturbance score), and 1 night counted only by an imported daily CSV;
* day values: on the 10th magnesium, steps, sleep and fluids from the daily CSV; on the 11th
  steps from the CSV, exercise and caffeine from the day log (magnesium unknown);
* medicines: a thiazide taken since October, magnesium taken 1-5 November, and one stopped in
  2025 (outside the period).
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import pytest
from sqlalchemy.orm import Session

from nightcramps.dailyvalues import service as dailyvalues_service
from nightcramps.dailyvalues.columns import CSV_HEADER
from nightcramps.daylog import service as daylog_service
from nightcramps.daylog.schemas import ActivityCreate, CaffeineCreate, MedicineCreate
from nightcramps.owner import Owner
from tests.factories import make_cramp, make_free_night

START = date(2026, 11, 1)
END = date(2026, 11, 23)

MAGNESIUM_DAY = date(2026, 11, 10)
NO_MAGNESIUM_DAY = date(2026, 11, 11)
IMPORTED_NIGHT = date(2026, 11, 12)

EXPECTED = {"Patient": 1, "Observation": 14, "MedicationStatement": 2}
"""3 cramps + 2 cramp-free nights + 1 sleep disturbance + 1 imported count + 4 values on the
10th + 3 on the 11th; the two medicines taken during the period."""

DAILY_CSV_ROWS = (
    {"date": "2026-11-10", "magnesium_mg": "300", "steps": "8000", "sleep_h": "7.5"},
    {"date": "2026-11-10", "fluid_ml": "1500"},
    {"date": "2026-11-11", "steps": "5000"},
    {"date": "2026-11-12", "cramps": "2", "worst_severity_0_10": "6"},
)


def _daily_csv() -> str:
    rows: dict[str, dict[str, str]] = {}
    for row in DAILY_CSV_ROWS:
        rows.setdefault(row["date"], {}).update(row)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_HEADER, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows.values())
    return out.getvalue()


@pytest.fixture
def diary(session: Session, owner: Owner, now: datetime) -> Owner:
    """The diary of the module docstring, committed."""
    make_cramp(
        session,
        owner,
        now,
        at=datetime(2026, 11, 2, 3, 10),
        relief=["stretch", "massage"],
        relief_effect="mostly",
        notes="woke me up",
    )
    make_cramp(session, owner, now, at=datetime(2026, 11, 2, 5, 0), side="both", severity_0_10=4)
    make_cramp(
        session, owner, now, at=None, night_of=date(2026, 11, 20), muscle="foot", duration_min=None
    )
    make_free_night(session, owner, date(2026, 11, 3), now, sleep_disturbance_0_10=2)
    make_free_night(session, owner, date(2026, 11, 4), now)
    dailyvalues_service.import_daily_csv(session=session, owner=owner, text=_daily_csv(), now=now)
    daylog_service.log_entry(
        session=session,
        owner=owner,
        kind=daylog_service.ACTIVITY,
        entry_in=ActivityCreate(
            activity_type="walking", duration_min=40, intensity_0_10=4, day=NO_MAGNESIUM_DAY
        ),
        now=now,
    )
    daylog_service.log_entry(
        session=session,
        owner=owner,
        kind=daylog_service.CAFFEINE,
        entry_in=CaffeineCreate(caffeine_mg=95, day=NO_MAGNESIUM_DAY),
        now=now,
    )
    for name, dose, started, stopped in (
        ("Hydrochlorothiazide", "25 mg", date(2026, 10, 15), None),
        ("Magnesium oxide", "400 mg", date(2026, 11, 1), date(2026, 11, 5)),
        ("Quinine", "", date(2025, 1, 1), date(2025, 2, 1)),
    ):
        medicine_in = MedicineCreate(name=name, dose=dose, started_on=started, stopped_on=stopped)
        daylog_service.add_medicine(session=session, owner=owner, medicine_in=medicine_in, now=now)
    session.commit()
    return owner
