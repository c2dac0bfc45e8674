"""The day log's pages ("Today", "Medicines") and its JSON API. Thin: decisions live in the
service."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import Response as RawResponse
from pydantic import BaseModel

from nightcramps.daylog import service as daylog_service
from nightcramps.daylog.constants import COFFEE_CUP_CAFFEINE_MG, INTENSITY_WORDS
from nightcramps.daylog.schemas import (
    ActivitiesPublic,
    ActivityCreate,
    ActivityPublic,
    ActivityUpdate,
    AlcoholCreate,
    AlcoholListPublic,
    AlcoholPublic,
    AlcoholUpdate,
    CaffeineCreate,
    CaffeineListPublic,
    CaffeinePublic,
    CaffeineUpdate,
    DailyFactorsPublic,
    DayFactorsPublic,
    DayLogPublic,
    DayUpdate,
    EntryKind,
    MedicineCheckPublic,
    MedicineCreate,
    MedicinePublic,
    MedicinesPublic,
    MedicineStop,
    MedicineUpdate,
    SleepCreate,
    SleepListPublic,
    SleepPublic,
    SleepUpdate,
    StretchCreate,
    StretchesPublic,
    StretchPublic,
    StretchUpdate,
)
from nightcramps.errors import Conflict, Invalid, NightcrampsError
from nightcramps.owner import Owner
from nightcramps.web.deps import (
    CurrentPerson,
    IdPath,
    OwnerDep,
    SessionDep,
    verify_api_origin,
    verify_csrf,
)
from nightcramps.web.pages import flash, parse_form, redirect, render

pages = APIRouter(include_in_schema=False, dependencies=[Depends(verify_csrf)])
api = APIRouter(prefix="/api/v1", tags=["day log"], dependencies=[Depends(verify_api_origin)])

FromQuery = Annotated[date | None, Query(alias="from", description="First day, YYYY-MM-DD")]
ToQuery = Annotated[date | None, Query(alias="to", description="Last day, YYYY-MM-DD")]

ONE_TAP_ROUTINE = "bedtime stretches"
"""The routine name logged by the one-tap "stretched before bed" button."""

NONE_ANSWERS = {
    "stretching": ("no_stretching", "No stretching today"),
    "exercise": ("no_exercise", "Rest day: no exercise"),
    "alcohol": ("no_alcohol", "No alcohol today"),
    "caffeine": ("no_caffeine", "No caffeine today"),
}
REMEDIES = {"massage": "massage_used", "heat": "heat_used"}
ACTIVITY_TYPES = ("walking", "running", "cycling", "swimming", "gym", "yoga", "gardening", "other")
KINDS: tuple[EntryKind, ...] = ("activity", "stretch", "alcohol", "caffeine", "sleep", "medicine")


# ---------------------------------------------------------------------------- page helpers


def _safe_next(value: Any, fallback: str) -> str:
    """A local path to return to (never another site)."""
    if isinstance(value, str) and value.startswith("/") and not value.startswith("//"):
        return value
    return fallback


def _clock(value: datetime | None, owner: Owner) -> str:
    return "" if value is None else value.astimezone(owner.tz).strftime("%H:%M")


def _today_context(session: Any, owner: Owner, day: date, person_tz: str) -> dict[str, Any]:
    log = daylog_service.day_log(session=session, owner=owner, day=day)
    current = daylog_service.today(owner=owner)
    sleep = log.sleep[0] if log.sleep else None
    return {
        "day": day,
        "is_today": day == current,
        "prev_day": day - timedelta(days=1),
        "next_day": day + timedelta(days=1) if day < current else None,
        "log": log,
        "sleep": sleep,
        "sleep_bed": _clock(sleep.bed_at if sleep else None, owner),
        "sleep_wake": _clock(sleep.wake_at if sleep else None, owner),
        "medicines": daylog_service.list_medicines(session=session, owner=owner),
        "activity_types": ACTIVITY_TYPES,
        "efforts": INTENSITY_WORDS,
        "coffee_mg": COFFEE_CUP_CAFFEINE_MG,
        "none_answers": NONE_ANSWERS,
        "tz": person_tz,
        "errors": {},
        "values": {},
        "failed": None,
        "message": None,
    }


def _render_today(
    request: Request,
    session: Any,
    owner: Owner,
    person: Any,
    day: date,
    *,
    failed: str | None = None,
    errors: dict[str, str] | None = None,
    values: dict[str, Any] | None = None,
    message: str | None = None,
    status_code: int = 200,
) -> Response:
    context = _today_context(session, owner, day, person.timezone)
    context.update(failed=failed, errors=errors or {}, values=values or {}, message=message)
    return render(request, "daylog/today.html", context, status_code=status_code)


def _problems(exc: NightcrampsError, default_field: str) -> dict[str, str]:
    return exc.fields or {default_field: exc.message}


def _status(exc: NightcrampsError) -> int:
    return 409 if isinstance(exc, Conflict) else 422


def _viewable_day(day: date, owner: Owner) -> date:
    if day > daylog_service.today(owner=owner):
        raise Invalid(f"{day.isoformat()} has not begun yet; open today or an earlier day.")
    if day.year < 1900:
        raise Invalid(f"{day.isoformat()} is too long ago; check the year.")
    return day


def _undo_create(kind: str, entry_id: int) -> str:
    return f"/entries/{kind}/{entry_id}/delete"


# ---------------------------------------------------------------------------- pages: today


@pages.get("/today")
def today_page(
    request: Request, session: SessionDep, owner: OwnerDep, person: CurrentPerson
) -> Response:
    """Today: one-tap logging of the day before the night."""
    return _render_today(request, session, owner, person, daylog_service.today(owner=owner))


@pages.get("/today/{day}")
def day_page(
    request: Request, day: date, session: SessionDep, owner: OwnerDep, person: CurrentPerson
) -> Response:
    """The same page for an earlier day."""
    return _render_today(request, session, owner, person, _viewable_day(day, owner))


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
        return _render_today(
            request,
            session,
            owner,
            person,
            _viewable_day(day, owner),
            failed=field,
            errors=_problems(exc, field),
            message=exc.message,
            status_code=_status(exc),
        )
    session.commit()
    flash(request, message, undo=undo)
    return redirect(f"/today/{day.isoformat()}")


@pages.post("/today/{day}/stretched")
async def tap_stretched(
    request: Request, day: date, session: SessionDep, owner: OwnerDep, person: CurrentPerson
) -> Response:
    """One tap: stretched before bed."""

    def action() -> tuple[str, str]:
        stretch = daylog_service.log_stretch(
            session=session, owner=owner, stretch_in=StretchCreate(routine=ONE_TAP_ROUTINE, day=day)
        )
        return "Logged: stretched before bed.", _undo_create("stretch", stretch.id)

    return await _one_tap(request, session, owner, person, day, action, field="stretch")


@pages.post("/today/{day}/none/{what}")
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
        daylog_service.update_day(
            session=session, owner=owner, day=day, day_in=DayUpdate.model_validate({flag: True})
        )
        return f"Logged: {label.lower()}.", None

    return await _one_tap(request, session, owner, person, day, action, field=flag)


@pages.post("/today/{day}/remedy/{what}")
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
        daylog_service.update_day(
            session=session,
            owner=owner,
            day=day,
            day_in=DayUpdate.model_validate({REMEDIES[what]: True}),
        )
        return f"Logged: {what} used.", None

    return await _one_tap(request, session, owner, person, day, action, field=REMEDIES[what])


@pages.post("/today/{day}/coffee")
async def tap_coffee(
    request: Request, day: date, session: SessionDep, owner: OwnerDep, person: CurrentPerson
) -> Response:
    """One tap: a cup of brewed coffee (95 mg caffeine)."""

    def action() -> tuple[str, str]:
        entry = daylog_service.log_caffeine(
            session=session,
            owner=owner,
            caffeine_in=CaffeineCreate(
                caffeine_mg=COFFEE_CUP_CAFFEINE_MG, source="coffee", day=day
            ),
        )
        return f"Logged: a coffee ({COFFEE_CUP_CAFFEINE_MG} mg).", _undo_create(
            "caffeine", entry.id
        )

    return await _one_tap(request, session, owner, person, day, action, field="caffeine_mg")


@pages.post("/today/{day}/drink")
async def tap_drink(
    request: Request, day: date, session: SessionDep, owner: OwnerDep, person: CurrentPerson
) -> Response:
    """One tap: one alcoholic drink."""

    def action() -> tuple[str, str]:
        entry = daylog_service.log_alcohol(
            session=session, owner=owner, alcohol_in=AlcoholCreate(drinks=1, day=day)
        )
        return "Logged: one drink.", _undo_create("alcohol", entry.id)

    return await _one_tap(request, session, owner, person, day, action, field="drinks")


async def _form_entry(
    request: Request,
    session: Any,
    owner: Owner,
    person: Any,
    day: date,
    *,
    name: str,
    model: type[BaseModel],
    data: dict[str, Any],
    save: Any,
) -> Response:
    """Validate a form into ``model`` and ``save`` it, or show the page with what to fix."""
    parsed, problems = parse_form(model, data)
    status = 422
    refusal: str | None = None
    if parsed is not None:
        try:
            message, undo = save(parsed)
        except (Invalid, Conflict) as exc:
            session.rollback()
            problems = _problems(exc, name)
            status = _status(exc)
            refusal = exc.message
        else:
            session.commit()
            flash(request, message, undo=undo)
            return redirect(f"/today/{day.isoformat()}")
    form = await request.form()
    return _render_today(
        request,
        session,
        owner,
        person,
        _viewable_day(day, owner),
        failed=name,
        errors=problems,
        values={k: form.get(k) for k in form},
        message=refusal,
        status_code=status,
    )


def _at(day: date, clock_text: str, owner: Owner) -> datetime | str | None:
    """A clock time typed on the page, placed on ``day`` (before 04:00: the morning after)."""
    text = clock_text.strip()
    if not text:
        return None
    try:
        clock = time.fromisoformat(text)
    except ValueError:
        return text  # validation reports it as a malformed time
    on = day + timedelta(days=1) if clock.hour < daylog_service.day_start_hour(owner) else day
    return datetime.combine(on, clock, tzinfo=owner.tz)


@pages.post("/today/{day}/caffeine")
async def form_caffeine(
    request: Request, day: date, session: SessionDep, owner: OwnerDep, person: CurrentPerson
) -> Response:
    """Caffeine in mg, entered directly."""
    form = await request.form()
    data = {
        "day": day,
        "caffeine_mg": form.get("caffeine_mg") or None,
        "source": form.get("source") or "",
    }

    def save(caffeine_in: CaffeineCreate) -> tuple[str, str]:
        entry = daylog_service.log_caffeine(session=session, owner=owner, caffeine_in=caffeine_in)
        return f"Logged: {entry.caffeine_mg:g} mg caffeine.", _undo_create("caffeine", entry.id)

    return await _form_entry(
        request, session, owner, person, day, name="caffeine", model=CaffeineCreate,
        data=data, save=save,
    )  # fmt: skip


@pages.post("/today/{day}/alcohol")
async def form_alcohol(
    request: Request, day: date, session: SessionDep, owner: OwnerDep, person: CurrentPerson
) -> Response:
    """Alcoholic drinks with standard units and kind."""
    form = await request.form()
    data = {
        "day": day,
        "drinks": form.get("drinks") or None,
        "standard_units": form.get("standard_units") or None,
        "kind": form.get("kind") or "",
    }

    def save(alcohol_in: AlcoholCreate) -> tuple[str, str]:
        entry = daylog_service.log_alcohol(session=session, owner=owner, alcohol_in=alcohol_in)
        return f"Logged: {entry.drinks:g} drink(s).", _undo_create("alcohol", entry.id)

    return await _form_entry(
        request, session, owner, person, day, name="alcohol", model=AlcoholCreate,
        data=data, save=save,
    )  # fmt: skip


@pages.post("/today/{day}/workout")
async def form_workout(
    request: Request, day: date, session: SessionDep, owner: OwnerDep, person: CurrentPerson
) -> Response:
    """A workout: type, minutes, effort."""
    form = await request.form()
    data: dict[str, Any] = {
        "day": day,
        "activity_type": form.get("activity_type") or None,
        "duration_min": form.get("duration_min") or None,
        "intensity_0_10": form.get("intensity_0_10") or None,
        "notes": form.get("notes") or "",
    }
    at = _at(day, str(form.get("time") or ""), owner)
    if at is not None:
        data["at"] = at
        data.pop("day")

    def save(activity_in: ActivityCreate) -> tuple[str, str]:
        entry = daylog_service.log_activity(session=session, owner=owner, activity_in=activity_in)
        return (
            f"Logged: {entry.activity_type}, {entry.duration_min:g} min ({entry.effort}).",
            _undo_create("activity", entry.id),
        )

    return await _form_entry(
        request, session, owner, person, day, name="workout", model=ActivityCreate,
        data=data, save=save,
    )  # fmt: skip


@pages.post("/today/{day}/day")
async def form_day(
    request: Request, day: date, session: SessionDep, owner: OwnerDep, person: CurrentPerson
) -> Response:
    """Steps and long standing or sitting (an emptied box clears the value)."""
    form = await request.form()
    data = {
        "steps": form.get("steps") or None,
        "standing_h": form.get("standing_h") or None,
        "sitting_h": form.get("sitting_h") or None,
    }

    def save(day_in: DayUpdate) -> tuple[str, None]:
        daylog_service.update_day(session=session, owner=owner, day=day, day_in=day_in)
        return "Saved steps, standing and sitting.", None

    return await _form_entry(
        request, session, owner, person, day, name="day", model=DayUpdate, data=data, save=save
    )


@pages.post("/today/{day}/sleep")
async def form_sleep(
    request: Request, day: date, session: SessionDep, owner: OwnerDep, person: CurrentPerson
) -> Response:
    """Last night's sleep: bedtime and wake time (the wake time is on this day)."""
    form = await request.form()
    bed_text = str(form.get("bed_time") or "").strip()
    wake_text = str(form.get("wake_time") or "").strip()
    data: dict[str, Any] = {"bed_at": bed_text or None, "wake_at": wake_text or None}
    try:
        wake_clock, bed_clock = time.fromisoformat(wake_text), time.fromisoformat(bed_text)
    except ValueError:
        pass  # validation names the malformed or missing time
    else:
        wake = datetime.combine(day, wake_clock, tzinfo=owner.tz)
        bed_day = day - timedelta(days=1) if bed_clock >= wake_clock else day
        data = {"bed_at": datetime.combine(bed_day, bed_clock, tzinfo=owner.tz), "wake_at": wake}
    existing = daylog_service.list_sleep(session=session, owner=owner, start=day, end=day)

    def save(sleep_in: SleepCreate) -> tuple[str, str | None]:
        if existing:
            entry = daylog_service.update_sleep(
                session=session,
                owner=owner,
                sleep_id=existing[0].id,
                sleep_in=SleepUpdate(bed_at=sleep_in.bed_at, wake_at=sleep_in.wake_at),
            )
            return f"Sleep changed: {entry.sleep_h:g} hours.", None
        entry = daylog_service.log_sleep(session=session, owner=owner, sleep_in=sleep_in)
        return f"Logged: {entry.sleep_h:g} hours of sleep.", _undo_create("sleep", entry.id)

    return await _form_entry(
        request, session, owner, person, day, name="sleep", model=SleepCreate, data=data, save=save
    )


# ---------------------------------------------------------------------------- pages: entries


def _entry_home(kind: str, public: Any) -> str:
    if kind == "medicine":
        return "/medicines"
    return f"/today/{public.day.isoformat()}"


def _kind(kind: str) -> EntryKind:
    if kind not in KINDS:
        raise Invalid(f"Unknown kind of entry {kind!r}; use one of {', '.join(KINDS)}.")
    return kind


@pages.post("/entries/{kind}/{entry_id}/delete")
async def remove_entry(
    request: Request, kind: str, entry_id: IdPath, session: SessionDep, owner: OwnerDep
) -> Response:
    """Delete an entry, with an undo button on the next page."""
    entry_kind = _kind(kind)
    public = daylog_service.delete_entry(
        session=session, owner=owner, kind=entry_kind, entry_id=entry_id
    )
    session.commit()
    label = daylog_service.KIND_NAMES[entry_kind].capitalize()
    flash(request, f"{label} deleted.", undo=f"/entries/{kind}/{entry_id}/restore")
    form = await request.form()
    return redirect(_safe_next(form.get("next"), _entry_home(kind, public)))


@pages.post("/entries/{kind}/{entry_id}/restore")
async def undo_remove_entry(
    request: Request, kind: str, entry_id: IdPath, session: SessionDep, owner: OwnerDep
) -> Response:
    """Undo a deletion."""
    entry_kind = _kind(kind)
    public = daylog_service.restore_entry(
        session=session, owner=owner, kind=entry_kind, entry_id=entry_id
    )
    session.commit()
    flash(request, f"{daylog_service.KIND_NAMES[entry_kind].capitalize()} restored.")
    return redirect(_entry_home(kind, public))


# ---------------------------------------------------------------------------- pages: medicines


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


@pages.get("/medicines")
def medicines_page(
    request: Request,
    session: SessionDep,
    owner: OwnerDep,
    check: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    """Your medicines, each with the drug classes associated with cramps and what is known."""
    return render(request, "daylog/medicines.html", _medicines_context(session, owner, check))


@pages.post("/medicines")
async def add_medicine_page(request: Request, session: SessionDep, owner: OwnerDep) -> Response:
    """Add a medicine from the form."""
    form = await request.form()
    data = {
        "name": form.get("name") or "",
        "dose": form.get("dose") or "",
        "started_on": form.get("started_on") or None,
        "stopped_on": form.get("stopped_on") or None,
    }
    medicine_in, problems = parse_form(MedicineCreate, data)
    status = 422
    refusal: str | None = None
    if medicine_in is not None:
        try:
            public = daylog_service.add_medicine(
                session=session, owner=owner, medicine_in=medicine_in
            )
        except (Invalid, Conflict) as exc:
            session.rollback()
            problems, status, refusal = _problems(exc, "name"), _status(exc), exc.message
        else:
            session.commit()
            note = f" ({public.matches[0].class_name})" if public.matches else ""
            flash(request, f"Added {public.name}{note}.", undo=_undo_create("medicine", public.id))
            return redirect(_safe_next(form.get("next"), "/medicines"))
    context = _medicines_context(session, owner, None)
    context.update(errors=problems, values={k: form.get(k) for k in form}, message=refusal)
    return render(request, "daylog/medicines.html", context, status_code=status)


@pages.post("/medicines/{medicine_id}/stop")
async def stop_medicine_page(
    request: Request, medicine_id: IdPath, session: SessionDep, owner: OwnerDep
) -> Response:
    """Record the last day a medicine was taken (today unless a date is given)."""
    form = await request.form()
    stop_in, problems = parse_form(MedicineStop, {"stopped_on": form.get("stopped_on") or None})
    if stop_in is None:
        raise Invalid("Please fix: " + "; ".join(f"{k}: {v}" for k, v in problems.items()))
    public = daylog_service.stop_medicine(
        session=session, owner=owner, medicine_id=medicine_id, stopped_on=stop_in.stopped_on
    )
    session.commit()
    flash(request, f"Recorded: last dose of {public.name} on {public.stopped_on}.")
    return redirect(_safe_next(form.get("next"), "/medicines"))


# ---------------------------------------------------------------------------- JSON API: days


@api.get("/days/factors", response_model=DailyFactorsPublic)
def api_daily_factors(
    session: SessionDep,
    owner: OwnerDep,
    start: Annotated[date, Query(alias="from", description="First day, YYYY-MM-DD")],
    end: Annotated[date, Query(alias="to", description="Last day, YYYY-MM-DD")],
) -> DailyFactorsPublic:
    """The day-log factors of each day (null is unknown, never zero)."""
    factors = daylog_service.daily_factors(session=session, owner=owner, start=start, end=end)
    return DailyFactorsPublic(data={d: DayFactorsPublic(**v) for d, v in factors.items()})


@api.get("/days/{day}/log", response_model=DayLogPublic)
def api_day_log(day: date, session: SessionDep, owner: OwnerDep) -> DayLogPublic:
    """Everything logged for one day, with its factors."""
    return daylog_service.day_log(session=session, owner=owner, day=_viewable_day(day, owner))


@api.patch("/days/{day}/log", response_model=DayLogPublic)
def api_update_day(
    day: date, day_in: DayUpdate, session: SessionDep, owner: OwnerDep
) -> DayLogPublic:
    """Set steps, standing, sitting, massage, heat and the "none today" answers."""
    result = daylog_service.update_day(session=session, owner=owner, day=day, day_in=day_in)
    session.commit()
    return result


# ---------------------------------------------------------------------------- JSON API: entries


def _deleted(session: Any, owner: Owner, kind: EntryKind, entry_id: int) -> RawResponse:
    daylog_service.delete_entry(session=session, owner=owner, kind=kind, entry_id=entry_id)
    session.commit()
    return RawResponse(status_code=204)


def _restored(session: Any, owner: Owner, kind: EntryKind, entry_id: int) -> Any:
    public = daylog_service.restore_entry(
        session=session, owner=owner, kind=kind, entry_id=entry_id
    )
    session.commit()
    return public


@api.get("/activities", response_model=ActivitiesPublic)
def api_list_activities(
    session: SessionDep, owner: OwnerDep, start: FromQuery = None, end: ToQuery = None
) -> ActivitiesPublic:
    """Workouts in a date range, newest first."""
    data = daylog_service.list_activities(session=session, owner=owner, start=start, end=end)
    return ActivitiesPublic(data=data, count=len(data))


@api.post("/activities", response_model=ActivityPublic, status_code=201)
def api_log_activity(
    activity_in: ActivityCreate, session: SessionDep, owner: OwnerDep
) -> ActivityPublic:
    """Log a workout (intensity 0-10 or light, moderate, vigorous)."""
    public = daylog_service.log_activity(session=session, owner=owner, activity_in=activity_in)
    session.commit()
    return public


@api.get("/activities/{entry_id}", response_model=ActivityPublic)
def api_get_activity(entry_id: IdPath, session: SessionDep, owner: OwnerDep) -> ActivityPublic:
    """One workout."""
    public: ActivityPublic = daylog_service.get_entry(
        session=session, owner=owner, kind="activity", entry_id=entry_id
    )
    return public


@api.patch("/activities/{entry_id}", response_model=ActivityPublic)
def api_update_activity(
    entry_id: IdPath, activity_in: ActivityUpdate, session: SessionDep, owner: OwnerDep
) -> ActivityPublic:
    """Change a workout."""
    public = daylog_service.update_activity(
        session=session, owner=owner, activity_id=entry_id, activity_in=activity_in
    )
    session.commit()
    return public


@api.delete("/activities/{entry_id}", status_code=204)
def api_delete_activity(entry_id: IdPath, session: SessionDep, owner: OwnerDep) -> RawResponse:
    """Delete a workout (restorable within the undo window)."""
    return _deleted(session, owner, "activity", entry_id)


@api.post("/activities/{entry_id}/restore", response_model=ActivityPublic)
def api_restore_activity(entry_id: IdPath, session: SessionDep, owner: OwnerDep) -> ActivityPublic:
    """Undo the deletion of a workout."""
    public: ActivityPublic = _restored(session, owner, "activity", entry_id)
    return public


@api.get("/stretches", response_model=StretchesPublic)
def api_list_stretches(
    session: SessionDep, owner: OwnerDep, start: FromQuery = None, end: ToQuery = None
) -> StretchesPublic:
    """Stretching sessions in a date range, newest first."""
    data = daylog_service.list_stretches(session=session, owner=owner, start=start, end=end)
    return StretchesPublic(data=data, count=len(data))


@api.post("/stretches", response_model=StretchPublic, status_code=201)
def api_log_stretch(
    stretch_in: StretchCreate, session: SessionDep, owner: OwnerDep
) -> StretchPublic:
    """Log a stretching routine (routine name, minutes, time)."""
    public = daylog_service.log_stretch(session=session, owner=owner, stretch_in=stretch_in)
    session.commit()
    return public


@api.get("/stretches/{entry_id}", response_model=StretchPublic)
def api_get_stretch(entry_id: IdPath, session: SessionDep, owner: OwnerDep) -> StretchPublic:
    """One stretching session."""
    public: StretchPublic = daylog_service.get_entry(
        session=session, owner=owner, kind="stretch", entry_id=entry_id
    )
    return public


@api.patch("/stretches/{entry_id}", response_model=StretchPublic)
def api_update_stretch(
    entry_id: IdPath, stretch_in: StretchUpdate, session: SessionDep, owner: OwnerDep
) -> StretchPublic:
    """Change a stretching session."""
    public = daylog_service.update_stretch(
        session=session, owner=owner, stretch_id=entry_id, stretch_in=stretch_in
    )
    session.commit()
    return public


@api.delete("/stretches/{entry_id}", status_code=204)
def api_delete_stretch(entry_id: IdPath, session: SessionDep, owner: OwnerDep) -> RawResponse:
    """Delete a stretching session (restorable within the undo window)."""
    return _deleted(session, owner, "stretch", entry_id)


@api.post("/stretches/{entry_id}/restore", response_model=StretchPublic)
def api_restore_stretch(entry_id: IdPath, session: SessionDep, owner: OwnerDep) -> StretchPublic:
    """Undo the deletion of a stretching session."""
    public: StretchPublic = _restored(session, owner, "stretch", entry_id)
    return public


@api.get("/alcohol", response_model=AlcoholListPublic)
def api_list_alcohol(
    session: SessionDep, owner: OwnerDep, start: FromQuery = None, end: ToQuery = None
) -> AlcoholListPublic:
    """Alcohol entries in a date range, newest first."""
    data = daylog_service.list_alcohol(session=session, owner=owner, start=start, end=end)
    return AlcoholListPublic(data=data, count=len(data))


@api.post("/alcohol", response_model=AlcoholPublic, status_code=201)
def api_log_alcohol(
    alcohol_in: AlcoholCreate, session: SessionDep, owner: OwnerDep
) -> AlcoholPublic:
    """Log alcoholic drinks (standard units optional)."""
    public = daylog_service.log_alcohol(session=session, owner=owner, alcohol_in=alcohol_in)
    session.commit()
    return public


@api.get("/alcohol/{entry_id}", response_model=AlcoholPublic)
def api_get_alcohol(entry_id: IdPath, session: SessionDep, owner: OwnerDep) -> AlcoholPublic:
    """One alcohol entry."""
    public: AlcoholPublic = daylog_service.get_entry(
        session=session, owner=owner, kind="alcohol", entry_id=entry_id
    )
    return public


@api.patch("/alcohol/{entry_id}", response_model=AlcoholPublic)
def api_update_alcohol(
    entry_id: IdPath, alcohol_in: AlcoholUpdate, session: SessionDep, owner: OwnerDep
) -> AlcoholPublic:
    """Change an alcohol entry."""
    public = daylog_service.update_alcohol(
        session=session, owner=owner, alcohol_id=entry_id, alcohol_in=alcohol_in
    )
    session.commit()
    return public


@api.delete("/alcohol/{entry_id}", status_code=204)
def api_delete_alcohol(entry_id: IdPath, session: SessionDep, owner: OwnerDep) -> RawResponse:
    """Delete an alcohol entry (restorable within the undo window)."""
    return _deleted(session, owner, "alcohol", entry_id)


@api.post("/alcohol/{entry_id}/restore", response_model=AlcoholPublic)
def api_restore_alcohol(entry_id: IdPath, session: SessionDep, owner: OwnerDep) -> AlcoholPublic:
    """Undo the deletion of an alcohol entry."""
    public: AlcoholPublic = _restored(session, owner, "alcohol", entry_id)
    return public


@api.get("/caffeine", response_model=CaffeineListPublic)
def api_list_caffeine(
    session: SessionDep, owner: OwnerDep, start: FromQuery = None, end: ToQuery = None
) -> CaffeineListPublic:
    """Caffeine entries in a date range, newest first."""
    data = daylog_service.list_caffeine(session=session, owner=owner, start=start, end=end)
    return CaffeineListPublic(data=data, count=len(data))


@api.post("/caffeine", response_model=CaffeinePublic, status_code=201)
def api_log_caffeine(
    caffeine_in: CaffeineCreate, session: SessionDep, owner: OwnerDep
) -> CaffeinePublic:
    """Log caffeine in mg (e.g. coffee 95 mg)."""
    public = daylog_service.log_caffeine(session=session, owner=owner, caffeine_in=caffeine_in)
    session.commit()
    return public


@api.get("/caffeine/{entry_id}", response_model=CaffeinePublic)
def api_get_caffeine(entry_id: IdPath, session: SessionDep, owner: OwnerDep) -> CaffeinePublic:
    """One caffeine entry."""
    public: CaffeinePublic = daylog_service.get_entry(
        session=session, owner=owner, kind="caffeine", entry_id=entry_id
    )
    return public


@api.patch("/caffeine/{entry_id}", response_model=CaffeinePublic)
def api_update_caffeine(
    entry_id: IdPath, caffeine_in: CaffeineUpdate, session: SessionDep, owner: OwnerDep
) -> CaffeinePublic:
    """Change a caffeine entry."""
    public = daylog_service.update_caffeine(
        session=session, owner=owner, caffeine_id=entry_id, caffeine_in=caffeine_in
    )
    session.commit()
    return public


@api.delete("/caffeine/{entry_id}", status_code=204)
def api_delete_caffeine(entry_id: IdPath, session: SessionDep, owner: OwnerDep) -> RawResponse:
    """Delete a caffeine entry (restorable within the undo window)."""
    return _deleted(session, owner, "caffeine", entry_id)


@api.post("/caffeine/{entry_id}/restore", response_model=CaffeinePublic)
def api_restore_caffeine(entry_id: IdPath, session: SessionDep, owner: OwnerDep) -> CaffeinePublic:
    """Undo the deletion of a caffeine entry."""
    public: CaffeinePublic = _restored(session, owner, "caffeine", entry_id)
    return public


@api.get("/sleep", response_model=SleepListPublic)
def api_list_sleep(
    session: SessionDep, owner: OwnerDep, start: FromQuery = None, end: ToQuery = None
) -> SleepListPublic:
    """Sleep entries ending on the days of a range, newest first."""
    data = daylog_service.list_sleep(session=session, owner=owner, start=start, end=end)
    return SleepListPublic(data=data, count=len(data))


@api.post("/sleep", response_model=SleepPublic, status_code=201)
def api_log_sleep(sleep_in: SleepCreate, session: SessionDep, owner: OwnerDep) -> SleepPublic:
    """Log a sleep (bedtime and wake time); it belongs to the day it ends in."""
    public = daylog_service.log_sleep(session=session, owner=owner, sleep_in=sleep_in)
    session.commit()
    return public


@api.get("/sleep/{entry_id}", response_model=SleepPublic)
def api_get_sleep(entry_id: IdPath, session: SessionDep, owner: OwnerDep) -> SleepPublic:
    """One sleep entry."""
    public: SleepPublic = daylog_service.get_entry(
        session=session, owner=owner, kind="sleep", entry_id=entry_id
    )
    return public


@api.patch("/sleep/{entry_id}", response_model=SleepPublic)
def api_update_sleep(
    entry_id: IdPath, sleep_in: SleepUpdate, session: SessionDep, owner: OwnerDep
) -> SleepPublic:
    """Change a sleep entry."""
    public = daylog_service.update_sleep(
        session=session, owner=owner, sleep_id=entry_id, sleep_in=sleep_in
    )
    session.commit()
    return public


@api.delete("/sleep/{entry_id}", status_code=204)
def api_delete_sleep(entry_id: IdPath, session: SessionDep, owner: OwnerDep) -> RawResponse:
    """Delete a sleep entry (restorable within the undo window)."""
    return _deleted(session, owner, "sleep", entry_id)


@api.post("/sleep/{entry_id}/restore", response_model=SleepPublic)
def api_restore_sleep(entry_id: IdPath, session: SessionDep, owner: OwnerDep) -> SleepPublic:
    """Undo the deletion of a sleep entry."""
    public: SleepPublic = _restored(session, owner, "sleep", entry_id)
    return public


@api.get("/medicines", response_model=MedicinesPublic)
def api_list_medicines(session: SessionDep, owner: OwnerDep) -> MedicinesPublic:
    """Your medicines with the drug classes associated with cramps, current ones first."""
    data = daylog_service.list_medicines(session=session, owner=owner)
    return MedicinesPublic(data=data, count=len(data))


@api.get("/medicines/check", response_model=MedicineCheckPublic)
def api_check_medicine(
    name: Annotated[str, Query(min_length=1, max_length=200, description="As typed.")],
) -> MedicineCheckPublic:
    """Which drug classes associated with cramps a medicine name belongs to (nothing stored)."""
    return daylog_service.check_medicine(name)


@api.post("/medicines", response_model=MedicinePublic, status_code=201)
def api_add_medicine(
    medicine_in: MedicineCreate, session: SessionDep, owner: OwnerDep
) -> MedicinePublic:
    """Add a medicine with dose and dates; the answer lists the classes recognised."""
    public = daylog_service.add_medicine(session=session, owner=owner, medicine_in=medicine_in)
    session.commit()
    return public


@api.get("/medicines/{entry_id}", response_model=MedicinePublic)
def api_get_medicine(entry_id: IdPath, session: SessionDep, owner: OwnerDep) -> MedicinePublic:
    """One medicine."""
    public: MedicinePublic = daylog_service.get_entry(
        session=session, owner=owner, kind="medicine", entry_id=entry_id
    )
    return public


@api.patch("/medicines/{entry_id}", response_model=MedicinePublic)
def api_update_medicine(
    entry_id: IdPath, medicine_in: MedicineUpdate, session: SessionDep, owner: OwnerDep
) -> MedicinePublic:
    """Change a medicine's name, dose, dates or notes."""
    public = daylog_service.update_medicine(
        session=session, owner=owner, medicine_id=entry_id, medicine_in=medicine_in
    )
    session.commit()
    return public


@api.post("/medicines/{entry_id}/stop", response_model=MedicinePublic)
def api_stop_medicine(
    entry_id: IdPath, stop_in: MedicineStop, session: SessionDep, owner: OwnerDep
) -> MedicinePublic:
    """Record the last day taken (default today). Change medicines only with your prescriber."""
    public = daylog_service.stop_medicine(
        session=session, owner=owner, medicine_id=entry_id, stopped_on=stop_in.stopped_on
    )
    session.commit()
    return public


@api.delete("/medicines/{entry_id}", status_code=204)
def api_delete_medicine(entry_id: IdPath, session: SessionDep, owner: OwnerDep) -> RawResponse:
    """Delete a medicine entry (restorable within the undo window)."""
    return _deleted(session, owner, "medicine", entry_id)


@api.post("/medicines/{entry_id}/restore", response_model=MedicinePublic)
def api_restore_medicine(entry_id: IdPath, session: SessionDep, owner: OwnerDep) -> MedicinePublic:
    """Undo the deletion of a medicine entry."""
    public: MedicinePublic = _restored(session, owner, "medicine", entry_id)
    return public
