"""API tokens (audit M3, M1): they expire, a read-only one cannot change anything, a token cannot
make a token, they can be listed and revoked over HTTP and in the CLI, and a read with a token
used in the last hour writes nothing to the database."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from nightcramps import timing
from nightcramps.accounts.models import ApiToken
from nightcramps.config import Settings
from nightcramps.storage.engine import make_engine
from nightcramps.storage.migrate import alembic_config, upgrade
from tests.accounts.signed_in import (
    API,
    HandClock,
    accounts_settings,
    browser,
    csrf,
    make_app,
    sign_up,
    statements,
)

ANN = "ann@example.org"
BOB = "bob@example.org"
CRAMP = {
    "started_at": "2026-11-24T03:10:00Z",
    "muscle": "calf",
    "side": "left",
    "severity_0_10": 6,
}


@pytest.fixture
def clock(now: datetime) -> HandClock:
    return HandClock(now)


@pytest.fixture
def app(settings: Settings, clock: HandClock) -> Iterator[FastAPI]:
    app = make_app(accounts_settings(settings), clock)
    yield app
    app.state.engine.dispose()


@pytest.fixture
def ann(app: FastAPI) -> Iterator[TestClient]:
    with browser(app) as client:
        sign_up(client, ANN)
        yield client


@pytest.fixture
def script(app: FastAPI) -> Iterator[TestClient]:
    """A program with no cookie: it sends only its token."""
    with browser(app) as client:
        yield client


def _make(client: TestClient, **body: Any) -> dict[str, Any]:
    answer = client.post(f"{API}/tokens", json=body, headers={"X-CSRF-Token": csrf(client, "/")})
    assert answer.status_code == 201, answer.text
    made: dict[str, Any] = answer.json()
    return made


def _bearer(made: dict[str, Any]) -> dict[str, str]:
    return {"Authorization": f"Bearer {made['token']}"}


# ---------------------------------------------------------------------------- making and listing


def test_a_new_token_expires_in_90_days_unless_told(ann: TestClient, now: datetime) -> None:
    """The answer keeps ``token`` and adds its id, name, scope and expiry."""
    made = _make(ann, name="script")
    assert made["token"].startswith("nc_")
    assert (made["name"], made["scope"]) == ("script", "write")
    assert datetime.fromisoformat(made["expires_at"]) == now + timedelta(days=90)
    short = _make(ann, name="reader", scope="read", expires_in_days=7)
    assert short["scope"] == "read"
    assert datetime.fromisoformat(short["expires_at"]) == now + timedelta(days=7)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"expires_in_days": 0}, "expires_in_days"),
        ({"expires_in_days": 366}, "expires_in_days"),
        ({"scope": "admin"}, "scope"),
    ],
)
def test_a_bad_lifetime_or_scope_is_refused(ann: TestClient, body: Any, field: str) -> None:
    answer = ann.post(f"{API}/tokens", json=body, headers={"X-CSRF-Token": csrf(ann, "/")})
    assert answer.status_code == 422
    assert field in answer.json()["fields"]


def test_tokens_are_listed_without_their_secret(ann: TestClient, script: TestClient) -> None:
    """``GET /tokens`` lists id, name, scope, created, expires and last used; never the token."""
    made = _make(ann, name="script", scope="read")
    listed = ann.get(f"{API}/tokens").json()
    assert listed["count"] == 1
    (row,) = listed["data"]
    assert set(row) == {
        "id", "name", "scope", "created_at", "expires_at", "last_used_at", "expired"
    }  # fmt: skip
    assert (row["id"], row["name"], row["scope"], row["last_used_at"]) == (
        made["id"], "script", "read", None
    )  # fmt: skip
    assert made["token"] not in json.dumps(listed)
    script.get(f"{API}/nights", headers=_bearer(made))
    assert ann.get(f"{API}/tokens").json()["data"][0]["last_used_at"] is not None


def test_revoke_over_http_and_someone_elses_is_404(
    app: FastAPI, ann: TestClient, script: TestClient
) -> None:
    """``DELETE /tokens/{id}`` revokes at once (the next request gets 401); Bob cannot revoke,
    or even see, Ann's token."""
    made = _make(ann, name="script")
    with browser(app) as bob:
        sign_up(bob, BOB)
        gone = bob.delete(f"{API}/tokens/{made['id']}", headers={"X-CSRF-Token": csrf(bob, "/")})
        assert gone.status_code == 404
        assert bob.get(f"{API}/tokens").json()["count"] == 0
    assert script.get(f"{API}/nights", headers=_bearer(made)).status_code == 200
    answer = ann.delete(f"{API}/tokens/{made['id']}", headers={"X-CSRF-Token": csrf(ann, "/")})
    assert answer.status_code == 204
    refused = script.get(f"{API}/nights", headers=_bearer(made))
    assert refused.status_code == 401 and "not valid" in refused.json()["detail"]
    assert ann.get(f"{API}/tokens").json()["count"] == 0


# ---------------------------------------------------------------------------- what a token may do


def test_a_read_only_token_reads_but_never_writes(ann: TestClient, script: TestClient) -> None:
    """GET works; POST, PATCH and DELETE get 403 with what to use instead, and store nothing."""
    reader = _bearer(_make(ann, name="reader", scope="read"))
    assert script.get(f"{API}/nights", headers=reader).status_code == 200
    refused = script.post(f"{API}/cramps", json=CRAMP, headers=reader)
    assert refused.status_code == 403
    assert "read-only" in refused.json()["detail"] and "'write'" in refused.json()["detail"]
    assert (
        script.patch(f"{API}/profile", json={"display_name": "X"}, headers=reader).status_code
        == 403
    )
    assert script.delete(f"{API}/tokens/1", headers=reader).status_code == 403
    assert script.get(f"{API}/nights", headers=reader).json()["count"] == 0
    assert script.get(f"{API}/profile", headers=reader).json()["display_name"] == ""
    writer = _bearer(_make(ann, name="writer"))
    assert script.post(f"{API}/cramps", json=CRAMP, headers=writer).status_code == 201


def test_a_token_cannot_make_a_token(ann: TestClient, script: TestClient) -> None:
    """Even a write token gets 403 saying where tokens are made."""
    writer = _bearer(_make(ann, name="writer"))
    answer = script.post(f"{API}/tokens", json={"name": "more"}, headers=writer)
    assert answer.status_code == 403
    assert "tokens are created when signed in" in answer.json()["detail"].lower()
    assert "nightcramps token create" in answer.json()["detail"]
    assert ann.get(f"{API}/tokens").json()["count"] == 1


def test_an_expired_token_is_refused_saying_how_to_get_a_new_one(
    ann: TestClient, script: TestClient, clock: HandClock
) -> None:
    made = _make(ann, name="weekly", expires_in_days=7)
    clock.advance(days=3)
    assert ann.get(f"{API}/tokens").status_code == 200  # Ann's session stays in use
    clock.advance(days=4, seconds=-1)
    assert script.get(f"{API}/nights", headers=_bearer(made)).status_code == 200
    clock.advance(seconds=1)
    answer = script.get(f"{API}/nights", headers=_bearer(made))
    assert answer.status_code == 401
    detail = answer.json()["detail"]
    assert "“weekly” expired on 2026-12-01 09:00 UTC" in detail
    assert "/account/security" in detail and "nightcramps token create" in detail
    assert answer.headers["WWW-Authenticate"].startswith("Bearer")
    assert ann.get(f"{API}/tokens").json()["data"][0]["expired"] is True


# ---------------------------------------------------------------------------- no write on a read


def test_a_read_with_a_recently_used_token_writes_nothing(
    app: FastAPI, ann: TestClient, script: TestClient, clock: HandClock, session: Session
) -> None:
    """M1: ``last_used_at`` is written on the first use and then at most once an hour, so the
    reads in between run no INSERT, UPDATE or DELETE at all (and take no write lock)."""
    made = _make(ann, name="script")
    bearer = _bearer(made)
    engine: Engine = app.state.engine
    with statements(engine) as first:
        assert script.get(f"{API}/nights", headers=bearer).status_code == 200
    assert len(first.writes("api_token")) == 1
    clock.advance(minutes=30)
    with statements(engine) as reads:
        for path in ("/nights", "/profile", "/tokens", "/nights"):
            assert script.get(f"{API}{path}", headers=bearer).status_code == 200
    assert reads.writes() == []
    clock.advance(minutes=31)
    with statements(engine) as later:
        script.get(f"{API}/nights", headers=bearer)
        script.get(f"{API}/nights", headers=bearer)
    assert len(later.writes()) == 1
    row = session.scalars(select(ApiToken).where(ApiToken.id == made["id"])).one()
    assert row.last_used_at == clock.now


# ---------------------------------------------------------------------------- the page


def test_the_page_makes_shows_once_lists_and_revokes_tokens(
    ann: TestClient, script: TestClient
) -> None:
    token = csrf(ann, "/account/security")
    page = ann.post(
        "/account/security/tokens",
        data={"csrf_token": token, "name": "sync", "scope": "read", "expires_in_days": "30"},
    )
    assert page.status_code == 200
    shown = re.search(r'id="new-token-value" readonly value="(nc_[^"]+)"', page.text)
    assert shown and "read only" in page.text and "Copy it now" in page.text
    again = ann.get("/account/security").text
    assert shown.group(1) not in again and "sync" in again
    assert script.get(f"{API}/nights", headers={"Authorization": f"Bearer {shown.group(1)}"})
    token_id = ann.get(f"{API}/tokens").json()["data"][0]["id"]
    revoked = ann.post(f"/account/security/tokens/{token_id}/revoke", data={"csrf_token": token})
    assert revoked.status_code == 303
    assert "revoked" in ann.get("/account/security").text
    assert ann.get(f"{API}/tokens").json()["count"] == 0


def test_the_page_refuses_a_bad_lifetime_beside_its_field(ann: TestClient) -> None:
    page = ann.post(
        "/account/security/tokens",
        data={"csrf_token": csrf(ann, "/account/security"), "expires_in_days": "400"},
    )
    assert page.status_code == 422
    assert "Lasts for: give a whole number of days from 1 to 365" in page.text
    assert ann.get(f"{API}/tokens").json()["count"] == 0


def test_local_mode_page_has_tokens_and_says_accounts_are_off(
    settings: Settings, clock: HandClock
) -> None:
    app = make_app(settings, clock)
    with browser(app) as client:
        page = client.get("/account/security")
    app.state.engine.dispose()
    assert page.status_code == 200
    assert "Accounts are off" in page.text and "API tokens" in page.text
    assert "Sign out everywhere else" not in page.text and "Change your password" not in page.text


# ---------------------------------------------------------------------------- the CLI


def test_cli_makes_a_read_only_token_with_an_expiry_and_lists_it(
    cli: Callable[..., Any], clock_start: datetime
) -> None:
    """``token create --read-only --expires-days N``; ``token list`` keeps its keys and adds
    scope and expiry."""
    made = cli("token", "create", "--name", "sync", "--read-only", "--expires-days", "30", "--json")
    assert made.exit_code == 0, made.output
    created = json.loads(made.output)
    assert created["token"].startswith("nc_") and created["scope"] == "read"
    expires = datetime.fromisoformat(created["expires_at"])
    assert timedelta(days=30) <= expires - clock_start < timedelta(days=30, minutes=5)
    default = json.loads(cli("token", "create", "--json").output)
    assert default["scope"] == "write"
    listed = cli("token", "list", "--json")
    rows = json.loads(listed.output)
    assert {"id", "name", "created_at", "last_used_at", "scope", "expires_at"} <= set(rows[0])
    assert [r["scope"] for r in rows] == ["write", "read"]
    table = cli("token", "list").output
    assert "scope" in table and "expires_at" in table and "read" in table


def test_cli_refuses_a_lifetime_out_of_range(cli: Callable[..., Any]) -> None:
    answer = cli("token", "create", "--expires-days", "0")
    assert answer.exit_code == 1
    assert "A token lasts from 1 to 365 days; 0 is not allowed." in answer.output


# ---------------------------------------------------------------------------- the migration


def test_tokens_made_before_expiry_existed_get_90_days_and_write(tmp_path: Path) -> None:
    """Migration 0008 gives existing tokens scope 'write' and 90 days from the upgrade (so no
    script breaks at once), and makes the sessions table; its downgrade takes both away."""
    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    upgrade(engine, "0007")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO person (id, is_local, display_name, pregnant, lactating, timezone, "
                "created_at) VALUES (1, 1, '', 0, 0, 'Europe/London', '2026-01-01 00:00:00')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO api_token (id, person_id, digest, name, created_at) VALUES "
                "(1, 1, :d, 'old', '2026-01-01 00:00:00')"
            ),
            {"d": "0" * 64},
        )
    # The migration dates by the clock it runs on.
    upgraded_at = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)
    with timing.use_clock(timing.fixed_clock(upgraded_at)):
        upgrade(engine, "0008")
    with engine.connect() as conn:
        scope, expires = conn.execute(text("SELECT scope, expires_at FROM api_token")).one()
        assert conn.execute(text("SELECT count(*) FROM browser_session")).scalar() == 0
    assert scope == "write"
    moment = datetime.fromisoformat(str(expires)).replace(tzinfo=UTC)
    assert moment == upgraded_at + timedelta(days=90)
    command.downgrade(alembic_config(engine), "0007")
    with engine.connect() as conn:
        tables = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master"))}
        columns = {r[1] for r in conn.execute(text("PRAGMA table_info('api_token')"))}
    assert "browser_session" not in tables and "scope" not in columns
    engine.dispose()
