"""Account security: the signed-in sessions (sign one out, or all the others), the password, and
the API tokens, as a page (``/account/security``) and as JSON (``/api/v1/sessions``,
``/api/v1/tokens``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import Response as RawResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from nightcramps import timing
from nightcramps.accounts import passwords
from nightcramps.accounts import service as accounts_service
from nightcramps.accounts import sessions as accounts_sessions
from nightcramps.accounts.models import ApiToken, BrowserSession, Person
from nightcramps.config import Settings
from nightcramps.errors import Forbidden, Invalid, NightcrampsError, NotFound, TooManyAttempts
from nightcramps.inputs import Input
from nightcramps.web.deps import (
    CurrentPerson,
    IdPath,
    SessionDep,
    SettingsDep,
    verify_api_origin,
    verify_csrf,
)
from nightcramps.web.pages import flash, parse_form, redirect, render
from nightcramps.web.sessions import current_session_id, rotate

pages = APIRouter(include_in_schema=False, dependencies=[Depends(verify_csrf)])
api = APIRouter(
    prefix="/api/v1", tags=["tokens and sessions"], dependencies=[Depends(verify_api_origin)]
)

PAGE = "/account/security"
TOKENS_NEED_SIGN_IN = (
    "Tokens are created when signed in (on the Account security page, /account/security, or "
    "with POST /api/v1/tokens and the session cookie) or with the CLI (`nightcramps token "
    "create`); a token cannot make another token."
)
SESSIONS_NEED_COOKIE = (
    "Signed-in sessions are managed from a signed-in browser (the Account security page, "
    "/account/security); an API token cannot list or end them."
)


# ---------------------------------------------------------------------------- schemas


class TokenCreate(Input):
    """A new token: a name to recognise it by, what it may do and how long it lasts."""

    name: str = Field(default="", max_length=100)
    scope: Literal["read", "write"] = Field(
        default="write",
        description="'read': GET only (any change is refused with 403); 'write': reads and "
        "changes (but cannot make tokens).",
    )
    expires_in_days: int = Field(
        default=accounts_service.TOKEN_DAYS_DEFAULT,
        ge=1,
        le=accounts_service.TOKEN_DAYS_MAX,
        description="Days until the token stops working (1 to 365; 90 if not given).",
    )


class TokenCreated(BaseModel):
    """The new token; shown once, store it safely."""

    token: str
    id: int
    name: str
    scope: Literal["read", "write"]
    expires_at: datetime


class TokenPublic(BaseModel):
    """A token as listed: never the token itself (only its digest is stored)."""

    id: int
    name: str
    scope: Literal["read", "write"]
    created_at: datetime
    expires_at: datetime
    last_used_at: datetime | None = Field(description="To the hour; null if never used.")
    expired: bool


class TokensPublic(BaseModel):
    """Your tokens, newest first (expired ones too, until you revoke them)."""

    data: list[TokenPublic]
    count: int


class SessionPublic(BaseModel):
    """One signed-in browser session."""

    id: int
    current: bool = Field(description="true for the session this request was made with.")
    browser: str = Field(description="A short label of the browser, e.g. 'Firefox on Linux'.")
    created_at: datetime = Field(description="When it signed in.")
    last_seen_at: datetime = Field(description="When it was last used, to the hour.")
    expires_at: datetime = Field(
        description="When it ends if not used again (idle timeout), at the latest its absolute "
        "lifetime."
    )


class SessionsPublic(BaseModel):
    """Your signed-in sessions, the most recently used first."""

    data: list[SessionPublic]
    count: int


class SessionsEnded(BaseModel):
    """How many of your other sessions were signed out."""

    ended: int


class PasswordChange(Input):
    """The password form: the current password, and a new one under the sign-up rules."""

    current_password: str = Field(min_length=1, max_length=passwords.SIGN_IN_PASSWORD_MAX)
    new_password: str = Field(min_length=passwords.PASSWORD_MIN, max_length=passwords.PASSWORD_MAX)


# ---------------------------------------------------------------------------- helpers


def _scope(value: str) -> Literal["read", "write"]:
    return "read" if value == "read" else "write"


def _token_public(row: ApiToken, now: datetime) -> TokenPublic:
    return TokenPublic(
        id=row.id,
        name=row.name,
        scope=_scope(row.scope),
        created_at=row.created_at,
        expires_at=row.expires_at,
        last_used_at=row.last_used_at,
        expired=row.expires_at <= now,
    )


def _sessions(
    request: Request, session: Any, person: Person, settings: Settings
) -> list[SessionPublic]:
    lifetimes = accounts_sessions.lifetimes_of(settings)
    rows: Sequence[BrowserSession] = accounts_sessions.list_sessions(
        session=session, person_id=person.id, now=timing.utcnow(), lifetimes=lifetimes
    )
    current = current_session_id(request)
    return [
        SessionPublic(
            id=row.id,
            current=row.id == current,
            browser=row.user_agent or "unknown browser",
            created_at=row.created_at,
            last_seen_at=row.last_seen_at,
            expires_at=accounts_sessions.ends_at(row, lifetimes),
        )
        for row in rows
    ]


def _cookie_only(request: Request, settings: Settings) -> None:
    """Sessions are an accounts-mode, signed-in-browser matter."""
    if not settings.accounts:
        raise NotFound("Accounts are off: this app runs for one person, with no sign-in.")
    if request.state.auth != "cookie":
        raise Forbidden(SESSIONS_NEED_COOKIE)


def _when(moment: datetime | None, person: Person) -> str:
    """A moment on the person's clock, e.g. '24 Nov 2026 09:00'."""
    if moment is None:
        return "never"
    local = timing.local(moment, ZoneInfo(person.timezone))
    return f"{local.day} {local:%b %Y %H:%M}"


def _page(
    request: Request,
    session: Any,
    person: Person,
    settings: Settings,
    *,
    errors: dict[str, str] | None = None,
    message: str | None = None,
    new_token: TokenCreated | None = None,
    token_values: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    now = timing.utcnow()
    tokens = [
        _token_public(row, now)
        for row in accounts_service.list_tokens(session=session, person_id=person.id)
    ]
    context = {
        "sessions": _sessions(request, session, person, settings) if settings.accounts else [],
        "tokens": tokens,
        "when": lambda moment: _when(moment, person),
        "errors": errors or {},
        "message": message,
        "new_token": new_token,
        "token_values": token_values or {"scope": "write", "expires_in_days": 90},
        "max_days": accounts_service.TOKEN_DAYS_MAX,
    }
    response = render(request, "accounts/security.html", context, status_code=status_code)
    return response


# ---------------------------------------------------------------------------- the page


@pages.get(PAGE)
def security_page(
    request: Request, session: SessionDep, person: CurrentPerson, settings: SettingsDep
) -> Response:
    """Signed-in sessions, the password and API tokens."""
    return _page(request, session, person, settings)


@pages.post(PAGE + "/sessions/{session_id}/end")
def end_session_form(
    request: Request,
    session_id: IdPath,
    session: SessionDep,
    person: CurrentPerson,
    settings: SettingsDep,
) -> Response:
    """Sign one session out (this browser's too: then it is signed out here)."""
    if not settings.accounts:
        raise NotFound("Accounts are off: there is no sign-in, so no session to end.")
    current = current_session_id(request)
    row = accounts_sessions.end_session(session=session, person_id=person.id, row_id=session_id)
    if row.id == current:
        request.session.clear()
        return redirect("/signin?signed_out=1")
    flash(request, f"Signed out: {row.user_agent or 'unknown browser'}.")
    return redirect(PAGE)


@pages.post(PAGE + "/sessions/end-others")
def end_other_sessions_form(
    request: Request, session: SessionDep, person: CurrentPerson, settings: SettingsDep
) -> Response:
    """Sign out every session but this one (which gets a new id as well)."""
    if not settings.accounts:
        raise NotFound("Accounts are off: there is no sign-in, so no session to end.")
    ended = accounts_sessions.end_other_sessions(
        session=session, person_id=person.id, keep=current_session_id(request)
    )
    rotate(request)
    flash(request, _ended_message(ended))
    return redirect(PAGE)


def _ended_message(ended: int) -> str:
    if ended == 0:
        return "There was no other signed-in session; only this one is signed in."
    other = "other session was" if ended == 1 else "other sessions were"
    return f"Signed out everywhere else: {ended} {other} signed out."


@pages.post(PAGE + "/password")
async def change_password_form(
    request: Request, session: SessionDep, person: CurrentPerson, settings: SettingsDep
) -> Response:
    """Change the password; every other session is signed out, tokens keep working."""
    if not settings.accounts:
        raise NotFound("Accounts are off: there is no password to change.")
    form = await request.form()
    data = {k: str(form.get(k) or "") for k in ("current_password", "new_password")}
    change, problems = parse_form(PasswordChange, data)
    headers: dict[str, str] = {}
    message = None
    if change is not None:
        checked = change

        def work() -> int:
            try:
                accounts_service.change_password(
                    session=session,
                    person=person,
                    current_password=checked.current_password,
                    new_password=checked.new_password,
                )
            except NightcrampsError:
                session.commit()  # a wrong current password stays counted
                raise
            ended = accounts_sessions.end_other_sessions(
                session=session, person_id=person.id, keep=current_session_id(request)
            )
            return ended

        try:
            # argon2 takes about 0.4 s of CPU twice: in a worker thread, others go on meanwhile.
            ended = await run_in_threadpool(work)
        except TooManyAttempts as exc:
            message = exc.message
            headers["Retry-After"] = str(exc.extra.get("retry_after_s", 900))
            status = 429
        except Invalid as exc:
            problems = exc.fields or {"current_password": exc.message}
            status = 422
        else:
            rotate(request)
            others = "" if ended == 0 else f" {_ended_message(ended).split(': ', 1)[1]}"
            flash(request, f"Password changed. Your API tokens still work.{others}")
            return redirect(PAGE)
    else:
        status = 422
    response = _page(
        request, session, person, settings, errors=problems, message=message, status_code=status
    )
    response.headers.update(headers)
    return response


@pages.post(PAGE + "/tokens")
async def create_token_form(
    request: Request, session: SessionDep, person: CurrentPerson, settings: SettingsDep
) -> Response:
    """Make a token and show it, this once."""
    if request.state.auth == "token":
        raise Forbidden(TOKENS_NEED_SIGN_IN)
    form = await request.form()
    values = {
        "name": str(form.get("name") or ""),
        "scope": str(form.get("scope") or "write"),
        "expires_in_days": str(form.get("expires_in_days") or "")
        or accounts_service.TOKEN_DAYS_DEFAULT,
    }
    token_in, problems = parse_form(TokenCreate, values)
    if token_in is None:
        return _page(
            request, session, person, settings, errors=problems, token_values=values,
            status_code=422,
        )  # fmt: skip
    created = _create(session, person, token_in)
    return _page(request, session, person, settings, new_token=created)


@pages.post(PAGE + "/tokens/{token_id}/revoke")
def revoke_token_form(
    request: Request, token_id: IdPath, session: SessionDep, person: CurrentPerson
) -> Response:
    """Revoke a token: programs using it lose access at once."""
    accounts_service.revoke_token(session=session, person_id=person.id, token_id=token_id)
    flash(request, f"Token {token_id} revoked: programs using it are refused from now on.")
    return redirect(PAGE + "#tokens")


def _create(session: Any, person: Person, token_in: TokenCreate) -> TokenCreated:
    token = accounts_service.create_token(
        session=session,
        person_id=person.id,
        name=token_in.name,
        scope=token_in.scope,
        expires_in_days=token_in.expires_in_days,
    )
    row = accounts_service.find_token(session=session, token=token)
    assert row is not None
    return TokenCreated(
        token=token, id=row.id, name=row.name, scope=_scope(row.scope), expires_at=row.expires_at
    )


# ---------------------------------------------------------------------------- JSON: tokens


@api.get("/tokens", response_model=TokensPublic)
def api_list_tokens(session: SessionDep, person: CurrentPerson) -> TokensPublic:
    """Your API tokens (never the tokens themselves: only their digests are stored)."""
    now = timing.utcnow()
    rows = accounts_service.list_tokens(session=session, person_id=person.id)
    data = [_token_public(row, now) for row in rows]
    return TokensPublic(data=data, count=len(data))


@api.post("/tokens", response_model=TokenCreated, status_code=201)
def api_create_token(
    request: Request, token_in: TokenCreate, session: SessionDep, person: CurrentPerson
) -> TokenCreated:
    """Create a personal access token for scripts (send it as 'Authorization: Bearer ...').

    Only when signed in (the session cookie and its CSRF header) or in local mode: a token
    cannot make a token (403).
    """
    if request.state.auth == "token":
        raise Forbidden(TOKENS_NEED_SIGN_IN)
    created = _create(session, person, token_in)
    return created


@api.delete("/tokens/{token_id}", status_code=204)
def api_revoke_token(token_id: IdPath, session: SessionDep, person: CurrentPerson) -> RawResponse:
    """Revoke one of your tokens; programs using it get 401 from the next request on."""
    accounts_service.revoke_token(session=session, person_id=person.id, token_id=token_id)
    return RawResponse(status_code=204)


# ---------------------------------------------------------------------------- JSON: sessions


@api.get("/sessions", response_model=SessionsPublic)
def api_list_sessions(
    request: Request, session: SessionDep, person: CurrentPerson, settings: SettingsDep
) -> SessionsPublic:
    """Your signed-in browser sessions (accounts mode; with the session cookie only)."""
    _cookie_only(request, settings)
    data = _sessions(request, session, person, settings)
    return SessionsPublic(data=data, count=len(data))


@api.delete("/sessions/{session_id}", status_code=204)
def api_end_session(
    request: Request,
    session_id: IdPath,
    session: SessionDep,
    person: CurrentPerson,
    settings: SettingsDep,
) -> RawResponse:
    """Sign one of your sessions out (this one's cookie then stops working too)."""
    _cookie_only(request, settings)
    row = accounts_sessions.end_session(session=session, person_id=person.id, row_id=session_id)
    if row.id == current_session_id(request):
        request.session.clear()
    return RawResponse(status_code=204)


@api.post("/sessions/revoke-others", response_model=SessionsEnded)
def api_end_other_sessions(
    request: Request, session: SessionDep, person: CurrentPerson, settings: SettingsDep
) -> SessionsEnded:
    """Sign out every session of yours but this one (which gets a new cookie as well)."""
    _cookie_only(request, settings)
    ended = accounts_sessions.end_other_sessions(
        session=session, person_id=person.id, keep=current_session_id(request)
    )
    rotate(request)
    return SessionsEnded(ended=ended)
