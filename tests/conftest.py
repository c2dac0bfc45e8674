"""Fixtures: a real database (SQLite, or PostgreSQL when NIGHTCRAMPS_TEST_DATABASE_URL is set),
migrated once per run and emptied after each test; the app, a client, the CLI."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from nightcramps import timing
from nightcramps.accounts import service as accounts_service
from nightcramps.cli.main import app as cli_app
from nightcramps.config import Settings
from nightcramps.owner import Owner
from nightcramps.storage.engine import make_engine
from nightcramps.storage.migrate import upgrade
from nightcramps.storage.registry import Base
from nightcramps.web.app import create_app
from tests.factories import TEST_NOW

POSTGRES_URL = os.environ.get("NIGHTCRAMPS_TEST_DATABASE_URL")
DEFAULT_HOSTS: list[str] = Settings.model_fields["allowed_hosts"].get_default(
    call_default_factory=True
)
"""The default ``allowed_hosts``: loopback names only, not TestClient's ``testserver``."""


def pytest_report_header() -> str:
    return f"database: {'PostgreSQL' if POSTGRES_URL else 'SQLite'}"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A freshly migrated database for the whole run."""
    if POSTGRES_URL:
        engine = make_engine(POSTGRES_URL)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        url = POSTGRES_URL
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
        engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    return url


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture(autouse=True)
def _empty_database(engine: Engine) -> Iterator[None]:
    """Every test starts from an empty (but migrated) database."""
    yield
    with engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(table.delete())


@pytest.fixture
def settings(database_url: str, tmp_path: Any) -> Settings:
    return Settings(
        database_url=database_url,
        demo_database_url=f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        default_timezone="Europe/London",
        # TestClient's default host; the app no longer allows it by itself (audit L4).
        allowed_hosts=[*DEFAULT_HOSTS, "testserver"],
    )


@pytest.fixture
def now() -> datetime:
    """A fixed 'now' for service calls: 24 Nov 2026, 09:00 in London."""
    return TEST_NOW


@pytest.fixture
def clock_start(now: datetime) -> datetime:
    """Where the app's clock starts in a test (it then ticks at real speed); parametrise
    ``clock_start`` to run a test at another moment."""
    return now


@pytest.fixture
def app(settings: Settings, clock_start: datetime) -> Iterator[FastAPI]:
    """The app on the test database, on a clock that starts at ``clock_start``."""
    app = create_app(settings, migrate=False, clock=timing.ticking_clock(clock_start))
    yield app
    # Tests that never start the app's lifespan (no `with TestClient`) still return its pooled
    # connections, so that PostgreSQL connections are not left to the garbage collector.
    app.state.engine.dispose()


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as client:
        yield client


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as session:
        yield session
        session.commit()


@pytest.fixture
def owner(session: Session) -> Owner:
    """The local person, living in London, with the default noon cut-over."""
    person = accounts_service.get_local_person(session=session, timezone="Europe/London")
    session.commit()
    return Owner(person_id=person.id, tz=ZoneInfo("Europe/London"), cutover_hour=12)


@pytest.fixture
def cli(settings: Settings, clock_start: datetime) -> Callable[..., Any]:
    """Run the CLI against the test database, on a clock that starts at ``clock_start``:
    ``cli("night", "list", "--json")``."""
    runner = CliRunner()
    clock = timing.ticking_clock(clock_start)

    def invoke(*args: str, input: str | None = None) -> Any:
        env = {
            "NIGHTCRAMPS_DEMO_DATABASE_URL": settings.demo_database_url,
            "NIGHTCRAMPS_DEFAULT_TIMEZONE": "Europe/London",
        }
        with timing.use_clock(clock):
            return runner.invoke(
                cli_app, ["--database-url", settings.database_url, *args], input=input, env=env
            )

    return invoke
