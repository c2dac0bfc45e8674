"""Helpers of the session and token tests: an accounts-mode app on a clock moved by hand, people
signing up in their own browsers, and a look at the SQL a request runs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event

from nightcramps.config import Settings
from nightcramps.web.app import SESSION_COOKIE, create_app

PASSWORD = "violet tractor seldom ponders"
"""A password the sign-up rules accept."""
API = "/api/v1"


class HandClock:
    """A clock that stands still until a test moves it."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def accounts_settings(settings: Settings, **changes: Any) -> Settings:
    """``settings`` in accounts mode over plain HTTP (the test client's)."""
    data = {**settings.model_dump(), "accounts": True, "secret_key": "s" * 40}
    return Settings.model_validate({**data, "secure_cookies": False, **changes})


def make_app(settings: Settings, clock: HandClock) -> FastAPI:
    return create_app(settings, migrate=False, clock=clock)


def browser(app: FastAPI, **headers: str) -> TestClient:
    """A new browser (its own cookie jar) on ``app``; redirects are not followed."""
    return TestClient(app, follow_redirects=False, headers=headers)


def csrf(client: TestClient, path: str = "/signin") -> str:
    page = client.get(path)
    match = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert match, page.text[:500]
    return match.group(1)


def sign_up(client: TestClient, email: str, password: str = PASSWORD) -> None:
    answer = client.post(
        "/signup",
        data={
            "email": email,
            "password": password,
            "timezone": "Europe/London",
            "csrf_token": csrf(client, "/signup"),
        },
    )
    assert answer.status_code == 303, answer.text


def sign_in(client: TestClient, email: str, password: str = PASSWORD) -> None:
    answer = client.post(
        "/signin",
        data={"email": email, "password": password, "csrf_token": csrf(client, "/signin")},
    )
    assert answer.status_code == 303, answer.text


def cookie_of(client: TestClient) -> str:
    value = client.cookies.get(SESSION_COOKIE)
    assert value, "no session cookie"
    return value


def replay(app: FastAPI, cookie: str, path: str = f"{API}/profile") -> int:
    """The status of ``path`` asked by another program that copied the cookie ``cookie``."""
    with browser(app, Cookie=f"{SESSION_COOKIE}={cookie}") as thief:
        return thief.get(path).status_code


def signed_in(client: TestClient) -> bool:
    status = client.get(f"{API}/profile").status_code
    assert status in (200, 401), status
    return status == 200


class Statements(list[tuple[str, str]]):
    """The SQL statements run on an engine, with the name of the thread that ran each."""

    def writes(self, table: str = "") -> list[str]:
        return [
            sql
            for sql, _thread in self
            if sql.lstrip().split(" ", 1)[0].upper() in {"INSERT", "UPDATE", "DELETE"}
            and table in sql
        ]

    def on(self, table: str) -> list[tuple[str, str]]:
        return [(sql, thread) for sql, thread in self if table in sql]


@contextmanager
def statements(engine: Engine) -> Iterator[Statements]:
    """Collect the statements run on ``engine`` inside the block."""
    import threading

    seen = Statements()

    def note(_conn: Any, _cursor: Any, sql: str, *_args: Any) -> None:
        seen.append((sql, threading.current_thread().name))

    event.listen(engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", note)
