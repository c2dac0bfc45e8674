"""Guidance pages (knowledge base, check-up, routine, cramp-now) and their JSON API. Thin: the
decisions live in the service and the pure modules."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import Response as RawResponse

from nightcramps.errors import Invalid
from nightcramps.guidance import caveats, knowledge, redflags, reminders, routines
from nightcramps.guidance import service as guidance_service
from nightcramps.guidance.constants import CHECKUP_VALID_DAYS
from nightcramps.guidance.knowledge import Kind
from nightcramps.guidance.schemas import (
    CheckupAnswers,
    CheckupPublic,
    CheckupQuestionPublic,
    CrampNowCreate,
    CrampNowLoggedPublic,
    GuidanceEntriesPublic,
    GuidanceEntryPublic,
    ReminderPublic,
    ReminderUpdate,
    RoutineLogCreate,
    RoutineLoggedPublic,
)
from nightcramps.timing import utcnow
from nightcramps.web.deps import OwnerDep, SessionDep, verify_api_origin, verify_csrf
from nightcramps.web.pages import flash, parse_form, redirect, render

pages = APIRouter(include_in_schema=False, dependencies=[Depends(verify_csrf)])
api = APIRouter(prefix="/api/v1", tags=["guidance"], dependencies=[Depends(verify_api_origin)])

STATIC_GUIDANCE = Path(__file__).resolve().parent.parent / "web" / "static" / "guidance"
MAX_SPEED = 1000
"""The test-only ``?speed=`` multiplier of the routine and cramp-now timers is capped here."""

SpeedQuery = Annotated[
    float,
    Query(gt=0, le=MAX_SPEED, description="Timer speed-up for tests; 1 = real time."),
]


# ---------------------------------------------------------------------------- knowledge base


@pages.get("/guidance")
def guidance_index(request: Request) -> Response:
    """All causes and remedies with their grades."""
    groups = [
        (kind, label, guidance_service.list_entries(kind=kind))
        for kind, label in knowledge.KINDS.items()
    ]
    return render(request, "guidance/index.html", {"groups": groups, "grades": knowledge.GRADES})


@pages.get("/guidance/{slug}")
def guidance_entry(request: Request, slug: str) -> Response:
    """One cause or remedy: the claim, the evidence, the grade and the sources."""
    entry = guidance_service.get_entry(slug=slug)
    context = {"entry": entry, "grades": knowledge.GRADES, "kinds": knowledge.KINDS}
    return render(request, "guidance/entry.html", context)


# ---------------------------------------------------------------------------- check-up


def _session_answers(request: Request, now: datetime) -> dict[str, bool] | None:
    """The questionnaire answers kept in this browser's session; None when there are none or
    they are older than ``CHECKUP_VALID_DAYS`` (then the person is asked again)."""
    saved = request.session.get("checkup")
    if not isinstance(saved, dict):
        return None
    try:
        at = datetime.fromisoformat(str(saved.get("at")))
    except ValueError:
        return None
    if now - at > timedelta(days=CHECKUP_VALID_DAYS):
        return None
    return {str(k): bool(v) for k, v in dict(saved.get("answers") or {}).items()}


@pages.get("/checkup")
def checkup(request: Request, session: SessionDep, owner: OwnerDep) -> Response:
    """The red-flag questionnaire (adapted to the profile) and what the diary shows."""
    now = utcnow()
    answers = _session_answers(request, now)
    person = guidance_service.conditions(session=session, owner=owner, now=now)
    result = guidance_service.checkup(session=session, owner=owner, answers=answers, now=now)
    context = {
        "questions": redflags.questions_for(person),
        "answers": answers or {},
        "answered": answers is not None,
        "result": result,
        "from_diary": sum(1 for f in result.findings if f.source == "diary"),
        "person": person,
    }
    return render(request, "guidance/checkup.html", context)


@pages.post("/checkup")
async def checkup_answer(request: Request, session: SessionDep, owner: OwnerDep) -> Response:
    """Save the questionnaire answers in this browser's session and show the result."""
    form = await request.form()
    data: dict[str, Any] = {}
    for question in redflags.QUESTIONS:
        value = form.get(question.key)
        data[question.key] = {"yes": True, "no": False}.get(str(value)) if value else None
    answers, problems = parse_form(CheckupAnswers, data)
    if answers is None:
        raise Invalid("Please answer yes or no: " + ", ".join(problems), fields=problems)
    given = {k: v for k, v in answers.model_dump().items() if v is not None}
    request.session["checkup"] = {"at": utcnow().isoformat(), "answers": given}
    person = guidance_service.conditions(session=session, owner=owner)
    found = guidance_service.screen_answers(answers, person)
    if found:
        flash(request, redflags.URGENCY_HEADLINES[found[0].urgency] + ": see below.", kind="error")
    else:
        flash(request, "Thank you. None of your answers is a warning sign.")
    return redirect("/checkup#result")


@pages.get("/guidance-banner")
def home_banner(request: Request, session: SessionDep, owner: OwnerDep) -> Response:
    """The home page's red-flag and bedtime-reminder banner (loaded into the check-in page)."""
    now = utcnow()
    answers = _session_answers(request, now)
    result = guidance_service.checkup(session=session, owner=owner, answers=answers, now=now)
    urgent = [f for f in result.findings if f.source != "profile"]
    context = {
        "result": result.model_copy(update={"findings": urgent}) if urgent else None,
        "reminder": guidance_service.reminder_status(session=session, owner=owner),
    }
    return render(request, "guidance/_home_banner.html", context)


# ---------------------------------------------------------------------------- routine


@pages.get("/routine")
def routine_page(
    request: Request,
    session: SessionDep,
    owner: OwnerDep,
    routine: Annotated[str, Query(description="bedtime, seated or nhs-wall")] = "bedtime",
    speed: SpeedQuery = 1,
) -> Response:
    """The guided bedtime routine with its timer."""
    chosen = routines.get_routine(routine)
    context = {
        "routine": chosen,
        "routines": routines.ROUTINES,
        "entry": guidance_service.get_entry(slug=chosen.evidence_slug),
        "speed": speed,
        "reminder": guidance_service.reminder_status(session=session, owner=owner),
        "data": _routine_data(chosen),
    }
    return render(request, "guidance/routine.html", context)


def _routine_data(routine: routines.Routine) -> dict[str, Any]:
    """What the timer script needs, as JSON."""
    return {
        "slug": routine.slug,
        "name": routine.name,
        "stretches": [
            {
                "key": s.key,
                "title": s.title,
                "illustration": f"/static/guidance/{s.illustration}",
                "alt": s.alt,
                "hold_s": s.hold_s,
                "reps": s.reps,
                "rest_s": s.rest_s,
                "prepare_s": s.prepare_s,
            }
            for s in routine.stretches
        ],
    }


@pages.post("/routine/done")
async def routine_done(request: Request, session: SessionDep, owner: OwnerDep) -> Response:
    """Log a routine done without the timer (the page's plain form)."""
    form = await request.form()
    routine = routines.get_routine(str(form.get("routine") or "bedtime"))
    log_in = RoutineLogCreate(routine=routine.slug, duration_min=routine.duration_min)
    logged = guidance_service.log_routine(session=session, owner=owner, log_in=log_in)
    flash(request, f"Logged: {logged.routine} for {logged.day:%a %d %b}.")
    return redirect(f"/routine?routine={routine.slug}")


@pages.post("/routine/reminder")
async def routine_reminder(request: Request, session: SessionDep, owner: OwnerDep) -> Response:
    """Save (or clear) the reminder time from the routine page."""
    form = await request.form()
    text = str(form.get("remind_at") or "").strip()
    if form.get("clear") or not text:
        guidance_service.set_reminder(session=session, owner=owner, remind_at=None)
        flash(request, "Bedtime reminder removed.")
        return redirect("/routine#reminder")
    try:
        clock = reminders.parse_clock(text)
    except ValueError as exc:
        raise Invalid(f"The reminder time: {exc}.", fields={"remind_at": str(exc)}) from None
    guidance_service.set_reminder(session=session, owner=owner, remind_at=clock)
    flash(request, f"Bedtime reminder set for {clock:%H:%M}.")
    return redirect("/routine#reminder")


@pages.get("/routine/reminder.ics")
def routine_calendar(
    request: Request,
    session: SessionDep,
    owner: OwnerDep,
    time_text: Annotated[
        str | None, Query(alias="time", description="Local clock time, HH:MM.")
    ] = None,
) -> Response:
    """A calendar file: a daily event at the reminder time with an alarm."""
    if time_text:
        try:
            clock = reminders.parse_clock(time_text)
        except ValueError as exc:
            raise Invalid(f"The time: {exc}.", fields={"time": str(exc)}) from None
    else:
        stored = guidance_service.get_reminder(session=session, owner=owner)
        if stored is None:
            raise Invalid(
                "No reminder time is set; add ?time=HH:MM, for example ?time=21:30.",
                fields={"time": "is required"},
            )
        clock = stored
    url = str(request.url_for("routine_page"))
    body = guidance_service.reminder_calendar(owner=owner, clock=clock, url=url)
    return RawResponse(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="nightcramps-bedtime-stretches.ics"'},
    )


# ---------------------------------------------------------------------------- cramp now


@pages.get("/now")
def cramp_now(request: Request, speed: SpeedQuery = 1) -> Response:
    """The 3 a.m. screen: what to do, a timer, and one tap to log the cramp.

    It names no one (it is kept for offline use): the cautions that apply to the person are
    loaded into it from ``/now/for-you``.
    """
    entries = {
        slug: guidance_service.get_entry(slug=slug)
        for slug in ("stretch-during-cramp", "massage", "walking", "heat", "painkillers")
    }
    context = {"speed": speed, "entries": entries, "caution_sources": caveats.CAUTION_SOURCES}
    return render(request, "guidance/now.html", context)


TopicQuery = Annotated[caveats.Topic | None, Query(description="Only the cautions of one remedy.")]


@pages.get("/now/for-you")
def cautions_for_you(
    request: Request, session: SessionDep, owner: OwnerDep, topic: TopicQuery = None
) -> Response:
    """The cautions that apply to this person (htmx fragment; empty when none does)."""
    person = guidance_service.conditions(session=session, owner=owner)
    context = {"caveats": caveats.caveats_for(person, topic)}
    return render(request, "guidance/_for_you.html", context)


@pages.get("/sw.js")
def service_worker() -> Response:
    """The service worker that keeps the routine and cramp-now pages working offline.

    Served from the root so that its scope covers /routine and /now.
    """
    body = (STATIC_GUIDANCE / "sw.js").read_bytes()
    return RawResponse(
        body,
        media_type="text/javascript",
        headers={"Cache-Control": "no-cache", "Service-Worker-Allowed": "/"},
    )


# ---------------------------------------------------------------------------- JSON API


@api.get("/guidance", response_model=GuidanceEntriesPublic)
def api_guidance(
    kind: Annotated[Kind | None, Query(description="cause, prevention, relief or safety")] = None,
) -> GuidanceEntriesPublic:
    """The knowledge base: every cause and remedy with its grade and citations."""
    data = [guidance_service.to_entry_public(e) for e in guidance_service.list_entries(kind=kind)]
    return GuidanceEntriesPublic(data=data, count=len(data))


@api.get("/guidance/factors/{factor_key}", response_model=GuidanceEntryPublic)
def api_guidance_for(factor_key: str) -> GuidanceEntryPublic:
    """The entry that explains a logged factor (magnesium_mg, fluid_ml, stretched, ...)."""
    return guidance_service.to_entry_public(guidance_service.guidance_for(factor_key))


@api.get("/guidance/{slug}", response_model=GuidanceEntryPublic)
def api_guidance_entry(slug: str) -> GuidanceEntryPublic:
    """One entry with its evidence, grade and citations."""
    return guidance_service.to_entry_public(guidance_service.get_entry(slug=slug))


@api.get("/checkup", response_model=CheckupPublic)
def api_checkup(session: SessionDep, owner: OwnerDep) -> CheckupPublic:
    """Red flags found in the diary over the last weeks and notes from the profile; every
    question is listed as unanswered (POST the answers to include them)."""
    return guidance_service.checkup(session=session, owner=owner)


@api.get("/checkup/questions", response_model=list[CheckupQuestionPublic])
def api_checkup_questions(session: SessionDep, owner: OwnerDep) -> list[CheckupQuestionPublic]:
    """The check-up questions asked of you, in order: some depend on your profile (pregnancy,
    conditions); a follow-up (``only_if``) counts only after a yes to its question."""
    return guidance_service.questions(session=session, owner=owner)


@api.post("/checkup", response_model=CheckupPublic)
def api_checkup_answers(
    answers: CheckupAnswers, session: SessionDep, owner: OwnerDep
) -> CheckupPublic:
    """Red flags from questionnaire answers together with those in the diary and the profile
    (nothing stored)."""
    return guidance_service.checkup(session=session, owner=owner, answers=answers)


@api.post("/routine/log", response_model=RoutineLoggedPublic, status_code=201)
def api_log_routine(
    log_in: RoutineLogCreate, session: SessionDep, owner: OwnerDep
) -> RoutineLoggedPublic:
    """Log a finished routine as a stretching session (the routine page calls this)."""
    logged = guidance_service.log_routine(session=session, owner=owner, log_in=log_in)
    return logged


@api.get("/routine/reminder", response_model=ReminderPublic)
def api_get_reminder(session: SessionDep, owner: OwnerDep) -> ReminderPublic:
    """The bedtime reminder time and whether it is due now."""
    return guidance_service.reminder_status(session=session, owner=owner)


@api.put("/routine/reminder", response_model=ReminderPublic)
def api_set_reminder(
    reminder_in: ReminderUpdate, session: SessionDep, owner: OwnerDep
) -> ReminderPublic:
    """Set the bedtime reminder time (null removes it)."""
    guidance_service.set_reminder(session=session, owner=owner, remind_at=reminder_in.clock)
    return guidance_service.reminder_status(session=session, owner=owner)


@api.post("/cramp-now", response_model=CrampNowLoggedPublic, status_code=201)
def api_cramp_now(
    cramp_in: CrampNowCreate, session: SessionDep, owner: OwnerDep
) -> CrampNowLoggedPublic:
    """Log a cramp timed on the cramp-now screen; answers with any red flag it raised."""
    cramp = guidance_service.log_cramp_now(session=session, owner=owner, cramp_in=cramp_in)
    findings = guidance_service.screen_diary(session=session, owner=owner)
    return CrampNowLoggedPublic(
        cramp=cramp,
        night_url=f"/diary/{cramp.night_of.isoformat()}",
        findings=[guidance_service.to_finding_public(f) for f in findings],
        headline=guidance_service.to_checkup_public(findings).headline,
    )
