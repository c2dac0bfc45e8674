"""Forged writes are refused: the CSRF sweep of the December 2026 audit (§2), kept as a test.

Every write the app has (each POST, PUT, PATCH and DELETE of the page routes in ``app.routes``
and of the operations in /openapi.json) is sent from a signed-in person's browser, naming that
person's own rows, in each way another site could forge it (``PAGE_FORGERIES``,
``API_FORGERIES``). Each must be refused with 403 (a body that is not JSON may be refused as
415 before it is read), and no row of the database may change. In local mode, where the API
takes no CSRF token, API writes from another origin are refused too (``LOCAL_FORGERIES``).
Control: the same request with the session's right token is not refused, so the refusals are
the token's doing.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx2 import Response
from sqlalchemy import Engine

from nightcramps import timing
from nightcramps.storage.registry import Base
from nightcramps.web.app import create_app
from tests.factories import TEST_NOW
from tests.sweeps import rows
from tests.sweeps.calls import Call, calls, form
from tests.sweeps.checks import Tally
from tests.sweeps.people import (
    PASSWORD,
    Person,
    Seed,
    browser,
    csrf_of,
    local_person,
    note_sign_ins,
    seed_person,
    sign_up,
    sweep_settings,
)
from tests.sweeps.routes import Route, api_routes, page_routes
from tests.sweeps.send import send

log = logging.getLogger(__name__)


WRONG = "W" * 43
"""A token of the right shape that no session has."""
NOT_JSON = frozenset({403, 415})
"""A body that is not JSON may be refused for that (415) before anything else is looked at."""


@dataclass(frozen=True)
class Forgery:
    """One way another site could forge a write from the person's browser."""

    name: str
    token: str
    """Which CSRF token it carries: none, wrong, other (another session's) or right."""
    where: str = "auto"
    headers: tuple[tuple[str, str], ...] = ()
    as_type: str | None = None
    refused: frozenset[int] = frozenset({403})


PAGE_FORGERIES = (
    Forgery("no token", "none"),
    Forgery("wrong token", "wrong"),
    Forgery("another session's token", "other"),
    Forgery("token only in the query", "right", where="query"),
)
CROSS_SITE = (
    Forgery("Origin: http://evil.example", "right", headers=(("Origin", "http://evil.example"),)),
    Forgery("Origin: null", "right", headers=(("Origin", "null"),)),
    Forgery("Sec-Fetch-Site: cross-site", "right", headers=(("Sec-Fetch-Site", "cross-site"),)),
)
"""Sent with the right token, so that the origin check is what refuses them."""
API_FORGERIES = (
    Forgery("no X-CSRF-Token", "none"),
    Forgery("wrong X-CSRF-Token", "wrong"),
    Forgery("another session's X-CSRF-Token", "other"),
    *CROSS_SITE,
    Forgery("urlencoded, no header", "none", as_type="application/x-www-form-urlencoded",
            refused=NOT_JSON),
    Forgery("text/plain, no header", "none", as_type="text/plain", refused=NOT_JSON),
)  # fmt: skip
LOCAL_FORGERIES = tuple(Forgery(f.name, "none", headers=f.headers) for f in CROSS_SITE)
"""Local mode's API takes no CSRF token: another origin is refused by itself."""

ENDS_SESSION: dict[str, str] = {
    "POST /signup": "starts a new session (an anonymous browser signs up)",
    "POST /signin": "starts a new session (an anonymous browser signs in)",
    "POST /signout": "ends the session",
    "POST /account/security/sessions/{session_id}/end": "ends the session it names",
    "POST /account/security/sessions/end-others": "gives the session a new id",
    "POST /account/security/password": "may end the other sessions",
    "DELETE /api/v1/sessions/{session_id}": "ends the session it names",
    "POST /api/v1/sessions/revoke-others": "gives the session a new id",
    "POST /data/delete-everything": "deletes the person, their sessions with them",
    "POST /api/v1/delete-everything": "deletes the person, their sessions with them",
}
"""Writes whose control runs in a browser of its own, with why: in the person's browser it
would sign them out (or change their session) before the other controls."""


@dataclass
class World:
    """The module's apps and the person whose browser the forgeries come from."""

    app: FastAPI
    engine: Engine
    stack: ExitStack
    document: dict[str, Any]
    victim: Person
    other: Person
    seed: Seed
    routes: list[Route]
    local_app: FastAPI
    local: Person
    local_other: str
    local_seed: Seed
    volatile: set[str] = field(default_factory=set)
    numbers: Any = field(default_factory=lambda: itertools.count(1))


@pytest.fixture(autouse=True)
def _empty_database() -> Iterator[None]:
    """The module's people are made once (``world``) and kept between its tests; ``world``
    empties the database at the end."""
    yield


@pytest.fixture(scope="module")
def world(
    engine: Engine, database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    folder = Path(tmp_path_factory.mktemp("csrf"))
    clock = timing.ticking_clock(TEST_NOW)
    app = create_app(
        sweep_settings(database_url, folder, accounts=True), migrate=False, clock=clock
    )
    local_settings = sweep_settings(database_url, folder, accounts=False)
    local_app = create_app(local_settings, migrate=False, clock=clock)
    try:
        with ExitStack() as stack:
            document = browser(app, stack).get("/openapi.json").json()
            victim = sign_up(app, stack, "carol@example.org", document)
            other = sign_up(app, stack, "mallory@example.org", document)
            seed = seed_person(victim, "CAROLMARK")
            local = local_person(local_app, stack, document)
            local_seed = seed_person(local, "LOCALMARK")
            # Local mode keeps no person's sessions; any id will do (those routes answer 404).
            local_seed.ids["session"] = local_seed.ids.get("session") or [1]
            routes = api_routes(document) + page_routes(app)
            local_other = csrf_of(browser(local_app, stack), "/profile")
            made = World(app, engine, stack, document, victim, other, seed, routes,
                         local_app, local, local_other, local_seed)  # fmt: skip
            made.volatile = _volatile(made)
            yield made
    finally:
        app.state.engine.dispose()
        local_app.state.engine.dispose()
        with engine.begin() as conn:
            for table in reversed(Base.metadata.sorted_tables):
                conn.execute(table.delete())


def _volatile(world: World) -> set[str]:
    """What plain reads change (sign-in bookkeeping such as when a session was last used): left
    out of the comparison, as a refused write may touch it the same way. The reads run twice:
    the first also shows (and so removes) the flash messages still queued, so of its changes
    only the times (``*_at``) count."""
    changed: set[str] = set()
    for round in ("first", "second"):
        before = rows.dump(world.engine)
        for person in (world.victim, world.local):
            person.browser.get("/profile")
            person.browser.get("/api/v1/profile")
        found = rows.columns_changed(before, rows.dump(world.engine))
        changed |= found if round == "second" else {c for c in found if c.endswith("_at")}
    log.info("what reads change (left out of the comparison): %s", sorted(changed))
    return changed


def _writes(world: World, *, api: bool) -> list[Route]:
    return [r for r in world.routes if r.unsafe and r.api == api]


def _token(forgery: Forgery, right: str, other: str) -> str | None:
    return {"none": None, "wrong": WRONG, "other": other, "right": right}[forgery.token]


def _forge(
    world: World,
    person: Person,
    other_token: str,
    seed: Seed,
    routes: list[Route],
    forgeries: tuple[Forgery, ...],
) -> Tally:
    """Each route, named with the person's own rows, under each forgery from their browser;
    the database is compared after each route."""
    tally = Tally()
    before = rows.dump(world.engine, leave_out=world.volatile)
    for route in routes:
        call = calls(route, seed)[0]
        for forgery in forgeries:
            answer = send(
                person.browser,
                call,
                headers=dict(forgery.headers),
                csrf=_token(forgery, person.csrf, other_token),
                csrf_where=forgery.where,
                as_type=forgery.as_type,
            )
            tally.count(answer)
            if answer.status_code not in forgery.refused:
                tally.problem(forgery.name, call, answer, "a forged write was not refused")
        after = rows.dump(world.engine, leave_out=world.volatile)
        for change in rows.differences(before, after):
            tally.problems.append(f"{route.name} under forgery: a row changed: {change}")
        before = after
    return tally


def _controls(world: World, person: Person, seed: Seed, routes: list[Route]) -> Tally:
    """Control: each route's request with the right token is not refused (the session-changing
    ones last, each from a browser of its own), and what they change shows in the rows."""
    tally = Tally()
    before = rows.dump(world.engine, leave_out=world.volatile)
    for route in sorted(routes, key=lambda r: r.name in ENDS_SESSION):
        if route.name in ENDS_SESSION:
            client, call, token = _own_browser(world, person, route)
        else:
            client, call, token = person.browser, calls(route, seed)[0], person.csrf
        answer = send(client, call, csrf=token)
        tally.count(answer)
        if _refused(answer):
            tally.problem("control", call, answer, "the right token was refused too")
    changes = rows.differences(before, rows.dump(world.engine, leave_out=world.volatile))
    assert changes, "control: the allowed writes changed no row, so the comparison is blind"
    return tally


def _refused(answer: Response) -> bool:
    location = answer.headers.get("location", "")
    return (
        answer.status_code in (401, 403)
        or answer.status_code >= 500
        or (
            answer.status_code == 303
            and location.startswith("/signin")
            and "signed_out" not in location
        )
    )


def _own_browser(world: World, person: Person, route: Route) -> tuple[TestClient, Call, str]:
    """A browser for a control that changes sessions: signed in as someone new (in local mode,
    any new browser is the one person), or anonymous for signing up and in."""
    app = person.browser.app
    assert isinstance(app, FastAPI)
    number = next(world.numbers)
    if app is world.local_app:
        client = browser(app, world.stack)
        seed = Seed(person, "NONE", ids=dict(world.local_seed.ids))
        return client, calls(route, seed)[0], csrf_of(client, "/profile")
    if route.name == "POST /signup":
        client = browser(app, world.stack)
        data = {"email": f"new{number}@example.org", "password": PASSWORD, "timezone": "UTC"}
        return client, Call(route, route.path, body=form(data)), csrf_of(client, "/signup")
    newcomer = sign_up(app, world.stack, f"dave{number}@example.org", world.document)
    if route.name == "POST /signin":
        client = browser(app, world.stack)
        data = {"email": newcomer.email, "password": PASSWORD}
        return client, Call(route, route.path, body=form(data)), csrf_of(client, "/signin")
    seed = Seed(newcomer, "NONE")
    note_sign_ins(seed)
    return newcomer.browser, calls(route, seed)[0], newcomer.csrf


def test_forged_page_writes_are_refused(world: World) -> None:
    """Every page write from the signed-in person's browser with no token, a wrong one,
    another session's, or the right one only in the query: 403, and no row changes."""
    routes = _writes(world, api=False)
    tally = _forge(world, world.victim, world.other.csrf, world.seed, routes, PAGE_FORGERIES)
    log.info("page forgeries: %d routes, %s", len(routes), tally.summary())
    assert not tally.problems, tally.report()
    controls = _controls(world, world.victim, world.seed, routes)
    log.info("controls: %s", controls.summary())
    assert not controls.problems, controls.report()


def test_forged_api_writes_are_refused(world: World) -> None:
    """Every API write with the session cookie but no or a wrong X-CSRF-Token, another
    session's, a foreign or null Origin, Sec-Fetch-Site: cross-site, or a urlencoded or
    text/plain body: 403 (or 415 for the body), and no row changes."""
    routes = _writes(world, api=True)
    tally = _forge(world, world.victim, world.other.csrf, world.seed, routes, API_FORGERIES)
    log.info("API forgeries: %d operations, %s", len(routes), tally.summary())
    assert not tally.problems, tally.report()
    controls = _controls(world, world.victim, world.seed, routes)
    log.info("controls: %s", controls.summary())
    assert not controls.problems, controls.report()


def test_forged_writes_are_refused_in_local_mode(world: World) -> None:
    """Local mode: API writes from another origin or site, and page writes without the right
    token, are refused (403) and change nothing."""
    local, seed = world.local, world.local_seed
    api, pages = _writes(world, api=True), _writes(world, api=False)
    tally = _forge(world, local, world.local_other, seed, api, LOCAL_FORGERIES)
    pages_tally = _forge(world, local, world.local_other, seed, pages, PAGE_FORGERIES)
    log.info("local mode: API %s; pages %s", tally.summary(), pages_tally.summary())
    tally.problems += pages_tally.problems
    assert not tally.problems, tally.report()
    controls = _controls(world, local, seed, api + pages)
    log.info("controls: %s", controls.summary())
    assert not controls.problems, controls.report()
