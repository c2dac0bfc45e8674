"""`experiment analyse`: schedule.csv + daily.csv -> the contract; bad files name line/column."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from nightcramps.errors import Invalid
from nightcramps.experiments.design import Design, randomise
from nightcramps.experiments.offline import analyse_files, analyse_texts


def _files() -> tuple[str, str]:
    schedule = randomise(Design.for_remedy("stretching"), date(2026, 1, 15), lambda _: 0)
    daily = ["date,cramps"]
    day = date(2026, 1, 1)
    for _ in range(14):
        daily.append(f"{day},2")
        day += timedelta(days=1)
    for n in schedule.nights:
        daily.append(f"{n.day},{0 if n.arm == 'A' else 2}")
    return schedule.to_csv(), "\n".join(daily) + "\n"


def test_offline_contract(tmp_path) -> None:
    s, d = _files()
    (tmp_path / "s.csv").write_text(s)
    (tmp_path / "d.csv").write_text(d)
    out = analyse_files(tmp_path / "s.csv", tmp_path / "d.csv").to_json()
    assert out["verdict"] == "likely_helps"
    assert out["nights"] == {"analysed": 80, "washout": 32, "missing": 0}


def test_bad_arm_names_line_and_column() -> None:
    s, d = _files()
    bad = s.replace(",A\n", ",X\n", 1)
    with pytest.raises(Invalid, match=r"line \d+, column 2 \(arm\)"):
        analyse_texts(bad, d)


def test_bad_daily_cell_names_line_and_column() -> None:
    s, d = _files()
    with pytest.raises(Invalid, match=r"line 3, column 2 \(cramps\)"):
        analyse_texts(s, d.replace("\n2026-01-02,2\n", "\n2026-01-02,lots\n"))


def test_missing_file() -> None:
    with pytest.raises(Invalid, match="There is no schedule file"):
        analyse_files("/nonexistent/s.csv", "/nonexistent/d.csv")
