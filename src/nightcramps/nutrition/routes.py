"""Food, drink and supplements over HTTP: the day page (HTML + htmx) and the JSON API.

Thin: all decisions live in the service modules.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import Response as RawResponse

from nightcramps import timing
from nightcramps.accounts import service as accounts_service
from nightcramps.errors import Invalid, NightcrampsError, NotFound
from nightcramps.foods import service as foods_service
from nightcramps.inputs import IsoDate, changes_to, check_unchanged
from nightcramps.nutrition import catalog, guidance, shortcuts
from nightcramps.nutrition import constants as c
from nightcramps.nutrition import service as nutrition_service
from nightcramps.nutrition.forms import (
    CUSTOM_FORM,
    EDIT_FORM,
    ENTRY_FORM,
    SUPPLEMENT_FORM,
    TARGET_FORM,
)
from nightcramps.nutrition.schemas import (
    CustomFoodCreate,
    CustomFoodPublic,
    DayPublic,
    FavouriteCreate,
    FavouriteLog,
    FavouritePublic,
    FavouritesPublic,
    IntakeCreate,
    IntakeEntryPublic,
    IntakeList,
    IntakeLogged,
    IntakeUpdate,
    RepeatMeal,
    SupplementCreate,
    SupplementPublic,
    TargetNutrient,
    TargetOverrideIn,
    TargetsPublic,
)
from nightcramps.nutrition.targets import TARGET_NUTRIENTS
from nightcramps.owner import Owner
from nightcramps.web.deps import (
    IdPath,
    OwnerDep,
    SessionDep,
    csrf_token,
    verify_api_origin,
    verify_csrf,
)
from nightcramps.web.forms import on_page, refusal_problems
from nightcramps.web.pages import flash, parse_form, redirect, render

pages = APIRouter(include_in_schema=False, dependencies=[Depends(verify_csrf)])
api = APIRouter(prefix="/api/v1", tags=["nutrition"], dependencies=[Depends(verify_api_origin)])

MEASURE_WORDS = frozenset(
    "a an of half one two medium large small cup cups slice slices piece pieces tbsp tsp "
    "g ml oz glass glasses mug bowl handful serving servings can bottle".split()
)
"""Words stripped from the start of what is typed before searching food names (type-ahead)."""

GONE_FROM_PAGE = (
    "That food or supplement is no longer among yours (it was removed, perhaps in another tab); "
    "the page now shows what is stored."
)
"""Said when a button of the day page logs one of your own items that was removed meanwhile."""


# ---------------------------------------------------------------------------- pages


def _day_moment(day: date, clock_text: str, owner: Owner) -> datetime | None:
    """The time of a form entry: the clock time during ``day`` (00:30 is the night after its
    evening, as :func:`nightcramps.timing.moment_in_day` places it); none typed → now today,
    else noon."""
    clock_text = clock_text.strip()
    if clock_text:
        try:
            clock = time.fromisoformat(clock_text)
        except ValueError:
            raise Invalid(
                f"Cannot read the time {clock_text!r}; write it as HH:MM, e.g. 08:30.",
                fields={"time": "malformed"},
            ) from None
        return timing.moment_in_day(day, clock, owner)
    if day == nutrition_service.today(owner=owner):
        return None
    return datetime.combine(day, time(12, 0), tzinfo=owner.tz)


def _yesterday_meals(session: Any, owner: Owner, day: date) -> list[tuple[str, int]]:
    before = day - timedelta(days=1)
    entries = nutrition_service.list_entries(session=session, owner=owner, start=before, end=before)
    counts: dict[str, int] = {}
    for entry in entries:
        if entry.meal:
            counts[entry.meal] = counts.get(entry.meal, 0) + 1
    return [(meal, counts[meal]) for meal in c.MEALS if meal in counts]


def _day_page(
    request: Request,
    session: Any,
    owner: Owner,
    day: date,
    *,
    error: NightcrampsError | None = None,
    values: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    public = nutrition_service.get_day(session=session, owner=owner, day=day)
    today = nutrition_service.today(owner=owner)
    suggestions = (error.extra.get("suggestions") if error is not None else None) or []
    context = {
        "day": public,
        "today": today,
        "prev_day": day - timedelta(days=1),
        "next_day": day + timedelta(days=1) if day < today else None,
        "recent": shortcuts.recent_entries(session=session, owner=owner, limit=8),
        "favourites": shortcuts.list_favourites(session=session, owner=owner),
        "supplements": catalog.list_supplements(session=session, owner=owner),
        "yesterday_meals": _yesterday_meals(session, owner, day),
        "error": error,
        "did_you_mean": suggestions,
        "values": values or {},
        "tz": str(owner.tz),
        "gap_note": guidance.GAP_NOTE,
        "ask_conditions": not accounts_service.conditions_answered(session=session, owner=owner),
    }
    return render(request, "nutrition/day.html", context, status_code=status_code)


@pages.get("/day")
def today_page(request: Request, session: SessionDep, owner: OwnerDep) -> Response:
    """Today's food, drink and supplements against the person's targets."""
    return _day_page(request, session, owner, nutrition_service.today(owner=owner))


@pages.get("/day/{day}")
def day_page(request: Request, day: date, session: SessionDep, owner: OwnerDep) -> Response:
    """One day's intake, totals with progress bars, and foods to close the gaps."""
    return _day_page(request, session, owner, day)


@pages.post("/day/{day}/entries")
async def add_entry(request: Request, day: date, session: SessionDep, owner: OwnerDep) -> Response:
    """Log what was typed (or picked), or show the page again with what to fix."""
    form = await request.form()
    values = {key: str(form.get(key) or "") for key in ("phrase", "kind", "time", "food_id")}
    data: dict[str, Any] = {"kind": values["kind"] or None}
    if values["food_id"]:
        data.update(
            food_id=values["food_id"],
            quantity=form.get("quantity") or None,
            unit=form.get("unit") or None,
        )
    elif form.get("supplement_id"):
        data.update(supplement_id=form.get("supplement_id"), quantity=form.get("quantity") or 1)
        data["kind"] = "supplement"
    else:
        data["phrase"] = values["phrase"].strip() or None
    try:
        data["at"] = _day_moment(day, values["time"], owner)
        intake_in, problems = parse_form(IntakeCreate, data)
        if intake_in is None:
            raise Invalid(" ".join(on_page(ENTRY_FORM, problems).values()), fields=problems)
        entry, note = _log_as_it_is(session, owner, intake_in)
    except NightcrampsError as exc:
        session.rollback()
        if isinstance(exc, NotFound) and (values["food_id"] or form.get("supplement_id")):
            exc = NotFound(GONE_FROM_PAGE)  # a button of a stale page, not a typing mistake
        return _day_page(request, session, owner, day, error=exc, values=values, status_code=422)
    session.commit()
    flash(request, f"Logged {entry.description}{note}.", undo=f"/intake/{entry.id}/delete")
    return redirect(f"/day/{entry.day.isoformat()}#add")


def _log_as_it_is(session: Any, owner: Owner, intake_in: IntakeCreate) -> tuple[Any, str]:
    """Log from the page; a food sent as "a drink" is logged as the food it is, with a note
    saying so (the API and CLI refuse it instead, so that a script's mistake is seen)."""
    try:
        return nutrition_service.log_intake(session=session, owner=owner, intake_in=intake_in), ""
    except Invalid as exc:
        if exc.extra.get("log_as") != "food":
            raise
        as_food = intake_in.model_copy(update={"kind": "food"})
        entry = nutrition_service.log_intake(session=session, owner=owner, intake_in=as_food)
        return entry, (
            f" as food: {exc.extra.get('food_name', 'it')} is a food, not a drink, so it does not "
            "count toward fluids"
        )


@pages.get("/intake/suggest")
def suggest(
    request: Request,
    session: SessionDep,
    owner: OwnerDep,
    phrase: Annotated[str, Query(max_length=300)] = "",
    day: Annotated[date | None, Query()] = None,
) -> Response:
    """Type-ahead: the person's own foods and supplements, then database foods, as buttons."""
    words = phrase.lower().split()
    while words and (words[0] in MEASURE_WORDS or words[0][:1].isdigit() or "/" in words[0]):
        words.pop(0)
    query = " ".join(words)
    own: list[dict[str, str]] = []
    foods: list[Any] = []
    if len(query) >= 2:
        for supplement in catalog.list_supplements(session=session, owner=owner):
            if query in supplement.name.lower():
                own.append({"name": supplement.name, "id": f"supplement:{supplement.id}"})
        for food in catalog.list_custom_foods(session=session, owner=owner):
            if query in food.name.lower():
                own.append({"name": food.name, "id": f"custom:{food.id}"})
        foods = foods_service.search(query, limit=8)
    context = {"own": own, "foods": foods, "day": day or nutrition_service.today(owner=owner)}
    # a fragment: rendered without pages.render so the page's flash messages stay queued
    response: Response = request.app.state.templates.TemplateResponse(
        request, "nutrition/_suggestions.html", context
    )
    return response


@pages.get("/intake/pick")
def pick(
    request: Request,
    session: SessionDep,
    owner: OwnerDep,
    food_id: Annotated[str, Query(max_length=40)],
    day: Annotated[date | None, Query()] = None,
) -> Response:
    """The amount picker for one food: quantity and one of its measures (or grams)."""
    source, _, key = food_id.partition(":")
    context: dict[str, Any] = {
        "day": day or nutrition_service.today(owner=owner),
        "csrf_token": csrf_token(request),
    }
    if source == "supplement" and key.isdigit():
        row = catalog.get_supplement(session=session, owner=owner, supplement_id=int(key))
        context.update(supplement=row, measures=[], name=row.name, food_id="")
    elif source == "custom" and key.isdigit():
        food = catalog.get_custom_food(session=session, owner=owner, custom_id=int(key))
        measures = [food.serving_name, "g"] + (["ml"] if food.kind == "drink" else [])
        context.update(name=food.name, food_id=food_id, measures=measures, kind=food.kind)
    else:
        found = foods_service.get_food(food_id)
        measures = [m.name for m in found.measures] + ["g"]
        context.update(name=found.name, food_id=found.id, measures=measures, kind="food")
    response: Response = request.app.state.templates.TemplateResponse(
        request, "nutrition/_picker.html", context
    )
    return response


@pages.get("/intake/{entry_id}/edit")
def edit_entry(
    request: Request, entry_id: IdPath, session: SessionDep, owner: OwnerDep
) -> Response:
    """The form to change an entry's amount, food, time or meal."""
    entry = nutrition_service.get_entry(session=session, owner=owner, entry_id=entry_id)
    return _edit_page(request, nutrition_service.to_entry_public(entry), owner)


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


@pages.post("/intake/{entry_id}/edit")
async def save_entry(
    request: Request, entry_id: IdPath, session: SessionDep, owner: OwnerDep
) -> Response:
    """Save changes to an entry; a refused change leaves it as it was."""
    form = await request.form()
    values = {k: str(form.get(k) or "") for k in ("quantity", "phrase", "time", "meal")}
    entry = nutrition_service.get_entry(session=session, owner=owner, entry_id=entry_id)
    original = nutrition_service.to_entry_public(entry)
    data: dict[str, Any] = {"meal": values["meal"] or None}
    if values["phrase"].strip():
        data["phrase"] = values["phrase"].strip()
    elif values["quantity"] and original.quantity is not None:
        data["quantity"] = values["quantity"]
    try:
        data["at"] = _day_moment(original.day, values["time"], owner) if values["time"] else None
        entry_in, problems = parse_form(IntakeUpdate, {k: v for k, v in data.items() if v})
        if entry_in is None:
            raise Invalid(" ".join(on_page(EDIT_FORM, problems).values()), fields=problems)
        updated = nutrition_service.update_entry(
            session=session, owner=owner, entry_id=entry_id, entry_in=entry_in
        )
    except NightcrampsError as exc:
        session.rollback()
        return _edit_page(request, original, owner, error=exc.message, values=values)
    session.commit()
    flash(request, f"Changed to {updated.description}.")
    return redirect(f"/day/{updated.day.isoformat()}")


@pages.post("/intake/{entry_id}/delete")
def remove_entry(
    request: Request, entry_id: IdPath, session: SessionDep, owner: OwnerDep
) -> Response:
    """Delete an entry, with an undo button on the next page."""
    entry = nutrition_service.delete_entry(session=session, owner=owner, entry_id=entry_id)
    session.commit()
    flash(request, f"Deleted {entry.description}.", undo=f"/intake/{entry_id}/restore")
    return redirect(f"/day/{entry.day.isoformat()}")


@pages.post("/intake/{entry_id}/restore")
def undo_remove_entry(
    request: Request, entry_id: IdPath, session: SessionDep, owner: OwnerDep
) -> Response:
    """Undo an entry's deletion."""
    entry = nutrition_service.restore_entry(session=session, owner=owner, entry_id=entry_id)
    session.commit()
    flash(request, f"Restored {entry.description}.")
    return redirect(f"/day/{entry.day.isoformat()}")


async def _target_day(request: Request, owner: Owner) -> tuple[date, datetime | None]:
    form = await request.form()
    text = str(form.get("day") or "")
    try:
        day = date.fromisoformat(text) if text else nutrition_service.today(owner=owner)
    except ValueError:
        raise Invalid("Give the day as YYYY-MM-DD.", fields={"day": "malformed"}) from None
    return day, _day_moment(day, "", owner)


@pages.post("/intake/{entry_id}/again")
async def again(
    request: Request, entry_id: IdPath, session: SessionDep, owner: OwnerDep
) -> Response:
    """One tap: log a recent item again (now today, noon on another day)."""
    day, at = await _target_day(request, owner)
    entry = shortcuts.relog_entry(session=session, owner=owner, entry_id=entry_id, at=at)
    session.commit()
    flash(request, f"Logged {entry.description} again.", undo=f"/intake/{entry.id}/delete")
    return redirect(f"/day/{day.isoformat()}")


@pages.post("/intake/{entry_id}/favourite")
def star(request: Request, entry_id: IdPath, session: SessionDep, owner: OwnerDep) -> Response:
    """Keep an entry's item among the favourites."""
    entry = nutrition_service.get_entry(session=session, owner=owner, entry_id=entry_id)
    shortcuts.add_favourite(session=session, owner=owner, entry_id=entry_id)
    session.commit()
    flash(request, f"Added {entry.description} to your favourites.")
    return redirect(f"/day/{entry.day.isoformat()}")


@pages.post("/favourites/{favourite_id}/log")
async def log_favourite(
    request: Request, favourite_id: IdPath, session: SessionDep, owner: OwnerDep
) -> Response:
    """One tap: log a favourite."""
    day, at = await _target_day(request, owner)
    entry = shortcuts.log_favourite(session=session, owner=owner, favourite_id=favourite_id, at=at)
    session.commit()
    flash(request, f"Logged {entry.description}.", undo=f"/intake/{entry.id}/delete")
    return redirect(f"/day/{day.isoformat()}")


@pages.post("/favourites/{favourite_id}/delete")
async def unstar(
    request: Request, favourite_id: IdPath, session: SessionDep, owner: OwnerDep
) -> Response:
    """Remove a favourite (what was logged from it stays)."""
    day, _ = await _target_day(request, owner)
    shortcuts.remove_favourite(session=session, owner=owner, favourite_id=favourite_id)
    session.commit()
    flash(request, "Removed from favourites.")
    return redirect(f"/day/{day.isoformat()}")


@pages.post("/day/{day}/repeat")
async def repeat(request: Request, day: date, session: SessionDep, owner: OwnerDep) -> Response:
    """One tap: log again the entries of a meal from the day before."""
    form = await request.form()
    meal = str(form.get("meal") or "")
    copies = shortcuts.repeat_meal(session=session, owner=owner, meal=meal, to_day=day)
    session.commit()
    flash(request, f"Logged yesterday's {meal} again ({len(copies)} item(s)).")
    return redirect(f"/day/{day.isoformat()}")


@pages.get("/my-foods")
def my_foods(request: Request, session: SessionDep, owner: OwnerDep) -> Response:
    """The person's own foods, drinks and supplements, and their targets."""
    return _my_foods_page(request, session, owner)


def _my_foods_page(
    request: Request,
    session: Any,
    owner: Owner,
    *,
    errors: dict[str, str] | None = None,
    form_name: str = "",
    values: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    targets = nutrition_service.person_targets(session=session, owner=owner)
    context = {
        "supplements": [
            catalog.to_supplement_public(s)
            for s in catalog.list_supplements(session=session, owner=owner)
        ],
        "custom_foods": [
            catalog.to_custom_food_public(f)
            for f in catalog.list_custom_foods(session=session, owner=owner)
        ],
        "targets": nutrition_service.to_targets_public(targets),
        "target_nutrients": TARGET_NUTRIENTS,
        "ask_conditions": not accounts_service.conditions_answered(session=session, owner=owner),
        "errors": errors or {},
        "form_name": form_name,
        "values": values or {},
    }
    return render(request, "nutrition/my_foods.html", context, status_code=status_code)


def _numbers(form: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: form.get(name) or None for name in names}


@pages.post("/my-foods/supplements")
async def add_supplement(request: Request, session: SessionDep, owner: OwnerDep) -> Response:
    """Add a supplement from its label."""
    form = await request.form()
    data = {
        "name": form.get("name") or "",
        "unit_name": form.get("unit_name") or "tablet",
        **{
            k: v or 0
            for k, v in _numbers(
                form, ("magnesium_mg", "potassium_mg", "calcium_mg", "sodium_mg", "caffeine_mg")
            ).items()
        },
        **_numbers(form, ("volume_ml_per_unit",)),
    }
    supplement_in, problems = parse_form(SupplementCreate, data)
    if supplement_in is not None:
        try:
            row = catalog.create_supplement(
                session=session, owner=owner, supplement_in=supplement_in
            )
        except NightcrampsError as exc:
            problems = refusal_problems(SUPPLEMENT_FORM, exc)
        else:
            session.commit()
            flash(request, f"Added {row.name}.")
            return redirect("/my-foods")
    values = {k: form.get(k) for k in form}
    return _my_foods_page(
        request,
        session,
        owner,
        errors=on_page(SUPPLEMENT_FORM, problems),
        form_name="supplement",
        values=values,
        status_code=422,
    )


@pages.post("/my-foods/custom")
async def add_custom_food(request: Request, session: SessionDep, owner: OwnerDep) -> Response:
    """Add a food or drink from its label."""
    form = await request.form()
    data = {
        "name": form.get("name") or "",
        "kind": form.get("kind") or "food",
        "basis": form.get("basis") or "per_100g",
        "serving_name": form.get("serving_name") or "serving",
        **_numbers(
            form,
            (
                "serving_g",
                "serving_ml",
                "energy_kcal",
                "magnesium_mg",
                "potassium_mg",
                "calcium_mg",
                "sodium_mg",
                "caffeine_mg",
            ),
        ),
    }
    food_in, problems = parse_form(CustomFoodCreate, data)
    if food_in is not None:
        try:
            row = catalog.create_custom_food(session=session, owner=owner, food_in=food_in)
        except NightcrampsError as exc:
            problems = refusal_problems(CUSTOM_FORM, exc)
        else:
            session.commit()
            flash(request, f"Added {row.name}.")
            return redirect("/my-foods")
    values = {k: form.get(k) for k in form}
    return _my_foods_page(
        request,
        session,
        owner,
        errors=on_page(CUSTOM_FORM, problems),
        form_name="custom",
        values=values,
        status_code=422,
    )


@pages.post("/my-foods/supplements/{supplement_id}/delete")
def remove_supplement(
    request: Request, supplement_id: IdPath, session: SessionDep, owner: OwnerDep
) -> Response:
    """Remove a supplement (doses already logged stay)."""
    row = catalog.delete_supplement(session=session, owner=owner, supplement_id=supplement_id)
    session.commit()
    flash(request, f"Removed {row.name}; doses already logged stay in your days.")
    return redirect("/my-foods")


@pages.post("/my-foods/custom/{custom_id}/delete")
def remove_custom_food(
    request: Request, custom_id: IdPath, session: SessionDep, owner: OwnerDep
) -> Response:
    """Remove a custom food (entries already logged stay)."""
    row = catalog.delete_custom_food(session=session, owner=owner, custom_id=custom_id)
    session.commit()
    flash(request, f"Removed {row.name}; entries already logged stay in your days.")
    return redirect("/my-foods")


@pages.post("/my-foods/targets")
async def save_target(request: Request, session: SessionDep, owner: OwnerDep) -> Response:
    """Set (or clear, with an empty value) the person's own target for one nutrient."""
    form = await request.form()
    nutrient = str(form.get("nutrient") or "")
    value = str(form.get("value") or "").strip()
    if not value:
        try:
            nutrition_service.clear_target_override(session=session, owner=owner, nutrient=nutrient)
        except NotFound:
            pass  # nothing set: clearing is already done
        session.commit()
        flash(request, "Target back to the reference intake.")
        return redirect("/my-foods#targets")
    override_in, problems = parse_form(
        TargetOverrideIn, {"value": value, "note": form.get("note") or ""}
    )
    if override_in is None:
        return _my_foods_page(
            request,
            session,
            owner,
            errors=on_page(TARGET_FORM, problems),
            form_name=f"target-{nutrient}",
            values={"value": value},
            status_code=422,
        )
    nutrition_service.set_target_override(
        session=session, owner=owner, nutrient=nutrient, override_in=override_in
    )
    session.commit()
    flash(request, "Your own target is saved.")
    return redirect("/my-foods#targets")


# ---------------------------------------------------------------------------- JSON API


def _logged(session: Any, owner: Owner, entry: Any) -> IntakeLogged:
    public = nutrition_service.to_entry_public(entry)
    warnings = nutrition_service.day_warnings(session=session, owner=owner, day=entry.day)
    return IntakeLogged(**public.model_dump(), warnings=warnings)


def _on_day(entry: Any, day: date | None) -> Any:
    """``entry``, refused (so nothing is stored) when the ``day`` sent is not its day."""
    if day is not None and day != entry.day:
        raise Invalid(
            f"This entry is on {entry.day.isoformat()}, not {day.isoformat()}: its day follows "
            "eaten_at. Leave day out, or fix eaten_at.",
            fields={"day": "does not match eaten_at"},
        )
    return entry


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


@api.post("/intake", response_model=IntakeLogged, status_code=201)
def api_log_intake(intake_in: IntakeCreate, session: SessionDep, owner: OwnerDep) -> IntakeLogged:
    """Log food, drink or a supplement dose (a description to look up, or a food with its
    amount, as an entry's GET body has them); the answer carries the day's warnings."""
    entry = nutrition_service.log_intake(session=session, owner=owner, intake_in=intake_in)
    _on_day(entry, intake_in.day)
    session.commit()
    return _logged(session, owner, entry)


@api.get("/intake", response_model=IntakeList)
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
    data = [nutrition_service.to_entry_public(e) for e in entries]
    return IntakeList(data=data, count=len(data))


@api.post("/intake/repeat", response_model=IntakeList, status_code=201)
def api_repeat_meal(repeat_in: RepeatMeal, session: SessionDep, owner: OwnerDep) -> IntakeList:
    """Log again the entries of one meal of an earlier day (default: yesterday → today)."""
    copies = shortcuts.repeat_meal(
        session=session,
        owner=owner,
        meal=repeat_in.meal,
        from_day=repeat_in.from_day,
        to_day=repeat_in.to_day,
    )
    session.commit()
    data = [nutrition_service.to_entry_public(e) for e in copies]
    return IntakeList(data=data, count=len(data))


@api.get("/intake/recent", response_model=IntakeList)
def api_recent_intake(
    session: SessionDep,
    owner: OwnerDep,
    limit: Annotated[int, Query(ge=1, le=50, description="How many distinct items.")] = 8,
) -> IntakeList:
    """The latest distinct items logged, newest first (log one again: POST .../again)."""
    entries = shortcuts.recent_entries(session=session, owner=owner, limit=limit)
    data = [nutrition_service.to_entry_public(e) for e in entries]
    return IntakeList(data=data, count=len(data))


@api.post("/intake/{entry_id}/again", response_model=IntakeLogged, status_code=201)
def api_log_again(
    entry_id: IdPath, again_in: FavouriteLog, session: SessionDep, owner: OwnerDep
) -> IntakeLogged:
    """Log an entry's item again, now or at ``at``."""
    entry = shortcuts.relog_entry(session=session, owner=owner, entry_id=entry_id, at=again_in.at)
    session.commit()
    return _logged(session, owner, entry)


def _favourite_public(favourite: Any) -> FavouritePublic:
    return FavouritePublic(
        id=favourite.id,
        kind=favourite.kind,
        description=favourite.description,
        food_name=favourite.food_name,
        quantity=None if favourite.quantity is None else float(favourite.quantity),
        unit=favourite.unit,
    )


@api.get("/favourites", response_model=FavouritesPublic)
def api_list_favourites(session: SessionDep, owner: OwnerDep) -> FavouritesPublic:
    """Your favourites, by description."""
    data = [_favourite_public(f) for f in shortcuts.list_favourites(session=session, owner=owner)]
    return FavouritesPublic(data=data, count=len(data))


@api.post("/favourites", response_model=FavouritePublic, status_code=201)
def api_add_favourite(
    favourite_in: FavouriteCreate, session: SessionDep, owner: OwnerDep
) -> FavouritePublic:
    """Star a logged entry's item (starring the same item twice keeps one favourite)."""
    favourite = shortcuts.add_favourite(
        session=session, owner=owner, entry_id=favourite_in.entry_id
    )
    session.commit()
    return _favourite_public(favourite)


@api.post("/favourites/{favourite_id}/log", response_model=IntakeLogged, status_code=201)
def api_log_favourite(
    favourite_id: IdPath, log_in: FavouriteLog, session: SessionDep, owner: OwnerDep
) -> IntakeLogged:
    """Log a favourite, now or at ``at``."""
    entry = shortcuts.log_favourite(
        session=session, owner=owner, favourite_id=favourite_id, at=log_in.at
    )
    session.commit()
    return _logged(session, owner, entry)


@api.delete("/favourites/{favourite_id}", status_code=204)
def api_remove_favourite(favourite_id: IdPath, session: SessionDep, owner: OwnerDep) -> RawResponse:
    """Remove a favourite (what was logged from it stays)."""
    shortcuts.remove_favourite(session=session, owner=owner, favourite_id=favourite_id)
    session.commit()
    return RawResponse(status_code=204)


@api.get("/intake/{entry_id}", response_model=IntakeEntryPublic)
def api_get_intake(entry_id: IdPath, session: SessionDep, owner: OwnerDep) -> IntakeEntryPublic:
    """One entry."""
    entry = nutrition_service.get_entry(session=session, owner=owner, entry_id=entry_id)
    return nutrition_service.to_entry_public(entry)


@api.patch("/intake/{entry_id}", response_model=IntakeLogged)
def api_update_intake(
    entry_id: IdPath, entry_in: IntakeUpdate, session: SessionDep, owner: OwnerDep
) -> IntakeLogged:
    """Change an entry's time, meal, amount (nutrients scale) or food (a new description). A
    GET body may be sent back with fields edited: the fields sent as they are stay as they are."""
    stored = nutrition_service.to_entry_public(
        nutrition_service.get_entry(session=session, owner=owner, entry_id=entry_id)
    )
    entry_in = _intake_changes(entry_in, stored)
    entry = nutrition_service.update_entry(
        session=session, owner=owner, entry_id=entry_id, entry_in=entry_in
    )
    _on_day(entry, entry_in.day)
    session.commit()
    return _logged(session, owner, entry)


@api.delete("/intake/{entry_id}", status_code=204)
def api_delete_intake(entry_id: IdPath, session: SessionDep, owner: OwnerDep) -> RawResponse:
    """Delete an entry (POST .../restore brings it back)."""
    nutrition_service.delete_entry(session=session, owner=owner, entry_id=entry_id)
    session.commit()
    return RawResponse(status_code=204)


@api.post("/intake/{entry_id}/restore", response_model=IntakeEntryPublic)
def api_restore_intake(entry_id: IdPath, session: SessionDep, owner: OwnerDep) -> IntakeEntryPublic:
    """Undo the deletion of an entry."""
    entry = nutrition_service.restore_entry(session=session, owner=owner, entry_id=entry_id)
    session.commit()
    return nutrition_service.to_entry_public(entry)


@api.get("/days/{day}", response_model=DayPublic)
def api_day(
    day: date,
    session: SessionDep,
    owner: OwnerDep,
    gaps: Annotated[bool, Query(description="Include foods to close the gaps.")] = True,
) -> DayPublic:
    """A day's totals against targets (unknowns counted), fluids and food water, warnings,
    entries, and foods to close the gaps."""
    return nutrition_service.get_day(session=session, owner=owner, day=day, with_gaps=gaps)


@api.get("/targets", response_model=TargetsPublic)
def api_targets(session: SessionDep, owner: OwnerDep) -> TargetsPublic:
    """Your daily targets, from your profile and any you set yourself."""
    targets = nutrition_service.person_targets(session=session, owner=owner)
    return nutrition_service.to_targets_public(targets)


@api.get("/targets/reference", response_model=TargetsPublic)
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
    return nutrition_service.to_targets_public(targets)


@api.put("/targets/{nutrient}", response_model=TargetsPublic)
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
    session.commit()
    return nutrition_service.to_targets_public(targets)


@api.delete("/targets/{nutrient}", response_model=TargetsPublic)
def api_clear_target(
    nutrient: TargetNutrient, session: SessionDep, owner: OwnerDep
) -> TargetsPublic:
    """Go back to the reference intake for one nutrient."""
    targets = nutrition_service.clear_target_override(
        session=session, owner=owner, nutrient=nutrient
    )
    session.commit()
    return nutrition_service.to_targets_public(targets)


@api.get("/custom-foods", response_model=list[CustomFoodPublic])
def api_list_custom_foods(session: SessionDep, owner: OwnerDep) -> list[CustomFoodPublic]:
    """Your own foods and drinks."""
    rows = catalog.list_custom_foods(session=session, owner=owner)
    return [catalog.to_custom_food_public(r) for r in rows]


@api.post("/custom-foods", response_model=CustomFoodPublic, status_code=201)
def api_create_custom_food(
    food_in: CustomFoodCreate, session: SessionDep, owner: OwnerDep
) -> CustomFoodPublic:
    """Add a food or drink from its label (per 100 g, per 100 ml or per serving)."""
    row = catalog.create_custom_food(session=session, owner=owner, food_in=food_in)
    session.commit()
    return catalog.to_custom_food_public(row)


@api.get("/custom-foods/{custom_id}", response_model=CustomFoodPublic)
def api_get_custom_food(
    custom_id: IdPath, session: SessionDep, owner: OwnerDep
) -> CustomFoodPublic:
    """One of your foods."""
    row = catalog.get_custom_food(session=session, owner=owner, custom_id=custom_id)
    return catalog.to_custom_food_public(row)


@api.delete("/custom-foods/{custom_id}", status_code=204)
def api_delete_custom_food(custom_id: IdPath, session: SessionDep, owner: OwnerDep) -> RawResponse:
    """Remove one of your foods (entries already logged keep their nutrients)."""
    catalog.delete_custom_food(session=session, owner=owner, custom_id=custom_id)
    session.commit()
    return RawResponse(status_code=204)


@api.get("/supplements", response_model=list[SupplementPublic])
def api_list_supplements(session: SessionDep, owner: OwnerDep) -> list[SupplementPublic]:
    """Your supplements with their label amounts per unit."""
    rows = catalog.list_supplements(session=session, owner=owner)
    return [catalog.to_supplement_public(r) for r in rows]


@api.post("/supplements", response_model=SupplementPublic, status_code=201)
def api_create_supplement(
    supplement_in: SupplementCreate, session: SessionDep, owner: OwnerDep
) -> SupplementPublic:
    """Add a supplement (amounts in ``nutrients``); log doses with POST /api/v1/intake
    {"food": {"id": "supplement:<id>"}, "quantity"}."""
    row = catalog.create_supplement(session=session, owner=owner, supplement_in=supplement_in)
    session.commit()
    return catalog.to_supplement_public(row)


@api.get("/supplements/{supplement_id}", response_model=SupplementPublic)
def api_get_supplement(
    supplement_id: IdPath, session: SessionDep, owner: OwnerDep
) -> SupplementPublic:
    """One supplement."""
    row = catalog.get_supplement(session=session, owner=owner, supplement_id=supplement_id)
    return catalog.to_supplement_public(row)


@api.delete("/supplements/{supplement_id}", status_code=204)
def api_delete_supplement(
    supplement_id: IdPath, session: SessionDep, owner: OwnerDep
) -> RawResponse:
    """Remove a supplement (doses already logged keep their amounts)."""
    catalog.delete_supplement(session=session, owner=owner, supplement_id=supplement_id)
    session.commit()
    return RawResponse(status_code=204)
