"""The day log's operations. No HTTP and no terminal here: pages, API and CLI call these.

Every function takes the ``Owner`` and only ever reads or writes that person's rows. Functions
return the public schemas (``...Public``), so other features can use them without the models.
Functions other features call: ``log_stretch``, ``daily_factors``, ``list_medicines``,
``medicine_starts`` (and ``check_medicine``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from nightcramps.daylog import exertion, medicines
from nightcramps.daylog.constants import (
    DAY_ROLLOVER_HOUR,
    EARLIEST_DAY_YEAR,
    EXERTION_WINDOW_DAYS,
    MAX_CAFFEINE_MG_PER_ENTRY,
    MAX_SLEEP_H,
    MAX_STANDING_SITTING_H,
)
from nightcramps.daylog.models import (
    Activity,
    AlcoholIntake,
    CaffeineIntake,
    DayRecord,
    Medicine,
    SleepPeriod,
    StretchSession,
)
from nightcramps.daylog.schemas import (
    ActivityCreate,
    ActivityPublic,
    ActivityUpdate,
    AlcoholCreate,
    AlcoholPublic,
    AlcoholUpdate,
    CaffeineCreate,
    CaffeinePublic,
    CaffeineUpdate,
    DayFactorsPublic,
    DayLogPublic,
    DayUpdate,
    Effort,
    EntryKind,
    MedicineCheckPublic,
    MedicineCreate,
    MedicinePublic,
    MedicineUpdate,
    SleepCreate,
    SleepPublic,
    SleepUpdate,
    StretchCreate,
    StretchPublic,
    StretchUpdate,
)
from nightcramps.errors import Conflict, Invalid, NotFound
from nightcramps.owner import Owner
from nightcramps.storage.base import utcnow

MAX_RANGE_DAYS = 3660
"""The longest date range one call may ask for (about ten years)."""

FUTURE_TOLERANCE = timedelta(minutes=5)
"""Clock skew allowed between a phone and the server before a time counts as the future."""

FACTOR_KEYS = (
    "steps",
    "exercise_min",
    "stretched",
    "alcohol_drinks",
    "caffeine_mg",
    "sleep_h",
    "exertion_ratio",
)
"""The keys of every day in ``daily_factors``, in this order."""

MODELS: dict[str, type[Any]] = {
    "activity": Activity,
    "stretch": StretchSession,
    "alcohol": AlcoholIntake,
    "caffeine": CaffeineIntake,
    "sleep": SleepPeriod,
    "medicine": Medicine,
}
KIND_NAMES = {
    "activity": "workout",
    "stretch": "stretching session",
    "alcohol": "alcohol entry",
    "caffeine": "caffeine entry",
    "sleep": "sleep entry",
    "medicine": "medicine",
}
NONE_FLAGS = {
    "activity": "no_exercise",
    "stretch": "no_stretching",
    "alcohol": "no_alcohol",
    "caffeine": "no_caffeine",
}
"""Which "none today" answer an entry of each kind contradicts."""

E = TypeVar("E")


# ---------------------------------------------------------------------------- days and times


def day_start_hour(owner: Owner) -> int:
    """Local hour a new day begins: 04:00, or the night cut-over if that is earlier."""
    return min(DAY_ROLLOVER_HOUR, owner.cutover_hour)


def day_of(moment: datetime, *, owner: Owner) -> date:
    """The day a moment belongs to: 00:30 on the 24th is still the 23rd (before that night)."""
    local = moment.astimezone(owner.tz)
    if local.hour < day_start_hour(owner):
        return local.date() - timedelta(days=1)
    return local.date()


def today(*, owner: Owner, now: datetime | None = None) -> date:
    """The person's current day."""
    return day_of(now or utcnow(), owner=owner)


def local_moment(value: datetime, *, owner: Owner) -> datetime:
    """A clock time as typed: naive values are in the person's zone, aware ones kept."""
    return value.replace(tzinfo=owner.tz) if value.tzinfo is None else value


def _check_moment(moment: datetime, now: datetime | None, field: str) -> None:
    if moment.year <= EARLIEST_DAY_YEAR:
        raise Invalid(
            f"{moment:%Y-%m-%d} is too long ago; check the year.", fields={field: "too early"}
        )
    if moment > (now or utcnow()) + FUTURE_TOLERANCE:
        raise Invalid(
            f"{moment.isoformat(timespec='minutes')} is in the future; log things once they "
            "have happened.",
            fields={field: "is in the future"},
        )


def _check_day(day: date, *, owner: Owner, now: datetime | None, field: str = "day") -> None:
    if day.year < EARLIEST_DAY_YEAR:
        raise Invalid(
            f"{day.isoformat()} is too long ago; check the year.", fields={field: "too early"}
        )
    if day > today(owner=owner, now=now):
        raise Invalid(
            f"{day.isoformat()} has not begun yet; log days that have started.",
            fields={field: "is in the future"},
        )


def resolve_day(
    at: datetime | None,
    day: date | None,
    *,
    owner: Owner,
    now: datetime | None = None,
    at_field: str = "at",
) -> tuple[datetime | None, date]:
    """The moment (aware, or None) and the day of an entry given ``at`` and/or ``day``.

    Raises:
        Invalid: the time or day is in the future, or they disagree.
    """
    moment = None if at is None else local_moment(at, owner=owner)
    if moment is None:
        resolved = day or today(owner=owner, now=now)
    else:
        _check_moment(moment, now, at_field)
        resolved = day_of(moment, owner=owner)
        if day is not None and day != resolved:
            raise Invalid(
                f"{moment:%Y-%m-%d %H:%M} belongs to the day {resolved.isoformat()}, not "
                f"{day.isoformat()} (times before {day_start_hour(owner):02d}:00 count for the "
                "day before); leave day out or fix the time.",
                fields={"day": "does not match the time"},
            )
    _check_day(resolved, owner=owner, now=now)
    return moment, resolved


def check_range(start: date | None, end: date | None) -> None:
    """Refuse reversed, too early or over-long ranges with a message that says how to fix them."""
    for name, value in (("from", start), ("to", end)):
        if value is not None and value.year < EARLIEST_DAY_YEAR:
            raise Invalid(
                f"{value.isoformat()} is too long ago; check the year.", fields={name: "too early"}
            )
    if start is not None and end is not None:
        if end < start:
            raise Invalid(
                f"The range ends ({end}) before it starts ({start}); swap from and to.",
                fields={"to": "is before from"},
            )
        if (end - start).days > MAX_RANGE_DAYS:
            raise Invalid("Ask for at most ten years at a time.", fields={"from": "too early"})


def _decimal(value: float | None, places: int = 2) -> Decimal | None:
    return None if value is None else Decimal(str(round(value, places)))


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


# ---------------------------------------------------------------------------- generic entries


def _get_entry(
    session: Session, owner: Owner, kind: EntryKind, entry_id: int, *, deleted: bool = False
) -> Any:
    model = MODELS[kind]
    entry = session.get(model, entry_id)
    if (
        entry is None
        or entry.person_id != owner.person_id
        or ((entry.deleted_at is not None) != deleted)
    ):
        what = "deleted " if deleted else ""
        raise NotFound(f"There is no {what}{KIND_NAMES[kind]} number {entry_id} in your log.")
    return entry


def _list_entries(
    session: Session,
    owner: Owner,
    model: type[E],
    start: date | None,
    end: date | None,
) -> Sequence[E]:
    check_range(start, end)
    column: Any = model.day  # type: ignore[attr-defined]
    query: Any = select(model).where(
        model.person_id == owner.person_id,  # type: ignore[attr-defined]
        model.deleted_at.is_(None),  # type: ignore[attr-defined]
    )
    if start is not None:
        query = query.where(column >= start)
    if end is not None:
        query = query.where(column <= end)
    query = query.order_by(column.desc(), model.id.desc())  # type: ignore[attr-defined]
    result: Sequence[E] = session.scalars(query).all()
    return result


def to_public(kind: EntryKind, entry: Any) -> Any:
    """The public schema of any entry."""
    converters: dict[str, Callable[[Any], Any]] = {
        "activity": to_activity_public,
        "stretch": to_stretch_public,
        "alcohol": to_alcohol_public,
        "caffeine": to_caffeine_public,
        "sleep": to_sleep_public,
        "medicine": to_medicine_public,
    }
    return converters[kind](entry)


def get_entry(*, session: Session, owner: Owner, kind: EntryKind, entry_id: int) -> Any:
    """One entry of this person, as its public schema.

    Raises:
        NotFound: no such entry, it was deleted, or it belongs to someone else.
    """
    return to_public(kind, _get_entry(session, owner, kind, entry_id))


def delete_entry(*, session: Session, owner: Owner, kind: EntryKind, entry_id: int) -> Any:
    """Delete an entry; ``restore_entry`` brings it back within the undo window."""
    entry = _get_entry(session, owner, kind, entry_id)
    entry.deleted_at = utcnow()
    session.flush()
    return to_public(kind, entry)


def restore_entry(*, session: Session, owner: Owner, kind: EntryKind, entry_id: int) -> Any:
    """Undo the deletion of an entry.

    Raises:
        Conflict: restoring would contradict what was logged since (a second sleep for the same
            night, or a "none today" answer given after the deletion).
    """
    entry = _get_entry(session, owner, kind, entry_id, deleted=True)
    if kind == "sleep":
        _check_one_sleep(session, owner, entry.day, except_id=entry.id)
    if kind in NONE_FLAGS:
        _clear_none_flag(session, owner, entry.day, kind)
    entry.deleted_at = None
    session.flush()
    return to_public(kind, entry)


def purge_deleted(*, session: Session, older_than: timedelta, now: datetime | None = None) -> int:
    """Remove for good what was deleted longer ago than ``older_than``; returns rows removed."""
    cutoff = (now or utcnow()) - older_than
    removed = 0
    for model in MODELS.values():
        for entry in session.scalars(select(model).where(model.deleted_at < cutoff)):
            session.delete(entry)
            removed += 1
    session.flush()
    return removed


# ---------------------------------------------------------------------------- the day record


def _day_record(session: Session, owner: Owner, day: date) -> DayRecord | None:
    return session.scalars(
        select(DayRecord).where(DayRecord.person_id == owner.person_id, DayRecord.day == day)
    ).one_or_none()


def _day_record_for_writing(session: Session, owner: Owner, day: date) -> DayRecord:
    record = _day_record(session, owner, day)
    if record is None:
        record = DayRecord(
            person_id=owner.person_id,
            day=day,
            no_stretching=False,
            no_exercise=False,
            no_alcohol=False,
            no_caffeine=False,
            notes="",
        )
        session.add(record)
        session.flush()
    return record


def _clear_none_flag(session: Session, owner: Owner, day: date, kind: str) -> None:
    """A new entry wins over an earlier "none today" answer for the same day."""
    record = _day_record(session, owner, day)
    if record is not None and getattr(record, NONE_FLAGS[kind]):
        setattr(record, NONE_FLAGS[kind], False)


def _live_count(session: Session, owner: Owner, kind: str, day: date) -> int:
    model = MODELS[kind]
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

    Raises:
        Invalid: the day is in the future, or standing and sitting exceed 24 hours.
        Conflict: "none today" for something already logged that day (delete it first).
    """
    _check_day(day, owner=owner, now=now)
    changes = day_in.model_dump(exclude_unset=True)
    for kind, flag in NONE_FLAGS.items():
        if changes.get(flag):
            count = _live_count(session, owner, kind, day)
            if count:
                raise Conflict(
                    f"{day.isoformat()} already has {count} {KIND_NAMES[kind]}(s) logged; "
                    f"delete them before answering {flag.replace('_', ' ')!r}.",
                    fields={flag: "contradicts what is logged"},
                )
    record = _day_record_for_writing(session, owner, day)
    standing = changes.get("standing_h", _float(record.standing_h))
    sitting = changes.get("sitting_h", _float(record.sitting_h))
    if standing is not None and sitting is not None and standing + sitting > MAX_STANDING_SITTING_H:
        raise Invalid(
            f"Standing ({standing:g} h) and sitting ({sitting:g} h) add up to more than 24 hours; "
            "lower one of them.",
            fields={"sitting_h": "too many hours in the day"},
        )
    for name, value in changes.items():
        if name in NONE_FLAGS.values():
            value = bool(value)
        elif name == "notes":
            value = value or ""
        elif name in ("standing_h", "sitting_h"):
            value = _decimal(value)
        setattr(record, name, value)
    session.flush()
    return day_log(session=session, owner=owner, day=day)


# ---------------------------------------------------------------------------- activity


def effort_of(intensity_0_10: int) -> Effort:
    """The effort word for a 0-10 intensity (WHO: moderate is 5-6, vigorous 7-8)."""
    if intensity_0_10 >= 7:
        return "vigorous"
    if intensity_0_10 >= 5:
        return "moderate"
    return "light"


def to_activity_public(activity: Activity) -> ActivityPublic:
    """The public view of a workout."""
    minutes = float(activity.duration_min)
    return ActivityPublic(
        id=activity.id,
        day=activity.day,
        started_at=activity.started_at,
        activity_type=activity.activity_type,
        duration_min=minutes,
        intensity_0_10=activity.intensity_0_10,
        effort=effort_of(activity.intensity_0_10),
        load=exertion.session_load(minutes, activity.intensity_0_10),
        notes=activity.notes,
    )


def log_activity(
    *, session: Session, owner: Owner, activity_in: ActivityCreate, now: datetime | None = None
) -> ActivityPublic:
    """Record a workout or light exercise on its day (a "rest day" answer is withdrawn)."""
    moment, day = resolve_day(activity_in.at, activity_in.day, owner=owner, now=now)
    _clear_none_flag(session, owner, day, "activity")
    activity = Activity(
        person_id=owner.person_id,
        day=day,
        started_at=moment,
        activity_type=activity_in.activity_type,
        duration_min=_decimal(activity_in.duration_min, 1),
        intensity_0_10=activity_in.intensity_0_10,
        notes=activity_in.notes,
    )
    session.add(activity)
    session.flush()
    return to_activity_public(activity)


def _move(
    entry: Any,
    changes: dict[str, Any],
    owner: Owner,
    now: datetime | None,
    kind: str,
    session: Session,
    time_attr: str = "at",
) -> None:
    """Apply a changed time and/or day to an entry."""
    if "at" not in changes and "day" not in changes:
        return
    at = changes.pop("at", None)
    day = changes.pop("day", None)
    if at is None and day is None:
        setattr(entry, time_attr, None)
        return
    moment, resolved = resolve_day(at, day, owner=owner, now=now)
    if moment is not None or day is not None:
        setattr(entry, time_attr, moment)
    if resolved != entry.day:
        _clear_none_flag(session, owner, resolved, kind)
    entry.day = resolved


def update_activity(
    *,
    session: Session,
    owner: Owner,
    activity_id: int,
    activity_in: ActivityUpdate,
    now: datetime | None = None,
) -> ActivityPublic:
    """Change a workout; only the fields given change (a new time may move it to another day)."""
    activity: Activity = _get_entry(session, owner, "activity", activity_id)
    changes = activity_in.model_dump(exclude_unset=True)
    _move(activity, changes, owner, now, "activity", session, time_attr="started_at")
    for name, value in changes.items():
        if value is None and name != "notes":
            raise Invalid(f"{name} cannot be empty.", fields={name: "cannot be empty"})
        if name == "duration_min":
            value = _decimal(value, 1)
        setattr(activity, name, (value or "") if name == "notes" else value)
    session.flush()
    return to_activity_public(activity)


def list_activities(
    *, session: Session, owner: Owner, start: date | None = None, end: date | None = None
) -> list[ActivityPublic]:
    """Workouts from ``start`` to ``end`` inclusive, newest first."""
    rows = _list_entries(session, owner, Activity, start, end)
    return [to_activity_public(a) for a in rows]


# ---------------------------------------------------------------------------- stretching


def to_stretch_public(stretch: StretchSession) -> StretchPublic:
    """The public view of a stretching session."""
    return StretchPublic(
        id=stretch.id,
        day=stretch.day,
        at=stretch.at,
        routine=stretch.routine,
        duration_min=_float(stretch.duration_min),
    )


def log_stretch(
    *, session: Session, owner: Owner, stretch_in: StretchCreate, now: datetime | None = None
) -> StretchPublic:
    """Record a stretching routine done (the bedtime-routine page calls this when finished).

    With neither ``at`` nor ``day`` it is logged for today. A "no stretching" answer for that
    day is withdrawn. The caller commits the session.

    Raises:
        Invalid: the time or day is in the future, or they disagree.
    """
    moment, day = resolve_day(stretch_in.at, stretch_in.day, owner=owner, now=now)
    _clear_none_flag(session, owner, day, "stretch")
    stretch = StretchSession(
        person_id=owner.person_id,
        day=day,
        at=moment,
        routine=stretch_in.routine,
        duration_min=_decimal(stretch_in.duration_min, 1),
    )
    session.add(stretch)
    session.flush()
    return to_stretch_public(stretch)


def update_stretch(
    *,
    session: Session,
    owner: Owner,
    stretch_id: int,
    stretch_in: StretchUpdate,
    now: datetime | None = None,
) -> StretchPublic:
    """Change a stretching session."""
    stretch: StretchSession = _get_entry(session, owner, "stretch", stretch_id)
    changes = stretch_in.model_dump(exclude_unset=True)
    _move(stretch, changes, owner, now, "stretch", session)
    if "routine" in changes and changes["routine"] is None:
        raise Invalid("routine cannot be empty.", fields={"routine": "cannot be empty"})
    for name, value in changes.items():
        setattr(stretch, name, _decimal(value, 1) if name == "duration_min" else value)
    session.flush()
    return to_stretch_public(stretch)


def list_stretches(
    *, session: Session, owner: Owner, start: date | None = None, end: date | None = None
) -> list[StretchPublic]:
    """Stretching sessions from ``start`` to ``end`` inclusive, newest first."""
    return [to_stretch_public(s) for s in _list_entries(session, owner, StretchSession, start, end)]


# ---------------------------------------------------------------------------- alcohol


def to_alcohol_public(entry: AlcoholIntake) -> AlcoholPublic:
    """The public view of an alcohol entry."""
    return AlcoholPublic(
        id=entry.id,
        day=entry.day,
        at=entry.at,
        drinks=float(entry.drinks),
        standard_units=_float(entry.standard_units),
        kind=entry.kind,
    )


def log_alcohol(
    *, session: Session, owner: Owner, alcohol_in: AlcoholCreate, now: datetime | None = None
) -> AlcoholPublic:
    """Record alcoholic drinks on their day (a "no alcohol" answer is withdrawn)."""
    moment, day = resolve_day(alcohol_in.at, alcohol_in.day, owner=owner, now=now)
    _clear_none_flag(session, owner, day, "alcohol")
    entry = AlcoholIntake(
        person_id=owner.person_id,
        day=day,
        at=moment,
        drinks=_decimal(alcohol_in.drinks),
        standard_units=_decimal(alcohol_in.standard_units),
        kind=alcohol_in.kind,
    )
    session.add(entry)
    session.flush()
    return to_alcohol_public(entry)


def update_alcohol(
    *,
    session: Session,
    owner: Owner,
    alcohol_id: int,
    alcohol_in: AlcoholUpdate,
    now: datetime | None = None,
) -> AlcoholPublic:
    """Change an alcohol entry."""
    entry: AlcoholIntake = _get_entry(session, owner, "alcohol", alcohol_id)
    changes = alcohol_in.model_dump(exclude_unset=True)
    _move(entry, changes, owner, now, "alcohol", session)
    if "drinks" in changes and changes["drinks"] is None:
        raise Invalid("drinks cannot be empty.", fields={"drinks": "cannot be empty"})
    for name, value in changes.items():
        if name in ("drinks", "standard_units"):
            value = _decimal(value)
        setattr(entry, name, "" if name == "kind" and value is None else value)
    session.flush()
    return to_alcohol_public(entry)


def list_alcohol(
    *, session: Session, owner: Owner, start: date | None = None, end: date | None = None
) -> list[AlcoholPublic]:
    """Alcohol entries from ``start`` to ``end`` inclusive, newest first."""
    return [to_alcohol_public(a) for a in _list_entries(session, owner, AlcoholIntake, start, end)]


# ---------------------------------------------------------------------------- caffeine


_MG = re.compile(r"(\d+(?:[.,]\d+)?)\s*(mg|milligrams?)\b", re.IGNORECASE)


def parse_caffeine(text: str) -> tuple[str, float]:
    """Read "coffee 95 mg" (or "95mg espresso") as its source and milligrams.

    Raises:
        Invalid: no amount in mg in the text.
    """
    found = _MG.search(text)
    if found is None:
        raise Invalid(
            f"Cannot find an amount in mg in {text!r}; write it like 'coffee 95 mg'.",
            fields={"caffeine": "no amount in mg"},
        )
    mg = float(found.group(1).replace(",", "."))
    if not 0 < mg <= MAX_CAFFEINE_MG_PER_ENTRY:
        raise Invalid(
            f"{mg:g} mg is not a plausible amount for one entry; give 1 to "
            f"{MAX_CAFFEINE_MG_PER_ENTRY} mg.",
            fields={"caffeine_mg": "out of range"},
        )
    source = " ".join((text[: found.start()] + " " + text[found.end() :]).split())
    return source[:50], mg


def to_caffeine_public(entry: CaffeineIntake) -> CaffeinePublic:
    """The public view of a caffeine entry."""
    return CaffeinePublic(
        id=entry.id,
        day=entry.day,
        at=entry.at,
        caffeine_mg=float(entry.caffeine_mg),
        source=entry.source,
    )


def log_caffeine(
    *, session: Session, owner: Owner, caffeine_in: CaffeineCreate, now: datetime | None = None
) -> CaffeinePublic:
    """Record caffeine on its day (a "no caffeine" answer is withdrawn)."""
    moment, day = resolve_day(caffeine_in.at, caffeine_in.day, owner=owner, now=now)
    _clear_none_flag(session, owner, day, "caffeine")
    entry = CaffeineIntake(
        person_id=owner.person_id,
        day=day,
        at=moment,
        caffeine_mg=_decimal(caffeine_in.caffeine_mg, 1),
        source=caffeine_in.source,
    )
    session.add(entry)
    session.flush()
    return to_caffeine_public(entry)


def update_caffeine(
    *,
    session: Session,
    owner: Owner,
    caffeine_id: int,
    caffeine_in: CaffeineUpdate,
    now: datetime | None = None,
) -> CaffeinePublic:
    """Change a caffeine entry."""
    entry: CaffeineIntake = _get_entry(session, owner, "caffeine", caffeine_id)
    changes = caffeine_in.model_dump(exclude_unset=True)
    _move(entry, changes, owner, now, "caffeine", session)
    if "caffeine_mg" in changes and changes["caffeine_mg"] is None:
        raise Invalid("caffeine_mg cannot be empty.", fields={"caffeine_mg": "cannot be empty"})
    for name, value in changes.items():
        if name == "caffeine_mg":
            value = _decimal(value, 1)
        setattr(entry, name, "" if name == "source" and value is None else value)
    session.flush()
    return to_caffeine_public(entry)


def list_caffeine(
    *, session: Session, owner: Owner, start: date | None = None, end: date | None = None
) -> list[CaffeinePublic]:
    """Caffeine entries from ``start`` to ``end`` inclusive, newest first."""
    rows = _list_entries(session, owner, CaffeineIntake, start, end)
    return [to_caffeine_public(c) for c in rows]


# ---------------------------------------------------------------------------- sleep


def to_sleep_public(entry: SleepPeriod) -> SleepPublic:
    """The public view of a sleep entry, with its hours."""
    hours = (entry.wake_at - entry.bed_at).total_seconds() / 3600
    return SleepPublic(
        id=entry.id,
        day=entry.day,
        bed_at=entry.bed_at,
        wake_at=entry.wake_at,
        sleep_h=round(hours, 2),
    )


def _sleep_span(
    bed_at: datetime, wake_at: datetime, owner: Owner, now: datetime | None
) -> tuple[datetime, datetime, date]:
    bed = local_moment(bed_at, owner=owner)
    wake = local_moment(wake_at, owner=owner)
    _check_moment(bed, now, "bed_at")
    _check_moment(wake, now, "wake_at")
    if wake <= bed:
        raise Invalid(
            f"The wake time ({wake:%Y-%m-%d %H:%M}) is not after the bedtime "
            f"({bed:%Y-%m-%d %H:%M}); check the dates (waking is usually the next morning).",
            fields={"wake_at": "is not after bed_at"},
        )
    if wake - bed > timedelta(hours=MAX_SLEEP_H):
        raise Invalid(
            f"{(wake - bed).total_seconds() / 3600:.1f} hours is longer than one sleep can be "
            f"(at most {MAX_SLEEP_H}); check the dates.",
            fields={"wake_at": "too long after bed_at"},
        )
    # The sleep belongs to the day it ends in: the sleep before that day, known by its bedtime
    # (so it can help predict that night) and not caused by that night's cramps.
    day = wake.astimezone(owner.tz).date()
    return bed, wake, day


def _check_one_sleep(session: Session, owner: Owner, day: date, except_id: int | None) -> None:
    existing = session.scalars(
        select(SleepPeriod).where(
            SleepPeriod.person_id == owner.person_id,
            SleepPeriod.day == day,
            SleepPeriod.deleted_at.is_(None),
        )
    ).first()
    if existing is not None and existing.id != except_id:
        raise Conflict(
            f"The sleep ending on {day.isoformat()} is already logged (entry {existing.id}); "
            "change that entry instead.",
            fields={"wake_at": "sleep already logged for this day"},
            existing_id=existing.id,
        )


def log_sleep(
    *, session: Session, owner: Owner, sleep_in: SleepCreate, now: datetime | None = None
) -> SleepPublic:
    """Record a sleep; it belongs to the day it ends in (last night's sleep is today's).

    Raises:
        Invalid: times in the future, wake not after bedtime, or over 20 hours.
        Conflict: a sleep ending on that day is already logged.
    """
    bed, wake, day = _sleep_span(sleep_in.bed_at, sleep_in.wake_at, owner, now)
    _check_one_sleep(session, owner, day, except_id=None)
    entry = SleepPeriod(person_id=owner.person_id, day=day, bed_at=bed, wake_at=wake)
    session.add(entry)
    session.flush()
    return to_sleep_public(entry)


def update_sleep(
    *,
    session: Session,
    owner: Owner,
    sleep_id: int,
    sleep_in: SleepUpdate,
    now: datetime | None = None,
) -> SleepPublic:
    """Change a sleep entry's bedtime and/or wake time."""
    entry: SleepPeriod = _get_entry(session, owner, "sleep", sleep_id)
    changes = sleep_in.model_dump(exclude_unset=True)
    if any(changes.get(k, "") is None for k in ("bed_at", "wake_at")):
        raise Invalid("bed_at and wake_at cannot be empty.", fields={"bed_at": "cannot be empty"})
    bed, wake, day = _sleep_span(
        changes.get("bed_at", entry.bed_at), changes.get("wake_at", entry.wake_at), owner, now
    )
    if day != entry.day:
        _check_one_sleep(session, owner, day, except_id=entry.id)
    entry.bed_at, entry.wake_at, entry.day = bed, wake, day
    session.flush()
    return to_sleep_public(entry)


def list_sleep(
    *, session: Session, owner: Owner, start: date | None = None, end: date | None = None
) -> list[SleepPublic]:
    """Sleep entries ending on the days from ``start`` to ``end`` inclusive, newest first."""
    return [to_sleep_public(s) for s in _list_entries(session, owner, SleepPeriod, start, end)]


# ---------------------------------------------------------------------------- medicines


def check_medicine(name: str) -> MedicineCheckPublic:
    """The drug classes associated with cramps recognised in a name (no database needed)."""
    return medicines.check(name)


def to_medicine_public(entry: Medicine) -> MedicinePublic:
    """The public view of a medicine, with the classes recognised in its name."""
    return MedicinePublic(
        id=entry.id,
        name=entry.name,
        dose=entry.dose,
        started_on=entry.started_on,
        stopped_on=entry.stopped_on,
        taking=entry.stopped_on is None,
        notes=entry.notes,
        matches=medicines.matches(entry.name),
    )


def _check_medicine_dates(
    started_on: date | None, stopped_on: date | None, owner: Owner, now: datetime | None
) -> None:
    current = today(owner=owner, now=now)
    for name, value in (("started_on", started_on), ("stopped_on", stopped_on)):
        if value is not None and value.year < EARLIEST_DAY_YEAR:
            raise Invalid(
                f"{value.isoformat()} is too long ago; check the year.", fields={name: "too early"}
            )
    if started_on is not None and started_on > current:
        raise Invalid(
            f"The start date {started_on} is in the future; add the medicine once you start it.",
            fields={"started_on": "is in the future"},
        )
    if stopped_on is not None and stopped_on > current:
        raise Invalid(
            f"The stop date {stopped_on} is in the future; set it once you have taken the "
            "last dose.",
            fields={"stopped_on": "is in the future"},
        )
    if started_on is not None and stopped_on is not None and stopped_on < started_on:
        raise Invalid(
            f"The stop date {stopped_on} is before the start date {started_on}; fix one of them.",
            fields={"stopped_on": "is before started_on"},
        )


def _same_name(a: str, b: str) -> bool:
    return medicines.normalise(a) == medicines.normalise(b)


def add_medicine(
    *, session: Session, owner: Owner, medicine_in: MedicineCreate, now: datetime | None = None
) -> MedicinePublic:
    """Add a medicine with its dose and dates; the response shows the classes recognised.

    Raises:
        Invalid: dates in the future or in the wrong order.
        Conflict: the same medicine is already on the list without a stop date.
    """
    _check_medicine_dates(medicine_in.started_on, medicine_in.stopped_on, owner, now)
    if medicine_in.stopped_on is None:
        for current in _medicine_rows(session, owner):
            if current.stopped_on is None and _same_name(current.name, medicine_in.name):
                raise Conflict(
                    f"{current.name} is already on your list as a current medicine "
                    f"(number {current.id}); change that entry instead.",
                    fields={"name": "already listed"},
                    existing_id=current.id,
                )
    entry = Medicine(
        person_id=owner.person_id,
        name=medicine_in.name,
        dose=medicine_in.dose,
        started_on=medicine_in.started_on,
        stopped_on=medicine_in.stopped_on,
        notes=medicine_in.notes,
    )
    session.add(entry)
    session.flush()
    return to_medicine_public(entry)


def update_medicine(
    *,
    session: Session,
    owner: Owner,
    medicine_id: int,
    medicine_in: MedicineUpdate,
    now: datetime | None = None,
) -> MedicinePublic:
    """Change a medicine's name, dose, dates or notes."""
    entry: Medicine = _get_entry(session, owner, "medicine", medicine_id)
    changes = medicine_in.model_dump(exclude_unset=True)
    if "name" in changes and changes["name"] is None:
        raise Invalid("name cannot be empty.", fields={"name": "cannot be empty"})
    _check_medicine_dates(
        changes.get("started_on", entry.started_on),
        changes.get("stopped_on", entry.stopped_on),
        owner,
        now,
    )
    for name, value in changes.items():
        setattr(entry, name, "" if name in ("dose", "notes") and value is None else value)
    session.flush()
    return to_medicine_public(entry)


def stop_medicine(
    *,
    session: Session,
    owner: Owner,
    medicine_id: int,
    stopped_on: date | None = None,
    now: datetime | None = None,
) -> MedicinePublic:
    """Record the last day a medicine was taken (default today). This only records what the
    person did; the app never advises changing a medicine."""
    entry: Medicine = _get_entry(session, owner, "medicine", medicine_id)
    last = stopped_on or today(owner=owner, now=now)
    _check_medicine_dates(entry.started_on, last, owner, now)
    entry.stopped_on = last
    session.flush()
    return to_medicine_public(entry)


def _medicine_rows(session: Session, owner: Owner) -> Sequence[Medicine]:
    return session.scalars(
        select(Medicine)
        .where(Medicine.person_id == owner.person_id, Medicine.deleted_at.is_(None))
        .order_by(Medicine.id)
    ).all()


def list_medicines(*, session: Session, owner: Owner) -> list[MedicinePublic]:
    """All of the person's medicines with the classes recognised: current ones first, then by
    start date, newest first."""
    rows = sorted(
        _medicine_rows(session, owner),
        key=lambda m: (m.stopped_on is not None, -(m.started_on or date.min).toordinal(), m.id),
    )
    return [to_medicine_public(m) for m in rows]


def medicine_starts(
    *, session: Session, owner: Owner, start: date, end: date
) -> list[MedicinePublic]:
    """Medicines started between ``start`` and ``end`` inclusive, oldest start first.

    For the red-flag check "cramps after a new medicine": look at the weeks before the cramps
    began and see which new medicines carry a class associated with cramps (``matches``).
    Medicines with an unknown start date are not included.
    """
    check_range(start, end)
    rows = session.scalars(
        select(Medicine)
        .where(
            Medicine.person_id == owner.person_id,
            Medicine.deleted_at.is_(None),
            Medicine.started_on >= start,
            Medicine.started_on <= end,
        )
        .order_by(Medicine.started_on, Medicine.id)
    ).all()
    return [to_medicine_public(m) for m in rows]


def medicines_on(*, session: Session, owner: Owner, day: date) -> list[MedicinePublic]:
    """Medicines being taken on ``day`` (an unknown start date counts as before it)."""
    return [
        m
        for m in list_medicines(session=session, owner=owner)
        if (m.started_on is None or m.started_on <= day)
        and (m.stopped_on is None or m.stopped_on >= day)
    ]


# ---------------------------------------------------------------------------- factors


def _columns(
    session: Session, owner: Owner, model: type[Any], start: date, end: date, *columns: Any
) -> Sequence[Any]:
    """Only the needed columns of a person's live rows between two days (fast for long ranges)."""
    return session.execute(
        select(model.day, *columns).where(
            model.person_id == owner.person_id,
            model.deleted_at.is_(None),
            model.day >= start,
            model.day <= end,
        )
    ).all()


def daily_factors(
    *, session: Session, owner: Owner, start: date, end: date
) -> dict[date, dict[str, float | None]]:
    """The day-log factors of every day from ``start`` to ``end`` inclusive.

    Each day maps exactly the keys of ``FACTOR_KEYS`` to a number or None (unknown). Nothing
    logged is unknown, never zero; zero needs an explicit answer ("rest day", "no alcohol",
    "no caffeine", "no stretching"). ``sleep_h`` is the sleep that ended on that day (the night
    before it), so it is known by bedtime and cannot be caused by that night's cramps.
    ``exertion_ratio`` compares the day's load with the 28 days before it.

    Raises:
        Invalid: ``end`` before ``start`` or a range over ten years.
    """
    check_range(start, end)
    first = start - timedelta(days=EXERTION_WINDOW_DAYS)
    records = {r.day: r for r in _day_records(session, owner, first, end)}
    workout_min: dict[date, float] = defaultdict(float)
    workout_load: dict[date, float] = defaultdict(float)
    for day, duration, intensity in _columns(
        session, owner, Activity, first, end, Activity.duration_min, Activity.intensity_0_10
    ):
        workout_min[day] += float(duration)
        workout_load[day] += exertion.session_load(float(duration), intensity)
    stretched = {row.day for row in _columns(session, owner, StretchSession, start, end)}
    drinks: dict[date, float] = defaultdict(float)
    for day, amount in _columns(session, owner, AlcoholIntake, start, end, AlcoholIntake.drinks):
        drinks[day] += float(amount)
    caffeine: dict[date, float] = defaultdict(float)
    for day, mg in _columns(session, owner, CaffeineIntake, start, end, CaffeineIntake.caffeine_mg):
        caffeine[day] += float(mg)
    sleep: dict[date, float] = defaultdict(float)
    for day, bed, wake in _columns(
        session, owner, SleepPeriod, start, end, SleepPeriod.bed_at, SleepPeriod.wake_at
    ):
        sleep[day] += (wake - bed).total_seconds() / 3600

    def answered(day: date, flag: str) -> bool:
        record = records.get(day)
        return record is not None and bool(getattr(record, flag))

    every_day = [first + timedelta(days=k) for k in range((end - first).days + 1)]
    loads: dict[date, float | None] = {}
    steps: dict[date, float | None] = {}
    for day in every_day:
        if day in workout_load:
            loads[day] = workout_load[day]
        elif answered(day, "no_exercise"):
            loads[day] = 0.0
        else:
            loads[day] = None
        record = records.get(day)
        steps[day] = None if record is None or record.steps is None else float(record.steps)
    days = [start + timedelta(days=k) for k in range((end - start).days + 1)]
    ratios = exertion.exertion_ratios(loads, steps, days)

    def known_or_zero(values: dict[date, float], day: date, flag: str) -> float | None:
        if day in values:
            return round(values[day], 2)
        return 0.0 if answered(day, flag) else None

    result: dict[date, dict[str, float | None]] = {}
    for day in days:
        if day in stretched:
            stretch_value: float | None = 1.0
        else:
            stretch_value = 0.0 if answered(day, "no_stretching") else None
        ratio = ratios[day]
        result[day] = {
            "steps": steps[day],
            "exercise_min": known_or_zero(workout_min, day, "no_exercise"),
            "stretched": stretch_value,
            "alcohol_drinks": known_or_zero(drinks, day, "no_alcohol"),
            "caffeine_mg": known_or_zero(caffeine, day, "no_caffeine"),
            "sleep_h": round(sleep[day], 2) if day in sleep else None,
            "exertion_ratio": None if ratio is None else round(ratio, 3),
        }
    return result


def _day_records(session: Session, owner: Owner, start: date, end: date) -> Sequence[Any]:
    return session.execute(
        select(
            DayRecord.day,
            DayRecord.steps,
            DayRecord.no_stretching,
            DayRecord.no_exercise,
            DayRecord.no_alcohol,
            DayRecord.no_caffeine,
        ).where(
            DayRecord.person_id == owner.person_id,
            DayRecord.day >= start,
            DayRecord.day <= end,
        )
    ).all()


# ---------------------------------------------------------------------------- the whole day


def day_log(*, session: Session, owner: Owner, day: date) -> DayLogPublic:
    """Everything logged for ``day``, with its factors (an unlogged day comes back empty)."""
    record = _day_record(session, owner, day)
    factors = daily_factors(session=session, owner=owner, start=day, end=day)[day]
    return DayLogPublic(
        day=day,
        steps=None if record is None else record.steps,
        standing_h=None if record is None else _float(record.standing_h),
        sitting_h=None if record is None else _float(record.sitting_h),
        massage_used=None if record is None else record.massage_used,
        heat_used=None if record is None else record.heat_used,
        no_stretching=bool(record and record.no_stretching),
        no_exercise=bool(record and record.no_exercise),
        no_alcohol=bool(record and record.no_alcohol),
        no_caffeine=bool(record and record.no_caffeine),
        notes="" if record is None else record.notes,
        activities=list_activities(session=session, owner=owner, start=day, end=day),
        stretches=list_stretches(session=session, owner=owner, start=day, end=day),
        alcohol=list_alcohol(session=session, owner=owner, start=day, end=day),
        caffeine=list_caffeine(session=session, owner=owner, start=day, end=day),
        sleep=list_sleep(session=session, owner=owner, start=day, end=day),
        medicines=medicines_on(session=session, owner=owner, day=day),
        factors=DayFactorsPublic(**factors),
    )
