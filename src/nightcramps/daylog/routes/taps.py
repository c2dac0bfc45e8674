"""The Today page's one-tap buttons: stretched before bed, "none today" answers, massage or
heat, a coffee, a drink. Each logs at once and flashes an undo."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request, Response

from nightcramps.dailyvalues import service as dailyvalues_service
from nightcramps.daylog import service as daylog_service
from nightcramps.daylog.constants import COFFEE_CUP_CAFFEINE_MG
from nightcramps.daylog.routes._common import fields_to_fix, status_of, undo_create, viewable_day
from nightcramps.daylog.routes.today import NONE_ANSWERS, render_today
from nightcramps.daylog.schemas import AlcoholCreate, CaffeineCreate, DayUpdate, StretchCreate
from nightcramps.errors import Conflict, Invalid
from nightcramps.owner import Owner
from nightcramps.web.deps import CurrentPerson, OwnerDep, SessionDep
from nightcramps.web.pages import flash, redirect

router = APIRouter()

ONE_TAP_ROUTINE = "bedtime stretches"
"""The routine name logged by the one-tap "stretched before bed" button."""

REMEDIES = {"massage": "massage_used", "heat": "heat_used"}


async def _one_tap(
    request: Request,
    session: Any,
    owner: Owner,
    person: Any,
    day: date,
    action: Any,
    *,
    field: str,
) -> Response:
    """Run ``action``; on success flash and go back, on refusal show the page with the reason."""
    try:
        message, undo = action()
    except (Invalid, Conflict) as exc:
        session.rollback()
        return render_today(
            request,
            session,
            owner,
            person,
            viewable_day(day, owner),
            failed=field,
            errors=fields_to_fix(exc, field),
            message=exc.message,
            status_code=status_of(exc),
        )
    flash(request, message, undo=undo)
    return redirect(f"/today/{day.isoformat()}")


@router.post("/today/{day}/stretched")
async def tap_stretched(
    request: Request, day: date, session: SessionDep, owner: OwnerDep, person: CurrentPerson
) -> Response:
    """One tap: stretched before bed."""

    def action() -> tuple[str, str]:
        stretch = daylog_service.log_stretch(
            session=session, owner=owner, stretch_in=StretchCreate(routine=ONE_TAP_ROUTINE, day=day)
        )
        return "Logged: stretched before bed.", undo_create(daylog_service.STRETCH.key, stretch.id)

    return await _one_tap(request, session, owner, person, day, action, field="stretch")


@router.post("/today/{day}/none/{what}")
async def tap_none(
    request: Request,
    day: date,
    what: str,
    session: SessionDep,
    owner: OwnerDep,
    person: CurrentPerson,
) -> Response:
    """One tap: none today (no stretching, rest day, no alcohol, no caffeine)."""
    if what not in NONE_ANSWERS:
        raise Invalid(f"Answer one of: {', '.join(NONE_ANSWERS)}.")
    flag, label = NONE_ANSWERS[what]

    def action() -> tuple[str, str | None]:
        dailyvalues_service.update_day(
            session=session, owner=owner, day=day, day_in=DayUpdate.model_validate({flag: True})
        )
        return f"Logged: {label.lower()}.", None

    return await _one_tap(request, session, owner, person, day, action, field=flag)


@router.post("/today/{day}/remedy/{what}")
async def tap_remedy(
    request: Request,
    day: date,
    what: str,
    session: SessionDep,
    owner: OwnerDep,
    person: CurrentPerson,
) -> Response:
    """One tap: massage or heat used today."""
    if what not in REMEDIES:
        raise Invalid("Answer massage or heat.")

    def action() -> tuple[str, str | None]:
        dailyvalues_service.update_day(
            session=session,
            owner=owner,
            day=day,
            day_in=DayUpdate.model_validate({REMEDIES[what]: True}),
        )
        return f"Logged: {what} used.", None

    return await _one_tap(request, session, owner, person, day, action, field=REMEDIES[what])


@router.post("/today/{day}/coffee")
async def tap_coffee(
    request: Request, day: date, session: SessionDep, owner: OwnerDep, person: CurrentPerson
) -> Response:
    """One tap: a cup of brewed coffee (95 mg caffeine)."""

    def action() -> tuple[str, str]:
        kind = daylog_service.CAFFEINE
        coffee = CaffeineCreate(caffeine_mg=COFFEE_CUP_CAFFEINE_MG, source="coffee", day=day)
        entry = daylog_service.log_entry(session=session, owner=owner, kind=kind, entry_in=coffee)
        return f"Logged: a coffee ({COFFEE_CUP_CAFFEINE_MG} mg).", undo_create(kind.key, entry.id)

    return await _one_tap(request, session, owner, person, day, action, field="caffeine_mg")


@router.post("/today/{day}/drink")
async def tap_drink(
    request: Request, day: date, session: SessionDep, owner: OwnerDep, person: CurrentPerson
) -> Response:
    """One tap: one alcoholic drink."""

    def action() -> tuple[str, str]:
        kind = daylog_service.ALCOHOL
        drink = AlcoholCreate(drinks=1, day=day)
        entry = daylog_service.log_entry(session=session, owner=owner, kind=kind, entry_in=drink)
        return "Logged: one drink.", undo_create(kind.key, entry.id)

    return await _one_tap(request, session, owner, person, day, action, field="drinks")
