"""Exertion relative to the person's own baseline. Pure functions, no I/O.

"Unaccustomed exercise" is a ratio: the day's load divided by the mean load of the 28 days before
it. A ratio of 1 is a usual day, 2 is twice the usual. Two loads are used:

* workouts, as session-RPE load: minutes x effort on the 0-10 scale (Foster et al., J Strength
  Cond Res 2001, "A new approach to monitoring exercise training"); known for a day when a
  workout was logged or the day was marked a rest day (load 0);
* steps, known for a day when a step count was logged.

Days whose load is unknown are skipped, never counted as zero. With fewer than
``MIN_BASELINE_DAYS`` known days in the window the ratio is None.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta

from nightcramps.daylog.constants import (
    EXERTION_WINDOW_DAYS,
    MAX_EXERTION_RATIO,
    MIN_BASELINE_DAYS,
)
from nightcramps.daylog.schemas import Effort


def effort_of(intensity_0_10: int) -> Effort:
    """The effort word for a 0-10 intensity (WHO: moderate is 5-6, vigorous 7-8)."""
    if intensity_0_10 >= 7:
        return "vigorous"
    if intensity_0_10 >= 5:
        return "moderate"
    return "light"


def session_load(duration_min: float, intensity_0_10: float) -> float:
    """Session-RPE load of one workout: minutes x effort (0-10)."""
    if duration_min < 0 or not 0 <= intensity_0_10 <= 10:
        raise ValueError("duration must be >= 0 and intensity within 0-10")
    return duration_min * intensity_0_10


def baseline_ratio(
    today: float | None,
    previous: Sequence[float | None],
    *,
    min_known: int = MIN_BASELINE_DAYS,
    cap: float = MAX_EXERTION_RATIO,
) -> float | None:
    """``today`` divided by the mean of the known values in ``previous``.

    None when today is unknown or fewer than ``min_known`` previous values are known. A zero
    baseline gives 1.0 for a zero day (nothing changed) and ``cap`` for any load above zero;
    every ratio is capped at ``cap``.
    """
    if today is None:
        return None
    if today < 0:
        raise ValueError("a load cannot be negative")
    known = [v for v in previous if v is not None]
    if len(known) < min_known:
        return None
    if any(v < 0 for v in known):
        raise ValueError("a load cannot be negative")
    mean = sum(known) / len(known)
    if mean == 0:
        return 1.0 if today == 0 else cap
    return min(today / mean, cap)


def ratios_by_day(
    loads: Mapping[date, float | None],
    days: Iterable[date],
    *,
    window: int = EXERTION_WINDOW_DAYS,
    min_known: int = MIN_BASELINE_DAYS,
    cap: float = MAX_EXERTION_RATIO,
) -> dict[date, float | None]:
    """For each day, its load against the ``window`` days before it (days absent are unknown)."""
    wanted = list(days)
    if not wanted:
        return {}
    first = min(wanted) - timedelta(days=window)
    span = (max(wanted) - first).days + 1
    dense = [loads.get(first + timedelta(days=k)) for k in range(span)]
    result: dict[date, float | None] = {}
    for day in wanted:
        i = (day - first).days
        result[day] = baseline_ratio(dense[i], dense[i - window : i], min_known=min_known, cap=cap)
    return result


def most_unaccustomed(*ratios: float | None) -> float | None:
    """The largest known ratio: a day is unaccustomed if it is unusual by any measure."""
    known = [r for r in ratios if r is not None]
    return max(known) if known else None


def exertion_ratios(
    workout_loads: Mapping[date, float | None],
    steps: Mapping[date, float | None],
    days: Iterable[date],
) -> dict[date, float | None]:
    """The exertion ratio of each day: the larger of its workout and its step ratio."""
    days = list(days)
    by_workout = ratios_by_day(workout_loads, days)
    by_steps = ratios_by_day(steps, days)
    return {day: most_unaccustomed(by_workout[day], by_steps[day]) for day in days}
