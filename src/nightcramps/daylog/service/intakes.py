"""Alcohol and caffeine taken during the day: logging, changing and listing them."""

from __future__ import annotations

import re
from datetime import date, datetime

from sqlalchemy.orm import Session

from nightcramps.daylog.constants import MAX_CAFFEINE_MG_PER_ENTRY
from nightcramps.daylog.models import AlcoholIntake, CaffeineIntake
from nightcramps.daylog.schemas import (
    AlcoholCreate,
    AlcoholPublic,
    AlcoholUpdate,
    CaffeineCreate,
    CaffeinePublic,
    CaffeineUpdate,
)
from nightcramps.daylog.service._common import (
    clear_none_flag,
    get_row,
    list_rows,
    move_entry,
    to_decimal,
    to_float,
)
from nightcramps.daylog.service.timing import resolve_day
from nightcramps.errors import Invalid
from nightcramps.owner import Owner

# ---------------------------------------------------------------------------- alcohol


def to_alcohol_public(entry: AlcoholIntake) -> AlcoholPublic:
    """The public view of an alcohol entry."""
    return AlcoholPublic(
        id=entry.id,
        day=entry.day,
        at=entry.at,
        drinks=float(entry.drinks),
        standard_units=to_float(entry.standard_units),
        kind=entry.kind,
    )


def log_alcohol(
    *, session: Session, owner: Owner, alcohol_in: AlcoholCreate, now: datetime | None = None
) -> AlcoholPublic:
    """Record alcoholic drinks on their day (a "no alcohol" answer is withdrawn)."""
    moment, day = resolve_day(alcohol_in.at, alcohol_in.day, owner=owner, now=now)
    clear_none_flag(session, owner, day, "alcohol")
    entry = AlcoholIntake(
        person_id=owner.person_id,
        day=day,
        at=moment,
        drinks=to_decimal(alcohol_in.drinks),
        standard_units=to_decimal(alcohol_in.standard_units),
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
    entry: AlcoholIntake = get_row(session, owner, "alcohol", alcohol_id)
    changes = alcohol_in.model_dump(exclude_unset=True)
    move_entry(entry, changes, owner, now, "alcohol", session)
    if "drinks" in changes and changes["drinks"] is None:
        raise Invalid("drinks cannot be empty.", fields={"drinks": "cannot be empty"})
    for name, value in changes.items():
        if name in ("drinks", "standard_units"):
            value = to_decimal(value)
        setattr(entry, name, "" if name == "kind" and value is None else value)
    session.flush()
    return to_alcohol_public(entry)


def list_alcohol(
    *, session: Session, owner: Owner, start: date | None = None, end: date | None = None
) -> list[AlcoholPublic]:
    """Alcohol entries from ``start`` to ``end`` inclusive, newest first."""
    return [to_alcohol_public(a) for a in list_rows(session, owner, AlcoholIntake, start, end)]


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
    clear_none_flag(session, owner, day, "caffeine")
    entry = CaffeineIntake(
        person_id=owner.person_id,
        day=day,
        at=moment,
        caffeine_mg=to_decimal(caffeine_in.caffeine_mg, 1),
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
    entry: CaffeineIntake = get_row(session, owner, "caffeine", caffeine_id)
    changes = caffeine_in.model_dump(exclude_unset=True)
    move_entry(entry, changes, owner, now, "caffeine", session)
    if "caffeine_mg" in changes and changes["caffeine_mg"] is None:
        raise Invalid("caffeine_mg cannot be empty.", fields={"caffeine_mg": "cannot be empty"})
    for name, value in changes.items():
        if name == "caffeine_mg":
            value = to_decimal(value, 1)
        setattr(entry, name, "" if name == "source" and value is None else value)
    session.flush()
    return to_caffeine_public(entry)


def list_caffeine(
    *, session: Session, owner: Owner, start: date | None = None, end: date | None = None
) -> list[CaffeinePublic]:
    """Caffeine entries from ``start`` to ``end`` inclusive, newest first."""
    rows = list_rows(session, owner, CaffeineIntake, start, end)
    return [to_caffeine_public(c) for c in rows]
