"""The people a sweep is about: signed up through the sign-up form, each with a browser (its
cookie), the CSRF token of its session and an API token; and the data one of them is given
through the API, every text field holding a marker that must never reach anyone else."""

from __future__ import annotations

import itertools
import re
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from nightcramps.config import Settings
from nightcramps.daylog.service import KINDS
from tests.daylog.samples import SAMPLES as KIND_SAMPLES

API = "/api/v1"
PASSWORD = "correct horse battery staple"
NO_BEARER = {"Authorization": ""}
"""Headers that send a request without the token: as the signed-in browser (a token may not be
allowed to make tokens)."""
CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')

Json = dict[str, Any]


@dataclass
class Person:
    """Someone signed in: ``browser`` carries the session cookie."""

    email: str
    browser: TestClient
    csrf: str
    token: str
    id: int
    scope: Json = field(default_factory=dict)
    """What a new token of this person is made with (``scope``, when tokens have one)."""

    @property
    def bearer(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def browser(app: FastAPI, stack: ExitStack) -> TestClient:
    """A new browser on ``app`` (its own cookie jar); redirects are not followed."""
    return stack.enter_context(TestClient(app, follow_redirects=False))


def csrf_of(client: TestClient, path: str = "/signin") -> str:
    """The CSRF token a page of this browser's session carries."""
    page = client.get(path)
    match = CSRF_FIELD.search(page.text)
    assert match, f"GET {path} ({page.status_code}) has no CSRF token: {page.text[:300]}"
    return match.group(1)


def sign_up(app: FastAPI, stack: ExitStack, email: str, document: Json) -> Person:
    """Sign up through the form (which signs in), then make an API token while signed in.

    Each person signs in once only (by signing up): sign-in is rate-limited.
    """
    client = browser(app, stack)
    form = {"email": email, "password": PASSWORD, "timezone": "Europe/London"}
    answer = client.post("/signup", data={**form, "csrf_token": csrf_of(client, "/signup")})
    assert answer.status_code == 303, f"sign-up of {email}: {answer.status_code} {answer.text}"
    csrf = csrf_of(client, "/profile")
    scope = _widest_scope(document)
    body = {"name": f"sweep token of {email}", **scope}
    made = client.post(f"{API}/tokens", json=body, headers={"X-CSRF-Token": csrf})
    assert made.status_code == 201, f"token of {email}: {made.status_code} {made.text}"
    token = made.json()["token"]
    return Person(email, client, csrf, token, _person_id(app, email), scope)


def local_person(app: FastAPI, stack: ExitStack, document: Json) -> Person:
    """The one person of local mode (no sign-in), with a browser session and an API token."""
    client = browser(app, stack)
    csrf = csrf_of(client, "/profile")
    scope = _widest_scope(document)
    made = client.post(f"{API}/tokens", json={"name": "sweep token", **scope})
    assert made.status_code == 201, f"local token: {made.status_code} {made.text}"
    return Person("", client, csrf, made.json()["token"], _person_id(app, None), scope)


def _widest_scope(document: Json) -> Json:
    """``scope`` for a new token, when tokens have one: the one that may write (the sweeps must
    reach every route, and a read-only token would be refused before the checks they test)."""
    operation = document["paths"][f"{API}/tokens"]["post"]
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    scope = schema.get("properties", {}).get("scope")
    if scope is None:
        return {}
    choices = [v for s in [scope, *scope.get("anyOf", [])] for v in s.get("enum", [])]
    return {"scope": "write"} if "write" in choices or not choices else {"scope": choices[-1]}


def _person_id(app: FastAPI, email: str | None) -> int:
    """The person's row id, read from the database (the API does not show it)."""
    with app.state.engine.connect() as conn:
        if email is None:
            row = conn.execute(text("SELECT id FROM person WHERE is_local")).first()
        else:
            row = conn.execute(text("SELECT id FROM person WHERE email = :e"), {"e": email}).first()
    assert row is not None, f"no person row for {email or 'local mode'}"
    return int(row[0])


@dataclass
class Seed:
    """What one person was given: the ids of each kind of row (live and deleted), the dates
    and nutrients that address their data, and the markers in its text."""

    person: Person
    prefix: str
    ids: dict[str, list[int]] = field(default_factory=dict)
    """Kind of row ("cramp", "intake", …) → its ids, live ones first."""
    deleted: set[tuple[str, int]] = field(default_factory=set)
    nights: list[str] = field(default_factory=list)
    days: list[str] = field(default_factory=list)
    nutrients: list[str] = field(default_factory=list)
    names: dict[str, list[str]] = field(default_factory=dict)
    """Kind → the names given ("custom_food", "supplement", "medicine"), for phrases and queries."""
    markers: set[str] = field(default_factory=set)
    _numbers: Any = field(default_factory=lambda: itertools.count(1))

    def mark(self, words: str = "") -> str:
        """A new marker (``ALPHAMARK-07``), with ``words`` after it when a name needs them."""
        marker = f"{self.prefix}-{next(self._numbers):02d}"
        self.markers.add(marker)
        return f"{marker} {words}".strip()

    @property
    def food_refs(self) -> list[str]:
        """How the API names this person's own foods: ``custom:N`` and ``supplement:N``."""
        return [f"custom:{i}" for i in self.ids.get("custom_food", [])] + [
            f"supplement:{i}" for i in self.ids.get("supplement", [])
        ]

    def label(self, kind: str, row_id: int) -> str:
        state = "deleted" if (kind, row_id) in self.deleted else "live"
        return f"{kind} {row_id} ({state})"


class Seeder:
    """Gives ``person`` data in every kind of entity through the API (with its token)."""

    def __init__(self, person: Person, prefix: str) -> None:
        self.seed = Seed(person, prefix)
        self.client = person.browser
        self.headers = person.bearer

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        headers = {**self.headers, **kwargs.pop("headers", {})}
        headers = {k: v for k, v in headers.items() if v}  # NO_BEARER: as the browser
        answer = self.client.request(method, path, headers=headers, **kwargs)
        assert answer.status_code < 300, (
            f"seeding {self.seed.prefix}: {method} {path} answered {answer.status_code}: "
            f"{answer.text[:500]}"
        )
        return answer.json() if answer.content else None

    def add(self, kind: str, path: str, body: Json, *, delete: bool = False) -> int:
        """POST a row and note its id; ``delete`` deletes it again (it stays, soft-deleted)."""
        row_id = int(self.call("POST", path, json=body)["id"])
        self.seed.ids.setdefault(kind, []).append(row_id)
        if delete:
            self.call("DELETE", f"{path}/{row_id}")
            self.seed.deleted.add((kind, row_id))
        return row_id

    def night(self, night_of: str, *, delete: bool = False) -> None:
        body = {"night_of": night_of, "status": "no_cramps", "notes": self.seed.mark()}
        self.call("POST", f"{API}/nights", json=body)
        self.seed.nights.append(night_of)
        if delete:
            self.call("DELETE", f"{API}/nights/{night_of}")


def seed_person(person: Person, prefix: str) -> Seed:
    """Data in every kind of entity the API offers, in November 2026 (before the tests' clock,
    24 Nov 2026 09:00 London); each kind has a deleted row where it can be deleted."""
    s = Seeder(person, prefix)
    seed, mark = s.seed, s.seed.mark
    s.call("PATCH", f"{API}/profile", json={"display_name": mark(), "birth_year": 1961})
    named = {"name": mark(), **person.scope}
    s.call("POST", f"{API}/tokens", json=named, headers={"X-CSRF-Token": person.csrf, **NO_BEARER})
    for nutrient in ("magnesium_mg", "potassium_mg"):
        s.call("PUT", f"{API}/targets/{nutrient}", json={"value": 410, "note": mark()})
        seed.nutrients.append(nutrient)
    s.night("2026-11-15")
    s.night("2026-11-14", delete=True)
    _seed_diary(s)
    _seed_foods(s)
    _seed_experiments(s)
    _seed_day_log(s)
    _seed_guidance(s)
    _seed_imports(s)
    _seed_sharing(s)
    note_sign_ins(seed)
    return seed


SIGN_IN_TABLES = {"token": "api_token", "session": "browser_session"}
"""Kinds of row that prove who someone is, by table: their ids are read from the database, as
the API may not show them (a route that ends another person's session must not find it)."""


def note_sign_ins(seed: Seed) -> None:
    """Note the person's tokens and sessions (the ids of their rows) in ``seed``."""
    engine = seed.person.browser.app.state.engine  # type: ignore[attr-defined]
    with engine.connect() as conn:
        for kind, table in SIGN_IN_TABLES.items():
            try:
                rows = conn.execute(
                    text(f"SELECT id FROM {table} WHERE person_id = :p ORDER BY id"),
                    {"p": seed.person.id},
                )
                seed.ids[kind] = [int(r[0]) for r in rows]
            except DBAPIError:  # a table this version does not have
                conn.rollback()


def _seed_diary(s: Seeder) -> None:
    seed, mark = s.seed, s.seed.mark
    cramp = {"muscle": "calf", "side": "left", "severity_0_10": 6, "duration_min": 3}
    s.add(
        "cramp", f"{API}/cramps", {**cramp, "started_at": "2026-11-17T03:10:00Z", "notes": mark()}
    )
    s.add(
        "cramp",
        f"{API}/cramps",
        {**cramp, "started_at": "2026-11-19T02:40:00Z", "notes": mark()},
        delete=True,
    )
    now = {"started_at": "2026-11-23T03:00:00Z", "duration_s": 90, "side": "right"}
    logged = s.call("POST", f"{API}/cramp-now", json={**now, "severity_0_10": 5})
    seed.ids["cramp"].insert(1, int(logged["cramp"]["id"]))
    csv = "date,cramps,worst_severity_0_10,fluid_ml,steps\n2026-11-10,2,6,1500,4000\n"
    csv += "2026-11-11,0,,1200,6500\n"
    s.call("POST", f"{API}/import/daily-csv", content=csv, headers={"Content-Type": "text/csv"})
    seed.nights += ["2026-11-16", "2026-11-18", "2026-11-22", "2026-11-10", "2026-11-11"]


def _seed_foods(s: Seeder) -> None:
    seed, mark = s.seed, s.seed.mark
    foods, pills = f"{API}/custom-foods", f"{API}/supplements"
    bar = {"basis": "per_serving", "serving_g": 40, "nutrients": {"magnesium_mg": 30}}
    juice = {"kind": "drink", "basis": "per_serving", "serving_ml": 250}
    dose = {"nutrients": {"magnesium_mg": 100}}
    names = seed.names
    names["custom_food"] = [mark("oat bar"), mark("juice")]
    names["supplement"] = [mark("magnesium"), mark("zinc")]
    food = s.add("custom_food", foods, {**bar, "name": names["custom_food"][0]})
    drink = s.add("custom_food", foods, {**juice, "name": names["custom_food"][1]})
    s.add("custom_food", foods, {**bar, "name": mark("old bar")}, delete=True)
    pill = s.add("supplement", pills, {**dose, "name": names["supplement"][0], "notes": mark()})
    s.add("supplement", pills, {**dose, "name": names["supplement"][1], "unit_name": "capsule"})
    s.add("supplement", pills, {**dose, "name": mark("old pill")}, delete=True)
    at = "2026-11-15T08:00:00Z"
    intake = f"{API}/intake"
    entries: list[Json] = [
        {"food": {"id": "usda:09040"}, "quantity": 118, "unit": "g", "description": mark()},
        {"food": {"id": f"custom:{drink}"}, "quantity": 250, "unit": "ml", "kind": "drink"},
        {"food": {"id": f"supplement:{pill}"}, "quantity": 1},
        {"food": {"id": f"custom:{food}"}, "quantity": 1, "unit": "serving"},
        {"description": f"1 serving {names['custom_food'][0]}"},
    ]
    for entry in entries:
        s.add("intake", intake, {**entry, "eaten_at": at})
    s.add("intake", intake, {"description": "1 medium banana", "eaten_at": at}, delete=True)
    for entry_id in seed.ids["intake"][:2]:
        favourite = s.call("POST", f"{API}/favourites", json={"entry_id": entry_id})
        seed.ids.setdefault("favourite", []).append(int(favourite["id"]))
    seed.days += ["2026-11-15", "2026-11-16"]


def _seed_sharing(s: Seeder) -> None:
    """Two share links (their tokens are not kept: a sweep never holds one), one revoked."""
    for scope, days, revoked in (("diary", 30, False), ("report", 7, True)):
        body = {"scope": scope, "days": days, "label": s.seed.mark()}
        s.add("share_link", f"{API}/share-links", body, delete=revoked)


def _seed_imports(s: Seeder) -> None:
    """Two imports of a Cronometer export: one stored, one waiting in preview."""
    for day, preview in (("2026-11-12", False), ("2026-11-13", True)):
        servings = (
            "Day,Time,Group,Food Name,Amount,Energy (kcal),Magnesium (mg),Category\n"
            f'{day},,Breakfast,"{s.seed.mark()}",1.00 cup,150,60,Cereal Grains and Pasta\n'
        )
        answer = s.call(
            "POST",
            f"{API}/imports",
            params={"preview": str(preview).lower()},
            files={"file": ("servings.csv", servings.encode(), "text/csv")},
        )
        s.seed.ids.setdefault("import", []).append(int(answer["id"]))


def _seed_day_log(s: Seeder) -> None:
    seed, mark = s.seed, s.seed.mark
    s.call("PATCH", f"{API}/days/2026-11-15/log", json={"steps": 4321, "notes": mark()})
    s.call("PATCH", f"{API}/days/2026-11-16/log", json={"heat_used": True, "notes": mark()})
    for kind in KINDS:  # each kind's one sample (tests/daylog/samples.py), live and deleted
        sample = KIND_SAMPLES[kind.key]
        for day, deleted in ((date(2026, 11, 15), False), (date(2026, 11, 12), True)):
            text = mark(MEDICINES[day]) if kind.key == "medicine" else mark()
            s.add(kind.key, f"{API}/{kind.path}", sample.body(day, text), delete=deleted)
    seed.names["medicine"] = _medicine_names(s)
    seed.days += ["2026-11-12", "2026-11-13"]


MEDICINES = {date(2026, 11, 15): "furosemide 40 mg", date(2026, 11, 12): "amlodipine 5 mg"}
"""Two medicines (the same one twice would be refused as already listed)."""


def _medicine_names(s: Seeder) -> list[str]:
    listed = s.call("GET", f"{API}/medicines")
    rows = listed["data"] if isinstance(listed, dict) else listed
    return [str(row["name"]) for row in rows]


def _seed_experiments(s: Seeder) -> None:
    """An experiment (in its run-in: the seeded diary does not pass the gate)."""
    s.add("experiment", f"{API}/experiments/start", {"remedy": "stretching"})


def _seed_guidance(s: Seeder) -> None:
    """A routine logged, a reminder, and check-up answers (kept in the browser's session)."""
    s.call("PUT", f"{API}/routine/reminder", json={"remind_at": "21:30"})
    routine = {"routine": "bedtime", "duration_min": 5, "finished_at": "2026-11-23T21:40:00Z"}
    s.add("stretch", f"{API}/routine/log", routine)
    client, person = s.client, s.seed.person
    answers = {"numbness": "yes", "takes_quinine": "no", "csrf_token": person.csrf}
    answer = client.post("/checkup", data=answers)
    assert answer.status_code == 303, f"check-up answers: {answer.status_code} {answer.text[:300]}"


def sweep_settings(database_url: str, folder: Path, *, accounts: bool) -> Settings:
    """Settings for a sweep's app on the test database (as tests/conftest.py makes them),
    in accounts mode with cookies that work over the test client's plain HTTP."""
    hosts = Settings.model_fields["allowed_hosts"].get_default(call_default_factory=True)
    data: dict[str, Any] = {
        "database_url": database_url,
        "demo_database_url": f"sqlite:///{folder / 'demo.sqlite3'}",
        "default_timezone": "Europe/London",
        "allowed_hosts": [*hosts, "testserver"],
    }
    if accounts:
        data |= {"accounts": True, "secret_key": "x" * 32, "secure_cookies": False}
    # A sweep signs up a few people from one address: room for them where sign-ups are limited.
    data |= {k: v for k, v in ROOMY.items() if k in Settings.model_fields}
    return Settings(**data)


ROOMY = {"signups_per_hour": 50}
