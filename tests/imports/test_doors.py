"""Imports through the front doors: the CLI and the JSON API (the page: tests/browser).

The files are Cronometer exports written here as a person's download is, and an Apple Health
export from the fixtures; every answer is checked for what it says and what it stored.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nightcramps.dailyvalues.models import DailyValue

SERVINGS = (
    "Day,Time,Group,Food Name,Amount,Energy (kcal),Magnesium (mg),Potassium (mg),Category\n"
    "2026-11-20,,Breakfast,Oatmeal,1.00 cup,150,60,140,Cereal Grains and Pasta\n"
    "2026-11-20,8:30 PM,Dinner,Spinach,1.00 cup,7,24,167,Vegetables and Vegetable Products\n"
    "2026-11-21,,Lunch,Almonds,1.00 oz,164,77,,Nut and Seed Products\n"
)


def _file(tmp_path: Path, text: str = SERVINGS, name: str = "servings.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _values(session: Session) -> int:
    session.expire_all()
    return session.scalar(select(func.count()).select_from(DailyValue)) or 0


def test_cli_imports_lists_shows_and_undoes(
    cli: Callable[..., Any], tmp_path: Path, session: Session
) -> None:
    path = _file(tmp_path)
    result = cli("import", str(path), "--json")
    assert result.exit_code == 0, result.output
    stored = json.loads(result.output)
    assert stored["source"] == "cronometer" and stored["status"] == "done"
    assert stored["counts"]["magnesium_mg"]["added"] == 2
    assert stored["first_day"] == "2026-11-20" and stored["last_day"] == "2026-11-21"
    listing = json.loads(cli("import", "list", "--json").output)
    assert listing["count"] == 1 and listing["data"][0]["id"] == stored["id"]
    shown = cli("import", "show", str(stored["id"]))
    assert "magnesium_mg" in shown.output and "done" in shown.output
    again = cli("import", str(path))
    assert again.exit_code == 0 and "already imported" in again.output
    assert _values(session) == stored_count(stored)
    undone = cli("import", "undo", str(stored["id"]))
    assert undone.exit_code == 0 and "Undid import" in undone.output
    assert _values(session) == 0
    twice = cli("import", "undo", str(stored["id"]))
    assert twice.exit_code == 1 and "only a stored import can be undone" in twice.output


def stored_count(public: dict[str, Any]) -> int:
    return sum(c["added"] + c["changed"] + c["unchanged"] for c in public["counts"].values())


def test_cli_preview_stores_nothing(
    cli: Callable[..., Any], tmp_path: Path, session: Session
) -> None:
    result = cli("import", str(_file(tmp_path)), "--preview")
    assert result.exit_code == 0, result.output
    assert "Nothing was stored" in result.output and "magnesium_mg" in result.output
    assert _values(session) == 0
    assert json.loads(cli("import", "list", "--json").output)["count"] == 0


def test_cli_text_output_says_what_was_added(cli: Callable[..., Any], tmp_path: Path) -> None:
    result = cli("import", str(_file(tmp_path)), "--yes")
    assert result.exit_code == 0, result.output
    assert "Cronometer, servings.csv" in result.output
    assert "2026-11-20 to 2026-11-21" in result.output
    assert "Stored as import" in result.output and "nightcramps import undo" in result.output


def test_cli_refuses_a_file_of_no_known_app(
    cli: Callable[..., Any], tmp_path: Path, session: Session
) -> None:
    result = cli("import", str(_file(tmp_path, "a,b\n1,2\n", "mystery.csv")))
    assert result.exit_code == 1
    assert "not an export NightCramps can read" in result.output
    assert "Apple Health" in result.output
    assert _values(session) == 0


def test_cli_refuses_a_missing_path_and_a_damaged_zip(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    missing = cli("import", str(tmp_path / "nope.zip"))
    assert missing.exit_code == 1 and "There is no file or folder" in missing.output
    damaged = tmp_path / "export.zip"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("servings.csv", SERVINGS)
    damaged.write_bytes(buffer.getvalue()[:-30])
    result = cli("import", str(damaged))
    assert result.exit_code == 1 and "not a readable zip archive" in result.output


def test_cli_names_the_line_and_column_of_a_bad_cell(
    cli: Callable[..., Any], tmp_path: Path, session: Session
) -> None:
    bad = SERVINGS.replace(",60,140,", ",sixty,140,")
    result = cli("import", str(_file(tmp_path, bad)))
    assert result.exit_code == 1
    assert "line 2" in result.output and "Magnesium (mg)" in result.output
    assert "nothing was changed" in result.output
    assert _values(session) == 0


def test_cli_reads_a_zip_and_an_explicit_source(cli: Callable[..., Any], tmp_path: Path) -> None:
    archive = tmp_path / "cronometer.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("export/servings.csv", SERVINGS)
    result = cli("import", str(archive), "--source", "cronometer", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["counts"]["potassium_mg"]["added"] == 1
    wrong = cli("import", str(_file(tmp_path)), "--source", "garmin")
    assert wrong.exit_code == 1 and "does not look like an export of Garmin" in wrong.output


# ---------------------------------------------------------------------------- API


def _upload(client: TestClient, text: str = SERVINGS, **params: str) -> Any:
    files = {"file": ("servings.csv", text.encode(), "text/csv")}
    return client.post("/api/v1/imports", params=params, files=files)


def test_api_preview_confirm_and_undo(client: TestClient, session: Session) -> None:
    preview = _upload(client, preview="true")
    assert preview.status_code == 201, preview.text
    body = preview.json()
    assert body["status"] == "preview" and body["counts"]["magnesium_mg"]["added"] == 2
    assert _values(session) == 0
    confirmed = client.post(f"/api/v1/imports/{body['id']}/confirm")
    assert confirmed.status_code == 200 and confirmed.json()["status"] == "done"
    values = client.get("/api/v1/daily-values", params={"from": "2026-11-20", "to": "2026-11-21"})
    day = {d["date"]: d["values"] for d in values.json()["data"]}
    assert day["2026-11-20"]["magnesium_mg"] == {"value": 84.0, "source": "cronometer"}
    again = client.post(f"/api/v1/imports/{body['id']}/confirm")
    assert again.status_code == 409
    undone = client.post(f"/api/v1/imports/{body['id']}/undo")
    assert undone.status_code == 200 and undone.json()["status"] == "undone"
    assert _values(session) == 0
    assert client.get("/api/v1/imports").json()["count"] == 1


def test_api_same_file_twice_answers_the_first_import(client: TestClient) -> None:
    first = _upload(client).json()
    second = _upload(client)
    assert second.status_code == 201
    assert second.json()["already_imported"] == first["id"]
    assert client.get("/api/v1/imports").json()["count"] == 1


def test_api_bad_files_answer_422_with_where(client: TestClient, session: Session) -> None:
    bad = _upload(client, SERVINGS.replace(",60,140,", ",sixty,140,"))
    assert bad.status_code == 422
    assert "line 2" in bad.json()["detail"]
    headless = _upload(client, "hello\n")
    assert headless.status_code == 422 and "no 'Day' column" in headless.json()["detail"]
    no_file = client.post("/api/v1/imports", data={"source": "cronometer"})
    assert no_file.status_code == 422 and "Choose the export file" in no_file.json()["detail"]
    wrong_app = _upload(client, source="strava")
    assert wrong_app.status_code == 422 and "choose apple-health, cronometer" in wrong_app.text
    assert _values(session) == 0
    assert client.get("/api/v1/imports/999").status_code == 404


def test_api_discards_a_preview(client: TestClient) -> None:
    preview = _upload(client, preview="true").json()
    assert client.delete(f"/api/v1/imports/{preview['id']}").status_code == 204
    assert client.get("/api/v1/imports").json()["count"] == 0
