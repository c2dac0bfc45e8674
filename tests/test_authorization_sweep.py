"""Nobody reaches another person's data: the authorization sweep of the December 2026 audit
(§1), kept as a test.

Two people, A and B, sign up through the sign-up form; A is given data in every kind of entity
through the API, each text field holding a marker such as ``ALPHAMARK-07``
(tests/sweeps/people.py). B then calls every operation of /openapi.json, once with the session
cookie and CSRF header and once with only an API token, and every page route with the cookie:
each path id is replaced by each of A's ids of its kind, live and deleted, and bodies and
queries name A's rows where they can (tests/sweeps/calls.py). Nobody signed in calls them all
too, with no credentials, a made-up token and an anonymous session.

Every answer is checked: none may show A's markers or name A's foods unless the request itself
carried them; none on a request naming A's rows may succeed; B's credentials must be accepted
(a 401 would mean the route was not reached); no 5xx. A's rows (every table with a person_id,
read with SQLAlchemy) must be the same after as before, and B's rows must copy nothing of A's.
Controls: A, sending the same reads, sees every marker its live rows hold, and a change by A
shows in the row comparison, so the detectors work.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
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
from tests.sweeps.calls import Call, calls
from tests.sweeps.checks import Tally, got_through, leaked, markers_in, refs_in, sent_text
from tests.sweeps.people import (
    API,
    SIGN_IN_TABLES,
    Person,
    Seed,
    browser,
    csrf_of,
    seed_person,
    sign_up,
    sweep_settings,
)
from tests.sweeps.routes import Route, api_paths_of_app, api_routes, page_routes
from tests.sweeps.send import send

log = logging.getLogger(__name__)


PUBLIC: dict[str, str] = {
    "GET /openapi.json": "the API's description",
    "GET /healthz": "liveness check for a proxy",
    "GET /signup": "the sign-up form",
    "GET /signin": "the sign-in form",
    "GET /sw.js": "the service worker script",
    "GET /now": "the cramp-now steps, for 3 a.m. before signing in",
    "GET /guidance": "the evidence pages are the same for everyone",
    "GET /guidance/{slug}": "the evidence pages are the same for everyone",
    "GET /data/daily": "the upload form and the CSV's columns (no data)",
    "GET /api/v1/guidance": "the evidence entries are the same for everyone",
    "GET /api/v1/guidance/{slug}": "the evidence entries are the same for everyone",
    "GET /api/v1/guidance/factors/{factor_key}": "the evidence entries are the same for everyone",
    "GET /api/v1/medicines/check": "what is known about a medicine name (a reference)",
    "GET /api/v1/targets/reference": "reference intakes by age and sex (a reference)",
    **{
        f"GET /s/{{token}}{page}": "a share link's page: the token is the credential (404 without)"
        for page in ("", "/diary", "/report.pdf", "/report.css")
    },
}
"""Routes that answer anyone, with why: none shows anything of a person."""

DOORS: dict[str, str] = {
    "POST /signup": "makes an account (and switches the session); tests/accounts covers it",
    "POST /signin": "checks a password (rate-limited); tests/accounts covers it",
    "POST /signout": "would end B's session in the middle of the sweep; tests/accounts covers it",
    "POST /data/delete-everything": (
        "would delete B in the middle of the sweep; tests/backup/test_backup_web.py checks that "
        "it leaves A's rows, and refuses nobody"
    ),
    "POST /api/v1/delete-everything": (
        "would delete B in the middle of the sweep; tests/backup/test_backup_web.py checks that "
        "it leaves A's rows, by cookie and by token, and refuses nobody"
    ),
}
"""Routes the sweeps here do not call, with why (the CSRF sweep calls them)."""

ANONYMOUS_DOORS = ("POST /signup", "POST /signin")
"""Not called by nobody either: they make accounts and sessions, and count toward rate limits."""

TOKEN_MAY_NOT = (f"{API}/tokens", f"{API}/sessions")
"""Paths an API token may be refused on by design (403): a token does not manage sign-ins."""

REFUSED_SIGNED_OUT = frozenset({401, 403})


@dataclass
class World:
    """The module's app, its two people, and A's data."""

    app: FastAPI
    engine: Engine
    stack: ExitStack
    document: dict[str, Any]
    a: Person
    b: Person
    seed: Seed
    routes: list[Route]


@pytest.fixture(autouse=True)
def _empty_database() -> Iterator[None]:
    """The module's people and data are made once (``world``) and kept between its tests
    (tests/conftest.py empties the database after every test); ``world`` empties it at the end."""
    yield


@pytest.fixture(scope="module")
def world(
    engine: Engine, database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    folder = Path(tmp_path_factory.mktemp("sweep"))
    settings = sweep_settings(database_url, folder, accounts=True)
    app = create_app(settings, migrate=False, clock=timing.ticking_clock(TEST_NOW))
    try:
        with ExitStack() as stack:
            document = browser(app, stack).get("/openapi.json").json()
            a = sign_up(app, stack, "alpha@example.org", document)
            b = sign_up(app, stack, "bravo@example.org", document)
            seed = seed_person(a, "ALPHAMARK")
            routes = api_routes(document) + page_routes(app)
            yield World(app, engine, stack, document, a, b, seed, routes)
    finally:
        app.state.engine.dispose()
        with engine.begin() as conn:
            for table in reversed(Base.metadata.sorted_tables):
                conn.execute(table.delete())


def _phase(call: Call) -> int:
    """Reads first, then writes, then deletes (so that reads see the data as seeded)."""
    return {"GET": 0, "DELETE": 2}.get(call.route.method, 1)


def _calls(world: World, *, api: bool, leave_out: tuple[str, ...] = ()) -> list[Call]:
    chosen = [
        r for r in world.routes if r.api == api and r.name not in DOORS and r.name not in leave_out
    ]
    made = [call for route in chosen for call in calls(route, world.seed)]
    return sorted(made, key=_phase)


def _follow(client: TestClient, answer: Response, headers: dict[str, str]) -> Response | None:
    """The page a browser would show after a form's redirect (its flash messages included)."""
    location = answer.headers.get("location", "")
    if answer.status_code in (302, 303) and location.startswith("/") and "//" not in location:
        return client.get(location, headers=headers)
    return None


@dataclass
class Sweeper:
    """B's requests of one sweep, and what they found."""

    world: World
    who: str
    client: TestClient
    headers: dict[str, str]
    csrf: str | None
    tally: Tally

    def run(self, made: list[Call]) -> None:
        """Send every call; A's rows are compared after each write (and after all the reads),
        so that a change is blamed on the request that made it."""
        before = self.a_rows()
        for i, call in enumerate(made):
            self.one(call)
            last_read = i + 1 == len(made) or made[i + 1].route.unsafe
            if call.route.unsafe or last_read:
                after = self.a_rows()
                for change in rows.differences(before, after):
                    self.tally.problem(self.who, call, None, f"A's rows changed: {change}")
                before = after

    def a_rows(self) -> rows.Rows:
        return rows.dump(self.world.engine, [self.world.a.id])

    def one(self, call: Call) -> None:
        answer = send(self.client, call, headers=self.headers, csrf=self.csrf)
        self.tally.count(answer)
        self.check(call, answer)
        followed = None if call.route.api else _follow(self.client, answer, self.headers)
        if followed is not None:
            self.tally.count(followed)
            for found in leaked(self.world.seed, call, followed):
                self.tally.problem(self.who, call, answer, f"the next page shows A's {found}")

    def check(self, call: Call, answer: Response) -> None:
        for what in self.problems(call, answer):
            self.tally.problem(self.who, call, answer, what)

    def problems(self, call: Call, answer: Response) -> list[str]:
        status, found = answer.status_code, []
        if status >= 500:
            found.append("server error")
        if status == 401:
            found.append("B's credentials were refused, so the route was not reached")
        if status == 403 and not (self.who == "B bearer" and call.path.startswith(TOKEN_MAY_NOT)):
            found.append("refused (403), so the route was not reached")
        public = call.route.name in PUBLIC
        found += [
            f"the answer shows A's {m}"
            for m in leaked(self.world.seed, call, answer, refs=not public)
        ]
        if call.names_row and got_through(answer):
            found.append("a request naming A's rows succeeded")
        return found


def _sweeper(world: World, way: str) -> Sweeper:
    """B with the session cookie and CSRF token, or B with only the API token (no cookie)."""
    b = world.b
    if way == "cookie":
        return Sweeper(world, "B cookie", b.browser, {}, b.csrf, Tally())
    return Sweeper(world, "B bearer", browser(world.app, world.stack), b.bearer, None, Tally())


def _b_copied_nothing(world: World, made: list[Call], tally: Tally) -> None:
    """B's rows hold no marker of A's that B did not send itself, and name none of A's foods."""
    sent = set().union(*(markers_in(sent_text(c)) for c in made))
    for (table, key), values in rows.dump(world.engine, [world.b.id]).items():
        text = " ".join(values)
        copied = (markers_in(text) & world.seed.markers) - sent
        copied |= refs_in(text, world.seed.food_refs)
        if copied:
            tally.problems.append(f"B's row {table} {key} copies A's {sorted(copied)}")


def _a_sees_its_markers(
    world: World, made: list[Call], who: str, *, unshown: frozenset[str]
) -> None:
    """Control: A sending the same reads sees every marker its live rows hold (but those in
    ``unshown``, ``table.column`` that these routes do not show), so each is a working detector."""
    a = world.a
    headers = {} if who == "cookie" else a.bearer
    seen: set[str] = set()
    for call in made:
        if call.route.method == "GET":
            seen |= markers_in(send(a.browser, call, headers=headers, csrf=a.csrf).text)
    expected = {
        marker: place for marker, place in _live_markers(world).items() if place not in unshown
    }
    assert expected, "control: A's live rows hold no markers"
    missing = sorted(f"{m} ({place})" for m, place in expected.items() if m not in seen)
    assert not missing, f"control: A's own reads never showed {missing}: a detector is blind"


def _live_markers(world: World) -> dict[str, str]:
    """Each marker in A's live rows (not deleted, not sign-in state) → ``table.column``."""
    found = {}
    for (table, _), values in rows.dump(world.engine, [world.a.id]).items():
        deleted = any(v.startswith("deleted_at=") and v != "deleted_at=None" for v in values)
        if table in SIGN_IN_TABLES.values() or deleted:
            continue
        for value in values:
            column = value.split("=", 1)[0]
            for marker in markers_in(value) & world.seed.markers:
                found[marker] = f"{table}.{column}"
    return found


NOT_ON_PAGES = frozenset(
    {"supplement.notes", "day_record.notes", "activity.notes", "medicine.notes"}
)
"""What A's pages do not show of its data (the API does): no page marker can be missed there."""


def test_every_route_is_swept(world: World) -> None:
    """Every operation and page route is swept (its parameters and body have rules), or listed
    with why it is not; the route walk finds what the OpenAPI document lists."""
    document_names = {r.name for r in world.routes if r.api}
    assert api_paths_of_app(world.app) == document_names, "the walk of app.routes missed some"
    names = {r.name for r in world.routes}
    assert set(PUBLIC) - names == set(), "PUBLIC lists routes the app no longer has"
    assert set(DOORS) - names == set(), "DOORS lists routes the app no longer has"
    counted = {r.name: len(calls(r, world.seed)) for r in world.routes if r.name not in DOORS}
    assert all(counted.values()), (
        f"routes with no request: {[n for n, c in counted.items() if not c]}"
    )
    log.info(
        "swept: %d routes, %d requests per way of signing in", len(counted), sum(counted.values())
    )


@pytest.mark.parametrize("way", ["cookie", "bearer"])
def test_b_reaches_nothing_of_a_through_the_api(world: World, way: str) -> None:
    """As B, every API operation with each of A's ids and bodies naming A's rows: no marker or
    food of A's in any answer, no success on A's rows, A's rows unchanged, B copies nothing."""
    made = _calls(world, api=True)
    sweeper = _sweeper(world, way)
    sweeper.run(made)
    _b_copied_nothing(world, made, sweeper.tally)
    log.info("API as B (%s): %s", way, sweeper.tally.summary())
    assert not sweeper.tally.problems, sweeper.tally.report()
    _a_sees_its_markers(world, made, way, unshown=frozenset())


def test_b_reaches_nothing_of_a_through_the_pages(world: World) -> None:
    """As B with the cookie, every page route (GET and POST) with each of A's ids and forms
    naming A's rows, following each form's redirect: nothing of A's shows or changes."""
    made = _calls(world, api=False)
    sweeper = _sweeper(world, "cookie")
    sweeper.run(made)
    _b_copied_nothing(world, made, sweeper.tally)
    log.info("pages as B: %s", sweeper.tally.summary())
    assert not sweeper.tally.problems, sweeper.tally.report()
    _a_sees_its_markers(world, made, "cookie", unshown=NOT_ON_PAGES)


def test_a_change_shows_in_the_rows(world: World) -> None:
    """Control: a change A makes is seen by the row comparison the sweeps rely on."""
    a = world.a
    before = rows.dump(world.engine, [a.id])
    answer = a.browser.patch(f"{API}/profile", json={"birth_year": 1962}, headers=a.bearer)
    assert answer.status_code == 200, answer.text
    changes = rows.differences(before, rows.dump(world.engine, [a.id]))
    assert any("person" in c and "birth_year" in c for c in changes), changes


def _signed_out(world: World, mode: str) -> tuple[TestClient, dict[str, str], str | None]:
    client = browser(world.app, world.stack)
    if mode == "made-up token":
        return client, {"Authorization": "Bearer nc_" + "madeup" * 7}, None
    if mode == "anonymous session":
        return client, {}, csrf_of(client, "/signin")
    return client, {}, None


def _signed_out_problems(world: World, call: Call, answer: Response) -> list[str]:
    """What is wrong with an answer to someone not signed in."""
    status, public = answer.status_code, call.route.name in PUBLIC
    to_sign_in = status == 303 and answer.headers.get("location", "").startswith("/signin")
    found = [f"the answer shows A's {m}" for m in leaked(world.seed, call, answer, refs=not public)]
    if status >= 500:
        found.append("server error")
    elif status in REFUSED_SIGNED_OUT or to_sign_in:
        pass
    elif not public:
        found.append("answered someone not signed in (not refused, not sent to sign in)")
    elif call.names_row and got_through(answer):
        found.append("a public route served a request naming A's rows")
    return found


@pytest.mark.parametrize("mode", ["no credentials", "made-up token", "anonymous session"])
def test_nobody_signed_out_reaches_anything(world: World, mode: str) -> None:
    """Without signing in, every route but the public ones answers 401, 403 or a redirect to
    sign in; never A's data, never a 5xx; A's rows do not change."""
    client, headers, csrf = _signed_out(world, mode)
    tally = Tally()
    before = rows.dump(world.engine, [world.a.id])
    made = _calls(world, api=True, leave_out=ANONYMOUS_DOORS)
    made += _calls(world, api=False, leave_out=ANONYMOUS_DOORS)
    for call in sorted(made, key=_phase):
        answer = send(client, call, headers=headers, csrf=csrf)
        tally.count(answer)
        for what in _signed_out_problems(world, call, answer):
            tally.problem(mode, call, answer, what)
    for change in rows.differences(before, rows.dump(world.engine, [world.a.id])):
        tally.problems.append(f"{mode}: A's rows changed: {change}")
    log.info("signed out (%s): %s", mode, tally.summary())
    assert not tally.problems, tally.report()
