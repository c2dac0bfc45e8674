"""The diary's pages through the app factory: forms, errors that say what to fix, undo."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient


def _csrf(client: TestClient, path: str = "/cramps/new") -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    assert match
    return match.group(1)


def _cramp_form(token: str, **overrides: str) -> dict[str, str]:
    form = {
        "csrf_token": token,
        "night_of": "2026-11-23",
        "time": "03:10",
        "muscle": "calf",
        "side": "left",
        "severity_0_10": "7",
        "duration_min": "4",
    }
    form.update(overrides)
    return form


def test_home_asks_about_last_night(client: TestClient) -> None:
    """The check-in page offers one-tap 'No cramps' and the cramp form."""
    page = client.get("/")
    assert page.status_code == 200
    assert "How was last night?" in page.text
    assert 'id="no-cramps"' in page.text


def test_cramp_form_saves_and_redirects_to_the_night(client: TestClient) -> None:
    """A posted cramp at 03:10 lands on the night of the 23rd and shows there."""
    answer = client.post("/cramps", data=_cramp_form(_csrf(client)), follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/diary/2026-11-23"
    night = client.get("/diary/2026-11-23")
    assert "03:10" in night.text
    assert "severity 7/10" in night.text


def test_invalid_form_is_shown_again_with_messages(client: TestClient) -> None:
    """Severity 11 and duration -3 re-render the form (422) with both problems named."""
    token = _csrf(client)
    answer = client.post("/cramps", data=_cramp_form(token, severity_0_10="11", duration_min="-3"))
    assert answer.status_code == 422
    assert "Severity: give a whole number from 0 (none) to 10 (worst)" in answer.text
    assert "Duration in minutes: give the minutes, above 0 up to 240" in answer.text
    assert 'value="-3"' in answer.text  # what the person typed is kept
    assert client.get("/api/v1/nights").json()["count"] == 0


def test_malformed_time_in_form(client: TestClient) -> None:
    """A time like 25:99 is refused with a message, not a crash."""
    answer = client.post("/cramps", data=_cramp_form(_csrf(client), time="25:99"))
    assert answer.status_code == 422
    assert "at" in answer.text


def test_delete_offers_undo(client: TestClient) -> None:
    """Deleting a cramp shows an Undo button that restores it."""
    client.post("/cramps", data=_cramp_form(_csrf(client)))
    cramp_id = client.get("/api/v1/nights/2026-11-23").json()["cramps"][0]["id"]
    page = client.post(f"/cramps/{cramp_id}/delete", data={"csrf_token": _csrf(client)})
    assert "Cramp deleted." in page.text
    assert f'action="/cramps/{cramp_id}/restore"' in page.text
    client.post(f"/cramps/{cramp_id}/restore", data={"csrf_token": _csrf(client)})
    assert client.get("/api/v1/nights/2026-11-23").json()["cramp_count"] == 1


def test_month_calendar_colours_and_labels(client: TestClient) -> None:
    """The calendar marks cramp nights by severity and cramp-free nights, with text labels."""
    client.post("/cramps", data=_cramp_form(_csrf(client), severity_0_10="9"))
    client.post("/api/v1/nights", json={"night_of": "2026-11-21", "no_cramps": True})
    page = client.get("/diary?month=2026-11")
    assert page.status_code == 200
    assert 'class="sev-4"' in page.text
    assert 'class="free"' in page.text
    assert "Monday 23 November: 1 cramp, worst 9 of 10" in page.text
    assert "Saturday 21 November: no cramps" in page.text


def test_bad_month_is_a_clear_error(client: TestClient) -> None:
    """?month=2026-13 is refused with the expected format."""
    answer = client.get("/diary?month=2026-13")
    assert answer.status_code == 422
    assert "YYYY-MM" in answer.text


def test_unknown_page_is_a_friendly_404(client: TestClient) -> None:
    """An unknown address gets the 404 page, not a stack trace."""
    answer = client.get("/no/such/page")
    assert answer.status_code == 404
    assert "There is no page at this address." in answer.text


def test_edit_cramp_form(client: TestClient) -> None:
    """The edit form is prefilled and saving changes the cramp."""
    client.post("/cramps", data=_cramp_form(_csrf(client)))
    cramp_id = client.get("/api/v1/nights/2026-11-23").json()["cramps"][0]["id"]
    form_page = client.get(f"/cramps/{cramp_id}/edit")
    assert 'value="03:10"' in form_page.text
    token = _csrf(client)
    client.post(f"/cramps/{cramp_id}/edit", data=_cramp_form(token, severity_0_10="3", time=""))
    cramp = client.get(f"/api/v1/cramps/{cramp_id}").json()
    assert cramp["severity_0_10"] == 3
    assert cramp["started_at"] is None


def test_unknown_host_is_refused(client: TestClient) -> None:
    """A request for another host name (DNS rebinding) is refused."""
    assert client.get("/", headers={"host": "evil.example"}).status_code == 400
