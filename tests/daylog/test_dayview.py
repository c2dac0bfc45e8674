"""The day as it counts on /today, in `nightcramps today` and the day API: caffeine from both logs
with its parts, imported values marked imported, and exertion from imported steps."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

Cli = Callable[..., Any]
DAY = date(2026, 11, 17)
IMPORTED_DAY = date(2026, 11, 21)
CSV_HEADER = "date,steps,stretched,sleep_h,caffeine_mg,alcohol_drinks,exercise_min"


def _ok(result: Any) -> Any:
    assert result.exit_code == 0, result.output
    return result


def _values(cli: Cli, day: date) -> dict[str, Any]:
    values: dict[str, Any] = json.loads(_ok(cli("today", day.isoformat(), "--json")).stdout)[
        "values"
    ]
    return values


def _summary(client: TestClient, day: date) -> str:
    page = client.get(f"/today/{day.isoformat()}")
    assert page.status_code == 200, page.text
    match = re.search(r'<dl class="facts" id="day-summary">(.*?)</dl>', page.text, re.S)
    assert match
    return match.group(1)


def _csrf(client: TestClient, day: date) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', client.get(f"/today/{day}").text)
    assert match
    return match.group(1)


def _import(cli: Cli, tmp_path: Path, *rows: str) -> None:
    path = tmp_path / "daily.csv"
    path.write_text("\n".join([CSV_HEADER, *rows]) + "\n")
    _ok(cli("import", "daily-csv", str(path)))


def test_a_coffee_logged_as_a_drink_counts_on_the_day(cli: Cli, client: TestClient) -> None:
    """`drink "1 cup brewed coffee"` alone: `today` and /today show its caffeine, not unknown."""
    _ok(cli("drink", "1 cup brewed coffee", "--at", f"{DAY} 09:00"))
    text = _ok(cli("today", DAY.isoformat())).stdout
    assert "caffeine_mg: 96.0 (96 mg in food and drinks logged, nothing entered here)" in text
    caffeine = _values(cli, DAY)["caffeine_mg"]
    assert (caffeine["value"], caffeine["source"], caffeine["imported"]) == (
        96.0,
        "nutrition",
        False,
    )
    summary = _summary(client, DAY)
    assert "96 mg" in summary and "unknown" not in summary.split("Caffeine")[1].split("<dt>")[0]


def test_caffeine_total_shows_drinks_logged_and_entered(cli: Cli, client: TestClient) -> None:
    """A coffee drink plus 200 mg entered: 296 mg, with both parts named, on page, CLI and API."""
    _ok(cli("drink", "1 cup brewed coffee", "--at", f"{DAY} 09:00"))
    _ok(cli("caffeine", "add", "--mg", "200", "--day", DAY.isoformat()))
    text = _ok(cli("today", DAY.isoformat())).stdout
    assert "caffeine_mg: 296.0 (96 mg in food and drinks logged, 200 mg entered here)" in text
    caffeine = _values(cli, DAY)["caffeine_mg"]
    assert caffeine["source"] == "nutrition+daylog"
    assert [(p["source"], p["value"]) for p in caffeine["parts"]] == [
        ("nutrition", 96.0),
        ("daylog", 200.0),
    ]
    api = client.get(f"/api/v1/days/{DAY}/log").json()
    assert api["values"]["caffeine_mg"]["value"] == 296.0
    assert api["factors"]["caffeine_mg"] == 200.0  # the day log's own part
    summary = _summary(client, DAY)
    assert "296 mg" in summary
    assert "96 mg in food and drinks logged, 200 mg entered here" in summary


def test_entered_caffeine_is_kept_beside_a_banana(cli: Cli, client: TestClient) -> None:
    """200 mg entered and a banana (0 mg caffeine) make 200 mg on the day, not 0."""
    _ok(cli("caffeine", "add", "--mg", "200", "--day", DAY.isoformat()))
    _ok(cli("eat", "1 medium banana", "--at", f"{DAY} 08:00"))
    assert _values(cli, DAY)["caffeine_mg"]["value"] == 200.0
    assert "200 mg" in _summary(client, DAY)


def test_the_page_and_the_cli_say_what_day_log_caffeine_is_for(
    cli: Cli, client: TestClient
) -> None:
    """The page and `caffeine --help` say entered caffeine is for what was not logged as a drink."""
    page = client.get(f"/today/{DAY}").text
    assert "only when you did not log it as a food or drink" in page
    assert "+1 coffee&#34; is for coffee you did not log" in page or (
        '"+1 coffee" is for coffee you did not log' in page
    )
    help_text = " ".join(_ok(cli("caffeine", "--help")).stdout.split())
    assert "not logged as a food or drink" in help_text


def test_no_caffeine_is_refused_beside_a_coffee_drink(cli: Cli, client: TestClient) -> None:
    """'No caffeine today' for a day with a coffee logged as a drink is a 409 that says why."""
    _ok(cli("drink", "1 cup brewed coffee", "--at", f"{DAY} 09:00"))
    token = _csrf(client, DAY)
    answer = client.post(f"/today/{DAY}/none/caffeine", data={"csrf_token": token})
    assert answer.status_code == 409
    assert "96 mg caffeine in the food and drinks logged" in answer.text
    assert client.get(f"/api/v1/days/{DAY}/log").json()["no_caffeine"] is False


def test_imported_values_show_marked_imported(cli: Cli, client: TestClient, tmp_path: Path) -> None:
    """An imported day shows steps, stretching, sleep, caffeine, alcohol and exercise, marked."""
    _import(cli, tmp_path, f"{IMPORTED_DAY},8000,1,7,150,2,45")
    text = _ok(cli("today", IMPORTED_DAY.isoformat())).stdout
    for line in ("steps: 8000.0", "stretched: 1.0", "sleep_h: 7.0", "caffeine_mg: 150.0",
                 "alcohol_drinks: 2.0", "exercise_min: 45.0"):  # fmt: skip
        assert f"{line} (Imported from a daily CSV; logging it in detail" in text, line
    values = _values(cli, IMPORTED_DAY)
    assert all(values[k]["imported"] for k in ("steps", "stretched", "sleep_h", "caffeine_mg"))
    assert values["alcohol_drinks"]["source"] == "import"
    summary = _summary(client, IMPORTED_DAY)
    assert "8,000" in summary and "45 min" in summary and "7 h" in summary
    assert "150 mg" in summary and "2 drink(s)" in summary and ">yes" in summary
    assert summary.count('-imported">imported</span>') == 6
    assert "replaces this value rather than adding to it" in summary
    assert "unknown" not in summary


def test_a_detailed_entry_replaces_an_imported_value(
    cli: Cli, client: TestClient, tmp_path: Path
) -> None:
    """After an imported 2 drinks, '+1 drink' makes the day 1 drink (logged), never 3."""
    _import(cli, tmp_path, f"{IMPORTED_DAY},8000,1,7,150,2,45")
    token = _csrf(client, IMPORTED_DAY)
    tapped = client.post(f"/today/{IMPORTED_DAY}/drink", data={"csrf_token": token},
                         follow_redirects=False)  # fmt: skip
    assert tapped.status_code == 303
    alcohol = _values(cli, IMPORTED_DAY)["alcohol_drinks"]
    assert (alcohol["value"], alcohol["source"], alcohol["imported"]) == (1.0, "daylog", False)
    summary = _summary(client, IMPORTED_DAY)
    assert "1 drink(s)" in summary and summary.count('-imported">imported</span>') == 5


def test_exertion_from_imported_steps_matches_the_insights(
    cli: Cli, client: TestClient, tmp_path: Path, session: Any, owner: Any
) -> None:
    """A month of imported steps gives the day an exertion ratio, the one the insights use."""
    from nightcramps.dailyvalues import service as dailyvalues_service
    from nightcramps.insights.series import build_series

    first = IMPORTED_DAY - timedelta(days=28)
    rows = [f"{first + timedelta(days=k)},6000,,,,," for k in range(28)]
    _import(cli, tmp_path, *rows, f"{IMPORTED_DAY},12000,,,,,")
    exertion = _values(cli, IMPORTED_DAY)["exertion_ratio"]
    assert (exertion["value"], exertion["source"]) == (2.0, "steps")
    summary = _summary(client, IMPORTED_DAY)
    assert "2.0&times; your usual" in summary and "not enough data yet" not in summary
    frame = dailyvalues_service.daily_frame(
        session=session, owner=owner, start=first, end=IMPORTED_DAY
    )
    series = build_series({d: v.plain() for d, v in frame.items()}, start=first, end=IMPORTED_DAY)
    assert series.factors["exertion_ratio"][-1] == exertion["value"]


def test_a_day_with_nothing_anywhere_stays_unknown(cli: Cli) -> None:
    """With nothing logged or imported, every value of the day is unknown, never zero."""
    values = _values(cli, DAY)
    assert {k: v["value"] for k, v in values.items()} == dict.fromkeys(values)
    assert "caffeine_mg: unknown" in _ok(cli("today", DAY.isoformat())).stdout


def test_no_caffeine_is_not_ticked_once_a_coffee_drink_is_logged(
    cli: Cli, client: TestClient
) -> None:
    """'No caffeine' then a coffee logged as a drink: 96 mg counts and the tap is not ticked."""
    token = _csrf(client, DAY)
    client.post(f"/today/{DAY}/none/caffeine", data={"csrf_token": token})
    assert "✓ No caffeine today" in client.get(f"/today/{DAY}").text
    _ok(cli("drink", "1 cup brewed coffee", "--at", f"{DAY} 09:00"))
    assert _values(cli, DAY)["caffeine_mg"]["value"] == 96.0
    page = client.get(f"/today/{DAY}").text
    assert "✓ No caffeine today" not in page and "96 mg" in page
