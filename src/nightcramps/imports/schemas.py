"""What the imports feature returns to the API, the CLI and the pages."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field


class FactorCounts(BaseModel):
    """What an import did (or, in a preview, would do) to one factor's day values."""

    added: int = Field(0, description="Days that had no value from this app before.")
    changed: int = Field(0, description="Days whose value from this app the file changes.")
    unchanged: int = Field(0, description="Days whose value is already there: nothing to do.")
    kept: int = Field(
        0,
        description=(
            "Days where the person logged this factor by hand: their entry is kept and used, "
            "the file's value is stored but not used."
        ),
    )
    first_day: date | None = None
    last_day: date | None = None


class ImportPublic(BaseModel):
    """One import from another app: a recorded object that can be undone."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    source: str = Field(description="apple-health, cronometer, myfitnesspal, fitbit or garmin")
    file_name: str
    size_bytes: int
    sha256: str
    status: str = Field(description="reading, preview, done, undone or failed")
    bytes_read: int
    bytes_total: int
    records: int = Field(description="Records read from the file, used or not.")
    first_day: date | None
    last_day: date | None
    counts: dict[str, FactorCounts] = Field(
        description="Per factor (and 'workouts'): what the import added, changed and kept."
    )
    skipped: dict[str, int] = Field(description="What was not imported and why → how many.")
    warnings: list[str]
    profile: dict[str, str] = Field(
        description="What the profile could take from the file (birth_date, sex); never applied."
    )
    error: str = Field(description="Why a failed import failed (nothing was stored).")
    created_at: datetime
    finished_at: datetime | None
    undone_at: datetime | None
    already_imported: int | None = Field(
        None, description="The import that already brought this same file (nothing changed)."
    )


class ImportList(BaseModel):
    """The person's imports, newest first."""

    data: list[ImportPublic]
    count: int


class WorkoutPublic(BaseModel):
    """A workout an import brought."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    import_id: int
    source: str
    day: date
    started_at: datetime
    ended_at: datetime
    activity: str
    duration_min: float
    energy_kcal: float | None
    distance_km: float | None
    device: str
