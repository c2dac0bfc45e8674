"""Lookup accuracy against expected values computed by hand from USDA SR24.

tests/foods/data/phrases.csv: for each phrase, the food a person means and its grams were
chosen by hand from the USDA household measures (``grams_basis``), and the nutrients computed
from the raw SR24 XML by expected_from_sr24.py, which does not use NightCramps' code.
"""

from __future__ import annotations

import csv
from pathlib import Path

from nightcramps.errors import NightcrampsError
from nightcramps.foods import service as foods_service

PHRASES = Path(__file__).parent / "data" / "phrases.csv"
CHECKED = (
    "grams",
    "energy_kcal",
    "water_g",
    "magnesium_mg",
    "potassium_mg",
    "calcium_mg",
    "sodium_mg",
)
TOLERANCE = 0.10
"""A value is right when within ±10% of the expected one ..."""
SLACK = 0.5
"""... or within 0.5 of it (values near zero, e.g. 1.2 mg of sodium, rounded to 0.1)."""
REQUIRED_SHARE = 0.95


def close(got: float | None, expected: str) -> bool:
    if expected == "":
        return got is None
    want = float(expected)
    return got is not None and abs(got - want) <= max(TOLERANCE * abs(want), SLACK)


def check(row: dict[str, str]) -> list[str]:
    """What is wrong with the lookup of one phrase (empty when all within tolerance)."""
    try:
        found = foods_service.lookup(row["phrase"])
    except NightcrampsError as exc:
        return [f"error: {exc.message}"]
    values = {"grams": found.grams, **found.nutrients.as_dict()}
    return [
        f"{key}: got {values[key]}, expected {row[key]}"
        for key in CHECKED
        if not close(values[key], row[key])
    ]


def load() -> list[dict[str, str]]:
    with PHRASES.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def accuracy() -> tuple[float, dict[str, list[str]]]:
    rows = load()
    misses = {row["phrase"]: problems for row in rows if (problems := check(row))}
    return 1 - len(misses) / len(rows), misses


def test_phrase_set_is_large_enough() -> None:
    """The accuracy set has at least 60 phrases, each with a food and grams basis."""
    rows = load()
    assert len(rows) >= 60
    assert all(row["food_id"].startswith("usda:") and row["grams_basis"] for row in rows)


def test_share_within_ten_percent() -> None:
    """At least 95% of phrases give grams and six nutrients within ±10% of USDA's values."""
    share, misses = accuracy()
    assert share >= REQUIRED_SHARE, misses
