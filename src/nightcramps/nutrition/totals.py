"""A day's totals against targets, where unknown stays unknown. Pure, no I/O.

Each total is the sum of the values that are known, with a count of the entries that did not
know the nutrient; a total is None only when no entry knew it (or nothing was logged).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from nightcramps.constants import ALCOHOL_G_PER_DRINK
from nightcramps.foods.amounts import NutrientAmounts, total
from nightcramps.nutrition.kinds import KINDS
from nightcramps.nutrition.schemas import NutrientTotal, WaterTotal
from nightcramps.nutrition.targets import Targets

MINERALS = ("magnesium_mg", "potassium_mg", "calcium_mg", "sodium_mg")
"""The minerals tracked against targets, in the order the day view shows them."""

LABELS = {
    "magnesium_mg": "Magnesium",
    "potassium_mg": "Potassium",
    "calcium_mg": "Calcium",
    "sodium_mg": "Sodium",
    "water_ml": "Water",
    "caffeine_mg": "Caffeine",
    "energy_kcal": "Energy",
}


@dataclass(frozen=True, slots=True)
class EntryAmounts:
    """What the totals need of one entry."""

    kind: str
    volume_ml: float | None
    nutrients: NutrientAmounts


def _percent(amount: float | None, target: float | None) -> float | None:
    if amount is None or not target:
        return None
    return round(100 * amount / target, 1)


def nutrient_total(
    amounts: NutrientAmounts, nutrient: str, targets: Targets | None = None
) -> NutrientTotal:
    """One nutrient of a summed ``amounts`` against its target (if it has one)."""
    amount = amounts.get(nutrient)
    target = targets.get(nutrient) if targets is not None and nutrient in MINERALS else None
    return NutrientTotal(
        nutrient=nutrient,
        label=LABELS.get(nutrient, nutrient),
        amount=None if amount is None else round(amount, 1),
        target=target,
        target_kind=targets.kinds.get(nutrient) if targets is not None and target else None,
        percent=_percent(amount, target),
        items=amounts.items,
        unknown_items=amounts.unknown.get(nutrient, 0),
        upper_guide=(
            targets.sodium_upper_guide_mg
            if targets is not None and nutrient == "sodium_mg"
            else None
        ),
    )


def sum_entries(entries: Sequence[EntryAmounts]) -> NutrientAmounts:
    """All nutrients of the entries added up (``NutrientAmounts.empty()`` for none)."""
    return total([e.nutrients for e in entries])


def water_total(
    entries: Sequence[EntryAmounts], target_ml: float | None, fluid_limit_ml: float | None = None
) -> WaterTotal:
    """Fluids (drink volume) and food water apart, and total water against its target.

    A drink counts with its whole volume, as the IOM's beverage figures do; foods count with
    the water their composition gives (1 g of water = 1 ml). Foods whose water is unknown are
    counted, not guessed. With a doctor's ``fluid_limit_ml`` the drinks are set against it (a
    fluid limit counts what is drunk), and the target is never above it.
    """
    drinks = [e for e in entries if e.volume_ml is not None]
    foods = [e for e in entries if KINDS[e.kind].water_in_food and e.volume_ml is None]
    fluids = sum(e.volume_ml for e in drinks if e.volume_ml is not None) if drinks else None
    food_water = total([e.nutrients for e in foods]) if foods else None
    food_ml = None if food_water is None else food_water.water_g
    parts = [v for v in (fluids, food_ml) if v is not None]
    total_ml = sum(parts) if parts else None
    if fluid_limit_ml is not None and target_ml is not None:
        target_ml = min(target_ml, fluid_limit_ml)
    left = None if fluid_limit_ml is None else max(fluid_limit_ml - (fluids or 0.0), 0.0)
    return WaterTotal(
        fluids_ml=None if fluids is None else round(fluids, 1),
        drinks=len(drinks),
        food_water_ml=None if food_ml is None else round(food_ml, 1),
        foods=len(foods),
        food_unknown_items=0 if food_water is None else food_water.unknown.get("water_g", 0),
        total_water_ml=None if total_ml is None else round(total_ml, 1),
        target_ml=target_ml,
        percent=_percent(total_ml, target_ml),
        fluid_limit_ml=fluid_limit_ml,
        fluid_limit_left_ml=None if left is None else round(left, 1),
    )


def supplemental_magnesium(entries: Sequence[EntryAmounts]) -> float | None:
    """Magnesium from supplements that day (the UL counts only these); None when none taken."""
    taken = [e.nutrients.magnesium_mg for e in entries if KINDS[e.kind].supplemental]
    known = [v for v in taken if v is not None]
    return round(sum(known), 1) if known else None


def alcohol_drinks(entries: Sequence[EntryAmounts]) -> float | None:
    """Standard drinks in a day's entries: their grams of alcohol over
    ``constants.ALCOHOL_G_PER_DRINK`` (14 g, NIAAA), to 0.1; None when no entry held alcohol.

    Whatever the entry's kind: wine logged as food is drunk all the same. A day whose entries
    all know 0 g (a banana, a coffee) gives None, not 0: almost every food is free of alcohol,
    so that zero does not say whether the person drank, and a 0 here would hide an imported
    count and the day log's own answer ("no alcohol today" is its 0).
    """
    grams = [g for e in entries if (g := e.nutrients.alcohol_g)]
    if not grams:
        return None
    return round(sum(grams) / ALCOHOL_G_PER_DRINK, 1)
