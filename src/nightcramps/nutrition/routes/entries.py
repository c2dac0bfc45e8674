"""One entry of the day page: change it, delete it (with undo), log it again, star it; and
repeat a meal of the day before."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request, Response

from nightcramps.errors import Invalid, NightcrampsError
from nightcramps.nutrition import choices, shortcuts
from nightcramps.nutrition import constants as c
from nightcramps.nutrition import service as nutrition_service
from nightcramps.nutrition.forms import EDIT_FORM
from nightcramps.nutrition.routes._common import day_moment, target_day
from nightcramps.nutrition.schemas import IntakeCreate, IntakeEntryPublic, IntakeUpdate
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
    error: NightcrampsError | None = None,
    values: dict[str, str] | None = None,
) -> Response:
    context: dict[str, Any] = {
        "entry": entry,
        "meals": c.MEALS,
        "tz": str(owner.tz),
        "error": error.message if error else "",
        "values": values or {},
    }
    if error is not None:
        context.update(_offers(error, (values or {}).get("phrase", "")))
    return render(request, "nutrition/edit_entry.html", context, status_code=422 if error else 200)


def _offers(error: NightcrampsError, phrase: str) -> dict[str, Any]:
    """What a refused change offers as buttons, as the day page does for a new entry: the foods
    the description may be, or the measures of the food found (a measure it lacks)."""
    measure_food = choices.measure_choice(error)
    if measure_food is not None:
        return {
            "measure_food": measure_food,
            "quantity": choices.typed_quantity(phrase),
            "error": choices.measure_question(error, measure_food),
        }
    offered = choices.offered(error)
    if not offered:
        return {}
    if error.fields.get("phrase") == choices.UNSURE:
        said = f"Not sure which food {phrase!r} is, so the entry is unchanged. Which did you mean?"
    else:
        said = f"No food matches all of {phrase!r}, so the entry is unchanged. Did you mean one?"
    return {"food_choices": offered, "error": said}


def _chosen(values: dict[str, str], original: IntakeEntryPublic) -> dict[str, Any] | None:
    """What a button of a refused change sends, as ``IntakeCreate`` reads it: the description
    typed, read as the food tapped; or a measure of the food tapped, times the quantity."""
    kind = None if original.kind == "supplement" else original.kind
    if values["pick"] and values["phrase"].strip():
        return {
            "description": values["phrase"].strip(),
            "food": {"id": values["pick"]},
            "kind": kind,
        }
    if values["food_id"] and values["unit"]:
        quantity = values["quantity"] or 1
        return {
            "food_id": values["food_id"],
            "quantity": quantity,
            "unit": values["unit"],
            "kind": kind,
        }
    return None


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
    keys = ("quantity", "phrase", "time", "meal", "pick", "food_id", "unit")
    values = {k: str(form.get(k) or "") for k in keys}
    entry = nutrition_service.get_entry(session=session, owner=owner, entry_id=entry_id)
    original = IntakeEntryPublic.model_validate(entry)
    tapped = _chosen(values, original)
    data: dict[str, Any] = {"meal": values["meal"] or None}
    if tapped is None:
        data = _changes(values, original)
    try:
        data["at"] = day_moment(original.day, values["time"], owner) if values["time"] else None
        entry_in, problems = parse_form(IntakeUpdate, {k: v for k, v in data.items() if v})
        chosen = None
        if entry_in is not None and tapped is not None:
            chosen, problems = parse_form(IntakeCreate, {k: v for k, v in tapped.items() if v})
        if entry_in is None or (tapped is not None and chosen is None):
            raise Invalid(" ".join(on_page(EDIT_FORM, problems).values()), fields=problems)
        updated = nutrition_service.update_entry(
            session=session, owner=owner, entry_id=entry_id, entry_in=entry_in, chosen=chosen
        )
    except NightcrampsError as exc:
        session.rollback()
        return _edit_page(request, original, owner, error=exc, values=values)
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
