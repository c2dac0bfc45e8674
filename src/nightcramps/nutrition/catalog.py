"""A person's own foods and drinks (from labels) and supplements (label amounts per unit).

Both are kept by one mechanism. A :class:`Catalogue` says which rows it holds and how its
messages name them; :func:`list_own`, :func:`get_own` and :func:`delete_own` serve either, and the
API, the pages and the CLI go through them. The two share one space of names: a description typed
on the day page is matched against both, so a food and a supplement cannot have the same name.

    food = get_own(CUSTOM_FOODS, session=session, owner=owner, row_id=3)
    delete_own(SUPPLEMENTS, session=session, owner=owner, row_id=2)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from nightcramps.errors import Conflict, NotFound
from nightcramps.nutrition import builtin_supplements, rows
from nightcramps.nutrition.models import CustomFood, Supplement
from nightcramps.nutrition.portions import OwnFood
from nightcramps.nutrition.schemas import CustomFoodCreate, SupplementCreate
from nightcramps.owner import Owner
from nightcramps.storage import owned
from nightcramps.timing import utcnow

Own = TypeVar("Own", CustomFood, Supplement)


@dataclass(frozen=True)
class Catalogue(Generic[Own]):
    """One of a person's two lists of their own items: its rows, and the words its messages use."""

    model: type[Own]
    noun: str
    """One item as messages name it: "food", "supplement"."""
    see_them: str
    """How to see the list, said when a number is not among it."""


CUSTOM_FOODS = Catalogue(CustomFood, "food", "see your foods with custom-food list")
SUPPLEMENTS = Catalogue(Supplement, "supplement", "see yours with supplement list")


def list_own(catalogue: Catalogue[Own], *, session: Session, owner: Owner) -> Sequence[Own]:
    """The person's items of ``catalogue`` that are not removed, by name."""
    model = catalogue.model
    query = select(model).where(model.person_id == owner.person_id, model.deleted_at.is_(None))
    return session.scalars(query.order_by(model.name)).all()


def get_own(catalogue: Catalogue[Own], *, session: Session, owner: Owner, row_id: int) -> Own:
    """One of the person's items of ``catalogue`` (a removed one, or another person's, is not
    found).

    Raises:
        NotFound: "You have no food number 7; see your foods with custom-food list."
    """
    if not 1 <= row_id <= owned.MAX_ID:  # a number no row can have: said without the hint
        raise NotFound(f"You have no {catalogue.noun} number {row_id}.")
    missing = f"You have no {catalogue.noun} number {{id}}; {catalogue.see_them}."
    return owned.get_owned(session, catalogue.model, row_id, owner, missing=missing)


def delete_own(
    catalogue: Catalogue[Own],
    *,
    session: Session,
    owner: Owner,
    row_id: int,
    now: datetime | None = None,
) -> Own:
    """Remove one of the person's items; what was already logged with it keeps its nutrients.

    The row stays, marked removed at ``now`` (``owned.soft_delete`` takes only the undoable
    rows that are purged, which these are not: see ``models.CustomFood``).
    """
    row = get_own(catalogue, session=session, owner=owner, row_id=row_id)
    row.deleted_at = now or utcnow()
    session.flush()
    return row


def _check_name_free(session: Session, owner: Owner, name: str) -> None:
    """Refuse a name one of the person's foods or supplements (not removed) already has."""
    names = {row.name.lower() for row in list_own(CUSTOM_FOODS, session=session, owner=owner)}
    names |= {row.name.lower() for row in list_own(SUPPLEMENTS, session=session, owner=owner)}
    if name.lower() in names:
        raise Conflict(
            f"You already have a food or supplement called {name!r}; choose another name.",
            fields={"name": "already used"},
        )


def create_custom_food(*, session: Session, owner: Owner, food_in: CustomFoodCreate) -> CustomFood:
    """Add a food or drink from its label.

    Raises:
        Conflict: one of the person's foods or supplements already has this name.
    """
    _check_name_free(session, owner, food_in.name)
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


def create_supplement(
    *, session: Session, owner: Owner, supplement_in: SupplementCreate
) -> Supplement:
    """Add a supplement with its label amounts per unit.

    Raises:
        Conflict: one of the person's foods or supplements already has this name.
    """
    _check_name_free(session, owner, supplement_in.name)
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


# The names the intake lookup (``service._portion``) calls each catalogue by.


def list_custom_foods(*, session: Session, owner: Owner) -> Sequence[CustomFood]:
    """The person's own foods and drinks, by name."""
    return list_own(CUSTOM_FOODS, session=session, owner=owner)


def get_custom_food(*, session: Session, owner: Owner, custom_id: int) -> CustomFood:
    """One of the person's own foods (see :func:`get_own`)."""
    return get_own(CUSTOM_FOODS, session=session, owner=owner, row_id=custom_id)


def list_supplements(*, session: Session, owner: Owner) -> Sequence[Supplement]:
    """The person's supplements, by name."""
    return list_own(SUPPLEMENTS, session=session, owner=owner)


def get_supplement(*, session: Session, owner: Owner, supplement_id: int) -> Supplement:
    """One of the person's supplements (see :func:`get_own`)."""
    return get_own(SUPPLEMENTS, session=session, owner=owner, row_id=supplement_id)


def find_supplement(
    *, session: Session, owner: Owner, name_or_id: str
) -> Supplement | builtin_supplements.BuiltinSupplement:
    """A supplement by its number or its name (any case): one of the person's own, else a
    built-in one of that name (``builtin_supplements``), so the person's own label wins.

    Raises:
        NotFound: neither the person nor the built-ins have it (the message lists both).
    """
    if name_or_id.strip().isdigit():
        return get_supplement(session=session, owner=owner, supplement_id=int(name_or_id))
    wanted = " ".join(name_or_id.lower().split())
    supplements = list_supplements(session=session, owner=owner)
    for row in supplements:
        if " ".join(row.name.lower().split()) == wanted:
            return row
    builtin = builtin_supplements.find_builtin(wanted)
    if builtin is not None:
        return builtin
    names = ", ".join(r.name for r in supplements) or "none yet"
    raise NotFound(
        f"You have no supplement called {name_or_id!r} (yours: {names}), and it is not one of "
        f"the built-in ones ({builtin_supplements.list_names()}). Check the spelling, or add "
        "it with its label amounts: nightcramps supplement add.",
        fields={"supplement": "unknown"},
    )


def supplement_food_id(row: Supplement | builtin_supplements.BuiltinSupplement) -> str:
    """How an entry names a supplement: "supplement:<id>" (the person's own) or
    "supplement:builtin-<slug>"."""
    if isinstance(row, builtin_supplements.BuiltinSupplement):
        return row.ref
    return f"supplement:{row.id}"


def own_food(row: CustomFood | Supplement) -> OwnFood:
    """One of the person's items as the portion arithmetic reads it (``portions.OwnFood``)."""
    if isinstance(row, Supplement):
        return OwnFood(
            ref=supplement_food_id(row),
            name=row.name,
            kind="supplement",
            basis="per_unit",
            serving_name=row.unit_name,
            serving_g=None,
            serving_ml=rows.to_float(row.volume_ml_per_unit),
            nutrients=row.amounts,
        )
    return OwnFood(
        ref=row.food_id,
        name=row.name,
        kind=row.kind,
        basis=row.basis,
        serving_name=row.serving_name,
        serving_g=rows.to_float(row.serving_g),
        serving_ml=rows.to_float(row.serving_ml),
        nutrients=row.amounts,
    )
