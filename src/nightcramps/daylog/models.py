"""What a person logs about the day before the night.

Every row carries ``person_id`` and, except medicines, the local ``day`` it belongs to (the day D
precedes the night of D). Entries are soft-deleted (``deleted_at``) so a deletion can be undone.
What is derived from a row's own columns (a workout's effort and load, a sleep's hours) is a
property here, so the public schemas read it with the columns (``XPublic.model_validate(row)``).

How a column is declared is what the day log's services go by when they store a change
(``service._common.store_changes``): a ``Numeric`` column rounds to its scale, a text column with
the default ``""`` stores an emptied value as ``""``, and a column that is not nullable refuses to
be emptied.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    Date,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from nightcramps.daylog import exertion
from nightcramps.daylog.schemas import Effort
from nightcramps.storage.base import Base, UTCDateTime
from nightcramps.storage.owned import OwnedRow, SoftDeletable


class _Entry(OwnedRow, SoftDeletable):
    """Columns every day-log entry has: owner, timestamps and an undoable deletion."""


class DayRecord(_Entry, Base):
    """The one-per-day answers: steps, long standing or sitting, massage or heat, and the explicit
    "none today" answers that turn an unknown into a zero (no stretching, rest day, no alcohol,
    no caffeine). A day without a row is unknown, never zero."""

    __tablename__ = "day_record"
    __table_args__ = (UniqueConstraint("person_id", "day"),)

    day: Mapped[date] = mapped_column(Date)
    steps: Mapped[int | None] = mapped_column(Integer)
    standing_h: Mapped[Decimal | None] = mapped_column(Numeric(4, 2))
    sitting_h: Mapped[Decimal | None] = mapped_column(Numeric(4, 2))
    massage_used: Mapped[bool | None] = mapped_column(Boolean)
    heat_used: Mapped[bool | None] = mapped_column(Boolean)
    no_stretching: Mapped[bool] = mapped_column(Boolean, default=False)
    no_exercise: Mapped[bool] = mapped_column(Boolean, default=False)
    no_alcohol: Mapped[bool] = mapped_column(Boolean, default=False)
    no_caffeine: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")


class Activity(_Entry, Base):
    """A workout or a spell of light exercise."""

    __tablename__ = "activity"
    __table_args__ = (Index("ix_activity_person_id_day", "person_id", "day"),)

    day: Mapped[date] = mapped_column(Date)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    activity_type: Mapped[str] = mapped_column(String(50))
    duration_min: Mapped[Decimal] = mapped_column(Numeric(6, 1))
    intensity_0_10: Mapped[int] = mapped_column(Integer)
    """Effort relative to the person's own capacity (WHO: moderate 5-6, vigorous 7-8)."""
    notes: Mapped[str] = mapped_column(Text, default="")

    @property
    def effort(self) -> Effort:
        """light, moderate or vigorous, from ``intensity_0_10``."""
        return exertion.effort_of(self.intensity_0_10)

    @property
    def load(self) -> float:
        """Session-RPE load: minutes x intensity (``exertion.session_load``)."""
        return exertion.session_load(float(self.duration_min), self.intensity_0_10)


class StretchSession(_Entry, Base):
    """A stretching routine done (usually at bedtime)."""

    __tablename__ = "stretch_session"
    __table_args__ = (Index("ix_stretch_session_person_id_day", "person_id", "day"),)

    day: Mapped[date] = mapped_column(Date)
    at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    routine: Mapped[str] = mapped_column(String(100))
    duration_min: Mapped[Decimal | None] = mapped_column(Numeric(5, 1))


class AlcoholIntake(_Entry, Base):
    """Alcoholic drinks; standard units when the person knows them."""

    __tablename__ = "alcohol_intake"
    __table_args__ = (Index("ix_alcohol_intake_person_id_day", "person_id", "day"),)

    day: Mapped[date] = mapped_column(Date)
    at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    drinks: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    standard_units: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    kind: Mapped[str] = mapped_column(String(50), default="")


class CaffeineIntake(_Entry, Base):
    """Caffeine, in milligrams as entered ("coffee 95 mg")."""

    __tablename__ = "caffeine_intake"
    __table_args__ = (Index("ix_caffeine_intake_person_id_day", "person_id", "day"),)

    day: Mapped[date] = mapped_column(Date)
    at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    caffeine_mg: Mapped[Decimal] = mapped_column(Numeric(7, 1))
    source: Mapped[str] = mapped_column(String(50), default="")


class SleepPeriod(_Entry, Base):
    """A sleep (usually the main one of a night), filed under the day it ended in."""

    __tablename__ = "sleep_period"
    __table_args__ = (Index("ix_sleep_period_person_id_day", "person_id", "day"),)

    day: Mapped[date] = mapped_column(Date)
    """Local date of the wake time: last night's sleep is the sleep *before* this day."""
    bed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    wake_at: Mapped[datetime] = mapped_column(UTCDateTime)

    @property
    def sleep_h(self) -> float:
        """Hours from ``bed_at`` to ``wake_at``, to two places."""
        return round((self.wake_at - self.bed_at).total_seconds() / 3600, 2)


class Medicine(_Entry, Base):
    """A medicine as the person typed it, with dose and the dates taken.

    The drug class is not stored: it is recognised from ``name`` when read, so improvements to the
    matcher apply to everything already logged.
    """

    __tablename__ = "medicine"

    name: Mapped[str] = mapped_column(String(200))
    dose: Mapped[str] = mapped_column(String(100), default="")
    started_on: Mapped[date | None] = mapped_column(Date)
    """Local date the person started it; None when not known."""
    stopped_on: Mapped[date | None] = mapped_column(Date)
    """Local date of the last dose; None while still taking it."""
    notes: Mapped[str] = mapped_column(Text, default="")

    @property
    def taking(self) -> bool:
        """True while no stop date is set."""
        return self.stopped_on is None
