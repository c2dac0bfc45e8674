"""Accounts mode: sign-up, sign-in, CSRF, rate limits, tokens; nobody sees another person's data."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from nightcramps.config import Settings
from nightcramps.web.app import create_app

SECRET = "s" * 40
CRAMP = {"at": "2026-11-24T03:10:00", "muscle": "calf", "side": "left", "severity_0_10": 6}


@pytest.fixture
def accounts_settings(settings: Settings) -> Settings:
    data = {**settings.model_dump(), "accounts": True, "secret_key": SECRET}
    return Settings.model_validate({**data, "secure_cookies": False})


def _client(settings: Settings) -> TestClient:
    return TestClient(create_app(settings, migrate=False), follow_redirects=False)


@pytest.fixture
def browser_a(accounts_settings: Settings) -> Iterator[TestClient]:
    with _client(accounts_settings) as client:
        yield client


@pytest.fixture
def browser_b(accounts_settings: Settings) -> Iterator[TestClient]:
    with _client(accounts_settings) as client:
        yield client


def _csrf(client: TestClient, path: str) -> str:
    page = client.get(path)
    match = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert match, page.text[:500]
    return match.group(1)


def _sign_up(client: TestClient, email: str, password: str = "correct horse battery") -> None:
    token = _csrf(client, "/signup")
    answer = client.post(
        "/signup",
        data={
            "email": email,
            "password": password,
            "timezone": "Europe/London",
            "csrf_token": token,
        },
    )
    assert answer.status_code == 303, answer.text


def test_accounts_mode_needs_a_real_secret(settings: Settings) -> None:
    """Turning accounts on without a long secret key is refused with the fix."""
    with pytest.raises(ValueError, match="SECRET_KEY must be at least 32"):
        Settings.model_validate({**settings.model_dump(), "accounts": True, "secret_key": None})


def test_pages_and_api_need_sign_in(browser_a: TestClient) -> None:
    """Anonymous visitors are sent to sign in; the API answers 401."""
    assert browser_a.get("/").status_code == 303
    assert browser_a.get("/").headers["location"].startswith("/signin")
    answer = browser_a.get("/api/v1/nights")
    assert answer.status_code == 401
    assert "Sign in" in answer.json()["detail"]


def test_sign_up_then_log_a_cramp(browser_a: TestClient) -> None:
    """A new account can use the diary right away."""
    _sign_up(browser_a, "ann@example.org")
    token = _csrf(browser_a, "/cramps/new")
    answer = browser_a.post(
        "/cramps",
        data={
            "night_of": "2026-11-23",
            "time": "03:10",
            "muscle": "calf",
            "side": "left",
            "severity_0_10": "7",
            "csrf_token": token,
        },
    )
    assert answer.status_code == 303
    assert browser_a.get("/api/v1/nights/2026-11-23", headers={}).status_code == 200


def test_form_without_csrf_token_is_refused(browser_a: TestClient) -> None:
    """A form post without the session's CSRF token is refused and stores nothing."""
    _sign_up(browser_a, "ann@example.org")
    answer = browser_a.post("/checkin/no-cramps", data={"night_of": "2026-11-23"})
    assert answer.status_code == 403
    assert "Reload the page" in answer.text
    assert browser_a.get("/api/v1/nights").json()["count"] == 0


def test_cookie_api_write_needs_csrf_header(browser_a: TestClient) -> None:
    """With a session cookie, API writes need the X-CSRF-Token header."""
    _sign_up(browser_a, "ann@example.org")
    assert browser_a.post("/api/v1/cramps", json=CRAMP).status_code == 403
    token = _csrf(browser_a, "/cramps/new")
    answer = browser_a.post("/api/v1/cramps", json=CRAMP, headers={"X-CSRF-Token": token})
    assert answer.status_code == 201


def test_person_b_never_sees_person_a(browser_a: TestClient, browser_b: TestClient) -> None:
    """B cannot read, change or delete A's nights and cramps by page, API or guessed id."""
    _sign_up(browser_a, "ann@example.org")
    _sign_up(browser_b, "bob@example.org")
    token_a = _csrf(browser_a, "/cramps/new")
    cramp = browser_a.post("/api/v1/cramps", json=CRAMP, headers={"X-CSRF-Token": token_a}).json()
    token_b = _csrf(browser_b, "/cramps/new")
    headers_b = {"X-CSRF-Token": token_b}

    assert browser_b.get("/api/v1/nights").json()["count"] == 0
    assert browser_b.get("/api/v1/nights/2026-11-23").status_code == 404
    assert browser_b.get(f"/api/v1/cramps/{cramp['id']}").status_code == 404
    assert (
        browser_b.patch(
            f"/api/v1/cramps/{cramp['id']}", json={"severity_0_10": 1}, headers=headers_b
        ).status_code
        == 404
    )
    assert browser_b.delete(f"/api/v1/cramps/{cramp['id']}", headers=headers_b).status_code == 404
    night_for_b = browser_b.get("/diary/2026-11-23")  # B's own night: not logged, none of A's
    assert "Nothing is logged for this night yet" in night_for_b.text
    assert "severity 6/10" not in night_for_b.text
    assert browser_b.get(f"/cramps/{cramp['id']}/edit").status_code == 404
    # A delete of someone else's cramp reads as a stale page: nothing is deleted, nothing said.
    stale = browser_b.post(
        f"/cramps/{cramp['id']}/delete", data={"csrf_token": token_b}, follow_redirects=True
    )
    assert "This was already deleted" in stale.text and "severity 6/10" not in stale.text
    # A's cramp is untouched.
    still = browser_a.get(f"/api/v1/cramps/{cramp['id']}").json()
    assert still["severity_0_10"] == 6


def test_sign_in_and_out(browser_a: TestClient) -> None:
    """The right password signs in; signing out ends the session."""
    _sign_up(browser_a, "ann@example.org")
    browser_a.cookies.clear()
    token = _csrf(browser_a, "/signin")
    answer = browser_a.post(
        "/signin",
        data={
            "email": "ANN@example.org",
            "password": "correct horse battery",
            "csrf_token": token,
            "next": "/diary",
        },
    )
    assert answer.status_code == 303
    assert answer.headers["location"] == "/diary"
    assert browser_a.get("/diary").status_code == 200
    token = _csrf(browser_a, "/diary")
    browser_a.post("/signout", data={"csrf_token": token})
    assert browser_a.get("/diary").status_code == 303


def test_open_redirect_after_sign_in_is_refused(browser_a: TestClient) -> None:
    """A 'next' pointing to another site is replaced by the home page."""
    _sign_up(browser_a, "ann@example.org")
    browser_a.cookies.clear()
    token = _csrf(browser_a, "/signin")
    answer = browser_a.post(
        "/signin",
        data={
            "email": "ann@example.org",
            "password": "correct horse battery",
            "csrf_token": token,
            "next": "//evil.example/",
        },
    )
    assert answer.headers["location"] == "/"


def test_duplicate_sign_up_is_explained(browser_a: TestClient, browser_b: TestClient) -> None:
    """Signing up twice with one email says to sign in instead."""
    _sign_up(browser_a, "ann@example.org")
    token = _csrf(browser_b, "/signup")
    answer = browser_b.post(
        "/signup",
        data={"email": "ann@example.org", "password": "another long one", "csrf_token": token},
    )
    assert answer.status_code == 422
    assert "sign in instead" in answer.text


def test_bearer_token_reads_only_its_owner(browser_a: TestClient, browser_b: TestClient) -> None:
    """A personal access token acts as its owner and nobody else; a bad token is 401."""
    _sign_up(browser_a, "ann@example.org")
    _sign_up(browser_b, "bob@example.org")
    token_a = _csrf(browser_a, "/cramps/new")
    created = browser_a.post(
        "/api/v1/tokens", json={"name": "script"}, headers={"X-CSRF-Token": token_a}
    )
    assert created.status_code == 201
    bearer = {"Authorization": f"Bearer {created.json()['token']}"}
    browser_b.cookies.clear()
    assert browser_b.post("/api/v1/cramps", json=CRAMP, headers=bearer).status_code == 201
    assert browser_b.get("/api/v1/nights", headers=bearer).json()["count"] == 1
    bad = browser_b.get("/api/v1/nights", headers={"Authorization": "Bearer nc_nope"})
    assert bad.status_code == 401


def test_session_cookie_is_secure_by_default(settings: Settings) -> None:
    """In accounts mode the session cookie is HttpOnly, SameSite=Lax and Secure."""
    secure = Settings.model_validate(
        {**settings.model_dump(), "accounts": True, "secret_key": SECRET}
    )
    with TestClient(create_app(secure, migrate=False), base_url="https://testserver") as client:
        cookie = client.get("/signin").headers["set-cookie"]
    assert "httponly" in cookie.lower()
    assert "samesite=lax" in cookie.lower()
    assert "secure" in cookie.lower()
