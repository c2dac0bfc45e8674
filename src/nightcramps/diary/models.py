"""Nights and cramps."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nightcramps.storage.base import Base, UTCDateTime
from nightcramps.storage.owned import OwnedRow, SoftDeletable


class Night(OwnedRow, SoftDeletable, Base):
    """One night of one person, dated by the evening it started (``night_of``).

    A night exists once anything was logged for it. ``no_cramps`` records the explicit answer
    "no cramps last night"; a night without a row was not logged and is unknown, never cramp-free.
    """

    __tablename__ = "night"
    __table_args__ = (UniqueConstraint("person_id", "night_of"),)

    night_of: Mapped[date] = mapped_column(Date)
    """Local date of the evening the night started."""
    no_cramps: Mapped[bool] = mapped_column(Boolean, default=False)
    sleep_disturbance_0_10: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="")

    cramps: Mapped[list[Cramp]] = relationship(
        back_populates="night",
        order_by="Cramp.started_at",
        cascade="all, delete-orphan",
    )


class Cramp(OwnedRow, SoftDeletable, Base):
    """One cramp episode during a night."""

    __tablename__ = "cramp"

    night_id: Mapped[int] = mapped_column(ForeignKey("night.id", ondelete="CASCADE"), index=True)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    """When it began; None means "some time during the night"."""
    muscle: Mapped[str] = mapped_column(String(20))
    side: Mapped[str] = mapped_column(String(10))
    severity_0_10: Mapped[int] = mapped_column(Integer)
    duration_min: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    """Minutes; None when not known."""
    relief: Mapped[list[str]] = mapped_column(JSON, default=list)
    """What was used: any of stretch, massage, heat, walking, other."""
    relief_effect: Mapped[str | None] = mapped_column(String(20))
    """How well the relief worked: none, a_little, mostly, completely; None when not said."""
    notes: Mapped[str] = mapped_column(Text, default="")

    night: Mapped[Night] = relationship(back_populates="cramps")

    @property
    def night_of(self) -> date:
        """The night the cramp belongs to (its night's evening date)."""
        return self.night.night_of
