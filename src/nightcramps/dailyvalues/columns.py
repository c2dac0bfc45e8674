"""The daily-summary CSV's columns: names with units, what each accepts, and plausibility limits.

A value outside a column's limits is almost always a typing or unit error (a litre typed as
millilitres, grams typed as milligrams), so the import refuses it with the line and column
rather than let it become a "finding". Limits are generous on purpose: they stop unit slips, not
unusual days.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["int", "float", "flag"]


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the daily CSV."""

    name: str
    kind: Kind
    low: float
    high: float
    help: str
    """What the column holds, in words (shown in docs and error messages)."""


DATE_COLUMN = "date"
"""The evening the night starts (local date, YYYY-MM-DD); the day's values belong to that day."""

OUTCOME_COLUMNS: tuple[Column, ...] = (
    Column("cramps", "int", 0, 50, "number of cramps that night; blank = night not logged"),
    Column("worst_severity_0_10", "int", 0, 10, "worst cramp of the night, 0-10; blank = unknown"),
)
"""The night's outcome. 50 cramps in a night is far beyond what trials report (a mean of a few
per week, Cochrane CD009402 2020) and flags a typing error."""

FACTOR_COLUMNS: tuple[Column, ...] = (
    Column("fluid_ml", "float", 0, 15_000, "fluids drunk that day, ml"),
    Column("magnesium_mg", "float", 0, 5_000, "magnesium from food and supplements, mg"),
    Column("potassium_mg", "float", 0, 20_000, "potassium, mg"),
    Column("calcium_mg", "float", 0, 10_000, "calcium, mg"),
    Column("sodium_mg", "float", 0, 30_000, "sodium, mg"),
    Column("steps", "int", 0, 150_000, "steps walked that day"),
    Column("exercise_min", "float", 0, 1_440, "minutes of exercise that day"),
    Column("stretched", "flag", 0, 1, "bedtime calf stretches done: 1 yes, 0 no"),
    Column("alcohol_drinks", "float", 0, 50, "standard alcoholic drinks that day"),
    Column("caffeine_mg", "float", 0, 3_000, "caffeine, mg"),
    Column("sleep_h", "float", 0, 24, "hours slept"),
)
"""Day-level factors. The upper limits are several times the largest plausible day (e.g. 15 L of
fluid, 5 g of magnesium, ten times the supplemental upper level of 350 mg, IOM 2000): above them
the value is a unit slip."""

VALUE_COLUMNS: tuple[Column, ...] = OUTCOME_COLUMNS + FACTOR_COLUMNS
CSV_HEADER: tuple[str, ...] = (DATE_COLUMN, *(c.name for c in VALUE_COLUMNS))
BY_NAME: dict[str, Column] = {c.name: c for c in VALUE_COLUMNS}
FACTOR_NAMES: tuple[str, ...] = tuple(c.name for c in FACTOR_COLUMNS)

IMPORT_SOURCE = "import"
"""The source recorded for values read from a daily CSV."""
