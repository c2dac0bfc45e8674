"""Nutrient amounts where unknown stays unknown. Pure, no I/O.

A food's composition table may lack a nutrient; then its amount is ``None``, and every total built
from it remembers how many of its items were unknown for that nutrient instead of treating the gap
as zero.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

NUTRIENTS = (
    "energy_kcal",
    "water_g",
    "magnesium_mg",
    "potassium_mg",
    "calcium_mg",
    "sodium_mg",
    "caffeine_mg",
    "alcohol_g",
    "protein_g",
    "carbohydrate_g",
    "fat_g",
)
"""Every nutrient the app tracks, named with its unit."""


@dataclass(frozen=True, slots=True)
class NutrientAmounts:
    """Amounts of each nutrient; ``None`` means not known.

    ``items`` counts the entries summed, and ``unknown`` maps a nutrient name to how many of
    those entries had no value for it. A sum is the sum of the known values; it is ``None`` only
    when no entry knew the nutrient.
    """

    energy_kcal: float | None = None
    water_g: float | None = None
    magnesium_mg: float | None = None
    potassium_mg: float | None = None
    calcium_mg: float | None = None
    sodium_mg: float | None = None
    caffeine_mg: float | None = None
    alcohol_g: float | None = None
    protein_g: float | None = None
    carbohydrate_g: float | None = None
    fat_g: float | None = None
    items: int = 1
    unknown: dict[str, int] = field(default_factory=dict)

    @classmethod
    def empty(cls) -> NutrientAmounts:
        """The total of nothing: no items, every nutrient unknown with 0 unknown items."""
        return cls(items=0)

    @classmethod
    def of(cls, **values: float | None) -> NutrientAmounts:
        """One item's amounts; nutrients not given (or None) are counted as unknown."""
        unknown = {name: 1 for name in NUTRIENTS if values.get(name) is None}
        return cls(**values, items=1, unknown=unknown)

    def get(self, name: str) -> float | None:
        """The amount of ``name`` (one of NUTRIENTS)."""
        value: float | None = getattr(self, name)
        return value

    def scaled(self, factor: float) -> NutrientAmounts:
        """The amounts times ``factor`` (e.g. grams / 100 for values per 100 g)."""
        changes: dict[str, Any] = {}
        for name in NUTRIENTS:
            value = self.get(name)
            changes[name] = None if value is None else value * factor
        return replace(self, **changes)

    def __add__(self, other: NutrientAmounts) -> NutrientAmounts:
        if not isinstance(other, NutrientAmounts):
            return NotImplemented
        changes: dict[str, Any] = {}
        unknown: dict[str, int] = {}
        for name in NUTRIENTS:
            mine, theirs = self.get(name), other.get(name)
            if mine is None and theirs is None:
                changes[name] = None
            else:
                changes[name] = (mine or 0.0) + (theirs or 0.0)
            count = self.unknown.get(name, 0) + other.unknown.get(name, 0)
            if count:
                unknown[name] = count
        return NutrientAmounts(**changes, items=self.items + other.items, unknown=unknown)

    def as_dict(self) -> dict[str, float | None]:
        """``{nutrient: amount or None}``, rounded to 0.1 for display and JSON."""
        return {
            name: None if (value := self.get(name)) is None else round(value, 1)
            for name in NUTRIENTS
        }


def total(amounts: list[NutrientAmounts]) -> NutrientAmounts:
    """The sum of many amounts (``NutrientAmounts.empty()`` for none)."""
    result = NutrientAmounts.empty()
    for item in amounts:
        result = result + item
    return result
