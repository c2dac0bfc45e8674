"""Apple Health, whole exports laid out as the phone writes them (folders zipped in the test):
v8, v12 with the broken DTD, v14 with WorkoutStatistics, a localised name, a vertical tab, a
day of steps from three sources, a night from the Watch and AutoSleep; and hostile files."""

from __future__ import annotations

import resource
import subprocess
import sys
import time
import xml.etree.ElementTree as ElementTree
import zipfile
from array import array
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from nightcramps.imports import intervals
from nightcramps.imports.bundle import Bundle, open_bundle
from nightcramps.imports.extract import BadFile, Extract
from nightcramps.imports.sources import apple_health
from nightcramps.owner import Owner

FIXTURES = Path(__file__).parent / "fixtures" / "apple-health"
ZURICH = Owner(person_id=1, tz=ZoneInfo("Europe/Zurich"))
SHANGHAI = Owner(person_id=1, tz=ZoneInfo("Asia/Shanghai"))

EXPORTS = ["v8", "v12", "v14", "localised", "vtab", "multisource-steps", "sleep-overlap"]
"""Fixture folders: each is what the phone's export.zip unpacks to (v12 is a lone export.xml)."""


def zipped(folder: str, tmp_path: Path) -> Bundle:
    """The fixture folder as the export.zip the phone sends."""
    path = tmp_path / f"{folder}.zip"
    root = FIXTURES / folder
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(p for p in root.rglob("*") if p.is_file()):
            archive.write(file, file.relative_to(root).as_posix())
    return open_bundle(path)


def read(folder: str, tmp_path: Path, owner: Owner = ZURICH, *, fast: bool = True) -> Extract:
    bundle = zipped(folder, tmp_path)
    try:
        members = apple_health.detect(bundle)
        assert len(members) == 1
        return apple_health.parse(bundle, members, owner, fast=fast)
    finally:
        bundle.close()


def on(extract: Extract, day: date) -> dict[str, float]:
    return {factor: value for (d, factor), value in extract.values.items() if d == day}


def parse_file(path: Path, *, fast: bool = True) -> Extract:
    bundle = open_bundle(path)
    return apple_health.parse(bundle, apple_health.detect(bundle), ZURICH, fast=fast)


# ---------------------------------------------------------------------------- detection


def test_localised_main_file_is_found_by_its_root_in_a_zip(tmp_path: Path) -> None:
    """导出.xml is the main file (root > 2 KB in, after the DTD); CDA, routes, ECGs are ignored."""
    main = (FIXTURES / "localised/apple_health_export/导出.xml").read_bytes()
    assert main.find(b"<HealthData") > 2048
    bundle = zipped("localised", tmp_path)
    assert apple_health.detect(bundle) == ["apple_health_export/导出.xml"]
    extract = apple_health.parse(bundle, apple_health.detect(bundle), SHANGHAI)
    assert extract.values == {
        (date(2023, 5, 30), "steps"): 1234.0,
        (date(2023, 5, 30), "fluid_ml"): 300.0,
    }
    assert extract.members == ["apple_health_export/导出.xml"]
    assert extract.profile == {"birth_date": "1975-01-09"}  # HKBiologicalSexNotSet: no sex


def test_export_cda_with_two_roots_is_never_needed(tmp_path: Path) -> None:
    """The CDA file (two root elements, 'junk after document element') is not parsed."""
    cda = FIXTURES / "localised/apple_health_export/export_cda.xml"
    with pytest.raises(ElementTree.ParseError):
        ElementTree.parse(cda)
    assert apple_health.detect(open_bundle(cda)) == []
    assert read("localised", tmp_path, SHANGHAI).records == 2


def test_a_folder_and_a_csv_are_told_apart(tmp_path: Path) -> None:
    """The unpacked folder is detected like the zip; a CSV or a GPX is not an Apple export."""
    assert apple_health.detect(open_bundle(FIXTURES / "v8")) == ["apple_health_export/export.xml"]
    route = FIXTURES / "localised/apple_health_export/workout-routes/route_2023-05-30_9.20am.gpx"
    assert apple_health.detect(open_bundle(route)) == []
    csv = tmp_path / "servings.csv"
    csv.write_text("Day,Food Name,Amount\n2024-01-01,Milk,1 cup\n")
    assert apple_health.detect(open_bundle(csv)) == []


# ---------------------------------------------------------------------------- versions


def test_v8_export(tmp_path: Path) -> None:
    """2019: Cal, miles, fl oz, lb; a Food correlation counted once; legacy Asleep; inline route."""
    extract = read("v8", tmp_path)
    assert on(extract, date(2019, 5, 14)) == {
        "steps": 3000.0,  # watch 2,000; the phone's 1,800 at the same time adds nothing
        "distance_km": pytest.approx(1.5 + 0.5 * 1.609344),
        "active_energy_kcal": 150.0,  # 'Cal' is kcal
        "fluid_ml": pytest.approx(8 * 29.5735295625),
        "potassium_mg": 915.111,
        "caffeine_mg": 95.0,  # 00:30 on the 15th still counts for the 14th
        "body_mass_kg": 69.5,  # the day's last value (154 lb in the morning)
    }
    # AutoSleep's legacy Asleep 23:10-06:40 less its Awake 02:00-02:15; Clock's InBed 8 h.
    assert on(extract, date(2019, 5, 15)) == {"sleep_h": 7.25, "in_bed_h": 8.0}
    (walk,) = extract.workouts
    assert (walk.activity, walk.duration_min, walk.energy_kcal) == ("Walking", 45.0, 180.0)
    assert walk.distance_km == pytest.approx(2.5 * 1.609344)
    assert (walk.day, walk.device) == (date(2019, 5, 14), "Anna’s Apple Watch")
    assert extract.skipped["heart rate variability sdnn: not used"] == 1
    assert extract.skipped["heart rate: not used"] == 1
    assert extract.records == 21  # the correlation's two inner records are not counted again


def test_v12_broken_dtd(tmp_path: Path) -> None:
    """Expat stops on the iOS 16 DTD; the importer cuts the DTD and reads stages, g, mcg, L."""
    raw = FIXTURES / "v12/export.xml"
    with pytest.raises(ElementTree.ParseError):
        ElementTree.parse(raw)
    extract = read("v12", tmp_path)
    assert on(extract, date(2022, 10, 12)) == {
        "steps": 6000.0,
        "magnesium_mg": 200.0,
        "potassium_mg": 900.0,
        "calcium_mg": 250.0,
        "sodium_mg": 1500.0,
        "fluid_ml": 1200.0,
        "exercise_min": 30.0,
        "sleep_h": pytest.approx(7.0),  # Core, Deep, REM less 10 min awake
        "in_bed_h": 8.0,
    }
    assert extract.profile == {"birth_date": "1958-11-20", "sex": "male"}
    assert extract.skipped == {"vision prescriptions: not used": 1}


def test_v14_workout_statistics(tmp_path: Path) -> None:
    """v14: energy and distance from WorkoutStatistics, kJ and miles, durationUnit hr; the run
    Strava recorded too is kept once, from the Watch."""
    extract = read("v14", tmp_path)
    run, ride = extract.workouts
    assert (run.activity, run.duration_min, run.energy_kcal, run.distance_km) == (
        "Running",
        32.5,
        312.4,
        5.2,
    )
    assert run.device == "Anna’s Apple Watch"
    assert (ride.activity, ride.duration_min, ride.day) == ("Cycling", 60.0, date(2024, 3, 6))
    assert ride.energy_kcal == pytest.approx(1000 / 4.184)
    assert ride.distance_km == pytest.approx(12 * 1.609344)
    assert extract.skipped["workout: the same workout recorded by two apps (kept once)"] == 1


def test_v14_day_values_by_hand_and_travel(tmp_path: Path) -> None:
    """Hand-entered water counts and is flagged; a sample with HKTimeZone New York is dated on
    New York's clock (23:00 on the 7th, not 05:00 on the 8th) and flagged as travel."""
    extract = read("v14", tmp_path)
    assert on(extract, date(2024, 3, 5)) == {
        "fluid_ml": 1000.0,  # 500 mL + 0.25 L by hand, 250 mL from WaterMinder
        "caffeine_mg": 144.0,
        "alcohol_drinks": 2.0,
        "steps": 5400.0,
        "active_energy_kcal": pytest.approx(1300 / 4.184),
        "body_mass_kg": 64.8,
        "sleep_h": 7.5,
    }
    assert on(extract, date(2024, 3, 7)) == {"steps": 800.0}
    assert date(2024, 3, 8) not in {d for d, _ in extract.values}
    assert "3 values entered by hand in Health" in extract.warnings
    assert "1 days recorded in another time zone (travel): attribution uncertain" in (
        extract.warnings
    )


def test_vertical_tab_and_other_control_characters_are_dropped(tmp_path: Path) -> None:
    """\\x0b, \\x0c and \\x01 (illegal in XML) are removed before parsing."""
    raw = (FIXTURES / "vtab/export.xml").read_bytes()
    assert b"\x0b" in raw and b"\x0c" in raw
    extract = read("vtab", tmp_path)
    assert extract.values == {(date(2021, 2, 1), "magnesium_mg"): 250.0}
    assert extract.profile == {"sex": "female"}  # an empty birth date is unknown, not offered


# ---------------------------------------------------------------------------- merging


def test_steps_from_watch_phone_and_an_app_like_the_health_app(tmp_path: Path) -> None:
    """open-wearables #1287: watch 4,157 plus the phone-only hours 9,900 ≈ 14,000 (± 2 %);
    the phone's steps during the watch's hours and Pedometer++'s copy add nothing."""
    extract = read("multisource-steps", tmp_path)
    steps = extract.values[(date(2024, 5, 2), "steps")]
    assert steps == pytest.approx(14_000, rel=0.02)
    assert steps == 4157 + 9900
    # A phone sample half covered by the watch adds half its steps; a straight apostrophe and
    # another 0x address are still the same iPhone.
    assert extract.values[(date(2024, 5, 3), "steps")] == 200 + 150
    (merged,) = [w for w in extract.warnings if w.startswith("steps:")]
    assert "(Anna’s Apple Watch, Anna’s iPhone, Pedometer++)" in merged


def test_merge_by_priority_counts_each_moment_once() -> None:
    """Lower-priority samples add only the fraction of their time not yet covered; an instant
    inside covered time adds nothing, one outside adds all."""
    watch = (array("I", [0, 100]), array("I", [60, 160]), array("d", [60.0, 60.0]))
    phone = (array("I", [30, 200, 300]), array("I", [130, 260, 300]), array("d", [100, 6, 5]))
    # 30-130 is covered 30-60 and 100-130 (60 of 100 s): adds 40; 200-260 adds 6; 300 adds 5.
    assert intervals.merge_by_priority([watch, phone]) == 60 + 60 + 40 + 6 + 5
    instant = (array("I", [120]), array("I", [120]), array("d", [250.0]))
    assert intervals.merge_by_priority([watch, instant]) == 120.0


def test_a_night_from_the_watch_and_autosleep(tmp_path: Path) -> None:
    """Stages are one union (an overlapping Core is not added); AutoSleep's Asleep over them is
    dropped; Awake from either is subtracted; InBed from two sources is a union; the nap on the
    same day is skipped; a night with 1.5 h awake in it is one sleep."""
    extract = read("sleep-overlap", tmp_path)
    assert on(extract, date(2024, 5, 3)) == {
        "sleep_h": pytest.approx(7.0),  # 23:00-03:00 + 03:20-06:30, less 04:00-04:10
        "in_bed_h": pytest.approx(8 + 35 / 60),  # 22:15-06:50
    }
    assert on(extract, date(2024, 5, 4)) == {"sleep_h": pytest.approx(7.0)}  # AutoSleep only
    assert on(extract, date(2024, 5, 5)) == {"sleep_h": pytest.approx(7.0)}  # 3 h + 4 h
    assert on(extract, date(2024, 5, 6)) == {"sleep_h": pytest.approx(7.0)}  # legacy Asleep
    assert extract.skipped == {
        "sleep: 'asleep' samples overlapping sleep stages (already counted)": 1,
        "sleep: a shorter sleep on a day with a longer one (a nap), not counted": 1,
    }


# ---------------------------------------------------------------------------- the two paths


@pytest.mark.parametrize("folder", EXPORTS)
def test_fast_and_slow_paths_agree(folder: str, tmp_path: Path) -> None:
    """The line pre-filter gives exactly the Extract plain lxml iterparse gives."""
    owner = SHANGHAI if folder == "localised" else ZURICH
    fast = read(folder, tmp_path, owner)
    assert fast == read(folder, tmp_path, owner, fast=False)
    assert fast.values


def test_a_file_not_written_one_element_per_line_is_read_the_same(tmp_path: Path) -> None:
    """All records on one line (a re-serialised file) fall back to lxml with the same result."""
    text = (FIXTURES / "v14/apple_health_export/export.xml").read_text(encoding="utf-8")
    prolog, body = text.split("<HealthData", 1)
    flat = tmp_path / "export.xml"
    flat.write_text(prolog + "<HealthData" + body.replace("\n", " "), encoding="utf-8")
    assert parse_file(flat) == parse_file(FIXTURES / "v14/apple_health_export/export.xml")


def test_types_out_of_order_are_merged_as_a_whole(tmp_path: Path) -> None:
    """Steps that come back after other types (not Apple's order) still merge across sources."""
    text = (FIXTURES / "multisource-steps/export.xml").read_text(encoding="utf-8")
    water = (
        ' <Record type="HKQuantityTypeIdentifierDietaryWater" sourceName="WaterMinder" '
        'unit="mL" startDate="2024-05-02 12:00:00 +0200" endDate="2024-05-02 12:00:00 +0200" '
        'value="250"/>\n'
    )
    lines = text.splitlines(keepends=True)
    middle = next(i for i, line in enumerate(lines) if "Pedometer++" in line)
    path = tmp_path / "export.xml"
    path.write_text("".join(lines[:middle] + [water] + lines[middle:]), encoding="utf-8")
    extract = parse_file(path)
    assert extract.values[(date(2024, 5, 2), "steps")] == 14_057
    assert extract.values[(date(2024, 5, 2), "fluid_ml")] == 250
    assert extract == parse_file(path, fast=False)


# ---------------------------------------------------------------------------- bad values


def test_bad_values_are_skipped_never_zero(tmp_path: Path) -> None:
    """A blank value, an unknown unit and an implausible day are skipped with a reason."""
    text = (FIXTURES / "vtab/export.xml").read_text(encoding="utf-8")
    extra = "".join(
        f' <Record type="HKQuantityTypeIdentifier{kind}" sourceName="X" unit="{unit}" '
        f'startDate="2021-02-01 12:00:00 +0100" endDate="2021-02-01 12:00:00 +0100" '
        f'value="{value}"/>\n'
        for kind, unit, value in [
            ("DietaryWater", "mL", ""),
            ("DietarySodium", "mmol", "20"),
            ("DietaryCaffeine", "g", "9"),  # 9,000 mg: a unit slip
        ]
    )
    path = tmp_path / "export.xml"
    path.write_text(text.replace("</HealthData>", extra + "</HealthData>"), encoding="utf-8")
    extract = parse_file(path)
    assert extract.values == {(date(2021, 2, 1), "magnesium_mg"): 250.0}
    assert extract.skipped == {
        "fluid_ml: a value that is not a number": 1,
        "sodium_mg: values in 'mmol', a unit not understood": 1,
        "caffeine_mg: a day's value outside the plausible range": 1,
    }


# ---------------------------------------------------------------------------- hostile files


HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
BODY = (
    '<HealthData locale="en_US">\n'
    ' <Record type="HKQuantityTypeIdentifierStepCount" sourceName="{name}" unit="count" '
    'startDate="2024-01-02 10:00:00 +0100" endDate="2024-01-02 10:10:00 +0100" value="100"/>\n'
    "</HealthData>\n"
)


def hostile(tmp_path: Path, dtd: str, name: str) -> Path:
    path = tmp_path / "export.xml"
    path.write_text(HEAD + dtd + BODY.format(name=name), encoding="utf-8")
    return path


def laughs() -> str:
    entities = ['<!ENTITY lol "lol">']
    entities += [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    entities[1] = '<!ENTITY lol1 "' + "&lol;" * 10 + '">'
    return "<!DOCTYPE HealthData [\n" + "\n".join(entities) + "\n]>\n"


@pytest.mark.parametrize("fast", [True, False])
def test_billion_laughs_is_not_expanded(tmp_path: Path, fast: bool) -> None:
    """The DTD is cut, so &lol9; is an undefined entity: refused at once, nothing expanded."""
    path = hostile(tmp_path, laughs(), "&lol9;")
    began, peak = time.monotonic(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(BadFile) as raised:
        parse_file(path, fast=fast)
    assert "not a valid Apple Health export" in str(raised.value)
    assert raised.value.line == len(laughs().splitlines()) + 3
    assert "lollol" not in str(raised.value)
    assert time.monotonic() - began < 2
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak < 50_000  # KiB


@pytest.mark.parametrize("fast", [True, False])
def test_an_external_entity_is_never_read(tmp_path: Path, fast: bool) -> None:
    """An entity pointing at a local file (file:///etc/passwd, or a secret here) is refused and
    the file's content appears nowhere."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-7f3a")
    for target in (secret.as_uri(), "file:///etc/passwd"):
        dtd = f'<!DOCTYPE HealthData [\n<!ENTITY xxe SYSTEM "{target}">\n]>\n'
        path = hostile(tmp_path, dtd, "&xxe;")
        with pytest.raises(BadFile) as raised:
            parse_file(path, fast=fast)
        assert "TOP-SECRET" not in str(raised.value)
        assert "root:" not in str(raised.value)
        assert "not a valid Apple Health export" in str(raised.value)


@pytest.mark.parametrize("fast", [True, False])
def test_quadratic_blowup_is_not_expanded(tmp_path: Path, fast: bool) -> None:
    """One 50 kB entity used 20,000 times (1 GB if expanded): refused quickly, memory flat."""
    dtd = '<!DOCTYPE HealthData [\n<!ENTITY a "' + "x" * 50_000 + '">\n]>\n'
    path = hostile(tmp_path, dtd, "&a;" * 20_000)
    began, peak = time.monotonic(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(BadFile):
        parse_file(path, fast=fast)
    assert time.monotonic() - began < 2
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak < 50_000  # KiB


@pytest.mark.parametrize("fast", [True, False])
def test_an_html_entity_is_not_xml(tmp_path: Path, fast: bool) -> None:
    """&nbsp; means something to HTML, nothing to XML: both paths refuse it with the line."""
    path = hostile(tmp_path, "", "Anna&nbsp;Watch")
    with pytest.raises(BadFile) as raised:
        parse_file(path, fast=fast)
    assert raised.value.line == 3


def test_escaped_names_are_read_as_xml_reads_them(tmp_path: Path) -> None:
    """&amp;, &amp;lt;, &#x2019; and &lt; in a source name are unescaped exactly as lxml does."""
    path = hostile(tmp_path, "", "Tom &amp;lt;3 Anna&#x2019;s &lt;phone&gt; &amp; co")
    text = path.read_text(encoding="utf-8")
    second = text.replace("10:00:00", "11:00:00").replace("10:10:00", "11:10:00")
    record = second.splitlines(keepends=True)[2].replace("Tom", "Sam")
    path.write_text(text.replace("</HealthData>", record + "</HealthData>"), encoding="utf-8")
    fast, slow = parse_file(path), parse_file(path, fast=False)
    assert fast == slow
    assert fast.values == {(date(2024, 1, 2), "steps"): 200.0}
    (merged,) = fast.warnings
    assert "Sam &lt;3 Anna’s <phone> & co, Tom &lt;3 Anna’s <phone> & co" in merged


# ---------------------------------------------------------------------------- memory


STREAM_SCRIPT = """
import resource, sys
from pathlib import Path
from zoneinfo import ZoneInfo
from nightcramps.imports.bundle import open_bundle
from nightcramps.imports.sources import apple_health
from nightcramps.owner import Owner
path = Path(sys.argv[1])
bundle = open_bundle(path)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
extract = apple_health.parse(bundle, apple_health.detect(bundle), Owner(1, ZoneInfo("UTC")))
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(extract.records, len(extract.values), after - before)
"""


def test_a_large_export_streams_in_constant_memory(tmp_path: Path) -> None:
    """150,000 records (about 50 MB) grow the process by far less than the file's size."""
    path = tmp_path / "export.xml"
    device = (
        "&lt;&lt;HKDevice: 0x2819f4aa0&gt;, name:Apple Watch, manufacturer:Apple Inc., "
        "model:Watch, hardware:Watch6,2, software:10.1&gt;"
    )
    with path.open("w", encoding="utf-8") as out:
        out.write(HEAD + laughs() + '<HealthData locale="en_US">\n')
        for i in range(150_000):
            kind, unit = (
                ("HeartRate", "count/min"),
                ("StepCount", "count"),
                ("ActiveEnergyBurned", "kcal"),
            )[i % 3]
            day, minute = divmod(i // 3, 288)
            stamp = f"2023-{1 + day // 28:02d}-{1 + day % 28:02d} {minute // 12:02d}"
            out.write(
                f' <Record type="HKQuantityTypeIdentifier{kind}" sourceName="Anna’s Apple Watch" '
                f'sourceVersion="10.1" device="{device}" unit="{unit}" '
                f'startDate="{stamp}:{minute % 12 * 5:02d}:00 +0000" '
                f'endDate="{stamp}:{minute % 12 * 5 + 4:02d}:00 +0000" value="{i % 20}"/>\n'
            )
        out.write("</HealthData>\n")
    assert path.stat().st_size > 45_000_000
    done = subprocess.run(
        [sys.executable, "-c", STREAM_SCRIPT, str(path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    records, values, growth_kib = (int(n) for n in done.stdout.split())
    assert records == 150_000
    # 174 dates, and the small hours (before 04:00) of six 1sts count for a day without data of
    # its own (Dec 31, Jan 31, Mar 31, ...; Feb 28 has data): steps and energy on 180 days.
    assert values == 2 * 180
    assert growth_kib < 25_000
