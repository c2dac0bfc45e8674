"""The daily-summary CSV's columns: names with units, what each accepts, and plausibility limits.

A value outside a column's limits is almost always a typing or unit error (a litre typed as
millilitres, grams typed as milligrams), so the import refuses it with the line and column
rather than let it become a "finding". Limits are generous on purpose: they stop unit slips, not
unusual days.
"""

from __future__ import annotations

from nightcramps.factors import EXPOSURES, OUTCOMES, Factor

Column = Factor
"""One column of the daily CSV: a factor of :mod:`nightcramps.factors` that files carry."""

DATE_COLUMN = "date"
"""The evening the night starts (local date, YYYY-MM-DD); the day's values belong to that day."""

OUTCOME_COLUMNS: tuple[Column, ...] = OUTCOMES
"""The night's outcome."""

FACTOR_COLUMNS: tuple[Column, ...] = tuple(f for f in EXPOSURES if f.in_csv)
"""Day-level factors, with the plausibility limits of ``nightcramps.factors``."""

VALUE_COLUMNS: tuple[Column, ...] = OUTCOME_COLUMNS + FACTOR_COLUMNS
CSV_HEADER: tuple[str, ...] = (DATE_COLUMN, *(c.name for c in VALUE_COLUMNS))
BY_NAME: dict[str, Column] = {c.name: c for c in VALUE_COLUMNS}
FACTOR_NAMES: tuple[str, ...] = tuple(c.name for c in FACTOR_COLUMNS)

IMPORT_SOURCE = "import"
"""The source recorded for values read from a daily CSV."""

IMPORTED_FROM: dict[str, str] = {
    IMPORT_SOURCE: "a daily CSV",
    "cronometer": "Cronometer",
    "myfitnesspal": "MyFitnessPal",
    "fitbit": "Fitbit",
    "garmin": "Garmin",
    "apple-health": "Apple Health",
}
"""Every source of imported values, with its name in words, in order of precedence: when two
imported a value for the same day, the first listed is used (the daily CSV the person made,
then the apps that log each food, then watches, then Apple Health, which mostly holds copies of
the others: design memo 4.4)."""
