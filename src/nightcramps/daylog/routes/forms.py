"""The Today page's forms: caffeine, alcohol, a workout, steps with standing and sitting, and
last night's sleep. A refused form shows the page again with what to fix and the values typed.

The forms that log one entry of a kind (caffeine, alcohol, a workout) are one handler each made
from :data:`ENTRY_FORMS`: the kind, the form's labels and what an empty input means."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel

from nightcramps import timing
from nightcramps.dailyvalues import service as dailyvalues_service
from nightcramps.daylog import service as daylog_service
from nightcramps.daylog.constants import (
    MAX_CAFFEINE_MG_PER_ENTRY,
    MAX_DRINKS_PER_ENTRY,
    MAX_STANDING_SITTING_H,
    MAX_STEPS_PER_DAY,
    MAX_UNITS_PER_ENTRY,
    MAX_WORKOUT_MIN,
)
from nightcramps.daylog.routes._common import (
    PageField,
    PageForm,
    page_problems,
    refusal_problems,
    status_of,
    undo_create,
    viewable_day,
)
from nightcramps.daylog.routes.today import render_today
from nightcramps.daylog.schemas import DayUpdate, SleepCreate, SleepUpdate
from nightcramps.errors import Conflict, Invalid
from nightcramps.owner import Owner
from nightcramps.web.deps import CurrentPerson, OwnerDep, SessionDep
from nightcramps.web.pages import flash, parse_form, redirect

router = APIRouter()

HHMM = "use HH:MM, e.g. {example}"
"""How to type a clock time (the browser's time input sends HH:MM)."""

CAFFEINE_FORM = PageForm(
    fields={
        "caffeine_mg": PageField(
            "Caffeine (mg)",
            f"give the milligrams, from 1 to {MAX_CAFFEINE_MG_PER_ENTRY:,}, e.g. 95.",
        ),
        "source": PageField("From", "at most 50 characters, e.g. tea, or leave it empty."),
    },
    whole_form="caffeine_mg",
)
ALCOHOL_FORM = PageForm(
    fields={
        "drinks": PageField(
            "Drinks", f"give a number above 0 up to {MAX_DRINKS_PER_ENTRY}, e.g. 2."
        ),
        "standard_units": PageField(
            "Standard units",
            f"a number above 0 up to {MAX_UNITS_PER_ENTRY}, or leave it empty if you don't know.",
        ),
        "kind": PageField("Kind", "at most 50 characters, e.g. wine, or leave it empty."),
    },
    whole_form="drinks",
)
WORKOUT_FORM = PageForm(
    fields={
        "activity_type": PageField("What", "pick one of the kinds of exercise."),
        "duration_min": PageField(
            "Minutes", f"give the minutes of exercise, above 0 up to {MAX_WORKOUT_MIN:,}, e.g. 30."
        ),
        "intensity_0_10": PageField("Effort", "pick light, moderate or vigorous."),
        "time": PageField("Time", HHMM.format(example="21:30") + ", or leave it empty."),
    },
    whole_form="time",
    aliases={"at": "time", "day": "time"},
)
DAY_FORM = PageForm(
    fields={
        "steps": PageField(
            "Steps", f"a whole number from 0 to {MAX_STEPS_PER_DAY:,}, e.g. 8000, or empty."
        ),
        "standing_h": PageField(
            "Hours standing", f"a number from 0 to {MAX_STANDING_SITTING_H}, e.g. 2.5, or empty."
        ),
        "sitting_h": PageField(
            "Hours sitting", f"a number from 0 to {MAX_STANDING_SITTING_H}, e.g. 6, or empty."
        ),
    },
    whole_form="sitting_h",
    whole_form_fix=(
        f"standing and sitting together can be at most {MAX_STANDING_SITTING_H} hours; lower "
        "one of them."
    ),
)
SLEEP_FORM = PageForm(
    fields={
        "bed_time": PageField("Went to sleep", HHMM.format(example="23:15") + "."),
        "wake_time": PageField("Woke up", HHMM.format(example="06:45") + "."),
    },
    whole_form="wake_time",
    aliases={"bed_at": "bed_time", "wake_at": "wake_time"},
)


async def _form_entry(
    request: Request,
    session: Any,
    owner: Owner,
    person: Any,
    day: date,
    *,
    name: str,
    form: PageForm,
    model: type[BaseModel],
    data: dict[str, Any] | None,
    save: Any,
    found: dict[str, str] | None = None,
) -> Response:
    """Validate a form into ``model`` and ``save`` it, or show the page with what to fix.

    ``found`` holds problems the route found itself (a malformed clock time), by input name;
    the rest of ``data`` is still checked, so every problem is shown at once. ``data`` None: the
    route found the form cannot be read further (only ``found`` is shown).
    """
    parsed, invalid = (None, {}) if data is None else parse_form(model, data)
    problems = {**page_problems(form, invalid), **(found or {})}
    status = 422
    refusal: str | None = None
    if parsed is not None and not problems:
        try:
            message, undo = save(parsed)
        except (Invalid, Conflict) as exc:
            session.rollback()
            problems = refusal_problems(form, exc)
            status = status_of(exc)
            refusal = exc.message
        else:
            flash(request, message, undo=undo)
            return redirect(f"/today/{day.isoformat()}")
    submitted = await request.form()
    return render_today(
        request,
        session,
        owner,
        person,
        viewable_day(day, owner),
        failed=name,
        errors=problems,
        values={k: submitted.get(k) for k in submitted},
        message=refusal,
        status_code=status,
    )


def _clock(text: str) -> time | None:
    """A clock time typed as HH:MM (or HH:MM:SS); None when it is not one."""
    try:
        return time.fromisoformat(text) if len(text) >= 5 else None
    except ValueError:
        return None


def _at(day: date, clock: time, owner: Owner) -> datetime:
    """A clock time typed on the page, placed on ``day`` (before the day starts: the morning
    after)."""
    return timing.moment_in_day(day, clock, owner)


@dataclass(frozen=True)
class EntryForm:
    """A Today-page form that logs one entry of ``kind``, posted to ``/today/{day}/{name}``."""

    kind: daylog_service.AnyKind
    name: str
    form: PageForm
    inputs: Mapping[str, Any]
    """The inputs read into the kind's create schema, each with what it means left empty
    (None: not given; "" for a text that may be empty)."""
    doc: str
    timed: bool = False
    """Whether the form has a ``time`` input (HH:MM on the day; empty: the day only)."""


ENTRY_FORMS = (
    EntryForm(
        daylog_service.CAFFEINE, "caffeine", CAFFEINE_FORM, {"caffeine_mg": None, "source": ""},
        doc="Caffeine in mg, entered directly.",
    ),
    EntryForm(
        daylog_service.ALCOHOL, "alcohol", ALCOHOL_FORM,
        {"drinks": None, "standard_units": None, "kind": ""},
        doc="Alcoholic drinks with standard units and kind.",
    ),
    EntryForm(
        daylog_service.ACTIVITY, "workout", WORKOUT_FORM,
        {"activity_type": None, "duration_min": None, "intensity_0_10": None, "notes": ""},
        doc="A workout: type, minutes, effort.", timed=True,
    ),
)  # fmt: skip


def _entry_data(
    spec: EntryForm, form: Mapping[str, Any], day: date, owner: Owner
) -> tuple[dict[str, Any], dict[str, str]]:
    """The form's inputs for the kind's create schema, and a malformed time (by input)."""
    data: dict[str, Any] = {"day": day}
    data |= {name: form.get(name) or empty for name, empty in spec.inputs.items()}
    found: dict[str, str] = {}
    time_text = str(form.get("time") or "").strip() if spec.timed else ""
    if time_text:
        clock = _clock(time_text)
        if clock is None:
            found["time"] = f"Time: {spec.form.fields['time'].fix}"
        else:
            data["at"] = _at(day, clock, owner)
            data.pop("day")
    return data, found


def _add_entry_form(router: APIRouter, spec: EntryForm) -> None:
    """Register the handler of one :class:`EntryForm`."""
    kind = spec.kind

    async def handler(
        request: Request, day: date, session: SessionDep, owner: OwnerDep, person: CurrentPerson
    ) -> Response:
        data, found = _entry_data(spec, await request.form(), day, owner)

        def save(entry_in: Any) -> tuple[str, str]:
            entry = daylog_service.log_entry(
                session=session, owner=owner, kind=kind, entry_in=entry_in
            )
            return f"Logged: {kind.describe(entry)}.", undo_create(kind.key, entry.id)

        return await _form_entry(
            request, session, owner, person, day, name=spec.name, form=spec.form,
            model=kind.create, data=data, save=save, found=found,
        )  # fmt: skip

    handler.__name__ = handler.__qualname__ = f"form_{spec.name}"
    handler.__doc__ = spec.doc
    router.add_api_route(f"/today/{{day}}/{spec.name}", handler, methods=["POST"])


for _spec in ENTRY_FORMS:
    _add_entry_form(router, _spec)


@router.post("/today/{day}/day")
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
        dailyvalues_service.update_day(session=session, owner=owner, day=day, day_in=day_in)
        return "Saved steps, standing and sitting.", None

    return await _form_entry(
        request, session, owner, person, day, name="day", form=DAY_FORM, model=DayUpdate,
        data=data, save=save,
    )  # fmt: skip


@router.post("/today/{day}/sleep")
async def form_sleep(
    request: Request, day: date, session: SessionDep, owner: OwnerDep, person: CurrentPerson
) -> Response:
    """Last night's sleep: bedtime and wake time (the wake time is on this day)."""
    form = await request.form()
    found: dict[str, str] = {}
    clocks: dict[str, time] = {}
    for name, what in (
        ("bed_time", "the time you went to sleep"),
        ("wake_time", "the time you woke up"),
    ):
        field = SLEEP_FORM.fields[name]
        text = str(form.get(name) or "").strip()
        clock = _clock(text)
        if not text:
            found[name] = f"{field.label}: give {what}; {field.fix}"
        elif clock is None:
            found[name] = f"{field.label}: {field.fix}"
        else:
            clocks[name] = clock
    data: dict[str, Any] | None = None
    if not found:
        bed_clock, wake_clock = clocks["bed_time"], clocks["wake_time"]
        wake = datetime.combine(day, wake_clock, tzinfo=owner.tz)
        bed_day = day - timedelta(days=1) if bed_clock >= wake_clock else day
        data = {"bed_at": datetime.combine(bed_day, bed_clock, tzinfo=owner.tz), "wake_at": wake}
    sleep = daylog_service.SLEEP
    existing = daylog_service.list_entries(
        session=session, owner=owner, kind=sleep, start=day, end=day
    )

    def save(sleep_in: SleepCreate) -> tuple[str, str | None]:
        if existing:
            entry = daylog_service.update_entry(
                session=session,
                owner=owner,
                kind=sleep,
                entry_id=existing[0].id,
                entry_in=SleepUpdate(bed_at=sleep_in.bed_at, wake_at=sleep_in.wake_at),
            )
            return f"Sleep changed: {entry.sleep_h:g} hours.", None
        entry = daylog_service.log_entry(
            session=session, owner=owner, kind=sleep, entry_in=sleep_in
        )
        return f"Logged: {sleep.describe(entry)}.", undo_create(sleep.key, entry.id)

    return await _form_entry(
        request, session, owner, person, day, name="sleep", form=SLEEP_FORM, model=SleepCreate,
        data=data, save=save, found=found,
    )  # fmt: skip
