"""The person's medicines: adding, changing, stopping and listing them, each with the drug
classes associated with cramps recognised in its name. The app records what the person does; it
never advises changing a medicine.

Medicines have no day, so the medicine kind (``kinds.MEDICINE``) logs, changes and lists with the
functions here."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from nightcramps import timing
from nightcramps.daylog import medicines as medicine_matcher
from nightcramps.daylog.models import Medicine
from nightcramps.daylog.schemas import (
    MedicineCheckPublic,
    MedicineCreate,
    MedicinePublic,
    MedicineUpdate,
)
from nightcramps.daylog.service._common import check_not_emptied, store_changes
from nightcramps.daylog.service.timing import check_range, today
from nightcramps.errors import Conflict, Invalid
from nightcramps.owner import Owner
from nightcramps.storage import owned

MISSING = "There is no medicine number {id} in your log."
"""What ``stop_medicine`` says of a number that is not one of the person's live medicines."""


def check_medicine(name: str) -> MedicineCheckPublic:
    """The drug classes associated with cramps recognised in a name (no database needed)."""
    return medicine_matcher.check(name)


def to_medicine_public(entry: Medicine) -> MedicinePublic:
    """The public view of a medicine, with the classes recognised in its name (recognised each
    time it is read, never stored, so a better matcher applies to everything logged)."""
    return MedicinePublic(
        id=entry.id,
        name=entry.name,
        dose=entry.dose,
        started_on=entry.started_on,
        stopped_on=entry.stopped_on,
        taking=entry.taking,
        notes=entry.notes,
        matches=medicine_matcher.matches(entry.name),
    )


def _check_medicine_dates(
    started_on: date | None, stopped_on: date | None, owner: Owner, now: datetime | None
) -> None:
    current = today(owner=owner, now=now)
    for name, value in (("started_on", started_on), ("stopped_on", stopped_on)):
        if value is not None:
            timing.check_year(value, name)
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
    return medicine_matcher.normalise(a) == medicine_matcher.normalise(b)


def add_medicine(
    *, session: Session, owner: Owner, medicine_in: MedicineCreate, now: datetime | None = None
) -> MedicinePublic:
    """Add a medicine (:func:`log_medicine`, under the name other features call)."""
    return log_medicine(session=session, owner=owner, entry_in=medicine_in, now=now)


def log_medicine(
    *, session: Session, owner: Owner, entry_in: MedicineCreate, now: datetime | None = None
) -> MedicinePublic:
    """Add a medicine with its dose and dates; the response shows the classes recognised. The
    medicine kind logs with this (``daylog_service.log_entry``).

    Raises:
        Invalid: dates in the future or in the wrong order.
        Conflict: the same medicine is already on the list without a stop date.
    """
    _check_medicine_dates(entry_in.started_on, entry_in.stopped_on, owner, now)
    if entry_in.stopped_on is None:
        for current in _medicine_rows(session, owner):
            if current.stopped_on is None and _same_name(current.name, entry_in.name):
                raise Conflict(
                    f"{current.name} is already on your list as a current medicine "
                    f"(number {current.id}); change that entry instead.",
                    fields={"name": "already listed"},
                    existing_id=current.id,
                )
    entry = Medicine(
        person_id=owner.person_id,
        name=entry_in.name,
        dose=entry_in.dose,
        started_on=entry_in.started_on,
        stopped_on=entry_in.stopped_on,
        notes=entry_in.notes,
    )
    session.add(entry)
    session.flush()
    return to_medicine_public(entry)


def update_medicine(
    *,
    session: Session,
    owner: Owner,
    entry: Medicine,
    entry_in: MedicineUpdate,
    now: datetime | None = None,
) -> MedicinePublic:
    """Change a medicine's name, dose, dates or notes (``daylog_service.update_entry``).

    Raises:
        Invalid: the name emptied, or dates in the future or in the wrong order.
    """
    changes = entry_in.model_dump(exclude_unset=True)
    check_not_emptied(Medicine, changes)
    _check_medicine_dates(
        changes.get("started_on", entry.started_on),
        changes.get("stopped_on", entry.stopped_on),
        owner,
        now,
    )
    store_changes(entry, changes)
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
    person did; the app never advises changing a medicine.

    Raises:
        NotFound: no such live medicine of this person.
        Invalid: the day is in the future or before the start date.
    """
    entry = owned.get_owned(session, Medicine, medicine_id, owner, missing=MISSING)
    last = stopped_on or today(owner=owner, now=now)
    stop = MedicineUpdate(stopped_on=last)
    return update_medicine(session=session, owner=owner, entry=entry, entry_in=stop, now=now)


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
