"""Turning what a person logs into a portion: a food, an amount, grams, volume and nutrients.

Three ways in: a phrase looked up in the food database ("1 medium banana"); a food id with a
quantity and unit (from search or type-ahead); a person's own food or supplement by name
("2 tablets magnesium citrate") or id. No database writes here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from nightcramps import units
from nightcramps.constants import MAX_FOOD_ENTRY_G
from nightcramps.errors import Invalid
from nightcramps.foods import service as foods_service
from nightcramps.foods.amounts import NUTRIENTS, NutrientAmounts
from nightcramps.nutrition import constants as c

DRINK_DENSITY_G_PER_ML = 1.0
"""Grams per millilitre assumed for a drink whose volume the data cannot give (a can weighed in
grams): water is 1.00, milk and juices about 1.03-1.05, so the volume is within 5%."""

_NUMBER = re.compile(r"^(\d+\s+\d+/\d+|\d+/\d+|\d*[.,]?\d+)\s*(.*)$")
_NUMBER_WORDS = {"a": 1.0, "an": 1.0, "one": 1.0, "two": 2.0, "three": 3.0, "half": 0.5}
_STATED_FL_OZ = re.compile(r"(\d+(?:\.\d+)?)\s*fl\.?\s*oz", re.I)
SERVING_WORDS = frozenset({"serving", "servings", "portion", "portions"})


@dataclass(frozen=True, slots=True)
class Portion:
    """What one entry logs: the nutrients of the whole amount, with None for unknown."""

    description: str
    food_ref: str
    food_name: str
    quantity: float | None
    unit: str | None
    grams: float | None
    volume_ml: float | None
    nutrients: NutrientAmounts


@dataclass(frozen=True, slots=True)
class OwnFood:
    """A person's own food, drink or supplement, as the portion rules need it."""

    ref: str
    name: str
    kind: str  # food, drink or supplement
    basis: str  # per_100g, per_100ml, per_serving or per_unit (supplements)
    serving_name: str
    serving_g: float | None
    serving_ml: float | None
    nutrients: NutrientAmounts


def _number(text: str) -> float:
    text = text.replace(",", ".").strip()
    if "/" in text:
        whole, _, fraction = text.rpartition(" ")
        top, _, bottom = fraction.partition("/")
        if float(bottom) == 0:
            raise Invalid(f"{text!r} divides by zero; write the amount as e.g. 1/2.")
        return (float(whole) if whole else 0.0) + float(top) / float(bottom)
    return float(text)


def split_amount(text: str) -> tuple[float | None, str]:
    """``"2 tablets"`` → (2.0, "tablets"); ``"250ml"`` → (250.0, "ml"); ``""`` → (None, "")."""
    text = " ".join(text.lower().split())
    match = _NUMBER.match(text)
    if match:
        return _number(match.group(1)), match.group(2).strip()
    first, _, rest = text.partition(" ")
    if first in _NUMBER_WORDS:
        return _NUMBER_WORDS[first], rest.strip()
    return None, text


def _strip_plural(word: str) -> str:
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def match_own(phrase: str, own: Sequence[OwnFood]) -> tuple[OwnFood, float, str] | None:
    """The person's own food a phrase names, with the quantity and unit typed before its name.

    ``"2 tablets magnesium citrate"`` with a supplement "Magnesium citrate" → (it, 2, "tablet").
    The name must be typed in full (any case); the longest matching name wins.
    """
    text = " ".join(phrase.lower().split())
    for item in sorted(own, key=lambda o: len(o.name), reverse=True):
        name = " ".join(item.name.lower().split())
        if text != name and not text.endswith(" " + name):
            continue
        before = text[: len(text) - len(name)].strip()
        before = re.sub(r"\s+of$", "", before).strip()
        quantity, unit = split_amount(before)
        if before and quantity is None:
            continue  # "big magnesium citrate": not an amount
        return item, (1.0 if quantity is None else quantity), unit or item.serving_name
    return None


def check_amount(quantity: float, grams: float | None, volume_ml: float | None, what: str) -> None:
    if quantity <= 0:
        raise Invalid(
            f"{quantity:g} is not an amount; give a positive amount of {what}.",
            fields={"quantity": "must be more than zero"},
        )
    if grams is not None and grams > MAX_FOOD_ENTRY_G:
        raise Invalid(
            f"That is {grams / 1000:,.1f} kg of {what}; one entry can be at most "
            f"{MAX_FOOD_ENTRY_G / 1000:g} kg. Check the amount (or log several entries).",
            fields={"quantity": f"more than {MAX_FOOD_ENTRY_G:g} g"},
        )
    if volume_ml is not None and volume_ml > c.MAX_ENTRY_ML:
        raise Invalid(
            f"That is {volume_ml / 1000:,.1f} L of {what}; one entry can be at most "
            f"{c.MAX_ENTRY_ML / 1000:g} L. Check the amount (or log several entries).",
            fields={"quantity": f"more than {c.MAX_ENTRY_ML} ml"},
        )


def own_portion(item: OwnFood, quantity: float, unit: str) -> Portion:
    """A portion of a person's own food or supplement.

    Raises:
        Invalid: the amount is not positive or too large, or the unit cannot be converted with
            what the label gave (e.g. grams of a food known only per serving without its weight).
    """
    unit_word = unit.strip().lower()
    if item.kind == "supplement":
        known = {item.serving_name.lower(), _strip_plural(item.serving_name.lower()), "unit"}
        if _strip_plural(unit_word) not in known | {_strip_plural(w) for w in known}:
            raise Invalid(
                f"{item.name} is counted in {item.serving_name}s; give the dose as a number of "
                f"{item.serving_name}s, e.g. '2 {item.serving_name}s {item.name}'.",
                fields={"unit": f"use {item.serving_name}"},
            )
        if quantity > c.MAX_SUPPLEMENT_DOSE:
            raise Invalid(
                f"{quantity:g} {item.serving_name}s at once is not a dose; check the number "
                f"(at most {c.MAX_SUPPLEMENT_DOSE} per entry).",
                fields={"quantity": f"more than {c.MAX_SUPPLEMENT_DOSE}"},
            )
        volume = None if item.serving_ml is None else quantity * item.serving_ml
        check_amount(quantity, None, volume, item.name)
        return Portion(
            description=f"{quantity:g} {item.serving_name}{'' if quantity == 1 else 's'} "
            f"{item.name}",
            food_ref=item.ref,
            food_name=item.name,
            quantity=quantity,
            unit=item.serving_name,
            grams=None,
            volume_ml=volume,
            nutrients=item.nutrients.scaled(quantity),
        )
    grams, ml, servings, shown = _measure_own(item, quantity, unit_word)
    check_amount(quantity, grams, ml, item.name)
    if item.basis == "per_serving":
        factor = _need(servings, item, "servings", "its serving weight (serving_g or serving_ml)")
    elif item.basis == "per_100ml":
        factor = _need(ml, item, "millilitres", "its serving volume (serving_ml)") / 100
    else:
        factor = _need(grams, item, "grams", "its serving weight (serving_g)") / 100
    return Portion(
        description=f"{quantity:g} {shown} {item.name}",
        food_ref=item.ref,
        food_name=item.name,
        quantity=quantity,
        unit=shown,
        grams=None if grams is None else round(grams, 2),
        volume_ml=None if ml is None or item.kind != "drink" else round(ml, 2),
        nutrients=item.nutrients.scaled(factor),
    )


def _need(value: float | None, item: OwnFood, what: str, missing: str) -> float:
    if value is None:
        raise Invalid(
            f"Cannot tell how many {what} that is of {item.name}: its label entry lacks "
            f"{missing}. Log it in {item.serving_name}s, or add that to the food.",
            fields={"unit": f"cannot convert to {what}"},
        )
    return value


def _measure_own(
    item: OwnFood, quantity: float, unit: str
) -> tuple[float | None, float | None, float | None, str]:
    """(grams, millilitres, servings, unit as shown) of ``quantity`` ``unit`` of a food."""
    serving_words = SERVING_WORDS | {item.serving_name.lower(), item.serving_name.lower() + "s"}
    density = DRINK_DENSITY_G_PER_ML if item.kind == "drink" else None
    if unit in serving_words:
        grams = None if item.serving_g is None else quantity * item.serving_g
        ml = None if item.serving_ml is None else quantity * item.serving_ml
        if ml is None and grams is not None and density:
            ml = grams / density
        return grams, ml, quantity, item.serving_name
    pint_unit = units.unit_for(unit)
    if pint_unit is None:
        raise Invalid(
            f"{unit!r} is not a unit for {item.name}; use {item.serving_name}s, grams (g) or "
            "millilitres (ml).",
            fields={"unit": "unknown unit"},
        )
    if units.kind_of(pint_unit) == "mass":
        grams = units.to_grams(quantity, pint_unit)
        ml = _convert(grams, item.serving_ml, item.serving_g, density and 1 / density)
        servings = None if item.serving_g is None else grams / item.serving_g
        return grams, ml, servings, units.symbol(pint_unit)
    ml = units.to_millilitres(quantity, pint_unit)
    grams = _convert(ml, item.serving_g, item.serving_ml, density)
    servings = None if item.serving_ml is None else ml / item.serving_ml
    if servings is None and grams is not None and item.serving_g is not None:
        servings = grams / item.serving_g
    return grams, ml, servings, units.symbol(pint_unit)


def _convert(
    value: float, top: float | None, bottom: float | None, fallback: float | None
) -> float | None:
    if top is not None and bottom is not None:
        return value * top / bottom
    return None if fallback is None else value * fallback


def check_drinkable(food: foods_service.Food, what: str, *, kind: str) -> None:
    """Refuse a solid food logged as a drink: its weight is not a volume of fluid.

    Raises:
        Invalid: ``kind`` is "drink" and the food is not a beverage or liquid (with
            ``log_as="food"`` and ``food_name`` in its ``extra``: a page may log it as food).
    """
    if kind != "drink" or foods_service.is_drink(food):
        return
    raise Invalid(
        f"{food.name} is a food, not a drink, so it does not count toward fluids. Log "
        f"{what!r} as food: `nightcramps eat {what!r}`, 'food' in the form on the page, or "
        '"kind": "food" in the API.',
        fields={"kind": "not a drink: log it as food"},
        log_as="food",  # the web page logs it as food instead (nutrition.routes)
        food_name=food.name,
    )


def lookup_portion(phrase: str, *, kind: str) -> Portion:
    """A portion from the food database (``foods_service.lookup``).

    Raises:
        NotFound: no food matches (with suggestions).
        Invalid: unreadable phrase, impossible amount, a unit that does not fit the food, or a
            solid food logged as a drink.
    """
    found = foods_service.lookup(phrase)
    check_drinkable(foods_service.get_food(found.food.id), " ".join(phrase.split()), kind=kind)
    volume = (
        drink_volume(found.food.id, found.quantity, found.unit, found.grams)
        if kind == "drink"
        else None
    )
    check_amount(found.quantity, found.grams, volume, found.food.name)
    return Portion(
        description=" ".join(phrase.split()),
        food_ref=found.food.id,
        food_name=found.food.name,
        quantity=found.quantity,
        unit=found.unit,
        grams=round(found.grams, 2),
        volume_ml=volume,
        nutrients=found.nutrients,
    )


def drink_volume(food_id: str, quantity: float, unit: str, grams: float) -> float:
    """Millilitres of a drink (check_drinkable has passed): from a volume unit or a volume
    measure, else from its weight."""
    pint_unit = units.unit_for(unit)
    if pint_unit is not None and units.kind_of(pint_unit) == "volume":
        return round(units.to_millilitres(quantity, pint_unit), 1)
    food = foods_service.get_food(food_id)
    for measure in food.measures:
        if measure.name == unit and measure.millilitres:
            return round(quantity * measure.millilitres, 1)
    stated = _STATED_FL_OZ.search(unit)  # USDA's "can 12 fl oz", "bottle (16 fl oz)"
    if stated is not None:
        return round(quantity * units.to_millilitres(float(stated.group(1)), "fluid_ounce"), 1)
    return round(grams / DRINK_DENSITY_G_PER_ML, 1)


def food_id_portion(food_id: str, quantity: float, unit: str, *, kind: str) -> Portion:
    """A portion of a database food by id, e.g. ("usda:09040", 1, "medium") or (120, "g").

    Raises:
        NotFound: no such food.
        Invalid: the unit is neither a mass, a volume the food can be weighed in, nor one of its
            measures; the amount is impossible; or a solid food is logged as a drink.
    """
    food = foods_service.get_food(food_id)
    check_drinkable(food, f"{quantity:g} {unit} {food.name}", kind=kind)
    unit_word = " ".join(unit.lower().split())
    grams: float | None = None
    shown = unit
    for measure in food.measures:
        if unit_word in (measure.name.lower(), measure.base):
            grams, shown = quantity * measure.grams, measure.name
            break
    if grams is None:
        pint_unit = units.unit_for(unit_word)
        if pint_unit is not None and units.kind_of(pint_unit) == "mass":
            grams, shown = units.to_grams(quantity, pint_unit), units.symbol(pint_unit)
        elif pint_unit is not None:
            grams, shown = _weigh_volume(food, quantity, pint_unit), units.symbol(pint_unit)
        else:
            names = ", ".join(m.name for m in food.measures[:8]) or "none"
            raise Invalid(
                f"{food.name} has no measure {unit!r}; use g, oz, or one of: {names}.",
                fields={"unit": "not a measure of this food"},
            )
    volume = drink_volume(food.id, quantity, shown, grams) if kind == "drink" else None
    check_amount(quantity, grams, volume, food.name)
    return Portion(
        description=f"{quantity:g} {shown} {food.name}",
        food_ref=food.id,
        food_name=food.name,
        quantity=quantity,
        unit=shown,
        grams=round(grams, 2),
        volume_ml=volume,
        nutrients=food.nutrients_for(grams),
    )


def _weigh_volume(food: foods_service.Food, quantity: float, pint_unit: str) -> float:
    """Grams of a volume of ``food``, weighed with the food's own volume measure."""
    reference = next((m for m in food.measures if m.millilitres), None)
    if reference is None or reference.millilitres is None:
        names = ", ".join(m.name for m in food.measures[:8]) or "none"
        raise Invalid(
            f"{food.name} has no volume measure in the USDA data, so a volume cannot be turned "
            f"into grams without guessing. Give its weight (g or oz) or one of: {names}.",
            fields={"unit": "a volume of a food measured by weight or piece"},
        )
    return units.to_millilitres(quantity, pint_unit) * reference.grams / reference.millilitres


def amounts_of(values: dict[str, float | None]) -> NutrientAmounts:
    """One item's amounts from ``{nutrient: value or None}`` (missing names are unknown)."""
    return NutrientAmounts.of(**{n: values.get(n) for n in NUTRIENTS})
