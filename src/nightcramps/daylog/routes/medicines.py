"""The Medicines page: the person's medicines, each with the drug classes associated with
cramps, a name checker, and forms to add one or record its last dose."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from nightcramps.daylog import service as daylog_service
from nightcramps.daylog.routes._common import (
    PageField,
    PageForm,
    page_problems,
    refusal_problems,
    safe_next,
    status_of,
    undo_create,
)
from nightcramps.daylog.schemas import MedicineCreate, MedicineStop
from nightcramps.errors import Conflict, Invalid
from nightcramps.owner import Owner
from nightcramps.web.deps import IdPath, OwnerDep, SessionDep
from nightcramps.web.pages import flash, form_input, parse_form, redirect, render

router = APIRouter()

DATE_FIX = "pick a date (YYYY-MM-DD) that is not in the future, or leave it empty."
MEDICINE_FORM = PageForm(
    fields={
        "name": PageField(
            "Name as on the box",
            "type the medicine's name, e.g. furosemide 40 mg (at most 200 characters).",
        ),
        "dose": PageField("Dose", "at most 100 characters, e.g. 40 mg each morning, or empty."),
        "started_on": PageField("Started on", DATE_FIX),
        "stopped_on": PageField("Last dose", DATE_FIX),
    },
    whole_form="stopped_on",
    whole_form_fix="is before Started on; fix one of the two dates.",
)
"""The "Add a medicine" form of the Medicines page (the Today page's short form posts here)."""


def _medicines_context(session: Any, owner: Owner, check: str | None) -> dict[str, Any]:
    return {
        "medicines": daylog_service.list_medicines(session=session, owner=owner),
        "check": daylog_service.check_medicine(check) if check and check.strip() else None,
        "check_text": check or "",
        "today": daylog_service.today(owner=owner),
        "errors": {},
        "values": {},
        "message": None,
    }


@router.get("/medicines")
def medicines_page(
    request: Request,
    session: SessionDep,
    owner: OwnerDep,
    check: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    """Your medicines, each with the drug classes associated with cramps and what is known."""
    return render(request, "daylog/medicines.html", _medicines_context(session, owner, check))


@router.post("/medicines")
async def add_medicine_page(request: Request, session: SessionDep, owner: OwnerDep) -> Response:
    """Add a medicine from the form."""
    form = await request.form()
    data = {
        "name": form.get("name") or "",
        "dose": form.get("dose") or "",
        "started_on": form.get("started_on") or None,
        "stopped_on": form.get("stopped_on") or None,
    }
    medicine_in, invalid = parse_form(MedicineCreate, data)
    problems = page_problems(MEDICINE_FORM, invalid)
    status = 422
    refusal: str | None = None
    if medicine_in is not None:
        try:
            public = daylog_service.add_medicine(
                session=session, owner=owner, medicine_in=medicine_in
            )
        except (Invalid, Conflict) as exc:
            session.rollback()
            problems = refusal_problems(MEDICINE_FORM, exc)
            status, refusal = status_of(exc), exc.message
        else:
            note = f" ({public.matches[0].class_name})" if public.matches else ""
            flash(request, f"Added {public.name}{note}.", undo=undo_create("medicine", public.id))
            return redirect(safe_next(form.get("next"), "/medicines"))
    context = _medicines_context(session, owner, None)
    context.update(errors=problems, values={k: form.get(k) for k in form}, message=refusal)
    return render(request, "daylog/medicines.html", context, status_code=status)


@router.post("/medicines/{medicine_id}/stop")
async def stop_medicine_page(
    request: Request, medicine_id: IdPath, session: SessionDep, owner: OwnerDep
) -> Response:
    """Record the last day a medicine was taken (today unless a date is given)."""
    form = await request.form()
    stop_in = form_input(MedicineStop, {"stopped_on": form.get("stopped_on") or None})
    public = daylog_service.stop_medicine(
        session=session, owner=owner, medicine_id=medicine_id, stopped_on=stop_in.stopped_on
    )
    flash(request, f"Recorded: last dose of {public.name} on {public.stopped_on}.")
    return redirect(safe_next(form.get("next"), "/medicines"))
