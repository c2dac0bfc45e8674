"""Charts as server-rendered SVG, one implementation for the pages and the PDF report.

Pure: no session, no I/O beyond reading this package's own templates. A feature computes the
numbers through its service and passes them in; the result is :class:`markupsafe.Markup` holding
an ``<svg role="img">`` (with ``<title>`` and ``<desc>``) and a visually hidden ``<table>`` of
the same numbers. Nights or days that were not logged are drawn with a hatch pattern and named in
the legend, never as zero. See docs/charts.md.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from itertools import groupby
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

TEMPLATES = Path(__file__).with_name("templates")

WIDTH = 600
"""Width of every chart's viewBox; the SVG itself is ``width: 100%`` so it fits 390 px."""


@dataclass(frozen=True)
class Week:
    """One week of nights: how many had cramps, were free of them, or were not logged."""

    start: date
    cramp_nights: int
    free_nights: int
    not_logged: int
    worst: int | None
    """The worst severity (0-10) that week, None with no cramp logged."""


@dataclass(frozen=True)
class Marker:
    """Something that happened on ``day`` (a medicine started), drawn as a line on the chart."""

    day: date
    label: str


@dataclass(frozen=True)
class Day:
    """One day's amount against its target; ``amount`` None when the day is unknown."""

    day: date
    amount: float | None


@dataclass(frozen=True)
class Estimate:
    """One factor's odds ratio with its 95% interval, and the verdict that colours it."""

    label: str
    odds_ratio: float
    low: float
    high: float
    verdict: str
    """The insights' verdict: "likely trigger" and "likely protective" are coloured (see
    :data:`TONES`); any other verdict draws grey, as unclear."""


@dataclass(frozen=True)
class TrialNight:
    """One night of a personal experiment: its arm ("A" the remedy, "B" as usual), whether it is
    a washout night, and its cramps (None: not logged, drawn as a gap, never as zero)."""

    day: date
    arm: str
    period: int
    washout: bool
    cramps: int | None


TONES = {
    "likely trigger": "linked",
    "linked": "linked",
    "likely protective": "protective",
    "protective": "protective",
}
"""The colour a verdict is drawn in: linked (red), protective (green), anything else grey."""


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html", "svg"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _render(name: str, **context: object) -> Markup:
    # The same numbers give the same id, so a page renders the same every time (no counter).
    numbers = [(k, v) for k, v in sorted(context.items()) if not callable(v)]
    digest = hashlib.sha1(repr((name, numbers)).encode(), usedforsecurity=False).hexdigest()[:10]
    chart_id = f"chart-{digest}"
    html = _environment().get_template(name).render(id=chart_id, width=WIDTH, **context)
    return Markup(html)  # rendered by an autoescaping environment


def _short(value: date) -> str:
    return f"{value.day} {value:%b}"


def weekly_cramps(weeks: Sequence[Week], markers: Sequence[Marker] = ()) -> Markup:
    """Cramp nights per week as stacked bars of seven nights (cramps, free, not logged), with the
    week's worst severity written above its bar and ``markers`` as dashed lines."""
    logged = sum(w.cramp_nights + w.free_nights for w in weeks)
    if not weeks or logged == 0:
        return _render("charts/_empty.html", title="Cramp nights per week")
    top, height, bottom = 34, 150, 40
    left, right = 34, 10
    slot = (WIDTH - left - right) / len(weeks)
    scale = max(7, max(w.cramp_nights + w.free_nights + w.not_logged for w in weeks))
    unit = height / scale
    bars = []
    for i, w in enumerate(weeks):
        x = left + i * slot + slot * 0.15
        base: float = top + height
        parts = []
        for kind, n in (
            ("cramp", w.cramp_nights),
            ("free", w.free_nights),
            ("unknown", w.not_logged),
        ):
            if n:
                parts.append({"kind": kind, "y": base - n * unit, "h": n * unit})
                base -= n * unit
        bars.append(
            {
                "x": x,
                "w": slot * 0.7,
                "parts": parts,
                "week": w,
                "label": _short(w.start),
                "top": base,
            }
        )
    first, last = weeks[0].start, weeks[-1].start + timedelta(days=7)
    lines = []
    for m in markers:
        if first <= m.day < last:
            at = left + (m.day - first).days / (last - first).days * (slot * len(weeks))
            lines.append({"x": at, "label": m.label, "day": m.day})
    label_every = max(1, math.ceil(len(weeks) / 6))
    # The worst severity fits above a bar only while bars are wide enough for two digits.
    show_worst = slot >= 20
    cramp_total = sum(w.cramp_nights for w in weeks)
    unknown_total = sum(w.not_logged for w in weeks)
    desc = (
        f"{len(weeks)} weeks from {_short(first)}: {cramp_total} cramp nights of {logged} nights "
        f"logged; {unknown_total} nights not logged."
    )
    return _render(
        "charts/_weekly.html",
        title="Cramp nights per week",
        desc=desc,
        bars=bars,
        lines=lines,
        label_every=label_every,
        ticks=[{"n": n, "y": top + height - n * unit} for n in range(0, scale + 1, 7)],
        top=top,
        height=height,
        left=left,
        bottom=bottom,
        total_height=top + height + bottom,
        weeks=weeks,
        markers=list(markers),
        short=_short,
        show_worst=show_worst,
    )


NIGHT_WORDS = {True: "cramps", False: "no cramps", None: "not logged"}
"""How the hidden table names a night under a day (``nights`` of :func:`daily_intake`)."""


def daily_intake(
    title: str,
    unit: str,
    days: Sequence[Day],
    target: float | None,
    nights: Mapping[date, bool | None] | None = None,
    target_label: str = "the target",
    known_days: Sequence[int] | None = None,
) -> Markup:
    """One bar per day of an amount against its target (a dashed line); unknown days hatched.

    With ``nights`` (True: cramps, False: no cramps, None or absent: not logged) a strip under
    the bars shows the night that followed each day, so a day can be read against its night.
    With ``known_days`` the bars are weeks (``days`` hold each week's first day and its mean a
    day) and the table says how many of each week's 7 days were known."""
    if not days or all(d.amount is None for d in days):
        return _render("charts/_empty.html", title=title, message="No days logged yet")
    top, height, bottom, left, right = 16, 110, 30 + (16 if nights is not None else 0), 56, 10
    peak = max([d.amount or 0.0 for d in days] + [target or 0.0]) or 1.0
    slot = (WIDTH - left - right) / len(days)
    bars = []
    for i, d in enumerate(days):
        h = height * (d.amount / peak) if d.amount is not None else height
        bars.append(
            {
                "x": left + i * slot + slot * 0.1,
                "w": slot * 0.8,
                "y": top + height - h,
                "h": h,
                "d": d,
            }
        )
    known = [d.amount for d in days if d.amount is not None]
    met = sum(1 for a in known if target is not None and a >= target)
    word = "days" if known_days is None else "weeks"
    desc = f"{len(days)} {word}, {len(known)} known"
    if known_days is not None:
        desc += " (each week's mean a day over its known days)"
    if target is not None:
        desc += f"; target {target:g} {unit} met on {met}"
    desc += f"; {len(days) - len(known)} unknown."
    strip = None
    if nights is not None:
        strip = [nights.get(d.day) for d in days]
        desc += (
            f" Nights after them: {strip.count(True)} with cramps, {strip.count(False)} without, "
            f"{strip.count(None)} not logged."
        )
    return _render(
        "charts/_daily.html",
        title=title,
        desc=desc,
        unit=unit,
        bars=bars,
        target=target,
        target_y=top + height - height * (target / peak) if target else None,
        peak=peak,
        top=top,
        height=height,
        left=left,
        total_height=top + height + bottom,
        label_every=max(1, math.ceil(len(days) / 7)),
        short=_short,
        strip=strip,
        night_words=NIGHT_WORDS,
        target_label=target_label,
        label_y=top + height + (32 if strip is not None else 16),
        known_days=known_days,
    )


LOG_LOW, LOG_HIGH = 0.1, 10.0
"""The forest plot's axis: odds ratios from 0.1 to 10, log scale (values outside are clipped)."""


def log_position(value: float, left: float, span: float) -> float:
    """Where ``value`` falls on a log axis from LOG_LOW to LOG_HIGH drawn from ``left`` over
    ``span`` units (clipped to the axis)."""
    clipped = min(max(value, LOG_LOW), LOG_HIGH)
    share = (math.log10(clipped) - math.log10(LOG_LOW)) / (
        math.log10(LOG_HIGH) - math.log10(LOG_LOW)
    )
    return left + share * span


def forest(estimates: Sequence[Estimate]) -> Markup:
    """Each factor's odds ratio (a square) and 95% interval (a line) on one log axis, 1 marked."""
    if not estimates:
        return _render(
            "charts/_empty.html", title="Factors and cramp nights", message="No factors to show yet"
        )
    left, span, row, top = 190, 390, 26, 10
    rows = []
    for i, e in enumerate(estimates):
        verdict = TONES.get(e.verdict, "unclear")
        rows.append(
            {
                "e": e,
                "verdict": verdict,
                "y": top + i * row + row / 2,
                "x": log_position(e.odds_ratio, left, span),
                "x1": log_position(e.low, left, span),
                "x2": log_position(e.high, left, span),
            }
        )
    axis_y = top + len(estimates) * row + 4
    ticks = [{"v": v, "x": log_position(v, left, span)} for v in (0.1, 0.25, 0.5, 1, 2, 4, 10)]
    return _render(
        "charts/_forest.html",
        title="Factors and cramp nights",
        desc=(
            f"Odds ratios with 95% intervals for {len(estimates)} factors on a log axis; "
            "right of 1 means more cramp nights with the factor."
        ),
        rows=rows,
        ticks=ticks,
        left=left,
        span=span,
        top=top,
        axis_y=axis_y,
        one=log_position(1, left, span),
        total_height=axis_y + 30,
    )


ARM_FILLS = {"A": "#d8ecdf", "B": "#ececec"}
"""The shading of the remedy (A) and usual-routine (B) periods on the timeline."""


def trial_timeline(nights: Sequence[TrialNight], trend_ratio: float | None = None) -> Markup:
    """An experiment night by night: one dot per logged night at its cramp count, the periods
    shaded by arm, washout nights as open grey circles, nights not logged as hatched gaps on the
    axis, and the trend over the trial (``trend_ratio``: the rate at the end over the start)
    dashed through the mean of the analysable nights."""
    if not nights:
        return _render(
            "charts/_empty.html", title="Your experiment night by night", message="No nights yet"
        )
    left, span, top, height = 40, WIDTH - 50, 10, 150
    step = span / len(nights)
    counted = [n.cramps for n in nights if n.cramps is not None]
    ceiling = max([3, *counted])
    base = top + height

    def y_of(value: float) -> float:
        return base - height * min(value, ceiling) / ceiling

    periods, first = [], 0
    for _, run in groupby(nights, key=lambda n: (n.period, n.arm)):
        length = len(list(run))
        arm = nights[first].arm
        fill = ARM_FILLS.get(arm, "#ffffff")
        periods.append({"arm": arm, "x": left + first * step, "width": length * step, "fill": fill})
        first += length
    dots = [
        {"x": left + (i + 0.5) * step, "y": y_of(n.cramps), "n": n}
        for i, n in enumerate(nights)
        if n.cramps is not None
    ]
    gaps = [{"x": left + i * step, "n": n} for i, n in enumerate(nights) if n.cramps is None]
    analysable = [n.cramps for n in nights if n.cramps is not None and not n.washout]
    trend = None
    if trend_ratio is not None and analysable and trend_ratio > 0:
        mean = sum(analysable) / len(analysable)
        trend = {
            "y1": y_of(mean / math.sqrt(trend_ratio)),
            "y2": y_of(mean * math.sqrt(trend_ratio)),
        }
    ticks = [{"v": v, "y": y_of(v)} for v in range(0, ceiling + 1, max(1, ceiling // 3))]
    missing = len(gaps)
    desc = (
        f"{len(nights)} nights from {_short(nights[0].day)} to {_short(nights[-1].day)}: "
        f"{len(dots)} logged, {missing} not logged, "
        f"{sum(1 for n in nights if n.washout)} washout nights."
    )
    return _render(
        "charts/_timeline.html",
        title="Your experiment night by night",
        desc=desc,
        periods=periods,
        dots=dots,
        gaps=gaps,
        trend=trend,
        ticks=ticks,
        left=left,
        span=span,
        top=top,
        base=base,
        step=step,
        nights=nights,
        total_height=base + 34,
        first=_short(nights[0].day),
        last=_short(nights[-1].day),
    )


def effect(rate_ratio: float, low: float, high: float) -> Markup:
    """The rate ratio of an experiment (a square) and its 95% interval (a line) on a log axis,
    with reference lines at 0.8 (20% fewer) and 1 (no difference)."""
    left, span, y = 20, WIDTH - 40, 30
    ticks = [{"v": v, "x": log_position(v, left, span)} for v in (0.1, 0.25, 0.5, 1, 2, 4, 10)]
    return _render(
        "charts/_effect.html",
        title="The effect of the remedy",
        desc=(
            f"Rate ratio {rate_ratio:.2f}, 95% interval {low:.2f} to {high:.2f}, on a log axis; "
            "left of 1 means fewer cramps with the remedy."
        ),
        rate_ratio=rate_ratio,
        low=low,
        high=high,
        x=log_position(rate_ratio, left, span),
        x1=log_position(low, left, span),
        x2=log_position(high, left, span),
        one=log_position(1, left, span),
        fifth=log_position(0.8, left, span),
        y=y,
        left=left,
        span=span,
        axis_y=y + 22,
        ticks=ticks,
        total_height=y + 52,
    )


__all__ = [
    "Day",
    "Estimate",
    "Marker",
    "TrialNight",
    "Week",
    "daily_intake",
    "effect",
    "forest",
    "log_position",
    "trial_timeline",
    "weekly_cramps",
]
