"""A person's own foods and drinks (from labels) and supplements (label amounts per unit)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from nightcramps.errors import Conflict, NotFound
from nightcramps.nutrition import rows
from nightcramps.nutrition.models import CustomFood, Supplement
from nightcramps.nutrition.portions import OwnFood
from nightcramps.nutrition.schemas import (
    CustomFoodCreate,
    CustomFoodPublic,
    SupplementCreate,
    SupplementPublic,
)
from nightcramps.owner import Owner
from nightcramps.timing import utcnow

MAX_ROW_ID = 2_147_483_647
"""Largest row id a database here stores; larger ids are simply not found."""


def _live_names(session: Session, owner: Owner) -> set[str]:
    """Names (lower case) of the person's foods and supplements that are not deleted."""
    foods = session.scalars(
        select(CustomFood.name).where(
            CustomFood.person_id == owner.person_id, CustomFood.deleted_at.is_(None)
        )
    )
    supplements = session.scalars(
        select(Supplement.name).where(
            Supplement.person_id == owner.person_id, Supplement.deleted_at.is_(None)
        )
    )
    return {name.lower() for name in [*foods, *supplements]}


def create_custom_food(*, session: Session, owner: Owner, food_in: CustomFoodCreate) -> CustomFood:
    """Add a food or drink from its label.

    Raises:
        Conflict: one of the person's foods or supplements already has this name.
    """
    if food_in.name.lower() in _live_names(session, owner):
        raise Conflict(
            f"You already have a food or supplement called {food_in.name!r}; choose another name.",
            fields={"name": "already used"},
        )
    food = CustomFood(
        person_id=owner.person_id,
        name=food_in.name,
        kind=food_in.kind,
        basis=food_in.basis,
        serving_name=food_in.serving_name,
        serving_g=rows.to_decimal(food_in.serving_g, 2),
        serving_ml=rows.to_decimal(food_in.serving_ml, 2),
    )
    rows.store_values(food, food_in.model_dump())
    session.add(food)
    session.flush()
    return food


def list_custom_foods(*, session: Session, owner: Owner) -> Sequence[CustomFood]:
    """The person's own foods and drinks, by name."""
    query = select(CustomFood).where(
        CustomFood.person_id == owner.person_id, CustomFood.deleted_at.is_(None)
    )
    return session.scalars(query.order_by(CustomFood.name)).all()


def get_custom_food(*, session: Session, owner: Owner, custom_id: int) -> CustomFood:
    """One of the person's own foods."""
    if not 1 <= custom_id <= MAX_ROW_ID:
        raise NotFound(f"You have no food number {custom_id}.")
    food = session.get(CustomFood, custom_id)
    if food is None or food.person_id != owner.person_id or food.deleted_at is not None:
        raise NotFound(
            f"You have no food number {custom_id}; see your foods with custom-food list."
        )
    return food


def delete_custom_food(*, session: Session, owner: Owner, custom_id: int) -> CustomFood:
    """Remove one of the person's foods. Entries already logged with it keep their nutrients."""
    food = get_custom_food(session=session, owner=owner, custom_id=custom_id)
    food.deleted_at = utcnow()
    session.flush()
    return food


def to_custom_food_public(food: CustomFood) -> CustomFoodPublic:
    """The JSON shape of a custom food."""
    return CustomFoodPublic(
        id=food.id,
        food_id=f"custom:{food.id}",
        name=food.name,
        kind=food.kind,
        basis=food.basis,
        serving_name=food.serving_name,
        serving_g=rows.to_float(food.serving_g),
        serving_ml=rows.to_float(food.serving_ml),
        nutrients=rows.amounts_of(food).as_dict(),
    )


def create_supplement(
    *, session: Session, owner: Owner, supplement_in: SupplementCreate
) -> Supplement:
    """Add a supplement with its label amounts per unit.

    Raises:
        Conflict: one of the person's foods or supplements already has this name.
    """
    if supplement_in.name.lower() in _live_names(session, owner):
        raise Conflict(
            f"You already have a food or supplement called {supplement_in.name!r}; choose "
            "another name.",
            fields={"name": "already used"},
        )
    supplement = Supplement(
        person_id=owner.person_id,
        name=supplement_in.name,
        unit_name=supplement_in.unit_name,
        volume_ml_per_unit=rows.to_decimal(supplement_in.volume_ml_per_unit, 2),
        notes=supplement_in.notes,
    )
    rows.store_values(supplement, supplement_in.model_dump())
    session.add(supplement)
    session.flush()
    return supplement


def list_supplements(*, session: Session, owner: Owner) -> Sequence[Supplement]:
    """The person's supplements, by name."""
    query = select(Supplement).where(
        Supplement.person_id == owner.person_id, Supplement.deleted_at.is_(None)
    )
    return session.scalars(query.order_by(Supplement.name)).all()


def get_supplement(*, session: Session, owner: Owner, supplement_id: int) -> Supplement:
    """One of the person's supplements."""
    if not 1 <= supplement_id <= MAX_ROW_ID:
        raise NotFound(f"You have no supplement number {supplement_id}.")
    row = session.get(Supplement, supplement_id)
    if row is None or row.person_id != owner.person_id or row.deleted_at is not None:
        raise NotFound(
            f"You have no supplement number {supplement_id}; see yours with supplement list."
        )
    return row


def find_supplement(*, session: Session, owner: Owner, name_or_id: str) -> Supplement:
    """A supplement by its number or its name (any case)."""
    if name_or_id.strip().isdigit():
        return get_supplement(session=session, owner=owner, supplement_id=int(name_or_id))
    wanted = " ".join(name_or_id.lower().split())
    for row in list_supplements(session=session, owner=owner):
        if row.name.lower() == wanted:
            return row
    names = ", ".join(r.name for r in list_supplements(session=session, owner=owner)) or "none yet"
    raise NotFound(
        f"You have no supplement called {name_or_id!r} (yours: {names}). Add it first with its "
        "label amounts: nightcramps supplement add.",
        fields={"supplement": "unknown"},
    )


def delete_supplement(*, session: Session, owner: Owner, supplement_id: int) -> Supplement:
    """Remove a supplement. Doses already logged keep their amounts."""
    row = get_supplement(session=session, owner=owner, supplement_id=supplement_id)
    row.deleted_at = utcnow()
    session.flush()
    return row


def to_supplement_public(row: Supplement) -> SupplementPublic:
    """The JSON shape of a supplement."""
    return SupplementPublic(
        id=row.id,
        name=row.name,
        unit_name=row.unit_name,
        volume_ml_per_unit=rows.to_float(row.volume_ml_per_unit),
        nutrients=rows.amounts_of(row).as_dict(),
        notes=row.notes,
    )


def own_food(row: CustomFood | Supplement) -> OwnFood:
    if isinstance(row, Supplement):
        return OwnFood(
            ref=f"supplement:{row.id}",
            name=row.name,
            kind="supplement",
            basis="per_unit",
            serving_name=row.unit_name,
            serving_g=None,
            serving_ml=rows.to_float(row.volume_ml_per_unit),
            nutrients=rows.amounts_of(row),
        )
    return OwnFood(
        ref=f"custom:{row.id}",
        name=row.name,
        kind=row.kind,
        basis=row.basis,
        serving_name=row.serving_name,
        serving_g=rows.to_float(row.serving_g),
        serving_ml=rows.to_float(row.serving_ml),
        nutrients=rows.amounts_of(row),
    )
