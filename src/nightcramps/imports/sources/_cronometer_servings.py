"""Cronometer's ``servings.csv`` summed per day the quick way, with the careful way beside it.

Ten years of servings are 100,000 entries and more; :class:`Servings` reads them in about the
time the :mod:`csv` module takes to split them, and gives what
:mod:`nightcramps.imports.sources.cronometer` would give reading them one
:class:`~nightcramps.imports.sources._csv.Row` at a time: the same sums, unknowns left
unknown, and the same error, naming the same line and column, for a bad cell.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Callable, Iterator, Mapping
from datetime import date, timedelta
from itertools import repeat
from operator import itemgetter, truediv
from typing import cast

from nightcramps import timing
from nightcramps.constants import ALCOHOL_G_PER_DRINK
from nightcramps.imports.extract import Extract
from nightcramps.imports.sources import _csv
from nightcramps.owner import Owner

CACHE_LIMIT = 65_536
"""The most distinct cells (days, clock times, foods) remembered while reading one file;
beyond it the memory is emptied and refilled, so it stays bounded whatever the file."""


DrinkKey = Callable[[list[str]], tuple[str, str]]
EntryDay = Callable[[_csv.Row, Owner], date]
IsDrink = Callable[[_csv.Row], bool]


class _Careful(Exception):
    """A run of entries the quick way cannot sum; they are read again the careful way."""


class Servings:
    """One ``servings.csv`` summed per day, fast.

    A ten-year file has 100,000 entries or more, and a :class:`~nightcramps.imports.sources.
    _csv.Row` per entry, with each cell looked up by name and read by a function, costs several
    times the reading of the file itself. So the entries are read the quick way: the day and the
    clock time looked up by position in a dict of the cells already seen, then kept, as they
    are, in a *run* of entries of one day (the file lists a day's entries together). When the
    day changes the run is summed column by column, each column's non-blank cells by ``float``
    and ``sum`` (the day's total added up in the file's order, from the total so far, as
    :meth:`~nightcramps.imports.extract.Extract.add` does entry by entry).

    Anything that way cannot take as it is (a short record, a day or time not seen yet, a cell
    ``float`` refuses, ``nan`` or ``inf``) is read the careful way, an entry at a time through
    :class:`~nightcramps.imports.sources._csv.Row` and the functions Cronometer's reader gives
    (``entry_day``, ``is_drink``), which reads it or raises the error naming its line and
    column. A run is summed before any later
    entry is read carefully, so the first bad cell in the file is the one named. Memory holds
    one day's entries besides the day values themselves.
    """

    def __init__(
        self,
        table: _csv.Table,
        extract: Extract,
        *,
        owner: Owner,
        earlier: set[date],
        numbers: Mapping[str, str],
        entry_day: EntryDay,
        is_drink: IsDrink,
    ) -> None:
        """Ready to read ``table`` into ``extract``: ``numbers`` maps the number columns to
        their factors (``Alcohol (g)`` in grams, to ``alcohol_drinks``); ``Water (g)`` is then
        read for drinks only, as ``fluid_ml``. Entries of a day in ``earlier`` (read from
        another servings file) are counted in :attr:`repeated` and left out."""
        self.table = table
        self.extract = extract
        """Where the day totals go (:meth:`~nightcramps.imports.extract.Extract.add`)."""
        self.owner = owner
        self.earlier = earlier
        self.entry_day = entry_day
        self.is_drink = is_drink
        present = [
            (at, column, factor)
            for column, factor in numbers.items()
            if (at := table.index(column)) is not None
        ]
        self.columns = [column for _, column, _ in present]
        self.factors = [factor for _, _, factor in present]
        self.alcohol = (
            self.factors.index("alcohol_drinks") if "alcohol_drinks" in self.factors else None
        )
        self.water = table.index("Water (g)")
        if self.water is not None:
            self.factors.append("fluid_ml")
        self.width = len(table.columns)
        self.category = table.index("Category")
        self.food = table.index("Food Name")
        self.drink_key: DrinkKey = self._drink_cells
        """The cells that make an entry a drink or not: its Category and Food Name."""
        if self.category is not None and self.food is not None:
            self.drink_key = cast(DrinkKey, itemgetter(self.category, self.food))
        self.cells = _picker([at for at, _, _ in present])
        """The number cells of a record, in :attr:`columns`' order."""
        self.days_seen: dict[str, date] = {}
        self.shifts: dict[str, timedelta] = {}
        """A clock time's cell → how far its entry's day is before the ``Day`` (0 or 1 day)."""
        self.drinks: dict[tuple[str, str], bool] = {}
        self.rows = 0
        self.blank = 0
        self.repeated = 0
        self.days: set[date] = set()
        self.run_day: date | None = None
        self.run: list[list[str]] = []
        self.run_lines: list[int] = []
        self.run_waters: list[str] = []
        """The run's ``Water (g)`` cells, blank where the entry is not a drink."""

    def read(self, *, careful: bool = False) -> None:
        """Read every record, the quick way unless ``careful``."""
        table, width, earlier, days = self.table, self.width, self.earlier, self.days
        days_seen, shifts, run, run_lines = self.days_seen, self.shifts, self.run, self.run_lines
        run_waters, drinks, drink_of = self.run_waters, self.drinks, self.drink_key
        day_at = table.index("Day")
        assert day_at is not None  # _require checked it
        time_at = table.index("Time")
        water_at = self.water
        no_shift = timedelta(0)
        run_day = None
        reader = table.reader
        end = reader.line_num
        rows = 0
        try:
            for record in reader:
                line, end = end + 1, reader.line_num
                if not record:
                    continue  # a blank line
                rows += 1
                if careful or len(record) != width:
                    self._flush()
                    run_day = None
                    self._careful(record, line)
                    continue
                day = days_seen.get(record[day_at]) or self._new_day(record[day_at])
                shift = no_shift if time_at is None else shifts.get(record[time_at])
                if day is None or shift is None:
                    self._flush()
                    run_day = None
                    self._careful(record, line)
                    continue
                entry_day = day - shift if shift else day
                if entry_day in earlier:
                    self.repeated += 1
                    continue
                water = "" if water_at is None else record[water_at]
                if water and not (drinks.get(drink_of(record)) or self._is_drink(record)):
                    if not _is_number(water):
                        self._flush()
                        run_day = None
                        self._careful(record, line)  # not a drink, but a bad cell all the same
                        continue
                    water = ""
                if entry_day != run_day:
                    self._flush()
                    run_day = self.run_day = entry_day
                days.add(day)
                run.append(record)
                run_lines.append(line)
                if water_at is not None:
                    run_waters.append(water)
        except csv.Error as exc:
            raise table.broken(exc, end + 1) from None
        self._flush()
        self.rows = rows - self.blank

    def _new_day(self, cell: str) -> date | None:
        """A day cell not seen yet, when it is a plain ISO date of a plausible year (else
        ``None``: the careful way reads it, or names what is wrong)."""
        try:
            day = date.fromisoformat(cell)
        except ValueError:
            return None
        if not timing.EARLIEST_YEAR <= day.year <= timing.LATEST_YEAR:
            return None
        if len(self.days_seen) >= CACHE_LIMIT:
            self.days_seen.clear()
        self.days_seen[cell] = day
        return day

    def _drink_cells(self, record: list[str]) -> tuple[str, str]:
        category = "" if self.category is None else record[self.category]
        return category, "" if self.food is None else record[self.food]

    def _is_drink(self, record: list[str]) -> bool:
        key = self.drink_key(record)
        drink = self.drinks.get(key)
        if drink is None:
            if len(self.drinks) >= CACHE_LIMIT:
                self.drinks.clear()
            drink = self.drinks[key] = self.is_drink(self.table.row(record))
        return drink

    def _flush(self) -> None:
        """Sum the run into its day's totals, or read it again carefully if it cannot be; the
        run is then empty, of no day."""
        day, self.run_day = self.run_day, None
        if not self.run or day is None:
            return
        try:
            self.extract.values.update(self._sums(day))
            self.days.add(day)
        except _Careful:
            for record, line in zip(self.run, self.run_lines, strict=True):
                self._careful(record, line)
        finally:
            self.run.clear()
            self.run_lines.clear()
            self.run_waters.clear()

    def _sums(self, day: date) -> dict[tuple[date, str], float]:
        """The day's totals with the run added, column by column (the columns the run knows
        nothing of are left out: unknown, never 0).

        Raises:
            _Careful: a cell ``float`` does not take, or a total that is not finite.
        """
        values = self.extract.values
        columns: list[tuple[str, ...] | list[str]] = list(
            zip(*map(self.cells, self.run), strict=True)
        )
        if not columns:
            columns = [() for _ in self.columns]
        if self.water is not None:
            columns.append(self.run_waters)
        totals: dict[tuple[date, str], float] = {}
        for slot, (cells, factor) in enumerate(zip(columns, self.factors, strict=True)):
            known = list(filter(None, cells))
            if not known:
                continue
            try:
                numbers: Iterator[float] = map(float, known)
                if slot == self.alcohol:
                    numbers = map(truediv, numbers, repeat(ALCOHOL_G_PER_DRINK))
                summed = sum(numbers, values.get((day, factor), 0.0))
            except ValueError:
                raise _Careful from None
            if not math.isfinite(summed):
                raise _Careful  # nan or inf in a cell (or a sum too large): find which
            totals[(day, factor)] = summed
        return totals

    def _careful(self, record: list[str], line: int) -> None:
        """Read one record the careful way, in the order the quick way checks it: the day,
        the time, then each number (the first bad cell is the one named)."""
        if not any(map(str.strip, record)):
            self.blank += 1  # a record of blank cells only: not an entry
            return
        row = self.table.row(record, line)
        day = row.day("Day")
        entry_day = self.entry_day(row, self.owner)
        self._remember(row, day, entry_day)
        if entry_day in self.earlier:
            self.repeated += 1
            return
        values = [row.number(column) for column in self.columns]
        if self.water is not None:
            water_g = row.number("Water (g)")
            values.append(water_g if water_g is not None and self.is_drink(row) else None)
        if self.alcohol is not None and (grams := values[self.alcohol]) is not None:
            values[self.alcohol] = grams / ALCOHOL_G_PER_DRINK
        self.days.add(day)
        self.days.add(entry_day)
        for factor, value in zip(self.factors, values, strict=True):
            if value is not None:
                self.extract.add(entry_day, factor, value)

    def _remember(self, row: _csv.Row, day: date, entry_day: date) -> None:
        """Keep the day and clock cells just read for the quick way (the day of a wall-clock
        time on the person's own clock depends on its hour only, not on the date)."""
        if len(self.days_seen) >= CACHE_LIMIT:
            self.days_seen.clear()
            self.shifts.clear()
        self.days_seen[row.cells[_csv.column_key("Day")]] = day
        if "time" in row.cells:
            self.shifts[row.cells["time"]] = day - entry_day


def _is_number(cell: str) -> bool:
    """Whether ``float`` reads ``cell`` as a finite number (as the careful way would)."""
    try:
        return math.isfinite(float(cell))
    except ValueError:
        return False


def _picker(positions: list[int]) -> Callable[[list[str]], tuple[str, ...]]:
    """A function giving the cells at ``positions`` of a record, as a tuple."""
    if len(positions) >= 2:
        return itemgetter(*positions)
    return lambda record: tuple(record[at] for at in positions)


__all__ = ["Servings"]
