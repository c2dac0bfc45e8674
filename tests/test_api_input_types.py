"""What the API says of a body it cannot read as JSON text, and of a number sent as a date.

Both were gaps between the API and its schema (audit L10): a JSON body that is not UTF-8 got an
undocumented 400 "There was an error parsing the body", and ``night_of: 0`` logged the night of
1 January 1970 (pydantic reads numbers as Unix time).
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from nightcramps.inputs import DATE_AS_NUMBER

API = "/api/v1"
JSON = {"Content-Type": "application/json"}


def test_a_json_body_that_is_not_utf8_is_a_422(client: TestClient) -> None:
    """Latin-1 JSON: 422 in the API's shape, saying the body must be UTF-8 JSON; nothing stored."""
    body = '{"night_of": "2026-11-20", "no_cramps": true, "notes": "café"}'.encode("latin-1")
    answer = client.post(f"{API}/nights", content=body, headers=JSON)
    assert answer.status_code == 422
    problem = answer.json()
    assert set(problem) == {"detail", "fields"}
    assert problem["fields"] == {
        "body": "is not UTF-8 text; send the JSON encoded as UTF-8 "
        "(the fields are described in /openapi.json)"
    }
    assert "UTF-8" in problem["detail"]
    documented = client.get("/openapi.json").json()["paths"][f"{API}/nights"]["post"]
    assert "422" in documented["responses"]
    assert client.get(f"{API}/nights").json()["count"] == 0


@pytest.mark.parametrize("value", [0, "0", 86400, 1.5, "20261120"])
def test_a_number_is_not_a_date(client: TestClient, value: Any) -> None:
    """``night_of`` and ``started_at`` must be ISO text: numbers (and digits as text) are refused
    with the fix, and nothing is logged for 1970."""
    night = client.post(f"{API}/nights", json={"night_of": value, "no_cramps": True})
    assert night.status_code == 422
    assert night.json()["fields"] == {"night_of": DATE_AS_NUMBER["date"]}
    cramp = {"started_at": value, "muscle": "calf", "side": "left", "severity_0_10": 4}
    answer = client.post(f"{API}/cramps", json=cramp)
    assert answer.status_code == 422
    assert answer.json()["fields"] == {"started_at": DATE_AS_NUMBER["datetime"]}
    assert client.get(f"{API}/nights", params={"from": "1970-01-01"}).json()["count"] == 0


@pytest.mark.parametrize(
    "path", [f"{API}/nights", f"{API}/export/daily.csv", f"{API}/activities", f"{API}/intake"]
)
def test_a_number_is_not_a_date_in_the_address(client: TestClient, path: str) -> None:
    """``?to=0`` is refused too (it used to mean 1 January 1970); ISO dates still work."""
    answer = client.get(path, params={"to": "0"})
    assert answer.status_code == 422
    assert answer.json()["fields"] == {"to": DATE_AS_NUMBER["date"]}
    assert client.get(path, params={"from": "2026-11-01", "to": "2026-11-20"}).status_code == 200


def test_a_number_is_not_a_day_in_the_path(client: TestClient) -> None:
    """``PATCH /days/0/log`` used to write a day log for 1 January 1970; now it is refused."""
    answer = client.patch(f"{API}/days/0/log", json={"steps": 100})
    assert answer.status_code == 422
    assert answer.json()["fields"] == {"path.day": DATE_AS_NUMBER["date"]}
    assert client.get(f"{API}/nights/0").json()["fields"] == {
        "path.night_of": DATE_AS_NUMBER["date"]
    }
    assert client.get(f"{API}/days/1970-01-01/log").json()["steps"] is None


def test_iso_dates_and_times_are_still_read(client: TestClient) -> None:
    """The refusal is of numbers only: ISO dates and moments are accepted as before."""
    night = client.post(f"{API}/nights", json={"night_of": "2026-11-20", "no_cramps": True})
    assert night.status_code == 201, night.text
    cramp = {"started_at": "2026-11-22T03:10:00Z", "muscle": "calf", "side": "left"}
    answer = client.post(f"{API}/cramps", json={**cramp, "severity_0_10": 4})
    assert answer.status_code == 201, answer.text
    assert answer.json()["night_of"] == "2026-11-21"
