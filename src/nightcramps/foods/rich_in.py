"""Foods rich in a nutrient, in ordinary portions: what "close the gap" suggests.

Only everyday whole foods (vocabulary.EVERYDAY_FOODS) are ranked, each in a portion a person
eats at once as USDA serves it (1 medium fruit, 3 oz fish, 1 oz nuts, 1 cup of beans).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from nightcramps.errors import Invalid
from nightcramps.foods import catalogue, vocabulary
from nightcramps.foods.catalogue import Food, Measure
from nightcramps.foods.schemas import RichFood
from nightcramps.foods.search import words

RICH_IN_NUTRIENTS = ("magnesium_mg", "potassium_mg", "calcium_mg", "sodium_mg", "water_g")
"""Nutrients :func:`rich_in` ranks foods by (the ones a day's gap can be closed in)."""

MIN_PORTION_G, MAX_PORTION_G = vocabulary.MIN_LIMIT_G, vocabulary.MAX_LIMIT_G
"""An ordinary portion weighs between a tablespoon of seeds (20 g) and a large bowl (300 g)."""

MAX_PORTION_KCAL = 250.0
"""An ordinary portion supplies at most about an eighth of a 2,000 kcal day (1 oz of nuts,
2 tbsp of peanut butter, a cup of beans), not a cup of cheese."""

MIN_PORTION_KCAL = 10.0
"""Below this a portion's energy is too small for "per 100 kcal" to mean anything."""

RANKINGS = ("portion", "kcal", "both")
"""How :func:`rich_in` can rank: most per portion, most per 100 kcal, or the product."""


_RAW_WORDS = frozenset({"raw", "uncooked", "dried", "salted"})
"""Name words of a food as bought, before it is cooked or soaked."""


def _is_candidate(food: Food) -> bool:
    lowered = food.name.lower()
    if food.deprecated or not any(
        lowered == p or lowered.startswith((f"{p},", f"{p} (")) for p in vocabulary.EVERYDAY_FOODS
    ):
        return False
    if re.search(r"\b[A-Z][A-Z'&]{2,}\b", food.name):
        return False  # brand names are in capitals
    name_words = set(words(food.name))
    if name_words & vocabulary.NOT_AS_EATEN or " with " in f" {lowered} ":
        return False
    group = food.id.partition(":")[2][:2]
    return not (group in vocabulary.RAW_NOT_EATEN_GROUPS and name_words & _RAW_WORDS)


def _base_is(word: str) -> Callable[[Measure], bool]:
    return lambda m: m.base == word


def _most_grams(food: Food) -> float:
    """The largest ordinary portion of ``food``: its name's limit (vocabulary.PORTION_LIMITS_G,
    the longest matching beginning wins: cottage cheese is not cheese), else MAX_PORTION_G."""
    lowered = food.name.lower()
    matching = [prefix for prefix in vocabulary.PORTION_LIMITS_G if lowered.startswith(prefix)]
    return vocabulary.PORTION_LIMITS_G[max(matching, key=len)] if matching else MAX_PORTION_G


def ordinary_portion(food: Food) -> Measure | None:
    """A portion a person eats at once, as USDA serves it: 1 medium fruit, 3 oz fish, 1 oz nuts,
    2 tbsp peanut butter, 1 cup of cooked beans or greens; None when the food has none.

    It weighs 20-300 g and supplies at most MAX_PORTION_KCAL.
    """
    energy = food.per_100g.energy_kcal
    most = _most_grams(food)

    def fits(m: Measure) -> bool:
        grams = m.serving_grams
        if not MIN_PORTION_G <= grams <= most:
            return False
        return energy is None or energy * grams / 100 <= MAX_PORTION_KCAL

    fitting = [m for m in food.measures if fits(m)]
    group = food.id.partition(":")[2][:2]
    preferences: list[Callable[[Measure], bool]] = [
        lambda m: m.amount != 1 and m.base in ("oz", "tbsp"),
        lambda m: group in ("01", "12") and m.base in ("oz", "slice"),
    ]
    preferences += [_base_is(word) for word in ("medium", "fruit", "large", "small")]
    preferences += [
        lambda m: m.unit == "cup",
        lambda m: m.base in vocabulary.COUNT_MEASURE_WORDS or m.base == "oz",
    ]
    for prefer in preferences:
        for measure in fitting:
            if prefer(measure):
                return measure
    return fitting[0] if fitting else None


def _variety_key(food: Food) -> str:
    parts = [" ".join(words(p)) for p in food.name.split(",")]
    generic = {"beans", "nuts", "seeds", "fish", "cheese", "milk", "yogurt", "chicken", "beef"}
    if parts[0] in generic and len(parts) > 1:
        return f"{parts[0]}, {parts[1]}"
    return parts[0]


def rich_in(nutrient: str, *, limit: int = 10, by: str = "both") -> list[RichFood]:
    """Everyday foods that supply the most of ``nutrient`` in an ordinary portion.

    For "close the gap": ``rich_in("magnesium_mg")`` → cooked spinach, pumpkin seeds, beans,
    almonds... Each result gives the portion (one of the food's household measures, e.g.
    "1 cup" or "3 oz"), the nutrient per portion and per 100 kcal. ``by`` ranks by
    ``"portion"`` (most per portion), ``"kcal"`` (most per 100 kcal) or ``"both"`` (the
    product of the two: foods good on both counts; the default). One food per variety (not
    five kinds of boiled spinach); foods not eaten as such (flours, powders, dry beans, raw
    meat), brands, baby foods and dishes are left out.

    Raises:
        Invalid: ``nutrient`` is not one of RICH_IN_NUTRIENTS, or ``by`` is not a ranking.
    """
    if nutrient not in RICH_IN_NUTRIENTS:
        raise Invalid(
            f"Cannot rank foods by {nutrient!r}; choose one of {', '.join(RICH_IN_NUTRIENTS)}.",
            fields={"nutrient": "unknown nutrient"},
        )
    if by not in RANKINGS:
        raise Invalid(
            f"Cannot rank by {by!r}; choose portion, kcal or both.", fields={"by": "unknown"}
        )
    return _rich_in(nutrient, by)[: max(0, limit)]


def _rich(food: Food, nutrient: str, by: str) -> tuple[float, RichFood] | None:
    """``food`` as a suggestion for ``nutrient`` with its ranking key, or None when it has no
    ordinary portion or (ranked per kcal) too little energy to rank."""
    per_100g, energy_100g = food.per_100g.get(nutrient), food.per_100g.energy_kcal
    portion = ordinary_portion(food) if per_100g else None
    if portion is None or per_100g is None:
        return None
    grams = portion.serving_grams
    amount = per_100g * grams / 100
    energy = None if energy_100g is None else energy_100g * grams / 100
    per_kcal = None if not energy or energy < MIN_PORTION_KCAL else amount / energy * 100
    if by == "portion":
        key = amount
    elif per_kcal is None:
        return None
    else:
        key = per_kcal if by == "kcal" else amount * per_kcal
    return key, RichFood(
        food=food.ref,
        nutrient=nutrient,
        portion=portion.serving,
        portion_grams=round(grams, 1),
        amount=round(amount, 1),
        energy_kcal=None if energy is None else round(energy, 1),
        per_100kcal=None if per_kcal is None else round(per_kcal, 1),
    )


@functools.cache
def _rich_in(nutrient: str, by: str) -> list[RichFood]:
    ranked = [
        keyed
        for food in catalogue.all_foods()
        if _is_candidate(food) and (keyed := _rich(food, nutrient, by)) is not None
    ]
    ranked.sort(key=lambda pair: (-pair[0], pair[1].food.name))
    seen: set[str] = set()
    result: list[RichFood] = []
    for _, rich in ranked:
        variety = _variety_key(catalogue.get_food(rich.food.id))
        if variety not in seen:
            seen.add(variety)
            result.append(rich)
    return result
