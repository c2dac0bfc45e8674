"""The day log's JSON API through the app factory (on the tests' clock: 24 Nov 2026, 09:00)."""

from __future__ import annotations

from datetime import date, timedelta

from fastapi.testclient import TestClient

from nightcramps.daylog.service import FACTOR_KEYS

YESTERDAY = date(2026, 11, 23)
"""The day before the tests' clock (``clock_start`` in tests/conftest.py)."""
Y = YESTERDAY.isoformat()


def test_log_a_full_day_and_read_it_back(client: TestClient) -> None:
    """Workout, stretch, coffee, drink, sleep, steps and a medicine make up the day's log."""
    posts = [
        ("/api/v1/activities", {"day": Y, "activity_type": "walking", "duration_min": 40,
                                "intensity_0_10": "moderate"}),
        ("/api/v1/stretches", {"day": Y, "routine": "bedtime calf", "duration_min": 3}),
        ("/api/v1/caffeine", {"day": Y, "caffeine_mg": 95, "source": "coffee"}),
        ("/api/v1/alcohol", {"day": Y, "drinks": 2, "standard_units": 4.6, "kind": "wine"}),
        ("/api/v1/sleep", {"bed_at": f"{YESTERDAY - timedelta(days=1)}T23:00:00",
                           "wake_at": f"{Y}T07:00:00"}),
        ("/api/v1/medicines", {"name": "Aldactone 25mg", "started_on": Y}),
    ]  # fmt: skip
    for url, body in posts:
        answer = client.post(url, json=body)
        assert answer.status_code == 201, (url, answer.text)
    patched = client.patch(f"/api/v1/days/{Y}/log", json={"steps": 7400, "heat_used": True})
    assert patched.status_code == 200, patched.text
    log = client.get(f"/api/v1/days/{Y}/log").json()
    assert log["steps"] == 7400 and log["heat_used"] is True
    assert log["factors"] == {
        "steps": 7400.0,
        "exercise_min": 40.0,
        "stretched": 1.0,
        "alcohol_drinks": 2.0,
        "caffeine_mg": 95.0,
        "sleep_h": 8.0,
        "exertion_ratio": None,
    }
    assert [m["matches"][0]["class_key"] for m in log["medicines"]] == [
        "potassium_sparing_diuretic"
    ]
    factors = client.get("/api/v1/days/factors", params={"from": Y, "to": Y}).json()
    assert list(factors["data"][Y]) == list(FACTOR_KEYS)


def test_each_kind_lives_through_edit_delete_restore(client: TestClient) -> None:
    """Every entry kind can be read, changed, deleted (404 afterwards) and restored."""
    cases = [
        ("activities", {"day": Y, "activity_type": "gym", "duration_min": 30, "intensity_0_10": 6},
         {"duration_min": 50}, "duration_min", 50),
        ("stretches", {"day": Y, "routine": "calf"}, {"duration_min": 4}, "duration_min", 4),
        ("alcohol", {"day": Y, "drinks": 1}, {"drinks": 3}, "drinks", 3),
        ("caffeine", {"day": Y, "caffeine_mg": 80}, {"source": "tea"}, "source", "tea"),
        ("sleep", {"bed_at": f"{Y}T00:30:00", "wake_at": f"{Y}T06:00:00"},
         {"wake_at": f"{Y}T07:00:00"}, "sleep_h", 6.5),
        ("medicines", {"name": "Crestor"}, {"dose": "10 mg"}, "dose", "10 mg"),
    ]  # fmt: skip
    for collection, body, change, field, value in cases:
        created = client.post(f"/api/v1/{collection}", json=body)
        assert created.status_code == 201, (collection, created.text)
        entry_id = created.json()["id"]
        patched = client.patch(f"/api/v1/{collection}/{entry_id}", json=change)
        assert patched.status_code == 200, (collection, patched.text)
        assert patched.json()[field] == value
        assert client.get(f"/api/v1/{collection}").json()["count"] == 1
        assert client.delete(f"/api/v1/{collection}/{entry_id}").status_code == 204
        assert client.get(f"/api/v1/{collection}/{entry_id}").status_code == 404
        restored = client.post(f"/api/v1/{collection}/{entry_id}/restore")
        assert restored.status_code == 200 and restored.json()["id"] == entry_id


def test_bad_input_is_422_naming_each_field_and_nothing_is_stored(client: TestClient) -> None:
    """Out-of-range values and unknown fields are named; the list stays empty."""
    answer = client.post(
        "/api/v1/activities",
        json={"activity_type": "", "duration_min": -5, "intensity_0_10": 12, "pace": 3},
    )
    assert answer.status_code == 422
    assert set(answer.json()["fields"]) >= {"activity_type", "duration_min", "intensity_0_10",
                                            "pace"}  # fmt: skip
    assert client.get("/api/v1/activities").json()["count"] == 0
    future = client.post("/api/v1/caffeine", json={"caffeine_mg": 95, "day": "2999-01-01"})
    assert future.status_code == 422 and "has not begun" in future.json()["detail"]
    malformed = client.post("/api/v1/sleep", json={"bed_at": "yesterday", "wake_at": "25:00"})
    assert malformed.status_code == 422
    assert set(malformed.json()["fields"]) == {"bed_at", "wake_at"}
    too_early = client.get("/api/v1/days/factors", params={"from": "0001-01-01", "to": Y})
    assert too_early.status_code == 422


def test_conflicts_are_409_and_keep_what_is_stored(client: TestClient) -> None:
    """A second sleep for a day, and 'no alcohol' on a day with drinks, are 409."""
    sleep = {"bed_at": f"{Y}T00:30:00", "wake_at": f"{Y}T06:00:00"}
    assert client.post("/api/v1/sleep", json=sleep).status_code == 201
    again = client.post("/api/v1/sleep", json=sleep)
    assert again.status_code == 409 and "change that entry" in again.json()["detail"]
    client.post("/api/v1/alcohol", json={"day": Y, "drinks": 1})
    refused = client.patch(f"/api/v1/days/{Y}/log", json={"no_alcohol": True})
    assert refused.status_code == 409
    assert client.get("/api/v1/alcohol").json()["count"] == 1


def test_medicine_check_and_stop(client: TestClient) -> None:
    """The check names the class with its ratio; stop records the last day."""
    check = client.get("/api/v1/medicines/check", params={"name": "furosemid 40mg"}).json()
    (match,) = check["matches"]
    assert match["class_key"] == "loop_diuretic" and match["exact"] is False
    assert match["association"]["ci_high"] == 1.44
    assert (
        client.get("/api/v1/medicines/check", params={"name": "vitamin D"}).json()["matches"] == []
    )
    med = client.post("/api/v1/medicines", json={"name": "Lipitor", "started_on": Y}).json()
    stopped = client.post(f"/api/v1/medicines/{med['id']}/stop", json={"stopped_on": Y})
    assert stopped.status_code == 200
    assert stopped.json()["stopped_on"] == Y and stopped.json()["taking"] is False


def test_unknown_ids_are_404(client: TestClient) -> None:
    """Ids that do not exist are 404 with a message, and absurd ids are 422, never 500."""
    answer = client.get("/api/v1/activities/999")
    assert answer.status_code == 404 and "no workout number 999" in answer.json()["detail"]
    assert client.get("/api/v1/activities/99999999999999999999").status_code == 422
