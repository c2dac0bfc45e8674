"""A person's nights as aligned daily arrays: the outcome and each factor, NaN where unknown.

Pure. Day ``i`` holds the exposures of that day and the outcome of the night that starts that
evening, exactly as the daily CSV does. Nothing unknown is ever filled with 0: an unlogged night
is NaN and is left out of every model; a day with no fluid logged has NaN fluid.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from nightcramps.insights.factors import (
    EXERTION_BASELINE_DAYS,
    EXERTION_MIN_BASELINE_DAYS,
    FACTORS,
)
from nightcramps.insights.stats import Array

RECENT_NIGHTS = 7
"""The 'recent cramp burden' covers the previous 7 nights: a week is the horizon over which
people react to a bad spell (and the autocorrelation of cramp nights is strongest)."""

MONTH_NIGHTS = 28
"""The recent level of cramps for tonight's forecast: the previous 4 weeks."""


@dataclass(frozen=True, slots=True)
class NightSeries:
    """Consecutive days from ``start``; arrays share one index (day ``i`` = ``start + i``)."""

    start: date
    y: Array
    """1 = any cramp that night, 0 = a cramp-free night, NaN = not logged."""
    factors: dict[str, Array]
    prev: Array
    """The previous night's outcome; when unknown, the recent burden stands in."""
    recent: Array
    """Share of cramp nights among the known nights of the previous week."""
    month: Array
    """Share of cramp nights among the known nights of the previous 4 weeks (the recent level,
    which follows slow change better than the all-time base rate)."""

    @property
    def days(self) -> int:
        return len(self.y)

    def day(self, index: int) -> date:
        return self.start + timedelta(days=index)


def _exertion_from_steps(steps: Array) -> Array:
    """Steps of the day over the mean of the previous 28 days (NaN with under 14 known days)."""
    ratio = np.full(len(steps), np.nan)
    known = ~np.isnan(steps)
    cum = np.concatenate([[0.0], np.cumsum(np.where(known, steps, 0.0))])
    count = np.concatenate([[0], np.cumsum(known)])
    for i in range(len(steps)):
        if not known[i]:
            continue
        lo = max(0, i - EXERTION_BASELINE_DAYS)
        n = count[i] - count[lo]
        if n >= EXERTION_MIN_BASELINE_DAYS:
            baseline = (cum[i] - cum[lo]) / n
            if baseline > 0:
                ratio[i] = steps[i] / baseline
    return ratio


def _medicine_window(starts: Collection[date], first: date, days: int, window: int) -> Array:
    """1 when a medicine was started within the ``window`` days up to and including the day."""
    flags = np.zeros(days)
    for started in starts:
        offset = (started - first).days
        lo, hi = max(offset, 0), min(offset + window, days)
        if hi > lo:
            flags[lo:hi] = 1.0
    return flags


def build_series(
    frame: Mapping[date, Mapping[str, float]],
    *,
    start: date,
    end: date,
    medicine_starts: Collection[date] | None = None,
) -> NightSeries:
    """Arrays for the days ``start``..``end`` from per-day values (``cramps`` is the outcome).

    ``exertion_ratio`` comes from the frame when a detailed log gives it, otherwise from steps
    against the person's own 28-day average. ``medicine_started`` is known only when the person
    keeps a medicine list (``medicine_starts`` not None); then every day is 0 or 1.
    """
    days = (end - start).days + 1
    y = np.full(days, np.nan)
    columns = {f.key: np.full(days, np.nan) for f in FACTORS}
    for day, values in frame.items():
        i = (day - start).days
        if not 0 <= i < days:
            continue
        cramps = values.get("cramps")
        if cramps is not None:
            y[i] = 1.0 if cramps > 0 else 0.0
        for key, column in columns.items():
            value = values.get(key)
            if value is not None and math.isfinite(value):
                column[i] = value
    from_steps = _exertion_from_steps(columns["steps"])
    exertion = columns["exertion_ratio"]
    columns["exertion_ratio"] = np.where(np.isnan(exertion), from_steps, exertion)
    medicine = next(f for f in FACTORS if f.key == "medicine_started")
    if medicine_starts is not None:
        columns["medicine_started"] = _medicine_window(
            medicine_starts, start, days, medicine.window_days
        )
    prev, recent = _history(y)
    _, month = _history(y, window=MONTH_NIGHTS)
    return NightSeries(start=start, y=y, factors=columns, prev=prev, recent=recent, month=month)


def _history(y: Array, window: int = RECENT_NIGHTS) -> tuple[Array, Array]:
    """Previous-night outcome and previous-week burden, from past nights only (no look-ahead)."""
    known = ~np.isnan(y)
    cum = np.concatenate([[0.0], np.cumsum(np.where(known, y, 0.0))])
    count = np.concatenate([[0], np.cumsum(known)])
    idx = np.arange(len(y))
    # Before any night is known the fallback is the first known night's neighbourhood: the mean
    # of all known nights (used for at most the leading unknown stretch).
    overall = float(np.nanmean(y)) if known.any() else 0.0
    past_mean = np.where(count[idx] > 0, cum[idx] / np.maximum(count[idx], 1), overall)
    lo = np.maximum(idx - window, 0)
    n = count[idx] - count[lo]
    recent = np.where(n > 0, (cum[idx] - cum[lo]) / np.maximum(n, 1), past_mean)
    prev = np.empty(len(y))
    prev[0] = past_mean[0]
    prev[1:] = np.where(known[:-1], y[:-1], recent[1:])
    return prev, recent
