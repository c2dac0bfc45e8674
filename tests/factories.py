"""Plain builders for test data, with readable overrides."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy.orm import Session

from nightcramps.diary import service as diary_service
from nightcramps.diary.models import Cramp, Night
from nightcramps.diary.schemas import CrampCreate, NightCreate
from nightcramps.owner import Owner

TEST_NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
"""The tests' 'now' (09:00 on Tue 24 Nov 2026 in London): the ``now`` fixture, and where the
clock of the in-process app and the CLI starts (``clock_start`` in tests/conftest.py)."""


def make_cramp(
    session: Session, owner: Owner, now: datetime | None = None, **overrides: Any
) -> Cramp:
    """A calf cramp at 03:10 on 24 Nov 2026 (night of the 23rd), unless overridden."""
    data: dict[str, Any] = {
        "at": datetime(2026, 11, 24, 3, 10),
        "muscle": "calf",
        "side": "left",
        "severity_0_10": 7,
        "duration_min": 4,
        "relief": ["stretch"],
    }
    data.update(overrides)
    return diary_service.log_cramp(
        session=session, owner=owner, cramp_in=CrampCreate.model_validate(data), now=now
    )


def make_free_night(
    session: Session, owner: Owner, day: date, now: datetime | None = None, **overrides: Any
) -> Night:
    """A night marked "no cramps"."""
    night_in = NightCreate(night_of=day, no_cramps=True, **overrides)
    return diary_service.record_night(session=session, owner=owner, night_in=night_in, now=now)
