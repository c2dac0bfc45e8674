"""A change that sends null for a field its schema lets be null never answers 500.

The audit's only 5xx was ``PATCH /api/v1/cramps/{id}`` with ``{"notes": null}``: the schema
allowed null, the column is NOT NULL. Here every PATCH and PUT of /openapi.json gets each of its
nullable properties as null, one at a time, against a real object made through the API with
the samples of ``tests/test_api_roundtrip.py``; a new change operation without a sample fails.
"""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient

from tests.test_api_roundtrip import API, SAMPLES

Json = dict[str, Any]
CHANGES = ("patch", "put")


def _schema(document: Json, schema: Json) -> Json:
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _nullable(document: Json, operation: Json) -> list[str]:
    """The top-level properties of the operation's JSON body that may be null."""
    body = operation.get("requestBody", {}).get("content", {}).get("application/json")
    if body is None:
        return []
    properties = _schema(document, body["schema"]).get("properties", {})
    return [
        name
        for name, prop in properties.items()
        if prop.get("type") == "null" or any(o.get("type") == "null" for o in prop.get("anyOf", []))
    ]


def _fill(template: str, obj: Json, given: dict[str, str]) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        return str(given.get(name, obj.get(name, obj.get("id"))))

    return re.sub(r"\{([a-z_]+)\}", value, template)


def _made(client: TestClient, method: str, path: str) -> str:
    """The address of a real object for the change ``method path``, made through the API."""
    collection = re.sub(r"/\{[a-z_]+\}$", "", path)
    if collection != path and collection in SAMPLES:
        made = client.post(collection, json=SAMPLES[collection].create)
        assert made.status_code == 201, made.text
        return _fill(path, made.json(), {})
    assert path in SAMPLES, f"{method.upper()} {path}: add a sample to test_api_roundtrip.SAMPLES"
    address = _fill(path, {}, SAMPLES[path].address)
    first = client.request(method, address, json=SAMPLES[path].create)
    assert first.status_code == 200, first.text
    return address


def test_null_for_every_nullable_field_of_every_change(client: TestClient) -> None:
    """Each nullable property of each PATCH/PUT body, sent alone as null: no 5xx."""
    document: Json = client.get("/openapi.json").json()
    sent, server_errors = [], []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            names = _nullable(document, operation) if method in CHANGES else []
            if not names or not path.startswith(API):
                continue
            address = _made(client, method, path)
            for name in names:
                answer = client.request(method, address, json={name: None})
                sent.append(f"{method.upper()} {path} {name}")
                if answer.status_code >= 500:
                    server_errors.append(f"{sent[-1]}: {answer.status_code}")
    assert server_errors == []
    assert f"PATCH {API}/cramps/{{cramp_id}} notes" in sent
    assert len(sent) > 100  # every change operation's nullable fields were tried


def test_null_notes_clear_a_cramps_notes(client: TestClient) -> None:
    """``{"notes": null}`` on a cramp clears its notes to "", as it does for a night."""
    made = client.post(f"{API}/cramps", json=SAMPLES[f"{API}/cramps"].create)
    assert made.json()["notes"] == "woke me"
    answer = client.patch(f"{API}/cramps/{made.json()['id']}", json={"notes": None})
    assert answer.status_code == 200, answer.text
    assert answer.json()["notes"] == ""
    assert client.get(f"{API}/cramps/{made.json()['id']}").json()["notes"] == ""
