"""Day-level values as they arrive from a daily summary (the daily CSV, later other apps)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Float, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from nightcramps.storage.base import Base, UTCDateTime, utcnow


class DailyValue(Base):
    """One value of one factor for one day of one person, as a summary source gave it.

    These live *beside* the detailed entries (the diary's cramps, the nutrition log, the day log)
    and never replace them: when both exist for the same day and factor, the detailed entry wins
    (see ``dailyvalues.service.daily_frame``). A value that is not known has no row; a row never
    holds "unknown" as 0.
    """

    __tablename__ = "daily_value"
    __table_args__ = (UniqueConstraint("person_id", "day", "factor", "source"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    day: Mapped[date] = mapped_column(Date)
    """The local date: the day of the exposures, and the evening its night starts."""
    factor: Mapped[str] = mapped_column(String(40))
    """A daily-CSV column name with its unit, e.g. ``fluid_ml``, ``cramps``, ``stretched``."""
    value: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(40))
    """Where the value came from: ``import`` for the daily CSV."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
