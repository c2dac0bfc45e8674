"""The kinds of day-log entries: their tables, their names in messages, their "none today" flags."""

from __future__ import annotations

from typing import Any

from nightcramps.daylog.models import (
    Activity,
    AlcoholIntake,
    CaffeineIntake,
    Medicine,
    SleepPeriod,
    StretchSession,
)

MODELS: dict[str, type[Any]] = {
    "activity": Activity,
    "stretch": StretchSession,
    "alcohol": AlcoholIntake,
    "caffeine": CaffeineIntake,
    "sleep": SleepPeriod,
    "medicine": Medicine,
}
KIND_NAMES = {
    "activity": "workout",
    "stretch": "stretching session",
    "alcohol": "alcohol entry",
    "caffeine": "caffeine entry",
    "sleep": "sleep entry",
    "medicine": "medicine",
}
NONE_FLAGS = {
    "activity": "no_exercise",
    "stretch": "no_stretching",
    "alcohol": "no_alcohol",
    "caffeine": "no_caffeine",
}
"""Which "none today" answer an entry of each kind contradicts."""
