"""The combine rule for factors whose detailed sources add up (caffeine), in the pure frame and
through the CLI, the export and the API."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import date
from typing import Any

from fastapi.testclient import TestClient

from nightcramps.dailyvalues.frame import SUMMED_FACTORS, SourcedValue, combine

Cli = Callable[..., Any]
DAY = date(2026, 11, 17)


def _caffeine(
    nutrition: float | None, daylog: float | None, imported: float | None = None
) -> SourcedValue | None:
    frame = combine(
        outcomes={},
        detailed={
            "nutrition": {DAY: {"caffeine_mg": nutrition, "fluid_ml": 250.0}},
            "daylog": {DAY: {"caffeine_mg": daylog}},
        },
        imported={}
        if imported is None
        else {DAY: {"caffeine_mg": SourcedValue(imported, "import")}},
    )
    return frame[DAY].values.get("caffeine_mg")


def test_caffeine_is_a_summed_factor() -> None:
    """Caffeine is named as a factor whose detailed sources add up; fluids are not."""
    assert "caffeine_mg" in SUMMED_FACTORS and "fluid_ml" not in SUMMED_FACTORS


def test_caffeine_from_both_logs_adds_up_with_its_parts() -> None:
    """Food and drinks logged (95 mg) plus caffeine entered (200 mg) is 295 mg, parts kept."""
    assert _caffeine(95.0, 200.0) == SourcedValue(
        295.0, "nutrition+daylog", (("nutrition", 95.0), ("daylog", 200.0))
    )


def test_a_known_zero_in_food_does_not_hide_entered_caffeine() -> None:
    """A banana's known 0 mg does not replace the 200 mg entered in the day log."""
    value = _caffeine(0.0, 200.0)
    assert value is not None and value.value == 200.0
    assert value.parts == (("nutrition", 0.0), ("daylog", 200.0))


def test_an_unknown_part_is_left_out_never_zero() -> None:
    """Only one log knows caffeine: the value is that log's, from that source alone."""
    assert _caffeine(None, 200.0) == SourcedValue(200.0, "daylog", (("daylog", 200.0),))
    assert _caffeine(94.8, None) == SourcedValue(94.8, "nutrition", (("nutrition", 94.8),))


def test_caffeine_is_unknown_only_when_no_log_says_anything() -> None:
    """Neither log knows caffeine and nothing was imported: caffeine is unknown."""
    assert _caffeine(None, None) is None


def test_an_imported_value_is_never_added_to_detailed_ones() -> None:
    """An imported 500 mg fills an unknown day, and is ignored when any detailed log knows it."""
    assert _caffeine(None, None, imported=500.0) == SourcedValue(500.0, "import")
    detailed = _caffeine(120.0, 80.0, imported=500.0)
    assert detailed is not None and (detailed.value, detailed.source) == (200.0, "nutrition+daylog")
    assert _caffeine(0.0, None, imported=500.0) == SourcedValue(
        0.0, "nutrition", (("nutrition", 0.0),)
    )


def test_summed_values_are_rounded() -> None:
    """0.1 + 0.2 mg is 0.3 in the frame, not 0.30000000000000004."""
    value = _caffeine(0.1, 0.2)
    assert value is not None and value.value == 0.3


def _export_row(cli: Cli, day: date) -> dict[str, str]:
    result = cli("export", "daily-csv", "--from", day.isoformat(), "--to", day.isoformat())
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 1
    return rows[0]


def test_entered_caffeine_survives_a_banana(cli: Cli, client: TestClient) -> None:
    """`caffeine add --mg 200` then `eat banana`: the export and the API say 200 mg, not 0."""
    assert cli("caffeine", "add", "--mg", "200", "--day", DAY.isoformat()).exit_code == 0
    eaten = cli("eat", "1 medium banana", "--at", f"{DAY} 08:00")
    assert eaten.exit_code == 0, eaten.output
    assert _export_row(cli, DAY)["caffeine_mg"] == "200"
    answer = client.get(
        "/api/v1/daily-values", params={"from": DAY.isoformat(), "to": DAY.isoformat()}
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["data"][0]["values"]["caffeine_mg"] == {
        "value": 200.0,
        "source": "nutrition+daylog",
    }


def test_a_coffee_drink_and_entered_caffeine_add_up_in_the_export(cli: Cli) -> None:
    """A coffee logged with `drink` and 200 mg entered: the export holds their sum."""
    drunk = cli("drink", "1 cup brewed coffee", "--at", f"{DAY} 09:00", "--json")
    assert drunk.exit_code == 0, drunk.output
    in_coffee = json.loads(drunk.stdout)["nutrients"]["caffeine_mg"]
    assert in_coffee > 50
    cli("caffeine", "add", "--mg", "200", "--day", DAY.isoformat())
    assert float(_export_row(cli, DAY)["caffeine_mg"]) == round(in_coffee + 200, 2)
