"""The diary's JSON API through the app factory."""

from __future__ import annotations

from fastapi.testclient import TestClient

CRAMP = {
    "at": "2026-11-24T03:10:00",
    "muscle": "calf",
    "side": "left",
    "severity_0_10": 7,
    "duration_min": 4,
    "relief": ["stretch", "massage"],
    "relief_effect": "mostly",
}


def test_create_read_update_delete_cramp(client: TestClient) -> None:
    """A cramp goes through its whole life over the API, filed under the right night."""
    created = client.post("/api/v1/cramps", json=CRAMP)
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["night_of"] == "2026-11-23"
    cramp_id = body["id"]
    assert client.get(f"/api/v1/cramps/{cramp_id}").json()["severity_0_10"] == 7
    patched = client.patch(f"/api/v1/cramps/{cramp_id}", json={"severity_0_10": 5})
    assert patched.json()["severity_0_10"] == 5
    assert client.delete(f"/api/v1/cramps/{cramp_id}").status_code == 204
    assert client.get(f"/api/v1/cramps/{cramp_id}").status_code == 404
    assert client.post(f"/api/v1/cramps/{cramp_id}/restore").json()["id"] == cramp_id


def test_list_nights_with_range(client: TestClient) -> None:
    """Nights come back in the asked range with their status."""
    client.post("/api/v1/cramps", json=CRAMP)
    client.post("/api/v1/nights", json={"night_of": "2026-11-20", "no_cramps": True})
    client.post("/api/v1/nights", json={"night_of": "2026-11-10", "no_cramps": True})
    listed = client.get("/api/v1/nights", params={"from": "2026-11-15", "to": "2026-11-30"}).json()
    assert listed["count"] == 2
    assert [(n["night_of"], n["status"]) for n in listed["data"]] == [
        ("2026-11-23", "cramps"),
        ("2026-11-20", "no_cramps"),
    ]


def test_bad_input_gets_422_that_names_the_fix(client: TestClient) -> None:
    """Severity 11, negative duration and unknown muscle are each named in the answer."""
    bad = {**CRAMP, "severity_0_10": 11, "duration_min": -3, "muscle": "elbow"}
    answer = client.post("/api/v1/cramps", json=bad)
    assert answer.status_code == 422
    fields = answer.json()["fields"]
    assert set(fields) >= {"severity_0_10", "duration_min", "muscle"}
    assert "10" in fields["severity_0_10"]
    assert client.get("/api/v1/nights").json()["count"] == 0


def test_future_time_and_malformed_time(client: TestClient) -> None:
    """A future time and a malformed time are refused with a reason."""
    future = client.post("/api/v1/cramps", json={**CRAMP, "at": "2099-01-01T03:00:00"})
    assert future.status_code == 422
    assert "future" in future.json()["detail"]
    malformed = client.post("/api/v1/cramps", json={**CRAMP, "at": "25:99"})
    assert malformed.status_code == 422
    assert "at" in malformed.json()["fields"]


def test_conflict_keeps_stored_cramps(client: TestClient) -> None:
    """Marking a cramp night as cramp-free is 409 and the cramp survives."""
    client.post("/api/v1/cramps", json=CRAMP)
    answer = client.post("/api/v1/nights", json={"night_of": "2026-11-23", "no_cramps": True})
    assert answer.status_code == 409
    assert client.get("/api/v1/nights/2026-11-23").json()["cramp_count"] == 1


def test_unknown_night_is_404_json(client: TestClient) -> None:
    """A night with nothing logged is a 404 with a JSON message."""
    answer = client.get("/api/v1/nights/2026-01-01")
    assert answer.status_code == 404
    assert "Nothing is logged" in answer.json()["detail"]


def test_openapi_lists_the_diary(client: TestClient) -> None:
    """The OpenAPI document describes the nights and cramps endpoints."""
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/v1/nights", "/api/v1/cramps", "/api/v1/cramps/{cramp_id}"} <= set(paths)


def test_cross_site_api_write_is_refused(client: TestClient) -> None:
    """A browser request from another origin cannot write to the local API."""
    answer = client.post("/api/v1/cramps", json=CRAMP, headers={"Origin": "https://evil.example"})
    assert answer.status_code == 403
    assert client.get("/api/v1/nights").json()["count"] == 0


def test_implausible_dates_are_refused(client: TestClient) -> None:
    """Year 1 with a far-east offset, or a night in 1850, is a 422, not a crash."""
    answer = client.post("/api/v1/cramps", json={**CRAMP, "at": "0001-01-01T00:00:00+14:00"})
    assert answer.status_code == 422
    assert "plausible" in answer.json()["fields"]["at"]
    night = client.post("/api/v1/nights", json={"night_of": "1850-01-01", "no_cramps": True})
    assert night.status_code == 422
