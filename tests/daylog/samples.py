"""One valid entry of each kind of day-log entry, for every test that needs one: the kind's own
tests (``test_kinds.py``), the round trip of the API (``tests/test_api_roundtrip.py``, and so the
nulls test) and the sweeps' seed and bodies (``tests/sweeps``). A new kind adds its sample here and
nowhere else in the tests; ``test_kinds.py`` fails until it does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

Json = dict[str, Any]


@dataclass(frozen=True)
class KindSample:
    """How to log one entry of a kind, and one change to it."""

    body: Callable[[date, str], Json]
    """A POST body for an entry of ``day`` (its evening, or the night that ends on it for sleep),
    with ``text`` in a free-text field so that a test can find it again (a medicine's name: two
    samples with different texts are two medicines)."""
    edit: Callable[[date], tuple[str, Any]]
    """A field of the entry of ``day`` and a new value for it (a PATCH, or a round trip's edit)."""
    follows: frozenset[str] = frozenset()
    """Fields the server computes from the edited one."""


def _at(day: date, clock: str) -> str:
    return f"{day}T{clock}:00Z"


SAMPLES: dict[str, KindSample] = {
    "activity": KindSample(
        lambda day, text: {
            "started_at": _at(day, "17:30"),
            "activity_type": "walking",
            "duration_min": 40,
            "intensity_0_10": 4,
            "notes": text,
        },
        edit=lambda day: ("notes", "flat"),
    ),
    "stretch": KindSample(
        lambda day, text: {"at": _at(day, "21:30"), "routine": text, "duration_min": 10},
        edit=lambda day: ("duration_min", 6.0),
    ),
    "alcohol": KindSample(
        lambda day, text: {
            "at": _at(day, "19:00"),
            "drinks": 2,
            "standard_units": 3.2,
            "kind": text,
        },
        edit=lambda day: ("drinks", 3.0),
    ),
    "caffeine": KindSample(
        lambda day, text: {"at": _at(day, "08:00"), "caffeine_mg": 95, "source": text},
        edit=lambda day: ("caffeine_mg", 60.0),
    ),
    "sleep": KindSample(
        lambda day, text: {
            "bed_at": _at(day - timedelta(days=1), "23:00"),
            "wake_at": _at(day, "07:00"),
        },
        edit=lambda day: ("wake_at", _at(day, "07:30")),
        follows=frozenset({"sleep_h"}),
    ),
    "medicine": KindSample(
        lambda day, text: {"name": text, "dose": "1 a day", "started_on": str(day)},
        edit=lambda day: ("dose", "2 a day"),
    ),
}
"""Each kind's sample, by the kind's key."""
