"""The Today page's forms: caffeine, alcohol, a workout, steps with standing and sitting, and
last night's sleep. A refused form shows the page again with what to fix and the values typed."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel

from nightcramps.daylog import service as daylog_service
from nightcramps.daylog.routes._common import fields_to_fix, status_of, undo_create, viewable_day
from nightcramps.daylog.routes.today import render_today
from nightcramps.daylog.schemas import (
    ActivityCreate,
    AlcoholCreate,
    CaffeineCreate,
    DayUpdate,
    SleepCreate,
    SleepUpdate,
)
from nightcramps.errors import Conflict, Invalid
from nightcramps.owner import Owner
from nightcramps.web.deps import CurrentPerson, OwnerDep, SessionDep
from nightcramps.web.pages import flash, parse_form, redirect

router = APIRouter()


async def _form_entry(
    request: Request,
    session: Any,
    owner: Owner,
    person: Any,
    day: date,
    *,
    name: str,
    model: type[BaseModel],
    data: dict[str, Any],
    save: Any,
) -> Response:
    """Validate a form into ``model`` and ``save`` it, or show the page with what to fix."""
    parsed, problems = parse_form(model, data)
    status = 422
    refusal: str | None = None
    if parsed is not None:
        try:
            message, undo = save(parsed)
        except (Invalid, Conflict) as exc:
            session.rollback()
            problems = fields_to_fix(exc, name)
            status = status_of(exc)
            refusal = exc.message
        else:
            session.commit()
            flash(request, message, undo=undo)
            return redirect(f"/today/{day.isoformat()}")
    form = await request.form()
    return render_today(
        request,
        session,
        owner,
        person,
        viewable_day(day, owner),
        failed=name,
        errors=problems,
        values={k: form.get(k) for k in form},
        message=refusal,
        status_code=status,
    )


def _at(day: date, clock_text: str, owner: Owner) -> datetime | str | None:
    """A clock time typed on the page, placed on ``day`` (before 04:00: the morning after)."""
    text = clock_text.strip()
    if not text:
        return None
    try:
        clock = time.fromisoformat(text)
    except ValueError:
        return text  # validation reports it as a malformed time
    on = day + timedelta(days=1) if clock.hour < daylog_service.day_start_hour(owner) else day
    return datetime.combine(on, clock, tzinfo=owner.tz)


@router.post("/today/{day}/caffeine")
async def form_caffeine(
    request: Request, day: date, session: SessionDep, owner: OwnerDep, person: CurrentPerson
) -> Response:
    """Caffeine in mg, entered directly."""
    form = await request.form()
    data = {
        "day": day,
        "caffeine_mg": form.get("caffeine_mg") or None,
        "source": form.get("source") or "",
    }

    def save(caffeine_in: CaffeineCreate) -> tuple[str, str]:
        entry = daylog_service.log_caffeine(session=session, owner=owner, caffeine_in=caffeine_in)
        return f"Logged: {entry.caffeine_mg:g} mg caffeine.", undo_create("caffeine", entry.id)

    return await _form_entry(
        request, session, owner, person, day, name="caffeine", model=CaffeineCreate,
        data=data, save=save,
    )  # fmt: skip


@router.post("/today/{day}/alcohol")
async def form_alcohol(
    request: Request, day: date, session: SessionDep, owner: OwnerDep, person: CurrentPerson
) -> Response:
    """Alcoholic drinks with standard units and kind."""
    form = await request.form()
    data = {
        "day": day,
        "drinks": form.get("drinks") or None,
        "standard_units": form.get("standard_units") or None,
        "kind": form.get("kind") or "",
    }

    def save(alcohol_in: AlcoholCreate) -> tuple[str, str]:
        entry = daylog_service.log_alcohol(session=session, owner=owner, alcohol_in=alcohol_in)
        return f"Logged: {entry.drinks:g} drink(s).", undo_create("alcohol", entry.id)

    return await _form_entry(
        request, session, owner, person, day, name="alcohol", model=AlcoholCreate,
        data=data, save=save,
    )  # fmt: skip


@router.post("/today/{day}/workout")
async def form_workout(
    request: Request, day: date, session: SessionDep, owner: OwnerDep, person: CurrentPerson
) -> Response:
    """A workout: type, minutes, effort."""
    form = await request.form()
    data: dict[str, Any] = {
        "day": day,
        "activity_type": form.get("activity_type") or None,
        "duration_min": form.get("duration_min") or None,
        "intensity_0_10": form.get("intensity_0_10") or None,
        "notes": form.get("notes") or "",
    }
    at = _at(day, str(form.get("time") or ""), owner)
    if at is not None:
        data["at"] = at
        data.pop("day")

    def save(activity_in: ActivityCreate) -> tuple[str, str]:
        entry = daylog_service.log_activity(session=session, owner=owner, activity_in=activity_in)
        return (
            f"Logged: {entry.activity_type}, {entry.duration_min:g} min ({entry.effort}).",
            undo_create("activity", entry.id),
        )

    return await _form_entry(
        request, session, owner, person, day, name="workout", model=ActivityCreate,
        data=data, save=save,
    )  # fmt: skip


@router.post("/today/{day}/day")
async def form_day(
    request: Request, day: date, session: SessionDep, owner: OwnerDep, person: CurrentPerson
) -> Response:
    """Steps and long standing or sitting (an emptied box clears the value)."""
    form = await request.form()
    data = {
        "steps": form.get("steps") or None,
        "standing_h": form.get("standing_h") or None,
        "sitting_h": form.get("sitting_h") or None,
    }

    def save(day_in: DayUpdate) -> tuple[str, None]:
        daylog_service.update_day(session=session, owner=owner, day=day, day_in=day_in)
        return "Saved steps, standing and sitting.", None

    return await _form_entry(
        request, session, owner, person, day, name="day", model=DayUpdate, data=data, save=save
    )


@router.post("/today/{day}/sleep")
async def form_sleep(
    request: Request, day: date, session: SessionDep, owner: OwnerDep, person: CurrentPerson
) -> Response:
    """Last night's sleep: bedtime and wake time (the wake time is on this day)."""
    form = await request.form()
    bed_text = str(form.get("bed_time") or "").strip()
    wake_text = str(form.get("wake_time") or "").strip()
    data: dict[str, Any] = {"bed_at": bed_text or None, "wake_at": wake_text or None}
    try:
        wake_clock, bed_clock = time.fromisoformat(wake_text), time.fromisoformat(bed_text)
    except ValueError:
        pass  # validation names the malformed or missing time
    else:
        wake = datetime.combine(day, wake_clock, tzinfo=owner.tz)
        bed_day = day - timedelta(days=1) if bed_clock >= wake_clock else day
        data = {"bed_at": datetime.combine(bed_day, bed_clock, tzinfo=owner.tz), "wake_at": wake}
    existing = daylog_service.list_sleep(session=session, owner=owner, start=day, end=day)

    def save(sleep_in: SleepCreate) -> tuple[str, str | None]:
        if existing:
            entry = daylog_service.update_sleep(
                session=session,
                owner=owner,
                sleep_id=existing[0].id,
                sleep_in=SleepUpdate(bed_at=sleep_in.bed_at, wake_at=sleep_in.wake_at),
            )
            return f"Sleep changed: {entry.sleep_h:g} hours.", None
        entry = daylog_service.log_sleep(session=session, owner=owner, sleep_in=sleep_in)
        return f"Logged: {entry.sleep_h:g} hours of sleep.", undo_create("sleep", entry.id)

    return await _form_entry(
        request, session, owner, person, day, name="sleep", model=SleepCreate, data=data, save=save
    )
