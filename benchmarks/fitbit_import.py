"""Years of a Fitbit Google Takeout: NightCramps' import against a bare ``json.load`` loop.

The folder is synthetic but laid out and written as real Takeouts are (``formats.md`` §4):
``Takeout/Fitbit/Global Export Data/`` holding, per 30 days, ``steps-YYYY-MM-DD.json`` (one
entry a minute, every minute of the day, ``{"dateTime" : "11/02/17 00:21:00", "value" : "0"}``
with local time without a zone and the count as a string, in Fitbit's own spacing) and
``sleep-YYYY-MM-DD.json`` (one main sleep a night, ``stages`` with a ``levels.data`` list of
stage changes, every tenth night ``classic``, and a nap now and then), plus ``calories-`` files
of the same minute shape that the import does not read; and, paged, ``water_logs-N.json``,
``food_logs-N.json``, ``weight-N.json`` and ``exercise-N.json`` (100 a page). Days are counted
back from 2026-11-30, never the clock; the random numbers are seeded.

The floor is Python's ``json.load`` over the files the import reads, counting records and
nothing else. Each program runs in its own process under ``/usr/bin/time -v``
(``benchmarks._import_parts``): the bare loop, the parse alone, the CLI's start-up and the whole
CLI import; the goals are Apple Health's: within 1.5x of the bare loop, peak RSS under 150 MB
whatever the size. ``python -m benchmarks.fitbit_import 10`` measures ten years.
"""

from __future__ import annotations

import json
import os
import random
import sys
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path

from benchmarks._import_parts import measure_parts, print_parts
from benchmarks.apple_import import TIME

YEARS = 5
LAST_DAY = date(2026, 11, 30)
FOLDER = "Takeout/Fitbit/Global Export Data"
DAYS_PER_FILE = 30
PAGE = 100
READ = ("steps-", "sleep-", "water_logs-", "food_logs-", "weight-", "exercise-")
"""The files the import reads (by the start of their names); the bare loop reads the same."""

LOOP = """
import json, sys
from pathlib import Path
READ = ("steps-", "sleep-", "water_logs-", "food_logs-", "weight-", "exercise-")
records = 0
for path in sorted(Path(sys.argv[1]).rglob("*.json")):
    if path.name.startswith(READ):
        with path.open(encoding="utf-8") as text:
            records += len(json.load(text))
print(records)
"""
"""The floor: every file the import reads decoded by the json module, nothing else done."""

FOODS = [("Banana", 105), ("Oatmeal", 150), ("Greek Yoghurt", 120), ("Chicken Salad", 420)]
ACTIVITIES = [("Walk", 90013), ("Run", 90009), ("Bike", 90001), ("Yoga", 52001)]


def _fitbit_json(records: Sequence[Mapping[str, object]]) -> str:
    """A list written as Fitbit writes it: ``[{`` … ``},{`` … ``}]``, ``"key" : value``."""
    return json.dumps(records, indent=2, separators=(",", " : ")).replace("},\n  {", "},{")


def _minutes(day: date, chance: random.Random, kind: str) -> Iterator[dict[str, str]]:
    """A day's 1,440 minute entries: steps in waking hours (0 in the night), or calories."""
    stamp = day.strftime("%m/%d/%y")
    for minute in range(1440):
        hour = minute // 60
        if kind == "steps":
            awake = 7 <= hour < 23
            value = chance.choice((0, 0, 0, 12, 48, 95, 110)) if awake else 0
            text = str(value)
        else:
            text = f"{1.2 + (chance.random() * 6 if 7 <= hour < 23 else 0):.5f}"
        yield {"dateTime": f"{stamp} {hour:02d}:{minute % 60:02d}:00", "value": text}


def _levels(start: datetime, asleep_min: int, stages: bool, chance: random.Random) -> object:
    """``levels``: the summary, and the stage changes (a few minutes each) through the night."""
    names = ("wake", "light", "deep", "rem") if stages else ("awake", "restless", "asleep")
    data = []
    moment, left = start, asleep_min * 60
    while left > 0:
        seconds = min(left, chance.randrange(60, 1800, 30))
        data.append(
            {
                "dateTime": moment.strftime("%Y-%m-%dT%H:%M:%S.000"),
                "level": chance.choice(names),
                "seconds": seconds,
            }
        )
        moment += timedelta(seconds=seconds)
        left -= seconds
    summary = {
        name: {"count": chance.randrange(1, 30), "minutes": chance.randrange(10, 200)}
        | ({"thirtyDayAvgMinutes": chance.randrange(10, 200)} if stages else {})
        for name in names
    }
    short = [item for item in data[:20] if item["level"] == names[0]] if stages else []
    return {"summary": summary, "data": data, "shortData": short}


def _sleep(day: date, log_id: int, chance: random.Random) -> list[dict[str, object]]:
    """The night ending on ``day``: a main sleep, and a nap on one day in seven."""
    start = datetime.combine(day - timedelta(days=1), datetime.min.time()) + timedelta(
        hours=22, minutes=chance.randrange(0, 120)
    )
    asleep = chance.randrange(330, 500)
    in_bed = asleep + chance.randrange(10, 60)
    stages = log_id % 10 != 0
    sessions: list[dict[str, object]] = [
        {
            "logId": log_id,
            "dateOfSleep": day.isoformat(),
            "startTime": start.strftime("%Y-%m-%dT%H:%M:%S.000"),
            "endTime": (start + timedelta(minutes=in_bed)).strftime("%Y-%m-%dT%H:%M:%S.000"),
            "duration": in_bed * 60_000,
            "minutesToFallAsleep": chance.randrange(0, 20),
            "minutesAsleep": asleep,
            "minutesAwake": in_bed - asleep,
            "minutesAfterWakeup": 0,
            "timeInBed": in_bed,
            "efficiency": round(100 * asleep / in_bed),
            "type": "stages" if stages else "classic",
            "infoCode": 0,
            "mainSleep": True,
            "levels": _levels(start, asleep, stages, chance),
        }
    ]
    if log_id % 7 == 0:
        nap = datetime.combine(day, datetime.min.time()) + timedelta(hours=14)
        sessions.append(
            {
                "logId": log_id + 1,
                "dateOfSleep": day.isoformat(),
                "startTime": nap.strftime("%Y-%m-%dT%H:%M:%S.000"),
                "endTime": (nap + timedelta(minutes=40)).strftime("%Y-%m-%dT%H:%M:%S.000"),
                "duration": 2_400_000,
                "minutesAsleep": 35,
                "timeInBed": 40,
                "type": "classic",
                "mainSleep": False,
                "levels": _levels(nap, 35, False, chance),
            }
        )
    return sessions


def _logged(days: list[date], chance: random.Random) -> dict[str, list[dict[str, object]]]:
    """The logged records of every day: water, food, weight and exercise, by kind."""
    logs: dict[str, list[dict[str, object]]] = {"water_logs": [], "food_logs": []}
    logs |= {"weight": [], "exercise": []}
    for number, day in enumerate(days):
        stamp = day.strftime("%m/%d/%y")
        for glass in range(chance.randrange(2, 7)):
            unit = "MILLILITER" if glass % 3 else "FL_OZ"
            amount = 250.0 if unit == "MILLILITER" else 8.0
            logs["water_logs"].append(
                {"id": 1_300_000_000 + number * 10 + glass, "date": stamp}
                | {"waterAmount": amount, "measurementUnit": unit}
            )
        for meal in range(1, 4):
            name, calories = FOODS[chance.randrange(len(FOODS))]
            serving = {"id": 304, "name": "serving", "plural": "servings"}
            food = {"foodId": 81_000 + meal, "name": name, "brand": "", "calories": calories}
            food |= {"amount": 1.0, "unit": serving, "mealTypeId": meal}
            logs["food_logs"].append(
                {"logId": 9_000_000 + number * 10 + meal, "loggedFood": food}
                | {"logDate": day.isoformat()}
            )
        if number % 3 == 0:
            logs["weight"].append(
                {"logId": 1_500_000_000_000 + number, "weight": round(154 + chance.gauss(0, 2), 1)}
                | {"bmi": 22.5, "date": stamp, "time": "07:30:00", "source": "Aria"}
            )
        if number % 2 == 0:
            name, type_id = ACTIVITIES[chance.randrange(len(ACTIVITIES))]
            minutes = chance.randrange(20, 75)
            logs["exercise"].append(
                {"logId": 51_000_000_000 + number, "activityName": name}
                | {"activityTypeId": type_id, "calories": minutes * 7}
                | {"duration": minutes * 60_000 + 60_000, "activeDuration": minutes * 60_000}
                | {"steps": minutes * 100, "logType": "auto_detected"}
                | {"startTime": f"{stamp} 18:{chance.randrange(0, 60):02d}:00"}
                | {"distance": round(minutes / 10, 2), "distanceUnit": "Kilometer"}
            )
    return logs


def write_takeout(root: Path, years: int = YEARS, *, days_only: int | None = None) -> int:
    """Write the Takeout folder under ``root`` (``years``, or the last ``days_only`` days),
    30 days of a kind at a time (constant memory); the number of records in the files the
    import reads."""
    chance = random.Random(2026)
    folder = root / FOLDER
    folder.mkdir(parents=True)
    count = years * 365 if days_only is None else days_only
    days = [LAST_DAY - timedelta(days=n) for n in range(count - 1, -1, -1)]
    records = 0
    for first in range(0, len(days), DAYS_PER_FILE):
        chunk = days[first : first + DAYS_PER_FILE]
        name = chunk[0].isoformat()
        steps = [entry for day in chunk for entry in _minutes(day, chance, "steps")]
        (folder / f"steps-{name}.json").write_text(_fitbit_json(steps), encoding="utf-8")
        calories = [entry for day in chunk for entry in _minutes(day, chance, "calories")]
        (folder / f"calories-{name}.json").write_text(_fitbit_json(calories), encoding="utf-8")
        nights = [s for n, day in enumerate(chunk, first) for s in _sleep(day, 2 * n + 7, chance)]
        (folder / f"sleep-{name}.json").write_text(_fitbit_json(nights), encoding="utf-8")
        records += len(steps) + len(nights)
    for kind, logged in _logged(days, chance).items():
        for page in range(0, len(logged), PAGE):
            text = _fitbit_json(logged[page : page + PAGE])
            (folder / f"{kind}-{page // PAGE}.json").write_text(text, encoding="utf-8")
        records += len(logged)
    return records


def main(years: int = YEARS) -> None:
    """Generate ``years`` of Takeout and measure the import's parts against the bare loop."""
    if not TIME.exists():
        print("fitbit_import: needs GNU time (Debian package `time`)")
        return
    with tempfile.TemporaryDirectory(prefix="nc-bench-fitbit-") as name:
        root = Path(name) / "takeout"
        records = write_takeout(root, years)
        files = [p for p in root.rglob("*.json") if p.name.startswith(READ)]
        size = sum(p.stat().st_size for p in files)
        total = sum(p.stat().st_size for p in root.rglob("*.json"))
        os.sync()  # the files written back now, not while the programs are timed
        print(
            f"Fitbit Takeout, {years} years: {len(files):,} files read of "
            f"{total / 1e6:.0f} MB, {size / 1e6:.0f} MB, {records:,} records:\n"
        )
        print_parts(measure_parts("fitbit", root, LOOP, Path(name)), size)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else YEARS)
