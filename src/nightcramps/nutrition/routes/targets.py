"""The targets form of the "Your foods" page: a daily target of the person's own, or back to
the reference intake."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from nightcramps.errors import NotFound
from nightcramps.nutrition import service as nutrition_service
from nightcramps.nutrition.forms import TARGET_FORM
from nightcramps.nutrition.routes.my_foods import my_foods_page
from nightcramps.nutrition.schemas import TargetOverrideIn
from nightcramps.web.deps import OwnerDep, SessionDep
from nightcramps.web.forms import on_page
from nightcramps.web.pages import flash, parse_form, redirect

router = APIRouter()


@router.post("/my-foods/targets")
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
        flash(request, "Target back to the reference intake.")
        return redirect("/my-foods#targets")
    override_in, problems = parse_form(
        TargetOverrideIn, {"value": value, "note": form.get("note") or ""}
    )
    if override_in is None:
        return my_foods_page(
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
    flash(request, "Your own target is saved.")
    return redirect("/my-foods#targets")
