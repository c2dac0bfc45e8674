"""Share links in accounts mode: a viewer needs no account, and nobody reaches another person's
links by their numbers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from nightcramps.config import Settings
from nightcramps.sharing import service
from tests.accounts.signed_in import HandClock, accounts_settings, browser, csrf, make_app, sign_up
from tests.factories import TEST_NOW

API = "/api/v1"
CRAMP = {
    "started_at": "2026-11-23T03:10:00Z",
    "muscle": "foot",
    "side": "right",
    "severity_0_10": 5,
}


@pytest.fixture
def accounts_app(settings: Settings) -> Iterator[FastAPI]:
    app = make_app(accounts_settings(settings), HandClock(TEST_NOW))
    yield app
    app.state.engine.dispose()


def _person(app: FastAPI, email: str) -> tuple[TestClient, str]:
    client = browser(app)
    sign_up(client, email)
    token = csrf(client, "/share")
    return client, token


def test_a_signed_out_viewer_sees_the_shared_pages(accounts_app: FastAPI) -> None:
    ann, token = _person(accounts_app, "ann@example.org")
    headers = {"X-CSRF-Token": token}
    assert ann.post(f"{API}/cramps", json=CRAMP, headers=headers).status_code == 201
    made = ann.post(f"{API}/share-links", json={"scope": "diary", "days": 30}, headers=headers)
    assert made.status_code == 201, made.text
    path = made.json()["path"]
    stranger = browser(accounts_app)
    report = stranger.get(path)
    assert report.status_code == 200, report.text
    assert "Report for the doctor" in report.text
    assert "works only while" not in report.text  # over a server, not a local app
    diary = stranger.get(path + "/diary", params={"month": "2026-11"})
    assert diary.status_code == 200 and "foot (right), severity 5/10" in diary.text
    assert stranger.get(path + "/report.css").status_code == 200
    # Only the shared pages: the rest still sends the signed-out to sign in.
    assert stranger.get("/diary").status_code == 303
    assert stranger.get("/share").status_code == 303
    assert stranger.get(f"{API}/share-links").status_code == 401
    assert stranger.get("/report/report.css").status_code in (303, 401)
    views = ann.get(f"{API}/share-links/{made.json()['id']}").json()["views"]
    assert [v["path"] for v in views] == ["/", "/diary?month=2026-11"]
    page = ann.get("/share")
    assert "2 views" in page.text and "works only while" not in page.text


def test_another_persons_link_reads_as_missing(accounts_app: FastAPI) -> None:
    ann, ann_csrf = _person(accounts_app, "ann@example.org")
    bob, bob_csrf = _person(accounts_app, "bob@example.org")
    made = ann.post(
        f"{API}/share-links", json={"label": "Dr Patel"}, headers={"X-CSRF-Token": ann_csrf}
    ).json()
    link_id = made["id"]
    assert bob.get(f"{API}/share-links/{link_id}").status_code == 404
    gone = bob.delete(f"{API}/share-links/{link_id}", headers={"X-CSRF-Token": bob_csrf})
    assert gone.status_code == 404
    page = bob.post(f"/share/{link_id}/revoke", data={"csrf_token": bob_csrf})
    assert page.status_code == 404
    assert "Dr Patel" not in bob.get("/share").text
    assert bob.get(f"{API}/share-links").json()["count"] == 0
    assert ann.get(f"{API}/share-links/{link_id}").json()["status"] == "active"
    assert browser(accounts_app).get(made["path"]).status_code == 200


def test_a_revoked_link_is_404_to_the_viewer(accounts_app: FastAPI) -> None:
    ann, token = _person(accounts_app, "ann@example.org")
    made = ann.post(f"{API}/share-links", json={}, headers={"X-CSRF-Token": token}).json()
    viewer = browser(accounts_app)
    assert viewer.get(made["path"]).status_code == 200
    revoked = ann.post(f"/share/{made['id']}/revoke", data={"csrf_token": token})
    assert revoked.status_code == 303
    answer = viewer.get(made["path"])
    assert answer.status_code == 404
    assert service.GONE in answer.text
    assert answer.headers["referrer-policy"] == "no-referrer"
