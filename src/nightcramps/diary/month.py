"""The month calendar of the diary page. Pure: nights in, a grid of cells out."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

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
        """'none', 'free', 'unknown' or 'sev-N' (N 1-4 from the worst severity), for colour."""
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


def month_grid(
    year: int, month: int, nights: dict[date, NightPublic], *, today: date
) -> list[list[DayCell]]:
    """Weeks (Monday first) of the month, padded with days of the neighbouring months."""
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    return [
        [
            DayCell(day=d, in_month=d.month == month, night=nights.get(d), future=d > today)
            for d in week
        ]
        for week in weeks
    ]


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    """The (year, month) ``delta`` months away."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1
