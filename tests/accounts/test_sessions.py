"""Server-side sessions (audit M3 and L5): the cookie holds only a random id, sign-out and "sign
out everywhere" end a session for whoever holds a copy of its cookie, sessions expire, and the
database work is one indexed read per request (no write on a read, none in the event loop)."""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, inspect, select, text
from sqlalchemy.orm import Session

from nightcramps.accounts.models import BrowserSession, Person
from nightcramps.config import Settings
from nightcramps.web.app import SESSION_COOKIE, create_app
from tests.accounts.signed_in import (
    API,
    PASSWORD,
    HandClock,
    accounts_settings,
    browser,
    cookie_of,
    csrf,
    make_app,
    replay,
    sign_in,
    sign_up,
    signed_in,
    statements,
)

ANN = "ann@example.org"
BOB = "bob@example.org"
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
PHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"
)


@pytest.fixture
def clock(now: datetime) -> HandClock:
    return HandClock(now)


@pytest.fixture
def accounts(settings: Settings) -> Settings:
    return accounts_settings(settings)


@pytest.fixture
def app(accounts: Settings, clock: HandClock) -> Iterator[FastAPI]:
    app = make_app(accounts, clock)
    yield app
    app.state.engine.dispose()


@pytest.fixture
def local(settings: Settings, clock: HandClock) -> Iterator[TestClient]:
    """A browser on the app in local mode (no sign-in)."""
    app = make_app(settings, clock)
    with browser(app) as client:
        yield client
    app.state.engine.dispose()


@pytest.fixture
def ann(app: FastAPI) -> Iterator[TestClient]:
    with browser(app, **{"User-Agent": FIREFOX}) as client:
        sign_up(client, ANN)
        yield client


def _rows(session: Session, person_id: int | None = None) -> int:
    session.expire_all()
    query = select(func.count()).select_from(BrowserSession)
    if person_id is not None:
        query = query.where(BrowserSession.person_id == person_id)
    return int(session.scalar(query) or 0)


def _person_id(session: Session, email: str) -> int:
    found = session.scalar(select(Person.id).where(Person.email == email))
    assert found is not None
    return found


def _decoded(cookie: str) -> str:
    """Whatever the cookie holds, read the way the audit read Starlette's (base64)."""
    readable = []
    for part in cookie.split("."):
        try:
            readable.append(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)).decode())
        except (binascii.Error, UnicodeDecodeError, ValueError):
            readable.append(part)
    return " ".join(readable)


# ---------------------------------------------------------------------------- what the cookie holds


def test_the_cookie_holds_no_checkup_answer_and_no_flash(local: TestClient) -> None:
    """L5: after the check-up (local mode), the cookie is a random id: neither the answers nor
    the flash text can be read from it, and the answers still show after the redirect."""
    token = csrf(local, "/checkup")
    answer = local.post(
        "/checkup", data={"csrf_token": token, "calf_swelling": "yes", "numbness": "no"}
    )
    assert answer.status_code == 303
    cookie = local.cookies.get(SESSION_COOKIE)
    assert cookie is not None and re.fullmatch(r"[A-Za-z0-9_-]{43}", cookie)
    for secret in ("calf_swelling", "numbness", "checkup", "see below", "warning", "flashes"):
        assert secret not in _decoded(cookie) and secret not in cookie
    page = local.get("/checkup")
    assert "see below" in page.text  # the flash, read from the server's copy of the session
    checked = re.findall(r'name="(\w+)" value="(yes|no)" checked', page.text)
    assert ("calf_swelling", "yes") in checked and ("numbness", "no") in checked


def test_cookie_flags_and_lifetime(ann: TestClient, accounts: Settings) -> None:
    """HttpOnly, SameSite=Lax, Path=/ and Max-Age = the whole lifetime at sign-in; no Secure
    over a test server without TLS (the secure default is in test_accounts)."""
    ann.cookies.clear()
    answer = ann.post("/signin", data={"email": ANN, "password": PASSWORD, "csrf_token": csrf(ann)})
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/" in cookie
    assert f"Max-Age={accounts.session_max_age_days * 86400}" in cookie
    assert "Secure" not in cookie
    # Later answers do not send the cookie again: it is not slid forward.
    assert "set-cookie" not in ann.get(f"{API}/profile").headers
    assert "set-cookie" not in ann.get("/diary").headers


# ---------------------------------------------------------------------------- sign-out and rotation


def test_a_copied_cookie_stops_working_at_sign_out(
    app: FastAPI, ann: TestClient, session: Session
) -> None:
    """M3: a cookie copied before sign-out is refused after it (API 401, pages to sign-in)."""
    copied = cookie_of(ann)
    assert replay(app, copied) == 200
    answer = ann.post("/signout", data={"csrf_token": csrf(ann, "/diary")})
    assert answer.status_code == 303
    assert "Max-Age=0" in answer.headers["set-cookie"]
    assert replay(app, copied) == 401
    with browser(app, Cookie=f"{SESSION_COOKIE}={copied}") as thief:
        page = thief.get("/diary")
        assert page.status_code == 303 and page.headers["location"].startswith("/signin")
    assert _rows(session) == 0


def test_sign_in_gives_a_new_id_and_a_planted_one_stays_anonymous(
    app: FastAPI, ann: TestClient, session: Session
) -> None:
    """The id a browser had before signing in (for instance one planted by someone else) is
    never the one signed in: the session gets a new id, and the old one finds nobody."""
    ann.post("/signout", data={"csrf_token": csrf(ann, "/diary")})
    ann.get("/signin")
    before = cookie_of(ann)
    sign_in(ann, ANN)
    after = cookie_of(ann)
    assert after != before
    assert replay(app, before) == 401
    assert replay(app, after) == 200
    # Signing in again as someone else replaces the stored session too.
    with browser(app) as other:
        sign_up(other, BOB)
    signed_as_ann = cookie_of(ann)
    sign_in(ann, BOB)
    assert replay(app, signed_as_ann) == 401
    assert ann.get(f"{API}/profile").json()["email"] == BOB
    assert _rows(session, _person_id(session, ANN)) == 0


def test_an_unknown_or_malformed_cookie_is_no_session(app: FastAPI) -> None:
    """Made-up ids are not signed in, and get no error."""
    for made_up in ("x" * 43, "not-even-the-right-length", "a.b.c", ""):
        assert replay(app, made_up) == 401
        assert replay(app, made_up, "/signin") == 200


# ---------------------------------------------------------------------------- what is written


def test_reading_a_public_page_or_with_a_token_stores_nothing(
    app: FastAPI, session: Session
) -> None:
    """A row is made only when something is stored: an anonymous visitor reading the sign-in page
    (whose CSRF token is derived from its cookie) and a bearer-token call make none, and the
    token call sends no cookie."""
    with browser(app) as visitor:
        page = visitor.get("/signin")
        assert page.status_code == 200 and SESSION_COOKIE in page.headers["set-cookie"]
        assert visitor.get("/guidance").status_code == 200
        assert "set-cookie" not in visitor.get("/guidance").headers
        assert _rows(session) == 0
        # The derived token still protects the form: a good one passes, a wrong one does not.
        good = csrf(visitor, "/signin")
        wrong = visitor.post("/signin", data={"email": ANN, "password": "x", "csrf_token": "x"})
        assert wrong.status_code == 403
        right = visitor.post("/signin", data={"email": ANN, "password": "x", "csrf_token": good})
        assert right.status_code == 401
        assert _rows(session) == 0
    with browser(app) as owner:
        sign_up(owner, ANN)
        made = owner.post(
            f"{API}/tokens", json={"name": "script"}, headers={"X-CSRF-Token": csrf(owner, "/")}
        )
    rows = _rows(session)
    with browser(app) as script:
        bearer = {"Authorization": f"Bearer {made.json()['token']}"}
        answer = script.get(f"{API}/nights", headers=bearer)
        assert answer.status_code == 200 and "set-cookie" not in answer.headers
        posted = script.post(
            f"{API}/cramps",
            json={
                "started_at": "2026-11-24T03:10:00Z",
                "muscle": "calf",
                "side": "left",
                "severity_0_10": 6,
            },
            headers=bearer,
        )
        assert posted.status_code == 201 and "set-cookie" not in posted.headers
    assert _rows(session) == rows


def test_a_read_with_a_session_runs_one_indexed_read_and_writes_nothing(
    app: FastAPI, ann: TestClient
) -> None:
    """A signed-in GET reads its session once (by its digest's unique index), writes no row at
    all, and every statement on the sessions runs in a worker thread, not on the event loop."""
    ann.get("/diary")  # draws the page once (its CSRF token is stored at sign-in already)
    engine: Engine = app.state.engine
    with statements(engine) as seen:
        assert ann.get("/diary").status_code == 200
        assert ann.get(f"{API}/profile").status_code == 200
    assert seen.writes() == []
    reads = seen.on("browser_session")
    assert len(reads) == 2  # one per request
    assert all("WHERE browser_session.digest = " in sql for sql, _ in reads)
    assert all(thread.startswith("AnyIO worker thread") for _, thread in reads)
    unique = inspect(engine).get_unique_constraints("browser_session")
    assert [c["column_names"] for c in unique] == [["digest"]]


def test_last_seen_is_written_at_most_once_an_hour(
    app: FastAPI, ann: TestClient, clock: HandClock, session: Session
) -> None:
    """Using a session writes ``last_seen_at`` only when it is an hour old."""
    engine: Engine = app.state.engine
    clock.advance(minutes=59)
    with statements(engine) as seen:
        ann.get(f"{API}/profile")
    assert seen.writes("browser_session") == []
    clock.advance(minutes=2)
    with statements(engine) as seen:
        ann.get(f"{API}/profile")
        ann.get(f"{API}/profile")
    assert len(seen.writes("browser_session")) == 1
    session.expire_all()
    row = session.scalars(select(BrowserSession)).one()
    assert row.last_seen_at == clock.now


def test_a_session_change_is_saved_before_the_answer_is_sent(app: FastAPI, ann: TestClient) -> None:
    """A flash stored by a form is on the next page, and read once; the save is one UPDATE."""
    engine: Engine = app.state.engine
    token = csrf(ann, "/profile")
    with statements(engine) as seen:
        saved = ann.post(
            "/profile", data={"csrf_token": token, "timezone": "Europe/London", "sex": "female"}
        )
    assert saved.status_code == 303
    assert len(seen.writes("browser_session")) == 1
    assert "Profile saved." in ann.get("/profile").text
    assert "Profile saved." not in ann.get("/profile").text


# ---------------------------------------------------------------------------- lifetimes


def test_a_session_ends_at_its_absolute_lifetime(
    app: FastAPI, ann: TestClient, clock: HandClock, accounts: Settings, session: Session
) -> None:
    """Used every few days, a session still ends ``session_max_age_days`` after sign-in."""
    copied = cookie_of(ann)
    days = accounts.session_max_age_days
    for _ in range(days // 3):
        clock.advance(days=3)
        assert signed_in(ann)
    clock.advance(days=days - 3 * (days // 3), seconds=-1)
    assert signed_in(ann)
    clock.advance(seconds=1)
    assert not signed_in(ann)
    assert replay(app, copied) == 401
    assert _rows(session) == 0  # the expired row went with the request that found it


def test_an_unused_session_ends_after_the_idle_timeout(
    ann: TestClient, clock: HandClock, accounts: Settings
) -> None:
    """A session not used for ``session_idle_days`` ends; used, it would have lasted."""
    clock.advance(days=accounts.session_idle_days, hours=-2)
    assert signed_in(ann)
    clock.advance(days=accounts.session_idle_days, hours=-1)
    assert signed_in(ann)  # counted from the last use (to the hour), not from sign-in
    clock.advance(days=accounts.session_idle_days)
    assert not signed_in(ann)


def test_shorter_lifetimes_are_settings(settings: Settings, clock: HandClock) -> None:
    """``session_max_age_days`` and ``session_idle_days`` set the lifetimes (and Max-Age)."""
    short = accounts_settings(settings, session_max_age_days=2, session_idle_days=1)
    app = make_app(short, clock)
    with browser(app) as client:
        sign_up(client, ANN)
        clock.advance(hours=23)
        assert signed_in(client)
        clock.advance(hours=23)
        assert signed_in(client)
        clock.advance(hours=3)
        assert not signed_in(client)
        client.cookies.clear()
        sign_in(client, ANN)
        answer = client.post(
            f"{API}/sessions/revoke-others", headers={"X-CSRF-Token": csrf(client, "/")}
        )
        assert "Max-Age=172800" in answer.headers["set-cookie"]
    app.state.engine.dispose()


@pytest.mark.usefixtures("ann")
def test_expired_sessions_are_purged_at_start_up(
    clock: HandClock, accounts: Settings, session: Session
) -> None:
    """Rows past their end are deleted when the app (or a command) opens the database."""
    with browser(make_app(accounts, clock)) as other:
        sign_up(other, BOB)
    assert _rows(session) == 2
    clock.advance(days=accounts.session_idle_days, seconds=1)
    create_app(accounts, migrate=False, clock=clock).state.engine.dispose()
    assert _rows(session) == 0


def test_a_rotated_cookie_keeps_the_remaining_lifetime(
    ann: TestClient, clock: HandClock, accounts: Settings
) -> None:
    """A new id for the same session (sign out everywhere else) does not extend it: Max-Age is
    what is left of the lifetime."""
    clock.advance(days=2)
    answer = ann.post(f"{API}/sessions/revoke-others", headers={"X-CSRF-Token": csrf(ann, "/")})
    left = (accounts.session_max_age_days - 2) * 86400
    assert f"Max-Age={left}" in answer.headers["set-cookie"]


# ---------------------------------------------------------------------------- a person's sessions


def test_list_and_end_sessions_over_the_api(app: FastAPI, ann: TestClient) -> None:
    """``GET /sessions`` lists Ann's browsers (this one marked); ``DELETE`` ends one, which is
    then signed out; someone else's id is 404 and left alone."""
    with browser(app, **{"User-Agent": PHONE}) as phone, browser(app) as bob:
        sign_in(phone, ANN)
        sign_up(bob, BOB)
        listed = ann.get(f"{API}/sessions").json()
        assert listed["count"] == 2
        by_browser = {s["browser"]: s for s in listed["data"]}
        assert set(by_browser) == {"Firefox on Linux", "Safari on iPhone"}
        assert by_browser["Firefox on Linux"]["current"] is True
        assert by_browser["Safari on iPhone"]["current"] is False
        bob_session = bob.get(f"{API}/sessions").json()["data"][0]["id"]
        headers = {"X-CSRF-Token": csrf(ann, "/")}
        assert ann.delete(f"{API}/sessions/{bob_session}", headers=headers).status_code == 404
        assert signed_in(bob)
        phone_session = by_browser["Safari on iPhone"]["id"]
        assert ann.delete(f"{API}/sessions/{phone_session}", headers=headers).status_code == 204
        assert not signed_in(phone)
        assert signed_in(ann)
        assert ann.delete(f"{API}/sessions/{phone_session}", headers=headers).status_code == 404


def test_ending_this_session_over_the_api_signs_this_browser_out(
    app: FastAPI, ann: TestClient
) -> None:
    copied = cookie_of(ann)
    mine = ann.get(f"{API}/sessions").json()["data"][0]["id"]
    answer = ann.delete(f"{API}/sessions/{mine}", headers={"X-CSRF-Token": csrf(ann, "/")})
    assert answer.status_code == 204
    assert not signed_in(ann)
    assert replay(app, copied) == 401


def test_sign_out_everywhere_else(app: FastAPI, ann: TestClient, session: Session) -> None:
    """Every other browser is signed out, and so is a copy of this browser's cookie (the
    session gets a new id); this browser stays signed in."""
    with browser(app) as phone, browser(app) as bob:
        sign_in(phone, ANN)
        sign_up(bob, BOB)
        copied = cookie_of(ann)
        answer = ann.post(f"{API}/sessions/revoke-others", headers={"X-CSRF-Token": csrf(ann, "/")})
        assert answer.status_code == 200 and answer.json() == {"ended": 1}
        assert signed_in(ann)
        assert not signed_in(phone)
        assert replay(app, copied) == 401
        assert signed_in(bob)  # nobody else's sessions
    assert _rows(session, _person_id(session, ANN)) == 1


def test_sessions_api_is_for_signed_in_browsers_only(
    app: FastAPI, ann: TestClient, local: TestClient
) -> None:
    """A token may not list or end sessions (403); in local mode there are none (404)."""
    made = ann.post(
        f"{API}/tokens", json={"name": "script"}, headers={"X-CSRF-Token": csrf(ann, "/")}
    )
    bearer = {"Authorization": f"Bearer {made.json()['token']}"}
    with browser(app) as script:
        listed = script.get(f"{API}/sessions", headers=bearer)
        assert listed.status_code == 403
        assert "signed-in browser" in listed.json()["detail"]
        ended = script.post(f"{API}/sessions/revoke-others", headers=bearer)
        assert ended.status_code == 403
    answer = local.get(f"{API}/sessions")
    assert answer.status_code == 404 and "Accounts are off" in answer.json()["detail"]


def test_deleting_a_person_deletes_their_sessions(
    app: FastAPI, ann: TestClient, engine: Engine, session: Session
) -> None:
    """Sessions go with their person (a foreign key with ON DELETE CASCADE)."""
    with browser(app) as bob:
        sign_up(bob, BOB)
    ann_id = _person_id(session, ANN)
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM person WHERE id = :id"), {"id": ann_id})
    assert _rows(session, ann_id) == 0
    assert _rows(session) == 1
    assert not signed_in(ann)


# ---------------------------------------------------------------------------- local mode


def test_local_mode_keeps_its_session_on_the_server(local: TestClient, session: Session) -> None:
    """Local mode uses the same sessions: the first visit's zone flag and later flashes are
    stored in one row, under one cookie that later pages do not send again."""
    first = local.get("/")
    assert first.status_code == 200 and SESSION_COOKIE in first.headers["set-cookie"]
    assert _rows(session) == 1
    token = csrf(local, "/")
    confirmed = local.post(
        "/timezone/confirm",
        data={"csrf_token": token, "timezone": "Europe/London"},
        follow_redirects=False,
    )
    assert confirmed.status_code == 303 and "set-cookie" not in confirmed.headers
    assert "Time zone confirmed" in local.get("/").text
    assert _rows(session) == 1


# ---------------------------------------------------------------------------- the password


def _change(client: TestClient, current: str, new: str) -> Any:
    token = csrf(client, "/account/security")
    return client.post(
        "/account/security/password",
        data={"csrf_token": token, "current_password": current, "new_password": new},
    )


def test_changing_the_password_signs_out_every_other_session(app: FastAPI, ann: TestClient) -> None:
    """The other browsers and any copy of this browser's cookie are signed out; this browser
    stays signed in; API tokens keep working; only the new password signs in."""
    new = "amber lantern quietly hums"
    made = ann.post(
        f"{API}/tokens", json={"name": "script"}, headers={"X-CSRF-Token": csrf(ann, "/")}
    ).json()
    with browser(app) as phone, browser(app) as script:
        sign_in(phone, ANN)
        copied = cookie_of(ann)
        wrong = _change(ann, "not my password", new)
        assert wrong.status_code == 422
        assert "Current password: that is not your current password" in wrong.text
        weak = _change(ann, PASSWORD, "aaaaaaaaaaaa")
        assert weak.status_code == 422 and "New password: it is one character repeated" in weak.text
        assert signed_in(phone)
        changed = _change(ann, PASSWORD, new)
        assert changed.status_code == 303
        assert "Password changed. Your API tokens still work." in ann.get("/account/security").text
        assert signed_in(ann)
        assert not signed_in(phone)
        assert replay(app, copied) == 401
        bearer = {"Authorization": f"Bearer {made['token']}"}
        assert script.get(f"{API}/nights", headers=bearer).status_code == 200
        phone.cookies.clear()
        refused = phone.post(
            "/signin", data={"email": ANN, "password": PASSWORD, "csrf_token": csrf(phone)}
        )
        assert refused.status_code == 401
        sign_in(phone, ANN, new)


def test_the_page_lists_sessions_and_signs_one_out(app: FastAPI, ann: TestClient) -> None:
    """The page marks this browser, and "Sign out" on another one ends it."""
    with browser(app, **{"User-Agent": PHONE}) as phone:
        sign_in(phone, ANN)
        page = ann.get("/account/security").text
        assert "Firefox on Linux" in page and "Safari on iPhone" in page
        assert page.count("this browser</span>") == 1
        listed = ann.get(f"{API}/sessions").json()["data"]
        (phone_id,) = [s["id"] for s in listed if not s["current"]]
        ended = ann.post(
            f"/account/security/sessions/{phone_id}/end",
            data={"csrf_token": csrf(ann, "/account/security")},
        )
        assert ended.status_code == 303
        assert "Signed out: Safari on iPhone." in ann.get("/account/security").text
        assert not signed_in(phone)
        assert signed_in(ann)
