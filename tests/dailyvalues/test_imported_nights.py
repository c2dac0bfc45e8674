"""Nights created by a daily-CSV import, as the diary's pages, API and CLI show them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from fastapi.testclient import TestClient

from nightcramps.dailyvalues.columns import CSV_HEADER

HEADER = ",".join(CSV_HEADER)
NIGHT = "2026-11-01"


def _import(client: TestClient, *rows: str) -> None:
    text = "\n".join([HEADER, *rows]) + "\n"
    answer = client.post(
        "/api/v1/import/daily-csv", content=text, headers={"Content-Type": "text/csv"}
    )
    assert answer.status_code == 200, answer.text


def _token(client: TestClient, path: str) -> str:
    return client.get(path).text.split('name="csrf_token" value="')[1].split('"')[0]


def test_imported_count_shows_on_the_night(client: TestClient) -> None:
    """A night with 3 imported cramps reads as 3 cramps (imported), not "not answered"."""
    _import(client, f"{NIGHT},3,7,1400,,,,,,,,,,", "2026-11-02,2,,,,,,,,,,,,")
    night = client.get(f"/api/v1/nights/{NIGHT}").json()
    assert (night["status"], night["cramp_count"], night["worst_severity_0_10"]) == ("cramps", 3, 7)
    assert night["counted_from"] == "import" and night["cramps"] == []
    listed = client.get("/api/v1/nights", params={"from": "2026-11-01", "to": "2026-11-02"}).json()
    assert [(n["night_of"], n["cramp_count"]) for n in listed["data"]] == [
        ("2026-11-02", 2),
        ("2026-11-01", 3),
    ]
    page = client.get(f"/diary/{NIGHT}").text
    assert "3 cramps, worst 7/10" in page and 'id="imported-count"' in page
    month = client.get("/diary", params={"month": "2026-11"}).text
    assert "3 cramps, worst 7/10 (imported)" in month
    assert "2 cramps (imported)" in month  # no worst severity in the file: none is invented
    assert "not answered</span>" not in month


def test_a_logged_cramp_replaces_the_imported_count(client: TestClient) -> None:
    """Once a cramp is logged for the night, the diary's own answer is shown, never a sum."""
    _import(client, f"{NIGHT},3,7,,,,,,,,,,,")
    logged = client.post(
        "/api/v1/cramps",
        json={"night_of": NIGHT, "muscle": "calf", "side": "left", "severity_0_10": 4},
    )
    assert logged.status_code == 201, logged.text
    night = client.get(f"/api/v1/nights/{NIGHT}").json()
    assert (night["cramp_count"], night["worst_severity_0_10"]) == (1, 4)
    assert night["counted_from"] == "diary"
    exported = client.get("/api/v1/export/daily.csv", params={"from": NIGHT, "to": NIGHT}).text
    assert exported.splitlines()[1].startswith(f"{NIGHT},1,4,")


def test_deleting_an_imported_night_makes_it_unknown_again(client: TestClient) -> None:
    """A deleted night drops out of the export and the insights, though its file said 3 cramps."""
    _import(client, f"{NIGHT},3,7,1400,,,,,,,,,,")
    token = _token(client, f"/diary/{NIGHT}")
    deleted = client.post(f"/diary/{NIGHT}/delete", data={"csrf_token": token})
    assert deleted.status_code in (200, 303)
    exported = client.get("/api/v1/export/daily.csv", params={"from": NIGHT, "to": NIGHT}).text
    row = exported.splitlines()[1].split(",")
    assert row[:4] == [NIGHT, "", "", "1400"]  # the day's fluid is still known; the night is not
    restored = client.post(f"/api/v1/nights/{NIGHT}/restore")
    assert restored.status_code == 200 and restored.json()["cramp_count"] == 3


def test_cli_shows_the_imported_count(client: TestClient, cli: Callable[..., Any]) -> None:
    """`night show` and `night list --json` give the imported count and where it came from."""
    _import(client, f"{NIGHT},2,,,,,,,,,,,,")
    shown = cli("night", "show", NIGHT)
    assert shown.exit_code == 0, shown.output
    assert "2 cramp(s), worst unknown/10, counted by an imported daily summary" in shown.output
    listed = cli("night", "list", "--from", NIGHT, "--to", NIGHT, "--json")
    assert listed.exit_code == 0, listed.output
    assert '"counted_from": "import"' in listed.output
    assert date.fromisoformat(NIGHT).isoformat() in listed.output


def test_a_corrected_file_corrects_the_night(client: TestClient) -> None:
    """Importing 0 cramps, then a corrected file with 2, shows 2: an imported 0 is no diary mark."""
    _import(client, f"{NIGHT},0,,,,,,,,,,,,")
    assert client.get(f"/api/v1/nights/{NIGHT}").json()["status"] == "no_cramps"
    _import(client, f"{NIGHT},2,6,,,,,,,,,,,")
    night = client.get(f"/api/v1/nights/{NIGHT}").json()
    assert (night["status"], night["cramp_count"], night["worst_severity_0_10"]) == ("cramps", 2, 6)
    exported = client.get("/api/v1/export/daily.csv", params={"from": NIGHT, "to": NIGHT}).text
    assert exported.splitlines()[1].startswith(f"{NIGHT},2,6,")


def test_the_diary_answer_is_kept_and_reported(
    client: TestClient, cli: Callable[..., Any], tmp_path: Any
) -> None:
    """A file disagreeing with a night answered in the diary names the nights that kept it."""
    marked = client.post("/api/v1/nights", json={"night_of": NIGHT, "no_cramps": True})
    assert marked.status_code == 201, marked.text
    source = tmp_path / "daily.csv"
    source.write_text(f"{HEADER}\n{NIGHT},3,7,,,,,,,,,,,\n2026-11-02,0,,,,,,,,,,,,\n")
    answer = cli("import", "daily-csv", str(source))
    assert answer.exit_code == 0, answer.output
    assert f"1 night(s) already have another answer in the diary, which is kept: {NIGHT}." in (
        answer.output
    )
    again = cli("import", "daily-csv", str(source), "--json")
    assert '"nights_kept_from_diary": [\n    "2026-11-01"\n  ]' in again.output
    assert client.get(f"/api/v1/nights/{NIGHT}").json()["status"] == "no_cramps"
