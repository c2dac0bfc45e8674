"""The Today and Medicines pages through the app factory: one taps, forms, errors, undo."""

from __future__ import annotations

import re
from datetime import timedelta

from fastapi.testclient import TestClient

from tests.daylog.test_api import YESTERDAY, Y


def _csrf(client: TestClient, path: str = "/today") -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    assert match
    return match.group(1)


def _factors(client: TestClient, day: str = Y) -> dict[str, float | None]:
    result: dict[str, float | None] = client.get(f"/api/v1/days/{day}/log").json()["factors"]
    return result


def test_today_page_is_in_the_nav_and_shows_the_day(client: TestClient) -> None:
    """/today is linked from the nav and shows the one-tap buttons for the current day."""
    page = client.get("/today")
    assert page.status_code == 200
    assert '<a href="/today">Today</a>' in page.text
    assert f"/today/{(YESTERDAY + timedelta(days=1)).isoformat()}/stretched" in page.text
    assert 'id="tap-coffee"' in page.text and "not enough data yet" in page.text


def test_one_taps_log_and_can_be_undone(client: TestClient) -> None:
    """Stretched, +1 coffee, +1 drink, rest day: each is one POST; undo removes the stretch."""
    token = _csrf(client)
    for action in ("stretched", "coffee", "drink", "none/exercise", "remedy/heat"):
        answer = client.post(f"/today/{Y}/{action}", data={"csrf_token": token},
                             follow_redirects=False)  # fmt: skip
        assert answer.status_code == 303, (action, answer.text)
        assert answer.headers["location"] == f"/today/{Y}"
    factors = _factors(client)
    assert (factors["stretched"], factors["caffeine_mg"], factors["alcohol_drinks"]) == (
        1.0,
        95.0,
        1.0,
    )
    assert factors["exercise_min"] == 0.0
    page = client.get(f"/today/{Y}")
    assert "✓ Stretched before bed" in page.text and "✓ Rest day" in page.text
    stretch_id = client.get("/api/v1/stretches").json()["data"][0]["id"]
    undo = client.post(f"/entries/stretch/{stretch_id}/delete", data={"csrf_token": token})
    assert undo.status_code == 200 and "Stretching session deleted" in undo.text
    assert f"/entries/stretch/{stretch_id}/restore" in undo.text
    assert _factors(client)["stretched"] is None


def test_none_answer_contradicting_an_entry_shows_why(client: TestClient) -> None:
    """'No caffeine' after a coffee re-renders the page with 409 and the reason."""
    token = _csrf(client)
    client.post(f"/today/{Y}/coffee", data={"csrf_token": token})
    answer = client.post(f"/today/{Y}/none/caffeine", data={"csrf_token": token})
    assert answer.status_code == 409
    assert "delete them before" in answer.text
    assert _factors(client)["caffeine_mg"] == 95.0


def test_forms_save_or_say_what_to_fix(client: TestClient) -> None:
    """Workout, steps, caffeine and alcohol forms save; bad values come back 422 with the field."""
    token = _csrf(client)
    walk = {"csrf_token": token, "activity_type": "walking", "intensity_0_10": "light"}
    ok = client.post(f"/today/{Y}/workout", data={**walk, "duration_min": "35"},
                     follow_redirects=False)  # fmt: skip
    assert ok.status_code == 303
    bad = client.post(f"/today/{Y}/workout", data={"csrf_token": token, "activity_type": "walking",
                      "duration_min": "-4", "intensity_0_10": "moderate"})  # fmt: skip
    assert bad.status_code == 422 and 'id="duration_min-error"' in bad.text
    steps = client.post(f"/today/{Y}/day", data={"csrf_token": token, "steps": "8000",
                        "standing_h": "20", "sitting_h": "10"})  # fmt: skip
    assert steps.status_code == 422 and "24 hours" in steps.text
    client.post(f"/today/{Y}/day", data={"csrf_token": token, "steps": "8000"})
    client.post(f"/today/{Y}/caffeine", data={"csrf_token": token, "caffeine_mg": "40",
                                              "source": "tea"})  # fmt: skip
    client.post(f"/today/{Y}/alcohol", data={"csrf_token": token, "drinks": "2", "kind": "beer"})
    factors = _factors(client)
    assert (factors["exercise_min"], factors["steps"], factors["caffeine_mg"]) == (
        35.0,
        8000.0,
        40.0,
    )
    assert factors["alcohol_drinks"] == 2.0


def test_sleep_form_places_the_times_and_then_changes_them(client: TestClient) -> None:
    """Bed 23:15 and wake 06:45 on the page's day is 7.5 h; saving again changes it."""
    token = _csrf(client)
    first = client.post(f"/today/{Y}/sleep", data={"csrf_token": token, "bed_time": "23:15",
                        "wake_time": "06:45"}, follow_redirects=False)  # fmt: skip
    assert first.status_code == 303
    assert _factors(client)["sleep_h"] == 7.5
    client.post(f"/today/{Y}/sleep", data={"csrf_token": token, "bed_time": "00:15",
                                           "wake_time": "06:45"})  # fmt: skip
    assert _factors(client)["sleep_h"] == 6.5
    assert client.get("/api/v1/sleep").json()["count"] == 1
    bad = client.post(f"/today/{Y}/sleep", data={"csrf_token": token, "bed_time": "late",
                                                 "wake_time": ""})  # fmt: skip
    assert bad.status_code == 422


def test_future_day_page_is_refused(client: TestClient) -> None:
    """A day that has not begun is a 422 page, not a form that cannot be saved."""
    assert client.get("/today/2999-01-01").status_code == 422


def test_medicines_page_shows_class_association_and_prescriber(client: TestClient) -> None:
    """A medicine added on the page shows its class, ratio, grade, citation and the advice."""
    token = _csrf(client, "/medicines")
    added = client.post("/medicines", data={"csrf_token": token, "name": "Symbicort",
                        "dose": "200/6", "started_on": Y}, follow_redirects=False)  # fmt: skip
    assert added.status_code == 303
    page = client.get("/medicines").text
    assert "Long-acting beta-agonist with an inhaled corticosteroid" in page
    assert "2.55" in page and "evidence: moderate" in page
    assert "Arch Intern Med 2012" in page and "Talk to your prescriber" in page
    assert not re.search(r"\bstop\b", page.lower().replace("/stop", ""))
    checked = client.get("/medicines", params={"check": "Evsita"}).text
    assert 'id="check-result"' in checked and "Raloxifene" in checked
    bad = client.post("/medicines", data={"csrf_token": token, "name": "",
                                          "started_on": "2999-01-01"})  # fmt: skip
    assert bad.status_code == 422 and 'id="name-error"' in bad.text


def test_last_dose_and_remove_from_the_list(client: TestClient) -> None:
    """'Last dose today' records the stop date; 'Remove' deletes with an undo."""
    token = _csrf(client, "/medicines")
    med = client.post("/api/v1/medicines", json={"name": "Lasix"}).json()
    client.post(f"/medicines/{med['id']}/stop", data={"csrf_token": token})
    assert client.get(f"/api/v1/medicines/{med['id']}").json()["taking"] is False
    removed = client.post(f"/entries/medicine/{med['id']}/delete", data={"csrf_token": token})
    assert "Medicine deleted" in removed.text
    assert client.get("/api/v1/medicines").json()["count"] == 0


def test_forms_need_the_csrf_token(client: TestClient) -> None:
    """A one-tap POST without the form's token is refused (403) and nothing is logged."""
    client.get("/today")
    answer = client.post(f"/today/{Y}/coffee", data={})
    assert answer.status_code == 403
    assert client.get("/api/v1/caffeine").json()["count"] == 0
