"""Share links through the API and the page (local mode), and what a viewer of a link sees.

The app's clock is the tests' (24 Nov 2026, 09:00 UTC) unless a test moves it by hand.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from nightcramps.config import Settings
from nightcramps.sharing import service
from nightcramps.web.app import create_app
from tests.accounts.signed_in import HandClock
from tests.factories import TEST_NOW

API = "/api/v1"
CRAMP = {
    "started_at": "2026-11-23T03:10:00Z",
    "muscle": "calf",
    "side": "left",
    "severity_0_10": 7,
    "notes": "woke me twice",
}
VIEWER_HEADERS = {
    "cache-control": "no-store",
    "referrer-policy": "no-referrer",
    "x-robots-tag": "noindex, nofollow",
}
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def _make(client: TestClient, **body: Any) -> dict[str, Any]:
    answer = client.post(f"{API}/share-links", json={"scope": "diary", "days": 7, **body})
    assert answer.status_code == 201, answer.text
    made: dict[str, Any] = answer.json()
    return made


def _viewer_headers(answer: Any) -> None:
    for name, value in VIEWER_HEADERS.items():
        assert answer.headers.get_list(name) == [value], (answer.url, name)


def _gone(answer: Any) -> None:
    """The one answer to a link that does not open: 404, the same words, no data."""
    assert answer.status_code == 404
    assert service.GONE in answer.text
    assert "calf" not in answer.text and "woke me" not in answer.text
    assert 'href="/diary' not in answer.text and "<form" not in answer.text
    _viewer_headers(answer)


@pytest.fixture
def logged(client: TestClient) -> TestClient:
    """A diary with one cramp on the night of 22 Nov."""
    answer = client.post(f"{API}/cramps", json=CRAMP)
    assert answer.status_code == 201, answer.text
    return client


def test_create_list_get_and_revoke_through_the_api(logged: TestClient) -> None:
    client = logged
    made = _make(client, label="Dr Patel")
    assert made["url"].startswith("http://testserver/s/")
    assert made["path"] == made["url"].removeprefix("http://testserver")
    assert made["status"] == "active" and made["scope"] == "diary" and made["days"] == 7
    assert made["expires_at"].startswith("2026-12-01T09:00")
    listed = client.get(f"{API}/share-links").json()
    assert listed["count"] == 1
    shown = listed["data"][0]
    assert shown["id"] == made["id"] and shown["label"] == "Dr Patel"
    assert "url" not in shown and "path" not in shown  # the address is shown once only
    one = client.get(f"{API}/share-links/{made['id']}").json()
    assert one == shown
    assert client.delete(f"{API}/share-links/{made['id']}").status_code == 204
    after = client.get(f"{API}/share-links/{made['id']}").json()
    assert after["status"] == "revoked" and after["revoked_at"] is not None
    assert client.delete(f"{API}/share-links/{made['id']}").status_code == 204  # again: same
    _gone(client.get(made["path"]))


def test_the_viewer_sees_the_report_diary_and_pdf_and_each_view_is_logged(
    logged: TestClient,
) -> None:
    client = logged
    made = _make(client)
    report = client.get(made["path"])
    assert report.status_code == 200, report.text
    _viewer_headers(report)
    assert "Report for the doctor" in report.text
    assert "not a diagnosis" in report.text
    assert "<form" not in report.text
    for editing in ('href="/diary', 'href="/today', 'href="/profile', 'href="/share"'):
        assert editing not in report.text
    css = client.get(made["path"] + "/report.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    diary = client.get(made["path"] + "/diary", params={"month": "2026-11"})
    assert diary.status_code == 200, diary.text
    _viewer_headers(diary)
    assert "November 2026" in diary.text
    assert "calf (left), severity 7/10" in diary.text and "woke me twice" in diary.text
    assert "<form" not in diary.text
    pdf = client.get(made["path"] + "/report.pdf")
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    _viewer_headers(pdf)
    views = client.get(f"{API}/share-links/{made['id']}").json()["views"]
    assert [v["path"] for v in views] == ["/", "/diary?month=2026-11", "/report.pdf"]
    assert all(v["viewed_at"].startswith("2026-11-24") for v in views)
    page = client.get("/share")
    assert "3 views" in page.text
    assert "diary, 2026-11" in page.text and "report PDF" in page.text


def test_a_report_link_does_not_open_the_diary(logged: TestClient) -> None:
    made = _make(logged, scope="report")
    assert logged.get(made["path"]).status_code == 200
    _gone(logged.get(made["path"] + "/diary"))


def test_the_token_is_stored_only_as_its_digest(client: TestClient, engine: Engine) -> None:
    made = _make(client)
    token = made["path"].removeprefix("/s/")
    assert len(token) == 43
    with engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(text("SELECT * FROM share_link"))]
    assert len(rows) == 1
    assert rows[0]["token_hash"] == service.hash_token(token) != token
    assert all(token not in str(value) for row in rows for value in row.values())


@pytest.mark.parametrize(
    "token",
    [
        "x",
        "A" * 43,  # the right shape, but no link
        "A" * 44,
        "not a token at all",
        "%2e%2e",
        "Z" * 500,
    ],
)
def test_an_unknown_or_malformed_token_is_the_same_404(logged: TestClient, token: str) -> None:
    _make(logged)
    for tail in ("", "/diary", "/report.pdf", "/report.css"):
        _gone(logged.get(f"/s/{token}{tail}"))


def test_a_link_expires_after_its_days(settings: Settings, logged: TestClient) -> None:
    """Seven days after it was made (by the clock, moved by hand) the link answers 404."""
    week = _make(logged)
    month = _make(logged, days=30)
    clock = HandClock(TEST_NOW + timedelta(days=7) - timedelta(minutes=1))
    later = create_app(settings, migrate=False, clock=clock)
    try:
        with TestClient(later) as viewer:
            assert viewer.get(week["path"]).status_code == 200
            clock.advance(minutes=2)  # the link was made a few seconds after TEST_NOW
            _gone(viewer.get(week["path"]))
            _gone(viewer.get(week["path"] + "/report.pdf"))
            assert viewer.get(month["path"]).status_code == 200
            listed = viewer.get(f"{API}/share-links").json()["data"]
            assert {link["id"]: link["status"] for link in listed} == {
                week["id"]: "expired",
                month["id"]: "active",
            }
            clock.advance(days=23)
            _gone(viewer.get(month["path"]))
    finally:
        later.state.engine.dispose()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"days": 3}, "days"),
        ({"days": "forever"}, "days"),
        ({"scope": "everything"}, "scope"),
        ({"label": "x" * 81}, "label"),
        ({"token": "mine"}, "token"),
    ],
)
def test_bad_input_is_refused_with_what_to_do(
    client: TestClient, body: dict[str, Any], field: str
) -> None:
    answer = client.post(f"{API}/share-links", json=body)
    assert answer.status_code == 422
    problem = answer.json()
    assert field in problem["fields"], problem
    if field == "days":
        assert problem["fields"]["days"] == "choose 7 or 30"
    assert client.get(f"{API}/share-links").json()["count"] == 0


def _csrf(client: TestClient, path: str = "/share") -> str:
    match = CSRF.search(client.get(path).text)
    assert match
    return match.group(1)


def test_the_page_makes_lists_and_revokes(logged: TestClient) -> None:
    client = logged
    page = client.get("/share")
    assert page.status_code == 200
    assert "You have not shared anything." in page.text
    assert "works only while" in page.text  # local mode says where the link works
    assert 'href="/share"' in client.get("/report").text  # linked from the report page
    token = _csrf(client)
    form = {"scope": "diary", "days": "30", "label": "my daughter", "csrf_token": token}
    made = client.post("/share", data=form)
    assert made.status_code == 200
    url = re.search(r'id="new-link-url" readonly value="([^"]+)"', made.text)
    assert url, made.text
    path = url.group(1).removeprefix("http://testserver")
    assert "Copy it now" in made.text and "my daughter" in made.text
    assert client.get(path).status_code == 200
    again = client.get("/share")
    assert path not in again.text  # never shown again
    assert "1 view" in again.text and "active" in again.text
    link_id = client.get(f"{API}/share-links").json()["data"][0]["id"]
    revoked = client.post(f"/share/{link_id}/revoke", data={"csrf_token": token})
    assert revoked.status_code == 200  # followed to /share
    assert "revoked: it no longer opens" in revoked.text
    assert "Revoke my daughter" not in revoked.text
    _gone(client.get(path))


@pytest.mark.parametrize(
    ("form", "field", "words"),
    [
        ({"scope": "diary", "days": "3"}, "days", "7 or 30 days"),
        ({"scope": "all", "days": "7"}, "scope", "the report and the diary"),
        ({"scope": "report", "days": "7", "label": "y" * 81}, "label", "at most 80"),
    ],
)
def test_the_page_says_a_refusal_beside_its_field(
    client: TestClient, form: dict[str, str], field: str, words: str
) -> None:
    answer = client.post("/share", data={**form, "csrf_token": _csrf(client)})
    assert answer.status_code == 422
    said = re.search(rf'<p class="field-error" id="{field}-error">([^<]+)</p>', answer.text)
    assert said and words in said.group(1), answer.text
    assert "Nothing was made" in answer.text
    assert client.get(f"{API}/share-links").json()["count"] == 0


def test_revoking_a_link_that_is_not_there_is_404(client: TestClient) -> None:
    assert client.delete(f"{API}/share-links/999999").status_code == 404
    assert client.get(f"{API}/share-links/999999").status_code == 404
    answer = client.post("/share/999999/revoke", data={"csrf_token": _csrf(client)})
    assert answer.status_code == 404
    assert "There is no share link number 999999" in answer.text


def test_a_bad_month_is_said_on_the_viewers_page(logged: TestClient) -> None:
    made = _make(logged)
    answer = logged.get(made["path"] + "/diary", params={"month": "11/2026"})
    assert answer.status_code == 422
    assert "Give the month as YYYY-MM" in answer.text
    _viewer_headers(answer)
    views = logged.get(f"{API}/share-links/{made['id']}").json()["views"]
    assert views == []


def test_the_viewers_answer_leaves_the_person_page_headers_alone(
    app: FastAPI, client: TestClient
) -> None:
    """The person's own pages keep the app's Referrer-Policy; only the viewer's say no-referrer."""
    del app
    assert client.get("/share").headers["referrer-policy"] == "same-origin"
