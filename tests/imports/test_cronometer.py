"""Cronometer's CSV exports: day totals, unknowns, timing, detection and bad files."""

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

FIXTURES = Path(__file__).parent / "fixtures" / "cronometer"
EXPORT = FIXTURES / "export"
OWNER = Owner(person_id=1, tz=ZoneInfo("Europe/London"))
FILES = ["servings.csv", "dailysummary.csv", "biometrics.csv", "exercises.csv"]


def _read(path: Path) -> Extract:
    bundle = open_bundle(path)
    try:
        members = cronometer.detect(bundle)
        assert members, f"{path} not recognised as Cronometer"
        return cronometer.parse(bundle, members, OWNER)
    finally:
        bundle.close()


def _day(extract: Extract, day: date) -> dict[str, float]:
    return {f: round(v, 6) for (d, f), v in extract.values.items() if d == day}


def _zip(folder: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, f"cronometer-export/{path.relative_to(folder).as_posix()}")
    return target


def _edited(tmp_path: Path, name: str, old: str, new: str, source: Path = EXPORT) -> Path:
    text = (source / name).read_text(encoding="utf-8")
    assert old in text
    target = tmp_path / name
    target.write_text(text.replace(old, new, 1), encoding="utf-8", newline="")
    return target


@pytest.fixture(scope="module")
def export() -> Extract:
    return _read(EXPORT)


def test_servings_are_summed_per_day_from_the_entries(export: Extract) -> None:
    """Each day's minerals and caffeine are the sums of its entries' known values."""
    assert _day(export, date(2026, 3, 10)) == {
        "magnesium_mg": 134.4,
        "potassium_mg": 1026.1,
        "calcium_mg": 74.0,
        "sodium_mg": 118.8,
        "caffeine_mg": 94.8,
        "fluid_ml": 836.7,
        "alcohol_drinks": 1.114286,
        "body_mass_kg": 74.842741,
        "exercise_min": 57.668538,
        "active_energy_kcal": 231.5,
    }
    assert _day(export, date(2026, 3, 12)) == {
        "magnesium_mg": 240.0,
        "potassium_mg": 300.0,
        "calcium_mg": 500.0,
        "sodium_mg": 150.0,
        "fluid_ml": 250.0,
        "sleep_h": 8.46667,
    }


def test_a_blank_cell_leaves_the_value_unknown_never_zero(export: Extract) -> None:
    """The bagel's blank magnesium is left out; no beverage and no caffeine: no key at all."""
    day = _day(export, date(2026, 3, 11))
    assert day["magnesium_mg"] == 31.9  # the banana's; the bagel's is unknown
    assert day["potassium_mg"] == 523.4
    assert "fluid_ml" not in day
    assert "caffeine_mg" not in day
    summary_day = _day(export, date(2026, 3, 8))
    assert "magnesium_mg" not in summary_day and "caffeine_mg" not in summary_day


def test_an_entry_at_half_past_midnight_counts_for_the_day_before(export: Extract) -> None:
    """The 473.2 g of tap water logged on the 11th at 12:30 AM is the 10th's fluid."""
    assert export.values[(date(2026, 3, 10), "fluid_ml")] == pytest.approx(235.9 + 127.6 + 473.2)
    assert (date(2026, 3, 11), "fluid_ml") not in export.values


def test_fluids_are_the_water_of_beverages_not_of_food(export: Extract) -> None:
    """Oats, bagel and salmon water is food water: only drinks count as drunk (a warning says
    how drinks are told apart)."""
    assert export.values[(date(2026, 3, 12), "fluid_ml")] == 250.0  # a shake, not the capsules
    assert cronometer.FLUIDS_WARNING in export.warnings


def test_formula_like_text_is_plain_data(export: Extract) -> None:
    """A food named '+Protein Shake, Vanilla' is read as a name and its row counts."""
    assert export.values[(date(2026, 3, 12), "calcium_mg")] == 500.0


def test_the_daily_summary_fills_only_days_without_servings(export: Extract) -> None:
    """The 9th and 8th come from dailysummary (total row only); the 10th stays per entry."""
    assert _day(export, date(2026, 3, 9)) == {
        "magnesium_mg": 310.5,
        "potassium_mg": 2950.0,
        "calcium_mg": 820.0,
        "sodium_mg": 2100.0,
        "caffeine_mg": 190.0,
    }
    assert _day(export, date(2026, 3, 8)) == {
        "potassium_mg": 2500.0,
        "calcium_mg": 700.0,
        "sodium_mg": 1900.0,
    }
    assert export.skipped["dailysummary: day taken from servings.csv (per entry)"] == 1
    assert export.skipped["dailysummary: diary group rows (the day's total row is used)"] == 2
    assert export.skipped[cronometer.SUMMARY_WATER_SKIPPED] == 4


def test_summary_group_rows_are_summed_when_a_day_has_no_total_row(tmp_path: Path) -> None:
    """Without a total row for the 9th, its Breakfast and Dinner rows add up."""
    path = _edited(tmp_path, "dailysummary.csv", "2026-03-09,,", "2026-03-07,,")
    extract = _read(path)
    assert extract.values[(date(2026, 3, 9), "magnesium_mg")] == 200.0
    assert extract.values[(date(2026, 3, 9), "potassium_mg")] == 1900.0
    assert extract.values[(date(2026, 3, 9), "caffeine_mg")] == 95.0
    assert extract.values[(date(2026, 3, 7), "magnesium_mg")] == 310.5


def test_biometrics_give_sleep_on_the_wake_day_and_weight_in_kg(export: Extract) -> None:
    """Sleep (Garmin) hours go on the row's day; of two sleeps one day the longer counts;
    165 lbs is 74.84 kg; glucose is not used."""
    assert export.values[(date(2026, 3, 11), "sleep_h")] == 7.25
    assert export.values[(date(2026, 3, 12), "sleep_h")] == 8.46667  # not 8.47 + 6
    assert export.values[(date(2026, 3, 10), "body_mass_kg")] == pytest.approx(74.8427, abs=1e-4)
    assert export.values[(date(2026, 3, 11), "body_mass_kg")] == 74.6
    assert export.skipped["biometrics: Blood Glucose: not used"] == 1


def test_exercises_count_real_rows_and_skip_synced_energy(export: Extract) -> None:
    """Minutes and the negative Calories Burned (as positive) of real exercise; the 0-minute
    Apple Health balance rows are not exercise."""
    assert export.values[(date(2026, 3, 11), "exercise_min")] == 30.0
    assert export.values[(date(2026, 3, 11), "active_energy_kcal")] == 150.0
    assert export.skipped["exercises: synced rows with 0 minutes (not exercise)"] == 2


def test_alcohol_grams_become_us_standard_drinks(export: Extract) -> None:
    """15.6 g of alcohol in a glass of red wine is 15.6 / 14 US standard drinks."""
    assert export.values[(date(2026, 3, 10), "alcohol_drinks")] == pytest.approx(15.6 / 14)
    assert (date(2026, 3, 11), "alcohol_drinks") not in export.values  # no alcohol column value


def test_notes_and_fasts_are_counted_as_skipped(export: Extract) -> None:
    """notes.csv and fasts.csv hold no day's value: their rows are counted with a reason."""
    assert export.skipped["notes.csv: notes are not a day's value"] == 1
    assert export.skipped["fasts.csv: fasts are not a day's value"] == 1
    assert export.records == 9 + 5 + 6 + 4 + 1 + 1
    assert [Path(m).name for m in export.members][:2] == ["servings.csv", "dailysummary.csv"]


def test_servings_without_a_time_column_with_bom_and_crlf() -> None:
    """The stackingrockss shape (no Time, Added Sugars) read with a BOM and CRLF line ends."""
    extract = _read(FIXTURES / "no-time" / "servings.csv")
    assert _day(extract, date(2026, 2, 1)) == {
        "magnesium_mg": 106.2,
        "potassium_mg": 579.3,
        "calcium_mg": 276.0,
        "sodium_mg": 71.0,
        "caffeine_mg": 71.0,
        "fluid_ml": 354.8,
    }
    assert _day(extract, date(2026, 2, 2))["caffeine_mg"] == 0.0  # a known 0 stays 0


def test_the_73_column_variant_has_no_caffeine_or_alcohol() -> None:
    """Columns are found by name wherever they stand; missing Caffeine stays unknown."""
    extract = _read(FIXTURES / "73-columns" / "servings.csv")
    assert _day(extract, date(2026, 4, 1)) == {
        "magnesium_mg": 127.1,
        "potassium_mg": 727.1,
        "calcium_mg": 50.7,
        "sodium_mg": 6.7,
        "fluid_ml": 235.9,
    }


def test_two_servings_files_sharing_days_are_not_summed_twice(tmp_path: Path) -> None:
    """Year-by-year exports that overlap: the shared days come from the first file only."""
    (tmp_path / "2026").mkdir()
    shutil.copy(EXPORT / "servings.csv", tmp_path / "servings.csv")
    shutil.copy(EXPORT / "servings.csv", tmp_path / "2026" / "servings-2026.csv")
    extract = _read(tmp_path)
    assert extract.values[(date(2026, 3, 10), "magnesium_mg")] == pytest.approx(134.4)
    assert extract.skipped["servings: day already read from another servings file"] == 9


@pytest.mark.parametrize("name", [*FILES, "notes.csv", "fasts.csv"])
def test_each_file_alone_is_recognised(name: str) -> None:
    """One downloaded file is enough to be recognised as Cronometer's."""
    bundle = open_bundle(EXPORT / name)
    try:
        assert cronometer.detect(bundle) == [name]
        assert myfitnesspal.detect(bundle) == []
    finally:
        bundle.close()


def test_the_files_are_found_in_a_zip_servings_first(tmp_path: Path) -> None:
    """A zip of the downloads is looked into; the servings are read before the summary."""
    path = _zip(EXPORT, tmp_path / "cronometer.zip")
    bundle = open_bundle(path)
    try:
        members = cronometer.detect(bundle)
    finally:
        bundle.close()
    assert [Path(m).name for m in members] == [*FILES, "notes.csv", "fasts.csv"]
    assert _read(path).values == _read(EXPORT).values


def test_a_renamed_file_is_recognised_by_its_header(tmp_path: Path) -> None:
    """servings.csv saved as food-2026.csv is still Cronometer's (by Day, Food Name, Amount)."""
    shutil.copy(EXPORT / "servings.csv", tmp_path / "food-2026.csv")
    shutil.copy(EXPORT / "dailysummary.csv", tmp_path / "days.csv")
    (tmp_path / "other.csv").write_text("Date,Steps\n2026-03-10,9000\n", encoding="utf-8")
    bundle = open_bundle(tmp_path)
    try:
        assert cronometer.detect(bundle) == ["food-2026.csv", "days.csv"]
    finally:
        bundle.close()


def test_other_apps_files_are_not_taken_for_cronometer() -> None:
    """MyFitnessPal's nutrition file (Date, Meal, Calories) is not a daily summary."""
    mfp = FIXTURES.parent / "myfitnesspal" / "File-Export-2026-01-05-to-2026-01-07"
    bundle = open_bundle(mfp)
    try:
        assert cronometer.detect(bundle) == []
    finally:
        bundle.close()


def test_a_bad_number_names_the_line_and_the_column(tmp_path: Path) -> None:
    """'abc' as the oats' magnesium stops the import at line 2, column Magnesium (mg)."""
    path = _edited(tmp_path, "servings.csv", ",55.2,", ",abc,")
    with pytest.raises(BadFile) as caught:
        _read(path)
    assert caught.value.member == "servings.csv"
    assert caught.value.line == 2
    assert caught.value.field == "Magnesium (mg)"
    assert "'abc' is not a number" in caught.value.message


def test_a_formula_in_a_number_column_is_not_evaluated(tmp_path: Path) -> None:
    """'=1+2' is neither 3 nor skipped silently: it is not a number."""
    path = _edited(tmp_path, "servings.csv", ",147.0,", ",=1+2,")
    with pytest.raises(BadFile, match=r"'=1\+2' is not a number") as caught:
        _read(path)
    assert (caught.value.line, caught.value.field) == (2, "Potassium (mg)")


def test_a_bad_time_or_date_names_its_column(tmp_path: Path) -> None:
    """A time that is no clock time, or a date in another shape, is refused with its place."""
    with pytest.raises(BadFile) as caught:
        _read(_edited(tmp_path, "servings.csv", "7:50 AM", "7:50 XM"))
    assert (caught.value.line, caught.value.field) == (3, "Time")
    with pytest.raises(BadFile, match="YYYY-MM-DD") as caught:
        _read(_edited(tmp_path, "exercises.csv", "2026-03-11,", "11/03/2026,"))
    assert (caught.value.line, caught.value.field) == (4, "Day")


def test_a_file_that_is_not_utf8_names_the_line_and_says_to_save_as_utf8(
    tmp_path: Path,
) -> None:
    """A cp1252 'é' on line 4 is not guessed: the error names line 4 and the fix."""
    text = (EXPORT / "servings.csv").read_text(encoding="utf-8").replace("µ", "u")
    text = text.replace("Salmon, Atlantic", "Saumon, pêché")
    path = tmp_path / "servings.csv"
    path.write_bytes(text.encode("cp1252"))
    with pytest.raises(BadFile, match="save it as UTF-8") as caught:
        _read(path)
    assert caught.value.line == 4


def test_an_implausible_day_total_is_skipped_not_stored(tmp_path: Path) -> None:
    """40 g of sodium in a day is a unit slip: skipped with the limit, not stored."""
    path = _edited(tmp_path, "servings.csv", ",88.5,", ",40000,")
    extract = _read(path)
    assert (date(2026, 3, 10), "sodium_mg") not in extract.values
    assert [n for reason, n in extract.skipped.items() if reason.startswith("sodium")] == [1]


def test_a_line_longer_than_the_limit_stops_the_import(tmp_path: Path) -> None:
    """A 5 MB line is no export's: BadFile on that line, before memory fills."""
    path = tmp_path / "servings.csv"
    header = (EXPORT / "servings.csv").read_text(encoding="utf-8").splitlines()[0]
    path.write_text(header + "\n2026-03-10,," + "x" * 5_000_000 + "\n", encoding="utf-8")
    with pytest.raises(BadFile, match="export") as caught:
        _read(path)
    assert (caught.value.member, caught.value.line) == ("servings.csv", 2)


def test_an_empty_file_or_a_missing_day_column_is_a_bad_file(tmp_path: Path) -> None:
    """An empty servings.csv, or one without Day, says to export it again."""
    (tmp_path / "servings.csv").write_bytes(b"")
    with pytest.raises(BadFile, match="export it again"):
        _read(tmp_path / "servings.csv")
    (tmp_path / "servings.csv").write_text("Food Name,Amount\nOats,1 cup\n", encoding="utf-8")
    with pytest.raises(BadFile, match="no 'Day' column"):
        _read(tmp_path / "servings.csv")


def test_a_field_over_a_mebibyte_stops_the_import(tmp_path: Path) -> None:
    """An unclosed quote swallowing 1.2 MB of short lines is refused where the field began."""
    path = tmp_path / "servings.csv"
    header = (EXPORT / "servings.csv").read_text(encoding="utf-8").splitlines()[0]
    path.write_text(header + '\n2026-03-10,,"' + ("x" * 999 + "\n") * 1200, encoding="utf-8")
    with pytest.raises(BadFile, match="longer than 1 MiB") as caught:
        _read(path)
    assert (caught.value.member, caught.value.line) == ("servings.csv", 2)
