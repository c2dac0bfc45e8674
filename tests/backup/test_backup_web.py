"""The backup over HTTP: the page and the API export, restore into an empty diary, refuse what
they cannot restore (saying how to fix it), and delete everything only when it is typed; one
person's backup and deletion never reach another's rows."""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from nightcramps import timing
from nightcramps.web.app import create_app
from tests.factories import TEST_NOW
from tests.sweeps import rows
from tests.sweeps.people import Person, browser, seed_person, sign_up, sweep_settings

API = "/api/v1"
CRAMP = {"muscle": "calf", "side": "left", "severity_0_10": 6, "duration_min": 3}
CONFIRM = {"confirm": "delete everything"}


def _fill(client: TestClient, headers: dict[str, str] | None = None) -> None:
    """A few entries of several kinds, one of them deleted (awaiting its undo)."""
    headers = headers or {}
    for at, notes in (("2026-11-17T03:10:00Z", "left calf"), ("2026-11-19T02:40:00Z", "=1+1")):
        made = client.post(
            f"{API}/cramps", json={**CRAMP, "started_at": at, "notes": notes}, headers=headers
        )
        assert made.status_code == 201, made.text
    gone = client.delete(f"{API}/cramps/{made.json()['id']}", headers=headers)
    assert gone.status_code == 204, gone.text
    night = {"night_of": "2026-11-15", "status": "no_cramps", "notes": "slept"}
    assert client.post(f"{API}/nights", json=night, headers=headers).status_code == 201
    drink = {"day": "2026-11-18", "drinks": 2}
    assert client.post(f"{API}/alcohol", json=drink, headers=headers).status_code == 201


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _without_export_time(members: dict[str, bytes]) -> dict[str, Any]:
    manifest = json.loads(members["manifest.json"])
    manifest.pop("exported_at")
    return {**members, "manifest.json": manifest}


def _csrf(client: TestClient, path: str = "/data/backup") -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    assert match, path
    return match.group(1)


def _nights(client: TestClient) -> list[Any]:
    """The nights and their cramps, without the cramps' row ids: a restore makes new rows, whose
    ids PostgreSQL takes from sequences that deleting does not reset."""
    answer = client.get(f"{API}/nights", params={"from": "2026-11-01"})
    assert answer.status_code == 200, answer.text
    data: list[Any] = answer.json()["data"]
    for night in data:
        night["cramps"] = [{k: v for k, v in c.items() if k != "id"} for c in night["cramps"]]
    return data


def test_export_delete_import_export_gives_the_same_files(client: TestClient) -> None:
    """GET /export/all, delete everything, POST /import/backup: the diary is back, and a second
    export is the same files byte for byte apart from the export time."""
    _fill(client)
    first = client.get(f"{API}/export/all")
    assert first.status_code == 200
    assert first.headers["content-type"] == "application/zip"
    assert 'filename="nightcramps-backup-2026-11-24.zip"' in first.headers["content-disposition"]
    before = _nights(client)
    deleted = client.post(f"{API}/delete-everything", json=CONFIRM)
    assert deleted.status_code == 200, deleted.text
    assert deleted.json()["counts"]["cramp"] == 2
    assert deleted.json()["total"] == sum(deleted.json()["counts"].values())
    assert _nights(client) == []

    restored = client.post(
        f"{API}/import/backup", content=first.content, headers={"Content-Type": "application/zip"}
    )
    assert restored.status_code == 200, restored.text
    assert restored.json()["counts"]["cramp"] == 2
    assert _nights(client) == before
    second = client.get(f"{API}/export/all")
    assert _without_export_time(_members(second.content)) == _without_export_time(
        _members(first.content)
    )


def test_a_backup_goes_into_another_persons_empty_diary(
    engine: Engine, database_url: str, tmp_path: Path
) -> None:
    """Accounts mode: A's backup restores into B's empty diary; a second restore into the now
    full diary is a 409 that says how to restore, and nothing changes."""
    with _two_people(database_url, tmp_path) as people:
        a, b = people.a, people.b
        _fill(a.browser, a.bearer)
        backup = a.browser.get(f"{API}/export/all", headers=a.bearer).content
        restored = b.browser.post(f"{API}/import/backup", content=backup, headers=b.bearer)
        assert restored.status_code == 200, restored.text
        assert _nights_of(b) == _nights_of(a)
        kept = rows.dump(engine, [b.id])
        again = b.browser.post(f"{API}/import/backup", content=backup, headers=b.bearer)
        assert again.status_code == 409
        assert "not empty" in again.json()["detail"]
        assert "delete everything" in again.json()["detail"]
        assert rows.dump(engine, [b.id]) == kept


def _nights_of(person: Person) -> list[Any]:
    answer = person.browser.get(
        f"{API}/nights", params={"from": "2026-11-01"}, headers=person.bearer
    )
    data: list[Any] = _no_ids(answer.json()["data"])
    return data


def _no_ids(value: Any) -> Any:
    """The value without its row ids (another person's restore numbers rows anew)."""
    if isinstance(value, dict):
        return {k: _no_ids(v) for k, v in value.items() if k != "id"}
    if isinstance(value, list):
        return [_no_ids(v) for v in value]
    return value


@pytest.mark.parametrize(
    ("body", "said"),
    [
        (b"", "Send the backup zip as the request body"),
        (b"date,cramps\n2026-11-20,1\n", "not a zip file"),
        (b"PK\x03\x04 truncated", "not a zip file"),
    ],
)
def test_what_is_not_a_backup_is_refused_with_the_fix(
    client: TestClient, body: bytes, said: str
) -> None:
    """An empty body, a CSV, a broken zip: 422 saying what to send; nothing restored."""
    answer = client.post(f"{API}/import/backup", content=body)
    assert answer.status_code == 422
    assert said in answer.json()["detail"]
    assert _nights(client) == []


def test_a_changed_backup_fails_its_checksum(client: TestClient) -> None:
    """A member edited after the export: 422 naming the file; nothing restored."""
    _fill(client)
    members = _members(client.get(f"{API}/export/all").content)
    assert client.post(f"{API}/delete-everything", json=CONFIRM).status_code == 200
    members["json/cramp.json"] = members["json/cramp.json"].replace(b"left calf", b"right calf")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    answer = client.post(f"{API}/import/backup", content=out.getvalue())
    assert answer.status_code == 422
    assert "json/cramp.json does not match its checksum" in answer.json()["detail"]
    assert _nights(client) == []


def test_a_non_empty_diary_is_not_restored_into(client: TestClient) -> None:
    """Restoring into a diary with entries: 409 with how to do it instead; nothing added."""
    _fill(client)
    backup = client.get(f"{API}/export/all").content
    before = _nights(client)
    answer = client.post(f"{API}/import/backup", content=backup)
    assert answer.status_code == 409
    assert "Your diary is not empty" in answer.json()["detail"]
    assert "Merge it to add only what your diary lacks" in answer.json()["detail"]
    assert _nights(client) == before


def test_a_merge_adds_what_the_diary_lacks_through_the_api(client: TestClient) -> None:
    """``merge=true``: the diary's own entries stay as they are, the backup's others come in,
    and the same merge again adds nothing."""
    _fill(client)
    backup = client.get(f"{API}/export/all").content
    before = _nights(client)
    # After the backup, a night changed and a new one logged.
    changed = client.patch(f"{API}/nights/2026-11-15", json={"notes": "changed since"})
    assert changed.status_code == 200, changed.text
    later = {"night_of": "2026-11-21", "status": "no_cramps"}
    assert client.post(f"{API}/nights", json=later).status_code == 201
    answer = client.post(f"{API}/import/backup", params={"merge": "true"}, content=backup)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["total"] == 0 and body["kept"]["night"] == len(before)
    after = {n["night_of"]: n for n in _nights(client)}
    assert after["2026-11-15"]["notes"] == "changed since"  # the diary wins
    assert "2026-11-21" in after
    again = client.post(f"{API}/import/backup", params={"merge": "true"}, content=backup)
    assert again.json()["total"] == 0


@pytest.mark.parametrize("body", [{"confirm": "delete"}, {"confirm": ""}, {}, {"yes": True}])
def test_a_wrong_confirmation_deletes_nothing(client: TestClient, body: dict[str, Any]) -> None:
    """Anything but "delete everything" is a 422 that says what to type; the diary stays."""
    _fill(client)
    before = _nights(client)
    answer = client.post(f"{API}/delete-everything", json=body)
    assert answer.status_code == 422
    assert "confirm" in answer.json()["fields"]
    assert _nights(client) == before


def test_the_confirmation_ignores_case_and_spacing(client: TestClient) -> None:
    """ "Delete  Everything " is the same words: everything goes."""
    _fill(client)
    answer = client.post(f"{API}/delete-everything", json={"confirm": " Delete  Everything "})
    assert answer.status_code == 200, answer.text
    assert _nights(client) == []


def test_the_page_shows_what_a_backup_holds(client: TestClient) -> None:
    """The page lists each kind's file and rows, and offers the three actions."""
    _fill(client)
    page = client.get("/data/backup")
    assert page.status_code == 200
    assert "<code>json/cramp.json</code></td><td>2</td>" in page.text
    assert 'href="/data/backup.zip"' in page.text
    assert 'action="/data/backup"' in page.text
    assert 'action="/data/delete-everything"' in page.text
    download = client.get("/data/backup.zip")
    assert download.headers["content-type"] == "application/zip"
    assert "manifest.json" in _members(download.content)


def test_the_page_says_each_refusal_beside_its_field(client: TestClient) -> None:
    """No file, a file that is not a zip, a diary that is not empty, a wrong confirmation: each
    is said beside its field with a 4xx, and nothing changes."""
    _fill(client)
    token = _csrf(client)
    before = _nights(client)
    backup = client.get("/data/backup.zip").content

    def restore(name: str, data: bytes) -> Any:
        return client.post(
            "/data/backup", data={"csrf_token": token}, files={"file": (name, data, "text/csv")}
        )

    cases = [
        (restore("", b""), 422, "file-error", "Choose the backup.zip"),
        (restore("days.csv", b"date\n"), 422, "file-error", "not a zip file"),
        (restore("backup.zip", backup), 409, "file-error", "Your diary is not empty"),
        (
            client.post("/data/delete-everything", data={"csrf_token": token, "confirm": "yes"}),
            422,
            "confirm-error",
            "type &#34;delete everything&#34; to confirm",
        ),
    ]
    for answer, status, where, said in cases:
        assert answer.status_code == status, answer.text
        field = re.search(rf'<p class="field-error" id="{where}">([^<]*)</p>', answer.text)
        assert field and said in field.group(1), (where, answer.text[:2000])
        assert 'aria-invalid="true"' in answer.text
    assert _nights(client) == before


def test_the_page_restores_and_deletes(client: TestClient) -> None:
    """Local mode: Delete everything goes back to the page saying so; the restore form then
    puts the backup back."""
    _fill(client)
    backup = client.get("/data/backup.zip").content
    before = _nights(client)
    token = _csrf(client)
    gone = client.post(
        "/data/delete-everything",
        data={"csrf_token": token, "confirm": "delete everything"},
        follow_redirects=False,
    )
    assert gone.status_code == 303
    assert gone.headers["location"] == "/data/backup?signed_out=1"
    shown = client.get(gone.headers["location"])
    assert "Deleted everything" in shown.text
    assert _nights(client) == []
    token = _csrf(client)  # the session started again, with a new token
    restored = client.post(
        "/data/backup",
        data={"csrf_token": token},
        files={"file": ("backup.zip", backup, "application/zip")},
        follow_redirects=False,
    )
    assert restored.status_code == 303, restored.text
    assert "Restored" in client.get("/data/backup").text
    assert _nights(client) == before


def test_the_page_merges_into_a_diary_with_entries(client: TestClient) -> None:
    """With entries, the page's restore is a merge: the box says so and the result is told."""
    _fill(client)
    backup = client.get("/data/backup.zip").content
    page = client.get("/data/backup").text
    assert 'name="merge"' in page and ">Merge</button>" in page
    merged = client.post(
        "/data/backup",
        data={"csrf_token": _csrf(client), "merge": "1"},
        files={"file": ("backup.zip", backup, "application/zip")},
        follow_redirects=False,
    )
    assert merged.status_code == 303, merged.text
    assert "added 0 entries" in client.get("/data/backup").text


@contextmanager
def _two_people(database_url: str, folder: Path) -> Iterator[People]:
    """An accounts-mode app with two people signed up (A and B), each with a browser and a
    token."""
    settings = sweep_settings(database_url, folder, accounts=True)
    app = create_app(settings, migrate=False, clock=timing.ticking_clock(TEST_NOW))
    try:
        with ExitStack() as stack:
            document = browser(app, stack).get("/openapi.json").json()
            a = sign_up(app, stack, "alpha@example.org", document)
            b = sign_up(app, stack, "bravo@example.org", document)
            yield People(app, stack, document, a, b)
    finally:
        app.state.engine.dispose()


@dataclass
class People:
    app: FastAPI
    stack: ExitStack
    document: dict[str, Any]
    a: Person
    b: Person


def test_one_persons_delete_everything_leaves_the_others_rows(
    engine: Engine, database_url: str, tmp_path: Path
) -> None:
    """Accounts mode: B deletes everything by page, by API with the cookie and with a token:
    A's rows are the same after; B is signed out and its token stops working. Nobody signed in
    is refused. (The authorization sweep leaves these routes to this test: they delete B.)"""
    with _two_people(database_url, tmp_path) as people:
        a, b = people.a, people.b
        seed = seed_person(a, "ALPHAMARK")
        a_rows = rows.dump(engine, [a.id])
        nobody = browser(people.app, people.stack)
        assert nobody.post(f"{API}/delete-everything", json=CONFIRM).status_code == 401
        assert nobody.get(f"{API}/export/all").status_code == 401
        assert nobody.get("/data/backup").status_code == 303

        b_backup = b.browser.get(f"{API}/export/all", headers=b.bearer).content
        assert not any(m.encode() in b"".join(_members(b_backup).values()) for m in seed.markers)
        a_backup = a.browser.get(f"{API}/export/all", headers=a.bearer).content
        assert any(m.encode() in b"".join(_members(a_backup).values()) for m in seed.markers)

        page = b.browser.post("/data/delete-everything", data={"csrf_token": b.csrf, **CONFIRM})
        assert page.status_code == 303
        assert page.headers["location"] == "/signin?signed_out=1"
        assert b.browser.get("/data/backup").headers["location"].startswith("/signin")
        assert b.browser.get(f"{API}/nights", headers=b.bearer).status_code == 401
        assert rows.dump(engine, [b.id]) == {}
        assert rows.dump(engine, [a.id]) == a_rows

        c = sign_up(people.app, people.stack, "charlie@example.org", people.document)
        _fill(c.browser, c.bearer)
        by_cookie = c.browser.post(
            f"{API}/delete-everything", json=CONFIRM, headers={"X-CSRF-Token": c.csrf}
        )
        assert by_cookie.status_code == 200, by_cookie.text
        assert c.browser.get("/data/backup").headers["location"].startswith("/signin")
        d = sign_up(people.app, people.stack, "dave@example.org", people.document)
        _fill(d.browser, d.bearer)
        by_token = d.browser.post(f"{API}/delete-everything", json=CONFIRM, headers=d.bearer)
        assert by_token.status_code == 200, by_token.text
        assert by_token.json()["counts"]["cramp"] == 2
        assert d.browser.get(f"{API}/nights", headers=d.bearer).status_code == 401
        assert rows.dump(engine, [c.id, d.id]) == {}
        assert rows.dump(engine, [a.id]) == a_rows
