"""The "Your foods" page: the person's supplements and own foods (add from a label, remove),
beside their targets."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from nightcramps.accounts import service as accounts_service
from nightcramps.errors import NightcrampsError
from nightcramps.foods.amounts import NUTRIENTS
from nightcramps.nutrition import builtin_supplements, catalog
from nightcramps.nutrition import service as nutrition_service
from nightcramps.nutrition.forms import CUSTOM_FORM, SUPPLEMENT_FORM
from nightcramps.nutrition.schemas import (
    CustomFoodCreate,
    CustomFoodPublic,
    SupplementCreate,
    SupplementPublic,
    TargetsPublic,
)
from nightcramps.nutrition.targets import TARGET_NUTRIENTS
from nightcramps.owner import Owner
from nightcramps.web.deps import IdPath, OwnerDep, SessionDep
from nightcramps.web.forms import on_page, refusal_problems
from nightcramps.web.pages import flash, parse_form, redirect, render

router = APIRouter()


@router.get("/my-foods")
def my_foods(request: Request, session: SessionDep, owner: OwnerDep) -> Response:
    """The person's own foods, drinks and supplements, and their targets."""
    return my_foods_page(request, session, owner)


def my_foods_page(
    request: Request,
    session: Session,
    owner: Owner,
    *,
    errors: dict[str, str] | None = None,
    form_name: str = "",
    values: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    """The page; with ``errors``, the form ``form_name`` shown again with what to fix."""
    supplements = catalog.list_own(catalog.SUPPLEMENTS, session=session, owner=owner)
    foods = catalog.list_own(catalog.CUSTOM_FOODS, session=session, owner=owner)
    targets = nutrition_service.person_targets(session=session, owner=owner)
    context = {
        "supplements": [SupplementPublic.model_validate(s) for s in supplements],
        "builtin_supplements": builtin_supplements.BUILTINS,
        "custom_foods": [CustomFoodPublic.model_validate(f) for f in foods],
        "targets": TargetsPublic.model_validate(targets),
        "target_nutrients": TARGET_NUTRIENTS,
        "ask_conditions": not accounts_service.conditions_answered(session=session, owner=owner),
        "errors": errors or {},
        "form_name": form_name,
        "values": values or {},
    }
    return render(request, "nutrition/my_foods.html", context, status_code=status_code)


def _label(form: FormData, model: type[BaseModel], *names: str) -> dict[str, Any]:
    """The label's amounts filled in (``foods.amounts.NUTRIENTS`` that ``model`` takes) and the
    other numbers ``names``; an empty box is left out, so the schema's default applies (unknown
    for a food, 0 for a supplement's minerals)."""
    wanted = [n for n in NUTRIENTS if n in model.model_fields] + list(names)
    return {name: form.get(name) for name in wanted if form.get(name)}


@router.post("/my-foods/supplements")
async def add_supplement(request: Request, session: SessionDep, owner: OwnerDep) -> Response:
    """Add a supplement from its label."""
    form = await request.form()
    data = {
        "name": form.get("name") or "",
        "unit_name": form.get("unit_name") or "tablet",
        **_label(form, SupplementCreate, "volume_ml_per_unit"),
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
            flash(request, f"Added {row.name}.")
            return redirect("/my-foods")
    return _refused(request, session, owner, form, "supplement", on_page(SUPPLEMENT_FORM, problems))


@router.post("/my-foods/custom")
async def add_custom_food(request: Request, session: SessionDep, owner: OwnerDep) -> Response:
    """Add a food or drink from its label."""
    form = await request.form()
    data = {
        "name": form.get("name") or "",
        "kind": form.get("kind") or "food",
        "basis": form.get("basis") or "per_100g",
        "serving_name": form.get("serving_name") or "serving",
        **_label(form, CustomFoodCreate, "serving_g", "serving_ml"),
    }
    food_in, problems = parse_form(CustomFoodCreate, data)
    if food_in is not None:
        try:
            row = catalog.create_custom_food(session=session, owner=owner, food_in=food_in)
        except NightcrampsError as exc:
            problems = refusal_problems(CUSTOM_FORM, exc)
        else:
            flash(request, f"Added {row.name}.")
            return redirect("/my-foods")
    return _refused(request, session, owner, form, "custom", on_page(CUSTOM_FORM, problems))


def _refused(
    request: Request,
    session: Session,
    owner: Owner,
    form: FormData,
    form_name: str,
    errors: dict[str, str],
) -> Response:
    """The page again with the refused form as it was filled in and what to fix (nothing was
    written: the form was refused before, or by, the service)."""
    values = {k: form.get(k) for k in form}
    return my_foods_page(
        request,
        session,
        owner,
        errors=errors,
        form_name=form_name,
        values=values,
        status_code=422,
    )


def _remove(
    request: Request,
    catalogue: catalog.Catalogue[Any],
    row_id: int,
    session: Session,
    owner: Owner,
    stays: str,
) -> Response:
    """Remove one of the person's items of ``catalogue`` and say what was logged stays."""
    row = catalog.delete_own(catalogue, session=session, owner=owner, row_id=row_id)
    flash(request, f"Removed {row.name}; {stays} already logged stay in your days.")
    return redirect("/my-foods")


@router.post("/my-foods/supplements/{supplement_id}/delete")
def remove_supplement(
    request: Request, supplement_id: IdPath, session: SessionDep, owner: OwnerDep
) -> Response:
    """Remove a supplement (doses already logged stay)."""
    return _remove(request, catalog.SUPPLEMENTS, supplement_id, session, owner, "doses")


@router.post("/my-foods/custom/{custom_id}/delete")
def remove_custom_food(
    request: Request, custom_id: IdPath, session: SessionDep, owner: OwnerDep
) -> Response:
    """Remove a custom food (entries already logged stay)."""
    return _remove(request, catalog.CUSTOM_FOODS, custom_id, session, owner, "entries")
