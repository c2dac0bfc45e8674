"""A synthetic but realistic Apple Health ``export.xml`` of a given size, for the import benchmark.

``python -m benchmarks.apple_export --size-mb 100 --out export.xml`` writes the layout of a real
export (HealthKit Export Version 14, ``formats.md`` §1, the content table of the December audit
§7): the XML declaration and the internal DTD, ``<HealthData locale="en_GB">``, ``ExportDate``,
``Me``, then the Records grouped by type (and, within a type, by source), then the Workouts, then
one ActivitySummary a day. The sources are an iPhone, an Apple Watch, a scale and a water app,
with ``device`` strings escaped as Apple writes them (``&lt;&lt;HKDevice: 0x…&gt;, name:…&gt;``)
and typographic apostrophes in ``sourceName``; dates carry London's ``+0000``/``+0100``.

Per day: 260 heart rates (each with a motion context), 80 + 80 steps and distances from the phone
and the watch over overlapping intervals, 420 active and 220 basal energy samples, a few dozen
walking, audio, SpO₂, respiratory and exercise-minute samples, water with metadata, one resting
and one walking heart rate, 5 HRVs with 50–70 instantaneous beats each, about 12 sleep records
(in bed, core, deep, REM, awake, with ``HKTimeZone``), 16 stand hours, a workout on 70 % of days
and one activity summary; body mass weekly.

The days run back from a fixed last day (2026-11-30), never from the clock, and every day's
records come from a generator seeded by (stream, day): the same size gives the same bytes. The
number of days is the size wanted divided by the bytes of an average day (measured on 14 sample
days); each day is written as soon as it is made, so memory stays constant whatever the size.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from typing import TextIO
from zoneinfo import ZoneInfo

LAST_DAY = date(2026, 11, 30)
"""The export's last day; the days are counted back from it (the audit's files end on it too)."""
ZONE = ZoneInfo("Europe/London")
SAMPLE_DAYS = 14
"""Days generated to measure an average day's bytes (two weeks: weekly weighing, 0.7 workouts)."""
DAY_S = 86_400

PHONE_NAME = "Ana’s iPhone"
WATCH_NAME = "Ana’s Apple Watch"
PHONE_DEVICE = (
    "name:iPhone, manufacturer:Apple Inc., model:iPhone, hardware:iPhone15,2, software:18.1"
)
WATCH_DEVICE = (
    "name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch7,1, software:11.1"
)
SCALE_DEVICE = "name:Body Cardio, manufacturer:Withings, model:WBS04, hardware:V1, software:1.0"

HK = "HKQuantityTypeIdentifier"
SLEEP = "HKCategoryTypeIdentifierSleepAnalysis"
SLEEP_VALUE = "HKCategoryValueSleepAnalysis"

DTD = """<!DOCTYPE HealthData [
<!-- HealthKit Export Version: 14 -->
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|ClinicalRecord|Audiogram|VisionPrescription)*)>
<!ATTLIST HealthData
  locale CDATA #REQUIRED
>
<!ELEMENT ExportDate EMPTY>
<!ATTLIST ExportDate
  value CDATA #REQUIRED
>
<!ELEMENT Me EMPTY>
<!ATTLIST Me
  HKCharacteristicTypeIdentifierDateOfBirth                 CDATA #REQUIRED
  HKCharacteristicTypeIdentifierBiologicalSex               CDATA #REQUIRED
  HKCharacteristicTypeIdentifierBloodType                   CDATA #REQUIRED
  HKCharacteristicTypeIdentifierFitzpatrickSkinType         CDATA #REQUIRED
  HKCharacteristicTypeIdentifierCardioFitnessMedicationsUse CDATA #REQUIRED
>
<!ELEMENT Record ((MetadataEntry|HeartRateVariabilityMetadataList)*)>
<!ATTLIST Record
  type          CDATA #REQUIRED
  unit          CDATA #IMPLIED
  value         CDATA #IMPLIED
  sourceName    CDATA #REQUIRED
  sourceVersion CDATA #IMPLIED
  device        CDATA #IMPLIED
  creationDate  CDATA #IMPLIED
  startDate     CDATA #REQUIRED
  endDate       CDATA #REQUIRED
>
<!-- Note: Any Records that appear as children of a correlation also appear as top-level records in this document. -->
<!ELEMENT Correlation ((MetadataEntry|Record)*)>
<!ATTLIST Correlation
  type          CDATA #REQUIRED
  sourceName    CDATA #REQUIRED
  sourceVersion CDATA #IMPLIED
  device        CDATA #IMPLIED
  creationDate  CDATA #IMPLIED
  startDate     CDATA #REQUIRED
  endDate       CDATA #REQUIRED
>
<!ELEMENT Workout ((MetadataEntry|WorkoutEvent|WorkoutRoute|WorkoutStatistics|WorkoutActivity)*)>
<!ATTLIST Workout
  workoutActivityType   CDATA #REQUIRED
  duration              CDATA #IMPLIED
  durationUnit          CDATA #IMPLIED
  totalDistance         CDATA #IMPLIED
  totalDistanceUnit     CDATA #IMPLIED
  totalEnergyBurned     CDATA #IMPLIED
  totalEnergyBurnedUnit CDATA #IMPLIED
  sourceName            CDATA #REQUIRED
  sourceVersion         CDATA #IMPLIED
  device                CDATA #IMPLIED
  creationDate          CDATA #IMPLIED
  startDate             CDATA #REQUIRED
  endDate               CDATA #REQUIRED
>
<!ELEMENT WorkoutActivity ((WorkoutEvent|WorkoutStatistics|MetadataEntry)*)>
<!ATTLIST WorkoutActivity
  uuid                  CDATA #REQUIRED
  startDate             CDATA #REQUIRED
  endDate               CDATA #IMPLIED
  duration              CDATA #IMPLIED
  durationUnit          CDATA #IMPLIED
>
<!ELEMENT WorkoutEvent (MetadataEntry?)>
<!ATTLIST WorkoutEvent
  type                  CDATA #REQUIRED
  date                  CDATA #REQUIRED
  duration              CDATA #IMPLIED
  durationUnit          CDATA #IMPLIED
>
<!ELEMENT WorkoutStatistics EMPTY>
<!ATTLIST WorkoutStatistics
  type                  CDATA #REQUIRED
  startDate             CDATA #REQUIRED
  endDate               CDATA #REQUIRED
  average               CDATA #IMPLIED
  minimum               CDATA #IMPLIED
  maximum               CDATA #IMPLIED
  sum                   CDATA #IMPLIED
  unit                  CDATA #IMPLIED
>
<!ELEMENT WorkoutRoute ((MetadataEntry|FileReference)*)>
<!ATTLIST WorkoutRoute
  sourceName    CDATA #REQUIRED
  sourceVersion CDATA #IMPLIED
  device        CDATA #IMPLIED
  creationDate  CDATA #IMPLIED
  startDate     CDATA #REQUIRED
  endDate       CDATA #REQUIRED
>
<!ELEMENT FileReference EMPTY>
<!ATTLIST FileReference
  path CDATA #REQUIRED
>
<!ELEMENT ActivitySummary EMPTY>
<!ATTLIST ActivitySummary
  dateComponents           CDATA #IMPLIED
  activeEnergyBurned       CDATA #IMPLIED
  activeEnergyBurnedGoal   CDATA #IMPLIED
  activeEnergyBurnedUnit   CDATA #IMPLIED
  appleMoveTime            CDATA #IMPLIED
  appleMoveTimeGoal        CDATA #IMPLIED
  appleExerciseTime        CDATA #IMPLIED
  appleExerciseTimeGoal    CDATA #IMPLIED
  appleStandHours          CDATA #IMPLIED
  appleStandHoursGoal      CDATA #IMPLIED
>
<!ELEMENT MetadataEntry EMPTY>
<!ATTLIST MetadataEntry
  key   CDATA #REQUIRED
  value CDATA #REQUIRED
>
<!-- Note: Heart Rate Variability records captured by Apple Watch may include an associated list of instantaneous beats-per-minute readings. -->
<!ELEMENT HeartRateVariabilityMetadataList (InstantaneousBeatsPerMinute*)>
<!ELEMENT InstantaneousBeatsPerMinute EMPTY>
<!ATTLIST InstantaneousBeatsPerMinute
  bpm  CDATA #REQUIRED
  time CDATA #REQUIRED
>
<!ELEMENT ClinicalRecord EMPTY>
<!ATTLIST ClinicalRecord
  type              CDATA #REQUIRED
  identifier        CDATA #REQUIRED
  sourceName        CDATA #REQUIRED
  sourceURL         CDATA #REQUIRED
  fhirVersion       CDATA #REQUIRED
  receivedDate      CDATA #REQUIRED
  resourceFilePath  CDATA #REQUIRED
>
<!ELEMENT Audiogram ((MetadataEntry|SensitivityPoint)*)>
<!ATTLIST Audiogram
  type          CDATA #REQUIRED
  sourceName    CDATA #REQUIRED
  sourceVersion CDATA #IMPLIED
  device        CDATA #IMPLIED
  creationDate  CDATA #IMPLIED
  startDate     CDATA #REQUIRED
  endDate       CDATA #REQUIRED
>
<!ELEMENT SensitivityPoint EMPTY>
<!ATTLIST SensitivityPoint
  frequencyValue   CDATA #REQUIRED
  frequencyUnit    CDATA #REQUIRED
  leftEarValue     CDATA #IMPLIED
  leftEarUnit      CDATA #IMPLIED
  leftEarMasked    CDATA #IMPLIED
  leftEarClampingRangeLowerBoundValue   CDATA #IMPLIED
  leftEarClampingRangeLowerBoundUnit    CDATA #IMPLIED
  leftEarClampingRangeUpperBoundValue   CDATA #IMPLIED
  leftEarClampingRangeUpperBoundUnit    CDATA #IMPLIED
  rightEarValue    CDATA #IMPLIED
  rightEarUnit     CDATA #IMPLIED
  rightEarMasked   CDATA #IMPLIED
  rightEarClampingRangeLowerBoundValue  CDATA #IMPLIED
  rightEarClampingRangeLowerBoundUnit   CDATA #IMPLIED
  rightEarClampingRangeUpperBoundValue  CDATA #IMPLIED
  rightEarClampingRangeUpperBoundUnit   CDATA #IMPLIED
>
<!ELEMENT VisionPrescription ((RightEye|LeftEye|Attachment|MetadataEntry)*)>
<!ATTLIST VisionPrescription
  type             CDATA #REQUIRED
  dateIssued       CDATA #REQUIRED
  expirationDate   CDATA #IMPLIED
  brand            CDATA #IMPLIED
>
<!ELEMENT RightEye EMPTY>
<!ATTLIST RightEye
  sphere           CDATA #IMPLIED
  sphereUnit       CDATA #IMPLIED
  cylinder         CDATA #IMPLIED
  cylinderUnit     CDATA #IMPLIED
  axis             CDATA #IMPLIED
  axisUnit         CDATA #IMPLIED
  add              CDATA #IMPLIED
  addUnit          CDATA #IMPLIED
>
<!ELEMENT LeftEye EMPTY>
<!ATTLIST LeftEye
  sphere           CDATA #IMPLIED
  sphereUnit       CDATA #IMPLIED
  cylinder         CDATA #IMPLIED
  cylinderUnit     CDATA #IMPLIED
  axis             CDATA #IMPLIED
  axisUnit         CDATA #IMPLIED
  add              CDATA #IMPLIED
  addUnit          CDATA #IMPLIED
>
<!ELEMENT Attachment EMPTY>
<!ATTLIST Attachment
  identifier       CDATA #IMPLIED
>
]>
"""  # noqa: E501 - the DTD as Apple writes it

Rng = random.Random
Stream = Callable[[date, Rng], Iterator[str]]


@lru_cache(maxsize=4096)
def _offset(day: date) -> str:
    """London's UTC offset at noon on ``day`` as Apple writes it (``+0000`` or ``+0100``)."""
    return datetime.combine(day, time(12), ZONE).strftime("%z")


def stamp(day: date, at_s: float) -> str:
    """``2026-11-30 07:12:03 +0000`` for ``at_s`` seconds after midnight of ``day`` (may be
    negative or past midnight: the evening before a night, the morning after)."""
    whole = int(at_s)
    shift, seconds = divmod(whole, DAY_S)
    actual = day + timedelta(days=shift) if shift else day
    hours, rest = divmod(seconds, 3600)
    return f"{actual} {hours:02d}:{rest // 60:02d}:{rest % 60:02d} {_offset(actual)}"


def _device(rng: Rng, description: str) -> str:
    """Apple's stringified HKDevice, escaped; the ``0x…`` address changes from record to record."""
    return f"&lt;&lt;HKDevice: 0x{rng.getrandbits(36):09x}&gt;, {description}&gt;"


def _record(
    kind: str,
    source: tuple[str, str, str],
    *,
    unit: str | None,
    value: str,
    day: date,
    start_s: float,
    end_s: float,
    rng: Rng,
    children: str = "",
) -> str:
    """One ``<Record>`` (with its children, one per line, as Apple writes them)."""
    name, version, device = source
    created = stamp(day, end_s + rng.randint(1, 900))
    parts = [f' <Record type="{kind}" sourceName="{name}" sourceVersion="{version}"']
    if device:
        parts.append(f' device="{_device(rng, device)}"')
    if unit:
        parts.append(f' unit="{unit}"')
    parts.append(
        f' creationDate="{created}" startDate="{stamp(day, start_s)}"'
        f' endDate="{stamp(day, end_s)}" value="{value}"'
    )
    if not children:
        return "".join(parts) + "/>\n"
    return "".join(parts) + ">\n" + children + " </Record>\n"


def _meta(key: str, value: str) -> str:
    return f'  <MetadataEntry key="{key}" value="{value}"/>\n'


PHONE = (PHONE_NAME, "18.1", PHONE_DEVICE)
WATCH = (WATCH_NAME, "11.1", WATCH_DEVICE)
SCALE = ("Withings", "6.3.1", SCALE_DEVICE)
WATER_APP = ("WaterMinder®", "5.4.1", "")


def _times(rng: Rng, count: int, first_s: int, last_s: int) -> list[int]:
    return sorted(rng.randint(first_s, last_s) for _ in range(count))


def heart_rate(day: date, rng: Rng) -> Iterator[str]:
    """260 instantaneous heart rates from the watch, each with its motion context."""
    for at in _times(rng, 260, 0, DAY_S - 1):
        children = _meta("HKMetadataKeyHeartRateMotionContext", str(rng.choice((0, 0, 1, 2))))
        bpm = f"{rng.gauss(72, 12):.0f}"
        yield _record(
            f"{HK}HeartRate", WATCH, unit="count/min", value=bpm, day=day,
            start_s=at, end_s=at, rng=rng, children=children,
        )  # fmt: skip


def _walking(day: date, source: tuple[str, str, str], kind: str, unit: str) -> Iterator[str]:
    """80 step or distance intervals from one device. Both devices draw the same day's walks
    (the seed is the day's) with their own boundaries, so phone and watch overlap as they do."""
    walks = Rng(f"walks:{day}")
    mine = Rng(f"{kind}:{source[0]}:{day}")
    starts = [walks.randint(7 * 3600, 22 * 3600) for _ in range(80)]
    for start in sorted(starts):
        begin = start + mine.randint(-120, 120)
        length = mine.randint(60, 400)
        steps = length * mine.uniform(0.35, 0.7)
        value = f"{steps:.0f}" if unit == "count" else f"{steps * 0.00074:.5f}"
        yield _record(
            kind, source, unit=unit, value=value, day=day,
            start_s=begin, end_s=begin + length, rng=mine,
        )  # fmt: skip


def steps_phone(day: date, _rng: Rng) -> Iterator[str]:
    return _walking(day, PHONE, f"{HK}StepCount", "count")


def steps_watch(day: date, _rng: Rng) -> Iterator[str]:
    return _walking(day, WATCH, f"{HK}StepCount", "count")


def distance_phone(day: date, _rng: Rng) -> Iterator[str]:
    return _walking(day, PHONE, f"{HK}DistanceWalkingRunning", "km")


def distance_watch(day: date, _rng: Rng) -> Iterator[str]:
    return _walking(day, WATCH, f"{HK}DistanceWalkingRunning", "km")


def _energy(day: date, rng: Rng, kind: str, count: int, kcal: tuple[float, float]) -> Iterator[str]:
    for at in _times(rng, count, 0, DAY_S - 300):
        length = rng.randint(30, 240)
        value = f"{rng.uniform(*kcal):.3f}"
        yield _record(
            f"{HK}{kind}", WATCH, unit="kcal", value=value, day=day,
            start_s=at, end_s=at + length, rng=rng,
        )  # fmt: skip


def active_energy(day: date, rng: Rng) -> Iterator[str]:
    """420 active-energy samples (about 500 kcal a day)."""
    return _energy(day, rng, "ActiveEnergyBurned", 420, (0.1, 2.3))


def basal_energy(day: date, rng: Rng) -> Iterator[str]:
    """220 basal-energy samples (about 1,500 kcal a day)."""
    return _energy(day, rng, "BasalEnergyBurned", 220, (5.0, 8.7))


def _few(
    kind: str, source: tuple[str, str, str], unit: str, count: int, low: float, high: float,
    digits: int = 3, length_s: tuple[int, int] = (0, 0),
) -> Stream:  # fmt: skip
    """A stream of ``count`` plain samples a day of one type (walking metrics, audio, SpO₂…)."""

    def stream(day: date, rng: Rng) -> Iterator[str]:
        for at in _times(rng, count, 6 * 3600, 23 * 3600):
            value = f"{rng.uniform(low, high):.{digits}f}"
            yield _record(
                kind, source, unit=unit, value=value, day=day,
                start_s=at, end_s=at + rng.randint(*length_s), rng=rng,
            )  # fmt: skip

    return stream


def water(day: date, rng: Rng) -> Iterator[str]:
    """About 8 drinks from the water app, each with the app's metadata."""
    for at in _times(rng, rng.randint(5, 11), 7 * 3600, 22 * 3600):
        children = _meta("HKMetadataKeySyncIdentifier", f"wm-{rng.getrandbits(48):012x}")
        children += _meta("HKMetadataKeySyncVersion", "1")
        children += _meta("WaterMinderDrinkType", rng.choice(("Water", "Tea", "Coffee")))
        value = f"{rng.choice((150, 200, 250, 330, 500))}"
        yield _record(
            f"{HK}DietaryWater", WATER_APP, unit="mL", value=value, day=day,
            start_s=at, end_s=at, rng=rng, children=children,
        )  # fmt: skip


def resting_heart_rate(day: date, rng: Rng) -> Iterator[str]:
    yield _record(
        f"{HK}RestingHeartRate", WATCH, unit="count/min", value=str(rng.randint(52, 66)),
        day=day, start_s=10, end_s=DAY_S - 60, rng=rng,
    )  # fmt: skip


def walking_heart_rate(day: date, rng: Rng) -> Iterator[str]:
    yield _record(
        f"{HK}WalkingHeartRateAverage", WATCH, unit="count/min", value=str(rng.randint(92, 112)),
        day=day, start_s=8 * 3600, end_s=20 * 3600, rng=rng,
    )  # fmt: skip


def body_mass(day: date, rng: Rng) -> Iterator[str]:
    """One weighing a week, on Sunday mornings, from the scale."""
    if day.weekday() == 6:
        at = 7 * 3600 + rng.randint(0, 3600)
        value = f"{71 + rng.gauss(0, 0.6):.2f}"
        yield _record(
            f"{HK}BodyMass", SCALE, unit="kg", value=value, day=day,
            start_s=at, end_s=at, rng=rng,
        )  # fmt: skip


def _clock(at_s: int, rng: Rng) -> str:
    """``7:52:33.24 PM``: the time format of ``InstantaneousBeatsPerMinute``."""
    hours, rest = divmod(at_s % DAY_S, 3600)
    half = "AM" if hours < 12 else "PM"
    shown = hours % 12 or 12
    return f"{shown}:{rest // 60:02d}:{rest % 60:02d}.{rng.randint(0, 99):02d} {half}"


def hrv(day: date, rng: Rng) -> Iterator[str]:
    """5 HRV readings, each with a list of 50–70 instantaneous beats."""
    for at in _times(rng, 5, 0, DAY_S - 120):
        beats = [
            f'   <InstantaneousBeatsPerMinute bpm="{rng.randint(55, 90)}" '
            f'time="{_clock(at + k, rng)}"/>\n'
            for k in range(rng.randint(50, 70))
        ]
        children = "  <HeartRateVariabilityMetadataList>\n" + "".join(beats)
        children += "  </HeartRateVariabilityMetadataList>\n"
        yield _record(
            f"{HK}HeartRateVariabilitySDNN", WATCH, unit="ms", value=f"{rng.uniform(18, 75):.4f}",
            day=day, start_s=at, end_s=at + 60, rng=rng, children=children,
        )  # fmt: skip


def sleep(day: date, rng: Rng) -> Iterator[str]:
    """The night that ends on ``day``: one in-bed interval from the phone's sleep schedule, then
    about 11 stages from the watch, each with ``HKTimeZone``."""
    zone = _meta("HKTimeZone", "Europe/London")
    bed = -3600 + rng.randint(-1800, 1800)
    rise = 7 * 3600 + rng.randint(-1800, 2400)
    yield _record(
        SLEEP, PHONE, unit=None, value=f"{SLEEP_VALUE}InBed", day=day,
        start_s=bed, end_s=rise, rng=rng, children=zone,
    )  # fmt: skip
    asleep = bed + rng.randint(300, 1200)
    cuts = [asleep, *sorted(rng.randint(asleep + 600, rise - 600) for _ in range(10)), rise]
    spans = list(zip(cuts, cuts[1:], strict=False))
    # The two shortest spans are the awakenings (a long one would split the night in two).
    awake = sorted(range(len(spans)), key=lambda k: spans[k][1] - spans[k][0])[:2]
    stages = ("AsleepCore", "AsleepDeep", "AsleepCore", "AsleepREM")
    for k, (start, end) in enumerate(spans):
        stage = "Awake" if k in awake else stages[k % len(stages)]
        yield _record(
            SLEEP, WATCH, unit=None, value=f"{SLEEP_VALUE}{stage}", day=day,
            start_s=start, end_s=end, rng=rng, children=zone,
        )  # fmt: skip


def stand_hours(day: date, rng: Rng) -> Iterator[str]:
    """16 stand hours, 07:00 to 23:00."""
    for hour in range(7, 23):
        stood = "Stood" if rng.random() < 0.75 else "Idle"
        yield _record(
            "HKCategoryTypeIdentifierAppleStandHour", WATCH, unit=None,
            value=f"HKCategoryValueAppleStandHour{stood}", day=day,
            start_s=hour * 3600, end_s=(hour + 1) * 3600, rng=rng,
        )  # fmt: skip


WORKOUTS = ("Walking", "Running", "Cycling", "Yoga", "FunctionalStrengthTraining", "Swimming")


def workout(day: date, rng: Rng) -> Iterator[str]:
    """A workout on 70 % of days, as iOS 18 writes it: metadata, events, statistics, a route."""
    if rng.random() >= 0.7:
        return
    kind = rng.choice(WORKOUTS)
    start = rng.randint(7 * 3600, 19 * 3600)
    minutes = rng.uniform(20, 75)
    end = start + int(minutes * 60)
    device = _device(rng, WATCH_DEVICE)
    kcal = minutes * rng.uniform(4, 9)
    km = minutes * rng.uniform(0.08, 0.16)
    begin, finish = stamp(day, start), stamp(day, end)
    lines = [
        f' <Workout workoutActivityType="HKWorkoutActivityType{kind}" duration="{minutes:.6f}"'
        f' durationUnit="min" sourceName="{WATCH_NAME}" sourceVersion="11.1" device="{device}"'
        f' creationDate="{stamp(day, end + 5)}" startDate="{begin}" endDate="{finish}">\n',
        _meta("HKIndoorWorkout", "0"),
        _meta("HKAverageMETs", f"{rng.uniform(3, 9):.5f} kcal/hr·kg"),
        _meta("HKWeatherTemperature", f"{rng.randint(35, 75)} degF"),
        _meta("HKWeatherHumidity", f"{rng.randint(4000, 9500)} %"),
        _meta("HKTimeZone", "Europe/London"),
        _meta("HKElevationAscended", f"{rng.randint(100, 9000)} cm"),
    ]
    pause = start + rng.randint(300, int(minutes * 30))
    lines.append(f'  <WorkoutEvent type="HKWorkoutEventTypePause" date="{stamp(day, pause)}"/>\n')
    lines.append(
        f'  <WorkoutEvent type="HKWorkoutEventTypeResume" date="{stamp(day, pause + 40)}"/>\n'
    )
    for k in range(int(minutes // 10)):
        lines.append(
            f'  <WorkoutEvent type="HKWorkoutEventTypeSegment" date="{stamp(day, start + k * 600)}"'
            f' duration="10" durationUnit="min"/>\n'
        )
    stats = (
        ("ActiveEnergyBurned", f'sum="{kcal:.4f}" unit="kcal"'),
        ("BasalEnergyBurned", f'sum="{minutes * 1.1:.4f}" unit="kcal"'),
        ("DistanceWalkingRunning", f'sum="{km:.5f}" unit="km"'),
        ("StepCount", f'sum="{km * 1350:.0f}" unit="count"'),
        ("HeartRate", f'average="{rng.uniform(100, 150):.4f}" minimum="88" maximum="171"'),
    )
    for name, figures in stats:
        lines.append(
            f'  <WorkoutStatistics type="{HK}{name}" startDate="{begin}" endDate="{finish}"'
            f" {figures}/>\n"
        )
    hour, minute = divmod(start // 60, 60)
    half = "am" if hour < 12 else "pm"
    route = f"/workout-routes/route_{day}_{hour % 12 or 12}.{minute:02d}{half}.gpx"
    lines += [
        f'  <WorkoutRoute sourceName="{WATCH_NAME}" sourceVersion="11.1" device="{device}"'
        f' creationDate="{stamp(day, end + 30)}" startDate="{begin}" endDate="{finish}">\n',
        _meta("HKMetadataKeySyncVersion", "2"),
        _meta("HKMetadataKeySyncIdentifier", f"{rng.getrandbits(64):016X}"),
        f'   <FileReference path="{route}"/>\n',
        "  </WorkoutRoute>\n",
        " </Workout>\n",
    ]
    yield "".join(lines)


def activity_summary(day: date, rng: Rng) -> Iterator[str]:
    yield (
        f' <ActivitySummary dateComponents="{day}" activeEnergyBurned="{rng.uniform(250, 800):.3f}"'
        f' activeEnergyBurnedGoal="500" activeEnergyBurnedUnit="kcal"'
        f' appleMoveTime="0" appleMoveTimeGoal="0"'
        f' appleExerciseTime="{rng.randint(5, 90)}" appleExerciseTimeGoal="30"'
        f' appleStandHours="{rng.randint(8, 16)}" appleStandHoursGoal="12"/>\n'
    )


STEP_S = (10, 60)
"""How long the walking-metric samples last, in seconds."""

STREAMS: tuple[tuple[str, Stream], ...] = (
    ("heart rate", heart_rate),
    ("steps phone", steps_phone),
    ("steps watch", steps_watch),
    ("distance phone", distance_phone),
    ("distance watch", distance_watch),
    ("basal energy", basal_energy),
    ("active energy", active_energy),
    ("flights", _few(f"{HK}FlightsClimbed", PHONE, "count", 8, 1, 4, 0, (30, 300))),
    ("exercise", _few(f"{HK}AppleExerciseTime", WATCH, "min", 30, 1, 1, 0, (60, 60))),
    ("spo2", _few(f"{HK}OxygenSaturation", WATCH, "%", 8, 0.93, 1.0, 2)),
    ("respiratory", _few(f"{HK}RespiratoryRate", WATCH, "count/min", 30, 12, 18, 1)),
    ("resting hr", resting_heart_rate),
    ("walking hr", walking_heart_rate),
    ("audio", _few(f"{HK}EnvironmentalAudioExposure", WATCH, "dBASPL", 30, 40, 80, 4, (600, 1800))),
    ("phones", _few(f"{HK}HeadphoneAudioExposure", PHONE, "dBASPL", 10, 55, 80, 4, (60, 900))),
    ("walking speed", _few(f"{HK}WalkingSpeed", PHONE, "km/hr", 20, 3.5, 5.8, 4, (10, 60))),
    ("step length", _few(f"{HK}WalkingStepLength", PHONE, "cm", 20, 62, 78, 0, (10, 60))),
    ("asymmetry", _few(f"{HK}WalkingAsymmetryPercentage", PHONE, "%", 10, 0.0, 0.08, 3, STEP_S)),
    ("support", _few(f"{HK}WalkingDoubleSupportPercentage", PHONE, "%", 20, 0.24, 0.33, 3, STEP_S)),
    ("water", water),
    ("body mass", body_mass),
    ("hrv", hrv),
    ("sleep", sleep),
    ("stand hours", stand_hours),
    ("workouts", workout),
    ("activity", activity_summary),
)  # fmt: skip
"""In the file's order: Records by type (and by source within a type), Workouts, summaries."""


def _day_lines(name: str, stream: Stream, day: date) -> str:
    return "".join(stream(day, Rng(f"{name}:{day}")))


def _head() -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + DTD
        + '<HealthData locale="en_GB">\n'
        + f' <ExportDate value="{stamp(LAST_DAY + timedelta(days=1), 8 * 3600 + 131)}"/>\n'
        + ' <Me HKCharacteristicTypeIdentifierDateOfBirth="1961-04-12"'
        ' HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexFemale"'
        ' HKCharacteristicTypeIdentifierBloodType="HKBloodTypeNotSet"'
        ' HKCharacteristicTypeIdentifierFitzpatrickSkinType="HKFitzpatrickSkinTypeNotSet"'
        ' HKCharacteristicTypeIdentifierCardioFitnessMedicationsUse="None"/>\n'
    )


def days_for(size_bytes: int) -> int:
    """How many days make a file of about ``size_bytes``, from the average of 14 sample days."""
    sample = [LAST_DAY - timedelta(days=k) for k in range(SAMPLE_DAYS)]
    total = sum(
        len(_day_lines(name, stream, day).encode()) for name, stream in STREAMS for day in sample
    )
    return max(1, round(size_bytes / (total / SAMPLE_DAYS)))


def write_export(out: TextIO, days: int) -> None:
    """Write ``days`` days ending on :data:`LAST_DAY`, one day of one stream at a time."""
    first = LAST_DAY - timedelta(days=days - 1)
    out.write(_head())
    for name, stream in STREAMS:
        for k in range(days):
            out.write(_day_lines(name, stream, first + timedelta(days=k)))
    out.write("</HealthData>\n")


def generate(path: Path, size_mb: float) -> int:
    """Write an export of about ``size_mb`` MB (10⁶ bytes) to ``path``; its number of days."""
    days = days_for(int(size_mb * 1_000_000))
    with path.open("w", encoding="utf-8", buffering=1 << 20) as out:
        write_export(out, days)
    return days


def run_cli() -> None:
    """The command line; not ``main``, which ``python -m benchmarks`` would run as a benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--size-mb", type=float, default=100.0, help="about this many MB (10⁶ B)")
    parser.add_argument("--out", type=Path, required=True, help="the export.xml to write")
    args = parser.parse_args()
    days = generate(args.out, args.size_mb)
    size = args.out.stat().st_size
    print(f"{args.out}: {size:,} bytes, {days:,} days to {LAST_DAY}")


if __name__ == "__main__":
    run_cli()
