"""Garmin Connect: the GDPR "Export your data" zip (``DI_CONNECT/…``) and the web page's
``Activities.csv`` (``formats.md`` §4, memo 4.5).

From the zip:

- ``sleep_h``: ``DI-Connect-Wellness/*_sleepData.json``, one record per night. Hours asleep are
  deep + light + REM (awake time excluded). A night Garmin did not confirm
  (``sleepWindowConfirmationType`` ``UNCONFIRMED``) has no stages: its hours are the sleep window
  (end − start) less the awake seconds when they are given; a night with neither stages nor
  times is skipped. The type is matched by prefix and unknown types are accepted, because
  Garmin renamed ``ENHANCED_CONFIRMED`` to ``ENHANCED_CONFIRMED_FINAL`` once already (GarminDB
  #91). The night's day is the local date its ``*GMT`` end falls on in the person's zone (the
  ``*Local`` fields have been wrong, python-garminconnect #405); ``calendarDate`` when no end is
  given. Two records for one day (overlapping files): the longer counts.
- ``steps``, ``active_energy_kcal``, ``distance_km``: ``DI-Connect-Aggregator/UDSFile_*.json``,
  one summary per ``calendarDate`` (``totalSteps``, ``activeKilocalories``,
  ``totalDistanceMeters``).
- ``fluid_ml``: ``HydrationLogFile_*.json``, ``valueInML`` summed per ``calendarDate``
  (``estimatedSweatLossInML`` is what the body lost, not a drink, and is ignored).
- workouts and ``exercise_min``: ``DI-Connect-Fitness/*_summarizedActivities.json``, shaped
  ``[{"summarizedActivitiesExport": [...]}]``. Assumed from public parsers of real exports (not a
  real file): ``startTimeGmt``/``beginTimestamp`` in ms since 1970 UTC, ``duration`` in ms,
  ``distance`` in cm (garmin-grafana PR #278: the bulk export uses cm and ms where the API uses m
  and s), ``activityType`` a type key (``running``) or an object with ``typeKey``. Its
  ``calories`` are left out: their unit in this file is not confirmed. A multisport activity is
  counted once, by its parent record.

From ``Activities.csv``: workouts and ``exercise_min``. ``--`` is unknown; ``Time`` is a duration
(``0:30:05``); ``Date`` is the local start, ``2020-05-07 09:13:00`` or, re-saved by Excel,
``5/7/2020 9:13`` (month first unless a day above 12 shows otherwise). ``Distance`` is in the
account's unit (km or miles), which the file does not say, so it is not imported.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from nightcramps.imports.bundle import Bundle
from nightcramps.imports.extract import BadFile, Extract, SourceName, Workout
from nightcramps.imports.sources._wearable import (
    UNKNOWN_TEXT,
    entries,
    keep_plausible,
    number,
    read_json,
    record,
)
from nightcramps.owner import Owner
from nightcramps.timing import day_of, morning_of

SOURCE: SourceName = "garmin"

DEVICE = "Garmin"
CSV_COLUMNS = ("Activity Type", "Date", "Time")
"""The columns ``Activities.csv`` must have (matched by name; the rest vary by version)."""

MS_PER_MIN = 60_000
CM_PER_KM = 100_000
M_PER_KM = 1000
S_PER_H = 3600

NOT_EXERCISE = frozenset({"meditation", "breathwork"})
"""Garmin "activities" that are rest, not exercise."""

_DURATION = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{1,2}(?:\.\d+)?)$")
_SLASH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$")


def _kind(name: str) -> str | None:
    """What a member is, from its file name (lower-cased, no folders)."""
    if not name.endswith(".json"):
        return "csv" if name.endswith(".csv") else None
    if name.endswith("_sleepdata.json"):
        return "sleep"
    if name.startswith("udsfile_"):
        return "uds"
    if name.startswith("hydrationlogfile_"):
        return "hydration"
    if name.endswith("summarizedactivities.json"):
        return "activities"
    return None


def _is_activities_csv(bundle: Bundle, member: str) -> bool:
    head = bundle.head(member, 4096).decode("utf-8-sig", errors="replace")
    first = head.splitlines()[0] if head else ""
    columns = {c.strip() for c in next(csv.reader([first]), [])}
    return all(c in columns for c in CSV_COLUMNS) and "Title" in columns


def detect(bundle: Bundle) -> list[str]:
    """The Garmin JSON files this reads, and any ``Activities.csv`` (known by its header)."""
    members = []
    for member in bundle.names:
        kind = _kind(bundle.basename(member).lower())
        if kind == "csv":
            if _is_activities_csv(bundle, member):
                members.append(member)
        elif kind is not None:
            members.append(member)
    return members


# ---------------------------------------------------------------------------- times


def _gmt(value: Any, *, member: str, where: str, name: str) -> datetime | None:
    """A ``*GMT`` time: ``2019-08-04T20:28:00.0`` (UTC, no zone written) or ms since 1970."""
    if value is None:
        return None
    try:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return datetime.fromtimestamp(value / 1000, tz=UTC)
        if isinstance(value, str):
            moment = datetime.fromisoformat(value.strip().replace(" ", "T"))
            return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
    except (ValueError, OverflowError, OSError):
        pass
    raise BadFile(
        f"'{value}' is not a time Garmin writes (2019-08-04T20:28:00.0 or milliseconds); put back "
        "the original file from the export.",
        member=member,
        record=where,
        field=name,
    )


def _calendar_date(value: Any, *, member: str, where: str) -> date:
    """``calendarDate``: ``2019-08-05`` (or ``{"date": "2019-08-05"}`` in some files)."""
    if isinstance(value, dict):
        value = value.get("date")
    try:
        if isinstance(value, str):
            return date.fromisoformat(value.strip()[:10])
    except ValueError:
        pass
    raise BadFile(
        f"'{value}' is not a date (YYYY-MM-DD); put back the original file from the export.",
        member=member,
        record=where,
        field="calendarDate",
    )


# ---------------------------------------------------------------------------- JSON records


@dataclass
class _Reader:
    """The state of one import: the best night per day and the records already counted."""

    owner: Owner
    extract: Extract
    nights: dict[date, float] = field(default_factory=dict)
    """Day → hours asleep of its longest night."""
    unconfirmed: int = 0
    seen: set[tuple[str, Any]] = field(default_factory=set)

    def first_time(self, kind: str, ident: Any) -> bool:
        """Whether a record is new: the export's files can overlap in time."""
        key = (kind, ident)
        if key in self.seen:
            return False
        self.seen.add(key)
        return True

    def seconds(self, entry: dict[str, Any], name: str, member: str, where: str) -> float | None:
        return number(entry.get(name), member=member, where=where, field=name, what="seconds")

    def sleep(self, member: str, where: str, entry: dict[str, Any]) -> None:
        kind = str(entry.get("sleepWindowConfirmationType") or "").upper()
        start = _gmt(
            entry.get("sleepStartTimestampGMT"),
            member=member,
            where=where,
            name="sleepStartTimestampGMT",
        )
        end = _gmt(
            entry.get("sleepEndTimestampGMT"),
            member=member,
            where=where,
            name="sleepEndTimestampGMT",
        )
        naps = entry.get("napList")
        if isinstance(naps, list) and naps:
            self.extract.skip("Garmin sleep: a nap (not the night's sleep)", len(naps))
        stages = [
            self.seconds(entry, name, member, where)
            for name in ("deepSleepSeconds", "lightSleepSeconds", "remSleepSeconds")
        ]
        awake = self.seconds(entry, "awakeSleepSeconds", member, where)
        if any(stages):
            asleep_s = sum(s for s in stages if s is not None)
        elif start is not None and end is not None:
            asleep_s = (end - start).total_seconds() - (awake or 0)
            if kind.startswith("UNCONFIRMED"):
                self.unconfirmed += 1
        else:
            self.extract.skip("Garmin sleep: a night with neither sleep stages nor times")
            return
        if asleep_s <= 0:
            self.extract.skip("Garmin sleep: a night with no sleep measured")
            return
        if end is not None:
            day = morning_of(end, self.owner)
        elif entry.get("calendarDate") is not None:
            day = _calendar_date(entry.get("calendarDate"), member=member, where=where)
        else:
            self.extract.skip("Garmin sleep: a night without a date")
            return
        hours = asleep_s / S_PER_H
        best = self.nights.get(day)
        if best is not None:
            self.extract.skip("Garmin sleep: a second, shorter record of the same night")
        if best is None or hours > best:
            self.nights[day] = hours

    def uds(self, member: str, where: str, entry: dict[str, Any]) -> None:
        day = _calendar_date(entry.get("calendarDate"), member=member, where=where)
        steps = number(
            entry.get("totalSteps"), member=member, where=where, field="totalSteps", what="steps"
        )
        active_kcal = number(
            entry.get("activeKilocalories"),
            member=member,
            where=where,
            field="activeKilocalories",
            what="an energy in kcal",
        )
        distance_m = number(
            entry.get("totalDistanceMeters"),
            member=member,
            where=where,
            field="totalDistanceMeters",
            what="a distance in metres",
        )
        if entry.get("includesWellnessData") is False or (not steps and not active_kcal):
            self.extract.skip("Garmin daily summary: a day with no activity recorded (not worn)")
            return
        if steps is not None:
            self.extract.put(day, "steps", steps)
        if active_kcal is not None:
            self.extract.put(day, "active_energy_kcal", active_kcal)
        if distance_m is not None:
            self.extract.put(day, "distance_km", distance_m / M_PER_KM)

    def hydration(self, member: str, where: str, entry: dict[str, Any]) -> None:
        day = _calendar_date(entry.get("calendarDate"), member=member, where=where)
        amount_ml = number(
            entry.get("valueInML"),
            member=member,
            where=where,
            field="valueInML",
            what="an amount in ml",
        )
        if amount_ml is None:
            self.extract.skip("Garmin hydration: an entry without a drink (sweat loss only)")
            return
        ident = entry.get("uuid")
        if isinstance(ident, dict):
            ident = ident.get("uuid")
        key = ident or (str(day), entry.get("persistedTimestampGMT"), amount_ml)
        if not self.first_time("hydration", key):
            self.extract.skip("Garmin hydration: the same entry twice")
            return
        self.extract.add(day, "fluid_ml", amount_ml)

    def activity(self, member: str, where: str, entry: dict[str, Any]) -> None:
        ident = entry.get("activityId")
        if ident is not None and not self.first_time("activity", ident):
            self.extract.skip("Garmin activity: the same activity twice")
            return
        if entry.get("parentId") is not None:
            self.extract.skip("Garmin activity: part of a multisport activity (counted once)")
            return
        kind = entry.get("activityType")
        if isinstance(kind, dict):
            kind = kind.get("typeKey")
        type_key = str(kind or "other").strip().lower()
        if type_key in NOT_EXERCISE:
            self.extract.skip(f"Garmin activity: {type_key} is not exercise")
            return
        start_value = entry.get("startTimeGmt", entry.get("beginTimestamp"))
        start = _gmt(start_value, member=member, where=where, name="startTimeGmt")
        duration_ms = number(
            entry.get("duration"),
            member=member,
            where=where,
            field="duration",
            what="a duration in milliseconds",
        )
        if start is None:
            self.extract.skip("Garmin activity: an activity without a start time")
            return
        if not duration_ms or duration_ms <= 0:
            self.extract.skip("Garmin activity: an activity without a duration")
            return
        distance_cm = number(
            entry.get("distance"),
            member=member,
            where=where,
            field="distance",
            what="a distance in cm",
        )
        _workout(
            self.extract,
            self.owner,
            start=start,
            duration_min=duration_ms / MS_PER_MIN,
            activity=_label(type_key),
            energy_kcal=None,
            distance_km=None if distance_cm is None else distance_cm / CM_PER_KM,
        )


def _label(type_key: str) -> str:
    """``strength_training`` → ``Strength training``; ``stand_up_paddleboarding_v2`` without
    its version."""
    words = re.sub(r"_v\d+$", "", type_key).replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else "Exercise"


def _workout(
    extract: Extract,
    owner: Owner,
    *,
    start: datetime,
    duration_min: float,
    activity: str,
    energy_kcal: float | None,
    distance_km: float | None,
) -> None:
    """Record one workout and its minutes on the day it starts."""
    if duration_min > 24 * 60:
        extract.skip("Garmin activity: longer than a day (not plausible)")
        return
    day = day_of(start, owner)
    extract.workouts.append(
        Workout(
            day=day,
            started_at=start,
            ended_at=start + timedelta(minutes=duration_min),
            activity=activity,
            duration_min=duration_min,
            energy_kcal=energy_kcal,
            distance_km=distance_km,
            device=DEVICE,
        )
    )
    extract.add(day, "exercise_min", duration_min)


def _activities(data: Any, member: str) -> list[Any]:
    """The activities of a ``summarizedActivities`` file: ``[{"summarizedActivitiesExport":
    [...]}]``, or a bare list of them."""
    if isinstance(data, dict):
        data = [data]
    found: list[Any] = []
    for chunk in entries(data, member, "activities"):
        if isinstance(chunk, dict) and "summarizedActivitiesExport" in chunk:
            inner = chunk["summarizedActivitiesExport"]
            found.extend(entries(inner, member, "activities"))
        else:
            found.append(chunk)
    return found


# ---------------------------------------------------------------------------- Activities.csv


def _duration_min(text: str, *, member: str, line: int) -> float | None:
    """``0:30:05``, ``00:30:05.2`` or ``30:05`` → minutes; ``None`` when unknown."""
    text = text.strip()
    if text.lower() in UNKNOWN_TEXT:
        return None
    found = _DURATION.match(text)
    if found is None:
        raise BadFile(
            f"'{text}' is not a duration (h:mm:ss); put back the file as Garmin Connect wrote it.",
            member=member,
            line=line,
            field="Time",
        )
    hours, minutes, seconds = found.groups()
    return int(hours or 0) * 60 + int(minutes) + float(seconds) / 60


@dataclass
class _Row:
    line: int
    date_text: str
    duration_min: float
    activity: str
    energy_kcal: float | None


def _read_csv(bundle: Bundle, member: str, owner: Owner, extract: Extract) -> None:
    """Read ``Activities.csv``; the workouts are dated once every row is seen, because whether
    ``5/7/2020`` is month or day first is told by the file as a whole."""
    rows: list[_Row] = []
    distance_given = False
    with bundle.open(member) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        try:
            reader = csv.DictReader(text)
            columns = reader.fieldnames or []
            missing = [c for c in CSV_COLUMNS if c not in columns]
            if missing:
                raise BadFile(
                    f"the column '{missing[0]}' is missing; export Activities.csv again from "
                    "Garmin Connect (Activities → All activities → Export CSV).",
                    member=member,
                    line=1,
                    field=missing[0],
                )
            for row in reader:
                extract.records += 1
                line = reader.line_num
                duration = _duration_min(row.get("Time") or "", member=member, line=line)
                if duration is None or duration <= 0:
                    extract.skip("Garmin activity: a row without a duration")
                    continue
                distance = (row.get("Distance") or "").strip().lower()
                distance_given = distance_given or distance not in UNKNOWN_TEXT
                calories = (row.get("Calories") or "").strip()
                energy = number(
                    calories,
                    member=member,
                    where=f"line {line}",
                    field="Calories",
                    what="an energy in kcal",
                )
                rows.append(
                    _Row(
                        line=line,
                        date_text=(row.get("Date") or "").strip(),
                        duration_min=duration,
                        activity=(row.get("Activity Type") or "").strip() or "Exercise",
                        energy_kcal=energy,
                    )
                )
        except UnicodeDecodeError:
            raise BadFile(
                "the file is not UTF-8 text (after line "
                f"{len(rows) + 1:,}); export Activities.csv again from Garmin Connect, or save it "
                "as 'CSV UTF-8' if a spreadsheet changed it.",
                member=member,
            ) from None
        finally:
            text.detach()
    month_first = _month_first(rows, member, extract)
    for item in rows:
        start = _csv_start(item, month_first, member, owner)
        _workout(
            extract,
            owner,
            start=start,
            duration_min=item.duration_min,
            activity=item.activity,
            energy_kcal=item.energy_kcal,
            distance_km=None,
        )
    if distance_given:
        extract.warnings.append(
            "Activities.csv: distances were not imported, because the file does not say whether "
            "they are in km or miles."
        )


def _month_first(rows: list[_Row], member: str, extract: Extract) -> bool:
    """Whether slashed dates are month first (US, as Garmin Connect writes them): only a day
    above 12 in one place or the other settles it."""
    firsts, seconds = set(), set()
    for item in rows:
        found = _SLASH_DATE.match(item.date_text)
        if found:
            firsts.add(int(found.group(1)))
            seconds.add(int(found.group(2)))
    if not firsts:
        return True
    day_first = max(firsts) > 12
    if day_first and max(seconds) > 12:
        raise BadFile(
            "the Date column mixes month/day and day/month dates; export Activities.csv again "
            "from Garmin Connect and import it without opening it in a spreadsheet.",
            member=member,
            field="Date",
        )
    if not day_first and max(seconds) <= 12:
        extract.warnings.append(
            "Activities.csv: the dates (like 5/7/2020) could be month or day first; they were "
            "read month first, as Garmin Connect writes them."
        )
    return not day_first


def _csv_start(item: _Row, month_first: bool, member: str, owner: Owner) -> datetime:
    """The aware start of a row: the Date column is the wall clock of the person's zone."""
    text = item.date_text
    try:
        found = _SLASH_DATE.match(text)
        if found:
            one, two, year, hour, minute, second = found.groups()
            month, day = (one, two) if month_first else (two, one)
            full_year = int(year) + 2000 if len(year) == 2 else int(year)
            return datetime(
                full_year,
                int(month),
                int(day),
                int(hour),
                int(minute),
                int(second or 0),
                tzinfo=owner.tz,
            )
        naive = datetime.fromisoformat(text)
        if naive.tzinfo is None:
            return naive.replace(tzinfo=owner.tz)
        return naive
    except ValueError:
        raise BadFile(
            f"'{text}' is not a date and time (2020-05-07 09:13:00 or 5/7/2020 9:13); put back "
            "the file as Garmin Connect wrote it.",
            member=member,
            line=item.line,
            field="Date",
        ) from None


# ---------------------------------------------------------------------------- parse


def parse(bundle: Bundle, members: list[str], owner: Owner) -> Extract:
    """Read the Garmin files one at a time (each JSON file is decoded whole, and capped)."""
    extract = Extract(source=SOURCE)
    reader = _Reader(owner=owner, extract=extract)
    handlers = {
        "sleep": ("night", reader.sleep),
        "uds": ("day", reader.uds),
        "hydration": ("entry", reader.hydration),
    }
    kinds = {m: _kind(bundle.basename(m).lower()) for m in members}
    has_summaries = "activities" in kinds.values()
    for member, kind in kinds.items():
        if kind == "csv":
            if has_summaries:
                extract.warnings.append(
                    f"{bundle.basename(member)} was not read: the export's activity summaries "
                    "hold the same workouts, and reading both would count them twice."
                )
                continue
            _read_csv(bundle, member, owner, extract)
            extract.members.append(member)
            continue
        data = read_json(bundle, member)
        if kind == "activities":
            items = _activities(data, member)
            label, handler = "activity", reader.activity
        elif kind in handlers:
            items = entries(data, member, "records")
            label, handler = handlers[kind]
        else:
            continue
        extract.members.append(member)
        for index, item in enumerate(items, start=1):
            extract.records += 1
            where = f"{label} {index}"
            handler(member, where, record(item, member, where, label))
    for day, hours in reader.nights.items():
        extract.put(day, "sleep_h", hours)
    if reader.unconfirmed:
        nights = "1 night was" if reader.unconfirmed == 1 else f"{reader.unconfirmed} nights were"
        extract.warnings.append(
            f"{nights} not confirmed by Garmin and had no sleep stages; their hours are the "
            "sleep window less the time awake."
        )
    keep_plausible(extract, "Garmin")
    return extract
