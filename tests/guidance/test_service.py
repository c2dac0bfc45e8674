"""Guidance services on a real database: diary checks, routine logs, reminders, cramp-now."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy.orm import Session

from nightcramps.daylog import service as daylog_service
from nightcramps.daylog.schemas import MedicineCreate
from nightcramps.diary import service as diary_service
from nightcramps.diary.schemas import NightCreate
from nightcramps.errors import Invalid, NotFound
from nightcramps.guidance import service as guidance_service
from nightcramps.guidance.schemas import CheckupAnswers, CrampNowCreate, RoutineLogCreate
from nightcramps.owner import Owner
from tests.factories import make_cramp, make_free_night


def test_a_long_cramp_in_the_diary_is_found(session: Session, owner: Owner, now: datetime) -> None:
    """A 15-minute cramp logged last night shows up as 'see a doctor soon'."""
    make_cramp(session, owner, now, duration_min=15)
    found = guidance_service.screen_diary(session=session, owner=owner, now=now)
    assert [f.key for f in found] == ["long_cramp"]
    assert "night of Mon 23 Nov" in found[0].detail


def test_an_ordinary_diary_raises_nothing(session: Session, owner: Owner, now: datetime) -> None:
    """Short calf cramps and free nights raise no red flag."""
    make_cramp(session, owner, now)
    make_free_night(session, owner, date(2026, 11, 22), now)
    assert guidance_service.screen_diary(session=session, owner=owner, now=now) == []


def test_diary_facts_leave_out_unknown_nights(
    session: Session, owner: Owner, now: datetime
) -> None:
    """Only nights with an answer count as logged; a night with only notes is unknown."""
    make_free_night(session, owner, date(2026, 11, 20), now)
    make_cramp(session, owner, now, at=datetime(2026, 11, 22, 23, 0))
    diary_service.record_night(
        session=session,
        owner=owner,
        night_in=NightCreate(night_of=date(2026, 11, 21), notes="slept badly"),
        now=now,
    )
    facts = guidance_service.diary_facts(session=session, owner=owner, now=now)
    assert facts.logged == {date(2026, 11, 20), date(2026, 11, 22)}
    assert facts.cramps[0].local_hour == 23
    assert facts.today == date(2026, 11, 23)


def test_cramps_after_a_new_diuretic_are_found(
    session: Session, owner: Owner, now: datetime
) -> None:
    """A diuretic started three weeks ago, cramp-free nights before and cramps after: flagged."""
    started = date(2026, 11, 2)
    daylog_service.add_medicine(
        session=session,
        owner=owner,
        medicine_in=MedicineCreate(name="bendroflumethiazide 2.5 mg", started_on=started),
        now=now,
    )
    for offset in range(1, 15):
        make_free_night(session, owner, started - timedelta(days=offset), now)
    make_cramp(session, owner, now)
    make_cramp(session, owner, now, at=datetime(2026, 11, 20, 2, 0))
    found = guidance_service.screen_diary(session=session, owner=owner, now=now)
    (finding,) = [f for f in found if f.key.startswith("new_medicine:")]
    assert "bendroflumethiazide" in finding.title
    assert "thiazide" in finding.detail.lower()


def test_answers_are_screened_from_the_schema() -> None:
    """The questionnaire schema goes through the same rules as a plain mapping."""
    found = guidance_service.screen_answers(CheckupAnswers(calf_swelling=True, numbness=False))
    assert [f.key for f in found] == ["calf_swelling"]
    public = guidance_service.to_checkup_public(found)
    assert public.urgency == "today" and public.headline == "Get medical help today"
    assert guidance_service.to_checkup_public([]).urgency is None


# ---------------------------------------------------------------------------- routine


def test_a_finished_routine_is_logged_as_stretching(
    session: Session, owner: Owner, now: datetime
) -> None:
    """The routine logs itself in the day log, for the evening it was done."""
    finished = datetime(2026, 11, 23, 22, 30, tzinfo=UTC)
    logged = guidance_service.log_routine(
        session=session,
        owner=owner,
        log_in=RoutineLogCreate(routine="bedtime", duration_min=3.66, finished_at=finished),
        now=now,
    )
    assert logged.day == date(2026, 11, 23)
    assert logged.duration_min == 3.7
    assert logged.routine == "Bedtime calf and hamstring stretches"
    stretches = daylog_service.list_stretches(session=session, owner=owner)
    assert [s.id for s in stretches] == [logged.id]


def test_stretches_after_midnight_count_for_the_evening_before(
    session: Session, owner: Owner, now: datetime
) -> None:
    """Stretching at 00:30 belongs to the night that started the evening before."""
    logged = guidance_service.log_routine(
        session=session,
        owner=owner,
        log_in=RoutineLogCreate(
            routine="seated", duration_min=4, finished_at=datetime(2026, 11, 24, 0, 30, tzinfo=UTC)
        ),
        now=now,
    )
    assert logged.day == date(2026, 11, 23)


def test_a_routine_finished_in_the_future_is_refused(
    session: Session, owner: Owner, now: datetime
) -> None:
    """A finishing time in the future is Invalid and nothing is stored."""
    with pytest.raises(Invalid):
        guidance_service.log_routine(
            session=session,
            owner=owner,
            log_in=RoutineLogCreate(
                routine="bedtime", duration_min=3, finished_at=now + timedelta(hours=2)
            ),
            now=now,
        )
    assert daylog_service.list_stretches(session=session, owner=owner) == []


def test_unknown_guidance_page_is_not_found() -> None:
    """get_entry of an unknown slug is NotFound and points to the index."""
    with pytest.raises(NotFound, match="/guidance"):
        guidance_service.get_entry(slug="tonic")


# ---------------------------------------------------------------------------- reminders


def test_reminder_is_stored_changed_and_removed(session: Session, owner: Owner) -> None:
    """One reminder time per person, which can be changed and removed."""
    assert guidance_service.get_reminder(session=session, owner=owner) is None
    guidance_service.set_reminder(session=session, owner=owner, remind_at=time(21, 30))
    guidance_service.set_reminder(session=session, owner=owner, remind_at=time(22, 0))
    assert guidance_service.get_reminder(session=session, owner=owner) == time(22, 0)
    guidance_service.set_reminder(session=session, owner=owner, remind_at=None)
    assert guidance_service.get_reminder(session=session, owner=owner) is None


def test_reminder_is_due_after_its_time_until_the_routine_is_done(
    session: Session, owner: Owner
) -> None:
    """At 21:45 with a 21:30 reminder it is due; once the routine is logged it is not."""
    guidance_service.set_reminder(session=session, owner=owner, remind_at=time(21, 30))
    evening = datetime(2026, 11, 23, 21, 45, tzinfo=UTC)  # London is on GMT in November
    before = datetime(2026, 11, 23, 21, 0, tzinfo=UTC)
    status = guidance_service.reminder_status(session=session, owner=owner, now=evening)
    assert status.due and not status.done_tonight
    assert status.calendar_url == "/routine/reminder.ics?time=21:30"
    assert not guidance_service.reminder_status(session=session, owner=owner, now=before).due
    guidance_service.log_routine(
        session=session,
        owner=owner,
        log_in=RoutineLogCreate(routine="bedtime", duration_min=3.7, finished_at=evening),
        now=evening,
    )
    status = guidance_service.reminder_status(session=session, owner=owner, now=evening)
    assert status.done_tonight and not status.due


def test_no_reminder_is_never_due(session: Session, owner: Owner, now: datetime) -> None:
    """Without a reminder time nothing is due."""
    status = guidance_service.reminder_status(session=session, owner=owner, now=now)
    assert status.remind_at is None and not status.due and status.calendar_url is None


# ---------------------------------------------------------------------------- cramp now


def test_a_timed_cramp_is_logged_on_the_right_night(
    session: Session, owner: Owner, now: datetime
) -> None:
    """A cramp timed from 03:10 on the 24th for 15 minutes goes to the night of the 23rd."""
    cramp = guidance_service.log_cramp_now(
        session=session,
        owner=owner,
        cramp_in=CrampNowCreate(
            started_at=datetime(2026, 11, 24, 3, 10, tzinfo=UTC),
            duration_s=900,
            side="left",
            severity_0_10=8,
            relief=["stretch", "walking"],
            relief_effect="mostly",
        ),
        now=now,
    )
    assert cramp.night_of == date(2026, 11, 23)
    assert cramp.duration_min == 15
    assert cramp.muscle == "calf"
    assert cramp.relief == ["stretch", "walking"]
    found = guidance_service.screen_diary(session=session, owner=owner, now=now)
    assert [f.key for f in found] == ["long_cramp"]


def test_a_very_short_timed_cramp_keeps_a_duration(
    session: Session, owner: Owner, now: datetime
) -> None:
    """Half a second still logs a (rounded-up) duration rather than zero."""
    cramp = guidance_service.log_cramp_now(
        session=session,
        owner=owner,
        cramp_in=CrampNowCreate(
            started_at=datetime(2026, 11, 24, 3, 10, tzinfo=UTC),
            duration_s=0.5,
            side="right",
            severity_0_10=2,
        ),
        now=now,
    )
    assert cramp.duration_min == 0.01
