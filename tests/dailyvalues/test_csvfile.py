"""The daily CSV reader and writer on their own (pure functions)."""

from __future__ import annotations

from datetime import date

import pytest

from nightcramps.dailyvalues.columns import CSV_HEADER
from nightcramps.dailyvalues.csvfile import (
    DailyCsvProblems,
    DailyRow,
    format_number,
    read_daily_csv,
    write_daily_csv,
)


def test_reads_values_and_leaves_blanks_unknown() -> None:
    """Known cells become values; blank cells are absent, never 0."""
    rows = read_daily_csv("date,cramps,fluid_ml,stretched\n2026-11-01,2,,1\n2026-11-02,,1500,\n")
    assert rows[0].values == {"cramps": 2.0, "stretched": 1.0}
    assert rows[1].values == {"fluid_ml": 1500.0}


def test_bom_crlf_and_short_rows_are_accepted() -> None:
    """A byte-order mark, Windows line ends and trimmed trailing cells are fine."""
    rows = read_daily_csv("\ufeffdate,cramps,fluid_ml\r\n2026-11-01,0\r\n")
    assert rows[0].day == date(2026, 11, 1)
    assert rows[0].values == {"cramps": 0.0}


def test_every_problem_is_reported_with_line_and_column() -> None:
    """Several bad cells on several lines are all listed, each with its line and column."""
    text = (
        "date,cramps,worst_severity_0_10,fluid_ml,stretched\n"
        "2026-11-01,1,7,1500,1\n"
        "2026-13-01,1,7,1500,1\n"
        '2026-11-03,two,7,"1,5",maybe\n'
        "2026-11-04,0,6,90000,\n"
        "2026-11-01,,,,\n"
    )
    with pytest.raises(DailyCsvProblems) as caught:
        read_daily_csv(text)
    where = {(p.line, p.column) for p in caught.value.problems}
    assert where == {(3, 1), (4, 2), (4, 4), (4, 5), (5, 3), (5, 4), (6, 1)}
    messages = {p.where(): p.message for p in caught.value.problems}
    assert "YYYY-MM-DD" in messages["line 3, column 1 (date)"]
    assert "dot for decimals" in messages["line 4, column 4 (fluid_ml)"]
    assert "already appears on line 2" in messages["line 6, column 1 (date)"]


def test_unknown_and_duplicate_columns_are_refused() -> None:
    """A misspelt column would silently lose data, so it is an error naming the column."""
    with pytest.raises(DailyCsvProblems) as caught:
        read_daily_csv("date,fluids_ml,cramps,cramps\n2026-11-01,1,1,1\n")
    problems = {(p.line, p.column) for p in caught.value.problems}
    assert problems == {(1, 2), (1, 4)}


def test_missing_date_column_and_empty_file() -> None:
    """Without a date column, or without a header, nothing can be imported."""
    with pytest.raises(DailyCsvProblems, match="problem"):
        read_daily_csv("cramps\n1\n")
    with pytest.raises(DailyCsvProblems):
        read_daily_csv("")


def test_future_nights_are_refused() -> None:
    """A night that has not started yet cannot have data."""
    with pytest.raises(DailyCsvProblems) as caught:
        read_daily_csv("date,cramps\n2026-12-01,1\n0206-12-01,1\n", latest=date(2026, 11, 24))
    assert "not started" in caught.value.problems[0].message
    assert "check the year" in caught.value.problems[1].message


def test_severity_needs_a_count() -> None:
    """A worst severity without a cramp count, or above 0 on a cramp-free night, is refused."""
    with pytest.raises(DailyCsvProblems) as caught:
        read_daily_csv("date,cramps,worst_severity_0_10\n2026-11-01,,5\n2026-11-02,0,3\n")
    assert [p.line for p in caught.value.problems] == [2, 3]


def test_write_uses_canonical_numbers() -> None:
    """Whole numbers lose their '.0'; fractions keep every digit; unknown is blank."""
    assert format_number(1500.0) == "1500"
    assert format_number(7.25) == "7.25"
    text = write_daily_csv([DailyRow(day=date(2026, 11, 1), values={"cramps": 2, "sleep_h": 6.5})])
    header, line = text.splitlines()
    assert header.split(",") == list(CSV_HEADER)
    assert line == "2026-11-01,2,,,,,,,,,,,,6.5"
