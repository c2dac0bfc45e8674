"""Turning what a person logs into a portion: a food, an amount, grams, volume and nutrients.

Three ways in: a phrase ("1 medium banana"); a food id with a quantity and unit (from search or
type-ahead); a person's own food or supplement by name ("2 tablets magnesium citrate") or id.
This module owns the person's own foods and supplements (matching them by name, their servings,
doses, and the volume of a drink); an amount of a database food (the phrase read, the food and
measure found, the grams weighed, the 5 kg limit) is the food database's
(``foods_service.amount_of`` and ``portion``). No database writes here.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass

from nightcramps import units
from nightcramps.errors import Invalid
from nightcramps.foods import phrases
from nightcramps.foods import service as foods_service
from nightcramps.foods.amounts import NutrientAmounts
from nightcramps.nutrition import choices
from nightcramps.nutrition import constants as c

DRINK_DENSITY_G_PER_ML = 1.0
"""Grams per millilitre assumed for a drink whose volume the data cannot give (a can weighed in
grams): water is 1.00, milk and juices about 1.03-1.05, so the volume is within 5%."""

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
    assumed: str | None = None  # what was taken for an amount not typed ("a coffee")
    confidence: float | None = None  # how sure the reading of a typed phrase was, 0-1


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


def _split_amount(text: str) -> tuple[float | None, str]:
    """The quantity and unit words typed before an own food's name (``phrases.split_amount``)."""
    try:
        return phrases.split_amount(text)
    except phrases.DivisionByZero as exc:
        raise Invalid(f"{exc.number!r} divides by zero; write the amount as e.g. 1/2.") from None


def _strip_plural(word: str) -> str:
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def match_own(phrase: str, own: Sequence[OwnFood]) -> tuple[OwnFood, float, str] | None:
    """The person's own food a phrase names, with the quantity and unit typed before its name.

    ``"2 tablets magnesium citrate"`` with a supplement "Magnesium citrate" → (it, 2, "tablet");
    the amount may also follow the name, as on a pill organiser: ``"magnesium citrate 2
    tablets"``. The name must be typed in full (any case); the longest matching name wins.
    """
    text = " ".join(phrase.lower().split())
    for item in sorted(own, key=lambda o: len(o.name), reverse=True):
        name = " ".join(item.name.lower().split())
        if text == name or text.endswith(" " + name):
            amount = text[: len(text) - len(name)].strip()
            amount = re.sub(r"\s+of$", "", amount).strip()
        elif text.startswith(name + " "):
            amount = text[len(name) :].strip(" ,:;-")
            if not amount:
                continue
        else:
            continue
        quantity, unit = _split_amount(amount)
        if amount and quantity is None:
            continue  # "big magnesium citrate": not an amount
        return item, (1.0 if quantity is None else quantity), unit or item.serving_name
    return None


def check_amount(quantity: float, grams: float | None, volume_ml: float | None, what: str) -> None:
    """Refuse what one entry cannot hold: the food database's limits on the amount and its
    grams (``foods_service.check_amount``), and more than ``MAX_ENTRY_ML`` of a drink.

    Raises:
        Invalid: with what to change.
    """
    foods_service.check_amount(quantity, grams, what)
    check_volume(volume_ml, what)


def check_volume(volume_ml: float | None, what: str) -> None:
    """Refuse a drink of more than ``MAX_ENTRY_ML`` in one entry."""
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


def inferred_kind(food: foods_service.Food, chosen: str | None) -> str:
    """The kind of an entry of a database food: the one the person chose, else "drink" for a
    food the database counts as drunk (``foods_service.is_drink``: a beverage, milk, juice...),
    else "food"."""
    if chosen is not None:
        return chosen
    return "drink" if foods_service.is_drink(food) else "food"


def lookup_entry(phrase: str, *, kind: str | None) -> tuple[Portion, str]:
    """A portion from the food database (``foods_service.amount_of``) and the entry's kind
    (``kind`` None: inferred from the food, see :func:`inferred_kind`). A reading less sure
    than ``ASK_BELOW_CONFIDENCE`` is refused with the foods it may be (:func:`choices.unsure`).

    Raises:
        NotFound: no food matches (with suggestions).
        Invalid: unreadable phrase, an unsure reading (``extra["alternatives"]``), impossible
            amount, a unit that does not fit the food, or a solid food logged as a drink.
    """
    described = " ".join(phrase.split())
    read = foods_service.lookup(phrase)
    if read.confidence < c.ASK_BELOW_CONFIDENCE:
        raise choices.unsure(described, read)
    found = foods_service.amount_of(phrase)
    kind = inferred_kind(found.food, kind)
    check_drinkable(found.food, described, kind=kind)
    portion = _database_portion(found, described, kind=kind)
    return dataclasses.replace(portion, confidence=read.confidence), kind


def chosen_entry(phrase: str, food_id: str, *, kind: str | None) -> tuple[Portion, str]:
    """The amount typed in ``phrase``, of the database food the person chose among those
    offered (``foods_service.amount_for``), and the entry's kind; the entry reads as typed.

    Raises:
        NotFound: no such food.
        Invalid: the measure typed is not one the food has (``extra["food_id"]``), the amount
            is impossible, or a solid food is logged as a drink.
    """
    described = " ".join(phrase.split())
    food = foods_service.get_food(food_id)
    kind = inferred_kind(food, kind)
    check_drinkable(food, described, kind=kind)
    return _database_portion(foods_service.amount_for(phrase, food.id), described, kind=kind), kind


def lookup_portion(phrase: str, *, kind: str) -> Portion:
    """A portion from the food database logged as ``kind`` (see :func:`lookup_entry`)."""
    return lookup_entry(phrase, kind=kind)[0]


def food_id_entry(
    food_id: str, quantity: float, unit: str, *, kind: str | None
) -> tuple[Portion, str]:
    """A portion of a database food by id, e.g. ("usda:09040", 1, "medium") or (120, "g"), and
    the entry's kind (``kind`` None: inferred from the food).

    Raises:
        NotFound: no such food.
        Invalid: the unit is neither a mass, a volume the food can be weighed in, nor one of its
            measures; the amount is impossible; or a solid food is logged as a drink.
    """
    food = foods_service.get_food(food_id)
    kind = inferred_kind(food, kind)
    check_drinkable(food, f"{quantity:g} {unit} {food.name}", kind=kind)
    found = foods_service.portion(food.id, quantity, unit)
    return _database_portion(found, f"{quantity:g} {found.unit} {food.name}", kind=kind), kind


def food_id_portion(food_id: str, quantity: float, unit: str, *, kind: str) -> Portion:
    """A portion of a database food by id logged as ``kind`` (see :func:`food_id_entry`)."""
    return food_id_entry(food_id, quantity, unit, kind=kind)[0]


def _database_portion(found: foods_service.Amount, description: str, *, kind: str) -> Portion:
    """The portion of an amount of a database food; a drink also gets its volume (checked)."""
    volume = drink_volume(found) if kind == "drink" else None
    check_volume(volume, found.food.name)
    return Portion(
        description=description,
        food_ref=found.food.id,
        food_name=found.food.name,
        quantity=found.quantity,
        unit=found.unit,
        grams=round(found.grams, 2),
        volume_ml=volume,
        nutrients=found.nutrients,
        assumed=found.assumed,
    )


def drink_volume(found: foods_service.Amount) -> float:
    """Millilitres of a drink (check_drinkable has passed): the volume of its amount when the
    food database knows it (a volume, or a measure that is or states one), else from its
    weight at ``DRINK_DENSITY_G_PER_ML``."""
    if found.volume_ml is not None:
        return round(found.volume_ml, 1)
    return round(found.grams / DRINK_DENSITY_G_PER_ML, 1)


def rescaled_description(description: str, quantity: float) -> str:
    """An entry's description with its amount changed to ``quantity``: "2 cups of milk" → "3
    cups of milk" (``phrases.replace_amount``), or "3 × …" when it starts with no amount."""
    replaced = phrases.replace_amount(description, quantity)
    return f"{quantity:g} × {description}" if replaced is None else replaced
