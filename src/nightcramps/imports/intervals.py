"""Time intervals of samples: merging overlapping sources, unions, holes and clusters.

Pure arithmetic on integer seconds since the epoch, shared by the readers that merge samples of
several devices (``sources.apple_health``); no I/O, no dates.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right


def merge_by_priority(groups: list[tuple[array[int], array[int], array[float]]]) -> float:
    """The day's total of samples from several sources, each time span counted once.

    ``groups`` are (starts, ends, values) per source, highest priority first. Each sample adds
    its value times the fraction of its interval that no earlier sample covered (an instant
    counts unless it lies inside covered time), then its interval joins the coverage. The first
    source counts in full; the next only fills the gaps it left (memo 4.3, open-wearables #1287).
    """
    starts: list[int] = []
    ends: list[int] = []
    total = 0.0
    for group_starts, group_ends, values in groups:
        order = sorted(range(len(values)), key=lambda i: (group_starts[i], group_ends[i]))
        for i in order:
            start, end, value = group_starts[i], group_ends[i], values[i]
            first = bisect_right(ends, start)
            if end <= start:
                inside = first < len(starts) and starts[first] <= start
                total += 0.0 if inside else value
                continue
            last, covered = first, 0
            while last < len(starts) and starts[last] < end:
                covered += min(end, ends[last]) - max(start, starts[last])
                last += 1
            total += value * (end - start - covered) / (end - start)
            if last > first:
                start, end = min(start, starts[first]), max(end, ends[last - 1])
            starts[first:last] = [start]
            ends[first:last] = [end]
    return total


def union(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching intervals joined, sorted."""
    joined: list[tuple[int, int]] = []
    for start, end in sorted(intervals):
        if joined and start <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return joined


def overlaps(interval: tuple[int, int], joined: list[tuple[int, int]]) -> bool:
    """Whether ``interval`` shares time with any of the sorted disjoint ``joined``."""
    start, end = interval
    at = bisect_right([e for _, e in joined], start)
    return at < len(joined) and joined[at][0] < end


def subtract(joined: list[tuple[int, int]], holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sorted disjoint ``joined`` minus the sorted disjoint ``holes``."""
    result: list[tuple[int, int]] = []
    for start, end in joined:
        for hole_start, hole_end in holes:
            if hole_end <= start or hole_start >= end:
                continue
            if hole_start > start:
                result.append((start, hole_start))
            start = max(start, hole_end)
            if start >= end:
                break
        if start < end:
            result.append((start, end))
    return result


def clusters(joined: list[tuple[int, int]], gap_s: int) -> list[tuple[int, int, int]]:
    """Sorted disjoint intervals grouped when less than ``gap_s`` apart: (start, end, seconds
    covered)."""
    groups: list[tuple[int, int, int]] = []
    for start, end in joined:
        if groups and start - groups[-1][1] < gap_s:
            first, _, seconds = groups[-1]
            groups[-1] = (first, end, seconds + end - start)
        else:
            groups.append((start, end, end - start))
    return groups
