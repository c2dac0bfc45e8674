"""Fitbit's data export: the legacy ``user-site-export/`` download and Google Takeout.

Takeout puts the same JSON files under ``Takeout/Fitbit/Global Export Data/``, which newer
exports rename to ``Takeout/Google Health/Global Export Data/`` (``formats.md`` §4). What is
taken (memo 4.5):

- ``steps-*.json``: one entry a minute, ``{"dateTime": "11/02/17 00:21:00", "value": "0"}``,
  local time without a zone and the count as a string; summed per day of the person's calendar
  (:func:`~nightcramps.timing.day_of`), so 00:30 counts for the day before. A day whose
  minutes add up to 0 is a day the tracker was not worn: unknown, not 0.
- ``sleep-*.json``: the main sleep of each ``dateOfSleep`` (the day it ends on, the day
  ``sleep_h`` belongs to): ``minutesAsleep`` and ``timeInBed``. Naps are left out; of two main
  sleeps on one day the longer (in bed) is kept. ``stages`` and ``classic`` sessions both carry
  these totals.
- ``water_logs-*.json`` → ``fluid_ml``; ``exercise-*.json`` → workouts and ``exercise_min``.
- ``food_logs-*.json`` is counted and left out: it carries energy, never minerals.
- ``weight-*.json`` is in the account's unit, which the file does not name, so it is left out
  (with a warning) unless a record names its unit.

Newer Takeouts also hold CSV copies in ``Physical Activity_GoogleData/``; only the JSON is read
(reading both would count every step twice).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from operator import itemgetter
from typing import Any

from nightcramps import units
from nightcramps.imports.bundle import Bundle
from nightcramps.imports.extract import BadFile, Extract, SourceName, Workout
from nightcramps.imports.sources._wearable import entries, keep_plausible, read_json
from nightcramps.imports.sources._wearable import number as _number
from nightcramps.imports.sources._wearable import record as as_record
from nightcramps.owner import Owner
from nightcramps.timing import day_of

SOURCE: SourceName = "fitbit"

PLACEHOLDER_YEAR = 1970
"""Takeout writes the Unix epoch (1970-01-01) where it has no date (``formats.md`` §4)."""

FOLDERS = ("user-site-export/", "fitbit/global export data/", "google health/global export data/")
"""The folders Fitbit's JSON files are in (lower-cased), the legacy one and Takeout's two."""

GOOGLE_CSV_FOLDER = "physical activity_googledata/"
"""Where newer Takeouts put CSV copies of the JSON files (not read)."""

_NAME = re.compile(r"(steps|sleep|water_logs|food_logs|weight|exercise)-[\w.-]*\.json")
"""``steps-2017-11-02.json``, ``water_logs-0.json``: the kind of file is before the dash."""

SIGNATURES: dict[str, bytes] = {
    "steps": b'"dateTime"',
    "sleep": b'"dateOfSleep"',
    "water_logs": b'"waterAmount"',
    "food_logs": b'"loggedFood"',
    "weight": b'"weight"',
    "exercise": b'"activityName"',
}
"""A key each kind's records have, looked for in a file found outside the export's folders."""

_MINUTE = re.compile(r"(\d{2})/(\d{2})/(\d{2}) (\d{2}):(\d{2}):(\d{2})")
"""Fitbit's ``MM/DD/YY HH:MM:SS``, local time without a zone."""

_DAY = re.compile(r"(\d{2})/(\d{2})/(\d{2})")

WATER_UNITS = {
    "MILLILITER": "milliliter",
    "ML": "milliliter",
    "LITER": "liter",
    "FL_OZ": "fluid_ounce",
    "CUP": "cup",
}
"""``measurementUnit`` of ``water_logs`` → pint unit (fl oz and cup are US customary)."""

LB_KG = 0.45359237
"""Kilograms in a pound (exact, by definition)."""

WEIGHT_KG = {"kg": 1.0, "kilogram": 1.0, "kilograms": 1.0, "lb": LB_KG, "lbs": LB_KG}
WEIGHT_KG |= {"pound": LB_KG, "pounds": LB_KG}
"""A weight unit, when a record names one → kilograms per unit."""

DISTANCE_KM = {"kilometer": 1.0, "km": 1.0, "mile": 1.609344, "mi": 1.609344, "meter": 0.001}
"""``distanceUnit`` of an exercise → kilometres per unit."""

NAP = "Fitbit sleep: a nap (not the main sleep), not used"
SECOND_SLEEP = "Fitbit sleep: a second main sleep on one day (the longer is kept)"
FOOD = "Fitbit food logs: they carry no minerals, not used"
WEIGHT = "Fitbit weight: the file does not say whether it is kg or lb, not stored"
NOT_WORN = "Fitbit steps: a day with no steps at all (tracker not worn)"
PLACEHOLDER = "placeholder date (1970-01-01), not used"


def _kind(name: str) -> str | None:
    found = _NAME.fullmatch(name.lower())
    return found[1] if found else None


def _in_export_folder(member: str) -> bool:
    path = "/" + member.lower()
    return any("/" + folder in path for folder in FOLDERS)


def detect(bundle: Bundle) -> list[str]:
    """The Fitbit JSON files in the bundle: by name, inside one of the export's folders or, for
    a folder chosen below them, with the key its kind of record has near the start.

    A file name found twice (a Takeout holding both the ``Fitbit`` and the ``Google Health``
    folder) is read once, so its records are not counted twice.
    """
    found: dict[str, str] = {}
    for member in bundle.names:
        name = bundle.basename(member).lower()
        kind = _kind(name)
        if kind is None or name in found:
            continue
        if _in_export_folder(member) or SIGNATURES[kind] in bundle.head(member, 4096):
            found[name] = member
    return list(found.values())


def number(
    values: dict[str, Any], key: str, member: str, index: int, what: str = "a number"
) -> float | None:
    """The number in ``values[key]`` (a JSON number or a string like ``"12"``), None when unknown.

    Raises:
        BadFile: the field holds something else, naming the file, the record and the field.
    """
    return _number(values.get(key), member=member, where=f"record {index:,}", field=key, what=what)


def _bad(message: str, member: str, index: int, key: str) -> BadFile:
    return BadFile(message, member=member, record=f"record {index:,}", field=key)


def _two_digit_year(text: str) -> int:
    """``17`` → 2017; ``70`` → 1970, the placeholder year (Python's ``%y`` rule: 69-99 → 19xx)."""
    year = int(text)
    return 1900 + year if year >= 69 else 2000 + year


def _local_date(text: Any, member: str, index: int, key: str) -> date:
    found = _DAY.fullmatch(text.strip()) if isinstance(text, str) else None
    try:
        if found:
            return date(_two_digit_year(found[3]), int(found[1]), int(found[2]))
    except ValueError:
        pass
    raise _bad(
        f"'{text}' is not a date in Fitbit's form MM/DD/YY; export the data again.",
        member,
        index,
        key,
    )


def _iso_day(text: Any, member: str, index: int) -> date:
    try:
        if isinstance(text, str):
            return date.fromisoformat(text.strip()[:10])
    except ValueError:
        pass
    raise _bad(
        f"'{text}' is not a date in the form YYYY-MM-DD; export the data again.",
        member,
        index,
        "dateOfSleep",
    )


def _local_moment(text: Any, owner: Owner, member: str, index: int, key: str) -> datetime:
    """A local time without a zone, ``MM/DD/YY HH:MM:SS`` or ISO ``2018-05-17T00:06:00.000``,
    read on the person's clock."""
    if isinstance(text, str):
        found = _MINUTE.fullmatch(text.strip())
        try:
            if found:
                year = _two_digit_year(found[3])
                month, day, hour, minute, second = (int(found[i]) for i in (1, 2, 4, 5, 6))
                return datetime(year, month, day, hour, minute, second, tzinfo=owner.tz)
            parsed = datetime.fromisoformat(text.strip())
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=owner.tz)
        except ValueError:
            pass
    raise _bad(
        f"'{text}' is not a time in Fitbit's form MM/DD/YY HH:MM:SS; export the data again.",
        member,
        index,
        key,
    )


@dataclass
class _Night:
    asleep_min: float | None
    in_bed_min: float | None

    @property
    def length_min(self) -> float:
        return self.in_bed_min if self.in_bed_min is not None else self.asleep_min or 0.0


Records = list[dict[str, Any]]


@dataclass
class _Reader:
    """What the files give, gathered across them (a night's sleep may be in two files)."""

    owner: Owner
    extract: Extract
    nights: dict[date, _Night] = field(default_factory=dict)
    seen: set[tuple[str, object]] = field(default_factory=set)
    weights_without_unit: int = 0

    def first_time(self, kind: str, log_id: object) -> bool:
        """Whether a logged record is new: paged and 30-day files may repeat one."""
        if log_id is None:
            return True
        if (kind, log_id) in self.seen:
            self.extract.skip(f"Fitbit {kind}: the same record in two files, counted once")
            return False
        self.seen.add((kind, log_id))
        return True

    def steps(self, records: Records, member: str) -> None:
        """Minute counts summed per day; the day of a local hour is worked out once (a day's
        boundary is always on the hour, also when the clocks change)."""
        days: dict[tuple[str, str], date | None] = {}
        for index, record in enumerate(records, 1):
            text = record.get("dateTime")
            count = number(record, "value", member, index, "a step count")
            found = _MINUTE.fullmatch(text.strip()) if isinstance(text, str) else None
            key = (found[1] + found[2] + found[3], found[4]) if found else (str(text), "")
            if key not in days:
                moment = _local_moment(text, self.owner, member, index, "dateTime")
                hour = moment.replace(minute=0, second=0)
                days[key] = None if moment.year == PLACEHOLDER_YEAR else day_of(hour, self.owner)
            day = days[key]
            if day is None:
                self.extract.skip(f"Fitbit steps: {PLACEHOLDER}")
            elif count is None:
                self.extract.skip("Fitbit steps: a minute without a count, not used")
            elif count < 0:
                raise _bad(
                    f"{count:g} steps in a minute is not possible; export the data again.",
                    member,
                    index,
                    "value",
                )
            else:
                self.extract.add(day, "steps", count)

    def steps_quickly(self, data: list[Any], member: str) -> bool:
        """Sum a steps file a whole run of minutes at a time; ``False`` (nothing done) when
        the file has anything :meth:`steps` must look at record by record.

        A steps file is 43,200 minutes; read one by one (a regular expression, a number and a
        sum each) they cost four times their JSON decoding. Here the checks are made over the
        whole file by the C code of the standard library: every record a JSON object with a
        ``dateTime`` and a ``value``, every value a JSON number or a string ``float`` reads,
        none negative, ``nan`` or infinite; every ``dateTime`` exactly ``MM/DD/YY HH:MM:SS`` in
        ASCII digits (joined, encoded, digits turned to 0, and compared with the shape). Then
        each run of minutes of one hour is summed by ``sum`` onto its day's total, in the
        file's order as :meth:`steps` adds them, and the day of the hour is worked out once, as
        there. Anything else (a blank or dashed count, a space around a time, an ISO time, a
        date in other digits) goes the careful way, which reads it or names the record.
        """
        try:
            if set(map(type, data)) - {dict}:
                return False
            times = list(map(itemgetter("dateTime"), data))
            values = list(map(itemgetter("value"), data))
            if set(map(type, values)) - {str, int, float}:
                return False  # a bool, a null, a list: the careful way names it or skips it
            counts = list(map(float, values))
            shape = "".join(times).encode("ascii")
        except (KeyError, TypeError, ValueError, UnicodeEncodeError):
            return False
        if shape.translate(_DIGITS_AS_ZERO) != MINUTE_SHAPE * len(data):
            return False
        if counts and (min(counts) < 0 or not math.isfinite(sum(counts))):
            return False
        start, total = 0, self.extract.values
        hours: dict[bytes, date | None] = {}  # the day of an MM/DD/YY HH (None: a placeholder)
        while start < len(data):
            hour = shape[start * _WIDTH : start * _WIDTH + _HOUR_WIDTH]
            end = _run_end(shape, hour, start, len(data))
            day = hours.get(hour, _UNSEEN)
            if day is _UNSEEN:
                moment = _local_moment(times[start], self.owner, member, start + 1, "dateTime")
                hour_start = moment.replace(minute=0, second=0)
                unused = moment.year == PLACEHOLDER_YEAR
                day = hours[hour] = None if unused else day_of(hour_start, self.owner)
            if day is None:
                self.extract.skip(f"Fitbit steps: {PLACEHOLDER}", end - start)
            else:
                key = (day, "steps")
                total[key] = sum(counts[start:end], total.get(key, 0.0))
            start = end
        return True

    def sleep(self, records: Records, member: str) -> None:
        """The main sleep of each wake day; naps and repeats are counted and left out."""
        for index, record in enumerate(records, 1):
            if record.get("mainSleep") is False:
                self.extract.skip(NAP)
                continue
            if not self.first_time("sleep", record.get("logId")):
                continue
            day = _iso_day(record.get("dateOfSleep"), member, index)
            if day.year == PLACEHOLDER_YEAR:
                self.extract.skip(f"Fitbit sleep: {PLACEHOLDER}")
                continue
            night = _Night(
                number(record, "minutesAsleep", member, index, "minutes asleep"),
                number(record, "timeInBed", member, index, "minutes in bed"),
            )
            if night.asleep_min is None and night.in_bed_min is None:
                self.extract.skip("Fitbit sleep: a session without minutes asleep or in bed")
                continue
            kept = self.nights.get(day)
            if kept is not None:
                self.extract.skip(SECOND_SLEEP)
                if kept.length_min >= night.length_min:
                    continue
            self.nights[day] = night

    def water(self, records: Records, member: str) -> None:
        for index, record in enumerate(records, 1):
            if not self.first_time("water", record.get("id")):
                continue
            amount = number(record, "waterAmount", member, index, "an amount of water")
            unit_name = str(record.get("measurementUnit") or "").strip().upper()
            unit = WATER_UNITS.get(unit_name)
            day = _local_date(record.get("date"), member, index, "date")
            if day.year == PLACEHOLDER_YEAR:
                self.extract.skip(f"Fitbit water: {PLACEHOLDER}")
            elif amount is None:
                self.extract.skip("Fitbit water: an entry without an amount, not used")
            elif unit is None:
                self.extract.skip(f"Fitbit water: unit '{unit_name or 'none'}' not known")
            else:
                self.extract.add(day, "fluid_ml", units.to_millilitres(amount, unit))

    def food(self, records: Records, member: str) -> None:
        self.extract.skip(FOOD, len(records))

    def weight(self, records: Records, member: str) -> None:
        """Weights in a named unit only: Fitbit writes the account's unit without naming it."""
        for index, record in enumerate(records, 1):
            mass = number(record, "weight", member, index, "a weight")
            unit = str(record.get("unit") or record.get("weightUnit") or "").strip().lower()
            if mass is None:
                self.extract.skip("Fitbit weight: an entry without a weight, not used")
                continue
            if unit not in WEIGHT_KG:
                self.extract.skip(WEIGHT)
                self.weights_without_unit += 1
                continue
            day = _local_date(record.get("date"), member, index, "date")
            if day.year == PLACEHOLDER_YEAR:
                self.extract.skip(f"Fitbit weight: {PLACEHOLDER}")
                continue
            self.extract.put(day, "body_mass_kg", mass * WEIGHT_KG[unit])

    def exercise(self, records: Records, member: str) -> None:
        for index, record in enumerate(records, 1):
            if not self.first_time("exercise", record.get("logId")):
                continue
            workout = _workout(record, self.owner, member, index)
            if workout is None:
                self.extract.skip("Fitbit exercise: no start time or duration, not used")
            elif workout.started_at.year == PLACEHOLDER_YEAR:
                self.extract.skip(f"Fitbit exercise: {PLACEHOLDER}")
            elif workout.duration_min > 1440:
                self.extract.skip("Fitbit exercise: longer than a day (not plausible)")
            else:
                self.extract.workouts.append(workout)
                self.extract.add(workout.day, "exercise_min", workout.duration_min)

    def finish(self) -> None:
        """Store the kept nights, drop unworn days, then take out implausible day totals."""
        for day, night in sorted(self.nights.items()):
            if night.asleep_min is not None:
                self.extract.put(day, "sleep_h", night.asleep_min / 60)
            if night.in_bed_min is not None:
                self.extract.put(day, "in_bed_h", night.in_bed_min / 60)
        for key, value in list(self.extract.values.items()):
            if key[1] == "steps" and value == 0:
                del self.extract.values[key]
                self.extract.skip(NOT_WORN)
        if self.weights_without_unit:
            self.extract.warnings.append(
                f"{self.weights_without_unit:,} Fitbit weights were not imported: Fitbit writes "
                "them in the account's unit (kg or lb) without saying which."
            )
        keep_plausible(self.extract, "Fitbit")


MINUTE_SHAPE = b"00/00/00 00:00:00"
"""A steps ``dateTime`` with its digits turned to 0."""
_WIDTH = len(MINUTE_SHAPE)
_HOUR_WIDTH = len(b"00/00/00 00")
_DIGITS_AS_ZERO = bytes.maketrans(b"0123456789", b"0" * 10)
_UNSEEN = date.min
"""A marker: not looked up yet (no Fitbit date is 0001-01-01)."""


def _run_end(shape: bytes, hour: bytes, start: int, count: int) -> int:
    """Where the run of records from ``start`` that are in ``hour`` ends.

    ``shape`` is the file's times, 17 bytes each, checked to be ``MM/DD/YY HH:MM:SS``; in such
    bytes ``hour`` (11 bytes, with its slashes and space) can only be found at the start of a
    record, so counting it in a span of records counts the records of that hour there.
    """
    end = start + 1
    while end < count and shape.startswith(hour, end * _WIDTH):
        span = min(59, count - end)
        if shape.count(hour, end * _WIDTH, (end + span) * _WIDTH) == span:
            end += span
            continue
        low, high = 0, span  # the first `low` records from `end` are in the hour, not `high`
        while high - low > 1:
            middle = (low + high) // 2
            if shape.count(hour, end * _WIDTH, (end + middle) * _WIDTH) == middle:
                low = middle
            else:
                high = middle
        return end + low
    return end


def _workout(record: dict[str, Any], owner: Owner, member: str, index: int) -> Workout | None:
    """One logged exercise, ``activeDuration`` long; None when it has no start or duration."""
    active_ms = number(record, "activeDuration", member, index, "a duration in ms")
    total_ms = number(record, "duration", member, index, "a duration in ms")
    active_ms = active_ms if active_ms is not None else total_ms
    if record.get("startTime") in (None, "") or active_ms is None or active_ms <= 0:
        return None
    start = _local_moment(record.get("startTime"), owner, member, index, "startTime")
    ended_ms = total_ms if total_ms is not None and total_ms >= active_ms else active_ms
    distance = number(record, "distance", member, index, "a distance")
    per_km = DISTANCE_KM.get(str(record.get("distanceUnit") or "").strip().lower())
    return Workout(
        day=day_of(start, owner),
        started_at=start,
        ended_at=start + timedelta(milliseconds=ended_ms),
        activity=str(record.get("activityName") or "Exercise"),
        duration_min=active_ms / 60_000,
        energy_kcal=number(record, "calories", member, index, "an energy in kcal"),
        distance_km=distance * per_km if distance is not None and per_km is not None else None,
        device="Fitbit",
    )


def parse(bundle: Bundle, members: list[str], owner: Owner, *, careful: bool = False) -> Extract:
    """Read the Fitbit JSON files (see the module's docstring for what each gives); ``careful``
    reads every steps file record by record (the tests check that both ways agree).

    Raises:
        BadFile: a file is not valid JSON, or a record's date, time or number is not in
            Fitbit's form (naming the file, the record and the field).
    """
    extract = Extract(source=SOURCE)
    reader = _Reader(owner=owner, extract=extract)
    readers: dict[str, Callable[[Records, str], None]] = {
        "steps": reader.steps,
        "sleep": reader.sleep,
        "water_logs": reader.water,
        "food_logs": reader.food,
        "weight": reader.weight,
        "exercise": reader.exercise,
    }
    for member in members:
        kind = _kind(bundle.basename(member))
        if kind is None:
            continue
        data = entries(read_json(bundle, member), member, "records")
        if kind == "steps" and not careful and reader.steps_quickly(data, member):
            extract.members.append(member)
            extract.records += len(data)
            continue
        records = [
            as_record(item, member, f"record {i:,}", "record") for i, item in enumerate(data, 1)
        ]
        extract.members.append(member)
        extract.records += len(records)
        readers[kind](records, member)
    reader.finish()
    if any(GOOGLE_CSV_FOLDER in m.lower() and m.lower().endswith(".csv") for m in bundle.names):
        extract.warnings.append(
            "The CSV copies in 'Physical Activity_GoogleData' were not read: they repeat the JSON "
            "files, which were."
        )
    return extract


__all__ = ["SOURCE", "detect", "parse"]
