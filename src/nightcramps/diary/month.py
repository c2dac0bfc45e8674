"""The month calendar of the diary page. Pure: nights in, a grid of cells out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from nightcramps import charts, timing
from nightcramps.diary.schemas import NightPublic


@dataclass(frozen=True, slots=True)
class DayCell:
    """One day of the month grid."""

    day: date
    in_month: bool
    night: NightPublic | None
    future: bool

    @property
    def css_class(self) -> str:
        """'future', 'none', 'free', 'unknown' or 'sev-N' (N 1-4 from the worst severity), for
        colour, plus ' out' for a day of a neighbouring month."""
        return self._kind + ("" if self.in_month else " out")

    @property
    def _kind(self) -> str:
        if self.future:
            return "future"
        if self.night is None:
            return "none"
        if self.night.status == "no_cramps":
            return "free"
        if self.night.status == "unknown":
            return "unknown"
        worst = self.night.worst_severity_0_10 or 0
        return f"sev-{min(4, 1 + worst // 3)}"

    @property
    def label(self) -> str:
        """A description for screen readers: colour is never the only signal."""
        when = f"{self.day:%A} {self.day.day} {self.day:%B}"
        if self.future:
            return f"{when}: not begun yet"
        if self.night is None:
            return f"{when}: not logged"
        if self.night.status == "no_cramps":
            return f"{when}: no cramps"
        if self.night.status == "unknown":
            return f"{when}: logged, cramps not answered"
        count = self.night.cramp_count
        text = f"{when}: {count} cramp{'s' if count != 1 else ''}"
        if self.night.worst_severity_0_10 is not None:
            text += f", worst {self.night.worst_severity_0_10} of 10"
        if self.night.counted_from == "import":
            text += " (imported count)"
        return text


def grid_span(year: int, month: int) -> tuple[date, date]:
    """The first and last day the month's grid shows (a Monday and a Sunday)."""
    weeks = timing.month_weeks(year, month)
    return weeks[0][0], weeks[-1][-1]


def month_grid(
    year: int, month: int, nights: dict[date, NightPublic], *, current_night: date
) -> list[list[DayCell]]:
    """Weeks (Monday first) of the month, padded with days of the neighbouring months; every
    cell carries its night, also the padded ones. Nights after ``current_night`` have not begun.
    """
    return [
        [
            DayCell(day=d, in_month=d.month == month, night=nights.get(d), future=d > current_night)
            for d in week
        ]
        for week in timing.month_weeks(year, month)
    ]


shift_month = timing.shift_month


CHART_WEEKS = 12
"""The diary's weekly chart shows the last 12 weeks by default (memo 3, as the report does)."""

CHART_SPANS = (4, 12, 26, 52)
"""The spans, in weeks, the diary's chart may be asked for (``?weeks=``)."""


def chart_weeks(
    nights: Mapping[date, NightPublic], end: date, weeks: int = CHART_WEEKS
) -> list[charts.Week]:
    """``weeks`` weeks of seven nights ending on ``end``, oldest first, for
    :func:`nightcramps.charts.weekly_cramps`. A night absent from ``nights`` or not answered
    counts as not logged, never as a night without cramps."""
    out = []
    for i in range(weeks - 1, -1, -1):
        first = end - timedelta(days=7 * i + 6)
        days = [first + timedelta(days=d) for d in range(7)]
        known = [nights[d] for d in days if d in nights and nights[d].status != "unknown"]
        cramp = [n for n in known if n.status == "cramps"]
        worst = [n.worst_severity_0_10 for n in cramp if n.worst_severity_0_10 is not None]
        out.append(
            charts.Week(
                first, len(cramp), len(known) - len(cramp), 7 - len(known), max(worst, default=None)
            )
        )
    return out
