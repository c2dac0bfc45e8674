"""Intake entries, a person's own foods and supplements, favourites and target overrides."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Index, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from nightcramps.foods.amounts import NUTRIENTS, NutrientAmounts
from nightcramps.storage.base import Base, UTCDateTime, utcnow
from nightcramps.storage.owned import OwnedRow, SoftDeletable

AMOUNT = Numeric(12, 3)
"""Nutrient amounts: up to 999,999,999.999 in the unit of the column name."""


class NutrientColumns:
    """The eleven nutrient columns (``foods.amounts.NUTRIENTS``); NULL means unknown, never 0."""

    energy_kcal: Mapped[Decimal | None] = mapped_column(AMOUNT)
    water_g: Mapped[Decimal | None] = mapped_column(AMOUNT)
    magnesium_mg: Mapped[Decimal | None] = mapped_column(AMOUNT)
    potassium_mg: Mapped[Decimal | None] = mapped_column(AMOUNT)
    calcium_mg: Mapped[Decimal | None] = mapped_column(AMOUNT)
    sodium_mg: Mapped[Decimal | None] = mapped_column(AMOUNT)
    caffeine_mg: Mapped[Decimal | None] = mapped_column(AMOUNT)
    alcohol_g: Mapped[Decimal | None] = mapped_column(AMOUNT)
    protein_g: Mapped[Decimal | None] = mapped_column(AMOUNT)
    carbohydrate_g: Mapped[Decimal | None] = mapped_column(AMOUNT)
    fat_g: Mapped[Decimal | None] = mapped_column(AMOUNT)

    @property
    def amounts(self) -> NutrientAmounts:
        """The row's nutrients as one item's amounts (NULL stays unknown)."""
        values = {name: getattr(self, name) for name in NUTRIENTS}
        return NutrientAmounts.of(**{k: None if v is None else float(v) for k, v in values.items()})

    @property
    def nutrients(self) -> dict[str, float | None]:
        """``{nutrient: amount or None}``, rounded as the API and the pages show them."""
        return self.amounts.as_dict()


class IntakeEntry(NutrientColumns, OwnedRow, SoftDeletable, Base):
    """One thing eaten, drunk or taken, with its nutrients as they were when it was logged.

    The nutrient columns are a snapshot: a later change to the food database or to a custom food
    does not rewrite what was logged.
    """

    __tablename__ = "intake_entry"
    __table_args__ = (Index("ix_intake_entry_person_id_day", "person_id", "day"),)

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    """Indexed with ``day`` (the one index its queries use), not on its own."""
    day: Mapped[date] = mapped_column(Date)
    """The person's local date of ``eaten_at``: intake on day D precedes the night of D."""
    eaten_at: Mapped[datetime] = mapped_column(UTCDateTime)
    meal: Mapped[str | None] = mapped_column(String(20))
    """breakfast, lunch, afternoon, dinner or late; filled in from the clock time if not given."""
    kind: Mapped[str] = mapped_column(String(12))
    """food, drink or supplement."""
    source: Mapped[str] = mapped_column(String(20), default="manual")
    """manual (typed in this app) or import (from another app's export)."""
    description: Mapped[str] = mapped_column(String(300))
    """What the person typed ("1 medium banana") or a description built from the food."""
    food_ref: Mapped[str] = mapped_column(String(40))
    """The food: "usda:09040", "custom:<id>" or "supplement:<id>"."""
    food_name: Mapped[str] = mapped_column(String(300))
    quantity: Mapped[Decimal | None] = mapped_column(Numeric(12, 3))
    unit: Mapped[str | None] = mapped_column(String(80))
    grams: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    volume_ml: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    """For drinks (and supplements taken as a drink): the volume drunk, counted as fluid."""

    @property
    def food(self) -> dict[str, str]:
        """Which food the entry is, as the API shows it: ``{"id": food_ref, "name": food_name}``."""
        return {"id": self.food_ref, "name": self.food_name}


class CustomFood(NutrientColumns, OwnedRow, Base):
    """A food or drink a person added from a label, per 100 g or per serving.

    Removing one marks it (``deleted_at``) and keeps the row: it is not among the undoable rows
    that are purged (``storage.owned``), and entries logged with it keep its number in
    ``food_ref``.
    """

    __tablename__ = "custom_food"

    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(12))
    """food or drink."""
    basis: Mapped[str] = mapped_column(String(12))
    """per_100g (amounts per 100 g) or per_serving (amounts per one serving)."""
    serving_name: Mapped[str] = mapped_column(String(60), default="serving")
    serving_g: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    serving_ml: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def food_id(self) -> str:
        """How an entry names this food: "custom:<id>"."""
        return f"custom:{self.id}"


class Supplement(NutrientColumns, OwnedRow, Base):
    """A supplement with its label amounts per unit (tablet, capsule, sachet, bottle); removed
    as a custom food is (the row stays)."""

    __tablename__ = "supplement"

    name: Mapped[str] = mapped_column(String(200))
    unit_name: Mapped[str] = mapped_column(String(40), default="tablet")
    volume_ml_per_unit: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    """For an electrolyte drink: the volume of one unit, counted as fluid when taken."""
    notes: Mapped[str] = mapped_column(Text, default="")
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class IntakeFavourite(NutrientColumns, Base):
    """An entry a person starred, to log again with one tap (a template, not a log entry)."""

    __tablename__ = "intake_favourite"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(12))
    description: Mapped[str] = mapped_column(String(300))
    food_ref: Mapped[str] = mapped_column(String(40))
    food_name: Mapped[str] = mapped_column(String(300))
    quantity: Mapped[Decimal | None] = mapped_column(Numeric(12, 3))
    unit: Mapped[str | None] = mapped_column(String(80))
    grams: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    volume_ml: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class TargetOverride(Base):
    """A target the person set themselves (e.g. on a doctor's advice) instead of the table's."""

    __tablename__ = "target_override"
    __table_args__ = (UniqueConstraint("person_id", "nutrient"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    nutrient: Mapped[str] = mapped_column(String(30))
    """magnesium_mg, potassium_mg, calcium_mg, sodium_mg or water_ml."""
    value: Mapped[Decimal] = mapped_column(Numeric(10, 1))
    note: Mapped[str] = mapped_column(String(200), default="")
    """Why, in the person's words ("Dr Rao, March 2026")."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
