"""The day as a whole: its one-per-day answers (steps, standing, sitting, remedies, "none
today") and everything logged for it."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from nightcramps.daylog.constants import MAX_STANDING_SITTING_H
from nightcramps.daylog.models import DayRecord
from nightcramps.daylog.schemas import DayFactorsPublic, DayLogPublic, DayUpdate
from nightcramps.daylog.service._common import day_record, to_decimal, to_float
from nightcramps.daylog.service.entries import list_entries
from nightcramps.daylog.service.entry_kind import AnyKind
from nightcramps.daylog.service.factors import daily_factors
from nightcramps.daylog.service.kinds import KINDS
from nightcramps.daylog.service.medicines import medicines_on
from nightcramps.daylog.service.timing import check_day
from nightcramps.errors import Conflict, Invalid
from nightcramps.owner import Owner

NONE_TODAY: tuple[AnyKind, ...] = tuple(kind for kind in KINDS if kind.none_flag)
"""The kinds a day can answer "none today" for (``EntryKind.none_flag``)."""
NONE_FLAGS = frozenset(flag for kind in NONE_TODAY if (flag := kind.none_flag))
"""The "none today" answers of ``DayRecord`` ("no_alcohol", …)."""


def _day_record_for_writing(session: Session, owner: Owner, day: date) -> DayRecord:
    record = day_record(session, owner, day)
    if record is None:
        record = DayRecord(
            person_id=owner.person_id,
            day=day,
            **dict.fromkeys(NONE_FLAGS, False),
            notes="",
        )
        session.add(record)
        session.flush()
    return record


def _live_count(session: Session, owner: Owner, kind: AnyKind, day: date) -> int:
    """How many live entries of ``kind`` the day has."""
    model = kind.model
    rows = session.scalars(
        select(model.id).where(
            model.person_id == owner.person_id, model.day == day, model.deleted_at.is_(None)
        )
    ).all()
    return len(rows)


def update_day(
    *, session: Session, owner: Owner, day: date, day_in: DayUpdate, now: datetime | None = None
) -> DayLogPublic:
    """Set the day's one-per-day answers (steps, standing, sitting, massage, heat, "none today").

    Whether "no caffeine" contradicts the food and drinks log is the combined day's question:
    the shells call ``dailyvalues.service.update_day``, which asks it and then this.

    Raises:
        Invalid: the day is in the future, or standing and sitting exceed 24 hours.
        Conflict: "none today" for something already logged that day (delete it first).
    """
    check_day(day, owner=owner, now=now)
    changes = day_in.model_dump(exclude_unset=True)
    for kind in NONE_TODAY:
        flag = kind.none_flag
        if flag and changes.get(flag) and (count := _live_count(session, owner, kind, day)):
            raise Conflict(
                f"{day.isoformat()} already has {count} {kind.noun}(s) logged; "
                f"delete them before answering {flag.replace('_', ' ')!r}.",
                fields={flag: "contradicts what is logged"},
            )
    record = _day_record_for_writing(session, owner, day)
    standing = changes.get("standing_h", to_float(record.standing_h))
    sitting = changes.get("sitting_h", to_float(record.sitting_h))
    if standing is not None and sitting is not None and standing + sitting > MAX_STANDING_SITTING_H:
        raise Invalid(
            f"Standing ({standing:g} h) and sitting ({sitting:g} h) add up to more than 24 hours; "
            "lower one of them.",
            fields={"sitting_h": "too many hours in the day"},
        )
    for name, value in changes.items():
        if name in NONE_FLAGS:
            value = bool(value)
        elif name == "notes":
            value = value or ""
        elif name in ("standing_h", "sitting_h"):
            value = to_decimal(value)
        setattr(record, name, value)
    session.flush()
    return day_log(session=session, owner=owner, day=day)


def day_log(*, session: Session, owner: Owner, day: date) -> DayLogPublic:
    """Everything logged for ``day``, with its factors (an unlogged day comes back empty)."""
    record = day_record(session, owner, day)
    factors = daily_factors(session=session, owner=owner, start=day, end=day)[day]
    return DayLogPublic(
        day=day,
        steps=None if record is None else record.steps,
        standing_h=None if record is None else to_float(record.standing_h),
        sitting_h=None if record is None else to_float(record.sitting_h),
        massage_used=None if record is None else record.massage_used,
        heat_used=None if record is None else record.heat_used,
        **{flag: bool(record and getattr(record, flag)) for flag in NONE_FLAGS},
        notes="" if record is None else record.notes,
        **{
            kind.path: list_entries(session=session, owner=owner, kind=kind, start=day, end=day)
            for kind in KINDS
            if kind.dated
        },
        medicines=medicines_on(session=session, owner=owner, day=day),
        factors=DayFactorsPublic(**factors),
    )
