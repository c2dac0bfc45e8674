"""Fitbit steps files summed a run of minutes at a time give what record by record gives."""

from __future__ import annotations

import json
import random
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from benchmarks.fitbit_import import write_takeout

from nightcramps.imports.bundle import open_bundle
from nightcramps.imports.extract import BadFile
from nightcramps.imports.sources import fitbit
from nightcramps.owner import Owner

FIXTURES = Path(__file__).parent / "fixtures" / "fitbit"
LONDON = Owner(person_id=1, tz=ZoneInfo("Europe/London"))
ODD_VALUES: list[object] = ["", "--", "null", " 12 ", "1,234", "nan", "inf", "-3", "-0", "7.5"]
ODD_VALUES += [True, None, 12, 3.25, [], {}, "١٢", "1e400", "many"]
ODD_TIMES: list[object] = ["03/28/26 10:61:00", "13/28/26 10:00:00", "03/28/26 10:00", None, 5]
ODD_TIMES += [" 03/28/26 10:00:00", "2026-03-28T10:00:00.000", "01/01/70 00:00:00", "03/28/26"]
ODD_TIMES += ["03/28/26 24:00:00", "٠٣/28/26 10:00:00", "03-28-26 10:00:00"]

Outcome = tuple[object, ...]


def _outcome(root: Path, *, careful: bool) -> Outcome:
    """What reading ``root`` gives: values, skips and counts, or the error and its place."""
    bundle = open_bundle(root)
    try:
        extract = fitbit.parse(bundle, fitbit.detect(bundle), LONDON, careful=careful)
    except BadFile as error:
        return ("refused", error.message, error.member, error.record, error.field, error.line)
    finally:
        bundle.close()
    values = {key: pytest.approx(value, rel=1e-12) for key, value in extract.values.items()}
    return ("read", values, dict(extract.skipped), extract.records, extract.warnings)


def _both(root: Path) -> tuple[Outcome, Outcome]:
    return _outcome(root, careful=False), _outcome(root, careful=True)


def _minutes(day: date, hours: range, chance: random.Random) -> list[dict[str, object]]:
    stamp = day.strftime("%m/%d/%y")
    return [
        {"dateTime": f"{stamp} {hour:02d}:{minute:02d}:00", "value": str(chance.randrange(90))}
        for hour in hours
        for minute in range(60)
    ]


def test_the_fixture_reads_the_same_both_ways(tmp_path: Path) -> None:
    """The fixture export (00:30 steps, 04:00, a placeholder 1970 minute) sums the same."""
    folder = tmp_path / "user-site-export"
    folder.mkdir()
    for path in FIXTURES.glob("*.json"):
        (folder / path.name).write_bytes(path.read_bytes())
    quick, careful = _both(tmp_path)
    assert quick[0] == "read"
    assert quick == careful


def test_a_generated_takeout_reads_the_same_both_ways(tmp_path: Path) -> None:
    """75 days of the benchmark's Takeout (every minute, stages and classic sleep, naps, the
    logged water and exercise) sum the same."""
    write_takeout(tmp_path, days_only=75)
    quick, careful = _both(tmp_path)
    assert quick[0] == "read"
    assert isinstance(quick[3], int)
    assert quick[3] > 75 * 1440
    assert quick == careful


def test_damaged_steps_files_read_or_fail_the_same_both_ways(tmp_path: Path) -> None:
    """250 steps files with odd counts and times, missing keys, shuffled or cut-short hours:
    each sums the same, or is refused naming the same record and field, both ways."""
    chance = random.Random(2026)
    refused = 0
    for case in range(250):
        days = [date(2026, 3, 27 + n) for n in range(chance.randint(1, 3))]
        hours = range(chance.randrange(0, 6), chance.randrange(6, 25))
        rows = [row for day in days for row in _minutes(day, hours, chance)]
        for _ in range(chance.randint(0, 3)):
            _damage(chance, rows)
        folder = tmp_path / f"case-{case}" / "user-site-export"
        folder.mkdir(parents=True)
        (folder / "steps-2026-03-27.json").write_text(json.dumps(rows), encoding="utf-8")
        quick, careful = _both(folder.parent)
        assert quick == careful, f"case {case}"
        refused += quick[0] == "refused"
    assert 25 < refused < 225  # both kinds of outcome were tried


def _damage(chance: random.Random, rows: list[dict[str, object]]) -> None:
    """Change one thing: a count, a time, a key, the order, or drop minutes."""
    if not rows:
        return
    row = rows[chance.randrange(len(rows))]
    what = chance.random()
    if what < 0.35:
        row["value"] = chance.choice(ODD_VALUES)
    elif what < 0.5:
        row["dateTime"] = chance.choice(ODD_TIMES)
    elif what < 0.6 and isinstance(row.get("dateTime"), str):
        # the same hour, so the record sits inside a run: only its minutes are wrong
        row["dateTime"] = str(row["dateTime"])[:11] + chance.choice((":5x:00", ":00 00", ":61:00"))
    elif what < 0.7:
        del row[chance.choice(("value", "dateTime"))]
    elif what < 0.8:
        chance.shuffle(rows)
    else:
        start = chance.randrange(len(rows))
        del rows[start : start + chance.randrange(1, 120)]


def test_an_hour_split_in_two_runs_is_summed_into_its_day(tmp_path: Path) -> None:
    """10:00-10:29, then 11:00, then 10:30-10:59 again: all of 10 o'clock counts for its day."""
    rows = _minutes(date(2026, 3, 28), range(10, 12), random.Random(1))
    rows = rows[:30] + rows[60:] + rows[30:60]
    folder = tmp_path / "user-site-export"
    folder.mkdir()
    (folder / "steps-2026-03-28.json").write_text(json.dumps(rows), encoding="utf-8")
    quick, careful = _both(tmp_path)
    assert quick == careful
    expected = sum(int(str(row["value"])) for row in rows)
    assert quick[1] == {(date(2026, 3, 28), "steps"): expected}


def test_a_bad_count_late_in_a_long_file_names_its_record(tmp_path: Path) -> None:
    """ "many" as the 40,000th minute of a month is refused as record 40,000, field value."""
    rows = [
        row
        for n in range(28)
        for row in _minutes(date(2026, 2, 1 + n), range(24), random.Random(n))
    ]
    rows[39_999]["value"] = "many"
    folder = tmp_path / "user-site-export"
    folder.mkdir()
    (folder / "steps-2026-02-01.json").write_text(json.dumps(rows), encoding="utf-8")
    bundle = open_bundle(tmp_path)
    try:
        with pytest.raises(BadFile, match="'many' is not a step count") as caught:
            fitbit.parse(bundle, fitbit.detect(bundle), LONDON)
    finally:
        bundle.close()
    assert (caught.value.record, caught.value.field) == ("record 40,000", "value")
