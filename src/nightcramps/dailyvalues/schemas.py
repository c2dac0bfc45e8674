"""What the daily-values feature returns to the API and the CLI."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field


class ImportSummary(BaseModel):
    """What an import of a daily CSV did (all zeros but ``rows`` when it changed nothing)."""

    rows: int = Field(description="Rows (nights) read from the file.")
    values_added: int
    values_changed: int
    values_unchanged: int
    nights_created: int = Field(description="Diary nights created for imported cramp counts.")
    nights_marked_cramp_free: int = Field(description="Rows whose cramp count is 0.")
    nights_kept_from_diary: list[date] = Field(
        default_factory=list,
        description=(
            "Nights the diary had already answered with another count: the diary's answer is kept "
            "and the file's is not used; change them in the diary if the file is right."
        ),
    )
    first_night: date | None
    last_night: date | None


class SourcedValuePublic(BaseModel):
    """One known value and where it came from."""

    value: float
    source: str = Field(description="diary, nutrition, daylog or import")


class DayValuesPublic(BaseModel):
    """The combined values of one day (and the night that starts that evening)."""

    date: date
    values: dict[str, SourcedValuePublic]


class DailyValuesPublic(BaseModel):
    """Combined day-level values in a date range; days with nothing known are absent."""

    data: list[DayValuesPublic]
    count: int
