"""One entry of the day page: change it, delete it (with undo), log it again, star it; and
repeat a meal of the day before."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request, Response

from nightcramps.errors import Invalid, NightcrampsError
from nightcramps.nutrition import constants as c
from nightcramps.nutrition import service as nutrition_service
from nightcramps.nutrition import shortcuts
from nightcramps.nutrition.forms import EDIT_FORM
from nightcramps.nutrition.routes._common import day_moment, target_day
from nightcramps.nutrition.schemas import IntakeEntryPublic, IntakeUpdate
from nightcramps.owner import Owner
from nightcramps.web.deps import IdPath, OwnerDep, SessionDep
from nightcramps.web.forms import on_page
from nightcramps.web.pages import flash, parse_form, redirect, render

router = APIRouter()


@router.get("/intake/{entry_id}/edit")
def edit_entry(
    request: Request, entry_id: IdPath, session: SessionDep, owner: OwnerDep
) -> Response:
    """The form to change an entry's amount, food, time or meal."""
    entry = nutrition_service.get_entry(session=session, owner=owner, entry_id=entry_id)
    return _edit_page(request, IntakeEntryPublic.model_validate(entry), owner)


def _edit_page(
    request: Request,
    entry: IntakeEntryPublic,
    owner: Owner,
    *,
    error: str = "",
    values: dict[str, str] | None = None,
) -> Response:
    context = {
        "entry": entry,
        "meals": c.MEALS,
        "tz": str(owner.tz),
        "error": error,
        "values": values or {},
    }
    return render(request, "nutrition/edit_entry.html", context, status_code=422 if error else 200)


def _changes(values: dict[str, str], original: IntakeEntryPublic) -> dict[str, Any]:
    """What the edit form asks to change: a new description looks the food up again, else a
    new quantity rescales the amount (of an entry that has one)."""
    data: dict[str, Any] = {"meal": values["meal"] or None}
    if values["phrase"].strip():
        data["phrase"] = values["phrase"].strip()
    elif values["quantity"] and original.quantity is not None:
        data["quantity"] = values["quantity"]
    return data


@router.post("/intake/{entry_id}/edit")
async def save_entry(
    request: Request, entry_id: IdPath, session: SessionDep, owner: OwnerDep
) -> Response:
    """Save changes to an entry; a refused change leaves it as it was."""
    form = await request.form()
    values = {k: str(form.get(k) or "") for k in ("quantity", "phrase", "time", "meal")}
    entry = nutrition_service.get_entry(session=session, owner=owner, entry_id=entry_id)
    original = IntakeEntryPublic.model_validate(entry)
    data = _changes(values, original)
    try:
        data["at"] = day_moment(original.day, values["time"], owner) if values["time"] else None
        entry_in, problems = parse_form(IntakeUpdate, {k: v for k, v in data.items() if v})
        if entry_in is None:
            raise Invalid(" ".join(on_page(EDIT_FORM, problems).values()), fields=problems)
        updated = nutrition_service.update_entry(
            session=session, owner=owner, entry_id=entry_id, entry_in=entry_in
        )
    except NightcrampsError as exc:
        session.rollback()
        return _edit_page(request, original, owner, error=exc.message, values=values)
    flash(request, f"Changed to {updated.description}.")
    return redirect(f"/day/{updated.day.isoformat()}")


@router.post("/intake/{entry_id}/delete")
def remove_entry(
    request: Request, entry_id: IdPath, session: SessionDep, owner: OwnerDep
) -> Response:
    """Delete an entry, with an undo button on the next page."""
    entry = nutrition_service.delete_entry(session=session, owner=owner, entry_id=entry_id)
    flash(request, f"Deleted {entry.description}.", undo=f"/intake/{entry_id}/restore")
    return redirect(f"/day/{entry.day.isoformat()}")


@router.post("/intake/{entry_id}/restore")
def undo_remove_entry(
    request: Request, entry_id: IdPath, session: SessionDep, owner: OwnerDep
) -> Response:
    """Undo an entry's deletion."""
    entry = nutrition_service.restore_entry(session=session, owner=owner, entry_id=entry_id)
    flash(request, f"Restored {entry.description}.")
    return redirect(f"/day/{entry.day.isoformat()}")


@router.post("/intake/{entry_id}/again")
async def again(
    request: Request, entry_id: IdPath, session: SessionDep, owner: OwnerDep
) -> Response:
    """One tap: log a recent item again (now today, noon on another day)."""
    day, at = await target_day(request, owner)
    entry = shortcuts.relog_entry(session=session, owner=owner, entry_id=entry_id, at=at)
    flash(request, f"Logged {entry.description} again.", undo=f"/intake/{entry.id}/delete")
    return redirect(f"/day/{day.isoformat()}")


@router.post("/intake/{entry_id}/favourite")
def star(request: Request, entry_id: IdPath, session: SessionDep, owner: OwnerDep) -> Response:
    """Keep an entry's item among the favourites."""
    entry = nutrition_service.get_entry(session=session, owner=owner, entry_id=entry_id)
    shortcuts.add_favourite(session=session, owner=owner, entry_id=entry_id)
    flash(request, f"Added {entry.description} to your favourites.")
    return redirect(f"/day/{entry.day.isoformat()}")


@router.post("/day/{day}/repeat")
async def repeat(request: Request, day: date, session: SessionDep, owner: OwnerDep) -> Response:
    """One tap: log again the entries of a meal from the day before."""
    form = await request.form()
    meal = str(form.get("meal") or "")
    copies = shortcuts.repeat_meal(session=session, owner=owner, meal=meal, to_day=day)
    flash(request, f"Logged yesterday's {meal} again ({len(copies)} item(s)).")
    return redirect(f"/day/{day.isoformat()}")
