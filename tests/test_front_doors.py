"""The same diary through every door: what a page stores, the CLI and the API read back."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient


def test_page_entries_come_back_from_cli_and_api(
    client: TestClient, cli: Callable[..., Any]
) -> None:
    """A cramp and a cramp-free night logged on the pages are identical in the CLI and the API."""
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/cramps/new").text)
    assert token
    form = {
        "csrf_token": token.group(1),
        "night_of": "2026-11-23",
        "time": "03:10",
        "muscle": "calf",
        "side": "left",
        "severity_0_10": "7",
        "duration_min": "4",
        "relief": "stretch",
    }
    assert client.post("/cramps", data=form, follow_redirects=False).status_code == 303
    free = {"csrf_token": token.group(1), "night_of": "2026-11-22"}
    assert client.post("/checkin/no-cramps", data=free, follow_redirects=False).status_code == 303

    from_api = client.get("/api/v1/nights", params={"from": "2026-11-01"}).json()["data"]
    from_cli = json.loads(cli("night", "list", "--json", "--from", "2026-11-01").output)
    assert from_cli == from_api
    assert [(n["night_of"], n["status"]) for n in from_cli] == [
        ("2026-11-23", "cramps"),
        ("2026-11-22", "no_cramps"),
    ]
    assert from_cli[0]["cramps"][0]["started_at"] == "2026-11-24T03:10:00Z"


def test_no_page_loads_anything_from_another_site(client: TestClient) -> None:
    """Pages reference only local scripts and styles (privacy: no CDN, no telemetry)."""
    for path in ("/", "/diary", "/cramps/new", "/profile"):
        html = client.get(path).text
        assert not re.search(r'(src|href)="(https?:)?//', html), path
    assert client.get("/api/docs").status_code == 404


def test_day_views_show_graded_cited_guidance(client: TestClient) -> None:
    """The food day and the Today page show an evidence grade and citation beside each factor."""
    food_day = client.get("/day").text
    assert food_day.count('class="gbadge"') == 5  # magnesium, potassium, calcium, sodium, water
    assert 'href="/guidance/magnesium"' in food_day
    assert "Garrison SR et al., Cochrane Database Syst Rev 2020" in food_day
    today = client.get("/today").text
    assert today.count('class="gbadge"') >= 6
    assert "Hallegraeff" in today  # the stretching trial is cited beside "Stretched"
