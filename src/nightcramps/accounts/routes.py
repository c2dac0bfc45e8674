"""Sign-up, sign-in and profile pages, and the profile API."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from nightcramps import timing
from nightcramps.accounts import limits, passwords, zones
from nightcramps.accounts import service as accounts_service
from nightcramps.accounts.models import Person
from nightcramps.accounts.schemas import ProfilePublic, ProfileUpdate, SignUp
from nightcramps.conditions import KIDNEY_LABELS
from nightcramps.errors import NightcrampsError, NotFound, TooManyAttempts
from nightcramps.inputs import check_unchanged
from nightcramps.web.deps import (
    ZONE_FROM_BROWSER,
    CurrentPerson,
    SessionDep,
    SettingsDep,
    verify_api_origin,
    verify_csrf,
)
from nightcramps.web.errors import status_for
from nightcramps.web.pages import flash, parse_form, redirect, render

T = TypeVar("T")

ZONE_CONFIRMED = "zone_confirmed"
"""Session key: the person's zone is confirmed, so pages that do not look them up need not ask."""

HASHING_PATHS = ("/signin", "/signup", "/account/security/password")
"""The pages that check or make a password hash (argon2, most of a second of CPU): they do not
wait in SQLite's queue of changes (``web.guard``)."""

pages = APIRouter(include_in_schema=False, dependencies=[Depends(verify_csrf)])
api = APIRouter(prefix="/api/v1", tags=["profile"], dependencies=[Depends(verify_api_origin)])


def _this_year() -> int:
    return timing.utcnow().year


def _safe_next(target: str | None) -> str:
    # Only same-site paths: an open redirect after sign-in would help phishing.
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return "/"


def _require_accounts(settings: Any) -> None:
    if not settings.accounts:
        raise NotFound("Accounts are off: this app runs for one person and needs no sign-in.")


def _zone_options(first: str | None = None) -> list[tuple[str, str, str]]:
    """(name, place, old names) for the zone list; the page script matches a browser's old name."""
    aliases = zones.zone_table().aliases
    return [
        (name, zones.zone_label(name), " ".join(aliases.get(name, ())))
        for name in zones.zone_choices(first)
    ]


def _unknown_zone(typed: str) -> str:
    """What the profile says beside the field when the zone typed is not one."""
    return (
        f"Time zone: “{typed}” is not a time zone we know. Type your city or region, for example "
        "London or Los Angeles, and choose it from the list."
    )


def zone_change_note(old: str, new: str, *, now: datetime) -> str:
    """What changing the zone does to what is already logged, with today's example.

    Nights and days are stored as local dates and keep them; times are stored as moments (UTC) and
    are shown on the new zone's clock.
    """
    # 03:10 today on the old zone's clock, as the new zone's clock shows that moment.
    example = timing.local(now, ZoneInfo(old)).replace(hour=3, minute=10, second=0, microsecond=0)
    shown = timing.local(example, ZoneInfo(new)).strftime("%H:%M")
    return (
        f"Your time zone is now {new} (it was {old}). Nights and days already logged keep their "
        f"dates. Times already logged are shown on the {new} clock, so they can read differently: "
        f"a cramp at 03:10 {old} time now reads {shown}, still on the same night. New entries are "
        f"dated in {new}."
    )


def _client(request: Request) -> str:
    """The client's address as the server sees it: the connection's peer, or behind a proxy
    listed in ``trusted_proxies`` the address uvicorn read from X-Forwarded-For."""
    return request.client.host if request.client else "unknown"


def _committed(session: Session, work: Callable[[], T]) -> T:
    """Run ``work`` and commit, also when it refuses (a refused sign-in stays counted)."""
    try:
        result = work()
    except NightcrampsError:
        session.commit()
        raise
    session.commit()
    return result


def _refusal(exc: NightcrampsError) -> tuple[int, dict[str, str]]:
    """The status of a refused sign-in or sign-up, with ``Retry-After`` when it says wait."""
    if isinstance(exc, TooManyAttempts):
        return 429, {"Retry-After": str(exc.extra["retry_after_s"])}
    return status_for(exc), {}


@pages.get("/signup")
def signup_page(request: Request, settings: SettingsDep) -> Response:
    """The sign-up form (accounts mode only)."""
    _require_accounts(settings)
    context: dict[str, Any] = {"values": {}, "errors": {}}
    return render(request, "accounts/signup.html", context)


@pages.post("/signup")
async def signup(request: Request, session: SessionDep, settings: SettingsDep) -> Response:
    """Create an account and sign in."""
    _require_accounts(settings)
    form = await request.form()
    values = {k: form.get(k) for k in ("email", "password", "timezone")}
    # The zone is the browser's (a hidden field timezone.js fills); without it, or if it is not a
    # zone, the server's. Either way it is a guess the pages ask to confirm after sign-up.
    values["timezone"] = (
        zones.canonical_zone(str(values["timezone"] or ""))
        or zones.canonical_zone(settings.default_timezone)
        or zones.UTC_NAME
    )
    sign_up_in, problems = parse_form(SignUp, {k: v for k, v in values.items() if v})
    status, message = 422, None
    headers: dict[str, str] = {}
    if sign_up_in is not None:
        checked = sign_up_in

        def create() -> Person:
            return accounts_service.sign_up(
                session=session,
                sign_up_in=checked,
                client=_client(request),
                per_hour=settings.signups_per_hour,
            )

        try:
            # argon2 takes about 0.4 s of CPU: in a worker thread, other requests go on meanwhile.
            person = await run_in_threadpool(_committed, session, create)
        except TooManyAttempts as exc:
            status, headers = _refusal(exc)
            message = exc.message
        except NightcrampsError as exc:  # 422 alike, an email already used or not
            problems = exc.fields or {"email": exc.message}
        else:
            request.session.clear()
            request.session["person_id"] = person.id
            request.session[ZONE_FROM_BROWSER] = True
            flash(request, "Welcome! Your diary is ready.")
            return redirect("/")
    values.pop("password")
    context = {"values": values, "errors": problems, "message": message}
    response = render(request, "accounts/signup.html", context, status_code=status)
    response.headers.update(headers)
    return response


@pages.get("/signin")
def signin_page(request: Request, settings: SettingsDep, next: str | None = None) -> Response:
    """The sign-in form (accounts mode only)."""
    _require_accounts(settings)
    return render(request, "accounts/signin.html", {"next": _safe_next(next), "error": None})


@pages.post("/signin")
async def signin(request: Request, session: SessionDep, settings: SettingsDep) -> Response:
    """Check the password (rate-limited) and start a session."""
    _require_accounts(settings)
    form = await request.form()
    email = str(form.get("email") or "")
    password = str(form.get("password") or "")
    target = _safe_next(str(form.get("next") or "/"))
    allowance = limits.SignInAllowance(
        per_pair=settings.login_attempts_per_15_min,
        per_email=settings.login_attempts_per_email,
        per_client=settings.login_attempts_per_client,
    )

    def check() -> Person:
        return accounts_service.sign_in(
            session=session,
            email=email,
            password=password,
            client=_client(request),
            allowance=allowance,
        )

    try:
        # argon2 takes about 0.4 s of CPU: in a worker thread, other requests go on meanwhile.
        person = await run_in_threadpool(_committed, session, check)
    except NightcrampsError as exc:
        status, headers = _refusal(exc)
        shown = email if len(email) <= passwords.EMAIL_MAX else ""
        context = {"next": target, "error": exc.message, "email": shown}
        response = render(request, "accounts/signin.html", context, status_code=status)
        response.headers.update(headers)
        return response
    # A fresh session on sign-in prevents session fixation.
    request.session.clear()
    request.session["person_id"] = person.id
    return redirect(target)


@pages.post("/signout")
def signout(request: Request) -> Response:
    """End the session."""
    request.session.clear()
    # signed_out=1 makes the sign-in page clear this browser's offline copies (signed-out.js).
    return redirect("/signin?signed_out=1" if request.app.state.settings.accounts else "/")


YES_NO = {"yes": True, "no": False}
"""The answers of a yes/no health question; anything else (the "not answered" choice) is None."""


def _profile_context(person: Any, values: dict[str, Any], errors: dict[str, str]) -> dict[str, Any]:
    stored = accounts_service.to_profile_public(person, today_year=_this_year())
    return {
        "values": values,
        "errors": errors,
        "zones": _zone_options(),
        "kidney_choices": list(KIDNEY_LABELS.items()),
        "ask_conditions": stored.conditions_reviewed_at is None,
        "week_stale": stored.pregnancy_week_stale,
    }


@pages.get("/profile")
def profile_page(request: Request, person: CurrentPerson) -> Response:
    """The profile form, with the health questions that change the advice."""
    profile = accounts_service.to_profile_public(person, today_year=_this_year())
    context = _profile_context(person, profile.model_dump(), {})
    return render(request, "accounts/profile.html", context)


@pages.post("/profile")
async def save_profile(request: Request, session: SessionDep, person: CurrentPerson) -> Response:
    """Save the profile; its health questions count as answered, "not answered" included."""
    form = await request.form()
    data = {
        "display_name": form.get("display_name") or "",
        "birth_year": form.get("birth_year") or None,
        "sex": form.get("sex") or None,
        "pregnant": form.get("pregnant") == "on",
        "lactating": form.get("lactating") == "on",
        "weight_kg": form.get("weight_kg") or None,
        "timezone": form.get("timezone") or person.timezone,
        "kidney_disease": form.get("kidney_disease") or None,
        "fluid_limit_ml": form.get("fluid_limit_ml") or None,
        "pregnancy_week": form.get("pregnancy_week") or None,
    }
    for name in ("liver_disease", "diabetes", "thyroid_disease", "heart_failure"):
        data[name] = YES_NO.get(str(form.get(name) or ""))
    if person.pregnant and not data["pregnant"]:
        data["pregnancy_week"] = None  # unticking pregnant ends it: its week goes with it
    profile_in, problems = parse_form(ProfileUpdate, data)
    if "timezone" in problems:
        problems["timezone"] = _unknown_zone(str(data["timezone"]))
    if profile_in is not None:
        old_zone = person.timezone
        try:
            accounts_service.update_profile(
                session=session, person=person, profile_in=profile_in, conditions_reviewed=True
            )
        except NightcrampsError as exc:
            session.rollback()  # the form is shown again: nothing of the refused change is kept
            problems = exc.fields or {"profile": exc.message}
        else:
            request.session[ZONE_CONFIRMED] = True
            flash(request, "Profile saved.")
            if person.timezone != old_zone:
                note = zone_change_note(old_zone, person.timezone, now=timing.utcnow())
                flash(request, note)
            return redirect("/profile")
    context = _profile_context(person, data, problems)
    return render(request, "accounts/profile.html", context, status_code=422)


@pages.post("/timezone/confirm")
async def confirm_timezone(
    request: Request, session: SessionDep, person: CurrentPerson
) -> Response:
    """Confirm the zone the notice shows (or the browser's, offered beside it)."""
    form = await request.form()
    target = _safe_next(str(form.get("next") or "/"))
    old_zone = person.timezone
    typed = str(form.get("timezone") or "")
    try:
        accounts_service.confirm_timezone(session=session, person=person, timezone=typed)
    except NightcrampsError:
        flash(request, _unknown_zone(typed), kind="error")
        return redirect("/profile#timezone")
    request.session[ZONE_CONFIRMED] = True
    flash(request, f"Time zone confirmed: {person.timezone}. You can change it in your profile.")
    if person.timezone != old_zone:
        flash(request, zone_change_note(old_zone, person.timezone, now=timing.utcnow()))
    return redirect(target)


@pages.post("/timezone/browser")
async def browser_timezone(
    request: Request, session: SessionDep, person: CurrentPerson
) -> Response:
    """The browser's zone, sent by timezone.js while the notice shows (JSON in and out).

    For a person this browser made, it stands in until they confirm a zone, so the first cramp
    they log is on the right night; a person made elsewhere (the CLI) keeps theirs and is only
    offered it. The answer names the browser's zone as the list does (``Asia/Calcutta`` is
    ``Asia/Kolkata``), or null when it is not a zone.
    """
    try:
        body = await request.json()
    except ValueError:
        body = None
    sent = body.get("timezone") if isinstance(body, dict) else None
    sent = sent if isinstance(sent, str) else ""
    changed = False
    if request.session.get(ZONE_FROM_BROWSER):
        changed = accounts_service.set_provisional_timezone(
            session=session, person=person, timezone=sent
        )
    confirmed = person.timezone_confirmed_at is not None
    # Sent by a script while the person may already be clicking: this answer must not write the
    # session, or its cookie (the session as this request began) could undo what their click
    # stored, a flash message or a CSRF token. The notice's own form stores "confirmed".
    answer = {
        "timezone": person.timezone,
        "browser": zones.canonical_zone(sent),
        "changed": changed,
        "confirmed": confirmed,
    }
    return JSONResponse(answer)


@api.get("/profile", response_model=ProfilePublic)
def api_profile(person: CurrentPerson) -> ProfilePublic:
    """Your profile."""
    return accounts_service.to_profile_public(person, today_year=_this_year())


@api.patch("/profile", response_model=ProfilePublic)
def api_update_profile(
    profile_in: ProfileUpdate, session: SessionDep, person: CurrentPerson
) -> ProfilePublic:
    """Change your profile; fields left out stay as they are (``email`` and ``age``, as GET
    returns them, are accepted: the email as it is, the age ignored)."""
    check_unchanged(
        "email", profile_in.email, person.email, how="the email is how the account signs in"
    )
    accounts_service.update_profile(session=session, person=person, profile_in=profile_in)
    return accounts_service.to_profile_public(person, today_year=_this_year())


# The token API (``/api/v1/tokens``) is in ``accounts.security_routes``.
