"""Cronometer's CSV exports: ``servings.csv``, ``dailysummary.csv``, ``biometrics.csv`` and
``exercises.csv`` (``formats.md`` §2, memo 4.5).

Cronometer exports each category as its own download, so a person brings one file, a few in a
folder, or a zip of them. Files are recognised by name, and by their header when renamed (a
year-by-year ``servings-2024.csv``). Columns are matched by name, never by position: the set of
nutrient columns differs between accounts and versions (57, 73, 57 + ``Added Sugars``).

What each file gives:

- **servings.csv** (one row per food logged): the day's magnesium, potassium, calcium, sodium
  and caffeine are the sums of the entries that know them; a blank cell is unknown and is left
  out, so a day whose entries all leave magnesium blank has no magnesium, not 0. With a ``Time``
  the entry counts for :func:`~nightcramps.timing.day_of` that moment (a snack at 00:30 belongs
  to the day before); without one, for its ``Day``. The entries are summed a day at a time by
  :mod:`~nightcramps.imports.sources._cronometer_servings`, in about the time the ``csv``
  module takes to split them, with the same results and errors as one row at a time.
- **dailysummary.csv**: the same nutrients, only for days that no servings file has (the
  servings carry the timing; memo 4.5). With diary group rows, the day's total row is used.
- **biometrics.csv**: ``Sleep (…)`` hours → ``sleep_h`` on the row's day, the day the sleep
  ends on; ``Weight`` in kg or lbs → ``body_mass_kg``.
- **exercises.csv**: rows with minutes → ``exercise_min``, and their (negative) Calories Burned
  → ``active_energy_kcal`` as a positive number. Rows synced from a watch or phone, such as
  ``Active Energy Balance (Apple Health)``, have 0 minutes: they are the day's energy balance,
  not exercise, and are skipped, so a walk already counted by the watch is not counted twice.
- ``notes.csv`` and ``fasts.csv`` are counted as skipped: nothing in them is a day's value.

Decisions where the file and the app's definitions differ:

- **Fluids.** The app's ``fluid_ml`` is *fluids drunk* (``factors.py``), counted as the drinks'
  volume; the water in foods is kept apart (``nutrition.totals.water_total``). Cronometer's
  ``Water (g)`` is the water content of every food logged, drinks included, so it is never
  taken as a whole. The day's fluids are the ``Water (g)`` of the entries that are drinks: those
  in the ``Beverages`` food group (plain water, coffee, tea, soft drinks, alcoholic drinks), and
  those whose name says water, tea, coffee, milk or juice (milk is filed under Dairy, juice
  under Fruits), 1 g = 1 ml as in the app. A drink with none of these is not counted, and a
  food named after one (``Milk chocolate``) adds its little water, so fluids stay close to what
  was drunk; a day without any drink has no fluid value. ``dailysummary.csv`` has only the
  total water of foods and drinks together, so it gives no fluids.
- **Alcohol.** Cronometer gives ``Alcohol (g)``; the app's ``alcohol_drinks`` counts standard
  drinks. The grams are divided by :data:`ALCOHOL_G_PER_DRINK` (14 g, the US standard drink of
  NIAAA: Cronometer's food database and most of its users are American). A person who counts
  UK units (8 g) sees more drinks here than they would type on the Today page.
- **Several servings files** (exported year by year) that share a day: the day is taken from
  the first file that has it, never summed twice.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime
from typing import Literal

from nightcramps import timing, units
from nightcramps.constants import ALCOHOL_G_PER_DRINK
from nightcramps.imports.bundle import Bundle
from nightcramps.imports.extract import BadFile, Extract, SourceName
from nightcramps.imports.sources import _cronometer_servings as _servings
from nightcramps.imports.sources import _csv
from nightcramps.owner import Owner

SOURCE: SourceName = "cronometer"

Kind = Literal["servings", "dailysummary", "biometrics", "exercises", "notes", "fasts"]
ORDER: tuple[Kind, ...] = ("servings", "dailysummary", "biometrics", "exercises", "notes", "fasts")
"""The order files are read in: servings before the daily summary, which fills only the days
the servings do not have."""

FILE_NAMES: dict[str, Kind] = {f"{kind}.csv": kind for kind in ORDER}

NUTRIENTS: dict[str, str] = {
    "Magnesium (mg)": "magnesium_mg",
    "Potassium (mg)": "potassium_mg",
    "Calcium (mg)": "calcium_mg",
    "Sodium (mg)": "sodium_mg",
    "Caffeine (mg)": "caffeine_mg",
}
"""Cronometer's column → the factor; all in mg, as the factors are. ``Caffeine (mg)`` is missing
from some accounts' files (the 73-column one): then caffeine stays unknown."""

BEVERAGES = "beverages"
"""The food group (``Category``, case-folded) whose water counts as fluids drunk."""

TOTAL_GROUPS = frozenset({"", "total", "totals", "daily total", "day total"})
"""``Group`` values of a daily summary's total row (group rows name a diary group)."""

DRINK_NAME = re.compile(r"\b(water|tea|coffee|milk|juice)s?\b", re.IGNORECASE)
"""Words in a food name that make it a drink whatever its food group (milk is Dairy, juice
Fruits); whole words only, so ``Watermelon`` and ``Steak`` are not drinks."""

FLUIDS_WARNING = (
    "Fluids are the water of the drinks logged in Cronometer (its Beverages food group, and "
    "entries named water, tea, coffee, milk or juice), not the water in foods."
)
SUMMARY_WATER_SKIPPED = (
    "fluids: dailysummary.csv gives the water of foods and drinks together, not what was drunk"
)

HEADERS: dict[Kind, tuple[str, ...]] = {
    "servings": ("Day", "Food Name", "Amount"),
    "biometrics": ("Day", "Metric", "Unit", "Amount"),
    "exercises": ("Day", "Exercise", "Minutes", "Calories Burned"),
    "fasts": ("Name", "Start", "End", "Recurrence"),
}
"""Columns that identify a renamed file (the daily summary: ``Date`` first, with energy)."""


# ---------------------------------------------------------------------------- detection


def _kind_by_header(header: tuple[str, ...] | None) -> Kind | None:
    for kind, columns in HEADERS.items():
        if _csv.has_columns(header, *columns):
            return kind
    if (
        header
        and _csv.column_key(header[0]) == "date"
        and _csv.has_columns(header, "Energy (kcal)")
    ):
        return "dailysummary"
    return None


def _kind(bundle: Bundle, member: str) -> Kind | None:
    name = bundle.basename(member).lower()
    if name in FILE_NAMES:
        return FILE_NAMES[name]
    if not name.endswith(".csv"):
        return None
    return _kind_by_header(_csv.header_of(bundle, member))


def _kinds(bundle: Bundle) -> dict[str, Kind]:
    found = {m: _kind(bundle, m) for m in bundle.names}
    return {m: kind for m, kind in found.items() if kind is not None}


def detect(bundle: Bundle) -> list[str]:
    """The Cronometer CSVs in ``bundle`` (by name, or by header when renamed), servings first."""
    kinds = _kinds(bundle)
    return sorted(kinds, key=lambda m: ORDER.index(kinds[m]))


# ---------------------------------------------------------------------------- parsing


def _entry_day(row: _csv.Row, owner: Owner) -> date:
    """The day an entry counts for: its ``Time`` on its ``Day`` in the person's calendar
    (00:30 is the day before), or the ``Day`` when there is no time."""
    day = row.day("Day")
    clock = row.clock("Time")
    if clock is None:
        return day
    return timing.day_of(datetime.combine(day, clock, tzinfo=owner.tz), owner)


def _require(table: _csv.Table, *columns: str) -> None:
    for column in columns:
        if not table.has(column):
            raise BadFile(
                f"the file has no '{column}' column, which every Cronometer export of this kind "
                "has; export it again from Cronometer (More → Account → Export Data).",
                member=table.member,
                line=1,
            )


def _nutrients(row: _csv.Row) -> dict[str, float]:
    """The row's known nutrients by factor, alcohol as drinks (blank cells are left out,
    never 0)."""
    found = {factor: row.number(column) for column, factor in NUTRIENTS.items()}
    alcohol_g = row.number("Alcohol (g)")
    if alcohol_g is not None:
        found["alcohol_drinks"] = alcohol_g / ALCOHOL_G_PER_DRINK
    return {factor: value for factor, value in found.items() if value is not None}


def _is_drink(row: _csv.Row) -> bool:
    """Whether an entry is something drunk: a Beverage, or named water, tea, coffee, milk or
    juice (see the module docstring, *Fluids*)."""
    category = row.text("Category").casefold()
    return category.startswith(BEVERAGES) or DRINK_NAME.search(row.text("Food Name")) is not None


class _Reader:
    """One parse: the extract being filled and the days each kind of file has given."""

    def __init__(self, bundle: Bundle, owner: Owner, *, careful: bool = False) -> None:
        self.bundle = bundle
        self.owner = owner
        self.careful = careful
        self.extract = Extract(source=SOURCE)
        self.serving_days: set[date] = set()
        self.summary_days: set[date] = set()

    def servings(self, table: _csv.Table) -> None:
        _require(table, "Day")
        self._warn(
            FLUIDS_WARNING
            if table.has("Category")
            else f"{table.member} has no Category column, so the fluids drunk are not known "
            "(Cronometer's water includes the water in foods)."
        )
        servings = _servings.Servings(
            table,
            self.extract,
            owner=self.owner,
            earlier=self.serving_days,
            numbers={**NUTRIENTS, "Alcohol (g)": "alcohol_drinks"},
            entry_day=_entry_day,
            is_drink=_is_drink,
        )
        servings.read(careful=self.careful)
        self.extract.records += servings.rows
        if servings.repeated:
            self.extract.skip(
                "servings: day already read from another servings file", servings.repeated
            )
        self.serving_days = self.serving_days | servings.days

    def dailysummary(self, table: _csv.Table) -> None:
        _require(table, "Date")
        totals: dict[tuple[date, str], float] = {}
        groups: dict[tuple[date, str], float] = {}
        with_total: set[date] = set()
        group_rows: Counter[date] = Counter()
        for row in table:
            self.extract.records += 1
            day = row.day("Date")
            if day in self.serving_days:
                self.extract.skip("dailysummary: day taken from servings.csv (per entry)")
                continue
            if day in self.summary_days:
                self.extract.skip("dailysummary: day already read from another summary file")
                continue
            nutrients = _nutrients(row)
            if row.text("Group").casefold() in TOTAL_GROUPS:
                with_total.add(day)
                totals.update({(day, factor): value for factor, value in nutrients.items()})
            else:
                group_rows[day] += 1
                for factor, value in nutrients.items():
                    groups[(day, factor)] = groups.get((day, factor), 0.0) + value
            if row.number("Water (g)") is not None:
                self.extract.skip(SUMMARY_WATER_SKIPPED)
        # A day's group rows are summed only when the file has no total row for that day.
        for (day, factor), value in groups.items():
            if day not in with_total:
                totals[(day, factor)] = value
        for (day, factor), value in totals.items():
            self.extract.put(day, factor, value)
        counted = sum(n for day, n in group_rows.items() if day in with_total)
        if counted:
            self.extract.skip(
                "dailysummary: diary group rows (the day's total row is used)", counted
            )
        self.summary_days |= with_total | set(group_rows)

    def biometrics(self, table: _csv.Table) -> None:
        _require(table, "Day", "Metric", "Amount")
        for row in table:
            self.extract.records += 1
            day = row.day("Day")
            metric = _csv.column_key(row.text("Metric"))
            amount = row.number("Amount")
            if amount is None:
                self.extract.skip("biometrics: rows without an amount")
            elif metric == "sleep" or metric.startswith("sleep ("):
                self._sleep(row, day, amount)
            elif metric == "weight" or metric.startswith("weight ("):
                self._weight(row, day, amount)
            else:
                self.extract.skip(f"biometrics: {row.text('Metric').split(' (')[0]}: not used")

    def _sleep(self, row: _csv.Row, day: date, amount: float) -> None:
        unit = _csv.column_key(row.text("Unit"))
        if unit in ("hours", "hour", "h", "hrs", "hr", ""):
            hours = amount
        elif unit in ("minutes", "minute", "min", "mins"):
            hours = amount / 60
        else:
            self.extract.skip(f"biometrics: sleep in '{row.text('Unit')}': not a unit of time")
            return
        # Watches and manual entries can report the same night: the longest one counts, as
        # one value per day, never a sum of overlapping sources.
        self.extract.put(day, "sleep_h", max(hours, self.extract.values.get((day, "sleep_h"), 0)))

    def _weight(self, row: _csv.Row, day: date, amount: float) -> None:
        unit = units.unit_for(row.text("Unit"))
        if unit not in ("kilogram", "pound"):
            self.extract.skip("biometrics: weight without a unit of kg or lbs")
            return
        self.extract.put(day, "body_mass_kg", units.to_grams(amount, unit) / 1000)

    def exercises(self, table: _csv.Table) -> None:
        _require(table, "Day", "Minutes")
        for row in table:
            self.extract.records += 1
            day = _entry_day(row, self.owner)
            minutes = row.number("Minutes")
            if minutes is not None and minutes < 0:
                raise row.bad(
                    f"{minutes:g} minutes is not a duration; correct the row in Cronometer "
                    "and export the file again.",
                    "Minutes",
                )
            if not minutes:
                self.extract.skip("exercises: synced rows with 0 minutes (not exercise)")
                continue
            self.extract.add(day, "exercise_min", minutes)
            burned = row.number("Calories Burned")
            if burned is not None:
                # Cronometer writes burned energy as a negative number (energy out).
                self.extract.add(day, "active_energy_kcal", abs(burned))

    def _warn(self, warning: str) -> None:
        if warning not in self.extract.warnings:
            self.extract.warnings.append(warning)

    def read(self, kind: Kind, table: _csv.Table) -> None:
        """Read one file of ``kind``."""
        if kind == "servings":
            self.servings(table)
        elif kind == "dailysummary":
            self.dailysummary(table)
        elif kind == "biometrics":
            self.biometrics(table)
        elif kind == "exercises":
            self.exercises(table)
        else:
            self.skipped_file(table, kind)

    def skipped_file(self, table: _csv.Table, kind: Kind) -> None:
        rows = sum(1 for _ in table)
        self.extract.records += rows
        if rows:
            self.extract.skip(f"{kind}.csv: {kind} are not a day's value", rows)


def parse(bundle: Bundle, members: list[str], owner: Owner, *, careful: bool = False) -> Extract:
    """Read Cronometer's CSVs (see the module docstring for what each gives); ``careful`` reads
    every serving the careful way, one :class:`~nightcramps.imports.sources._csv.Row` at a time
    (the tests check that both ways give the same result and the same errors).

    Raises:
        BadFile: a file is not UTF-8 CSV, lacks a column every such file has, or a row holds a
            value that is not a number, a date or a time; the error names file, line and column.
    """
    reader = _Reader(bundle, owner, careful=careful)
    kinds = {m: _kind(bundle, m) for m in members}
    return _csv.read_kinds(bundle, kinds, ORDER, reader.read, reader.extract)


__all__ = ["SOURCE", "detect", "parse"]
