"""`nightcramps eat|drink|day|targets|supplement|intake|target|custom-food` through CliRunner."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest

CONTRACT_KEYS = {
    "magnesium_mg",
    "potassium_mg",
    "calcium_mg",
    "sodium_mg",
    "water_ml",
    "supplemental_magnesium_limit_mg",
}

Cli = Callable[..., Any]


def test_targets_json_is_exactly_the_contract(cli: Cli) -> None:
    """`targets --age 54 --sex female --json` gives exactly the six documented numbers."""
    result = cli("targets", "--age", "54", "--sex", "female", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {
        "magnesium_mg": 320.0,
        "potassium_mg": 2600.0,
        "calcium_mg": 1200.0,
        "sodium_mg": 1500.0,
        "water_ml": 2700.0,
        "supplemental_magnesium_limit_mg": 350.0,
    }


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--age", "30", "--sex", "female", "--pregnant"], (350, 2900, 3000)),
        (["--age", "30", "--sex", "female", "--lactating"], (310, 2800, 3800)),
        (["--age", "75", "--sex", "male"], (420, 3400, 3700)),
        (["--age", "2", "--sex", "male"], (80, 2000, 1300)),
    ],
)
def test_targets_for_life_stages(cli: Cli, args: list[str], expected: tuple[int, ...]) -> None:
    """Pregnancy, lactation, older men and toddlers get their rows (Mg, K, water)."""
    data = json.loads(cli("targets", *args, "--json").output)
    assert set(data) == CONTRACT_KEYS
    assert (data["magnesium_mg"], data["potassium_mg"], data["water_ml"]) == expected


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--age", "40", "--sex", "male", "--pregnant"], "female"),
        (["--age", "200", "--sex", "female"], "not possible"),
        (["--age", "-3", "--sex", "female"], "negative"),
        (["--age", "30", "--sex", "female", "--pregnant", "--lactating"], "not both"),
        (["--age", "40"], "--sex"),
    ],
)
def test_targets_bad_combinations_fail_clearly(cli: Cli, args: list[str], words: str) -> None:
    """Male + pregnant, age 200, a negative age: non-zero exit and a message that says why."""
    result = cli("targets", *args, "--json")
    assert result.exit_code != 0
    assert words in result.output


def test_targets_without_age_are_the_persons_own(cli: Cli) -> None:
    """Without --age the profile decides; an own target shows up in the contract JSON."""
    cli("profile", "set", "--birth-year", "1960", "--sex", "male")
    cli("target", "set", "water_ml", "2500", "--note", "cardiologist")
    data = json.loads(cli("targets", "--json").output)
    assert data["water_ml"] == 2500 and data["magnesium_mg"] == 420
    assert cli("target", "clear", "water_ml").exit_code == 0
    assert json.loads(cli("targets", "--json").output)["water_ml"] == 3700


def test_eat_and_drink_json(cli: Cli) -> None:
    """`eat` and `drink` log with --json answering the entry, its nutrients and warnings."""
    eaten = cli("eat", "1 medium banana", "--at", "2026-11-23 08:00", "--json")
    assert eaten.exit_code == 0, eaten.output
    entry = json.loads(eaten.output)
    assert entry["food"] == {"id": "fndds:63107010", "name": "Banana, raw"}
    assert entry["day"] == "2026-11-23" and entry["kind"] == "food"
    assert entry["nutrients"]["magnesium_mg"] == 35.3
    assert entry["warnings"] == []
    drunk = json.loads(cli("drink", "500 ml water", "--at", "2026-11-23 09:00", "--json").output)
    assert drunk["kind"] == "drink" and drunk["volume_ml"] == 500


def test_eat_text_output(cli: Cli) -> None:
    """Without --json, `eat` says what was logged in one line."""
    result = cli("eat", "1 medium banana", "--at", "2026-11-23 08:00")
    assert result.exit_code == 0
    assert re.search(
        r"Logged #\d+ 1 medium banana \(Banana, raw, 126 g\) on 2026-11-23", result.output
    )


@pytest.mark.parametrize(
    ("phrase", "words"),
    [
        ("1 cup yak yogurt", "Which did you mean?"),
        ("9000 bananas", "at most 5 kg"),
        ("-2 cups milk", "positive"),
        ("250 ml bread", "volume"),
    ],
)
def test_eat_bad_input_exits_non_zero_and_logs_nothing(cli: Cli, phrase: str, words: str) -> None:
    """Unknown food, impossible amount, unit not fitting: exit 1, a message, nothing logged."""
    result = cli("eat", phrase, "--at", "2026-11-23 08:00")
    assert result.exit_code == 1
    assert words in result.output
    assert json.loads(cli("intake", "list", "--from", "2026-11-23", "--json").output) == []


def test_day_json_shape(cli: Cli) -> None:
    """`day DATE --json`: totals vs targets, unknown counts, fluids and food water, gaps."""
    cli("profile", "set", "--birth-year", "1966", "--sex", "female")
    cli("eat", "1 medium banana", "--at", "2026-11-23 08:00")
    cli("drink", "250 ml orange juice", "--at", "2026-11-23 08:05")
    data = json.loads(cli("day", "2026-11-23", "--json").output)
    assert set(data) == {
        "day",
        "logged",
        "targets",
        "nutrients",
        "water",
        "caffeine_mg",
        "energy_kcal",
        "supplemental_magnesium_mg",
        "warnings",
        "entries",
        "gaps",
        "gap_notes",
    }
    assert [n["nutrient"] for n in data["nutrients"]] == [
        "magnesium_mg",
        "potassium_mg",
        "calcium_mg",
        "sodium_mg",
    ]
    assert set(data["nutrients"][0]) >= {"amount", "target", "percent", "unknown_items", "items"}
    assert data["water"]["fluids_ml"] == 250
    assert data["water"]["food_water_ml"] == 95.3
    assert {g["nutrient"] for g in data["gaps"]} == {"magnesium_mg", "potassium_mg", "calcium_mg"}


def test_day_text_for_an_empty_day(cli: Cli) -> None:
    """An empty day says its totals are unknown."""
    result = cli("day", "2026-11-01")
    assert result.exit_code == 0
    assert "Nothing logged: every total is unknown." in result.output


def test_supplement_add_log_and_warning(cli: Cli) -> None:
    """Two 200 mg magnesium tablets print the warning (stderr) and carry it in JSON."""
    added = cli("supplement", "add", "Magnesium citrate", "--magnesium-mg", "200", "--json")
    assert added.exit_code == 0, added.output
    assert json.loads(added.output)["nutrients"]["magnesium_mg"] == 200
    first = cli("supplement", "log", "magnesium citrate", "--dose", "2", "--json")
    assert first.exit_code == 0, first.output
    body = json.loads(first.stdout)
    assert body["kind"] == "supplement" and body["nutrients"]["magnesium_mg"] == 400
    assert "kidney disease" in body["warnings"][0]["message"]
    text = cli("supplement", "log", str(body["food"]["id"]).removeprefix("supplement:"))
    assert "Warning:" in text.output and "350 mg" in text.output
    assert "Magnesium citrate" in cli("supplement", "list").output
    unknown = cli("supplement", "log", "zinc")
    assert unknown.exit_code == 1 and "supplement add" in unknown.output


def test_intake_edit_delete_restore_repeat(cli: Cli) -> None:
    """Entries are changed, deleted (with confirmation), restored and repeated from the CLI."""
    entry_id = str(
        json.loads(cli("eat", "1 medium banana", "--at", "2026-11-22 08:00", "--json").output)["id"]
    )
    edited = json.loads(cli("intake", "edit", entry_id, "--quantity", "2", "--json").output)
    assert edited["nutrients"]["magnesium_mg"] == 70.6
    refused = cli("intake", "delete", entry_id, input="n\n")
    assert refused.exit_code != 0
    assert cli("intake", "delete", entry_id, "--yes").exit_code == 0
    assert json.loads(cli("intake", "list", "--from", "2026-11-22", "--json").output) == []
    assert cli("intake", "restore", entry_id).exit_code == 0
    repeated = cli(
        "intake", "repeat", "breakfast", "--from", "2026-11-22", "--to", "2026-11-23", "--json"
    )
    assert repeated.exit_code == 0, repeated.output
    assert json.loads(repeated.output)[0]["day"] == "2026-11-23"
    bad = cli("intake", "edit", entry_id, "--quantity", "90000")
    assert bad.exit_code != 0


def test_custom_food_add_and_eat(cli: Cli) -> None:
    """A custom food from a label is logged by its name; unknowns stay null."""
    added = cli(
        "custom-food",
        "add",
        "Oat bar",
        "--per",
        "serving",
        "--serving-name",
        "bar",
        "--serving-g",
        "40",
        "--potassium-mg",
        "150",
        "--json",
    )
    assert added.exit_code == 0, added.output
    eaten = json.loads(cli("eat", "2 bars oat bar", "--json").output)
    assert eaten["nutrients"]["potassium_mg"] == 300
    assert eaten["nutrients"]["magnesium_mg"] is None
    assert "Oat bar" in cli("custom-food", "list").output
    custom_id = str(json.loads(added.output)["id"])
    assert cli("custom-food", "delete", custom_id, "--yes").exit_code == 0


def test_day_header_counts_entries_and_says_how_to_get_targets(cli: Cli) -> None:
    """One entry reads "1 entry"; without a profile the header says how to set one."""
    cli("eat", "1 medium banana", "--at", "2026-11-23 08:00")
    first = cli("day", "2026-11-23", "--no-gaps").output
    assert "2026-11-23: 1 entry" in first and "1 entries" not in first
    assert "(unknown)" not in first
    assert "nightcramps profile set --birth-year" in first
    cli("eat", "1 medium banana", "--at", "2026-11-23 09:00")
    cli("profile", "set", "--birth-year", "1966", "--sex", "female")
    second = cli("day", "2026-11-23", "--no-gaps").output
    assert "2026-11-23: 2 entries; targets for Females 51-70 years" in second
    assert "profile set" not in second


def test_drinking_a_solid_food_is_refused_and_logs_nothing(cli: Cli) -> None:
    """`drink "1 medium banana"` exits 1 saying to use `eat`; no "126 ml fluid" is logged."""
    result = cli("drink", "1 medium banana", "--at", "2026-11-23 08:00")
    assert result.exit_code == 1
    assert "Banana, raw is a food, not a drink" in result.output
    assert "nightcramps eat" in result.output
    assert json.loads(cli("intake", "list", "--from", "2026-11-23", "--json").output) == []
    eaten = json.loads(cli("eat", "1 medium banana", "--at", "2026-11-23 08:00", "--json").output)
    assert eaten["volume_ml"] is None


@pytest.mark.parametrize(
    ("phrase", "ml"),
    [
        ("1 cup milk", 236.6),
        ("250 ml orange juice", 250),
        ("1 cup chicken noodle soup", 236.6),
        ("1 cup coffee", 236.6),
        ("1 cup tea", 236.6),
        ("500 ml water", 500),
        ("1 can cola", 354.9),
        ("12 fl oz beer", 354.9),
        ("5 fl oz red wine", 147.9),
    ],
)
def test_drinks_are_logged_with_their_volume(cli: Cli, phrase: str, ml: float) -> None:
    """Milk, juice, soup, coffee, tea, water, soda, beer and wine are drinks with a volume."""
    drunk = cli("drink", phrase, "--at", "2026-11-23 09:00", "--json")
    assert drunk.exit_code == 0, drunk.output
    assert json.loads(drunk.output)["volume_ml"] == pytest.approx(ml, abs=0.5)


def test_drinking_ones_own_food_is_refused(cli: Cli) -> None:
    """A custom food added as a food cannot be logged as a drink either."""
    cli("custom-food", "add", "Oat bar", "--per", "serving", "--serving-name", "bar",
        "--serving-g", "40", "--potassium-mg", "150")  # fmt: skip
    result = cli("drink", "1 bar oat bar", "--at", "2026-11-23 08:00")
    assert result.exit_code == 1
    assert "Oat bar is one of your foods, not a drink" in result.output
