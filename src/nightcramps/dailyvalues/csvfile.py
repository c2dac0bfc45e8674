"""Reading and writing the daily-summary CSV. Pure: text in, rows or every problem out.

Reading collects *every* problem (line and column of each) before giving an answer, so a person
can fix their spreadsheet in one pass; the caller imports nothing unless the whole file is clean.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from nightcramps import timing
from nightcramps.dailyvalues.columns import BY_NAME, CSV_HEADER, DATE_COLUMN, Column

MAX_PROBLEMS = 200
"""Stop listing problems after this many: a file this broken is probably not a daily CSV."""


FLAG_WORDS = {"1": 1.0, "0": 0.0, "true": 1.0, "false": 0.0, "yes": 1.0, "no": 0.0}


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in the file, where it is, and how to fix it."""

    line: int
    column: int | None
    """1-based column number, None for a problem with the whole line."""
    column_name: str | None
    message: str

    def where(self) -> str:
        if self.column is None:
            return f"line {self.line}"
        return f"line {self.line}, column {self.column} ({self.column_name})"

    def __str__(self) -> str:
        return f"{self.where()}: {self.message}"


@dataclass(slots=True)
class DailyRow:
    """One row of the CSV: a day and the values known for it (unknown values are absent)."""

    day: date
    values: dict[str, float] = field(default_factory=dict)
    line: int = 0


class DailyCsvProblems(Exception):
    """The file cannot be imported; ``problems`` lists each with its line and column."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the daily CSV")
        self.problems = problems


def format_number(value: float) -> str:
    """A value as the CSV writes it: integers without '.0', others as the shortest exact text."""
    if float(value).is_integer():
        return str(int(value))
    return repr(float(value))


def write_daily_csv(rows: Iterable[DailyRow]) -> str:
    """The CSV text for ``rows`` (sorted by day by the caller), header first, blank = unknown."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for row in rows:
        cells = [row.day.isoformat()]
        for name in CSV_HEADER[1:]:
            value = row.values.get(name)
            cells.append("" if value is None else format_number(value))
        writer.writerow(cells)
    return out.getvalue()


def _parse_header(
    header: list[str], problems: list[Problem]
) -> dict[int, str]:  # column index -> name
    names: dict[int, str] = {}
    seen: set[str] = set()
    for index, raw in enumerate(header):
        name = raw.strip().lower()
        if name in seen:
            problems.append(
                Problem(1, index + 1, raw, f"the column {name!r} appears twice; keep one")
            )
        elif name != DATE_COLUMN and name not in BY_NAME:
            known = ", ".join(CSV_HEADER)
            problems.append(
                Problem(
                    1,
                    index + 1,
                    raw,
                    f"{raw!r} is not a column of the daily CSV; rename it or remove it "
                    f"(known columns: {known})",
                )
            )
        seen.add(name)
        names[index] = name
    if DATE_COLUMN not in seen:
        problems.append(Problem(1, None, None, "the header has no 'date' column; add one"))
    return names


def _parse_value(text: str, column: Column) -> tuple[float | None, str | None]:
    """The value of one cell, or the reason it cannot be read."""
    if column.kind == "flag":
        flag = FLAG_WORDS.get(text.lower())
        if flag is None:
            return None, f"{text!r} is not 0 or 1; write 1 (yes), 0 (no) or leave it blank"
        return flag, None
    try:
        value = float(text)
    except ValueError:
        hint = " (use a dot for decimals, no thousands separator)" if "," in text else ""
        return None, f"{text!r} is not a number{hint}; leave the cell blank if unknown"
    if not math.isfinite(value):
        return None, f"{text!r} is not a number; leave the cell blank if unknown"
    if column.kind == "int" and not value.is_integer():
        return None, f"{text!r} must be a whole number"
    if not column.low <= value <= column.high:
        limits = f"{format_number(column.low)}-{format_number(column.high)}"
        what = column.help.split(";")[0].removesuffix(f", {limits}")
        unit = "; check the unit" if column.name.endswith(("_ml", "_mg", "_h", "_min")) else ""
        return None, f"{format_number(value)} is outside {limits} for {what}{unit}"
    return value, None


def _parse_row(
    line: int,
    cells: list[str],
    names: dict[int, str],
    problems: list[Problem],
    latest: date | None,
) -> DailyRow | None:
    if len(cells) > len(names):
        problems.append(
            Problem(
                line,
                None,
                None,
                f"has {len(cells)} cells but the header has {len(names)}; "
                "remove the extra cells or quote values that contain commas",
            )
        )
        return None
    day: date | None = None
    values: dict[str, float] = {}
    for index, raw in enumerate(cells):
        text = raw.strip()
        name = names[index]
        if name == DATE_COLUMN:
            try:
                day = date.fromisoformat(text)
            except ValueError:
                problems.append(
                    Problem(line, index + 1, name, f"{text!r} is not a date; write YYYY-MM-DD")
                )
                continue
            if day.year < timing.EARLIEST_YEAR:
                problems.append(
                    Problem(
                        line, index + 1, name, f"{text} is not a plausible date; check the year"
                    )
                )
            elif latest is not None and day > latest:
                problems.append(
                    Problem(line, index + 1, name, f"the night of {text} has not started yet")
                )
            continue
        if not text or name not in BY_NAME:
            continue
        value, error = _parse_value(text, BY_NAME[name])
        if error is not None:
            problems.append(Problem(line, index + 1, name, error))
        elif value is not None:
            values[name] = value
    if day is None:
        if DATE_COLUMN in names.values() and not any(p.line == line for p in problems):
            column = next(i for i, n in names.items() if n == DATE_COLUMN) + 1
            problems.append(Problem(line, column, DATE_COLUMN, "the date is missing"))
        return None
    _check_outcome(line, values, names, problems)
    return DailyRow(day=day, values=values, line=line)


def _check_outcome(
    line: int, values: Mapping[str, float], names: dict[int, str], problems: list[Problem]
) -> None:
    worst = values.get("worst_severity_0_10")
    if worst is None:
        return
    column = next(i for i, n in names.items() if n == "worst_severity_0_10") + 1
    cramps = values.get("cramps")
    if any(p.line == line and p.column_name == "cramps" for p in problems):
        return  # the count itself is wrong; that problem is already listed
    if cramps is None:
        problems.append(
            Problem(
                line,
                column,
                "worst_severity_0_10",
                "a worst severity needs the number of cramps; fill in 'cramps' or clear this",
            )
        )
    elif cramps == 0 and worst > 0:
        problems.append(
            Problem(
                line,
                column,
                "worst_severity_0_10",
                "the night has 0 cramps, so the worst severity must be blank or 0",
            )
        )


def _lines(text: str) -> io.StringIO:
    """The text as lines for ``csv.reader``: a byte-order mark dropped, and every line end (LF,
    CRLF, CR alone, or a mix of them) read as one, as the CLI's text files always were."""
    return io.StringIO(text.removeprefix("\ufeff"), newline=None)


def date_span(text: str, *, latest: date | None = None) -> tuple[date, date] | None:
    """The first and last night of a daily CSV, read from its date column alone (fast: no value
    is parsed), or None when it has no readable date.

    Dates that cannot be imported (not a date, before :data:`timing.EARLIEST_YEAR`, after
    ``latest``) are left out: the full read reports them with their line. This lets a file that
    spans too long be refused before any of its rows is parsed or stored.
    """
    reader = csv.reader(_lines(text))
    try:
        header = [cell.strip().lower() for cell in next(reader)]
        column = header.index(DATE_COLUMN)
    except (StopIteration, ValueError, csv.Error):
        return None
    first: date | None = None
    last: date | None = None
    try:
        for cells in reader:
            if len(cells) <= column:
                continue
            try:
                day = date.fromisoformat(cells[column].strip())
            except ValueError:
                continue
            if day.year < timing.EARLIEST_YEAR or (latest is not None and day > latest):
                continue
            first = day if first is None or day < first else first
            last = day if last is None or day > last else last
    except csv.Error:
        pass  # the full read reports where the file stops being CSV
    return None if first is None or last is None else (first, last)


def read_daily_csv(text: str, *, latest: date | None = None) -> list[DailyRow]:
    """Parse a daily CSV, or raise ``DailyCsvProblems`` listing every problem found.

    ``latest`` is the last night that may appear (the one in progress): later dates are refused.
    A byte-order mark is accepted, and any line ends (LF, CRLF, CR alone, or mixed); blank lines
    are skipped; a row may be shorter than the header (missing trailing cells are blank, as
    spreadsheets write them).
    """
    problems: list[Problem] = []
    reader = csv.reader(_lines(text))
    try:
        header = next(reader)
    except StopIteration:
        raise DailyCsvProblems(
            [Problem(1, None, None, "the file is empty; the first line must be the header")]
        ) from None
    except csv.Error as exc:
        raise DailyCsvProblems([Problem(1, None, None, f"cannot read the header: {exc}")]) from None
    names = _parse_header(header, problems)
    rows: list[DailyRow] = []
    first_line: dict[date, int] = {}
    line = reader.line_num + 1
    while len(problems) < MAX_PROBLEMS:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(Problem(line, None, None, f"cannot be read as CSV: {exc}"))
            break
        start, line = line, reader.line_num + 1
        if not any(cell.strip() for cell in cells):
            continue
        row = _parse_row(start, cells, names, problems, latest)
        if row is None:
            continue
        if row.day in first_line:
            column = next(i for i, n in names.items() if n == DATE_COLUMN) + 1
            problems.append(
                Problem(
                    start,
                    column,
                    DATE_COLUMN,
                    f"{row.day} already appears on line {first_line[row.day]}; "
                    "keep one row per night",
                )
            )
            continue
        first_line[row.day] = start
        rows.append(row)
    if problems:
        raise DailyCsvProblems(problems)
    return rows
