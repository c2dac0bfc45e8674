"""One mechanism owns every person's rows: finding them, deleting and restoring, purging."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from nightcramps.accounts import service as accounts_service
from nightcramps.accounts.schemas import SignUp
from nightcramps.daylog import service as daylog_service
from nightcramps.daylog.models import StretchSession
from nightcramps.daylog.schemas import StretchCreate
from nightcramps.diary.models import Cramp, Night
from nightcramps.errors import NotFound
from nightcramps.nutrition import service as nutrition_service
from nightcramps.nutrition.models import IntakeEntry
from nightcramps.nutrition.schemas import IntakeCreate
from nightcramps.owner import Owner
from nightcramps.storage import owned
from tests.factories import make_cramp

MISSING = "There is no cramp number {id}."


def _other_person(session: Session) -> Owner:
    person = accounts_service.sign_up(
        session=session,
        sign_up_in=SignUp(email="bea@example.org", password="a long password", timezone="UTC"),
    )
    session.flush()
    return Owner(person_id=person.id, tz=ZoneInfo("UTC"))


def test_someone_elses_row_reads_as_missing(session: Session, owner: Owner, now: datetime) -> None:
    """A row of another person answers exactly as a row that does not exist."""
    cramp = make_cramp(session, owner, now)
    stranger = _other_person(session)
    assert owned.get_owned(session, Cramp, cramp.id, owner, missing=MISSING) is cramp
    with pytest.raises(NotFound) as mine_elsewhere:
        owned.get_owned(session, Cramp, cramp.id, stranger, missing=MISSING)
    with pytest.raises(NotFound) as nobodys:
        owned.get_owned(session, Cramp, cramp.id + 1000, owner, missing=MISSING)
    assert str(mine_elsewhere.value) == f"There is no cramp number {cramp.id}."
    assert str(nobodys.value) == f"There is no cramp number {cramp.id + 1000}."


@pytest.mark.parametrize("row_id", [0, -1, owned.MAX_ID + 1, 10**30])
def test_ids_no_row_can_have_are_missing(session: Session, owner: Owner, row_id: int) -> None:
    """Ids outside the column's range are not found, without asking the database to overflow."""
    with pytest.raises(NotFound, match=str(row_id)):
        owned.get_owned(session, Cramp, row_id, owner, missing=MISSING)


def test_deleted_rows_are_found_only_when_asked_for(
    session: Session, owner: Owner, now: datetime
) -> None:
    """A deleted row is missing to a live lookup and found by a lookup of deleted rows."""
    cramp = make_cramp(session, owner, now)
    with pytest.raises(NotFound):
        owned.get_owned(session, Cramp, cramp.id, owner, missing=MISSING, deleted=True)
    owned.soft_delete(session, cramp, now=now)
    assert cramp.deleted_at == now
    with pytest.raises(NotFound):
        owned.get_owned(session, Cramp, cramp.id, owner, missing=MISSING)
    assert owned.get_owned(session, Cramp, cramp.id, owner, missing=MISSING, deleted=True)
    assert owned.get_owned(session, Cramp, cramp.id, owner, missing=MISSING, deleted=None)
    owned.restore(session, cramp)
    assert owned.get_owned(session, Cramp, cramp.id, owner, missing=MISSING) is cramp


def test_every_undoable_model_is_purged(session: Session, owner: Owner, now: datetime) -> None:
    """One purge removes old deletions from the diary, the food log and the day log, and keeps
    recent ones and live rows."""
    old_cramp = make_cramp(session, owner, now)
    new_cramp = make_cramp(session, owner, now, at=datetime(2026, 11, 24, 4, 0))
    stretch = daylog_service.log_stretch(
        session=session, owner=owner, stretch_in=StretchCreate(routine="calf"), now=now
    )
    kept_stretch = daylog_service.log_stretch(
        session=session, owner=owner, stretch_in=StretchCreate(routine="calf"), now=now
    )
    entry = nutrition_service.log_intake(
        session=session, owner=owner, intake_in=IntakeCreate(description="1 banana"), now=now
    )
    long_ago = now - timedelta(hours=2)
    owned.soft_delete(session, old_cramp, now=long_ago)
    owned.soft_delete(session, new_cramp, now=now)
    owned.soft_delete(session, session.get_one(StretchSession, stretch.id), now=long_ago)
    owned.soft_delete(session, entry, now=long_ago)

    removed = owned.purge_deleted(session, older_than=timedelta(minutes=10), now=now)

    session.expire_all()
    assert removed == 3
    assert session.scalars(select(Cramp.id)).all() == [new_cramp.id]
    assert session.scalars(select(StretchSession.id)).all() == [kept_stretch.id]
    assert session.scalars(select(IntakeEntry.id)).all() == []
    assert session.scalars(select(Night.id)).all()  # the night itself was never deleted


def test_the_purged_models_are_the_undoable_ones() -> None:
    """Nights, cramps, food entries and the six day-log kinds are purged; nothing else is."""
    names = {model.__name__ for model in owned.soft_deletable_models()}
    assert names == {
        "Night",
        "Cramp",
        "IntakeEntry",
        "Activity",
        "StretchSession",
        "AlcoholIntake",
        "CaffeineIntake",
        "SleepPeriod",
        "Medicine",
        "DayRecord",
    }
