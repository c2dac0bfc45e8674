"""A personal experiment and its nights: the randomised schedule, stored before night 1."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nightcramps.storage.base import Base, UTCDateTime
from nightcramps.storage.owned import OwnedRow


class Experiment(OwnedRow, Base):
    """One person's experiment with one remedy: remedy periods (arm A) against usual-routine
    periods (arm B), each block randomised AB or BA.

    Its nights are written when it is made, with the hash of the sequence, so what was
    randomised cannot change once night 1 has begun. ``status`` moves on as the calendar does
    (``service.refresh``): run_in → running → finished, or stopped (with ``stop_reason``).
    """

    __tablename__ = "experiment"

    remedy: Mapped[str] = mapped_column(String(20))
    """stretching, fluids, food or magnesium."""
    blocks: Mapped[int] = mapped_column(Integer)
    """Blocks of two periods (one of each arm), the extension's blocks included."""
    period_nights: Mapped[int] = mapped_column(Integer)
    washout_nights: Mapped[int] = mapped_column(Integer)
    """The first nights of each period, left out of the primary analysis (still shown)."""
    run_in_nights: Mapped[int] = mapped_column(Integer)
    run_in_starts_on: Mapped[date] = mapped_column(Date)
    """The first night of the run-in (no change, not randomised)."""
    starts_on: Mapped[date] = mapped_column(Date)
    """Night 1 of the randomised schedule."""
    ends_on: Mapped[date] = mapped_column(Date)
    """The schedule's last night."""
    status: Mapped[str] = mapped_column(String(12))
    """run_in, running, stopped or finished."""
    stop_reason: Mapped[str] = mapped_column(Text, default="")
    stopped_by: Mapped[str] = mapped_column(String(12), default="")
    """"person" (the Stop button) or "automatic"; "" while not stopped."""
    stopped_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    stopped_on: Mapped[date | None] = mapped_column(Date)
    """The last night the experiment covers when stopped."""
    sequence_hash: Mapped[str] = mapped_column(String(64))
    """The hash of the randomised sequence, stored before night 1."""
    extension_hash: Mapped[str] = mapped_column(String(64), default="")
    """The hash of the added blocks' sequence; "" unless extended."""
    extended_blocks: Mapped[int] = mapped_column(Integer, default=0)
    doctor_agreed: Mapped[bool] = mapped_column(Boolean, default=False)
    """The person ticked "agreed with my doctor" (required for magnesium)."""
    run_in_cramps_per_night: Mapped[float | None] = mapped_column(Float)
    """The run-in's rate, once the run-in is over (the analysis' prior centre)."""

    nights: Mapped[list[ExperimentNight]] = relationship(
        back_populates="experiment",
        order_by="ExperimentNight.day",
        cascade="all, delete-orphan",
    )


class ExperimentNight(OwnedRow, Base):
    """One night of the randomised schedule: its arm, period and whether it is a washout night,
    and the person's one tap ("did you do tonight's assignment?")."""

    __tablename__ = "experiment_night"
    __table_args__ = (UniqueConstraint("experiment_id", "day"),)

    experiment_id: Mapped[int] = mapped_column(
        ForeignKey("experiment.id", ondelete="CASCADE"), index=True
    )
    day: Mapped[date] = mapped_column(Date)
    """The night, dated by its evening (as the diary's ``night_of``)."""
    arm: Mapped[str] = mapped_column(String(1))
    """A (the remedy) or B (as usual)."""
    period: Mapped[int] = mapped_column(Integer)
    """1, 2, … in calendar order."""
    washout: Mapped[bool] = mapped_column(Boolean)
    adhered: Mapped[bool | None] = mapped_column(Boolean)
    """True: did tonight's assignment; False: did not; None: not answered."""

    experiment: Mapped[Experiment] = relationship(back_populates="nights")
