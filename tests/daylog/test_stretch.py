"""Stretching sessions: the function the bedtime-routine page calls when a routine is finished."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy.orm import Session

from nightcramps.daylog import service as daylog_service
from nightcramps.daylog.schemas import DayUpdate, StretchCreate
from nightcramps.errors import Conflict, Invalid
from nightcramps.owner import Owner


def test_log_stretch_files_a_late_routine_under_the_evening(
    session: Session, owner: Owner, now: datetime
) -> None:
    """A routine finished at 00:40 on the 24th is the 23rd's stretching (before that night)."""
    stretch_in = StretchCreate(
        routine="bedtime calf and hamstring", duration_min=3, at=datetime(2026, 11, 24, 0, 40)
    )
    public = daylog_service.log_stretch(
        session=session, owner=owner, stretch_in=stretch_in, now=now
    )
    assert public.day == date(2026, 11, 23)
    assert public.duration_min == 3
    factors = daylog_service.daily_factors(
        session=session, owner=owner, start=date(2026, 11, 22), end=date(2026, 11, 23)
    )
    assert factors[date(2026, 11, 23)]["stretched"] == 1.0
    assert factors[date(2026, 11, 22)]["stretched"] is None


def test_log_stretch_without_time_is_today(session: Session, owner: Owner, now: datetime) -> None:
    """With neither time nor day, the routine is logged for the person's current day."""
    public = daylog_service.log_stretch(
        session=session, owner=owner, stretch_in=StretchCreate(routine="NHS calf"), now=now
    )
    assert public.day == date(2026, 11, 24)
    assert public.at is None
    assert public.duration_min is None


def test_explicit_no_stretching_is_zero_and_a_later_routine_wins(
    session: Session, owner: Owner, now: datetime
) -> None:
    """'No stretching' makes the factor 0.0; logging a routine afterwards turns it into 1.0."""
    day = date(2026, 11, 23)
    daylog_service.update_day(
        session=session, owner=owner, day=day, day_in=DayUpdate(no_stretching=True), now=now
    )
    factors = daylog_service.daily_factors(session=session, owner=owner, start=day, end=day)
    assert factors[day]["stretched"] == 0.0
    daylog_service.log_stretch(
        session=session, owner=owner, stretch_in=StretchCreate(routine="calf", day=day), now=now
    )
    factors = daylog_service.daily_factors(session=session, owner=owner, start=day, end=day)
    assert factors[day]["stretched"] == 1.0
    with pytest.raises(Conflict):
        daylog_service.update_day(
            session=session, owner=owner, day=day, day_in=DayUpdate(no_stretching=True), now=now
        )


def test_future_stretch_is_refused(session: Session, owner: Owner, now: datetime) -> None:
    """A routine at a time after now is refused with a message naming the field."""
    with pytest.raises(Invalid) as caught:
        daylog_service.log_stretch(
            session=session,
            owner=owner,
            stretch_in=StretchCreate(routine="calf", at=datetime(2026, 11, 24, 22, 0)),
            now=now,
        )
    assert caught.value.fields == {"at": "is in the future"}
