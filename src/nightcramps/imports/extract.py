"""What a parser reads out of another app's export: plain values, no session and no I/O here.

Every source module (``imports.sources.*``) turns a :class:`~nightcramps.imports.bundle.Bundle`
into one :class:`Extract`: day-level values under the names of :mod:`nightcramps.factors`, the
workouts, what the profile could take, and what it skipped and why. The pipeline
(``imports.service``) previews, stores and undoes extracts the same way whatever the source.

The day a value belongs to follows the one calendar (:mod:`nightcramps.timing`): an intake or a
step counts for :func:`~nightcramps.timing.day_of` its moment (00:30 is still the day before);
``sleep_h`` counts for the day the sleep *ends* on (:func:`~nightcramps.timing.morning_of` the
wake time), as the day log's sleep does.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

SourceName = Literal["apple-health", "cronometer", "myfitnesspal", "fitbit", "garmin"]
SOURCES: tuple[SourceName, ...] = ("apple-health", "cronometer", "myfitnesspal", "fitbit", "garmin")

LABELS: dict[SourceName, str] = {
    "apple-health": "Apple Health",
    "cronometer": "Cronometer",
    "myfitnesspal": "MyFitnessPal",
    "fitbit": "Fitbit",
    "garmin": "Garmin",
}


class BadFile(Exception):
    """The file cannot be imported; the message says what is wrong and where.

    ``member`` is the file inside an archive or folder, ``line`` or ``record`` the place in it,
    ``field`` the column or attribute. Nothing is stored when a parser raises this.
    """

    def __init__(
        self,
        message: str,
        *,
        member: str | None = None,
        line: int | None = None,
        record: str | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.member = member
        self.line = line
        self.record = record
        self.field = field

    def where(self) -> str:
        """``servings.csv, line 12, column 'Magnesium (mg)'`` (empty when nothing is known)."""
        parts = []
        if self.member:
            parts.append(self.member)
        if self.line is not None:
            parts.append(f"line {self.line:,}")
        if self.record:
            parts.append(self.record)
        if self.field:
            parts.append(f"field '{self.field}'")
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.where()
        return f"{where}: {self.message}" if where else self.message


@dataclass(frozen=True, slots=True)
class Workout:
    """One workout as the app recorded it (aware times)."""

    day: date
    """The day it counts for: :func:`~nightcramps.timing.day_of` its start."""
    started_at: datetime
    ended_at: datetime
    activity: str
    """In words, as people say it: ``Running``, ``Functional strength training``."""
    duration_min: float
    energy_kcal: float | None = None
    distance_km: float | None = None
    device: str = ""
    """The app or device that recorded it (``Apple Watch``), for showing where it came from."""


@dataclass
class Extract:
    """Everything one file gives, ready to preview or store.

    ``values`` maps (day, factor) to the day's value: one value per day and factor, already
    merged across the devices and apps inside the file (never summed across overlapping ones).
    A value that the file does not know has no key; a key never holds "unknown" as 0.
    """

    source: SourceName
    values: dict[tuple[date, str], float] = field(default_factory=dict)
    workouts: list[Workout] = field(default_factory=list)
    profile: dict[str, str] = field(default_factory=dict)
    """What the profile could take, offered, never forced: ``birth_date`` (ISO), ``sex``
    (``female`` or ``male``)."""
    skipped: Counter[str] = field(default_factory=Counter)
    """Why something was not imported → how many records: ``"heart rate: not used"``."""
    warnings: list[str] = field(default_factory=list)
    records: int = 0
    """Records (rows, samples, sessions) read, used or not."""
    members: list[str] = field(default_factory=list)
    """The files inside the archive or folder that were read."""

    def add(self, day: date, factor: str, value: float) -> None:
        """Add ``value`` to the day's total of a cumulative factor (steps, fluids, minerals)."""
        key = (day, factor)
        self.values[key] = self.values.get(key, 0.0) + value

    def put(self, day: date, factor: str, value: float) -> None:
        """Set the day's value of a factor that is not a sum (sleep hours, a daily summary)."""
        self.values[(day, factor)] = value

    def skip(self, reason: str, count: int = 1) -> None:
        """Count a record that is not imported, under the reason shown in the preview."""
        self.skipped[reason] += count

    @property
    def days(self) -> tuple[date, date] | None:
        """The first and last day with a value or a workout."""
        found = [d for d, _ in self.values] + [w.day for w in self.workouts]
        return (min(found), max(found)) if found else None
