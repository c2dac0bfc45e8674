"""The Fitbit parser: the legacy export and both Takeout layouts, as a folder and as a zip."""

from __future__ import annotations

import json
import shutil
import zipfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from nightcramps.imports.bundle import open_bundle
from nightcramps.imports.extract import BadFile, Extract
from nightcramps.imports.sources import fitbit
from nightcramps.owner import Owner

FIXTURES = Path(__file__).parent / "fixtures" / "fitbit"
LONDON = Owner(person_id=1, tz=ZoneInfo("Europe/London"))
TAKEOUT = "Takeout/Fitbit/Global Export Data"
D28, D29, D30 = date(2026, 3, 28), date(2026, 3, 29), date(2026, 3, 30)
FL_OZ_ML = 29.5735295625
CUP_ML = 236.5882365


def _export(root: Path, folder: str = TAKEOUT) -> Path:
    """The fixture files laid out as the export has them, under ``folder``."""
    target = root / folder
    target.mkdir(parents=True)
    for path in FIXTURES.glob("*.json"):
        shutil.copy(path, target / path.name)
    return root


def _zip(folder: Path, path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                archive.write(file, file.relative_to(folder).as_posix())
    return path


def _parse(path: Path, owner: Owner = LONDON) -> Extract:
    bundle = open_bundle(path)
    try:
        return fitbit.parse(bundle, fitbit.detect(bundle), owner)
    finally:
        bundle.close()


@pytest.fixture
def extract(tmp_path: Path) -> Extract:
    return _parse(_export(tmp_path / "export"))


@pytest.mark.parametrize(
    "folder",
    [
        "user-site-export",
        "Takeout/Fitbit/Global Export Data",
        "Takeout/Google Health/Global Export Data",
    ],
)
def test_detects_each_layout_as_folder_and_zip(tmp_path: Path, folder: str) -> None:
    """All six kinds of file are found in the legacy and both Takeout layouts, folder or zip."""
    root = _export(tmp_path / "export", folder)
    (root / folder / "heart_rate-2026-03-28.json").write_text("[]")
    names = {p.name for p in FIXTURES.glob("*.json")}
    for path in (root, _zip(root, tmp_path / "fitbit.zip")):
        bundle = open_bundle(path)
        found = fitbit.detect(bundle)
        bundle.close()
        assert {Path(m).name for m in found} == names
        assert all(m.startswith(folder + "/") for m in found)


def test_detects_a_folder_chosen_below_the_export_by_content(tmp_path: Path) -> None:
    """Files outside the export's folders are taken only when their records look like Fitbit's."""
    shutil.copy(FIXTURES / "steps-2026-03-28.json", tmp_path / "steps-2026-03-28.json")
    (tmp_path / "sleep-notes.json").write_text('[{"note": "slept badly"}]')
    bundle = open_bundle(tmp_path)
    assert fitbit.detect(bundle) == ["steps-2026-03-28.json"]


def test_not_a_fitbit_export(tmp_path: Path) -> None:
    """A folder of other JSON files gives nothing."""
    (tmp_path / "export.json").write_text('[{"dateTime": "x"}]')
    (tmp_path / "steps.csv").write_text("date,steps\n2026-03-28,100\n")
    assert fitbit.detect(open_bundle(tmp_path)) == []


def test_minute_steps_summed_per_day_of_the_owner(extract: Extract) -> None:
    """Minutes before 04:00 count for the day before; the 1970 placeholder is left out."""
    assert extract.values[(D28, "steps")] == 200 + 100 + 7 + 3
    assert extract.values[(D29, "steps")] == 50 + 0 + 20
    assert extract.values[(D30, "steps")] == 10
    assert not any(day.year == 1970 for day, _ in extract.values)
    assert extract.skipped["Fitbit steps: placeholder date (1970-01-01), not used"] == 1


def test_a_whole_dst_day_of_minute_steps(tmp_path: Path) -> None:
    """On 2026-03-29 London skips 01:00-02:00: the day from 04:00 still has 24 hours of minutes,
    and the day before gets the wall-clock hours 00:00-04:00 less the missing one."""
    start = datetime(2026, 3, 29, 0, 0, tzinfo=UTC)  # 00:00 GMT = 00:00 local
    minutes = []
    moment = start
    while moment < datetime(2026, 3, 30, 12, 0, tzinfo=UTC):
        wall = moment.astimezone(LONDON.tz)
        minutes.append({"dateTime": wall.strftime("%m/%d/%y %H:%M:%S"), "value": "1"})
        moment += timedelta(minutes=1)
    assert not any(m["dateTime"].startswith("03/29/26 01:") for m in minutes)
    folder = tmp_path / "user-site-export"
    folder.mkdir()
    (folder / "steps-2026-03-29.json").write_text(json.dumps(minutes))
    result = _parse(tmp_path)
    assert result.values[(D28, "steps")] == 4 * 60 - 60
    assert result.values[(D29, "steps")] == 24 * 60
    assert result.records == len(minutes)


def test_main_sleep_on_the_wake_day(extract: Extract) -> None:
    """sleep_h and in_bed_h are the main sleep's minutes on dateOfSleep, stages or classic."""
    assert extract.values[(D29, "sleep_h")] == pytest.approx(400 / 60)
    assert extract.values[(D29, "in_bed_h")] == pytest.approx(415 / 60)
    assert (D28, "sleep_h") not in extract.values


def test_of_two_main_sleeps_the_longer_and_naps_left_out(extract: Extract) -> None:
    """The 6.5-hour night is kept over the 2-hour one; the nap is counted as skipped."""
    assert extract.values[(D30, "sleep_h")] == 6.0
    assert extract.values[(D30, "in_bed_h")] == 6.5
    assert extract.skipped[fitbit.NAP] == 1
    assert extract.skipped[fitbit.SECOND_SLEEP] == 1


def test_water_in_millilitres_from_each_unit(extract: Extract) -> None:
    """MILLILITER, FL_OZ and CUP become ml; an unknown unit is skipped, not guessed."""
    assert extract.values[(D28, "fluid_ml")] == pytest.approx(500 + 8 * FL_OZ_ML)
    assert extract.values[(D29, "fluid_ml")] == pytest.approx(2 * CUP_ML)
    assert extract.skipped["Fitbit water: unit 'BUCKET' not known"] == 1


def test_food_and_weight_without_unit_are_not_imported(extract: Extract) -> None:
    """Food logs carry no minerals; a weight without a unit is left out with a warning."""
    assert extract.skipped[fitbit.FOOD] == 2
    assert extract.skipped[fitbit.WEIGHT] == 2
    assert not any(factor == "body_mass_kg" for _, factor in extract.values)
    assert any("weights were not imported" in w for w in extract.warnings)


def test_weight_with_a_named_unit(tmp_path: Path) -> None:
    """A weight whose record names lb is stored in kg."""
    folder = tmp_path / "user-site-export"
    folder.mkdir()
    record = {"logId": 1, "weight": 154.0, "unit": "lb", "date": "03/28/26", "time": "07:00:00"}
    (folder / "weight-2026-03-28.json").write_text(json.dumps([record]))
    result = _parse(tmp_path)
    assert result.values[(D28, "body_mass_kg")] == pytest.approx(154.0 * 0.45359237)
    assert result.warnings == []


def test_exercise_becomes_workouts_and_minutes(extract: Extract) -> None:
    """Each exercise is a workout on the day of its start; its active minutes add up per day."""
    walk, run = sorted(extract.workouts, key=lambda w: w.started_at)
    assert walk.activity == "Walk"
    assert walk.day == D28
    assert walk.started_at == datetime(2026, 3, 28, 18, 30, tzinfo=LONDON.tz)
    assert walk.duration_min == 30
    assert walk.ended_at - walk.started_at == timedelta(seconds=1900)  # duration, pauses too
    assert walk.energy_kcal == 150
    assert walk.distance_km == 2.5
    assert walk.device == "Fitbit"
    assert run.day == D29  # 01:15 on the 30th
    assert run.energy_kcal is None
    assert run.distance_km == pytest.approx(3.1 * 1.609344)
    assert extract.values[(D28, "exercise_min")] == 30
    assert extract.values[(D29, "exercise_min")] == 40


def test_unknowns_are_absent_and_everything_is_counted(extract: Extract) -> None:
    """No value is invented for a day or factor the files do not give."""
    assert (D30, "fluid_ml") not in extract.values
    assert (D30, "exercise_min") not in extract.values
    assert {factor for _, factor in extract.values} == {
        "steps",
        "sleep_h",
        "in_bed_h",
        "fluid_ml",
        "exercise_min",
    }
    assert extract.records == 10 + 4 + 4 + 2 + 2 + 2
    assert len(extract.members) == 6
    assert extract.days == (D28, D30)


def test_google_csv_copies_are_not_read(tmp_path: Path) -> None:
    """CSV copies beside the JSON are left unread, with a warning, so nothing counts twice."""
    root = _export(tmp_path / "export", "Takeout/Google Health/Global Export Data")
    csv_folder = root / "Takeout/Google Health/Physical Activity_GoogleData"
    csv_folder.mkdir(parents=True)
    (csv_folder / "steps_2026-03-28.csv").write_text(
        "timestamp,steps,data source\n2026-03-28T10:00:00Z,120,Charge 6\n"
    )
    bundle = open_bundle(root)
    members = fitbit.detect(bundle)
    assert not any(m.endswith(".csv") for m in members)
    result = fitbit.parse(bundle, members, LONDON)
    assert result.values[(D28, "steps")] == 310
    assert any("Physical Activity_GoogleData" in w for w in result.warnings)


def test_bad_json_names_the_file_and_line(tmp_path: Path) -> None:
    """A cut or edited file stops the import with the member and the line where it breaks."""
    folder = tmp_path / "user-site-export"
    folder.mkdir()
    (folder / "steps-2026-03-28.json").write_text(
        '[{\n  "dateTime" : "03/28/26 10:00:00",\n  "value" : "120"\n},{\n  "dateTime" : \n}]'
    )
    bundle = open_bundle(tmp_path)
    with pytest.raises(BadFile) as caught:
        fitbit.parse(bundle, fitbit.detect(bundle), LONDON)
    assert caught.value.member == "user-site-export/steps-2026-03-28.json"
    assert caught.value.line == 6
    assert "Export the data again" in caught.value.message


def test_a_minute_value_that_is_not_a_number(tmp_path: Path) -> None:
    """A count such as "many" is refused with the record and field named."""
    folder = tmp_path / "user-site-export"
    folder.mkdir()
    rows = [
        {"dateTime": "03/28/26 10:00:00", "value": "1"},
        {"dateTime": "03/28/26 10:01:00", "value": "many"},
    ]
    (folder / "steps-2026-03-28.json").write_text(json.dumps(rows))
    bundle = open_bundle(tmp_path)
    with pytest.raises(BadFile) as caught:
        fitbit.parse(bundle, fitbit.detect(bundle), LONDON)
    assert caught.value.record == "record 2"
    assert caught.value.field == "value"


def test_a_date_in_another_form_is_refused(tmp_path: Path) -> None:
    """A minute time not in MM/DD/YY HH:MM:SS is refused rather than guessed."""
    folder = tmp_path / "user-site-export"
    folder.mkdir()
    (folder / "steps-2026-03-28.json").write_text(
        '[{"dateTime": "28.03.2026 10:00", "value": "1"}]'
    )
    bundle = open_bundle(tmp_path)
    with pytest.raises(BadFile) as caught:
        fitbit.parse(bundle, fitbit.detect(bundle), LONDON)
    assert caught.value.field == "dateTime"


def test_a_day_of_zero_minutes_is_unknown(tmp_path: Path) -> None:
    """A day whose minutes are all 0 is a day the tracker was not worn: no value, not 0."""
    folder = tmp_path / "user-site-export"
    folder.mkdir()
    rows = [{"dateTime": f"03/28/26 {h:02d}:00:00", "value": "0"} for h in range(4, 24)]
    rows.append({"dateTime": "03/29/26 09:00:00", "value": "12"})
    (folder / "steps-2026-03-28.json").write_text(json.dumps(rows))
    result = _parse(tmp_path)
    assert (D28, "steps") not in result.values
    assert result.values[(D29, "steps")] == 12
    assert result.skipped[fitbit.NOT_WORN] == 1


def test_a_file_in_both_takeout_folders_is_read_once(tmp_path: Path) -> None:
    """A Takeout with both the Fitbit and the Google Health folder counts each file once."""
    root = _export(tmp_path / "export", "Takeout/Fitbit/Global Export Data")
    _export(root, "Takeout/Google Health/Global Export Data")
    result = _parse(_zip(root, tmp_path / "takeout.zip"))
    assert len(result.members) == 6
    assert result.values[(D28, "steps")] == 310
    assert len(result.workouts) == 2
