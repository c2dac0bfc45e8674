"""MyFitnessPal's export (Premium): a zip ``File-Export-<start>-to-<end>/`` with
``Nutrition-Summary-…csv``, ``Exercise-Summary-…csv`` and ``Measurement-Summary-…csv``
(``formats.md`` §3, memo 4.5).

Files are matched by the start of their name, since one real export had no date suffix, and a
renamed nutrition file by its header (``Date,Meal,…,Sodium (mg)``). Columns are matched by name:
the nutrition file has three real header shapes (with and without ``Time``, with and without
``Note``), and ``Meal`` is whatever the person named it.

What each file gives:

- **Nutrition**: ``Sodium (mg)`` and ``Potassium`` (mg, though the header does not say so) →
  ``sodium_mg`` and ``potassium_mg``, summed per ``Date``. Without ``Time`` a row is one meal,
  with it one entry. The ``Date`` is the diary day the person logged the food on in
  MyFitnessPal, so it is kept as it is; the ``Time`` (often blank, in no documented shape) is
  not used.
  ``Calcium`` (like ``Iron``, ``Vitamin A`` and ``Vitamin C``) is a percentage of the daily value,
  not mg: it is never stored as mg and is counted as skipped. The file has no magnesium and no
  water, so those stay unknown on MyFitnessPal days (a warning says so: unknown, not low).
- **Exercise**: ``Exercise Minutes`` of Cardio and Strength rows → ``exercise_min`` and their
  ``Exercise Calories`` → ``active_energy_kcal``. ``Steps`` → ``steps``: the
  ``Health Connect calorie adjustment`` and ``MFP iOS calorie adjustment`` rows each carry the
  phone's step total of the day, and two of them on one day are two reports of the same walking,
  so the day's steps are the largest row carrying steps, never their sum. These rows are not
  exercise: their minutes and calories are not counted. Names wrapped in literal quotes (2026
  exports, ``"Walking, 3.5 mph"``) are read without the quotes.
- **Measurement**: ``Weight`` has no unit in the file, and the account's unit is not in the
  export, so a weight is never guessed as kg or lb: it is imported only when its header names a
  unit (``Weight (kg)``), and otherwise skipped with a warning. User-defined columns
  (``CycleTime``, ``n_Body Fat``) are not used.

Two exports that overlap (two date ranges in one folder): a day is taken from the first file
of its kind that has it, never summed twice.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from nightcramps import units
from nightcramps.imports.bundle import Bundle
from nightcramps.imports.extract import BadFile, Extract, SourceName
from nightcramps.imports.sources import _csv
from nightcramps.owner import Owner

SOURCE: SourceName = "myfitnesspal"

Kind = Literal["nutrition", "exercise", "measurement"]
PREFIXES: dict[str, Kind] = {
    "nutrition-summary": "nutrition",
    "exercise-summary": "exercise",
    "measurement-summary": "measurement",
}
"""The start of each file's name (lower case), whatever date range follows."""

ORDER: tuple[Kind, ...] = ("nutrition", "exercise", "measurement")

NUTRIENTS: dict[str, str] = {
    "Sodium (mg)": "sodium_mg",
    "Potassium": "potassium_mg",
    "Potassium (mg)": "potassium_mg",
}
"""MyFitnessPal's column → the factor; both are mg (real headers say ``Potassium`` without the
unit; a file has one of the two potassium names, never both)."""

NO_MAGNESIUM_NO_WATER = (
    "MyFitnessPal exports carry no magnesium and no water: those days stay unknown, not low."
)
CALCIUM_SKIPPED = "calcium is given as % of daily value, not mg"
WEIGHT_NO_UNIT = (
    "MyFitnessPal's measurement file gives weight without a unit (kg or lb), and the export does "
    "not say which the account uses, so no weight was imported rather than guessing the unit."
)
ADJUSTMENT = "calorie adjustment"
"""The end of the names of the rows a phone adds with the day's steps."""

_UNIT_IN_HEADER = re.compile(r"weight\s*\((kg|kgs|kilograms?|lb|lbs|pounds?)\)")


# ---------------------------------------------------------------------------- detection


def _kind(bundle: Bundle, member: str) -> Kind | None:
    name = bundle.basename(member).lower()
    if not name.endswith(".csv"):
        return None
    for prefix, kind in PREFIXES.items():
        if name.startswith(prefix):
            return kind
    header = _csv.header_of(bundle, member)
    if header and _csv.column_key(header[0]) == "date":
        if _csv.has_columns(header, "Meal", "Calories", "Sodium (mg)", "Potassium"):
            return "nutrition"
        if _csv.has_columns(header, "Exercise", "Type", "Exercise Calories", "Exercise Minutes"):
            return "exercise"
    return None


def detect(bundle: Bundle) -> list[str]:
    """The MyFitnessPal summaries in ``bundle``, nutrition first."""
    kinds = {m: _kind(bundle, m) for m in bundle.names}
    found = [m for m, kind in kinds.items() if kind is not None]
    return sorted(found, key=lambda m: ORDER.index(kinds[m] or "measurement"))


# ---------------------------------------------------------------------------- parsing


def _require(table: _csv.Table, *columns: str) -> None:
    for column in columns:
        if not table.has(column):
            raise BadFile(
                f"the file has no '{column}' column, which every MyFitnessPal export of this "
                "kind has; export it again (Settings → Export Data).",
                member=table.member,
                line=1,
            )


def _unquoted(name: str) -> str:
    """An exercise name without the literal quotes 2026 exports wrap it in."""
    return name.strip().strip('"').strip()


class _Reader:
    """One parse: the extract being filled and the days each kind of file has given."""

    def __init__(self, owner: Owner) -> None:
        self.owner = owner
        self.extract = Extract(source=SOURCE)
        self.days: dict[Kind, set[date]] = {kind: set() for kind in ORDER}

    def _taken(self, kind: Kind, day: date, earlier: set[date]) -> bool:
        if day in earlier:
            self.extract.skip(f"{kind}: day already read from another {kind} file")
            return True
        return False

    def nutrition(self, table: _csv.Table) -> None:
        _require(table, "Date", "Meal")
        if NO_MAGNESIUM_NO_WATER not in self.extract.warnings:
            self.extract.warnings.append(NO_MAGNESIUM_NO_WATER)
        earlier, days = set(self.days["nutrition"]), set()
        for row in table:
            self.extract.records += 1
            day = row.day("Date")
            if self._taken("nutrition", day, earlier):
                continue
            days.add(day)
            for column, factor in NUTRIENTS.items():
                value = row.number(column)
                if value is not None:
                    self.extract.add(day, factor, value)
            if row.number("Calcium") is not None:
                self.extract.skip(CALCIUM_SKIPPED)
        self.days["nutrition"] |= days

    def exercise(self, table: _csv.Table) -> None:
        _require(table, "Date", "Exercise")
        earlier, days = set(self.days["exercise"]), set()
        for row in table:
            self.extract.records += 1
            day = row.day("Date")
            if self._taken("exercise", day, earlier):
                continue
            days.add(day)
            steps = row.number("Steps")
            if steps is not None:
                # Each row is a whole day's count from the phone: the largest, never a sum.
                self.extract.put(
                    day, "steps", max(steps, self.extract.values.get((day, "steps"), 0))
                )
            if _unquoted(row.text("Exercise")).casefold().endswith(ADJUSTMENT):
                continue
            self._workout(row, day)
        self.days["exercise"] |= days

    def _workout(self, row: _csv.Row, day: date) -> None:
        minutes = row.number("Exercise Minutes")
        if minutes is not None and minutes < 0:
            raise row.bad(
                f"{minutes:g} minutes is not a duration; correct the entry in MyFitnessPal and "
                "export again.",
                "Exercise Minutes",
            )
        if minutes:
            self.extract.add(day, "exercise_min", minutes)
        else:
            self.extract.skip("exercise: rows without minutes")
        calories = row.number("Exercise Calories")
        if calories is not None and minutes:
            self.extract.add(day, "active_energy_kcal", abs(calories))

    def measurement(self, table: _csv.Table) -> None:
        _require(table, "Date")
        weight_column = next((c for c in table.columns if _csv.column_key(c) == "weight"), None)
        unit_column = next(
            (c for c in table.columns if _UNIT_IN_HEADER.fullmatch(_csv.column_key(c))), None
        )
        others = [
            c
            for c in table.columns
            if _csv.column_key(c) != "date" and c not in (weight_column, unit_column)
        ]
        earlier, days = set(self.days["measurement"]), set()
        for row in table:
            self.extract.records += 1
            day = row.day("Date")
            if self._taken("measurement", day, earlier):
                continue
            days.add(day)
            if weight_column is not None and row.number(weight_column) is not None:
                self._warn(WEIGHT_NO_UNIT)
                self.extract.skip("weight: the file gives no unit (kg or lb), not guessed")
            if unit_column is not None:
                self._weight(row, day, unit_column)
            for column in others:
                if row.text(column) not in _csv.UNKNOWN:
                    self.extract.skip(f"measurement: {column}: not used")
        self.days["measurement"] |= days

    def _weight(self, row: _csv.Row, day: date, column: str) -> None:
        value = row.number(column)
        if value is None:
            return
        found = _UNIT_IN_HEADER.fullmatch(_csv.column_key(column))
        unit = units.unit_for(found[1]) if found else None
        if unit is not None:
            self.extract.put(day, "body_mass_kg", units.to_grams(value, unit) / 1000)

    def _warn(self, warning: str) -> None:
        if warning not in self.extract.warnings:
            self.extract.warnings.append(warning)

    def read(self, kind: Kind, table: _csv.Table) -> None:
        """Read one file of ``kind``."""
        if kind == "nutrition":
            self.nutrition(table)
        elif kind == "exercise":
            self.exercise(table)
        else:
            self.measurement(table)


def parse(bundle: Bundle, members: list[str], owner: Owner) -> Extract:
    """Read MyFitnessPal's summaries (see the module docstring for what each gives).

    Raises:
        BadFile: a file is not UTF-8 CSV, lacks its ``Date`` column, or a row holds a value that
            is not a number, a date or a time; the error names file, line and column.
    """
    reader = _Reader(owner)
    kinds = {m: _kind(bundle, m) for m in members}
    return _csv.read_kinds(bundle, kinds, ORDER, reader.read, reader.extract)


__all__ = ["SOURCE", "detect", "parse"]
