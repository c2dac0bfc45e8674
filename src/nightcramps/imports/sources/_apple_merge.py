"""A day's total from several sources, each moment counted once, in array arithmetic.

:func:`merged_total` gives bit for bit what
:func:`~nightcramps.imports.intervals.merge_by_priority` gives (the tests compare them): the same
covered seconds for every sample (integers, so exact), the same ``value * uncovered / span`` for
each, added up one after another in the same order (``cumsum`` adds sequentially, unlike ``sum``).

How a sample's covered time is found without walking the coverage: within one source, samples are
taken by (start, end), so the earlier samples of that source cover, from this one's start, exactly
up to the latest end so far; the sources before it are one fixed union of intervals, whose
measure inside any span comes from prefix sums.
"""

from __future__ import annotations

import itertools
from array import array
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    Columns = array[int] | array[float] | NDArray[np.uint32] | NDArray[np.float64]
    """One column of samples: anything numpy reads as a buffer of uint32 or float64."""
    Group = tuple[NDArray[np.uint32], NDArray[np.uint32], NDArray[np.float64]]

SMALL = 32
"""Days with fewer samples than this are left to the plain loop, which is faster for them."""


def merged_total(groups: Sequence[tuple[Columns, Columns, Columns]]) -> float:
    """The total of ``groups`` (starts, ends ≥ starts, values per source, highest priority
    first): see :func:`~nightcramps.imports.intervals.merge_by_priority`."""
    empty = np.zeros(0, np.int64)
    union_starts, union_ends = empty, empty
    parts: list[NDArray[np.float64]] = []
    for group_starts, group_ends, group_values in groups:
        starts = np.frombuffer(group_starts, dtype=np.uint32).astype(np.int64)
        ends = np.frombuffer(group_ends, dtype=np.uint32).astype(np.int64)
        values = np.frombuffer(group_values, dtype=np.float64)
        order = np.lexsort((ends, starts))
        starts, ends, values = starts[order], ends[order], values[order]
        parts.append(_contributions(starts, ends, values, union_starts, union_ends))
        union_starts, union_ends = _union(
            np.concatenate([union_starts, starts[ends > starts]]),
            np.concatenate([union_ends, ends[ends > starts]]),
        )
    if not parts:
        return 0.0
    everything = np.concatenate(parts)
    return float(np.cumsum(everything)[-1]) if len(everything) else 0.0


def _contributions(
    starts: NDArray[np.int64],
    ends: NDArray[np.int64],
    values: NDArray[np.float64],
    union_starts: NDArray[np.int64],
    union_ends: NDArray[np.int64],
) -> NDArray[np.float64]:
    """What each sample of one source adds, sorted by (start, end)."""
    spans = ends - starts
    proper = spans > 0
    # the latest end of the earlier proper samples of this source (instants cover nothing)
    reach = np.maximum.accumulate(np.where(proper, ends, np.iinfo(np.int64).min))
    before = np.concatenate([[np.iinfo(np.int64).min], reach[:-1]])
    middle = np.clip(before, starts, ends)
    covered = (middle - starts) + _measure(union_starts, union_ends, middle, ends)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = values * (spans - covered).astype(np.float64) / spans.astype(np.float64)
    inside = (before > starts) | _inside(union_starts, union_ends, starts)
    result: NDArray[np.float64] = np.where(proper, share, np.where(inside, 0.0, values))
    return result


def _union(
    starts: NDArray[np.int64], ends: NDArray[np.int64]
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Sorted disjoint intervals covering the same time (overlapping or touching ones joined)."""
    if not len(starts):
        return starts, ends
    order = np.argsort(starts, kind="stable")
    starts, ends = starts[order], ends[order]
    reach = np.maximum.accumulate(ends)
    new = np.concatenate([[True], starts[1:] > reach[:-1]])
    firsts = np.flatnonzero(new)
    lasts = np.concatenate([firsts[1:], [len(starts)]]) - 1
    return starts[firsts], reach[lasts]


def _measure(
    union_starts: NDArray[np.int64],
    union_ends: NDArray[np.int64],
    low: NDArray[np.int64],
    high: NDArray[np.int64],
) -> NDArray[np.int64]:
    """Seconds of the union inside each [low, high)."""
    if not len(union_starts):
        return np.zeros(len(low), np.int64)
    lengths = np.concatenate([[0], np.cumsum(union_ends - union_starts)])

    def below(moment: NDArray[np.int64]) -> NDArray[np.int64]:
        whole = np.searchsorted(union_ends, moment, side="right")
        partial = np.where(
            whole < len(union_starts),
            np.maximum(moment - union_starts[np.minimum(whole, len(union_starts) - 1)], 0),
            0,
        )
        result: NDArray[np.int64] = lengths[whole] + partial
        return result

    measured: NDArray[np.int64] = np.maximum(below(high) - below(low), 0)
    return measured


def _inside(
    union_starts: NDArray[np.int64], union_ends: NDArray[np.int64], moments: NDArray[np.int64]
) -> NDArray[np.bool_]:
    """Whether each moment lies in the union (start included, end not)."""
    if not len(union_starts):
        return np.zeros(len(moments), np.bool_)
    at = np.searchsorted(union_ends, moments, side="right")
    found = at < len(union_starts)
    result: NDArray[np.bool_] = found & (
        union_starts[np.minimum(at, len(union_starts) - 1)] <= moments
    )
    return result


def subtract(joined: list[tuple[int, int]], holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """:func:`~nightcramps.imports.intervals.subtract` (sorted disjoint ``joined`` minus sorted
    disjoint ``holes``) in one pass over both: years of nights have thousands of each."""
    result: list[tuple[int, int]] = []
    first = 0
    for start, end in joined:
        while first < len(holes) and holes[first][1] <= start:
            first += 1  # ends before this interval, so before every later one too
        for hole_start, hole_end in holes[first:]:
            if hole_start >= end:
                break
            if hole_end <= start:
                continue
            if hole_start > start:
                result.append((start, hole_start))
            start = max(start, hole_end)
            if start >= end:
                break
        if start < end:
            result.append((start, end))
    return result


class SourceSamples(Protocol):
    """One source's samples of one factor in file order (``apple_health._Samples``)."""

    starts: array[int]
    ends: array[int]
    values: array[float]
    days: array[int]


def by_day(samples: Mapping[int, SourceSamples]) -> dict[int, dict[int, Group]]:
    """Each source's samples split by day: day → source → (starts, ends, values), views of one
    array per source (no copy when the source's days come in order), each day's samples still in
    file order (which decides between samples over the same interval)."""
    days: dict[int, dict[int, Group]] = {}
    for source, kept in samples.items():
        numbers = np.frombuffer(kept.days, dtype=np.uint16)
        starts = np.frombuffer(kept.starts, dtype=np.uint32)
        ends = np.frombuffer(kept.ends, dtype=np.uint32)
        values = np.frombuffer(kept.values, dtype=np.float64)
        if len(numbers) > 1 and bool((numbers[1:] < numbers[:-1]).any()):
            order = np.argsort(numbers, kind="stable")
            numbers, starts, ends, values = (
                numbers[order],
                starts[order],
                ends[order],
                values[order],
            )
        cuts = [0, *(np.flatnonzero(numbers[1:] != numbers[:-1]) + 1).tolist(), len(numbers)]
        for first, last in itertools.pairwise(cuts):
            if first == last:
                continue
            days.setdefault(int(numbers[first]), {})[source] = (
                starts[first:last],
                ends[first:last],
                values[first:last],
            )
    return days
