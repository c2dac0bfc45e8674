"""The diary service: filing cramps under nights, absence as data, undoable deletes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from nightcramps import timing
from nightcramps.config import Settings
from nightcramps.diary import service as diary_service
from nightcramps.diary.schemas import CrampUpdate, NightCreate, NightUpdate
from nightcramps.errors import Conflict, Invalid, NotFound
from nightcramps.owner import Owner
from nightcramps.storage import owned
from nightcramps.web.app import create_app
from tests.factories import make_cramp, make_free_night

NIGHT = date(2026, 11, 23)


def test_cramp_at_3am_is_filed_under_previous_evening(
    session: Session, owner: Owner, now: datetime
) -> None:
    """A cramp at 03:10 on the 24th lands on the night of the 23rd, stored in UTC."""
    cramp = make_cramp(session, owner, now)
    assert cramp.night.night_of == NIGHT
    assert cramp.started_at == datetime(2026, 11, 24, 3, 10, tzinfo=UTC)  # London = UTC in Nov


def test_several_cramps_share_one_night(session: Session, owner: Owner, now: datetime) -> None:
    """Two cramps in one night give one night with two cramps and the worst severity."""
    make_cramp(session, owner, now, severity_0_10=3)
    make_cramp(session, owner, now, at=datetime(2026, 11, 23, 23, 30), severity_0_10=8)
    night = diary_service.to_night_public(
        diary_service.get_night(session=session, owner=owner, day=NIGHT)
    )
    assert night.cramp_count == 2
    assert night.worst_severity_0_10 == 8
    assert night.status == "cramps"
    assert [c.severity_0_10 for c in night.cramps] == [8, 3]  # in time order


def test_cramp_without_time_uses_night_of(session: Session, owner: Owner, now: datetime) -> None:
    """'During the night' cramps have no time but belong to the given night."""
    cramp = make_cramp(session, owner, now, at=None, night_of=date(2026, 11, 20))
    assert cramp.started_at is None
    assert cramp.night.night_of == date(2026, 11, 20)


def test_future_cramp_is_refused_and_nothing_stored(
    session: Session, owner: Owner, now: datetime
) -> None:
    """A time in the future is rejected with a message, and no night is created."""
    with pytest.raises(Invalid, match="in the future"):
        make_cramp(session, owner, now, at=datetime(2026, 11, 25, 3, 0))
    assert diary_service.list_nights(session=session, owner=owner) == []


def test_future_night_is_refused(session: Session, owner: Owner, now: datetime) -> None:
    """Tonight's night (24th) may be logged in the evening, but not the 25th."""
    with pytest.raises(Invalid, match="has not started"):
        make_free_night(session, owner, date(2026, 11, 25), now)


def test_time_and_night_must_agree(session: Session, owner: Owner, now: datetime) -> None:
    """Giving both a time and a different night is an error that names the right night."""
    with pytest.raises(Invalid, match="belongs to the night of 2026-11-23"):
        make_cramp(session, owner, now, night_of=date(2026, 11, 22))


def test_no_cramps_night_is_recorded(session: Session, owner: Owner, now: datetime) -> None:
    """'No cramps' is stored as data, not as a missing night."""
    make_free_night(session, owner, NIGHT, now)
    night = diary_service.to_night_public(
        diary_service.get_night(session=session, owner=owner, day=NIGHT)
    )
    assert night.status == "no_cramps"
    assert night.cramp_count == 0
    assert night.worst_severity_0_10 is None


def test_cramp_on_a_free_night_switches_it(session: Session, owner: Owner, now: datetime) -> None:
    """Logging a cramp on a night marked cramp-free makes it a cramp night."""
    make_free_night(session, owner, NIGHT, now)
    make_cramp(session, owner, now)
    night = diary_service.get_night(session=session, owner=owner, day=NIGHT)
    assert diary_service.night_status(night) == "cramps"


def test_free_night_refused_when_cramps_logged(
    session: Session, owner: Owner, now: datetime
) -> None:
    """Marking a night with cramps as cramp-free is a conflict, and the cramps stay."""
    make_cramp(session, owner, now)
    with pytest.raises(Conflict, match="already has 1 cramp"):
        make_free_night(session, owner, NIGHT, now)
    night = diary_service.get_night(session=session, owner=owner, day=NIGHT)
    assert diary_service.to_night_public(night).cramp_count == 1


def test_list_nights_in_range_newest_first(session: Session, owner: Owner, now: datetime) -> None:
    """Only nights in the range come back, newest first; unlogged nights are absent."""
    for day in (date(2026, 11, 1), date(2026, 11, 5), date(2026, 11, 9)):
        make_free_night(session, owner, day, now)
    nights = diary_service.list_nights(
        session=session, owner=owner, start=date(2026, 11, 2), end=date(2026, 11, 30)
    )
    assert [n.night_of for n in nights] == [date(2026, 11, 9), date(2026, 11, 5)]


def test_reversed_range_is_explained(session: Session, owner: Owner) -> None:
    """A range that ends before it starts says to swap the dates."""
    with pytest.raises(Invalid, match="swap"):
        diary_service.list_nights(
            session=session, owner=owner, start=date(2026, 11, 5), end=date(2026, 11, 1)
        )


def test_delete_and_restore_cramp(session: Session, owner: Owner, now: datetime) -> None:
    """A deleted cramp disappears from the night and comes back on undo."""
    cramp = make_cramp(session, owner, now)
    diary_service.delete_cramp(session=session, owner=owner, cramp_id=cramp.id)
    night = diary_service.get_night(session=session, owner=owner, day=NIGHT)
    assert diary_service.to_night_public(night).cramp_count == 0
    with pytest.raises(NotFound, match="was deleted; restore it first"):
        diary_service.get_cramp(session=session, owner=owner, cramp_id=cramp.id)
    diary_service.restore_cramp(session=session, owner=owner, cramp_id=cramp.id)
    assert diary_service.to_night_public(night).cramp_count == 1
    with pytest.raises(NotFound, match="is not deleted, so there is nothing to restore"):
        diary_service.restore_cramp(session=session, owner=owner, cramp_id=cramp.id)


def test_delete_and_restore_night_keeps_its_cramps(
    session: Session, owner: Owner, now: datetime
) -> None:
    """Deleting a night hides it and its cramps; restoring brings both back."""
    make_cramp(session, owner, now)
    diary_service.delete_night(session=session, owner=owner, day=NIGHT)
    assert diary_service.list_nights(session=session, owner=owner) == []
    diary_service.restore_night(session=session, owner=owner, day=NIGHT)
    (night,) = diary_service.list_nights(session=session, owner=owner)
    assert diary_service.to_night_public(night).cramp_count == 1


def test_purge_removes_only_old_deletions(session: Session, owner: Owner, now: datetime) -> None:
    """Purging after the undo window removes old deletions and keeps recent ones restorable."""
    old = make_cramp(session, owner, now)
    recent = make_cramp(session, owner, now, at=datetime(2026, 11, 24, 4, 0))
    diary_service.delete_cramp(session=session, owner=owner, cramp_id=old.id)
    old.deleted_at = now - timedelta(hours=2)
    diary_service.delete_cramp(session=session, owner=owner, cramp_id=recent.id)
    recent.deleted_at = now
    removed = owned.purge_deleted(session, older_than=timedelta(minutes=10), now=now)
    assert removed == 1
    diary_service.restore_cramp(session=session, owner=owner, cramp_id=recent.id)
    with pytest.raises(NotFound):
        diary_service.restore_cramp(session=session, owner=owner, cramp_id=old.id)


def test_update_cramp_time_moves_it_to_another_night(
    session: Session, owner: Owner, now: datetime
) -> None:
    """Correcting a cramp's time to another night moves it there."""
    cramp = make_cramp(session, owner, now)
    diary_service.update_cramp(
        session=session,
        owner=owner,
        cramp_id=cramp.id,
        cramp_in=CrampUpdate(at=datetime(2026, 11, 22, 2, 0)),
        now=now,
    )
    assert cramp.night.night_of == date(2026, 11, 21)


def test_update_night_notes_and_disturbance(session: Session, owner: Owner, now: datetime) -> None:
    """A night's notes and sleep disturbance can be changed."""
    make_free_night(session, owner, NIGHT, now)
    night = diary_service.update_night(
        session=session,
        owner=owner,
        day=NIGHT,
        night_in=NightUpdate(sleep_disturbance_0_10=4, notes="woke at 4"),
    )
    assert (night.sleep_disturbance_0_10, night.notes) == (4, "woke at 4")


def test_night_without_answer_is_unknown(session: Session, owner: Owner, now: datetime) -> None:
    """A night logged with only a note is 'unknown', never cramp-free."""
    night = diary_service.record_night(
        session=session,
        owner=owner,
        night_in=NightCreate(night_of=NIGHT, notes="late dinner"),
        now=now,
    )
    assert diary_service.night_status(night) == "unknown"


def test_last_night_in_the_morning_and_evening(owner: Owner) -> None:
    """At 07:00 and at 20:00 on the 24th, last night is the 23rd."""
    morning = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)
    evening = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)
    assert diary_service.last_night(owner=owner, now=morning) == NIGHT
    assert diary_service.last_night(owner=owner, now=evening) == NIGHT


def test_app_start_purges_expired_deletions(
    session: Session, owner: Owner, now: datetime, settings: Settings
) -> None:
    """Opening the app removes deletions older than the undo window, and only those."""
    cramp = make_cramp(session, owner, now)
    diary_service.delete_cramp(session=session, owner=owner, cramp_id=cramp.id)
    cramp.deleted_at = now - timedelta(seconds=settings.undo_seconds + 60)
    kept = make_cramp(session, owner, now, at=datetime(2026, 11, 24, 4, 0))
    diary_service.delete_cramp(session=session, owner=owner, cramp_id=kept.id)
    kept.deleted_at = now
    session.commit()
    purged_id, kept_id = cramp.id, kept.id
    session.expunge_all()
    create_app(settings, migrate=False, clock=timing.fixed_clock(now)).state.engine.dispose()
    with pytest.raises(NotFound):
        diary_service.restore_cramp(session=session, owner=owner, cramp_id=purged_id)
    diary_service.restore_cramp(session=session, owner=owner, cramp_id=kept_id)
