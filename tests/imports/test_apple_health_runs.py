"""Apple Health's fast path in runs: whole chunks scanned at once, dates and days in arrays, the
day's merge in arrays. Each is checked against the one-at-a-time code it replaces."""

from __future__ import annotations

import random
from array import array
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from nightcramps import timing
from nightcramps.imports.bundle import open_bundle
from nightcramps.imports.extract import BadFile, Extract, Workout
from nightcramps.imports.intervals import merge_by_priority
from nightcramps.imports.sources import _apple_merge, _apple_time, apple_health
from nightcramps.owner import Owner

LONDON = Owner(person_id=1, tz=ZoneInfo("Europe/London"))
HK = "HKQuantityTypeIdentifier"
WATCH = (
    "&lt;&lt;HKDevice: 0x{address:x}&gt;, name:Apple Watch, manufacturer:Apple Inc., "
    "model:Watch, hardware:Watch6,2, software:10.1&gt;"
)
PHONE = "&lt;&lt;HKDevice: 0x{address:x}&gt;, name:iPhone, model:iPhone&gt;"


def stamp(moment: int) -> str:
    return datetime.fromtimestamp(moment, ZoneInfo("Europe/London")).strftime(
        "%Y-%m-%d %H:%M:%S %z"
    )


def record(kind: str, name: str, device: str, unit: str, start: int, end: int, value: str) -> str:
    """One record as Apple writes it (attributes in Apple's order)."""
    dev = f' device="{device}"' if device else ""
    return (
        f' <Record type="{kind}" sourceName="{name}" sourceVersion="10.1"{dev} unit="{unit}" '
        f'creationDate="{stamp(end)}" startDate="{stamp(start)}" endDate="{stamp(end)}" '
        f'value="{value}"/>\n'
    )


def unusual(rng: random.Random, at: int) -> str:
    """Lines the runs must leave to the line reader, which reads them as before."""
    start, end = stamp(at), stamp(at + 300)
    choices = [
        # attributes in another order
        f' <Record sourceName="Scale" type="{HK}StepCount" unit="count" startDate="{start}" '
        f'endDate="{end}" value="12"/>\n',
        # metadata: typed by hand, or recorded in another zone
        f' <Record type="{HK}DietaryWater" sourceName="Water" unit="mL" startDate="{start}" '
        f'endDate="{end}" value="250">\n'
        '  <MetadataEntry key="HKWasUserEntered" value="1"/>\n </Record>\n',
        f' <Record type="{HK}StepCount" sourceName="Trip" unit="count" startDate="{start}" '
        f'endDate="{end}" value="40">\n'
        '  <MetadataEntry key="HKTimeZone" value="America/New_York"/>\n </Record>\n',
        # a tab inside a value (normalised to a space), a group, a workout
        f' <Record type="{HK}StepCount" sourceName="Tab\tApp" unit="count" startDate="{start}" '
        f'endDate="{end}" value="7"/>\n',
        ' <Correlation type="HKCorrelationTypeIdentifierFood" sourceName="Food">\n'
        f'  <Record type="{HK}DietaryMagnesium" sourceName="Food" unit="mg" startDate="{start}" '
        f'endDate="{end}" value="90"/>\n </Correlation>\n',
        f' <Workout workoutActivityType="HKWorkoutActivityTypeWalking" duration="5" '
        f'durationUnit="min" sourceName="Watch" startDate="{start}" endDate="{end}">\n'
        '  <WorkoutEvent type="HKWorkoutEventTypePause" date="' + start + '"/>\n </Workout>\n',
        # an unwanted record with children
        f' <Record type="{HK}HeartRate" sourceName="Watch" unit="count/min" startDate="{start}" '
        f'endDate="{end}" value="60">\n'
        '  <MetadataEntry key="HKMetadataKeyHeartRateMotionContext" value="0"/>\n </Record>\n',
        # an unwanted record holding a workout on its line: counted once, as lxml counts it
        f' <Record type="{HK}HeartRate" sourceName="Watch" unit="count/min" startDate="{start}" '
        f'endDate="{end}" value="61"><Workout workoutActivityType="X" sourceName="W" '
        f'startDate="{start}" endDate="{end}"/></Record>\n',
        # sleep and weight, self-closing and in the canonical order
        f' <Record type="HKCategoryTypeIdentifierSleepAnalysis" sourceName="Watch" '
        f'creationDate="{end}" startDate="{start}" endDate="{end}" '
        'value="HKCategoryValueSleepAnalysisAsleepCore"/>\n',
        record(f"{HK}BodyMass", "Scale", "", "lb", at, at, "150.5"),
    ]
    return rng.choice(choices)


def build(path: Path, records: int, seed: int) -> Path:
    """An export of about ``records`` records: runs of watch and phone steps, energy, water and
    magnesium, with escaped names, odd values and unusual lines mixed in."""
    rng = random.Random(seed)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>\n<HealthData locale="en_GB">\n']
    lines.append(' <ExportDate value="2024-03-01 10:00:00 +0000"/>\n')
    names = ["Ana’s Apple Watch", "Ana&#x2019;s iPhone", "Tom &amp; Jo", "Ana&#8217;s iPhone"]
    values = ["12", "0.5", "1e2", "3.25", "", "nan", "-4", "abc", "inf", " 8 ", "1_0"]
    units = {"StepCount": ["count"], "ActiveEnergyBurned": ["kcal", "kJ", "Cal", "furlong"]}
    units |= {"DietaryWater": ["mL", "L", "fl_oz_us"], "DietaryMagnesium": ["mg", "g", "µg"]}
    at = 1_700_000_000
    for kind in ["StepCount", "ActiveEnergyBurned", "DietaryWater", "DietaryMagnesium"]:
        for i in range(records // 4):
            at += rng.randint(30, 900)
            if rng.random() < 0.02:
                lines.append(unusual(rng, at))
                continue
            name = rng.choice(names)
            device = rng.choice([WATCH, PHONE, "", "plain device"]).format(address=i * 7919)
            value = rng.choice(values) if rng.random() < 0.1 else str(rng.randint(0, 300))
            start, end = at, at + rng.choice([0, 60, 300, 1200])
            lines.append(
                record(HK + kind, name, device, rng.choice(units[kind]), start, end, value)
            )
            if rng.random() < 0.01:  # a date that does not exist
                lines.append(lines[-1].replace(stamp(start)[:10], "2023-02-30"))
        at -= records // 4 * 400  # the next type goes back over the same days
    lines.append("</HealthData>\n")
    path.write_text("".join(lines), encoding="utf-8")
    return path


def parse(path: Path, owner: Owner = LONDON, *, fast: bool = True) -> Extract:
    bundle = open_bundle(path)
    return apple_health.parse(bundle, apple_health.detect(bundle), owner, fast=fast)


@pytest.mark.parametrize("chunk", [1 << 20, 4096, 1000])
def test_runs_read_what_plain_lxml_reads(
    tmp_path: Path, chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Over many chunk sizes (records cut at every point), with unusual lines mid-chunk,
    escaped names, bad values, dates and units, the fast path equals plain lxml."""
    monkeypatch.setattr(apple_health, "CHUNK_BYTES", chunk)
    path = build(tmp_path / "export.xml", 6000, seed=chunk)
    fast, slow = parse(path), parse(path, fast=False)
    assert fast == slow
    assert len(fast.values) > 20
    assert fast.skipped["steps: a value that is not a number"] > 0
    assert fast.skipped["active_energy_kcal: values in 'furlong', a unit not understood"] > 0
    assert any("a record whose date cannot be read" in reason for reason in fast.skipped)
    assert fast.skipped["heart rate: not used"] > 0


def test_runs_in_another_zone_and_day_start(tmp_path: Path) -> None:
    """An owner with a half-hour zone and midnight days gets the same days both ways."""
    owner = Owner(person_id=1, tz=ZoneInfo("Australia/Adelaide"), cutover_hour=0)
    path = build(tmp_path / "export.xml", 3000, seed=7)
    assert parse(path, owner) == parse(path, owner, fast=False)


def test_an_undefined_entity_in_a_run_is_refused_at_its_line(tmp_path: Path) -> None:
    """A name with an entity XML does not define, deep in a run, is a BadFile at its line."""
    path = build(tmp_path / "export.xml", 2000, seed=3)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i in range(900, len(lines)) if 'sourceName="Tom &amp; Jo"' in lines[i])
    lines[at] = lines[at].replace("&amp;", "&nbsp;")
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(BadFile, match="nbsp") as raised:
        parse(path)
    assert raised.value.line == at + 1


def test_a_name_that_is_not_utf8_in_a_run_is_refused_at_its_line(tmp_path: Path) -> None:
    """Bytes that are not UTF-8 in a name in a run: a BadFile at that line, as line by line."""
    path = build(tmp_path / "export.xml", 2000, seed=4)
    data = path.read_bytes().split(b"\n")
    at = next(i for i in range(900, len(data)) if b'sourceName="Tom &amp; Jo"' in data[i])
    data[at] = data[at].replace(b"Tom", b"T\xffm")
    path.write_bytes(b"\n".join(data))
    with pytest.raises(BadFile) as raised:
        parse(path)
    assert raised.value.line == at + 1


@pytest.mark.parametrize(
    "zone", ["Europe/London", "America/Santiago", "Australia/Lord_Howe", "Asia/Kathmandu"]
)
@pytest.mark.parametrize(("day_start", "cutover"), [(4, 12), (0, 0), (3, 2)])
def test_calendar_days_equal_day_of(zone: str, day_start: int, cutover: int) -> None:
    """The array calendar gives day_of the moment's 15-minute bucket, over 1970–2106."""
    owner = Owner(1, ZoneInfo(zone), cutover_hour=cutover, day_start_hour=day_start)
    rng = random.Random(zone)
    moments = [rng.randrange(0, 1 << 32) for _ in range(600)]
    moments += [rng.randrange(1_400_000_000, 1_800_000_000) for _ in range(600)]
    got = _apple_time.Calendar(owner).day_numbers(np.array(moments, np.int64)).tolist()
    for moment, number in zip(moments, got, strict=True):
        bucket = datetime.fromtimestamp(moment // 900 * 900, UTC)
        assert timing.day_of(bucket, owner) == date(1970, 1, 1).fromordinal(719_163 + number)


def test_array_epochs_equal_one_at_a_time() -> None:
    """Stamps with impossible dates, years 0 and 9999 and odd clocks read as _epoch reads them."""
    rng = random.Random(11)
    years = [0, 1, 1969, 1970, 2000, 2024, 2100, 2105, 2106, 9999]
    stamps = [
        f"{rng.choice(years):04d}-{rng.randrange(14):02d}-{rng.randrange(33):02d} "
        f"{rng.randrange(100):02d}:{rng.randrange(100):02d}:{rng.randrange(100):02d} "
        f"{rng.choice('+-')}{rng.randrange(100):02d}{rng.randrange(100):02d}"
        for _ in range(5000)
    ]
    seconds, valid = _apple_time.epochs([s.encode() for s in stamps])
    for text, second, ok in zip(stamps, seconds.tolist(), valid.tolist(), strict=True):
        try:
            expected = apple_health._epoch(text)
        except ValueError:
            assert not ok, text
        else:
            assert ok and second == expected, text


def test_array_merge_equals_merge_by_priority_bit_for_bit() -> None:
    """Overlapping sources, instants and shared starts: the same float, not just close."""
    rng = random.Random(5)
    for _ in range(500):
        groups = []
        for _ in range(rng.randint(1, 4)):
            starts, ends, values = array("I"), array("I"), array("d")
            base = rng.randint(0, 1000)
            for _ in range(rng.randint(0, 60)):
                start = base + rng.randint(0, 500)
                starts.append(start)
                ends.append(start + rng.choice([0, 1, rng.randint(1, 100), rng.randint(1, 400)]))
                values.append(rng.choice([rng.random() * 100, float(rng.randint(0, 50)), 1 / 3]))
            groups.append((starts, ends, values))
        assert _apple_merge.merged_total(groups) == merge_by_priority(groups)


def test_twin_workouts_are_found_as_by_comparing_every_pair() -> None:
    """Workouts kept once per twin pair, exactly as comparing each with every kept one does."""
    rng = random.Random(8)
    zone = ZoneInfo("Europe/London")
    workouts = []
    for i in range(400):
        start = 1_700_000_000 + rng.randrange(0, 40) * 1800
        started = datetime.fromtimestamp(start, zone)
        ended = datetime.fromtimestamp(start + rng.choice([0, 600, 1800, 3600, 7200]), zone)
        workout = Workout(
            day=started.date(),
            started_at=started,
            ended_at=ended,
            activity=rng.choice(["Walking", "Running"]),
            duration_min=1.0,
            energy_kcal=None,
            distance_km=None,
            device=rng.choice(["Watch", "Phone", "Strava"]) + str(i % 2),
        )
        workouts.append((workout, rng.randrange(4)))
    reader = apple_health._Reader(LONDON, merge_early=True)
    reader.workouts = list(workouts)
    reader._finish_workouts()
    kept: list[tuple[Workout, int]] = []
    twins = 0
    for workout, rank in sorted(workouts, key=lambda w: (w[0].started_at, w[1])):
        twin = next((k for k in kept if apple_health._same_workout(k[0], workout)), None)
        if twin is None:
            kept.append((workout, rank))
            continue
        twins += 1
        if rank < twin[1]:
            kept[kept.index(twin)] = (workout, rank)
    assert reader.extract.workouts == [w for w, _ in kept]
    reason = "workout: the same workout recorded by two apps (kept once)"
    assert reader.extract.skipped[reason] == twins > 50
