"""What an amount of a food weighs: "2 cups", "1 medium" or "100 g" of it in grams (and ml).

The one place that turns a quantity of a unit or household measure into grams: a measure gives
its grams, a mass converts with pint, and a volume is weighed with the food's own measure of
that unit or else with its density from any of its volume measures (never a guess). It also
says what volume the amount holds when that is known, and refuses amounts nobody eats or drinks
at once (:func:`check_amount`). Pure: the foods come from :mod:`nightcramps.foods.catalogue`.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

from nightcramps import units
from nightcramps.constants import MAX_FOOD_ENTRY_G
from nightcramps.errors import Invalid
from nightcramps.foods import vocabulary
from nightcramps.foods.amounts import NutrientAmounts
from nightcramps.foods.catalogue import Food, Measure
from nightcramps.foods.schemas import FoodMatch, Lookup
from nightcramps.foods.search import stem, subject_words, words


@dataclass(frozen=True, slots=True)
class Amount:
    """An amount of one food: ``quantity`` × ``unit`` weighs ``grams``.

    ``unit`` is as shown to people: the food's own measure ("medium", "cup, sliced") or a unit
    symbol ("g", "cup"). ``volume_ml`` is the volume the amount holds when a volume was given
    or its measure is one or states one ("can 12 fl oz"), else None (a weight, a piece).
    """

    food: Food
    quantity: float
    unit: str
    grams: float
    volume_ml: float | None
    nutrients: NutrientAmounts  # in the whole amount
    assumed: str | None = None  # what was taken for an amount not said ("a coffee")

    @classmethod
    def of(
        cls, food: Food, quantity: float, unit: str, grams: float, volume_ml: float | None = None
    ) -> Amount:
        """The amount with its nutrients (``food.nutrients_for(grams)``)."""
        return cls(food, quantity, unit, grams, volume_ml, food.nutrients_for(grams))

    def to_lookup(
        self, phrase: str, *, confidence: float = 1.0, alternatives: list[FoodMatch] | None = None
    ) -> Lookup:
        """The API's shape of this amount, read from ``phrase``."""
        return Lookup(
            phrase=phrase,
            food=self.food.ref,
            quantity=self.quantity,
            unit=self.unit,
            grams=self.grams,
            nutrients=self.nutrients,
            assumed=self.assumed,
            confidence=round(confidence, 2),
            alternatives=alternatives or [],
        )


def of_measure(food: Food, quantity: float, measure: Measure, shown: str) -> Amount:
    """``quantity`` of one of the food's own measures (or a household one), shown as ``shown``;
    a household measure says where its size comes from in ``assumed``."""
    one_ml = measure.drunk_ml
    volume = None if one_ml is None else quantity * one_ml
    amount = Amount.of(food, quantity, shown, quantity * measure.grams, volume)
    if measure.source:
        assumed = (
            f"a {measure.base} taken as {measure.name.split(' (', 1)[1][:-1]} ({measure.source})"
        )
        return dataclasses.replace(amount, assumed=assumed)
    return amount


def of_mass(food: Food, quantity: float, unit: str) -> Amount:
    """``quantity`` of a mass unit ("ounce") of the food."""
    return Amount.of(food, quantity, units.symbol(unit), units.to_grams(quantity, unit))


def of_volume(food: Food, quantity: float, unit: str, *, show_measure: bool) -> Amount | None:
    """``quantity`` of a volume unit ("cup") of the food: weighed with its own measure of that
    unit, else with its density from its first volume measure; None when it has no volume
    measure (the caller says so in its own words). With ``show_measure`` the amount is shown
    in the food's measure used ("cup, sliced"), else in the unit's symbol."""
    same = next((m for m in food.measures if m.unit == unit), None)
    if same is not None:
        grams = quantity * same.grams
    else:
        reference = next((m for m in food.measures if m.millilitres), None)
        if reference is None or reference.millilitres is None:
            return None
        grams_per_ml = reference.grams / reference.millilitres
        grams = units.to_millilitres(quantity, unit) * grams_per_ml
    shown = shown_as(same) if same is not None and show_measure else units.symbol(unit)
    return Amount.of(food, quantity, shown, grams, units.to_millilitres(quantity, unit))


def count_measure(food: Food) -> Measure | None:
    """The measure a bare count means: "2 bananas" → 2 × medium, "an avocado" → 1 avocado
    (vocabulary.COUNT_MEASURE_WORDS, best first, then the food's own noun)."""
    pieces = [m for m in food.measures if m.unit is None and not m.words & vocabulary.NOT_THIS_FOOD]
    head = set(words(food.name.split(",", 1)[0])) | subject_words(food.name)
    name_words = set(words(food.name))
    for measure in pieces:  # first the food's own noun: "1 almond", "1 bagel", "1 fry"
        if measure.base and set(words(measure.base.split(",", 1)[0])) <= name_words:
            return measure
    for word in vocabulary.COUNT_MEASURE_WORDS:
        for measure in pieces:
            if measure.base == word:
                return measure
        for measure in pieces:
            if word in measure.words and len(measure.words) <= 3:
                return measure
        if word == "piece":  # then the food's own noun: "1 avocado, NS as to ..."
            for measure in pieces:
                if stem(measure.base.split(" ", 1)[0]) in head:
                    return measure
    return None


SIZE_WORDS = frozenset({"small", "medium", "large", "regular", "big", "extra", "jumbo", "mini"})
"""Sizes typed before a food ("2 *medium* eggs"): when the food comes in one size only, its
one-piece measure is meant."""


def sized_count(food: Food, typed: list[str]) -> Measure | None:
    """The food's one-piece measure, when what was typed is only a size the food does not list
    ("2 medium eggs": FNDDS gives one egg size, "1 egg" = 50 g)."""
    if not typed or not set(typed) <= SIZE_WORDS:
        return None
    return count_measure(food)


def household(food: Food, typed: list[str], *, drink: bool) -> Measure | None:
    """A household measure from vocabulary.HOUSEHOLD for a food that lacks it among its own
    ("a mug of tea", "a handful of almonds"), as a measure of the food: a volume weighed with the
    food's density (a drink with no volume measure taken as water, 1 g/ml), a weight as it is.
    None when none was typed, or the food cannot be weighed by volume."""
    text = " ".join(typed)
    food_words = set(words(food.name))
    for size in vocabulary.HOUSEHOLD:
        if size.words != text and stem(size.words) != " ".join(stem(w) for w in typed):
            continue
        if size.when and not size.when & food_words:
            continue
        if size.g is not None:
            return _made_measure(f"{size.words} ({size.g:g} g)", size.g, None, size.source)
        assert size.ml is not None
        grams_per_ml = density(food) or (1.0 if drink else None)
        if grams_per_ml is None:
            return None
        name = f"{size.words} ({size.ml:g} ml)"
        return _made_measure(name, size.ml * grams_per_ml, size.ml, size.source)
    return None


def _made_measure(name: str, grams: float, ml: float | None, source: str) -> Measure:
    return Measure(
        name=name,
        grams=grams,
        unit=None,
        amount=1.0,
        base=name.split(" (", 1)[0],
        words=frozenset(words(name.split(" (", 1)[0])),
        stated_ml=ml,
        named_ml=ml,
        source=source,
    )


def density(food: Food) -> float | None:
    """Grams per millilitre of the food, from its first volume measure (None: it has none)."""
    reference = next((m for m in food.measures if m.millilitres), None)
    if reference is None or reference.millilitres is None:
        return None
    return reference.grams / reference.millilitres


def usual_portion(food: Food, *, drink: bool) -> Measure | None:
    """The portion of a food named with no amount or measure ("a coffee", "a yogurt", "an
    apple"): one piece when it comes in pieces (not a drink), else the survey's default portion
    (FNDDS "Quantity not specified"), else its first household measure (SR lists the usual
    one first)."""
    counted = None if drink else count_measure(food)
    if counted is not None:
        return counted
    if food.default_measure is not None:
        return food.default_measure
    return next((m for m in food.measures if m.unit is None), None)


def shown_as(measure: Measure) -> str:
    """How a measure is named in a lookup: "tbsp" for USDA's "tbsp", else USDA's own name."""
    if measure.unit is not None and measure.name.lower() == measure.base:
        return units.symbol(measure.unit)
    return measure.name


def measure_list(food: Food) -> str:
    """The food's first measures with their weights, for a message: "1 cup (244 g), ..."."""
    names = [f"1 {m.name} ({m.grams:g} g)" for m in food.measures[:8]]
    return ", ".join(names) if names else "none"


def number(value: float) -> str:
    """A quantity as a message quotes it: "1.5", "9000", "2,000,000"."""
    return f"{value:g}" if value < 1e6 else f"{value:,.0f}"


def check_amount(
    quantity: float,
    grams: float | None,
    what: str,
    *,
    unit: str = "",
    phrase: bool = False,
) -> None:
    """Refuse an amount nobody eats or drinks at once: not a positive number, or more than
    ``MAX_FOOD_ENTRY_G`` (``grams`` None: not known yet, not checked).

    ``what`` names the food. With ``phrase`` the amount was typed as ``quantity`` ``unit`` in a
    phrase, and the message and ``fields["phrase"]`` point there; else at the quantity.

    Raises:
        Invalid: with a message that says what to change.
    """
    if not math.isfinite(quantity) or quantity <= 0:
        if phrase:
            raise Invalid(
                f"{number(quantity)} is not an amount you can eat or drink; give a positive "
                "amount, e.g. '1 cup' or '100 g'.",
                fields={"phrase": "the amount must be more than zero"},
            )
        raise Invalid(
            f"{quantity:g} is not an amount; give a positive amount of {what}.",
            fields={"quantity": "must be more than zero"},
        )
    if grams is None or grams <= MAX_FOOD_ENTRY_G:
        return
    most = f"one entry can be at most {MAX_FOOD_ENTRY_G / 1000:g} kg"
    too_much = f"more than {MAX_FOOD_ENTRY_G:g} g"
    if phrase:
        raise Invalid(
            f"{number(quantity)} {unit} of {what} would be {grams / 1000:,.1f} kg; {most}. "
            "Check the amount (or log it as several entries).",
            fields={"phrase": too_much},
        )
    raise Invalid(
        f"That is {grams / 1000:,.1f} kg of {what}; {most}. Check the amount (or log several "
        "entries).",
        fields={"quantity": too_much},
    )
