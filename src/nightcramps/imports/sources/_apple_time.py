"""Apple Health's timestamps and the owner's days, for many samples at once (numpy).

The Apple Health reader (:mod:`.apple_health`) reads a whole run of records in one go; this module
turns their ``2019-05-14 19:05:29 -0400`` stamps into seconds since 1970 and those seconds into
the day each counts for, with array arithmetic instead of one ``datetime`` per sample. Both give
exactly what the one-at-a-time functions give (``apple_health._epoch`` and
:func:`~nightcramps.timing.day_of` at the start of the sample's 15-minute bucket); the tests
compare them.

Imported only when an export is read: numpy is not needed to start the app.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import numpy as np
from numpy.typing import NDArray

from nightcramps import timing
from nightcramps.owner import Owner

STAMP_BYTES = 25
"""``2019-05-14 19:05:29 -0400``: Apple writes every stamp in this fixed width."""

BUCKET_S = 900
"""Days are resolved per 15 minutes: every zone's day boundary and clock change is on that grid
(the one-at-a-time reader makes the same assumption)."""

PROBE_S = 6 * 3600
"""The zone's offset is looked up every six hours and a change is then pinned to its 15-minute
bucket by bisection. Two changes that cancel out within six hours would be missed; no zone has
had such a pair since 1970 (the IANA time zone database)."""

BLOCK_S = BUCKET_S * 2048
"""Offsets are worked out per block of about 21 days, only for blocks that hold samples."""

_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_MONTH_DAYS = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=np.int64)


def epochs(stamps: list[bytes]) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
    """Seconds since 1970 of each stamp, and whether it could be read.

    Every stamp must be 25 ASCII bytes of the form ``dddd-dd-dd dd:dd:dd [+-]dddd`` (the reader's
    pattern guarantees it). A stamp is unreadable, as for ``apple_health._epoch``, when its date
    does not exist (month 13, February 30, year 0) or it lies outside 1970–2105; the clock and the
    offset are taken as written.
    """
    if not stamps:
        return np.zeros(0, np.int64), np.zeros(0, np.bool_)
    raw = np.frombuffer(b"".join(stamps), dtype=np.uint8).reshape(len(stamps), STAMP_BYTES)

    def number(first: int, last: int) -> NDArray[np.int64]:
        # column by column: no int64 copy of the whole (n, 25) block
        value = raw[:, first].astype(np.int64) - 48
        for column in range(first + 1, last):
            value = value * 10 + (raw[:, column].astype(np.int64) - 48)
        return value

    year, month, day = number(0, 4), number(5, 7), number(8, 10)
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    length = _MONTH_DAYS[np.clip(month, 0, 12)] + ((month == 2) & leap)
    valid = (year >= 1) & (month >= 1) & (month <= 12) & (day >= 1) & (day <= length)
    clock = number(11, 13) * 3600 + number(14, 16) * 60 + number(17, 19)
    offset = number(21, 23) * 3600 + number(23, 25) * 60
    sign = np.where(raw[:, 20] == ord("+"), 1, -1)
    seconds = _days_from_civil(year, month, day) * 86_400 + clock - sign * offset
    valid &= (seconds >= 0) & (seconds < 1 << 32)
    return seconds, valid


def _days_from_civil(
    year: NDArray[np.int64], month: NDArray[np.int64], day: NDArray[np.int64]
) -> NDArray[np.int64]:
    """Days since 1970-01-01 of proleptic Gregorian dates (H. Hinnant, "chrono-Compatible
    Low-Level Date Algorithms", 2013, ``days_from_civil``)."""
    year = year - (month <= 2)
    era = np.floor_divide(year, 400)
    of_era = year - era * 400
    shifted = (month + 9) % 12
    of_year = (153 * shifted + 2) // 5 + day - 1
    of_era_days = of_era * 365 + of_era // 4 - of_era // 100 + of_year
    result: NDArray[np.int64] = era * 146_097 + of_era_days - 719_468
    return result


class Calendar:
    """The owner's day of any moment: :func:`~nightcramps.timing.day_of` the start of its
    15-minute bucket, from the zone's offsets (looked up once per block) and integer arithmetic.

    A day starts at the owner's day-start hour on the wall clock, so within a stretch of constant
    UTC offset the day is ``(bucket + offset - hour) // 86400``; only the offsets come from the
    zone rules.
    """

    def __init__(self, owner: Owner) -> None:
        self.owner = owner
        self._hour_s = timing.day_start_hour(owner) * 3600
        self._blocks: dict[int, tuple[NDArray[np.int64], NDArray[np.int64]]] = {}

    def day_numbers(self, moments: NDArray[np.int64]) -> NDArray[np.int64]:
        """Days since 1970-01-01 of each moment (seconds since 1970, not negative)."""
        buckets = moments - moments % BUCKET_S
        blocks = buckets // BLOCK_S
        offsets = np.empty(len(moments), np.int64)
        first, last = (int(blocks.min()), int(blocks.max())) if len(moments) else (0, -1)
        if first == last:
            offsets[:] = self._offsets(first, buckets)
        else:
            for block in np.unique(blocks).tolist():
                inside = blocks == block
                offsets[inside] = self._offsets(block, buckets[inside])
        result: NDArray[np.int64] = (buckets + offsets - self._hour_s) // 86_400
        return result

    def day(self, moment: int) -> date:
        """The day of one moment."""
        number = int(self.day_numbers(np.array([moment], np.int64))[0])
        return date.fromordinal(_EPOCH_ORDINAL + number)

    def _offsets(self, block: int, buckets: NDArray[np.int64]) -> NDArray[np.int64]:
        segments = self._blocks.get(block)
        if segments is None:
            segments = self._blocks[block] = self._segments(block * BLOCK_S, (block + 1) * BLOCK_S)
        starts, offsets = segments
        if len(starts) == 1:
            return np.full(len(buckets), offsets[0], np.int64)
        picked: NDArray[np.int64] = offsets[np.searchsorted(starts, buckets, side="right") - 1]
        return picked

    def _segments(self, low: int, high: int) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """(first bucket, UTC offset in seconds) of each stretch of one offset in [low, high)."""
        starts, offsets = [low], [self._offset(low)]
        at = low
        while at < high:
            probe = min(at + PROBE_S, high)
            if self._offset(probe) == offsets[-1]:
                at = probe
                continue
            same, changed = at, probe  # bisect to the first bucket with another offset
            while changed - same > BUCKET_S:
                middle = (same + changed) // (2 * BUCKET_S) * BUCKET_S
                if middle <= same:
                    middle = same + BUCKET_S
                if self._offset(middle) == offsets[-1]:
                    same = middle
                else:
                    changed = middle
            starts.append(changed)
            offsets.append(self._offset(changed))
            at = changed
        return np.array(starts, np.int64), np.array(offsets, np.int64)

    def _offset(self, moment: int) -> int:
        when = datetime.fromtimestamp(moment, UTC)
        delta = timing.local(when, self.owner.tz).utcoffset()
        return int(delta.total_seconds()) if delta is not None else 0


def ordinal_days(numbers: NDArray[np.int64]) -> list[date]:
    """Days since 1970 as dates."""
    return [date.fromordinal(_EPOCH_ORDINAL + n) for n in numbers.tolist()]
