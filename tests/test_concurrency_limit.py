"""Bounded concurrency in front of the database (issue #17): a request that finds every place
taken waits, then gets 503 with Retry-After and a message saying what to do; never a 500."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.exc import TimeoutError as PoolTimeout

from nightcramps.accounts import sessions as stored_sessions
from nightcramps.config import InvalidSettings, Settings, get_settings
from nightcramps.storage.engine import PoolSize, make_engine
from nightcramps.web.app import SESSION_COOKIE, create_app
from nightcramps.web.guard import ConcurrencyLimit

CRAMP = {"at": "2026-11-24T03:10:00", "muscle": "calf", "side": "left", "severity_0_10": 6}


@pytest.fixture
def one_place(settings: Settings) -> Iterator[tuple[TestClient, ConcurrencyLimit]]:
    """The app serving one request at once, waiting a tenth of a second for a place."""
    tight = settings.model_copy(update={"max_concurrent_requests": 1, "request_queue_seconds": 0.1})
    app = create_app(tight, migrate=False)
    with TestClient(app) as client:
        yield client, app.state.request_limit
    app.state.engine.dispose()


def _taken(client: TestClient, limit: ConcurrencyLimit) -> None:
    """Take the one place, as a request being served would."""
    assert client.portal is not None
    client.portal.call(limit._slots.acquire)


def test_an_api_request_without_a_place_gets_503_with_retry_after(
    one_place: tuple[TestClient, ConcurrencyLimit],
) -> None:
    client, limit = one_place
    _taken(client, limit)
    answer = client.get("/api/v1/nights")
    assert answer.status_code == 503
    assert answer.headers["retry-after"] == "2"
    assert "busy with other requests" in answer.json()["detail"]
    assert "Try again in 2 seconds" in answer.json()["detail"]
    refused = client.post("/api/v1/cramps", json=CRAMP)
    assert refused.status_code == 503
    assert "nothing was saved" in refused.json()["detail"]


def test_a_page_without_a_place_gets_the_busy_page(
    one_place: tuple[TestClient, ConcurrencyLimit],
) -> None:
    client, limit = one_place
    _taken(client, limit)
    answer = client.get("/")
    assert answer.status_code == 503
    assert "text/html" in answer.headers["content-type"]
    assert answer.headers["retry-after"] == "2"
    assert "busy with other requests" in answer.text
    assert "content-security-policy" in answer.headers  # the app's own error page, headers too


def test_the_health_check_and_files_never_wait(
    one_place: tuple[TestClient, ConcurrencyLimit],
) -> None:
    client, limit = one_place
    _taken(client, limit)
    assert client.get("/healthz").status_code == 200
    assert client.get("/static/app.css").status_code == 200


def test_a_place_freed_serves_the_next_request(
    one_place: tuple[TestClient, ConcurrencyLimit],
) -> None:
    client, limit = one_place
    _taken(client, limit)
    assert client.get("/api/v1/nights").status_code == 503
    assert client.portal is not None
    client.portal.call(limit._slots.release)
    assert client.get("/api/v1/nights").status_code == 200
    assert client.post("/api/v1/cramps", json=CRAMP).status_code == 201
    assert client.get("/").status_code == 200  # every place came back after each request


def test_a_full_pool_while_reading_the_session_is_503_not_500(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The browser session is read before the request takes its place; a pool that stays full
    there is answered like everywhere else."""

    def full(**_kwargs: object) -> None:
        raise PoolTimeout("QueuePool limit of size 1 overflow 0 reached")

    monkeypatch.setattr(stored_sessions, "load", full)
    client.cookies.set(SESSION_COOKIE, stored_sessions.new_session_id())
    answer = client.get("/api/v1/nights")
    assert answer.status_code == 503
    assert answer.headers["retry-after"] == "2"
    assert "database is busy" in answer.json()["detail"]
    page = client.get("/")
    assert page.status_code == 503
    assert "database is busy" in page.text


def test_the_pool_is_sized_from_the_settings(settings: Settings) -> None:
    sized = settings.model_copy(update={"database_pool_size": 7, "database_max_overflow": 3})
    app = create_app(sized, migrate=False)
    try:
        assert app.state.engine.pool.size() == 7
        assert app.state.engine.pool._max_overflow == 3
    finally:
        app.state.engine.dispose()


def test_an_in_memory_database_ignores_the_pool_size() -> None:
    engine = make_engine("sqlite://", pool=PoolSize(3, 1, 2.0))
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("select 1").scalar() == 1
    finally:
        engine.dispose()


def test_a_pool_smaller_than_the_requests_served_is_refused() -> None:
    with pytest.raises(InvalidSettings) as refused:
        get_settings(max_concurrent_requests=20, database_pool_size=10, database_max_overflow=5)
    message = str(refused.value)
    assert "NIGHTCRAMPS_DATABASE_POOL_SIZE" in message
    assert "NIGHTCRAMPS_MAX_CONCURRENT_REQUESTS" in message
