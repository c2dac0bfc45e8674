"""The Garmin parser: the GDPR export (as a folder and as a zip) and the web Activities.csv."""

from __future__ import annotations

import shutil
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from nightcramps.imports.bundle import open_bundle
from nightcramps.imports.extract import BadFile, Extract
from nightcramps.imports.sources import garmin
from nightcramps.owner import Owner

FIXTURES = Path(__file__).parent / "fixtures" / "garmin"
EXPORT = FIXTURES / "export"
LONDON = Owner(person_id=1, tz=ZoneInfo("Europe/London"))
D28, D29, D30, D31 = (date(2026, 3, d) for d in (28, 29, 30, 31))
A1, A2 = date(2026, 4, 1), date(2026, 4, 2)
SUMMARIES = "DI_CONNECT/DI-Connect-Fitness/someone@example.com_0_summarizedActivities.json"
CSV_HEADER = "Activity Type,Date,Favorite,Title,Distance,Calories,Time\n"


def _zip(folder: Path, path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                archive.write(file, file.relative_to(folder).as_posix())
    return path


def _parse(path: Path, owner: Owner = LONDON) -> Extract:
    bundle = open_bundle(path)
    try:
        return garmin.parse(bundle, garmin.detect(bundle), owner)
    finally:
        bundle.close()


@pytest.fixture(scope="module")
def export() -> Extract:
    return _parse(EXPORT)


def _csv(tmp_path: Path, *rows: str, name: str = "Activities.csv") -> Path:
    path = tmp_path / name
    path.write_text(CSV_HEADER + "".join(f"{r}\n" for r in rows), encoding="utf-8")
    return path


# ---------------------------------------------------------------------------- detection


def test_the_export_is_recognised_as_a_folder_and_as_a_zip(tmp_path: Path) -> None:
    """The four kinds of JSON file are read, wherever the folder sits; other files are not."""
    for path in (EXPORT, _zip(EXPORT, tmp_path / "garmin.zip")):
        bundle = open_bundle(path)
        found = sorted(bundle.basename(m) for m in garmin.detect(bundle))
        bundle.close()
        assert found == [
            "2026-03-01_2026-06-09_12345678_sleepData.json",
            "HydrationLogFile_2026-03-01_2026-06-09.json",
            "UDSFile_2026-03-01_2026-06-09.json",
            "someone@example.com_0_summarizedActivities.json",
        ]


def test_activities_csv_is_recognised_by_its_header(tmp_path: Path) -> None:
    bundle = open_bundle(FIXTURES / "Activities.csv")
    assert garmin.detect(bundle) == ["Activities.csv"]
    other = tmp_path / "servings.csv"
    other.write_text("Day,Food Name,Amount\n2026-03-28,Apple,1\n")
    assert garmin.detect(open_bundle(other)) == []


def test_another_apps_folder_is_not_garmin(tmp_path: Path) -> None:
    (tmp_path / "steps-2026-03-28.json").write_text("[]")
    assert garmin.detect(open_bundle(tmp_path)) == []


# ---------------------------------------------------------------------------- sleep


def test_sleep_is_deep_light_and_rem_on_the_day_it_ends(export: Extract) -> None:
    """3600 + 14400 + 5400 s = 6.5 h; the 600 s awake are not sleep. It ended 06:45 BST."""
    assert export.values[(D29, "sleep_h")] == 6.5
    assert export.values[(A1, "sleep_h")] == 6.5  # the old ENHANCED_CONFIRMED name
    assert export.values[(A2, "sleep_h")] == 2.0  # a type Garmin may add later: accepted


def test_an_unconfirmed_night_is_its_window_less_time_awake(export: Extract) -> None:
    """22:00–05:00 GMT is 7 h, less 900 s awake."""
    assert export.values[(D30, "sleep_h")] == 6.75
    assert any("not confirmed by Garmin" in w for w in export.warnings)


def test_a_night_with_neither_stages_nor_times_is_unknown(export: Extract) -> None:
    assert (D31, "sleep_h") not in export.values
    assert export.skipped["Garmin sleep: a night with neither sleep stages nor times"] == 1
    assert export.skipped["Garmin sleep: a nap (not the night's sleep)"] == 1


def test_the_night_is_dated_from_gmt_in_the_persons_zone(tmp_path: Path) -> None:
    """Ending 03:30 GMT is 23:30 the evening before in New York: the night of the 28th ends on
    the 28th there, whatever calendarDate (written for London) says."""
    (tmp_path / "x_sleepData.json").write_text(
        '[{"sleepStartTimestampGMT": "2026-03-27T21:30:00.0", '
        '"sleepEndTimestampGMT": "2026-03-28T03:30:00.0", "calendarDate": "2026-03-28", '
        '"sleepWindowConfirmationType": "ENHANCED_CONFIRMED_FINAL", "deepSleepSeconds": 3600, '
        '"lightSleepSeconds": 14400, "remSleepSeconds": 3600}]'
    )
    new_york = Owner(person_id=1, tz=ZoneInfo("America/New_York"))
    assert _parse(tmp_path, new_york).values == {(date(2026, 3, 27), "sleep_h"): 6.0}


# ---------------------------------------------------------------------------- daily summaries


def test_daily_summaries_give_steps_active_energy_and_distance(export: Extract) -> None:
    assert export.values[(D28, "steps")] == 8123
    assert export.values[(D28, "active_energy_kcal")] == 412
    assert export.values[(D28, "distance_km")] == 6.21
    assert export.values[(D29, "steps")] == 10450
    assert export.values[(D29, "distance_km")] == 8


def test_unknown_and_unworn_days_have_no_values(export: Extract) -> None:
    """A null field is unknown; a day of 0 steps and 0 kcal is a day the watch was not worn."""
    assert (D29, "active_energy_kcal") not in export.values
    for factor in ("steps", "active_energy_kcal", "distance_km"):
        assert (D30, factor) not in export.values
        assert (D31, factor) not in export.values
    assert export.skipped["Garmin daily summary: a day with no activity recorded (not worn)"] == 2


# ---------------------------------------------------------------------------- hydration


def test_hydration_sums_drinks_and_ignores_sweat_loss(export: Extract) -> None:
    assert export.values[(D28, "fluid_ml")] == 750
    assert export.values[(D29, "fluid_ml")] == 330  # the repeated entry counts once
    assert export.skipped["Garmin hydration: an entry without a drink (sweat loss only)"] == 1
    assert export.skipped["Garmin hydration: the same entry twice"] == 1


# ---------------------------------------------------------------------------- activities


def test_activities_become_workouts_and_exercise_minutes(export: Extract) -> None:
    run, paddle, strength, multisport = sorted(export.workouts, key=lambda w: w.started_at)[:4]
    assert (run.activity, run.day, run.duration_min) == ("Running", D28, 1805 / 60)
    assert run.started_at == datetime(2026, 3, 28, 8, 0, tzinfo=UTC)
    assert run.distance_km == 5.12  # 512,000 cm
    assert run.energy_kcal is None  # the unit of this file's calories is not confirmed
    assert paddle.activity == "Stand up paddleboarding"
    assert paddle.day == D28  # 03:30 BST on the 29th still counts for the 28th
    assert (strength.activity, strength.day) == ("Strength training", D29)
    assert (multisport.activity, multisport.distance_km) == ("Multi sport", 20)
    assert len(export.workouts) == 4
    assert export.values[(D28, "exercise_min")] == pytest.approx(1805 / 60 + 20)
    assert export.values[(D29, "exercise_min")] == 45
    assert export.values[(D30, "exercise_min")] == 60


def test_rest_repeats_and_multisport_parts_are_not_counted(export: Extract) -> None:
    assert export.skipped["Garmin activity: meditation is not exercise"] == 1
    assert export.skipped["Garmin activity: the same activity twice"] == 1
    assert export.skipped["Garmin activity: part of a multisport activity (counted once)"] == 1


def test_records_and_members_are_counted(export: Extract) -> None:
    assert export.records == 5 + 4 + 5 + 7
    assert len(export.members) == 4


# ---------------------------------------------------------------------------- Activities.csv


def test_activities_csv_with_excel_dates_and_unknowns() -> None:
    """Excel wrote 5/13/2020: month first. ``--`` is unknown, never 0."""
    extract = _parse(FIXTURES / "Activities.csv")
    run, strength, walk = extract.workouts
    london = ZoneInfo("Europe/London")
    assert run.started_at == datetime(2020, 5, 7, 9, 13, tzinfo=london)
    assert (run.activity, run.energy_kcal, run.distance_km) == ("Running", 1012, None)
    assert run.duration_min == 30 + 5 / 60
    assert strength.started_at == datetime(2020, 5, 13, 18, 0, tzinfo=london)
    assert walk.energy_kcal is None
    assert extract.values == {
        (date(2020, 5, 7), "exercise_min"): 30 + 5 / 60,
        (date(2020, 5, 13), "exercise_min"): 45,
        (date(2020, 5, 14), "exercise_min"): 25.5,
    }
    assert extract.skipped["Garmin activity: a row without a duration"] == 1
    assert extract.records == 4
    assert any("km or miles" in w for w in extract.warnings)


def test_activities_csv_with_iso_dates_and_day_first_dates(tmp_path: Path) -> None:
    iso = _parse(_csv(tmp_path, "Running,2020-05-07 09:13:00,false,Run,--,--,1:02:03"))
    assert iso.workouts[0].started_at == datetime(2020, 5, 7, 9, 13, tzinfo=LONDON.tz)
    assert iso.values == {(date(2020, 5, 7), "exercise_min"): 62.05}
    assert not any("km or miles" in w for w in iso.warnings)
    day_first = _parse(
        _csv(
            tmp_path,
            "Running,25/5/2020 9:13,false,Run,--,--,0:30:00",
            "Walking,7/6/2020 9:13,false,Walk,--,--,0:30:00",
            name="uk.csv",
        )
    )
    assert [w.day for w in day_first.workouts] == [date(2020, 5, 25), date(2020, 6, 7)]


def test_the_csv_is_not_read_beside_the_exports_summaries(tmp_path: Path) -> None:
    """The same workouts twice would double the exercise minutes."""
    shutil.copytree(EXPORT, tmp_path / "export")
    shutil.copy(FIXTURES / "Activities.csv", tmp_path / "export" / "Activities.csv")
    extract = _parse(tmp_path / "export")
    assert len(extract.workouts) == 4
    assert any("Activities.csv was not read" in w for w in extract.warnings)


# ---------------------------------------------------------------------------- bad files


def test_bad_json_names_the_file_and_line(tmp_path: Path) -> None:
    folder = tmp_path / "DI_CONNECT" / "DI-Connect-Aggregator"
    folder.mkdir(parents=True)
    (folder / "UDSFile_2026-03-01_2026-06-09.json").write_text(
        '[\n {"calendarDate": "2026-03-28",\n  "totalSteps": 81 23}\n]'
    )
    with pytest.raises(BadFile) as caught:
        _parse(tmp_path)
    assert (
        caught.value.member == "DI_CONNECT/DI-Connect-Aggregator/UDSFile_2026-03-01_2026-06-09.json"
    )
    assert caught.value.line == 3
    assert "not valid JSON" in caught.value.message


def test_a_bad_record_names_the_record_and_field(tmp_path: Path) -> None:
    (tmp_path / "HydrationLogFile_1.json").write_text(
        '[{"calendarDate": "2026-03-28", "valueInML": 200},'
        ' {"calendarDate": "2026-03-28", "valueInML": "a glass"}]'
    )
    with pytest.raises(BadFile) as caught:
        _parse(tmp_path)
    assert (caught.value.record, caught.value.field) == ("entry 2", "valueInML")
    assert "put back the original file" in caught.value.message.lower()


def test_a_bad_date_and_a_bad_duration_are_refused(tmp_path: Path) -> None:
    (tmp_path / "UDSFile_1.json").write_text('[{"calendarDate": "28/03/2026", "totalSteps": 5}]')
    with pytest.raises(BadFile) as caught:
        _parse(tmp_path)
    assert (caught.value.record, caught.value.field) == ("day 1", "calendarDate")
    (tmp_path / "csv").mkdir()
    csv_path = _csv(tmp_path / "csv", "Running,2020-05-07 09:13:00,false,Run,--,--,half an hour")
    with pytest.raises(BadFile) as caught:
        _parse(csv_path)
    assert (caught.value.line, caught.value.field) == (2, "Time")


def test_implausible_day_values_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "UDSFile_1.json").write_text(
        '[{"calendarDate": "2026-03-28", "totalSteps": 2000000, "activeKilocalories": 300}]'
    )
    extract = _parse(tmp_path)
    assert (D28, "steps") not in extract.values
    assert extract.values[(D28, "active_energy_kcal")] == 300
    assert sum(n for reason, n in extract.skipped.items() if "not plausible" in reason) == 1
