"""A populated diary for the report's tests: four weeks of nights on the tests' fixed clock."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from typing import Any

import pytest
from sqlalchemy.orm import Session

from nightcramps.daylog import service as daylog_service
from nightcramps.daylog.schemas import MedicineCreate
from nightcramps.owner import Owner
from tests.factories import make_cramp, make_free_night

START = date(2026, 10, 27)
END = date(2026, 11, 23)
"""The report's period: 28 nights, ending with the tests' last night."""

CRAMPS: tuple[tuple[Any, ...], ...] = (
    # night of, local start time, muscle, side, severity, minutes, relief, effect
    (date(2026, 11, 1), datetime(2026, 11, 2, 3, 10), "calf", "left", 6, 3, ["stretch"], "mostly"),
    (date(2026, 11, 5), datetime(2026, 11, 5, 23, 40), "calf", "right", 4, 2, ["massage"], "none"),
    (date(2026, 11, 10), datetime(2026, 11, 11, 1, 5), "foot", "left", 8, 5, ["stretch"], None),
    (date(2026, 11, 20), datetime(2026, 11, 21, 4, 30), "calf", "both", 9, 12, [], None),
    (
        date(2026, 11, 23),
        datetime(2026, 11, 24, 2, 15),
        "calf",
        "left",
        7,
        4,
        ["walking"],
        "completely",
    ),
)
FREE_NIGHTS = (date(2026, 10, 28), date(2026, 10, 29), date(2026, 10, 30), date(2026, 11, 2))


def needs(tool: str) -> None:
    """Skip unless poppler's ``tool`` is installed (scripts/test-services.sh installs it)."""
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed (Debian poppler-utils)")


@pytest.fixture
def diary(session: Session, owner: Owner, now: datetime) -> Owner:
    """Five cramps on five nights, four cramp-free nights, and two medicines."""
    for _night, at, muscle, side, severity, minutes, relief, effect in CRAMPS:
        make_cramp(
            session,
            owner,
            now,
            at=at,
            muscle=muscle,
            side=side,
            severity_0_10=severity,
            duration_min=minutes,
            relief=relief,
            relief_effect=effect,
        )
    for day in FREE_NIGHTS:
        make_free_night(session, owner, day, now, sleep_disturbance_0_10=1)
    for name, dose, started in (
        ("Hydrochlorothiazide", "25 mg", date(2026, 10, 15)),
        ("Magnesium oxide", "400 mg", date(2026, 11, 1)),
    ):
        medicine_in = MedicineCreate(name=name, dose=dose, started_on=started)
        daylog_service.add_medicine(session=session, owner=owner, medicine_in=medicine_in, now=now)
    session.commit()
    return owner
