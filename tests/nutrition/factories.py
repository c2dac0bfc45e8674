"""Builders for nutrition test data (plain functions with readable overrides)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from nightcramps.accounts import service as accounts_service
from nightcramps.accounts.schemas import ProfileUpdate
from nightcramps.nutrition import catalog
from nightcramps.nutrition import service as nutrition_service
from nightcramps.nutrition.models import CustomFood, IntakeEntry, Supplement
from nightcramps.nutrition.schemas import CustomFoodCreate, IntakeCreate, SupplementCreate
from nightcramps.owner import Owner


def set_profile(session: Session, owner: Owner, **values: Any) -> None:
    """Give the local person a profile (birth year, sex, pregnancy...)."""
    person = accounts_service.get_person(session=session, person_id=owner.person_id)
    accounts_service.update_profile(
        session=session, person=person, profile_in=ProfileUpdate(**values)
    )


def log(
    session: Session,
    owner: Owner,
    phrase: str,
    now: datetime,
    *,
    at: datetime | None = None,
    kind: str | None = None,
) -> IntakeEntry:
    """Log a phrase as a person types it."""
    intake_in = IntakeCreate.model_validate({"phrase": phrase, "at": at, "kind": kind})
    return nutrition_service.log_intake(session=session, owner=owner, intake_in=intake_in, now=now)


def make_magnesium_tablet(session: Session, owner: Owner, **overrides: Any) -> Supplement:
    """Magnesium citrate, 200 mg per tablet (a common label)."""
    data: dict[str, Any] = {"name": "Magnesium citrate", "unit_name": "tablet", "magnesium_mg": 200}
    data.update(overrides)
    return catalog.create_supplement(
        session=session, owner=owner, supplement_in=SupplementCreate.model_validate(data)
    )


def make_custom_food(session: Session, owner: Owner, **overrides: Any) -> CustomFood:
    """A cereal bar from its label, per serving of 40 g, magnesium not on the label."""
    data: dict[str, Any] = {
        "name": "Oat bar",
        "basis": "per_serving",
        "serving_name": "bar",
        "serving_g": 40,
        "energy_kcal": 180,
        "potassium_mg": 150,
        "calcium_mg": 20,
        "sodium_mg": 90,
    }
    data.update(overrides)
    return catalog.create_custom_food(
        session=session, owner=owner, food_in=CustomFoodCreate.model_validate(data)
    )
