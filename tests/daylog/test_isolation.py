"""Another person's day log is never visible or changeable: services, API and pages."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from nightcramps.accounts import service as accounts_service
from nightcramps.accounts.schemas import SignUp
from nightcramps.daylog import service as daylog_service
from nightcramps.daylog.schemas import (
    ActivityCreate,
    CaffeineCreate,
    DayUpdate,
    MedicineCreate,
    MedicineUpdate,
    SleepCreate,
    StretchCreate,
)
from nightcramps.errors import NotFound
from nightcramps.owner import Owner
from tests.daylog.test_api import Y

D = date(2026, 11, 23)


@pytest.fixture
def other(session: Session) -> Owner:
    """A second person, signed up in another time zone."""
    person = accounts_service.sign_up(
        session=session,
        sign_up_in=SignUp(email="bea@example.org", password="a long password", timezone="UTC"),
    )
    session.commit()
    return Owner(person_id=person.id, tz=ZoneInfo("UTC"), cutover_hour=12)


def _fill(session: Session, owner: Owner, now: datetime) -> dict[str, int]:
    ids = {
        "activity": daylog_service.log_entry(
            kind=daylog_service.ACTIVITY,
            session=session,
            owner=owner,
            entry_in=ActivityCreate(
                activity_type="run", duration_min=30, intensity_0_10=6, day=D
            ),  # fmt: skip
            now=now,
        ).id,
        "stretch": daylog_service.log_stretch(
            session=session, owner=owner, stretch_in=StretchCreate(routine="calf", day=D), now=now
        ).id,
        "caffeine": daylog_service.log_entry(
            kind=daylog_service.CAFFEINE,
            session=session,
            owner=owner,
            entry_in=CaffeineCreate(caffeine_mg=95, day=D),
            now=now,
        ).id,  # fmt: skip
        "sleep": daylog_service.log_entry(
            kind=daylog_service.SLEEP,
            session=session,
            owner=owner,
            entry_in=SleepCreate(
                bed_at=datetime(2026, 11, 22, 23), wake_at=datetime(2026, 11, 23, 7)
            ),
            now=now,
        ).id,  # fmt: skip
        "medicine": daylog_service.add_medicine(
            session=session,
            owner=owner,
            medicine_in=MedicineCreate(name="Lasix", started_on=D),
            now=now,
        ).id,
    }
    daylog_service.update_day(
        session=session, owner=owner, day=D, day_in=DayUpdate(steps=9000), now=now
    )
    return ids


def test_other_persons_entries_are_invisible(
    session: Session, owner: Owner, other: Owner, now: datetime
) -> None:
    """Lists, factors, medicine starts and the day log of one person never show the other's."""
    _fill(session, owner, now)
    assert (
        daylog_service.list_entries(kind=daylog_service.ACTIVITY, session=session, owner=other)
        == []
    )
    assert daylog_service.list_stretches(session=session, owner=other) == []
    assert (
        daylog_service.list_entries(kind=daylog_service.CAFFEINE, session=session, owner=other)
        == []
    )
    assert (
        daylog_service.list_entries(kind=daylog_service.SLEEP, session=session, owner=other) == []
    )
    assert daylog_service.list_medicines(session=session, owner=other) == []
    assert daylog_service.medicine_starts(session=session, owner=other, start=D, end=D) == []
    factors = daylog_service.daily_factors(session=session, owner=other, start=D, end=D)
    assert set(factors[D].values()) == {None}
    assert daylog_service.day_log(session=session, owner=other, day=D).steps is None


def test_other_persons_entries_cannot_be_read_changed_or_deleted(
    session: Session, owner: Owner, other: Owner, now: datetime
) -> None:
    """Guessing an id of someone else's entry is 'not found', for reads, edits and deletes."""
    ids = _fill(session, owner, now)
    for kind, entry_id in ids.items():
        for call in (daylog_service.get_entry, daylog_service.delete_entry):
            with pytest.raises(NotFound):
                call(
                    session=session, owner=other, kind=daylog_service.kind_named(kind),
                    entry_id=entry_id,
                )  # fmt: skip
    with pytest.raises(NotFound):
        daylog_service.update_entry(
            kind=daylog_service.MEDICINE,
            session=session,
            owner=other,
            entry_id=ids["medicine"],
            entry_in=MedicineUpdate(name="hacked"),
            now=now,
        )
    with pytest.raises(NotFound):
        daylog_service.stop_medicine(
            session=session, owner=other, medicine_id=ids["medicine"], now=now
        )
    assert daylog_service.list_medicines(session=session, owner=owner)[0].name == "Lasix"


def test_api_token_of_another_person_sees_nothing(
    client: TestClient, session: Session, other: Owner
) -> None:
    """With the second person's API token, the local person's entries are 404 and absent."""
    created = client.post("/api/v1/caffeine", json={"day": Y, "caffeine_mg": 95}).json()
    token = accounts_service.create_token(session=session, person_id=other.person_id)
    session.commit()
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/caffeine", headers=headers).json()["count"] == 0
    assert client.get(f"/api/v1/caffeine/{created['id']}", headers=headers).status_code == 404
    assert client.delete(f"/api/v1/caffeine/{created['id']}", headers=headers).status_code == 404
    assert client.get("/api/v1/caffeine").json()["count"] == 1
