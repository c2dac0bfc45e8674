"""The diary from the terminal: exit codes, JSON and the messages people read."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from typer.testing import CliRunner

from nightcramps.cli.main import app

Cli = Callable[..., Any]

ADD = [
    "cramp",
    "add",
    "--at",
    "2026-11-24 03:10",
    "--muscle",
    "calf",
    "--side",
    "left",
    "--severity",
    "7",
    "--duration-min",
    "4",
    "--relief",
    "stretch",
]


def test_cramp_add_files_it_under_last_evening(cli: Cli) -> None:
    """The issue's example command logs a cramp on the night of the 23rd."""
    result = cli(*ADD, "--json")
    assert result.exit_code == 0, result.output
    cramp = json.loads(result.output)
    assert cramp["night_of"] == "2026-11-23"
    assert cramp["relief"] == ["stretch"]
    assert cramp["duration_min"] == 4.0


def test_night_list_json_and_range(cli: Cli) -> None:
    """`night list --json --from --to` returns the nights in range with their status."""
    cli(*ADD)
    cli("night", "no-cramps", "--night-of", "2026-11-20")
    cli("night", "no-cramps", "--night-of", "2026-10-01")
    result = cli("night", "list", "--json", "--from", "2026-11-01", "--to", "2026-11-30")
    assert result.exit_code == 0, result.output
    nights = json.loads(result.output)
    assert [(n["night_of"], n["status"], n["cramp_count"]) for n in nights] == [
        ("2026-11-23", "cramps", 1),
        ("2026-11-20", "no_cramps", 0),
    ]


def test_night_list_text_table(cli: Cli) -> None:
    """Without --json the list is an aligned table with a header."""
    cli(*ADD)
    result = cli("night", "list")
    lines = result.output.splitlines()
    assert lines[0].split() == ["night_of", "status", "cramps", "worst", "disturbance"]
    assert lines[1].split()[:4] == ["2026-11-23", "cramps", "1", "7"]


def test_bad_severity_says_what_to_fix(cli: Cli) -> None:
    """Severity 11 exits non-zero and names the field and the limit."""
    args = [a if a != "7" else "11" for a in ADD]
    result = cli(*args)
    assert result.exit_code == 2
    assert "severity_0_10" in result.output
    assert "less than or equal to 10" in result.output


def test_malformed_time_and_unknown_muscle(cli: Cli) -> None:
    """A malformed time and an unknown muscle get messages with the right form."""
    bad_time = cli(*[a if a != "2026-11-24 03:10" else "24/11 3am" for a in ADD])
    assert bad_time.exit_code == 1
    assert "YYYY-MM-DD HH:MM" in bad_time.output
    bad_muscle = cli(*[a if a != "calf" else "elbow" for a in ADD])
    assert bad_muscle.exit_code == 2
    assert "muscle" in bad_muscle.output


def test_future_cramp_refused(cli: Cli) -> None:
    """A cramp in the future is refused and nothing is stored."""
    result = cli(*[a if a != "2026-11-24 03:10" else "2099-01-01 03:00" for a in ADD])
    assert result.exit_code == 1
    assert "future" in result.output
    assert json.loads(cli("night", "list", "--json").output) == []


def test_delete_needs_yes_and_can_be_undone(cli: Cli) -> None:
    """Deleting asks for confirmation (or --yes), and restore brings the cramp back."""
    cramp_id = json.loads(cli(*ADD, "--json").output)["id"]
    refused = cli("cramp", "delete", str(cramp_id), input="n\n")
    assert refused.exit_code == 1
    assert json.loads(cli("night", "show", "2026-11-23", "--json").output)["cramp_count"] == 1
    assert cli("cramp", "delete", str(cramp_id), "--yes").exit_code == 0
    assert json.loads(cli("night", "show", "2026-11-23", "--json").output)["cramp_count"] == 0
    assert cli("cramp", "restore", str(cramp_id)).exit_code == 0
    assert json.loads(cli("night", "show", "2026-11-23", "--json").output)["cramp_count"] == 1


def test_token_create_json(cli: Cli) -> None:
    """`token create --json` prints {"token": ...} with a usable prefix."""
    result = cli("token", "create", "--json")
    assert result.exit_code == 0, result.output
    token = json.loads(result.output)["token"]
    assert token.startswith("nc_") and len(token) > 30


def test_help_with_h(cli: Cli) -> None:
    """-h works like --help on the root and on sub-commands."""
    root = cli("-h")
    assert root.exit_code == 0
    assert "cramp" in root.output and "night" in root.output
    sub = cli("cramp", "add", "-h")
    assert sub.exit_code == 0
    assert "--severity" in sub.output


def test_serve_refuses_a_public_address(cli: Cli) -> None:
    """Without accounts the server will not listen beyond loopback."""
    result = cli("serve", "--host", "0.0.0.0")
    assert result.exit_code == 1
    assert "refusing to listen on 0.0.0.0" in result.output


def test_demo_fills_a_separate_database(cli: Cli) -> None:
    """`demo` logs 90 nights in the demo database and leaves the real one empty."""
    result = cli("demo")
    assert result.exit_code == 0, result.output
    assert "demo nights" in result.output
    count = int(result.output.split("Logged ")[1].split()[0])
    assert count == 90
    food = re.search(r"(\d+) foods and drinks on (\d+) days", result.output)
    assert food is not None, result.output
    assert int(food[1]) > int(food[2]) > 45  # most days have several entries
    assert json.loads(cli("night", "list", "--json").output) == []
    again = cli("demo")
    assert again.exit_code == 1
    assert "already has nights" in again.output


def test_profile_set_and_show(cli: Cli) -> None:
    """The profile can be set and read back; a man cannot be pregnant."""
    ok = cli(
        "profile",
        "set",
        "--birth-year",
        "1960",
        "--sex",
        "female",
        "--timezone",
        "Europe/Paris",
        "--json",
    )
    assert ok.exit_code == 0, ok.output
    shown = json.loads(cli("profile", "show", "--json").output)
    assert (shown["birth_year"], shown["sex"], shown["timezone"]) == (
        1960,
        "female",
        "Europe/Paris",
    )
    bad = cli("profile", "set", "--sex", "male", "--pregnant")
    assert bad.exit_code != 0
    assert "female" in bad.output


def test_demo_gives_insights_something_to_work_on(cli: Cli, settings: Any) -> None:
    """The demo's days reach the insights: factors are assessed, not all 'not enough data'."""
    assert cli("demo").exit_code == 0
    runner_args = ["--database-url", settings.demo_database_url, "insights", "--json"]
    result = CliRunner().invoke(app, runner_args)
    assert result.exit_code == 0, result.output
    insights = json.loads(result.output)
    assert insights["nights_used"] >= 60
    assessed = [f for f in insights["factors"] if f["verdict"] != "not enough data"]
    assert len(assessed) >= 8


def test_night_set_records_sleep_disturbance_on_a_cramp_night(cli: Cli) -> None:
    """`night set --sleep-disturbance 6` on a night with a cramp keeps the cramp and status."""
    assert cli(*ADD).exit_code == 0
    result = cli("night", "set", "--night-of", "2026-11-23", "--sleep-disturbance", "6", "--json")
    assert result.exit_code == 0, result.stderr
    night = json.loads(result.output)
    assert night["sleep_disturbance_0_10"] == 6
    assert night["status"] == "cramps" and night["cramp_count"] == 1
    text = cli("night", "set", "--night-of", "2026-11-23", "--notes", "woke twice")
    assert text.exit_code == 0 and "notes saved" in text.stdout
    shown = json.loads(cli("night", "show", "2026-11-23", "--json").output)
    assert shown["notes"] == "woke twice" and shown["sleep_disturbance_0_10"] == 6


def test_night_set_works_for_a_night_without_cramps_and_defaults_to_last_night(cli: Cli) -> None:
    """With no --night-of it sets last night (the 23rd), which stays unanswered, not cramp-free."""
    result = cli("night", "set", "--sleep-disturbance", "0")
    assert result.exit_code == 0, result.stderr
    assert "Night of 2026-11-23: sleep disturbance 0/10." in result.stdout
    shown = json.loads(cli("night", "show", "2026-11-23", "--json").output)
    assert shown["status"] == "unknown" and shown["sleep_disturbance_0_10"] == 0


def test_night_set_refuses_out_of_range_and_empty_changes(cli: Cli) -> None:
    """11 is refused with the 0-10 range named; giving nothing to set says what to give."""
    bad = cli("night", "set", "--night-of", "2026-11-23", "--sleep-disturbance", "11")
    assert bad.exit_code == 1 and "0 (slept through) to 10" in bad.stderr
    assert "got 11" in bad.stderr
    empty = cli("night", "set", "--night-of", "2026-11-23")
    assert empty.exit_code == 1 and "--sleep-disturbance" in empty.stderr
    future = cli("night", "set", "--night-of", "2026-11-30", "--sleep-disturbance", "3")
    assert future.exit_code == 1
