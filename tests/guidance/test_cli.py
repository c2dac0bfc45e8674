"""`nightcramps guidance ...` through the CLI runner."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Calendar

from nightcramps.guidance import knowledge
from tests.factories import TEST_NOW

Cli = Callable[..., Any]


def test_list_as_json_and_as_a_table(cli: Cli) -> None:
    """`guidance list` shows every entry; --kind narrows it; --json is machine-readable."""
    listed = json.loads(cli("guidance", "list", "--json").stdout)
    assert len(listed) == len(knowledge.ENTRIES)
    table = cli("guidance", "list", "--kind", "relief")
    assert table.exit_code == 0 and "massage" in table.stdout and "magnesium" not in table.stdout
    bad = cli("guidance", "list", "--kind", "magic")
    assert bad.exit_code == 1 and "cause" in bad.stderr


def test_show_an_entry(cli: Cli) -> None:
    """`guidance show magnesium` prints the claim, the evidence, the grade and the sources."""
    shown = cli("guidance", "show", "magnesium")
    assert shown.exit_code == 0
    assert "[evidence: contradicted]" in shown.stdout and "Garrison SR et al." in shown.stdout
    assert json.loads(cli("guidance", "show", "heat", "--json").stdout)["grade"] == "weak"
    missing = cli("guidance", "show", "unicorn")
    assert missing.exit_code == 1 and "/guidance" in missing.stderr


def test_factor(cli: Cli) -> None:
    """`guidance factor KEY` names the entry; an unknown key lists the keys."""
    assert (
        json.loads(cli("guidance", "factor", "stretched", "--json").stdout)["slug"]
        == "bedtime-stretching"
    )
    assert "Stretching before bed" in cli("guidance", "factor", "stretched").stdout
    bad = cli("guidance", "factor", "iron_mg")
    assert bad.exit_code == 1 and "fluid_ml" in bad.stderr


def test_checkup_reports_a_long_cramp(cli: Cli) -> None:
    """`guidance checkup` is quiet for an empty diary and flags a 15-minute cramp."""
    assert "No warning signs" in cli("guidance", "checkup").stdout
    at = (
        (TEST_NOW - timedelta(hours=2))
        .astimezone(ZoneInfo("Europe/London"))
        .strftime("%Y-%m-%d %H:%M")
    )
    added = cli(
        "cramp",
        "add",
        "--muscle",
        "calf",
        "--side",
        "left",
        "--severity",
        "6",
        "--at",
        at,
        "--duration-min",
        "15",
    )
    assert added.exit_code == 0, added.stderr
    body = json.loads(cli("guidance", "checkup", "--json").stdout)
    assert body["urgency"] == "see a doctor soon"
    text = cli("guidance", "checkup").stdout
    assert "A cramp lasted more than 10 minutes" in text and "does not diagnose" in text


def test_reminder_set_write_and_clear(cli: Cli, tmp_path: Path) -> None:
    """`guidance reminder --at 21:30 --ics FILE` stores it and writes a calendar file."""
    target = tmp_path / "stretch.ics"
    done = cli("guidance", "reminder", "--at", "21:30", "--ics", str(target))
    assert done.exit_code == 0 and "21:30" in done.stdout
    (event,) = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert event.decoded("DTSTART").strftime("%H:%M") == "21:30"
    assert json.loads(cli("guidance", "reminder", "--json").stdout)["remind_at"] == "21:30"
    assert "No bedtime reminder" in cli("guidance", "reminder", "--clear").stdout
    bad = cli("guidance", "reminder", "--at", "9pm")
    assert bad.exit_code == 1 and "HH:MM" in bad.stderr
    assert cli("guidance", "reminder", "--ics", str(target)).exit_code == 1
