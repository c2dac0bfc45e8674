"""The diary calendar and a night's page on the app's clock: which month opens, what the days of
neighbouring months and of the future show, back-filling a missed night, moving a cramp."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

FIRST_OF_DECEMBER = datetime(2026, 12, 1, 13, 0, tzinfo=UTC)
"""13:00 on Tue 1 Dec 2026 in London: after the noon cut-over, last night is 30 November."""


def _csrf(client: TestClient, path: str = "/") -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    assert match
    return match.group(1)


def _cell_for(page: str, iso: str) -> str:
    match = re.search(rf'<a href="/diary/{iso}" class="([^"]+)" aria-label="([^"]+)"', page)
    assert match, f"no link to {iso}"
    return f"{match.group(1)} | {match.group(2)}"


@pytest.mark.parametrize("clock_start", [FIRST_OF_DECEMBER])
def test_on_the_first_the_diary_opens_on_last_nights_month(client: TestClient) -> None:
    """At 13:00 on 1 December a night logged for 30 November is in the calendar that opens."""
    token = _csrf(client)
    client.post("/checkin/no-cramps", data={"csrf_token": token})
    page = client.get("/diary").text
    assert "<title>Diary November 2026" in page
    assert "free" in _cell_for(page, "2026-11-30") and "no cramps" in _cell_for(page, "2026-11-30")
    assert "1 cramp-free" in page


@pytest.mark.parametrize("clock_start", [FIRST_OF_DECEMBER])
def test_days_of_the_neighbouring_month_carry_their_nights(client: TestClient) -> None:
    """December's grid starts on Mon 30 November, drawn as another month's day, with its data."""
    client.post("/checkin/no-cramps", data={"csrf_token": _csrf(client)})
    december = client.get("/diary", params={"month": "2026-12"}).text
    cell = _cell_for(december, "2026-11-30")
    assert cell.startswith("free out") and "Monday 30 November: no cramps" in cell
    assert "<small>Nov</small>" in december
    assert "0 nights with cramps, 0 cramp-free" in december  # 30 Nov is not December's


@pytest.mark.parametrize("clock_start", [FIRST_OF_DECEMBER])
def test_future_nights_look_different_from_nights_not_logged(client: TestClient) -> None:
    """Tonight (1 Dec) is a past-or-present night with a link; 2 December has not begun."""
    december = client.get("/diary", params={"month": "2026-12"}).text
    assert _cell_for(december, "2026-12-01").startswith("none |")
    assert 'href="/diary/2026-12-02"' not in december
    assert 'class="day future" aria-label="Wednesday 2 December: not begun yet"' in december
    legend = december.split('class="legend"')[1]
    for swatch in ("free", "sev-1", "sev-2", "sev-3", "sev-4", "unknown", "none", "future", "out"):
        assert f'class="{swatch}' in legend or f' {swatch}"' in legend, swatch


@pytest.mark.parametrize("clock_start", [datetime(2027, 3, 1, 13, 0, tzinfo=UTC)])
def test_a_first_that_is_a_monday_still_shows_last_night(client: TestClient) -> None:
    """On Mon 1 March 2027 last night is 28 February: the diary opens on February."""
    client.post("/checkin/no-cramps", data={"csrf_token": _csrf(client)})
    page = client.get("/diary").text
    assert "<title>Diary February 2027" in page
    assert _cell_for(page, "2027-02-28").startswith("free |")


def test_a_missed_night_can_be_marked_cramp_free_from_its_page(client: TestClient) -> None:
    """An unlogged past night's page offers 'No cramps that night'; one tap logs it."""
    page = client.get("/diary/2026-11-20")
    assert page.status_code == 200
    assert "Nothing is logged for this night yet" in page.text
    assert 'action="/diary/2026-11-20/no-cramps"' in page.text
    assert 'href="/cramps/new?night_of=2026-11-20"' in page.text
    answer = client.post(
        "/diary/2026-11-20/no-cramps", data={"csrf_token": _csrf(client)}, follow_redirects=True
    )
    assert "Logged: no cramps on the night of Fri 20 Nov 2026." in answer.text
    assert client.get("/api/v1/nights/2026-11-20").json()["status"] == "no_cramps"
    calendar = client.get("/diary", params={"month": "2026-11"}).text
    assert _cell_for(calendar, "2026-11-20").startswith("free |")


def test_the_calendar_links_an_unlogged_night_to_its_page(client: TestClient) -> None:
    """Tapping a past day with nothing logged opens that night's page, not only the cramp form."""
    calendar = client.get("/diary", params={"month": "2026-11"}).text
    assert "Friday 20 November: not logged; log it" in _cell_for(calendar, "2026-11-20")


def test_a_night_whose_only_cramp_was_deleted_can_be_marked_cramp_free(
    client: TestClient,
) -> None:
    """After deleting its one cramp the night is 'not answered' and offers 'Mark as no cramps'."""
    cramp = client.post(
        "/api/v1/cramps",
        json={"night_of": "2026-11-22", "muscle": "calf", "side": "left", "severity_0_10": 5},
    ).json()
    client.delete(f"/api/v1/cramps/{cramp['id']}")
    page = client.get("/diary/2026-11-22").text
    assert "cramps not answered" in page and "Mark as no cramps" in page
    client.post("/diary/2026-11-22/no-cramps", data={"csrf_token": _csrf(client)})
    assert client.get("/api/v1/nights/2026-11-22").json()["status"] == "no_cramps"


def test_a_night_with_cramps_offers_no_cramp_free_button(client: TestClient) -> None:
    """'Mark as no cramps' is not offered where cramps are logged, and posting it is refused."""
    client.post(
        "/api/v1/cramps",
        json={"night_of": "2026-11-22", "muscle": "calf", "side": "left", "severity_0_10": 5},
    )
    assert "Mark as no cramps" not in client.get("/diary/2026-11-22").text
    refused = client.post("/diary/2026-11-22/no-cramps", data={"csrf_token": _csrf(client)})
    assert refused.status_code == 409
    assert "delete them before marking it cramp-free" in refused.text


def test_a_night_that_has_not_begun_has_no_page(client: TestClient) -> None:
    """On the 24th at 09:00 the night of the 25th has not begun: 404 with the reason."""
    page = client.get("/diary/2026-11-25")
    assert page.status_code == 404
    assert "has not begun yet" in page.text
    refused = client.post("/diary/2026-11-25/no-cramps", data={"csrf_token": _csrf(client)})
    assert refused.status_code == 422 and "has not started yet" in refused.text


def _cramp_edit_form(token: str, **fields: str) -> dict[str, str]:
    form = {"csrf_token": token, "muscle": "calf", "side": "left", "severity_0_10": "6"}
    form.update(fields)
    return form


def test_an_edit_moves_a_cramp_to_another_night_keeping_its_time(client: TestClient) -> None:
    """Changing the edit form's night from the 23rd to the 20th moves the 03:10 cramp there."""
    cramp = client.post(
        "/api/v1/cramps",
        json={
            "started_at": "2026-11-24T03:10:00",
            "muscle": "calf",
            "side": "left",
            "severity_0_10": 6,
        },
    ).json()
    form = client.get(f"/cramps/{cramp['id']}/edit").text
    assert 'type="date" id="night_of" name="night_of" value="2026-11-23"' in form
    token = _csrf(client, f"/cramps/{cramp['id']}/edit")
    saved = client.post(
        f"/cramps/{cramp['id']}/edit",
        data=_cramp_edit_form(token, night_of="2026-11-20", time="03:10"),
        follow_redirects=False,
    )
    assert saved.status_code == 303 and saved.headers["location"] == "/diary/2026-11-20"
    moved = client.get(f"/api/v1/cramps/{cramp['id']}").json()
    assert moved["night_of"] == "2026-11-20"
    assert moved["started_at"].startswith("2026-11-21T03:10")
    assert client.get("/api/v1/nights/2026-11-23").json()["cramp_count"] == 0


def test_an_edit_moves_a_cramp_without_a_time(client: TestClient) -> None:
    """A cramp logged 'during the night' moves to the night chosen in the edit form."""
    cramp = client.post(
        "/api/v1/cramps",
        json={"night_of": "2026-11-23", "muscle": "calf", "side": "left", "severity_0_10": 6},
    ).json()
    token = _csrf(client, f"/cramps/{cramp['id']}/edit")
    client.post(f"/cramps/{cramp['id']}/edit", data=_cramp_edit_form(token, night_of="2026-11-19"))
    moved = client.get(f"/api/v1/cramps/{cramp['id']}").json()
    assert (moved["night_of"], moved["started_at"]) == ("2026-11-19", None)


def test_an_edit_cannot_move_a_cramp_into_the_future(client: TestClient) -> None:
    """A night that has not begun is refused on the edit form, and the cramp stays."""
    cramp = client.post(
        "/api/v1/cramps",
        json={"night_of": "2026-11-23", "muscle": "calf", "side": "left", "severity_0_10": 6},
    ).json()
    token = _csrf(client, f"/cramps/{cramp['id']}/edit")
    refused = client.post(
        f"/cramps/{cramp['id']}/edit", data=_cramp_edit_form(token, night_of="2026-11-28")
    )
    assert refused.status_code == 422 and "Night: is in the future" in refused.text
    assert client.get(f"/api/v1/cramps/{cramp['id']}").json()["night_of"] == "2026-11-23"
