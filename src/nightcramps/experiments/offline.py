"""The offline analysis contract: ``schedule.csv`` + the daily-summary CSV -> the analysis.

``schedule.csv`` has a header ``date,arm`` (optional extra columns ``period``, ``washout`` 1/0 and
``adhered`` 1/0/blank); ``arm`` is ``A`` (remedy), ``B`` (usual), ``run-in`` or blank (outside).
Without a ``period`` column, periods are the runs of one arm cut into whole periods of the first
run's length; without ``washout``, the first 2 nights of a 7-night period (7 of a 14-night one)
are the washout, as the app's designs declare. The daily CSV is the one ``export daily-csv``
writes (``docs/daily-csv.md``): a blank ``cramps`` is a night not logged (missing, never zero).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from nightcramps.dailyvalues.csvfile import DailyCsvProblems, read_daily_csv
from nightcramps.errors import Invalid
from nightcramps.experiments.analysis import Analysis, Night, analyse

MAX_BYTES = 5_000_000
WASHOUT_BY_PERIOD = {7: 2, 14: 7}


@dataclass(frozen=True)
class _Row:
    line: int
    day: date
    arm: str
    period: int | None
    washout: bool | None
    adhered: bool | None


def _read(path: Path, what: str) -> str:
    try:
        with path.open("rb") as source:
            data = source.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise Invalid(f"There is no {what} file {path}; check the path.") from None
    except IsADirectoryError:
        raise Invalid(f"{path} is a folder; give the {what} file inside it.") from None
    except OSError as exc:
        raise Invalid(f"Cannot read {path}: {exc.strerror}.") from None
    if len(data) > MAX_BYTES:
        raise Invalid(f"{path} is larger than 5 MB: it is not a {what} file.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise Invalid(f"{path}: line {line} is not UTF-8; save the file as 'CSV UTF-8'.") from None


def _flag(text: str, where: str, name: str) -> bool | None:
    value = text.strip().lower()
    if value == "":
        return None
    if value in ("1", "yes", "true"):
        return True
    if value in ("0", "no", "false"):
        return False
    raise Invalid(f"{where}: {text!r} in '{name}' is not 1 or 0; write 1, 0 or leave it blank.")


def parse_schedule(text: str, name: str = "schedule.csv") -> list[_Row]:
    """The schedule's rows (run-in and A/B nights), or ``Invalid`` naming line and column."""
    reader = csv.reader(io.StringIO(text, newline=None))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise Invalid(f"{name}: the file is empty; the first line must be 'date,arm'.") from None
    for needed in ("date", "arm"):
        if needed not in header:
            raise Invalid(f"{name}: line 1 has no '{needed}' column; the header is 'date,arm'.")
    known = {"date", "arm", "period", "washout", "adhered"}
    for i, h in enumerate(header):
        if h not in known:
            raise Invalid(
                f"{name}: line 1, column {i + 1} ({h!r}) is not a schedule column "
                "(date, arm, and optionally period, washout, adhered)."
            )
    col = {h: i for i, h in enumerate(header)}
    rows: list[_Row] = []
    seen: dict[date, int] = {}
    for cells in reader:
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        cells = cells + [""] * (len(header) - len(cells))

        def where(column: str, line: int = line) -> str:
            return f"{name}: line {line}, column {col[column] + 1} ({column})"

        try:
            day = date.fromisoformat(cells[col["date"]].strip())
        except ValueError:
            raise Invalid(
                f"{where('date')}: {cells[col['date']]!r} is not a date; write YYYY-MM-DD."
            ) from None
        if day in seen:
            raise Invalid(f"{where('date')}: {day} already appears on line {seen[day]}.")
        seen[day] = line
        raw = cells[col["arm"]].strip()
        arm = raw.upper() if raw.upper() in ("A", "B") else raw.lower()
        if arm not in ("A", "B", "run-in", ""):
            raise Invalid(
                f"{where('arm')}: {raw!r} is not an arm; write A (remedy), B (usual), "
                "run-in, or leave it blank."
            )
        period: int | None = None
        if "period" in col and cells[col["period"]].strip():
            try:
                period = int(cells[col["period"]].strip())
            except ValueError:
                raise Invalid(f"{where('period')}: write the period as a whole number.") from None
        washout = (
            _flag(cells[col["washout"]], where("washout"), "washout") if "washout" in col else None
        )
        adhered = (
            _flag(cells[col["adhered"]], where("adhered"), "adhered") if "adhered" in col else None
        )
        rows.append(_Row(line, day, arm, period, washout, adhered))
    return sorted(rows, key=lambda r: r.day)


def _periods(rows: list[_Row], name: str) -> list[tuple[_Row, int, bool]]:
    """Each A/B row with its period and washout flag."""
    trial = [r for r in rows if r.arm in ("A", "B")]
    if not trial:
        raise Invalid(f"{name}: no night has arm A or B; nothing to analyse.")
    if all(r.period is not None for r in trial):
        runs_len = None
    else:
        runs_len = 0
        for r in trial:
            if r.arm != trial[0].arm or (r.day - trial[0].day).days != runs_len:
                break
            runs_len += 1
    out: list[tuple[_Row, int, bool]] = []
    period = 0
    position = 0
    previous: _Row | None = None
    for r in trial:
        new_run = previous is None or r.arm != previous.arm or (r.day - previous.day).days != 1
        if runs_len is not None:
            if new_run and previous is not None and position % runs_len:
                raise Invalid(
                    f"{name}: line {previous.line}: a run of arm {previous.arm} ends after "
                    f"{position % runs_len} night(s) into a {runs_len}-night period; add a "
                    "'period' column."
                )
            if new_run:
                position = 0
            if position % runs_len == 0:
                period += 1
            this_period = period
            offset = position % runs_len
            length = runs_len
        else:
            assert r.period is not None
            this_period = r.period
            if previous is None or r.period != previous.period:
                position = 0
            offset = position
            length = 0
        position += 1
        if r.washout is not None:
            washout = r.washout
        else:
            drop = WASHOUT_BY_PERIOD.get(length) if length else None
            if drop is None:
                raise Invalid(
                    f"{name}: line {r.line}: the washout of a {length or 'numbered'}-night "
                    "period is not known; add a 'washout' column (1 for washout nights)."
                )
            washout = offset < drop
        out.append((r, this_period, washout))
        previous = r
    return out


def analyse_texts(
    schedule_text: str,
    daily_text: str,
    *,
    schedule_name: str = "schedule.csv",
    daily_name: str = "daily.csv",
) -> Analysis:
    """The analysis of a schedule and a daily CSV given as text."""
    rows = parse_schedule(schedule_text, schedule_name)
    try:
        daily = read_daily_csv(daily_text)
    except DailyCsvProblems as exc:
        listed = "; ".join(str(p) for p in exc.problems[:10])
        more = f" (and {len(exc.problems) - 10} more)" if len(exc.problems) > 10 else ""
        raise Invalid(f"{daily_name}: {listed}{more}.") from None
    cramps: dict[date, int | None] = {}
    for row in daily:
        value = row.values.get("cramps")
        cramps[row.day] = None if value is None else int(value)
    run_in = [cramps.get(r.day) for r in rows if r.arm == "run-in"]
    logged = [c for c in run_in if c is not None]
    nights = [
        Night(
            day=r.day,
            arm="A" if r.arm == "A" else "B",
            period=period,
            cramps=cramps.get(r.day),
            washout=washout,
            adhered=r.adhered,
        )
        for r, period, washout in _periods(rows, schedule_name)
    ]
    try:
        return analyse(nights, run_in_mean=sum(logged) / len(logged) if logged else None)
    except ValueError as exc:
        raise Invalid(f"{schedule_name}: {exc}.") from None


def analyse_files(schedule_path: Path | str, daily_path: Path | str) -> Analysis:
    """``nightcramps experiment analyse --schedule schedule.csv --daily daily.csv``.

    Raises:
        Invalid: a file cannot be read, or a cell is wrong (the message names line and column).
    """
    schedule_path, daily_path = Path(schedule_path), Path(daily_path)
    return analyse_texts(
        _read(schedule_path, "schedule"),
        _read(daily_path, "daily CSV"),
        schedule_name=str(schedule_path),
        daily_name=str(daily_path),
    )
