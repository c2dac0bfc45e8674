"""The nutrition JSON API under /api/v1: intake entries, favourites, a day's totals and the
targets. (The person's own foods and supplements are in ``catalogue_api``.)

Routes are matched in the order written: ``/intake/recent`` comes before ``/intake/{entry_id}``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse
from fastapi.responses import Response as RawResponse

from nightcramps.errors import Invalid, NotFound
from nightcramps.inputs import IsoDate, changes_to, check_unchanged
from nightcramps.nutrition import choices, shortcuts
from nightcramps.nutrition import service as nutrition_service
from nightcramps.nutrition.models import IntakeEntry
from nightcramps.nutrition.schemas import (
    DayPublic,
    FavouriteCreate,
    FavouriteLog,
    FavouritePublic,
    FavouritesPublic,
    IntakeCreate,
    IntakeEntryPublic,
    IntakeList,
    IntakeLogged,
    IntakeProblem,
    IntakeUpdate,
    RepeatMeal,
    TargetNutrient,
    TargetOverrideIn,
    TargetsPublic,
)
from nightcramps.web.deps import IdPath, OwnerDep, SessionDep
from nightcramps.web.errors import status_for

router = APIRouter()


def _listed(entries: Sequence[IntakeEntry]) -> IntakeList:
    data = [IntakeEntryPublic.model_validate(e) for e in entries]
    return IntakeList(data=data, count=len(data))


def _on_day(entry: IntakeEntry | IntakeLogged, day: date | None) -> None:
    """Refuse ``entry`` (so nothing is stored) when the ``day`` sent is not its day."""
    if day is not None and day != entry.day:
        raise Invalid(
            f"This entry is on {entry.day.isoformat()}, not {day.isoformat()}: its day follows "
            "eaten_at. Leave day out, or fix eaten_at.",
            fields={"day": "does not match eaten_at"},
        )


def _intake_changes(entry_in: IntakeUpdate, stored: IntakeEntryPublic) -> IntakeUpdate:
    """What a change sends that differs from the stored entry; what it cannot change (the kind,
    source, unit and food) must be sent as stored, if at all."""
    how = "delete the entry and log it again, or give a new description to look the food up"
    check_unchanged("id", entry_in.id, stored.id, how="send the change to that entry's address")
    check_unchanged("kind", entry_in.kind, stored.kind, how=how)
    check_unchanged("source", entry_in.source, stored.source, how=how)
    check_unchanged("unit", entry_in.unit, stored.unit, how=f"give quantity in it, or {how}")
    food_id = None if entry_in.food is None else entry_in.food.id
    check_unchanged("food.id", food_id, stored.food.id, how=how)
    return changes_to(entry_in, stored, keep_with={"day": ["at"]})


# ---------------------------------------------------------------------------- intake


@router.post(
    "/intake",
    response_model=IntakeLogged,
    status_code=201,
    responses={
        404: {
            "model": IntakeProblem,
            "description": "No food matches the description; alternatives are the nearest.",
        },
        422: {
            "model": IntakeProblem,
            "description": "Not logged: the input is not valid, or the description was not sure "
            "which food it meant (alternatives: send it again with the food meant), or named a "
            "measure the food lacks (alternatives: the food with its measures).",
        },
    },
)
def api_log_intake(
    intake_in: IntakeCreate, session: SessionDep, owner: OwnerDep
) -> IntakeLogged | JSONResponse:
    """Log food, drink or a supplement dose (a description to look up, or a food with its
    amount, as an entry's GET body has them); the answer carries the day's warnings.

    A description the food database is not sure of is not logged: the 422 lists the foods it
    may be (``alternatives``, each with its first measures); send the description again with
    ``food`` ``{"id"}`` of the one meant, and its amount is read for that food."""
    try:
        answer = nutrition_service.log_intake_answer(
            session=session, owner=owner, intake_in=intake_in
        )
    except (NotFound, Invalid) as exc:
        problem = choices.problem(exc)
        if not problem.alternatives:
            raise  # the one error body of every API error
        session.rollback()
        return JSONResponse(problem.model_dump(), status_code=status_for(exc))
    _on_day(answer, intake_in.day)
    return answer


@router.get("/intake", response_model=IntakeList)
def api_list_intake(
    session: SessionDep,
    owner: OwnerDep,
    start: Annotated[
        IsoDate | None, Query(alias="from", description="First day, YYYY-MM-DD")
    ] = None,
    end: Annotated[IsoDate | None, Query(alias="to", description="Last day, YYYY-MM-DD")] = None,
) -> IntakeList:
    """Entries from one day to another (default: today), oldest first."""
    today = nutrition_service.today(owner=owner)
    entries = nutrition_service.list_entries(
        session=session, owner=owner, start=start or end or today, end=end or start or today
    )
    return _listed(entries)


@router.post("/intake/repeat", response_model=IntakeList, status_code=201)
def api_repeat_meal(repeat_in: RepeatMeal, session: SessionDep, owner: OwnerDep) -> IntakeList:
    """Log again the entries of one meal of an earlier day (default: yesterday → today)."""
    copies = shortcuts.repeat_meal(
        session=session,
        owner=owner,
        meal=repeat_in.meal,
        from_day=repeat_in.from_day,
        to_day=repeat_in.to_day,
    )
    return _listed(copies)


@router.get("/intake/recent", response_model=IntakeList)
def api_recent_intake(
    session: SessionDep,
    owner: OwnerDep,
    limit: Annotated[int, Query(ge=1, le=50, description="How many distinct items.")] = 8,
) -> IntakeList:
    """The latest distinct items logged, newest first (log one again: POST .../again)."""
    return _listed(shortcuts.recent_entries(session=session, owner=owner, limit=limit))


@router.post("/intake/{entry_id}/again", response_model=IntakeLogged, status_code=201)
def api_log_again(
    entry_id: IdPath, again_in: FavouriteLog, session: SessionDep, owner: OwnerDep
) -> IntakeLogged:
    """Log an entry's item again, now or at ``at``."""
    entry = shortcuts.relog_entry(session=session, owner=owner, entry_id=entry_id, at=again_in.at)
    return nutrition_service.logged_entry(session=session, owner=owner, entry=entry)


# ---------------------------------------------------------------------------- favourites


@router.get("/favourites", response_model=FavouritesPublic)
def api_list_favourites(session: SessionDep, owner: OwnerDep) -> FavouritesPublic:
    """Your favourites, by description."""
    favourites = shortcuts.list_favourites(session=session, owner=owner)
    data = [FavouritePublic.model_validate(f) for f in favourites]
    return FavouritesPublic(data=data, count=len(data))


@router.post("/favourites", response_model=FavouritePublic, status_code=201)
def api_add_favourite(
    favourite_in: FavouriteCreate, session: SessionDep, owner: OwnerDep
) -> FavouritePublic:
    """Star a logged entry's item (starring the same item twice keeps one favourite)."""
    favourite = shortcuts.add_favourite(
        session=session, owner=owner, entry_id=favourite_in.entry_id
    )
    return FavouritePublic.model_validate(favourite)


@router.post("/favourites/{favourite_id}/log", response_model=IntakeLogged, status_code=201)
def api_log_favourite(
    favourite_id: IdPath, log_in: FavouriteLog, session: SessionDep, owner: OwnerDep
) -> IntakeLogged:
    """Log a favourite, now or at ``at``."""
    entry = shortcuts.log_favourite(
        session=session, owner=owner, favourite_id=favourite_id, at=log_in.at
    )
    return nutrition_service.logged_entry(session=session, owner=owner, entry=entry)


@router.delete("/favourites/{favourite_id}", status_code=204)
def api_remove_favourite(favourite_id: IdPath, session: SessionDep, owner: OwnerDep) -> RawResponse:
    """Remove a favourite (what was logged from it stays)."""
    shortcuts.remove_favourite(session=session, owner=owner, favourite_id=favourite_id)
    return RawResponse(status_code=204)


# ---------------------------------------------------------------------------- one entry


@router.get("/intake/{entry_id}", response_model=IntakeEntryPublic)
def api_get_intake(entry_id: IdPath, session: SessionDep, owner: OwnerDep) -> IntakeEntryPublic:
    """One entry."""
    entry = nutrition_service.get_entry(session=session, owner=owner, entry_id=entry_id)
    return IntakeEntryPublic.model_validate(entry)


@router.patch("/intake/{entry_id}", response_model=IntakeLogged)
def api_update_intake(
    entry_id: IdPath, entry_in: IntakeUpdate, session: SessionDep, owner: OwnerDep
) -> IntakeLogged:
    """Change an entry's time, meal, amount (nutrients scale) or food (a new description). A
    GET body may be sent back with fields edited: the fields sent as they are stay as they are."""
    stored = IntakeEntryPublic.model_validate(
        nutrition_service.get_entry(session=session, owner=owner, entry_id=entry_id)
    )
    entry_in = _intake_changes(entry_in, stored)
    entry = nutrition_service.update_entry(
        session=session, owner=owner, entry_id=entry_id, entry_in=entry_in
    )
    _on_day(entry, entry_in.day)
    return nutrition_service.logged_entry(session=session, owner=owner, entry=entry)


@router.delete("/intake/{entry_id}", status_code=204)
def api_delete_intake(entry_id: IdPath, session: SessionDep, owner: OwnerDep) -> RawResponse:
    """Delete an entry (POST .../restore brings it back)."""
    nutrition_service.delete_entry(session=session, owner=owner, entry_id=entry_id)
    return RawResponse(status_code=204)


@router.post("/intake/{entry_id}/restore", response_model=IntakeEntryPublic)
def api_restore_intake(entry_id: IdPath, session: SessionDep, owner: OwnerDep) -> IntakeEntryPublic:
    """Undo the deletion of an entry."""
    entry = nutrition_service.restore_entry(session=session, owner=owner, entry_id=entry_id)
    return IntakeEntryPublic.model_validate(entry)


# ---------------------------------------------------------------------------- days and targets


@router.get("/days/{day}", response_model=DayPublic)
def api_day(
    day: date,
    session: SessionDep,
    owner: OwnerDep,
    gaps: Annotated[bool, Query(description="Include foods to close the gaps.")] = True,
) -> DayPublic:
    """A day's totals against targets (unknowns counted), fluids and food water, warnings,
    entries, and foods to close the gaps."""
    return nutrition_service.get_day(session=session, owner=owner, day=day, with_gaps=gaps)


@router.get("/targets", response_model=TargetsPublic)
def api_targets(session: SessionDep, owner: OwnerDep) -> TargetsPublic:
    """Your daily targets, from your profile and any you set yourself."""
    targets = nutrition_service.person_targets(session=session, owner=owner)
    return TargetsPublic.model_validate(targets)


@router.get("/targets/reference", response_model=TargetsPublic)
def api_reference_targets(
    age: Annotated[float, Query(description="Years (fractions for infants: 0.5).")],
    sex: Annotated[str | None, Query(description="female or male")] = None,
    pregnant: bool = False,
    lactating: bool = False,
) -> TargetsPublic:
    """The NASEM/IOM reference intakes for any life stage."""
    targets = nutrition_service.reference_targets(
        age=age, sex=sex, pregnant=pregnant, lactating=lactating
    )
    return TargetsPublic.model_validate(targets)


@router.put("/targets/{nutrient}", response_model=TargetsPublic)
def api_set_target(
    nutrient: TargetNutrient,
    override_in: TargetOverrideIn,
    session: SessionDep,
    owner: OwnerDep,
) -> TargetsPublic:
    """Use your own daily target for one nutrient (e.g. on a doctor's advice)."""
    targets = nutrition_service.set_target_override(
        session=session, owner=owner, nutrient=nutrient, override_in=override_in
    )
    return TargetsPublic.model_validate(targets)


@router.delete("/targets/{nutrient}", response_model=TargetsPublic)
def api_clear_target(
    nutrient: TargetNutrient, session: SessionDep, owner: OwnerDep
) -> TargetsPublic:
    """Go back to the reference intake for one nutrient."""
    targets = nutrition_service.clear_target_override(
        session=session, owner=owner, nutrient=nutrient
    )
    return TargetsPublic.model_validate(targets)
