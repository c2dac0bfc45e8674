"""Fast re-entry: log an entry again, repeat yesterday's breakfast, recent items, favourites."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from nightcramps import timing
from nightcramps.errors import Invalid, NotFound
from nightcramps.foods.amounts import NUTRIENTS
from nightcramps.nutrition import constants as c
from nightcramps.nutrition import service
from nightcramps.nutrition.models import IntakeEntry, IntakeFavourite
from nightcramps.owner import Owner
from nightcramps.storage import owned
from nightcramps.timing import utcnow


def _copy(
    session: Session, owner: Owner, source: IntakeEntry | IntakeFavourite, moment: datetime
) -> IntakeEntry:
    entry = IntakeEntry(
        person_id=owner.person_id,
        day=timing.day_of(moment, owner),
        eaten_at=moment,
        meal=service.meal_for(moment, owner=owner),
        kind=source.kind,
        source="manual",
        description=source.description,
        food_ref=source.food_ref,
        food_name=source.food_name,
        quantity=source.quantity,
        unit=source.unit,
        grams=source.grams,
        volume_ml=source.volume_ml,
    )
    for name in NUTRIENTS:
        setattr(entry, name, getattr(source, name))
    session.add(entry)
    return entry


def relog_entry(
    *,
    session: Session,
    owner: Owner,
    entry_id: int,
    at: datetime | None = None,
    now: datetime | None = None,
) -> IntakeEntry:
    """Log an earlier entry again (same food, amount and nutrients) at ``at`` (default now)."""
    source = service.get_entry(session=session, owner=owner, entry_id=entry_id)
    entry = _copy(session, owner, source, service.when(at, owner, now))
    session.flush()
    return entry


def repeat_meal(
    *,
    session: Session,
    owner: Owner,
    meal: str,
    from_day: date | None = None,
    to_day: date | None = None,
    now: datetime | None = None,
) -> list[IntakeEntry]:
    """Log again every entry of ``meal`` on ``from_day`` (default yesterday) on ``to_day``
    (default today), at the same clock times; a time still ahead today becomes now.

    Raises:
        NotFound: nothing was logged for that meal on that day.
    """
    now = now or utcnow()
    to_day = to_day or service.today(owner=owner, now=now)
    service.check_day(to_day)
    if from_day is not None:
        service.check_day(from_day)
    from_day = from_day or to_day - timedelta(days=1)
    if meal not in c.MEALS:
        raise Invalid(f"Choose a meal of: {', '.join(c.MEALS)}.", fields={"meal": "unknown"})
    sources = [
        e
        for e in service.list_entries(session=session, owner=owner, start=from_day, end=from_day)
        if e.meal == meal
    ]
    if not sources:
        raise NotFound(
            f"Nothing is logged for {meal} on {from_day:%a %d %b}; there is nothing to repeat.",
            fields={"meal": "nothing logged"},
        )
    copies = []
    for source in sources:
        clock = timing.local(source.eaten_at, owner.tz).time()
        moment = timing.moment_in_day(to_day, clock, owner)
        moment = min(moment, now)
        entry = _copy(session, owner, source, moment)
        entry.meal = meal
        copies.append(entry)
    session.flush()
    return copies


def meals_to_repeat(*, session: Session, owner: Owner, day: date) -> list[tuple[str, int]]:
    """The meals logged the day before ``day``, in meal order, each with how many entries it
    has: what the day page offers to repeat (:func:`repeat_meal`)."""
    before = day - timedelta(days=1)
    counts: dict[str, int] = {}
    for entry in service.list_entries(session=session, owner=owner, start=before, end=before):
        if entry.meal:
            counts[entry.meal] = counts.get(entry.meal, 0) + 1
    return [(meal, counts[meal]) for meal in c.MEALS if meal in counts]


def recent_entries(*, session: Session, owner: Owner, limit: int = 8) -> list[IntakeEntry]:
    """The person's latest distinct items (same kind, food and description counted once)."""
    query = (
        select(IntakeEntry)
        .where(IntakeEntry.person_id == owner.person_id, IntakeEntry.deleted_at.is_(None))
        .order_by(IntakeEntry.eaten_at.desc(), IntakeEntry.id.desc())
        .limit(200)
    )
    seen: set[tuple[str, str, str]] = set()
    recent: list[IntakeEntry] = []
    for entry in session.scalars(query):
        key = (entry.kind, entry.food_ref, entry.description.lower())
        if key not in seen:
            seen.add(key)
            recent.append(entry)
        if len(recent) == limit:
            break
    return recent


# ---------------------------------------------------------------------------- favourites


def add_favourite(*, session: Session, owner: Owner, entry_id: int) -> IntakeFavourite:
    """Star an entry's item so it can be logged again with one tap."""
    entry = service.get_entry(session=session, owner=owner, entry_id=entry_id)
    for favourite in list_favourites(session=session, owner=owner):
        if (favourite.kind, favourite.food_ref, favourite.description.lower()) == (
            entry.kind,
            entry.food_ref,
            entry.description.lower(),
        ):
            return favourite
    favourite = IntakeFavourite(
        person_id=owner.person_id,
        kind=entry.kind,
        description=entry.description,
        food_ref=entry.food_ref,
        food_name=entry.food_name,
        quantity=entry.quantity,
        unit=entry.unit,
        grams=entry.grams,
        volume_ml=entry.volume_ml,
    )
    for name in NUTRIENTS:
        setattr(favourite, name, getattr(entry, name))
    session.add(favourite)
    session.flush()
    return favourite


def list_favourites(*, session: Session, owner: Owner) -> Sequence[IntakeFavourite]:
    """The person's starred items, by description."""
    query = select(IntakeFavourite).where(IntakeFavourite.person_id == owner.person_id)
    return session.scalars(query.order_by(IntakeFavourite.description)).all()


def _get_favourite(session: Session, owner: Owner, favourite_id: int) -> IntakeFavourite:
    """One of the person's favourites. Removing a favourite deletes it (there is no undo), so
    there are no deleted favourites to tell apart: ``deleted=None``."""
    missing = "There is no favourite number {id}."
    return owned.get_owned(
        session, IntakeFavourite, favourite_id, owner, missing=missing, deleted=None
    )


def remove_favourite(*, session: Session, owner: Owner, favourite_id: int) -> None:
    """Unstar an item (entries logged from it stay)."""
    session.delete(_get_favourite(session, owner, favourite_id))
    session.flush()


def log_favourite(
    *,
    session: Session,
    owner: Owner,
    favourite_id: int,
    at: datetime | None = None,
    now: datetime | None = None,
) -> IntakeEntry:
    """Log a starred item now (or at ``at``)."""
    favourite = _get_favourite(session, owner, favourite_id)
    entry = _copy(session, owner, favourite, service.when(at, owner, now))
    session.flush()
    return entry
