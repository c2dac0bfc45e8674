"""The day-log commands through the CLI: JSON output, friendly errors, confirmation."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from tests.daylog.test_api import YESTERDAY, Y

Cli = Callable[..., Any]


def _json(result: Any) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_log_a_day_from_the_terminal(cli: Cli) -> None:
    """activity, stretch, caffeine, alcohol, sleep and day-set add up in `today DATE --json`."""
    before = (YESTERDAY - timedelta(days=1)).isoformat()
    activity = _json(cli("activity", "add", "--type", "cycling", "--minutes", "45",
                         "--intensity", "vigorous", "--day", Y, "--json"))  # fmt: skip
    assert (activity["intensity_0_10"], activity["load"]) == (7, 315.0)
    assert _json(cli("stretch", "log", "--minutes", "3", "--day", Y, "--json"))["routine"] == (
        "bedtime stretches"
    )
    coffee = _json(cli("caffeine", "add", "coffee 95 mg", "--day", Y, "--json"))
    assert (coffee["source"], coffee["caffeine_mg"]) == ("coffee", 95.0)
    assert _json(cli("alcohol", "add", "--drinks", "2", "--day", Y, "--json"))["drinks"] == 2
    sleep = _json(cli("sleep", "log", "--bed", f"{before} 22:30", "--wake", f"{Y} 06:30",
                      "--json"))  # fmt: skip
    assert sleep["sleep_h"] == 8.0
    assert _json(cli("day-set", Y, "--steps", "6500", "--massage", "--json"))["steps"] == 6500
    day = _json(cli("today", Y, "--json"))
    assert day["factors"] == {
        "steps": 6500.0,
        "exercise_min": 45.0,
        "stretched": 1.0,
        "alcohol_drinks": 2.0,
        "caffeine_mg": 95.0,
        "sleep_h": 8.0,
        "exertion_ratio": None,
    }
    text = cli("today", Y)
    assert text.exit_code == 0 and "caffeine_mg: 95.0" in text.stdout
    assert "alcohol_drinks" in text.stdout


def test_medicine_commands(cli: Cli) -> None:
    """add, list, check (text and JSON) and stop work; check never says 'stop'."""
    added = _json(cli("medicine", "add", "HCTZ 25mg", "--started", Y, "--json"))
    assert added["matches"][0]["class_key"] == "thiazide_diuretic"
    listed = _json(cli("medicine", "list", "--json"))
    assert [m["name"] for m in listed] == ["HCTZ 25mg"]
    check = _json(cli("medicine", "check", "Symbicort", "--json"))
    assert check["matches"][0]["class_key"] == "laba_ics"
    assert check["matches"][0]["association"]["ratio"] == 2.55
    text = cli("medicine", "check", "Aleve")
    assert text.exit_code == 0
    assert "Naproxen" in text.stdout and "prescriber" in text.stdout
    assert "stop" not in text.stdout.lower()
    nothing = _json(cli("medicine", "check", "vitamin D", "--json"))
    assert nothing["matches"] == []
    stopped = _json(cli("medicine", "stop", str(added["id"]), "--on", Y, "--json"))
    assert stopped["stopped_on"] == Y
    table = cli("medicine", "list")
    assert "Thiazide" in table.stdout


def test_bad_input_says_how_to_fix(cli: Cli) -> None:
    """A malformed date, an unreadable caffeine phrase and bad intensity exit non-zero."""
    bad_day = cli("activity", "add", "--type", "run", "--minutes", "30", "--day", "24/11")
    assert bad_day.exit_code == 1 and "YYYY-MM-DD" in bad_day.stderr
    bad_phrase = cli("caffeine", "add", "a big coffee")
    assert bad_phrase.exit_code == 1 and "coffee 95 mg" in bad_phrase.stderr
    bad_effort = cli("activity", "add", "--type", "run", "--minutes", "30", "--intensity", "max")
    assert bad_effort.exit_code == 2 and "light, moderate, vigorous" in bad_effort.stderr
    future = cli("day-set", "2999-01-01", "--steps", "10")
    assert future.exit_code == 1 and "has not begun" in future.stderr
    assert _json(cli("activity", "list", "--json")) == []


def test_delete_asks_and_restore_brings_back(cli: Cli) -> None:
    """delete without --yes asks; answering no keeps the entry; restore undoes a delete."""
    drink = _json(cli("alcohol", "add", "--day", Y, "--json"))
    kept = cli("alcohol", "delete", str(drink["id"]), input="n\n")
    assert kept.exit_code == 1
    assert len(_json(cli("alcohol", "list", "--json"))) == 1
    gone = cli("alcohol", "delete", str(drink["id"]), "--yes")
    assert gone.exit_code == 0 and "alcohol restore" in gone.stdout
    assert _json(cli("alcohol", "list", "--json")) == []
    assert _json(cli("alcohol", "restore", str(drink["id"]), "--json"))["id"] == drink["id"]
    missing = cli("sleep", "delete", "4242", "--yes")
    assert missing.exit_code == 1 and "no sleep entry number 4242" in missing.stderr
