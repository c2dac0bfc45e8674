"""Cronometer servings read the quick way give what the careful way gives: sums and errors."""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from benchmarks.cronometer_import import write_servings

from nightcramps.imports.bundle import open_bundle
from nightcramps.imports.extract import BadFile, Extract
from nightcramps.imports.sources import cronometer
from nightcramps.owner import Owner

FIXTURES = Path(__file__).parent / "fixtures" / "cronometer"
SERVINGS = [
    FIXTURES / "export" / "servings.csv",
    FIXTURES / "no-time" / "servings.csv",
    FIXTURES / "73-columns" / "servings.csv",
]
OWNER = Owner(person_id=1, tz=ZoneInfo("Europe/London"))
USED: tuple[str, ...] = (
    "Magnesium (mg)",
    "Potassium (mg)",
    "Calcium (mg)",
    "Sodium (mg)",
    "Caffeine (mg)",
)
USED += ("Alcohol (g)", "Water (g)", "Category", "Food Name", "Day", "Time")
ODD_CELLS = ["", " ", "--", "N/A", "abc", "=1+2", "1,234.5", "nan", "inf", "-inf", " 12 ", '"7"']
ODD_CELLS += ["1e400", "0", "-0.0", "+5", "1_0", "\u0661\u0662", "12\u00a0", "Water", "Beverages"]
ODD_CELLS += ["2026-13-01", "1800-01-01", "20260310", "7:50 XM", "13:00 PM", "0:30 AM", "23:59"]

Outcome = tuple[object, ...]


def _outcome(path: Path, *, careful: bool) -> Outcome:
    """What reading ``path`` gives: the extract's values, skips and counts, or the error."""
    bundle = open_bundle(path)
    try:
        extract: Extract = cronometer.parse(bundle, [bundle.names[0]], OWNER, careful=careful)
    except BadFile as error:
        return ("refused", error.message, error.member, error.line, error.field)
    finally:
        bundle.close()
    values = {key: pytest.approx(value, rel=1e-12) for key, value in extract.values.items()}
    return ("read", values, dict(extract.skipped), extract.records, extract.warnings)


def _both(path: Path) -> tuple[Outcome, Outcome]:
    return _outcome(path, careful=False), _outcome(path, careful=True)


def _write(path: Path, header: list[str], rows: list[list[str]], blank_lines: int = 0) -> Path:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    out.write("\r\n" * blank_lines)
    path.write_text(out.getvalue(), encoding="utf-8", newline="")
    return path


def _rows(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8-sig", newline="") as text:
        header, *rows = csv.reader(text)
    return header, rows


@pytest.mark.parametrize("path", SERVINGS, ids=lambda p: p.parent.name)
def test_the_fixtures_read_the_same_both_ways(path: Path) -> None:
    """Each real-shaped servings file (with and without Time, 73 columns) sums the same."""
    quick, careful = _both(path)
    assert quick[0] == "read"
    assert quick == careful


def test_a_generated_year_reads_the_same_both_ways(tmp_path: Path) -> None:
    """A year of the benchmark's file (57 nutrient columns, doubled quotes) sums the same."""
    path = tmp_path / "servings.csv"
    write_servings(path, days=365)
    quick, careful = _both(path)
    assert quick[0] == "read"
    assert quick[3] == 365 * 30
    assert quick == careful


def test_damaged_files_read_or_fail_the_same_both_ways(tmp_path: Path) -> None:
    """300 files with odd cells, short and blank records, shuffled or repeated rows: each is
    read to the same sums, or refused with the same message, line and column, both ways."""
    chance = random.Random(2026)
    header, rows = _rows(FIXTURES / "export" / "servings.csv")
    generated = tmp_path / "generated.csv"
    write_servings(generated, days=20)
    long_header, long_rows = _rows(generated)
    refused = 0
    for case in range(300):
        source = list(rows if case % 2 else long_rows[: chance.randint(1, 200)])
        edited = [list(row) for row in source]
        chosen = header if case % 2 else long_header
        for _ in range(chance.randint(0, 4)):
            _damage(chance, chosen, edited)
        path = _write(tmp_path / f"servings-{case}.csv", chosen, edited, chance.randint(0, 2))
        quick, careful = _both(path)
        assert quick == careful, path.read_text(encoding="utf-8")
        refused += quick[0] == "refused"
    assert 30 < refused < 270  # both kinds of outcome were tried


def _damage(chance: random.Random, header: list[str], rows: list[list[str]]) -> None:
    """Change one thing: a used or any cell, a record cut short, a blank record, the order."""
    row = rows[chance.randrange(len(rows))]
    used = [at for at, name in enumerate(header) if name in USED and at < len(row)]
    what = chance.random()
    if what < 0.55 and used:
        row[chance.choice(used)] = chance.choice(ODD_CELLS)
    elif what < 0.7 and row:
        row[chance.randrange(len(row))] = chance.choice(ODD_CELLS)
    elif what < 0.8:
        del row[chance.randrange(len(row) + 1) :]
    elif what < 0.9:
        rows.insert(chance.randrange(len(rows) + 1), [" "] * len(header))
    else:
        chance.shuffle(rows)


def test_the_first_bad_cell_in_the_file_is_named_though_a_day_is_summed_later(
    tmp_path: Path,
) -> None:
    """A bad magnesium on line 3, in the middle of a day, is named before a bad date on line 5."""
    header, rows = _rows(FIXTURES / "export" / "servings.csv")
    rows = [list(row) for row in rows[:4]]
    rows[1][header.index("Magnesium (mg)")] = "lots"
    rows[3][header.index("Day")] = "10/03/2026"
    path = _write(tmp_path / "servings.csv", header, rows)
    bundle = open_bundle(path)
    try:
        with pytest.raises(BadFile, match="'lots' is not a number") as caught:
            cronometer.parse(bundle, ["servings.csv"], OWNER)
    finally:
        bundle.close()
    assert (caught.value.line, caught.value.field) == (3, "Magnesium (mg)")


def test_a_bad_water_cell_of_a_food_is_refused_though_its_water_is_not_counted(
    tmp_path: Path,
) -> None:
    """Salmon's water does not count as fluid, yet 'nan' there is still named, line and column."""
    header, rows = _rows(FIXTURES / "export" / "servings.csv")
    rows = [list(row) for row in rows]
    salmon = next(
        i for i, row in enumerate(rows) if row[header.index("Food Name")].startswith("Salmon")
    )
    rows[salmon][header.index("Water (g)")] = "nan"
    path = _write(tmp_path / "servings.csv", header, rows)
    bundle = open_bundle(path)
    try:
        with pytest.raises(BadFile, match="'nan' is not a number") as caught:
            cronometer.parse(bundle, ["servings.csv"], OWNER)
    finally:
        bundle.close()
    assert (caught.value.line, caught.value.field) == (salmon + 2, "Water (g)")


def test_blank_records_are_not_entries_and_short_ones_leave_cells_unknown(tmp_path: Path) -> None:
    """A line of commas is skipped (not counted); a record cut after Magnesium knows only that."""
    header = ["Day", "Time", "Food Name", "Magnesium (mg)", "Potassium (mg)", "Category"]
    rows = [
        ["2026-03-10", "8:00 AM", "Oats", "50", "100", "Breakfast Cereals"],
        ["", " ", "", "", "", ""],
        ["2026-03-11", "8:00 AM", "Oats", "40"],
    ]
    path = _write(tmp_path / "servings.csv", header, rows, blank_lines=1)
    quick, careful = _both(path)
    assert quick == careful
    bundle = open_bundle(path)
    try:
        extract = cronometer.parse(bundle, ["servings.csv"], OWNER)
    finally:
        bundle.close()
    assert extract.records == 2
    day = {factor: value for (d, factor), value in extract.values.items() if d.day == 11}
    assert day == {"magnesium_mg": 40.0}
