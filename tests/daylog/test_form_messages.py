"""Every problem on the Today and Medicines forms names the field as the page labels it and says
how to fix it, next to that field; nothing is saved."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient

from tests.daylog.test_api import Y

RAW_PHRASES = (
    "Input should",
    "Value should",
    "Value error",
    "Please check: input",
    "Please check: at",
    'id="input-error"',
    'id="at-error"',
    "bed_at",
    "wake_at",
    "stopped_on is",
)
"""Pydantic's wording and schema names that a page must never show."""


def _csrf(client: TestClient, path: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    assert match
    return match.group(1)


def _error(page: str, name: str) -> str:
    """The text of the error shown next to input ``name``."""
    match = re.search(rf'<p class="field-error" id="{name}-error">(.*?)</p>', page, re.S)
    assert match, f"no error next to {name}"
    return html.unescape(match.group(1))


def _errors(page: str) -> dict[str, str]:
    return {
        name: html.unescape(text)
        for name, text in re.findall(r'<p class="field-error" id="([\w-]+)-error">(.*?)</p>', page)
    }


def _post(client: TestClient, path: str, data: dict[str, str], page: str = "/today") -> str:
    answer = client.post(path, data={"csrf_token": _csrf(client, page), **data})
    assert answer.status_code == 422, answer.text
    for phrase in RAW_PHRASES:
        assert phrase not in html.unescape(answer.text), phrase
    return answer.text


def test_a_workout_time_of_25_00_is_named_time(client: TestClient) -> None:
    """time=25:00 says 'Time: use HH:MM, e.g. 21:30' beside the time box; nothing is logged."""
    page = _post(client, f"/today/{Y}/workout", {"activity_type": "walking",
                 "duration_min": "30", "intensity_0_10": "light", "time": "25:00"})  # fmt: skip
    assert _errors(page) == {"time": "Time: use HH:MM, e.g. 21:30, or leave it empty."}
    assert "Please check: Time: use HH:MM" in page
    assert 'value="25:00"' in page  # what was typed is kept
    assert client.get("/api/v1/activities").json()["count"] == 0


def test_a_bad_time_and_bad_minutes_are_both_named(client: TestClient) -> None:
    """A malformed time does not hide the other problems of the same form."""
    page = _post(client, f"/today/{Y}/workout", {"activity_type": "walking",
                 "duration_min": "-4", "intensity_0_10": "light", "time": "7pm"})  # fmt: skip
    assert set(_errors(page)) == {"time", "duration_min"}
    assert _error(page, "duration_min").startswith("Minutes: give the minutes of exercise")


def test_sleep_without_a_wake_time_blames_only_the_wake_time(client: TestClient) -> None:
    """Bedtime 23:00 and an empty wake time: only 'Woke up' is named, with how to fill it."""
    page = _post(client, f"/today/{Y}/sleep", {"bed_time": "23:00", "wake_time": ""})
    assert _errors(page) == {
        "wake_time": "Woke up: give the time you woke up; use HH:MM, e.g. 06:45."
    }
    assert client.get("/api/v1/sleep").json()["count"] == 0


def test_sleep_with_a_malformed_bedtime_names_went_to_sleep(client: TestClient) -> None:
    """A bedtime of 'late' names 'Went to sleep' only; the good wake time is not blamed."""
    page = _post(client, f"/today/{Y}/sleep", {"bed_time": "late", "wake_time": "06:30"})
    assert _errors(page) == {"bed_time": "Went to sleep: use HH:MM, e.g. 23:15."}


def test_a_refused_sleep_is_said_beside_woke_up(client: TestClient) -> None:
    """Bed 06:00, wake 05:00 (23 h) is refused with the reason beside 'Woke up'."""
    page = _post(client, f"/today/{Y}/sleep", {"bed_time": "06:00", "wake_time": "05:00"})
    assert _error(page, "wake_time").startswith("Woke up: 23.0 hours is longer than one sleep")


def test_an_empty_medicine_name_says_what_to_type(client: TestClient) -> None:
    """An empty name: 'Name as on the box: type the medicine's name, e.g. …' beside the box."""
    page = _post(client, "/medicines", {"name": "", "dose": "40 mg"}, page="/medicines")
    assert _error(page, "name").startswith("Name as on the box: type the medicine's name, e.g.")
    assert client.get("/api/v1/medicines").json()["count"] == 0


def test_a_stop_date_before_the_start_date_is_said_on_last_dose(client: TestClient) -> None:
    """Last dose before 'Started on' is said beside 'Last dose', never on a field 'input'."""
    page = _post(client, "/medicines", {"name": "Lasix", "started_on": "2026-05-10",
                 "stopped_on": "2026-05-01"}, page="/medicines")  # fmt: skip
    assert _errors(page) == {
        "stopped_on": "Last dose: is before Started on; fix one of the two dates."
    }
    assert 'value="2026-05-01"' in page


@pytest.mark.parametrize(
    ("action", "data", "field", "start"),
    [
        ("caffeine", {"caffeine_mg": "5000"}, "caffeine_mg", "Caffeine (mg): give the milligrams"),
        ("caffeine", {"caffeine_mg": ""}, "caffeine_mg", "Caffeine (mg): give the milligrams"),
        ("alcohol", {"drinks": "0"}, "drinks", "Drinks: give a number above 0"),
        ("alcohol", {"drinks": "1", "standard_units": "-1"}, "standard_units", "Standard units:"),
        ("day", {"steps": "lots"}, "steps", "Steps: a whole number from 0 to 150,000"),
        ("day", {"standing_h": "30"}, "standing_h", "Hours standing: a number from 0 to 24"),
        ("day", {"standing_h": "20", "sitting_h": "10"}, "sitting_h",
         "Hours sitting: standing and sitting together can be at most 24 hours"),
        ("workout", {"activity_type": "walking", "duration_min": "30"}, "intensity_0_10",
         "Effort: pick light, moderate or vigorous"),
    ],
)  # fmt: skip
def test_each_today_form_names_its_fields(
    client: TestClient, action: str, data: dict[str, str], field: str, start: str
) -> None:
    """Each form's problem is beside the field, starting with the page's label and the fix."""
    page = _post(client, f"/today/{Y}/{action}", data)
    assert _error(page, field).startswith(start)
