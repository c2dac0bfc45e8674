"""The day page: what was eaten, drunk and taken on one day against the targets, the form that
logs more, and its type-ahead (matching foods as buttons, then the amount picker)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from markupsafe import Markup
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from nightcramps import charts
from nightcramps.accounts import service as accounts_service
from nightcramps.dailyvalues import dayview
from nightcramps.dailyvalues.columns import IMPORTED_FROM
from nightcramps.errors import Invalid, NightcrampsError, NotFound
from nightcramps.foods import service as foods_service
from nightcramps.nutrition import (
    builtin_supplements,
    catalog,
    choices,
    guidance,
    shortcuts,
    typeahead,
)
from nightcramps.nutrition import service as nutrition_service
from nightcramps.nutrition.forms import ENTRY_FORM
from nightcramps.nutrition.routes._common import day_moment
from nightcramps.nutrition.schemas import IntakeCreate, IntakeLogged
from nightcramps.owner import Owner
from nightcramps.web.deps import OwnerDep, SessionDep, csrf_token
from nightcramps.web.forms import on_page
from nightcramps.web.pages import flash, parse_form, redirect, render

router = APIRouter()

ChartDays = Annotated[
    int,
    Query(
        ge=1,
        le=366,
        description="How many days the intake charts show: 7, 28, or 84 (drawn as 12 weeks).",
    ),
]

GONE_FROM_PAGE = (
    "That food or supplement is no longer among yours (it was removed, perhaps in another tab); "
    "the page now shows what is stored."
)
"""Said when a button of the day page logs one of your own items that was removed meanwhile."""


def _page_for_day(
    request: Request,
    session: Session,
    owner: Owner,
    day: date,
    *,
    error: NightcrampsError | None = None,
    values: dict[str, Any] | None = None,
    status_code: int = 200,
    chart_days: int = 7,
) -> Response:
    """The day page for ``day``; with ``error``, the form shown again with what to fix, and
    what it offers to tap instead (:func:`_offers`)."""
    today = nutrition_service.today(owner=owner)
    context = {
        "day": nutrition_service.get_day(session=session, owner=owner, day=day),
        "today": today,
        "prev_day": day - timedelta(days=1),
        "next_day": day + timedelta(days=1) if day < today else None,
        "recent": shortcuts.recent_entries(session=session, owner=owner, limit=8),
        "favourites": shortcuts.list_favourites(session=session, owner=owner),
        "supplements": catalog.list_own(catalog.SUPPLEMENTS, session=session, owner=owner),
        "yesterday_meals": shortcuts.meals_to_repeat(session=session, owner=owner, day=day),
        "error": error,
        "values": values or {},
        "tz": str(owner.tz),
        "gap_note": guidance.GAP_NOTE,
        "ask_conditions": not accounts_service.conditions_answered(session=session, owner=owner),
        "imported": dayview.imported_food_values(session=session, owner=owner, day=day),
        "imported_labels": IMPORTED_FROM,
    }
    context.update(_offers(request, session, owner, error, values or {}))
    context.update(_intake_charts(session, owner, day, chart_days))
    return render(request, "nutrition/day.html", context, status_code=status_code)


def _intake_charts(session: Session, owner: Owner, day: date, days: int) -> dict[str, Any]:
    """The charts of intake against target over the ``days`` days up to ``day``."""
    series = nutrition_service.intake_series(session=session, owner=owner, end=day, days=days)
    drawn = [
        charts.daily_intake(
            f"{s.label} per {'week, mean a day' if s.per == 'week' else 'day'} ({s.unit})",
            s.unit,
            [charts.Day(d, a) for d, a in zip(s.days, s.amounts, strict=True)],
            s.target,
            known_days=s.known_days,
        )
        for s in series
    ]
    return {
        "intake_charts": drawn,
        "chart_days": days,
        "chart_spans": nutrition_service.CHART_SPANS,
    }


def _offers(
    request: Request,
    session: Session,
    owner: Owner,
    error: NightcrampsError | None,
    values: dict[str, Any],
) -> dict[str, Any]:
    """What a refused entry offers as buttons, each a form that logs without script: the foods
    it may be (unsure, or none matched all of it), or the measures of the food found (a measure
    it lacks: each × the quantity typed), or, for a food picked whose measure does not fit, the
    amount picker. The message then says only what to tap; the text typed stays in the field."""
    if error is None:
        return {}
    phrase = str(values.get("phrase", ""))
    picked = str(values.get("pick", ""))
    measure_food = choices.measure_choice(error)
    if picked and measure_food is not None and measure_food.id == picked:
        picker = {"day": values["day"], "csrf_token": csrf_token(request)}
        picker.update(_picked(session, owner, picked))
        template = request.app.state.templates.get_template("nutrition/_picker.html")
        return {
            "picker_html": Markup(template.render(picker)),  # autoescaped by the template
            "error_message": choices.measure_question(error, measure_food),
        }
    if measure_food is not None:
        return {
            "measure_food": measure_food,
            "quantity": choices.typed_quantity(phrase),
            "error_message": choices.measure_question(error, measure_food),
        }
    offered = choices.offered(error)
    if not offered:
        return {}
    if error.fields.get("phrase") == choices.UNSURE:
        said = f"Not sure which food {phrase!r} is, so nothing was logged. Which did you mean?"
    else:
        said = f"No food matches all of {phrase!r}. Did you mean one of these?"
    return {"food_choices": offered, "error_message": said}


@router.get("/day")
def today_page(
    request: Request, session: SessionDep, owner: OwnerDep, days: ChartDays = 7
) -> Response:
    """Today's food, drink and supplements against the person's targets; charts of the last
    ``days`` days (7 or 28; 84 per week)."""
    today = nutrition_service.today(owner=owner)
    return _page_for_day(request, session, owner, today, chart_days=days)


@router.get("/day/{day}")
def day_page(
    request: Request, day: date, session: SessionDep, owner: OwnerDep, days: ChartDays = 7
) -> Response:
    """One day's intake, totals with progress bars, and foods to close the gaps; charts of the
    ``days`` days (7 or 28; 84 per week) up to it."""
    return _page_for_day(request, session, owner, day, chart_days=days)


def _entry_data(form: FormData, values: dict[str, str]) -> dict[str, Any]:
    """What the add form sends, as ``IntakeCreate`` reads it: a food picked with its amount, a
    supplement's button, or the typed description."""
    data: dict[str, Any] = {"kind": values["kind"] or None}
    if builtin_supplements.is_builtin_ref(values["food_id"]):  # a built-in's dose, from its picker
        data.update(food={"id": values["food_id"]}, quantity=form.get("quantity") or 1)
        data["kind"] = "supplement"
    elif values["food_id"]:
        data.update(
            food_id=values["food_id"],
            quantity=form.get("quantity") or None,
            unit=form.get("unit") or None,
        )
    elif form.get("supplement_id"):
        data.update(supplement_id=form.get("supplement_id"), quantity=form.get("quantity") or 1)
        data["kind"] = "supplement"
    elif values["pick"] and values["phrase"].strip():  # a food tapped among those offered
        data.update(description=values["phrase"].strip(), food={"id": values["pick"]})
    else:
        data["phrase"] = values["phrase"].strip() or None
    return data


@router.post("/day/{day}/entries")
async def add_entry(request: Request, day: date, session: SessionDep, owner: OwnerDep) -> Response:
    """Log what was typed (or picked), or show the page again with what to fix."""
    form = await request.form()
    keys = ("phrase", "kind", "time", "food_id", "pick")
    values = {key: str(form.get(key) or "") for key in keys}
    data = _entry_data(form, values)
    try:
        data["at"] = day_moment(day, values["time"], owner)
        intake_in, problems = parse_form(IntakeCreate, data)
        if intake_in is None:
            raise Invalid(" ".join(on_page(ENTRY_FORM, problems).values()), fields=problems)
        entry, note = _log_as_it_is(session, owner, intake_in)
    except NightcrampsError as exc:
        session.rollback()
        if isinstance(exc, NotFound) and (values["food_id"] or form.get("supplement_id")):
            exc = NotFound(GONE_FROM_PAGE)  # a button of a stale page, not a typing mistake
        # The text stays to be corrected; "food or drink" goes back to being worked out from
        # the food, so a choice made for the refused entry is not applied to the next one.
        shown = values | {"kind": "", "day": day}
        return _page_for_day(request, session, owner, day, error=exc, values=shown, status_code=422)
    if values["pick"] or entry.assumed:
        said = entry.assumed or ""
        note += f" ({entry.food.name}{': ' + said if said else ''})"
    flash(request, f"Logged {entry.description}{note}.", undo=f"/intake/{entry.id}/delete")
    return redirect(f"/day/{entry.day.isoformat()}#add")


def _log_as_it_is(
    session: Session, owner: Owner, intake_in: IntakeCreate
) -> tuple[IntakeLogged, str]:
    """Log from the page; a food sent as "a drink" is logged as the food it is, with a note
    saying so (the API and CLI refuse it instead, so that a script's mistake is seen)."""
    log = nutrition_service.log_intake_answer
    try:
        return log(session=session, owner=owner, intake_in=intake_in), ""
    except Invalid as exc:
        if exc.extra.get("log_as") != "food":
            raise
        as_food = intake_in.model_copy(update={"kind": "food"})
        entry = log(session=session, owner=owner, intake_in=as_food)
        return entry, (
            f" as food: {exc.extra.get('food_name', 'it')} is a food, not a drink, so it does not "
            "count toward fluids"
        )


def _fragment(request: Request, name: str, context: dict[str, Any]) -> Response:
    """A part of the page for htmx, drawn without ``pages.render`` so that the page's flash
    messages stay queued for the page itself."""
    response: Response = request.app.state.templates.TemplateResponse(request, name, context)
    return response


@router.get("/intake/suggest")
def suggest(
    request: Request,
    session: SessionDep,
    owner: OwnerDep,
    phrase: Annotated[str, Query(max_length=300)] = "",
    day: Annotated[date | None, Query()] = None,
) -> Response:
    """Type-ahead: the person's own foods and supplements, then database foods, as buttons."""
    found = typeahead.suggest(session=session, owner=owner, phrase=phrase)
    context = {
        "own": found.own,
        "foods": found.foods,
        "day": day or nutrition_service.today(owner=owner),
    }
    return _fragment(request, "nutrition/_suggestions.html", context)


@router.get("/intake/pick")
def pick(
    request: Request,
    session: SessionDep,
    owner: OwnerDep,
    food_id: Annotated[str, Query(max_length=40)],
    day: Annotated[date | None, Query()] = None,
) -> Response:
    """The amount picker for one food: quantity and one of its measures (or grams)."""
    context: dict[str, Any] = {
        "day": day or nutrition_service.today(owner=owner),
        "csrf_token": csrf_token(request),
    }
    context.update(_picked(session, owner, food_id))
    return _fragment(request, "nutrition/_picker.html", context)


def _picked(session: Session, owner: Owner, food_id: str) -> dict[str, Any]:
    """What the picker shows of ``food_id``: one of the person's supplements (a dose), one of
    their foods, or a database food, with the measures it can be given in."""
    if builtin_supplements.is_builtin_ref(food_id):
        builtin = builtin_supplements.get_builtin(food_id)
        return {"builtin": builtin, "measures": [], "name": builtin.name, "food_id": food_id}
    source, _, key = food_id.partition(":")
    if source == "supplement" and key.isdigit():
        row = catalog.get_own(catalog.SUPPLEMENTS, session=session, owner=owner, row_id=int(key))
        return {"supplement": row, "measures": [], "name": row.name, "food_id": ""}
    if source == "custom" and key.isdigit():
        food = catalog.get_own(catalog.CUSTOM_FOODS, session=session, owner=owner, row_id=int(key))
        measures = [food.serving_name, "g"] + (["ml"] if food.kind == "drink" else [])
        return {"name": food.name, "food_id": food_id, "measures": measures, "kind": food.kind}
    found = foods_service.get_food(food_id)
    measures = [m.name for m in found.measures] + ["g"]
    kind = "drink" if foods_service.is_drink(found) else "food"
    return {"name": found.name, "food_id": found.id, "measures": measures, "kind": kind}
