"""The day log's JSON API under /api/v1: a day's factors and log, and the same six endpoints
for each kind of entry (list, log, get, change, delete, restore). Each endpoint is written out
with its own schemas so the OpenAPI document describes it exactly; what they share is in the
small helpers below.

What a GET answers, a write accepts (docs/api.md): a change may send the GET body back with
fields edited, and the fields sent as they are stay as they are."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Query
from fastapi.responses import Response as RawResponse
from pydantic import BaseModel
from sqlalchemy.orm import Session

from nightcramps.daylog import dayview
from nightcramps.daylog import service as daylog_service
from nightcramps.daylog.routes._common import viewable_day
from nightcramps.daylog.schemas import (
    ActivitiesPublic,
    ActivityCreate,
    ActivityPublic,
    ActivityUpdate,
    AlcoholCreate,
    AlcoholListPublic,
    AlcoholPublic,
    AlcoholUpdate,
    CaffeineCreate,
    CaffeineListPublic,
    CaffeinePublic,
    CaffeineUpdate,
    DailyFactorsPublic,
    DayFactorsPublic,
    DayLogPublic,
    DayUpdate,
    DayViewPublic,
    EntryKind,
    MedicineCheckPublic,
    MedicineCreate,
    MedicinePublic,
    MedicinesPublic,
    MedicineStop,
    MedicineUpdate,
    SleepCreate,
    SleepListPublic,
    SleepPublic,
    SleepUpdate,
    StretchCreate,
    StretchesPublic,
    StretchPublic,
    StretchUpdate,
)
from nightcramps.errors import Invalid
from nightcramps.inputs import Input, IsoDate, changes_to, check_unchanged
from nightcramps.owner import Owner
from nightcramps.web.deps import IdPath, OwnerDep, SessionDep

router = APIRouter()

FromQuery = Annotated[IsoDate | None, Query(alias="from", description="First day, YYYY-MM-DD")]
ToQuery = Annotated[IsoDate | None, Query(alias="to", description="Last day, YYYY-MM-DD")]

P = TypeVar("P", bound=BaseModel)
U = TypeVar("U", bound=Input)

DATED = {"day": ["at"]}
"""A new day sent with the time sent back goes to the service with it, which refuses the two
if they disagree (a new time with the old day sent back moves the entry)."""


# ---------------------------------------------------------------------------- shared by entries


def _as(schema: type[P], public: Any) -> P:
    """``public`` typed as the endpoint's schema (the service answers with the schema of the
    entry's kind, so this always holds)."""
    assert isinstance(public, schema)
    return public


def _fetched(schema: type[P], session: Session, owner: Owner, kind: EntryKind, entry_id: int) -> P:
    """One live entry of this kind, as ``schema``."""
    public = daylog_service.get_entry(session=session, owner=owner, kind=kind, entry_id=entry_id)
    return _as(schema, public)


def _edited(
    update: U,
    session: Session,
    owner: Owner,
    kind: EntryKind,
    entry_id: int,
    keep_with: dict[str, list[str]] | None = None,
) -> U:
    """``update`` with only what it changes in the stored entry; an ``id`` sent must be the
    entry's own."""
    check_unchanged(
        "id", getattr(update, "id", None), entry_id, how="send the change to that entry's address"
    )
    stored = daylog_service.get_entry(session=session, owner=owner, kind=kind, entry_id=entry_id)
    return changes_to(update, stored, keep_with=DATED if keep_with is None else keep_with)


def _sleep_on_day(public: SleepPublic, day: date | None) -> SleepPublic:
    """``public``, refused (so nothing is stored) when the ``day`` sent is not the day it ends."""
    if day is not None and day != public.day:
        raise Invalid(
            f"This sleep ends on {public.day.isoformat()}, not {day.isoformat()}: a sleep belongs "
            "to the day it ends in. Leave day out, or fix wake_at.",
            fields={"day": "does not match wake_at"},
        )
    return public


def _deleted(session: Session, owner: Owner, kind: EntryKind, entry_id: int) -> RawResponse:
    """Delete an entry and answer 204 with no body."""
    daylog_service.delete_entry(session=session, owner=owner, kind=kind, entry_id=entry_id)
    session.commit()
    return RawResponse(status_code=204)


def _restored(schema: type[P], session: Session, owner: Owner, kind: EntryKind, entry_id: int) -> P:
    """Undo an entry's deletion and answer with the entry, as ``schema``."""
    public = daylog_service.restore_entry(
        session=session, owner=owner, kind=kind, entry_id=entry_id
    )
    session.commit()
    return _as(schema, public)


# ---------------------------------------------------------------------------- days


@router.get("/days/factors", response_model=DailyFactorsPublic)
def api_daily_factors(
    session: SessionDep,
    owner: OwnerDep,
    start: Annotated[IsoDate, Query(alias="from", description="First day, YYYY-MM-DD")],
    end: Annotated[IsoDate, Query(alias="to", description="Last day, YYYY-MM-DD")],
) -> DailyFactorsPublic:
    """The day-log factors of each day (null is unknown, never zero)."""
    factors = daylog_service.daily_factors(session=session, owner=owner, start=start, end=end)
    return DailyFactorsPublic(data={d: DayFactorsPublic(**v) for d, v in factors.items()})


@router.get("/days/{day}/log", response_model=DayViewPublic)
def api_day_log(day: IsoDate, session: SessionDep, owner: OwnerDep) -> DayViewPublic:
    """Everything logged for one day, with its factors, and what the day counts as (``values``:
    with imported values and the caffeine of food and drinks logged)."""
    return dayview.day_view(session=session, owner=owner, day=viewable_day(day, owner))


@router.patch("/days/{day}/log", response_model=DayLogPublic)
def api_update_day(
    day: IsoDate, day_in: DayUpdate, session: SessionDep, owner: OwnerDep
) -> DayLogPublic:
    """Set steps, standing, sitting, massage, heat and the "none today" answers (the entries,
    factors and values of a GET body sent back are ignored)."""
    check_unchanged("day", day_in.day, day, how="a day's date is its address")
    result = daylog_service.update_day(session=session, owner=owner, day=day, day_in=day_in)
    session.commit()
    return result


# ---------------------------------------------------------------------------- entries


@router.get("/activities", response_model=ActivitiesPublic)
def api_list_activities(
    session: SessionDep, owner: OwnerDep, start: FromQuery = None, end: ToQuery = None
) -> ActivitiesPublic:
    """Workouts in a date range, newest first."""
    data = daylog_service.list_activities(session=session, owner=owner, start=start, end=end)
    return ActivitiesPublic(data=data, count=len(data))


@router.post("/activities", response_model=ActivityPublic, status_code=201)
def api_log_activity(
    activity_in: ActivityCreate, session: SessionDep, owner: OwnerDep
) -> ActivityPublic:
    """Log a workout (intensity 0-10 or light, moderate, vigorous)."""
    public = daylog_service.log_activity(session=session, owner=owner, activity_in=activity_in)
    session.commit()
    return public


@router.get("/activities/{entry_id}", response_model=ActivityPublic)
def api_get_activity(entry_id: IdPath, session: SessionDep, owner: OwnerDep) -> ActivityPublic:
    """One workout."""
    return _fetched(ActivityPublic, session, owner, "activity", entry_id)


@router.patch("/activities/{entry_id}", response_model=ActivityPublic)
def api_update_activity(
    entry_id: IdPath, activity_in: ActivityUpdate, session: SessionDep, owner: OwnerDep
) -> ActivityPublic:
    """Change a workout."""
    activity_in = _edited(activity_in, session, owner, "activity", entry_id)
    public = daylog_service.update_activity(
        session=session, owner=owner, activity_id=entry_id, activity_in=activity_in
    )
    session.commit()
    return public


@router.delete("/activities/{entry_id}", status_code=204)
def api_delete_activity(entry_id: IdPath, session: SessionDep, owner: OwnerDep) -> RawResponse:
    """Delete a workout (restorable within the undo window)."""
    return _deleted(session, owner, "activity", entry_id)


@router.post("/activities/{entry_id}/restore", response_model=ActivityPublic)
def api_restore_activity(entry_id: IdPath, session: SessionDep, owner: OwnerDep) -> ActivityPublic:
    """Undo the deletion of a workout."""
    return _restored(ActivityPublic, session, owner, "activity", entry_id)


@router.get("/stretches", response_model=StretchesPublic)
def api_list_stretches(
    session: SessionDep, owner: OwnerDep, start: FromQuery = None, end: ToQuery = None
) -> StretchesPublic:
    """Stretching sessions in a date range, newest first."""
    data = daylog_service.list_stretches(session=session, owner=owner, start=start, end=end)
    return StretchesPublic(data=data, count=len(data))


@router.post("/stretches", response_model=StretchPublic, status_code=201)
def api_log_stretch(
    stretch_in: StretchCreate, session: SessionDep, owner: OwnerDep
) -> StretchPublic:
    """Log a stretching routine (routine name, minutes, time)."""
    public = daylog_service.log_stretch(session=session, owner=owner, stretch_in=stretch_in)
    session.commit()
    return public


@router.get("/stretches/{entry_id}", response_model=StretchPublic)
def api_get_stretch(entry_id: IdPath, session: SessionDep, owner: OwnerDep) -> StretchPublic:
    """One stretching session."""
    return _fetched(StretchPublic, session, owner, "stretch", entry_id)


@router.patch("/stretches/{entry_id}", response_model=StretchPublic)
def api_update_stretch(
    entry_id: IdPath, stretch_in: StretchUpdate, session: SessionDep, owner: OwnerDep
) -> StretchPublic:
    """Change a stretching session."""
    stretch_in = _edited(stretch_in, session, owner, "stretch", entry_id)
    public = daylog_service.update_stretch(
        session=session, owner=owner, stretch_id=entry_id, stretch_in=stretch_in
    )
    session.commit()
    return public


@router.delete("/stretches/{entry_id}", status_code=204)
def api_delete_stretch(entry_id: IdPath, session: SessionDep, owner: OwnerDep) -> RawResponse:
    """Delete a stretching session (restorable within the undo window)."""
    return _deleted(session, owner, "stretch", entry_id)


@router.post("/stretches/{entry_id}/restore", response_model=StretchPublic)
def api_restore_stretch(entry_id: IdPath, session: SessionDep, owner: OwnerDep) -> StretchPublic:
    """Undo the deletion of a stretching session."""
    return _restored(StretchPublic, session, owner, "stretch", entry_id)


@router.get("/alcohol", response_model=AlcoholListPublic)
def api_list_alcohol(
    session: SessionDep, owner: OwnerDep, start: FromQuery = None, end: ToQuery = None
) -> AlcoholListPublic:
    """Alcohol entries in a date range, newest first."""
    data = daylog_service.list_alcohol(session=session, owner=owner, start=start, end=end)
    return AlcoholListPublic(data=data, count=len(data))


@router.post("/alcohol", response_model=AlcoholPublic, status_code=201)
def api_log_alcohol(
    alcohol_in: AlcoholCreate, session: SessionDep, owner: OwnerDep
) -> AlcoholPublic:
    """Log alcoholic drinks (standard units optional)."""
    public = daylog_service.log_alcohol(session=session, owner=owner, alcohol_in=alcohol_in)
    session.commit()
    return public


@router.get("/alcohol/{entry_id}", response_model=AlcoholPublic)
def api_get_alcohol(entry_id: IdPath, session: SessionDep, owner: OwnerDep) -> AlcoholPublic:
    """One alcohol entry."""
    return _fetched(AlcoholPublic, session, owner, "alcohol", entry_id)


@router.patch("/alcohol/{entry_id}", response_model=AlcoholPublic)
def api_update_alcohol(
    entry_id: IdPath, alcohol_in: AlcoholUpdate, session: SessionDep, owner: OwnerDep
) -> AlcoholPublic:
    """Change an alcohol entry."""
    alcohol_in = _edited(alcohol_in, session, owner, "alcohol", entry_id)
    public = daylog_service.update_alcohol(
        session=session, owner=owner, alcohol_id=entry_id, alcohol_in=alcohol_in
    )
    session.commit()
    return public


@router.delete("/alcohol/{entry_id}", status_code=204)
def api_delete_alcohol(entry_id: IdPath, session: SessionDep, owner: OwnerDep) -> RawResponse:
    """Delete an alcohol entry (restorable within the undo window)."""
    return _deleted(session, owner, "alcohol", entry_id)


@router.post("/alcohol/{entry_id}/restore", response_model=AlcoholPublic)
def api_restore_alcohol(entry_id: IdPath, session: SessionDep, owner: OwnerDep) -> AlcoholPublic:
    """Undo the deletion of an alcohol entry."""
    return _restored(AlcoholPublic, session, owner, "alcohol", entry_id)


@router.get("/caffeine", response_model=CaffeineListPublic)
def api_list_caffeine(
    session: SessionDep, owner: OwnerDep, start: FromQuery = None, end: ToQuery = None
) -> CaffeineListPublic:
    """Caffeine entries in a date range, newest first."""
    data = daylog_service.list_caffeine(session=session, owner=owner, start=start, end=end)
    return CaffeineListPublic(data=data, count=len(data))


@router.post("/caffeine", response_model=CaffeinePublic, status_code=201)
def api_log_caffeine(
    caffeine_in: CaffeineCreate, session: SessionDep, owner: OwnerDep
) -> CaffeinePublic:
    """Log caffeine in mg (e.g. coffee 95 mg)."""
    public = daylog_service.log_caffeine(session=session, owner=owner, caffeine_in=caffeine_in)
    session.commit()
    return public


@router.get("/caffeine/{entry_id}", response_model=CaffeinePublic)
def api_get_caffeine(entry_id: IdPath, session: SessionDep, owner: OwnerDep) -> CaffeinePublic:
    """One caffeine entry."""
    return _fetched(CaffeinePublic, session, owner, "caffeine", entry_id)


@router.patch("/caffeine/{entry_id}", response_model=CaffeinePublic)
def api_update_caffeine(
    entry_id: IdPath, caffeine_in: CaffeineUpdate, session: SessionDep, owner: OwnerDep
) -> CaffeinePublic:
    """Change a caffeine entry."""
    caffeine_in = _edited(caffeine_in, session, owner, "caffeine", entry_id)
    public = daylog_service.update_caffeine(
        session=session, owner=owner, caffeine_id=entry_id, caffeine_in=caffeine_in
    )
    session.commit()
    return public


@router.delete("/caffeine/{entry_id}", status_code=204)
def api_delete_caffeine(entry_id: IdPath, session: SessionDep, owner: OwnerDep) -> RawResponse:
    """Delete a caffeine entry (restorable within the undo window)."""
    return _deleted(session, owner, "caffeine", entry_id)


@router.post("/caffeine/{entry_id}/restore", response_model=CaffeinePublic)
def api_restore_caffeine(entry_id: IdPath, session: SessionDep, owner: OwnerDep) -> CaffeinePublic:
    """Undo the deletion of a caffeine entry."""
    return _restored(CaffeinePublic, session, owner, "caffeine", entry_id)


@router.get("/sleep", response_model=SleepListPublic)
def api_list_sleep(
    session: SessionDep, owner: OwnerDep, start: FromQuery = None, end: ToQuery = None
) -> SleepListPublic:
    """Sleep entries ending on the days of a range, newest first."""
    data = daylog_service.list_sleep(session=session, owner=owner, start=start, end=end)
    return SleepListPublic(data=data, count=len(data))


@router.post("/sleep", response_model=SleepPublic, status_code=201)
def api_log_sleep(sleep_in: SleepCreate, session: SessionDep, owner: OwnerDep) -> SleepPublic:
    """Log a sleep (bedtime and wake time); it belongs to the day it ends in."""
    public = daylog_service.log_sleep(session=session, owner=owner, sleep_in=sleep_in)
    public = _sleep_on_day(public, sleep_in.day)
    session.commit()
    return public


@router.get("/sleep/{entry_id}", response_model=SleepPublic)
def api_get_sleep(entry_id: IdPath, session: SessionDep, owner: OwnerDep) -> SleepPublic:
    """One sleep entry."""
    return _fetched(SleepPublic, session, owner, "sleep", entry_id)


@router.patch("/sleep/{entry_id}", response_model=SleepPublic)
def api_update_sleep(
    entry_id: IdPath, sleep_in: SleepUpdate, session: SessionDep, owner: OwnerDep
) -> SleepPublic:
    """Change a sleep entry."""
    sleep_in = _edited(sleep_in, session, owner, "sleep", entry_id, keep_with={})
    public = daylog_service.update_sleep(
        session=session, owner=owner, sleep_id=entry_id, sleep_in=sleep_in
    )
    public = _sleep_on_day(public, sleep_in.day)
    session.commit()
    return public


@router.delete("/sleep/{entry_id}", status_code=204)
def api_delete_sleep(entry_id: IdPath, session: SessionDep, owner: OwnerDep) -> RawResponse:
    """Delete a sleep entry (restorable within the undo window)."""
    return _deleted(session, owner, "sleep", entry_id)


@router.post("/sleep/{entry_id}/restore", response_model=SleepPublic)
def api_restore_sleep(entry_id: IdPath, session: SessionDep, owner: OwnerDep) -> SleepPublic:
    """Undo the deletion of a sleep entry."""
    return _restored(SleepPublic, session, owner, "sleep", entry_id)


@router.get("/medicines", response_model=MedicinesPublic)
def api_list_medicines(session: SessionDep, owner: OwnerDep) -> MedicinesPublic:
    """Your medicines with the drug classes associated with cramps, current ones first."""
    data = daylog_service.list_medicines(session=session, owner=owner)
    return MedicinesPublic(data=data, count=len(data))


@router.get("/medicines/check", response_model=MedicineCheckPublic)
def api_check_medicine(
    name: Annotated[str, Query(min_length=1, max_length=200, description="As typed.")],
) -> MedicineCheckPublic:
    """Which drug classes associated with cramps a medicine name belongs to (nothing stored)."""
    return daylog_service.check_medicine(name)


@router.post("/medicines", response_model=MedicinePublic, status_code=201)
def api_add_medicine(
    medicine_in: MedicineCreate, session: SessionDep, owner: OwnerDep
) -> MedicinePublic:
    """Add a medicine with dose and dates; the answer lists the classes recognised."""
    public = daylog_service.add_medicine(session=session, owner=owner, medicine_in=medicine_in)
    session.commit()
    return public


@router.get("/medicines/{entry_id}", response_model=MedicinePublic)
def api_get_medicine(entry_id: IdPath, session: SessionDep, owner: OwnerDep) -> MedicinePublic:
    """One medicine."""
    return _fetched(MedicinePublic, session, owner, "medicine", entry_id)


@router.patch("/medicines/{entry_id}", response_model=MedicinePublic)
def api_update_medicine(
    entry_id: IdPath, medicine_in: MedicineUpdate, session: SessionDep, owner: OwnerDep
) -> MedicinePublic:
    """Change a medicine's name, dose, dates or notes."""
    medicine_in = _edited(medicine_in, session, owner, "medicine", entry_id)
    public = daylog_service.update_medicine(
        session=session, owner=owner, medicine_id=entry_id, medicine_in=medicine_in
    )
    session.commit()
    return public


@router.post("/medicines/{entry_id}/stop", response_model=MedicinePublic)
def api_stop_medicine(
    entry_id: IdPath, stop_in: MedicineStop, session: SessionDep, owner: OwnerDep
) -> MedicinePublic:
    """Record the last day taken (default today). Change medicines only with your prescriber."""
    public = daylog_service.stop_medicine(
        session=session, owner=owner, medicine_id=entry_id, stopped_on=stop_in.stopped_on
    )
    session.commit()
    return public


@router.delete("/medicines/{entry_id}", status_code=204)
def api_delete_medicine(entry_id: IdPath, session: SessionDep, owner: OwnerDep) -> RawResponse:
    """Delete a medicine entry (restorable within the undo window)."""
    return _deleted(session, owner, "medicine", entry_id)


@router.post("/medicines/{entry_id}/restore", response_model=MedicinePublic)
def api_restore_medicine(entry_id: IdPath, session: SessionDep, owner: OwnerDep) -> MedicinePublic:
    """Undo the deletion of a medicine entry."""
    return _restored(MedicinePublic, session, owner, "medicine", entry_id)
