"""FastAPI dependencies: the database session, the settings and who is asking."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Path, Request
from sqlalchemy.orm import Session

from nightcramps.accounts import service as accounts_service
from nightcramps.accounts.models import Person
from nightcramps.config import Settings
from nightcramps.errors import Forbidden, NotAllowed
from nightcramps.owner import Owner
from nightcramps.web.guard import bearer_token, from_another_site

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_session(request: Request) -> Iterator[Session]:
    """One session per request: committed when the handler returns, rolled back when it raises.

    **Who commits.** This dependency, and nobody else: a handler calls ``session.commit()`` only
    to keep work that must survive a later failure of the same request (a counted sign-in
    attempt), and says so where it does. It runs with ``scope="function"`` (``SessionDep``), so
    the commit happens after the handler returns and *before* the response is sent: a commit that
    fails becomes an error answer (503 when the database is busy), never a "saved" page over a
    lost write. A handler that shows a form again after a refused change calls
    ``session.rollback()`` itself, since it returns normally.
    """
    session: Session = request.app.state.sessionmaker()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


SettingsDep = Annotated[Settings, Depends(get_settings)]

MAX_ID = 2_147_483_647
"""Largest row id accepted in a URL (a 32-bit integer, the smallest limit of our databases)."""
IdPath = Annotated[int, Path(ge=1, le=MAX_ID, description="A row id.")]
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


def _bearer(request: Request) -> str | None:
    return bearer_token(request.headers)


ZONE_FROM_BROWSER = "zone_from_browser"
"""Session key: this browser session made the person, so its zone may stand in until confirmed."""


def get_person(request: Request, session: SessionDep, settings: SettingsDep) -> Person:
    """The person making the request.

    A bearer token wins in both modes. In accounts mode the session cookie is next, and
    nobody else gets in. In local mode everyone who can reach the loopback server is the one
    local person.
    """
    person = _identify(request, session, settings)
    # The layout's time zone notice (accounts/_timezone.html) reads who is asking from here. A
    # copy, not the row: an error page is drawn after the session has rolled back and closed.
    request.state.person = ZoneOfPerson(person.timezone, person.timezone_confirmed_at)
    return person


@dataclass(frozen=True, slots=True)
class ZoneOfPerson:
    """What the time zone notice needs of the person asking, as it was when they were found."""

    timezone: str
    timezone_confirmed_at: datetime | None


def _identify(request: Request, session: Session, settings: Settings) -> Person:
    token = _bearer(request)
    if token is not None:
        request.state.auth = "token"
        use = accounts_service.use_token(session=session, token=token)
        if use.touched:  # at most once an hour per token; committed now, so no lock is held
            session.commit()
        if use.scope != "write" and request.method not in SAFE_METHODS:
            raise Forbidden(
                "This API token is read-only: it can read (GET) but not change anything. "
                "For changes use a token with scope 'write' (make one on the Account security "
                "page, /account/security, or with `nightcramps token create`)."
            )
        return use.person
    if settings.accounts:
        person_id = request.session.get("person_id")
        if not isinstance(person_id, int):
            raise NotAllowed("Sign in first, or send an API token as 'Authorization: Bearer ...'.")
        request.state.auth = "cookie"
        return accounts_service.get_person(session=session, person_id=person_id)
    request.state.auth = "local"
    person = accounts_service.find_local_person(session=session)
    if person is None:
        person = accounts_service.get_local_person(
            session=session, timezone=settings.default_timezone
        )
        # A person made by this browser's first visit takes the browser's zone until they confirm
        # one (static/timezone.js sends it); one made earlier, e.g. by the CLI, is only asked.
        request.session[ZONE_FROM_BROWSER] = True
    return person


CurrentPerson = Annotated[Person, Depends(get_person)]


def get_owner(person: CurrentPerson, settings: SettingsDep) -> Owner:
    return accounts_service.owner_of(
        person, cutover_hour=settings.night_cutover_hour, day_start_hour=settings.day_start_hour
    )


OwnerDep = Annotated[Owner, Depends(get_owner)]


def csrf_token(request: Request) -> str:
    """This browser session's CSRF token (made on first use); forms send it back."""
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


async def verify_csrf(request: Request) -> AsyncIterator[None]:
    """Refuse a state-changing request that does not carry this session's CSRF token.

    Requests authenticated by a bearer token are exempt: a browser never adds that header on its
    own, so another site cannot forge it. A form read here is closed when the request is done,
    refused or not, so an upload's temporary file never outlives it.
    """
    try:
        await _check_csrf(request)
        yield
    finally:
        form = getattr(request, "_form", None)  # Starlette's cache of the form it parsed
        if form is not None:
            await form.close()


async def _check_csrf(request: Request) -> None:
    if request.method in SAFE_METHODS or _bearer(request) is not None:
        return
    expected = request.session.get("csrf")
    sent = request.headers.get("X-CSRF-Token")
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()
        value = form.get("csrf_token")
        sent = value if isinstance(value, str) else None
    if not expected or not sent or not secrets.compare_digest(str(expected), sent):
        raise NotAllowedCsrf()


async def verify_api_origin(request: Request, settings: SettingsDep) -> None:
    """Guard the JSON API against requests forged by other web sites.

    Bearer-token requests pass. A browser's request from another origin is refused. In accounts
    mode a cookie-authenticated change must also carry the ``X-CSRF-Token`` header.
    """
    if request.method in SAFE_METHODS or _bearer(request) is not None:
        return
    if from_another_site(request.headers):  # the guard refuses these first; kept as the rule
        raise NotAllowedCsrf()
    if settings.accounts:
        expected = request.session.get("csrf")
        sent = request.headers.get("X-CSRF-Token")
        if not expected or not sent or not secrets.compare_digest(str(expected), sent):
            raise NotAllowedCsrf()


class NotAllowedCsrf(Exception):
    """The form's security token is missing or stale (answered 403 with a reload hint)."""
