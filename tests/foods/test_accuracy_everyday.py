"""Lookup accuracy on food phrases written the way people log food (issue 14's yardstick).

tests/foods/data/everyday.csv: for each phrase, the food a person means (an FNDDS 2021-2023
survey food, or an SR28 row when the phrase names its variant or FNDDS lacks the food) and its
grams were chosen by hand from the USDA portions or from the household measures in
tests/foods/data/README.md (``grams_basis``). The nutrients were computed from the raw USDA
files by data/expected_everyday.py, which does not use NightCramps' code.

A value is right when it is within ±25% of the expected one (issue 14's measure), when both are
unknown, or when both are tiny (within ``SLACK``). It is wrong when the lookup fails or only one
side is unknown. ``report()`` gives the share right per nutrient and every miss with its cause;
``python -m benchmarks.food_accuracy`` prints it as Markdown.
"""

from __future__ import annotations

import csv
import importlib.util
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import pytest

from nightcramps.errors import NightcrampsError, NotFound
from nightcramps.foods import service as foods_service

PHRASES = Path(__file__).parent / "data" / "everyday.csv"
NUTRIENTS = (
    "energy_kcal",
    "water_g",
    "magnesium_mg",
    "potassium_mg",
    "calcium_mg",
    "sodium_mg",
    "alcohol_g",
    "caffeine_mg",
)
CHECKED = ("grams", *NUTRIENTS)
GOAL_NUTRIENTS = ("magnesium_mg", "potassium_mg", "calcium_mg")
"""Issue 14's goal: 90% of Mg, K and Ca values within ±25%."""
TOLERANCE = 0.25
SLACK = 0.5
"""Values this close count as equal whatever their ratio (0.2 vs 0.6 mg of sodium in a tea)."""
GOAL_SHARE = 0.90
"""Issue 14's goal for Mg, K and Ca on held-out real entries (not reached yet; see below)."""

MEASURED_FLOOR = {"magnesium_mg": 0.91, "potassium_mg": 0.91, "calcium_mg": 0.90}
"""The shares measured on 2026-12-03 (92.0%, 91.4%, 90.8% of 336 phrases), rounded down: the
floor the ranking may not fall below. The reading rules were tuned on this set, so it shows what
they do, not how well they generalise (heldout.csv, measured once, does that)."""
MIN_ROWS = 200

CAUSES = (
    "food not found",
    "unit refused",
    "wrong food",
    "SR28 row, not FNDDS",
    "wrong portion",
    "other values wrong",
)
"""Why a phrase missed: no food matched; a food matched but the amount was refused (the food
may be wrong too: the error does not say); another food, whose Mg, K and Ca per 100 g are not
within ±25% of the expected food's; the same, where the set expects the FNDDS survey food and
the lookup chose an SR28 row (often the same food measured differently: a ranking question);
the right food (or one with the same Mg, K and Ca per 100 g) in an amount more than 25% off; or
food and grams right but other values off (sodium, energy, a value unknown on one side)."""


def close(got: float | None, expected: float | None) -> bool:
    """Within ±25% (or ``SLACK``) of expected; both unknown counts as right."""
    if expected is None or got is None:
        return expected is None and got is None
    return abs(got - expected) <= max(TOLERANCE * abs(expected), SLACK)


def number(cell: str) -> float | None:
    return None if cell.strip() == "" else float(cell)


@dataclass
class Outcome:
    """One phrase looked up: what was expected, what came back, and which values are right."""

    row: dict[str, str]
    got_id: str = ""
    got_food: str = ""
    error: str = ""
    cause: str = ""
    right: dict[str, bool] = field(default_factory=dict)
    got: dict[str, float | None] = field(default_factory=dict)

    @property
    def missed(self) -> bool:
        return not all(self.right.values())


def _per_100g(values: dict[str, float | None], grams: float | None) -> dict[str, float | None]:
    if not grams:
        return dict.fromkeys(GOAL_NUTRIENTS)
    return {
        name: None if (value := values.get(name)) is None else value * 100 / grams
        for name in GOAL_NUTRIENTS
    }


def _cause(outcome: Outcome, expected: dict[str, float | None]) -> str:
    """Why a looked-up phrase missed (see ``CAUSES``)."""
    want = _per_100g(expected, expected["grams"])
    have = _per_100g(outcome.got, outcome.got["grams"])
    same_food = outcome.got_id == outcome.row["food_id"] or all(
        close(have[name], want[name]) for name in GOAL_NUTRIENTS
    )
    if not same_food:
        sr28_instead = outcome.row["food_id"].startswith("fndds:") and outcome.got_id.startswith(
            "usda:"
        )
        return "SR28 row, not FNDDS" if sr28_instead else "wrong food"
    if not outcome.right["grams"]:
        return "wrong portion"
    return "other values wrong"


def check(row: dict[str, str]) -> Outcome:
    """Look one phrase up and compare every checked value with the expected one."""
    outcome = Outcome(row)
    checked = [key for key in CHECKED if key in row]  # the first set has no alcohol, caffeine
    expected = {key: number(row[key]) for key in checked}
    try:
        found = foods_service.lookup(row["phrase"])
    except NightcrampsError as exc:
        outcome.error = exc.message
        outcome.cause = "food not found" if isinstance(exc, NotFound) else "unit refused"
        outcome.right = dict.fromkeys(checked, False)
        return outcome
    outcome.got_id = found.food.id
    outcome.got_food = f"{found.food.id} {found.food.name}"
    outcome.got = {"grams": found.grams, **{n: found.nutrients.get(n) for n in NUTRIENTS}}
    outcome.right = {key: close(outcome.got[key], expected[key]) for key in checked}
    if outcome.missed:
        outcome.cause = _cause(outcome, expected)
    return outcome


def load(path: Path = PHRASES) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@dataclass(frozen=True)
class Miss:
    """A phrase with at least one value outside ±25%."""

    phrase: str
    expected_food: str
    got_food: str  # empty when the lookup failed
    cause: str  # one of CAUSES
    wrong: tuple[str, ...]  # the values outside ±25%
    detail: str  # the error message, or got/expected for each wrong value


@dataclass(frozen=True)
class Report:
    """The share of phrases right per checked value, and every miss."""

    rows: int
    shares: dict[str, float]
    misses: list[Miss]

    def goal_misses(self) -> list[Miss]:
        """The misses that get magnesium, potassium or calcium wrong."""
        return [m for m in self.misses if set(m.wrong) & set(GOAL_NUTRIENTS)]


def report(path: Path = PHRASES) -> Report:
    """Look every phrase of a set (everyday.csv unless told) up and score it (for the tests and
    docs/foods.md)."""
    outcomes = [check(row) for row in load(path)]
    checked = [key for key in CHECKED if key in outcomes[0].right]
    shares = {key: sum(o.right[key] for o in outcomes) / len(outcomes) for key in checked}
    return Report(len(outcomes), shares, [_miss(o) for o in outcomes if o.missed])


def _miss(outcome: Outcome) -> Miss:
    wrong = tuple(key for key, right in outcome.right.items() if not right)
    detail = outcome.error or "; ".join(
        f"{key} {_show(outcome.got.get(key))} (want {outcome.row[key] or 'unknown'})"
        for key in wrong
    )
    row = outcome.row
    expected = f"{row['food_id']} {row['food_name']}"
    return Miss(row["phrase"], expected, outcome.got_food, outcome.cause, wrong, detail)


def _show(value: float | None) -> str:
    return "unknown" if value is None else f"{value:.1f}"


def test_everyday_set_is_large_and_sourced() -> None:
    """The set has at least 200 phrases, each with a USDA food id, positive grams and a basis."""
    rows = load()
    assert len(rows) >= MIN_ROWS
    assert len({row["phrase"] for row in rows}) == len(rows), "a phrase appears twice"
    for row in rows:
        assert row["food_id"].split(":")[0] in ("fndds", "usda"), row
        assert row["food_name"] and row["grams_basis"], row
        assert float(row["grams"]) > 0, row


def load_expected_script() -> ModuleType:
    """data/expected_everyday.py as a module (tests/foods/data/ is not a package)."""
    spec = importlib.util.spec_from_file_location(
        "expected_everyday", PHRASES.parent / "expected_everyday.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_everyday_values_are_those_of_the_usda_files() -> None:
    """Every expected value in the CSV is what expected_everyday.py computes from the raw files
    (so a hand edit of a food or grams cannot leave stale nutrients behind)."""
    script = load_expected_script()
    if not (script.USDA_DIR / "README.md").exists():
        pytest.skip(f"{script.USDA_DIR} is not on this machine")
    rows = load()
    assert script.fill(rows, script.USDA_DIR) == [
        {key: row[key] for key in script.FIELDS} for row in rows
    ]


def test_everyday_mg_k_ca_stay_at_their_measured_shares() -> None:
    """Magnesium, potassium and calcium within ±25% on at least the shares measured when the
    food tables and phrase reading were rebuilt (docs/foods.md, "Accuracy"): a change to search
    or phrase reading that makes them worse fails here. The goal is 90% each (issue 14);
    ``python -m benchmarks.food_accuracy`` shows where the rest go."""
    result = report()
    shares = {name: result.shares[name] for name in GOAL_NUTRIENTS}
    missed = [f"{m.phrase}: {m.cause} ({m.got_food or m.detail})" for m in result.goal_misses()]
    assert all(shares[name] >= MEASURED_FLOOR[name] for name in GOAL_NUTRIENTS), (shares, missed)


HELDOUT = Path(__file__).parent / "data" / "heldout.csv"

HELDOUT_FLOOR = {"magnesium_mg": 0.76, "potassium_mg": 0.76, "calcium_mg": 0.77}
"""The held-out set's shares measured on 2026-12-03 (76.7%, 76.7%, 78.0% of 150 phrases),
rounded down. The set is measured, never tuned on (tests/foods/data/README.md, "heldout.csv")."""


def test_heldout_mg_k_ca_stay_at_their_measured_shares() -> None:
    """On phrases written blind, magnesium, potassium and calcium stay at least as often within
    ±25% as measured; the goal is 90% (issue 14) and is not met."""
    result = report(HELDOUT)
    assert result.rows == 150
    shares = {name: result.shares[name] for name in GOAL_NUTRIENTS}
    assert all(shares[name] >= HELDOUT_FLOOR[name] for name in GOAL_NUTRIENTS), shares
