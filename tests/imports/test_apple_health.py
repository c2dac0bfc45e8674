"""Apple Health export.xml: detection, safe streaming, units, merging across sources, sleep."""

from __future__ import annotations

import time
import zipfile
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from nightcramps.imports.bundle import Bundle, open_bundle
from nightcramps.imports.extract import BadFile, Extract
from nightcramps.imports.sources import apple_health
from nightcramps.owner import Owner

FIXTURES = Path(__file__).parent / "fixtures" / "apple-health"
ZURICH = Owner(person_id=1, tz=ZoneInfo("Europe/Zurich"))
LOS_ANGELES = Owner(person_id=1, tz=ZoneInfo("America/Los_Angeles"))
SHANGHAI = Owner(person_id=1, tz=ZoneInfo("Asia/Shanghai"))

VALID = [
    "v8-legacy.xml",
    "v12-broken-dtd.xml",
    "v14-workout-statistics.xml",
    "multi-source-steps.xml",
    "sleep-watch-autosleep.xml",
    "vertical-tab.xml",
    "导出.xml",
]


def read(name: str, owner: Owner = ZURICH) -> Extract:
    bundle = open_bundle(FIXTURES / name)
    members = apple_health.detect(bundle)
    assert members == [name]
    return apple_health.parse(bundle, members, owner)


def day_values(extract: Extract, day: date) -> dict[str, float]:
    return {factor: value for (d, factor), value in extract.values.items() if d == day}


def build_zip(path: Path, members: dict[str, bytes]) -> Bundle:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return open_bundle(path)


# ---------------------------------------------------------------------------- detection


def test_detect_finds_the_localised_main_file_in_a_zip_and_ignores_the_rest(tmp_path: Path) -> None:
    """The main file is found by its <HealthData root, any name; CDA, routes, ECGs unread."""
    cda = (FIXTURES / "export_cda.xml").read_bytes()
    bundle = build_zip(
        tmp_path / "export.zip",
        {
            "apple_health_export/导出.xml": (FIXTURES / "导出.xml").read_bytes(),
            "apple_health_export/export_cda.xml": cda,
            "apple_health_export/workout-routes/route_2023-02-01_7.45am.gpx": b"<gpx/>",
            "apple_health_export/electrocardiograms/ecg_2023-02-01.csv": b"Name,x\n",
            "apple_health_export/clinical-records/a.json": b"{}",
        },
    )
    members = apple_health.detect(bundle)
    assert members == ["apple_health_export/导出.xml"]
    extract = apple_health.parse(bundle, members, SHANGHAI)
    assert extract.values == {(date(2023, 2, 1), "fluid_ml"): 750.0}
    assert extract.members == members


def test_detect_refuses_a_cda_file_and_other_xml(tmp_path: Path) -> None:
    """export_cda.xml alone, or an XML with another root, is not an Apple Health export."""
    assert apple_health.detect(open_bundle(FIXTURES / "export_cda.xml")) == []
    other = tmp_path / "export.xml"
    other.write_text('<?xml version="1.0"?>\n<gpx version="1.1"></gpx>\n')
    assert apple_health.detect(open_bundle(other)) == []


def test_detect_finds_export_xml_in_a_folder(tmp_path: Path) -> None:
    """An unpacked folder with Export.xml (capitalised) is found by its root."""
    folder = tmp_path / "apple_health_export"
    folder.mkdir()
    (folder / "Export.xml").write_bytes((FIXTURES / "v8-legacy.xml").read_bytes())
    (folder / "export_cda.xml").write_bytes((FIXTURES / "export_cda.xml").read_bytes())
    assert apple_health.detect(open_bundle(folder)) == ["Export.xml"]


# ---------------------------------------------------------------------------- the exports


def test_v8_export_with_legacy_asleep() -> None:
    """iOS 12 era: steps, fluids in mL and fl oz, magnesium in g, legacy Asleep, a workout."""
    extract = read("v8-legacy.xml")
    assert day_values(extract, date(2019, 5, 14)) == {
        "steps": 1700.0,
        "fluid_ml": pytest.approx(371.117 + 8 * 29.5735295625),
        "magnesium_mg": 220.0,
        "body_mass_kg": 69.5,
    }
    # 0.1 g of magnesium at 00:30 on the 15th is still the 14th's (the day starts at 04:00).
    assert day_values(extract, date(2019, 5, 15)) == {"sleep_h": 7.25, "in_bed_h": 8.0}
    assert extract.profile == {"birth_date": "1970-03-02", "sex": "female"}
    (workout,) = extract.workouts
    assert (workout.activity, workout.duration_min) == ("Running", 30.5)
    assert (workout.energy_kcal, workout.distance_km, workout.day) == (
        320.0,
        5.2,
        date(2019, 5, 14),
    )
    assert sum(n for why, n in extract.skipped.items() if why.startswith("heart rate")) == 2
    assert any("nap" in why for why in extract.skipped)


def test_v12_broken_dtd_is_read_and_units_are_converted() -> None:
    """The iOS 16 DTD (missing '>' after ATTLIST VisionPrescription) does not stop the import."""
    extract = read("v12-broken-dtd.xml")
    assert day_values(extract, date(2022, 10, 3)) == {
        "caffeine_mg": pytest.approx(175.0),
        "alcohol_drinks": 2.0,
        "exercise_min": 32.0,
        "active_energy_kcal": pytest.approx(350.5),
        "sodium_mg": pytest.approx(500.0),
        "potassium_mg": 915.111,
        "calcium_mg": 75.6628,
        "steps": 300.0,
    }
    assert extract.profile == {"birth_date": "1958-11-30", "sex": "male"}


def test_a_record_inside_a_correlation_is_not_counted_twice() -> None:
    """A Food correlation repeats its records at top level: potassium is counted once."""
    extract = read("v12-broken-dtd.xml")
    assert extract.values[(date(2022, 10, 3), "potassium_mg")] == 915.111


def test_hk_time_zone_dates_a_sample_on_that_zones_clock() -> None:
    """08:00 in Zurich is 02:00 in New York, before the day starts: the 2nd, with a warning."""
    extract = read("v12-broken-dtd.xml")
    assert extract.values[(date(2022, 10, 2), "steps")] == 800.0
    assert any("time zone" in warning for warning in extract.warnings)


def test_v14_workout_statistics_and_duration_units() -> None:
    """v13/14 keep energy and distance in WorkoutStatistics; durationUnit h is converted."""
    extract = read("v14-workout-statistics.xml")
    walk, ride = extract.workouts
    assert (walk.activity, walk.duration_min, walk.day) == ("Walking", 45.25, date(2024, 6, 8))
    assert (walk.energy_kcal, walk.distance_km) == (210.5, 4.1)
    assert ride.activity == "Cycling"
    assert ride.duration_min == 90.0
    assert ride.energy_kcal == pytest.approx(500.0)
    assert ride.distance_km == pytest.approx(15 * 1.609344)
    assert extract.values == {
        (date(2024, 6, 8), "distance_km"): pytest.approx(2.5 * 1.609344 + 0.8)
    }
    assert extract.profile == {}


def test_vertical_tab_is_dropped() -> None:
    """\\x0b (illegal in XML, seen in old exports) is dropped in one-line and multi-line rows."""
    assert b"\x0b" in (FIXTURES / "vertical-tab.xml").read_bytes()
    extract = read("vertical-tab.xml")
    assert extract.values == {(date(2016, 3, 1), "steps"): 1000.0}
    assert extract.records == 2


# ---------------------------------------------------------------------------- merging


def test_steps_from_watch_iphone_and_an_app_are_merged_like_the_health_app() -> None:
    """open-wearables #1287: watch 4,157 plus the iPhone while the watch was off ≈ 14,079."""
    extract = read("multi-source-steps.xml", LOS_ANGELES)
    steps = extract.values[(date(2024, 3, 1), "steps")]
    assert steps == pytest.approx(14_079, rel=0.02)
    assert steps == 4157 + 22 + 9900  # half of the 11:30-12:30 phone sample was covered
    assert steps != 4157  # not one source per day
    assert steps < 4157 + 4524 + 9944 + 5470  # not everything summed


def test_sleep_night_from_watch_stages_and_autosleep() -> None:
    """Stages and AutoSleep's overlapping Asleep are one union, awake time out, naps apart."""
    extract = read("sleep-watch-autosleep.xml")
    # Watch stages 23:00-06:00 less Watch awake 02:00-02:15 and AutoSleep awake 05:30-05:45.
    assert extract.values[(date(2024, 4, 10), "sleep_h")] == pytest.approx(6.5)
    # InBed 22:20-06:40 (AutoSleep) covers the Watch's 22:30-06:30.
    assert extract.values[(date(2024, 4, 10), "in_bed_h")] == pytest.approx(25 / 3)
    # The next night has two stretches 50 minutes apart: one sleep of 4 h + 2.5 h.
    assert extract.values[(date(2024, 4, 11), "sleep_h")] == pytest.approx(6.5)
    assert any("nap" in why for why in extract.skipped)
    assert any("overlapping" in why for why in extract.skipped)


# ---------------------------------------------------------------------------- both paths


@pytest.mark.parametrize("name", VALID)
def test_fast_and_slow_paths_give_the_same_extract(name: str) -> None:
    """The line pre-filter reads exactly what plain lxml iterparse reads."""
    owner = LOS_ANGELES if name == "multi-source-steps.xml" else ZURICH
    bundle = open_bundle(FIXTURES / name)
    members = apple_health.detect(bundle)
    fast = apple_health.parse(bundle, members, owner)
    slow = apple_health.parse(bundle, members, owner, fast=False)
    assert fast == slow
    assert fast.values


# ---------------------------------------------------------------------------- hostile files


@pytest.mark.parametrize("fast", [True, False])
@pytest.mark.parametrize("name", ["billion-laughs.xml", "external-entity.xml"])
def test_entities_are_never_expanded(name: str, fast: bool) -> None:
    """Billion laughs and file:///etc/passwd: refused quickly, nothing of the entity read."""
    bundle = open_bundle(FIXTURES / name)
    began = time.monotonic()
    with pytest.raises(BadFile) as raised:
        apple_health.parse(bundle, apple_health.detect(bundle), ZURICH, fast=fast)
    assert time.monotonic() - began < 2
    assert "not a valid Apple Health export" in str(raised.value)
    assert raised.value.line is not None
    assert "root:" not in str(raised.value)
    assert "lollol" not in str(raised.value)


def test_malformed_xml_names_the_line(tmp_path: Path) -> None:
    """A broken record is a BadFile with its line, not a crash."""
    text = (FIXTURES / "v8-legacy.xml").read_text(encoding="utf-8")
    broken = text.replace('unit="fl_oz_us"', 'unit="fl_oz_us', 1)
    path = tmp_path / "export.xml"
    path.write_text(broken, encoding="utf-8")
    bundle = open_bundle(path)
    with pytest.raises(BadFile) as raised:
        apple_health.parse(bundle, apple_health.detect(bundle), ZURICH)
    line = next(i for i, row in enumerate(broken.splitlines(), 1) if 'unit="fl_oz_us' in row)
    assert raised.value.line == line


def test_a_truncated_export_is_refused(tmp_path: Path) -> None:
    """An export cut off before </HealthData> (interrupted download) is refused, not half-read."""
    text = (FIXTURES / "v8-legacy.xml").read_text(encoding="utf-8")
    path = tmp_path / "export.xml"
    path.write_text(text.split("<ActivitySummary")[0], encoding="utf-8")
    bundle = open_bundle(path)
    with pytest.raises(BadFile):
        apple_health.parse(bundle, apple_health.detect(bundle), ZURICH)


# ---------------------------------------------------------------------------- sources


def test_a_source_is_its_name_and_device_never_the_address() -> None:
    """Two records of one iPhone with different 0x addresses and curly quotes are one source."""
    one = apple_health.source_key(
        "Anna’s iPhone", "<<HKDevice: 0x283a6c000>, name:iPhone, model:iPhone, software:17.4>"
    )
    two = apple_health.source_key(
        "Anna's  iPhone", "<<HKDevice: 0x299ffff11>, name:iPhone, model:iPhone, software:17.5>"
    )
    watch = apple_health.source_key(
        "Anna’s Apple Watch", "<<HKDevice: 0x283a6c000>, name:Apple Watch, model:Watch>"
    )
    assert one == two
    assert one != watch


def test_same_steps_written_by_two_apps_count_once(tmp_path: Path) -> None:
    """Pedometer++ copying the iPhone's hours adds nothing; only uncovered time counts."""
    text = (FIXTURES / "multi-source-steps.xml").read_text(encoding="utf-8")
    without_app = "\n".join(row for row in text.splitlines() if "Pedometer++" not in row)
    path = tmp_path / "export.xml"
    path.write_text(without_app, encoding="utf-8")
    bundle = open_bundle(path)
    extract = apple_health.parse(bundle, apple_health.detect(bundle), LOS_ANGELES)
    assert extract.values == read("multi-source-steps.xml", LOS_ANGELES).values
    assert extract.values[(date(2024, 3, 1), "steps")] == 14_079


def test_unwanted_records_are_counted_not_imported() -> None:
    """Heart rate (one-line and with metadata) and activity summaries are skipped with a reason."""
    extract = read("v8-legacy.xml")
    assert extract.records == 15
    assert sum(extract.skipped.values()) >= 4
    assert not any(factor.startswith("heart") for _, factor in extract.values)


def test_a_single_xml_file_in_a_zip_is_found(tmp_path: Path) -> None:
    """A zip holding only export.xml (no folder) is read the same as the file."""
    bundle = build_zip(
        tmp_path / "export.zip", {"export.xml": (FIXTURES / "v8-legacy.xml").read_bytes()}
    )
    members = apple_health.detect(bundle)
    assert members == ["export.xml"]
    from_zip = apple_health.parse(bundle, members, ZURICH)
    assert from_zip.values == read("v8-legacy.xml").values
