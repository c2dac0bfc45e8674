"""MyFitnessPal's File-Export: nutrition shapes, exercise steps, measurements, detection."""

from __future__ import annotations

import shutil
import zipfile
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from nightcramps.imports.bundle import open_bundle
from nightcramps.imports.extract import BadFile, Extract
from nightcramps.imports.sources import cronometer, myfitnesspal
from nightcramps.owner import Owner

FIXTURES = Path(__file__).parent / "fixtures" / "myfitnesspal"
EXPORT = FIXTURES / "File-Export-2026-01-05-to-2026-01-07"
SHAPES = FIXTURES / "nutrition-shapes"
NUTRITION = "Nutrition-Summary-2026-01-05-to-2026-01-07.csv"
EXERCISE = "Exercise-Summary-2026-01-05-to-2026-01-07.csv"
MEASUREMENT = "Measurement-Summary-2026-01-05-to-2026-01-07.csv"
OWNER = Owner(person_id=1, tz=ZoneInfo("Europe/London"))


def _read(path: Path) -> Extract:
    bundle = open_bundle(path)
    try:
        members = myfitnesspal.detect(bundle)
        assert members, f"{path} not recognised as MyFitnessPal"
        return myfitnesspal.parse(bundle, members, OWNER)
    finally:
        bundle.close()


def _day(extract: Extract, day: date) -> dict[str, float]:
    return {f: round(v, 6) for (d, f), v in extract.values.items() if d == day}


def _zip(tmp_path: Path) -> Path:
    """The export as MyFitnessPal mails it: a zip holding the File-Export folder."""
    target = tmp_path / "File-Export.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(EXPORT.iterdir()):
            archive.write(path, f"{EXPORT.name}/{path.name}")
    return target


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Extract:
    return _read(_zip(tmp_path_factory.mktemp("mfp")))


def test_sodium_and_potassium_are_summed_over_the_meals(export: Extract) -> None:
    """Three meals on the 5th add up; a user-named meal ('Preworkout/Workout') counts too."""
    assert export.values[(date(2026, 1, 5), "sodium_mg")] == 1700.0
    assert export.values[(date(2026, 1, 5), "potassium_mg")] == 1540.0
    assert export.values[(date(2026, 1, 6), "sodium_mg")] == 395.5


def test_blank_potassium_stays_unknown_and_magnesium_and_water_are_never_made_up(
    export: Extract,
) -> None:
    """No potassium on the 6th (both cells blank); no magnesium, water or calcium anywhere."""
    assert (date(2026, 1, 6), "potassium_mg") not in export.values
    names = {f for _, f in export.values}
    assert not names & {"magnesium_mg", "fluid_ml", "calcium_mg"}
    assert myfitnesspal.NO_MAGNESIUM_NO_WATER in export.warnings
    assert export.warnings.count(myfitnesspal.NO_MAGNESIUM_NO_WATER) == 1


def test_calcium_is_percent_of_daily_value_and_is_skipped(export: Extract) -> None:
    """Four rows have a Calcium %DV (the fifth is blank): counted under the reason, never mg."""
    assert export.skipped["calcium is given as % of daily value, not mg"] == 4


def test_exercise_minutes_and_energy_come_from_real_exercise(export: Extract) -> None:
    """Cardio and Strength minutes count; the calorie-adjustment rows are not exercise."""
    assert _day(export, date(2026, 1, 5))["exercise_min"] == 40.0
    assert _day(export, date(2026, 1, 5))["active_energy_kcal"] == 160.0
    assert _day(export, date(2026, 1, 6))["exercise_min"] == 20.0
    assert _day(export, date(2026, 1, 6))["active_energy_kcal"] == 85.0
    assert "exercise_min" not in _day(export, date(2026, 1, 7))
    assert export.skipped["exercise: rows without minutes"] == 1  # the squats


def test_steps_are_the_largest_phone_row_of_the_day_not_a_sum(export: Extract) -> None:
    """Health Connect (8,432) and MFP iOS (7,900) on the 5th are the same walking: 8,432."""
    assert export.values[(date(2026, 1, 5), "steps")] == 8432
    assert export.values[(date(2026, 1, 6), "steps")] == 5120
    assert export.values[(date(2026, 1, 7), "steps")] == 6001


def test_weight_without_a_unit_is_not_guessed(export: Extract) -> None:
    """172.4 could be lb or kg: no body mass, a warning that says so, custom columns skipped."""
    assert not any(f == "body_mass_kg" for _, f in export.values)
    assert myfitnesspal.WEIGHT_NO_UNIT in export.warnings
    assert export.skipped["weight: the file gives no unit (kg or lb), not guessed"] == 2
    assert export.skipped["measurement: CycleTime: not used"] == 1
    assert export.skipped["measurement: n_Body Fat: not used"] == 1


def test_a_weight_column_that_names_its_unit_is_used(tmp_path: Path) -> None:
    """'Weight (lbs)' says the unit, so 165 lb becomes 74.84 kg."""
    path = tmp_path / "Measurement-Summary.csv"
    path.write_text("Date,Weight (lbs)\r\n2026-01-05,165\r\n", encoding="utf-8", newline="")
    extract = _read(path)
    assert extract.values[(date(2026, 1, 5), "body_mass_kg")] == pytest.approx(74.8427, abs=1e-4)
    assert extract.warnings == []


def test_counts_and_members(export: Extract) -> None:
    """Every row of the three files is counted; nutrition is read first."""
    assert export.records == 5 + 7 + 2
    assert [Path(m).name for m in export.members] == [NUTRITION, EXERCISE, MEASUREMENT]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (  # 2019: no Time, with Note, BOM
            "Nutrition-Summary-2019-03-01-to-2019-03-02.csv",
            {
                (date(2019, 3, 1), "sodium_mg"): 1150.0,
                (date(2019, 3, 1), "potassium_mg"): 1000.0,
                (date(2019, 3, 2), "sodium_mg"): 1200.0,
                (date(2019, 3, 2), "potassium_mg"): 1000.0,
            },
        ),
        (  # 2025: Time after Meal, with Note (21 columns); the Date is the diary day, so the
            # 12:30 AM snack stays on the 2nd
            "Nutrition-Summary-2025-05-01-to-2025-05-02.csv",
            {
                (date(2025, 5, 1), "sodium_mg"): 200.0 + 800.0,
                (date(2025, 5, 1), "potassium_mg"): 350.0 + 900.0,
                (date(2025, 5, 2), "sodium_mg"): 120.0 + 640.0,
                (date(2025, 5, 2), "potassium_mg"): 180.0 + 520.0,
            },
        ),
        (  # 2018: Time, no Note
            "Nutrition-Summary-2018-07-10-to-2018-07-10.csv",
            {
                (date(2018, 7, 10), "sodium_mg"): 1330.0,
                (date(2018, 7, 10), "potassium_mg"): 1270.0,
            },
        ),
    ],
)
def test_each_nutrition_header_shape_gives_the_day_totals(
    name: str, expected: dict[tuple[date, str], float]
) -> None:
    """The three real header shapes are read by column name, BOM or not."""
    assert _read(SHAPES / name).values == pytest.approx(expected)


def test_the_crlf_export_file_reads_like_the_others() -> None:
    """The 2026 CRLF nutrition file alone gives the same totals as inside the zip."""
    extract = _read(EXPORT / NUTRITION)
    assert extract.values[(date(2026, 1, 5), "sodium_mg")] == 1700.0


@pytest.mark.parametrize("name", [NUTRITION, EXERCISE, MEASUREMENT])
def test_each_file_alone_is_recognised(name: str) -> None:
    """One summary file is enough; Cronometer does not claim it."""
    bundle = open_bundle(EXPORT / name)
    try:
        assert myfitnesspal.detect(bundle) == [name]
        assert cronometer.detect(bundle) == []
    finally:
        bundle.close()


def test_the_zip_and_the_folder_are_recognised_nutrition_first(tmp_path: Path) -> None:
    """The mailed zip and its unpacked folder name the same three files."""
    for path in (_zip(tmp_path), EXPORT):
        bundle = open_bundle(path)
        try:
            names = [Path(m).name for m in myfitnesspal.detect(bundle)]
        finally:
            bundle.close()
        assert names == [NUTRITION, EXERCISE, MEASUREMENT]


def test_files_without_a_date_suffix_or_renamed_are_recognised(tmp_path: Path) -> None:
    """'Nutrition-Summary.csv' by its prefix; 'food.csv' by its Date, Meal, Sodium header."""
    shutil.copy(EXPORT / NUTRITION, tmp_path / "Nutrition-Summary.csv")
    shutil.copy(SHAPES / "Nutrition-Summary-2018-07-10-to-2018-07-10.csv", tmp_path / "food.csv")
    (tmp_path / "notes.txt").write_text("not an export\n", encoding="utf-8")
    bundle = open_bundle(tmp_path)
    try:
        assert sorted(myfitnesspal.detect(bundle)) == ["Nutrition-Summary.csv", "food.csv"]
    finally:
        bundle.close()


def test_cronometer_files_are_not_taken_for_myfitnesspal() -> None:
    """Cronometer's export folder is not MyFitnessPal's."""
    bundle = open_bundle(FIXTURES.parent / "cronometer" / "export")
    try:
        assert myfitnesspal.detect(bundle) == []
    finally:
        bundle.close()


def test_a_bad_number_names_the_line_and_the_column(tmp_path: Path) -> None:
    """'abc' as the dinner's sodium stops the import at line 4, column Sodium (mg)."""
    text = (EXPORT / NUTRITION).read_bytes().replace(b",1100.0,", b",abc,", 1)
    (tmp_path / NUTRITION).write_bytes(text)
    with pytest.raises(BadFile) as caught:
        _read(tmp_path / NUTRITION)
    assert (caught.value.member, caught.value.line) == (NUTRITION, 4)
    assert caught.value.field == "Sodium (mg)"
    assert "'abc' is not a number" in caught.value.message


def test_a_file_that_is_not_utf8_names_the_line(tmp_path: Path) -> None:
    """A cp1252 note ('café') on line 3 is refused there, with the fix: save as UTF-8."""
    text = (EXPORT / NUTRITION).read_bytes().decode("utf-8")
    lines = text.split("\r\n")
    lines[2] = lines[2][: -len(",")] + ",café"
    (tmp_path / NUTRITION).write_bytes("\r\n".join(lines).encode("cp1252"))
    with pytest.raises(BadFile, match="save it as UTF-8") as caught:
        _read(tmp_path / NUTRITION)
    assert caught.value.line == 3


def test_overlapping_exports_do_not_count_a_day_twice(tmp_path: Path) -> None:
    """Two exports covering the 5th: its sodium is 1,700 mg, not 3,400."""
    shutil.copy(EXPORT / NUTRITION, tmp_path / NUTRITION)
    shutil.copy(EXPORT / NUTRITION, tmp_path / "Nutrition-Summary-2026-01-01-to-2026-01-07.csv")
    extract = _read(tmp_path)
    assert extract.values[(date(2026, 1, 5), "sodium_mg")] == 1700.0
    assert extract.skipped["nutrition: day already read from another nutrition file"] == 5
