"""A diary with a run-in, and helpers to log the nights of an experiment at a later 'now'."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from nightcramps.diary import service as diary_service
from nightcramps.diary.schemas import CrampCreate, NightCreate
from nightcramps.experiments import service as experiments_service
from nightcramps.experiments.models import Experiment
from nightcramps.experiments.schemas import ExperimentCreate
from nightcramps.owner import Owner

TONIGHT = date(2026, 11, 24)
"""Tonight at the tests' 'now' (24 Nov 2026, 09:00 in London); last night is the 23rd."""


def log_nights(
    session: Session, owner: Owner, cramps: Iterable[tuple[date, int]], *, now: datetime
) -> None:
    """Log each night with its number of cramps (0: "no cramps")."""
    for day, count in cramps:
        if count == 0:
            diary_service.record_night(
                session=session,
                owner=owner,
                night_in=NightCreate(night_of=day, status="no_cramps"),
                now=now,
            )
        for _ in range(count):
            diary_service.log_cramp(
                session=session,
                owner=owner,
                cramp_in=CrampCreate(night_of=day, muscle="calf", side="left", severity_0_10=5),
                now=now,
            )
    session.flush()


def run_in(session: Session, owner: Owner, now: datetime, *, logged: int = 14) -> None:
    """The 14 nights before tonight: ``logged`` of them logged, a cramp on every other one."""
    days = [TONIGHT - timedelta(days=i) for i in range(1, 15)][:logged]
    log_nights(session, owner, [(d, 1 if i % 2 == 0 else 0) for i, d in enumerate(days)], now=now)


def morning_after(day: date) -> datetime:
    """09:00 UTC on the morning after the night of ``day``."""
    return datetime(day.year, day.month, day.day, 9, tzinfo=UTC) + timedelta(days=1)


def start(
    session: Session, owner: Owner, now: datetime, remedy: str = "stretching", **kw: bool
) -> Experiment:
    """Start an experiment of ``remedy`` at ``now`` (its night 1 is tonight) and commit it."""
    experiment = experiments_service.create(
        session=session,
        owner=owner,
        experiment_in=ExperimentCreate(remedy=remedy, **kw),
        now=now,
    )
    session.commit()
    return experiment


def finished(session: Session, owner: Owner, now: datetime) -> tuple[int, datetime]:
    """A stretching experiment run to its end, every night logged and followed: no cramp on a
    remedy night, one on a usual night. Its id, and the morning after its last night."""
    experiment = start(session, owner, now)
    after = morning_after(experiment.ends_on)
    # Fewer cramps on remedy nights: none on A nights, one on B nights.
    log_nights(
        session,
        owner,
        [(n.day, 0 if n.arm == "A" else 1) for n in experiment.nights],
        now=after,
    )
    for night in experiment.nights:
        night.adhered = True
    session.commit()
    return experiment.id, after


@pytest.fixture
def with_run_in(session: Session, owner: Owner, now: datetime) -> Owner:
    run_in(session, owner, now)
    session.commit()
    return owner
