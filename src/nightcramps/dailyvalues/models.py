"""Day-level values as they arrive from a summary source (the daily CSV, other apps' exports),
the imports that brought them, and imported workouts.

The records of imports live here, beside the values that point at them, so that every reader of
the combined days (the Today and Food pages, the export, the insights) can show where a value
came from without depending on the import pipeline (``nightcramps.imports``), which writes them.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from nightcramps.storage.base import Base, UTCDateTime, utcnow
from nightcramps.storage.owned import OwnedRow


class DailyValue(Base):
    """One value of one factor for one day of one person, as a summary source gave it.

    These live *beside* the detailed entries (the diary's cramps, the nutrition log, the day log)
    and never replace them: when both exist for the same day and factor, the detailed entry wins
    (see ``dailyvalues.service.daily_frame``). A value that is not known has no row; a row never
    holds "unknown" as 0.
    """

    __tablename__ = "daily_value"
    __table_args__ = (
        UniqueConstraint("person_id", "day", "factor", "source", "import_id"),
        Index(
            "uq_daily_value_without_import",
            "person_id",
            "day",
            "factor",
            "source",
            unique=True,
            sqlite_where=text("import_id IS NULL"),
            postgresql_where=text("import_id IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    day: Mapped[date] = mapped_column(Date)
    """The local date: the day of the exposures, and the evening its night starts."""
    factor: Mapped[str] = mapped_column(String(40))
    """A daily-CSV column name with its unit, e.g. ``fluid_ml``, ``cramps``, ``stretched``."""
    value: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(40))
    """Where the value came from: ``import`` for the daily CSV, else the app
    (``apple-health``, ``cronometer``, ...)."""
    import_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_record.id", ondelete="CASCADE"), index=True
    )
    """The import from another app that added it (None for the daily CSV). Each import keeps
    every value its file gave; of two imports of the same app the newer one's value counts, so
    undoing it brings back the one before (``dailyvalues.service.daily_frame``)."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


Status = str
"""``reading`` (the file is being read), ``preview`` (read, waiting for the person's yes),
``done``, ``undone``, or ``failed`` (``error`` says why; nothing was stored)."""


class ImportRecord(OwnedRow, Base):
    """One file imported from another app."""

    __tablename__ = "import_record"

    source: Mapped[str] = mapped_column(String(20))
    """``apple-health``, ``cronometer``, ``myfitnesspal``, ``fitbit`` or ``garmin``; empty while
    the file is still being read."""
    file_name: Mapped[str] = mapped_column(String(255))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    status: Mapped[Status] = mapped_column(String(12))
    bytes_read: Mapped[int] = mapped_column(BigInteger, default=0)
    """Progress while ``reading``, of ``bytes_total``."""
    bytes_total: Mapped[int] = mapped_column(BigInteger, default=0)
    records: Mapped[int] = mapped_column(Integer, default=0)
    first_day: Mapped[date | None] = mapped_column(Date)
    last_day: Mapped[date | None] = mapped_column(Date)
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    """Per factor (and ``workouts``): ``{"added": n, "changed": n, "unchanged": n, "kept": n,
    "first_day": iso, "last_day": iso}``; ``kept`` counts the days a value typed by the person
    is kept over the file's."""
    skipped: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    warnings: Mapped[list[str]] = mapped_column(JSON, default=list)
    profile: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    """What the profile could take from the file (offered, never applied by the import)."""
    staged: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    """The values read, kept between the preview and the person's yes; cleared once stored."""
    error: Mapped[str] = mapped_column(Text, default="")
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ImportedWorkout(OwnedRow, Base):
    """A workout an import brought, shown on its day; deleted with its import. The same workout
    in two exports of one app is a row of each import and shown once."""

    __tablename__ = "imported_workout"
    __table_args__ = (UniqueConstraint("import_id", "started_at", "activity"),)

    import_id: Mapped[int] = mapped_column(
        ForeignKey("import_record.id", ondelete="CASCADE"), index=True
    )
    source: Mapped[str] = mapped_column(String(20))
    day: Mapped[date] = mapped_column(Date, index=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime] = mapped_column(UTCDateTime)
    activity: Mapped[str] = mapped_column(String(80))
    duration_min: Mapped[float] = mapped_column(Float)
    energy_kcal: Mapped[float | None] = mapped_column(Float)
    distance_km: Mapped[float | None] = mapped_column(Float)
    device: Mapped[str] = mapped_column(String(120), default="")
