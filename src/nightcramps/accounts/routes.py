"""Sign-up, sign-in and profile pages, and the profile and token API."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, Field

from nightcramps.accounts import service as accounts_service
from nightcramps.accounts.schemas import ProfilePublic, ProfileUpdate, SignUp, timezone_names
from nightcramps.errors import NightcrampsError, NotFound
from nightcramps.inputs import Input
from nightcramps.web.deps import (
    CurrentPerson,
    SessionDep,
    SettingsDep,
    verify_api_origin,
    verify_csrf,
)
from nightcramps.web.pages import flash, parse_form, redirect, render

pages = APIRouter(include_in_schema=False, dependencies=[Depends(verify_csrf)])
api = APIRouter(prefix="/api/v1", tags=["profile"], dependencies=[Depends(verify_api_origin)])


def _this_year() -> int:
    return date.today().year  # noqa: DTZ011 - only the calendar year is needed for an age


def _safe_next(target: str | None) -> str:
    # Only same-site paths: an open redirect after sign-in would help phishing.
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return "/"


def _require_accounts(settings: Any) -> None:
    if not settings.accounts:
        raise NotFound("Accounts are off: this app runs for one person and needs no sign-in.")


@pages.get("/signup")
def signup_page(request: Request, settings: SettingsDep) -> Response:
    """The sign-up form (accounts mode only)."""
    _require_accounts(settings)
    context = {"values": {}, "errors": {}, "zones": timezone_names()}
    return render(request, "accounts/signup.html", context)


@pages.post("/signup")
async def signup(request: Request, session: SessionDep, settings: SettingsDep) -> Response:
    """Create an account and sign in."""
    _require_accounts(settings)
    form = await request.form()
    values = {k: form.get(k) for k in ("email", "password", "timezone")}
    sign_up_in, problems = parse_form(SignUp, {k: v for k, v in values.items() if v})
    if sign_up_in is not None:
        try:
            person = accounts_service.sign_up(session=session, sign_up_in=sign_up_in)
        except NightcrampsError as exc:
            problems = {"email": exc.message}
        else:
            session.commit()
            request.session.clear()
            request.session["person_id"] = person.id
            flash(request, "Welcome! Your diary is ready.")
            return redirect("/")
    values.pop("password")
    context = {"values": values, "errors": problems, "zones": timezone_names()}
    return render(request, "accounts/signup.html", context, status_code=422)


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
    target = _safe_next(str(form.get("next") or "/"))
    try:
        person = accounts_service.sign_in(
            session=session,
            email=email,
            password=str(form.get("password") or ""),
            client=request.client.host if request.client else "unknown",
            limit=settings.login_attempts_per_15_min,
        )
    except NightcrampsError as exc:
        session.commit()  # keep the failed attempt for the rate limit
        status = 429 if "Too many" in exc.message else 401
        context = {"next": target, "error": exc.message, "email": email}
        return render(request, "accounts/signin.html", context, status_code=status)
    session.commit()
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


@pages.get("/profile")
def profile_page(request: Request, person: CurrentPerson) -> Response:
    """The profile form."""
    profile = accounts_service.to_profile_public(person, today_year=_this_year())
    context = {"values": profile.model_dump(), "errors": {}, "zones": timezone_names()}
    return render(request, "accounts/profile.html", context)


@pages.post("/profile")
async def save_profile(request: Request, session: SessionDep, person: CurrentPerson) -> Response:
    """Save the profile."""
    form = await request.form()
    data = {
        "display_name": form.get("display_name") or "",
        "birth_year": form.get("birth_year") or None,
        "sex": form.get("sex") or None,
        "pregnant": form.get("pregnant") == "on",
        "lactating": form.get("lactating") == "on",
        "weight_kg": form.get("weight_kg") or None,
        "timezone": form.get("timezone") or person.timezone,
    }
    profile_in, problems = parse_form(ProfileUpdate, data)
    if profile_in is not None:
        try:
            accounts_service.update_profile(session=session, person=person, profile_in=profile_in)
        except NightcrampsError as exc:
            problems = exc.fields or {"profile": exc.message}
        else:
            session.commit()
            flash(request, "Profile saved.")
            return redirect("/profile")
    context = {"values": data, "errors": problems, "zones": timezone_names()}
    return render(request, "accounts/profile.html", context, status_code=422)


@api.get("/profile", response_model=ProfilePublic)
def api_profile(person: CurrentPerson) -> ProfilePublic:
    """Your profile."""
    return accounts_service.to_profile_public(person, today_year=_this_year())


@api.patch("/profile", response_model=ProfilePublic)
def api_update_profile(
    profile_in: ProfileUpdate, session: SessionDep, person: CurrentPerson
) -> ProfilePublic:
    """Change your profile; fields left out stay as they are."""
    accounts_service.update_profile(session=session, person=person, profile_in=profile_in)
    session.commit()
    return accounts_service.to_profile_public(person, today_year=_this_year())


class TokenCreate(Input):
    """A name to recognise the token by later."""

    name: str = Field(default="", max_length=100)


class TokenCreated(BaseModel):
    """The new token; shown once, store it safely."""

    token: str


@api.post("/tokens", response_model=TokenCreated, status_code=201)
def api_create_token(
    token_in: TokenCreate, session: SessionDep, person: CurrentPerson
) -> TokenCreated:
    """Create a personal access token for scripts (send it as 'Authorization: Bearer ...')."""
    token = accounts_service.create_token(session=session, person_id=person.id, name=token_in.name)
    session.commit()
    return TokenCreated(token=token)
