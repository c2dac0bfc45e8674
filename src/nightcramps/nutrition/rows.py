"""Reading and writing the nutrient columns of a row (NULL stays unknown)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from nightcramps.foods.amounts import NUTRIENTS, NutrientAmounts
from nightcramps.nutrition.models import NutrientColumns


def to_decimal(value: float | None, places: int = 3) -> Decimal | None:
    return None if value is None else Decimal(str(round(value, places)))


def store_amounts(row: NutrientColumns, amounts: NutrientAmounts) -> None:
    for name in NUTRIENTS:
        setattr(row, name, to_decimal(amounts.get(name)))


def store_values(row: NutrientColumns, values: dict[str, Any]) -> None:
    for name in NUTRIENTS:
        setattr(row, name, to_decimal(values.get(name)))


def amounts_of(row: NutrientColumns) -> NutrientAmounts:
    """A row's nutrient columns as one item's amounts (NULL stays unknown): ``row.amounts``."""
    return row.amounts


def to_float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)
