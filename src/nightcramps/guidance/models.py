"""The one thing guidance stores: each person's bedtime-stretch reminder time."""

from __future__ import annotations

from datetime import datetime, time

from sqlalchemy import ForeignKey, Time
from sqlalchemy.orm import Mapped, mapped_column

from nightcramps.storage.base import Base, UTCDateTime, utcnow


class GuidanceReminder(Base):
    """When a person wants to be reminded of their bedtime stretches (one row per person).

    No row means no reminder was set. The browser keeps a copy in localStorage so the routine page
    knows the time offline.
    """

    __tablename__ = "guidance_reminder"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )
    remind_at: Mapped[time] = mapped_column(Time)
    """Local clock time in the person's time zone (e.g. 21:30)."""
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
