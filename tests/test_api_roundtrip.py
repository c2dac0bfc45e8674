"""What GET returns, POST and PATCH/PUT accept under the same names (docs/api.md).

The resources are read from /openapi.json: a collection with a POST and a GET of one item, or a
single object with a GET and a PATCH or PUT at the same address. Each must round-trip: GET, edit
a field, send the whole body back, and get the GET body with that edit; GET, drop ``id``, POST
it, and get an equal object. Every other write is listed in ``ACTIONS`` with why it is not a
resource, so a new resource without a ``SAMPLES`` entry, or one that does not round-trip, fails
here. The old input names, deprecated in the document, are each tried in ``OLD_NAMES``.

Dates are mid-November 2026, before the tests' clock (24 Nov 2026, 09:00 UTC).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from nightcramps.daylog.service import KINDS
from tests.daylog.samples import SAMPLES as KIND_SAMPLES

API = "/api/v1"
WRITES = ("post", "put", "patch")
NIGHT = "2026-11-15"
"""The night (and day) the samples are logged on."""

Json = dict[str, Any]


@dataclass(frozen=True)
class Sample:
    """How to make one object of a resource, and which edit to send back."""

    create: Json
    """The POST body (a collection) or the first PATCH/PUT (a single object)."""
    edit: tuple[str, Any] | None = None
    """A field of the GET body and the new value sent back with the rest of it (for a resource
    with a change operation)."""
    follows: frozenset[str] = frozenset()
    """Fields the server computes from the edited one (they change with it)."""
    identity: frozenset[str] = frozenset({"id"})
    """Fields a newly created object gets anew (the id, and what is made of it)."""
    address: dict[str, str] = field(default_factory=dict)
    """Path parameters of a single object (``{day}``)."""
    answer_lacks: frozenset[str] = frozenset()
    """GET fields the change's answer leaves out (its documented schema has fewer)."""


SAMPLES: dict[str, Sample] = {
    f"{API}/nights": Sample(
        {"night_of": NIGHT, "status": "no_cramps", "sleep_disturbance_0_10": 3, "notes": "ok"},
        edit=("notes", "slept well"),
    ),
    f"{API}/cramps": Sample(
        {
            "started_at": "2026-11-16T03:10:00Z",
            "muscle": "calf",
            "side": "left",
            "severity_0_10": 6,
            "duration_min": 2.5,
            "relief": ["stretch", "walking"],
            "relief_effect": "mostly",
            "notes": "woke me",
        },
        edit=("severity_0_10", 4),
    ),
    f"{API}/intake": Sample(
        {"description": "1 medium banana", "eaten_at": f"{NIGHT}T08:00:00Z"},
        edit=("meal", "lunch"),
    ),
    f"{API}/custom-foods": Sample(
        {
            "name": "Oat bar",
            "basis": "per_serving",
            "serving_g": 40,
            "nutrients": {"energy_kcal": 180, "magnesium_mg": 30, "potassium_mg": 120},
        },
        identity=frozenset({"id", "food_id"}),
    ),
    f"{API}/supplements": Sample(
        {"name": "Magnesium citrate", "nutrients": {"magnesium_mg": 100}, "notes": "with dinner"}
    ),
    f"{API}/profile": Sample(
        {
            "display_name": "Ann",
            "birth_year": 1960,
            "sex": "female",
            "weight_kg": 70.5,
            "timezone": "Europe/London",
            "kidney_disease": "stage_3",
            "diabetes": True,
            "heart_failure": False,
            "fluid_limit_ml": 1500,
        },
        edit=("display_name", "Ann B."),
    ),
    f"{API}/days/{{day}}/log": Sample(
        {"steps": 7400, "standing_h": 2, "heat_used": True, "notes": "long walk"},
        edit=("notes", "a longer walk"),
        address={"day": NIGHT},
        # PATCH answers DayLogPublic, GET DayViewPublic
        answer_lacks=frozenset({"values", "imported_workouts"}),
    ),
    f"{API}/share-links": Sample(
        {"scope": "diary", "days": 30, "label": "Dr Patel"},
        identity=frozenset({"id", "created_at", "expires_at"}),
    ),
    f"{API}/routine/reminder": Sample(
        {"remind_at": "21:30"},
        edit=("remind_at", "22:15"),
        follows=frozenset({"calendar_url"}),
    ),
}
SAMPLES |= {
    f"{API}/{kind.path}": Sample(
        KIND_SAMPLES[kind.key].body(date.fromisoformat(NIGHT), kind.noun),
        edit=KIND_SAMPLES[kind.key].edit(date.fromisoformat(NIGHT)),
        follows=KIND_SAMPLES[kind.key].follows,
    )
    for kind in KINDS
}
"""The day log's kinds, each from its one sample (tests/daylog/samples.py)."""

ACTIONS: dict[tuple[str, str], str] = {
    ("post", f"{API}/tokens"): "makes a secret shown once; a token has no GET",
    ("post", f"{API}/sessions/revoke-others"): "signs out the person's other browser sessions",
    ("post", f"{API}/import/daily-csv"): "uploads a CSV file, not a JSON object",
    ("post", f"{API}/imports"): "uploads another app's export file, not a JSON object",
    ("post", f"{API}/import/backup"): "uploads a backup zip, not a JSON object",
    ("post", f"{API}/delete-everything"): "deletes every row of the person, and the person",
    ("post", f"{API}/imports/{{import_id}}/confirm"): "stores a previewed import",
    ("post", f"{API}/imports/{{import_id}}/undo"): "removes what an import added",
    ("post", f"{API}/checkup"): "answers the questionnaire with a report; nothing is stored",
    ("post", f"{API}/routine/log"): "logs a stretch (it round-trips at /stretches)",
    ("post", f"{API}/cramp-now"): "logs a cramp from a timer (it round-trips at /cramps)",
    ("post", f"{API}/intake/repeat"): "copies a meal's entries (they round-trip at /intake)",
    ("post", f"{API}/intake/{{entry_id}}/again"): "logs an entry again (one call)",
    ("post", f"{API}/favourites/{{favourite_id}}/log"): "logs a favourite (one call)",
    ("post", f"{API}/favourites"): (
        "stars the item of a logged entry ({entry_id}); a favourite has no GET of its own"
    ),
    ("post", f"{API}/medicines/{{entry_id}}/stop"): "sets stopped_on (as PATCH does) to today",
    ("post", f"{API}/experiments/start"): (
        "starts an experiment with a randomised calendar; a second POST is refused (one at a time)"
    ),
    ("post", f"{API}/experiments/{{experiment_id}}/nights/{{night_of}}/adherence"): (
        "the evening's one tap for a night of the schedule (shown in the experiment's calendar)"
    ),
    ("post", f"{API}/experiments/{{experiment_id}}/stop"): "ends an experiment, keeping why",
    ("post", f"{API}/experiments/{{experiment_id}}/extend"): "adds 4 randomised blocks",
    ("put", f"{API}/targets/{{nutrient}}"): (
        "overrides one value of the computed targets (GET /targets); it has no GET of its own"
    ),
}
"""Writes that are not a resource's create or change, with why."""


def _is_restore(method: str, path: str, operation: Json) -> bool:
    """``POST .../{id}/restore`` with no body undoes a DELETE: an action, not a resource."""
    return method == "post" and path.endswith("}/restore") and "requestBody" not in operation


@dataclass(frozen=True)
class Resource:
    """What /openapi.json says about one resource."""

    name: str
    item: str
    """The path of the GET of one object."""
    create: str | None
    """The path of its POST, for a collection."""
    change: tuple[str, str] | None
    """The method and path of its PATCH or PUT."""


def _is_item_of(path: str, collection: str) -> bool:
    return re.fullmatch(re.escape(collection) + r"/\{[a-z_]+\}", path) is not None


def _resources(document: Json) -> tuple[list[Resource], set[tuple[str, str]]]:
    """The resources of the document, and the writes that belong to none of them (a collection
    made by uploading a file, such as imports, is not a resource: its POST is an action)."""
    paths = {p: ops for p, ops in document["paths"].items() if p.startswith(API)}
    found: list[Resource] = []
    for path, operations in paths.items():
        items = [p for p in paths if _is_item_of(p, path) and "get" in paths[p]]
        content = operations.get("post", {}).get("requestBody", {}).get("content", {})
        takes_a_file = bool(content) and "application/json" not in content
        if "post" in operations and len(items) == 1 and not takes_a_file:
            item = items[0]
            change = next(((m, item) for m in ("put", "patch") if m in paths[item]), None)
            found.append(Resource(path, item, path, change))
    for path, operations in paths.items():
        method = next((m for m in ("put", "patch") if m in operations), None)
        if "get" in operations and method and not any(r.item == path for r in found):
            found.append(Resource(path, path, None, (method, path)))
    claimed = {("post", r.create) for r in found if r.create} | {
        r.change for r in found if r.change
    }
    writes = {
        (method, path)
        for path, operations in paths.items()
        for method, operation in operations.items()
        if method in WRITES and not _is_restore(method, path, operation)
    }
    return found, writes - claimed


def _schema(document: Json, schema: Json) -> Json:
    """A schema with its ``$ref`` followed."""
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _body_schema(document: Json, method: str, path: str) -> Json:
    operation = document["paths"][path][method]
    return _schema(document, operation["requestBody"]["content"]["application/json"]["schema"])


def _answer_schema(document: Json, method: str, path: str) -> Json:
    responses = document["paths"][path][method]["responses"]
    answer = responses.get("200") or responses["201"]
    return _schema(document, answer["content"]["application/json"]["schema"])


@pytest.fixture
def document(client: TestClient) -> Json:
    """The app's OpenAPI document."""
    answer: Json = client.get("/openapi.json").json()
    return answer


def test_every_write_is_a_resource_or_a_listed_action(document: Json) -> None:
    """Each POST, PUT and PATCH belongs to a resource with a sample, or is a listed action."""
    found, others = _resources(document)
    names = {r.name for r in found}
    assert names - set(SAMPLES) == set(), "a new resource: add it to SAMPLES so it is tested"
    assert set(SAMPLES) - names == set(), "SAMPLES names a resource the API no longer has"
    assert others - set(ACTIONS) == set(), "a write that is neither a resource nor an action"
    assert set(ACTIONS) - others == set(), "ACTIONS names a write the API no longer has"


def test_inputs_take_every_field_that_get_returns(document: Json) -> None:
    """Each field of a GET body is in its POST (all but id) and its PATCH/PUT body schemas."""
    missing = []
    for resource in _resources(document)[0]:
        returned = set(_answer_schema(document, "get", resource.item)["properties"])
        writes = [("post", resource.create, returned - {"id"})] if resource.create else []
        if resource.change:
            writes.append((*resource.change, returned))
        for method, path, wanted in writes:
            accepted = set(_body_schema(document, method, path)["properties"])
            missing += [f"{method.upper()} {path}: {name}" for name in sorted(wanted - accepted)]
    assert missing == []


def _address(template: str, obj: Json, given: dict[str, str]) -> str:
    """``template`` with its parameter filled from ``given``, or from the object (a field of
    the parameter's name, else its id)."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        return str(given.get(name, obj.get(name, obj.get("id"))))

    return re.sub(r"\{([a-z_]+)\}", value, template)


def _same_fields(answer: Json, shown: Json) -> Json:
    """``answer`` limited to the fields of ``shown`` (a POST also says what it warned about)."""
    missing = set(shown) - set(answer)
    assert missing == set(), f"the answer lacks {missing}"
    return {k: answer[k] for k in shown}


def _round_trip(client: TestClient, document: Json, resource: Resource, sample: Sample) -> None:
    if resource.create:
        made = client.post(resource.create, json=sample.create)
        assert made.status_code == 201, made.text
        item = _address(resource.item, made.json(), sample.address)
    else:
        assert resource.change is not None
        item = _address(resource.item, {}, sample.address)
        first = client.request(resource.change[0], item, json=sample.create)
        assert first.status_code == 200, first.text
    shown = client.get(item).json()
    if resource.change:
        assert sample.edit is not None, f"give {resource.name} an edit to send back"
        name, value = sample.edit
        assert name in shown
        answer = client.request(resource.change[0], item, json={**shown, name: value})
        assert answer.status_code == 200, answer.text
        after = client.get(item).json()
        assert set(after) - set(answer.json()) == sample.answer_lacks
        common = set(after) - sample.answer_lacks
        assert {k: answer.json()[k] for k in common} == {k: after[k] for k in common}
        expected = {**shown, name: value, **{k: after[k] for k in sample.follows}}
        assert after == expected
        for k in sample.follows:
            assert after[k] != shown[k], f"{k} was expected to follow {name}"
        shown = after
    if resource.create:
        if "delete" in document["paths"][resource.item]:
            assert client.delete(item).status_code == 204  # frees a name or a night for it
        again = client.post(resource.create, json={k: v for k, v in shown.items() if k != "id"})
        assert again.status_code == 201, again.text
        created = _same_fields(again.json(), shown)
        kept = set(shown) - sample.identity
        assert {k: created[k] for k in kept} == {k: shown[k] for k in kept}
        assert client.get(_address(resource.item, created, {})).json() == created


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_resource_round_trips(client: TestClient, document: Json, name: str) -> None:
    """GET, edit, send back: the GET body with the edit; GET less id, POST: an equal object."""
    resource = next((r for r in _resources(document)[0] if r.name == name), None)
    assert resource is not None, f"{name} is not a resource in /openapi.json"
    _round_trip(client, document, resource, SAMPLES[name])


# ---------------------------------------------------------------------------- old names


@dataclass(frozen=True)
class OldName:
    """A write that uses old input names, and what its answer must then hold."""

    method: str
    path: str
    """The OpenAPI path; its parameter is filled from the object ``setup`` made last."""
    body: Callable[[list[Json]], Json]
    expect: Callable[[list[Json]], Json]
    setup: list[tuple[str, Json]] = field(default_factory=list)


BANANA = "1 medium banana"
CRAMP = {"muscle": "calf", "side": "left", "severity_0_10": 5}
LABEL = {
    "energy_kcal": 180,
    "water_g": 2,
    "magnesium_mg": 30,
    "potassium_mg": 120,
    "calcium_mg": 20,
    "sodium_mg": 50,
    "caffeine_mg": 0,
    "alcohol_g": 0,
    "protein_g": 5,
    "carbohydrate_g": 25,
    "fat_g": 6,
}
PILL = {
    "magnesium_mg": 100,
    "potassium_mg": 10,
    "calcium_mg": 5,
    "sodium_mg": 1,
    "caffeine_mg": 0,
    "energy_kcal": 2,
}
SUPPLEMENT = (f"{API}/supplements", {"name": "Magnesium citrate"})

OLD_NAMES: list[OldName] = [
    OldName(
        "post",
        f"{API}/cramps",
        lambda _: {"at": "2026-11-16T03:10:00Z", **CRAMP},
        lambda _: {"started_at": "2026-11-16T03:10:00Z", "night_of": NIGHT},
    ),
    OldName(
        "patch",
        f"{API}/cramps/{{cramp_id}}",
        lambda _: {"at": "2026-11-16T04:00:00Z"},
        lambda _: {"started_at": "2026-11-16T04:00:00Z"},
        setup=[(f"{API}/cramps", {"night_of": NIGHT, **CRAMP})],
    ),
    OldName(
        "post",
        f"{API}/activities",
        lambda _: {
            "at": "2026-11-15T17:30:00Z",
            "activity_type": "gym",
            "duration_min": 30,
            "intensity_0_10": 6,
        },
        lambda _: {"started_at": "2026-11-15T17:30:00Z", "day": NIGHT},
    ),
    OldName(
        "patch",
        f"{API}/activities/{{entry_id}}",
        lambda _: {"at": "2026-11-15T18:00:00Z"},
        lambda _: {"started_at": "2026-11-15T18:00:00Z"},
        setup=[
            (
                f"{API}/activities",
                {"day": NIGHT, "activity_type": "gym", "duration_min": 30, "intensity_0_10": 6},
            )
        ],
    ),
    OldName(
        "post",
        f"{API}/nights",
        lambda _: {"night_of": NIGHT, "no_cramps": True},
        lambda _: {"status": "no_cramps"},
    ),
    OldName(
        "patch",
        f"{API}/nights/{{night_of}}",
        lambda _: {"no_cramps": False},
        lambda _: {"status": "unknown"},
        setup=[(f"{API}/nights", {"night_of": NIGHT, "status": "no_cramps"})],
    ),
    OldName(
        "post",
        f"{API}/intake",
        lambda _: {"phrase": BANANA, "at": f"{NIGHT}T08:00:00Z"},
        lambda _: {"description": BANANA, "eaten_at": f"{NIGHT}T08:00:00Z"},
    ),
    OldName(
        "post",
        f"{API}/intake",
        lambda _: {"food_id": "usda:09040", "quantity": 120, "unit": "g"},
        lambda _: {"food": {"id": "usda:09040", "name": "Bananas, raw"}, "grams": 120.0},
    ),
    OldName(
        "post",
        f"{API}/intake",
        lambda made: {"supplement_id": made[0]["id"], "quantity": 2},
        lambda made: {
            "food": {"id": f"supplement:{made[0]['id']}", "name": "Magnesium citrate"},
            "kind": "supplement",
            "quantity": 2.0,
        },
        setup=[SUPPLEMENT],
    ),
    OldName(
        "patch",
        f"{API}/intake/{{entry_id}}",
        lambda _: {"phrase": "2 medium banana", "at": f"{NIGHT}T09:00:00Z"},
        lambda _: {
            "description": "2 medium banana",
            "quantity": 2.0,
            "eaten_at": f"{NIGHT}T09:00:00Z",
        },
        setup=[(f"{API}/intake", {"description": BANANA, "eaten_at": f"{NIGHT}T08:00:00Z"})],
    ),
    OldName(
        "post",
        f"{API}/custom-foods",
        lambda _: {"name": "Oat bar", **LABEL},
        lambda _: {"nutrients": {k: float(v) for k, v in LABEL.items()}},
    ),
    OldName(
        "post",
        f"{API}/supplements",
        lambda _: {"name": "Multi", **PILL},
        lambda _: {"nutrients": {**dict.fromkeys(LABEL), **{k: float(v) for k, v in PILL.items()}}},
    ),
]


def _deprecated_names(document: Json) -> set[tuple[str, str, str]]:
    """(method, path, name) of every input field the document marks deprecated."""
    found = set()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if method in WRITES and "requestBody" in operation:
                content = operation["requestBody"]["content"]
                if "application/json" not in content:
                    continue
                schema = _body_schema(document, method, path)
                for name, prop in schema.get("properties", {}).items():
                    if prop.get("deprecated"):
                        found.add((method, path, name))
    return found


def test_every_deprecated_name_is_tried(document: Json) -> None:
    """Each input field /openapi.json marks deprecated is sent by one of OLD_NAMES."""
    tried = {
        (case.method, case.path, name)
        for case in OLD_NAMES
        for name in case.body([{"id": 1}] * len(case.setup))
    }
    assert _deprecated_names(document) - tried == set()


@pytest.mark.parametrize("case", OLD_NAMES, ids=lambda c: f"{c.method} {c.path}")
def test_old_input_names_still_work(client: TestClient, case: OldName) -> None:
    """A write with the old (deprecated) input names is understood as with the new ones."""
    made = []
    for path, body in case.setup:
        answer = client.post(path, json=body)
        assert answer.status_code == 201, answer.text
        made.append(answer.json())
    url = _address(case.path, made[-1] if made else {}, {})
    answer = client.request(case.method, url, json=case.body(made))
    assert answer.status_code in (200, 201), answer.text
    expected = case.expect(made)
    assert {k: answer.json().get(k) for k in expected} == expected


# ---------------------------------------------------------------------------- the rules


def _cramp(client: TestClient) -> Json:
    answer = client.post(f"{API}/cramps", json={"started_at": "2026-11-16T03:10:00Z", **CRAMP})
    assert answer.status_code == 201, answer.text
    cramp: Json = answer.json()
    return cramp


def test_computed_fields_are_ignored_whatever_their_value(client: TestClient) -> None:
    """A count, a total or an effort sent with another value than the server's is ignored."""
    cramp = _cramp(client)
    night = client.patch(
        f"{API}/nights/{NIGHT}", json={"cramp_count": 9, "worst_severity_0_10": 1, "cramps": []}
    )
    assert night.status_code == 200, night.text
    assert (night.json()["cramp_count"], night.json()["cramps"]) == (1, [cramp])
    shown = client.get(f"{API}/nights/{NIGHT}").json()
    sent_back = client.patch(f"{API}/nights/{NIGHT}", json={**shown, "notes": "one cramp"})
    assert sent_back.json() == {**shown, "notes": "one cramp"}
    sleep = client.post(
        f"{API}/sleep",
        json={"bed_at": "2026-11-14T23:00:00Z", "wake_at": f"{NIGHT}T07:00:00Z", "sleep_h": 2},
    )
    assert sleep.status_code == 201 and sleep.json()["sleep_h"] == 8.0
    workout = client.post(
        f"{API}/activities",
        json={
            "day": NIGHT,
            "activity_type": "run",
            "duration_min": 20,
            "intensity_0_10": 8,
            "effort": "light",
            "load": 1,
        },
    )
    assert (workout.json()["effort"], workout.json()["load"]) == ("vigorous", 160.0)


def test_a_field_that_cannot_change_is_refused_when_changed(client: TestClient) -> None:
    """Another id, night, day, kind or email than the stored one is a 422 and changes nothing."""
    cramp = _cramp(client)
    refused = [
        client.patch(
            f"{API}/cramps/{cramp['id']}", json={**cramp, "id": cramp["id"] + 1, "notes": "x"}
        ),
        client.patch(
            f"{API}/cramps/{cramp['id']}",
            json={**cramp, "night_of": "2026-11-14", "started_at": "2026-11-16T04:00:00Z"},
        ),
        client.patch(f"{API}/nights/{NIGHT}", json={"night_of": "2026-11-14", "notes": "x"}),
        client.patch(f"{API}/days/{NIGHT}/log", json={"day": "2026-11-14", "steps": 1}),
        client.patch(f"{API}/profile", json={"email": "someone@example.org"}),
    ]
    made = client.post(
        f"{API}/intake", json={"description": BANANA, "eaten_at": f"{NIGHT}T08:00:00Z"}
    )
    entry = client.get(f"{API}/intake/{made.json()['id']}").json()
    for changed in ({"kind": "drink"}, {"unit": "g"}, {"food": {"id": "usda:09206"}}):
        refused.append(client.patch(f"{API}/intake/{entry['id']}", json={**entry, **changed}))
    for answer in refused:
        assert answer.status_code == 422, answer.text
        assert "cannot be changed" in answer.text or "not" in answer.json()["detail"]
    assert client.get(f"{API}/cramps/{cramp['id']}").json() == cramp
    assert client.get(f"{API}/intake/{entry['id']}").json() == entry
    assert client.get(f"{API}/nights/{NIGHT}").json()["notes"] == ""


def test_a_time_sent_back_unchanged_with_a_new_day_is_refused(client: TestClient) -> None:
    """A day or night that disagrees with the time sent with it is refused, on POST and PATCH."""
    entry = client.post(
        f"{API}/intake", json={"description": BANANA, "eaten_at": f"{NIGHT}T08:00:00Z"}
    ).json()
    moved = client.patch(f"{API}/intake/{entry['id']}", json={**entry, "day": "2026-11-14"})
    assert moved.status_code == 422 and "day" in moved.json()["fields"]
    sleep = client.post(
        f"{API}/sleep",
        json={
            "bed_at": "2026-11-14T23:00:00Z",
            "wake_at": f"{NIGHT}T07:00:00Z",
            "day": "2026-11-14",
        },
    )
    assert sleep.status_code == 422 and "day" in sleep.json()["fields"]
    assert client.get(f"{API}/sleep").json()["count"] == 0


def test_a_new_time_moves_an_entry_though_its_old_day_is_sent_back(client: TestClient) -> None:
    """GET, edit the time (or the night), send it back: the stale rest does not stop the move."""
    cramp = _cramp(client)
    moved = client.patch(
        f"{API}/cramps/{cramp['id']}", json={**cramp, "started_at": "2026-11-15T02:00:00Z"}
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["night_of"] == "2026-11-14"
    back = client.patch(f"{API}/cramps/{cramp['id']}", json={**moved.json(), "night_of": NIGHT})
    assert back.status_code == 200, back.text
    assert (back.json()["night_of"], back.json()["started_at"]) == (NIGHT, "2026-11-16T02:00:00Z")
    coffee = client.post(f"{API}/caffeine", json={"at": f"{NIGHT}T08:00:00Z", "caffeine_mg": 95})
    later = client.patch(
        f"{API}/caffeine/{coffee.json()['id']}",
        json={**coffee.json(), "at": "2026-11-14T08:00:00Z"},
    )
    assert later.status_code == 200 and later.json()["day"] == "2026-11-14"


def test_an_amount_sent_back_unchanged_keeps_the_entry_as_it_is(client: TestClient) -> None:
    """Sending an intake entry back as it is changes nothing (no rescaling, no new lookup)."""
    made = client.post(
        f"{API}/intake",
        json={"description": "1/2 cup spinach, boiled", "eaten_at": f"{NIGHT}T12:30:00Z"},
    )
    entry = made.json()
    for answered_only in ("warnings", "assumed", "confidence"):  # said by the POST, not stored
        del entry[answered_only]
    again = client.patch(f"{API}/intake/{entry['id']}", json=entry)
    assert again.status_code == 200, again.text
    assert _same_fields(again.json(), entry) == entry


def test_a_night_status_that_the_cramps_contradict_is_refused(client: TestClient) -> None:
    """status "cramps" without cramps, or "unknown" with cramps, is a 422 that stores nothing."""
    empty = client.post(f"{API}/nights", json={"night_of": NIGHT, "status": "cramps"})
    assert empty.status_code == 422 and "status" in empty.json()["fields"]
    assert client.get(f"{API}/nights/{NIGHT}").status_code == 404
    _cramp(client)
    unknown = client.patch(f"{API}/nights/{NIGHT}", json={"status": "unknown", "notes": "x"})
    assert unknown.status_code == 422
    assert client.get(f"{API}/nights/{NIGHT}").json()["notes"] == ""
    both = client.patch(f"{API}/nights/{NIGHT}", json={"status": "unknown", "no_cramps": True})
    assert both.status_code == 422


def test_old_and_new_name_together_must_agree(client: TestClient) -> None:
    """started_at with at is accepted when they are equal and refused when they differ."""
    same = client.post(
        f"{API}/cramps",
        json={"started_at": "2026-11-16T03:10:00Z", "at": "2026-11-16T03:10:00Z", **CRAMP},
    )
    assert same.status_code == 201, same.text
    differ = client.post(
        f"{API}/cramps",
        json={"started_at": "2026-11-16T03:10:00Z", "at": "2026-11-16T04:10:00Z", **CRAMP},
    )
    assert differ.status_code == 422 and "started_at" in differ.json()["detail"]


def test_unknown_fields_and_ids_on_create_are_still_refused(client: TestClient) -> None:
    """A field no GET returns is refused, and so is an id on POST (the server numbers them)."""
    typo = client.post(f"{API}/cramps", json={"night_of": NIGHT, "colour": "red", **CRAMP})
    assert typo.status_code == 422 and "colour" in typo.json()["fields"]
    with_id = client.post(f"{API}/cramps", json={"id": 7, "night_of": NIGHT, **CRAMP})
    assert with_id.status_code == 422 and "id" in with_id.json()["fields"]
