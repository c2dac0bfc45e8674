"""The diary's pages (HTML + htmx) and its JSON API. Thin: all decisions live in the service."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import Response as RawResponse
from sqlalchemy.orm import Session

from nightcramps import charts, timing
from nightcramps.constants import MUSCLES, RELIEF_EFFECTS, RELIEF_METHODS, SIDES
from nightcramps.dailyvalues import service as dailyvalues_service
from nightcramps.diary import month
from nightcramps.diary import service as diary_service
from nightcramps.diary.models import Night
from nightcramps.diary.schemas import (
    CrampCreate,
    CrampPublic,
    CrampUpdate,
    NightCreate,
    NightPublic,
    NightsPublic,
    NightStatus,
    NightUpdate,
)
from nightcramps.errors import Invalid, NotFound
from nightcramps.inputs import IsoDate, changes_to, check_unchanged
from nightcramps.owner import Owner
from nightcramps.web.deps import (
    CurrentPerson,
    IdPath,
    OwnerDep,
    SessionDep,
    verify_api_origin,
    verify_csrf,
)
from nightcramps.web.pages import flash, form_input, parse_form, redirect, render
from nightcramps.web.templating import format_night

pages = APIRouter(include_in_schema=False, dependencies=[Depends(verify_csrf)])
api = APIRouter(prefix="/api/v1", tags=["diary"], dependencies=[Depends(verify_api_origin)])

FORM_CHOICES = {
    "muscles": MUSCLES,
    "sides": SIDES,
    "reliefs": RELIEF_METHODS,
    "effects": RELIEF_EFFECTS,
}


# ---------------------------------------------------------------------------- pages


def _shown(session: Session, owner: Owner, nights: Sequence[Night]) -> list[NightPublic]:
    """Nights as pages and the API show them: with the counts of an imported daily summary."""
    public = [diary_service.to_night_public(n) for n in nights]
    return dailyvalues_service.with_imported_counts(session=session, owner=owner, nights=public)


@pages.get("/")
def home(request: Request, session: SessionDep, owner: OwnerDep, person: CurrentPerson) -> Response:
    """The morning check-in: how was last night?"""
    day = diary_service.last_night(owner=owner)
    try:
        night: NightPublic | None = _shown(
            session, owner, [diary_service.get_night(session=session, owner=owner, day=day)]
        )[0]
    except NotFound:  # not logged yet: the page asks about it
        night = None
    context = {"night_of": day, "night": night, "tz": person.timezone, **FORM_CHOICES}
    return render(request, "diary/home.html", context)


@pages.post("/checkin/no-cramps")
async def checkin_no_cramps(request: Request, session: SessionDep, owner: OwnerDep) -> Response:
    """One tap: no cramps last night."""
    form = await request.form()
    night_in, problems = parse_form(
        NightCreate,
        {
            "night_of": form.get("night_of") or diary_service.last_night(owner=owner),
            "no_cramps": True,
            "sleep_disturbance_0_10": form.get("sleep_disturbance_0_10") or None,
        },
    )
    if night_in is None:
        raise Invalid("Please check the fields marked below.", fields=problems)
    night = diary_service.record_night(session=session, owner=owner, night_in=night_in)
    flash(request, f"Logged: no cramps on the night of {night.night_of:%a %d %b}.")
    return redirect("/")


def _cramp_form_data(form: Any, owner: Owner, *, for_update: bool = False) -> dict[str, Any]:
    """Form fields → CrampCreate/CrampUpdate input; the clock time is placed in its night."""
    data: dict[str, Any] = {
        "muscle": form.get("muscle") or None,
        "side": form.get("side") or None,
        "severity_0_10": form.get("severity_0_10") or None,
        "duration_min": form.get("duration_min") or None,
        "relief": form.getlist("relief"),
        "relief_effect": form.get("relief_effect") or None,
        "notes": form.get("notes") or "",
    }
    night_text = form.get("night_of") or ""
    clock_text = (form.get("time") or "").strip()
    try:
        night_of = date.fromisoformat(night_text) if night_text else None
    except ValueError:
        night_of = None
        data["night_of"] = night_text  # let validation report the malformed date
    if night_of is not None:
        data["night_of"] = night_of
    if clock_text:
        try:
            clock = time.fromisoformat(clock_text)
        except ValueError:
            data["at"] = clock_text  # validation reports it as an invalid datetime
        else:
            if night_of is not None:
                data["at"] = timing.moment_in_night(night_of, clock, owner)
    if for_update and not night_text:
        data.pop("night_of", None)  # an edit without the night field keeps the cramp's night
    return data


@pages.get("/cramps/new")
def new_cramp(
    request: Request,
    owner: OwnerDep,
    night_of: Annotated[date | None, Query()] = None,
) -> Response:
    """The short form for a cramp."""
    day = night_of or diary_service.last_night(owner=owner)
    context = {"night_of": day, "values": {}, "errors": {}, "action": "/cramps", **FORM_CHOICES}
    return render(request, "diary/cramp_form.html", context)


@pages.post("/cramps")
async def create_cramp(request: Request, session: SessionDep, owner: OwnerDep) -> Response:
    """Save a cramp from the form, or show the form again with what to fix."""
    form = await request.form()
    cramp_in, problems = parse_form(CrampCreate, _cramp_form_data(form, owner))
    if cramp_in is not None:
        try:
            cramp = diary_service.log_cramp(session=session, owner=owner, cramp_in=cramp_in)
        except Invalid as exc:
            problems = exc.fields or {"at": exc.message}
        else:
            night_of = cramp.night.night_of
            flash(request, f"Cramp logged on the night of {night_of:%a %d %b}.")
            return redirect(f"/diary/{night_of.isoformat()}")
    context = {
        "night_of": form.get("night_of") or diary_service.last_night(owner=owner),
        "values": _form_values(form),
        "errors": problems,
        "action": "/cramps",
        **FORM_CHOICES,
    }
    return render(request, "diary/cramp_form.html", context, status_code=422)


def _form_values(form: Any) -> dict[str, Any]:
    values: dict[str, Any] = {key: form.get(key) for key in form}
    values["relief"] = form.getlist("relief")
    return values


@pages.get("/cramps/{cramp_id}/edit")
def edit_cramp(
    request: Request, cramp_id: IdPath, session: SessionDep, owner: OwnerDep, person: CurrentPerson
) -> Response:
    """The cramp form, filled in."""
    cramp = diary_service.get_cramp(session=session, owner=owner, cramp_id=cramp_id)
    public = diary_service.to_cramp_public(cramp)
    values = public.model_dump()
    if public.started_at is not None:
        values["time"] = timing.local(public.started_at, owner.tz).strftime("%H:%M")
    context = {
        "night_of": public.night_of,
        "values": values,
        "errors": {},
        "action": f"/cramps/{cramp_id}/edit",
        "editing": True,
        "tz": person.timezone,
        **FORM_CHOICES,
    }
    return render(request, "diary/cramp_form.html", context)


@pages.post("/cramps/{cramp_id}/edit")
async def save_cramp(
    request: Request, cramp_id: IdPath, session: SessionDep, owner: OwnerDep
) -> Response:
    """Save changes to a cramp."""
    form = await request.form()
    cramp = diary_service.get_cramp(session=session, owner=owner, cramp_id=cramp_id)
    data = _cramp_form_data(form, owner, for_update=True)
    data.setdefault("at", None)  # an emptied time means "some time during the night"
    cramp_in, problems = parse_form(CrampUpdate, data)
    if cramp_in is not None:
        try:
            updated = diary_service.update_cramp(
                session=session, owner=owner, cramp_id=cramp_id, cramp_in=cramp_in
            )
        except Invalid as exc:
            problems = exc.fields or {"at": exc.message}
        else:
            flash(request, "Cramp updated.")
            return redirect(f"/diary/{updated.night.night_of.isoformat()}")
    context = {
        "night_of": cramp.night.night_of,
        "values": _form_values(form),
        "errors": problems,
        "action": f"/cramps/{cramp_id}/edit",
        "editing": True,
        **FORM_CHOICES,
    }
    return render(request, "diary/cramp_form.html", context, status_code=422)


@pages.post("/cramps/{cramp_id}/delete")
def remove_cramp(
    request: Request, cramp_id: IdPath, session: SessionDep, owner: OwnerDep
) -> Response:
    """Delete a cramp, with an undo button on the next page."""
    cramp = diary_service.delete_cramp(session=session, owner=owner, cramp_id=cramp_id)
    flash(request, "Cramp deleted.", undo=f"/cramps/{cramp_id}/restore")
    return redirect(f"/diary/{cramp.night.night_of.isoformat()}")


@pages.post("/cramps/{cramp_id}/restore")
def undo_remove_cramp(
    request: Request, cramp_id: IdPath, session: SessionDep, owner: OwnerDep
) -> Response:
    """Undo a cramp's deletion."""
    cramp = diary_service.restore_cramp(session=session, owner=owner, cramp_id=cramp_id)
    flash(request, "Cramp restored.")
    return redirect(f"/diary/{cramp.night.night_of.isoformat()}")


@pages.get("/diary")
def diary_month(
    request: Request,
    session: SessionDep,
    owner: OwnerDep,
    month_param: Annotated[str | None, Query(alias="month", pattern=r"^\d{4}-\d{2}$")] = None,
    weeks: Annotated[
        int, Query(ge=1, le=520, description="Weeks the chart shows: 4, 12, 26 or 52.")
    ] = month.CHART_WEEKS,
) -> Response:
    """The month calendar, coloured by cramp nights and severity, and the month's nights.

    It opens on the month that holds last night (on the 1st, the month before), so the night a
    morning check-in just logged is always in view; the days of the neighbouring months that the
    grid shows carry their nights too.
    """
    year, mon = timing.month_of(diary_service.last_night(owner=owner))
    if month_param:
        year, mon = int(month_param[:4]), int(month_param[5:])
        if not 1 <= mon <= 12 or not timing.EARLIEST_YEAR <= year <= timing.LATEST_YEAR:
            raise Invalid("Give the month as YYYY-MM, for example 2026-11.")
    if weeks not in month.CHART_SPANS:
        raise Invalid(
            "The chart shows 4, 12, 26 or 52 weeks: pick one of those.",
            fields={"weeks": "Give 4, 12, 26 or 52."},
        )
    prev_y, prev_m = month.shift_month(year, mon, -1)
    next_y, next_m = month.shift_month(year, mon, 1)
    first, last = month.grid_span(year, mon)
    nights = diary_service.list_nights(session=session, owner=owner, start=first, end=last)
    public = {p.night_of: p for p in _shown(session, owner, nights)}
    in_month = [p for d, p in public.items() if (d.year, d.month) == (year, mon)]
    current = diary_service.current_night(owner=owner)
    grid = month.month_grid(year, mon, public, current_night=current)
    # The chart: the chosen weeks (12 unless asked) up to the end of the month shown, or up to
    # last night.
    month_end = date(next_y, next_m, 1) - timedelta(days=1)
    chart_end = min(month_end, diary_service.last_night(owner=owner))
    chart_first = chart_end - timedelta(days=7 * weeks - 1)
    chart_nights = diary_service.list_nights(
        session=session, owner=owner, start=chart_first, end=chart_end
    )
    chart_public = {p.night_of: p for p in _shown(session, owner, chart_nights)}
    context = {
        "weeks": grid,
        "month_start": date(year, mon, 1),
        "prev_month": f"{prev_y:04d}-{prev_m:02d}",
        "next_month": f"{next_y:04d}-{next_m:02d}",
        "nights": in_month,
        "cramp_nights": sum(1 for p in in_month if p.status == "cramps"),
        "free_nights": sum(1 for p in in_month if p.status == "no_cramps"),
        "chart": charts.weekly_cramps(month.chart_weeks(chart_public, chart_end, weeks)),
        "chart_end": chart_end,
        "chart_weeks": weeks,
        "chart_spans": month.CHART_SPANS,
        "month_param": f"{year:04d}-{mon:02d}",
    }
    return render(request, "diary/month.html", context)


@pages.get("/diary/{night_of}")
def night_page(
    request: Request, night_of: date, session: SessionDep, owner: OwnerDep, person: CurrentPerson
) -> Response:
    """One night: its cramps, sleep disturbance and notes. A past night not logged yet offers
    "No cramps" and "Add a cramp", as the check-in does for last night."""
    try:
        night = diary_service.get_night(session=session, owner=owner, day=night_of)
    except NotFound:
        if night_of > diary_service.current_night(owner=owner):
            raise NotFound(
                f"The night of {format_night(night_of)} has not begun yet; nothing can be "
                "logged for it.",
                fields={"night_of": "is in the future"},
            ) from None
        timing.check_year(night_of, "night_of")
        context: dict[str, Any] = {"night": None, "night_of": night_of, "tz": person.timezone}
        return render(request, "diary/night.html", context)
    shown = _shown(session, owner, [night])[0]
    context = {"night": shown, "night_of": night_of, "tz": person.timezone}
    return render(request, "diary/night.html", context)


@pages.post("/diary/{night_of}/no-cramps")
def night_no_cramps(
    request: Request, night_of: date, session: SessionDep, owner: OwnerDep
) -> Response:
    """Mark a past night cramp-free from its page or the calendar (a night whose cramps were
    all deleted too)."""
    night_in = NightCreate(night_of=night_of, status="no_cramps")
    diary_service.record_night(session=session, owner=owner, night_in=night_in)
    flash(request, f"Logged: no cramps on the night of {format_night(night_of)}.")
    return redirect(f"/diary/{night_of.isoformat()}")


@pages.post("/diary/{night_of}")
async def save_night(
    request: Request, night_of: date, session: SessionDep, owner: OwnerDep
) -> Response:
    """Save a night's sleep disturbance and notes."""
    form = await request.form()
    night_in = form_input(
        NightUpdate,
        {
            "sleep_disturbance_0_10": form.get("sleep_disturbance_0_10") or None,
            "notes": form.get("notes") or "",
        },
    )
    diary_service.update_night(session=session, owner=owner, day=night_of, night_in=night_in)
    flash(request, "Night saved.")
    return redirect(f"/diary/{night_of.isoformat()}")


@pages.post("/diary/{night_of}/delete")
def remove_night(
    request: Request, night_of: date, session: SessionDep, owner: OwnerDep
) -> Response:
    """Delete a night and its cramps, with an undo button."""
    diary_service.delete_night(session=session, owner=owner, day=night_of)
    flash(request, f"Night of {night_of:%a %d %b} deleted.", undo=f"/diary/{night_of}/restore")
    return redirect(f"/diary?month={night_of:%Y-%m}")


@pages.post("/diary/{night_of}/restore")
def undo_remove_night(
    request: Request, night_of: date, session: SessionDep, owner: OwnerDep
) -> Response:
    """Undo a night's deletion."""
    diary_service.restore_night(session=session, owner=owner, day=night_of)
    flash(request, "Night restored.")
    return redirect(f"/diary/{night_of.isoformat()}")


# ---------------------------------------------------------------------------- JSON API


@api.get("/nights", response_model=NightsPublic)
def api_list_nights(
    session: SessionDep,
    owner: OwnerDep,
    start: Annotated[
        IsoDate | None, Query(alias="from", description="First night, YYYY-MM-DD")
    ] = None,
    end: Annotated[IsoDate | None, Query(alias="to", description="Last night, YYYY-MM-DD")] = None,
) -> NightsPublic:
    """Nights logged in a date range, newest first. Nights not logged are absent, not cramp-free."""
    nights = diary_service.list_nights(session=session, owner=owner, start=start, end=end)
    data = _shown(session, owner, nights)
    return NightsPublic(data=data, count=len(data))


def _with_status(shown: NightPublic, wanted: NightStatus | None) -> NightPublic:
    """The night as the API answers it, refused (so nothing is stored) when it did not end up
    with the ``status`` sent: that status follows the night's cramps, and no write sets it."""
    if wanted is not None and shown.status != wanted:
        raise Invalid(
            f"The night of {shown.night_of.isoformat()} would have status {shown.status!r}, not "
            f"{wanted!r}: a night's status follows its cramps. Log cramps with POST "
            "/api/v1/cramps (or delete them to mark the night cramp-free), or send status "
            '"no_cramps" or "unknown".',
            fields={"status": f"would be {shown.status}"},
        )
    return shown


@api.post("/nights", response_model=NightPublic, status_code=201)
def api_record_night(night_in: NightCreate, session: SessionDep, owner: OwnerDep) -> NightPublic:
    """Record a night: its status ("no_cramps"), sleep disturbance, notes. The rest of a night's
    GET body (its cramps and counts) is accepted and ignored."""
    night = diary_service.record_night(session=session, owner=owner, night_in=night_in)
    shown = _with_status(_shown(session, owner, [night])[0], night_in.status)
    return shown


@api.get("/nights/{night_of}", response_model=NightPublic)
def api_get_night(night_of: IsoDate, session: SessionDep, owner: OwnerDep) -> NightPublic:
    """One night with its cramps."""
    return _shown(
        session, owner, [diary_service.get_night(session=session, owner=owner, day=night_of)]
    )[0]


@api.patch("/nights/{night_of}", response_model=NightPublic)
def api_update_night(
    night_of: IsoDate, night_in: NightUpdate, session: SessionDep, owner: OwnerDep
) -> NightPublic:
    """Change a night's status, sleep disturbance or notes (a GET body may be sent back)."""
    check_unchanged("night_of", night_in.night_of, night_of, how="a night's date is its address")
    night = diary_service.update_night(
        session=session, owner=owner, day=night_of, night_in=night_in
    )
    shown = _with_status(_shown(session, owner, [night])[0], night_in.status)
    return shown


@api.delete("/nights/{night_of}", status_code=204)
def api_delete_night(night_of: IsoDate, session: SessionDep, owner: OwnerDep) -> RawResponse:
    """Delete a night and its cramps (restorable within the undo window)."""
    diary_service.delete_night(session=session, owner=owner, day=night_of)
    return RawResponse(status_code=204)


@api.post("/nights/{night_of}/restore", response_model=NightPublic)
def api_restore_night(night_of: IsoDate, session: SessionDep, owner: OwnerDep) -> NightPublic:
    """Undo the deletion of a night."""
    night = diary_service.restore_night(session=session, owner=owner, day=night_of)
    return _shown(session, owner, [night])[0]


@api.post("/cramps", response_model=CrampPublic, status_code=201)
def api_log_cramp(cramp_in: CrampCreate, session: SessionDep, owner: OwnerDep) -> CrampPublic:
    """Log a cramp; it is filed under the night it belongs to."""
    cramp = diary_service.log_cramp(session=session, owner=owner, cramp_in=cramp_in)
    return diary_service.to_cramp_public(cramp)


@api.get("/cramps/{cramp_id}", response_model=CrampPublic)
def api_get_cramp(cramp_id: IdPath, session: SessionDep, owner: OwnerDep) -> CrampPublic:
    """One cramp."""
    return diary_service.to_cramp_public(
        diary_service.get_cramp(session=session, owner=owner, cramp_id=cramp_id)
    )


@api.patch("/cramps/{cramp_id}", response_model=CrampPublic)
def api_update_cramp(
    cramp_id: IdPath, cramp_in: CrampUpdate, session: SessionDep, owner: OwnerDep
) -> CrampPublic:
    """Change a cramp; a new time, or a new night, may move it to another night. A GET body
    may be sent back with fields edited: the fields sent as they are stay as they are."""
    check_unchanged("id", cramp_in.id, cramp_id, how="send the change to that cramp's address")
    stored = diary_service.to_cramp_public(
        diary_service.get_cramp(session=session, owner=owner, cramp_id=cramp_id)
    )
    cramp_in = changes_to(cramp_in, stored)
    cramp = diary_service.update_cramp(
        session=session, owner=owner, cramp_id=cramp_id, cramp_in=cramp_in
    )
    public = diary_service.to_cramp_public(cramp)
    if cramp_in.night_of is not None and cramp_in.night_of != public.night_of:
        raise Invalid(
            f"The time sent puts this cramp on the night of {public.night_of.isoformat()}, not "
            f"{cramp_in.night_of.isoformat()}; send the new night_of alone, or a started_at "
            "in that night.",
            fields={"night_of": "does not match the time"},
        )
    return public


@api.delete("/cramps/{cramp_id}", status_code=204)
def api_delete_cramp(cramp_id: IdPath, session: SessionDep, owner: OwnerDep) -> RawResponse:
    """Delete a cramp (restorable within the undo window)."""
    diary_service.delete_cramp(session=session, owner=owner, cramp_id=cramp_id)
    return RawResponse(status_code=204)


@api.post("/cramps/{cramp_id}/restore", response_model=CrampPublic)
def api_restore_cramp(cramp_id: IdPath, session: SessionDep, owner: OwnerDep) -> CrampPublic:
    """Undo the deletion of a cramp."""
    cramp = diary_service.restore_cramp(session=session, owner=owner, cramp_id=cramp_id)
    return diary_service.to_cramp_public(cramp)
